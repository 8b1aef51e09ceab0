/*
** test_design.c - the designs and the statistics read from them (design.h):
** Latin hypercube strata, Sobol indices of the Ishigami function against its
** analytic values, Morris's effects on a function whose effects are known, PRIM
** on data with a known box, distributions' quantiles, and the world's
** parameters set by name (world.h).
*/
#include "testutil.h"

#include <math.h>
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#include <stdlib.h>
#include <string.h>
#include <humsec/design.h>
#include <humsec/rng.h>
#include <humsec/world.h>

static void latin_hypercube_has_one_point_per_stratum(void **state)
{
    (void)state;
    enum { K = 3, N = 50 };
    double u[N * K], v[N * K];
    hs_error err;
    assert_int_equal(hs_design_count(HS_DESIGN_LHS, K, N), N);
    assert_int_equal(hs_design_points(HS_DESIGN_LHS, K, N, 0, 7, u, &err), HS_OK);
    for (int j = 0; j < K; j++) {
        int seen[N] = {0};
        for (int i = 0; i < N; i++) {
            double x = u[i * K + j];
            assert_true(x > 0.0 && x < 1.0);
            seen[(int)floor(x * N)]++;
        }
        for (int s = 0; s < N; s++)
            assert_int_equal(seen[s], 1);
    }
    /* A pure function of the seed: the same again, another with another seed. */
    assert_int_equal(hs_design_points(HS_DESIGN_LHS, K, N, 0, 7, v, &err), HS_OK);
    assert_memory_equal(u, v, sizeof u);
    assert_int_equal(hs_design_points(HS_DESIGN_LHS, K, N, 0, 8, v, &err), HS_OK);
    assert_true(memcmp(u, v, sizeof u) != 0);
}

static double ishigami(const double *u)
{
    const double a = 7.0, b = 0.1;
    double x1 = -M_PI + 2.0 * M_PI * u[0], x2 = -M_PI + 2.0 * M_PI * u[1],
           x3 = -M_PI + 2.0 * M_PI * u[2];
    return sin(x1) + a * sin(x2) * sin(x2) + b * pow(x3, 4) * sin(x1);
}

static void sobol_indices_of_ishigami(void **state)
{
    (void)state;
    /* Analytic (Ishigami and Homma 1990; Saltelli et al. 2008): with a = 7, b = 0.1
    ** V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V13 = 8 b^2 pi^8 / 225. */
    const double a = 7.0, b = 0.1, pi4 = pow(M_PI, 4), pi8 = pow(M_PI, 8);
    double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0), v2 = a * a / 8.0,
           v13 = 8.0 * b * b * pi8 / 225.0, v = v1 + v2 + v13;
    const double s1[3] = {v1 / v, v2 / v, 0.0}, st[3] = {(v1 + v13) / v, v2 / v, v13 / v};
    enum { K = 3 };
    long n = 8192, rows = hs_design_count(HS_DESIGN_SOBOL, K, n);
    assert_int_equal(rows, n * (K + 2));
    double *u = malloc((size_t)rows * K * sizeof *u), *y = malloc((size_t)rows * sizeof *y);
    hs_error err;
    assert_int_equal(hs_design_points(HS_DESIGN_SOBOL, K, n, 0, 1, u, &err), HS_OK);
    /* AB_i is A with column i from B. */
    for (long i = 0; i < n; i++)
        for (int p = 0; p < K; p++)
            for (int q = 0; q < K; q++)
                assert_true(u[((2 + p) * n + i) * K + q] == u[((q == p ? n : 0) + i) * K + q]);
    for (long r = 0; r < rows; r++)
        y[r] = ishigami(u + r * K);
    hs_sobol_index ix[K];
    assert_int_equal(hs_sobol_indices(K, n, y, 200, 3, ix, &err), HS_OK);
    for (int p = 0; p < K; p++) {
        /* Margin: 0.02, about four times the estimators' standard error at this n. */
        assert_true(fabs(ix[p].s1 - s1[p]) < 0.02);
        assert_true(fabs(ix[p].st - st[p]) < 0.02);
        assert_true(ix[p].s1_lo <= ix[p].s1 && ix[p].s1 <= ix[p].s1_hi);
        assert_true(ix[p].st_lo <= ix[p].st && ix[p].st <= ix[p].st_hi);
        assert_true(ix[p].st_hi - ix[p].st_lo < 0.1);
    }
    /* Constant outputs: no variance, no indices. */
    for (long r = 0; r < rows; r++)
        y[r] = 1.0;
    assert_int_equal(hs_sobol_indices(K, n, y, 10, 3, ix, &err), HS_OK);
    assert_true(isnan(ix[0].s1) && isnan(ix[0].st));
    free(u), free(y);
}

static void morris_effects_of_a_known_function(void **state)
{
    (void)state;
    enum { K = 3, R = 40, P = 4 };
    /* f = 2 u0 + u2^2: u0's effect is 2 everywhere, u1 has none, u2's is 2 u + delta
    ** going up (2 u - delta going down), which on a 4-level grid is 2/3 or 4/3. */
    long rows = hs_design_count(HS_DESIGN_MORRIS, K, R);
    assert_int_equal(rows, R * (K + 1));
    double *u = malloc((size_t)rows * K * sizeof *u), *y = malloc((size_t)rows * sizeof *y);
    hs_error err;
    assert_int_equal(hs_design_points(HS_DESIGN_MORRIS, K, R, P, 5, u, &err), HS_OK);
    const double delta = 2.0 / 3.0;
    for (long t = 0; t < R; t++) {
        int moved[K] = {0};
        for (int m = 0; m < K; m++) {
            const double *a = u + (t * (K + 1) + m) * K, *b = a + K;
            int changed = 0;
            for (int j = 0; j < K; j++) {
                double l = b[j] * (P - 1);
                assert_true(fabs(l - round(l)) < 1e-12 && b[j] >= 0.0 && b[j] <= 1.0);
                if (a[j] != b[j]) {
                    changed++;
                    moved[j]++;
                    assert_true(fabs(fabs(b[j] - a[j]) - delta) < 1e-12);
                }
            }
            assert_int_equal(changed, 1);
        }
        for (int j = 0; j < K; j++)
            assert_int_equal(moved[j], 1);
    }
    for (long r = 0; r < rows; r++)
        y[r] = 2.0 * u[r * K] + u[r * K + 2] * u[r * K + 2];
    hs_morris_index m[K];
    assert_int_equal(hs_morris_indices(K, R, u, y, 100, 2, m, &err), HS_OK);
    assert_true(fabs(m[0].mu_star - 2.0) < 1e-9 && fabs(m[0].mu - 2.0) < 1e-9);
    assert_true(m[0].sigma < 1e-9);
    assert_true(m[1].mu_star < 1e-12 && m[1].sigma < 1e-12);
    assert_true(m[2].mu_star > 2.0 / 3.0 - 1e-9 && m[2].mu_star < 4.0 / 3.0 + 1e-9);
    assert_true(m[2].sigma > 0.1);
    assert_true(m[2].mu_star_lo <= m[2].mu_star && m[2].mu_star <= m[2].mu_star_hi);
    double bad[2 * K];
    assert_int_equal(hs_design_points(HS_DESIGN_MORRIS, K, 1, 3, 5, bad, &err), HS_ERR_INVALID);
    free(u), free(y);
}

static void prim_finds_a_known_box(void **state)
{
    (void)state;
    enum { K = 3, N = 4000 };
    double *x = malloc((size_t)N * K * sizeof *x);
    int *y = malloc((size_t)N * sizeof *y);
    hs_stream s = hs_stream_open(11, 0, 0, HS_RNG_DESIGN);
    long interest = 0;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < K; j++)
            x[i * K + j] = hs_stream_u01_53(&s);
        y[i] = x[i * K] < 0.3 && x[i * K + 1] > 0.6; /* the box: 12% of the space */
        interest += y[i];
    }
    hs_prim_box b;
    hs_error err;
    assert_int_equal(hs_prim(K, N, x, y, 0.05, 0.05, 0.95, &b, &err), HS_OK);
    assert_true(b.density >= 0.95);
    assert_true(b.coverage >= 0.8);
    assert_true(b.restricted[0] && b.restricted[1]);
    assert_true(fabs(b.high[0] - 0.3) < 0.04 && b.low[0] < 0.01);
    assert_true(fabs(b.low[1] - 0.6) < 0.04 && b.high[1] > 0.99);
    /* The third parameter does not matter: the box keeps (nearly) all of it. */
    assert_true(b.high[2] - b.low[2] > 0.85);
    assert_true(fabs(b.mass - (double)b.n_in_box / N) < 1e-12);
    assert_true(fabs(b.coverage - (double)b.n_of_interest_in_box / (double)interest) < 1e-12);
    free(x), free(y);
}

static void distributions_map_the_unit_interval(void **state)
{
    (void)state;
    hs_param u = {"a.b", HS_DIST_UNIFORM, 2, 6, 0}, l = {"a.b", HS_DIST_LOG_UNIFORM, 1, 100, 0},
             t = {"a.b", HS_DIST_TRIANGULAR, 0, 4, 1};
    assert_true(hs_param_value(&u, 0.25) == 3.0);
    assert_true(fabs(hs_param_value(&l, 0.5) - 10.0) < 1e-12);
    /* Triangular: the CDF at the mode is (c - a) / (b - a) = 1/4. */
    assert_true(fabs(hs_param_value(&t, 0.25) - 1.0) < 1e-12);
    assert_true(hs_param_value(&t, 0.0) == 0.0 && hs_param_value(&t, 1.0) == 4.0);
    assert_int_equal(hs_dist_parse("log_uniform"), HS_DIST_LOG_UNIFORM);
    assert_int_equal(hs_dist_parse("normal"), -1);
    assert_int_equal(hs_design_parse("sobol"), HS_DESIGN_SOBOL);
}

static void world_parameters_by_name(void **state)
{
    (void)state;
    hs_world_params p;
    hs_world_params_default(&p);
    hs_error err;
    double v;
    assert_int_equal(hs_world_params_set(&p, "war.offence_defence", 2.5, &err), HS_OK);
    assert_true(p.m11_offence_defence == 2.5);
    assert_int_equal(hs_world_params_get(&p, "war.offence_defence", &v), 0);
    assert_true(v == 2.5);
    assert_int_equal(hs_world_params_set(&p, "war.review_days", 10, &err), HS_OK);
    assert_int_equal(p.m11_review_days, 10);
    assert_int_equal(hs_world_params_set(&p, "war.review_days", 10.5, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "whole"));
    assert_int_equal(hs_world_params_set(&p, "repression.on", 0, &err), HS_OK);
    assert_int_equal(p.on[HS_M2_REPRESSION], 0);
    assert_int_equal(hs_world_params_set(&p, "flight.rate", 2.0, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "outside"));
    assert_int_equal(hs_world_params_set(&p, "flight.speed_of_light", 1, &err), HS_ERR_INVALID);
    assert_int_equal(hs_world_params_get(&p, "nonsense", &v), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(latin_hypercube_has_one_point_per_stratum),
        cmocka_unit_test(sobol_indices_of_ishigami),
        cmocka_unit_test(morris_effects_of_a_known_function),
        cmocka_unit_test(prim_finds_a_known_box),
        cmocka_unit_test(distributions_map_the_unit_interval),
        cmocka_unit_test(world_parameters_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
