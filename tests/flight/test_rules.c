/*
** test_rules.c - the flight rules against values computed by hand.
*/
#include "flight_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* A (home, conflict from day 0) -- B (town, 100 km) ; A -- C (camp abroad, 200 km);
** B -- D (town, 50 km). Capacity of C: 100. */
static const hs_flight_embedded_file small[] = {
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,20\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,conflict_zone,0,1000\n"
     "B,r,Home,0,1,town,,500\n"
     "C,r,Abroad,0,2,camp,,100\n"
     "D,r,Home,0,3,town,,500\n"},
    {"input_csv/routes.csv", "#name1,name2,distance\nA,B,100\nA,C,200\nB,D,50\n"},
    {NULL, NULL}};

static void settings_plain(hs_flight_settings *s)
{
    hs_flight_settings_default(s);
    s->spawn_mode = HS_SPAWN_CONSTANT;
    s->displaced_per_conflict_day = 0;
    s->softening = 10;
    s->distance_power = 1;
    s->conflict_weight = 0.25;
    s->camp_weight = 2.0;
    s->foreign_weight = 3.0;
}

static void decay_follows_the_list(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    NEAR(hs_flight_decay(&s, 500), 1.0); /* no list: no decay */
    double list[5] = {1, 1, 1, 0.5, 0.1};
    memcpy(s.decay, list, sizeof list);
    s.ndecay = 5;
    s.decay_interval = 30;
    NEAR(hs_flight_decay(&s, 0), 1.0);
    NEAR(hs_flight_decay(&s, 89), 1.0);
    NEAR(hs_flight_decay(&s, 90), 0.5);
    NEAR(hs_flight_decay(&s, 119), 0.5);
    NEAR(hs_flight_decay(&s, 120), 0.1);
    NEAR(hs_flight_decay(&s, 10000), 0.1);
}

static void capacity_multiplier_is_linear_between_buffer_and_capacity(void **state)
{
    (void)state;
    hs_flight_settings s;
    settings_plain(&s);
    s.capacity_buffer = 0.9;
    s.capacity_scaling = 1.0;
    hs_flight_case c;
    fixture_load(&c, &s, small);
    hs_flight_sim *sim = fixture_sim(&c, &s, 1);
    int camp = hs_geo_find(c.geo, "C"), town = hs_geo_find(c.geo, "B");
    const int32_t n[] = {0, 50, 90, 92, 95, 99, 100, 150};
    const double want[] = {1, 1, 1, 0.8, 0.5, 0.1, 0, 0}; /* 1 - (n - 90) / 10 */
    for (size_t k = 0; k < sizeof n / sizeof *n; k++) {
        sim->count[camp] = n[k];
        assert_true(fabs(hs_flight_capmult(sim, camp) - want[k]) < 1e-12);
    }
    sim->count[town] = 1000000; /* no capacity: always 1 */
    NEAR(hs_flight_capmult(sim, town), 1.0);
    /* capacity_scaling 2 doubles the room: 180 of 200 is the buffer edge. */
    s.capacity_scaling = 2.0;
    sim->count[camp] = 180;
    NEAR(hs_flight_capmult(sim, camp), 1.0);
    sim->count[camp] = 190;
    NEAR(hs_flight_capmult(sim, camp), 0.5);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

static void scores_and_route_weights(void **state)
{
    (void)state;
    hs_flight_settings s;
    settings_plain(&s);
    hs_flight_case c;
    fixture_load(&c, &s, small);
    hs_flight_sim *sim = fixture_sim(&c, &s, 1);
    hs_error err;
    assert_int_equal(hs_flight_scores_step(sim, 0, &err), HS_OK);
    int A = 0, B = 1, C = 2, D = 3;
    NEAR(sim->score[A], 0.25);      /* conflict, age 0, intensity 1 */
    NEAR(sim->score[B], 1.0);       /* home town */
    NEAR(sim->score[C], 3.0 * 2.0); /* foreign x camp */
    /* Awareness 1 from A: B then C, in routes-file order. */
    const route_table *t = &sim->routes;
    assert_int_equal(t->start[A + 1] - t->start[A], 2);
    double wB = 1.0 / (10 + 100), wC = 6.0 / (10 + 200);
    int k = t->start[A];
    assert_int_equal(t->path[k * HS_ROUTE_MAX], B);
    NEAR(t->cumw[k], wB);
    assert_int_equal(t->path[(k + 1) * HS_ROUTE_MAX], C);
    NEAR(t->cumw[k + 1], wB + wC);
    hs_flight_sim_free(sim);

    /* Awareness 2 with distance power 0.5 and weight power 2: every prefix is a
    ** candidate and d_prior counts. From A: A-B, A-B-D, A-C. */
    s.awareness_level = 2;
    s.distance_power = 0.5;
    s.weight_power = 2.0;
    sim = fixture_sim(&c, &s, 1);
    assert_int_equal(hs_flight_scores_step(sim, 0, &err), HS_OK);
    t = &sim->routes;
    k = t->start[A];
    assert_int_equal(t->start[A + 1] - k, 3);
    double w1 = pow(1.0 / sqrt(110), 2), w2 = pow(1.0 / sqrt(10 + 100 + 50), 2),
           w3 = pow(6.0 / sqrt(210), 2);
    assert_int_equal(t->path[k * HS_ROUTE_MAX], B);
    assert_int_equal(t->path[k * HS_ROUTE_MAX + 1], -1);
    assert_int_equal(t->path[(k + 1) * HS_ROUTE_MAX], B);
    assert_int_equal(t->path[(k + 1) * HS_ROUTE_MAX + 1], D);
    assert_int_equal(t->path[(k + 2) * HS_ROUTE_MAX], C);
    NEAR(t->cumw[k], w1);
    NEAR(t->cumw[k + 1], w1 + w2);
    NEAR(t->cumw[k + 2], w1 + w2 + w3);
    /* A full camp weighs nothing. */
    sim->count[C] = 100;
    assert_int_equal(hs_flight_scores_step(sim, 0, &err), HS_OK);
    NEAR(t->cumw[k + 2], w1 + w2);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

static void series_interpolate_and_truncate(void **state)
{
    (void)state;
    double day[] = {0, 3, 10}, value[] = {0, 10, 3};
    hs_series s = {3, day, value};
    NEAR(hs_series_at(&s, -5), 0);
    NEAR(hs_series_at(&s, 0), 0);
    NEAR(hs_series_at(&s, 1), 3); /* 3.33 truncated */
    NEAR(hs_series_at(&s, 2), 6); /* 6.67 truncated */
    NEAR(hs_series_at(&s, 3), 10);
    NEAR(hs_series_at(&s, 5), 8); /* 10 - 2 * 7/7 = 8 */
    NEAR(hs_series_at(&s, 10), 3);
    NEAR(hs_series_at(&s, 99), 3);
}

/* One camp whose UNHCR series rises 10, falls 5, rises 3, rises 4. */
static const hs_flight_embedded_file debt_case[] = {
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,6\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,conflict_zone,0,1000\n"
     "C,r,Abroad,0,2,camp,,1000\n"},
    {"input_csv/routes.csv", "#name1,name2,distance\nA,C,5000\n"},
    {"input_csv/registration_corrections.csv", "C,2020-01-06,normalize\n"},
    {"source_data/data_layout.csv", "total,refugees.csv\nC,c.csv\n"},
    {"source_data/refugees.csv", "2020-01-01,0\n"},
    {"source_data/c.csv",
     "2020-01-01,100\n2020-01-02,110\n2020-01-03,105\n2020-01-04,108\n2020-01-05,112\n"
     "2020-01-06,224\n"},
    {NULL, NULL}};

static void spawning_carries_a_debt_and_reduces_capacity(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    hs_flight_case c;
    fixture_load(&c, &s, debt_case);
    /* The correction on 2020-01-06 halves everything before it (224/112 = 2). */
    NEAR(c.camp_series[0].value[0], 200);
    NEAR(c.camp_series[0].value[4], 224);
    hs_flight_sim *sim = fixture_sim(&c, &s, 7);
    int C = 1;
    assert_int_equal(sim->people.n, 200); /* insert_day0: the day-0 count */
    assert_int_equal(sim->count[C], 200);
    long want[] = {0, 20, 0, 0, 4, 224 - 224}; /* +20, -10, +6 (debt 4), +8 -> 4, 0 */
    for (int d = 0; d < 6; d++) {
        fixture_step(sim);
        assert_int_equal(hs_flight_sim_day(sim, d)->spawned, want[d]);
    }
    NEAR(sim->capacity[C], 1000 - 200); /* reduced on day 0 */
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

/* A line of towns: S (conflict) - T1 100 km - T2 350 km - T3 500 km - camp far away. */
static const hs_flight_embedded_file line_case[] = {
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,10\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "S,r,Home,0,0,conflict_zone,0,1000\n"
     "T1,r,Home,0,1,forwarding_hub,,0\n"
     "T2,r,Home,0,2,forwarding_hub,,0\n"
     "T3,r,Home,0,3,camp,,100000\n"},
    {"input_csv/routes.csv", "#name1,name2,distance\nS,T1,100\nT1,T2,350\nT2,T3,500\n"},
    {NULL, NULL}};

static void travel_multi_hop_and_carry_over(void **state)
{
    (void)state;
    hs_flight_settings s;
    fixture_no_spawning(&s);
    s.max_move_speed = 400;
    hs_flight_case c;
    fixture_load(&c, &s, line_case);
    hs_flight_sim *sim = fixture_sim(&c, &s, 3);
    hs_error err;
    size_t first;
    assert_int_equal(hs_people_add(&sim->people, 1, 0, &first, &err), HS_OK);
    sim->count[0]++;
    /* Day 0: S -> T1 (100 km, 300 left), then a hub moves on: T1 -> T2 (350 < 400:
    ** arrives, having used 450 km), no further hop that day. */
    fixture_step(sim);
    assert_int_equal(sim->people.loc[first], 2);
    assert_int_equal(sim->people.link[first], -1);
    NEAR(sim->people.stint[first], (0 + 450.0 / 400) / 2);
    /* Day 1: T2 -> T3 is 500 km: 400 done, 100 to go tomorrow. */
    fixture_step(sim);
    assert_int_equal(sim->people.link[first] >= 0, 1);
    NEAR(sim->people.link_km[first], 400);
    /* Day 2: arrives at the camp (800 > 500). */
    fixture_step(sim);
    assert_int_equal(sim->people.loc[first], 3);
    assert_int_equal(sim->people.link[first], -1);
    assert_int_equal(hs_flight_sim_counts(sim, 2)[3], 1);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

static void awareness_zero_still_moves(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    s.spawn_mode = HS_SPAWN_CONSTANT;
    s.displaced_per_conflict_day = 50;
    s.awareness_level = 0; /* Flee's agents never move here; ours pick by distance */
    hs_flight_case c;
    fixture_load(&c, &s, small);
    hs_flight_sim *sim = fixture_sim(&c, &s, 5);
    hs_error err;
    assert_int_equal(hs_flight_sim_run(sim, 10, NULL, NULL, &err), HS_OK);
    /* Day 0: the 50 spawned at A (a conflict zone: movechance 1, and no camp is
    ** near full yet) all leave it that day, each to B, C or D. */
    const int32_t *n = hs_flight_sim_counts(sim, 0);
    assert_int_equal(hs_flight_sim_day(sim, 0)->travelling, 0); /* 100 and 200 km < 360 */
    assert_int_equal(n[0], 0);
    assert_int_equal(n[1] + n[2] + n[3], 50);
    /* Day 9: all 10 x 50 are somewhere. */
    n = hs_flight_sim_counts(sim, 9);
    assert_int_equal(n[0] + n[1] + n[2] + n[3] + hs_flight_sim_day(sim, 9)->travelling, 500);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

/* Closures: country (both ways, start..end), camp becoming a town, and two
** overlapping closures of one link that reopen only when both have ended. */
static const hs_flight_embedded_file closure_case[] = {
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,12\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,conflict_zone,0,1000\n"
     "B,r,Home,0,1,town,,500\n"
     "C,r,Abroad,0,2,camp,,100\n"},
    {"input_csv/routes.csv", "#name1,name2,distance\nA,B,100\nA,C,200\n"},
    {"input_csv/closures.csv", "#closure_type,name1,name2,closure_start,closure_end\n"
                               "country,Home,Abroad,2,5\n"
                               "camp,C,,3,-1\n"
                               "link,A,B,4,8\n"
                               "location,B,,6,10\n"},
    {NULL, NULL}};

static void closures_open_and_close_on_their_days(void **state)
{
    (void)state;
    hs_flight_settings s;
    settings_plain(&s);
    hs_flight_case c;
    fixture_load(&c, &s, closure_case);
    hs_flight_sim *sim = fixture_sim(&c, &s, 1);
    int AB = hs_geo_link(c.geo, 0, 1), BA = hs_geo_link(c.geo, 1, 0), AC = hs_geo_link(c.geo, 0, 2),
        CA = hs_geo_link(c.geo, 2, 0);
    hs_error err;
    int closed_ac[12], closed_ab[12], camp[12];
    for (long d = 0; d < 12; d++) {
        assert_int_equal(hs_flight_closures_step(sim, d, &err), HS_OK);
        assert_int_equal(sim->link_closed[AC] > 0, sim->link_closed[CA] > 0);
        assert_int_equal(sim->link_closed[AB] > 0, sim->link_closed[BA] > 0);
        closed_ac[d] = sim->link_closed[AC] > 0;
        closed_ab[d] = sim->link_closed[AB] > 0;
        camp[d] = sim->is_camp[2];
    }
    const int want_ac[12] = {0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    const int want_ab[12] = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0}; /* link 4..7, location 6..9 */
    const int want_camp[12] = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    for (int d = 0; d < 12; d++) {
        assert_int_equal(closed_ac[d], want_ac[d]);
        assert_int_equal(closed_ab[d], want_ab[d]);
        assert_int_equal(camp[d], want_camp[d]);
    }
    NEAR(sim->movechance[2], s.default_movechance); /* a town now */
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

static void conflict_zones_start_on_their_day(void **state)
{
    (void)state;
    static const hs_flight_embedded_file late[] = {
        {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,10\n"},
        {"input_csv/locations.csv",
         "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
         "A,r,Home,0,0,conflict_zone,5,1000\n"
         "B,r,Home,0,1,town,,500\n"},
        {"input_csv/routes.csv", "#name1,name2,distance\nA,B,100\n"},
        {NULL, NULL}};
    hs_flight_settings s;
    settings_plain(&s);
    s.displaced_per_conflict_day = 7;
    hs_flight_case c;
    fixture_load(&c, &s, late);
    hs_flight_sim *sim = fixture_sim(&c, &s, 1);
    for (int d = 0; d < 10; d++) {
        fixture_step(sim);
        assert_int_equal(hs_flight_sim_day(sim, d)->spawned, d < 5 ? 0 : 7);
    }
    NEAR(sim->movechance[0], s.conflict_movechance);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

static void conflict_driven_spawning_modes(void **state)
{
    (void)state;
    hs_flight_settings s;
    settings_plain(&s);
    hs_flight_case c;
    fixture_load(&c, &s, small); /* A: conflict from day 0, population 1000 */
    /* constant: 40 x intensity 1 a day. */
    s.spawn_mode = HS_SPAWN_CONSTANT;
    s.displaced_per_conflict_day = 40;
    hs_flight_sim *sim = fixture_sim(&c, &s, 1);
    for (int d = 0; d < 5; d++) {
        fixture_step(sim);
        assert_int_equal(hs_flight_sim_day(sim, d)->spawned, 40);
    }
    hs_flight_sim_free(sim);
    /* pop_ratio: 0.01 x population 1000, and take_from_population shrinks it:
    ** 10, then 0.01 x 990 = 9.9 -> 9, then 0.01 x 981 -> 9. */
    s.spawn_mode = HS_SPAWN_POP_RATIO;
    s.displaced_per_conflict_day = 0.01;
    s.take_from_population = 1;
    sim = fixture_sim(&c, &s, 1);
    const long want[] = {10, 9, 9};
    for (int d = 0; d < 3; d++) {
        fixture_step(sim);
        assert_int_equal(hs_flight_sim_day(sim, d)->spawned, want[d]);
    }
    hs_flight_sim_free(sim);
    /* poisson: mean 30 a day; over 400 days the mean is within 5 standard
    ** errors (sqrt(30/400) = 0.27) and the variance is near 30. */
    s.spawn_mode = HS_SPAWN_POISSON;
    s.displaced_per_conflict_day = 30;
    s.take_from_population = 0;
    double sum = 0, sum2 = 0;
    const int days = 400;
    sim = fixture_sim(&c, &s, 9);
    for (int d = 0; d < days; d++) {
        fixture_step(sim);
        double x = (double)hs_flight_sim_day(sim, d)->spawned;
        sum += x;
        sum2 += x * x;
    }
    double mean = sum / days, var = sum2 / days - mean * mean;
    assert_true(fabs(mean - 30) < 5 * sqrt(30.0 / days));
    assert_true(var > 20 && var < 40);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

static void hasten_scales_populations_and_data(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    s.hasten = 3;
    hs_flight_case c;
    fixture_load(&c, &s, debt_case);
    NEAR(c.population[0], 333);                 /* 1000 // 3 */
    NEAR(c.capacity[1], 333);                   /* camp capacity 1000 // 3 */
    NEAR(c.camp_series[0].value[5], 224.0 / 3); /* data: true division */
    NEAR(c.camp_series[0].value[0], 100.0 / 3 * 2);
    hs_flight_case_free(&c);
}

static void settings_read_flee_yaml_and_write_back(void **state)
{
    (void)state;
    hs_flight_settings s, back;
    hs_error err;
    hs_flight_settings_default(&s);
    const char *text =
        "log_levels:\n  agent: 0\nspawn_rules:\n  conflict_spawn_decay: [1.0,0.5]\n"
        "  conflict_driven_spawning:\n    spawn_mode: Poisson\n"
        "    displaced_per_conflict_day: 12\nmove_rules:\n  softening: 50.0\n"
        "  awareness_level: 2\n  avoid_short_stints: True\noptimisations:\n  hasten: 2\n";
    assert_int_equal(hs_flight_settings_load_text(&s, "s.yml", text, &err), HS_OK);
    assert_int_equal(s.spawn_mode, HS_SPAWN_POISSON);
    NEAR(s.displaced_per_conflict_day, 12);
    NEAR(s.softening, 50);
    assert_int_equal(s.awareness_level, 2);
    assert_int_equal(s.avoid_short_stints, 1);
    assert_int_equal(s.hasten, 2);
    assert_int_equal(s.ndecay, 2);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    hs_flight_settings_write(&s, f);
    fclose(f);
    hs_flight_settings_default(&back);
    assert_int_equal(hs_flight_settings_load_text(&back, "back.yml", buf, &err), HS_OK);
    assert_memory_equal(&s, &back, sizeof s);
    free(buf);
    /* Flee features humsec does not have are refused when switched on. */
    hs_flight_settings_default(&s);
    assert_int_equal(hs_flight_settings_load_text(
                         &s, "s.yml", "move_rules:\n  stay_close_to_home: True\n", &err),
                     HS_ERR_INVALID);
    assert_string_equal(err.field, "move_rules.stay_close_to_home");
    assert_int_equal(err.line, 2);
    hs_flight_settings_default(&s);
    assert_int_equal(hs_flight_settings_load_text(
                         &s, "s.yml", "spawn_rules:\n  conflict_spawn_decay: [1, -0.5]\n", &err),
                     HS_ERR_INVALID);
    assert_string_equal(err.field, "spawn_rules.conflict_spawn_decay");
}

static void a_closed_camp_stays_out_of_conflict(void **state)
{
    (void)state;
    static const hs_flight_embedded_file files[] = {
        {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,8\n"},
        {"input_csv/locations.csv",
         "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
         "A,r,Home,0,0,conflict_zone,0,1000\n"
         "C,r,Abroad,0,2,camp,,100\n"},
        {"input_csv/routes.csv", "#name1,name2,distance\nA,C,200\n"},
        {"input_csv/conflicts.csv",
         "#Day,A,C\n0,1,0\n1,1,0\n2,1,1\n3,1,2\n4,1,2\n5,1,2\n6,1,0\n7,1,1\n"},
        {"input_csv/closures.csv",
         "#closure_type,name1,name2,closure_start,closure_end\ncamp,C,,4,-1\n"},
        {NULL, NULL}};
    hs_flight_settings s;
    settings_plain(&s);
    hs_flight_case c;
    fixture_load(&c, &s, files);
    hs_flight_sim *sim = fixture_sim(&c, &s, 1);
    /* conflicts run before closures each day: on day 4 the closure ends C's
    ** conflict; days 4-5 keep it ended (the file is still above zero), day 7
    ** (a fresh rise) starts it again. */
    const double want[8] = {0, 0, 1, 2, 0, 0, 0, 1};
    for (int d = 0; d < 8; d++) {
        fixture_step(sim);
        NEAR(sim->conflict[1], want[d]);
    }
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

/* S (conflict) -- H (hub), 600 km; the link closes from day 1. */
static const hs_flight_embedded_file long_link[] = {
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,5\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "S,r,Home,0,0,conflict_zone,0,1000\n"
     "H,r,Home,0,1,forwarding_hub,,0\n"},
    {"input_csv/routes.csv", "#name1,name2,distance\nS,H,600\n"},
    {"input_csv/closures.csv",
     "#closure_type,name1,name2,closure_start,closure_end\nlink,S,H,1,-1\n"},
    {NULL, NULL}};

static void closed_links_send_travellers_back_and_walkers_are_slow(void **state)
{
    (void)state;
    hs_flight_settings s;
    settings_plain(&s);
    s.max_move_speed = 400;
    hs_flight_case c;
    fixture_load(&c, &s, long_link);
    hs_flight_sim *sim = fixture_sim(&c, &s, 1);
    hs_error err;
    size_t i;
    assert_int_equal(hs_people_add(&sim->people, 1, 0, &i, &err), HS_OK);
    sim->count[0]++;
    fixture_step(sim); /* day 0: onto the link, 400 of 600 km */
    assert_true(sim->people.link[i] >= 0);
    NEAR(sim->people.link_km[i], 400);
    fixture_step(sim); /* day 1: the link is closed; on arriving they turn back */
    assert_int_equal(sim->people.link[i], -1);
    assert_int_equal(sim->people.loc[i], 0);
    assert_int_equal(hs_flight_sim_counts(sim, 1)[0], 1);
    assert_int_equal(hs_flight_sim_counts(sim, 1)[1], 0);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);

    /* start_on_foot: 35 km a day on the first link (600 km: arrives on the 18th day). */
    static const hs_flight_embedded_file open_link[] = {
        {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,30\n"},
        {"input_csv/locations.csv",
         "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
         "S,r,Home,0,0,conflict_zone,0,1000\nH,r,Home,0,1,camp,,100\n"},
        {"input_csv/routes.csv", "#name1,name2,distance\nS,H,600\n"},
        {NULL, NULL}};
    s.start_on_foot = 1;
    s.max_walk_speed = 35;
    fixture_load(&c, &s, open_link);
    sim = fixture_sim(&c, &s, 1);
    assert_int_equal(hs_people_add(&sim->people, 1, 0, &i, &err), HS_OK);
    sim->count[0]++;
    for (int d = 0; d < 17; d++) {
        fixture_step(sim);
        assert_true(sim->people.link[i] >= 0);
        NEAR(sim->people.link_km[i], 35.0 * (d + 1));
    }
    fixture_step(sim); /* 18 x 35 = 630 > 600 */
    assert_int_equal(sim->people.loc[i], 1);
    assert_int_equal(sim->people.link[i], -1);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decay_follows_the_list),
        cmocka_unit_test(capacity_multiplier_is_linear_between_buffer_and_capacity),
        cmocka_unit_test(scores_and_route_weights),
        cmocka_unit_test(series_interpolate_and_truncate),
        cmocka_unit_test(spawning_carries_a_debt_and_reduces_capacity),
        cmocka_unit_test(travel_multi_hop_and_carry_over),
        cmocka_unit_test(awareness_zero_still_moves),
        cmocka_unit_test(closures_open_and_close_on_their_days),
        cmocka_unit_test(conflict_zones_start_on_their_day),
        cmocka_unit_test(conflict_driven_spawning_modes),
        cmocka_unit_test(hasten_scales_populations_and_data),
        cmocka_unit_test(settings_read_flee_yaml_and_write_back),
        cmocka_unit_test(a_closed_camp_stays_out_of_conflict),
        cmocka_unit_test(closed_links_send_travellers_back_and_walkers_are_slow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
