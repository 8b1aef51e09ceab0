/*
** test_profile.c - the seven-dimension profile on the shipped HDR, INFORM and FSI
** data. Needs ../shared/data; skips without it.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <humsec/measure.h>

static void seven_dimension_profile(void **state)
{
    (void)state;
    char a[4096], b[4096], c[4096];
    snprintf(
        a, sizeof a, "%s",
        test_require_shared("data/undp-hdr/HDR23-24_Composite_indices_complete_time_series.csv"));
    snprintf(b, sizeof b, "%s", test_require_shared("data/inform/inform_gri_2020_v040.csv"));
    snprintf(c, sizeof c, "%s", test_require_shared("data/fsi/fsi_2020.csv"));
    hs_frame fr[3], j;
    hs_error e;
    hs_frame_opts o = {.year = 2020};
    assert_int_equal(hs_frame_read(&fr[0], a, &o, &e), HS_OK);
    assert_int_equal(hs_frame_read(&fr[1], b, &o, &e), HS_OK);
    assert_int_equal(hs_frame_read(&fr[2], c, &o, &e), HS_OK);
    assert_int_equal(hs_frame_join(&j, fr, 3, &e), HS_OK);
    hs_index ix;
    hs_result r;
    assert_int_equal(hs_index_load(&ix, "profile", &e), HS_OK);
    if (hs_assess(&r, &ix, &j, &e) != HS_OK) fail_msg("%s", e.message);
    static const char *dims[] = {"economic", "food",      "health",   "environmental",
                                 "personal", "community", "political"};
    int fear = 0, want = 0;
    for (int k = 0; k < 7; k++) {
        int i = hs_index_node(&ix, dims[k]);
        assert_true(i >= 0);
        assert_true(ix.nodes[i].crit_above == 6.5);
        fear += ix.nodes[i].freedom == HS_FREEDOM_FEAR;
        want += ix.nodes[i].freedom == HS_FREEDOM_WANT;
    }
    assert_int_equal(fear, 2);
    assert_int_equal(want, 5);
    printf("profile 2020: %zu countries with every dimension's data threshold met\n", r.nscored);
    /* Counted here from the raw columns: a dimension needs at least half of its
    ** indicators (min_share 0.5, equal weights); the top node needs all seven. */
    size_t scored = 0;
    for (size_t u = 0; u < j.nunits; u++) {
        int all = 1;
        for (int k = 0; k < 7; k++) {
            const hs_node *dim = &ix.nodes[hs_index_node(&ix, dims[k])];
            int known = 0;
            for (int ch = 0; ch < dim->nchildren; ch++) {
                int v = hs_frame_var(&j, ix.nodes[dim->children[ch]].column);
                assert_true(v >= 0);
                known += !isnan(j.value[u * (size_t)j.nvars + (size_t)v]);
            }
            all &= 2 * known >= dim->nchildren;
        }
        scored += all;
    }
    assert_int_equal(r.nscored, scored);
    assert_true(scored > j.nunits / 2); /* most of the 195: the data is really there */
    /* Recompute Afghanistan's personal security by hand from the three raw columns:
    ** INFORM current conflict, INFORM projected conflict, FSI C1 - their mean. */
    long afg = -1;
    for (size_t u = 0; u < j.nunits; u++)
        if (strcmp(j.iso3[u], "AFG") == 0) afg = (long)u;
    assert_true(afg >= 0);
    double x1 =
        j.value[afg * j.nvars + hs_frame_var(&j, "Current Highly Violent Conflict Intensity")];
    double x2 = j.value[afg * j.nvars + hs_frame_var(&j, "Projected Conflict Risk")];
    double x3 = j.value[afg * j.nvars + hs_frame_var(&j, "C1")];
    int per = hs_index_node(&ix, "personal");
    assert_true(fabs(r.value[afg * r.nnodes + per] - (x1 + x2 + x3) / 3) < 1e-12);
    /* Hotspots are the count of critical dimensions, each at >= 6.5 reported. */
    size_t crit_units = 0;
    for (size_t u = 0; u < r.nunits; u++) {
        int count = 0;
        for (int k = 0; k < 7; k++) {
            int i = hs_index_node(&ix, dims[k]);
            double v = r.reported[u * r.nnodes + i];
            if (!isnan(v) && v >= 6.5) count++;
        }
        assert_int_equal(r.hotspots[u], count);
        crit_units += count > 0;
    }
    printf("profile 2020: %zu countries critical on at least one dimension; Afghanistan: %d "
           "hotspots, insecurity mainly %s\n",
           crit_units, r.hotspots[afg], hs_freedom_name(r.insecurity[afg]));
    hs_result_free(&r);
    hs_index_free(&ix);
    hs_frame_free(&j);
    for (int k = 0; k < 3; k++)
        hs_frame_free(&fr[k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seven_dimension_profile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
