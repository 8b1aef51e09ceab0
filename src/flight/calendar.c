/*
** calendar.c - the day's movement of a run that holds nobody (every Flee
** run), touching only the people who move: each person standing at a
** location carries the morning of their next move, and each day takes that
** morning's movers from a calendar.
**
** Why it is the same model. Under Flee's rules a person standing at a
** location without a planned route leaves on each morning with the chance p
** of that location (movechance, times the optional population term), a fresh
** Bernoulli draw every day, and nothing else about them changes while they
** stay (the stint average only halves). The mornings until they leave are
** then geometric: P(still there after k mornings) = (1 - p)^k. Drawing that
** waiting time once, as G = floor(log u / log(1 - p)) with u uniform on
** (0, 1), gives exactly P(G >= k) = P(u <= (1 - p)^k) = (1 - p)^k. When p
** changes (a conflict starts or ends, a camp closes or reopens, the
** population term moves), the person has stayed every morning so far, and the
** geometric law is memoryless: given that, the mornings still to wait under
** the new chance are again geometric with the new p, drawn afresh from today.
** A planned route makes the chance 1 (the next morning); the capacity of camps
** does not enter the chance of leaving at all in Flee's rules, only the route
** chosen and whether the step is cancelled, and both are evaluated when the
** person moves, from the state of that morning, exactly as before. So every
** person's sequence of moves has the distribution it had when every person
** drew every morning (tests/flight/test_calendar.c checks the first-move days
** against daily Bernoulli draws).
**
** What is kept: next[i] (the morning of the next move), stamp[i] (the first
** morning whose halving of the stint average is still owed: a person who stays
** has it halved each morning, paid in one ldexpf when they next move), per
** location the chance the draws assumed, a ring of CAL_WINDOW day slots of
** person indices and a far list for later days (sorted into the ring every
** CAL_WINDOW / 2 days). A slot may hold stale or repeated entries (a person
** whose day was redrawn); the day's movers are the entries whose next[i] still
** names the day, gathered through a bitmap into index order, which also makes
** the order in which entries were filed (thread by thread) irrelevant.
**
** Why it is reproducible on any number of threads: a waiting time is drawn
** from the person's own streams - after a move or a day's travel, from the
** words that day's HS_RNG_MOVE or HS_RNG_TRAVEL stream left unused; otherwise
** (a newcomer, a changed chance) from their HS_RNG_MOVE stream of that day at
** a counter block route choices never reach - each word used once; the movers and
** the travellers are processed in index order in the same blocks as before
** (move.c), with everything a decision reads frozen within a pass or block.
*/
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include "flight/flight_internal.h"

/* The counter block of a person's HS_RNG_MOVE stream that holds waiting
** times: route choices draw a handful of blocks from 0, never this far. */
#define CAL_BLOCK 0x80000000u

/* Threads for a pass over `work` people: one below CAL_PARALLEL_MIN, where
** starting and joining threads costs more than the pass (small cases run
** hundreds of days of a few hundred movers). Results never depend on it. */
#define CAL_PARALLEL_MIN 8192
static int cal_threads(long work, int nthreads)
{
    return work < CAL_PARALLEL_MIN ? 1 : nthreads;
}

static hs_status nomem(hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory (calendar)");
}

static int list_push(cal_list *l, uint32_t v)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 1024;
        uint32_t *q = realloc(l->v, cap * sizeof *q);
        if (!q) return -1;
        l->v = q;
        l->cap = cap;
    }
    l->v[l->n++] = v;
    return 0;
}

static int list_reserve(cal_list *l, size_t cap)
{
    if (cap <= l->cap) return 0;
    uint32_t *q = realloc(l->v, cap * sizeof *q);
    if (!q) return -1;
    l->v = q;
    l->cap = cap;
    return 0;
}

/* The morning, from `from` on, of the next move of a person with daily
** chance p (inv_log = 1 / log(1 - p)), from a uniform u on (0, 1): from + G,
** G = floor(log u / log(1 - p)), geometric (failures before the first success). */
static int32_t cal_day(long from, double p, double inv_log, double u)
{
    if (p >= 1.0) return (int32_t)from;
    if (!(p > 0.0)) return CAL_NEVER;
    if (p >= 0.25) {
        /* A short wait (towns, conflict zones): the same inversion, G the
        ** number of powers (1 - p)^k, k >= 1, at or above u, without a log. */
        double q = 1.0 - p, t = q;
        long g = 0;
        while (u <= t) {
            g++;
            t *= q;
        }
        return (int32_t)(from + g);
    }
    double g = floor(log(u) * inv_log);
    if (!(g < (double)(CAL_NEVER - 1) - (double)from)) return CAL_NEVER;
    return (int32_t)(from + (long)g);
}

/* Person i's next morning from `from` on, standing where they stand, with
** the uniform drawn from rs (a stream of theirs whose words are not used
** otherwise). */
static int32_t cal_next(const hs_flight_sim *sim, size_t i, long from, hs_stream *rs)
{
    const hs_people *p = &sim->people;
    if (p->status[i] & HS_PERSON_HAS_ROUTE) return (int32_t)from;
    int loc = p->loc[i];
    double chance = sim->cal.chance[loc];
    if (chance >= 1.0 || !(chance > 0.0)) return cal_day(from, chance, 0.0, 0.5);
    return cal_day(from, chance, sim->cal.inv_log[loc], hs_stream_u01_53(rs));
}

/* A waiting time drawn on its own (a newcomer, or a chance that changed):
** the person's HS_RNG_MOVE stream of day `from`, at a counter block route
** choices never reach. */
static int32_t cal_next_fresh(const hs_flight_sim *sim, size_t i, long from)
{
    hs_stream rs = hs_stream_open(sim->seed, hs_flight_gid(sim, i), (uint32_t)from, HS_RNG_MOVE);
    rs.ctr.v[3] = CAL_BLOCK;
    return cal_next(sim, i, from, &rs);
}

/* A location's chance, and its 1 / log(1 - chance). */
static void cal_set_chance(flight_calendar *k, int loc, double c)
{
    k->chance[loc] = c;
    k->inv_log[loc] = c > 0.0 && c < 1.0 ? 1.0 / log1p(-c) : 0.0;
}

/* File person i under next[i] (today: the day being run). */
static int cal_file(flight_calendar *k, uint32_t i, long today)
{
    int32_t when = k->next[i];
    if (when == CAL_NEVER || when == CAL_AWAY) return 0;
    if ((long)when - today < CAL_WINDOW) return list_push(&k->slot[when % CAL_WINDOW], i);
    return list_push(&k->far, i);
}

/* Room for every person the run holds, and per-thread lists. */
static hs_status cal_reserve(hs_flight_sim *sim, int nthreads, hs_error *err)
{
    flight_calendar *k = &sim->cal;
    size_t n = sim->people.n;
    if (n > k->cap) {
        size_t cap = k->cap ? k->cap : 1024;
        while (cap < n)
            cap *= 2;
        int32_t *next = realloc(k->next, cap * sizeof *next);
        if (!next) return nomem(err);
        k->next = next;
        int32_t *stamp = realloc(k->stamp, cap * sizeof *stamp);
        if (!stamp) return nomem(err);
        k->stamp = stamp;
        size_t words = (cap + 63) / 64;
        uint64_t *bits = realloc(k->bits, words * sizeof *bits);
        if (!bits) return nomem(err);
        memset(bits + k->nbits, 0, (words - k->nbits) * sizeof *bits);
        k->bits = bits;
        k->nbits = words;
        k->cap = cap;
    }
    if (nthreads > k->npend) {
        cal_list *pend = realloc(k->pend, (size_t)nthreads * sizeof *pend);
        if (!pend) return nomem(err);
        memset(pend + k->npend, 0, (size_t)(nthreads - k->npend) * sizeof *pend);
        k->pend = pend;
        k->npend = nthreads;
    }
    return HS_OK;
}

static hs_status cal_build(hs_flight_sim *sim, long day, hs_error *err)
{
    flight_calendar *k = &sim->cal;
    k->chance = malloc((size_t)sim->nloc * sizeof *k->chance + 1);
    k->inv_log = malloc((size_t)sim->nloc * sizeof *k->inv_log + 1);
    k->redraw = calloc((size_t)sim->nloc + 1, 1);
    if (!k->chance || !k->inv_log || !k->redraw) return nomem(err);
    for (int l = 0; l < sim->nloc; l++)
        cal_set_chance(k, l, hs_flight_location_chance(sim, l));
    /* Everyone the run holds is new to it (cal_add_new): people standing draw a
    ** morning from today, exact by memorylessness when the sweep ran before;
    ** people on links go on the travellers' list. */
    k->far_scan = day;
    k->on = 1;
    return HS_OK;
}

/* Every CAL_WINDOW / 2 days, the far list's entries due within the window go
** to their slots: an entry filed far lies CAL_WINDOW days or more after the
** day it was filed, so no day passes before the scan that moves it. */
static hs_status cal_scan_far(flight_calendar *k, long day, hs_error *err)
{
    size_t keep = 0;
    for (size_t j = 0; j < k->far.n; j++) {
        uint32_t i = k->far.v[j];
        int32_t when = k->next[i];
        if (when == CAL_AWAY || when == CAL_NEVER || when < day) continue; /* stale */
        if ((long)when - day < CAL_WINDOW) {
            if (list_push(&k->slot[when % CAL_WINDOW], i)) return nomem(err);
        } else {
            k->far.v[keep++] = i;
        }
    }
    k->far.n = keep;
    k->far_scan = day + CAL_WINDOW / 2;
    return HS_OK;
}

/* File every per-thread list, then empty them. */
static hs_status cal_file_pending(flight_calendar *k, long today, hs_error *err)
{
    for (int t = 0; t < k->npend; t++) {
        cal_list *l = &k->pend[t];
        for (size_t j = 0; j < l->n; j++)
            if (cal_file(k, l->v[j], today)) return nomem(err);
        l->n = 0;
    }
    return HS_OK;
}

/* Locations whose chance changed since their people's days were drawn
** (conflict, closures, the population term): those standing there without a
** route draw again from today, which memorylessness makes exact. One pass
** over the people, on the days something changed. */
static hs_status cal_redraw_changed(hs_flight_sim *sim, long day, int nthreads, hs_error *err)
{
    flight_calendar *k = &sim->cal;
    int any = 0;
    for (int l = 0; l < sim->nloc; l++) {
        double c = hs_flight_location_chance(sim, l);
        k->redraw[l] = c != k->chance[l];
        if (k->redraw[l]) {
            cal_set_chance(k, l, c);
            any = 1;
        }
    }
    if (!any) return HS_OK;
    const hs_people *p = &sim->people;
    long n = (long)k->n;
    int oom = 0;
#pragma omp parallel num_threads(cal_threads(n, nthreads))
    {
        cal_list *mine = &k->pend[omp_get_thread_num()];
#pragma omp for schedule(static)
        for (long j = 0; j < n; j++) {
            size_t i = (size_t)j;
            if (p->link[i] >= 0 || !k->redraw[p->loc[i]] || (p->status[i] & HS_PERSON_HAS_ROUTE))
                continue;
            k->next[i] = cal_next_fresh(sim, i, day);
            if (list_push(mine, (uint32_t)i)) {
#pragma omp atomic write
                oom = 1;
            }
        }
    }
    if (oom) return nomem(err);
    return cal_file_pending(k, day, err);
}

/* People added since yesterday (spawned, or placed by a test) get their
** first day, from today. */
static hs_status cal_add_new(hs_flight_sim *sim, long day, int nthreads, hs_error *err)
{
    flight_calendar *k = &sim->cal;
    const hs_people *p = &sim->people;
    long first = (long)k->n, n = (long)p->n;
#pragma omp parallel for schedule(static) num_threads(cal_threads(n - first, nthreads))
    for (long j = first; j < n; j++) {
        size_t i = (size_t)j;
        k->stamp[i] = (int32_t)day;
        k->next[i] = p->link[i] >= 0 ? CAL_AWAY : cal_next_fresh(sim, i, day);
    }
    for (long j = first; j < n; j++) {
        if (p->link[j] >= 0 ? list_push(&k->trav, (uint32_t)j) : cal_file(k, (uint32_t)j, day))
            return nomem(err);
    }
    k->n = (size_t)n;
    return HS_OK;
}

/* Today's movers, in index order: the entries of today's slot whose day is
** still today, each once. */
static hs_status cal_take_day(flight_calendar *k, long day, hs_error *err)
{
    cal_list *slot = &k->slot[day % CAL_WINDOW];
    size_t lo = k->nbits, hi = 0;
    for (size_t j = 0; j < slot->n; j++) {
        uint32_t i = slot->v[j];
        if (k->next[i] != day) continue;
        size_t w = i / 64;
        k->bits[w] |= (uint64_t)1 << (i % 64);
        if (w < lo) lo = w;
        if (w >= hi) hi = w + 1;
    }
    if (list_reserve(&k->movers, slot->n)) return nomem(err);
    slot->n = 0;
    k->movers.n = 0;
    for (size_t w = lo; w < hi; w++) {
        uint64_t b = k->bits[w];
        k->bits[w] = 0;
        while (b) {
            k->movers.v[k->movers.n++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(b));
            b &= b - 1;
        }
    }
    return HS_OK;
}

/* Movers are scattered through the arrays (a few in a hundred people on a
** typical day), so their entries are asked for CAL_AHEAD people in advance:
** the memory system then fetches several at once instead of one after another. */
#define CAL_AHEAD 8
static inline void cal_prefetch(const flight_calendar *k, const hs_people *p, uint32_t i)
{
    __builtin_prefetch(&p->loc[i]);
    __builtin_prefetch(&p->link[i]);
    __builtin_prefetch(&p->link_km[i]);
    __builtin_prefetch(&p->stint[i]);
    __builtin_prefetch(&p->status[i]);
    __builtin_prefetch(&k->next[i]);
    __builtin_prefetch(&k->stamp[i]);
}

/* The morning of mover i: pay the owed stint halvings, leave; a cancelled
** move (or nowhere to go) leaves them standing, and they draw again from
** tomorrow, from the words of the morning's stream the choice left. */
static int cal_morning(const hs_flight_mover *m, flight_calendar *k, hs_people *p, size_t i,
                       long day, cal_list *mine)
{
    long owed = day - k->stamp[i];
    p->stint[i] = ldexpf(p->stint[i], -(int)(owed < 400 ? owed : 400));
    hs_stream rs =
        hs_stream_open(m->sim->seed, hs_flight_gid(m->sim, i), (uint32_t)day, HS_RNG_MOVE);
    hs_flight_go(m, p, i, &rs);
    if (p->link[i] >= 0) {
        k->next[i] = CAL_AWAY;
        return 0;
    }
    p->stint[i] *= 0.5f;
    k->stamp[i] = (int32_t)(day + 1);
    k->next[i] = cal_next(m->sim, i, day + 1, &rs);
    return list_push(mine, (uint32_t)i);
}

/* A traveller's day; arriving to stand, they draw their next morning from
** the words of the day's travel stream the decisions left. */
static int cal_travel(const hs_flight_mover *m, flight_calendar *k, hs_people *p, size_t i,
                      long day, cal_list *mine)
{
    hs_stream rs =
        hs_stream_open(m->sim->seed, hs_flight_gid(m->sim, i), (uint32_t)day, HS_RNG_TRAVEL);
    hs_flight_travel(m, p, i, &rs);
    if (p->link[i] >= 0) return 0;
    k->stamp[i] = (int32_t)(day + 1);
    k->next[i] = cal_next(m->sim, i, day + 1, &rs);
    return list_push(mine, (uint32_t)i);
}

/* The travellers after the morning: yesterday's still on links, and today's
** movers now on one, merged in index order. */
static hs_status cal_merge_travellers(flight_calendar *k, const hs_people *p, hs_error *err)
{
    if (list_reserve(&k->spare, k->trav.n + k->movers.n)) return nomem(err);
    size_t a = 0, b = 0, n = 0;
    const cal_list *t = &k->trav, *mv = &k->movers;
    while (a < t->n || b < mv->n) {
        if (b < mv->n && p->link[mv->v[b]] < 0) {
            b++;
            continue;
        }
        if (b == mv->n || (a < t->n && t->v[a] < mv->v[b]))
            k->spare.v[n++] = t->v[a++];
        else
            k->spare.v[n++] = mv->v[b++];
    }
    k->spare.n = n;
    cal_list tmp = k->trav;
    k->trav = k->spare;
    k->spare = tmp;
    return HS_OK;
}

/* Pass 2's blocks over the travellers' list, as move.c cuts them: block b
** holds the whole run's travellers b x per .. (b + 1) x per - 1 in index
** order; edge[b] is the first entry of this rank's list in block b (b = 0 ..
** *nblocks); *total the whole run's travellers. */
static hs_status cal_blocks(hs_flight_sim *sim, long *edge, long *nblocks, long *total,
                            hs_error *err)
{
    const cal_list *t = &sim->cal.trav;
    long tn = (long)t->n, all = tn;
    int32_t *before = NULL;
    if (sim->nranks > 1) {
        hs_status st = hs_flight_chunk_reserve(sim, err);
        if (st != HS_OK) return st;
        before = sim->chunk_count;
        for (long j = 0; j < tn; j++)
            before[hs_flight_gid(sim, t->v[j]) / HS_FLIGHT_CHUNK]++;
        if ((st = hs_flight_chunk_offsets(sim, &all, err)) != HS_OK) return st;
    }
    long per = hs_flight_block_size(all);
    long nb = (all + per - 1) / per, b = 1;
    edge[0] = 0;
    if (!before) { /* one rank: the list is the whole run's */
        for (; b <= nb; b++)
            edge[b] = b * per < tn ? b * per : tn;
    } else {
        for (long j = 0; j < tn && b < nb; j++) {
            long ordinal = before[hs_flight_gid(sim, t->v[j]) / HS_FLIGHT_CHUNK]++;
            while (b < nb && ordinal >= b * per)
                edge[b++] = j;
        }
        for (; b <= nb; b++)
            edge[b] = tn;
    }
    *nblocks = nb;
    *total = all;
    return HS_OK;
}

hs_status hs_flight_calendar_move(hs_flight_sim *sim, long day, hs_error *err)
{
    flight_calendar *k = &sim->cal;
    hs_people *p = &sim->people;
    int nthreads = sim->threads > 0 ? sim->threads : omp_get_max_threads();
    hs_status st = hs_flight_delta_reserve(sim, nthreads, err);
    if (st == HS_OK && !k->on) st = cal_build(sim, day, err);
    if (st == HS_OK) st = cal_reserve(sim, nthreads, err);
    if (st == HS_OK && day >= k->far_scan) st = cal_scan_far(k, day, err);
    if (st == HS_OK) st = cal_redraw_changed(sim, day, nthreads, err);
    if (st == HS_OK) st = cal_add_new(sim, day, nthreads, err);
    if (st == HS_OK) st = cal_take_day(k, day, err);
    if (st != HS_OK) return st;

    long nmovers = (long)k->movers.n, nblocks = 0, travellers = 0;
    long edge[HS_FLIGHT_MAX_BLOCKS + 2];
    int oom = 0;
    /* Each rank may take its own team's size: the sums over ranks happen once
    ** per merge, in one thread of each team, whatever the team. */
    int team = cal_threads(nmovers + (long)k->trav.n, nthreads);
#pragma omp parallel num_threads(team)
    {
        int t = omp_get_thread_num();
        hs_flight_mover m = {
            sim, NULL, sim->c->geo, sim->s, sim->delta + (size_t)t * (size_t)sim->nloc, 0};
        hs_flight_live_cache(sim, t, &m);
        cal_list *mine = &k->pend[t];
        int bad = 0;
#pragma omp for schedule(static)
        for (long j = 0; j < nmovers; j++) {
            if (j + CAL_AHEAD < nmovers) cal_prefetch(k, p, k->movers.v[j + CAL_AHEAD]);
            bad |= cal_morning(&m, k, p, k->movers.v[j], day, mine);
        }
#pragma omp single
        {
            hs_flight_delta_merge(sim, nthreads);
            if (cal_merge_travellers(k, p, err) != HS_OK)
                oom = 1;
            else if ((st = cal_blocks(sim, edge, &nblocks, &travellers, err)) != HS_OK)
                nblocks = 0;
        }
        m.live = 1;
        for (long b = 0; b < nblocks; b++) {
            long lo = edge[b], hi = edge[b + 1];
#pragma omp for schedule(static)
            for (long j = lo; j < hi; j++) {
                if (j + CAL_AHEAD < hi) cal_prefetch(k, p, k->trav.v[j + CAL_AHEAD]);
                bad |= cal_travel(&m, k, p, k->trav.v[j], day, mine);
            }
#pragma omp single
            hs_flight_delta_merge(sim, nthreads);
        }
        if (bad) {
#pragma omp atomic write
            oom = 1;
        }
    }
    if (oom) return nomem(err);
    if (st != HS_OK) return st;
    /* So many on links that the sweep costs less: it runs from tomorrow. */
    if (travellers * HS_FLIGHT_SWEEP_ABOVE > (long)hs_flight_everyone(sim)) sim->cal_sweeping = 1;
    /* Travellers still on links stay on the list; the others were filed. */
    size_t keep = 0;
    for (size_t j = 0; j < k->trav.n; j++)
        if (p->link[k->trav.v[j]] >= 0) k->trav.v[keep++] = k->trav.v[j];
    k->trav.n = keep;
    st = cal_file_pending(k, day, err);
    return st == HS_OK ? hs_flight_comm_status(sim, err) : st;
}

void hs_flight_calendar_drop(hs_flight_sim *sim, long day)
{
    flight_calendar *k = &sim->cal;
    hs_people *p = &sim->people;
    for (size_t i = 0; i < k->n; i++)
        if (p->link[i] < 0) {
            long owed = day - k->stamp[i];
            p->stint[i] = ldexpf(p->stint[i], -(int)(owed < 400 ? owed : 400));
        }
    hs_flight_calendar_free(sim);
}

void hs_flight_calendar_free(hs_flight_sim *sim)
{
    flight_calendar *k = &sim->cal;
    free(k->next);
    free(k->stamp);
    free(k->chance);
    free(k->inv_log);
    free(k->redraw);
    for (int s = 0; s < CAL_WINDOW; s++)
        free(k->slot[s].v);
    free(k->far.v);
    free(k->bits);
    free(k->movers.v);
    free(k->trav.v);
    free(k->spare.v);
    for (int t = 0; t < k->npend; t++)
        free(k->pend[t].v);
    free(k->pend);
    memset(k, 0, sizeof *k);
}
