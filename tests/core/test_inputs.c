/*
** test_inputs.c - bad input to the core readers, each from a reproducer of
** issue 15 (found by the fuzz harnesses of tests/fuzz or by hand): refused
** with file, line and field, never undefined behaviour or a crash.
*/
#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <humsec/error.h>
#include <humsec/table.h>
#include "core/yaml.h"

/* libfyaml 0.7.12 crashes cleaning up after "cannot use tab for indentation of
** block entry": a tab outside a comment line is refused before it sees the text. */
static void yaml_tab_is_refused_before_the_library(void **state)
{
    (void)state;
    hs_yaml y;
    hs_error e;
    const char *tabbed[] = {"? a:\t:\n", "a: 1\nb:\t2\n", "a:\n\t- 1\n", "a: \"x\ty\"\n"};
    const long line[] = {1, 2, 2, 1};
    for (size_t k = 0; k < sizeof tabbed / sizeof *tabbed; k++) {
        assert_int_equal(hs_yaml_load_text(&y, "s.yml", tabbed[k], &e), HS_ERR_PARSE);
        assert_string_equal(e.file, "s.yml");
        assert_int_equal(e.line, line[k]);
        assert_non_null(strstr(e.message, "tab"));
    }
    /* A tab in a comment line is only a comment; an escaped tab is text. */
    assert_int_equal(
        hs_yaml_load_text(&y, "s.yml", "# a\tcomment\n  #\tindented\na: \"x\\ty\"\n", &e), HS_OK);
    assert_string_equal(hs_yaml_scalar(hs_yaml_get(hs_yaml_root(&y), "a")), "x\ty");
    hs_yaml_free(&y);
}

/* An integer key whose caller allows more than long holds: a value past long's range is
** refused, never converted (undefined behaviour, found by fuzz_yaml: "big: -1e28"). */
static void yaml_integer_past_long_is_refused(void **state)
{
    (void)state;
    hs_yaml y;
    hs_error e;
    long v = 0;
    hs_yaml_field wide[] = {{"big", HS_YF_LONG, &v, -1e300, 1e300}, {NULL}};
    const char *past[] = {"big: -1e28\n", "big: 9.3e18\n", "big: 99999999999999999999\n"};
    for (size_t k = 0; k < sizeof past / sizeof *past; k++) {
        assert_int_equal(hs_yaml_load_text(&y, "s.yml", past[k], &e), HS_OK);
        assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", wide, 1, &e), HS_ERR_INVALID);
        assert_int_equal(e.line, 1);
        assert_string_equal(e.field, "big");
        assert_non_null(strstr(e.message, "out of range"));
        hs_yaml_free(&y);
    }
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", "big: -4e18\n", &e), HS_OK);
    assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", wide, 1, &e), HS_OK);
    assert_true(v == -4000000000000000000L);
    hs_yaml_free(&y);
}

/* Issue 15: an alias was never resolved and the message quoted its name. Now it
** reads as its anchor's value; one with no anchor is refused saying so. */
static void yaml_alias_resolved_or_refused(void **state)
{
    (void)state;
    hs_yaml y;
    hs_error e;
    double a = 0, b = 0;
    hs_yaml_field f[] = {{"a", HS_YF_DOUBLE, &a, 0, 10}, {"b", HS_YF_DOUBLE, &b, 0, 10}, {NULL}};
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", "a: &rate 0.25\nb: *rate\n", &e), HS_OK);
    assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", f, 1, &e), HS_OK);
    assert_true(a == 0.25 && b == 0.25);
    hs_yaml_free(&y);
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", "a: 1\nb: *rate\n", &e), HS_ERR_PARSE);
    assert_string_equal(e.file, "s.yml");
    assert_int_equal(e.line, 2);
    assert_non_null(strstr(e.message, "has no anchor"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(yaml_tab_is_refused_before_the_library),
        cmocka_unit_test(yaml_integer_past_long_is_refused),
        cmocka_unit_test(yaml_alias_resolved_or_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
