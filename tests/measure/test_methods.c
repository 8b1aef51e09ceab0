/*
** test_methods.c - each normalisation, aggregation, imputation and treatment
** method against values computed by hand (the arithmetic is in the comments).
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <humsec/measure.h>

#define NA NAN
#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void norm(hs_norm_method m, int dir, const double *in, double *out, size_t n)
{
    hs_norm nm = {.method = m, .truncate = 1, .ref_unit = -1};
    hs_error e;
    assert_int_equal(hs_norm_apply(&nm, HS_TRANSFORM_NONE, dir, in, out, n, &e), HS_OK);
}

static void normalise_goalposts(void **state)
{
    (void)state;
    hs_error e;
    double in[] = {20, 52.5, 85, 90, NA}, out[5];
    hs_norm nm = {.method = HS_NORM_GOALPOSTS, .lo = 20, .hi = 85, .truncate = 1};
    assert_int_equal(hs_norm_apply(&nm, HS_TRANSFORM_NONE, 1, in, out, 5, &e), HS_OK);
    near(out[0], 0);
    near(out[1], 0.5); /* (52.5 - 20) / 65 */
    near(out[2], 1);
    near(out[3], 1); /* capped at the upper goalpost */
    assert_true(isnan(out[4]));
    nm.truncate = 0;
    assert_int_equal(hs_norm_apply(&nm, HS_TRANSFORM_NONE, 1, in, out, 5, &e), HS_OK);
    near(out[3], 70.0 / 65.0);
    nm.truncate = 1;
    assert_int_equal(hs_norm_apply(&nm, HS_TRANSFORM_NONE, -1, in, out, 5, &e), HS_OK);
    near(out[0], 1);
    near(out[1], 0.5);
    /* Income: ln goalposts 100 and 75,000; their geometric mean sits halfway. */
    double gni[] = {100, 75000, sqrt(100.0 * 75000.0)};
    hs_norm inc = {.method = HS_NORM_GOALPOSTS, .lo = 100, .hi = 75000, .truncate = 1};
    assert_int_equal(hs_norm_apply(&inc, HS_TRANSFORM_LN, 1, gni, out, 3, &e), HS_OK);
    near(out[0], 0);
    near(out[1], 1);
    near(out[2], 0.5);
    /* Reversed goalposts give 1 - x/100 (the IHDI's equality factor). */
    double ineq[] = {25};
    hs_norm eq = {.method = HS_NORM_GOALPOSTS, .lo = 100, .hi = 0, .truncate = 1};
    assert_int_equal(hs_norm_apply(&eq, HS_TRANSFORM_NONE, 1, ineq, out, 1, &e), HS_OK);
    near(out[0], 0.75);
    hs_norm bad = {.method = HS_NORM_GOALPOSTS, .lo = 5, .hi = 5};
    assert_int_equal(hs_norm_apply(&bad, HS_TRANSFORM_NONE, 1, ineq, out, 1, &e), HS_ERR_INVALID);
}

static void normalise_data_driven(void **state)
{
    (void)state;
    double out[8];
    double a[] = {1, 2, 3, 5};
    norm(HS_NORM_MINMAX, 1, a, out, 4); /* (x - 1) / 4 */
    near(out[0], 0), near(out[1], 0.25), near(out[2], 0.5), near(out[3], 1);
    norm(HS_NORM_MINMAX, -1, a, out, 4);
    near(out[0], 1), near(out[1], 0.75), near(out[3], 0);
    hs_norm pct = {.method = HS_NORM_MINMAX, .scale = 100};
    hs_error e;
    assert_int_equal(hs_norm_apply(&pct, HS_TRANSFORM_NONE, 1, a, out, 4, &e), HS_OK);
    near(out[1], 25);

    /* Mean 5, sample sd sqrt(32/7); z(9) = 4 / sqrt(32/7). */
    double z[] = {2, 4, 4, 4, 5, 5, 7, 9};
    norm(HS_NORM_ZSCORE, 1, z, out, 8);
    near(out[7], 4 / sqrt(32.0 / 7.0));
    near(out[4], 0);
    norm(HS_NORM_ZSCORE, -1, z, out, 8);
    near(out[7], -4 / sqrt(32.0 / 7.0));

    double r[] = {10, 20, 20, 30, NA};
    norm(HS_NORM_RANK, 1, r, out, 5); /* ties share (2 + 3) / 2 */
    near(out[0], 1), near(out[1], 2.5), near(out[2], 2.5), near(out[3], 4);
    assert_true(isnan(out[4]));
    norm(HS_NORM_RANK, -1, r, out, 5);
    near(out[0], 4), near(out[3], 1);
    norm(HS_NORM_PERCENTILE, 1, r, out, 5); /* (rank - 1) / (4 - 1) */
    near(out[0], 0), near(out[1], 0.5), near(out[3], 1);
    norm(HS_NORM_BORDA, 1, r, out, 5); /* units strictly below */
    near(out[0], 0), near(out[1], 1), near(out[2], 1), near(out[3], 3);

    double d[] = {1, 2, 4};
    norm(HS_NORM_DIST_MAX, 1, d, out, 3); /* x / 4 */
    near(out[0], 0.25), near(out[1], 0.5), near(out[2], 1);
    norm(HS_NORM_DIST_MAX, -1, d, out, 3); /* 1 / x */
    near(out[0], 1), near(out[1], 0.5), near(out[2], 0.25);
    hs_norm t = {.method = HS_NORM_DIST_TARGET, .target = 3};
    assert_int_equal(hs_norm_apply(&t, HS_TRANSFORM_NONE, 1, d, out, 3, &e), HS_OK);
    near(out[0], 0), near(out[1], 0.5), near(out[2], 1); /* 1 - (3 - x)/(3 - 1), capped */
    hs_norm ref = {.method = HS_NORM_DIST_REF, .ref_unit = 1};
    assert_int_equal(hs_norm_apply(&ref, HS_TRANSFORM_NONE, 1, d, out, 3, &e), HS_OK);
    near(out[0], 0.5), near(out[1], 1), near(out[2], 2);

    /* One distinct value: no information to spread. */
    double same[] = {3, 3, NA};
    norm(HS_NORM_MINMAX, 1, same, out, 3);
    near(out[0], 0.5), near(out[1], 0.5);
    norm(HS_NORM_ZSCORE, 1, same, out, 3);
    near(out[0], 0);
    norm(HS_NORM_PERCENTILE, 1, same, out, 1);
    near(out[0], 0.5);

    hs_norm_method m;
    assert_int_equal(hs_norm_from_name("zscore", &m), 0);
    assert_int_equal(m, HS_NORM_ZSCORE);
    assert_int_equal(hs_norm_from_name("zcore", &m), -1);
}

static double agg(hs_agg_method m, const double *x, const double *w, int n)
{
    hs_agg a = {.method = m, .p = 2, .reflect = 11, .min_share = 1};
    return hs_agg_apply(&a, x, w, n);
}

static void aggregations(void **state)
{
    (void)state;
    double x[] = {1, 4};
    near(agg(HS_AGG_ARITHMETIC, x, NULL, 2), 2.5);
    near(agg(HS_AGG_GEOMETRIC, x, NULL, 2), 2);     /* sqrt(1 * 4) */
    near(agg(HS_AGG_HARMONIC, x, NULL, 2), 1.6);    /* 2 / (1 + 1/4) */
    near(agg(HS_AGG_POWER, x, NULL, 2), sqrt(8.5)); /* sqrt((1 + 16) / 2) */
    double w[] = {3, 1};
    near(agg(HS_AGG_ARITHMETIC, x, w, 2), 1.75);     /* (3 + 4) / 4 */
    near(agg(HS_AGG_GEOMETRIC, x, w, 2), sqrt(2.0)); /* 4^(1/4) */
    double inform[] = {8, 10};
    near(agg(HS_AGG_REFLECTED, inform, NULL, 2), 11 - sqrt(3.0)); /* 11 - sqrt(3 * 1) */
    double conflict[] = {3, 5}, wc[] = {1, 0.7};
    near(agg(HS_AGG_MAX, conflict, wc, 2), 3.5); /* max(3, 0.7 * 5) */
    near(agg(HS_AGG_MIN, conflict, wc, 2), 3);
    near(agg(HS_AGG_SUM, conflict, wc, 2), 6.5);
    double p[] = {0.5, 0.8};
    near(agg(HS_AGG_PRODUCT, p, NULL, 2), 0.4);
    double g[] = {0.9, 1.0};
    near(agg(HS_AGG_RATIO, g, NULL, 2), 0.9);
    double zero[] = {0, 4}, neg[] = {-1, 4};
    near(agg(HS_AGG_GEOMETRIC, zero, NULL, 2), 0);
    assert_true(isnan(agg(HS_AGG_GEOMETRIC, neg, NULL, 2)));

    /* Missing inputs: weights renormalised above the availability threshold. */
    double m[] = {4, NA, 8}, wm[] = {0.5, 0.25, 0.25};
    hs_agg a = {.method = HS_AGG_ARITHMETIC, .min_share = 1};
    assert_true(isnan(hs_agg_apply(&a, m, wm, 3)));
    a.min_share = 0.5;
    near(hs_agg_apply(&a, m, wm, 3), 4.0 / 0.75); /* (0.5*4 + 0.25*8) / 0.75 */
    a.min_share = 0.9;
    assert_true(isnan(hs_agg_apply(&a, m, wm, 3)));
    double gap[] = {NA, 1};
    assert_true(isnan(agg(HS_AGG_RATIO, gap, NULL, 2)));

    hs_agg_method am;
    assert_int_equal(hs_agg_from_name("reflected_geometric", &am), 0);
    assert_int_equal(am, HS_AGG_REFLECTED);
    assert_int_equal(hs_agg_from_name("median", &am), -1);
}

static void imputation(void **state)
{
    (void)state;
    int years[] = {2020, 2020, 2020, 2020, 2021};
    double x[] = {1, NA, 3, 10, 100};
    hs_impute im = {.method = HS_IMPUTE_MEAN};
    assert_int_equal(hs_impute_apply(&im, x, 5, NULL, years, NULL), 1);
    near(x[1], 14.0 / 3.0); /* (1 + 3 + 10) / 3: the 2021 value is another year */
    double y[] = {1, NA, 3, 10};
    im.method = HS_IMPUTE_MEDIAN;
    hs_impute_apply(&im, y, 4, NULL, years, NULL);
    near(y[1], 3);
    const char *grp[] = {"a", "a", "b", "b"};
    double z[] = {1, NA, 3, 10};
    im.method = HS_IMPUTE_GROUP_MEAN;
    hs_impute_apply(&im, z, 4, NULL, years, grp);
    near(z[1], 1); /* group a holds only the 1 */
    double z2[] = {1, 5, NA, 10};
    im.method = HS_IMPUTE_GROUP_MEDIAN;
    hs_impute_apply(&im, z2, 4, NULL, years, grp);
    near(z2[2], 10);

    const char *key[] = {"AAA", "AAA", "AAA", "BBB"};
    int yr[] = {2018, 2019, 2022, 2019};
    double c[] = {5, NA, NA, NA};
    hs_impute latest = {.method = HS_IMPUTE_LATEST, .max_years = 3};
    assert_int_equal(hs_impute_apply(&latest, c, 4, key, yr, NULL), 1);
    near(c[1], 5);            /* carried from 2018 */
    assert_true(isnan(c[2])); /* 2022 - 2018 = 4 years: too old */
    assert_true(isnan(c[3])); /* another country */
}

static void treatment(void **state)
{
    (void)state;
    double s, k;
    double five[] = {1, 2, 3, 4, 5};
    assert_int_equal(hs_treat_moments(five, 5, &s, &k, NULL), HS_OK);
    near(s, 0);
    /* sd = sqrt(10/4); sum of z^4 = 2 * (1.6^2 + 0.4^2) = 5.44; 5.44/5 - 3 */
    near(k, 5.44 / 5 - 3);

    /* 1..19, 200, 300: skew 2.75, kurtosis 6.29. 300 -> 200 leaves skew 2.52,
    ** kurtosis 4.68; both 200s -> 19 fixes it: three points winsorised. */
    double w[21];
    for (int i = 0; i < 19; i++)
        w[i] = i + 1;
    w[19] = 200, w[20] = 300;
    hs_treat t = {.on = 1, .max_skew = 2, .max_kurt = 3.5, .max_points = 5};
    hs_treat_report rep;
    assert_int_equal(hs_treat_apply(&t, w, 21, &rep, NULL), HS_OK);
    assert_int_equal(rep.winsorised, 3);
    assert_int_equal(rep.logged, 0);
    near(w[19], 19), near(w[20], 19), near(w[18], 19), near(w[0], 1);

    /* Twenty 1s and 10 .. 100000: one point is not enough (skew 2.89, kurtosis
    ** 6.66 after it), so the original values are log-transformed: ln(x - 1 + 1). */
    double l[25];
    for (int i = 0; i < 20; i++)
        l[i] = 1;
    for (int i = 0; i < 5; i++)
        l[20 + i] = pow(10, i + 1);
    t.max_points = 1;
    assert_int_equal(hs_treat_apply(&t, l, 25, &rep, NULL), HS_OK);
    assert_int_equal(rep.logged, 1);
    near(l[0], 0), near(l[24], log(100000.0));

    double calm[] = {1, 2, 3, 4, 100};
    t.on = 0;
    assert_int_equal(hs_treat_apply(&t, calm, 5, &rep, NULL), HS_OK);
    near(calm[4], 100);
}

static void pca_weights(void **state)
{
    (void)state;
    hs_error e;
    /* a and b correlate at 0.8 (cross-products 8, variances 10): the first
    ** component loads them equally and explains (1 + 0.8) / 2. */
    double x2[] = {1, 2, 2, 1, 3, 4, 4, 3, 5, 5};
    double w[3], expl;
    assert_int_equal(hs_weights_pca(x2, 5, 2, w, &expl, &e), HS_OK);
    near(w[0], 0.5), near(w[1], 0.5);
    near(expl, 0.9);
    /* a, a again, and c uncorrelated with a: eigenvalues 2, 1, 0. */
    double x3[] = {1, 1, 2, 2, 2, -1, 3, 3, -2, 4, 4, -1, 5, 5, 2};
    assert_int_equal(hs_weights_pca(x3, 5, 3, w, &expl, &e), HS_OK);
    near(w[0], 0.5), near(w[1], 0.5), near(w[2], 0);
    near(expl, 2.0 / 3.0);
    assert_int_equal(hs_weights_pca(x3, 2, 3, w, &expl, &e), HS_ERR_INVALID);
}

static void rounding(void **state)
{
    (void)state;
    near(hs_round(0.8125, 3), 0.813); /* half away from zero, as published */
    near(hs_round(-0.8125, 3), -0.813);
    near(hs_round(0.8124, 3), 0.812);
    near(hs_round(7.25, 1), 7.3);
    near(hs_round(3.14159, -1), 3.14159);
    assert_true(isnan(hs_round(NAN, 2)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normalise_goalposts),
        cmocka_unit_test(normalise_data_driven),
        cmocka_unit_test(aggregations),
        cmocka_unit_test(imputation),
        cmocka_unit_test(treatment),
        cmocka_unit_test(pca_weights),
        cmocka_unit_test(rounding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
