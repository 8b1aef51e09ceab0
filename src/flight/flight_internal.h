/*
** flight_internal.h - what the flight modules share inside libhumsec: the
** run's state (hs_flight_sim) and the functions each module provides to the
** daily schedule. Not part of the public API.
*/
#ifndef HUMSEC_FLIGHT_INTERNAL_H
#define HUMSEC_FLIGHT_INTERNAL_H

#include <stdint.h>
#include <humsec/flight.h>
#include <humsec/people.h>
#include <humsec/ranks.h>
#include <humsec/rng.h>
#include <humsec/schedule.h>

/* A file of an embedded case: path relative to the case folder, and its text. */
typedef struct hs_flight_embedded_file {
    const char *path;
    const char *text;
} hs_flight_embedded_file;

/* An empty case owning an empty map (every loader starts here). */
hs_status hs_flight_case_init(hs_flight_case *c, hs_error *err);

/* Read a case from folders or from embedded files (one of dir, embedded). */
hs_status hs_flight_case_read(hs_flight_case *c, const char *name, const char *dir,
                              const char *source_dir, const hs_flight_embedded_file *embedded,
                              const hs_flight_settings *s, hs_error *err);

/* Route candidates of one location for one day (see route.c): paths of up to
** awareness_level hops, every prefix a candidate, with cumulative weights. */
typedef struct route_table {
    int32_t *start;   /* nloc + 1: candidates of location i are start[i] .. start[i+1]-1 */
    int32_t *path;    /* HS_ROUTE_MAX entries per candidate (-1 padded), excluding the origin */
    int32_t *first;   /* per candidate: the link to its first location */
    uint8_t *len;     /* per candidate: locations on the path */
    double *cumw;     /* cumulative weight within the location's candidates */
    double *basew;    /* per candidate: its weight with CapMult left out */
    int32_t *end;     /* per candidate: its destination */
    uint8_t *uniform; /* per location: all weights were 0, choose uniformly */
    uint8_t *crowd;   /* per location: some candidate's destination has a capacity */
    int32_t n, cap;
} route_table;

/*
** The calendar of morning moves (calendar.c) of a run that holds nobody (a
** Flee run): each person standing at a location carries the morning of their
** next move, drawn from the geometric waiting time of the chance that applies
** to them, and each morning takes only that day's movers.
**
** next[i]: the morning of person i's next move (CAL_NEVER: none within
** reach), or CAL_AWAY while on a link. Entries live in the ring slot of their
** day when it lies within CAL_WINDOW days, else in the far list; an entry is
** stale (skipped) when next[i] no longer names its day. stamp[i]: the first
** morning whose halving of person i's stint (avoid_short_stints) is still owed.
*/
#define CAL_WINDOW 512
#define CAL_NEVER INT32_MAX
#define CAL_AWAY (-1)

typedef struct cal_list {
    uint32_t *v;
    size_t n, cap;
} cal_list;

typedef struct flight_calendar {
    int on;          /* built: this run's morning moves follow the calendar */
    size_t n, cap;   /* people with an entry are [0, n) */
    int32_t *next;   /* per person */
    int32_t *stamp;  /* per person */
    double *chance;  /* per location: the chance its people's draws assumed */
    double *inv_log; /* per location: 1 / log(1 - chance), for the waiting times */
    uint8_t *redraw; /* per location: scratch, the chance changed today */
    cal_list slot[CAL_WINDOW];
    cal_list far;
    long far_scan;        /* the day the far list is next sorted into slots */
    uint64_t *bits;       /* one bit per person: scratch for the day's movers */
    size_t nbits;         /* words in bits */
    cal_list movers;      /* today's movers, by index */
    cal_list trav, spare; /* travellers on links, by index, and merge room */
    cal_list *pend;       /* per thread: people given a new day, to file */
    int npend;
} flight_calendar;

/* What a thread moving people needs (move.c, calendar.c). */
typedef struct hs_flight_mover {
    const struct hs_flight_sim *sim;
    uint8_t *held; /* hold flags of a hosted run (a person's own entry only), or NULL */
    const hs_geo *w;
    const hs_flight_settings *s;
    int32_t *delta; /* this thread's location count changes */
    int live;       /* weigh camps by the counts as they stand now (pass 2) */
    /* This thread's cache of a location's cumulative live weights (move.c's
    ** choose): live_cum per candidate, valid where live_stamp[loc] is the
    ** counts' epoch; NULL: no cache (weights computed at each choice). */
    double *live_cum;
    uint32_t *live_stamp;
    int32_t *held_since; /* with held: the first morning a person held now owes (own entry) */
} hs_flight_mover;

/* Blocks of pass 2 (move.c): each holds at least HS_FLIGHT_MIN_BLOCK
** travellers (small enough that a camp filling up is seen within the day) and
** there are at most HS_FLIGHT_MAX_BLOCKS a day (each costs a barrier). Both
** depend on the people only, never on threads. */
#define HS_FLIGHT_MIN_BLOCK 4096
#define HS_FLIGHT_MAX_BLOCKS 32
/* Travellers a block of pass 2 holds, for a day of `travellers` in all. */
static inline long hs_flight_block_size(long travellers)
{
    long per = (travellers + HS_FLIGHT_MAX_BLOCKS - 1) / HS_FLIGHT_MAX_BLOCKS;
    return per < HS_FLIGHT_MIN_BLOCK ? HS_FLIGHT_MIN_BLOCK : per;
}

struct hs_flight_sim {
    const hs_flight_case *c;
    const hs_flight_settings *s;
    uint64_t seed;
    int threads;
    long day; /* next day to simulate */
    hs_schedule schedule;

    hs_people people;

    /* Per location, what changes during a run. */
    int nloc;
    uint8_t *is_camp;   /* a camp or IDP camp now (closures turn camps into towns) */
    uint8_t *is_town;   /* Flee's town flag: avoid_short_stints forces a move here */
    uint8_t *is_marker; /* waypoint: not a destination, not a hop */
    uint8_t *foreign;   /* in another state than the first location */
    double *movechance;
    double *conflict;     /* intensity; <= 0 means no conflict */
    long *conflict_start; /* day the conflict began */
    double *score;        /* attractiveness S, recomputed daily */
    double *capacity;     /* camp capacity (after the day-0 reduction), or -1 */
    double *population;   /* residents, for spawn weights */
    int32_t *count;       /* people at the location (not on links) */
    double *spawn_weight; /* data-mode origin weights, and their running sum */
    double *spawn_cdf;

    /* Per directed link: how many closures hold it shut (0 = open). */
    int32_t *link_closed;

    route_table routes;

    /* Data-driven spawning. */
    double debt;
    double *day0pop; /* per validation camp: D(c, 0) */

    /* Daily record. */
    hs_flight_day *days;
    int32_t *counts_hist; /* days x nloc */
    long cap_days;
    double agent_days;

    /* Per-thread scratch: location count changes during movement. */
    int nthreads_alloc;
    int32_t *delta; /* nthreads_alloc x nloc */
    /* Per-thread caches of live route weights (hs_flight_mover): nthreads_alloc
    ** x live_routes doubles and x nloc stamps. counts_epoch changes whenever the
    ** counts do (hs_flight_delta_merge), so a stamp of an earlier epoch is stale. */
    double *live_cum;
    uint32_t *live_stamp;
    int32_t live_routes, live_threads;
    uint32_t counts_epoch;
    int delta_threads; /* rows in use by a host's changes (hosted.c) */

    /* Hold flags of a run hosted by another model (hosted.c): a person with
    ** held[i] != 0 makes no morning decision. NULL until the host adds
    ** people, and in every Flee run. */
    uint8_t *held;
    size_t held_cap;
    /* A held person stands where they are, and the morning passes them by: the
    ** halving of their stint average each morning (move.c) is owed instead, from
    ** the morning held_since[i] on, and paid exactly (hs_flight_stint_owed) when
    ** they are released or saved. next_morning: the first morning not yet run. */
    int32_t *held_since;
    long next_morning;
    /* nloc x nloc: the next location on a shortest path (km) from a to b, or
    ** -1 (hosted.c; built for the first trip a host plans). */
    int32_t *next_hop;

    /* Morning moves by calendar (calendar.c); off in hosted runs. Which of
    ** the two samplers a Flee run uses on a day (both the same model in
    ** distribution): cal_policy HS_FLIGHT_SAMPLER_AUTO chooses by yesterday's
    ** share of people on links after the morning (cal_sweeping: 1 while the
    ** sweep is chosen); tests may force either. */
    flight_calendar cal;
    int cal_policy;
    int cal_sweeping;

    /* The ranks the run's people are spread over (ranks.h; NULL: one process;
    ** see "People over ranks" below). everyone: the people of the whole run,
    ** the same on every rank (with one rank, people.n is used instead).
    ** comm: the first failed exchange inside a day's team, reported after it. */
    hs_ranks *ranks;
    int rank, nranks;
    size_t everyone;
    hs_status comm_status;
    hs_error comm_err;
    int32_t *chunk_count; /* scratch: per chunk of the whole run, its travellers */
    size_t chunk_cap;
    /* The sweep's travellers after the morning, in index order (move.c; one rank):
    ** room for every person, and each piece's count. */
    uint32_t *sweep_trav;
    size_t sweep_cap;
    long *sweep_count;
    long sweep_pieces;
};

/*
** People over ranks (issue 16; docs/scaling.md). A person's index in the
** whole run (their identity: every random stream is keyed by it) is dealt out
** in chunks of HS_FLIGHT_CHUNK consecutive indices, chunk k to rank k mod
** nranks; each rank stores its own people in index order. So the owner and
** the index of a person are arithmetic, a rank's people are a sublist of the
** whole run's in the same order (so "the people in blocks of consecutive
** indices" of pass 2 are the same on any number of ranks), newcomers are dealt
** out as they come, and nobody is ever handed over: a person's move is a
** change of the location counts, which every rank holds whole and sums after
** each pass or block. HS_FLIGHT_CHUNK is a multiple of 64, so that the morning
** sweep's groups of four and the calendar's bitmap words never straddle ranks.
*/
#define HS_FLIGHT_CHUNK 4096

/* The whole run's index of this rank's person i. */
static inline uint32_t hs_flight_gid(const hs_flight_sim *sim, size_t i)
{
    if (sim->nranks <= 1) return (uint32_t)i;
    size_t chunk = i / HS_FLIGHT_CHUNK;
    return (uint32_t)((chunk * (size_t)sim->nranks + (size_t)sim->rank) * HS_FLIGHT_CHUNK +
                      i % HS_FLIGHT_CHUNK);
}

/* How many of the whole run's first g people this rank holds. */
static inline size_t hs_flight_owned_below(const hs_flight_sim *sim, size_t g)
{
    if (sim->nranks <= 1) return g;
    size_t chunks = g / HS_FLIGHT_CHUNK, rest = g % HS_FLIGHT_CHUNK, r = (size_t)sim->nranks;
    size_t mine = chunks / r + (chunks % r > (size_t)sim->rank);
    return mine * HS_FLIGHT_CHUNK + (chunks % r == (size_t)sim->rank ? rest : 0);
}

/* The people of the whole run. */
static inline size_t hs_flight_everyone(const hs_flight_sim *sim)
{
    return sim->nranks <= 1 ? sim->people.n : sim->everyone;
}

/* n newcomers of the whole run at loc: this rank keeps its share; the counts
** (held whole on every rank) gain all n. loc < 0: the caller places them (at
** location 0 until then) and counts them (spawn.c). */
hs_status hs_flight_grow(hs_flight_sim *sim, size_t n, int loc, hs_error *err);

/* The global ordinal of each of this rank's travellers, for pass 2's blocks
** (move.c): given the number of this rank's travellers in each of its chunks
** (sim->chunk_count, by the whole run's chunk index, zero elsewhere), sums them
** over ranks and turns them into the travellers of the whole run before each
** chunk. Returns the whole run's travellers. */
hs_status hs_flight_chunk_offsets(hs_flight_sim *sim, long *total, hs_error *err);
hs_status hs_flight_chunk_reserve(hs_flight_sim *sim, hs_error *err);
/* HS_OK, or the first exchange over ranks that failed inside a day's team. */
hs_status hs_flight_comm_status(hs_flight_sim *sim, hs_error *err);

enum { HS_FLIGHT_SAMPLER_AUTO = 0, HS_FLIGHT_SAMPLER_CALENDAR = 1, HS_FLIGHT_SAMPLER_SWEEP = 2 };

/* The shares of people on links after the morning at which the automatic
** choice changes sampler: to the sweep above 1/5, back to the calendar below
** 1/10 (two thresholds, so that a run near one does not switch every day;
** each switch to the calendar draws a morning for everyone standing). */
#define HS_FLIGHT_SWEEP_ABOVE 5
#define HS_FLIGHT_CALENDAR_BELOW 10

/* Daily processes, in schedule order (flight.c builds the schedule). */
hs_status hs_flight_conflicts_step(void *sim, long day, hs_error *err); /* conflict.c */
hs_status hs_flight_spawn_step(void *sim, long day, hs_error *err);     /* spawn.c */
hs_status hs_flight_closures_step(void *sim, long day, hs_error *err);  /* closure.c */
hs_status hs_flight_scores_step(void *sim, long day, hs_error *err);    /* route.c */
hs_status hs_flight_move_step(void *sim, long day, hs_error *err);      /* move.c */
hs_status hs_flight_record_step(void *sim, long day, hs_error *err);    /* flight.c */

/* Per-thread location count changes (flight.c): make room for nthreads
** zeroed rows; add every row to the counts and zero it. */
hs_status hs_flight_delta_reserve(hs_flight_sim *sim, int nthreads, hs_error *err);
void hs_flight_delta_merge(hs_flight_sim *sim, int nthreads);
/* Point mover m at thread t's live-weight cache (after hs_flight_delta_reserve). */
void hs_flight_live_cache(const hs_flight_sim *sim, int t, hs_flight_mover *m);

/* Conflict at the start (conflict.c). */
void hs_flight_conflicts_init(hs_flight_sim *sim);
/* Spawning at the start: insert_day0 camp populations (spawn.c). */
hs_status hs_flight_spawn_init(hs_flight_sim *sim, hs_error *err);

/* Capacity multiplier of a location given its current count (route.c). */
double hs_flight_capmult(const hs_flight_sim *sim, int loc);
/* Decay factor for a conflict of a given age in days (conflict.c). */
double hs_flight_decay(const hs_flight_settings *s, long age);

void hs_route_table_free(route_table *t);

/* One person's moves (move.c): leave the location now (follow the planned
** route or choose one, and step onto its first link unless that is cancelled);
** travel a day on links, deciding again on arriving with distance left, with
** draws from rs (the person's HS_RNG_TRAVEL stream of the day). */
void hs_flight_go(const hs_flight_mover *m, hs_people *p, size_t i, hs_stream *rs);
void hs_flight_travel(const hs_flight_mover *m, hs_people *p, size_t i, hs_stream *rs);
/* x halved k times, each halving rounded as x * 0.5f rounds: exactly the
** stint average a person held for k mornings would have had (hosted.c). */
float hs_flight_halved(float x, long k);
/* Person i is held from next_morning on (its halvings owed from then), in the
** run's hold flags and held_since (a held person stays as they were held). */
static inline void hs_flight_hold_at(uint8_t *held, int32_t *held_since, long next_morning,
                                     size_t i)
{
    if (held[i]) return;
    held[i] = 1;
    held_since[i] = (int32_t)next_morning;
}
static inline void hs_flight_hold_from(hs_flight_sim *sim, size_t i)
{
    hs_flight_hold_at(sim->held, sim->held_since, sim->next_morning, i);
}
/* Person i's stint average with the halvings they owe paid (i held). */
static inline float hs_flight_stint_owed(const hs_flight_sim *sim, size_t i)
{
    return hs_flight_halved(sim->people.stint[i], sim->next_morning - sim->held_since[i]);
}
/* The morning chance of leaving loc for a person without a planned route. */
double hs_flight_location_chance(const hs_flight_sim *sim, int loc);

/* The calendar (calendar.c): the day's movement of a run that holds nobody;
** the calendar dropped (owed stint halvings paid) when a host starts holding
** people; freed with the run. */
hs_status hs_flight_calendar_move(hs_flight_sim *sim, long day, hs_error *err);
void hs_flight_calendar_drop(hs_flight_sim *sim, long day);
void hs_flight_calendar_free(hs_flight_sim *sim);

#endif
