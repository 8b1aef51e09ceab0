/*
** treat.c - outlier treatment before min-max style normalisation.
**
** A few extreme values squeeze everyone else into a corner of a min-max scale.
** The rule of composite-indicator practice (JRC/OECD handbook, COINr's default):
** an indicator has outliers while |skewness| > 2 and excess kurtosis > 3.5. Then
** the most extreme value on the side of the skew is winsorised (set to the next
** value in), one point at a time, up to a maximum; if that is not enough, the
** winsorising is undone and the indicator log-transformed instead, which keeps
** the order of the units but compresses the tail.
*/
#include <humsec/measure.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_statistics_double.h>

static hs_status nomem(hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

hs_status hs_treat_moments(const double *x, size_t n, double *skew, double *kurt, hs_error *err)
{
    double *buf = malloc((n ? n : 1) * sizeof *buf);
    if (!buf) return nomem(err);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) buf[m++] = x[i];
    if (m < 3 || gsl_stats_sd(buf, 1, m) == 0) {
        *skew = 0;
        *kurt = 0;
    } else {
        *skew = gsl_stats_skew(buf, 1, m);
        *kurt = gsl_stats_kurtosis(buf, 1, m);
    }
    free(buf);
    return HS_OK;
}

static int has_outliers(const hs_treat *t, double skew, double kurt)
{
    return fabs(skew) > t->max_skew && kurt > t->max_kurt;
}

hs_status hs_treat_apply(const hs_treat *t, double *x, size_t n, hs_treat_report *rep,
                         hs_error *err)
{
    hs_treat_report r = {0};
    hs_status st = hs_treat_moments(x, n, &r.skew, &r.kurt, err);
    if (st != HS_OK) return st;
    if (!t->on || !has_outliers(t, r.skew, r.kurt)) {
        if (rep) *rep = r;
        return HS_OK;
    }
    double *orig = malloc((n ? n : 1) * sizeof *orig);
    if (!orig) return nomem(err);
    memcpy(orig, x, n * sizeof *x);
    while (has_outliers(t, r.skew, r.kurt) && r.winsorised < t->max_points) {
        int high = r.skew > 0;
        /* The most extreme value, and the next one in from it. */
        double ext = NAN, next = NAN;
        for (size_t i = 0; i < n; i++) {
            if (isnan(x[i])) continue;
            if (isnan(ext) || (high ? x[i] > ext : x[i] < ext)) ext = x[i];
        }
        for (size_t i = 0; i < n; i++) {
            if (isnan(x[i]) || x[i] == ext) continue;
            if (isnan(next) || (high ? x[i] > next : x[i] < next)) next = x[i];
        }
        if (isnan(next)) break;
        for (size_t i = 0; i < n; i++)
            if (x[i] == ext) {
                x[i] = next;
                r.winsorised++;
            }
        if ((st = hs_treat_moments(x, n, &r.skew, &r.kurt, err)) != HS_OK) break;
    }
    if (st == HS_OK && has_outliers(t, r.skew, r.kurt)) {
        double lo = INFINITY, hi = -INFINITY, s0, k0;
        memcpy(x, orig, n * sizeof *x);
        if ((st = hs_treat_moments(x, n, &s0, &k0, err)) != HS_OK) goto done;
        for (size_t i = 0; i < n; i++)
            if (!isnan(x[i])) {
                if (x[i] < lo) lo = x[i];
                if (x[i] > hi) hi = x[i];
            }
        for (size_t i = 0; i < n; i++)
            if (!isnan(x[i])) x[i] = s0 > 0 ? log(x[i] - lo + 1) : -log(hi - x[i] + 1);
        r.winsorised = 0;
        r.logged = 1;
        st = hs_treat_moments(x, n, &r.skew, &r.kurt, err);
    }
done:
    if (st != HS_OK) memcpy(x, orig, n * sizeof *x);
    free(orig);
    if (st == HS_OK && rep) *rep = r;
    return st;
}
