/*
** aggregate.c - combine a node's inputs for one unit into one number.
**
** Weights are relative: a missing input is left out and the others' weights are
** renormalised (INFORM's rule), unless fewer than min_share of the inputs are
** present, in which case the result is missing. That share is the data
** availability threshold of composite-indicator practice; 1 (every input
** needed) is the default, as the HDI is published only for complete data.
*/
#include <humsec/measure.h>

#include <math.h>
#include <string.h>

static const struct {
    const char *name;
    hs_agg_method method;
} agg_names[] = {
    {"arithmetic", HS_AGG_ARITHMETIC},
    {"mean", HS_AGG_ARITHMETIC},
    {"geometric", HS_AGG_GEOMETRIC},
    {"harmonic", HS_AGG_HARMONIC},
    {"power", HS_AGG_POWER},
    {"generalised", HS_AGG_POWER},
    {"reflected_geometric", HS_AGG_REFLECTED},
    {"max", HS_AGG_MAX},
    {"min", HS_AGG_MIN},
    {"sum", HS_AGG_SUM},
    {"product", HS_AGG_PRODUCT},
    {"ratio", HS_AGG_RATIO},
};

int hs_agg_from_name(const char *name, hs_agg_method *out)
{
    for (size_t i = 0; i < sizeof agg_names / sizeof *agg_names; i++)
        if (strcmp(name, agg_names[i].name) == 0) return *out = agg_names[i].method, 0;
    return -1;
}

const char *hs_agg_name(hs_agg_method m)
{
    for (size_t i = 0; i < sizeof agg_names / sizeof *agg_names; i++)
        if (agg_names[i].method == m) return agg_names[i].name;
    return "?";
}

double hs_agg_apply(const hs_agg *a, const double *x, const double *w, int n)
{
    int present = 0;
    double wsum = 0;
    for (int i = 0; i < n; i++) {
        if (isnan(x[i])) continue;
        present++;
        wsum += w ? w[i] : 1.0;
    }
    double share = a->min_share > 0 ? a->min_share : 1.0;
    if (present == 0 || (double)present < share * n - 1e-9) return NAN;
    if (a->method != HS_AGG_SUM && a->method != HS_AGG_PRODUCT && a->method != HS_AGG_MAX &&
        a->method != HS_AGG_MIN && !(wsum > 0))
        return NAN;

    double acc;
    switch (a->method) {
    case HS_AGG_ARITHMETIC:
        acc = 0;
        for (int i = 0; i < n; i++)
            if (!isnan(x[i])) acc += (w ? w[i] : 1.0) * x[i];
        return acc / wsum;
    case HS_AGG_GEOMETRIC:
    case HS_AGG_REFLECTED: {
        int refl = a->method == HS_AGG_REFLECTED;
        acc = 0;
        for (int i = 0; i < n; i++) {
            if (isnan(x[i])) continue;
            double v = refl ? a->reflect - x[i] : x[i];
            if (v < 0) return NAN;
            if (v == 0) return refl ? a->reflect : 0.0;
            acc += (w ? w[i] : 1.0) * log(v);
        }
        double g = exp(acc / wsum);
        return refl ? a->reflect - g : g;
    }
    case HS_AGG_HARMONIC:
        acc = 0;
        for (int i = 0; i < n; i++) {
            if (isnan(x[i])) continue;
            if (x[i] < 0) return NAN;
            if (x[i] == 0) return 0.0;
            acc += (w ? w[i] : 1.0) / x[i];
        }
        return wsum / acc;
    case HS_AGG_POWER: {
        if (a->p == 0) {
            hs_agg g = *a;
            g.method = HS_AGG_GEOMETRIC;
            return hs_agg_apply(&g, x, w, n);
        }
        acc = 0;
        for (int i = 0; i < n; i++) {
            if (isnan(x[i])) continue;
            if (x[i] < 0 || (x[i] == 0 && a->p < 0)) return x[i] == 0 ? 0.0 : NAN;
            acc += (w ? w[i] : 1.0) * pow(x[i], a->p);
        }
        return pow(acc / wsum, 1.0 / a->p);
    }
    case HS_AGG_MAX:
    case HS_AGG_MIN: {
        double best = NAN;
        for (int i = 0; i < n; i++) {
            if (isnan(x[i])) continue;
            double v = (w ? w[i] : 1.0) * x[i];
            if (isnan(best) || (a->method == HS_AGG_MAX ? v > best : v < best)) best = v;
        }
        return best;
    }
    case HS_AGG_SUM:
        acc = 0;
        for (int i = 0; i < n; i++)
            if (!isnan(x[i])) acc += (w ? w[i] : 1.0) * x[i];
        return acc;
    case HS_AGG_PRODUCT:
        acc = 1;
        for (int i = 0; i < n; i++)
            if (!isnan(x[i])) acc *= w ? pow(x[i], w[i]) : x[i];
        return acc;
    case HS_AGG_RATIO:
        if (n != 2 || isnan(x[0]) || isnan(x[1]) || x[1] == 0) return NAN;
        return x[0] / x[1];
    }
    return NAN;
}
