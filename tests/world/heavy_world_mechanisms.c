/*
** heavy_world_mechanisms.c - each mechanism of the human security world,
** on and off, over many seeds, shows the effect the source documents
** describe (world-model.md; docs/odd/world.md).
**
** Method (world_paired.h): the default at a tenth of its people, each
** mechanism on and off over 8 seeds with common random numbers, the mean
** paired difference beyond 3 standard errors in the stated direction.
*/
#include "world_fixture.h"
#include "world_paired.h"

#define DAYS 450

/* ---- switches and scenario edits ---- */
static void nothing(hs_world_scenario *sc)
{
    (void)sc;
}
#define SWITCH_OFF(name, m)                                                                        \
    static void name(hs_world_scenario *sc)                                                        \
    {                                                                                              \
        sc->params.on[m] = 0;                                                                      \
    }
SWITCH_OFF(m1_off, HS_M1_GUNS_BUTTER)
SWITCH_OFF(m2_off, HS_M2_REPRESSION)
SWITCH_OFF(m3_off, HS_M3_LEGITIMACY)
SWITCH_OFF(m4_off, HS_M4_FLIGHT)
SWITCH_OFF(m5_off, HS_M5_HOST_STRAIN)
SWITCH_OFF(m6_off, HS_M6_RECRUITMENT)
SWITCH_OFF(m8_off, HS_M8_DROUGHT)
SWITCH_OFF(m9_off, HS_M9_WEAKNESS)
SWITCH_OFF(m12_off, HS_M12_DEVELOPMENT)
SWITCH_OFF(erw_off, HS_M13_ERW)
SWITCH_OFF(epi_off, HS_M13_EPIDEMIC)

/* Camp services (Kiri, Lomo, Oza) set to s, and the outbreak in Oza camp seeded with
** ten times the infections: at a tenth of the people a camp outbreak is small, and the
** claims about it need deaths enough to tell from chance (both arms get the same seeding). */
static void camp_services(hs_world_scenario *sc, double v)
{
    for (int l = 0; l < sc->geo.nloc; l++)
        if (sc->geo.loc_type[l] == HS_LOC_CAMP) sc->services[l] = v;
    for (int k = 0; k < sc->nevents; k++)
        if (sc->events[k].type == HS_EV_EPIDEMIC) sc->events[k].intensity *= 10.0;
}
static void poor_camps(hs_world_scenario *sc)
{
    camp_services(sc, 0.1);
}
static void rich_camps(hs_world_scenario *sc)
{
    camp_services(sc, 0.9);
}
static void poor_camps_epi_off(hs_world_scenario *sc)
{
    poor_camps(sc);
    epi_off(sc);
}

/* Drava's arms build-up removed: its share stays at its baseline. */
static void no_buildup(hs_world_scenario *sc)
{
    for (int k = 0; k < sc->nevents; k++)
        if (sc->events[k].type == HS_EV_ARMS_BUILDUP)
            sc->events[k].intensity = sc->states[sc->events[k].state].military_share;
}
static void no_buildup_m1_off(hs_world_scenario *sc)
{
    no_buildup(sc);
    m1_off(sc);
}

/* ---- outcomes ---- */
static double g_military(const hs_world_record *r)
{
    return r->military_share;
}
static double g_food(const hs_world_record *r)
{
    return r->mean[HS_DIM_FOOD];
}
static double g_health(const hs_world_record *r)
{
    return r->mean[HS_DIM_HEALTH];
}
static double g_political(const hs_world_record *r)
{
    return r->mean[HS_DIM_POLITICAL];
}
static double g_community(const hs_world_record *r)
{
    return r->mean[HS_DIM_COMMUNITY];
}
static double g_legitimacy(const hs_world_record *r)
{
    return r->legitimacy;
}
static double g_repression(const hs_world_record *r)
{
    return r->repression;
}
static double g_cohesion(const hs_world_record *r)
{
    return r->cohesion;
}
static double g_active(const hs_world_record *r)
{
    return (double)r->active;
}
static double g_hosted(const hs_world_record *r)
{
    return (double)r->hosted;
}
static double g_fled(const hs_world_record *r)
{
    return (double)r->fled;
}
static double g_threat(const hs_world_record *r)
{
    return r->threat;
}
static double g_grievance(const hs_world_record *r)
{
    return r->grievance;
}
static double g_armed(const hs_world_record *r)
{
    return (double)r->people[HS_PS_ARMED];
}

#define OUTCOME(name, scope, unit, from, get)                                                      \
    static double name(const hs_world_sim *sim)                                                    \
    {                                                                                              \
        return world_mean(sim, scope, unit, from, hs_world_sim_days(sim), get);                    \
    }
OUTCOME(arland_military, HS_SCOPE_TERRITORY, ARLAND, 150, g_military)
OUTCOME(arland_health, HS_SCOPE_TERRITORY, ARLAND, 150, g_health)
OUTCOME(arland_political, HS_SCOPE_TERRITORY, ARLAND, 100, g_political)
OUTCOME(arland_repression, HS_SCOPE_TERRITORY, ARLAND, 100, g_repression)
OUTCOME(arland_legitimacy, HS_SCOPE_TERRITORY, ARLAND, 100, g_legitimacy)
OUTCOME(arland_active, HS_SCOPE_TERRITORY, ARLAND, 100, g_active)
OUTCOME(arland_fled, HS_SCOPE_TERRITORY, ARLAND, 0, g_fled)
OUTCOME(arland_armed, HS_SCOPE_NATIONALS, ARLAND, 200, g_armed)
OUTCOME(beria_hosted, HS_SCOPE_TERRITORY, BERIA, 200, g_hosted)
OUTCOME(beria_community, HS_SCOPE_TERRITORY, BERIA, 200, g_community)
OUTCOME(beria_health, HS_SCOPE_TERRITORY, BERIA, 200, g_health)
OUTCOME(beria_threat, HS_SCOPE_TERRITORY, BERIA, 200, g_threat)
OUTCOME(beria_military, HS_SCOPE_TERRITORY, BERIA, 200, g_military)

static double deaths_of(const hs_world_sim *sim, int cause, long from)
{
    double n = 0;
    for (long d = from; d < hs_world_sim_days(sim); d++)
        for (int s = 0; s < 4; s++)
            n += (double)hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d)->deaths[cause];
    return n;
}
static double erw_deaths(const hs_world_sim *sim)
{
    return deaths_of(sim, HS_DEATH_ERW, 0);
}
static double erw_deaths_after(const hs_world_sim *sim)
{
    return deaths_of(sim, HS_DEATH_ERW, 540);
}
static double disease_deaths(const hs_world_sim *sim)
{
    return deaths_of(sim, HS_DEATH_DISEASE, 0);
}

/* Norvik's health: where the fighting is. */
static double norvik_health(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_LOCATION, 1, 300, hs_world_sim_days(sim), g_health);
}
/* People who fled from the drought's north (Norvik and Tessa) before the fighting there. */
static double north_fled(const hs_world_sim *sim)
{
    double n = 0;
    for (long d = 180; d < 240; d++)
        n += (double)(hs_world_sim_record(sim, HS_SCOPE_LOCATION, 1, d)->fled +
                      hs_world_sim_record(sim, HS_SCOPE_LOCATION, 2, d)->fled);
    return n;
}
static double norvik_grievance(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_LOCATION, 1, 300, hs_world_sim_days(sim), g_grievance);
}
static double g_violence(const hs_world_record *r)
{
    return r->violence;
}
/* Violence in Southport and Arlen, towns on the roads to Beria's camps. */
static double border_violence(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_LOCATION, 0, 200, hs_world_sim_days(sim), g_violence) +
           world_mean(sim, HS_SCOPE_LOCATION, 4, 200, hs_world_sim_days(sim), g_violence);
}
/* Infected person-days in the camps (Kiri, Lomo, Oza). */
static double camp_infections(const hs_world_sim *sim)
{
    double n = 0;
    const int camps[] = {7, 8, 11};
    for (long d = 0; d < hs_world_sim_days(sim); d++)
        for (int k = 0; k < 3; k++)
            n += (double)hs_world_sim_record(sim, HS_SCOPE_LOCATION, camps[k], d)->infected;
    return n;
}
static double north_food(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_LOCATION, 1, 200, 420, g_food);
}

/* ---- the claims ---- */

static void m1_rivals_buildup_raises_military_and_repression_and_moves_people(void **state)
{
    (void)state;
    CHECK(nothing, no_buildup, DAYS,
          {"M1 a rival's build-up raises Arland's military share", arland_military, +1},
          {"M1 ... and lowers Arland's health security (services lose money)", arland_health, -1},
          {"M1 ... and raises its repression (the threat M2 answers)", arland_repression, +1},
          {"M1 ... and more of its people flee", arland_fled, +1});
    CHECK(m1_off, no_buildup_m1_off, DAYS,
          {"M1 off: the build-up leaves Arland's military share alone", arland_military, 0});
}

static void m2_repression_lowers_political_security(void **state)
{
    (void)state;
    CHECK(nothing, m2_off, DAYS, {"M2 repression rises under threat", arland_repression, +1},
          {"M2 ... and lowers political security", arland_political, -1});
}

static void m3_legitimacy_erodes_and_feeds_violence(void **state)
{
    (void)state;
    CHECK(nothing, m3_off, DAYS, {"M3 legitimacy erodes", arland_legitimacy, -1},
          {"M3 ... and more people rebel", arland_active, +1});
}

static void m4_fear_and_want_make_people_flee(void **state)
{
    (void)state;
    CHECK(nothing, m4_off, DAYS, {"M4 people flee", arland_fled, +1},
          {"M4 neighbours host refugees", beria_hosted, +1});
}

static void m5_refugees_strain_hosts(void **state)
{
    (void)state;
    CHECK(nothing, m5_off, DAYS,
          {"M5 refugees lower the host's community security", beria_community, -1},
          {"M5 ... and its health security", beria_health, -1});
}

static void m6_camps_recruit_and_raids_threaten_home(void **state)
{
    (void)state;
    CHECK(nothing, m6_off, DAYS, {"M6 camps breed armed groups", arland_armed, +1},
          {"M6 raids raise violence in Arland's border towns", border_violence, +1});
}

static void m8_drought_drives_an_exodus(void **state)
{
    (void)state;
    CHECK(nothing, m8_off, DAYS, {"M8 drought lowers food security in the north", north_food, -1},
          {"M8 drought drives people from the north before the fighting", north_fled, +1});
}

static void m9_a_weak_neighbour_is_a_threat(void **state)
{
    (void)state;
    CHECK(nothing, m9_off, DAYS,
          {"M9 Arland's weakness raises Beria's insecurity", beria_threat, +1},
          {"M9 ... and its military share", beria_military, +1});
}

static void m12_conflict_destroys_services(void **state)
{
    (void)state;
    CHECK(nothing, m12_off, DAYS, {"M12 fighting lowers health where it is", norvik_health, -1},
          {"M12 underdevelopment there feeds grievance", norvik_grievance, +1});
}

static void m13_landmines_and_camp_epidemics(void **state)
{
    (void)state;
    CHECK(nothing, erw_off, 730, {"M13 ERW kill", erw_deaths, +1},
          {"M13 ERW keep killing after the fighting ends (day 540)", erw_deaths_after, +1});
    CHECK(poor_camps, poor_camps_epi_off, DAYS,
          {"M13 disease spreads in crowded, poorly served camps", camp_infections, +1},
          {"M13 ... and kills", disease_deaths, +1});
    CHECK(poor_camps, rich_camps, DAYS,
          {"M13 health capacity limits the outbreak", camp_infections, +1});
}

/* M7: the same mean loss of food, spread unevenly or evenly over Arland. */
static void drought_uneven(hs_world_scenario *sc)
{
    sc->params.on[HS_M4_FLIGHT] = 0; /* keep everyone where the drought is */
    sc->nevents = 0;
    /* Arlen and Norvik hold half of Arland's people. */
    sc->events[sc->nevents++] = (hs_world_event){HS_EV_DROUGHT, 50, -1, 0, -1, 0, 0.6, 0};
    sc->events[sc->nevents++] = (hs_world_event){HS_EV_DROUGHT, 50, -1, 0, -1, 1, 0.6, 0};
}
static void drought_even(hs_world_scenario *sc)
{
    sc->params.on[HS_M4_FLIGHT] = 0;
    sc->nevents = 0;
    sc->events[sc->nevents++] = (hs_world_event){HS_EV_DROUGHT, 50, -1, 0, -1, -1, 0.3, 0};
}
static void drought_uneven_m7_off(hs_world_scenario *sc)
{
    drought_uneven(sc);
    sc->params.on[HS_M7_COHESION] = 0;
}
static void drought_even_m7_off(hs_world_scenario *sc)
{
    drought_even(sc);
    sc->params.on[HS_M7_COHESION] = 0;
}
static double arland_food_early(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_TERRITORY, ARLAND, 100, 200, g_food);
}
static double arland_cohesion_early(const hs_world_sim *sim)
{
    return world_mean(sim, HS_SCOPE_TERRITORY, ARLAND, 100, 200, g_cohesion);
}

static void m7_uneven_want_erodes_cohesion(void **state)
{
    (void)state;
    CHECK(drought_uneven, drought_even, 200,
          {"M7 uneven want lowers cohesion more than even want", arland_cohesion_early, -1},
          {"M7 ... where the two droughts cost the same food (within 0.01)", arland_food_early, 2});
    CHECK(drought_uneven_m7_off, drought_even_m7_off, 200,
          {"M7 off: cohesion does not see the spread", arland_cohesion_early, 0});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(m1_rivals_buildup_raises_military_and_repression_and_moves_people),
        cmocka_unit_test(m2_repression_lowers_political_security),
        cmocka_unit_test(m3_legitimacy_erodes_and_feeds_violence),
        cmocka_unit_test(m4_fear_and_want_make_people_flee),
        cmocka_unit_test(m5_refugees_strain_hosts),
        cmocka_unit_test(m6_camps_recruit_and_raids_threaten_home),
        cmocka_unit_test(m7_uneven_want_erodes_cohesion),
        cmocka_unit_test(m8_drought_drives_an_exodus),
        cmocka_unit_test(m9_a_weak_neighbour_is_a_threat),
        cmocka_unit_test(m12_conflict_destroys_services),
        cmocka_unit_test(m13_landmines_and_camp_epidemics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
