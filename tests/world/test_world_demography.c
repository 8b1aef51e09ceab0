/*
** test_world_demography.c - people are born, age and die at their state's
** rates (P5 of patterns.md): the life table reproduces the life expectancy it
** was solved for; the stable population has the birth rate asked for; in a
** run, a state at peace has crude birth and death rates within four standard
** errors (Poisson) of its demography's, and both inside the real bands (births
** 10-45, deaths 5-12 per 1,000 a year, UN World Population Prospects 2022);
** infant deaths per birth at peace are the life table's chance of dying in
** the first year; maternal deaths per birth are low + high (1 - services)^2.
*/
#include "world_fixture.h"

#include "world/world_internal.h"

static void the_life_table_gives_its_life_expectancy(void **state)
{
    (void)state;
    static const double e0s[] = {45.0, 61.0, 74.0, 84.0};
    for (size_t k = 0; k < sizeof e0s / sizeof *e0s; k++) {
        world_demog d;
        hs_error err;
        if (world_demog_init(&d, e0s[k], 0.025, 0.085, "S", &err) != HS_OK)
            world_fail(&err, "demography");
        /* e0 again from the survival curve, by a finer sum than the solver's. */
        double e0 = 0.0;
        for (int y = 0; y < WORLD_MAX_AGE; y++)
            for (int q = 0; q < 100; q++) {
                double t = (q + 0.5) / 100.0;
                e0 += exp(-(d.cumhaz[y] + d.hazard[y] * t)) / 100.0;
            }
        if (fabs(e0 - e0s[k]) > 0.01) fail_msg("e0 %.3f for %.1f", e0, e0s[k]);
        /* Crude rates: births as asked; deaths below births when the population grows. */
        assert_true(fabs(d.birth_rate - 0.025) < 1e-12);
        assert_true(fabs(d.birth_rate - d.death_rate - d.growth) < 1e-12);
        assert_true(d.agecdf[WORLD_MAX_AGE - 1] > 1.0 - 1e-9);
    }
    world_demog d;
    hs_error err;
    /* Nobody lives past WORLD_MAX_AGE: a longer life expectancy is refused. */
    assert_int_not_equal(world_demog_init(&d, 120.0, 0.025, 0.085, "S", &err), HS_OK);
}

static void death_days_follow_the_life_table(void **state)
{
    (void)state;
    world_demog d;
    hs_error err;
    if (world_demog_init(&d, 61.0, 0.036, 0.085, "S", &err) != HS_OK) world_fail(&err, "demog");
    /* Newborns' mean age at death is the life expectancy (within 4 standard errors). */
    const int n = 20000;
    double sum = 0.0, sq = 0.0;
    hs_stream rs = hs_stream_open(11, 0, 0, HS_RNG_WORLD);
    for (int i = 0; i < n; i++) {
        double age = (double)world_demog_death_day(&d, 0, 0, hs_stream_u01(&rs)) / 365.0;
        assert_true(age > 0.0 && age <= WORLD_MAX_AGE + 1);
        sum += age;
        sq += age * age;
    }
    double mean = sum / n, se = sqrt((sq / n - mean * mean) / n);
    print_message("mean age at death %.2f (e0 61, se %.2f)\n", mean, se);
    if (fabs(mean - 61.0) > 4.0 * se + 0.01) fail_msg("mean age at death %.2f", mean);
    /* Someone alive at 80 dies after today. */
    assert_true(world_demog_death_day(&d, 80 * 365, 100, 0.999) > 100);
}

static void a_state_at_peace_is_born_and_dies_at_its_rates(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_default();
    const int beria = 1;
    const long days = 365;
    hs_world_sim *sim = world_run(sc, 4, days, 0);
    long births = 0, deaths = 0;
    double people = 0.0;
    for (long d = 0; d < days; d++) {
        const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, beria, d);
        births += r->births;
        deaths += r->deaths[HS_DEATH_NATURAL];
        for (int k = 0; k < HS_PS_COUNT; k++)
            if (k != HS_PS_DEAD) people += (double)r->people[k];
    }
    double years = people / 365.0; /* person-years lived */
    world_demog d;
    hs_error err;
    if (world_demog_init(&d, sc->states[beria].life_expectancy, sc->states[beria].birth_rate,
                         sc->params.gompertz_slope, "Beria", &err) != HS_OK)
        world_fail(&err, "demography");
    double eb = d.birth_rate * years, ed = d.death_rate * years;
    print_message("Beria, one year: %ld births (expected %.0f), %ld deaths (expected %.0f) "
                  "in %.0f person-years\n",
                  births, eb, deaths, ed, years);
    assert_true(fabs((double)births - eb) < 4.0 * sqrt(eb));
    assert_true(fabs((double)deaths - ed) < 4.0 * sqrt(ed));
    double cbr = 1000.0 * (double)births / years, cdr = 1000.0 * (double)deaths / years;
    assert_true(cbr >= 10.0 && cbr <= 45.0);
    assert_true(cdr >= 5.0 && cdr <= 12.0);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* In a stable population at peace, infants who die in a year per child born in
** it is the life table's q0 = 1 - exp(-H(1)). */
static void infants_die_at_the_life_tables_rate(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_default();
    sc->params.maternal_high = sc->params.maternal_low = 0.0;
    const int beria = 1;
    hs_world_sim *sim = world_run(sc, 6, 730, 0);
    hs_world_totals t;
    hs_world_sim_totals(sim, beria, &t);
    world_demog d;
    hs_error err;
    if (world_demog_init(&d, sc->states[beria].life_expectancy, sc->states[beria].birth_rate,
                         sc->params.gompertz_slope, "Beria", &err) != HS_OK)
        world_fail(&err, "demography");
    double q0 = 1.0 - exp(-d.cumhaz[1]), e = q0 * (double)t.births;
    print_message("Beria, two years: %ld infant deaths, %ld births; expected %.1f (q0 %.4f); "
                  "infant mortality %.1f per 1,000\n",
                  t.infant_deaths, t.births, e, q0, t.infant_mortality);
    assert_true(fabs((double)t.infant_deaths - e) < 4.0 * sqrt(e));
    assert_true(t.infant_deaths <= t.deaths_all);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* Maternal deaths per birth are low + high (1 - P)^2 with P the place's
** services: Arland at peace with every place's services at s, for two s. */
static void mothers_die_as_health_services_fail(void **state)
{
    (void)state;
    double ratio[2];
    const double served[2] = {0.3, 0.9};
    for (int k = 0; k < 2; k++) {
        hs_world_scenario *sc = world_small();
        sc->nevents = 0;
        sc->params.maternal_high = 0.5; /* many deaths, so that the test has power */
        sc->params.maternal_low = 0.001;
        for (int l = 0; l < sc->geo.nloc; l++)
            if (sc->geo.loc_state[l] == 0) sc->services[l] = served[k];
        hs_world_sim *sim = world_run(sc, 8, 365, 0);
        hs_world_totals t;
        hs_world_sim_totals(sim, 0, &t);
        double m = 0.001 + 0.5 * (1.0 - served[k]) * (1.0 - served[k]);
        double e = m * (double)t.births, got = (double)t.deaths[HS_DEATH_MATERNAL];
        print_message("services %.1f: %ld births, %.0f maternal deaths, expected %.1f\n", served[k],
                      t.births, got, e);
        /* P is s x funding / strain, which the growing population moves by a few percent. */
        if (!(fabs(got - e) < 4.0 * sqrt(e) + 0.05 * e + 1.0))
            fail_msg("services %.1f: %.0f maternal deaths against %.1f", served[k], got, e);
        ratio[k] = got / (double)t.births;
        hs_world_sim_free(sim);
        hs_world_scenario_free(sc);
    }
    assert_true(ratio[0] > 5.0 * ratio[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_life_table_gives_its_life_expectancy),
        cmocka_unit_test(death_days_follow_the_life_table),
        cmocka_unit_test(a_state_at_peace_is_born_and_dies_at_its_rates),
        cmocka_unit_test(infants_die_at_the_life_tables_rate),
        cmocka_unit_test(mothers_die_as_health_services_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
