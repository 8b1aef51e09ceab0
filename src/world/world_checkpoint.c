/*
** world_checkpoint.c - a human security world's whole state into a
** checkpoint and back, and runs that write one every N days and go on from it
** (world.h "Checkpoints"; checkpoint.h).
**
** What is saved is everything a day reads from the days before it: the day and
** the run's counters; every person's levels, status, group, birth and death
** days, endowment, risk aversion, disease, flags, jail term and home state; per
** place and per state every number of the run (violence, services, ERW,
** tension, economies, military stocks, legitimacy, baselines, ...), the wars
** and their log, the donors' rates, capacities, balances, ledger, the forces
** and the mine-ban treaty; yesterday's sums of the people pass (which today's
** states and places read); the record of every day so far; and, last, the
** hosted flight process (hs_flight_sim_save). What the run builds from the
** scenario alone (demography, endowment multipliers, the log table, the
** schedule) is built again when the run is created.
**
** Every per-place and per-state number is saved, not only those known to carry
** over from one day to the next: a number that a day recomputes costs a few
** bytes, and one wrongly judged scratch would break byte identity silently.
** Structs are saved field by field where they have padding or pointers (the
** ledger, the wars' log), whole where they are plain numbers.
*/
#include <humsec/checkpoint.h>
#include <humsec/version.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "world/world_internal.h"

/* ---- fingerprint --------------------------------------------------------- */

#define H(x) (h = hs_fnv(h, &(x), sizeof(x)))

static uint64_t fnv_array(uint64_t h, const void *a, size_t bytes)
{
    return a ? hs_fnv(h, a, bytes) : hs_fnv(h, "-", 1);
}

static uint64_t fnv_params(uint64_t h, const hs_world_params *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) return hs_fnv(h, "-", 1);
    hs_world_params_write(p, f); /* every number to the digit that reads it back */
    fclose(f);
    h = hs_fnv(h, text, len);
    free(text);
    return h;
}

static uint64_t fnv_state(uint64_t h, const hs_world_state *s)
{
    h = hs_fnv_str(h, s->name);
    H(s->economy), H(s->tax), H(s->military_share), H(s->legitimacy), H(s->repression);
    H(s->cohesion), H(s->police), H(s->services), H(s->life_expectancy), H(s->birth_rate);
    h = hs_fnv_str(h, s->iso3);
    H(s->regime), H(s->mine_ban), H(s->nrivals), H(s->rivals), H(s->nallies), H(s->allies);
    H(s->trade), H(s->group_share);
    return h;
}

static uint64_t fnv_donor(uint64_t h, const hs_world_donor *d)
{
    h = hs_fnv_str(h, d->name);
    H(d->doctrine), H(d->budget), H(d->recipients), H(d->share), H(d->custom);
    h = hs_fnv_str(h, d->coalition);
    H(d->exposure), H(d->start), H(d->end);
    return h;
}

uint64_t hs_world_fingerprint(const hs_world_scenario *sc, uint64_t seed, long days)
{
    size_t n = (size_t)sc->geo.nloc;
    uint64_t h = hs_fnv_str(HS_FNV_START, "human_security");
    h = hs_fnv_str(h, sc->name);
    h = hs_fnv_str(h, sc->path);
    if (sc->path) h = hs_fnv_file(h, sc->path);
    H(sc->start_date), H(sc->days), H(sc->nstates);
    for (int s = 0; s < sc->nstates; s++)
        h = fnv_state(h, &sc->states[s]);
    H(sc->ngroups);
    for (int g = 0; g < sc->ngroups; g++)
        h = hs_fnv_str(h, sc->groups[g]);
    h = hs_fnv_geo(h, &sc->geo);
    h = fnv_array(h, sc->people, n * sizeof *sc->people);
    h = fnv_array(h, sc->capacity, n * sizeof *sc->capacity);
    h = fnv_array(h, sc->services, n * sizeof *sc->services);
    h = fnv_array(h, sc->erw, n * sizeof *sc->erw);
    h = fnv_array(h, sc->hazard, n * sizeof *sc->hazard);
    h = fnv_array(h, sc->group, n * sizeof *sc->group);
    h = fnv_array(h, sc->people_by_group, n * HS_WORLD_MAX_GROUPS * sizeof(double));
    H(sc->nevents);
    for (int k = 0; k < sc->nevents; k++) {
        const hs_world_event *e = &sc->events[k];
        H(e->type), H(e->start), H(e->end), H(e->state), H(e->state_b), H(e->loc);
        H(e->intensity);
    }
    H(sc->ndonors);
    for (int d = 0; d < sc->ndonors; d++)
        h = fnv_donor(h, &sc->donors[d]);
    H(sc->nflee_closures); /* a region's closures of places, links and camps */
    for (int k = 0; k < sc->nflee_closures; k++) {
        const hs_closure *cl = &sc->flee_closures[k];
        int64_t v[5] = {cl->type, cl->a, cl->b, cl->start, cl->end};
        H(v);
    }
    h = fnv_params(h, &sc->params);
    H(seed);
    int64_t length = days < 0 ? sc->days : days;
    H(length);
    return hs_fnv_str(h, hs_version());
}
#undef H

/* ---- what is saved ------------------------------------------------------- */

typedef struct world_scalars {
    int64_t day, settled, initial_people, births, n, cap, cap_days;
    int64_t nwars, ninterventions, nledger, aid_from, ban_in_force;
    double agent_days, aid_unit;
    int32_t nloc, nstates, ndonors, ngroups;
} world_scalars;

/* The wars' log, with the reason a war ended as an index into war_ends. */
typedef struct war_fields {
    int64_t attacker, defender, start, end, ended_by;
} war_fields;
static const char *const war_ends[] = {"defeat", "mediation", "settlement"};
#define NWAR_ENDS ((int)(sizeof war_ends / sizeof *war_ends))

typedef struct ledger_fields {
    int64_t from, to, donor, channel, unit;
    double amount;
} ledger_fields;

/* The per-place and per-state arrays of doubles, by their place in the run. */
#define F(field) offsetof(hs_world_sim, field)
static const size_t loc_doubles[] = {
    F(ref_people), F(violence),   F(ext_conflict), F(drought),   F(seed_n),   F(infra),
    F(erw),        F(provision),  F(tension),      F(arrest),    F(arrest_p), F(infect),
    F(seed_p),     F(p_violence), F(p_erw),        F(p_disease), F(school),   F(p_maternal),
    F(degraded),   F(funded),     F(p_ddr),        F(raid)};
static const size_t state_doubles[] = {
    F(economy),  F(econ_mult), F(budget), F(military),  F(military0), F(repression), F(legitimacy),
    F(cohesion), F(threat),    F(want0),  F(atkinson0), F(weakness0), F(dev0),       F(atkinson),
    F(pop),      F(want),      F(unrest), F(external0), F(weak_prev), F(rep_floor),  F(labour),
    F(labour0),  F(natpop0),   F(output), F(natpop),    F(stock),     F(stock0),     F(assure)};
#undef F
#define NLOC_DOUBLES (sizeof loc_doubles / sizeof *loc_doubles)
#define NSTATE_DOUBLES (sizeof state_doubles / sizeof *state_doubles)

static double *field_at(const hs_world_sim *sim, size_t offset)
{
    return *(double *const *)((const char *)sim + offset);
}

/* Sizes of the donors' arrays (aid.c world_aid_init). */
static size_t aid_rates(const hs_world_sim *sim)
{
    size_t nd = (size_t)(sim->sc->ndonors > 0 ? sim->sc->ndonors : 1);
    return nd * HS_AID_COUNT * (size_t)sim->aid_units;
}

/* One section of arrays of doubles, each m long, one after another. */
static void put_doubles(const hs_world_sim *sim, hs_ckpt_writer *w, const char *name,
                        const size_t *offsets, size_t k, size_t m)
{
    double *all = malloc(k * m * sizeof *all + 1);
    if (!all) {
        w->failed = 1;
        return;
    }
    for (size_t j = 0; j < k; j++)
        memcpy(all + j * m, field_at(sim, offsets[j]), m * sizeof *all);
    hs_ckpt_put(w, name, all, k * m * sizeof *all);
    free(all);
}

static hs_status get_doubles(hs_world_sim *sim, hs_ckpt_reader *r, const char *name,
                             const size_t *offsets, size_t k, size_t m, hs_error *err)
{
    double *all = malloc(k * m * sizeof *all + 1);
    if (!all) return hs_error_set(err, HS_ERR_NOMEM, r->path, 0, name, "out of memory");
    hs_status st = hs_ckpt_get(r, name, all, k * m * sizeof *all, err);
    for (size_t j = 0; j < k && st == HS_OK; j++)
        memcpy(field_at(sim, offsets[j]), all + j * m, m * sizeof *all);
    free(all);
    return st;
}

/* ---- save ---------------------------------------------------------------- */

static void save_people(const hs_world_sim *sim, hs_ckpt_writer *w)
{
    const world_people *pp = &sim->pp;
    size_t n = pp->n;
    hs_ckpt_put(w, "w_level", pp->level, n * HS_DIM_COUNT * sizeof *pp->level);
    hs_ckpt_put(w, "w_status", pp->status, n * sizeof *pp->status);
    hs_ckpt_put(w, "w_group", pp->group, n * sizeof *pp->group);
    hs_ckpt_put(w, "w_born", pp->born, n * sizeof *pp->born);
    hs_ckpt_put(w, "w_dies", pp->dies, n * sizeof *pp->dies);
    hs_ckpt_put(w, "w_endow", pp->endow, n * sizeof *pp->endow);
    hs_ckpt_put(w, "w_risk", pp->risk, n * sizeof *pp->risk);
    hs_ckpt_put(w, "w_disease", pp->disease, n * sizeof *pp->disease);
    hs_ckpt_put(w, "w_flags", pp->flags, n * sizeof *pp->flags);
    hs_ckpt_put(w, "w_jail", pp->jail, n * sizeof *pp->jail);
    hs_ckpt_put(w, "w_home_state", pp->home_state, n * sizeof *pp->home_state);
}

static void save_aid(const hs_world_sim *sim, hs_ckpt_writer *w)
{
    size_t units = (size_t)sim->aid_units, nl = (size_t)sim->nloc;
    hs_ckpt_put(w, "w_aid_rate", sim->aid_rate, aid_rates(sim) * sizeof *sim->aid_rate);
    hs_ckpt_put(w, "w_aid_period", sim->aid_period, aid_rates(sim) * sizeof *sim->aid_period);
    hs_ckpt_put(w, "w_aid_cap", sim->aid_cap, HS_AID_COUNT * units * sizeof *sim->aid_cap);
    hs_ckpt_put(w, "w_aid_today", sim->aid_today, units * sizeof *sim->aid_today);
    hs_ckpt_put(w, "w_p_channel", sim->p_channel, nl * 4 * sizeof *sim->p_channel);
    hs_ckpt_put(w, "w_aid_balance", sim->aid_balance, sizeof sim->aid_balance);
    hs_ckpt_put(w, "w_aid_accrued", sim->aid_accrued, sizeof sim->aid_accrued);
    hs_ckpt_put(w, "w_aid_daily", sim->aid_daily, sizeof sim->aid_daily);
    hs_ckpt_put(w, "w_aid_spent", sim->aid_spent, sizeof sim->aid_spent);
    ledger_fields *l = calloc(sim->nledger + 1, sizeof *l);
    if (!l) {
        w->failed = 1;
        return;
    }
    for (size_t k = 0; k < sim->nledger; k++) {
        const world_aid_row *a = &sim->ledger[k];
        l[k] = (ledger_fields){a->from, a->to, a->donor, a->channel, a->unit, a->amount};
    }
    hs_ckpt_put(w, "w_ledger", l, sim->nledger * sizeof *l);
    free(l);
    hs_ckpt_put(w, "w_r2p_left", sim->r2p_left, sizeof sim->r2p_left);
    hs_ckpt_put(w, "w_r2p_payer", sim->r2p_payer, sizeof sim->r2p_payer);
    hs_ckpt_put(w, "w_broken", sim->broken, sizeof sim->broken);
    hs_ckpt_put(w, "w_intervened", sim->intervened, sizeof sim->intervened);
    hs_ckpt_put(w, "w_interventions", sim->interventions,
                (size_t)sim->ninterventions * sizeof *sim->interventions);
    hs_ckpt_put(w, "w_ban_signed", sim->ban_signed, sizeof sim->ban_signed);
    hs_ckpt_put(w, "w_illegit_fix", sim->illegit_fix, sizeof sim->illegit_fix);
}

static void save_wars(const hs_world_sim *sim, hs_ckpt_writer *w)
{
    hs_ckpt_put(w, "w_war", sim->war, (size_t)sim->nstates * sizeof *sim->war);
    war_fields f[WORLD_MAX_WARS];
    memset(f, 0, sizeof f);
    for (int k = 0; k < sim->nwars; k++) {
        const world_war_log *l = &sim->wars[k];
        int why = -1;
        for (int j = 0; j < NWAR_ENDS && l->ended_by; j++)
            if (strcmp(l->ended_by, war_ends[j]) == 0) why = j;
        if (l->ended_by && why < 0) w->failed = 1; /* a reason this file does not know */
        f[k] = (war_fields){l->attacker, l->defender, l->start, l->end, why};
    }
    hs_ckpt_put(w, "w_wars", f, (size_t)sim->nwars * sizeof *f);
}

void hs_world_sim_save(const hs_world_sim *sim, hs_ckpt_writer *w)
{
    size_t nl = (size_t)sim->nloc, ns = (size_t)sim->nstates;
    world_scalars s = {sim->day,
                       sim->settled,
                       sim->initial_people,
                       sim->births,
                       (int64_t)sim->pp.n,
                       (int64_t)sim->pp.cap,
                       sim->cap_days,
                       sim->nwars,
                       sim->ninterventions,
                       (int64_t)sim->nledger,
                       sim->aid_from,
                       sim->ban_in_force,
                       sim->agent_days,
                       sim->aid_unit,
                       sim->nloc,
                       sim->nstates,
                       sim->sc->ndonors,
                       sim->sc->ngroups};
    hs_ckpt_put(w, "world", &s, sizeof s);
    save_people(sim, w);
    put_doubles(sim, w, "w_places", loc_doubles, NLOC_DOUBLES, nl);
    hs_ckpt_put(w, "w_faces", sim->faces, nl * sizeof *sim->faces);
    hs_ckpt_put(w, "w_born_today", sim->born, nl * sizeof *sim->born);
    hs_ckpt_put(w, "w_school_fix", sim->school_fix, nl * sizeof *sim->school_fix);
    hs_ckpt_put(w, "w_majority", sim->majority, nl * sizeof *sim->majority);
    hs_ckpt_put(w, "w_target", sim->target, nl * HS_PS_COUNT * sizeof *sim->target);
    put_doubles(sim, w, "w_states", state_doubles, NSTATE_DOUBLES, ns);
    save_wars(sim, w);
    save_aid(sim, w);
    hs_ckpt_put(w, "w_acc", sim->acc, nl * ns * A_COUNT * sizeof *sim->acc);
    hs_ckpt_put(w, "w_record", sim->rec, (size_t)sim->day * (nl + 2 * ns) * sizeof *sim->rec);
    hs_flight_sim_save(sim->flight, w);
}

/* ---- load ---------------------------------------------------------------- */

static hs_status misfit(const hs_ckpt_reader *r, const char *section, const char *what,
                        hs_error *err)
{
    return hs_error_set(err, HS_ERR_INVALID, r->path, 0, section,
                        "the checkpoint's %s does not fit this scenario", what);
}

/* Every byte of a[0..n) below hi. */
static int below(const uint8_t *a, size_t n, unsigned hi)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] >= hi) return 0;
    return 1;
}

static hs_status load_people(hs_world_sim *sim, hs_ckpt_reader *r, const world_scalars *s,
                             hs_error *err)
{
    world_people *pp = &sim->pp;
    hs_status st = world_people_reserve(sim, (size_t)s->cap, err);
    if (st != HS_OK) return st;
    size_t n = (size_t)s->n;
    pp->n = n;
    if ((st = hs_ckpt_get(r, "w_level", pp->level, n * HS_DIM_COUNT * sizeof *pp->level, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "w_status", pp->status, n * sizeof *pp->status, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_group", pp->group, n * sizeof *pp->group, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_born", pp->born, n * sizeof *pp->born, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_dies", pp->dies, n * sizeof *pp->dies, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_endow", pp->endow, n * sizeof *pp->endow, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_risk", pp->risk, n * sizeof *pp->risk, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_disease", pp->disease, n * sizeof *pp->disease, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_flags", pp->flags, n * sizeof *pp->flags, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_jail", pp->jail, n * sizeof *pp->jail, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_home_state", pp->home_state, n * sizeof *pp->home_state, err)) !=
            HS_OK)
        return st;
    /* Indices into the run's tables: a wrong one would read outside them. */
    if (!below(pp->status, n, HS_PS_COUNT) || !below(pp->group, n, (unsigned)sim->sc->ngroups) ||
        !below(pp->home_state, n, (unsigned)sim->nstates))
        return misfit(r, "w_status", "people", err);
    return HS_OK;
}

static hs_status load_wars(hs_world_sim *sim, hs_ckpt_reader *r, const world_scalars *s,
                           hs_error *err)
{
    hs_status st = hs_ckpt_get(r, "w_war", sim->war, (size_t)sim->nstates * sizeof *sim->war, err);
    if (st != HS_OK) return st;
    war_fields f[WORLD_MAX_WARS];
    if ((st = hs_ckpt_get(r, "w_wars", f, (size_t)s->nwars * sizeof *f, err)) != HS_OK) return st;
    for (int k = 0; k < (int)s->nwars; k++) {
        if (f[k].ended_by < -1 || f[k].ended_by >= NWAR_ENDS)
            return misfit(r, "w_wars", "wars", err);
        sim->wars[k] =
            (world_war_log){(int)f[k].attacker, (int)f[k].defender, (long)f[k].start,
                            (long)f[k].end, f[k].ended_by < 0 ? NULL : war_ends[f[k].ended_by]};
    }
    sim->nwars = (int)s->nwars;
    return HS_OK;
}

static hs_status load_aid(hs_world_sim *sim, hs_ckpt_reader *r, const world_scalars *s,
                          hs_error *err)
{
    size_t units = (size_t)sim->aid_units, nl = (size_t)sim->nloc;
    hs_status st;
    if ((st = hs_ckpt_get(r, "w_aid_rate", sim->aid_rate, aid_rates(sim) * sizeof *sim->aid_rate,
                          err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_aid_period", sim->aid_period,
                          aid_rates(sim) * sizeof *sim->aid_period, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_aid_cap", sim->aid_cap, HS_AID_COUNT * units * sizeof *sim->aid_cap,
                          err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_aid_today", sim->aid_today, units * sizeof *sim->aid_today, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "w_p_channel", sim->p_channel, nl * 4 * sizeof *sim->p_channel,
                          err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_aid_balance", sim->aid_balance, sizeof sim->aid_balance, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "w_aid_accrued", sim->aid_accrued, sizeof sim->aid_accrued, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "w_aid_daily", sim->aid_daily, sizeof sim->aid_daily, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_aid_spent", sim->aid_spent, sizeof sim->aid_spent, err)) != HS_OK)
        return st;
    size_t nledger = (size_t)s->nledger;
    world_aid_row *rows = malloc((nledger + 1) * sizeof *rows);
    ledger_fields *l = malloc((nledger + 1) * sizeof *l);
    if (!rows || !l) {
        free(rows);
        free(l);
        return hs_error_set(err, HS_ERR_NOMEM, r->path, 0, "w_ledger", "out of memory");
    }
    st = hs_ckpt_get(r, "w_ledger", l, nledger * sizeof *l, err);
    for (size_t k = 0; k < nledger && st == HS_OK; k++)
        rows[k] = (world_aid_row){(long)l[k].from,   (long)l[k].to,  (int)l[k].donor,
                                  (int)l[k].channel, (int)l[k].unit, l[k].amount};
    free(l);
    if (st != HS_OK) {
        free(rows);
        return st;
    }
    free(sim->ledger);
    sim->ledger = rows;
    sim->nledger = sim->cap_ledger = nledger;
    if ((st = hs_ckpt_get(r, "w_r2p_left", sim->r2p_left, sizeof sim->r2p_left, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_r2p_payer", sim->r2p_payer, sizeof sim->r2p_payer, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_broken", sim->broken, sizeof sim->broken, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_intervened", sim->intervened, sizeof sim->intervened, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "w_interventions", sim->interventions,
                          (size_t)s->ninterventions * sizeof *sim->interventions, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_ban_signed", sim->ban_signed, sizeof sim->ban_signed, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "w_illegit_fix", sim->illegit_fix, sizeof sim->illegit_fix, err)) !=
            HS_OK)
        return st;
    sim->ninterventions = (int)s->ninterventions;
    return HS_OK;
}

/* The record of the days so far, with room for as many days as the run had. */
static hs_status load_record(hs_world_sim *sim, hs_ckpt_reader *r, const world_scalars *s,
                             hs_error *err)
{
    size_t per_day = (size_t)(sim->nloc + 2 * sim->nstates);
    hs_world_record *rec = malloc((size_t)s->cap_days * per_day * sizeof *rec + 1);
    if (!rec) return hs_error_set(err, HS_ERR_NOMEM, r->path, 0, "w_record", "out of memory");
    hs_status st = hs_ckpt_get(r, "w_record", rec, (size_t)s->day * per_day * sizeof *rec, err);
    if (st != HS_OK) {
        free(rec);
        return st;
    }
    free(sim->rec);
    sim->rec = rec;
    sim->cap_days = (long)s->cap_days;
    return HS_OK;
}

hs_status hs_world_sim_load(hs_world_sim *sim, hs_ckpt_reader *r, hs_error *err)
{
    world_scalars s;
    hs_status st = hs_ckpt_get(r, "world", &s, sizeof s, err);
    if (st != HS_OK) return st;
    if (s.nloc != sim->nloc || s.nstates != sim->nstates || s.ndonors != sim->sc->ndonors ||
        s.ngroups != sim->sc->ngroups)
        return misfit(r, "world", "map, states or donors", err);
    if (s.day < 0 || s.n < 0 || s.cap < s.n || s.n >= INT32_MAX || s.cap_days < s.day ||
        s.nwars < 0 || s.nwars > WORLD_MAX_WARS || s.ninterventions < 0 ||
        s.ninterventions > HS_WORLD_MAX_STATES || s.nledger < 0)
        return misfit(r, "world", "sizes", err);
    size_t nl = (size_t)sim->nloc, ns = (size_t)sim->nstates;
    if ((st = load_people(sim, r, &s, err)) != HS_OK ||
        (st = get_doubles(sim, r, "w_places", loc_doubles, NLOC_DOUBLES, nl, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_faces", sim->faces, nl * sizeof *sim->faces, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_born_today", sim->born, nl * sizeof *sim->born, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_school_fix", sim->school_fix, nl * sizeof *sim->school_fix, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "w_majority", sim->majority, nl * sizeof *sim->majority, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "w_target", sim->target, nl * HS_PS_COUNT * sizeof *sim->target,
                          err)) != HS_OK ||
        (st = get_doubles(sim, r, "w_states", state_doubles, NSTATE_DOUBLES, ns, err)) != HS_OK ||
        (st = load_wars(sim, r, &s, err)) != HS_OK || (st = load_aid(sim, r, &s, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "w_acc", sim->acc, nl * ns * A_COUNT * sizeof *sim->acc, err)) !=
            HS_OK ||
        (st = load_record(sim, r, &s, err)) != HS_OK ||
        (st = hs_flight_sim_load(sim->flight, r, err)) != HS_OK)
        return st;
    if (hs_flight_sim_people(sim->flight)->n != (size_t)s.n)
        return misfit(r, "flight", "people", err);
    sim->day = (long)s.day;
    sim->settled = (int)s.settled;
    sim->initial_people = (long)s.initial_people;
    sim->births = (long)s.births;
    sim->agent_days = s.agent_days;
    sim->aid_from = (long)s.aid_from;
    sim->aid_unit = s.aid_unit;
    sim->ban_in_force = (long)s.ban_in_force;
    return HS_OK;
}

/* ---- runs with checkpoints ----------------------------------------------- */

static long world_done(const void *ctx)
{
    return ((const hs_world_sim *)ctx)->day;
}

static hs_status world_step(void *ctx, hs_error *err)
{
    return hs_world_sim_step(ctx, err);
}

static void world_save(const void *ctx, hs_ckpt_writer *w)
{
    hs_world_sim_save(ctx, w);
}

static hs_status world_load(void *ctx, hs_ckpt_reader *r, long step, hs_error *err)
{
    (void)step; /* the sim's own day is checked against it */
    return hs_world_sim_load(ctx, r, err);
}

hs_status hs_world_run_checkpointed(hs_world_sim *sim, long days, const hs_checkpointing *ck,
                                    void (*progress)(void *ctx, long done, long total), void *ctx,
                                    hs_error *err)
{
    if (days < 0) days = sim->sc->days;
    if (ck && hs_ranks_size(sim->ranks) > 1)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, NULL,
                            "checkpoints are written by one process: a world over %d ranks cannot "
                            "write or resume one",
                            hs_ranks_size(sim->ranks));
    const hs_ckpt_model m = {"human_security", "day",      sim,       world_done,
                             world_step,       world_save, world_load};
    return hs_ckpt_run(&m, days, ck, progress, ctx, err);
}
