/*
** design.c - uncertain parameters and the designs that sample them (design.h):
** Latin hypercube, Saltelli's Sobol scheme, Morris trajectories.
*/
#include <gsl/gsl_qrng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/design.h>
#include <humsec/rng.h>

static const char *const dist_names[HS_DIST_COUNT] = {"uniform", "log_uniform", "triangular"};
static const char *const design_names[HS_DESIGN_COUNT] = {"none", "lhs", "sobol", "morris"};

const char *hs_dist_name(int d)
{
    return d >= 0 && d < HS_DIST_COUNT ? dist_names[d] : "?";
}
int hs_dist_parse(const char *s)
{
    for (int d = 0; s && d < HS_DIST_COUNT; d++)
        if (strcmp(s, dist_names[d]) == 0) return d;
    return -1;
}
const char *hs_design_name(int d)
{
    return d >= 0 && d < HS_DESIGN_COUNT ? design_names[d] : "?";
}
int hs_design_parse(const char *s)
{
    for (int d = 0; s && d < HS_DESIGN_COUNT; d++)
        if (strcmp(s, design_names[d]) == 0) return d;
    return -1;
}

double hs_param_value(const hs_param *p, double u)
{
    u = u < 0.0 ? 0.0 : u > 1.0 ? 1.0 : u;
    double a = p->low, b = p->high;
    switch (p->dist) {
    case HS_DIST_LOG_UNIFORM:
        return a * pow(b / a, u);
    case HS_DIST_TRIANGULAR: {
        double c = p->mode, w = b - a;
        if (w <= 0.0) return a;
        double fc = (c - a) / w; /* the CDF at the mode */
        return u < fc ? a + sqrt(u * w * (c - a)) : b - sqrt((1.0 - u) * w * (b - c));
    }
    default:
        return a + u * (b - a);
    }
}

/* Points are kept below a billion numbers: a design that big is a mistake. */
#define DESIGN_MAX_NUMBERS 1000000000L

long hs_design_count(int design, int k, long n)
{
    if (k < 1 || k > HS_DESIGN_MAX_PARAMS || n < 1) return -1;
    long per;
    switch (design) {
    case HS_DESIGN_LHS:
        per = 1;
        break;
    case HS_DESIGN_SOBOL:
        per = k + 2;
        break;
    case HS_DESIGN_MORRIS:
        per = k + 1;
        break;
    default:
        return -1;
    }
    if (n > DESIGN_MAX_NUMBERS / per / k) return -1;
    return n * per;
}

static int latin_hypercube(int k, long n, uint64_t seed, double *u)
{
    long *perm = malloc((size_t)n * sizeof *perm);
    if (!perm) return -1;
    for (int j = 0; j < k; j++) {
        /* A random order of the n strata (Fisher-Yates), and a point within each. */
        hs_stream s = hs_stream_open(seed, (uint32_t)j, 0, HS_RNG_DESIGN);
        for (long i = 0; i < n; i++)
            perm[i] = i;
        for (long i = n - 1; i > 0; i--) {
            long r = (long)hs_stream_below(&s, (uint32_t)(i + 1));
            long t = perm[i];
            perm[i] = perm[r];
            perm[r] = t;
        }
        hs_stream w = hs_stream_open(seed, (uint32_t)j, 1, HS_RNG_DESIGN);
        for (long i = 0; i < n; i++)
            u[i * k + j] = ((double)perm[i] + hs_stream_u01_53(&w)) / (double)n;
    }
    free(perm);
    return 0;
}

static int saltelli(int k, long n, double *u)
{
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
    if (!q) return -1;
    double v[2 * HS_DESIGN_MAX_PARAMS];
    double *A = u, *B = u + (size_t)n * (size_t)k;
    for (long i = 0; i < n; i++) {
        gsl_qrng_get(q, v);
        memcpy(A + i * k, v, (size_t)k * sizeof *v);
        memcpy(B + i * k, v + k, (size_t)k * sizeof *v);
    }
    gsl_qrng_free(q);
    for (int p = 0; p < k; p++) {
        double *AB = u + (size_t)(2 + p) * (size_t)n * (size_t)k;
        memcpy(AB, A, (size_t)n * (size_t)k * sizeof *AB);
        for (long i = 0; i < n; i++)
            AB[i * k + p] = B[i * k + p];
    }
    return 0;
}

static void morris(int k, long n, int levels, uint64_t seed, double *u)
{
    int half = levels / 2;
    double step = 1.0 / (double)(levels - 1), delta = (double)half * step;
    int order[HS_DESIGN_MAX_PARAMS];
    for (long t = 0; t < n; t++) {
        hs_stream s = hs_stream_open(seed, (uint32_t)t, 2, HS_RNG_DESIGN);
        double *row = u + (size_t)t * (size_t)(k + 1) * (size_t)k;
        /* The start: each coordinate on a level from which a move of delta, up or
        ** down as drawn, stays on the grid. */
        int up[HS_DESIGN_MAX_PARAMS];
        for (int j = 0; j < k; j++) {
            int l = (int)hs_stream_below(&s, (uint32_t)half);
            up[j] = (int)hs_stream_below(&s, 2);
            row[j] = (double)(up[j] ? l : l + half) * step;
            order[j] = j;
        }
        for (int j = k - 1; j > 0; j--) {
            int r = (int)hs_stream_below(&s, (uint32_t)(j + 1)), tmp = order[j];
            order[j] = order[r];
            order[r] = tmp;
        }
        for (int m = 0; m < k; m++) {
            double *next = row + (size_t)(m + 1) * (size_t)k;
            memcpy(next, row + (size_t)m * (size_t)k, (size_t)k * sizeof *next);
            int j = order[m];
            next[j] += up[j] ? delta : -delta;
            /* Exactly on the grid, whatever the rounding of delta. */
            next[j] = round(next[j] / step) * step;
        }
    }
}

hs_status hs_design_points(int design, int k, long n, int levels, uint64_t seed, double *u,
                           hs_error *err)
{
    if (hs_design_count(design, k, n) < 0)
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, NULL,
                            "a %s design of %ld with %d parameters cannot be made (1 to %d "
                            "parameters, at least 1 sample)",
                            hs_design_name(design), n, k, HS_DESIGN_MAX_PARAMS);
    switch (design) {
    case HS_DESIGN_LHS:
        if (latin_hypercube(k, n, seed, u) != 0)
            return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        break;
    case HS_DESIGN_SOBOL:
        if (saltelli(k, n, u) != 0)
            return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        break;
    case HS_DESIGN_MORRIS:
        if (levels < 2 || levels % 2 != 0 || levels > 1000)
            return hs_error_set(err, HS_ERR_INVALID, NULL, 0, "levels",
                                "Morris's levels are an even number from 2 to 1000, not %d",
                                levels);
        morris(k, n, levels, seed, u);
        break;
    }
    return HS_OK;
}
