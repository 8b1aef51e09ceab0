/*
** test_core.c - error messages, CSV tables, dates, YAML fields, random streams.
*/
#include "testutil.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <humsec/date.h>
#include <humsec/error.h>
#include <humsec/rng.h>
#include <humsec/table.h>
#include <humsec/outdir.h>
#include <jansson.h>
#include <stdlib.h>
#include "core/yaml.h"

static void error_format_names_file_line_field(void **state)
{
    (void)state;
    hs_error e;
    hs_status st =
        hs_error_set(&e, HS_ERR_PARSE, "routes.csv", 7, "distance", "not a number: '%s'", "x");
    assert_int_equal(st, HS_ERR_PARSE);
    char buf[256];
    hs_error_format(&e, buf, sizeof buf);
    assert_string_equal(buf, "routes.csv:7: field 'distance': not a number: 'x'");
    assert_int_equal(hs_error_set(NULL, HS_ERR_IO, NULL, 0, NULL, "x"), HS_ERR_IO);
}

static void table_keeps_lines_trims_and_strips_bom(void **state)
{
    (void)state;
    hs_table t;
    hs_error e;
    const char *text = "\xEF\xBB\xBF#name, value\n\nKidal, 1.5\n\"a,b\",  2\n";
    assert_int_equal(hs_table_read_text(&t, "mem.csv", text, 0, &e), HS_OK);
    assert_int_equal(t.nrows, 3);
    assert_int_equal(t.rows[0].line, 1);
    assert_int_equal(t.rows[1].line, 3);
    assert_int_equal(t.rows[2].line, 4);
    assert_string_equal(hs_table_get(&t, 0, 0), "#name");
    assert_int_equal(hs_table_column(&t, "name"), 0);
    assert_int_equal(hs_table_column(&t, "value"), 1);
    assert_string_equal(hs_table_get(&t, 1, 0), "Kidal");
    assert_string_equal(hs_table_get(&t, 2, 0), "a,b");
    double v;
    assert_int_equal(hs_table_double(&t, 1, 1, "value", &v, &e), HS_OK);
    assert_true(v == 1.5);
    assert_int_equal(hs_table_double(&t, 1, 0, "value", &v, &e), HS_ERR_PARSE);
    assert_string_equal(e.file, "mem.csv");
    assert_int_equal(e.line, 3);
    assert_string_equal(e.field, "value");
    assert_string_equal(hs_table_get(&t, 1, 9), "");
    hs_table_free(&t);
}

static void table_latin1_and_empty(void **state)
{
    (void)state;
    hs_table t;
    hs_error e;
    assert_int_equal(hs_table_read_text(&t, "l1.csv", "C\xF4te d'Ivoire,x\n", HS_TABLE_LATIN1, &e),
                     HS_OK);
    assert_string_equal(hs_table_get(&t, 0, 0), "C\xC3\xB4te d'Ivoire");
    hs_table_free(&t);
    assert_int_equal(hs_table_read_text(&t, "empty.csv", "\n\n", 0, &e), HS_ERR_PARSE);
    assert_string_equal(e.file, "empty.csv");
    assert_int_equal(hs_table_read(&t, "/nonexistent/x.csv", 0, &e), HS_ERR_IO);
}

static void dates_round_trip_and_reject_bad(void **state)
{
    (void)state;
    long d;
    assert_int_equal(hs_date_parse("1970-01-01", &d), 0);
    assert_int_equal(d, 0);
    assert_int_equal(hs_date_parse("2012-02-29", &d), 0);
    long d2;
    assert_int_equal(hs_date_parse("2012-03-01", &d2), 0);
    assert_int_equal(d2 - d, 1);
    assert_int_equal(hs_date_parse("2016-04-06", &d2), 0);
    assert_int_equal(d2 - hs_date_from_civil(2015, 5, 1), 341); /* hand-counted */
    assert_int_equal(hs_date_parse("2013-02-29", &d), -1);
    assert_int_equal(hs_date_parse("2013-13-01", &d), -1);
    assert_int_equal(hs_date_parse("2013/01/01", &d), -1);
    assert_int_equal(hs_date_parse("13-01-01", &d), -1);
    char buf[11];
    hs_date_format(hs_date_from_civil(1999, 12, 31) + 1, buf);
    assert_string_equal(buf, "2000-01-01");
}

static void yaml_fields_typed_and_located(void **state)
{
    (void)state;
    hs_yaml y;
    hs_error e;
    double speed = 0, list[4];
    long hasten = 0;
    int flag = 0, n = 0;
    hs_yaml_field move[] = {{"max_move_speed", HS_YF_DOUBLE, &speed, 0, 1e6},
                            {"avoid", HS_YF_BOOL, &flag, 0, 0},
                            {"decay", HS_YF_DOUBLE_LIST, list, 0, 4, NULL, &n},
                            {NULL}};
    hs_yaml_field top[] = {{"move_rules", HS_YF_MAP, NULL, 0, 0, move},
                           {"hasten", HS_YF_LONG, &hasten, 1, 1000},
                           {"log_levels", HS_YF_IGNORE},
                           {NULL}};
    const char *ok =
        "log_levels:\n  agent: 1\nmove_rules:\n  max_move_speed: 400.0\n  avoid: True\n"
        "  decay: [1.0, 0.5]\nhasten: 10\n";
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", ok, &e), HS_OK);
    assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", top, 1, &e), HS_OK);
    assert_true(speed == 400.0 && flag == 1 && hasten == 10 && n == 2 && list[1] == 0.5);
    hs_yaml_free(&y);

    const char *bad = "move_rules:\n  max_move_speed: fast\n";
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", bad, &e), HS_OK);
    assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", top, 1, &e), HS_ERR_PARSE);
    assert_int_equal(e.line, 2);
    assert_string_equal(e.field, "move_rules.max_move_speed");
    hs_yaml_free(&y);

    const char *unknown = "hasten: 2\nspeling: 3\n";
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", unknown, &e), HS_OK);
    assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", top, 1, &e), HS_ERR_INVALID);
    assert_int_equal(e.line, 2);
    assert_string_equal(e.field, "speling");
    assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", top, 0, &e), HS_OK);
    hs_yaml_free(&y);

    assert_int_equal(hs_yaml_load_text(&y, "s.yml", "a: [1, 2\nb: 3\n", &e), HS_ERR_PARSE);
    assert_string_equal(e.file, "s.yml");
    assert_true(e.line >= 1);
    /* Bytes that are not UTF-8 are refused with their line, before the YAML library sees
    ** them: a directive line followed by one made it loop forever. */
    const char *not_utf8[] = {"%\xd7", "\xEF\xBB\xBF%\xd7", "a: 1\n%\xd7\n", "a: \xC0\xAF\n",
                              "a: \xED\xA0\x80\n"};
    const long bad_line[] = {1, 1, 2, 1, 1};
    for (size_t k = 0; k < sizeof not_utf8 / sizeof *not_utf8; k++) {
        assert_int_equal(hs_yaml_load_text(&y, "s.yml", not_utf8[k], &e), HS_ERR_PARSE);
        assert_int_equal(e.line, bad_line[k]);
        assert_non_null(strstr(e.message, "UTF-8"));
    }
    /* A byte-order mark and real UTF-8 are text. */
    assert_int_equal(
        hs_yaml_load_text(&y, "s.yml", "\xEF\xBB\xBFname: S\xC3\xA3o Tom\xC3\xA9\n", &e), HS_OK);
    hs_yaml_free(&y);
    /* Integer keys: a whole number written as a float is taken; one past the key's range is
    ** refused with the range (and never converted, which would be undefined past long). */
    long count = 0;
    hs_yaml_field ints[] = {{"hasten", HS_YF_LONG, &count, 1, 1000}, {NULL}};
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", "hasten: 10.0\n", &e), HS_OK);
    assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", ints, 1, &e), HS_OK);
    assert_int_equal(count, 10);
    hs_yaml_free(&y);
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", "hasten: 1e300\n", &e), HS_OK);
    assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", ints, 1, &e), HS_ERR_INVALID);
    assert_non_null(strstr(e.message, "out of range"));
    hs_yaml_free(&y);
    /* An alias reads as what its anchor holds; one with no anchor is an error. */
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", "base: &h 7\nhasten: *h\n", &e), HS_OK);
    hs_yaml_field aliased[] = {
        {"base", HS_YF_IGNORE, NULL}, {"hasten", HS_YF_LONG, &count, 1, 1000}, {NULL}};
    assert_int_equal(hs_yaml_read_map(&y, hs_yaml_root(&y), "", aliased, 1, &e), HS_OK);
    assert_int_equal(count, 7);
    hs_yaml_free(&y);
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", "hasten: *nowhere\n", &e), HS_ERR_PARSE);
    /* Numbers are decimal: C's hexadecimal floats are not data. */
    double num = 0;
    assert_int_equal(hs_parse_double("0x1p3", &num), -1);
    assert_int_equal(hs_parse_double(" -0X10", &num), -1);
    assert_int_equal(hs_parse_double("-0.5e1", &num), 0);
    assert_true(num == -5.0);
    /* A syntax error names its own line (libfyaml counts lines from 1). */
    assert_int_equal(hs_yaml_load_text(&y, "s.yml", "a: 1\nb: ]\nc: 3\n", &e), HS_ERR_PARSE);
    assert_int_equal(e.line, 2);
}

static void streams_are_pure_functions_of_their_key(void **state)
{
    (void)state;
    hs_stream a = hs_stream_open(42, 7, 3, HS_RNG_MOVE);
    hs_stream b = hs_stream_open(42, 7, 3, HS_RNG_MOVE);
    hs_stream c = hs_stream_open(42, 8, 3, HS_RNG_MOVE);
    int differ = 0;
    for (int i = 0; i < 9; i++) {
        uint32_t x = hs_stream_u32(&a);
        assert_int_equal(x, hs_stream_u32(&b));
        differ += x != hs_stream_u32(&c);
    }
    assert_int_equal(differ, 9); /* another key, another stream: equal words by chance 9 in 2^32 */
    /* Uniformity: mean and variance of 200k draws within 5 standard errors (the
    ** variance's: sqrt((mu4 - sigma^4) / n), mu4 = 1/80 and sigma^2 = 1/12 for U(0,1)). */
    hs_stream s = hs_stream_open(1, 0, 0, 0);
    double sum = 0, sum2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; i++) {
        double u = hs_stream_u01(&s);
        assert_true(u > 0.0 && u < 1.0);
        sum += u;
        sum2 += u * u;
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    assert_true(fabs(mean - 0.5) < 5 * sqrt(1.0 / 12 / n));
    assert_true(fabs(var - 1.0 / 12) < 5 * sqrt((1.0 / 80 - 1.0 / 144) / n));
    /* below(n) covers [0, n) evenly: each count within 5 standard deviations of
    ** the binomial (50000, 1/5), sqrt(50000 * 0.2 * 0.8) = 89.4. */
    int counts[5] = {0};
    for (int i = 0; i < 50000; i++)
        counts[hs_stream_below(&s, 5)]++;
    for (int k = 0; k < 5; k++)
        assert_true(fabs(counts[k] - 10000.0) < 5 * sqrt(50000 * 0.2 * 0.8));
}

static void gsl_distributions_draw_from_streams(void **state)
{
    (void)state;
    gsl_rng *r = hs_stream_gsl_alloc();
    assert_non_null(r);
    hs_stream_gsl_set(r, hs_stream_open(5, 1, 2, HS_RNG_SPAWNCOUNT));
    unsigned first = gsl_ran_poisson(r, 30.0);
    hs_stream_gsl_set(r, hs_stream_open(5, 1, 2, HS_RNG_SPAWNCOUNT));
    assert_int_equal(gsl_ran_poisson(r, 30.0), first);
    double sum = 0;
    for (int i = 0; i < 20000; i++) {
        hs_stream_gsl_set(r, hs_stream_open(9, (uint32_t)i, 0, HS_RNG_SPAWNCOUNT));
        sum += gsl_ran_poisson(r, 4.0);
    }
    assert_true(fabs(sum / 20000 - 4.0) < 5 * sqrt(4.0 / 20000));
    gsl_rng_free(r);
}

static void csv_fields_quoted_only_when_needed(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    hs_csv_put_text(f, "Kidal");
    fputc('|', f);
    hs_csv_put_text(f, "Bobo, Dioulasso");
    fputc('|', f);
    hs_csv_put_text(f, "say \"hi\"");
    fclose(f);
    assert_string_equal(buf, "Kidal|\"Bobo, Dioulasso\"|\"say \"\"hi\"\"\"");
    free(buf);
}

static void output_folders_appear_only_when_complete(void **state)
{
    (void)state;
    char dir[8192], path[8300];
    snprintf(dir, sizeof dir, "%s/out", test_tmpdir("outdir"));
    hs_outdir o;
    hs_error e;
    /* A failed run: the staging folder says why; the final folder never appears. */
    assert_int_equal(hs_outdir_open(&o, dir, &e), HS_OK);
    FILE *f = hs_outdir_fopen(&o, "a.csv", &e);
    fputs("x\n", f);
    assert_int_equal(hs_outdir_fclose(&o, f, "a.csv", &e), HS_OK);
    hs_outdir_abandon(&o, "it broke");
    assert_false(test_exists(dir));
    snprintf(path, sizeof path, "%s.partial/INCOMPLETE", dir);
    char *why = test_read(path);
    assert_non_null(why);
    assert_non_null(strstr(why, "it broke"));
    free(why);
    /* A complete run replaces the staging folder by the final one. */
    assert_int_equal(hs_outdir_open(&o, dir, &e), HS_OK);
    assert_int_equal(hs_outdir_write_json(&o, "s.json", json_pack("{s:i}", "seed", 3), &e), HS_OK);
    assert_int_equal(hs_outdir_commit(&o, &e), HS_OK);
    snprintf(path, sizeof path, "%s/s.json", dir);
    char *text = test_read(path);
    assert_non_null(strstr(text, "\"seed\": 3"));
    free(text);
    /* A second run replaces an earlier humsec output... */
    assert_int_equal(hs_outdir_open(&o, dir, &e), HS_OK);
    assert_int_equal(hs_outdir_commit(&o, &e), HS_OK);
    assert_false(test_exists(path));
    /* ...but never a folder of someone else's files. */
    char mine[8300];
    snprintf(mine, sizeof mine, "%s/precious/thesis.tex", test_tmpdir("outdir2"));
    test_write(mine, "draft");
    char *slash = strrchr(mine, '/');
    *slash = '\0';
    /* (refused at once, before any work is done) */
    assert_int_equal(hs_outdir_open(&o, mine, &e), HS_ERR_IO);
    assert_non_null(strstr(e.message, "not a humsec output folder"));
    *slash = '/';
    assert_true(test_exists(mine));
}

static void one_run_at_a_time_and_the_swap_keeps_one_output(void **state)
{
    (void)state;
    char dir[8192], path[8300];
    snprintf(dir, sizeof dir, "%s/out", test_tmpdir("outdir-lock"));
    hs_outdir a, b;
    hs_error e;
    /* An earlier output. */
    assert_int_equal(hs_outdir_open(&a, dir, &e), HS_OK);
    FILE *f = hs_outdir_fopen(&a, "old.txt", &e);
    fputs("old\n", f);
    assert_int_equal(hs_outdir_fclose(&a, f, "old.txt", &e), HS_OK);
    assert_int_equal(hs_outdir_commit(&a, &e), HS_OK);
    /* A run holds the folder: a second one fails at once and leaves the first's staging. */
    assert_int_equal(hs_outdir_open(&a, dir, &e), HS_OK);
    f = hs_outdir_fopen(&a, "new.txt", &e);
    fputs("new\n", f);
    assert_int_equal(hs_outdir_fclose(&a, f, "new.txt", &e), HS_OK);
    assert_int_equal(hs_outdir_open(&b, dir, &e), HS_ERR_IO);
    assert_non_null(strstr(e.message, "another humsec run"));
    snprintf(path, sizeof path, "%s.partial/new.txt", dir);
    assert_true(test_exists(path));
    /* While it runs, the earlier output is whole. */
    snprintf(path, sizeof path, "%s/old.txt", dir);
    assert_true(test_exists(path));
    assert_int_equal(hs_outdir_commit(&a, &e), HS_OK);
    /* The new output in place of the old, and nothing left beside it. */
    assert_false(test_exists(path));
    snprintf(path, sizeof path, "%s/new.txt", dir);
    char *text = test_read(path);
    assert_non_null(text);
    assert_string_equal(text, "new\n");
    free(text);
    const char *gone[] = {".partial", ".old", ".lock"};
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s%s", dir, gone[k]);
        if (test_exists(path)) fail_msg("%s is left behind", path);
    }
    /* The lock went with the commit: the next run may start. */
    assert_int_equal(hs_outdir_open(&b, dir, &e), HS_OK);
    hs_outdir_abandon(&b, "test");
    /* An -o with no name is refused before anything is made. */
    assert_int_equal(hs_outdir_open(&b, "", &e), HS_ERR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(error_format_names_file_line_field),
        cmocka_unit_test(table_keeps_lines_trims_and_strips_bom),
        cmocka_unit_test(table_latin1_and_empty),
        cmocka_unit_test(dates_round_trip_and_reject_bad),
        cmocka_unit_test(yaml_fields_typed_and_located),
        cmocka_unit_test(streams_are_pure_functions_of_their_key),
        cmocka_unit_test(gsl_distributions_draw_from_streams),
        cmocka_unit_test(csv_fields_quoted_only_when_needed),
        cmocka_unit_test(output_folders_appear_only_when_complete),
        cmocka_unit_test(one_run_at_a_time_and_the_swap_keeps_one_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
