/*
** uncertainty.c - how much do the ranks owe to the analyst's choices?
**
** A composite indicator is a stack of choices (weights, normalisation,
** aggregation) that reasonable analysts make differently. Following the JRC/OECD
** handbook, the choices are drawn at random, the index recomputed, and each
** unit's rank summarised by its median and 5-95% interval; variance-based
** sensitivity indices say which choice moves the ranks most. Every draw comes
** from a counter-based stream keyed by (seed, draw, sample), so the analysis is
** reproducible from the seed alone, whatever the order of evaluation.
*/
#include <humsec/measure.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <humsec/rng.h>

const char *hs_mc_factor_name(int factor)
{
    switch (factor) {
    case HS_MC_WEIGHTS: return "weights";
    case HS_MC_NORMALISATION: return "normalisation";
    case HS_MC_AGGREGATION: return "aggregation";
    }
    return "?";
}

/* One draw of the three factors. */
typedef struct mc_sample {
    double *wmul;  /* per aggregate child: weight multiplier (factor 0) */
    int norm;      /* 0 as defined, 1 min-max, 2 percentile (factor 1) */
    int agg;       /* 0 as defined, 1 arithmetic, 2 geometric (factor 2) */
} mc_sample;

static void draw_sample(mc_sample *s, size_t nw, double spread, uint64_t seed, long j, int which)
{
    hs_stream st = hs_stream_open(seed, (uint32_t)j, (uint32_t)which, HS_RNG_MEASURE);
    for (size_t k = 0; k < nw; k++) s->wmul[k] = 1 - spread + 2 * spread * hs_stream_u01(&st);
    s->norm = (int)hs_stream_below(&st, 3);
    s->agg = (int)hs_stream_below(&st, 3);
}

static int mean_like(hs_agg_method m)
{
    return m == HS_AGG_ARITHMETIC || m == HS_AGG_GEOMETRIC || m == HS_AGG_HARMONIC ||
           m == HS_AGG_POWER;
}

/* The index as one draw would define it: nodes copied, weights and methods changed. */
static void make_variant(hs_index *v, hs_node *nodes, double *wbuf, const hs_index *ix,
                         const mc_sample *s)
{
    *v = *ix;
    v->nodes = nodes;
    v->use_published = 0;
    size_t o = 0;
    for (int i = 0; i < ix->nnodes; i++) {
        hs_node *nd = &nodes[i];
        *nd = ix->nodes[i];
        if (nd->kind == HS_NODE_INDICATOR) {
            if (nd->norm.method != HS_NORM_NONE && s->norm > 0) {
                /* Reversed goalposts carry the direction; min-max and ranks need it said. */
                if (nd->norm.method == HS_NORM_GOALPOSTS && nd->norm.lo > nd->norm.hi)
                    nd->direction = -nd->direction;
                nd->norm.method = s->norm == 1 ? HS_NORM_MINMAX : HS_NORM_PERCENTILE;
            }
            continue;
        }
        if (mean_like(nd->agg.method) && s->agg > 0)
            nd->agg.method = s->agg == 1 ? HS_AGG_ARITHMETIC : HS_AGG_GEOMETRIC;
        if (nd->pca_weights) { /* data-driven weights are kept as the data makes them */
            o += (size_t)nd->nchildren;
            continue;
        }
        for (int c = 0; c < nd->nchildren; c++)
            wbuf[o + (size_t)c] = (nd->weights ? nd->weights[c] : 1.0) * s->wmul[o + (size_t)c];
        nd->weights = wbuf + o;
        o += (size_t)nd->nchildren;
    }
}

/* Ranks (as doubles, NAN when unranked) of one draw into y. */
static hs_status evaluate(const hs_index *ix, const hs_frame *f, const mc_sample *s,
                          hs_node *nodes, double *wbuf, double *y, hs_error *err)
{
    hs_index v;
    make_variant(&v, nodes, wbuf, ix, s);
    hs_result r;
    hs_status st = hs_assess(&r, &v, f, err);
    if (st != HS_OK) return st;
    for (size_t u = 0; u < f->nunits; u++) y[u] = r.rank[u] ? (double)r.rank[u] : NAN;
    hs_result_free(&r);
    return HS_OK;
}

void hs_mc_free(hs_mc *mc)
{
    if (!mc) return;
    free(mc->median_rank);
    free(mc->p05);
    free(mc->p95);
    memset(mc, 0, sizeof *mc);
}

hs_status hs_mc_run(hs_mc *mc, const hs_index *ix, const hs_frame *f, const hs_mc_opts *o,
                    void (*progress)(void *ctx, long done, long total),
                    void *ctx, hs_error *err)
{
    memset(mc, 0, sizeof *mc);
    long n = o->draws;
    if (n < 2) return hs_error_set(err, HS_ERR_USAGE, NULL, 0, "--uncertainty", "need at least 2 draws");
    double spread = o->spread > 0 ? o->spread : 0.25;
    size_t nu = f->nunits, nw = 0;
    for (int i = 0; i < ix->nnodes; i++) nw += (size_t)ix->nodes[i].nchildren;
    mc->nunits = nu;
    mc->draws = n;
    /* Ranks of every evaluation: A, B and the three A-with-one-factor-from-B. */
    double *ya = malloc((size_t)n * nu * sizeof *ya), *yb = malloc((size_t)n * nu * sizeof *yb);
    double *yab = malloc(HS_MC_FACTORS * (size_t)n * nu * sizeof *yab);
    double *wa = malloc((nw ? nw : 1) * sizeof *wa), *wb = malloc((nw ? nw : 1) * sizeof *wb);
    double *wab = malloc((nw ? nw : 1) * sizeof *wab), *wbuf = malloc((nw ? nw : 1) * sizeof *wbuf);
    hs_node *nodes = malloc((size_t)ix->nnodes * sizeof *nodes);
    double *col = malloc((size_t)n * sizeof *col);
    mc->median_rank = malloc((nu ? nu : 1) * sizeof(double));
    mc->p05 = malloc((nu ? nu : 1) * sizeof(double));
    mc->p95 = malloc((nu ? nu : 1) * sizeof(double));
    hs_status st = HS_OK;
    if (!ya || !yb || !yab || !wa || !wb || !wab || !wbuf || !nodes || !col || !mc->median_rank ||
        !mc->p05 || !mc->p95) {
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    long total = n * (2 + HS_MC_FACTORS);
    for (long j = 0; j < n && st == HS_OK; j++) {
        mc_sample a = {wa, 0, 0}, b = {wb, 0, 0};
        draw_sample(&a, nw, spread, o->seed, j, 0);
        draw_sample(&b, nw, spread, o->seed, j, 1);
        st = evaluate(ix, f, &a, nodes, wbuf, ya + (size_t)j * nu, err);
        if (st == HS_OK) st = evaluate(ix, f, &b, nodes, wbuf, yb + (size_t)j * nu, err);
        for (int k = 0; k < HS_MC_FACTORS && st == HS_OK; k++) {
            mc_sample ab = {wab, a.norm, a.agg};
            memcpy(wab, wa, nw * sizeof *wab);
            if (k == HS_MC_WEIGHTS) memcpy(wab, wb, nw * sizeof *wab);
            if (k == HS_MC_NORMALISATION) ab.norm = b.norm;
            if (k == HS_MC_AGGREGATION) ab.agg = b.agg;
            st = evaluate(ix, f, &ab, nodes, wbuf, yab + ((size_t)k * (size_t)n + (size_t)j) * nu,
                          err);
        }
        if (progress) progress(ctx, (j + 1) * (2 + HS_MC_FACTORS), total);
    }
    if (st != HS_OK) goto done;

    double first[HS_MC_FACTORS] = {0}, tot[HS_MC_FACTORS] = {0};
    size_t counted = 0;
    for (size_t u = 0; u < nu; u++) {
        size_t m = 0;
        for (long j = 0; j < n; j++)
            if (!isnan(ya[(size_t)j * nu + u])) col[m++] = ya[(size_t)j * nu + u];
        if (m == 0) {
            mc->median_rank[u] = mc->p05[u] = mc->p95[u] = NAN;
            continue;
        }
        gsl_sort(col, 1, m);
        mc->median_rank[u] = gsl_stats_median_from_sorted_data(col, 1, m);
        mc->p05[u] = gsl_stats_quantile_from_sorted_data(col, 1, m, 0.05);
        mc->p95[u] = gsl_stats_quantile_from_sorted_data(col, 1, m, 0.95);
        /* Variance-based indices over draws where every evaluation ranked the unit. */
        double sa = 0, sa2 = 0;
        size_t k2 = 0;
        for (long j = 0; j < n; j++) {
            double a = ya[(size_t)j * nu + u], b = yb[(size_t)j * nu + u];
            if (isnan(a) || isnan(b)) continue;
            sa += a + b;
            sa2 += a * a + b * b;
            k2 += 2;
        }
        if (k2 < 4) continue;
        double mean = sa / (double)k2, var = sa2 / (double)k2 - mean * mean;
        if (!(var > 1e-12)) continue; /* a rank no choice moves says nothing about the choices */
        for (int k = 0; k < HS_MC_FACTORS; k++) {
            double vi = 0, ti = 0;
            size_t used = 0;
            for (long j = 0; j < n; j++) {
                double a = ya[(size_t)j * nu + u], b = yb[(size_t)j * nu + u];
                double ab = yab[((size_t)k * (size_t)n + (size_t)j) * nu + u];
                if (isnan(a) || isnan(b) || isnan(ab)) continue;
                /* A_B^i shares every factor but i with A: Saltelli's first order uses
                ** f(B) (f(A_B^i) - f(A)) with A_B^i taking factor i from B. */
                vi += (b - mean) * (ab - a); /* centred: same expectation, less noise */
                ti += (a - ab) * (a - ab);
                used++;
            }
            if (!used) continue;
            first[k] += (vi / (double)used) / var;
            tot[k] += (ti / (2.0 * (double)used)) / var;
        }
        counted++;
    }
    for (int k = 0; k < HS_MC_FACTORS; k++) {
        mc->first[k] = counted ? first[k] / (double)counted : NAN;
        mc->total[k] = counted ? tot[k] / (double)counted : NAN;
    }
done:
    free(ya);
    free(yb);
    free(yab);
    free(wa);
    free(wb);
    free(wab);
    free(wbuf);
    free(nodes);
    free(col);
    if (st != HS_OK) hs_mc_free(mc);
    return st;
}
