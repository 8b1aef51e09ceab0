/*
** test_uncertainty_hdr.c - the Monte Carlo analysis on the real HDI 2022: every
** country ranked in every draw, every sensitivity index a share of variance.
** Needs ../shared/data; skips without it.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <humsec/measure.h>

static void hdi_normalisation_matters(void **state)
{
    (void)state;
    const char *hdr =
        test_require_shared("data/undp-hdr/HDR23-24_Composite_indices_complete_time_series.csv");
    hs_index ix;
    hs_frame f;
    hs_error e;
    hs_frame_opts fo = {.year = 2022};
    assert_int_equal(hs_index_load(&ix, "hdi", &e), HS_OK);
    assert_int_equal(hs_frame_read(&f, hdr, &fo, &e), HS_OK);
    hs_mc m;
    hs_mc_opts o = {.draws = 300, .seed = 1};
    assert_int_equal(hs_mc_run(&m, &ix, &f, &o, NULL, NULL, &e), HS_OK);
    printf("HDI 2022, 300 draws:\n");
    for (int k = 0; k < HS_MC_FACTORS; k++) {
        printf("  %-14s first %.3f total %.3f\n", hs_mc_factor_name(k), m.first[k], m.total[k]);
        /* Shares of variance, the total effect holding the first-order one. */
        assert_true(m.first[k] >= 0 && m.first[k] <= m.total[k] && m.total[k] <= 1);
    }
    size_t ranked = 0;
    for (size_t u = 0; u < f.nunits; u++)
        ranked += !isnan(m.median_rank[u]);
    assert_int_equal(ranked, 193);
    hs_mc_free(&m);
    hs_frame_free(&f);
    hs_index_free(&ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hdi_normalisation_matters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
