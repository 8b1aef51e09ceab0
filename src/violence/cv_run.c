/*
** cv_run.c - runs, their statistics (outbursts, waits, calm, extinction) and
** ensembles over many seeds.
*/
#include "violence/cv_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

hs_status hs_cv_run(const hs_cv_params *p, uint64_t seed, int threads, hs_cv_series *out,
                    hs_error *err)
{
    return hs_cv_run_checkpointed(p, seed, threads, NULL, out, err);
}

void hs_cv_series_free(hs_cv_series *s)
{
    if (!s) return;
    free(s->rows);
    memset(s, 0, sizeof *s);
}

/* Steps before burn_in, and step 0 (the set-up), are not counted. */
static long first_counted(const hs_cv_params *p)
{
    return p->burn_in > 1 ? p->burn_in : 1;
}

hs_status hs_cv_stats_outbursts(const hs_cv_params *p, const hs_cv_series *s, hs_cv_outburst **out,
                                long *n, hs_error *err)
{
    *out = NULL;
    *n = 0;
    long cap = 0;
    hs_cv_outburst cur = {0};
    int in = 0;
    for (long i = first_counted(p); i <= s->n; i++) {
        int hot = i < s->n && s->rows[i].active > p->outburst_threshold;
        if (hot && !in) {
            cur = (hs_cv_outburst){i, i, 0, 0};
            in = 1;
        }
        if (hot) {
            cur.end = i;
            if (s->rows[i].active > cur.peak) cur.peak = s->rows[i].active;
            cur.activation += (double)s->rows[i].active;
        } else if (in) {
            in = 0;
            if (*n == cap) {
                cap = cap ? 2 * cap : 16;
                hs_cv_outburst *o = realloc(*out, (size_t)cap * sizeof *o);
                if (!o) {
                    free(*out);
                    *out = NULL;
                    *n = 0;
                    return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
                }
                *out = o;
            }
            (*out)[(*n)++] = cur;
        }
    }
    return HS_OK;
}

void hs_cv_stats_compute(const hs_cv_params *p, const hs_cv_series *s, hs_cv_stats *st)
{
    memset(st, 0, sizeof *st);
    st->extinction_step = -1;
    st->extinct_group = -1;
    long first = first_counted(p), counted = 0, hot = 0, nout = 0, last_end = -1;
    double wait_sum = 0, peak_sum = 0, act_sum = 0, jail_sum = 0;
    int in = 0;
    long peak = 0;
    for (long i = first; i < s->n; i++) {
        const hs_cv_counts *r = &s->rows[i];
        counted++;
        act_sum += (double)r->active;
        jail_sum += (double)r->jailed;
        if (r->active > st->max_active) st->max_active = r->active;
        int h = r->active > p->outburst_threshold;
        if (h) {
            hot++;
            st->total_activation += (double)r->active;
            if (!in) {
                nout++;
                if (last_end >= 0) {
                    wait_sum += (double)(i - last_end - 1);
                    st->nwaits++;
                }
                peak = 0;
                in = 1;
            }
            if (r->active > peak) peak = r->active;
            last_end = i;
        } else if (in) {
            peak_sum += (double)peak;
            in = 0;
        }
    }
    if (in) peak_sum += (double)peak;
    st->outbursts = nout;
    st->mean_peak = nout ? peak_sum / (double)nout : 0;
    st->mean_wait = st->nwaits ? wait_sum / (double)st->nwaits : NAN;
    st->calm_share = counted ? (double)(counted - hot) / (double)counted : NAN;
    st->mean_active = counted ? act_sum / (double)counted : NAN;
    st->mean_jailed = counted ? jail_sum / (double)counted : NAN;
    if (s->n > 0) {
        const hs_cv_counts *f = &s->rows[s->n - 1];
        st->final_active = f->active;
        st->final_jailed = f->jailed;
        st->final_quiet = f->quiet;
        st->final_blue = f->blue;
        st->final_green = f->green;
    }
    for (long i = 1; i < s->n; i++) {
        st->total_kills += s->rows[i].kills;
        st->total_births += s->rows[i].births;
        st->total_deaths += s->rows[i].deaths;
    }
    if (p->model == 2 && s->n > 0 && s->rows[0].blue > 0 && s->rows[0].green > 0)
        for (long i = 1; i < s->n; i++)
            if (s->rows[i].blue == 0 || s->rows[i].green == 0) {
                st->extinction_step = s->rows[i].step;
                st->extinct_group = s->rows[i].blue == 0 ? 0 : 1;
                break;
            }
}

static const char *const stat_names[HS_CV_NSTATS] = {
    "outbursts",    "mean_peak",       "max_active",    "total_activation", "mean_wait",
    "calm_share",   "mean_active",     "mean_jailed",   "final_active",     "final_jailed",
    "final_quiet",  "extinction_step", "extinct_group", "total_kills",      "total_births",
    "total_deaths", "final_blue",      "final_green",   "nwaits",
};

const char *hs_cv_stats_name(int i)
{
    return i >= 0 && i < HS_CV_NSTATS ? stat_names[i] : "?";
}

double hs_cv_stats_value(const hs_cv_stats *st, int i)
{
    switch (i) {
    case 0:
        return (double)st->outbursts;
    case 1:
        return st->mean_peak;
    case 2:
        return (double)st->max_active;
    case 3:
        return st->total_activation;
    case 4:
        return st->mean_wait;
    case 5:
        return st->calm_share;
    case 6:
        return st->mean_active;
    case 7:
        return st->mean_jailed;
    case 8:
        return (double)st->final_active;
    case 9:
        return (double)st->final_jailed;
    case 10:
        return (double)st->final_quiet;
    case 11:
        return st->extinction_step >= 0 ? (double)st->extinction_step : NAN;
    case 12:
        return st->extinct_group >= 0 ? (double)st->extinct_group : NAN;
    case 13:
        return (double)st->total_kills;
    case 14:
        return (double)st->total_births;
    case 15:
        return (double)st->total_deaths;
    case 16:
        return (double)st->final_blue;
    case 17:
        return (double)st->final_green;
    case 18:
        return (double)st->nwaits;
    }
    return NAN;
}

/* Count, mean, sd, min, median and max of v[0..n-1] (sorts v). */
static hs_cv_spread spread_of_values(double *v, long n)
{
    hs_cv_spread r = {0, NAN, NAN, NAN, NAN, NAN};
    r.n = n;
    if (n > 0) {
        gsl_sort(v, 1, (size_t)n);
        r.mean = gsl_stats_mean(v, 1, (size_t)n);
        r.sd = n > 1 ? gsl_stats_sd_m(v, 1, (size_t)n, r.mean) : 0.0;
        r.min = v[0];
        r.max = v[n - 1];
        r.median = gsl_stats_median_from_sorted_data(v, 1, (size_t)n);
    }
    return r;
}

hs_status hs_cv_spread_of(const hs_cv_stats *per_seed, long nseeds, int stat, hs_cv_spread *out,
                          hs_error *err)
{
    *out = (hs_cv_spread){0, NAN, NAN, NAN, NAN, NAN};
    double *v = malloc((size_t)(nseeds > 0 ? nseeds : 1) * sizeof *v);
    if (!v)
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, hs_cv_stats_name(stat),
                            "out of memory for the spread over %ld seeds", nseeds);
    long n = 0;
    for (long i = 0; i < nseeds; i++) {
        double x = hs_cv_stats_value(&per_seed[i], stat);
        if (!isnan(x)) v[n++] = x;
    }
    *out = spread_of_values(v, n);
    free(v);
    return HS_OK;
}

/* One seed of an ensemble, on the calling thread: its statistics into *stats,
** its outbursts into *ob and *nob (if ob is given), its counts added to sums
** (if given; atomically, since the seeds run in parallel). */
static hs_status ensemble_seed(const hs_cv_params *p, uint64_t seed, hs_cv_stats *stats,
                               hs_cv_outburst **ob, long *nob, long *sums, hs_error *err)
{
    const long rows = p->steps + 1;
    hs_cv_series s = {0};
    /* One thread per seed: the seeds are the parallel work. */
    hs_status st = hs_cv_run_checkpointed(p, seed, 1, NULL, &s, err);
    if (st == HS_OK) {
        hs_cv_stats_compute(p, &s, stats);
        if (ob) st = hs_cv_stats_outbursts(p, &s, ob, nob, err);
        if (sums)
            for (long t = 0; t < rows; t++) {
#pragma omp atomic
                sums[3 * t] += s.rows[t].active;
#pragma omp atomic
                sums[3 * t + 1] += s.rows[t].jailed;
#pragma omp atomic
                sums[3 * t + 2] += s.rows[t].quiet;
            }
    }
    hs_cv_series_free(&s);
    return st;
}

hs_status hs_cv_ensemble(const hs_cv_params *p, uint64_t seed0, long nseeds, int threads,
                         hs_cv_stats *per_seed, double *mean_series, hs_cv_outburst **outbursts,
                         long *noutbursts, hs_cv_progress_fn progress, void *ctx, hs_error *err)
{
    hs_status st = hs_cv_params_check(p, err);
    if (st != HS_OK) return st;
    if (nseeds < 1)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, "seeds", "need at least one seed");
    long rows = p->steps + 1;
    /* Integer sums: the same whatever order the seeds finish in. */
    long *sums = mean_series ? calloc((size_t)rows * 3, sizeof *sums) : NULL;
    if (mean_series && !sums)
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_status failed = HS_OK;
    hs_error first_err;
    hs_error_clear(&first_err);
    long done = 0;
    if (outbursts)
        for (long i = 0; i < nseeds; i++) {
            outbursts[i] = NULL;
            if (noutbursts) noutbursts[i] = 0;
        }
    const int nthreads = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(nthreads)
    for (long i = 0; i < nseeds; i++) {
        hs_error e;
        hs_status rs = ensemble_seed(p, seed0 + (uint64_t)i, &per_seed[i],
                                     outbursts && noutbursts ? &outbursts[i] : NULL,
                                     noutbursts ? &noutbursts[i] : NULL, sums, &e);
#pragma omp critical(hs_cv_ensemble)
        {
            if (rs != HS_OK && failed == HS_OK) {
                failed = rs;
                first_err = e;
            }
            done++;
            if (progress) progress(ctx, done, nseeds);
        }
    }
    if (sums) {
        for (long k = 0; k < 3 * rows; k++)
            mean_series[k] = (double)sums[k] / (double)nseeds;
        free(sums);
    }
    if (failed != HS_OK) {
        if (err) *err = first_err;
        return failed;
    }
    return HS_OK;
}

hs_status hs_cv_pooled_waits(hs_cv_outburst *const *outbursts, const long *noutbursts, long nseeds,
                             hs_cv_spread *out, hs_error *err)
{
    *out = (hs_cv_spread){0, NAN, NAN, NAN, NAN, NAN};
    long total = 0;
    for (long i = 0; i < nseeds; i++)
        if (noutbursts[i] > 1) total += noutbursts[i] - 1;
    if (total == 0) return HS_OK;
    double *v = malloc((size_t)total * sizeof *v);
    if (!v)
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, "pooled_waits",
                            "out of memory for %ld waits between outbursts", total);
    long n = 0;
    for (long i = 0; i < nseeds; i++)
        for (long j = 1; j < noutbursts[i]; j++)
            v[n++] = (double)(outbursts[i][j].start - outbursts[i][j - 1].end - 1);
    *out = spread_of_values(v, n);
    free(v);
    return HS_OK;
}
