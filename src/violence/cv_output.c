/*
** cv_output.c - civil-violence output folders: tidy CSV (one row per step,
** per outburst or per seed; "NA" where a value is undefined, as pandas and R
** read it) and JSON recording the version, seed and resolved parameters.
*/
#include "violence/cv_internal.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <humsec/outdir.h>
#include <humsec/version.h>

/* Set key of object o to v, which it takes (or frees); clears *ok when o or
** v is missing or the key cannot be added (out of memory), so that a JSON
** file is never written with a key silently left out. */
static void json_put(json_t *o, const char *key, json_t *v, int *ok)
{
    if (json_object_set_new(o, key, v) != 0) *ok = 0;
}

/* o when every json_put into it worked; else NULL (and o freed). */
static json_t *json_checked(json_t *o, int ok)
{
    if (ok) return o;
    json_decref(o);
    return NULL;
}

/* The resolved parameters and the schedule; NULL when out of memory. */
static json_t *params_json(const hs_cv_params *p)
{
    json_t *sched = json_array();
    int ok = 1;
    for (int i = 0; i < p->nchanges; i++) {
        const hs_cv_change *c = &p->changes[i];
        if (json_array_append_new(sched, json_pack("{s:s, s:I, s:I, s:f}", "param",
                                                   hs_cv_param_name(c->param), "start",
                                                   (json_int_t)c->start, "end", (json_int_t)c->end,
                                                   "to", c->to)) != 0)
            ok = 0;
    }
    json_t *o = json_pack(
        "{s:s, s:s, s:i, s:I, s:I, s:f, s:f, s:f, s:s, s:I, s:f, s:f, s:f, s:I, s:s, s:s, s:b, "
        "s:I, s:b, s:I, s:f, s:I, s:f, s:I, s:I}",
        "model", "civil_violence", "name", p->name, "variant", p->model, "width",
        (json_int_t)p->width, "height", (json_int_t)p->height, "citizen_density",
        p->citizen_density, "cop_density", p->cop_density, "vision", p->vision, "vision_shape",
        hs_cv_vision_name(p->vision_shape), "vision_cells",
        (json_int_t)hs_cv_vision_cells(p->vision, p->vision_shape), "legitimacy", p->legitimacy,
        "k", p->k, "threshold", p->threshold, "max_jail_term", (json_int_t)p->max_jail_term,
        "rounding", hs_cv_rounding_name(p->rounding), "jail", hs_cv_jail_name(p->jail),
        "citizens_move", p->citizens_move, "decide_rounds", (json_int_t)p->decide_rounds,
        "self_counted_twice", p->self_counted_twice, "steps", (json_int_t)p->steps, "blue_share",
        p->blue_share, "max_age", (json_int_t)p->max_age, "reproduction", p->reproduction,
        "outburst_threshold", (json_int_t)p->outburst_threshold, "burn_in", (json_int_t)p->burn_in);
    json_put(o, "schedule", sched, &ok);
    return json_checked(o, ok);
}

static json_t *num(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static hs_status write_json(hs_outdir *o, const char *name, json_t *j, hs_error *err)
{
    if (!j) return hs_error_set(err, HS_ERR_NOMEM, name, 0, NULL, "out of memory");
    FILE *f = hs_outdir_fopen(o, name, err);
    if (!f) {
        json_decref(j);
        return HS_ERR_IO;
    }
    json_dumpf(j, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', f);
    json_decref(j);
    return hs_outdir_fclose(o, f, name, err);
}

/* What every JSON file of an output folder begins with; NULL when out of memory. */
static json_t *header(const hs_cv_params *p, const char *scenario, uint64_t seed)
{
    json_t *j = json_pack("{s:s, s:s, s:I}", "version", hs_version(), "scenario",
                          scenario ? scenario : "", "seed", (json_int_t)seed);
    int ok = 1;
    json_put(j, "params", params_json(p), &ok);
    return json_checked(j, ok);
}

static void fput_value(FILE *f, double v)
{
    if (isnan(v))
        fputs("NA", f);
    else if (v == floor(v) && fabs(v) < 1e15)
        fprintf(f, "%.0f", v);
    else
        fprintf(f, "%.6g", v);
}

hs_status hs_cv_write_run(const char *dir, const hs_cv_params *p, const char *scenario,
                          uint64_t seed, const hs_cv_series *s, hs_error *err)
{
    hs_outdir o;
    hs_status st = hs_outdir_open(&o, dir, err);
    if (st != HS_OK) return st;
    return hs_cv_write_run_to(&o, p, scenario, seed, s, err);
}

hs_status hs_cv_write_run_to(hs_outdir *o, const hs_cv_params *p, const char *scenario,
                             uint64_t seed, const hs_cv_series *s, hs_error *err)
{
    hs_cv_outburst *ob = NULL;
    long nob = 0;
    hs_cv_stats stats;
    hs_cv_stats_compute(p, s, &stats);
    hs_status st = hs_cv_stats_outbursts(p, s, &ob, &nob, err);

    FILE *f = st == HS_OK ? hs_outdir_fopen(o, "series.csv", err) : NULL;
    if (st == HS_OK && !f) st = HS_ERR_IO;
    if (f) {
        fputs("step,legitimacy,cops,quiet,active,jailed,arrests", f);
        if (p->model == 2) fputs(",blue,green,kills,births,deaths", f);
        fputc('\n', f);
        for (long i = 0; i < s->n; i++) {
            const hs_cv_counts *r = &s->rows[i];
            fprintf(f, "%ld,%.6g,%ld,%ld,%ld,%ld,%ld", r->step, r->legitimacy, r->cops, r->quiet,
                    r->active, r->jailed, r->arrests);
            if (p->model == 2)
                fprintf(f, ",%ld,%ld,%ld,%ld,%ld", r->blue, r->green, r->kills, r->births,
                        r->deaths);
            fputc('\n', f);
        }
        st = hs_outdir_fclose(o, f, "series.csv", err);
    }
    f = st == HS_OK ? hs_outdir_fopen(o, "outbursts.csv", err) : NULL;
    if (st == HS_OK && !f) st = HS_ERR_IO;
    if (f) {
        fputs("outburst,start,end,duration,peak,activation\n", f);
        for (long i = 0; i < nob; i++)
            fprintf(f, "%ld,%ld,%ld,%ld,%ld,%.0f\n", i + 1, ob[i].start, ob[i].end,
                    ob[i].end - ob[i].start + 1, ob[i].peak, ob[i].activation);
        st = hs_outdir_fclose(o, f, "outbursts.csv", err);
    }
    free(ob);
    if (st == HS_OK) st = write_json(o, "params.json", header(p, scenario, seed), err);
    if (st == HS_OK) {
        json_t *j = header(p, scenario, seed), *sj = json_object();
        int ok = 1;
        for (int i = 0; i < HS_CV_NSTATS; i++)
            json_put(sj, hs_cv_stats_name(i), num(hs_cv_stats_value(&stats, i)), &ok);
        char digest[32];
        snprintf(digest, sizeof digest, "%016llx", (unsigned long long)s->digest);
        json_put(j, "steps_run", json_integer((json_int_t)(s->n - 1)), &ok);
        json_put(j, "final_state_digest", json_string(digest), &ok);
        json_put(j, "stats", sj, &ok);
        st = write_json(o, "summary.json", json_checked(j, ok), err);
    }
    if (st != HS_OK) {
        hs_outdir_abandon(o, err ? err->message : "");
        return st;
    }
    return hs_outdir_commit(o, err);
}

/* A spread as a JSON object; NULL when out of memory. */
static json_t *spread_json(hs_cv_spread sp)
{
    json_t *e = json_pack("{s:I}", "n", (json_int_t)sp.n);
    int ok = 1;
    json_put(e, "mean", num(sp.mean), &ok);
    json_put(e, "sd", num(sp.sd), &ok);
    json_put(e, "min", num(sp.min), &ok);
    json_put(e, "median", num(sp.median), &ok);
    json_put(e, "max", num(sp.max), &ok);
    return json_checked(e, ok);
}

/* The spread of every statistic over the seeds, and with outbursts the
** pooled waits, into a new JSON object *out (NULL on failure). */
static hs_status spreads_json(const hs_cv_stats *per_seed, long nseeds,
                              hs_cv_outburst *const *outbursts, const long *noutbursts,
                              json_t **out, hs_error *err)
{
    json_t *sj = json_object();
    hs_status st = HS_OK;
    int ok = 1;
    hs_cv_spread sp;
    for (int k = 0; k < HS_CV_NSTATS && st == HS_OK; k++) {
        st = hs_cv_spread_of(per_seed, nseeds, k, &sp, err);
        if (st == HS_OK) json_put(sj, hs_cv_stats_name(k), spread_json(sp), &ok);
    }
    if (st == HS_OK && outbursts && noutbursts) {
        st = hs_cv_pooled_waits(outbursts, noutbursts, nseeds, &sp, err);
        if (st == HS_OK) json_put(sj, "pooled_waits", spread_json(sp), &ok);
    }
    if (st == HS_OK && !ok)
        st = hs_error_set(err, HS_ERR_NOMEM, "summary.json", 0, NULL, "out of memory");
    *out = json_checked(sj, st == HS_OK);
    return st;
}

/* seeds.csv: one row per seed, every statistic ("NA" where undefined). */
static hs_status write_seeds(hs_outdir *o, uint64_t seed0, long nseeds, const hs_cv_stats *per_seed,
                             hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "seeds.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("seed", f);
    for (int k = 0; k < HS_CV_NSTATS; k++)
        fprintf(f, ",%s", hs_cv_stats_name(k));
    fputc('\n', f);
    for (long i = 0; i < nseeds; i++) {
        fprintf(f, "%llu", (unsigned long long)(seed0 + (uint64_t)i));
        for (int k = 0; k < HS_CV_NSTATS; k++) {
            fputc(',', f);
            fput_value(f, hs_cv_stats_value(&per_seed[i], k));
        }
        fputc('\n', f);
    }
    return hs_outdir_fclose(o, f, "seeds.csv", err);
}

/* series_mean.csv: one row per step, the mean over seeds. */
static hs_status write_series_mean(hs_outdir *o, const hs_cv_params *p, const double *mean_series,
                                   hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "series_mean.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("step,legitimacy,mean_active,mean_jailed,mean_quiet\n", f);
    for (long t = 0; t <= p->steps; t++)
        fprintf(f, "%ld,%.6g,%.6g,%.6g,%.6g\n", t, hs_cv_params_at(p, HS_CV_P_LEGITIMACY, t),
                mean_series[3 * t], mean_series[3 * t + 1], mean_series[3 * t + 2]);
    return hs_outdir_fclose(o, f, "series_mean.csv", err);
}

/* outbursts.csv: one row per outburst per seed, with the wait before it. */
static hs_status write_outbursts(hs_outdir *o, uint64_t seed0, long nseeds,
                                 hs_cv_outburst *const *outbursts, const long *noutbursts,
                                 hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "outbursts.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("seed,outburst,start,end,duration,peak,activation,wait_before\n", f);
    for (long i = 0; i < nseeds; i++)
        for (long k = 0; k < noutbursts[i]; k++) {
            const hs_cv_outburst *b = &outbursts[i][k];
            fprintf(f, "%llu,%ld,%ld,%ld,%ld,%ld,%.0f,", (unsigned long long)(seed0 + (uint64_t)i),
                    k + 1, b->start, b->end, b->end - b->start + 1, b->peak, b->activation);
            if (k > 0)
                fprintf(f, "%ld\n", b->start - outbursts[i][k - 1].end - 1);
            else
                fputs("NA\n", f);
        }
    return hs_outdir_fclose(o, f, "outbursts.csv", err);
}

hs_status hs_cv_write_ensemble(const char *dir, const hs_cv_params *p, const char *scenario,
                               uint64_t seed0, long nseeds, const hs_cv_stats *per_seed,
                               const double *mean_series, hs_cv_outburst *const *outbursts,
                               const long *noutbursts, hs_error *err)
{
    hs_outdir o;
    hs_status st = hs_outdir_open(&o, dir, err);
    if (st != HS_OK) return st;
    return hs_cv_write_ensemble_to(&o, p, scenario, seed0, nseeds, per_seed, mean_series, outbursts,
                                   noutbursts, err);
}

hs_status hs_cv_write_ensemble_to(hs_outdir *o, const hs_cv_params *p, const char *scenario,
                                  uint64_t seed0, long nseeds, const hs_cv_stats *per_seed,
                                  const double *mean_series, hs_cv_outburst *const *outbursts,
                                  const long *noutbursts, hs_error *err)
{
    hs_status st = write_seeds(o, seed0, nseeds, per_seed, err);
    if (st == HS_OK && mean_series) st = write_series_mean(o, p, mean_series, err);
    if (st == HS_OK && outbursts && noutbursts)
        st = write_outbursts(o, seed0, nseeds, outbursts, noutbursts, err);
    if (st == HS_OK) st = write_json(o, "params.json", header(p, scenario, seed0), err);
    json_t *sj = NULL;
    if (st == HS_OK) st = spreads_json(per_seed, nseeds, outbursts, noutbursts, &sj, err);
    if (st == HS_OK) {
        json_t *j = header(p, scenario, seed0);
        int ok = 1;
        json_put(j, "seeds", json_integer((json_int_t)nseeds), &ok);
        json_put(j, "first_seed", json_integer((json_int_t)seed0), &ok);
        json_put(j, "stats", sj, &ok);
        st = write_json(o, "summary.json", json_checked(j, ok), err);
    }
    if (st != HS_OK) {
        hs_outdir_abandon(o, err ? err->message : "");
        return st;
    }
    return hs_outdir_commit(o, err);
}
