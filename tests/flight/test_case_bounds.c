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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(length_past_the_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
