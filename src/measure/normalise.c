/*
** normalise.c - bring indicators with different units onto one scale.
**
** Goalposts are fixed, so a unit's score depends on its own value only (HDI,
** INFORM); every other method depends on the set of units it is applied to, so
** the caller applies it to one comparable set at a time (one year). Missing
** values (NAN) stay missing and are left out of the statistics.
**
** Direction: -1 means a high value is bad. Methods on an interval scale turn the
** scale round (min-max: (max - x)/(max - min)); ratio methods use the reciprocal
** (distance to the best unit: min / x), so that 1 is always the best.
*/
#include <humsec/measure.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    hs_norm_method method;
} norm_names[] = {
    {"none", HS_NORM_NONE},
    {"goalposts", HS_NORM_GOALPOSTS},
    {"minmax", HS_NORM_MINMAX},
    {"min-max", HS_NORM_MINMAX},
    {"zscore", HS_NORM_ZSCORE},
    {"z-score", HS_NORM_ZSCORE},
    {"rank", HS_NORM_RANK},
    {"percentile", HS_NORM_PERCENTILE},
    {"borda", HS_NORM_BORDA},
    {"distance_to_max", HS_NORM_DIST_MAX},
    {"distance_to_target", HS_NORM_DIST_TARGET},
    {"distance_to_reference", HS_NORM_DIST_REF},
};

int hs_norm_from_name(const char *name, hs_norm_method *out)
{
    for (size_t i = 0; i < sizeof norm_names / sizeof *norm_names; i++)
        if (strcmp(name, norm_names[i].name) == 0) return *out = norm_names[i].method, 0;
    return -1;
}

const char *hs_norm_name(hs_norm_method m)
{
    for (size_t i = 0; i < sizeof norm_names / sizeof *norm_names; i++)
        if (norm_names[i].method == m) return norm_names[i].name;
    return "?";
}

static double transform(hs_transform tr, double x)
{
    switch (tr) {
    case HS_TRANSFORM_NONE:
        return x;
    case HS_TRANSFORM_LN:
        return x > 0 ? log(x) : NAN;
    case HS_TRANSFORM_LOG10:
        return x > 0 ? log10(x) : NAN;
    }
    return NAN;
}

/* Ranks of the present values, 1 = lowest, ties sharing the mean of their ranks. */
typedef struct ranked {
    double x;
    size_t i;
} ranked;

static int ranked_cmp(const void *a, const void *b)
{
    const ranked *p = a, *q = b;
    return (p->x > q->x) - (p->x < q->x);
}

static hs_status ranks(const double *x, double *out, size_t n, size_t *present, int borda,
                       hs_error *err)
{
    ranked *r = malloc((n ? n : 1) * sizeof *r);
    if (!r) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = NAN;
        if (!isnan(x[i])) r[m++] = (ranked){x[i], i};
    }
    qsort(r, m, sizeof *r, ranked_cmp);
    for (size_t a = 0; a < m;) {
        size_t b = a;
        while (b + 1 < m && r[b + 1].x == r[a].x)
            b++;
        /* Borda counts the units strictly below; a rank averages positions a+1..b+1. */
        double v = borda ? (double)a : 0.5 * (double)(a + b) + 1.0;
        for (size_t k = a; k <= b; k++)
            out[r[k].i] = v;
        a = b + 1;
    }
    free(r);
    *present = m;
    return HS_OK;
}

hs_status hs_norm_apply(const hs_norm *nm, hs_transform tr, int direction, const double *in,
                        double *out, size_t n, hs_error *err)
{
    int dir = direction < 0 ? -1 : 1;
    double scale = nm->scale != 0 ? nm->scale : 1.0;
    double lo = INFINITY, hi = -INFINITY, sum = 0, sum2 = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = transform(tr, in[i]);
        if (isnan(out[i])) continue;
        if (out[i] < lo) lo = out[i];
        if (out[i] > hi) hi = out[i];
        sum += out[i];
        m++;
    }
    double mean = m ? sum / (double)m : NAN;
    for (size_t i = 0; i < n; i++)
        if (!isnan(out[i])) sum2 += (out[i] - mean) * (out[i] - mean);
    double sd = m > 1 ? sqrt(sum2 / (double)(m - 1)) : 0;

    switch (nm->method) {
    case HS_NORM_NONE:
        for (size_t i = 0; i < n; i++)
            if (!isnan(out[i])) out[i] *= dir;
        break;
    case HS_NORM_GOALPOSTS: {
        double g0 = transform(tr, nm->lo), g1 = transform(tr, nm->hi);
        if (isnan(g0) || isnan(g1) || g0 == g1)
            return hs_error_set(err, HS_ERR_INVALID, NULL, 0, "normalise",
                                "goalposts %g and %g are equal or outside the transform's domain",
                                nm->lo, nm->hi);
        for (size_t i = 0; i < n; i++) {
            if (isnan(out[i])) continue;
            double v = (out[i] - g0) / (g1 - g0);
            if (nm->truncate) v = v < 0 ? 0 : v > 1 ? 1 : v;
            out[i] = dir > 0 ? v : 1 - v;
        }
        break;
    }
    case HS_NORM_MINMAX:
        for (size_t i = 0; i < n; i++) {
            if (isnan(out[i])) continue;
            /* One distinct value carries no ranking information: every unit is in the middle. */
            double v = hi > lo ? (out[i] - lo) / (hi - lo) : 0.5;
            out[i] = dir > 0 ? v : 1 - v;
        }
        break;
    case HS_NORM_ZSCORE:
        for (size_t i = 0; i < n; i++)
            if (!isnan(out[i])) out[i] = sd > 0 ? dir * (out[i] - mean) / sd : 0;
        break;
    case HS_NORM_RANK:
    case HS_NORM_PERCENTILE:
    case HS_NORM_BORDA: {
        double *tmp = malloc((n ? n : 1) * sizeof *tmp);
        if (!tmp) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        for (size_t i = 0; i < n; i++)
            tmp[i] = dir * out[i];
        size_t k = 0;
        hs_status st = ranks(tmp, out, n, &k, nm->method == HS_NORM_BORDA, err);
        free(tmp);
        if (st != HS_OK) return st;
        if (nm->method == HS_NORM_PERCENTILE)
            for (size_t i = 0; i < n; i++)
                if (!isnan(out[i])) out[i] = k > 1 ? (out[i] - 1) / (double)(k - 1) : 0.5;
        break;
    }
    case HS_NORM_DIST_MAX:
        for (size_t i = 0; i < n; i++) {
            if (isnan(out[i])) continue;
            double best = dir > 0 ? hi : lo;
            double v = dir > 0 ? out[i] / best : best / out[i];
            out[i] = isfinite(v) ? v : NAN;
        }
        break;
    case HS_NORM_DIST_TARGET: {
        double t = transform(tr, nm->target);
        double worst = dir > 0 ? lo : hi;
        for (size_t i = 0; i < n; i++) {
            if (isnan(out[i])) continue;
            double gap = dir > 0 ? t - out[i] : out[i] - t, range = dir > 0 ? t - worst : worst - t;
            double v = range > 0 ? 1 - gap / range : 1;
            out[i] = v > 1 ? 1 : v;
        }
        break;
    }
    case HS_NORM_DIST_REF: {
        if (nm->ref_unit < 0 || (size_t)nm->ref_unit >= n || isnan(out[nm->ref_unit]))
            return hs_error_set(err, HS_ERR_INVALID, NULL, 0, "normalise.reference",
                                "the reference unit has no value");
        double ref = out[nm->ref_unit];
        for (size_t i = 0; i < n; i++) {
            if (isnan(out[i])) continue;
            double v = dir > 0 ? out[i] / ref : ref / out[i];
            out[i] = isfinite(v) ? v : NAN;
        }
        break;
    }
    }
    if (scale != 1.0)
        for (size_t i = 0; i < n; i++)
            out[i] *= scale;
    return HS_OK;
}
