/*
** model_cv.c - a civil-violence scenario as the base of an experiment
** (compare_internal.h): Epstein's lattice with the scenario's parameters, each
** run's parameters set by name and checked whole; the outcomes of the lattice
** each step (a step is the experiment's "day"). A Model I experiment leaves
** out Model II's outcomes (kills, blue, green).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/table.h>
#include "compare/compare_internal.h"

enum { CV_ACTIVE, CV_JAILED, CV_QUIET, CV_ARRESTS, CV_OUTBURSTS, CV_KILLS, CV_BLUE, CV_GREEN };

static hs_status cv_load(cmp_plan *p, hs_error *err)
{
    p->cv = calloc(1, sizeof *p->cv);
    if (!p->cv) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_status st = hs_cv_scenario_load(p->x->scenario, p->cv, err);
    if (st != HS_OK) return st;
    if (p->days < 0) p->days = p->cv->steps;
    p->focus = p->cv->name;
    if (p->cv->model == 1) p->outcomes &= ~(1u << CV_KILLS | 1u << CV_BLUE | 1u << CV_GREEN);
    return HS_OK;
}

static void cv_unload(cmp_plan *p)
{
    free(p->cv);
    p->cv = NULL;
}

static hs_status cv_set(void *obj, const char *name, double v, hs_error *err)
{
    return hs_cv_params_set(obj, name, v, err);
}

static hs_status cv_run(const cmp_plan *p, long run, int threads, double *v, hs_error *err)
{
    hs_cv_params q = *p->cv;
    hs_status st = cmp_apply(p, run, cv_set, &q, err);
    if (st != HS_OK) return st;
    q.steps = p->days;
    if ((st = hs_cv_params_check(&q, err)) != HS_OK) return st;
    hs_cv_series s;
    uint64_t seed = p->x->seed0 + (uint64_t)cmp_rep_of(p->x, run);
    if ((st = hs_cv_run(&q, seed, threads, &s, err)) != HS_OK) return st;
    size_t days = (size_t)p->days;
    double arrests = 0.0, outbursts = 0.0, kills = 0.0;
    for (long d = 0; d < p->days; d++) {
        /* Row 0 is the lattice before the first step. */
        const hs_cv_counts *c = &s.rows[d + 1 < s.n ? d + 1 : s.n - 1];
        const hs_cv_counts *b = &s.rows[d < s.n ? d : s.n - 1];
        arrests += (double)c->arrests;
        kills += (double)c->kills;
        outbursts += c->active > q.outburst_threshold && b->active <= q.outburst_threshold;
        const double row[] = {(double)c->active, (double)c->jailed, (double)c->quiet,
                              arrests,           outbursts,         kills,
                              (double)c->blue,   (double)c->green};
        for (size_t o = 0; o < sizeof row / sizeof *row; o++)
            v[o * days + (size_t)d] = row[o];
    }
    hs_cv_series_free(&s);
    return HS_OK;
}

static int cv_base_value(const cmp_plan *p, const char *name, double *v)
{
    return hs_cv_params_get(p->cv, name, v);
}

/* As a scenario file has them (scenarios/civil-violence/). */
static void cv_describe(const cmp_plan *p, FILE *f, int fingerprint)
{
    (void)fingerprint; /* the scenario file is all of it */
    const hs_cv_params *c = p->cv;
    static const char *const keys[] = {
        "citizen_density", "cop_density",   "vision",        "legitimacy",    "k",
        "threshold",       "max_jail_term", "decide_rounds", "citizens_move", "blue_share",
        "max_age",         "reproduction"};
    char num[32];
    fprintf(f, "variant: %d\nwidth: %ld\nheight: %ld\nvision_shape: %s\nrounding: %s\njail: %s\n",
            c->model, c->width, c->height, hs_cv_vision_name(c->vision_shape),
            hs_cv_rounding_name(c->rounding), hs_cv_jail_name(c->jail));
    fprintf(f, "self_counted_twice: %s\noutburst_threshold: %ld\nburn_in: %ld\n",
            c->self_counted_twice ? "true" : "false", c->outburst_threshold, c->burn_in);
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        double v = NAN;
        hs_cv_params_get(c, keys[k], &v);
        if (strcmp(keys[k], "citizens_move") == 0)
            fprintf(f, "%s: %s\n", keys[k], v != 0.0 ? "true" : "false");
        else
            fprintf(f, "%s: %s\n", keys[k], hs_format_double(num, sizeof num, v));
    }
    if (c->nchanges > 0) fputs("schedule:\n", f);
    for (int k = 0; k < c->nchanges; k++)
        fprintf(f, "  - {param: %s, start: %ld, end: %ld, to: %s}\n",
                hs_cv_param_name(c->changes[k].param), c->changes[k].start, c->changes[k].end,
                hs_format_double(num, sizeof num, c->changes[k].to));
}

const cmp_model cmp_model_cv = {cv_load, cv_unload, cv_run, cv_base_value, cv_describe, NULL};
