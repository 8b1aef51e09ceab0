/*
** check.c - is a computed value the published one, given that the published
** inputs were rounded?
**
** Publishers round every level they print; a level recomputed from printed
** inputs can differ from the printed level in its last digit without anything
** being wrong. Instead of a loose tolerance, the inputs' rounding is carried
** through the tree as an interval (each aggregation is monotone in its inputs),
** and the published value must be a rounding of some point in it.
*/
#include <humsec/measure.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Decimals shown in a number's text ("8.80" -> 2, "12" -> 0). In scientific
** notation the exponent shifts them and the mantissa's trailing zeros are the
** spreadsheet's format, not precision: INFORM 2016 writes 0 as "0.00E+00"
** among one-decimal values ("1.80E+00" -> 1, "0.00E+00" -> 0). */
static int text_decimals(const char *s)
{
    const char *dot = s ? strchr(s, '.') : NULL, *e = s ? strpbrk(s, "eE") : NULL;
    int d = 0;
    if (dot && (!e || dot < e)) {
        const char *p = dot + 1;
        for (; *p >= '0' && *p <= '9'; p++)
            d++;
        if (e)
            while (d > 0 && dot[d] == '0')
                d--;
    }
    if (e) {
        d -= atoi(e + 1);
        if (d < 0) d = 0;
    }
    return d;
}

/* Half a unit of the last decimal any cell of a variable shows. */
static double column_half_unit(const hs_frame *f, int var)
{
    int d = 0;
    for (size_t u = 0; u < f->nunits; u++) {
        size_t c = u * (size_t)f->nvars + (size_t)var;
        if (f->state[c] == HS_CELL_NUMBER) {
            int k = text_decimals(f->text[c]);
            if (k > d) d = k;
        }
    }
    return 0.5 * pow(10.0, -d);
}

typedef struct check_ctx {
    const hs_result *r;
    int checked;  /* the node under check: its own published value is not an input */
    double *half; /* per node: half unit of its column, or NAN */
} check_ctx;

static double norm_one(const hs_node *nd, double x)
{
    hs_norm nm = nd->norm;
    double out;
    if (hs_norm_apply(&nm, nd->transform, nd->direction, &x, &out, 1, NULL) != HS_OK) return NAN;
    return out;
}

/* Interval of node i for unit u; 0 on success, -1 if it cannot be bounded. */
static int interval(const check_ctx *k, size_t u, int i, double *lo, double *hi)
{
    const hs_result *r = k->r;
    const hs_index *ix = r->index;
    const hs_node *nd = &ix->nodes[i];
    size_t c = u * (size_t)r->nnodes + (size_t)i;
    if (nd->kind == HS_NODE_AGGREGATE && ix->use_published && i != k->checked &&
        !isnan(r->published[c])) {
        *lo = r->published[c] - k->half[i];
        *hi = r->published[c] + k->half[i];
        return 0;
    }
    if (nd->kind == HS_NODE_INDICATOR) {
        if (nd->norm.method != HS_NORM_NONE && nd->norm.method != HS_NORM_GOALPOSTS) return -1;
        if (nd->impute.method != HS_IMPUTE_NONE || nd->treat.on) return -1;
        const hs_frame *f = r->frame;
        int var = hs_frame_var(f, nd->column);
        double x = var >= 0 ? f->value[u * (size_t)f->nvars + (size_t)var] : NAN;
        if (isnan(x)) {
            *lo = *hi = NAN;
            return 0;
        }
        double a = norm_one(nd, x - k->half[i]), b = norm_one(nd, x + k->half[i]);
        if (isnan(a)) a = norm_one(nd, x); /* a log near zero: stay inside the domain */
        *lo = a < b ? a : b;
        *hi = a < b ? b : a;
        return 0;
    }
    double xl[64], xh[64];
    if (nd->nchildren > 64) return -1;
    for (int j = 0; j < nd->nchildren; j++)
        if (interval(k, u, nd->children[j], &xl[j], &xh[j]) != 0) return -1;
    const double *w = r->weights + r->wofs[i];
    if (nd->agg.method == HS_AGG_RATIO) {
        double t = xl[1];
        xl[1] = xh[1];
        xh[1] = t;
        if (!(xl[0] >= 0 && xl[1] > 0)) return -1;
    }
    for (int j = 0; j < nd->nchildren; j++)
        if (w[j] < 0) return -1;
    *lo = hs_agg_apply(&nd->agg, xl, w, nd->nchildren);
    *hi = hs_agg_apply(&nd->agg, xh, w, nd->nchildren);
    return 0;
}

hs_status hs_check_published(const hs_result *r, int node, hs_check *out, hs_error *err)
{
    const hs_index *ix = r->index;
    const hs_frame *f = r->frame;
    memset(out, 0, sizeof *out);
    out->first_miss = -1;
    if (node < 0 || node >= ix->nnodes)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, NULL, "no node %d", node);
    int pv = ix->nodes[node].column ? hs_frame_var(f, ix->nodes[node].column) : -1;
    if (pv < 0) return HS_OK;
    check_ctx k = {r, node, malloc((size_t)ix->nnodes * sizeof(double))};
    if (!k.half) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (int i = 0; i < ix->nnodes; i++) {
        int v = ix->nodes[i].column ? hs_frame_var(f, ix->nodes[i].column) : -1;
        k.half[i] = v >= 0 ? column_half_unit(f, v) : NAN;
    }
    for (size_t u = 0; u < r->nunits; u++) {
        size_t pc = u * (size_t)f->nvars + (size_t)pv;
        if (f->state[pc] != HS_CELL_NUMBER) continue;
        double p = f->value[pc];
        int d = text_decimals(f->text[pc]);
        double v = r->value[u * (size_t)r->nnodes + (size_t)node];
        out->n++;
        if (fabs(hs_round(v, d) - p) < 1e-9) out->exact++;
        double lo, hi;
        if (interval(&k, u, node, &lo, &hi) == 0 && !isnan(lo) && !isnan(hi) &&
            p >= hs_round(lo, d) - 1e-9 && p <= hs_round(hi, d) + 1e-9)
            out->within++;
        else if (out->first_miss < 0)
            out->first_miss = (long)u;
    }
    free(k.half);
    return HS_OK;
}
