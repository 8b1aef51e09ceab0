/*
** heavy_world_aid.c - each instrument of the international response (M14,
** M15; docs/odd/world.md "Donors") on and off over many seeds, with the
** effect it is meant to have, in direction and beyond a statistical margin
** (world_paired.h: 8 seeds, common random numbers - aid draws no random
** numbers, so the two arms differ only by the money - and the mean paired
** difference beyond 3 standard errors). A donor gives its whole budget to one
** channel (`channels: {X: 1}`), a third as much again as Arland, Beria and
** Cosra spend on their own development, from day 0. Raids and engagement: a want
** donor exposed to Arland, with and without a weight on the raids that reach it.
*/
#include "world_fixture.h"
#include "world_paired.h"

#define DAYS 730

static void no_donor(hs_world_scenario *sc)
{
    (void)sc;
}

static void donor_to(hs_world_scenario *sc, int channel)
{
    hs_world_donor *d = &sc->donors[sc->ndonors++];
    *d = (hs_world_donor){.name = "Donor", .doctrine = HS_DOCTRINE_MIXED, .budget = 0.3, .end = -1};
    d->recipients = (1u << ARLAND) | (1u << BERIA) | (1u << COSRA);
    d->share[channel] = 1.0;
    d->custom = 1;
}
#define DONOR(name, channel)                                                                       \
    static void name(hs_world_scenario *sc)                                                        \
    {                                                                                              \
        donor_to(sc, channel);                                                                     \
    }
DONOR(demining, HS_AID_DEMINING)
DONOR(ddr, HS_AID_DDR)
DONOR(peacekeeping, HS_AID_PEACEKEEPING)
DONOR(small_arms, HS_AID_SMALL_ARMS)
DONOR(health, HS_AID_HEALTH)
DONOR(food, HS_AID_FOOD)
DONOR(livelihoods, HS_AID_LIVELIHOODS)
DONOR(schooling, HS_AID_SCHOOLING)
DONOR(camps, HS_AID_CAMPS)
DONOR(grassroots, HS_AID_GRASSROOTS)
DONOR(oda, HS_AID_ODA)
DONOR(demobilisation, HS_AID_DEMOBILISATION)
static void ddr_without_support(hs_world_scenario *sc)
{
    ddr(sc);
    sc->params.aid_reintegration = 0.0;
}
/* The trust fund's three channels that grassroots grants also fund, a third each. */
static void fund_three(hs_world_scenario *sc)
{
    donor_to(sc, HS_AID_HEALTH);
    hs_world_donor *d = &sc->donors[sc->ndonors - 1];
    d->share[HS_AID_HEALTH] = d->share[HS_AID_FOOD] = d->share[HS_AID_LIVELIHOODS] = 1.0 / 3.0;
}

/* ---- outcomes ---- */
static double deaths_of(const hs_world_sim *sim, int cause)
{
    double n = 0;
    for (long d = 0; d < hs_world_sim_days(sim); d++)
        n += (double)hs_world_sim_record(sim, HS_SCOPE_NATIONALS, ARLAND, d)->deaths[cause];
    return n;
}
static double erw_deaths(const hs_world_sim *sim)
{
    return deaths_of(sim, HS_DEATH_ERW);
}
static double violent_deaths(const hs_world_sim *sim)
{
    return deaths_of(sim, HS_DEATH_VIOLENCE);
}
/* Violent deaths where the fighting is (Norvik and Tessa, where peacekeepers go). */
static double violent_deaths_at_the_front(const hs_world_sim *sim)
{
    double n = 0;
    for (long d = 0; d < hs_world_sim_days(sim); d++)
        for (int l = 1; l <= 2; l++)
            n += (double)hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, d)
                     ->deaths[HS_DEATH_VIOLENCE];
    return n;
}
static double g_armed(const hs_world_record *r)
{
    return (double)r->people[HS_PS_ARMED];
}
static double armed(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_NATIONALS, ARLAND, 300, DAYS, g_armed);
}
/* While the armed grow (the conflict from day 240), and after the fund's lag has passed. */
static double armed_early(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_NATIONALS, ARLAND, 300, 450, g_armed);
}
static double armed_late(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_NATIONALS, ARLAND, 450, DAYS, g_armed);
}
#define LEVEL(name, dim, from, to)                                                                 \
    static double g_##name(const hs_world_record *r)                                               \
    {                                                                                              \
        return r->mean[dim];                                                                       \
    }                                                                                              \
    static double name(const hs_world_sim *sim)                                                    \
    {                                                                                              \
        return world_mean(sim, HS_SCOPE_TERRITORY, ARLAND, from, to, g_##name);                    \
    }
LEVEL(health_late, HS_DIM_HEALTH, 400, DAYS)
LEVEL(food_late, HS_DIM_FOOD, 400, DAYS)
LEVEL(economic_late, HS_DIM_ECONOMIC, 400, DAYS)
/* Arland's people wherever they are: mean of economic, food and health security. */
static double g_want(const hs_world_record *r)
{
    return (r->mean[HS_DIM_ECONOMIC] + r->mean[HS_DIM_FOOD] + r->mean[HS_DIM_HEALTH]) / 3.0;
}
static double want_early(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_NATIONALS, ARLAND, 20, 60, g_want);
}
static double want_late(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_NATIONALS, ARLAND, 400, DAYS, g_want);
}
/* Early minus late: paired, (grassroots - fund) early minus (grassroots - fund) late. */
static double want_early_minus_late(const hs_world_sim *sim)
{
    return want_early(sim) - want_late(sim);
}
static double g_econ_all(const hs_world_record *r)
{
    return r->mean[HS_DIM_ECONOMIC];
}
static double economic_after_ddr(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_NATIONALS, ARLAND, 300, DAYS, g_econ_all);
}
static double g_hdi(const hs_world_record *r)
{
    return r->hdi_like;
}
static double hdi_late(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_TERRITORY, ARLAND, 400, DAYS, g_hdi);
}
/* Health in the camps (Kiri, Lomo, Oza: the scenario's camps). */
static double camp_health(const hs_world_sim *sim)
{
    double s = 0;
    int n = 0;
    const hs_world_record *r;
    for (int l = 0; (r = hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, 0)) != NULL; l++) {
        if (r->people[HS_PS_CAMP] == 0 &&
            hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, 500)->people[HS_PS_CAMP] == 0)
            continue;
        for (long d = 400; d < DAYS; d++) {
            double v = hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, d)->mean[HS_DIM_HEALTH];
            if (!isnan(v)) {
                s += v;
                n++;
            }
        }
    }
    return n ? s / n : 0.0;
}

static void fear_instruments(void **state)
{
    (void)state;
    CHECK(demining, no_donor, DAYS, {"demining lowers ERW deaths", erw_deaths, -1});
    CHECK(ddr, no_donor, DAYS, {"DDR lowers the armed", armed, -1});
    CHECK(ddr, ddr_without_support, DAYS,
          {"reintegration support raises Arland's economic security", economic_after_ddr, +1});
    CHECK(peacekeeping, no_donor, DAYS,
          {"peacekeepers lower violent deaths where they stand", violent_deaths_at_the_front, -1});
    CHECK(small_arms, no_donor, DAYS,
          {"small-arms control lowers violent deaths", violent_deaths, -1});
}

static void want_channels(void **state)
{
    (void)state;
    CHECK(health, no_donor, DAYS,
          {"the trust fund's health channel raises health", health_late, +1});
    CHECK(food, no_donor, DAYS, {"food aid raises food security", food_late, +1});
    CHECK(livelihoods, no_donor, DAYS,
          {"livelihoods (UNDP) raise economic security", economic_late, +1});
    CHECK(schooling, no_donor, DAYS,
          {"schooling (UNESCO) raises the HDI-like index", hdi_late, +1});
    CHECK(camps, no_donor, DAYS,
          {"the camps channel (UNHCR) raises health in camps", camp_health, +1});
    CHECK(oda, no_donor, DAYS, {"ODA, through the budget, raises health", health_late, +1});
}

/* The same money through local NGOs and through the trust fund's channels for the
** same three sectors (a third each): the grants act sooner (their lag is 30 days, the
** fund's 180), and the fund narrows the gap once its lag has passed (what remains is
** the overheads: 3% against 10%). */
static void grassroots_act_sooner(void **state)
{
    (void)state;
    CHECK(grassroots, fund_three, DAYS,
          {"grassroots grants raise Arland's want security sooner than the trust fund "
           "(days 20-60)",
           want_early, +1},
          {"... and the trust fund narrows the gap later (the gap at days 20-60 exceeds the "
           "gap at days 400-730)",
           want_early_minus_late, +1});
}

/* Demobilisation through the trust fund: DDR's effect at the fund's lag (180 days against
** fear's 30) and overhead. The money goes where the armed are from the day they appear
** (the conflict from day 240), so the fund's capacity is still building while fear's DDR
** already acts. */
static void demobilisation_after_its_lag(void **state)
{
    (void)state;
    CHECK(demobilisation, no_donor, DAYS,
          {"the trust fund's demobilisation lowers the armed after its lag (days 450-730)",
           armed_late, -1});
    CHECK(ddr, demobilisation, DAYS,
          {"fear's DDR lowers the armed sooner than the same money through the trust fund "
           "(days 300-450)",
           armed_early, -1});
}

/* Raids reaching the donor (enlightened self-interest): a want donor exposed to Arland,
** whose nationals armed in the camps abroad raid its border places (place.c). */
static void exposed(hs_world_scenario *sc, double weight)
{
    sc->ndonors = 0;
    hs_world_donor *d = &sc->donors[sc->ndonors++];
    *d = (hs_world_donor){.name = "Donor", .doctrine = HS_DOCTRINE_WANT, .budget = 0.1, .end = -1};
    d->recipients = (1u << ARLAND) | (1u << BERIA) | (1u << COSRA);
    d->exposure = 1u << ARLAND;
    for (int c = 0; c < HS_AID_COUNT; c++)
        d->share[c] = hs_doctrine_share(HS_DOCTRINE_WANT, c);
    sc->params.aid_engagement_raids = weight;
}
static void raids_weigh(hs_world_scenario *sc)
{
    exposed(sc, 100.0);
}
static void raids_weigh_nothing(hs_world_scenario *sc)
{
    exposed(sc, 0.0);
}
static void no_raids_weigh(hs_world_scenario *sc)
{
    raids_weigh(sc);
    sc->params.m6_raid = 0.0;
}
static void no_raids_weigh_nothing(hs_world_scenario *sc)
{
    raids_weigh_nothing(sc);
    sc->params.m6_raid = 0.0;
}
static double donor_spent(const hs_world_sim *sim)
{
    hs_world_donor_money m;
    return hs_world_sim_donor_money(sim, 0, &m) == 0 ? m.spent : -1.0;
}

static void raids_raise_engagement(void **state)
{
    (void)state;
    CHECK(raids_weigh, raids_weigh_nothing, DAYS,
          {"raids on Arland raise the spending of a donor exposed to it (engagement_raids 100 "
           "against 0)",
           donor_spent, +1});
    /* The weight acts through the raids alone: without raids it changes nothing. */
    CHECK(no_raids_weigh, no_raids_weigh_nothing, DAYS,
          {"without raids, the weight changes nothing", donor_spent, 0});
}

/* Two fear donors for Arland, apart or in one coalition that can keep a force (R2P). */
static void two_fear(hs_world_scenario *sc, int coalition)
{
    for (int k = 0; k < 2; k++) {
        hs_world_donor *d = &sc->donors[sc->ndonors++];
        *d = (hs_world_donor){.doctrine = HS_DOCTRINE_FEAR, .budget = 0.3, .end = -1};
        snprintf(d->name, sizeof d->name, "Fear%d", k);
        d->recipients = 1u << ARLAND;
        for (int c = 0; c < HS_AID_COUNT; c++)
            d->share[c] = hs_doctrine_share(HS_DOCTRINE_FEAR, c);
        if (coalition) snprintf(d->coalition, sizeof d->coalition, "HSN");
    }
    sc->params.r2p_threshold = 5e-5;
}
static void pooled(hs_world_scenario *sc)
{
    two_fear(sc, 1);
}
static void apart(hs_world_scenario *sc)
{
    two_fear(sc, 0);
}
static double atrocities_during(const hs_world_sim *sim)
{
    double n = 0;
    for (long d = 240; d < 480; d++) {
        const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, ARLAND, d);
        n += (double)(r->deaths[HS_DEATH_VIOLENCE] + r->deaths[HS_DEATH_REPRESSION]);
    }
    return n;
}
static double g_threat(const hs_world_record *r)
{
    return r->threat;
}
static double insecurity_after(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_TERRITORY, ARLAND, 550, DAYS, g_threat);
}

/* The Responsibility to Protect: the same money, pooled so that a force can come or
** apart so that it cannot. The seed: intervention "eradicates sources of insecurity
** without creating a self-sustaining and secure environment in the aftermath". */
static void intervention_now_and_after(void **state)
{
    (void)state;
    /* At full size: atrocity deaths are too few at a tenth of the people. */
    CHECK_FULL(pooled, apart, DAYS,
               {"an intervention lowers atrocity deaths while it lasts (days 240-480)",
                atrocities_during, -1},
               {"... and leaves the state more insecure after it has gone (days 550-730)",
                insecurity_after, +1});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fear_instruments),       cmocka_unit_test(want_channels),
        cmocka_unit_test(grassroots_act_sooner),  cmocka_unit_test(demobilisation_after_its_lag),
        cmocka_unit_test(raids_raise_engagement), cmocka_unit_test(intervention_now_and_after),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
