/*
** compare.c - an experiment from its file to its tables (compare.h): the plan
** (the scenario, scaled; the design's points; the journal's fingerprint), the
** runs (runner.c), the tables (tables.c), the analysis of the uncertain
** parameters (analysis.c) and the database (store.c). Also the statistics of
** paired differences that the tables use.
*/
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/checkpoint.h>
#include <humsec/compare.h>
#include <humsec/version.h>
#include <humsec/world.h>
#include "compare/compare_internal.h"

static const char *const outcome_names[HS_CMP_COUNT] = {
    "deaths", "violent_deaths", "displaced", "returned",   "armed",      "hdi_like",  "health",
    "food",   "economic",       "personal",  "legitimacy", "repression", "insecurity"};
/* 1: less is better. */
static const int lower_is_better[HS_CMP_COUNT] = {1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1};

const char *hs_cmp_outcome_name(int o)
{
    return o >= 0 && o < HS_CMP_COUNT ? outcome_names[o] : "?";
}

int hs_cmp_outcome_parse(const char *s)
{
    for (int o = 0; s && o < HS_CMP_COUNT; o++)
        if (strcmp(s, outcome_names[o]) == 0) return o;
    return -1;
}

int hs_cmp_outcome_lower_is_better(int o)
{
    return o >= 0 && o < HS_CMP_COUNT ? lower_is_better[o] : 0;
}

void cmp_put_number(FILE *f, double v)
{
    if (isnan(v))
        fputs("NA", f);
    else
        fprintf(f, "%.9g", v);
}

void hs_paired_difference(const double *a, const double *b, long n, hs_paired *out)
{
    double m = 0.0, s = 0.0;
    for (long i = 0; i < n; i++)
        m += a[i] - b[i];
    m = n > 0 ? m / (double)n : NAN;
    for (long i = 0; i < n; i++) {
        double d = a[i] - b[i] - m;
        s += d * d;
    }
    out->n = n;
    out->mean = m;
    out->sd = n > 1 ? sqrt(s / (double)(n - 1)) : NAN;
    if (n > 1) {
        double half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * out->sd / sqrt((double)n);
        out->lo = m - half;
        out->hi = m + half;
    } else {
        out->lo = out->hi = NAN;
    }
}

long hs_overtaking_day(const double *diff, long days)
{
    if (days <= 0 || diff[days - 1] == 0.0 || isnan(diff[days - 1])) return -1;
    int sign = diff[days - 1] > 0.0;
    long d = days - 1;
    while (d > 0 && (diff[d - 1] > 0.0) == sign && diff[d - 1] != 0.0)
        d--;
    return d;
}

/* What makes the runs what they are: the experiment file, the scenario file, the
** resolved parameters and humsec's version. (A change to a scenario's CSV tables
** alone is not seen: start afresh then - `humsec compare --fresh`.) */
static uint64_t fingerprint(const cmp_plan *p)
{
    uint64_t h = HS_FNV_START;
    h = hs_fnv_file(h, p->x->path);
    h = hs_fnv_file(h, p->x->scenario);
    h = hs_fnv(h, hs_version(), strlen(hs_version()));
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (m) {
        hs_world_params_write(&p->sc->params, m);
        fclose(m);
        h = hs_fnv(h, buf, len);
    }
    free(buf);
    return h;
}

static void plan_free(cmp_plan *p)
{
    if (p->sc) hs_world_scenario_free(p->sc);
    free(p->u), free(p->val), free(p->journal), free(p->at), free(p->step_day);
    free(p->series), free(p->walls), free(p->armday);
    memset(p, 0, sizeof *p);
}

static hs_status plan_make(cmp_plan *p, const hs_experiment *x, const char *dir, hs_error *err)
{
    memset(p, 0, sizeof *p);
    p->x = x;
    hs_status st = x->scenario ? hs_world_scenario_load(&p->sc, x->scenario, err)
                               : hs_world_scenario_default(&p->sc, err);
    if (st != HS_OK) return st;
    hs_world_scenario *sc = p->sc;
    if (x->scale != 1.0) {
        for (int l = 0; l < sc->geo.nloc; l++) {
            sc->people[l] = floor(sc->people[l] * x->scale);
            sc->capacity[l] = floor(sc->capacity[l] * x->scale);
        }
        for (int k = 0; k < sc->nevents; k++)
            if (sc->events[k].type == HS_EV_EPIDEMIC) sc->events[k].intensity *= x->scale;
    }
    p->days = x->days > 0 ? x->days : sc->days;
    if (x->state[0]) {
        p->state = -1;
        for (int s = 0; s < sc->nstates; s++)
            if (strcmp(sc->states[s].name, x->state) == 0) p->state = s;
        if (p->state < 0)
            return hs_error_set(err, HS_ERR_INVALID, x->path, 0, "state",
                                "the scenario has no state '%s'", x->state);
    }
    if (x->horizons[x->nhorizons - 1] > p->days)
        return hs_error_set(err, HS_ERR_INVALID, x->path, 0, "horizons",
                            "the last horizon (day %ld) is after the runs end (day %ld)",
                            x->horizons[x->nhorizons - 1], p->days);
    for (int j = 0; j < x->nparams; j++)
        if (strcmp(x->params[j].name, "budget") == 0 && sc->ndonors == 0)
            return hs_error_set(err, HS_ERR_INVALID, x->path, 0, "uncertain.parameters",
                                "'budget' is uncertain but the scenario has no donor");
    p->npoints = hs_experiment_points(x);
    p->nruns = hs_experiment_runs(x);
    int k = x->nparams;
    /* The series: about a point a week over a year, every tenth day over ten. */
    long step = p->days <= 400 ? 1 : (p->days + 364) / 365;
    p->nsteps = (p->days + step - 1) / step;
    size_t nr = (size_t)p->nruns;
    p->u = malloc((size_t)p->npoints * (size_t)(k > 0 ? k : 1) * sizeof *p->u);
    p->val = malloc((size_t)p->npoints * (size_t)(k > 0 ? k : 1) * sizeof *p->val);
    p->at = malloc(nr * HS_CMP_COUNT * (size_t)x->nhorizons * sizeof *p->at);
    p->step_day = malloc((size_t)p->nsteps * sizeof *p->step_day);
    p->series = malloc(nr * HS_CMP_COUNT * (size_t)p->nsteps * sizeof *p->series);
    p->walls = malloc(nr * sizeof *p->walls);
    p->armday = calloc((size_t)x->narms * HS_CMP_COUNT * (size_t)p->days, sizeof *p->armday);
    p->journal = malloc(strlen(dir) + sizeof ".journal");
    if (!p->u || !p->val || !p->at || !p->step_day || !p->series || !p->walls || !p->armday ||
        !p->journal)
        return hs_error_set(err, HS_ERR_NOMEM, x->path, 0, NULL,
                            "out of memory for %ld runs of %ld days", p->nruns, p->days);
    sprintf(p->journal, "%s.journal", dir);
    for (long s = 0; s < p->nsteps; s++)
        p->step_day[s] = (s + 1) * step < p->days ? (s + 1) * step : p->days;
    if (k > 0) {
        st = hs_design_points(x->design, k, x->samples, x->levels, x->seed0, p->u, err);
        if (st != HS_OK) return st;
        for (long i = 0; i < p->npoints; i++)
            for (int j = 0; j < k; j++)
                p->val[i * k + j] = hs_param_value(&x->params[j], p->u[i * k + j]);
    }
    p->fingerprint = fingerprint(p);
    return HS_OK;
}

hs_status hs_experiment_run(const hs_experiment *x, hs_outdir *o, int threads,
                            hs_cmp_progress *progress, hs_error *err)
{
    cmp_plan p;
    hs_status st = plan_make(&p, x, o->dir, err);
    if (st == HS_OK) st = cmp_runs(&p, threads, progress, err);
    if (st == HS_OK) st = cmp_write_tables(&p, o, err);
    if (st == HS_OK) st = cmp_write_analysis(&p, o, err);
    if (st == HS_OK) {
        static const char *const tables[] = {"runs",   "outcomes",    "effects",
                                             "series", "sensitivity", "prim"};
        st = cmp_store(o, "results.sqlite", tables, x->nparams > 0 ? 6 : 4, err);
    }
    plan_free(&p);
    return st;
}
