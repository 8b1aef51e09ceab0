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

/* Every row of a written CSV has the header's number of fields, and parses back. */
static void assert_rectangular(const char *path, size_t min_rows)
{
    hs_table t;
    hs_error e;
    assert_int_equal(hs_table_read(&t, path, 0, &e), HS_OK);
    assert_true(t.nrows >= min_rows + 1);
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
    assert_rectangular(o, 6000); /* every country-year, names with commas quoted */
    snprintf(o, sizeof o, "%s/inform.csv", dir);
    assert_int_equal(
        test_humsec(out, sizeof out, "assess inform '%s' --year 2020 -o '%s' --top 0", inform, o),
        0);
    assert_rectangular(o, 191);
    snprintf(o, sizeof o, "%s/profile.csv", dir);
    assert_int_equal(test_humsec(out, sizeof out,
                                 "assess profile '%s' '%s' '%s' --year 2020 -o '%s' --top 0 "
                                 "--uncertainty 20",
                                 hdr, inform, fsi, o),
                     0);
    assert_non_null(strstr(out, "PERVASIVE"));
    assert_non_null(strstr(out, "the choice that moves ranks most"));
    assert_rectangular(o, 190);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_hdr_summary),
        cmocka_unit_test(real_outputs_are_rectangular),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
