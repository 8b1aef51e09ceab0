/*
** test_compare.c - `humsec compare` (compare.h): the statistics against values
** computed by hand, the day one arm overtakes another, common random numbers
** shrinking the spread of a paired difference on the default world, the tables
** of a small experiment (and the same on 1 and 2 threads), an experiment over
** uncertain parameters with its sensitivity, PRIM and database tables, resuming
** from a journal (and after a kill) to the same tables, and bad experiment files
** refused naming file, line and key.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
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

static const char *const tables[] = {"runs.csv",        "outcomes.csv", "effects.csv", "series.csv",
                                     "sensitivity.csv", "prim.csv",     "params.yml"};

/* Run x into dir; the number of runs found done in the journal into *resumed. */
static void run_into(const hs_experiment *x, const char *dir, int threads, long *resumed)
{
    hs_outdir o;
    hs_error err;
    assert_int_equal(hs_outdir_open(&o, dir, &err), HS_OK);
    hs_cmp_progress prog = {NULL, NULL, 0};
    if (hs_experiment_run(x, &o, threads, &prog, &err) != HS_OK) {
        char msg[2048];
        hs_error_format(&err, msg, sizeof msg);
        fail_msg("run: %s", msg);
    }
    assert_int_equal(hs_outdir_commit(&o, &err), HS_OK);
    if (resumed) *resumed = prog.resumed;
}

static char *read_in(const char *dir, const char *file)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return test_exists(path) ? test_read(path) : NULL;
}

static char *run_to(const hs_experiment *x, const char *dir, int threads, const char *file)
{
    run_into(x, dir, threads, NULL);
    hs_error err;
    assert_int_equal(hs_experiment_journal_remove(dir, &err), HS_OK);
    return read_in(dir, file);
}

/* Every table of two output folders is the same (timing.csv aside). */
static void same_tables(const char *a, const char *b)
{
    for (size_t k = 0; k < sizeof tables / sizeof *tables; k++) {
        char *ta = read_in(a, tables[k]), *tb = read_in(b, tables[k]);
        assert_true((ta == NULL) == (tb == NULL));
        if (ta && strcmp(ta, tb) != 0) fail_msg("%s differs between %s and %s", tables[k], a, b);
        free(ta), free(tb);
    }
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
    same_tables(d1, d2);
    /* A row per arm other than the baseline, outcome and horizon, and a header. */
    assert_int_equal(lines(e1), 1 + 1 * HS_CMP_COUNT * 2);
    char path[4300];
    snprintf(path, sizeof path, "%s/outcomes.csv", d1);
    char *oc = test_read(path);
    assert_int_equal(lines(oc), 1 + 2 * 3 * HS_CMP_COUNT * 2);
    snprintf(path, sizeof path, "%s/runs.csv", d1);
    char *runs = test_read(path);
    assert_int_equal(lines(runs), 1 + 2 * 3);
    assert_non_null(strstr(runs, "\n1,want,want,0,0,1,120\n"));
    /* The journal goes with the commit; no tables of uncertain parameters. */
    char journal[4300];
    snprintf(journal, sizeof journal, "%s.journal", d1);
    assert_false(test_exists(journal));
    assert_null(read_in(d1, "sensitivity.csv"));

    /* Only the outcomes the file lists. */
    char text[4096], d3[4200];
    snprintf(text, sizeof text, "%soutcomes: [hdi_like, deaths]\n", small_experiment);
    hs_experiment y;
    assert_int_equal(hs_experiment_load(&y, write_experiment("some", text), &err), HS_OK);
    snprintf(d3, sizeof d3, "%s/t3", test_tmpdir("compare-some"));
    char *e3 = run_to(&y, d3, 2, "effects.csv"), *o3 = read_in(d3, "outcomes.csv");
    assert_int_equal(lines(e3), 1 + 2 * 2);
    assert_int_equal(lines(o3), 1 + 2 * 3 * 2 * 2);
    assert_null(strstr(o3, ",displaced,"));
    assert_non_null(strstr(e3, ",hdi_like,"));
    free(e3), free(o3);
    hs_experiment_free(&y);
    free(e1), free(e2), free(oc), free(runs);
    hs_experiment_free(&x);
}

static const char uncertain_experiment[] =
    "model: experiment\n"
    "name: uncertain\n"
    "replicates: 2\n"
    "days: 40\n"
    "scale: 0.03\n"
    "horizons: [20, 40]\n"
    "arms:\n"
    "  - {name: none, doctrine: none}\n"
    "  - {name: fear, doctrine: fear, set: {flight.rate: 0.02}}\n"
    "uncertain:\n"
    "  design: lhs\n"
    "  samples: 6\n"
    "  parameters:\n"
    "    - {name: budget, low: 0.05, high: 0.3}\n"
    "    - {name: war.offence_defence, low: 0.5, high: 2, distribution: log_uniform}\n";

static long sql_count(const char *db_path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void an_experiment_over_uncertain_parameters(void **state)
{
    (void)state;
    hs_experiment x;
    hs_error err;
    assert_int_equal(
        hs_experiment_load(&x, write_experiment("uncertain", uncertain_experiment), &err), HS_OK);
    assert_int_equal(hs_experiment_runs(&x), 6 * 2 * 2);
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/u", test_tmpdir("compare-uncertain"));
    char *runs = run_to(&x, dir, 2, "runs.csv");
    assert_non_null(strstr(runs, "run,arm,doctrine,sample,replicate,seed,days,budget,"
                                 "war.offence_defence,flight.rate\n"));
    /* Each run's budget is the sample's, one in each sixth of [0.05, 0.3]; the
    ** fear arm's own flight.rate wins, the none arm keeps the scenario's. */
    int stratum[6] = {0};
    hs_world_params def;
    hs_world_params_default(&def);
    const char *line = strchr(runs, '\n') + 1;
    for (long run = 0; run < 24; run++) {
        long r, sample, rep;
        char arm[16], doc[16];
        double budget, od, rate;
        assert_int_equal(sscanf(line, "%ld,%15[^,],%15[^,],%ld,%ld,%*d,%*d,%lf,%lf,%lf", &r, arm,
                                doc, &sample, &rep, &budget, &od, &rate),
                         8);
        assert_int_equal(r, run);
        assert_true(budget > 0.05 && budget < 0.3 && od > 0.5 && od < 2.0);
        if (rep == 0 && strcmp(arm, "none") == 0) stratum[(int)((budget - 0.05) / 0.25 * 6)]++;
        assert_true(strcmp(arm, "fear") == 0 ? rate == 0.02 : rate == def.flee_rate);
        line = strchr(line, '\n') + 1;
    }
    for (int k = 0; k < 6; k++)
        assert_int_equal(stratum[k], 1);
    /* Rank correlations for each arm and each effect, outcome, horizon and parameter;
    ** a PRIM box per effect, outcome and horizon, a row per parameter. */
    char *sens = read_in(dir, "sensitivity.csv"), *prim = read_in(dir, "prim.csv");
    assert_non_null(sens);
    assert_non_null(prim);
    assert_int_equal(lines(sens), 1 + 3 * HS_CMP_COUNT * 2 * 2);
    assert_non_null(strstr(sens, "\nspearman,fear vs none,deaths,40,budget,rho,"));
    assert_int_equal(lines(prim), 1 + 1 * HS_CMP_COUNT * 2 * 2);
    /* The database holds every table's rows. */
    char db[4300];
    snprintf(db, sizeof db, "%s/results.sqlite", dir);
    char *oc = read_in(dir, "outcomes.csv");
    assert_int_equal(sql_count(db, "SELECT count(*) FROM outcomes"), lines(oc) - 1);
    assert_int_equal(sql_count(db, "SELECT count(*) FROM runs WHERE \"flight.rate\" = 0.02"), 12);
    assert_int_equal(sql_count(db, "SELECT count(*) FROM sensitivity"), lines(sens) - 1);
    assert_int_equal(sql_count(db, "SELECT count(*) FROM prim WHERE restricted IN (0, 1)"),
                     lines(prim) - 1);
    free(runs), free(sens), free(prim), free(oc);
    hs_experiment_free(&x);
}

static void sobol_and_morris_designs_on_the_world(void **state)
{
    (void)state;
    static const char *const designs[2] = {"design: sobol\n  samples: 4",
                                           "design: morris\n  samples: 3"};
    static const char *const index[2] = {",S1,", ",mu_star,"};
    for (int d = 0; d < 2; d++) {
        char text[4096];
        const char *at = strstr(uncertain_experiment, "design: lhs\n  samples: 6");
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - uncertain_experiment),
                 uncertain_experiment, designs[d], at + strlen("design: lhs\n  samples: 6"));
        hs_experiment x;
        hs_error err;
        assert_int_equal(hs_experiment_load(&x, write_experiment("design", text), &err), HS_OK);
        /* Sobol: 4 x (2 + 2) points; Morris: 3 x (2 + 1). */
        assert_int_equal(hs_experiment_points(&x), d == 0 ? 16 : 9);
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/d%d", test_tmpdir("compare-design"), d);
        char *sens = run_to(&x, dir, 2, "sensitivity.csv");
        assert_non_null(strstr(sens, index[d]));
        free(sens);
        hs_experiment_free(&x);
    }
}

/* Runs found in the journal are not run again, and the tables are the same. */
static void an_interrupted_experiment_resumes(void **state)
{
    (void)state;
    hs_experiment x;
    hs_error err;
    assert_int_equal(
        hs_experiment_load(&x, write_experiment("uncertain", uncertain_experiment), &err), HS_OK);
    char whole[4200], part[4200], journal[4300];
    snprintf(whole, sizeof whole, "%s/whole", test_tmpdir("compare-resume"));
    snprintf(part, sizeof part, "%s/part", test_tmpdir("compare-resume"));
    free(run_to(&x, whole, 2, "runs.csv"));
    /* A journal of which some runs are missing, and one cut short. */
    run_into(&x, part, 2, NULL);
    snprintf(journal, sizeof journal, "%s.journal", part);
    long removed = 0;
    for (long run = 0; run < 24; run += 3, removed++) {
        char f[4400];
        snprintf(f, sizeof f, "%s/run-%07ld.bin", journal, run);
        assert_int_equal(unlink(f), 0);
    }
    char f[4400];
    snprintf(f, sizeof f, "%s/run-%07d.bin", journal, 1);
    assert_int_equal(truncate(f, 100), 0);
    removed++;
    long resumed;
    run_into(&x, part, 1, &resumed);
    assert_int_equal(resumed, 24 - removed);
    same_tables(whole, part);
    /* Another experiment's journal is not used. */
    hs_experiment y;
    char other[sizeof uncertain_experiment + 8];
    snprintf(other, sizeof other, "%s", uncertain_experiment);
    memcpy(strstr(other, "samples: 6"), "samples: 2", 10);
    assert_int_equal(hs_experiment_load(&y, write_experiment("uncertain", other), &err), HS_OK);
    run_into(&y, part, 2, &resumed);
    assert_int_equal(resumed, 0);
    assert_int_equal(hs_experiment_journal_remove(part, &err), HS_OK);
    hs_experiment_free(&y);
    hs_experiment_free(&x);
}

/* The command killed after its third run, started again: the same tables. */
static void a_killed_experiment_resumes(void **state)
{
    (void)state;
    const char *bin = getenv("HUMSEC_BIN");
    if (!bin) skip();
    const char *file = write_experiment("kill", small_experiment);
    char whole[4200], killed[4200];
    snprintf(whole, sizeof whole, "%s/whole", test_tmpdir("compare-kill"));
    snprintf(killed, sizeof killed, "%s/killed", test_tmpdir("compare-kill"));
    for (int k = 0; k < 3; k++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (k == 1) setenv("HUMSEC_FAULT", "compare_run_3", 1);
            execl(bin, bin, "compare", file, "-o", k == 0 ? whole : killed, "--quiet", "--threads",
                  "2", (char *)NULL);
            _exit(127);
        }
        int status;
        assert_true(waitpid(pid, &status, 0) == pid);
        if (k == 1) {
            assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
            assert_false(test_exists(killed));
        } else {
            assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
    }
    same_tables(whole, killed);
}

/* humsec ensemble on a world scenario: one arm, the scenario's own doctrine, horizons at a
** quarter, half and all of the days. */
static void an_ensemble_is_the_one_arm_experiment(void **state)
{
    (void)state;
    hs_experiment x;
    hs_error err;
    assert_int_equal(hs_experiment_of_scenario(&x, NULL, 2, 5, 60, &err), HS_OK);
    assert_int_equal(x.narms, 1);
    assert_int_equal(x.arms[0].doctrine, -1);
    assert_int_equal(x.nhorizons, 3);
    assert_true(x.horizons[0] == 15 && x.horizons[1] == 30 && x.horizons[2] == 60);
    x.scale = 0.05;
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/e", test_tmpdir("compare-ensemble"));
    char *runs = run_to(&x, dir, 2, "runs.csv");
    assert_non_null(strstr(runs, "\n1,scenario,scenario,0,1,6,60\n"));
    char *series = read_in(dir, "series.csv"), *effects = read_in(dir, "effects.csv");
    assert_int_equal(lines(series), 1 + HS_CMP_COUNT * 60);
    assert_int_equal(lines(effects), 1);
    free(runs), free(series), free(effects);
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
        {"doctrine: want}\n",
         "doctrine: want}\noutcomes: [deaths, peace]\n",
         {"outcomes[1]", "not one of"}},
        {"doctrine: want}",
         "doctrine: want, set: {flight.speed: 1}}",
         {"arms[1].set.flight.speed", "not a parameter"}},
        {"doctrine: want}",
         "doctrine: want, set: {flight.rate: 3}}",
         {"arms[1].set.flight.rate", "outside"}},
        {"doctrine: want}\n",
         "doctrine: want}\nuncertain: {design: lhs, parameters: []}\n",
         {"bad.yml:10:", "uncertain.parameters"}},
        {"doctrine: want}\n",
         "doctrine: want}\nuncertain: {design: sobel, parameters: [{name: flight.rate, low: 0, "
         "high: 1}]}\n",
         {"uncertain.design", "not one of"}},
        {"doctrine: want}\n",
         "doctrine: want}\nuncertain: {parameters: [{name: flight.rate, low: 0, high: 2}]}\n",
         {"uncertain.parameters[0].low", "inside the range"}},
        {"doctrine: want}\n",
         "doctrine: want}\nuncertain: {parameters: [{name: flight.rate, low: 0, high: 0.5, "
         "distribution: log_uniform}]}\n",
         {"uncertain.parameters[0].low", "low > 0"}},
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
        cmocka_unit_test(an_experiment_over_uncertain_parameters),
        cmocka_unit_test(sobol_and_morris_designs_on_the_world),
        cmocka_unit_test(an_interrupted_experiment_resumes),
        cmocka_unit_test(a_killed_experiment_resumes),
        cmocka_unit_test(an_ensemble_is_the_one_arm_experiment),
        cmocka_unit_test(bad_experiments_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
