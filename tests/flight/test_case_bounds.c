/*
** test_case_bounds.c - counts of a Flee case that size memory, bounded with an
** error naming file, line and field (issue 15): a Length of 999999999999 days
** (found by fuzz_flee_case), populations and counts past what humsec holds.
** Each case is written here, in memory.
*/
#include "flight_fixture.h"

#include <stdio.h>
#include <string.h>

static const char *locations =
    "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
    "A,r,Home,0,0,conflict_zone,0,1000\n"
    "C,r,Abroad,0,2,camp,,100\n";
static const char *routes = "#name1,name2,distance\nA,C,200\n";

/* Read a case that must fail; its error, formatted, into msg. */
static hs_status read_bad(const hs_flight_embedded_file *files, const hs_flight_settings *s,
                          hs_error *err, char *msg, size_t n)
{
    hs_flight_case c;
    hs_status st = hs_flight_case_read(&c, "bounds", NULL, NULL, files, s, err);
    if (st == HS_OK) {
        hs_flight_case_free(&c);
        fail_msg("the case was read");
    }
    hs_error_format(err, msg, n);
    printf("%s\n", msg);
    return st;
}

static void length_past_the_bound(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    s.spawn_mode = HS_SPAWN_CONSTANT;
    hs_flight_embedded_file files[] = {
        {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,999999999999\n"},
        {"input_csv/locations.csv", locations},
        {"input_csv/routes.csv", routes},
        {NULL, NULL}};
    hs_error err;
    char msg[2048];
    assert_int_equal(read_bad(files, &s, &err, msg, sizeof msg), HS_ERR_INVALID);
    assert_string_equal(err.file, "input_csv/sim_period.csv");
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "Length");
    assert_non_null(strstr(err.message, "at most 1000000"));
}

/* A case of two places whose locations.csv, routes.csv, conflicts.csv (or NULL) vary. */
static hs_status read_case(const char *locs, const char *rts, const char *conflicts,
                           const hs_flight_settings *s, hs_error *err, char *msg, size_t n)
{
    hs_flight_embedded_file files[] = {
        {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,3\n"},
        {"input_csv/locations.csv", locs},
        {"input_csv/routes.csv", rts},
        {conflicts ? "input_csv/conflicts.csv" : NULL, conflicts},
        {NULL, NULL}};
    return read_bad(files, s, err, msg, n);
}

/* Issue 15: a population of 1e308 with pop_ratio spawning converted an out-of-range
** double to long (the release build spawned nobody and exited 0); 1e12 ran out of
** memory naming nothing. Both are refused where they are written. */
static void population_past_the_bound(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    s.spawn_mode = HS_SPAWN_POP_RATIO;
    const char *pops[] = {"1e308", "1e12", "1000000001"};
    for (size_t k = 0; k < sizeof pops / sizeof *pops; k++) {
        char locs[512], msg[2048];
        snprintf(locs, sizeof locs,
                 "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
                 "A,r,Home,0,0,conflict_zone,0,%s\nC,r,Abroad,0,2,camp,,100\n",
                 pops[k]);
        hs_error err;
        assert_int_equal(read_case(locs, routes, NULL, &s, &err, msg, sizeof msg), HS_ERR_INVALID);
        assert_string_equal(err.file, "input_csv/locations.csv");
        assert_int_equal(err.line, 2);
        assert_string_equal(err.field, "population");
        assert_non_null(strstr(err.message, "at most 1e9"));
    }
    /* A camp's capacity is its population column: bounded the same. */
    hs_error err;
    char msg[2048];
    assert_int_equal(
        read_case("#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
                  "A,r,Home,0,0,conflict_zone,0,10\nC,r,Abroad,0,2,camp,,1e15\n",
                  routes, NULL, &s, &err, msg, sizeof msg),
        HS_ERR_INVALID);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.field, "population");
}

/* A route longer than any on Earth, a conflict intensity past a float: refused. */
static void distance_and_intensity_past_the_bound(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    s.spawn_mode = HS_SPAWN_CONSTANT;
    hs_error err;
    char msg[2048];
    assert_int_equal(read_case(locations, "#name1,name2,distance\nA,C,999999999999\n", NULL, &s,
                               &err, msg, sizeof msg),
                     HS_ERR_INVALID);
    assert_string_equal(err.file, "input_csv/routes.csv");
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "distance");
    assert_int_equal(
        read_case(locations, routes, "#day,A\n0,1\n1,1e300\n2,1\n", &s, &err, msg, sizeof msg),
        HS_ERR_INVALID);
    assert_string_equal(err.file, "input_csv/conflicts.csv");
    assert_int_equal(err.line, 3);
    assert_string_equal(err.field, "A");
}

/* A UNHCR count past what humsec holds (people are spawned from it). */
static void count_past_the_bound(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    hs_flight_embedded_file files[] = {
        {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,3\n"},
        {"input_csv/locations.csv", locations},
        {"input_csv/routes.csv", routes},
        {"source_data/data_layout.csv", "C,c.csv\n"},
        {"source_data/c.csv", "2020-01-01,0\n2020-01-03,1e12\n"},
        {NULL, NULL}};
    hs_error err;
    char msg[2048];
    assert_int_equal(read_bad(files, &s, &err, msg, sizeof msg), HS_ERR_INVALID);
    assert_string_equal(err.file, "source_data/c.csv");
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "count");
}

/* Within every bound, pop_ratio spawning can still ask for more people than a run
** holds (displaced_per_conflict_day 1e12 of a billion): an error naming the place,
** before the number is converted. */
static void spawning_past_what_a_run_holds(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    s.spawn_mode = HS_SPAWN_POP_RATIO;
    s.displaced_per_conflict_day = 1e12;
    hs_flight_embedded_file files[] = {
        {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,3\n"},
        {"input_csv/locations.csv",
         "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
         "A,r,Home,0,0,conflict_zone,0,1e9\nC,r,Abroad,0,2,camp,,100\n"},
        {"input_csv/routes.csv", routes},
        {NULL, NULL}};
    hs_flight_case c;
    fixture_load(&c, &s, files);
    hs_flight_sim *sim = fixture_sim(&c, &s, 1);
    hs_error err;
    assert_int_equal(hs_flight_sim_step(sim, &err), HS_ERR_INVALID);
    char msg[2048];
    hs_error_format(&err, msg, sizeof msg);
    printf("%s\n", msg);
    assert_string_equal(err.file, "input_csv/locations.csv");
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "population");
    assert_non_null(strstr(err.message, "'A' would send"));
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(length_past_the_bound),
        cmocka_unit_test(population_past_the_bound),
        cmocka_unit_test(distance_and_intensity_past_the_bound),
        cmocka_unit_test(count_past_the_bound),
        cmocka_unit_test(spawning_past_what_a_run_holds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
