/*
** test_uncertainty.c - the Monte Carlo analysis is a pure function of its seed,
** and its sensitivity indices see exactly the choices that can matter.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <humsec/measure.h>
#include <omp.h>

/* Two indicators that trade off, already on a common scale (no normalisation to
** vary): only the weights and the mean (arithmetic or geometric) can move ranks. */
static const char *def = "id: toy\n"
                         "nodes:\n"
                         "  a: {column: a}\n"
                         "  b: {column: b}\n"
                         "  toy:\n"
                         "    aggregate: arithmetic\n"
                         "    children: [a, b]\n";
static const char *data = "iso3,a,b\n"
                          "AAA,1,9\nBBB,2,8\nCCC,3,7\nDDD,4,6\nEEE,5,5.2\nFFF,9,0.5\nGGG,8,8\n";

static void reproducible_and_attributed(void **state)
{
    (void)state;
    hs_index ix;
    hs_frame f;
    hs_error e;
    assert_int_equal(hs_index_load_text(&ix, "toy.yml", def, &e), HS_OK);
    assert_int_equal(hs_frame_read_text(&f, "toy.csv", data, NULL, &e), HS_OK);
    hs_mc m1, m2, m3;
    hs_mc_opts o = {.draws = 400, .seed = 7};
    assert_int_equal(hs_mc_run(&m1, &ix, &f, &o, NULL, NULL, &e), HS_OK);
    assert_int_equal(hs_mc_run(&m2, &ix, &f, &o, NULL, NULL, &e), HS_OK);
    o.seed = 8;
    assert_int_equal(hs_mc_run(&m3, &ix, &f, &o, NULL, NULL, &e), HS_OK);
    int differ = 0;
    for (size_t u = 0; u < f.nunits; u++) {
        assert_true(m1.median_rank[u] == m2.median_rank[u]);
        assert_true(m1.p05[u] == m2.p05[u] && m1.p95[u] == m2.p95[u]);
        assert_true(m1.p05[u] <= m1.median_rank[u] && m1.median_rank[u] <= m1.p95[u]);
        assert_true(m1.p05[u] >= 1 && m1.p95[u] <= 7);
    }
    for (int k = 0; k < HS_MC_FACTORS; k++) {
        assert_true(m1.first[k] == m2.first[k] && m1.total[k] == m2.total[k]);
        differ += m1.total[k] != m3.total[k];
        printf("  %-14s first %.3f total %.3f\n", hs_mc_factor_name(k), m1.first[k], m1.total[k]);
    }
    assert_true(differ > 0); /* another seed, other draws */
    /* Nothing is normalised, so that factor can do nothing: exactly zero. */
    assert_true(m1.total[HS_MC_NORMALISATION] == 0);
    assert_true(fabs(m1.first[HS_MC_NORMALISATION]) < 1e-12);
    assert_true(m1.total[HS_MC_WEIGHTS] > 0.05);
    assert_true(m1.total[HS_MC_AGGREGATION] > 0.05);
    /* A factor's total effect holds its first-order one; with two factors at work
    ** the first-order effects leave out their interaction (sum <= 1) and the total
    ** effects count it twice (sum >= 1). */
    double first = 0, total = 0;
    for (int k = 0; k < HS_MC_FACTORS; k++) {
        assert_true(m1.first[k] <= m1.total[k] + 1e-12);
        first += m1.first[k];
        total += m1.total[k];
    }
    assert_true(first <= 1 && total >= 1);
    /* GGG (8, 8) is first whatever the weights and means (8 beats every other mix). */
    assert_true(m1.median_rank[6] == 1 && m1.p95[6] == 1);
    hs_mc_free(&m1);
    hs_mc_free(&m2);
    hs_mc_free(&m3);
    hs_frame_free(&f);
    hs_index_free(&ix);
}

static void same_numbers_on_any_thread_count(void **state)
{
    (void)state;
    hs_index ix;
    hs_frame f;
    hs_error e;
    assert_int_equal(hs_index_load_text(&ix, "toy.yml", def, &e), HS_OK);
    assert_int_equal(hs_frame_read_text(&f, "toy.csv", data, NULL, &e), HS_OK);
    hs_mc m1, m4;
    hs_mc_opts o = {.draws = 64, .seed = 3};
    int was = omp_get_max_threads();
    omp_set_num_threads(1);
    assert_int_equal(hs_mc_run(&m1, &ix, &f, &o, NULL, NULL, &e), HS_OK);
    omp_set_num_threads(4);
    assert_int_equal(hs_mc_run(&m4, &ix, &f, &o, NULL, NULL, &e), HS_OK);
    omp_set_num_threads(was);
    for (size_t u = 0; u < f.nunits; u++)
        assert_true(m1.median_rank[u] == m4.median_rank[u] && m1.p05[u] == m4.p05[u] &&
                    m1.p95[u] == m4.p95[u]);
    for (int k = 0; k < HS_MC_FACTORS; k++)
        assert_true(m1.first[k] == m4.first[k] && m1.total[k] == m4.total[k]);
    hs_mc_free(&m1);
    hs_mc_free(&m4);
    hs_frame_free(&f);
    hs_index_free(&ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reproducible_and_attributed),
        cmocka_unit_test(same_numbers_on_any_thread_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
