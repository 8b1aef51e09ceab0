/*
** test_runs.c - whole-run properties of the flight process: every person is
** somewhere, counts add up and never go negative, and the same seed gives
** byte-identical output on 1 and 2 threads.
*/
#include "flight_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/outdir.h>
#include <humsec/table.h>

/* Check every invariant on the run's final state and its whole record. */
static void check_invariants(const hs_flight_sim *sim)
{
    const hs_flight_case *c = sim->c;
    const hs_geo *w = c->geo;
    const hs_people *p = hs_flight_sim_people(sim);
    int32_t *at = calloc((size_t)w->nloc, sizeof *at);
    long travelling = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->link[i] < 0) {
            assert_true(p->loc[i] >= 0 && p->loc[i] < w->nloc);
            at[p->loc[i]]++;
        } else {
            assert_true(p->link[i] < w->nlinks);
            assert_int_equal(p->loc[i], w->link_from[p->link[i]]);
            assert_true(p->link_km[i] >= 0 && p->link_km[i] <= w->link_km[p->link[i]]);
            travelling++;
        }
        assert_true(p->home[i] >= 0 && p->home[i] < w->nloc);
    }
    long days = hs_flight_sim_days(sim);
    const int32_t *last = hs_flight_sim_counts(sim, days - 1);
    for (int i = 0; i < w->nloc; i++)
        assert_int_equal(at[i], last[i]);
    assert_int_equal(travelling, hs_flight_sim_day(sim, days - 1)->travelling);
    long spawned = 0,
         initial = hs_flight_sim_day(sim, 0)->people - hs_flight_sim_day(sim, 0)->spawned;
    for (long d = 0; d < days; d++) {
        const hs_flight_day *r = hs_flight_sim_day(sim, d);
        const int32_t *n = hs_flight_sim_counts(sim, d);
        long sum = 0;
        for (int i = 0; i < w->nloc; i++) {
            assert_true(n[i] >= 0); /* camp (and every) count never negative */
            sum += n[i];
        }
        spawned += r->spawned;
        assert_int_equal(sum + r->travelling, r->people); /* in a location or on a link */
        assert_int_equal(r->people, initial + spawned);   /* nobody appears or vanishes */
    }
    free(at);
}

static hs_flight_sim *run_case(const hs_flight_case *c, const hs_flight_settings *s, uint64_t seed,
                               int threads, long days)
{
    hs_flight_sim *sim = fixture_sim(c, s, seed);
    hs_flight_sim_set_threads(sim, threads);
    hs_error err;
    assert_int_equal(hs_flight_sim_run(sim, days, NULL, NULL, &err), HS_OK);
    return sim;
}

static char *write_and_read(const hs_flight_sim *sim, const char *dir, const char *file)
{
    hs_outdir o;
    hs_error err;
    assert_int_equal(hs_outdir_open(&o, dir, &err), HS_OK);
    assert_int_equal(hs_flight_sim_write(sim, &o, 0.0, &err), HS_OK);
    assert_int_equal(hs_outdir_commit(&o, &err), HS_OK);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    char *text = test_read(path);
    assert_non_null(text);
    return text;
}

static void same_output_on_one_and_two_threads(const hs_flight_case *c, const hs_flight_settings *s,
                                               long days, const char *name)
{
    char d1[8192], d2[8192], d3[8192];
    snprintf(d1, sizeof d1, "%s/t1", test_tmpdir(name));
    snprintf(d2, sizeof d2, "%s/t2", test_tmpdir(name));
    snprintf(d3, sizeof d3, "%s/s2", test_tmpdir(name));
    hs_flight_sim *a = run_case(c, s, 11, 1, days), *b = run_case(c, s, 11, 2, days),
                  *other = run_case(c, s, 12, 2, days);
    check_invariants(a);
    check_invariants(other);
    const char *files[] = {"locations.csv", "daily.csv"};
    for (int f = 0; f < 2; f++) {
        char *x = write_and_read(a, d1, files[f]), *y = write_and_read(b, d2, files[f]),
             *z = write_and_read(other, d3, files[f]);
        assert_string_equal(x, y);           /* byte-identical across thread counts */
        assert_true(f == 1 || strcmp(x, z)); /* another seed, another run */
        free(x);
        free(y);
        free(z);
    }
    hs_flight_sim_free(a);
    hs_flight_sim_free(b);
    hs_flight_sim_free(other);
}

static void default_case_invariants_and_threads(void **state)
{
    (void)state;
    hs_flight_case c;
    hs_flight_settings s;
    hs_error err;
    assert_int_equal(hs_flight_case_default(&c, &s, &err), HS_OK);
    same_output_on_one_and_two_threads(&c, &s, -1, "default");
    hs_flight_case_free(&c);
}

static void mali_invariants_and_threads(void **state)
{
    (void)state;
    const char *dir = test_shared_or_skip("validation/flee/mali2012");
    char case_dir[2048], settings[4096];
    snprintf(case_dir, sizeof case_dir, "%s", dir);
    snprintf(settings, sizeof settings, "%s/simsetting_validation.yml", case_dir);
    hs_flight_settings s;
    hs_flight_case c;
    hs_error err;
    hs_flight_settings_default(&s);
    assert_int_equal(hs_flight_settings_load(&s, settings, &err), HS_OK);
    assert_int_equal(hs_flight_case_load(&c, case_dir, NULL, &s, &err), HS_OK);
    /* One location per row of the case's locations.csv, one camp per camp row. */
    char path[4200];
    snprintf(path, sizeof path, "%s/input_csv/locations.csv", case_dir);
    hs_table t;
    assert_int_equal(hs_table_read(&t, path, 0, &err), HS_OK);
    int type = hs_table_column(&t, "location_type");
    assert_true(type >= 0);
    int camps = 0;
    for (size_t r = 1; r < t.nrows; r++)
        camps += strcmp(hs_table_get(&t, r, type), "camp") == 0;
    assert_int_equal(c.geo->nloc, (int)t.nrows - 1);
    assert_int_equal(c.ncamps, camps);
    hs_table_free(&t);
    same_output_on_one_and_two_threads(&c, &s, 120, "mali");
    hs_flight_case_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_case_invariants_and_threads),
        cmocka_unit_test(mali_invariants_and_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
