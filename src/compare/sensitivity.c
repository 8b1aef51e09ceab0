/*
** sensitivity.c - Sobol indices (Saltelli 2010's first order, Jansen's total
** order) and Morris's elementary effects, with bootstrap intervals (design.h).
** Resamples are drawn from counter-based streams keyed by (seed, resample), so
** an interval is a pure function of the outputs and the seed.
*/
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/design.h>
#include <humsec/rng.h>

/* The 2.5% and 97.5% points of v (sorted in place). */
static void percentile_interval(double *v, long n, double *lo, double *hi)
{
    if (n < 2) {
        *lo = *hi = NAN;
        return;
    }
    gsl_sort(v, 1, (size_t)n);
    *lo = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, 0.025);
    *hi = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, 0.975);
}

/* S1 and ST of parameter p from rows idx[0..n-1] (all rows when idx is NULL). */
static void sobol_one(int k, long n, const double *y, const long *idx, int p, double *s1,
                      double *st)
{
    const double *A = y, *B = y + n, *AB = y + (size_t)(2 + p) * (size_t)n;
    double mean = 0.0, var = 0.0, f = 0.0, t = 0.0;
    (void)k;
    for (long j = 0; j < n; j++) {
        long r = idx ? idx[j] : j;
        mean += A[r] + B[r];
    }
    mean /= (double)(2 * n);
    for (long j = 0; j < n; j++) {
        long r = idx ? idx[j] : j;
        var += (A[r] - mean) * (A[r] - mean) + (B[r] - mean) * (B[r] - mean);
        f += B[r] * (AB[r] - A[r]);
        t += (A[r] - AB[r]) * (A[r] - AB[r]);
    }
    var /= (double)(2 * n);
    if (!(var > 0.0)) {
        *s1 = *st = NAN;
        return;
    }
    *s1 = f / (double)n / var;
    *st = t / (double)n / (2.0 * var);
}

hs_status hs_sobol_indices(int k, long n, const double *y, long nboot, uint64_t seed,
                           hs_sobol_index *out, hs_error *err)
{
    if (k < 1 || k > HS_DESIGN_MAX_PARAMS || n < 2 || nboot < 0)
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, NULL,
                            "Sobol indices need 1 to %d parameters and 2 or more base samples",
                            HS_DESIGN_MAX_PARAMS);
    long *idx = malloc((size_t)n * sizeof *idx);
    double *b1 = malloc(((size_t)nboot + 1) * sizeof *b1);
    double *bt = malloc(((size_t)nboot + 1) * sizeof *bt);
    if (!idx || !b1 || !bt) {
        free(idx), free(b1), free(bt);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (int p = 0; p < k; p++) {
        hs_sobol_index *o = &out[p];
        sobol_one(k, n, y, NULL, p, &o->s1, &o->st);
        long m = 0;
        for (long b = 0; b < nboot; b++) {
            /* Resample b draws the same rows for every parameter. */
            hs_stream s = hs_stream_open(seed, (uint32_t)b, 0, HS_RNG_BOOTSTRAP);
            for (long j = 0; j < n; j++)
                idx[j] = (long)hs_stream_below(&s, (uint32_t)n);
            double s1, st;
            sobol_one(k, n, y, idx, p, &s1, &st);
            if (isnan(s1)) continue;
            b1[m] = s1;
            bt[m++] = st;
        }
        percentile_interval(b1, m, &o->s1_lo, &o->s1_hi);
        percentile_interval(bt, m, &o->st_lo, &o->st_hi);
    }
    free(idx), free(b1), free(bt);
    return HS_OK;
}

hs_status hs_morris_indices(int k, long n, const double *u, const double *y, long nboot,
                            uint64_t seed, hs_morris_index *out, hs_error *err)
{
    if (k < 1 || k > HS_DESIGN_MAX_PARAMS || n < 1 || nboot < 0)
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, NULL,
                            "Morris indices need 1 to %d parameters and 1 or more trajectories",
                            HS_DESIGN_MAX_PARAMS);
    double *ee = malloc((size_t)k * (size_t)n * sizeof *ee); /* ee[p * n + t] */
    double *boot = malloc(((size_t)nboot + 1) * sizeof *boot);
    if (!ee || !boot) {
        free(ee), free(boot);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (long t = 0; t < n; t++) {
        const double *row = u + (size_t)t * (size_t)(k + 1) * (size_t)k;
        const double *yt = y + (size_t)t * (size_t)(k + 1);
        for (int m = 0; m < k; m++) {
            const double *a = row + (size_t)m * (size_t)k, *b = a + k;
            int j = 0;
            while (j < k - 1 && a[j] == b[j])
                j++;
            ee[(size_t)j * (size_t)n + (size_t)t] = (yt[m + 1] - yt[m]) / (b[j] - a[j]);
        }
    }
    for (int p = 0; p < k; p++) {
        const double *e = ee + (size_t)p * (size_t)n;
        double mu = 0.0, star = 0.0, ss = 0.0;
        for (long t = 0; t < n; t++) {
            mu += e[t];
            star += fabs(e[t]);
        }
        mu /= (double)n;
        star /= (double)n;
        for (long t = 0; t < n; t++)
            ss += (e[t] - mu) * (e[t] - mu);
        out[p].mu = mu;
        out[p].mu_star = star;
        out[p].sigma = n > 1 ? sqrt(ss / (double)(n - 1)) : NAN;
        for (long b = 0; b < nboot; b++) {
            hs_stream s = hs_stream_open(seed, (uint32_t)b, 1, HS_RNG_BOOTSTRAP);
            double m = 0.0;
            for (long t = 0; t < n; t++)
                m += fabs(e[hs_stream_below(&s, (uint32_t)n)]);
            boot[b] = m / (double)n;
        }
        percentile_interval(boot, nboot, &out[p].mu_star_lo, &out[p].mu_star_hi);
    }
    free(ee), free(boot);
    return HS_OK;
}
