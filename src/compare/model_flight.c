/*
** model_flight.c - a Flee case folder as the base of an experiment
** (compare_internal.h): the case and its settings read once, as `humsec
** validate` reads them; each run's rules from those settings; the outcomes of
** the whole case each day, its error against UNHCR's camp counts included.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "compare/compare_internal.h"

static hs_status flight_load(cmp_plan *p, hs_error *err)
{
    const hs_experiment *x = p->x;
    p->fc = calloc(1, sizeof *p->fc);
    p->fs = calloc(1, sizeof *p->fs);
    if (!p->fc || !p->fs) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_status st = hs_flight_case_open(p->fc, p->fs, x->scenario, x->settings, NULL, 1, err);
    if (st != HS_OK) {
        free(p->fc);
        p->fc = NULL;
        return st;
    }
    if (p->days < 0) p->days = p->fc->days;
    p->focus = p->fc->name;
    return HS_OK;
}

static void flight_unload(cmp_plan *p)
{
    if (p->fc) hs_flight_case_free(p->fc);
    free(p->fc), free(p->fs);
    p->fc = NULL;
    p->fs = NULL;
}

static hs_status flight_set(void *obj, const char *name, double v, hs_error *err)
{
    return hs_flight_settings_set(obj, name, v, err);
}

static hs_status flight_run(const cmp_plan *p, long run, int threads, double *v, hs_error *err)
{
    hs_flight_settings s = *p->fs;
    hs_status st = cmp_apply(p, run, flight_set, &s, err);
    if (st != HS_OK) return st;
    hs_flight_sim *sim;
    uint64_t seed = p->x->seed0 + (uint64_t)cmp_rep_of(p->x, run);
    if ((st = hs_flight_sim_create(&sim, p->fc, &s, seed, err)) != HS_OK) return st;
    hs_flight_sim_set_threads(sim, threads);
    st = hs_flight_sim_run(sim, p->days, NULL, NULL, err);
    if (st == HS_OK) {
        size_t days = (size_t)p->days;
        double ard_sum = 0.0;
        long ard_days = 0;
        for (long d = 0; d < p->days; d++) {
            const hs_flight_day *t = hs_flight_sim_day(sim, d);
            if (!isnan(t->ard)) {
                ard_sum += t->ard;
                ard_days++;
            }
            const double row[] = {
                (double)t->people,     (double)t->camp_people,
                (double)t->travelling, t->ard,
                t->ard_rescaled,       ard_days > 0 ? ard_sum / (double)ard_days : NAN};
            for (size_t o = 0; o < sizeof row / sizeof *row; o++)
                v[o * days + (size_t)d] = row[o];
        }
    }
    hs_flight_sim_free(sim);
    return st;
}

static int flight_base_value(const cmp_plan *p, const char *name, double *v)
{
    return hs_flight_settings_get(p->fs, name, v);
}

/* The settings, and the case as read (its populations, capacities and
** conflicts): a case folder is not one file whose bytes the fingerprint reads. */
static void flight_describe(const cmp_plan *p, FILE *f, int fingerprint)
{
    const hs_flight_case *c = p->fc;
    hs_flight_settings_write(p->fs, f);
    if (!fingerprint) return;
    fprintf(f, "case: %s\ndays: %ld\nstart: %ld\nlocations: %d\n", c->name, c->days, c->start_date,
            c->geo->nloc);
    for (int l = 0; l < c->geo->nloc; l++)
        fprintf(f, "%d %.17g %.17g %.17g %ld\n", l, c->population[l], c->capacity[l],
                c->intensity[l], c->conflict_date[l]);
    if (c->conflict_value)
        fwrite(c->conflict_value, sizeof *c->conflict_value,
               (size_t)c->conflict_rows * (size_t)c->nconflict, f);
    for (int k = 0; k < c->nclosures; k++)
        fprintf(f, "closure %d %d %d %ld %ld\n", (int)c->closures[k].type, c->closures[k].a,
                c->closures[k].b, c->closures[k].start, c->closures[k].end);
    for (int k = 0; k < c->ncamps; k++)
        for (int i = 0; i < c->camp_series[k].n; i++)
            fprintf(f, "camp %d %.17g %.17g\n", c->camp_loc[k], c->camp_series[k].day[i],
                    c->camp_series[k].value[i]);
}

/* What was accepted of the case as Flee accepts it, and the choices made
** (settings, a base case's series): warnings.txt, as `humsec run` writes it. */
static hs_status flight_write(const cmp_plan *p, hs_outdir *o, hs_error *err)
{
    return p->fc->nwarnings > 0 ? hs_flight_case_write_warnings(p->fc, o, "warnings.txt", err)
                                : HS_OK;
}

const cmp_model cmp_model_flight = {flight_load,       flight_unload,   flight_run,
                                    flight_base_value, flight_describe, flight_write};
