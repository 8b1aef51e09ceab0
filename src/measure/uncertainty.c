/*
** uncertainty.c - how much do the ranks owe to the analyst's choices?
**
** A composite indicator is a stack of choices (weights, normalisation,
** aggregation) that reasonable analysts make differently. Following the JRC/OECD
** handbook, the choices are drawn at random, the index recomputed, and each
** unit's rank summarised by its median and 5-95% interval; variance-based
** sensitivity indices say which choice moves the ranks most. Every draw comes
** from a counter-based stream keyed by (seed, draw, sample), so the analysis is
** reproducible from the seed alone, whatever the order of evaluation: draws run
** in parallel (OpenMP) and give the same numbers on any number of threads.
*/
#include <humsec/measure.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <humsec/rng.h>
#include <omp.h>

const char *hs_mc_factor_name(int factor)
{
    switch (factor) {
    case HS_MC_WEIGHTS:
        return "weights";
    case HS_MC_NORMALISATION:
        return "normalisation";
    case HS_MC_AGGREGATION:
        return "aggregation";
    }
    return "?";
}

/* One draw of the three factors. */
typedef struct mc_sample {
    double *wmul; /* per aggregate child: weight multiplier (factor 0) */
    int norm;     /* 0 as defined, 1 min-max, 2 percentile (factor 1) */
    int agg;      /* 0 as defined, 1 arithmetic, 2 geometric (factor 2) */
} mc_sample;

static void draw_sample(mc_sample *s, size_t nw, double spread, uint64_t seed, long j, int which)
{
    hs_stream st = hs_stream_open(seed, (uint32_t)j, (uint32_t)which, HS_RNG_MEASURE);
    for (size_t k = 0; k < nw; k++)
        s->wmul[k] = 1 - spread + 2 * spread * hs_stream_u01(&st);
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
static hs_status evaluate(const hs_index *ix, const hs_frame *f, const mc_sample *s, hs_node *nodes,
                          double *wbuf, float *y, hs_error *err)
{
    hs_index v;
    make_variant(&v, nodes, wbuf, ix, s);
    hs_result r;
    hs_status st = hs_assess(&r, &v, f, err);
    if (st != HS_OK) return st;
    for (size_t u = 0; u < f->nunits; u++)
        y[u] = r.rank[u] ? (float)r.rank[u] : NAN;
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

/* What every draw shares; each thread has its own scratch (mc_scratch). */
typedef struct mc_job {
    const hs_index *ix;
    const hs_frame *f;
    size_t nu, nw;
    long n;
    double spread;
    uint64_t seed;
    /* Ranks: sample A, sample B, A with one factor from B. Floats hold ranks exactly
    ** (below 2^24) in half the memory: N x units x 5 of them. */
    float *ya, *yb, *yab;
} mc_job;

typedef struct mc_scratch {
    double *wa, *wb, *wab, *wbuf;
    hs_node *nodes;
} mc_scratch;

static int scratch_alloc(mc_scratch *s, const mc_job *job)
{
    size_t nw = job->nw ? job->nw : 1;
    s->wa = malloc(nw * sizeof *s->wa);
    s->wb = malloc(nw * sizeof *s->wb);
    s->wab = malloc(nw * sizeof *s->wab);
    s->wbuf = malloc(nw * sizeof *s->wbuf);
    s->nodes = malloc((size_t)job->ix->nnodes * sizeof *s->nodes);
    return s->wa && s->wb && s->wab && s->wbuf && s->nodes;
}

static void scratch_free(mc_scratch *s)
{
    free(s->wa);
    free(s->wb);
    free(s->wab);
    free(s->wbuf);
    free(s->nodes);
}

/* Draw j: samples A and B and the three mixes, ranks into the job's arrays. */
static hs_status run_draw(const mc_job *job, long j, mc_scratch *s, hs_error *err)
{
    size_t nu = job->nu, nw = job->nw;
    mc_sample a = {s->wa, 0, 0}, b = {s->wb, 0, 0};
    draw_sample(&a, nw, job->spread, job->seed, j, 0);
    draw_sample(&b, nw, job->spread, job->seed, j, 1);
    hs_status st = evaluate(job->ix, job->f, &a, s->nodes, s->wbuf, job->ya + (size_t)j * nu, err);
    if (st == HS_OK)
        st = evaluate(job->ix, job->f, &b, s->nodes, s->wbuf, job->yb + (size_t)j * nu, err);
    for (int k = 0; k < HS_MC_FACTORS && st == HS_OK; k++) {
        mc_sample ab = {s->wab, a.norm, a.agg};
        memcpy(s->wab, k == HS_MC_WEIGHTS ? s->wb : s->wa, nw * sizeof *s->wab);
        if (k == HS_MC_NORMALISATION) ab.norm = b.norm;
        if (k == HS_MC_AGGREGATION) ab.agg = b.agg;
        st = evaluate(job->ix, job->f, &ab, s->nodes, s->wbuf,
                      job->yab + ((size_t)k * (size_t)job->n + (size_t)j) * nu, err);
    }
    return st;
}

hs_status hs_mc_run(hs_mc *mc, const hs_index *ix, const hs_frame *f, const hs_mc_opts *o,
                    void (*progress)(void *ctx, long done, long total), void *ctx, hs_error *err)
{
    memset(mc, 0, sizeof *mc);
    long n = o->draws;
    if (n < 2)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, "--uncertainty", "need at least 2 draws");
    size_t nu = f->nunits, nw = 0;
    for (int i = 0; i < ix->nnodes; i++)
        nw += (size_t)ix->nodes[i].nchildren;
    mc->nunits = nu;
    mc->draws = n;
    mc_job job = {ix, f, nu, nw, n, o->spread > 0 ? o->spread : 0.25, o->seed, NULL, NULL, NULL};
    job.ya = malloc((size_t)n * nu * sizeof *job.ya);
    job.yb = malloc((size_t)n * nu * sizeof *job.yb);
    job.yab = malloc(HS_MC_FACTORS * (size_t)n * nu * sizeof *job.yab);
    double *col = malloc((size_t)n * sizeof *col);
    float *ya = job.ya, *yb = job.yb, *yab = job.yab;
    mc->median_rank = malloc((nu ? nu : 1) * sizeof(double));
    mc->p05 = malloc((nu ? nu : 1) * sizeof(double));
    mc->p95 = malloc((nu ? nu : 1) * sizeof(double));
    hs_status st = HS_OK;
    if (!ya || !yb || !yab || !col || !mc->median_rank || !mc->p05 || !mc->p95) {
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    /* Draws are independent and each writes its own slots, so the result does not
    ** depend on the number of threads or the order they run in. */
    long total = n * (2 + HS_MC_FACTORS), finished = 0;
    int failed = 0;
#pragma omp parallel
    {
        mc_scratch s;
        hs_error terr;
        hs_error_clear(&terr);
        hs_status tst = scratch_alloc(&s, &job)
                            ? HS_OK
                            : hs_error_set(&terr, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
#pragma omp for schedule(dynamic)
        for (long j = 0; j < n; j++) {
            int stop;
#pragma omp atomic read
            stop = failed;
            if (stop || tst != HS_OK) continue;
            tst = run_draw(&job, j, &s, &terr);
            long d;
#pragma omp atomic capture
            d = ++finished;
            if (progress && omp_get_thread_num() == 0)
                progress(ctx, d * (2 + HS_MC_FACTORS), total);
        }
        if (tst != HS_OK) {
#pragma omp critical(hs_mc_error)
            {
                if (!failed) {
                    st = tst;
                    if (err) *err = terr;
                }
                failed = 1;
            }
        }
        scratch_free(&s);
    }
    if (progress) progress(ctx, total, total);
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
    free(col);
    if (st != HS_OK) hs_mc_free(mc);
    return st;
}
