/*
** impute.c - fill missing indicator values before normalising.
**
** Statistics are taken within a year (and within a group such as a region for
** the group methods), because a 1990 value says little about a 2022 gap. The
** latest-value method carries a unit's own most recent earlier value forward,
** but not further than max_years: an old value is worse than an honest gap.
** Imputed values are estimates; the caller decides whether to report them.
*/
#include <humsec/measure.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

static const struct {
    const char *name;
    hs_impute_method method;
} impute_names[] = {
    {"none", HS_IMPUTE_NONE},
    {"mean", HS_IMPUTE_MEAN},
    {"median", HS_IMPUTE_MEDIAN},
    {"group_mean", HS_IMPUTE_GROUP_MEAN},
    {"group_median", HS_IMPUTE_GROUP_MEDIAN},
    {"latest", HS_IMPUTE_LATEST},
};

int hs_impute_from_name(const char *name, hs_impute_method *out)
{
    for (size_t i = 0; i < sizeof impute_names / sizeof *impute_names; i++)
        if (strcmp(name, impute_names[i].name) == 0) return *out = impute_names[i].method, 0;
    return -1;
}

static int same_group(const char *const *group, size_t a, size_t b)
{
    if (!group) return 1;
    const char *g = group[a] ? group[a] : "", *h = group[b] ? group[b] : "";
    return strcmp(g, h) == 0;
}

/* Mean or median of the present values of units like u (same year, same group). */
static double peer_stat(const double *x, size_t n, size_t u, const int *year,
                        const char *const *group, int median, double *buf)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (isnan(x[k])) continue;
        if (year && year[k] != year[u]) continue;
        if (!same_group(group, k, u)) continue;
        buf[m++] = x[k];
    }
    if (m == 0) return NAN;
    if (!median) return gsl_stats_mean(buf, 1, m);
    gsl_sort(buf, 1, m);
    return gsl_stats_median_from_sorted_data(buf, 1, m);
}

size_t hs_impute_apply(const hs_impute *im, double *x, size_t n, const char *const *key,
                       const int *year, const char *const *group)
{
    if (im->method == HS_IMPUTE_NONE || n == 0) return 0;
    double *orig = malloc(n * sizeof *orig), *buf = malloc(n * sizeof *buf);
    if (!orig || !buf) {
        free(orig);
        free(buf);
        return 0;
    }
    /* Statistics come from the observed values only, never from earlier fills. */
    memcpy(orig, x, n * sizeof *x);
    size_t filled = 0;
    for (size_t u = 0; u < n; u++) {
        if (!isnan(orig[u])) continue;
        double v = NAN;
        switch (im->method) {
        case HS_IMPUTE_MEAN:
        case HS_IMPUTE_MEDIAN:
            v = peer_stat(orig, n, u, year, NULL, im->method == HS_IMPUTE_MEDIAN, buf);
            break;
        case HS_IMPUTE_GROUP_MEAN:
        case HS_IMPUTE_GROUP_MEDIAN:
            if (group)
                v = peer_stat(orig, n, u, year, group, im->method == HS_IMPUTE_GROUP_MEDIAN, buf);
            break;
        case HS_IMPUTE_LATEST: {
            if (!key || !year) break;
            int best = 0;
            for (size_t k = 0; k < n; k++) {
                if (isnan(orig[k]) || year[k] >= year[u] || year[u] - year[k] > im->max_years)
                    continue;
                if (strcmp(key[k], key[u]) != 0) continue;
                if (year[k] > best) {
                    best = year[k];
                    v = orig[k];
                }
            }
            break;
        }
        case HS_IMPUTE_NONE:
            break;
        }
        if (!isnan(v)) {
            x[u] = v;
            filled++;
        }
    }
    free(orig);
    free(buf);
    return filled;
}
