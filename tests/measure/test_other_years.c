/*
** test_other_years.c - an HDR or FSI table of another year or layout, whose
** columns differ from what the built-in index reads, is refused with a message
** naming the file, the line and the first column missing, what the table looks
** like, which of its columns hold what is needed and every column the index
** needs (issue 14). Small inputs written here in the published layouts: the
** HDR's statistical annex (Table 1, data of 2019) and the FSI's spreadsheets of
** 2006-2019 ("C1: Security Apparatus").
*/
#include "testutil.h"

#include <stdio.h>
#include <string.h>

static char out[65536];

static const char fsi2019[] =
    "Country,Year,Rank,Total,C1: Security Apparatus,C2: Factionalized Elites,"
    "C3: Group Grievance,E1: Economy,E2: Economic Inequality,E3: Human Flight and Brain Drain,"
    "P1: State Legitimacy,P2: Public Services,P3: Human Rights,S1: Demographic Pressures,"
    "S2: Refugees and IDPs,X1: External Intervention\n"
    "Yemen,2019,1st,113.5,10,9.9,9.6,9.9,8,7.3,9.8,9.6,9.7,10,9.9,10\n"
    "Somalia,2019,2nd,112.3,9.8,10,8.6,9.2,9.3,9,9,9.2,9.3,10,9.8,9.8\n";

static const char hdr2020[] =
    "HDI rank,Country,Human Development Index (HDI) Value 2019,"
    "Life expectancy at birth (years) 2019,Expected years of schooling (years) 2019,"
    "Mean years of schooling (years) 2019,"
    "Gross national income (GNI) per capita (2017 PPP $) 2019,"
    "GNI per capita rank minus HDI rank 2019,HDI rank 2018\n"
    "1,Norway,0.957,82.4,18.1,12.9,66494,7,1\n"
    "2,Ireland,0.955,82.3,18.7,12.7,68371,4,3\n";

static const char *has(const char *want)
{
    const char *p = strstr(out, want);
    if (!p) print_message("missing \"%s\" in:\n%s\n", want, out);
    return p;
}

/* FSI as the Fund for Peace's spreadsheets name the indicators. */
static void fsi_of_another_layout(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("assess-other-fsi");
    char d[4096], want[4200];
    snprintf(d, sizeof d, "%s/fsi-2019.csv", dir);
    test_write(d, fsi2019);
    assert_int_equal(test_humsec(out, sizeof out, "assess fsi '%s'", d), 1);
    snprintf(want, sizeof want, "%s:1: field 'C1': no such column in the data", d);
    assert_non_null(has(want));
    assert_non_null(has("this looks like the FSI table of 2019"));
    assert_non_null(has("columns 'C1: Security Apparatus' (for C1), 'C2: Factionalized Elites' "
                        "(for C2)"));
    assert_non_null(has("'X1: External Intervention' (for X1) found"));
    assert_non_null(has("fsi needs columns C1, C2, C3, E1, E2, E3, P1, P2, P3, S1, S2, X1, which "
                        "are not in the file by those names"));
    assert_non_null(has("rename the columns (e.g. 'C1: Security Apparatus' to C1)"));
    /* Renamed as the message says, it is read. */
    snprintf(d, sizeof d, "%s/fsi-2019-renamed.csv", dir);
    test_write(d, "Country,Year,Rank,Total,C1,C2,C3,E1,E2,E3,P1,P2,P3,S1,S2,X1\n"
                  "Yemen,2019,1st,113.5,10,9.9,9.6,9.9,8,7.3,9.8,9.6,9.7,10,9.9,10\n");
    assert_int_equal(test_humsec(out, sizeof out, "assess fsi '%s'", d), 0);
}

/* The HDR's annex table: titles with units and the year, not le_2019. */
static void hdr_of_another_layout(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("assess-other-hdr");
    char d[4096], want[4200];
    snprintf(d, sizeof d, "%s/hdr-2020-table1.csv", dir);
    test_write(d, hdr2020);
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s'", d), 1);
    snprintf(want, sizeof want, "%s:1: field 'le': no such column in the data", d);
    assert_non_null(has(want));
    assert_non_null(has("this looks like the HDR's Table 1 with data of 2019"));
    assert_non_null(has("'Life expectancy at birth (years) 2019' (for le)"));
    assert_non_null(has("'Gross national income (GNI) per capita (2017 PPP $) 2019' (for gnipc)"));
    assert_non_null(has("hdi needs columns le, eys, mys, gnipc, which are not in the file"));
    assert_null(strstr(out, "rank minus HDI rank 2019' (for")); /* a rank is not the income */
}

/* A time series of another edition that names one variable otherwise names that
** one and the column that holds it; a table nobody recognises lists its own
** columns. */
static void partial_and_unknown_tables(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("assess-other-partial");
    char d[4096];
    snprintf(d, sizeof d, "%s/series.csv", dir);
    test_write(d, "iso3,country,hdi_2019,le_2019,eys_2019,mys_2019,gni_pc_2019\n"
                  "NOR,Norway,0.957,82.4,18.1,12.9,66494\n");
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s'", d), 1);
    assert_non_null(has("field 'gnipc': no such column"));
    assert_non_null(has("this looks like an HDR time series of another edition"));
    assert_non_null(has("hdi needs column gnipc, which is not in the file by that name"));
    assert_non_null(has("columns 'gni_pc_2019' (for gnipc) found"));
    assert_non_null(has("rename the columns (e.g. 'gni_pc_2019' to gnipc_2019)"));
    snprintf(d, sizeof d, "%s/other.csv", dir);
    test_write(d, "country,a,b\nNorway,1,2\n");
    assert_int_equal(test_humsec(out, sizeof out, "assess fsi '%s'", d), 1);
    assert_non_null(has("fsi needs columns C1, C2"));
    assert_non_null(has("the file's columns are 'country', 'a', 'b'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fsi_of_another_layout),
        cmocka_unit_test(hdr_of_another_layout),
        cmocka_unit_test(partial_and_unknown_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
