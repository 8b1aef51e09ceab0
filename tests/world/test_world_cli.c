/*
** test_world_cli.c - `humsec run` on a human-security scenario: the shipped
** default runs and writes its output folder; a broken scenario exits 1 with
** a message naming file, line and key and leaves no folder that looks
** complete; a file that names no model, or a model no file can name, is
** refused with the key and line at fault.
*/
#include "world_fixture.h"

#include <stdlib.h>
#include <string.h>

static void the_shipped_default_runs(void **state)
{
    (void)state;
    const char *src = getenv("HUMSEC_SOURCE");
    assert_non_null(src); /* set by ctest (tests/CMakeLists.txt) */
    char dir[4200], msg[8192], path[4400];
    snprintf(dir, sizeof dir, "%s/out", test_tmpdir("world-cli"));
    int rc =
        test_humsec(msg, sizeof msg,
                    "run '%s/scenarios/world/default.yml' --days 30 --seed 2 -o '%s'", src, dir);
    if (rc != 0) fail_msg("humsec run failed (%d): %s", rc, msg);
    assert_non_null(strstr(msg, "Arland"));
    const char *files[] = {"daily_states.csv", "daily_locations.csv", "parameters.yml",
                           "summary.json"};
    for (int k = 0; k < 4; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        if (!test_exists(path)) fail_msg("%s is missing", path);
    }
}

static void a_broken_scenario_names_file_line_and_key(void **state)
{
    (void)state;
    const char *tmp = test_tmpdir("world-cli-bad");
    char yml[4200], out[4200], msg[8192];
    snprintf(yml, sizeof yml, "%s/bad.yml", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    test_write(yml, "model: human_security\ndays: 10\nstates:\n  - name: A\n    legitimacy: 2\n");
    int rc = test_humsec(msg, sizeof msg, "run '%s' -o '%s'", yml, out);
    assert_int_equal(rc, 1);
    if (!strstr(msg, "bad.yml:5") || !strstr(msg, "states[0].legitimacy") ||
        !strstr(msg, "out of range"))
        fail_msg("message: %s", msg);
    assert_false(test_exists(out));
}

static void a_file_must_name_its_model(void **state)
{
    (void)state;
    const char *tmp = test_tmpdir("world-cli-model");
    char yml[4200], out[4200], msg[8192];
    snprintf(yml, sizeof yml, "%s/nomodel.yml", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    test_write(yml, "days: 10\nstates:\n  - name: A\n");
    int rc = test_humsec(msg, sizeof msg, "run '%s' -o '%s'", yml, out);
    assert_int_equal(rc, 1);
    if (!strstr(msg, "nomodel.yml") || !strstr(msg, "'model'")) fail_msg("message: %s", msg);
    test_write(yml, "days: 10\n\nmodel: flight\n");
    rc = test_humsec(msg, sizeof msg, "run '%s' -o '%s'", yml, out);
    assert_int_equal(rc, 1);
    if (!strstr(msg, "nomodel.yml:3") || !strstr(msg, "'flight'")) fail_msg("message: %s", msg);
    assert_false(test_exists(out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_shipped_default_runs),
        cmocka_unit_test(a_broken_scenario_names_file_line_and_key),
        cmocka_unit_test(a_file_must_name_its_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
