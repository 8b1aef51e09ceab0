/*
** test_quirks.c - quirks of Flee's input that Flee tolerates are accepted with
** a warning that says what humsec did: UNHCR series out of date order (sorted),
** a date given twice (the later line kept), a third column (ignored), a case with two simsetting
*files
** (validate takes FabFlee's validation settings), a variant case with no
** source_data/ (its base case's series). Each case is written here.
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/flight.h>

static const char *locations =
    "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
    "A,r,Home,0,0,conflict_zone,0,1000\n"
    "C,r,Abroad,0,2,camp,,100\n";
static const char *routes = "#name1,name2,distance,forced_redirection\nA,C,200,0\n";
static const char *period = "StartDate,2020-01-01\nLength,10\n";
static const char *layout = "total,refugees.csv\nC,c.csv\n";
static const char *sorted_series = "2020-01-01,0\n2020-01-05,40\n2020-01-09,80\n";

static void write_case(const char *dir, const char *series)
{
    const struct {
        const char *name, *text;
    } files[] = {
        {"input_csv/locations.csv", locations},      {"input_csv/routes.csv", routes},
        {"input_csv/sim_period.csv", period},        {"source_data/data_layout.csv", layout},
        {"source_data/refugees.csv", sorted_series}, {"source_data/c.csv", series}};
    char path[8192];
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[k].name);
        test_write(path, files[k].text);
    }
}

static void load(const char *dir, hs_flight_case *c)
{
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    hs_error err;
    if (hs_flight_case_load(c, dir, NULL, &s, &err) != HS_OK) {
        char msg[2048];
        hs_error_format(&err, msg, sizeof msg);
        fail_msg("load failed: %s", msg);
    }
}

/* A row appended out of date order: sorted in, and said so with its line. */
static void dates_out_of_order_are_sorted(void **state)
{
    (void)state;
    char dir[8192];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-order"));
    write_case(dir, "2020-01-01,0\n2020-01-09,80\n2020-01-05,40\n");
    hs_flight_case c;
    load(dir, &c);
    assert_int_equal(c.ncamps, 1);
    const hs_series *sr = &c.camp_series[0];
    assert_int_equal(sr->n, 3);
    assert_true(sr->day[0] == 0 && sr->day[1] == 4 && sr->day[2] == 8);
    assert_true(sr->value[1] == 40 && sr->value[2] == 80);
    assert_true(hs_series_at(sr, 6) == 60);
    assert_int_equal(c.nwarnings, 1);
    assert_non_null(strstr(c.warnings[0], "source_data/c.csv:3: field 'date': dates out of order "
                                          "('2020-01-05' after '2020-01-09' on line 2): the "
                                          "series is sorted by date"));
    hs_flight_case_free(&c);
}

/* A date given twice (FabFlee's files repeat a month with a revised count):
** the later line's count is used. */
static void repeated_dates_keep_the_later_line(void **state)
{
    (void)state;
    char dir[8192];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-repeat"));
    write_case(dir, "2020-01-01,0\n2020-01-05,40\n2020-01-09,80\n2020-01-05,50\n");
    hs_flight_case c;
    load(dir, &c);
    const hs_series *sr = &c.camp_series[0];
    assert_int_equal(sr->n, 3);
    assert_true(sr->value[1] == 50);
    assert_int_equal(c.nwarnings, 2);
    assert_non_null(strstr(c.warnings[0], "c.csv:4: field 'date': dates out of order"));
    assert_non_null(strstr(c.warnings[1], "source_data/c.csv:4: field 'date': '2020-01-05' also "
                                          "on line 2 (count 40): the later line's count 50 is "
                                          "used"));
    hs_flight_case_free(&c);
}

/* In date order but repeated in place: no sorting warning, only the repeat. */
static void repeated_in_place(void **state)
{
    (void)state;
    char dir[8192];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-inplace"));
    write_case(dir, "2020-01-01,0\n2020-01-05,40\n2020-01-05,40\n2020-01-09,80\n");
    hs_flight_case c;
    load(dir, &c);
    assert_int_equal(c.camp_series[0].n, 3);
    assert_int_equal(c.nwarnings, 1);
    assert_non_null(strstr(c.warnings[0], "c.csv:3: field 'date': '2020-01-05' also on line 2"));
    hs_flight_case_free(&c);
}

/* A third column (FabFlee's mol-ocnita.csv has one): the second is the count. */
static void extra_columns_are_ignored(void **state)
{
    (void)state;
    char dir[8192];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-extra"));
    write_case(dir, "2020-01-01,0,0\n2020-01-05,40,80\n2020-01-09,80\n");
    hs_flight_case c;
    load(dir, &c);
    assert_true(c.camp_series[0].value[1] == 40);
    assert_int_equal(c.nwarnings, 1);
    assert_non_null(strstr(c.warnings[0], "source_data/c.csv:1: field 'count': 2 rows have more "
                                          "than two columns (date, count): the second is the "
                                          "count, the rest is ignored"));
    hs_flight_case_free(&c);
}

/* The command prints the warnings and writes them into the output folder. */
static void warnings_are_printed_and_written(void **state)
{
    (void)state;
    char dir[8192], msg[8192], path[8400];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-cli"));
    write_case(dir, "2020-01-01,0\n2020-01-09,80\n2020-01-05,40\n");
    int rc = test_humsec(msg, sizeof msg, "validate '%s' --seeds 2 -o '%s.v'", dir, dir);
    if (rc != 0) fail_msg("validate failed: %s", msg);
    assert_non_null(strstr(msg, "humsec validate: warning: "));
    assert_non_null(strstr(msg, "c.csv:3: field 'date': dates out of order"));
    snprintf(path, sizeof path, "%s.v/warnings.txt", dir);
    char *text = test_read(path);
    assert_non_null(text);
    assert_non_null(strstr(text, "c.csv:3: field 'date': dates out of order"));
    free(text);
    snprintf(path, sizeof path, "%s.v/summary.json", dir);
    text = test_read(path);
    assert_non_null(text);
    assert_non_null(strstr(text, "\"warnings\": 1"));
    free(text);
    rc = test_humsec(msg, sizeof msg, "run '%s' --quiet -o '%s.r'", dir, dir);
    if (rc != 0) fail_msg("run failed: %s", msg);
    snprintf(path, sizeof path, "%s.r/warnings.txt", dir);
    assert_true(test_exists(path));
}

/* Two simsetting files: validate takes simsetting_validation.yml and says so;
** run still asks which. */
static void validate_prefers_validation_settings(void **state)
{
    (void)state;
    char dir[8192], msg[8192], path[8400];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-settings"));
    write_case(dir, sorted_series);
    snprintf(path, sizeof path, "%s/simsetting_validation.yml", dir);
    test_write(path, "move_rules:\n  max_move_speed: 400\n");
    snprintf(path, sizeof path, "%s/simsetting_other.yml", dir);
    test_write(path, "move_rules:\n  max_move_speed: 100\n");
    int rc = test_humsec(msg, sizeof msg, "validate '%s' --seeds 1 -o '%s.v'", dir, dir);
    if (rc != 0) fail_msg("validate failed: %s", msg);
    assert_non_null(strstr(msg, "simsetting_validation.yml, FabFlee's validation settings"));
    snprintf(path, sizeof path, "%s.v/settings.yml", dir);
    char *text = test_read(path);
    assert_non_null(text);
    assert_non_null(strstr(text, "max_move_speed: 400"));
    free(text);
    rc = test_humsec(msg, sizeof msg, "run '%s' --quiet -o '%s.r'", dir, dir);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(msg, "choose one with --settings"));
}

/* A variant folder with only input_csv/ (like burundi2015_linkfix) borrows its
** base case's series and settings, with a warning for each. */
static void variant_borrows_base_case(void **state)
{
    (void)state;
    char root[8192], base[8300], variant[8300], msg[16384], path[8500];
    snprintf(root, sizeof root, "%s", test_tmpdir("quirk-variant"));
    snprintf(base, sizeof base, "%s/mycase", root);
    snprintf(variant, sizeof variant, "%s/mycase_fix", root);
    write_case(base, sorted_series);
    snprintf(path, sizeof path, "%s/simsetting_validation.yml", base);
    test_write(path, "move_rules:\n  max_move_speed: 400\n");
    const char *inputs[] = {"locations.csv", "routes.csv", "sim_period.csv"};
    const char *texts[] = {locations, routes, period};
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/input_csv/%s", variant, inputs[k]);
        test_write(path, texts[k]);
    }
    int rc = test_humsec(msg, sizeof msg, "validate '%s' --seeds 1 -o '%s.v'", variant, variant);
    if (rc != 0) fail_msg("validate failed: %s", msg);
    assert_non_null(strstr(msg, "mycase_fix: no source_data/: the UNHCR series of "));
    assert_non_null(strstr(msg, "mycase/source_data are used (--source-data to choose)"));
    assert_non_null(strstr(msg, "mycase_fix: settings from "));
    snprintf(path, sizeof path, "%s.v/warnings.txt", variant);
    assert_true(test_exists(path));
    /* Without a base case the missing file is still an error. */
    snprintf(path, sizeof path, "%s/other_fix", root);
    char in[8600];
    for (int k = 0; k < 3; k++) {
        snprintf(in, sizeof in, "%s/input_csv/%s", path, inputs[k]);
        test_write(in, texts[k]);
    }
    rc = test_humsec(msg, sizeof msg, "validate '%s' --seeds 1 -o '%s.v'", path, path);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(msg, "data_layout.csv: missing file"));
}

/* A closure of a link between two places no route joins (Flee runs it: it
** closes nothing) and a conflicts column for a place not on the map (Flee runs
** it: no place to be in conflict): each left out with a warning naming file,
** line and field. */
static void closures_and_conflicts_off_the_map(void **state)
{
    (void)state;
    char dir[8192], path[8300];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-map"));
    write_case(dir, sorted_series);
    snprintf(path, sizeof path, "%s/input_csv/closures.csv", dir);
    test_write(path, "#closure_type,name1,name2,closure_start,closure_end\nlink,A,C,2,4\n"
                     "link,C,C,1,3\n");
    snprintf(path, sizeof path, "%s/input_csv/conflicts.csv", dir);
    test_write(path, "#day,A,Nowhere\n0,1,1\n1,1,1\n2,1,1\n3,1,1\n4,1,1\n5,1,1\n6,1,1\n7,1,1\n"
                     "8,1,1\n9,1,1\n");
    hs_flight_case c;
    load(dir, &c);
    assert_int_equal(c.nclosures, 1); /* A-C stays; C-C (no route) is left out */
    assert_int_equal(c.nconflict, 1);
    assert_int_equal(c.nwarnings, 2);
    assert_non_null(strstr(c.warnings[0], "closures.csv:3: field 'name2': no route between 'C' "
                                          "and 'C': the closure closes nothing and is left out"));
    assert_non_null(strstr(c.warnings[1], "conflicts.csv:1: field 'Nowhere': no location "
                                          "'Nowhere' in locations.csv: its column is left out"));
    hs_flight_case_free(&c);
}

/* data_layout.csv: a series for a place not on the map counts in the
** sum_from_camps totals but is compared with no camp; two files on one row are
** added up (Flee does both). */
static void data_layout_off_the_map_and_summed(void **state)
{
    (void)state;
    char dir[8192], path[8300];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-layout"));
    write_case(dir, sorted_series);
    snprintf(path, sizeof path, "%s/source_data/data_layout.csv", dir);
    test_write(path, "total,refugees.csv\nC,c.csv,c2.csv\nGhost,g.csv\n");
    snprintf(path, sizeof path, "%s/source_data/c2.csv", dir);
    test_write(path, "2020-01-01,10\n2020-01-03,30\n");
    snprintf(path, sizeof path, "%s/source_data/g.csv", dir);
    test_write(path, "2020-01-01,5\n2020-01-09,25\n");
    hs_flight_case c;
    load(dir, &c);
    assert_int_equal(c.ncamps, 1);
    assert_int_equal(c.noffmap, 1);
    /* C is c.csv + c2.csv on the union of their days: day 2 is 20 + 30. */
    const hs_series *sr = &c.camp_series[0];
    assert_int_equal(sr->n, 4);
    assert_true(hs_series_at(sr, 0) == 10);
    assert_true(hs_series_at(sr, 2) == 50);
    assert_true(hs_series_at(sr, 8) == 110);
    assert_true(hs_series_at(&c.offmap_series[0], 8) == 25);
    assert_int_equal(c.nwarnings, 2);
    assert_non_null(strstr(c.warnings[0], "data_layout.csv:2: field 'file': 2 data files for 'C': "
                                          "their counts are added up"));
    assert_non_null(strstr(c.warnings[1], "data_layout.csv:3: field 'name': no location 'Ghost' "
                                          "in locations.csv: its series counts in the "
                                          "sum_from_camps totals and is compared with no camp"));
    hs_flight_case_free(&c);
}

/* Issue 15: accepted silently where a warning is due. A camp no route reaches. */
/* data_layout.csv naming "total" twice (found by fuzz_flee_case, which saw the
** first total's series lost): the later row's series is used, and said. */
static void total_named_twice_keeps_the_later(void **state)
{
    (void)state;
    char dir[8192], path[8300];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-total"));
    write_case(dir, sorted_series);
    snprintf(path, sizeof path, "%s/source_data/data_layout.csv", dir);
    test_write(path, "total,refugees.csv\ntotal,t2.csv\nC,c.csv\n");
    snprintf(path, sizeof path, "%s/source_data/t2.csv", dir);
    test_write(path, "2020-01-01,7\n2020-01-05,77\n");
    hs_flight_case c;
    load(dir, &c);
    assert_true(c.has_total);
    assert_true(hs_series_at(&c.total, 4) == 77);
    assert_int_equal(c.nwarnings, 1);
    assert_non_null(strstr(c.warnings[0], "data_layout.csv:2: field 'name': 'total' named again"));
    hs_flight_case_free(&c);
}

static void camp_no_route_reaches(void **state)
{
    (void)state;
    char dir[8192], path[8300];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-unreached"));
    write_case(dir, sorted_series);
    snprintf(path, sizeof path, "%s/input_csv/locations.csv", dir);
    test_write(path, "#name,region,country,latitude,longitude,location_type,conflict_date,"
                     "population\nA,r,Home,0,0,conflict_zone,0,1000\nC,r,Abroad,0,2,camp,,100\n"
                     "D,r,Abroad,0,3,camp,,100\nE,r,Abroad,0,4,camp,,100\n");
    snprintf(path, sizeof path, "%s/input_csv/routes.csv", dir);
    test_write(path, "#name1,name2,distance\nA,C,200\nD,E,50\n"); /* D and E: only each other */
    snprintf(path, sizeof path, "%s/source_data/data_layout.csv", dir);
    test_write(path, "total,refugees.csv\nC,c.csv\nD,c.csv\nE,c.csv\n");
    hs_flight_case c;
    load(dir, &c);
    assert_int_equal(c.nwarnings, 2);
    assert_non_null(strstr(c.warnings[0], "input_csv/locations.csv:4: field 'name': no route in "));
    assert_non_null(strstr(c.warnings[0], "routes.csv reaches camp 'D' from a place that is not a "
                                          "camp: nobody arrives there"));
    assert_non_null(strstr(c.warnings[1], "locations.csv:5: field 'name'"));
    assert_non_null(strstr(c.warnings[1], "camp 'E'"));
    hs_flight_case_free(&c);
}

/* A closure ending before it starts (closed from its start, never undone), or on the
** day it starts (closes nothing). */
static void closure_ending_before_it_starts(void **state)
{
    (void)state;
    char dir[8192], path[8300];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-closure"));
    write_case(dir, sorted_series);
    snprintf(path, sizeof path, "%s/input_csv/closures.csv", dir);
    test_write(path, "#closure_type,name1,name2,closure_start,closure_end\n"
                     "country,Home,Abroad,5,2\nlocation,A,,3,3\ncountry,Home,Abroad,1,-1\n");
    hs_flight_case c;
    load(dir, &c);
    assert_int_equal(c.nclosures, 3);
    assert_int_equal(c.nwarnings, 2);
    assert_non_null(strstr(c.warnings[0], "closures.csv:2: field 'closure_end': the closure ends "
                                          "on day 2, before it starts on day 5: it closes on day "
                                          "5 and is never undone"));
    assert_non_null(strstr(c.warnings[1], "closures.csv:3: field 'closure_end': the closure ends "
                                          "on the day it starts (3): it closes nothing"));
    hs_flight_case_free(&c);
}

/* A place with two columns in conflicts.csv: the later is used, and said so. */
static void conflicts_column_repeated(void **state)
{
    (void)state;
    char dir[8192], path[8300];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-conflicts"));
    write_case(dir, sorted_series);
    snprintf(path, sizeof path, "%s/input_csv/conflicts.csv", dir);
    test_write(path, "#day,A,A\n0,1,0.5\n1,1,0.5\n2,1,0.5\n3,1,0.5\n4,1,0.5\n5,1,0.5\n"
                     "6,1,0.5\n7,1,0.5\n8,1,0.5\n9,1,0.25\n");
    hs_flight_case c;
    load(dir, &c);
    assert_int_equal(c.nconflict, 1);
    assert_true(c.conflict_value[0] == 0.5f && c.conflict_value[9] == 0.25f);
    assert_int_equal(c.nwarnings, 1);
    assert_non_null(strstr(c.warnings[0], "conflicts.csv:1: field 'A': 'A' has a column already "
                                          "(column 2): this later column is used and the earlier "
                                          "left out"));
    hs_flight_case_free(&c);
}

/* All-zero UNHCR data: an ARD of 0 against it would look like a perfect fit. */
static void all_zero_data_is_said(void **state)
{
    (void)state;
    char dir[8192], path[8300], msg[8192];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-zero"));
    write_case(dir, "2020-01-01,0\n2020-01-09,0\n");
    snprintf(path, sizeof path, "%s/source_data/refugees.csv", dir);
    test_write(path, "2020-01-01,0\n2020-01-05,0\n");
    hs_flight_case c;
    load(dir, &c);
    assert_int_equal(c.nwarnings, 1);
    assert_non_null(strstr(c.warnings[0], "data_layout.csv:1: field 'count': every count of the 2 "
                                          "UNHCR series is 0: the data displaces nobody, and the "
                                          "ARD against it (0 when the camps are empty) says "
                                          "nothing about the fit"));
    hs_flight_case_free(&c);
    /* The command says it beside the ARD it prints. */
    int rc = test_humsec(msg, sizeof msg, "validate '%s' --seeds 2 -o '%s.v'", dir, dir);
    if (rc != 0) fail_msg("validate failed: %s", msg);
    assert_non_null(strstr(msg, "warning: "));
    assert_non_null(strstr(msg, "says nothing about the fit"));
}

/* Latin-1 names (invalid UTF-8) are read as Latin-1, converted and said so: the
** outputs are UTF-8. */
static void latin1_names_are_converted(void **state)
{
    (void)state;
    char dir[8192], path[8300], msg[8192];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("quirk-latin1"));
    write_case(dir, sorted_series);
    snprintf(path, sizeof path, "%s/input_csv/locations.csv", dir);
    test_write(path, "#name,region,country,latitude,longitude,location_type,conflict_date,"
                     "population\nS\xe9gou,r,Home,0,0,conflict_zone,0,1000\n"
                     "C,r,Abroad,0,2,camp,,100\n");
    snprintf(path, sizeof path, "%s/input_csv/routes.csv", dir);
    test_write(path, "#name1,name2,distance\nS\xe9gou,C,200\n");
    hs_flight_case c;
    load(dir, &c);
    assert_string_equal(c.geo->loc_name[0], "S\xc3\xa9gou");
    assert_int_equal(c.nwarnings, 2);
    assert_non_null(strstr(c.warnings[0], "locations.csv:2: field 'name': not UTF-8 text: the "
                                          "file is read as Latin-1 (ISO 8859-1) and its names "
                                          "written out in UTF-8"));
    assert_non_null(strstr(c.warnings[1], "routes.csv:2: field 'name1': not UTF-8 text"));
    hs_flight_case_free(&c);
    int rc = test_humsec(msg, sizeof msg, "run '%s' --quiet -o '%s.r'", dir, dir);
    if (rc != 0) fail_msg("run failed: %s", msg);
    snprintf(path, sizeof path, "%s.r/locations.csv", dir);
    char *text = test_read(path);
    assert_non_null(text);
    assert_non_null(strstr(text, ",S\xc3\xa9gou,"));
    assert_null(strstr(text, "S\xe9g"));
    free(text);
    snprintf(path, sizeof path, "%s.r/warnings.txt", dir);
    text = test_read(path);
    assert_non_null(text);
    assert_non_null(strstr(text, "not UTF-8 text"));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates_out_of_order_are_sorted),
        cmocka_unit_test(repeated_dates_keep_the_later_line),
        cmocka_unit_test(repeated_in_place),
        cmocka_unit_test(extra_columns_are_ignored),
        cmocka_unit_test(warnings_are_printed_and_written),
        cmocka_unit_test(validate_prefers_validation_settings),
        cmocka_unit_test(variant_borrows_base_case),
        cmocka_unit_test(closures_and_conflicts_off_the_map),
        cmocka_unit_test(data_layout_off_the_map_and_summed),
        cmocka_unit_test(total_named_twice_keeps_the_later),
        cmocka_unit_test(camp_no_route_reaches),
        cmocka_unit_test(closure_ending_before_it_starts),
        cmocka_unit_test(conflicts_column_repeated),
        cmocka_unit_test(all_zero_data_is_said),
        cmocka_unit_test(latin1_names_are_converted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
