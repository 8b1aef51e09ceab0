/*
** test_cv_scenario.c - civil-violence scenario files: every shipped scenario
** loads and checks; mistakes are reported with file, line and key.
*/
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/violence.h>

static void shipped_scenarios_load(void **state)
{
    (void)state;
    const char *src = getenv("HUMSEC_SOURCE");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/scenarios/civil-violence", src ? src : ".");
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".yml") != 0) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        hs_cv_params p;
        hs_error err;
        hs_status st = hs_cv_scenario_load(path, &p, &err);
        if (st != HS_OK) fail_msg("%s: %s", path, err.message);
        n++;
    }
    closedir(d);
    assert_true(n >= 10); /* runs 1-8, NetLogo, Mesa */
}

static void values_and_schedule_are_read(void **state)
{
    (void)state;
    const char *text = "model: civil_violence\n"
                       "name: test\n"
                       "variant: 1\n"
                       "legitimacy: 0.9\n"
                       "vision_shape: diamond\n"
                       "rounding: round\n"
                       "jail: stay\n"
                       "citizens_move: false\n"
                       "decide_rounds: 8\n"
                       "self_counted_twice: yes\n"
                       "schedule:\n"
                       "  - {param: legitimacy, start: 77, end: 147, to: 0.2}\n"
                       "  - {param: cop_density, at: 50, to: 0.01}\n";
    hs_cv_params p;
    hs_error e;
    if (hs_cv_scenario_load_text("s.yml", text, &p, &e) != HS_OK) fail_msg("%s", e.message);
    assert_string_equal(p.name, "test");
    assert_true(p.legitimacy == 0.9);
    assert_int_equal(p.vision_shape, HS_CV_DIAMOND);
    assert_int_equal(p.rounding, HS_CV_ROUND);
    assert_int_equal(p.jail, HS_CV_JAIL_STAY);
    assert_int_equal(p.citizens_move, 0);
    assert_int_equal(p.decide_rounds, 8);
    assert_int_equal(p.self_counted_twice, 1);
    assert_true(p.cop_density == 0.04 && p.max_jail_term == 30); /* Model I defaults kept */
    assert_int_equal(p.nchanges, 2);
    assert_int_equal(p.changes[0].param, HS_CV_P_LEGITIMACY);
    assert_int_equal(p.changes[0].start, 77);
    assert_int_equal(p.changes[0].end, 147);
    assert_true(p.changes[0].to == 0.2);
    assert_int_equal(p.changes[1].param, HS_CV_P_COP_DENSITY);
    assert_int_equal(p.changes[1].start, 50);
    assert_int_equal(p.changes[1].end, 50);
}

/* Load text and return the error (status HS_OK when it loaded). */
static hs_error load_err(const char *text)
{
    hs_cv_params p;
    hs_error e;
    hs_error_clear(&e);
    hs_cv_scenario_load_text("s.yml", text, &p, &e);
    return e;
}

static void mistakes_name_file_line_and_key(void **state)
{
    (void)state;
    hs_error e = load_err("model: civil_violence\nlegitimacy: 0.8\nlegitimcy: 0.7\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_string_equal(e.file, "s.yml");
    assert_int_equal(e.line, 3);
    assert_string_equal(e.field, "legitimcy");

    e = load_err("model: civil_violence\nlegitimacy: 1.5\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_int_equal(e.line, 2);
    assert_string_equal(e.field, "legitimacy");

    e = load_err("model: civil_violence\nrounding: ceiling\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_int_equal(e.line, 2);
    assert_string_equal(e.field, "rounding");
    assert_non_null(strstr(e.message, "floor, round, none"));

    e = load_err("model: flight\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_string_equal(e.field, "model");

    e = load_err("legitimacy: 0.8\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_string_equal(e.field, "model");

    /* A check that spans keys is located at the key it names. */
    e = load_err("model: civil_violence\nwidth: 10\nheight: 10\nvision: 7\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_string_equal(e.field, "vision");
    assert_int_equal(e.line, 4);

    e = load_err("model: civil_violence\nschedule:\n  - {param: legitimacy, to: 0.2}\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_string_equal(e.field, "schedule[0]");
    assert_int_equal(e.line, 3);

    e = load_err("model: civil_violence\nschedule:\n  - {param: hardship, at: 3, to: 0.2}\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_int_equal(e.line, 3);

    e = load_err(
        "model: civil_violence\nschedule:\n  - {param: legitimacy, at: 3, to: 0.2, when: 4}\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_string_equal(e.field, "schedule[0].when");

    e = load_err(
        "model: civil_violence\nschedule:\n  - {param: legitimacy, start: 9, end: 3, to: 0.2}\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_int_equal(e.line, 3);

    e = load_err("model: civil_violence\nvariant: 3\n");
    assert_int_equal(e.status, HS_ERR_INVALID);
    assert_string_equal(e.field, "variant");

    hs_cv_params p;
    assert_int_equal(hs_cv_scenario_load("/nonexistent/x.yml", &p, &e), HS_ERR_IO);
}

/* Issue 15: counts that size memory (the lattice, the steps recorded) are bounded,
** refused with line and key, and a value past long's range is never converted. */
static void sizes_past_their_bounds(void **state)
{
    (void)state;
    const char *bad[] = {"width: 1000000000\n", "width: 1e300\n", "height: -1e19\n",
                         "steps: 999999999999\n", "max_jail_term: 1e308\n"};
    const char *key[] = {"width", "width", "height", "steps", "max_jail_term"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char text[256];
        snprintf(text, sizeof text, "model: civil_violence\n%s", bad[k]);
        hs_error e = load_err(text);
        assert_int_equal(e.status, HS_ERR_INVALID);
        assert_string_equal(e.file, "s.yml");
        assert_int_equal(e.line, 2);
        assert_string_equal(e.field, key[k]);
        assert_non_null(strstr(e.message, "out of range"));
    }
    /* Hexadecimal and non-finite numbers are not numbers. */
    const char *nan_like[] = {"legitimacy: 0x1p-1\n", "legitimacy: .nan\n", "legitimacy: inf\n"};
    for (size_t k = 0; k < sizeof nan_like / sizeof *nan_like; k++) {
        char text[256];
        snprintf(text, sizeof text, "model: civil_violence\n%s", nan_like[k]);
        hs_error e = load_err(text);
        assert_int_not_equal(e.status, HS_OK);
        assert_int_equal(e.line, 2);
        assert_string_equal(e.field, "legitimacy");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_scenarios_load),
        cmocka_unit_test(values_and_schedule_are_read),
        cmocka_unit_test(mistakes_name_file_line_and_key),
        cmocka_unit_test(sizes_past_their_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
