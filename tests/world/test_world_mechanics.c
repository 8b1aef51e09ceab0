/*
** test_world_mechanics.c - single-run properties of the world's mechanisms:
** repression ratchets (M2: it falls more slowly than it rose), whole-run
** switches (no lethality, no deaths), and a switched-off mechanism holds its
** variable at the baseline.
*/
#include "world_fixture.h"

#include <stdlib.h>
#include <string.h>

/* One conflict in Norvik, days 30-130, and nothing else; flight, recruitment,
** legitimacy, cohesion and weakness off so that the threat follows the fighting. */
static void pulse(hs_world_scenario *sc)
{
    sc->nevents = 0;
    sc->events[sc->nevents++] = (hs_world_event){HS_EV_CONFLICT, 30, 130, 0, -1, 1, 0.8, 0};
    int off[] = {HS_M3_LEGITIMACY, HS_M4_FLIGHT, HS_M6_RECRUITMENT, HS_M7_COHESION, HS_M9_WEAKNESS};
    for (size_t k = 0; k < sizeof off / sizeof *off; k++)
        sc->params.on[off[k]] = 0;
}

/* Days to rise half-way to the peak after day 30, and to fall half-way back after it. */
static void half_times(const hs_world_sim *sim, long *rise, long *fall, double *peak)
{
    long days = hs_world_sim_days(sim), dp = 0;
    double r0 = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, 0, 0)->repression;
    *peak = r0;
    for (long d = 0; d < days; d++) {
        double r = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, 0, d)->repression;
        if (r > *peak) *peak = r, dp = d;
    }
    double half = r0 + 0.5 * (*peak - r0);
    *rise = *fall = -1;
    for (long d = 30; d < days && *rise < 0; d++)
        if (hs_world_sim_record(sim, HS_SCOPE_TERRITORY, 0, d)->repression >= half) *rise = d - 30;
    for (long d = dp; d < days && *fall < 0; d++)
        if (hs_world_sim_record(sim, HS_SCOPE_TERRITORY, 0, d)->repression <= half) *fall = d - dp;
    if (*fall < 0) *fall = days - dp; /* not back yet: at least this long */
}

static void repression_ratchets(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    pulse(sc);
    hs_world_sim *sim = world_run(sc, 1, 400, 0);
    long rise, fall;
    double peak;
    half_times(sim, &rise, &fall, &peak);
    print_message("M2 with the ratchet: peak %.3f, half-way up in %ld days, back down in %ld\n",
                  peak, rise, fall);
    assert_true(peak > sc->states[0].repression + 0.02);
    assert_true(rise >= 0);
    assert_true(fall > 3 * rise);
    hs_world_sim_free(sim);
    /* Without the ratchet (down as fast as up, no floor) it comes down about as fast as it
    ** went up. */
    sc->params.m2_down_days = sc->params.m2_up_days;
    sc->params.m2_ratchet = 0.0;
    sim = world_run(sc, 1, 400, 0);
    long rise2, fall2;
    half_times(sim, &rise2, &fall2, &peak);
    print_message("M2 without it: half-way up in %ld days, back down in %ld\n", rise2, fall2);
    assert_true(fall2 < fall / 2);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* P11: after the crisis, repression settles above where it started - at the
** floor its peak left (R0 + ratchet (peak - R0)) - and without the ratchet it
** goes back to R0. */
static void repression_outlasts_the_emergency(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    pulse(sc);
    sc->params.m2_down_days = 60.0; /* settle within the run */
    const long days = 900;
    double r0 = sc->states[0].repression;
    for (int ratchet = 1; ratchet >= 0; ratchet--) {
        sc->params.m2_ratchet = ratchet ? 0.5 : 0.0;
        hs_world_sim *sim = world_run(sc, 1, days, 0);
        double peak = r0;
        for (long d = 0; d < days; d++)
            peak = fmax(peak, hs_world_sim_record(sim, HS_SCOPE_TERRITORY, 0, d)->repression);
        double end = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, 0, days - 1)->repression;
        double floor = r0 + sc->params.m2_ratchet * (peak - r0);
        print_message("ratchet %.1f: R0 %.3f, peak %.3f, at the end %.3f (floor %.3f)\n",
                      sc->params.m2_ratchet, r0, peak, end, floor);
        assert_true(peak > r0 + 0.05);
        /* Settled: within a tenth of the rise of the floor. */
        assert_true(fabs(end - floor) < 0.1 * (peak - r0));
        if (ratchet) assert_true(end > r0 + 0.4 * (peak - r0));
        hs_world_sim_free(sim);
    }
    hs_world_scenario_free(sc);
}

/* The armed leave (demobilised or deserting) at the daily rate `leave`, back
** among the displaced; with no leaving, being armed ends only in death. */
static void the_armed_leave(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    sc->params.m6_rate = 0.05; /* enough recruits to count */
    long left[2] = {0, 0}, armed[2] = {0, 0};
    const long days = 540;
    for (int k = 0; k < 2; k++) {
        sc->params.m6_leave = k ? 0.02 : 0.0;
        hs_world_sim *sim = world_run(sc, 3, days, 0);
        for (long d = 0; d < days; d++)
            for (int s = 0; s < sc->nstates; s++)
                left[k] += hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d)->left_armed;
        armed[k] = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, 0, days - 1)->people[HS_PS_ARMED];
        hs_world_sim_free(sim);
    }
    print_message("no leaving: %ld left, %ld armed at the end; leave 0.02 a day: %ld left, %ld "
                  "armed\n",
                  left[0], armed[0], left[1], armed[1]);
    assert_int_equal(left[0], 0);
    assert_true(left[1] > 0);
    assert_true(armed[1] < armed[0]);
    hs_world_scenario_free(sc);
}

/* Shortest distance by road from a to b (Dijkstra over the scenario's map). */
static double road_km(const hs_geo *g, int a, int b)
{
    int n = g->nloc;
    double *d = malloc((size_t)n * sizeof *d);
    char *done = calloc((size_t)n, 1);
    for (int k = 0; k < n; k++)
        d[k] = INFINITY;
    d[a] = 0;
    for (;;) {
        int u = -1;
        for (int k = 0; k < n; k++)
            if (!done[k] && d[k] < INFINITY && (u < 0 || d[k] < d[u])) u = k;
        if (u < 0) break;
        done[u] = 1;
        for (int k = g->adj_start[u]; k < g->adj_start[u + 1]; k++) {
            int l = g->adj_link[k];
            if (d[u] + g->link_km[l] < d[g->link_to[l]]) d[g->link_to[l]] = d[u] + g->link_km[l];
        }
    }
    double r = d[b];
    free(d);
    free(done);
    return r;
}

/* Going home is a journey along the routes (P4's returns come by road, not by a
** jump): from Oza camp to Norvik is 390 km by road (Oza hub, the border post,
** Eastgate, Tessa), two days at the default's 200 km a day. Nobody who stood in
** Oza camp one day is home in Norvik the next; yet people from Oza camp do come home. */
static void the_way_home_is_travelled(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    int oza = hs_geo_find(&sc->geo, "Oza_Camp"), norvik = hs_geo_find(&sc->geo, "Norvik");
    assert_true(oza >= 0 && norvik >= 0);
    assert_true(road_km(&sc->geo, oza, norvik) > sc->params.move_speed);
    hs_world_sim *sim;
    hs_error err;
    if (hs_world_sim_create(&sim, sc, 5, &err) != HS_OK) world_fail(&err, "create");
    size_t cap = 2 * hs_world_sim_people(sim) + 4096;
    int *prev_loc = malloc(cap * sizeof *prev_loc), *prev_st = malloc(cap * sizeof *prev_st);
    char *was_at_oza = calloc(cap, 1);
    long jumps = 0, from_oza = 0, arrivals = 0;
    for (long day = 0; day < 700; day++) {
        size_t n = hs_world_sim_people(sim);
        assert_true(n <= cap);
        for (size_t i = 0; i < n; i++) {
            int home;
            hs_world_sim_where(sim, i, &prev_loc[i], &home);
            prev_st[i] = hs_world_sim_status(sim, i);
            if (prev_loc[i] == oza && prev_st[i] == HS_PS_CAMP) was_at_oza[i] = 1;
        }
        if (hs_world_sim_step(sim, &err) != HS_OK) world_fail(&err, "step");
        for (size_t i = 0; i < n; i++) {
            int was = prev_st[i];
            if (hs_world_sim_status(sim, i) != HS_PS_RETURNED ||
                !(was == HS_PS_DISPLACED || was == HS_PS_REFUGEE || was == HS_PS_CAMP))
                continue;
            int loc, home;
            hs_world_sim_where(sim, i, &loc, &home);
            assert_int_equal(loc, home);
            arrivals++;
            if (home == norvik && was_at_oza[i]) from_oza++;
            if (home == norvik && was == HS_PS_CAMP && prev_loc[i] == oza) jumps++;
        }
    }
    print_message("%ld came home, %ld of them to Norvik from Oza camp; %ld in a single day\n",
                  arrivals, from_oza, jumps);
    assert_true(from_oza > 0);
    assert_int_equal(jumps, 0);
    free(prev_loc);
    free(prev_st);
    free(was_at_oza);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* Poor youths at home are recruited (recruitment.home_rate) where their
** livelihood is below its critical level; with the rate 0 nobody at home is. */
static void poor_youths_at_home_take_up_arms(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    sc->params.m6_rate = 0.0; /* nobody in camps: whoever is armed was recruited at home */
    long armed_at_home[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        sc->params.m6_home = k ? 0.01 : 0.0;
        hs_world_sim *sim = world_run(sc, 4, 450, 0);
        for (int l = 0; l < sc->geo.nloc; l++)
            if (sc->geo.loc_state[l] == 0)
                armed_at_home[k] +=
                    hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, 449)->people[HS_PS_ARMED];
        hs_world_sim_free(sim);
    }
    print_message("armed at home in Arland on day 450: %ld without, %ld with home recruitment\n",
                  armed_at_home[0], armed_at_home[1]);
    assert_int_equal(armed_at_home[0], 0);
    assert_true(armed_at_home[1] > 0);
    hs_world_scenario_free(sc);
}

static void no_lethality_no_deaths(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    hs_world_params *p = &sc->params;
    p->violence_lethality = p->repression_lethality = p->hunger_lethality = 0.0;
    p->erw_lethality = p->epi_ifr = 0.0;
    p->maternal_high = p->maternal_low = 0.0;
    hs_world_sim *sim = world_run(sc, 2, 500, 0);
    /* Every cause a lethality sets is gone; people still die of natural causes. */
    for (int c = 0; c < HS_DEATH_COUNT; c++)
        if (c != HS_DEATH_NATURAL) assert_int_equal(world_deaths(sim, sc->nstates, c), 0);
    assert_true(world_deaths(sim, sc->nstates, HS_DEATH_NATURAL) > 0);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* Armed groups take children: the armed under 18 are some of the armed, and
** none when nobody is recruited. */
static void armed_groups_take_children(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_default();
    long children = 0, armed = 0;
    hs_world_sim *sim = world_run(sc, 2, 540, 0);
    for (long d = 0; d < 540; d++)
        for (int l = 0; l < sc->geo.nloc; l++) {
            const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, d);
            assert_true(r->armed_children <= r->people[HS_PS_ARMED]);
            children += r->armed_children;
            armed += r->people[HS_PS_ARMED];
        }
    hs_world_sim_free(sim);
    print_message("armed children: %.1f%% of the armed's days\n", 100.0 * children / armed);
    /* Recruits are 15-29: 15, 16 and 17 are about a fifth of them. */
    assert_true(children > 0 && children < armed / 2);
    hs_world_scenario_free(sc);
}

/* Crowding strips the land (host_strain.degrade): camps' environmental
** security is lower with it than without, and the same where nobody came. */
static double camp_environment(const hs_world_sim *sim, const hs_world_scenario *sc, long day)
{
    double s = 0;
    for (int l = 0; l < sc->geo.nloc; l++)
        if (sc->capacity[l] > 0)
            s += hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, day)->mean[HS_DIM_ENVIRONMENTAL];
    return s;
}

static void crowds_degrade_the_land(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    double env[2], drava[2];
    for (int k = 0; k < 2; k++) {
        sc->params.m5_degrade = k ? 0.0005 : 0.0;
        hs_world_sim *sim = world_run(sc, 3, 600, 0);
        env[k] = camp_environment(sim, sc, 599);
        drava[k] = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, 3, 599)->mean[HS_DIM_ENVIRONMENTAL];
        hs_world_sim_free(sim);
    }
    print_message("camps' environmental security, summed: %.3f without, %.3f with degradation\n",
                  env[0], env[1]);
    assert_true(env[1] < env[0] - 0.05);
    assert_true(fabs(drava[1] - drava[0]) < 0.01);
    hs_world_scenario_free(sc);
}

/* People who feel their community threatened feed tension (host_strain.distrust):
** Arland's community security is lower with it. */
static double g_community(const hs_world_record *r)
{
    return r->mean[HS_DIM_COMMUNITY];
}

static void distrust_lowers_community_security(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    double c[2];
    for (int k = 0; k < 2; k++) {
        sc->params.m5_distrust = k ? 0.2 : 0.0;
        hs_world_sim *sim = world_run(sc, 5, 400, 0);
        c[k] = world_mean(sim, HS_SCOPE_TERRITORY, 0, 100, 400, g_community);
        hs_world_sim_free(sim);
    }
    print_message("Arland's community security: %.4f without distrust, %.4f with\n", c[0], c[1]);
    assert_true(c[1] < c[0] - 0.005);
    hs_world_scenario_free(sc);
}

static double g_mil(const hs_world_record *r)
{
    return r->military_share;
}
static double g_leg(const hs_world_record *r)
{
    return r->legitimacy;
}
static double g_coh(const hs_world_record *r)
{
    return r->cohesion;
}
static double g_rep(const hs_world_record *r)
{
    return r->repression;
}

static void switched_off_means_held_at_baseline(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    sc->params.on[HS_M1_GUNS_BUTTER] = sc->params.on[HS_M2_REPRESSION] = 0;
    sc->params.on[HS_M3_LEGITIMACY] = sc->params.on[HS_M7_COHESION] = 0;
    hs_world_sim *sim = world_run(sc, 3, 400, 0);
    for (int s = 0; s < sc->nstates; s++) {
        const hs_world_state *st = &sc->states[s];
        /* Drava's build-up sets its baseline share from day 120. */
        double mil = world_mean(sim, HS_SCOPE_TERRITORY, s, 0, 100, g_mil);
        assert_true(fabs(mil - st->military_share) < 1e-12);
        assert_true(fabs(world_mean(sim, HS_SCOPE_TERRITORY, s, 0, 400, g_leg) - st->legitimacy) <
                    1e-12);
        assert_true(fabs(world_mean(sim, HS_SCOPE_TERRITORY, s, 0, 400, g_coh) - st->cohesion) <
                    1e-12);
        assert_true(fabs(world_mean(sim, HS_SCOPE_TERRITORY, s, 0, 400, g_rep) - st->repression) <
                    1e-12);
    }
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repression_ratchets),
        cmocka_unit_test(repression_outlasts_the_emergency),
        cmocka_unit_test(the_armed_leave),
        cmocka_unit_test(the_way_home_is_travelled),
        cmocka_unit_test(poor_youths_at_home_take_up_arms),
        cmocka_unit_test(no_lethality_no_deaths),
        cmocka_unit_test(armed_groups_take_children),
        cmocka_unit_test(crowds_degrade_the_land),
        cmocka_unit_test(distrust_lowers_community_security),
        cmocka_unit_test(switched_off_means_held_at_baseline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
