/*
** prim.c - PRIM's peeling trajectory and the box it returns (design.h).
**
** Each step tries, for every parameter, removing the alpha share of the box's
** points with the lowest values of that parameter and, separately, with the
** highest; the peel that leaves the highest density of cases of interest wins
** (on a tie, the one that removes fewer points, then the lower parameter). A
** peel removes every point at or beyond the cut, so ties in the data are never
** split. Peeling stops when the next box would hold fewer than min_mass of all
** points or no peel removes anything.
*/
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/design.h>

typedef struct prim_state {
    int k;
    long n;
    const double *x;
    const int *y;
    unsigned char *in; /* in the current box */
    double *vals;      /* scratch: one parameter's values in the box */
} prim_state;

/* Points and cases of interest left if the points with x_p <= cut (low) or
** x_p >= cut (high) are removed. */
static void count_after(const prim_state *s, int p, int low, double cut, long *left, long *interest)
{
    *left = *interest = 0;
    for (long i = 0; i < s->n; i++) {
        if (!s->in[i]) continue;
        double v = s->x[i * s->k + p];
        if (low ? v <= cut : v >= cut) continue;
        (*left)++;
        *interest += s->y[i] != 0;
    }
}

static void fill_box(const prim_state *s, long total_interest, const double *lo0, const double *hi0,
                     hs_prim_box *b, int steps)
{
    long in = 0, interest = 0;
    for (int p = 0; p < s->k; p++) {
        b->low[p] = INFINITY;
        b->high[p] = -INFINITY;
    }
    for (long i = 0; i < s->n; i++) {
        if (!s->in[i]) continue;
        in++;
        interest += s->y[i] != 0;
        for (int p = 0; p < s->k; p++) {
            double v = s->x[i * s->k + p];
            if (v < b->low[p]) b->low[p] = v;
            if (v > b->high[p]) b->high[p] = v;
        }
    }
    for (int p = 0; p < s->k; p++)
        b->restricted[p] = in > 0 && (b->low[p] > lo0[p] || b->high[p] < hi0[p]);
    b->n_in_box = in;
    b->n_of_interest_in_box = interest;
    b->mass = (double)in / (double)s->n;
    b->density = in > 0 ? (double)interest / (double)in : NAN;
    b->coverage = total_interest > 0 ? (double)interest / (double)total_interest : NAN;
    b->steps = steps;
}

hs_status hs_prim(int k, long n, const double *x, const int *y, double alpha, double min_mass,
                  double threshold, hs_prim_box *out, hs_error *err)
{
    if (k < 1 || k > HS_DESIGN_MAX_PARAMS || n < 1 || !(alpha > 0.0 && alpha < 0.5) ||
        !(min_mass > 0.0 && min_mass <= 1.0))
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, NULL,
                            "PRIM needs 1 to %d parameters, points, 0 < alpha < 0.5 and "
                            "0 < min_mass <= 1",
                            HS_DESIGN_MAX_PARAMS);
    prim_state s = {k, n, x, y, calloc((size_t)n, 1), malloc((size_t)n * sizeof(double))};
    if (!s.in || !s.vals) {
        free(s.in), free(s.vals);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    memset(s.in, 1, (size_t)n);
    double lo0[HS_DESIGN_MAX_PARAMS], hi0[HS_DESIGN_MAX_PARAMS];
    long total_interest = 0;
    for (long i = 0; i < n; i++)
        total_interest += y[i] != 0;
    for (int p = 0; p < k; p++) {
        lo0[p] = INFINITY;
        hi0[p] = -INFINITY;
        for (long i = 0; i < n; i++) {
            lo0[p] = fmin(lo0[p], x[i * k + p]);
            hi0[p] = fmax(hi0[p], x[i * k + p]);
        }
    }
    hs_prim_box cur, best;
    fill_box(&s, total_interest, lo0, hi0, &cur, 0);
    best = cur;
    int found = cur.density >= threshold;
    long in = n;
    for (int step = 1; !found; step++) {
        int bp = -1, blow = 0;
        double bcut = 0.0, bdens = -1.0;
        long bleft = 0;
        for (int p = 0; p < k; p++) {
            long m = 0;
            for (long i = 0; i < n; i++)
                if (s.in[i]) s.vals[m++] = x[i * k + p];
            gsl_sort(s.vals, 1, (size_t)m);
            long q = (long)floor(alpha * (double)m);
            if (q < 1) q = 1;
            for (int low = 1; low >= 0; low--) {
                double cut = low ? s.vals[q - 1] : s.vals[m - q];
                long left, interest;
                count_after(&s, p, low, cut, &left, &interest);
                if (left == in || (double)left < min_mass * (double)n || left == 0) continue;
                double dens = (double)interest / (double)left;
                if (dens > bdens || (dens == bdens && left > bleft)) {
                    bp = p, blow = low, bcut = cut, bdens = dens, bleft = left;
                }
            }
        }
        if (bp < 0) break;
        for (long i = 0; i < n; i++) {
            double v = x[i * k + bp];
            if (s.in[i] && (blow ? v <= bcut : v >= bcut)) s.in[i] = 0;
        }
        in = bleft;
        fill_box(&s, total_interest, lo0, hi0, &cur, step);
        if (cur.density > best.density) best = cur;
        if (cur.density >= threshold) {
            best = cur;
            found = 1;
        }
    }
    *out = best;
    free(s.in), free(s.vals);
    return HS_OK;
}
