/*
** test_inform_editions.c - INFORM's 2016 edition beside 2020: the edition is
** recognised from the data's columns (2016 has no Epidemic hazard), --edition
** forces one, and the 2016 tree reproduces the published 2016 file: the risk
** of every country digit for digit, its rank, and every level within the
** rounding of its published children. The 2020 results are tested unchanged
** in test_exact.c.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/measure.h>
#include <humsec/table.h>

static int edition_of(const char *header)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/data.csv", test_tmpdir("inform-edition"));
    test_write(path, header);
    int edition = -1;
    hs_error e;
    assert_int_equal(hs_index_edition_of("inform", path, &edition, &e), HS_OK);
    return edition;
}

static void edition_recognised_from_columns(void **state)
{
    (void)state;
    assert_int_equal(edition_of("COUNTRY,ISO3,Earthquake,Drought,Natural,INFORM RISK,Rank,\n"
                                "\nAfghanistan,AFG,8.9,6.7,5.5,7.9,3,\n"),
                     2016);
    assert_int_equal(
        edition_of("\"COUNTRY\",\"ISO3\",\"Epidemic\",\"INFORM RISK\",\"RISK CLASS\"\r\n"), 2020);
    assert_int_equal(edition_of("iso3,year,indicator,value\n"), 0);
    /* Only inform has editions; other names leave the default. */
    int edition = -1;
    hs_error e;
    char path[8192];
    snprintf(path, sizeof path, "%s/data.csv", test_tmpdir("inform-edition"));
    assert_int_equal(hs_index_edition_of("fsi", path, &edition, &e), HS_OK);
    assert_int_equal(edition, 0);
    assert_int_not_equal(hs_index_edition_of("inform", "/nonexistent/x.csv", &edition, &e), HS_OK);
    assert_non_null(strstr(e.message, "cannot open"));
    assert_null(hs_index_builtin_edition_text("inform", 2017));
    assert_null(hs_index_builtin_edition_text("fsi", 2016));
    assert_ptr_equal(hs_index_builtin_edition_text("inform", 2020),
                     hs_index_builtin_text("inform"));
    assert_null(strstr(hs_index_builtin_edition_text("inform", 2016), "column: Epidemic"));
}

static void inform_2016_every_level(void **state)
{
    (void)state;
    const char *path = test_shared_or_skip("data/inform/INFORM-2016.csv");
    hs_error e;
    int edition;
    assert_int_equal(hs_index_edition_of("inform", path, &edition, &e), HS_OK);
    assert_int_equal(edition, 2016);
    hs_index ix;
    hs_frame f;
    hs_result r;
    assert_int_equal(hs_index_load_text(&ix, "builtin:inform 2016",
                                        hs_index_builtin_edition_text("inform", 2016), &e),
                     HS_OK);
    hs_frame_opts fo = {.year = 2016};
    if (hs_frame_read(&f, path, &fo, &e) != HS_OK) fail_msg("%s", e.message);
    if (hs_assess(&r, &ix, &f, &e) != HS_OK) fail_msg("%s", e.message);
    hs_table t;
    assert_int_equal(hs_table_read(&t, path, 0, &e), HS_OK);
    int kc = hs_table_column(&t, "ISO3"), rc = hs_table_column(&t, "INFORM RISK"),
        rk = hs_table_column(&t, "Rank");
    assert_true(kc >= 0 && rc >= 0 && rk >= 0);
    int risk = hs_index_node(&ix, "risk");
    size_t n = 0, same = 0, rsame = 0;
    for (size_t row = 1; row < t.nrows; row++) {
        const char *iso = hs_table_get(&t, row, kc);
        if (!*iso) continue;
        double pub;
        assert_int_equal(hs_parse_double(hs_table_get(&t, row, rc), &pub), 0);
        long u = -1;
        for (size_t k = 0; k < r.nunits && u < 0; k++)
            if (strcmp(f.iso3[k], iso) == 0) u = (long)k;
        n++;
        if (u < 0) continue;
        if (fabs(r.reported[(size_t)u * (size_t)r.nnodes + (size_t)risk] - pub) < 1e-9) same++;
        long pr;
        if (hs_parse_long(hs_table_get(&t, row, rk), &pr) == 0 && pr == r.rank[u]) rsame++;
    }
    printf("INFORM 2016 risk: %zu/%zu equal at 1 decimal; rank %zu/%zu\n", same, n, rsame, n);
    assert_int_equal(n, 191);
    assert_int_equal(same, n);
    assert_int_equal(rsame, n);
    for (int i = 0; i < ix.nnodes; i++) {
        if (ix.nodes[i].kind != HS_NODE_AGGREGATE) continue;
        hs_check c;
        assert_int_equal(hs_check_published(&r, i, &c, &e), HS_OK);
        printf("  %-18s %3zu/%zu equal at 1 decimal, %3zu/%zu within the published rounding\n",
               ix.nodes[i].id, c.exact, c.n, c.within, c.n);
        assert_int_equal(c.n, n);
        assert_int_equal(c.within, c.n);
    }
    hs_table_free(&t);
    hs_result_free(&r);
    hs_frame_free(&f);
    hs_index_free(&ix);
}

static void cli_recognises_and_forces(void **state)
{
    (void)state;
    const char *path = test_shared_or_skip("data/inform/INFORM-2016.csv");
    char out[16384];
    int rc = test_humsec(out, sizeof out, "assess inform '%s' --top 1", path);
    if (rc != 0) fail_msg("assess failed: %s", out);
    assert_non_null(strstr(out, "inform 2016, recognised from the columns of"));
    assert_non_null(strstr(out, "published risk in the data: 191/191 equal"));
    rc = test_humsec(out, sizeof out, "assess inform '%s' --edition 2016 --top 1", path);
    assert_int_equal(rc, 0);
    assert_null(strstr(out, "recognised"));
    /* Forced to 2020, the 2016 file lacks the Epidemic column: named. */
    rc = test_humsec(out, sizeof out, "assess inform '%s' --edition 2020 --top 1", path);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(out, "field 'Epidemic': no such column"));
    rc = test_humsec(out, sizeof out, "assess inform '%s' --edition 2017", path);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(out, "no edition 2017 of this index (inform: 2016 or 2020)"));
    rc = test_humsec(out, sizeof out, "assess fsi '%s' --edition 2016", path);
    assert_int_not_equal(rc, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edition_recognised_from_columns),
        cmocka_unit_test(inform_2016_every_level),
        cmocka_unit_test(cli_recognises_and_forces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
