/*
** cv_lattice_internal.h - the lattice's struct and what its phases share.
**
** The lattice is one struct of arrays indexed by cell; each phase of a step
** lives in its own file and works on it:
**   cv_lattice.c  creation, placing, inspection, digest, counts, the schedule
**                 phase, the claim machinery and the step driver
**   cv_move.c     rule M: moves, claimed cell by cell
**   cv_decide.c   rule A: decisions, from row prefix sums of counts in vision
**   cv_jail.c     rule C: arrests, and the jail (terms, release)
**   cv_model2.c   Model II: kills, ageing and death, births
**
** Layout: agents live in arrays indexed by cell (struct of arrays), so every
** phase walks the lattice row by row and an agent's neighbours are nearby in
** memory. An agent that moves takes its fields with it. Jailed citizens who
** leave the lattice (jail: remove) wait in a list, in the order they were arrested.
**
** Determinism: see violence.h. Each phase reads a frozen state and writes
** only cells that no other agent can write in the same phase: movers and
** parents claim an empty target cell, cops and killers claim a victim, with
** an atomic minimum of a key (epoch, random priority, id); the winners then
** apply. The minimum does not depend on the order of the claims, so the
** outcome is the same with any number of threads. The epoch falls from one
** claim phase to the next, so a claim left from an earlier phase is larger
** than any new one and needs no clearing; the claims are cleared only when
** the 256 epochs are used up.
**
** Counting in vision: each row gets a prefix sum of packed counts (cops,
** Blue actives, Green actives in 21-bit fields), extended by the vision
** radius on both sides so that the torus wraps without a branch; a citizen's
** counts are then two reads per row of its vision instead of one per cell.
*/
#ifndef HUMSEC_CV_LATTICE_INTERNAL_H
#define HUMSEC_CV_LATTICE_INTERNAL_H

#include "violence/cv_internal.h"

#include <stdatomic.h>
#include <stdint.h>
#include <omp.h>

/* Phases: the low 3 bits of the stream's step word. */
enum {
    CV_PH_INIT = 0,
    CV_PH_SCHEDULE = 1,
    CV_PH_RELEASE = 2,
    CV_PH_MOVE = 3,
    CV_PH_ARREST = 4,
    CV_PH_KILL = 5,
    CV_PH_DECIDE = 6,
    CV_PH_BIRTH = 7
};

/* Packed counts in vision: cops, Blue actives and Green actives in fields of
** this many bits (Blue lowest). */
#define CV_FIELD_BITS 21
#define CV_FIELD_MASK ((UINT64_C(1) << CV_FIELD_BITS) - 1)
#define CV_NO_CLAIM UINT64_MAX
/* Below this many cells the phases run on one thread: a parallel region costs
** more than the work. */
#define CV_PARALLEL_MIN_CELLS 16384
/* Random tries for an empty cell before counting them all. */
#define CV_MOVE_TRIES 32 /* 3 + 4 k + 1 (see cv_move.c) */

/* The term of a jail entry whose citizen has been released. */
#define CV_JAIL_GONE INT32_MIN

/* A citizen off the lattice in jail (jail: remove). */
typedef struct cv_jailed {
    int32_t id, cell, term, age, maxage;
    uint8_t group;
    double hardship, risk;
} cv_jailed;

struct hs_cv_lattice {
    hs_cv_params p;
    uint64_t seed;
    long W, H, n, t;
    int threads; /* hs_cv_lattice_set_threads: 0 for OpenMP's default */
    /* per cell */
    int32_t *id;
    uint8_t *kind, *active, *group;
    double *hard, *risk;
    int32_t *term, *age, *maxage;
    /* scratch per cell */
    int32_t *target;
    _Atomic uint64_t *claim;
    uint8_t *won;
    uint8_t *round;    /* each citizen's decision sub-round this step (decide_rounds > 1) */
    uint64_t *prefix;  /* H rows of E + 1: counts before the decisions */
    uint64_t *prefix2; /* the same after the decisions, for the arrests */
    long *rowtmp;      /* H: per-row counts (births, arrests, kills, deaths) */
    long *rowacc;      /* 6 H: per-row counts of cv_lattice_count_all */
    long *rowact;      /* H: each row's actives after the decisions */
    uint64_t *zeros;   /* E + 1 zeros: the prefix row of a row without actives */
    int32_t *list;     /* row y's claimants (cells) are list[y W .. y W + nclaim[y]) */
    int epochs_left;   /* claim phases before the claims must be cleared */
    long *nclaim;      /* H */
    long E;
    /* vision */
    long r, nvis;
    long *hw; /* 2r + 1 half-widths, -1 for rows out of sight */
    int32_t *odx, *ody;
    int32_t *ooff; /* the same offsets as cell index differences, for cells away from the edges */
    int32_t *xw;   /* W + 2r: xw[r + x] is x wrapped onto the torus, for -r <= x < W + r */
    int32_t *yw;   /* H + 2r: yw[r + y] is the first cell of row y wrapped */
    int32_t *epad; /* (H + 2r) x (W + 2r), the lattice with the torus's wrap around it: the
                   ** cell of each place if it is empty, else -1 (made afresh for each move) */
    int32_t *opad; /* the offsets in vision as index differences in epad */
    double *ptab;  /* P[C][A], (nvis + 1) x (nvis + 3): A up to 1 + nvis + 1 (self counted twice) */
    /* jail (remove mode) */
    cv_jailed *jail;
    long njail, capjail; /* entries in jail, released ones (CV_JAIL_GONE) included */
    long ngone;          /* released entries not yet dropped from the list */
    int32_t *due;        /* capjail: the entries due for release this step */
    /* jail (stay mode) */
    int32_t *jcell; /* the cells of the jailed, in no particular order (n; 1 in remove mode) */
    long njcell;
    uint32_t next_id;
    double legit, cop_level;
    long max_jail;
    hs_cv_counts counts;
};

/* ---- small helpers, inline for the hot loops ------------------------------ */

/* The stream of agent id in the given phase of the current step. */
static inline hs_stream cv_stream(const hs_cv_lattice *lat, int32_t id, int phase)
{
    return hs_stream_open(lat->seed, (uint32_t)id, (uint32_t)(8 * lat->t + phase), HS_RNG_CV);
}

static inline long cv_wrapx(const hs_cv_lattice *lat, long x)
{
    return x < 0 ? x + lat->W : (x >= lat->W ? x - lat->W : x);
}
static inline long cv_wrapy(const hs_cv_lattice *lat, long y)
{
    return y < 0 ? y + lat->H : (y >= lat->H ? y - lat->H : y);
}

/* Cell of the k-th offset in vision seen from (x, y). */
static inline long cv_vis_cell(const hs_cv_lattice *lat, long x, long y, long k)
{
    return (long)lat->yw[lat->r + y + lat->ody[k]] + lat->xw[lat->r + x + lat->odx[k]];
}

/* Put agent fields into an empty cell. */
static inline void cv_put(hs_cv_lattice *lat, long c, int32_t id, hs_cv_kind kind, double h,
                          double r, int group, int32_t age, int32_t maxage)
{
    lat->id[c] = id;
    lat->kind[c] = (uint8_t)kind;
    lat->active[c] = 0;
    lat->group[c] = (uint8_t)group;
    lat->hard[c] = h;
    lat->risk[c] = r;
    lat->term[c] = 0;
    lat->age[c] = age;
    lat->maxage[c] = maxage;
}

/* Empty a cell. Keeps the invariant that term is 0 outside jail. */
static inline void cv_clear_cell(hs_cv_lattice *lat, long c)
{
    lat->id[c] = -1;
    lat->kind[c] = HS_CV_EMPTY;
    lat->active[c] = 0;
    lat->term[c] = 0;
}

/* A citizen's maximum age and starting age (Model II). */
static inline void cv_draw_age(const hs_cv_lattice *lat, hs_stream *s, int newborn, int32_t *age,
                               int32_t *maxage)
{
    *maxage = (int32_t)(1 + hs_stream_below(s, (uint32_t)lat->p.max_age));
    *age = newborn ? 0 : (int32_t)hs_stream_below(s, (uint32_t)*maxage);
}

/* The last resort of cv_random_empty_in_vision: count the empty cells, take the j-th. */
long cv_lattice_nth_empty_in_vision(const hs_cv_lattice *lat, long x, long y, hs_stream *s);

/* A uniformly random empty cell in vision of (x, y), or -1: up to CV_MOVE_TRIES
** random probes, then, if all fail, count the empty cells and take the j-th.
** Either way the result is uniform over the empty cells. */
static inline long cv_random_empty_in_vision(const hs_cv_lattice *lat, long x, long y, hs_stream *s)
{
    const long r = lat->r;
    const uint32_t n = (uint32_t)lat->nvis;
    if (x >= r && x < lat->W - r && y >= r && y < lat->H - r) {
        /* Away from the edges no offset wraps. */
        const long c = y * lat->W + x;
        for (int i = 0; i < CV_MOVE_TRIES; i++) {
            long t = c + lat->ooff[hs_stream_below(s, n)];
            if (lat->kind[t] == HS_CV_EMPTY) return t;
        }
    } else {
        for (int i = 0; i < CV_MOVE_TRIES; i++) {
            long t = cv_vis_cell(lat, x, y, (long)hs_stream_below(s, n));
            if (lat->kind[t] == HS_CV_EMPTY) return t;
        }
    }
    return cv_lattice_nth_empty_in_vision(lat, x, y, s);
}

/* The cells of row y whose kind is k (and, if active_only, that are active),
** into buf, without a branch per cell: kinds are random, so a branch would be
** mispredicted half the time. Returns how many. */
static inline long cv_row_cells(const hs_cv_lattice *lat, long y, uint8_t k, int active_only,
                                int32_t *buf)
{
    long m = 0;
    const long base = y * lat->W;
    const uint8_t *kind = lat->kind + base, *act = lat->active + base;
    for (long x = 0; x < lat->W; x++) {
        buf[m] = (int32_t)(base + x);
        m += (kind[x] == k) & ((active_only == 0) | act[x]);
    }
    return m;
}

/* ---- rows in parallel ------------------------------------------------------ */

/* For the body of a row (or a chunk of rows) that a phase runs through
** CV_FOR_ROW_BLOCKS or CV_FOR_CLAIM_BLOCKS: inlined into each of the macro's
** paths, so that on the serial path the compiler still sees the one block of
** all rows (constant bounds, every claim exclusive), as it did when the body
** was written inside the macro. A call per row costs a few percent of a step. */
#define CV_ROW_FN static inline __attribute__((always_inline))

/* The threads of a parallel pass over the lattice: its own count (0:
** OpenMP's default), or 1, the calling thread alone without entering OpenMP,
** below CV_PARALLEL_MIN_CELLS cells. */
static inline int cv_threads(const hs_cv_lattice *lat)
{
    if (lat->n < CV_PARALLEL_MIN_CELLS || lat->threads == 1) return 1;
    return lat->threads > 0 ? lat->threads : omp_get_max_threads();
}

/* The rows one thread handles at a time in a claim pass: a contiguous block,
** so that a claimant more than two vision radii inside it competes only with
** claimants of the same block, handled by the same thread (its target is
** within r rows, and so are the target's other claimants). */
typedef struct cv_row_block {
    long y0, y1;
    int alone; /* no other thread claims at the same time: every claim is exclusive */
} cv_row_block;

/* Blocks of rows per thread in a parallel pass: threads take blocks as they
** become free, so a thread that the system preempts (the machine may be
** shared) holds the others up less than with one block each. */
#define CV_BLOCKS_PER_THREAD 4

/* Run the statements given, which work on the rows rows.y0 .. rows.y1 - 1: in a
** parallel region of cv_threads(lat) threads, taking blocks of rows in turn,
** when there are more than one; otherwise on the calling thread over all rows,
** without entering OpenMP at all (a parallel region of one thread still costs
** about a microsecond, a sixth of a 40 x 40 step). Which thread handles which
** block does not matter to the results. (This macro and the next are kept from
** clang-format, which would put each loop on the line of its pragma.) */
/* clang-format off */
#define CV_FOR_ROW_BLOCKS(lat, ...)                                                                \
    do {                                                                                           \
        const int ntr_ = cv_threads(lat);                                                          \
        if (ntr_ > 1) {                                                                            \
            long nb_ = CV_BLOCKS_PER_THREAD * (long)ntr_;                                          \
            if (nb_ > (lat)->H) nb_ = (lat)->H;                                                    \
            _Pragma("omp parallel for schedule(dynamic, 1) num_threads(ntr_)")                     \
            for (long b_ = 0; b_ < nb_; b_++) {                                                    \
                const cv_row_block rows = {(lat)->H * b_ / nb_, (lat)->H * (b_ + 1) / nb_,         \
                                           omp_get_num_threads() == 1};                            \
                __VA_ARGS__                                                                        \
            }                                                                                      \
        } else {                                                                                   \
            const cv_row_block rows = {0, (lat)->H, 1};                                            \
            __VA_ARGS__                                                                            \
        }                                                                                          \
    } while (0)
/* clang-format on */

/* CV_FOR_ROW_BLOCKS for a claim pass. When the lattice splits into an even
** number of blocks, each more than 2r rows high, the blocks run in two
** rounds, the even-numbered ones, then the odd-numbered ones: two blocks of
** a round are a block apart, further than two claimants for one cell can
** be, so every claim is exclusive (a plain store, not an atomic exchange).
** Otherwise, as CV_FOR_ROW_BLOCKS, with claims near a block's edges atomic. */
/* clang-format off */
#define CV_FOR_CLAIM_BLOCKS(lat, ...)                                                              \
    do {                                                                                           \
        const int ntc_ = cv_threads(lat);                                                          \
        long ncb_ = CV_BLOCKS_PER_THREAD * (long)ntc_;                                             \
        ncb_ += ncb_ & 1;                                                                          \
        if (ntc_ > 1 && (lat)->H / ncb_ > 2 * (lat)->r) {                                          \
            _Pragma("omp parallel num_threads(ntc_)")                                              \
            for (long colour_ = 0; colour_ < 2; colour_++) {                                       \
                _Pragma("omp for schedule(dynamic, 1)")                                            \
                for (long b2_ = 0; b2_ < ncb_ / 2; b2_++) {                                        \
                    const long b_ = 2 * b2_ + colour_;                                             \
                    const cv_row_block rows = {(lat)->H * b_ / ncb_, (lat)->H * (b_ + 1) / ncb_,   \
                                               1};                                                 \
                    __VA_ARGS__                                                                    \
                }                                                                                  \
            }                                                                                      \
        } else {                                                                                   \
            CV_FOR_ROW_BLOCKS(lat, __VA_ARGS__);                                                   \
        }                                                                                          \
    } while (0)
/* clang-format on */

/* ---- claims ------------------------------------------------------------------ */

/* Keep the smaller key in *a. When no other thread can claim the cell, a
** relaxed load and store do (plain moves on x86); otherwise a CAS loop. */
static inline void cv_claim_min(_Atomic uint64_t *a, uint64_t key, int exclusive)
{
    uint64_t cur = atomic_load_explicit(a, memory_order_relaxed);
    if (exclusive) {
        /* A store either way: whether a claim wins cannot be predicted. */
        atomic_store_explicit(a, key < cur ? key : cur, memory_order_relaxed);
        return;
    }
    while (key < cur && !atomic_compare_exchange_weak_explicit(a, &cur, key, memory_order_relaxed,
                                                               memory_order_relaxed)) {
    }
}

static inline uint64_t cv_claim_get(_Atomic uint64_t *a)
{
    return atomic_load_explicit(a, memory_order_relaxed);
}

/* A claimant in cell c of row y wants cell t with priority key; *n counts the
** row's claims so far (kept by the caller, who sets lat->nclaim[y] at the end:
** a count in memory would make each claim wait for the one before). A row is
** handled by one thread, so the row's list needs no lock. */
static inline void cv_add_claim(hs_cv_lattice *lat, const cv_row_block *b, long y, long c, long t,
                                uint64_t key, long *n)
{
    lat->list[y * lat->W + (*n)++] = (int32_t)c;
    lat->target[c] = (int32_t)t;
    int exclusive = b->alone || (y - 2 * lat->r >= b->y0 && y + 2 * lat->r < b->y1);
    cv_claim_min(&lat->claim[t], key, exclusive);
}

static inline int cv_claim_won(hs_cv_lattice *lat, long c)
{
    /* The low half of a key is the claimant's id, which has one claim a phase. */
    return (uint32_t)cv_claim_get(&lat->claim[lat->target[c]]) == (uint32_t)lat->id[c];
}

/* A claim key: the phase's epoch in the top 8 bits, 24 random bits of
** priority, then the id (ties of priority go to the lower id). */
static inline uint64_t cv_claim_key(const hs_cv_lattice *lat, uint32_t random, int32_t id)
{
    return (uint64_t)lat->epochs_left << 56 | (uint64_t)(random >> 8) << 32 | (uint32_t)id;
}

/* Start a claim phase: the next (lower) epoch, or, when all 256 are used,
** clear every claim and start again from the top. */
void cv_lattice_begin_claims(hs_cv_lattice *lat);

/* Mark which claims won their cell, and give each row the offset of its
** first winner in row-major order (so lists built from winners do not depend
** on the threads). Returns the number of winners. */
long cv_lattice_settle_claims(hs_cv_lattice *lat, long *row_offset);

/* ---- what the phases share ------------------------------------------------- */

/* Count every cell (and the jail list) into lat->counts. */
void cv_lattice_count_all(hs_cv_lattice *lat);

/* The lo/hi pointers of the prefix rows in sight from row y (same for every
** cell of the row); returns how many. With rowact, a row with no actives
** (rowact[y] == 0) has its prefix sums taken as zeros: they are not made. */
int cv_decide_vision_rows(const hs_cv_lattice *lat, const uint64_t *pre, const long *rowact, long y,
                          const uint64_t **lo, const uint64_t **hi);

/* Room in the jail list (jail: remove) for extra more entries: 0, or -1 when
** it cannot grow (the list is then as it was). */
int cv_jail_reserve(hs_cv_lattice *lat, long extra);

/* The phases of a step, in the order cv_lattice.c runs them. Only the
** arrests can fail (-1: no room in the jail, which hs_cv_lattice_step
** reserves beforehand). */
void cv_jail_release_phase(hs_cv_lattice *lat);
void cv_move_phase(hs_cv_lattice *lat);
void cv_decide_phase(hs_cv_lattice *lat);
long cv_jail_arrest_phase(hs_cv_lattice *lat, long actives);
long cv_model2_kill_phase(hs_cv_lattice *lat);
long cv_model2_age_phase(hs_cv_lattice *lat);
long cv_model2_birth_phase(hs_cv_lattice *lat, long *row_births);

#endif
