/*
** test_bad_input.c - a broken Flee case gets a message naming the file, the
** line and the field, a non-zero exit, and no output folder that looks
** complete.
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *good_locations =
    "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
    "A,r,Home,0,0,conflict_zone,0,1000\n"
    "B,r,Home,0,1,town,,500\n"
    "C,r,Abroad,0,2,camp,,100\n";
static const char *good_routes = "#name1,name2,distance,forced_redirection\nA,B,100,0\nA,C,200,0\n";
static const char *good_closures =
    "#closure_type,name1,name2,closure_start,closure_end\ncountry,Home,Abroad,0,5\n";
static const char *good_conflicts = "#Day,A\n0,1\n1,1\n2,1\n3,1\n4,1\n5,1\n6,1\n7,1\n8,1\n9,1\n";
static const char *good_period = "StartDate,2020-01-01\nLength,10\n";
static const char *good_layout = "total,refugees.csv\nC,c.csv\n";
static const char *good_series = "2020-01-01,0\n2020-01-05,40\n";

typedef struct bad_case {
    const char *what;
    const char *file;      /* file to replace (relative to the case), NULL to delete */
    const char *text;      /* its new text, or NULL to delete it */
    const char *expect[3]; /* substrings the message must contain */
} bad_case;

static void write_case(const char *dir, const bad_case *b)
{
    const struct {
        const char *name, *text;
    } files[] = {
        {"input_csv/locations.csv", good_locations}, {"input_csv/routes.csv", good_routes},
        {"input_csv/closures.csv", good_closures},   {"input_csv/conflicts.csv", good_conflicts},
        {"input_csv/sim_period.csv", good_period},   {"source_data/data_layout.csv", good_layout},
        {"source_data/refugees.csv", good_series},   {"source_data/c.csv", good_series}};
    char path[8192];
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        const char *text = files[k].text;
        if (b && strcmp(b->file, files[k].name) == 0) text = b->text;
        if (!text) continue;
        snprintf(path, sizeof path, "%s/%s", dir, files[k].name);
        test_write(path, text);
    }
}

static void good_case_runs(void **state)
{
    (void)state;
    char dir[8192], out[8192], msg[8192];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("bad-input-good"));
    write_case(dir, NULL);
    snprintf(out, sizeof out, "%s.out", dir);
    int rc = test_humsec(msg, sizeof msg, "run '%s' -o '%s' --quiet", dir, out);
    if (rc != 0) fail_msg("the good case failed: %s", msg);
    char summary[8300];
    snprintf(summary, sizeof summary, "%s/summary.json", out);
    char *text = test_read(summary);
    assert_non_null(text);
    const char *keys[] = {
        "\"seed\"",         "\"days\"",      "\"people\"", "\"ard_mean\"", "\"ard_rescaled_mean\"",
        "\"wall_seconds\"", "\"agent_days\""};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (!strstr(text, keys[k])) fail_msg("summary.json lacks %s", keys[k]);
    free(text);
    /* The same case validated over 3 seeds. */
    rc = test_humsec(msg, sizeof msg, "validate '%s' --seeds 3 -o '%s.v'", dir, out);
    if (rc != 0) fail_msg("validate failed: %s", msg);
    assert_non_null(strstr(msg, "mean"));
    snprintf(summary, sizeof summary, "%s.v/ard_by_day.csv", out);
    text = test_read(summary);
    assert_non_null(text);
    assert_non_null(strstr(text, "day,date,ard_mean,ard_sd"));
    free(text);
}

static const bad_case cases[] = {
    {"missing routes file", "input_csv/routes.csv", NULL, {"routes.csv", "missing file"}},
    {"unknown location in routes",
     "input_csv/routes.csv",
     "#name1,name2,distance\nA,B,100\nA,Nowhere,200\n",
     {"routes.csv:3", "name2", "Nowhere"}},
    {"negative distance",
     "input_csv/routes.csv",
     "#name1,name2,distance\nA,B,-100\n",
     {"routes.csv:2", "distance", "negative"}},
    {"non-numeric distance",
     "input_csv/routes.csv",
     "#name1,name2,distance\nA,B,far\n",
     {"routes.csv:2", "distance", "far"}},
    {"unknown location in closures",
     "input_csv/closures.csv",
     "#closure_type,name1,name2,closure_start,closure_end\nlocation,Atlantis,,0,5\n",
     {"closures.csv:2", "name1", "Atlantis"}},
    {"unknown country in closures",
     "input_csv/closures.csv",
     "#closure_type,name1,name2,closure_start,closure_end\ncountry,Home,Narnia,0,5\n",
     {"closures.csv:2", "name2", "Narnia"}},
    {"non-numeric closure day",
     "input_csv/closures.csv",
     "#closure_type,name1,name2,closure_start,closure_end\ncountry,Home,Abroad,soon,5\n",
     {"closures.csv:2", "closure_start", "soon"}},
    {"malformed start date",
     "input_csv/sim_period.csv",
     "StartDate,2020-13-01\nLength,10\n",
     {"sim_period.csv:1", "StartDate", "2020-13-01"}},
    {"malformed date in a camp series",
     "source_data/c.csv",
     "2020-01-01,0\n2020/01/05,40\n",
     {"c.csv:2", "date", "2020/01/05"}},
    {"duplicate location names",
     "input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,conflict_zone,0,1000\nB,r,Home,0,1,town,,500\nC,r,Abroad,0,2,camp,,100\n"
     "B,r,Home,1,1,town,,5\n",
     {"locations.csv:5", "name", "duplicate"}},
    {"empty locations file", "input_csv/locations.csv", "", {"locations.csv", "empty"}},
    {"unknown location type",
     "input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,conflict_zone,0,1000\nB,r,Home,0,1,castle,,500\nC,r,Abroad,0,2,camp,,100\n",
     {"locations.csv:3", "location_type", "castle"}},
    {"non-numeric population",
     "input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,conflict_zone,0,many\nB,r,Home,0,1,town,,500\nC,r,Abroad,0,2,camp,,100\n",
     {"locations.csv:2", "population", "many"}},
    {"conflict file shorter than the run",
     "input_csv/conflicts.csv",
     "#Day,A\n0,1\n1,1\n",
     {"conflicts.csv", "2 day rows", "10 days"}},
    {"camp series for a town",
     "source_data/data_layout.csv",
     "total,refugees.csv\nC,c.csv\nB,c.csv\n",
     {"data_layout.csv:3", "name", "not a camp"}},
    {"no camp series at all",
     "source_data/data_layout.csv",
     "total,refugees.csv\n",
     {"data_layout.csv", "no camp series"}},
    {"a camp without a series",
     "input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,conflict_zone,0,1000\nB,r,Home,0,1,town,,500\nC,r,Abroad,0,2,camp,,100\n"
     "D,r,Abroad,0,3,camp,,100\n",
     {"data_layout.csv", "camp 'D'", "line 5"}},
    {"bad count in a camp series",
     "source_data/c.csv",
     "2020-01-01,0\n2020-01-05,lots\n",
     {"c.csv:2", "count", "lots"}},
};

static void bad_inputs_are_named_and_leave_no_output(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const bad_case *b = &cases[k];
        char name[64], dir[8192], out[8192], msg[8192];
        snprintf(name, sizeof name, "bad-input-%zu", k);
        snprintf(dir, sizeof dir, "%s/case", test_tmpdir(name));
        write_case(dir, b);
        snprintf(out, sizeof out, "%s.out", dir);
        int rc = test_humsec(msg, sizeof msg, "run '%s' -o '%s' --quiet", dir, out);
        print_message("%s -> exit %d: %s", b->what, rc, msg);
        if (rc == 0) fail_msg("%s: exit code 0", b->what);
        for (int e = 0; e < 3 && b->expect[e]; e++)
            if (!strstr(msg, b->expect[e]))
                fail_msg("%s: the message lacks '%s': %s", b->what, b->expect[e], msg);
        if (test_exists(out)) fail_msg("%s: an output folder %s was left", b->what, out);
    }
}

static void bad_settings_are_named(void **state)
{
    (void)state;
    char dir[8192], file[8300], out[8300], msg[8192];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("bad-settings"));
    write_case(dir, NULL);
    snprintf(file, sizeof file, "%s/simsetting.yml", dir);
    test_write(file, "move_rules:\n  max_move_speed: 400\n  softning: 50\n");
    snprintf(out, sizeof out, "%s.out", dir);
    int rc = test_humsec(msg, sizeof msg, "run '%s' -o '%s'", dir, out);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(msg, "simsetting.yml:3"));
    assert_non_null(strstr(msg, "move_rules.softning"));
    test_write(file, "move_rules:\n  default_movechance: 1.5\n");
    rc = test_humsec(msg, sizeof msg, "run '%s' -o '%s'", dir, out);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(msg, "simsetting.yml:2"));
    assert_non_null(strstr(msg, "out of range"));
    assert_false(test_exists(out));
}

static void unknown_options_are_usage_errors(void **state)
{
    (void)state;
    char msg[4096];
    assert_int_equal(test_humsec(msg, sizeof msg, "run --sead 3"), 2);
    assert_non_null(strstr(msg, "--sead"));
    assert_int_equal(test_humsec(msg, sizeof msg, "run --days zero"), 2);
    assert_int_equal(test_humsec(msg, sizeof msg, "nonsense"), 2);
    assert_int_equal(test_humsec(msg, sizeof msg, "run --help"), 0);
    assert_non_null(strstr(msg, "usage: humsec run"));
    assert_int_equal(test_humsec(msg, sizeof msg, "validate --help"), 0);
    assert_int_equal(test_humsec(msg, sizeof msg, "--help"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_case_runs),
        cmocka_unit_test(bad_inputs_are_named_and_leave_no_output),
        cmocka_unit_test(bad_settings_are_named),
        cmocka_unit_test(unknown_options_are_usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
