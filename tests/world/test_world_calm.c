/*
** test_world_calm.c - the calm path of the people pass (src/world/calm.h)
** changes nothing: a world run with it and the same world run with every
** person taken through the whole day one by one end every day with the same
** people, bit for bit (levels, status, flags, disease, jail terms), and the
** same sums of the day. Run on the default world, on one with an epidemic
** among the people at home, and on one where riots, flight and recruitment at
** home are common, so that the calm test's every clause turns people away;
** and on mali2012 and burundi2015 built from ../shared. On a machine without
*AVX-512 the calm path is never taken and
** the test says so and skips.
*/
#include "world_fixture.h"

#include <string.h>
#include <humsec/flight.h>
#include <humsec/region.h>

#include "world/calm.h"
#include "world/world_internal.h"

#define DAYS 240

static hs_world_sim *create(const hs_world_scenario *sc, int calm_off)
{
    hs_world_sim *sim;
    hs_error err;
    if (hs_world_sim_create(&sim, sc, 11, &err) != HS_OK) world_fail(&err, "create");
    hs_world_sim_set_threads(sim, 2);
    sim->calm_off = calm_off;
    return sim;
}

static void assert_same_people(const hs_world_sim *a, const hs_world_sim *b, long day)
{
    const world_people *pa = &a->pp, *pb = &b->pp;
    assert_int_equal(pa->n, pb->n);
    size_t n = pa->n;
    int same = memcmp(pa->level, pb->level, n * HS_DIM_COUNT * sizeof *pa->level) == 0 &&
               memcmp(pa->status, pb->status, n) == 0 && memcmp(pa->flags, pb->flags, n) == 0 &&
               memcmp(pa->disease, pb->disease, n) == 0 &&
               memcmp(pa->jail, pb->jail, n * sizeof *pa->jail) == 0;
    size_t cells = (size_t)a->nloc * (size_t)a->nstates * A_COUNT;
    int same_sums = memcmp(a->acc, b->acc, cells * sizeof *a->acc) == 0;
    if (!same || !same_sums)
        fail_msg("day %ld: the calm path changed %s", day, same ? "the day's sums" : "people");
}

/* Step both worlds day by day for days days; returns the calm path's
** person-days. With infect_every > 0, every infect_every-th person starts
** infected, at home. */
static int64_t run_both(const hs_world_scenario *sc, size_t infect_every, long days)
{
    hs_world_sim *with = create(sc, 0), *without = create(sc, 1);
    hs_error err;
    for (size_t i = 0; infect_every && i < with->pp.n; i += infect_every)
        with->pp.disease[i] = without->pp.disease[i] = WORLD_INFECTED;
    for (long d = 0; d < days; d++) {
        if (hs_world_sim_step(with, &err) != HS_OK) world_fail(&err, "step (calm path)");
        if (hs_world_sim_step(without, &err) != HS_OK) world_fail(&err, "step (one by one)");
        assert_same_people(with, without, d);
    }
    assert_int_equal(without->calm_days, 0);
    int64_t calm = with->calm_days;
    double all = hs_world_sim_agent_days(with);
    hs_world_sim_free(with);
    hs_world_sim_free(without);
    /* Most people's days are calm in the default: the path is really tested. */
    assert_true((double)calm > 0.3 * all);
    return calm;
}

static int needs_avx512(void)
{
    if (world_calm_available()) return 1;
    print_message("skipped: this machine has no AVX-512, so the calm path is never taken\n");
    return 0;
}

/* The default at a tenth of its people, infect_every as run_both's. */
static void small_world_both(size_t infect_every)
{
    if (!needs_avx512()) skip();
    hs_world_scenario *sc = world_small();
    run_both(sc, infect_every, DAYS);
    hs_world_scenario_free(sc);
}

static void default_world_same_with_and_without(void **state)
{
    (void)state;
    small_world_both(0);
}

/* An epidemic among the people at home: infection drawn every day. */
static void epidemic_world_same_with_and_without(void **state)
{
    (void)state;
    small_world_both(50);
}

/* Riots and recruitment at home common: low threshold, high rates. */
static void unrest_world_same_with_and_without(void **state)
{
    (void)state;
    if (!needs_avx512()) skip();
    hs_world_scenario *sc = world_small();
    sc->params.cv_threshold = 0.05;
    sc->params.m6_home = 0.2;
    sc->params.m6_threshold = 0.05;
    sc->params.critical[HS_DIM_ECONOMIC] = 0.9;
    sc->params.flee_rate = 0.2;
    run_both(sc, 0, DAYS);
    hs_world_scenario_free(sc);
}

/* Real cases, built from their Flee folders and the countries' indicators
** (one agent for many people), over the case's whole length. */
static void real_cases_same_with_and_without(void **state)
{
    (void)state;
    const char *data = test_shared_or_skip("data");
    if (!data || !needs_avx512()) return;
    static const char *const cases[] = {"mali2012", "burundi2015"};
    char dir[4096], data_dir[4096];
    snprintf(data_dir, sizeof data_dir, "%s", data);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char sub[64];
        snprintf(sub, sizeof sub, "validation/flee/%s", cases[k]);
        snprintf(dir, sizeof dir, "%s", test_shared_or_skip(sub));
        hs_flight_case c;
        hs_flight_settings s;
        hs_error err;
        hs_flight_settings_default(&s);
        if (hs_flight_case_load(&c, dir, NULL, &s, &err) != HS_OK) world_fail(&err, cases[k]);
        hs_region r;
        hs_region_opts o = {.data_dir = data_dir, .max_agents = 20000};
        if (hs_region_build(&r, &c, &s, &o, &err) != HS_OK) world_fail(&err, cases[k]);
        run_both(r.sc, 0, r.sc->days);
        hs_region_free(&r);
        hs_flight_case_free(&c);
    }
}

/* The least word: draws below it take a rule, those at or above do not. */
static void least_word_is_the_boundary(void **state)
{
    (void)state;
    const double bounds[] = {0.0, 1e-12, 2.2e-10, 0.0002, 0.0225, 0.5, 0.999999999, 1.0, 2.0};
    for (size_t k = 0; k < sizeof bounds / sizeof *bounds; k++) {
        double b = bounds[k];
        uint64_t w = world_calm_least_word(b);
        assert_true(w <= (uint64_t)1 << 32);
        if (w > 0) assert_true(world_u01((uint32_t)(w - 1)) < b);
        if (w <= UINT32_MAX) assert_true(world_u01((uint32_t)w) >= b);
    }
    assert_int_equal(world_calm_least_word(0.0), 0);
    assert_true(world_calm_least_word(1.0) == (uint64_t)1 << 32);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(least_word_is_the_boundary),
        cmocka_unit_test(default_world_same_with_and_without),
        cmocka_unit_test(epidemic_world_same_with_and_without),
        cmocka_unit_test(unrest_world_same_with_and_without),
        cmocka_unit_test(real_cases_same_with_and_without),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
