/*
** move.c - each person's day: decide whether to leave, pick a route, travel
** up to the day's distance, and decide again on arriving with distance left.
**
** Flee's rules (flee-rules.md, docs/odd/flight.md):
**  - a person standing at a location leaves with probability movechance
**    (1 while a planned route remains; 1 at a town when avoid_short_stints
**    says the recent stints were short);
**  - a leaving person without a route picks one of the location's candidates
**    with probability proportional to its weight (route.c); the route is
**    dropped if its next link is closed or its final camp is nearly full
**    (CapMult < 0.5), and that move is lost;
**  - travel: each hop gets max_move_speed km of progress (max_walk_speed on
**    the first link with start_on_foot); arriving needs progress strictly
**    beyond the link's length; progress carries over to the next day; a person
**    who arrives while the km completed today are below the speed decides
**    again at once (multi-hop days); a person whose link closed behind them
**    goes back to its start on arrival;
**  - avoid_short_stints keeps r = (r + km_today / max_move_speed) / 2.
**
** The day has Flee's two passes. Pass 1: everyone standing decides, with
** occupancy as it stood in the morning (in Flee this pass only sees
** departures). Pass 2: everyone on a link travels, and decides again on
** arriving with distance left; here occupancy matters, because a camp filling
** up during the day should turn later arrivals away. Flee updates occupancy
** person by person in list order. humsec takes the people in blocks of
** consecutive indices (a fixed size, independent of threads) and updates
** occupancy after each block.
**
** A run that holds nobody (every Flee run) does not ask everyone each
** morning: calendar.c draws each person's next morning of moving once and
** takes only that morning's movers through go() and the same pass 2 (the
** same model in distribution: see there). This file's morning sweep serves a
** run hosted by another model, whose hold flags change from inside the
** host's own pass.
**
** Why it is parallel and still reproducible: every person's draws come from
** their own streams (seed, person, day, HS_RNG_MOVE / HS_RNG_TRAVEL), and
** within a pass or a block everything a decision reads - scores, open links,
** occupancy - is frozen, so people are independent there and any thread may
** take any person. Arrivals and departures are counted per thread and summed
** after the pass or block: integers in any order give the same totals.
*/
#include <humsec/rng.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include "flight/flight_internal.h"

typedef hs_flight_mover mover;

/* The first candidate in [a, b) whose cumulative weight exceeds x (x < the
** total): a scan for the few candidates of a typical location, else bisection. */
static int first_above(const double *cumw, int a, int b, double x)
{
    if (b - a <= 8) {
        while (a < b - 1 && !(cumw[a] > x))
            a++;
        return a;
    }
    int lo = a, hi = b - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (cumw[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Weight of candidate k with CapMult from the counts as they stand now. */
static double live_weight(const mover *m, int k)
{
    const route_table *t = &m->sim->routes;
    double cap = hs_flight_capmult(m->sim, t->end[k]);
    if (m->s->weight_power != 1.0) cap = pow(cap, m->s->weight_power);
    return t->basew[k] * cap;
}

/* The cumulative live weights of loc's candidates (pruned as Flee prunes), in
** cum[a..b-1], summed in Flee's order (all 0: Flee picks uniformly). */
static void live_cumulative(const mover *m, int a, int b, double *cum)
{
    double maxw = 0.0, cut = m->s->pruning_threshold >= 1.001 ? m->s->pruning_threshold : 0.0;
    for (int k = a; k < b; k++) {
        cum[k] = live_weight(m, k);
        if (cut > 0.0) maxw = fmax(maxw, cum[k]);
    }
    double run = 0.0;
    for (int k = a; k < b; k++) {
        run += (cut > 0.0 && cum[k] < maxw / cut) ? 0.0 : cum[k];
        cum[k] = run;
    }
}

/* Pick a candidate route at loc; returns its index or -1 if there is none.
** In pass 2, where camps fill as blocks of travellers arrive, the weights of
** a location with camps among its destinations are recomputed from the
** current counts (as Flee, which updates counts person by person, does):
** once per location and block in each thread, as the counts only change
** between blocks. */
static int choose(const mover *m, int loc, hs_stream *rs)
{
    const route_table *t = &m->sim->routes;
    int a = t->start[loc], b = t->start[loc + 1];
    if (a == b) return -1;
    if (!(m->live && t->crowd[loc]))
        return first_above(t->cumw, a, b, hs_stream_u01(rs) * t->cumw[b - 1]);
    double *cum = m->live_cum;
    if (m->live_stamp[loc] != m->sim->counts_epoch) {
        live_cumulative(m, a, b, cum);
        m->live_stamp[loc] = m->sim->counts_epoch;
    }
    if (!(cum[b - 1] > 0.0)) /* every weight 0: uniformly */
        return a + (int)fmin((double)(b - a - 1), floor(hs_stream_u01(rs) * (double)(b - a)));
    return first_above(cum, a, b, hs_stream_u01(rs) * cum[b - 1]);
}

/* A host's trip ends (or waits) here: person i is held from the next morning. */
static void hold_here(const mover *m, size_t i)
{
    hs_flight_hold_at(m->held, m->held_since, m->sim->next_morning, i);
}

/* Leave the route: it is cancelled. */
static void drop_route(hs_people *p, size_t i)
{
    /* Without a plan the route is already all -1: leave its memory untouched. */
    if (!(p->status[i] & HS_PERSON_HAS_ROUTE)) return;
    int32_t *route = p->route + i * HS_ROUTE_MAX;
    for (int k = 0; k < HS_ROUTE_MAX; k++)
        route[k] = -1;
    p->status[i] &= (uint8_t)~HS_PERSON_HAS_ROUTE;
}

/* Step onto link towards the route's next location; final is the route's
** destination. A nearly full camp (CapMult < 0.5) cancels the move. */
static void step(const mover *m, hs_people *p, size_t i, int link, int final, int rest)
{
    const hs_flight_sim *sim = m->sim;
    if (link < 0 || (sim->is_camp[final] && hs_flight_capmult(sim, final) < 0.5)) {
        drop_route(p, i);
        /* A host's trip waits where it is for the host to plan it again. */
        if (p->status[i] & HS_PERSON_TRIP) hold_here(m, i);
        return;
    }
    if (rest == 0) drop_route(p, i);
    m->delta[p->loc[i]]--;
    p->link[i] = link;
    p->link_km[i] = 0.0f;
    p->status[i] |= HS_PERSON_TRAVELLING;
}

double hs_flight_location_chance(const hs_flight_sim *sim, int loc)
{
    double mc = sim->movechance[loc];
    if (sim->s->movechance_pop_scale_factor != 0.0) {
        double size =
            sim->population[loc] > sim->capacity[loc] ? sim->population[loc] : sim->capacity[loc];
        mc *= pow(size / sim->s->movechance_pop_base, sim->s->movechance_pop_scale_factor);
    }
    return mc;
}

/* The chance that person i leaves their location now: the location's
** movechance (times the optional population term), or 1 while a planned route
** remains, or 1 at a town when avoid_short_stints forces a move. */
static double move_chance(const mover *m, const hs_people *p, size_t i, int force)
{
    int loc = p->loc[i];
    if ((p->status[i] & HS_PERSON_HAS_ROUTE) || (force && m->sim->is_town[loc])) return 1.0;
    return hs_flight_location_chance(m->sim, loc);
}

/* Person i leaves: follow the planned route, or choose one; step onto its
** first link unless that is closed or the destination camp is nearly full. */
void hs_flight_go(const mover *m, hs_people *p, size_t i, hs_stream *rs)
{
    const hs_flight_sim *sim = m->sim;
    int loc = p->loc[i];
    int32_t *route = p->route + i * HS_ROUTE_MAX;
    int has_route = (p->status[i] & HS_PERSON_HAS_ROUTE) != 0;
    if (!has_route) {
        /* A fresh choice from today's table: its first link is open. */
        int k = choose(m, loc, rs);
        if (k < 0) return; /* nowhere to go (every link closed) */
        const int32_t *path = sim->routes.path + (size_t)k * HS_ROUTE_MAX;
        int len = sim->routes.len[k];
        if (len > 1) {
            /* Keep the rest of the path for the following hops. */
            for (int j = 0; j < HS_ROUTE_MAX; j++)
                route[j] = j + 1 < len ? path[j + 1] : -1;
            p->status[i] |= HS_PERSON_HAS_ROUTE;
        }
        step(m, p, i, sim->routes.first[k], path[len - 1], len - 1);
        return;
    }
    /* A planned route: the open link to its next location, if any. */
    int link = -1;
    for (int k = m->w->adj_start[loc]; k < m->w->adj_start[loc + 1]; k++) {
        int l = m->w->adj_link[k];
        if (m->w->link_to[l] == route[0] && !sim->link_closed[l]) {
            link = l;
            break;
        }
    }
    int last = 0;
    while (last + 1 < HS_ROUTE_MAX && route[last + 1] >= 0)
        last++;
    int final = route[last];
    memmove(route, route + 1, (HS_ROUTE_MAX - 1) * sizeof *route);
    route[HS_ROUTE_MAX - 1] = -1;
    step(m, p, i, link, final, last);
}

/* Decide at the current location (force: avoid_short_stints asks a town to
** be left) and, on a move, step onto the first link of the route. */
static void decide(const mover *m, hs_people *p, size_t i, int force, hs_stream *rs)
{
    double mc = move_chance(m, p, i, force);
    if (mc < 1.0 && !(hs_stream_u01(rs) < mc)) return;
    hs_flight_go(m, p, i, rs);
}

/* Pass 1: the people 4g .. 4g+3 standing in the morning decide. Most stay,
** so the stay-or-go test is the hot path: one Philox block gives the four of
** them their test numbers (word k for person 4g+k), and a person who goes
** draws the route from their own stream. People who stay have travelled
** nothing today: their running average halves now.
**
** What the morning asks of a group: nothing when the four are held (so none is
** on a link: a host holds only people standing); when no one is free to decide,
** only that the standing halve (the held owe it: hs_flight_hold_from); else the
** decisions, which need the group's block. */
enum { MORNING_HELD, MORNING_STAND, MORNING_FREE };

static int morning_kind(const mover *m, const hs_people *p, size_t g, size_t n)
{
    size_t end = 4 * g + 4 < n ? 4 * g + 4 : n;
    /* In a hosted run most people are held (at home), and a held person always
    ** stands. A group of four with no one free to decide needs no block - the
    ** block's words belong to their places in the group, so skipping it changes
    ** no one's numbers - and four held (one load of their flags) need nothing. */
    const uint8_t *held = m->held;
    if (held && end == 4 * g + 4) {
        uint32_t four;
        memcpy(&four, held + 4 * g, sizeof four);
        if (four == 0x01010101u) return MORNING_HELD;
    }
    int anyone_free = 0;
    for (size_t i = 4 * g; i < end; i++)
        anyone_free |= p->link[i] < 0 && !(held && held[i]);
    return anyone_free ? MORNING_FREE : MORNING_STAND;
}

/* No one free: without a host, everyone standing halves (with one, the held owe it). */
static void morning_stand(const mover *m, hs_people *p, size_t g, size_t n)
{
    size_t end = 4 * g + 4 < n ? 4 * g + 4 : n;
    if (!m->held)
        for (size_t i = 4 * g; i < end; i++)
            if (p->link[i] < 0) p->stint[i] *= 0.5f;
}

/* The free decide, with w the group's block (HS_RNG_MORNING, the group's place
** in the whole run: a rank's groups of four are whole groups of the run). */
static void morning_decide(const mover *m, hs_people *p, size_t g, size_t n, long day,
                           const uint32_t w[4])
{
    size_t end = 4 * g + 4 < n ? 4 * g + 4 : n;
    const uint8_t *held = m->held;
    for (size_t i = 4 * g; i < end; i++) {
        double u = hs_word_u01(w[i - 4 * g]);
        if (p->link[i] >= 0 || (held && held[i])) continue;
        double mc = move_chance(m, p, i, 0);
        if (mc >= 1.0 || u < mc) {
            hs_stream rs =
                hs_stream_open(m->sim->seed, hs_flight_gid(m->sim, i), (uint32_t)day, HS_RNG_MOVE);
            hs_flight_go(m, p, i, &rs);
        }
        if (p->link[i] < 0) p->stint[i] *= 0.5f;
    }
}

/* The morning of group g with its block drawn here (over ranks: no list).
** Returns 0 when the four are held. */
static int morning(const mover *m, hs_people *p, size_t g, size_t n, long day)
{
    int kind = morning_kind(m, p, g, n);
    if (kind == MORNING_STAND) morning_stand(m, p, g, n);
    if (kind == MORNING_FREE) {
        hs_stream block = hs_stream_open(m->sim->seed, hs_flight_gid(m->sim, 4 * g) / 4,
                                         (uint32_t)day, HS_RNG_MORNING);
        uint32_t w[4];
        for (int k = 0; k < 4; k++)
            w[k] = hs_stream_u32(&block);
        morning_decide(m, p, g, n, day, w);
    }
    return kind != MORNING_HELD;
}

/* Pass 2: a person on a link travels; arriving with distance left, they
** decide again (and may travel on) the same day. */
void hs_flight_travel(const mover *m, hs_people *p, size_t i, hs_stream *rs)
{
    const hs_flight_settings *s = m->s;
    double recent = p->stint[i], moved = 0.0;
    while (p->link[i] >= 0) {
        int l = p->link[i];
        double speed = s->max_move_speed;
        if (s->start_on_foot && !(p->status[i] & HS_PERSON_WALKED)) speed = s->max_walk_speed;
        double progress = p->link_km[i] + speed;
        moved += speed;
        double km = m->w->link_km[l];
        if (!(progress > km)) {
            p->link_km[i] = (float)progress; /* still on the link tomorrow */
            break;
        }
        moved += km - progress; /* count only the km actually used */
        p->status[i] |= HS_PERSON_WALKED;
        p->link[i] = -1;
        p->link_km[i] = 0.0f;
        p->status[i] &= (uint8_t)~HS_PERSON_TRAVELLING;
        if (m->sim->link_closed[l]) {
            /* The link closed while they were on it: back to where it starts. */
            p->loc[i] = m->w->link_from[l];
            m->delta[p->loc[i]]++;
            break;
        }
        p->loc[i] = m->w->link_to[l];
        m->delta[p->loc[i]]++;
        if ((p->status[i] & HS_PERSON_TRIP) && !(p->status[i] & HS_PERSON_HAS_ROUTE)) {
            /* The end of a host's trip: held here, no decision of Flee's. */
            p->status[i] &= (uint8_t)~HS_PERSON_TRIP;
            hold_here(m, i);
            break;
        }
        if (!(moved < speed)) break;
        int force = s->avoid_short_stints && (recent + moved / s->max_move_speed) / 2.0 < 0.5;
        decide(m, p, i, force, rs);
    }
    p->stint[i] = (float)((recent + moved / s->max_move_speed) / 2.0);
}

#define MAX_BLOCKS HS_FLIGHT_MAX_BLOCKS

/* Cut this rank's people [0, n) into blocks of consecutive people: block b
** holds the whole run's travellers b x per .. (b + 1) x per - 1 in index order
** (the last fewer), per = hs_flight_block_size(travellers),
** so the blocks depend on the people only, never on threads or ranks.
** bounds[0..*nblocks] gets this rank's block edges; *count the whole run's
** travellers. */
static hs_status travel_blocks(hs_flight_sim *sim, long n, long *bounds, long *nblocks, long *count,
                               hs_error *err)
{
    const hs_people *p = &sim->people;
    int32_t *before = NULL; /* over ranks: the whole run's travellers before each chunk */
    long travellers = 0;
    if (sim->nranks <= 1) {
        for (long i = 0; i < n; i++)
            travellers += p->link[i] >= 0;
    } else {
        hs_status st = hs_flight_chunk_reserve(sim, err);
        if (st != HS_OK) return st;
        before = sim->chunk_count;
        for (long i = 0; i < n; i++)
            before[hs_flight_gid(sim, (size_t)i) / HS_FLIGHT_CHUNK] += p->link[i] >= 0;
        if ((st = hs_flight_chunk_offsets(sim, &travellers, err)) != HS_OK) return st;
    }
    *count = travellers;
    long per = hs_flight_block_size(travellers);
    long k = travellers > per ? (travellers + per - 1) / per : 1, b = 1, seen = 0;
    bounds[0] = 0;
    for (long i = 0; i < n && b < k; i++) {
        if (p->link[i] < 0) continue;
        long ordinal = before ? before[hs_flight_gid(sim, (size_t)i) / HS_FLIGHT_CHUNK]++ : seen++;
        while (b < k && ordinal >= b * per)
            bounds[b++] = i;
    }
    while (b <= k)
        bounds[b++] = n;
    *nblocks = k;
    return HS_OK;
}

/* The sweep's morning (one rank) in pieces of this many groups of four, taken
** by threads as they free up (the free people, who cost the most, sit together). */
#define SWEEP_PIECE 1024

/* Room for the sweep's list of travellers (every person) and a count per piece. */
static hs_status sweep_reserve(hs_flight_sim *sim, size_t n, long pieces, hs_error *err)
{
    if (n > sim->sweep_cap) {
        uint32_t *v = realloc(sim->sweep_trav, n * sizeof *v);
        if (!v) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        sim->sweep_trav = v;
        sim->sweep_cap = n;
    }
    if (pieces > sim->sweep_pieces) {
        long *c = realloc(sim->sweep_count, (size_t)pieces * sizeof *c);
        if (!c) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        sim->sweep_count = c;
        sim->sweep_pieces = pieces;
    }
    return HS_OK;
}

/* In a hosted run the free people are scattered among the held, whose groups
** the morning passes by, so the hardware's prefetchers see no stream in the
** arrays that only the free read: each free group missed on its lines (by perf,
** a third of the morning). The held flags are read in order anyway; sixteen
** people ahead (a line of each four-byte array) with someone free have their
** lines asked for now. */
#define MORNING_AHEAD 64

static inline void prefetch_free(const mover *m, const hs_people *p, long i)
{
    uint64_t held[2];
    memcpy(held, m->held + i, sizeof held);
    if ((held[0] & held[1]) == 0x0101010101010101u) return; /* flags are 0 or 1 */
    __builtin_prefetch(p->link + i);
    __builtin_prefetch(p->loc + i);
    __builtin_prefetch(p->stint + i, 1);
    __builtin_prefetch(p->status + i);
}

/* Pass 2 takes the travellers from the sweep's list: scattered too, so each is
** asked for this many ahead. */
#define TRAVEL_AHEAD 8

static inline void prefetch_traveller(const hs_people *p, uint32_t i)
{
    __builtin_prefetch(p->link + i, 1);
    __builtin_prefetch(p->link_km + i, 1);
    __builtin_prefetch(p->stint + i, 1);
    __builtin_prefetch(p->status + i, 1);
    __builtin_prefetch(p->loc + i, 1);
}

/* Pass 1 over the groups of four of piece k; the travellers it leaves go, in
** index order, to the sweep's list from entry 4 x (its first group) on, and
** their number to the piece's count. The groups with someone free have their
** blocks drawn together, in lanes (hs_stream_lanes: the same words as one
** stream at a time, which was a fifth of the morning), between two passes over
** the piece: a group's decisions change only its own people, so who needs a
** block is known before anyone decides. */
static void morning_piece(const mover *m, hs_people *p, long k, long groups, long n, long day,
                          uint32_t *trav, long *count)
{
    long g0 = k * SWEEP_PIECE, g1 = g0 + SWEEP_PIECE < groups ? g0 + SWEEP_PIECE : groups;
    uint8_t kind[SWEEP_PIECE];
    uint32_t ids[SWEEP_PIECE], words[4][SWEEP_PIECE];
    long nfree = 0;
    for (long g = g0; g < g1; g++) {
        long ahead = 4 * g + MORNING_AHEAD;
        if (m->held && (ahead & 15) == 0 && ahead + 16 <= n) prefetch_free(m, p, ahead);
        kind[g - g0] = (uint8_t)morning_kind(m, p, (size_t)g, (size_t)n);
        if (kind[g - g0] == MORNING_FREE) ids[nfree++] = hs_flight_gid(m->sim, 4 * (size_t)g) / 4;
    }
    uint32_t *const wp[4] = {words[0], words[1], words[2], words[3]};
    if (nfree > 0) hs_stream_lanes(m->sim->seed, ids, nfree, (uint32_t)day, HS_RNG_MORNING, 0, wp);
    uint32_t *list = trav + 4 * g0;
    long c = 0, f = 0;
    for (long g = g0; g < g1; g++) {
        if (kind[g - g0] == MORNING_HELD) continue;
        if (kind[g - g0] == MORNING_STAND) {
            morning_stand(m, p, (size_t)g, (size_t)n);
        } else {
            const uint32_t w[4] = {words[0][f], words[1][f], words[2][f], words[3][f]};
            f++;
            morning_decide(m, p, (size_t)g, (size_t)n, day, w);
        }
        long end = 4 * g + 4 < n ? 4 * g + 4 : n;
        for (long i = 4 * g; i < end; i++)
            if (p->link[i] >= 0) list[c++] = (uint32_t)i;
    }
    count[k] = c;
}

/* The pieces' lists made one, in index order; pass 2's blocks cut it as
** travel_blocks cuts the people: per travellers a block. */
static long sweep_blocks(hs_flight_sim *sim, long pieces, long *bounds, long *nblocks)
{
    long travellers = 0;
    for (long k = 0; k < pieces; k++) {
        long c = sim->sweep_count[k];
        memmove(sim->sweep_trav + travellers, sim->sweep_trav + 4 * k * SWEEP_PIECE,
                (size_t)c * sizeof *sim->sweep_trav);
        travellers += c;
    }
    long per = hs_flight_block_size(travellers);
    long k = travellers > per ? (travellers + per - 1) / per : 1;
    for (long b = 0; b <= k; b++)
        bounds[b] = b * per < travellers ? b * per : travellers;
    *nblocks = k;
    return travellers;
}

hs_status hs_flight_move_step(void *model, long day, hs_error *err)
{
    hs_flight_sim *sim = model;
    /* A run that holds nobody takes its morning movers from the calendar,
    ** unless so many move that asking everyone costs less (cal_sweeping). */
    int sweep = sim->held || sim->cal_policy == HS_FLIGHT_SAMPLER_SWEEP ||
                (sim->cal_policy == HS_FLIGHT_SAMPLER_AUTO && sim->cal_sweeping);
    if (!sweep) return hs_flight_calendar_move(sim, day, err);
    if (sim->cal.on) hs_flight_calendar_drop(sim, day);
    sim->next_morning = day + 1; /* who is held from today on owes from tomorrow */
    hs_people *p = &sim->people;
    int nthreads = sim->threads > 0 ? sim->threads : omp_get_max_threads();
    hs_status st = hs_flight_delta_reserve(sim, nthreads, err);
    if (st != HS_OK) return st;
    long n = (long)p->n, nblocks = 0, travellers = 0, groups = (n + 3) / 4;
    long bounds[MAX_BLOCKS + 2];
    /* One rank lists the travellers as the morning leaves them, so pass 2 neither
    ** scans everyone again nor cuts its blocks alone; over ranks a traveller's
    ** block depends on the other ranks' travellers (travel_blocks). */
    int listed = sim->nranks <= 1;
    long pieces = (groups + SWEEP_PIECE - 1) / SWEEP_PIECE;
    if (listed && (st = sweep_reserve(sim, (size_t)n, pieces, err)) != HS_OK) return st;
#pragma omp parallel num_threads(nthreads)
    {
        int t = omp_get_thread_num();
        mover m = {sim, sim->held, sim->c->geo, sim->s, sim->delta + (size_t)t * (size_t)sim->nloc,
                   0};
        m.held_since = sim->held_since;
        hs_flight_live_cache(sim, t, &m);
        if (listed) {
#pragma omp for schedule(dynamic, 1)
            for (long k = 0; k < pieces; k++)
                morning_piece(&m, p, k, groups, n, day, sim->sweep_trav, sim->sweep_count);
        } else {
#pragma omp for schedule(static)
            for (long g = 0; g < groups; g++)
                morning(&m, p, (size_t)g, (size_t)n, day);
        }
#pragma omp single
        {
            hs_flight_delta_merge(sim, nthreads);
            if (listed) {
                travellers = sweep_blocks(sim, pieces, bounds, &nblocks);
            } else {
                st = travel_blocks(sim, n, bounds, &nblocks, &travellers, err);
                if (st != HS_OK) nblocks = 0;
            }
        }
        m.live = 1;
        for (long b = 0; b < nblocks; b++) {
#pragma omp for schedule(static)
            for (long j = bounds[b]; j < bounds[b + 1]; j++) {
                long i = listed ? (long)sim->sweep_trav[j] : j;
                if (listed && j + TRAVEL_AHEAD < bounds[b + 1])
                    prefetch_traveller(p, sim->sweep_trav[j + TRAVEL_AHEAD]);
                if (p->link[i] >= 0) {
                    hs_stream rs = hs_stream_open(sim->seed, hs_flight_gid(sim, (size_t)i),
                                                  (uint32_t)day, HS_RNG_TRAVEL);
                    hs_flight_travel(&m, p, (size_t)i, &rs);
                }
            }
#pragma omp single
            hs_flight_delta_merge(sim, nthreads);
        }
    }
    if (st != HS_OK) return st;
    if (travellers * HS_FLIGHT_CALENDAR_BELOW < (long)hs_flight_everyone(sim))
        sim->cal_sweeping = 0;
    return hs_flight_comm_status(sim, err);
}
