/*
** test_exact.c - the shipped definitions reproduce the published indices.
**
** Published values are read here straight from the CSV files (hs_table), not
** through the frame reader, so that a reader bug cannot hide a wrong value.
** Each test prints how many matched. Needs ../shared/data; skips without it.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/measure.h>
#include <humsec/table.h>

static const char *hdr_path(void)
{
    static char buf[4096];
    snprintf(
        buf, sizeof buf, "%s",
        test_require_shared("data/undp-hdr/HDR23-24_Composite_indices_complete_time_series.csv"));
    return buf;
}

/* Unit of (iso3, year) in a result, or -1. */
static long unit_of(const hs_result *r, const char *iso3, int year)
{
    for (size_t u = 0; u < r->nunits; u++)
        if (r->frame->year[u] == year && strcmp(r->frame->iso3[u], iso3) == 0) return (long)u;
    return -1;
}

typedef struct tally {
    size_t n, same;
} tally;

/* Compare a node with the published column "<col>_<year>" of the raw UNDP table,
** at the decimals each published cell shows. */
static tally compare_undp(const hs_result *r, const hs_table *t, const char *node, const char *col,
                          int y0, int y1)
{
    tally k = {0, 0};
    int i = hs_index_node(r->index, node), kc = hs_table_column(t, "iso3");
    assert_true(i >= 0 && kc >= 0);
    for (int y = y0; y <= y1; y++) {
        char name[64];
        snprintf(name, sizeof name, "%s_%d", col, y);
        int c = hs_table_column(t, name);
        if (c < 0) continue; /* not published for that year (the IHDI starts in 2010) */
        for (size_t row = 1; row < t->nrows; row++) {
            const char *iso3 = hs_table_get(t, row, kc), *s = hs_table_get(t, row, c);
            double pub;
            if (strncmp(iso3, "ZZ", 2) == 0 || hs_parse_double(s, &pub) != 0) continue;
            k.n++;
            long u = unit_of(r, iso3, y);
            if (u < 0) continue;
            /* At the precision the file shows: 3 decimals for the HDI, more for
            ** the female and male HDIs. */
            const char *dot = strchr(s, '.');
            int d = dot ? (int)strspn(dot + 1, "0123456789") : 0;
            double v = hs_round(r->value[(size_t)u * (size_t)r->nnodes + (size_t)i], d);
            if (fabs(v - pub) < 1e-9)
                k.same++;
            else
                printf("  %s %d: computed %.6f, published %s\n", iso3, y, v, s);
        }
    }
    return k;
}

static void assess_builtin(const char *name, const char *data, int year, hs_index *ix, hs_frame *f,
                           hs_result *r)
{
    hs_error e;
    hs_frame_opts fo = {.year = year};
    assert_int_equal(hs_index_load(ix, name, &e), HS_OK);
    if (hs_frame_read(f, data, &fo, &e) != HS_OK) fail_msg("%s", e.message);
    if (hs_assess(r, ix, f, &e) != HS_OK) fail_msg("%s", e.message);
}

static void release(hs_index *ix, hs_frame *f, hs_result *r)
{
    hs_result_free(r);
    hs_frame_free(f);
    hs_index_free(ix);
}

static void hdi_every_country_year(void **state)
{
    (void)state;
    const char *path = hdr_path();
    hs_index ix;
    hs_frame f;
    hs_result r;
    hs_table t;
    hs_error e;
    assess_builtin("hdi", path, 0, &ix, &f, &r);
    assert_int_equal(hs_table_read(&t, path, 0, &e), HS_OK);
    tally k = compare_undp(&r, &t, "hdi", "hdi", 1990, 2022);
    printf("HDI 1990-2022: %zu/%zu country-years equal to the published value at 3 decimals\n",
           k.same, k.n);
    assert_int_equal(k.n, 5808);
    assert_int_equal(k.same, k.n);
    /* Groups: hdicode describes 2022. */
    int kc = hs_table_column(&t, "iso3"), gc = hs_table_column(&t, "hdicode");
    size_t gn = 0, gsame = 0;
    for (size_t row = 1; row < t.nrows; row++) {
        const char *g = hs_table_get(&t, row, gc);
        if (!*g) continue;
        long u = unit_of(&r, hs_table_get(&t, row, kc), 2022);
        gn++;
        if (u >= 0 && strcmp(hs_result_class(&r, (size_t)u), g) == 0) gsame++;
    }
    printf("HDI groups 2022: %zu/%zu equal\n", gsame, gn);
    assert_int_equal(gsame, gn);
    assert_int_equal(gn, 193);
    /* Ranks: competition ranking of the rounded HDI. */
    int rc = hs_table_column(&t, "hdi_rank_2022");
    size_t rn = 0, rsame = 0;
    for (size_t row = 1; row < t.nrows; row++) {
        long pr;
        if (hs_parse_long(hs_table_get(&t, row, rc), &pr) != 0) continue;
        long u = unit_of(&r, hs_table_get(&t, row, kc), 2022);
        rn++;
        if (u >= 0 && r.rank[u] == pr) rsame++;
    }
    printf("HDI ranks 2022: %zu/%zu equal\n", rsame, rn);
    assert_int_equal(rsame, rn);
    hs_table_free(&t);
    release(&ix, &f, &r);
}

static void ihdi_and_gdi_2022(void **state)
{
    (void)state;
    const char *path = hdr_path();
    hs_index ix;
    hs_frame f;
    hs_result r;
    hs_table t;
    hs_error e;
    assert_int_equal(hs_table_read(&t, path, 0, &e), HS_OK);

    assess_builtin("ihdi", path, 2022, &ix, &f, &r);
    tally k = compare_undp(&r, &t, "ihdi", "ihdi", 2022, 2022);
    printf("IHDI 2022: %zu/%zu equal at 3 decimals\n", k.same, k.n);
    assert_int_equal(k.n, 165);
    assert_int_equal(k.same, k.n);
    release(&ix, &f, &r);

    assess_builtin("gdi", path, 2022, &ix, &f, &r);
    k = compare_undp(&r, &t, "gdi", "gdi", 2022, 2022);
    printf("GDI 2022: %zu/%zu equal at 3 decimals\n", k.same, k.n);
    assert_int_equal(k.n, 182);
    assert_int_equal(k.same, k.n);
    tally kf = compare_undp(&r, &t, "hdi_f", "hdi_f", 2022, 2022);
    tally km = compare_undp(&r, &t, "hdi_m", "hdi_m", 2022, 2022);
    printf("female HDI 2022: %zu/%zu, male HDI 2022: %zu/%zu equal\n", kf.same, kf.n, km.same,
           km.n);
    assert_int_equal(kf.same, kf.n);
    assert_int_equal(km.same, km.n);
    int kc = hs_table_column(&t, "iso3"), gc = hs_table_column(&t, "gdi_group_2022");
    size_t gn = 0, gsame = 0;
    for (size_t row = 1; row < t.nrows; row++) {
        const char *g = hs_table_get(&t, row, gc);
        if (!*g || strncmp(hs_table_get(&t, row, kc), "ZZ", 2) == 0) continue;
        long u = unit_of(&r, hs_table_get(&t, row, kc), 2022);
        gn++;
        if (u >= 0 && strcmp(hs_result_class(&r, (size_t)u), g) == 0) gsame++;
    }
    printf("GDI groups 2022: %zu/%zu equal\n", gsame, gn);
    assert_int_equal(gn, 182);
    assert_int_equal(gsame, gn);
    release(&ix, &f, &r);
    hs_table_free(&t);
}

/* Beyond the 2022 targets: every year the file publishes. */
static void ihdi_and_gdi_every_year(void **state)
{
    (void)state;
    const char *path = hdr_path();
    hs_index ix;
    hs_frame f;
    hs_result r;
    hs_table t;
    hs_error e;
    assert_int_equal(hs_table_read(&t, path, 0, &e), HS_OK);
    assess_builtin("ihdi", path, 0, &ix, &f, &r);
    tally k = compare_undp(&r, &t, "ihdi", "ihdi", 1990, 2022);
    printf("IHDI 1990-2022: %zu/%zu country-years equal at 3 decimals\n", k.same, k.n);
    assert_int_equal(k.n, 1963); /* published IHDI cells, counted in the file */
    assert_int_equal(k.same, k.n);
    release(&ix, &f, &r);
    assess_builtin("gdi", path, 0, &ix, &f, &r);
    k = compare_undp(&r, &t, "gdi", "gdi", 1990, 2022);
    printf("GDI 1990-2022: %zu/%zu country-years equal at 3 decimals\n", k.same, k.n);
    assert_int_equal(k.n, 4710); /* published GDI cells, counted in the file */
    assert_int_equal(k.same, k.n);
    release(&ix, &f, &r);
    hs_table_free(&t);
}

static void inform_2020_every_level(void **state)
{
    (void)state;
    const char *path = test_require_shared("data/inform/inform_gri_2020_v040.csv");
    hs_index ix;
    hs_frame f;
    hs_result r;
    hs_table t;
    hs_error e;
    assess_builtin("inform", path, 2020, &ix, &f, &r);
    assert_int_equal(hs_table_read(&t, path, HS_TABLE_LATIN1, &e), HS_OK);
    int kc = hs_table_column(&t, "ISO3"), rc = hs_table_column(&t, "INFORM RISK"),
        cc = hs_table_column(&t, "RISK CLASS"), rk = hs_table_column(&t, "Rank");
    int risk = hs_index_node(&ix, "risk");
    size_t n = 0, same = 0, csame = 0, rsame = 0;
    for (size_t row = 1; row < t.nrows; row++) {
        double pub;
        assert_int_equal(hs_parse_double(hs_table_get(&t, row, rc), &pub), 0);
        long u = unit_of(&r, hs_table_get(&t, row, kc), 2020);
        n++;
        if (u < 0) continue;
        if (fabs(r.reported[(size_t)u * (size_t)r.nnodes + (size_t)risk] - pub) < 1e-9) same++;
        if (strcmp(hs_result_class(&r, (size_t)u), hs_table_get(&t, row, cc)) == 0) csame++;
        long pr;
        if (hs_parse_long(hs_table_get(&t, row, rk), &pr) == 0 && pr == r.rank[u]) rsame++;
    }
    printf("INFORM 2020 risk: %zu/%zu equal at 1 decimal; class %zu/%zu; rank %zu/%zu\n", same, n,
           csame, n, rsame, n);
    assert_int_equal(rsame, n);
    assert_int_equal(n, 191);
    assert_int_equal(same, n);
    assert_int_equal(csame, n);
    /* Every lower level, recomputed from its published children. */
    for (int i = 0; i < ix.nnodes; i++) {
        if (ix.nodes[i].kind != HS_NODE_AGGREGATE) continue;
        hs_check c;
        assert_int_equal(hs_check_published(&r, i, &c, &e), HS_OK);
        printf("  %-18s %3zu/%zu equal at 1 decimal, %3zu/%zu within the published rounding\n",
               ix.nodes[i].id, c.exact, c.n, c.within, c.n);
        assert_int_equal(c.n, n); /* every level is published for every country */
        assert_int_equal(c.within, c.n);
    }
    hs_table_free(&t);
    release(&ix, &f, &r);
}

static void fsi_2020_totals(void **state)
{
    (void)state;
    const char *path = test_require_shared("data/fsi/fsi_2020.csv");
    hs_index ix;
    hs_frame f;
    hs_result r;
    hs_error e;
    assess_builtin("fsi", path, 2020, &ix, &f, &r);
    hs_check c;
    assert_int_equal(hs_check_published(&r, ix.root, &c, &e), HS_OK);
    printf("FSI 2020 totals: %zu/%zu within the rounding of the published indicators "
           "(%zu equal digit for digit)\n",
           c.within, c.n, c.exact);
    assert_int_equal(c.n, 178);
    assert_int_equal(c.within, c.n);
    /* Hand check: Yemen's twelve indicators sum to 112.439 (the published total). */
    long ye = unit_of(&r, "YEM", 2020);
    assert_true(ye >= 0);
    assert_true(fabs(r.reported[(size_t)ye * (size_t)r.nnodes + (size_t)ix.root] - 112.439) < 1e-9);
    assert_int_equal(r.rank[ye], 1);
    /* Every FSI country name maps to an ISO code. */
    for (size_t u = 0; u < f.nunits; u++)
        if (!f.iso3[u][0]) fail_msg("no ISO code for '%s'", f.name[u]);
    release(&ix, &f, &r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hdi_every_country_year),  cmocka_unit_test(ihdi_and_gdi_2022),
        cmocka_unit_test(ihdi_and_gdi_every_year), cmocka_unit_test(inform_2020_every_level),
        cmocka_unit_test(fsi_2020_totals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
