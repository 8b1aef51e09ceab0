/*
** test_cli.c - `humsec assess` as a user meets it: help, bad input named by
** file, line and field with a non-zero exit, and the tidy CSV it writes (on the
** shipped data: test_cli_real.c).
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char out[65536];

static void help_and_usage(void **state)
{
    (void)state;
    assert_int_equal(test_humsec(out, sizeof out, "assess --help"), 0);
    assert_non_null(strstr(out, "usage: humsec assess INDEX DATA"));
    assert_non_null(strstr(out, "--uncertainty"));
    assert_int_equal(test_humsec(out, sizeof out, "assess"), 2);
    assert_non_null(strstr(out, "missing INDEX"));
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi"), 2);
    assert_non_null(strstr(out, "missing DATA"));
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi x.csv --year soon"), 2);
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi x.csv --frobnicate"), 2);
}

static void bad_input_named(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("measure-cli");
    char p[8192], d[2048], cyc[2048], agg[2048], empty[2048], txt[2048];
    snprintf(d, sizeof d, "%s/data.csv", dir);
    test_write(d, "iso3,country,le_2022,eys_2022,mys_2022\nAAA,Alpha,70,12,8\n");
    snprintf(txt, sizeof txt, "%s/text.csv", dir);
    test_write(txt, "iso3,country,le_2022,eys_2022,mys_2022,gnipc_2022\n"
                    "AAA,Alpha,70,12,8,1000\nBBB,Beta,70,12,n/a?,1000\n");
    snprintf(empty, sizeof empty, "%s/empty.csv", dir);
    test_write(empty, "");
    snprintf(cyc, sizeof cyc, "%s/cycle.yml", dir);
    test_write(cyc, "nodes:\n  a: {column: le}\n  b:\n    aggregate: sum\n    children: [a, c]\n"
                    "  c:\n    aggregate: sum\n    children: [b]\n");
    snprintf(agg, sizeof agg, "%s/agg.yml", dir);
    test_write(agg,
               "nodes:\n  a: {column: le}\n  t:\n    aggregate: mediocre\n    children: [a]\n");

    assert_int_equal(test_humsec(out, sizeof out, "assess nonesuch '%s'", d), 1);
    assert_non_null(strstr(out, "unknown index"));
    /* A missing column names the data file and the column. */
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s'", d), 1);
    snprintf(p, sizeof p, "%s:1: field 'gnipc'", d);
    assert_non_null(strstr(out, p));
    /* A non-numeric cell: file, line 3, column mys_2022. */
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s'", txt), 1);
    snprintf(p, sizeof p, "%s:3: field 'mys_2022': not a number: 'n/a?'", txt);
    assert_non_null(strstr(out, p));
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s'", empty), 1);
    assert_non_null(strstr(out, "empty.csv"));
    assert_int_equal(test_humsec(out, sizeof out, "assess '%s' '%s'", cyc, d), 1);
    assert_non_null(strstr(out, "cycle: b -> c -> b"));
    assert_int_equal(test_humsec(out, sizeof out, "assess '%s' '%s'", agg, d), 1);
    snprintf(p, sizeof p, "%s:4: field 'nodes.t.aggregate': unknown aggregation 'mediocre'", agg);
    assert_non_null(strstr(out, p));
    /* A tidy table without an indicator the index needs. */
    snprintf(txt, sizeof txt, "%s/tidy.csv", dir);
    test_write(txt, "iso3,year,indicator,value\nAAA,2020,le,70\n");
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s'", txt), 1);
    assert_non_null(strstr(out, "field 'indicator': no rows for indicator 'eys'"));
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi /nonexistent/hdr.csv"), 1);
    assert_non_null(strstr(out, "/nonexistent/hdr.csv"));
}

static void writes_tidy_csv(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("measure-cli-csv");
    char d[4096], o[4096];
    snprintf(d, sizeof d, "%s/tidy.csv", dir);
    /* Hand check: le 52.5 -> 0.5; eys 9 -> 0.5, mys 7.5 -> 0.5; gni sqrt(100*75000) -> 0.5:
    ** HDI 0.5 (low). */
    test_write(d, "iso3,year,indicator,value\n"
                  "AAA,2020,le,52.5\nAAA,2020,eys,9\nAAA,2020,mys,7.5\n"
                  "AAA,2020,gnipc,2738.6127875\n"
                  "BBB,2020,le,85\nBBB,2020,eys,18\nBBB,2020,mys,15\nBBB,2020,gnipc,75000\n");
    snprintf(o, sizeof o, "%s/hdi.csv", dir);
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' -o '%s'", d, o), 0);
    assert_non_null(strstr(out, "2 of 2 units scored"));
    char *csv = test_read(o);
    assert_non_null(csv);
    printf("%s", csv);
    assert_non_null(strstr(csv, "iso3,country,year,hdi,rank,class,"));
    assert_non_null(strstr(csv, "\nAAA,NA,2020,0.500,2,Low,"));
    assert_non_null(strstr(csv, "\nBBB,NA,2020,1.000,1,Very High,"));
    free(csv);
    /* "-o -": the CSV alone on standard output. */
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' -o -", d), 0);
    assert_true(strncmp(out, "iso3,country,year,hdi,rank,class,", 33) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(help_and_usage),
        cmocka_unit_test(bad_input_named),
        cmocka_unit_test(writes_tidy_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
