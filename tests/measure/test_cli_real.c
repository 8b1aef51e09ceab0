/*
** test_cli_real.c - `humsec assess` on the shipped data: the summary it prints and
** the CSVs it writes parse back with every row as wide as the header. Needs
** ../shared/data; skips without it.
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/table.h>

static char out[65536];

static void real_hdr_summary(void **state)
{
    (void)state;
    const char *hdr =
        test_require_shared("data/undp-hdr/HDR23-24_Composite_indices_complete_time_series.csv");
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' --year 2022 --top 3", hdr), 0);
    printf("%s", out);
    assert_non_null(strstr(out, "193/193 equal at the published precision"));
    assert_non_null(strstr(out, "CHE  Switzerland"));
}

/* Countries in a data file: the rows of its key column, UNDP's aggregates ("ZZ...")
** left out. */
static size_t countries_in(const char *path, const char *key, int flags)
{
    hs_table t;
    hs_error e;
    assert_int_equal(hs_table_read(&t, path, flags, &e), HS_OK);
    int k = hs_table_column(&t, key);
    assert_true(k >= 0);
    size_t n = 0;
    for (size_t r = 1; r < t.nrows; r++)
        n += strncmp(hs_table_get(&t, r, k), "ZZ", 2) != 0;
    hs_table_free(&t);
    return n;
}

/* Years of a panel file: the distinct YYYY of its columns named <indicator>_YYYY. */
static size_t years_in(const char *path)
{
    hs_table t;
    hs_error e;
    assert_int_equal(hs_table_read(&t, path, 0, &e), HS_OK);
    static char seen[10000];
    memset(seen, 0, sizeof seen);
    size_t n = 0;
    for (int c = 0; c < t.rows[0].nfields; c++) {
        const char *s = hs_table_get(&t, 0, c);
        size_t len = strlen(s);
        if (len < 6 || s[len - 5] != '_' || strspn(s + len - 4, "0123456789") != 4) continue;
        int y = atoi(s + len - 4);
        n += !seen[y];
        seen[y] = 1;
    }
    hs_table_free(&t);
    return n;
}

/* Every row of a written CSV has the header's number of fields, and parses back;
** it has exactly rows rows below the header. */
static void assert_rectangular(const char *path, size_t rows)
{
    hs_table t;
    hs_error e;
    assert_int_equal(hs_table_read(&t, path, 0, &e), HS_OK);
    assert_int_equal(t.nrows, rows + 1);
    for (size_t r = 1; r < t.nrows; r++)
        if (t.rows[r].nfields != t.rows[0].nfields)
            fail_msg("%s:%ld: %d fields, header has %d", path, t.rows[r].line, t.rows[r].nfields,
                     t.rows[0].nfields);
    printf("%s: %zu rows x %d columns\n", path, t.nrows - 1, t.rows[0].nfields);
    hs_table_free(&t);
}

static void real_outputs_are_rectangular(void **state)
{
    (void)state;
    char hdr[2048], inform[2048], fsi[2048], o[4096];
    snprintf(
        hdr, sizeof hdr, "%s",
        test_require_shared("data/undp-hdr/HDR23-24_Composite_indices_complete_time_series.csv"));
    snprintf(inform, sizeof inform, "%s",
             test_require_shared("data/inform/inform_gri_2020_v040.csv"));
    snprintf(fsi, sizeof fsi, "%s", test_require_shared("data/fsi/fsi_2020.csv"));
    const char *dir = test_tmpdir("measure-cli-real");
    snprintf(o, sizeof o, "%s/hdi.csv", dir);
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi '%s' -o '%s' --top 0", hdr, o), 0);
    /* One row per country and year of the file (195 x 33), names with commas quoted. */
    size_t hdr_countries = countries_in(hdr, "iso3", 0);
    assert_rectangular(o, hdr_countries * years_in(hdr));
    snprintf(o, sizeof o, "%s/inform.csv", dir);
    assert_int_equal(
        test_humsec(out, sizeof out, "assess inform '%s' --year 2020 -o '%s' --top 0", inform, o),
        0);
    assert_rectangular(o, countries_in(inform, "ISO3", HS_TABLE_LATIN1)); /* 191 */
    snprintf(o, sizeof o, "%s/profile.csv", dir);
    assert_int_equal(test_humsec(out, sizeof out,
                                 "assess profile '%s' '%s' '%s' --year 2020 -o '%s' --top 0 "
                                 "--uncertainty 20",
                                 hdr, inform, fsi, o),
                     0);
    assert_non_null(strstr(out, "PERVASIVE"));
    assert_non_null(strstr(out, "the choice that moves ranks most"));
    /* The profile is of the first file's countries (the others are joined to them). */
    assert_rectangular(o, hdr_countries);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_hdr_summary),
        cmocka_unit_test(real_outputs_are_rectangular),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
