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
#include <humsec/table.h>
#include <humsec/version.h>
#include "compare/compare_internal.h"

/* Each model's outcomes in the order of its runs' records: name, 1 when less is
** better, and what it measures (the report's axes). */
typedef struct outcome_def {
    const char *name;
    int lower_is_better;
    const char *unit;
} outcome_def;

static const outcome_def world_outcomes[] = {
    {"deaths", 1, "deaths since day 0 (all causes)"},
    {"violent_deaths", 1, "violent deaths since day 0"},
    {"displaced", 1, "people uprooted (displaced, abroad, camps)"},
    {"returned", 0, "people back home"},
    {"armed", 1, "people in armed groups"},
    {"hdi_like", 0, "HDI-like index (0-1)"},
    {"health", 0, "mean health security (0-1)"},
    {"food", 0, "mean food security (0-1)"},
    {"economic", 0, "mean economic security (0-1)"},
    {"personal", 0, "mean personal security (0-1)"},
    {"legitimacy", 0, "the state's legitimacy (0-1)"},
    {"repression", 1, "the state's repression (0-1)"},
    {"insecurity", 1, "the state's insecurity (0-1)"},
    {NULL, 0, NULL},
};
/* Fewer uprooted, more of them in a camp's protection, fewer on the road, and
** counts closer to UNHCR's are better. */
static const outcome_def flight_outcomes[] = {
    {"people", 1, "displaced people in the run"},
    {"in_camps", 0, "people in the case's camps"},
    {"travelling", 1, "people on a route at the end of the day"},
    {"ard", 1, "ARD against UNHCR's camp counts that day"},
    {"ard_rescaled", 1, "rescaled ARD against UNHCR's camp counts that day"},
    {"ard_mean", 1, "mean ARD from the first day to that day"},
    {NULL, 0, NULL},
};
static const outcome_def cv_outcomes[] = {
    {"active", 1, "active citizens (rebels)"},
    {"jailed", 1, "citizens in jail"},
    {"quiet", 0, "quiet citizens"},
    {"arrests", 1, "arrests since step 0"},
    {"outbursts", 1, "outbursts begun since step 0"},
    {"kills", 1, "citizens killed since step 0 (Model II)"},
    {"blue", 0, "living Blue citizens (Model II)"},
    {"green", 0, "living Green citizens (Model II)"},
    {NULL, 0, NULL},
};

static const outcome_def *outcomes_of(int model)
{
    switch (model) {
    case HS_MODEL_WORLD:
        return world_outcomes;
    case HS_MODEL_FLIGHT:
        return flight_outcomes;
    case HS_MODEL_CIVIL_VIOLENCE:
        return cv_outcomes;
    }
    return NULL;
}

int hs_cmp_outcome_count(int model)
{
    const outcome_def *d = outcomes_of(model);
    int n = 0;
    while (d && d[n].name)
        n++;
    return n;
}

const char *hs_cmp_outcome_name(int model, int o)
{
    return o >= 0 && o < hs_cmp_outcome_count(model) ? outcomes_of(model)[o].name : "?";
}

int hs_cmp_outcome_parse(int model, const char *s)
{
    int n = hs_cmp_outcome_count(model);
    for (int o = 0; s && o < n; o++)
        if (strcmp(s, outcomes_of(model)[o].name) == 0) return o;
    return -1;
}

int hs_cmp_outcome_lower_is_better(int model, int o)
{
    return o >= 0 && o < hs_cmp_outcome_count(model) ? outcomes_of(model)[o].lower_is_better : 0;
}

const char *hs_cmp_outcome_unit(const char *name)
{
    static const int models[] = {HS_MODEL_WORLD, HS_MODEL_FLIGHT, HS_MODEL_CIVIL_VIOLENCE};
    for (size_t m = 0; m < sizeof models / sizeof *models; m++) {
        int o = hs_cmp_outcome_parse(models[m], name);
        if (o >= 0) return outcomes_of(models[m])[o].unit;
    }
    return name;
}

int hs_cmp_param_range(int model, const char *name, double *min, double *max)
{
    switch (model) {
    case HS_MODEL_WORLD:
        if (name && strcmp(name, "budget") == 0) {
            *min = 0.0;
            *max = HS_CMP_BUDGET_MAX;
            return 0;
        }
        return hs_world_params_range(name, min, max);
    case HS_MODEL_FLIGHT:
        return hs_flight_settings_range(name, min, max);
    case HS_MODEL_CIVIL_VIOLENCE:
        return hs_cv_params_range(name, min, max);
    }
    return -1;
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

void cmp_put_focus(FILE *f, const char *focus)
{
    if (focus)
        hs_csv_put_text(f, focus);
    else
        fputs("NA", f);
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

hs_status cmp_apply(const cmp_plan *p, long run, cmp_setter set, void *obj, hs_error *err)
{
    const hs_experiment *x = p->x;
    long point = cmp_point_of(x, run);
    for (int j = 0; j < x->nparams; j++) {
        hs_status st = set(obj, x->params[j].name, p->val[point * x->nparams + j], err);
        if (st != HS_OK) return st;
    }
    const hs_cmp_arm *a = &x->arms[cmp_arm_of(x, run)];
    for (int j = 0; j < a->nset; j++) {
        hs_status st = set(obj, a->set_name[j], a->set_value[j], err);
        if (st != HS_OK) return st;
    }
    return HS_OK;
}

double cmp_value_in_run(const cmp_plan *p, long run, const char *name)
{
    const hs_experiment *x = p->x;
    const hs_cmp_arm *a = &x->arms[cmp_arm_of(x, run)];
    if (strcmp(name, "budget") == 0 && a->budget >= 0) return a->budget;
    for (int j = a->nset - 1; j >= 0; j--)
        if (strcmp(a->set_name[j], name) == 0) return a->set_value[j];
    for (int j = 0; j < x->nparams; j++)
        if (strcmp(x->params[j].name, name) == 0)
            return p->val[cmp_point_of(x, run) * x->nparams + j];
    double v = NAN;
    return p->model->base_value(p, name, &v) == 0 ? v : NAN;
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
        p->model->describe(p, m, 1);
        fclose(m);
        h = hs_fnv(h, buf, len);
    }
    free(buf);
    return h;
}

static void plan_free(cmp_plan *p)
{
    if (p->model) p->model->unload(p);
    free(p->u), free(p->val), free(p->journal), free(p->at), free(p->step_day);
    free(p->series), free(p->walls), free(p->armday);
    memset(p, 0, sizeof *p);
}

static const cmp_model *model_of(int model)
{
    switch (model) {
    case HS_MODEL_FLIGHT:
        return &cmp_model_flight;
    case HS_MODEL_CIVIL_VIOLENCE:
        return &cmp_model_cv;
    default:
        return &cmp_model_world;
    }
}

static hs_status plan_make(cmp_plan *p, const hs_experiment *x, const char *dir, hs_error *err)
{
    memset(p, 0, sizeof *p);
    p->x = x;
    p->model = model_of(x->model);
    p->noutcomes = hs_cmp_outcome_count(x->model);
    p->outcomes = x->outcomes;
    p->days = x->days;
    hs_status st = p->model->load(p, err);
    if (st != HS_OK) return st;
    if (x->horizons[x->nhorizons - 1] > p->days)
        return hs_error_set(err, HS_ERR_INVALID, x->path, 0, "horizons",
                            "the last horizon (day %ld) is after the runs end (day %ld)",
                            x->horizons[x->nhorizons - 1], p->days);
    p->npoints = hs_experiment_points(x);
    p->nruns = hs_experiment_runs(x);
    int k = x->nparams;
    /* The series: about a point a week over a year, every tenth day over ten. */
    long step = p->days <= 400 ? 1 : (p->days + 364) / 365;
    p->nsteps = (p->days + step - 1) / step;
    size_t nr = (size_t)p->nruns, no = (size_t)p->noutcomes;
    p->u = malloc((size_t)p->npoints * (size_t)(k > 0 ? k : 1) * sizeof *p->u);
    p->val = malloc((size_t)p->npoints * (size_t)(k > 0 ? k : 1) * sizeof *p->val);
    p->at = malloc(nr * no * (size_t)x->nhorizons * sizeof *p->at);
    p->step_day = malloc((size_t)p->nsteps * sizeof *p->step_day);
    p->series = malloc(nr * no * (size_t)p->nsteps * sizeof *p->series);
    p->walls = malloc(nr * sizeof *p->walls);
    p->armday = calloc((size_t)x->narms * no * (size_t)p->days, sizeof *p->armday);
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
        for (int j = 0; j < k; j++) {
            double lo, hi;
            int whole = hs_cmp_param_range(x->model, x->params[j].name, &lo, &hi) == 1;
            for (long i = 0; i < p->npoints; i++) {
                double v = hs_param_value(&x->params[j], p->u[i * k + j]);
                /* A whole-number parameter (a jail term, a vision level): the nearest
                ** whole number inside the sampled range. */
                if (whole) {
                    v = round(v);
                    if (v < ceil(x->params[j].low)) v = ceil(x->params[j].low);
                    if (v > floor(x->params[j].high)) v = floor(x->params[j].high);
                }
                p->val[i * k + j] = v;
            }
        }
    }
    p->fingerprint = fingerprint(p);
    return HS_OK;
}

hs_status hs_experiment_run(const hs_experiment *x, hs_outdir *o, int threads,
                            hs_cmp_progress *progress, hs_error *err)
{
    return hs_experiment_run_ranks(x, o->dir, o, NULL, threads, progress, err);
}

hs_status hs_experiment_run_ranks(const hs_experiment *x, const char *dir, hs_outdir *o,
                                  hs_ranks *r, int threads, hs_cmp_progress *progress,
                                  hs_error *err)
{
    cmp_plan p;
    /* Every rank reads the same base, so all fail or none; agreed all the same. */
    hs_status st = hs_ranks_agree(r, plan_make(&p, x, dir, err), err);
    if (st == HS_OK) st = cmp_runs(&p, r, threads, progress, err);
    if (st == HS_OK && hs_ranks_rank(r) == 0) {
        st = cmp_write_tables(&p, o, err);
        if (st == HS_OK) st = cmp_write_analysis(&p, o, err);
        if (st == HS_OK && p.model->write) st = p.model->write(&p, o, err);
        if (st == HS_OK) {
            static const char *const tables[] = {"runs",   "outcomes",    "effects",
                                                 "series", "sensitivity", "prim"};
            st = cmp_store(o, "results.sqlite", tables, x->nparams > 0 ? 6 : 4, err);
        }
    }
    st = hs_ranks_agree(r, st, err);
    plan_free(&p);
    return st;
}
