/*
** test_assess_inputs.c - wrong results that `humsec assess` gave with exit 0,
** from issue 15's reproducers (written afresh): a column named twice, UNDP's
** aggregates ranked among countries in a table without iso3, "-0" read as
** missing; and -o FILE written beside its place and renamed in, --edition on an
** index without editions an input error (exit 1).
*/
#include "testutil.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/measure.h>

static char out[65536];

/* The later of two columns with one name used to win, changing every row. */
static void repeated_column_is_an_error(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("assess-repeated");
    char d[4096], want[4200];
    snprintf(d, sizeof d, "%s/dup.csv", dir);
    test_write(d, "iso3,country,le_2022,eys_2022,mys_2022,gnipc_2022,le_2022\n"
                  "AAA,Alpha,70,12,8,1000,50\nBBB,Beta,60,12,8,1000,80\n");
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s'", d), 1);
    snprintf(want, sizeof want, "%s:1: field 'le_2022': column 7 has the name of column 3", d);
    assert_non_null(strstr(out, want));
    /* Every layout: a wide table, a tidy one. */
    hs_frame f;
    hs_error e;
    assert_int_equal(
        hs_frame_read_text(&f, "w.csv", "country,hdi,le,hdi\nFrance,0.9,80,0.1\n", NULL, &e),
        HS_ERR_INVALID);
    assert_int_equal(e.line, 1);
    assert_string_equal(e.field, "hdi");
    assert_int_equal(hs_frame_read_text(&f, "t.csv",
                                        "iso3,year,indicator,value,value\nAAA,2020,le,1,2\n", NULL,
                                        &e),
                     HS_ERR_INVALID);
    assert_string_equal(e.field, "value");
    /* Columns without a name are not compared. */
    assert_int_equal(hs_frame_read_text(&f, "e.csv", "country,hdi,,\nFrance,0.9,,\n", NULL, &e),
                     HS_OK);
    hs_frame_free(&f);
}

/* Without an iso3 column, UNDP's groups are known by their names and left out as
** their ZZ codes are; kept on request, they carry those codes. */
static void aggregates_by_name_are_not_ranked(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("assess-aggregates");
    char d[4096], o[4096];
    snprintf(d, sizeof d, "%s/agg.csv", dir);
    test_write(d, "country,le_2022,eys_2022,mys_2022,gnipc_2022\n"
                  "France,80,15,12,40000\nWorld,72,13,9,17000\n"
                  "Sub-Saharan Africa,60,10,6,3000\nVery high human development,80,16,12,45000\n"
                  "  small island developing states ,70,12,8,9000\nChile,79,16,11,24000\n");
    snprintf(o, sizeof o, "%s/hdi.csv", dir);
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' -o '%s'", d, o), 0);
    assert_non_null(strstr(out, "2 of 2 units scored"));
    char *csv = test_read(o);
    assert_non_null(csv);
    assert_null(strstr(csv, "World"));
    assert_null(strstr(csv, "Africa"));
    assert_null(strstr(csv, "development"));
    assert_null(strstr(csv, "island"));
    assert_non_null(strstr(csv, "\nFRA,France,2022,"));
    assert_non_null(strstr(csv, "\nCHL,Chile,2022,"));
    free(csv);
    hs_frame f;
    hs_error e;
    hs_frame_opts keep = {.keep_aggregates = 1};
    assert_int_equal(hs_frame_read(&f, d, &keep, &e), HS_OK);
    assert_int_equal(f.nunits, 6);
    assert_string_equal(f.iso3[1], "ZZK.WORLD");
    assert_string_equal(f.iso3[2], "ZZJ.SSA");
    assert_string_equal(f.iso3[4], "");
    hs_frame_free(&f);
    /* A country row with a code is a country whatever its name. */
    assert_int_equal(hs_frame_read_text(&f, "k.csv", "iso3,country,a\nWLD,World,1\n", NULL, &e),
                     HS_OK);
    assert_int_equal(f.nunits, 1);
    hs_frame_free(&f);
}

/* "-0" is the number 0: never missing, and written back as 0. */
static void minus_zero_reads_as_zero(void **state)
{
    (void)state;
    hs_frame f;
    hs_error e;
    assert_int_equal(
        hs_frame_read_text(
            &f, "z.csv", "iso3,country,a\nAAA,Alpha,-0\nBBB,Beta,-0.0\nCCC,Gamma,-0e3\n", NULL, &e),
        HS_OK);
    for (size_t u = 0; u < 3; u++) {
        assert_int_equal(f.state[u], HS_CELL_NUMBER);
        assert_true(f.value[u] == 0 && !signbit(f.value[u]));
    }
    hs_frame_free(&f);
    const char *dir = test_tmpdir("assess-zero");
    char d[4096], y[4096];
    snprintf(d, sizeof d, "%s/z.csv", dir);
    test_write(d, "iso3,country,a,b\nAAA,Alpha,-0,1\nBBB,Beta,1,-0\n");
    snprintf(y, sizeof y, "%s/z.yml", dir);
    test_write(y, "nodes:\n  a: {column: a, normalise: {method: goalposts, min: 0, max: 2}}\n"
                  "  b: {column: b}\n  t: {aggregate: arithmetic, children: [a, b]}\n");
    assert_int_equal(test_humsec(out, sizeof out, "assess '%s' '%s' -o -", y, d), 0);
    printf("%s", out);
    assert_non_null(strstr(out, "\nAAA,Alpha,NA,0.5,1,0,1\n"));
    assert_non_null(strstr(out, "\nBBB,Beta,NA,0.25,2,0.5,0\n"));
    assert_null(strstr(out, "-0"));
    assert_null(strstr(out, ",NA,NA"));
}

/* Files in dir other than . and .. */
static int entries(const char *dir)
{
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(dp);
    return n;
}

/* -o FILE is staged beside FILE and renamed in: an earlier file is replaced whole or
** not at all, and nothing is left beside it. (A full disk: tests/core/test_outfile.c.) */
static void output_file_is_staged(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("assess-staged");
    char sub[4096], d[4200], o[4200], bad[4200];
    snprintf(sub, sizeof sub, "%s/out", dir);
    snprintf(o, sizeof o, "%s/hdi.csv", sub);
    test_write(o, "earlier\n");
    snprintf(d, sizeof d, "%s/tidy.csv", dir);
    test_write(d, "iso3,year,indicator,value\nAAA,2020,le,52.5\nAAA,2020,eys,9\n"
                  "AAA,2020,mys,7.5\nAAA,2020,gnipc,2738.6127875\n");
    snprintf(bad, sizeof bad, "%s/bad.csv", dir);
    test_write(bad, "iso3,year,indicator,value\nAAA,2020,le,oops\nAAA,2020,eys,9\n"
                    "AAA,2020,mys,7.5\nAAA,2020,gnipc,1\n");
    /* A failed run leaves the earlier file as it was. */
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' -o '%s'", bad, o), 1);
    char *text = test_read(o);
    assert_string_equal(text, "earlier\n");
    free(text);
    assert_int_equal(entries(sub), 1);
    /* A complete one replaces it. */
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' -o '%s'", d, o), 0);
    text = test_read(o);
    assert_non_null(strstr(text, "\nAAA,NA,2020,0.500,1,Low,"));
    free(text);
    assert_int_equal(entries(sub), 1);
    /* -o naming a folder: refused, the folder untouched. */
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' -o '%s'", d, sub), 1);
    assert_non_null(strstr(out, sub));
    assert_int_equal(entries(sub), 1);
}

/* --edition is a question about the index: one without editions is bad input (1). */
static void edition_without_editions_is_input_error(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("assess-edition");
    char d[4096], y[4096];
    snprintf(d, sizeof d, "%s/z.csv", dir);
    test_write(d, "iso3,country,a\nAAA,Alpha,1\n");
    snprintf(y, sizeof y, "%s/z.yml", dir);
    test_write(y, "nodes:\n  a: {column: a}\n");
    assert_int_equal(test_humsec(out, sizeof out, "assess '%s' '%s' --edition 2020", y, d), 1);
    assert_non_null(strstr(out, "field '--edition': only a built-in index with editions"));
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' --edition 2016", d), 1);
    assert_non_null(strstr(out, "field '--edition': no edition 2016"));
    /* A value that is no year at all is still bad usage. */
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' --edition soon", d), 2);
}

/* Issue 15: hexadecimal numbers were taken as data. They, and numbers past a
** double's range, are refused naming file, line and column. */
static void hexadecimal_is_not_data(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("assess-hex");
    const char *bad[] = {"0x1p6", "0X46", "-0x10", "1e400", "inf"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char d[4096], text[512], want[4200];
        snprintf(d, sizeof d, "%s/hex%zu.csv", dir, k);
        snprintf(text, sizeof text,
                 "iso3,country,le_2022,eys_2022,mys_2022,gnipc_2022\n"
                 "AAA,Alpha,70,12,8,1000\nBBB,Beta,%s,12,8,1000\n",
                 bad[k]);
        test_write(d, text);
        assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' -o -", d), 1);
        snprintf(want, sizeof want, "%s:3: field 'le_2022': not a number: '%s'", d, bad[k]);
        if (!strstr(out, want)) fail_msg("%s: no '%s' in: %s", bad[k], want, out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repeated_column_is_an_error),
        cmocka_unit_test(aggregates_by_name_are_not_ranked),
        cmocka_unit_test(minus_zero_reads_as_zero),
        cmocka_unit_test(hexadecimal_is_not_data),
        cmocka_unit_test(output_file_is_staged),
        cmocka_unit_test(edition_without_editions_is_input_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
