/*
** flight_checkpoint.c - a flight run's whole state into a checkpoint and back,
** and runs that write one every N days and go on from it (flight.h
** "Checkpoints"; checkpoint.h).
**
** What is saved is what a day reads from the days before it: the day, every
** person (place, link, km on it, planned route, stint average, home, flags),
** per location what the run changes (camp and town flags, move chance,
** conflict and its onset, score, capacity, population, the people there), the
** closures holding each link shut, the spawning debt, the record of every day
** so far, the hold flags of a hosted run, the sampler's choice and the calendar
** of morning moves (each person's next morning and owed stint halvings, the
** chances the draws assumed, the day slots and far list as they stand, the
** travellers on links in index order). Scratch that each day makes afresh (the
** route tables, spawn weights, per-thread counts, today's movers) is not; the
** shortest paths of a hosted run are built again from the map.
**
** Why the slots are saved as they are, stale entries and all, rather than
** rebuilt from next[]: the movers of a day are the entries whose next[] still
** names it, gathered in index order, so any filing gives the same movers - but
** the copy is exact by construction and needs no argument about the far list's
** scan days.
*/
#include <humsec/checkpoint.h>
#include <humsec/version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flight/flight_internal.h"

/* ---- fingerprint --------------------------------------------------------- */

static uint64_t fnv_array(uint64_t h, const void *a, size_t bytes)
{
    return a ? hs_fnv(h, a, bytes) : hs_fnv(h, "-", 1);
}

static uint64_t fnv_series(uint64_t h, const hs_series *s)
{
    h = hs_fnv(h, &s->n, sizeof s->n);
    h = fnv_array(h, s->day, (size_t)s->n * sizeof *s->day);
    return fnv_array(h, s->value, (size_t)s->n * sizeof *s->value);
}

/* The resolved settings as the output writes them (the struct has padding). */
static uint64_t fnv_settings(uint64_t h, const hs_flight_settings *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) return hs_fnv(h, "-", 1);
    hs_flight_settings_write(s, f);
    fclose(f);
    h = hs_fnv(h, text, len);
    free(text);
    return h;
}

uint64_t hs_flight_fingerprint(const hs_flight_case *c, const hs_flight_settings *s, uint64_t seed,
                               long days)
{
    size_t n = (size_t)c->geo->nloc;
    uint64_t h = hs_fnv_str(HS_FNV_START, "flight");
    h = hs_fnv_str(h, c->name);
    h = hs_fnv_str(h, c->dir);
    h = hs_fnv_geo(h, c->geo);
    h = hs_fnv(h, &c->start_date, sizeof c->start_date);
    h = hs_fnv(h, &c->days, sizeof c->days);
    h = hs_fnv(h, &c->home_state, sizeof c->home_state);
    h = fnv_array(h, c->population, n * sizeof *c->population);
    h = fnv_array(h, c->capacity, n * sizeof *c->capacity);
    h = fnv_array(h, c->intensity, n * sizeof *c->intensity);
    h = fnv_array(h, c->conflict_day0, n * sizeof *c->conflict_day0);
    h = fnv_array(h, c->conflict_date, n * sizeof *c->conflict_date);
    h = fnv_array(h, c->initial, n * sizeof *c->initial);
    h = hs_fnv(h, &c->nconflict, sizeof c->nconflict);
    h = hs_fnv(h, &c->conflict_rows, sizeof c->conflict_rows);
    h = fnv_array(h, c->conflict_loc, (size_t)c->nconflict * sizeof *c->conflict_loc);
    if (c->nconflict > 0 && c->conflict_rows > 0)
        h = fnv_array(h, c->conflict_value,
                      (size_t)c->conflict_rows * (size_t)c->nconflict * sizeof(float));
    for (int k = 0; k < c->nclosures; k++) {
        const hs_closure *cl = &c->closures[k];
        int64_t v[5] = {cl->type, cl->a, cl->b, cl->start, cl->end};
        h = hs_fnv(h, v, sizeof v);
    }
    h = hs_fnv(h, &c->has_total, sizeof c->has_total);
    if (c->has_total) h = fnv_series(h, &c->total);
    h = hs_fnv(h, &c->ncamps, sizeof c->ncamps);
    h = fnv_array(h, c->camp_loc, (size_t)c->ncamps * sizeof *c->camp_loc);
    for (int k = 0; k < c->ncamps; k++)
        h = fnv_series(h, &c->camp_series[k]);
    h = hs_fnv(h, &c->noffmap, sizeof c->noffmap);
    for (int k = 0; k < c->noffmap; k++)
        h = fnv_series(h, &c->offmap_series[k]);
    for (int k = 0; k < c->nwarnings; k++)
        h = hs_fnv_str(h, c->warnings[k]);
    h = fnv_settings(h, s);
    h = hs_fnv(h, &seed, sizeof seed);
    int64_t length = days < 0 ? c->days : days;
    h = hs_fnv(h, &length, sizeof length);
    return hs_fnv_str(h, hs_version());
}

/* ---- save ---------------------------------------------------------------- */

typedef struct flight_scalars {
    int64_t day, n, cap, nrec, cap_days, held_cap;
    double debt, agent_days;
    int32_t cal_policy, cal_sweeping, has_held, has_next_hop;
    int32_t nloc, nlinks, ncamps, pad;
} flight_scalars;

typedef struct cal_scalars {
    int64_t on, n, cap, far_scan;
} cal_scalars;

static void save_calendar(const flight_calendar *k, int nloc, hs_ckpt_writer *w)
{
    cal_scalars s = {k->on, (int64_t)k->n, (int64_t)k->cap, k->far_scan};
    hs_ckpt_put(w, "cal", &s, sizeof s);
    if (!k->on) return;
    hs_ckpt_put(w, "cal_next", k->next, k->n * sizeof *k->next);
    hs_ckpt_put(w, "cal_stamp", k->stamp, k->n * sizeof *k->stamp);
    hs_ckpt_put(w, "cal_chance", k->chance, (size_t)nloc * sizeof *k->chance);
    hs_ckpt_put(w, "cal_inv_log", k->inv_log, (size_t)nloc * sizeof *k->inv_log);
    /* The slots one after another, each after its length. */
    uint64_t len[CAL_WINDOW];
    size_t total = 0;
    for (int d = 0; d < CAL_WINDOW; d++)
        total += (size_t)(len[d] = k->slot[d].n);
    uint32_t *all = malloc(total * sizeof *all + 1);
    if (!all) {
        w->failed = 1;
        return;
    }
    size_t at = 0;
    for (int d = 0; d < CAL_WINDOW; d++) {
        if (k->slot[d].n) memcpy(all + at, k->slot[d].v, k->slot[d].n * sizeof *all);
        at += k->slot[d].n;
    }
    hs_ckpt_put(w, "cal_slot_len", len, sizeof len);
    hs_ckpt_put(w, "cal_slots", all, total * sizeof *all);
    free(all);
    hs_ckpt_put(w, "cal_far", k->far.v, k->far.n * sizeof *k->far.v);
    hs_ckpt_put(w, "cal_trav", k->trav.v, k->trav.n * sizeof *k->trav.v);
}

void hs_flight_sim_save(const hs_flight_sim *sim, hs_ckpt_writer *w)
{
    const hs_people *p = &sim->people;
    size_t n = p->n, nl = (size_t)sim->nloc;
    long nrec = sim->days ? sim->day : 0;
    flight_scalars s = {sim->day,          (int64_t)n,
                        (int64_t)p->cap,   nrec,
                        sim->cap_days,     (int64_t)sim->held_cap,
                        sim->debt,         sim->agent_days,
                        sim->cal_policy,   sim->cal_sweeping,
                        sim->held != NULL, sim->next_hop != NULL,
                        sim->nloc,         sim->c->geo->nlinks,
                        sim->c->ncamps,    0};
    hs_ckpt_put(w, "flight", &s, sizeof s);
    hs_ckpt_put(w, "fl_loc", p->loc, n * sizeof *p->loc);
    hs_ckpt_put(w, "fl_link", p->link, n * sizeof *p->link);
    hs_ckpt_put(w, "fl_link_km", p->link_km, n * sizeof *p->link_km);
    hs_ckpt_put(w, "fl_route", p->route, n * HS_ROUTE_MAX * sizeof *p->route);
    /* A held person's halvings are owed (hosted.c): saved paid, as they would
    ** stand had every morning halved them, so the file does not depend on it. */
    float *stint = sim->held ? malloc(n * sizeof *stint + 1) : NULL;
    if (sim->held && !stint) w->failed = 1;
    if (stint)
        for (size_t i = 0; i < n; i++)
            stint[i] = sim->held[i] ? hs_flight_stint_owed(sim, i) : p->stint[i];
    hs_ckpt_put(w, "fl_stint", stint ? stint : p->stint, n * sizeof *p->stint);
    free(stint);
    hs_ckpt_put(w, "fl_home", p->home, n * sizeof *p->home);
    hs_ckpt_put(w, "fl_status", p->status, n * sizeof *p->status);
    hs_ckpt_put(w, "fl_held", sim->held, sim->held ? n : 0);
    hs_ckpt_put(w, "fl_is_camp", sim->is_camp, nl);
    hs_ckpt_put(w, "fl_is_town", sim->is_town, nl);
    hs_ckpt_put(w, "fl_movechance", sim->movechance, nl * sizeof *sim->movechance);
    hs_ckpt_put(w, "fl_conflict", sim->conflict, nl * sizeof *sim->conflict);
    hs_ckpt_put(w, "fl_conflict_st", sim->conflict_start, nl * sizeof *sim->conflict_start);
    hs_ckpt_put(w, "fl_score", sim->score, nl * sizeof *sim->score);
    hs_ckpt_put(w, "fl_capacity", sim->capacity, nl * sizeof *sim->capacity);
    hs_ckpt_put(w, "fl_population", sim->population, nl * sizeof *sim->population);
    hs_ckpt_put(w, "fl_count", sim->count, nl * sizeof *sim->count);
    hs_ckpt_put(w, "fl_link_closed", sim->link_closed,
                (size_t)sim->c->geo->nlinks * sizeof *sim->link_closed);
    hs_ckpt_put(w, "fl_day0pop", sim->day0pop, (size_t)sim->c->ncamps * sizeof *sim->day0pop);
    hs_ckpt_put(w, "fl_days", sim->days, (size_t)nrec * sizeof *sim->days);
    hs_ckpt_put(w, "fl_counts", sim->counts_hist, (size_t)nrec * nl * sizeof *sim->counts_hist);
    save_calendar(&sim->cal, sim->nloc, w);
}

/* ---- load ---------------------------------------------------------------- */

static hs_status misfit(const hs_ckpt_reader *r, const char *section, const char *what,
                        hs_error *err)
{
    return hs_error_set(err, HS_ERR_INVALID, r->path, 0, section,
                        "the checkpoint's %s does not fit this run", what);
}

static hs_status nomem(const hs_ckpt_reader *r, hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, r->path, 0, NULL, "out of memory");
}

/* Every entry of a[0..n) in [lo, hi). */
static int within(const int32_t *a, size_t n, int32_t lo, int32_t hi)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] < lo || a[i] >= hi) return 0;
    return 1;
}

/* A list of n person indices (each below people) from the next section. */
static hs_status get_list(hs_ckpt_reader *r, const char *name, cal_list *l, size_t people,
                          hs_error *err)
{
    void *buf;
    size_t bytes;
    hs_status st = hs_ckpt_get_alloc(r, name, &buf, &bytes, err);
    if (st != HS_OK) return st;
    size_t n = bytes / sizeof(uint32_t);
    const uint32_t *v = buf;
    int bad = bytes % sizeof(uint32_t) != 0;
    for (size_t j = 0; j < n && !bad; j++)
        bad = v[j] >= people;
    if (bad) {
        free(buf);
        return misfit(r, name, "calendar", err);
    }
    free(l->v);
    l->v = buf;
    l->n = l->cap = n;
    return HS_OK;
}

static hs_status load_calendar(hs_flight_sim *sim, hs_ckpt_reader *r, hs_error *err)
{
    flight_calendar *k = &sim->cal;
    hs_flight_calendar_free(sim);
    cal_scalars s;
    hs_status st = hs_ckpt_get(r, "cal", &s, sizeof s, err);
    if (st != HS_OK || !s.on) return st;
    size_t n = (size_t)s.n, nl = (size_t)sim->nloc;
    if (s.n < 0 || s.cap < s.n || (size_t)s.n > sim->people.n)
        return misfit(r, "cal", "calendar", err);
    k->on = 1;
    k->n = n;
    k->cap = (size_t)s.cap;
    k->far_scan = (long)s.far_scan;
    k->nbits = (k->cap + 63) / 64;
    k->next = malloc(k->cap * sizeof *k->next + 1);
    k->stamp = malloc(k->cap * sizeof *k->stamp + 1);
    k->bits = calloc(k->nbits + 1, sizeof *k->bits);
    k->chance = malloc(nl * sizeof *k->chance + 1);
    k->inv_log = malloc(nl * sizeof *k->inv_log + 1);
    k->redraw = calloc(nl + 1, 1);
    if (!k->next || !k->stamp || !k->bits || !k->chance || !k->inv_log || !k->redraw)
        return nomem(r, err);
    if ((st = hs_ckpt_get(r, "cal_next", k->next, n * sizeof *k->next, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "cal_stamp", k->stamp, n * sizeof *k->stamp, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "cal_chance", k->chance, nl * sizeof *k->chance, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "cal_inv_log", k->inv_log, nl * sizeof *k->inv_log, err)) != HS_OK)
        return st;
    uint64_t len[CAL_WINDOW];
    if ((st = hs_ckpt_get(r, "cal_slot_len", len, sizeof len, err)) != HS_OK) return st;
    cal_list all = {0};
    if ((st = get_list(r, "cal_slots", &all, n, err)) != HS_OK) return st;
    size_t at = 0;
    for (int d = 0; d < CAL_WINDOW && st == HS_OK; d++) {
        if (len[d] > all.n - at) {
            st = misfit(r, "cal_slot_len", "calendar", err);
            break;
        }
        cal_list *l = &k->slot[d];
        l->n = l->cap = (size_t)len[d];
        if (l->n == 0) continue;
        if (!(l->v = malloc(l->n * sizeof *l->v))) {
            st = nomem(r, err);
            break;
        }
        memcpy(l->v, all.v + at, l->n * sizeof *l->v);
        at += l->n;
    }
    free(all.v);
    if (st == HS_OK) st = get_list(r, "cal_far", &k->far, n, err);
    if (st == HS_OK) st = get_list(r, "cal_trav", &k->trav, n, err);
    return st;
}

/* The record of the days so far, with room for as many days as the run had. */
static hs_status load_record(hs_flight_sim *sim, hs_ckpt_reader *r, const flight_scalars *s,
                             hs_error *err)
{
    size_t nl = (size_t)sim->nloc, cap = (size_t)s->cap_days, nrec = (size_t)s->nrec;
    free(sim->days);
    free(sim->counts_hist);
    sim->days = NULL;
    sim->counts_hist = NULL;
    sim->cap_days = 0;
    if (cap > 0) { /* a hosted run keeps no record of its own */
        sim->days = malloc(cap * sizeof *sim->days);
        sim->counts_hist = malloc(cap * nl * sizeof *sim->counts_hist + 1);
        if (!sim->days || !sim->counts_hist) return nomem(r, err);
        sim->cap_days = (long)cap;
    }
    hs_status st = hs_ckpt_get(r, "fl_days", sim->days, nrec * sizeof *sim->days, err);
    if (st == HS_OK)
        st = hs_ckpt_get(r, "fl_counts", sim->counts_hist, nrec * nl * sizeof *sim->counts_hist,
                         err);
    return st;
}

static hs_status load_people(hs_flight_sim *sim, hs_ckpt_reader *r, const flight_scalars *s,
                             hs_error *err)
{
    hs_people *p = &sim->people;
    size_t n = (size_t)s->n;
    hs_status st = hs_people_reserve(p, (size_t)s->cap, err);
    if (st != HS_OK) return st;
    p->n = n;
    if ((st = hs_ckpt_get(r, "fl_loc", p->loc, n * sizeof *p->loc, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_link", p->link, n * sizeof *p->link, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_link_km", p->link_km, n * sizeof *p->link_km, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_route", p->route, n * HS_ROUTE_MAX * sizeof *p->route, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "fl_stint", p->stint, n * sizeof *p->stint, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_home", p->home, n * sizeof *p->home, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_status", p->status, n * sizeof *p->status, err)) != HS_OK)
        return st;
    int32_t nloc = sim->nloc, nlinks = sim->c->geo->nlinks;
    if (!within(p->loc, n, 0, nloc) || !within(p->home, n, 0, nloc) ||
        !within(p->link, n, -1, nlinks) || !within(p->route, n * HS_ROUTE_MAX, -1, nloc))
        return misfit(r, "fl_loc", "people", err);
    /* Hold flags: a hosted run's, for everyone the arrays have room for. */
    free(sim->held);
    free(sim->held_since);
    sim->held = NULL;
    sim->held_since = NULL;
    sim->held_cap = 0;
    /* Saved with every halving paid: nobody owes one yet. */
    sim->next_morning = (long)s->day;
    if (s->has_held) {
        size_t cap = (size_t)s->held_cap > p->cap ? (size_t)s->held_cap : p->cap;
        if (!(sim->held = calloc(cap + 1, 1)) ||
            !(sim->held_since = malloc((cap + 1) * sizeof *sim->held_since)))
            return nomem(r, err);
        for (size_t i = 0; i <= cap; i++)
            sim->held_since[i] = (int32_t)s->day;
        sim->held_cap = cap;
    }
    return hs_ckpt_get(r, "fl_held", sim->held, s->has_held ? n : 0, err);
}

hs_status hs_flight_sim_load(hs_flight_sim *sim, hs_ckpt_reader *r, hs_error *err)
{
    flight_scalars s;
    hs_status st = hs_ckpt_get(r, "flight", &s, sizeof s, err);
    if (st != HS_OK) return st;
    if (s.nloc != sim->nloc || s.nlinks != sim->c->geo->nlinks || s.ncamps != sim->c->ncamps)
        return misfit(r, "flight", "map", err);
    if (s.day < 0 || s.n < 0 || s.n > INT32_MAX || s.cap < s.n || s.nrec < 0 ||
        (s.nrec != 0 && s.nrec != s.day) || s.cap_days < s.nrec || s.held_cap < 0)
        return misfit(r, "flight", "sizes", err);
    if ((st = load_people(sim, r, &s, err)) != HS_OK) return st;
    size_t nl = (size_t)sim->nloc;
    if ((st = hs_ckpt_get(r, "fl_is_camp", sim->is_camp, nl, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_is_town", sim->is_town, nl, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_movechance", sim->movechance, nl * sizeof *sim->movechance,
                          err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_conflict", sim->conflict, nl * sizeof *sim->conflict, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "fl_conflict_st", sim->conflict_start,
                          nl * sizeof *sim->conflict_start, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_score", sim->score, nl * sizeof *sim->score, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_capacity", sim->capacity, nl * sizeof *sim->capacity, err)) !=
            HS_OK ||
        (st = hs_ckpt_get(r, "fl_population", sim->population, nl * sizeof *sim->population,
                          err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_count", sim->count, nl * sizeof *sim->count, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_link_closed", sim->link_closed,
                          (size_t)s.nlinks * sizeof *sim->link_closed, err)) != HS_OK ||
        (st = hs_ckpt_get(r, "fl_day0pop", sim->day0pop, (size_t)s.ncamps * sizeof *sim->day0pop,
                          err)) != HS_OK)
        return st;
    if ((st = load_record(sim, r, &s, err)) != HS_OK) return st;
    if ((st = load_calendar(sim, r, err)) != HS_OK) return st;
    sim->day = (long)s.day;
    sim->debt = s.debt;
    sim->agent_days = s.agent_days;
    sim->cal_policy = s.cal_policy;
    sim->cal_sweeping = s.cal_sweeping;
    /* A hosted run plans trips on shortest paths: built again from the map. */
    if (s.has_next_hop && !sim->next_hop) {
        if ((st = hs_flight_changes_begin(sim, 1, err)) != HS_OK) return st;
        hs_flight_changes_commit(sim);
    }
    return HS_OK;
}

/* ---- runs with checkpoints ----------------------------------------------- */

static long flight_done(const void *ctx)
{
    return ((const hs_flight_sim *)ctx)->day;
}

static hs_status flight_step(void *ctx, hs_error *err)
{
    return hs_flight_sim_step(ctx, err);
}

static void flight_save(const void *ctx, hs_ckpt_writer *w)
{
    hs_flight_sim_save(ctx, w);
}

static hs_status flight_load(void *ctx, hs_ckpt_reader *r, long step, hs_error *err)
{
    (void)step; /* the sim's own day is checked against it */
    return hs_flight_sim_load(ctx, r, err);
}

hs_status hs_flight_run_checkpointed(hs_flight_sim *sim, long days, const hs_checkpointing *ck,
                                     void (*progress)(void *ctx, long done, long total), void *ctx,
                                     hs_error *err)
{
    if (days < 0) days = sim->c->days;
    if (ck && sim->nranks > 1)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, NULL,
                            "checkpoints are written by one process: a run over %d ranks cannot "
                            "write or resume one",
                            sim->nranks);
    if (sim->c->nconflict > 0 && sim->c->conflict_rows < days)
        return hs_error_set(err, HS_ERR_INVALID, sim->c->conflicts_file, 0, NULL,
                            "has %ld day rows, but %ld days were asked for", sim->c->conflict_rows,
                            days);
    const hs_ckpt_model m = {"flight",    "day",       sim,        flight_done,
                             flight_step, flight_save, flight_load};
    return hs_ckpt_run(&m, days, ck, progress, ctx, err);
}
