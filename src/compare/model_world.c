/*
** model_world.c - the human security world as the base of an experiment
** (compare_internal.h): the scenario (a file or the embedded default), scaled;
** each run's scenario from it; the outcomes of the focus state's own people,
** wherever they are, and of its territory.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "compare/compare_internal.h"

static hs_status world_load(cmp_plan *p, hs_error *err)
{
    const hs_experiment *x = p->x;
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
    if (p->days < 0) p->days = sc->days;
    if (x->state[0]) {
        p->state = -1;
        for (int s = 0; s < sc->nstates; s++)
            if (strcmp(sc->states[s].name, x->state) == 0) p->state = s;
        if (p->state < 0)
            return hs_error_set(err, HS_ERR_INVALID, x->path, 0, "state",
                                "the scenario has no state '%s'", x->state);
    }
    p->focus = sc->states[p->state].name;
    int budget = 0;
    for (int j = 0; j < x->nparams; j++)
        budget |= strcmp(x->params[j].name, "budget") == 0;
    for (int k = 0; k < x->narms; k++) {
        budget |= x->arms[k].budget >= 0 || x->arms[k].doctrine > HS_DOCTRINE_NONE;
        for (int j = 0; j < x->arms[k].nset; j++)
            budget |= strcmp(x->arms[k].set_name[j], "budget") == 0;
    }
    if (budget && sc->ndonors == 0)
        return hs_error_set(err, HS_ERR_INVALID, x->path, 0, NULL,
                            "a doctrine or budget is set but the scenario has no donor");
    return HS_OK;
}

static void world_unload(cmp_plan *p)
{
    if (p->sc) hs_world_scenario_free(p->sc);
    p->sc = NULL;
}

/* A parameter of a run's scenario: "budget" is every donor's. */
static hs_status world_set(void *obj, const char *name, double v, hs_error *err)
{
    hs_world_scenario *sc = obj;
    if (strcmp(name, "budget") != 0) return hs_world_params_set(&sc->params, name, v, err);
    for (int d = 0; d < sc->ndonors; d++)
        sc->donors[d].budget = v;
    return HS_OK;
}

/* Outcome o of a state's record, with the running totals it needs. */
static double outcome_of(int o, const hs_world_record *r, const hs_world_record *t, double deaths,
                         double violent)
{
    switch (o) {
    case HS_CMP_DEATHS:
        return deaths;
    case HS_CMP_VIOLENT_DEATHS:
        return violent;
    case HS_CMP_DISPLACED:
        return (double)(r->people[HS_PS_DISPLACED] + r->people[HS_PS_REFUGEE] +
                        r->people[HS_PS_CAMP]);
    case HS_CMP_RETURNED:
        return (double)r->people[HS_PS_RETURNED];
    case HS_CMP_ARMED:
        return (double)r->people[HS_PS_ARMED];
    case HS_CMP_HDI_LIKE:
        return r->hdi_like;
    case HS_CMP_HEALTH:
        return r->mean[HS_DIM_HEALTH];
    case HS_CMP_FOOD:
        return r->mean[HS_DIM_FOOD];
    case HS_CMP_ECONOMIC:
        return r->mean[HS_DIM_ECONOMIC];
    case HS_CMP_PERSONAL:
        return r->mean[HS_DIM_PERSONAL];
    case HS_CMP_LEGITIMACY:
        return t->legitimacy;
    case HS_CMP_REPRESSION:
        return t->repression;
    case HS_CMP_INSECURITY:
        return t->threat;
    }
    return NAN;
}

static hs_status world_run(const cmp_plan *p, long run, int threads, double *v, hs_error *err)
{
    const hs_experiment *x = p->x;
    hs_world_scenario sc = *p->sc; /* a shallow copy: only values change (donors, parameters) */
    hs_status st = cmp_apply(p, run, world_set, &sc, err);
    if (st != HS_OK) return st;
    const hs_cmp_arm *a = &x->arms[cmp_arm_of(x, run)];
    if (a->doctrine >= 0) hs_world_scenario_set_doctrine(&sc, a->doctrine);
    if (a->budget >= 0) world_set(&sc, "budget", a->budget, err);
    hs_world_sim *sim;
    uint64_t seed = x->seed0 + (uint64_t)cmp_rep_of(x, run);
    if ((st = hs_world_sim_create(&sim, &sc, seed, err)) != HS_OK) return st;
    hs_world_sim_set_threads(sim, threads);
    st = hs_world_sim_run(sim, p->days, NULL, NULL, err);
    if (st == HS_OK) {
        double deaths = 0.0, violent = 0.0;
        size_t days = (size_t)p->days;
        for (long d = 0; d < p->days; d++) {
            const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, p->state, d);
            const hs_world_record *t = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, p->state, d);
            for (int c = 0; c < HS_DEATH_COUNT; c++)
                deaths += (double)r->deaths[c];
            violent += (double)(r->deaths[HS_DEATH_VIOLENCE] + r->deaths[HS_DEATH_REPRESSION]);
            for (int o = 0; o < HS_CMP_COUNT; o++)
                v[(size_t)o * days + (size_t)d] = outcome_of(o, r, t, deaths, violent);
        }
    }
    hs_world_sim_free(sim);
    return st;
}

static int world_base_value(const cmp_plan *p, const char *name, double *v)
{
    if (strcmp(name, "budget") != 0) return hs_world_params_get(&p->sc->params, name, v);
    if (p->sc->ndonors == 0) return -1;
    *v = p->sc->donors[0].budget;
    return 0;
}

static void world_describe(const cmp_plan *p, FILE *f, int fingerprint)
{
    (void)fingerprint; /* the scenario's tables are not in it: compare --fresh */
    hs_world_params_write(&p->sc->params, f);
}

const cmp_model cmp_model_world = {world_load,       world_unload,   world_run,
                                   world_base_value, world_describe, NULL};
