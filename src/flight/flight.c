/*
** flight.c - one run of the flight process: its state, its daily schedule
** and its record, including the validation metric.
**
** The day (Flee's order): conflicts -> spawning -> closures -> scores and
** routes -> movement -> record. The record compares the people in each
** validation camp at the end of day t with the UNHCR series on day t:
**   ARD(t) = sum_c |sim_c - data_c| / max(data_total, 1),
** data_total the whole-people total of the camps' series; the rescaled form
** first multiplies each sim_c by data_total / sim_total (0 when the camps are
** empty). Day 0 counts. (Groen 2016; Suleimenova et al. 2017.)
*/
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include "flight/flight_internal.h"

static hs_status nomem(hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

hs_status hs_flight_sim_create(hs_flight_sim **out, const hs_flight_case *c,
                               const hs_flight_settings *s, uint64_t seed, hs_error *err)
{
    return hs_flight_sim_create_ranks(out, c, s, seed, NULL, err);
}

hs_status hs_flight_sim_create_ranks(hs_flight_sim **out, const hs_flight_case *c,
                                     const hs_flight_settings *s, uint64_t seed, hs_ranks *ranks,
                                     hs_error *err)
{
    *out = NULL;
    if (c->nconflict > 0 && c->conflict_rows < c->days)
        return hs_error_set(err, HS_ERR_INVALID, c->conflicts_file, 0, NULL,
                            "has %ld day rows, but the run is %ld days long", c->conflict_rows,
                            c->days);
    hs_flight_sim *sim = calloc(1, sizeof *sim);
    if (!sim) return nomem(err);
    sim->c = c;
    sim->s = s;
    sim->seed = seed;
    sim->ranks = ranks;
    sim->rank = hs_ranks_rank(ranks);
    sim->nranks = hs_ranks_size(ranks);
    int n = sim->nloc = c->geo->nloc;
    hs_people_init(&sim->people);
    sim->is_camp = calloc((size_t)n, 1);
    sim->is_town = calloc((size_t)n, 1);
    sim->is_marker = calloc((size_t)n, 1);
    sim->foreign = calloc((size_t)n, 1);
    sim->movechance = calloc((size_t)n, sizeof(double));
    sim->conflict = calloc((size_t)n, sizeof(double));
    sim->conflict_start = calloc((size_t)n, sizeof(long));
    sim->score = calloc((size_t)n, sizeof(double));
    sim->capacity = calloc((size_t)n, sizeof(double));
    sim->population = calloc((size_t)n, sizeof(double));
    sim->count = calloc((size_t)n, sizeof(int32_t));
    sim->spawn_weight = calloc((size_t)n, sizeof(double));
    sim->spawn_cdf = calloc((size_t)n, sizeof(double));
    sim->link_closed = calloc((size_t)c->geo->nlinks + 1, sizeof(int32_t));
    sim->day0pop = calloc((size_t)c->ncamps + 1, sizeof(double));
    if (!sim->is_camp || !sim->is_town || !sim->is_marker || !sim->foreign || !sim->movechance ||
        !sim->conflict || !sim->conflict_start || !sim->score || !sim->capacity ||
        !sim->population || !sim->count || !sim->spawn_weight || !sim->spawn_cdf ||
        !sim->link_closed || !sim->day0pop) {
        hs_flight_sim_free(sim);
        return nomem(err);
    }
    for (int i = 0; i < n; i++) {
        hs_loc_type t = (hs_loc_type)c->geo->loc_type[i];
        sim->foreign[i] = c->geo->loc_state[i] != c->home_state;
        sim->capacity[i] = c->capacity[i];
        sim->population[i] = c->population[i];
        sim->conflict_start[i] = -1;
        switch (t) {
        case HS_LOC_CAMP:
            sim->is_camp[i] = 1;
            sim->movechance[i] = s->camp_movechance;
            break;
        case HS_LOC_IDPCAMP:
            sim->is_camp[i] = 1;
            sim->movechance[i] = s->idpcamp_movechance;
            break;
        case HS_LOC_FORWARDING_HUB:
            sim->movechance[i] = 1.0;
            break;
        case HS_LOC_MARKER:
            sim->is_marker[i] = 1;
            sim->movechance[i] = 1.0;
            break;
        case HS_LOC_CONFLICT_ZONE: /* a town until its conflict begins */
        case HS_LOC_TOWN:
            sim->is_town[i] = 1;
            sim->movechance[i] = s->default_movechance;
            break;
        }
        /* Flee: a location this unlikely to be left is a camp. */
        if (sim->movechance[i] < 0.005) {
            sim->is_camp[i] = 1;
            sim->is_town[i] = 0;
        }
    }
    hs_schedule_init(&sim->schedule);
    hs_status st = HS_OK;
    static const struct {
        const char *name;
        hs_process_fn fn;
    } day[] = {{"conflicts", hs_flight_conflicts_step}, {"spawning", hs_flight_spawn_step},
               {"closures", hs_flight_closures_step},   {"scores", hs_flight_scores_step},
               {"movement", hs_flight_move_step},       {"record", hs_flight_record_step}};
    for (size_t k = 0; k < sizeof day / sizeof *day && st == HS_OK; k++)
        st = hs_schedule_add(&sim->schedule, day[k].name, day[k].fn, sim, err);
    if (st == HS_OK) {
        hs_flight_conflicts_init(sim);
        st = hs_flight_spawn_init(sim, err);
    }
    if (st != HS_OK) {
        hs_flight_sim_free(sim);
        return st;
    }
    *out = sim;
    return HS_OK;
}

void hs_flight_sim_free(hs_flight_sim *sim)
{
    if (!sim) return;
    hs_people_free(&sim->people);
    free(sim->is_camp);
    free(sim->is_town);
    free(sim->is_marker);
    free(sim->foreign);
    free(sim->movechance);
    free(sim->conflict);
    free(sim->conflict_start);
    free(sim->score);
    free(sim->capacity);
    free(sim->population);
    free(sim->count);
    free(sim->spawn_weight);
    free(sim->spawn_cdf);
    free(sim->link_closed);
    free(sim->day0pop);
    free(sim->days);
    free(sim->counts_hist);
    free(sim->delta);
    free(sim->live_cum);
    free(sim->live_stamp);
    free(sim->held);
    free(sim->held_since);
    free(sim->next_hop);
    free(sim->chunk_count);
    free(sim->sweep_trav);
    free(sim->sweep_count);
    hs_route_table_free(&sim->routes);
    hs_flight_calendar_free(sim);
    free(sim);
}

void hs_flight_sim_set_threads(hs_flight_sim *sim, int threads)
{
    sim->threads = threads;
}

/* The counts (or the routes) changed: every cached live weight is stale. Stamps of
** epoch 0 never hold, so on wrapping they are all reset. */
static void next_epoch(hs_flight_sim *sim)
{
    if (++sim->counts_epoch != 0) return;
    memset(sim->live_stamp, 0, (size_t)sim->live_threads * (size_t)sim->nloc * sizeof(uint32_t));
    sim->counts_epoch = 1;
}

hs_status hs_flight_delta_reserve(hs_flight_sim *sim, int nthreads, hs_error *err)
{
    if (nthreads > sim->nthreads_alloc) {
        int32_t *d = realloc(sim->delta, (size_t)nthreads * (size_t)sim->nloc * sizeof *d);
        if (!d) return nomem(err);
        sim->delta = d;
        sim->nthreads_alloc = nthreads;
    }
    memset(sim->delta, 0, (size_t)nthreads * (size_t)sim->nloc * sizeof *sim->delta);
    /* The live-weight caches: as many candidates as today's routes. */
    if (nthreads > sim->live_threads || sim->routes.n > sim->live_routes) {
        int32_t nr = sim->routes.n > sim->live_routes ? sim->routes.n : sim->live_routes;
        int nt = nthreads > sim->live_threads ? nthreads : sim->live_threads;
        free(sim->live_cum);
        free(sim->live_stamp);
        sim->live_cum = malloc((size_t)nt * (size_t)(nr > 0 ? nr : 1) * sizeof *sim->live_cum);
        sim->live_stamp = calloc((size_t)nt * (size_t)sim->nloc, sizeof *sim->live_stamp);
        if (!sim->live_cum || !sim->live_stamp) {
            sim->live_threads = sim->live_routes = 0;
            return nomem(err);
        }
        sim->live_threads = nt;
        sim->live_routes = nr;
    }
    /* Today's routes were rebuilt: no cached weights hold. */
    next_epoch(sim);
    return HS_OK;
}

/* Thread t's live-weight cache for a mover (see hs_flight_mover). */
void hs_flight_live_cache(const hs_flight_sim *sim, int t, hs_flight_mover *m)
{
    m->live_cum = sim->live_cum + (size_t)t * (size_t)sim->live_routes;
    m->live_stamp = sim->live_stamp + (size_t)t * (size_t)sim->nloc;
}

void hs_flight_delta_merge(hs_flight_sim *sim, int nthreads)
{
    /* Every thread's changes into row 0, then (over ranks) every rank's. */
    int32_t *d0 = sim->delta;
    for (int t = 1; t < nthreads; t++) {
        int32_t *d = sim->delta + (size_t)t * (size_t)sim->nloc;
        for (int i = 0; i < sim->nloc; i++)
            d0[i] += d[i];
        memset(d, 0, (size_t)sim->nloc * sizeof *d);
    }
    if (sim->nranks > 1 && sim->comm_status == HS_OK)
        sim->comm_status = hs_ranks_sum_i32(sim->ranks, d0, (size_t)sim->nloc, &sim->comm_err);
    for (int i = 0; i < sim->nloc; i++)
        sim->count[i] += d0[i];
    memset(d0, 0, (size_t)sim->nloc * sizeof *d0);
    next_epoch(sim);
}

hs_status hs_flight_comm_status(hs_flight_sim *sim, hs_error *err)
{
    if (sim->comm_status == HS_OK) return HS_OK;
    *err = sim->comm_err;
    return sim->comm_status;
}

hs_status hs_flight_grow(hs_flight_sim *sim, size_t n, int loc, hs_error *err)
{
    size_t all = hs_flight_everyone(sim);
    size_t mine = hs_flight_owned_below(sim, all + n) - hs_flight_owned_below(sim, all);
    hs_status st = hs_people_add(&sim->people, mine, loc < 0 ? 0 : loc, NULL, err);
    if (st != HS_OK) return st;
    sim->everyone = all + n;
    if (loc >= 0) sim->count[loc] += (int32_t)n;
    return HS_OK;
}

hs_status hs_flight_chunk_reserve(hs_flight_sim *sim, hs_error *err)
{
    size_t chunks = (hs_flight_everyone(sim) + HS_FLIGHT_CHUNK - 1) / HS_FLIGHT_CHUNK + 1;
    if (chunks > sim->chunk_cap) {
        int32_t *c = realloc(sim->chunk_count, 2 * chunks * sizeof *c);
        if (!c) return nomem(err);
        sim->chunk_count = c;
        sim->chunk_cap = 2 * chunks;
    }
    memset(sim->chunk_count, 0, chunks * sizeof *sim->chunk_count);
    return HS_OK;
}

hs_status hs_flight_chunk_offsets(hs_flight_sim *sim, long *total, hs_error *err)
{
    size_t chunks = (hs_flight_everyone(sim) + HS_FLIGHT_CHUNK - 1) / HS_FLIGHT_CHUNK;
    hs_status st = hs_ranks_sum_i32(sim->ranks, sim->chunk_count, chunks, err);
    if (st != HS_OK) return st;
    long before = 0;
    for (size_t k = 0; k < chunks; k++) {
        long here = sim->chunk_count[k];
        sim->chunk_count[k] = (int32_t)before;
        before += here;
    }
    *total = before;
    return HS_OK;
}

/* Make room in the record for day d. */
static hs_status reserve_day(hs_flight_sim *sim, long d, hs_error *err)
{
    if (d < sim->cap_days) return HS_OK;
    long cap = sim->cap_days ? 2 * sim->cap_days : (sim->c->days > 0 ? sim->c->days : 64);
    while (cap <= d)
        cap *= 2;
    hs_flight_day *days = realloc(sim->days, (size_t)cap * sizeof *days);
    if (!days) return nomem(err);
    sim->days = days;
    int32_t *h = realloc(sim->counts_hist, (size_t)cap * (size_t)sim->nloc * sizeof *h);
    if (!h) return nomem(err);
    sim->counts_hist = h;
    sim->cap_days = cap;
    return HS_OK;
}

/* The UNHCR count of validation camp k on day d, as the comparison uses it. */
static double camp_data(const hs_flight_sim *sim, int k, long d)
{
    double v = hs_series_at(&sim->c->camp_series[k], (double)d);
    if (sim->s->empty_camps_on_day0) v -= trunc(sim->day0pop[k]);
    return v;
}

hs_status hs_flight_record_step(void *model, long day, hs_error *err)
{
    hs_flight_sim *sim = model;
    const hs_flight_case *c = sim->c;
    (void)err;
    hs_flight_day *rec = &sim->days[day];
    rec->day = day;
    rec->people = (long)hs_flight_everyone(sim);
    long at = 0;
    for (int i = 0; i < sim->nloc; i++)
        at += sim->count[i];
    rec->travelling = rec->people - at;
    memcpy(sim->counts_hist + (size_t)day * (size_t)sim->nloc, sim->count,
           (size_t)sim->nloc * sizeof(int32_t));
    sim->agent_days += (double)rec->people;

    rec->camp_people = 0;
    rec->data_total = rec->ard = rec->ard_rescaled = NAN;
    if (c->ncamps == 0) return HS_OK;
    double data_sum = 0.0, sim_total = 0.0;
    for (int k = 0; k < c->ncamps; k++) {
        data_sum += camp_data(sim, k, day);
        sim_total += sim->count[c->camp_loc[k]];
    }
    double untot = trunc(data_sum), denom = untot > 1.0 ? untot : 1.0;
    double err_abs = 0.0, err_resc = 0.0;
    for (int k = 0; k < c->ncamps; k++) {
        double data = camp_data(sim, k, day), simc = sim->count[c->camp_loc[k]];
        double resc = sim_total > 0 ? simc * untot / sim_total : 0.0;
        err_abs += fabs(simc - data);
        err_resc += fabs(resc - data);
    }
    rec->camp_people = (long)sim_total;
    rec->data_total = untot;
    rec->ard = err_abs / denom;
    rec->ard_rescaled = err_resc / denom;
    return HS_OK;
}

hs_status hs_flight_sim_step(hs_flight_sim *sim, hs_error *err)
{
    hs_status st = reserve_day(sim, sim->day, err);
    if (st != HS_OK) return st;
    memset(&sim->days[sim->day], 0, sizeof sim->days[sim->day]);
    st = hs_schedule_run_day(&sim->schedule, sim->day, err);
    if (st == HS_OK) sim->day++;
    return st;
}

hs_status hs_flight_sim_run(hs_flight_sim *sim, long days,
                            void (*progress)(void *ctx, long done, long total), void *ctx,
                            hs_error *err)
{
    return hs_flight_run_checkpointed(sim, days, NULL, progress, ctx, err); /* without any */
}

long hs_flight_sim_days(const hs_flight_sim *sim)
{
    return sim->day;
}

const hs_flight_day *hs_flight_sim_day(const hs_flight_sim *sim, long d)
{
    return d >= 0 && d < sim->day ? &sim->days[d] : NULL;
}

const int32_t *hs_flight_sim_counts(const hs_flight_sim *sim, long d)
{
    return d >= 0 && d < sim->day ? sim->counts_hist + (size_t)d * (size_t)sim->nloc : NULL;
}

const struct hs_people *hs_flight_sim_people(const hs_flight_sim *sim)
{
    return &sim->people;
}

double hs_flight_sim_agent_days(const hs_flight_sim *sim)
{
    return sim->agent_days;
}

size_t hs_flight_sim_person_bytes(const hs_flight_sim *sim)
{
    (void)sim;
    return HS_PEOPLE_BYTES_PER_PERSON;
}

void hs_flight_sim_ard(const hs_flight_sim *sim, double *ard, double *ard_rescaled)
{
    double a = 0, r = 0;
    long n = 0;
    for (long d = 0; d < sim->day; d++) {
        if (isnan(sim->days[d].ard)) continue;
        a += sim->days[d].ard;
        r += sim->days[d].ard_rescaled;
        n++;
    }
    *ard = n ? a / (double)n : NAN;
    *ard_rescaled = n ? r / (double)n : NAN;
}
