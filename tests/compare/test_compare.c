/*
** test_compare.c - `humsec compare` (compare.h): the statistics against values
** computed by hand, the day one arm overtakes another, common random numbers
** shrinking the spread of a paired difference on the default world, the tables
** of a small experiment (and the same on 1 and 2 threads), and bad experiment
** files refused naming file, line and key.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/compare.h>
#include <humsec/world.h>

static void paired_differences_by_hand(void **state)
{
    (void)state;
    const double a[4] = {10, 12, 9, 15}, b[4] = {8, 11, 9, 11};
    /* d = 2, 1, 0, 4: mean 7/4, sd sqrt(((1/4)^2 + (3/4)^2 + (7/4)^2 + (9/4)^2) / 3) =
    ** sqrt(35/12); t(0.975, 3) = 3.182446305284263 (tables). */
    hs_paired p;
    hs_paired_difference(a, b, 4, &p);
    double sd = sqrt(35.0 / 12.0), half = 3.182446305284263 * sd / 2.0;
    assert_int_equal(p.n, 4);
    assert_true(fabs(p.mean - 1.75) < 1e-12);
    assert_true(fabs(p.sd - sd) < 1e-12);
    assert_true(fabs(p.lo - (1.75 - half)) < 1e-9 && fabs(p.hi - (1.75 + half)) < 1e-9);
    hs_paired_difference(a, b, 1, &p);
    assert_true(p.mean == 2.0 && isnan(p.sd) && isnan(p.lo) && isnan(p.hi));
}

static void the_day_one_arm_overtakes(void **state)
{
    (void)state;
    const double d1[6] = {-1, -2, 0.5, -0.1, 0.2, 0.3}; /* ahead for good from day 4 */
    assert_int_equal(hs_overtaking_day(d1, 6), 4);
    const double d2[4] = {1, 2, 3, 4}; /* always ahead */
    assert_int_equal(hs_overtaking_day(d2, 4), 0);
    const double d3[3] = {1, -1, 0}; /* even at the end */
    assert_int_equal(hs_overtaking_day(d3, 3), -1);
}

/* Arland's people dead by day 300 of the default at a twentieth of its people. */
static double deaths_by_300(int doctrine, uint64_t seed)
{
    hs_world_scenario *sc;
    hs_error err;
    assert_int_equal(hs_world_scenario_default(&sc, &err), HS_OK);
    for (int l = 0; l < sc->geo.nloc; l++) {
        sc->people[l] = floor(sc->people[l] / 20.0);
        sc->capacity[l] = floor(sc->capacity[l] / 20.0);
    }
    hs_world_scenario_set_doctrine(sc, doctrine);
    hs_world_sim *sim;
    assert_int_equal(hs_world_sim_create(&sim, sc, seed, &err), HS_OK);
    assert_int_equal(hs_world_sim_run(sim, 300, NULL, NULL, &err), HS_OK);
    double v = 0.0;
    for (long d = 0; d < 300; d++)
        for (int c = 0; c < HS_DEATH_COUNT; c++)
            v += (double)hs_world_sim_record(sim, HS_SCOPE_NATIONALS, 0, d)->deaths[c];
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
    return v;
}

/* The arms of a replicate share their random numbers: the paired difference varies far
** less than the difference of runs with independent seeds. */
static void common_random_numbers_shrink_the_spread(void **state)
{
    (void)state;
    enum { N = 6 };
    double fear[N], none_same[N], none_other[N];
    for (int r = 0; r < N; r++) {
        fear[r] = deaths_by_300(HS_DOCTRINE_FEAR, (uint64_t)r + 1);
        none_same[r] = deaths_by_300(HS_DOCTRINE_NONE, (uint64_t)r + 1);
        none_other[r] = deaths_by_300(HS_DOCTRINE_NONE, (uint64_t)r + 101);
    }
    hs_paired crn, indep;
    hs_paired_difference(fear, none_same, N, &crn);
    hs_paired_difference(fear, none_other, N, &indep);
    print_message("fear - none, Arland's deaths by day 300: %.2f (sd %.3g) with common "
                  "random numbers, %.1f (sd %.3g) with independent seeds\n",
                  crn.mean, crn.sd, indep.mean, indep.sd);
    assert_true(crn.sd < 0.5 * indep.sd);
}

static const char *write_experiment(const char *name, const char *text)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/%s.yml", test_tmpdir("compare"), name);
    test_write(path, text);
    return path;
}

static const char small_experiment[] = "model: experiment\n"
                                       "name: small\n"
                                       "replicates: 3\n"
                                       "days: 120\n"
                                       "scale: 0.05\n"
                                       "horizons: [60, 120]\n"
                                       "arms:\n"
                                       "  - {name: none, doctrine: none}\n"
                                       "  - {name: want, doctrine: want}\n";

static char *run_to(const hs_experiment *x, const char *dir, int threads, const char *file)
{
    hs_outdir o;
    hs_error err;
    assert_int_equal(hs_outdir_open(&o, dir, &err), HS_OK);
    if (hs_experiment_run(x, &o, threads, NULL, NULL, &err) != HS_OK) {
        char msg[2048];
        hs_error_format(&err, msg, sizeof msg);
        fail_msg("run: %s", msg);
    }
    assert_int_equal(hs_outdir_commit(&o, &err), HS_OK);
    char path[4300];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return test_read(path);
}

static long lines(const char *s)
{
    long n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void a_small_experiment_on_one_and_two_threads(void **state)
{
    (void)state;
    hs_experiment x;
    hs_error err;
    assert_int_equal(hs_experiment_load(&x, write_experiment("small", small_experiment), &err),
                     HS_OK);
    char d1[4200], d2[4200];
    snprintf(d1, sizeof d1, "%s/t1", test_tmpdir("compare-run"));
    snprintf(d2, sizeof d2, "%s/t2", test_tmpdir("compare-run"));
    char *e1 = run_to(&x, d1, 1, "effects.csv"), *e2 = run_to(&x, d2, 2, "effects.csv");
    assert_string_equal(e1, e2);
    /* A row per arm other than the baseline, outcome and horizon, and a header. */
    assert_int_equal(lines(e1), 1 + 1 * HS_CMP_COUNT * 2);
    char path[4300];
    snprintf(path, sizeof path, "%s/outcomes.csv", d1);
    char *oc = test_read(path);
    assert_int_equal(lines(oc), 1 + 2 * 3 * HS_CMP_COUNT * 2);
    snprintf(path, sizeof path, "%s/runs.csv", d1);
    char *runs = test_read(path);
    assert_int_equal(lines(runs), 1 + 2 * 3);
    assert_non_null(strstr(runs, "\n1,want,want,0,1,120,"));
    free(e1), free(e2), free(oc), free(runs);
    hs_experiment_free(&x);
}

static void bad_experiments_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *expect[2];
    } bads[] = {
        {"doctrine: want", "doctrine: peace", {"arms[1].doctrine", "not one of"}},
        {"horizons: [60, 120]", "horizons: [120, 60]", {"horizons", "increasing"}},
        {"horizons: [60, 120]", "horizons: [60, 200]", {"horizons", "after the runs end"}},
        {"name: small\n", "name: small\nbaseline: fearless\n", {"baseline", "no arm"}},
        {"replicates: 3", "replicates: 0", {"replicates", "out of range"}},
        {"model: experiment", "model: human_security", {"model", "experiment"}},
    };
    for (size_t k = 0; k < sizeof bads / sizeof *bads; k++) {
        char text[4096];
        const char *at = strstr(small_experiment, bads[k].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - small_experiment), small_experiment,
                 bads[k].to, at + strlen(bads[k].from));
        hs_experiment x;
        hs_error err;
        if (hs_experiment_load(&x, write_experiment("bad", text), &err) == HS_OK) {
            hs_experiment_free(&x);
            fail_msg("accepted: %s", bads[k].to);
        }
        char msg[2048];
        hs_error_format(&err, msg, sizeof msg);
        print_message("%s\n", msg);
        assert_non_null(strstr(msg, "bad.yml"));
        for (int e = 0; e < 2; e++)
            if (!strstr(msg, bads[k].expect[e])) fail_msg("lacks '%s': %s", bads[k].expect[e], msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paired_differences_by_hand),
        cmocka_unit_test(the_day_one_arm_overtakes),
        cmocka_unit_test(common_random_numbers_shrink_the_spread),
        cmocka_unit_test(a_small_experiment_on_one_and_two_threads),
        cmocka_unit_test(bad_experiments_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
