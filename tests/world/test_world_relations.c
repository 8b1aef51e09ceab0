/*
** test_world_relations.c - between states in the human security world
** (M10, M11; relations.h; docs/odd/world.md "Between states"):
**  - two isolated rivals whose military shares answer at once follow
**    Richardson's race day by day: the world's stocks are hs_arms_step's;
**  - a rival's arms build-up raises both states' insecurity (the dilemma);
**  - a state that sees a sure win goes to war: the border places facing the
**    enemy become conflict zones, people flee them, both stocks wear down,
**    and the war ends by a stated rule;
**  - trade lowers the chance of war (the same misperceptions, seed by seed);
**  - security assurances lower a threatened state's military share and
**    repression.
*/
#include "world_fixture.h"

#include <string.h>
#include <humsec/relations.h>

enum { ARLAND = 0, BERIA = 1, COSRA = 2, DRAVA = 3 };

static const hs_world_record *state_day(const hs_world_sim *sim, int s, long d)
{
    return hs_world_sim_record(sim, HS_SCOPE_TERRITORY, s, d);
}

/* Keep only Drava's arms build-up among the events. */
static void only_the_buildup(hs_world_scenario *sc)
{
    int n = 0;
    for (int k = 0; k < sc->nevents; k++)
        if (sc->events[k].type == HS_EV_ARMS_BUILDUP) sc->events[n++] = sc->events[k];
    sc->nevents = n;
}

static void isolated_rivals_follow_richardson(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    only_the_buildup(sc);
    hs_world_params *p = &sc->params;
    p->m1_days = 1.0; /* shares answer at once */
    p->w_internal = p->w_cohesion = 0.0;
    p->on[HS_M9_WEAKNESS] = p->on[HS_M11_WAR] = 0;
    const long days = 365;
    hs_world_sim *sim = world_run(sc, 3, days, 0);
    /* In units of each state's starting stock, k = K / K0:
    **   k_i' = k_i + a_i k_j - m k_i + g_i,  a_i = d gain w Y_i / m0_i,  m = d,
    **   g_i = d Y_i (m0_i(t) - gain w) / m0_i, with d the depreciation, Y_i the output
    ** relative to the start and m0_i(t) the baseline share of the day (the build-up). */
    double gain = p->m1_gain, w = p->w_external, dep = p->m10_depreciation;
    int moved = 0;
    for (long d = 1; d < days; d++) {
        const hs_world_record *ra = state_day(sim, ARLAND, d), *rd = state_day(sim, DRAVA, d);
        const hs_world_record *pa = state_day(sim, ARLAND, d - 1),
                              *pd = state_day(sim, DRAVA, d - 1);
        double m0[2] = {sc->states[ARLAND].military_share, sc->states[DRAVA].military_share};
        double today[2] = {m0[0], m0[1]};
        for (int k = 0; k < sc->nevents; k++)
            if (d >= sc->events[k].start)
                today[sc->events[k].state == DRAVA] = sc->events[k].intensity;
        double y[2] = {ra->output, rd->output};
        double react[4] = {0.0, dep * gain * w * y[0] / m0[0], dep * gain * w * y[1] / m0[1], 0.0};
        double fatigue[2] = {dep, dep};
        double griev[2] = {dep * y[0] * (today[0] - gain * w) / m0[0],
                           dep * y[1] * (today[1] - gain * w) / m0[1]};
        double k[2] = {pa->military_strength, pd->military_strength}, tmp[2];
        /* Below its start a rival is no threat (the threat is max(0, X)): Richardson
        ** holds once both have grown. */
        if (k[0] < 1.0 || k[1] < 1.0) continue;
        hs_arms_step(2, react, fatigue, griev, k, tmp);
        if (fabs(k[0] - ra->military_strength) > 1e-12 ||
            fabs(k[1] - rd->military_strength) > 1e-12)
            fail_msg("day %ld: world (%.15g, %.15g), Richardson (%.15g, %.15g)", d,
                     ra->military_strength, rd->military_strength, k[0], k[1]);
        moved++;
    }
    print_message("%d days of Richardson's race matched to 1e-12; strengths on day %ld: "
                  "Arland %.4f, Drava %.4f\n",
                  moved, days - 1, state_day(sim, ARLAND, days - 1)->military_strength,
                  state_day(sim, DRAVA, days - 1)->military_strength);
    assert_true(moved > 200);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

static double mean_threat(const hs_world_sim *sim, int s, long from, long to)
{
    double t = 0;
    for (long d = from; d < to; d++)
        t += state_day(sim, s, d)->threat;
    return t / (double)(to - from);
}

/* The security dilemma: Drava arms; Arland answers; Drava then fears Arland. */
static void a_buildup_raises_both_states_insecurity(void **state)
{
    (void)state;
    double t[2][2];
    for (int on = 0; on < 2; on++) {
        hs_world_scenario *sc = world_small();
        only_the_buildup(sc);
        if (!on) sc->nevents = 0;
        hs_world_sim *sim = world_run(sc, 4, 450, 0);
        t[on][0] = mean_threat(sim, ARLAND, 300, 450);
        t[on][1] = mean_threat(sim, DRAVA, 300, 450);
        hs_world_sim_free(sim);
        hs_world_scenario_free(sc);
    }
    print_message("insecurity, days 300-450: Arland %.4f -> %.4f, Drava %.4f -> %.4f\n", t[0][0],
                  t[1][0], t[0][1], t[1][1]);
    assert_true(t[1][0] > t[0][0] + 0.01);
    assert_true(t[1][1] > t[0][1] + 0.001);
}

/* Drava, far stronger, sees a sure win over Arland: war. */
static hs_world_scenario *a_war(void)
{
    hs_world_scenario *sc = world_small();
    sc->nevents = 0;
    sc->states[DRAVA].economy = 3.0;
    sc->states[DRAVA].military_share = 0.3;
    hs_world_params *p = &sc->params;
    p->m11_status_quo = 0.0;
    p->m11_misperception = 0.0;
    p->m11_max_days = 120;
    return sc;
}

static void a_sure_win_means_war_at_the_border(void **state)
{
    (void)state;
    hs_world_scenario *sc = a_war();
    const long days = 300;
    hs_world_sim *sim = world_run(sc, 2, days, 0);
    long start = -1, end = -1;
    for (long d = 0; d < days; d++) {
        int w = state_day(sim, DRAVA, d)->at_war > 0.5;
        assert_true(w == (state_day(sim, ARLAND, d)->at_war > 0.5));
        if (w && start < 0) start = d;
        if (!w && start >= 0 && end < 0) end = d;
    }
    print_message("war from day %ld to day %ld\n", start, end);
    assert_true(start == 30); /* the first review; its fronts open the next day */
    assert_true(end > start && end - start <= 121);
    /* The front: Arland's places that face Drava are conflict zones; others are not. */
    int fronts = 0;
    for (int l = 0; l < sc->geo.nloc; l++) {
        if (sc->geo.loc_state[l] != ARLAND) continue;
        int faces = 0;
        for (int k = 0; k < sc->geo.nlinks; k++)
            if (sc->geo.link_from[k] == l && sc->geo.loc_state[sc->geo.link_to[k]] == DRAVA)
                faces = 1;
        double v = hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, start + 10)->violence;
        if (faces) {
            assert_true(v >= sc->params.m11_intensity - 1e-12);
            fronts++;
        }
    }
    assert_true(fronts > 0);
    /* People flee the front; both armies wear down. */
    long fled_war = 0, fled_before = 0;
    for (long d = start; d < start + 30; d++)
        fled_war += state_day(sim, ARLAND, d)->fled;
    for (long d = 1; d < start; d++)
        fled_before += state_day(sim, ARLAND, d)->fled;
    print_message("Arland: %ld fled in the war's first 30 days, %ld in the %ld days before\n",
                  fled_war, fled_before, start - 1);
    assert_true(fled_war > 2 * fled_before);
    assert_true(state_day(sim, DRAVA, end - 1)->military_strength <
                state_day(sim, DRAVA, start - 1)->military_strength);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* Trade raises the status quo's value: with the same misperceptions (the same
** seeds), a state that trades with its rival goes to war no more often, and less. */
static int wars_in(hs_world_scenario *sc, uint64_t seed)
{
    hs_world_sim *sim = world_run(sc, seed, 400, 0);
    int wars = 0;
    for (long d = 1; d < 400; d++)
        wars +=
            state_day(sim, DRAVA, d)->at_war > 0.5 && state_day(sim, DRAVA, d - 1)->at_war < 0.5;
    hs_world_sim_free(sim);
    return wars;
}

static void trade_lowers_the_chance_of_war(void **state)
{
    (void)state;
    int total[2] = {0, 0};
    for (uint64_t seed = 1; seed <= 6; seed++) {
        int n[2];
        for (int trade = 0; trade < 2; trade++) {
            /* Rivals of about equal strength, a cheap war and a status quo worth
            ** little: whether Drava attacks is its misperception's doing. */
            hs_world_scenario *sc = world_small();
            sc->nevents = 0;
            sc->params.m11_status_quo = 0.2;
            sc->params.m11_misperception = 1.0;
            sc->params.m11_max_days = 120;
            sc->states[DRAVA].trade[ARLAND] = trade ? 0.3 : 0.0;
            n[trade] = wars_in(sc, seed);
            hs_world_scenario_free(sc);
        }
        print_message("seed %d: %d wars without trade, %d with\n", (int)seed, n[0], n[1]);
        total[0] += n[0];
        total[1] += n[1];
    }
    assert_true(total[0] > 0);
    assert_true(total[1] < total[0]);
}

static double g_mil(const hs_world_record *r)
{
    return r->military_share;
}
static double g_rep(const hs_world_record *r)
{
    return r->repression;
}

/* The seed's lever: a guarantor's assurances to Arland from day 100. */
static void assurances_lower_guns_and_repression(void **state)
{
    (void)state;
    double mil[2], rep[2];
    for (int on = 0; on < 2; on++) {
        hs_world_scenario *sc = world_small();
        if (on)
            sc->events[sc->nevents++] =
                (hs_world_event){HS_EV_ASSURANCE, 100, -1, ARLAND, -1, -1, 1.0, 0};
        hs_world_sim *sim = world_run(sc, 5, 450, 0);
        mil[on] = world_mean(sim, HS_SCOPE_TERRITORY, ARLAND, 200, 450, g_mil);
        rep[on] = world_mean(sim, HS_SCOPE_TERRITORY, ARLAND, 200, 450, g_rep);
        hs_world_sim_free(sim);
        hs_world_scenario_free(sc);
    }
    print_message("Arland, days 200-450: military share %.4f -> %.4f, repression %.4f -> %.4f "
                  "with assurances\n",
                  mil[0], mil[1], rep[0], rep[1]);
    assert_true(mil[1] < mil[0] - 0.002);
    assert_true(rep[1] < rep[0] - 0.002);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(isolated_rivals_follow_richardson),
        cmocka_unit_test(a_buildup_raises_both_states_insecurity),
        cmocka_unit_test(a_sure_win_means_war_at_the_border),
        cmocka_unit_test(trade_lowers_the_chance_of_war),
        cmocka_unit_test(assurances_lower_guns_and_repression),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
