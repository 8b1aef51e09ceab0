/*
** cv_world.c - Epstein's civil-violence models on a torus lattice.
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
#include "violence/cv_internal.h"
#include "violence/cv_rules_inline.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

/* Phases: the low 3 bits of the stream's step word. */
enum {
    PH_INIT = 0,
    PH_SCHEDULE = 1,
    PH_RELEASE = 2,
    PH_MOVE = 3,
    PH_ARREST = 4,
    PH_KILL = 5,
    PH_DECIDE = 6,
    PH_BIRTH = 7
};

#define FIELD_BITS 21
#define FIELD_MASK ((UINT64_C(1) << FIELD_BITS) - 1)
#define NO_CLAIM UINT64_MAX
/* Below this many cells the phases run on one thread: a parallel region costs
** more than the work. */
#define PARALLEL_MIN_CELLS 16384
/* Random tries for an empty cell before counting them all. */
#define MOVE_TRIES 32 /* 3 + 4 k + 1 (see phase_move) */

/* The term of a jail entry whose citizen has been released. */
#define JAIL_GONE INT32_MIN

typedef struct jailed {
    int32_t id, cell, term, age, maxage;
    uint8_t group;
    double hardship, risk;
} jailed;

struct hs_cv_world {
    hs_cv_params p;
    uint64_t seed;
    long W, H, n, t;
    int serial;
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
    long *rowacc;      /* 6 H: per-row counts of count_all */
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
    jailed *jail;
    long njail, capjail; /* entries in jail, released ones (JAIL_GONE) included */
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

static inline hs_stream stream(const hs_cv_world *w, int32_t id, int phase)
{
    return hs_stream_open(w->seed, (uint32_t)id, (uint32_t)(8 * w->t + phase), HS_RNG_CV);
}

static inline long wrapx(const hs_cv_world *w, long x)
{
    return x < 0 ? x + w->W : (x >= w->W ? x - w->W : x);
}
static inline long wrapy(const hs_cv_world *w, long y)
{
    return y < 0 ? y + w->H : (y >= w->H ? y - w->H : y);
}

/* Cell of the k-th offset in vision seen from (x, y). */
static inline long vis_cell(const hs_cv_world *w, long x, long y, long k)
{
    return (long)w->yw[w->r + y + w->ody[k]] + w->xw[w->r + x + w->odx[k]];
}

/* Keep the smaller key in *a. When no other thread can claim the cell, a
** relaxed load and store do (plain moves on x86); otherwise a CAS loop. */
static inline void claim_min(_Atomic uint64_t *a, uint64_t key, int exclusive)
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

static inline uint64_t claim_get(_Atomic uint64_t *a)
{
    return atomic_load_explicit(a, memory_order_relaxed);
}

static int par(const hs_cv_world *w)
{
    return !w->serial && w->n >= PARALLEL_MIN_CELLS;
}

/* ---- set-up ----------------------------------------------------------- */

void hs_cv_world_free(hs_cv_world *w)
{
    if (!w) return;
    free(w->id);
    free(w->kind);
    free(w->active);
    free(w->group);
    free(w->hard);
    free(w->risk);
    free(w->term);
    free(w->age);
    free(w->maxage);
    free(w->target);
    free((void *)w->claim);
    free(w->won);
    free(w->round);
    free(w->prefix);
    free(w->prefix2);
    free(w->rowtmp);
    free(w->rowacc);
    free(w->rowact);
    free(w->zeros);
    free(w->list);
    free(w->nclaim);
    free(w->hw);
    free(w->odx);
    free(w->ody);
    free(w->ooff);
    free(w->xw);
    free(w->yw);
    free(w->epad);
    free(w->opad);
    free(w->ptab);
    free(w->jail);
    free(w->due);
    free(w->jcell);
    free(w);
}

static void build_ptab(hs_cv_world *w)
{
    long cols = w->nvis + 3;
    for (long c = 0; c <= w->nvis; c++)
        for (long a = 0; a < cols; a++)
            w->ptab[c * cols + a] =
                hs_cv_arrest_probability(w->p.k, c, a < 1 ? 1 : a, w->p.rounding);
}

static hs_status alloc_world(hs_cv_world **out, const hs_cv_params *p, uint64_t seed, hs_error *err)
{
    *out = NULL;
    hs_status st = hs_cv_params_check(p, err);
    if (st != HS_OK) return st;
    hs_cv_world *w = calloc(1, sizeof *w);
    if (!w) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    w->p = *p;
    w->seed = seed;
    w->W = p->width;
    w->H = p->height;
    w->n = w->W * w->H;
    w->r = (long)floor(p->vision + 1e-9);
    w->E = w->W + 2 * w->r;
    w->nvis = hs_cv_vision_cells(p->vision, p->vision_shape);
    size_t n = (size_t)w->n;
    w->id = malloc(n * sizeof *w->id);
    w->kind = calloc(n, 1);
    w->active = calloc(n, 1);
    w->group = calloc(n, 1);
    w->hard = calloc(n, sizeof *w->hard);
    w->risk = calloc(n, sizeof *w->risk);
    w->term = calloc(n, sizeof *w->term);
    w->age = calloc(n, sizeof *w->age);
    w->maxage = calloc(n, sizeof *w->maxage);
    w->target = malloc(n * sizeof *w->target);
    w->claim = malloc(n * sizeof *w->claim);
    w->won = calloc(n, 1);
    w->round = calloc(n, 1);
    w->prefix = malloc((size_t)w->H * (size_t)(w->E + 1) * sizeof *w->prefix);
    w->prefix2 = malloc((size_t)w->H * (size_t)(w->E + 1) * sizeof *w->prefix2);
    w->rowtmp = malloc((size_t)w->H * sizeof *w->rowtmp);
    w->rowacc = malloc((size_t)w->H * 6 * sizeof *w->rowacc);
    w->rowact = calloc((size_t)w->H, sizeof *w->rowact);
    w->zeros = calloc((size_t)(w->E + 1), sizeof *w->zeros);
    w->list = malloc(n * sizeof *w->list);
    w->nclaim = calloc((size_t)w->H, sizeof *w->nclaim);
    w->hw = malloc((size_t)(2 * w->r + 1) * sizeof *w->hw);
    w->odx = malloc((size_t)(w->nvis + 1) * sizeof *w->odx);
    w->ody = malloc((size_t)(w->nvis + 1) * sizeof *w->ody);
    w->ooff = malloc((size_t)(w->nvis + 1) * sizeof *w->ooff);
    w->xw = malloc((size_t)(w->W + 2 * w->r) * sizeof *w->xw);
    w->yw = malloc((size_t)(w->H + 2 * w->r) * sizeof *w->yw);
    w->epad = malloc((size_t)(w->H + 2 * w->r) * (size_t)(w->W + 2 * w->r) * sizeof *w->epad);
    w->opad = malloc((size_t)(w->nvis + 1) * sizeof *w->opad);
    w->ptab = malloc((size_t)(w->nvis + 1) * (size_t)(w->nvis + 3) * sizeof *w->ptab);
    w->capjail = 64;
    w->jail = malloc((size_t)w->capjail * sizeof *w->jail);
    w->due = malloc((size_t)w->capjail * sizeof *w->due);
    w->jcell = malloc((p->jail == HS_CV_JAIL_STAY ? n : 1) * sizeof *w->jcell);
    if (!w->id || !w->kind || !w->active || !w->group || !w->hard || !w->risk || !w->term ||
        !w->age || !w->maxage || !w->target || !w->claim || !w->won || !w->round || !w->prefix ||
        !w->prefix2 || !w->rowtmp || !w->rowacc || !w->rowact || !w->zeros || !w->list ||
        !w->nclaim || !w->hw || !w->odx || !w->ody || !w->ooff || !w->xw || !w->yw || !w->epad ||
        !w->opad || !w->ptab || !w->jail || !w->due || !w->jcell) {
        hs_cv_world_free(w);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL,
                            "out of memory for a %ld x %ld lattice", p->width, p->height);
    }
    for (long c = 0; c < w->n; c++) {
        w->id[c] = -1;
        w->target[c] = -1;
        atomic_init(&w->claim[c], NO_CLAIM);
    }
    /* Every page is written now, so that the system maps it here rather than
    ** in the middle of the first steps (which it would do piecemeal, page by
    ** page, at a cost of several steps on a large lattice). */
    const size_t rows_e = (size_t)w->H * (size_t)(w->E + 1),
                 npad = (size_t)(w->H + 2 * w->r) * (size_t)(w->W + 2 * w->r);
    memset(w->kind, 0, n);
    memset(w->active, 0, n);
    memset(w->group, 0, n);
    memset(w->won, 0, n);
    memset(w->round, 0, n);
    memset(w->hard, 0, n * sizeof *w->hard);
    memset(w->risk, 0, n * sizeof *w->risk);
    memset(w->term, 0, n * sizeof *w->term);
    memset(w->age, 0, n * sizeof *w->age);
    memset(w->maxage, 0, n * sizeof *w->maxage);
    memset(w->list, 0, n * sizeof *w->list);
    memset(w->prefix, 0, rows_e * sizeof *w->prefix);
    memset(w->prefix2, 0, rows_e * sizeof *w->prefix2);
    memset(w->epad, 0, npad * sizeof *w->epad);
    for (long i = 0; i < w->W + 2 * w->r; i++)
        w->xw[i] = (int32_t)wrapx(w, i - w->r);
    for (long i = 0; i < w->H + 2 * w->r; i++)
        w->yw[i] = (int32_t)(wrapy(w, i - w->r) * w->W);
    long k = 0;
    for (long dy = -w->r; dy <= w->r; dy++) {
        long h = hs_cv_vision_halfwidth(p->vision, p->vision_shape, dy);
        w->hw[dy + w->r] = h;
        for (long dx = -h; dx <= h; dx++) {
            if (dx == 0 && dy == 0) continue;
            w->odx[k] = (int32_t)dx;
            w->ody[k] = (int32_t)dy;
            w->ooff[k] = (int32_t)(dy * w->W + dx);
            w->opad[k] = (int32_t)(dy * (w->W + 2 * w->r) + dx);
            k++;
        }
    }
    build_ptab(w);
    w->legit = hs_cv_params_at(p, HS_CV_P_LEGITIMACY, 0);
    w->cop_level = hs_cv_params_at(p, HS_CV_P_COP_DENSITY, 0);
    w->max_jail = lround(hs_cv_params_at(p, HS_CV_P_MAX_JAIL_TERM, 0));
    *out = w;
    return HS_OK;
}

static void count_all(hs_cv_world *w);

/* Put agent fields into an empty cell. */
static void put(hs_cv_world *w, long c, int32_t id, hs_cv_kind kind, double h, double r, int group,
                int32_t age, int32_t maxage)
{
    w->id[c] = id;
    w->kind[c] = (uint8_t)kind;
    w->active[c] = 0;
    w->group[c] = (uint8_t)group;
    w->hard[c] = h;
    w->risk[c] = r;
    w->term[c] = 0;
    w->age[c] = age;
    w->maxage[c] = maxage;
}

/* A citizen's maximum age and starting age (Model II). */
static void draw_age(const hs_cv_world *w, hs_stream *s, int newborn, int32_t *age, int32_t *maxage)
{
    *maxage = (int32_t)(1 + hs_stream_below(s, (uint32_t)w->p.max_age));
    *age = newborn ? 0 : (int32_t)hs_stream_below(s, (uint32_t)*maxage);
}

hs_status hs_cv_world_create_empty(hs_cv_world **out, const hs_cv_params *p, uint64_t seed,
                                   hs_error *err)
{
    hs_status st = alloc_world(out, p, seed, err);
    if (st != HS_OK) return st;
    count_all(*out);
    return HS_OK;
}

hs_status hs_cv_world_create(hs_cv_world **out, const hs_cv_params *p, uint64_t seed, hs_error *err)
{
    hs_status st = alloc_world(out, p, seed, err);
    if (st != HS_OK) return st;
    hs_cv_world *w = *out;
    long ncit = lround(p->citizen_density * (double)w->n);
    long ncop = lround(p->cop_density * (double)w->n);
    if (ncit + ncop > w->n) ncop = w->n - ncit;
    long nblue = lround(p->blue_share * (double)ncit);
    /* Cells in random order (Fisher-Yates on one stream): citizens take the
    ** first ncit, cops the next ncop. Ids follow, so ids are spatially random. */
    int32_t *perm = malloc((size_t)w->n * sizeof *perm);
    if (!perm) {
        hs_cv_world_free(w);
        *out = NULL;
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (long c = 0; c < w->n; c++)
        perm[c] = (int32_t)c;
    hs_stream s = hs_stream_open(seed, UINT32_MAX, PH_INIT, HS_RNG_CV);
    for (long i = 0; i < ncit + ncop; i++) {
        long j = i + (long)hs_stream_below(&s, (uint32_t)(w->n - i));
        int32_t tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
    }
    for (long i = 0; i < ncit + ncop; i++) {
        int32_t id = (int32_t)i;
        hs_stream a = stream(w, id, PH_INIT);
        if (i < ncit) {
            double h = hs_stream_u01_53(&a), r = hs_stream_u01_53(&a);
            int32_t age = 0, maxage = 0;
            if (p->model == 2) draw_age(w, &a, 0, &age, &maxage);
            put(w, perm[i], id, HS_CV_CITIZEN, h, r, p->model == 2 && i >= nblue, age, maxage);
        } else {
            put(w, perm[i], id, HS_CV_COP, 0, 0, 0, 0, 0);
        }
    }
    free(perm);
    w->next_id = (uint32_t)(ncit + ncop);
    count_all(w);
    return HS_OK;
}

long hs_cv_world_place(hs_cv_world *w, hs_cv_kind kind, long x, long y, double hardship,
                       double risk_aversion, int group)
{
    if (x < 0 || y < 0 || x >= w->W || y >= w->H) return -1;
    if (kind != HS_CV_CITIZEN && kind != HS_CV_COP) return -1;
    long c = y * w->W + x;
    if (w->kind[c] != HS_CV_EMPTY) return -1;
    int32_t id = (int32_t)w->next_id++;
    int32_t age = 0, maxage = 0;
    if (kind == HS_CV_CITIZEN && w->p.model == 2) {
        hs_stream a = stream(w, id, PH_INIT);
        draw_age(w, &a, 0, &age, &maxage);
    }
    const int green = group && kind == HS_CV_CITIZEN && w->p.model == 2;
    put(w, c, id, kind, hardship, risk_aversion, green, age, maxage);
    count_all(w);
    return id;
}

void hs_cv_world_set_serial(hs_cv_world *w, int serial)
{
    w->serial = serial;
}

/* ---- helpers ---------------------------------------------------------- */

/* The last resort of random_empty_in_vision: count the empty cells, take the j-th. */
static long nth_empty_in_vision(const hs_cv_world *w, long x, long y, hs_stream *s)
{
    long m = 0;
    for (long k = 0; k < w->nvis; k++)
        m += w->kind[vis_cell(w, x, y, k)] == HS_CV_EMPTY;
    if (m == 0) return -1;
    long j = (long)hs_stream_below(s, (uint32_t)m);
    for (long k = 0; k < w->nvis; k++) {
        long t = vis_cell(w, x, y, k);
        if (w->kind[t] == HS_CV_EMPTY && j-- == 0) return t;
    }
    return -1;
}

/* A uniformly random empty cell in vision of (x, y), or -1: up to MOVE_TRIES
** random probes, then, if all fail, count the empty cells and take the j-th.
** Either way the result is uniform over the empty cells. */
static inline long random_empty_in_vision(const hs_cv_world *w, long x, long y, hs_stream *s)
{
    const long r = w->r;
    const uint32_t n = (uint32_t)w->nvis;
    if (x >= r && x < w->W - r && y >= r && y < w->H - r) {
        /* Away from the edges no offset wraps. */
        const long c = y * w->W + x;
        for (int i = 0; i < MOVE_TRIES; i++) {
            long t = c + w->ooff[hs_stream_below(s, n)];
            if (w->kind[t] == HS_CV_EMPTY) return t;
        }
    } else {
        for (int i = 0; i < MOVE_TRIES; i++) {
            long t = vis_cell(w, x, y, (long)hs_stream_below(s, n));
            if (w->kind[t] == HS_CV_EMPTY) return t;
        }
    }
    return nth_empty_in_vision(w, x, y, s);
}

/* A uniformly random empty cell anywhere (or -1 when the lattice is full). */
static long random_empty_anywhere(const hs_cv_world *w, hs_stream *s)
{
    for (int i = 0; i < 64; i++) {
        long t = (long)hs_stream_below(s, (uint32_t)w->n);
        if (w->kind[t] == HS_CV_EMPTY) return t;
    }
    long m = 0;
    for (long t = 0; t < w->n; t++)
        m += w->kind[t] == HS_CV_EMPTY;
    if (m == 0) return -1;
    long j = (long)hs_stream_below(s, (uint32_t)m);
    for (long t = 0; t < w->n; t++)
        if (w->kind[t] == HS_CV_EMPTY && j-- == 0) return t;
    return -1;
}

/* Move all fields of the agent in cell a to the empty cell b. */
static inline void relocate(hs_cv_world *w, long a, long b)
{
    /* Only what a free agent can carry: terms are 0 outside jail, and Model I
    ** has one group and no ages. */
    w->id[b] = w->id[a];
    w->kind[b] = w->kind[a];
    w->active[b] = w->active[a];
    w->hard[b] = w->hard[a];
    w->risk[b] = w->risk[a];
    if (w->p.model == 2) {
        w->group[b] = w->group[a];
        w->age[b] = w->age[a];
        w->maxage[b] = w->maxage[a];
    }
    w->id[a] = -1;
    w->kind[a] = HS_CV_EMPTY;
    w->active[a] = 0;
}

/* Empty a cell. Keeps the invariant that term is 0 outside jail. */
static void clear_cell(hs_cv_world *w, long c)
{
    w->id[c] = -1;
    w->kind[c] = HS_CV_EMPTY;
    w->active[c] = 0;
    w->term[c] = 0;
}

/* The rows one thread handles at a time in a claim pass: a contiguous block,
** so that a claimant more than two vision radii inside it competes only with
** claimants of the same block, handled by the same thread (its target is
** within r rows, and so are the target's other claimants). */
typedef struct row_block {
    long y0, y1;
    int alone; /* no other thread claims at the same time: every claim is exclusive */
} row_block;

/* Blocks of rows per thread in a parallel pass: threads take blocks as they
** become free, so a thread that the system preempts (the machine may be
** shared) holds the others up less than with one block each. */
#define BLOCKS_PER_THREAD 4

/* Run the statements given, which work on the rows rows.y0 .. rows.y1 - 1: in a
** parallel region, the threads taking blocks of rows in turn, when the lattice
** is large; otherwise on the calling thread over all rows, without entering
** OpenMP at all (a parallel region of one thread still costs about a
** microsecond, a sixth of a 40 x 40 step). Which thread handles which block
** does not matter to the results. */
#define FOR_ROW_BLOCKS(w, ...)                                                                     \
    do {                                                                                           \
        if (par(w)) {                                                                              \
            long nb_ = BLOCKS_PER_THREAD * (long)omp_get_max_threads();                            \
            if (nb_ > (w)->H) nb_ = (w)->H;                                                        \
            _Pragma("omp parallel for schedule(dynamic, 1)") for (long b_ = 0; b_ < nb_; b_++)     \
            {                                                                                      \
                const row_block rows = {(w)->H * b_ / nb_, (w)->H * (b_ + 1) / nb_,                \
                                        omp_get_num_threads() == 1};                               \
                __VA_ARGS__                                                                        \
            }                                                                                      \
        } else {                                                                                   \
            const row_block rows = {0, (w)->H, 1};                                                 \
            __VA_ARGS__                                                                            \
        }                                                                                          \
    } while (0)

/* FOR_ROW_BLOCKS for a claim pass. When the lattice splits into an even
** number of blocks, each more than 2r rows high, the blocks run in two
** rounds, the even-numbered ones, then the odd-numbered ones: two blocks of
** a round are a block apart, further than two claimants for one cell can
** be, so every claim is exclusive (a plain store, not an atomic exchange).
** Otherwise, as FOR_ROW_BLOCKS, with claims near a block's edges atomic. */
#define FOR_CLAIM_BLOCKS(w, ...)                                                                   \
    do {                                                                                           \
        long ncb_ = BLOCKS_PER_THREAD * (long)omp_get_max_threads();                               \
        ncb_ += ncb_ & 1;                                                                          \
        if (par(w) && (w)->H / ncb_ > 2 * (w)->r) {                                                \
            _Pragma("omp parallel") for (long colour_ = 0; colour_ < 2; colour_++)                 \
            {                                                                                      \
                _Pragma("omp for schedule(dynamic, 1)") for (long b2_ = 0; b2_ < ncb_ / 2; b2_++)  \
                {                                                                                  \
                    const long b_ = 2 * b2_ + colour_;                                             \
                    const row_block rows = {(w)->H * b_ / ncb_, (w)->H * (b_ + 1) / ncb_, 1};      \
                    __VA_ARGS__                                                                    \
                }                                                                                  \
            }                                                                                      \
        } else {                                                                                   \
            FOR_ROW_BLOCKS(w, __VA_ARGS__);                                                        \
        }                                                                                          \
    } while (0)

/* A claimant in cell c of row y wants cell t with priority key; *n counts the
** row's claims so far (kept by the caller, who sets w->nclaim[y] at the end:
** a count in memory would make each claim wait for the one before). A row is
** handled by one thread, so the row's list needs no lock. */
static inline void add_claim(hs_cv_world *w, const row_block *b, long y, long c, long t,
                             uint64_t key, long *n)
{
    w->list[y * w->W + (*n)++] = (int32_t)c;
    w->target[c] = (int32_t)t;
    int exclusive = b->alone || (y - 2 * w->r >= b->y0 && y + 2 * w->r < b->y1);
    claim_min(&w->claim[t], key, exclusive);
}

static inline int claim_won(hs_cv_world *w, long c)
{
    /* The low half of a key is the claimant's id, which has one claim a phase. */
    return (uint32_t)claim_get(&w->claim[w->target[c]]) == (uint32_t)w->id[c];
}

/* Mark which claims won their cell, and give each row the offset of its
** first winner in row-major order (so lists built from winners do not depend
** on the threads). Returns the number of winners. */
static long settle_claims(hs_cv_world *w, long *row_offset)
{
    FOR_ROW_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = w->list + y * w->W;
            long m = 0;
            for (long i = 0; i < w->nclaim[y]; i++) {
                w->won[l[i]] = (uint8_t)claim_won(w, l[i]);
                m += w->won[l[i]];
            }
            row_offset[y] = m;
        });
    long total = 0;
    for (long y = 0; y < w->H; y++) {
        long m = row_offset[y];
        row_offset[y] = total;
        total += m;
    }
    return total;
}

/* Start a claim phase: the next (lower) epoch, or, when all 256 are used,
** clear every claim and start again from the top. */
static void begin_claims(hs_cv_world *w)
{
    if (w->epochs_left == 0) {
        FOR_ROW_BLOCKS(w, for (long c = rows.y0 * w->W; c < rows.y1 * w->W; c++)
                              atomic_store_explicit(&w->claim[c], NO_CLAIM, memory_order_relaxed););
        w->epochs_left = 256;
    }
    w->epochs_left--;
}

/* A claim key: the phase's epoch in the top 8 bits, 24 random bits of
** priority, then the id (ties of priority go to the lower id). */
static inline uint64_t claim_key(const hs_cv_world *w, uint32_t random, int32_t id)
{
    return (uint64_t)w->epochs_left << 56 | (uint64_t)(random >> 8) << 32 | (uint32_t)id;
}

/* The cells of row y whose kind is k (and, if active_only, that are active),
** into buf, without a branch per cell: kinds are random, so a branch would be
** mispredicted half the time. Returns how many. */
static inline long row_cells(const hs_cv_world *w, long y, uint8_t k, int active_only, int32_t *buf)
{
    long m = 0;
    const long base = y * w->W;
    const uint8_t *kind = w->kind + base, *act = w->active + base;
    for (long x = 0; x < w->W; x++) {
        buf[m] = (int32_t)(base + x);
        m += (kind[x] == k) & ((active_only == 0) | act[x]);
    }
    return m;
}

static int jail_reserve(hs_cv_world *w, long extra)
{
    if (w->njail + extra <= w->capjail) return 0;
    long cap = w->capjail;
    while (cap < w->njail + extra)
        cap *= 2;
    jailed *j = realloc(w->jail, (size_t)cap * sizeof *j);
    if (!j) return -1;
    w->jail = j;
    int32_t *d = realloc(w->due, (size_t)cap * sizeof *d);
    if (!d) return -1;
    w->due = d;
    w->capjail = cap;
    return 0;
}

/* Drop the released entries from the jail list, keeping the others' order. */
static void jail_drop_gone(hs_cv_world *w)
{
    long keep = 0;
    for (long i = 0; i < w->njail; i++)
        if (w->jail[i].term != JAIL_GONE) w->jail[keep++] = w->jail[i];
    w->njail = keep;
    w->ngone = 0;
}

/* ---- phases ----------------------------------------------------------- */

typedef struct copref {
    int32_t id, cell;
} copref;

static int cmp_copref_desc(const void *a, const void *b)
{
    int32_t x = ((const copref *)a)->id, y = ((const copref *)b)->id;
    return (x < y) - (x > y);
}

/* Scheduled changes. Cops removed are those with the highest ids (ids are
** spatially random, so this removes cops at random places); cops added go to
** random empty cells, drawn one after another. */
static void phase_schedule(hs_cv_world *w)
{
    w->legit = hs_cv_params_at(&w->p, HS_CV_P_LEGITIMACY, w->t);
    w->max_jail = lround(hs_cv_params_at(&w->p, HS_CV_P_MAX_JAIL_TERM, w->t));
    double level = hs_cv_params_at(&w->p, HS_CV_P_COP_DENSITY, w->t);
    if (level == w->cop_level) return;
    w->cop_level = level;
    long want = lround(level * (double)w->n), have = 0;
    for (long c = 0; c < w->n; c++)
        have += w->kind[c] == HS_CV_COP;
    if (have > want) {
        copref *cops = malloc((size_t)have * sizeof *cops);
        if (!cops) return; /* keep the cops; the next change retries */
        long m = 0;
        for (long c = 0; c < w->n; c++)
            if (w->kind[c] == HS_CV_COP) cops[m++] = (copref){w->id[c], (int32_t)c};
        qsort(cops, (size_t)m, sizeof *cops, cmp_copref_desc);
        for (long i = 0; i < have - want; i++)
            clear_cell(w, cops[i].cell);
        free(cops);
        w->counts.cops = want;
    } else {
        long i = have;
        for (; i < want; i++) {
            int32_t id = (int32_t)w->next_id++;
            hs_stream s = stream(w, id, PH_SCHEDULE);
            long c = random_empty_anywhere(w, &s);
            if (c < 0) break;
            put(w, c, id, HS_CV_COP, 0, 0, 0, 0, 0);
        }
        w->counts.cops = i;
    }
}

/* Jail terms run down; a citizen whose term is over returns: to its own cell
** (jail: stay), or (jail: remove) to the cell where it was arrested if empty,
** else to a random empty cell in vision of it, else it waits another step. */
static void phase_release(hs_cv_world *w)
{
    if (w->p.jail == HS_CV_JAIL_STAY) {
        /* The jailed are listed, so that their terms run down without a
        ** look at every cell; each is independent of the others. */
        long keep = 0;
        for (long i = 0; i < w->njcell; i++) {
            const long c = w->jcell[i];
            long term = w->term[c];
            if (cv_jail_tick(&term)) {
                w->kind[c] = HS_CV_CITIZEN;
            } else {
                w->term[c] = (int32_t)term;
                w->jcell[keep++] = (int32_t)c;
            }
        }
        w->njcell = keep;
        return;
    }
    /* Terms run down in parallel; each block of the list notes its entries
    ** that are due (in its part of w->due, from the block's first entry), and
    ** how many, at its first row in rowtmp. The due return one after another,
    ** in list order, since they compete for cells; the others stay where they
    ** are. A citizen who returns leaves a released entry (JAIL_GONE) behind,
    ** dropped when they make up half the list. */
    long *ndue = w->rowtmp;
    memset(ndue, 0, (size_t)w->H * sizeof *ndue);
    FOR_ROW_BLOCKS(
        w, const long i0 = w->njail * rows.y0 / w->H; long m = 0;
        for (long i = i0; i < w->njail * rows.y1 / w->H; i++) {
            long term = w->jail[i].term;
            if (term == JAIL_GONE) continue;
            if (cv_jail_tick(&term))
                w->due[i0 + m++] = (int32_t)i;
            else
                w->jail[i].term = (int32_t)term;
        } ndue[rows.y0] = m;);
    for (long y = 0; y < w->H; y++) {
        const int32_t *due = w->due + w->njail * y / w->H;
        for (long k = 0; k < ndue[y]; k++) {
            jailed *j = &w->jail[due[k]];
            long c = j->cell;
            if (w->kind[c] != HS_CV_EMPTY) {
                hs_stream s = stream(w, j->id, PH_RELEASE);
                c = random_empty_in_vision(w, c % w->W, c / w->W, &s);
            }
            if (c < 0) {
                j->term = 0; /* no room: due again next step */
                continue;
            }
            put(w, c, j->id, HS_CV_CITIZEN, j->hardship, j->risk, j->group, j->age, j->maxage);
            j->term = JAIL_GONE;
            w->ngone++;
        }
    }
    if (2 * w->ngone > w->njail) jail_drop_gone(w);
}

/* Movers are handled in batches of this many: the Philox blocks of their
** streams are computed together, lane by lane (hs_stream_lanes). */
#define MOVE_BATCH 64

/* The probes of random_empty_in_vision drawn from the words of n lanes (word
** j of lane i is words[j][i]; the first word of block 0 is not a probe but the
** claim priority), for movers at places cps[i] of the padded lattice: into
** target[i], the first probe that finds an empty cell, or -1. Every probe is
** looked at, without a branch (whether a random cell is empty cannot be
** predicted), and no lane waits for another. */
static void move_probes(const hs_cv_world *w, uint32_t words[4][MOVE_BATCH], int first_block,
                        const int32_t *cps, long n, int32_t *target)
{
    const uint64_t nv = (uint64_t)w->nvis;
    const int32_t *epad = w->epad, *opad = w->opad;
    for (long i = 0; i < n; i++) {
        /* From the last probe to the first, so that the first empty one stays. */
        int32_t t = -1;
        for (int j = 3; j >= first_block; j--) {
            const int32_t v = epad[cps[i] + opad[(words[j][i] * nv) >> 32]];
            t = v >= 0 ? v : t;
        }
        target[i] = t;
    }
}

/* The Philox blocks whose words are all probes (block 0 begins with the
** priority): 1 + 3 + 4 (MOVE_FULL_BLOCKS - 1) + 1 = MOVE_TRIES words. */
#define MOVE_FULL_BLOCKS ((MOVE_TRIES - 4) / 4 + 1)

/* random_empty_in_vision for a mover whose first MOVE_TRIES - 1 probes found
** nothing: the last probe, then the count of the empty cells. */
static long move_target_rest(const hs_cv_world *w, long x, long y, int32_t id)
{
    hs_stream s = stream(w, id, PH_MOVE);
    s.ctr.v[3] = MOVE_FULL_BLOCKS;
    long u = vis_cell(w, x, y, (long)hs_stream_below(&s, (uint32_t)w->nvis));
    if (w->kind[u] == HS_CV_EMPTY) return u;
    return nth_empty_in_vision(w, x, y, &s);
}

/* Lattices of at least this many cells do not fit in cache. */
#define PREFETCH_MIN_CELLS 262144

static inline void prefetch_bytes(const void *p, size_t n)
{
    for (size_t o = 0; o < n; o += 64)
        __builtin_prefetch((const char *)p + o, 1);
}

/* Cells in the rows whose movers phase_move handles together. */
#define MOVE_CHUNK_CELLS 4096

/* The cells of rows y0 .. y1 - 1 that hold movers, into q, and their places
** in the padded kinds, into qp; returns how many. */
static long movers(const hs_cv_world *w, long y0, long y1, int32_t *q, int32_t *qp)
{
    const int citizens = w->p.citizens_move;
    const long r = w->r, Wp = w->W + 2 * r;
    long m = 0;
    for (long y = y0; y < y1; y++) {
        const long base = y * w->W, pbase = (y + r) * Wp + r - base;
        for (long c = base; c < base + w->W; c++) {
            const uint8_t k = w->kind[c];
            q[m] = (int32_t)c;
            qp[m] = (int32_t)(pbase + c);
            m += (k == HS_CV_COP) | ((k == HS_CV_CITIZEN) & citizens);
        }
    }
    return m;
}

/* The moves of the movers of row y that won their cells. Every claim on
** their targets must be in. */
static void move_row(hs_cv_world *w, long y)
{
    /* The winners first, without a branch each (many movers want the same
    ** cell, so who wins cannot be predicted), then their moves. */
    const int32_t *l = w->list + y * w->W;
    int32_t win[w->W];
    long nw = 0;
    for (long i = 0; i < w->nclaim[y]; i++) {
        win[nw] = l[i];
        nw += claim_won(w, l[i]);
    }
    for (long i = 0; i < nw; i++)
        relocate(w, win[i], w->target[win[i]]);
}

/* Rule M: every free citizen (if citizens move) and every cop moves to a
** random empty cell in vision, if there is one. */
static void phase_move(hs_cv_world *w)
{
    const uint32_t day = (uint32_t)(8 * w->t + PH_MOVE);
    const uint32_t W = (uint32_t)w->W;
    begin_claims(w);
    /* The padded lattice for the probes: each row with r places of the other
    ** end on either side, and r rows of the other end above and below. */
    const long r = w->r, Wp = w->W + 2 * r;
    FOR_ROW_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            const long base = y * w->W;
            const uint8_t *kind = w->kind + base;
            int32_t *row = w->epad + (y + r) * Wp;
            for (long x = 0; x < w->W; x++)
                row[r + x] = kind[x] == HS_CV_EMPTY ? (int32_t)(base + x) : -1;
            memcpy(row, row + w->W, (size_t)r * sizeof *row);
            memcpy(row + r + w->W, row + r, (size_t)r * sizeof *row);
        });
    memcpy(w->epad, w->epad + w->H * Wp, (size_t)(r * Wp) * sizeof *w->epad);
    memcpy(w->epad + (w->H + r) * Wp, w->epad + r * Wp, (size_t)(r * Wp) * sizeof *w->epad);
    /* Rows are taken a few at a time: enough movers for full batches, few
    ** enough that the rows stay in cache until their claims. */
    const long chunk = w->W >= MOVE_CHUNK_CELLS ? 1 : MOVE_CHUNK_CELLS / w->W;
    /* On large lattices the claims and the agents' fields are fetched ahead
    ** (they are not in cache: the last pass over them was a phase ago). */
    const int prefetch = w->n >= PREFETCH_MIN_CELLS;
    long *done = w->rowtmp; /* whether row y's moves are made */
    memset(done, 0, (size_t)w->H * sizeof *done);
    FOR_CLAIM_BLOCKS(
        w, long ymove = rows.y0 + 2 * w->r; const long ymove_end = rows.y1 - 2 * w->r;
        for (long yc = rows.y0; yc < rows.y1; yc += chunk) {
            const long yc1 = yc + chunk < rows.y1 ? yc + chunk : rows.y1;
            /* Every mover's target and priority (into target and prio) in
            ** stages: stage 0 computes all the movers' first Philox blocks,
            ** in batches, for their priorities and first three probes; stage
            ** s the next block of those whose probes have all failed so far,
            ** and so on; the few left after MOVE_TRIES - 1 probes go on one
            ** by one. The queue of movers is kept, in order, in the rows'
            ** part of the claim list, which is free until the claims. */
            /* Claims reach r rows down: the rows these will newly reach are
            ** fetched while the targets are drawn. */
            if (prefetch)
                for (long y = yc + w->r; y < yc1 + w->r; y++)
                    prefetch_bytes(&w->claim[w->yw[w->r + (y < w->H + w->r ? y : y - w->H)]],
                                   (size_t)w->W * sizeof *w->claim);
            const long ncells = (yc1 - yc) * w->W;
            int32_t all[ncells], qp[ncells], *q = w->list + yc * w->W;
            uint32_t prio[ncells];
            const long nall = movers(w, yc, yc1, all, qp);
            long nq = nall;
            memcpy(q, all, (size_t)nall * sizeof *q);
            for (uint32_t blk = 0; nq > 0 && blk < MOVE_FULL_BLOCKS; blk++) {
                long left = 0;
                for (long i0 = 0; i0 < nq; i0 += MOVE_BATCH) {
                    const long nb = i0 + MOVE_BATCH < nq ? MOVE_BATCH : nq - i0;
                    uint32_t ids[MOVE_BATCH], b[4][MOVE_BATCH];
                    uint32_t *const bw[4] = {b[0], b[1], b[2], b[3]};
                    int32_t cps[MOVE_BATCH], t[MOVE_BATCH];
                    for (long i = 0; i < nb; i++) {
                        ids[i] = (uint32_t)w->id[q[i0 + i]];
                        cps[i] = qp[i0 + i];
                    }
                    hs_stream_lanes(w->seed, ids, nb, day, HS_RNG_CV, blk, bw);
                    move_probes(w, b, blk == 0, cps, nb, t);
                    for (long i = 0; i < nb; i++)
                        w->target[q[i0 + i]] = t[i];
                    if (blk == 0) /* (the queue is all the movers, in order) */
                        memcpy(prio + i0, b[0], (size_t)nb * sizeof *prio);
                    /* The queue of those left. */
                    for (long i = 0; i < nb; i++) {
                        q[left] = q[i0 + i];
                        qp[left] = qp[i0 + i];
                        left += t[i] < 0;
                    }
                }
                nq = left;
            }
            for (long i = 0; i < nq; i++) {
                const int32_t c = q[i];
                const uint32_t y = (uint32_t)c / W, x = (uint32_t)c - y * W;
                w->target[c] = (int32_t)move_target_rest(w, x, y, w->id[c]);
            }
            /* The claims, row by row, in cell order. */
            for (long y = yc, i = 0; y < yc1; y++) {
                long nc = 0;
                for (const long end = (y + 1) * w->W; i < nall && all[i] < end; i++) {
                    const long c = all[i], t = w->target[c];
                    if (t >= 0) add_claim(w, &rows, y, c, t, claim_key(w, prio[i], w->id[c]), &nc);
                }
                w->nclaim[y] = nc;
            }
            /* The moves of the rows whose competitors have all claimed, while
            ** their claims are still in cache: rows at least 2r inside the
            ** block (competitors for a cell are within 2r rows of each other,
            ** so those of such a row are all in the block), 2r rows behind
            ** the claims. Moves write only cells at least r inside the block,
            ** which no other thread reads in this pass. */
            for (; ymove < ymove_end && ymove + 2 * w->r < yc1; ymove++) {
                move_row(w, ymove);
                done[ymove] = 1;
            }
        });
    /* The rows whose moves were not made in the first pass, now that every
    ** claim is in: any thread may make any move, since each move writes only
    ** its own two cells (the cells moved from and to are all distinct). */
    FOR_ROW_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            if (!done[y]) move_row(w, y);
        });
}

/* Packed counts of one cell for the prefix sums. */
/* Packed counts by cell contents, indexed by kind | active << 2 | group << 3
** (active is 0 outside free citizens). */
static const uint64_t packed_by_type[16] = {
    [HS_CV_COP] = UINT64_C(1) << (2 * FIELD_BITS),
    [HS_CV_COP | 8] = UINT64_C(1) << (2 * FIELD_BITS),
    [HS_CV_CITIZEN | 4] = 1,
    [HS_CV_CITIZEN | 4 | 8] = UINT64_C(1) << FIELD_BITS,
};

/* Row y's prefix sums of packed counts into pre. */
static void prefix_row(const hs_cv_world *w, long y, uint64_t *pre)
{
    const long W = w->W, r = w->r, base = y * W;
    uint64_t v[W];
    for (long x = 0; x < W; x++)
        v[x] =
            packed_by_type[w->kind[base + x] | w->active[base + x] << 2 | w->group[base + x] << 3];
    /* The extended row is cells W-r .. W-1, 0 .. W-1, 0 .. r-1. */
    uint64_t *row = pre + y * (w->E + 1), sum = 0;
    long i = 0;
    row[i++] = 0;
    for (long x = W - r; x < W; x++)
        row[i++] = sum += v[x];
    for (long x = 0; x < W; x++)
        row[i++] = sum += v[x];
    for (long x = 0; x < r; x++)
        row[i++] = sum += v[x];
}

/* The lo/hi pointers of the prefix rows in sight from row y (same for every
** cell of the row); returns how many. With rowact, a row with no actives
** (rowact[y] == 0) has its prefix sums taken as zeros: they are not made. */
static int vision_rows(const hs_cv_world *w, const uint64_t *pre, const long *rowact, long y,
                       const uint64_t **lo, const uint64_t **hi)
{
    const long r = w->r, E1 = w->E + 1;
    int nr = 0;
    for (long dy = -r; dy <= r; dy++) {
        long h = w->hw[dy + r];
        if (h < 0) continue;
        const long yy = wrapy(w, y + dy);
        const uint64_t *row = rowact && rowact[yy] == 0 ? w->zeros : pre + yy * E1;
        lo[nr] = row + r - h;
        hi[nr] = row + r + h + 1;
        nr++;
    }
    return nr;
}

/* Rule A: every free citizen turns active or quiet by G - R P > T, from the
** cops and the actives of its own group in vision after the moves.
**
** With decide_rounds K > 1 each citizen draws a sub-round in 0..K-1 and the
** sub-rounds run in turn, each counting from the state the earlier ones left:
** a deterministic approach to Epstein's one-at-a-time decisions as K grows. */
static void phase_decide(hs_cv_world *w)
{
    const double L = w->legit, T = w->p.threshold;
    const long cols = w->nvis + 3, K = w->p.decide_rounds;
    const int twice = w->p.self_counted_twice != 0;
    for (long q = 0; q < K; q++) {
        /* The counts must be those before any decision. A block's first and
        ** last r rows, which another block's citizens see, are counted first;
        ** the rows inside, just before the first citizen who sees them
        ** decides, while the cells are in cache. */
        FOR_ROW_BLOCKS(
            w, for (long y = rows.y0; y < rows.y1; y++) {
                if (y < rows.y0 + w->r || y >= rows.y1 - w->r) prefix_row(w, y, w->prefix);
            });
        FOR_ROW_BLOCKS(
            w, for (long y = rows.y0; y < rows.y1; y++) {
                if (y + 2 * w->r < rows.y1) prefix_row(w, y + w->r, w->prefix);
                /* The rows in sight are the same for the whole row of cells. */
                const uint64_t *lo[2 * HS_CV_MAX_VISION + 1], *hi[2 * HS_CV_MAX_VISION + 1];
                int nr = vision_rows(w, w->prefix, NULL, y, lo, hi);
                /* G - R P > T needs G > T (R and P are not negative): a citizen with
                ** G <= T is quiet whatever it sees, and its counts are not needed.
                ** Only the others are listed; the rest are set quiet here. */
                int32_t buf[w->W];
                long m = 0;
                const long base = y * w->W;
                for (long x = 0; x < w->W; x++) {
                    const long c = base + x;
                    const uint8_t hot =
                        (w->kind[c] == HS_CV_CITIZEN) & (cv_grievance(w->hard[c], L) > T);
                    w->active[c] &= hot;
                    buf[m] = (int32_t)c;
                    m += hot;
                }
                if (K > 1) {
                    long k = 0;
                    for (long i = 0; i < m; i++) {
                        const long c = buf[i];
                        if (q == 0) {
                            hs_stream s = stream(w, w->id[c], PH_DECIDE);
                            w->round[c] = (uint8_t)hs_stream_below(&s, (uint32_t)K);
                        }
                        buf[k] = (int32_t)c;
                        k += w->round[c] == q;
                    }
                    m = k;
                }
                for (long i = 0; i < m; i++) {
                    long c = buf[i], x = c - base;
                    uint64_t sum = 0;
                    for (int k = 0; k < nr; k++)
                        sum += hi[k][x] - lo[k][x];
                    long cops = (long)(sum >> (2 * FIELD_BITS));
                    long own = (long)((sum >> (FIELD_BITS * w->group[c])) & FIELD_MASK) -
                               (w->active[c] & !twice);
                    double P = w->ptab[cops * cols + 1 + own];
                    double G = cv_grievance(w->hard[c], L);
                    w->active[c] = (uint8_t)cv_decide_active(G, w->risk[c], P, T);
                }
                /* The row is decided: its counts for the arrest phase can be made
                ** now, into the second buffer, while it is in cache. A row with no
                ** actives needs none (most rows, most steps, in a quiet spell). */
                if (q == K - 1) {
                    long na = 0;
                    for (long x = 0; x < w->W; x++)
                        na += w->active[base + x];
                    w->rowact[y] = na;
                    if (na > 0) prefix_row(w, y, w->prefix2);
                }
            });
    }
}

/* out = a uniformly random cell t in vision of c for which cond holds (cond may use t), or -1:
** count them, draw j, take the j-th in offset order. */
#define PICK_IN_VISION(w, c, s, cond, out)                                                         \
    do {                                                                                           \
        long m_ = 0, y_ = (c) / (w)->W, x_ = (c)-y_ * (w)->W;                                      \
        for (long k_ = 0; k_ < (w)->nvis; k_++) {                                                  \
            long t = vis_cell((w), x_, y_, k_);                                                    \
            m_ += (cond);                                                                          \
        }                                                                                          \
        (out) = -1;                                                                                \
        if (m_ > 0) {                                                                              \
            long j_ = (long)hs_stream_below((s), (uint32_t)m_);                                    \
            for (long k_ = 0; k_ < (w)->nvis; k_++) {                                              \
                long t = vis_cell((w), x_, y_, k_);                                                \
                if ((cond) && j_-- == 0) {                                                         \
                    (out) = t;                                                                     \
                    break;                                                                         \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Rule C: each cop arrests one random active citizen in vision (either group:
** peacekeepers are even-handed). Two cops after one citizen: one wins. */
static long phase_arrest(hs_cv_world *w, long actives)
{
    /* Actives after the decisions, counted by row prefix sums: a cop finds how
    ** many actives it sees from the row's vision sums, and the j-th of them (in
    ** row-major order) by walking the rows of its vision and, in the row that
    ** holds it, the row's prefix sums. */
    const long r = w->r;
    if (actives == 0) return 0; /* nobody to arrest */
    begin_claims(w);
    FOR_CLAIM_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            w->nclaim[y] = 0;
            long seen = 0; /* actives in the rows in sight */
            for (long dy = -r; dy <= r; dy++)
                seen += w->rowact[wrapy(w, y + dy)];
            if (seen == 0) continue;
            int32_t buf[w->W];
            long ncops = row_cells(w, y, HS_CV_COP, 0, buf);
            if (ncops == 0) continue;
            const uint64_t *lo[2 * HS_CV_MAX_VISION + 1], *hi[2 * HS_CV_MAX_VISION + 1];
            int nr = vision_rows(w, w->prefix2, w->rowact, y, lo, hi);
            long nc = 0;
            for (long q = 0; q < ncops; q++) {
                const long c = buf[q], x = c - y * w->W;
                uint64_t all = 0;
                for (int k = 0; k < nr; k++)
                    all += hi[k][x] - lo[k][x];
                const long m = (long)(all & FIELD_MASK) + (long)((all >> FIELD_BITS) & FIELD_MASK);
                if (m == 0) continue;
                hs_stream s = stream(w, w->id[c], PH_ARREST);
                uint64_t key = claim_key(w, hs_stream_u32(&s), w->id[c]);
                long j = cv_arrest_pick(&s, m), v = -1;
                for (long dy = -r, k = 0; dy <= r && v < 0; dy++) {
                    long h = w->hw[dy + r];
                    if (h < 0) continue;
                    uint64_t sum = hi[k][x] - lo[k][x];
                    k++;
                    long cnt = (long)(sum & FIELD_MASK) + (long)((sum >> FIELD_BITS) & FIELD_MASK);
                    if (j >= cnt) {
                        j -= cnt;
                        continue;
                    }
                    /* The j-th active of this row in sight is the first cell
                    ** at which the row's count of actives from the left edge of
                    ** sight passes j: counted from the prefix sums, without a
                    ** branch per cell. */
                    const uint64_t *pre = lo[k - 1] + x;
                    long i = 0;
                    for (long e = 1; e <= 2 * h + 1; e++) {
                        const uint64_t d = pre[e] - pre[0];
                        i += (long)(d & FIELD_MASK) + (long)((d >> FIELD_BITS) & FIELD_MASK) <= j;
                    }
                    v = w->yw[r + y + dy] + w->xw[r + x - h + i];
                }
                if (v >= 0) add_claim(w, &rows, y, c, v, key, &nc); /* v < 0 cannot happen */
            }
            w->nclaim[y] = nc;
        });
    /* Winners first, counted per row; the arrested then go to the jail list
    ** at their row's offset, in row-major order of the cops: the list's order
    ** (and so the order of later releases) does not depend on the threads. */
    const int remove = w->p.jail == HS_CV_JAIL_REMOVE;
    long *row_arrests = w->rowtmp;
    long arrests = settle_claims(w, row_arrests);
    if (remove && jail_reserve(w, arrests) != 0) {
        /* No memory for the jail: nobody is arrested this step. */
        for (long y = 0; y < w->H; y++)
            for (long i = 0; i < w->nclaim[y]; i++)
                w->won[w->list[y * w->W + i]] = 0;
        return 0;
    }
    const long first = remove ? w->njail : w->njcell;
    const int model2 = w->p.model == 2;
    FOR_ROW_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = w->list + y * w->W;
            long k = first + row_arrests[y];
            for (long i = 0; i < w->nclaim[y]; i++) {
                long c = l[i], v = w->target[c];
                if (!w->won[c]) continue;
                w->won[c] = 0;
                hs_stream s = stream(w, w->id[v], PH_ARREST);
                long term = hs_cv_jail_term(&s, w->max_jail);
                if (remove) {
                    jailed *j = &w->jail[k++];
                    *j = (jailed){.id = w->id[v],
                                  .cell = (int32_t)v,
                                  .term = (int32_t)term,
                                  .hardship = w->hard[v],
                                  .risk = w->risk[v]};
                    if (model2) {
                        /* (Model I has one group and no ages: its cells' are all 0.) */
                        j->age = w->age[v];
                        j->maxage = w->maxage[v];
                        j->group = w->group[v];
                    }
                    clear_cell(w, v);
                } else {
                    w->kind[v] = HS_CV_JAILED;
                    w->active[v] = 0;
                    w->term[v] = (int32_t)term;
                    w->jcell[k++] = (int32_t)v;
                }
            }
        });
    if (remove)
        w->njail += arrests;
    else
        w->njcell += arrests;
    return arrests;
}

/* Model II: each active citizen kills one random free citizen of the other
** group in vision. Kills are simultaneous: a killer may also be a victim. */
static long phase_kill(hs_cv_world *w)
{
    begin_claims(w);
    FOR_CLAIM_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            int32_t buf[w->W];
            long m = row_cells(w, y, HS_CV_CITIZEN, 1, buf), nc = 0;
            for (long q = 0; q < m; q++) {
                long c = buf[q];
                hs_stream s = stream(w, w->id[c], PH_KILL);
                uint64_t key = claim_key(w, hs_stream_u32(&s), w->id[c]);
                const uint8_t g = w->group[c];
                long v;
                PICK_IN_VISION(w, c, &s, w->kind[t] == HS_CV_CITIZEN && w->group[t] != g, v);
                if (v >= 0) add_claim(w, &rows, y, c, v, key, &nc);
            }
            w->nclaim[y] = nc;
        });
    /* The winners are marked first and the victims cleared afterwards, so that
    ** no thread clears a cell another thread is still reading. */
    FOR_ROW_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = w->list + y * w->W;
            long m = 0;
            for (long i = 0; i < w->nclaim[y]; i++) {
                w->won[l[i]] = (uint8_t)claim_won(w, l[i]);
                m += w->won[l[i]];
            }
            w->rowtmp[y] = m;
        });
    long kills = 0;
    for (long y = 0; y < w->H; y++)
        kills += w->rowtmp[y];
    FOR_ROW_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = w->list + y * w->W;
            for (long i = 0; i < w->nclaim[y]; i++)
                if (w->won[l[i]]) {
                    clear_cell(w, w->target[l[i]]);
                    w->won[l[i]] = 0;
                }
        });
    return kills;
}

/* Model II: everyone ages a step; a citizen whose age reaches its maximum dies. */
static long phase_age(hs_cv_world *w)
{
    FOR_ROW_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            long m = 0;
            for (long c = y * w->W; c < (y + 1) * w->W; c++) {
                if (w->kind[c] != HS_CV_CITIZEN && w->kind[c] != HS_CV_JAILED) continue;
                if (++w->age[c] >= w->maxage[c]) {
                    clear_cell(w, c);
                    m++;
                }
            }
            w->rowtmp[y] = m;
        });
    long deaths = 0;
    for (long y = 0; y < w->H; y++)
        deaths += w->rowtmp[y];
    long kept = 0; /* the jailed who died in their cells leave the list */
    for (long i = 0; i < w->njcell; i++)
        if (w->kind[w->jcell[i]] == HS_CV_JAILED) w->jcell[kept++] = w->jcell[i];
    w->njcell = kept;
    long keep = 0;
    for (long i = 0; i < w->njail; i++) {
        if (w->jail[i].term == JAIL_GONE) continue;
        if (++w->jail[i].age >= w->jail[i].maxage)
            deaths++;
        else
            w->jail[keep++] = w->jail[i];
    }
    w->njail = keep;
    w->ngone = 0;
    return deaths;
}

/* Model II: each free citizen, with probability `reproduction`, puts a clone
** (same group, hardship and risk aversion; age 0; its own maximum age) into a
** random empty cell in vision. Newborns' ids are given in cell order. */
static long phase_birth(hs_cv_world *w, long *row_births)
{
    const double pr = w->p.reproduction;
    begin_claims(w);
    FOR_CLAIM_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            int32_t buf[w->W];
            long m = row_cells(w, y, HS_CV_CITIZEN, 0, buf), nc = 0;
            for (long q = 0; q < m; q++) {
                long c = buf[q];
                hs_stream s = stream(w, w->id[c], PH_BIRTH);
                if (hs_stream_u01(&s) >= pr) continue;
                uint64_t key = claim_key(w, hs_stream_u32(&s), w->id[c]);
                long t = random_empty_in_vision(w, c - y * w->W, y, &s);
                if (t >= 0) add_claim(w, &rows, y, c, t, key, &nc);
            }
            w->nclaim[y] = nc;
        });
    long total = settle_claims(w, row_births);
    const uint32_t first = w->next_id;
    /* Newborns take ids in row-major order of their parents' cells. */
    FOR_ROW_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            uint32_t id = first + (uint32_t)row_births[y];
            const int32_t *l = w->list + y * w->W;
            for (long i = 0; i < w->nclaim[y]; i++) {
                long c = l[i];
                if (!w->won[c]) continue;
                w->won[c] = 0;
                int32_t t = w->target[c], age, maxage;
                hs_stream s =
                    hs_stream_open(w->seed, id, (uint32_t)(8 * w->t + PH_BIRTH), HS_RNG_CV);
                draw_age(w, &s, 1, &age, &maxage);
                put(w, t, (int32_t)id, HS_CV_CITIZEN, w->hard[c], w->risk[c], w->group[c], age,
                    maxage);
                id++;
            }
        });
    w->next_id += (uint32_t)total;
    return total;
}

static void count_all(hs_cv_world *w)
{
    /* Per-row counts, summed in row order afterwards. */
    FOR_ROW_BLOCKS(
        w, for (long y = rows.y0; y < rows.y1; y++) {
            long a[6] = {0};
            for (long c = y * w->W; c < (y + 1) * w->W; c++) {
                /* Arithmetic, not branches: kinds are random. */
                const uint8_t k = w->kind[c], cit = (k == HS_CV_CITIZEN) | (k == HS_CV_JAILED);
                a[0] += (k == HS_CV_CITIZEN) & !w->active[c];
                a[1] += (k == HS_CV_CITIZEN) & w->active[c];
                a[2] += k == HS_CV_JAILED;
                a[3] += k == HS_CV_COP;
                a[4] += cit & !w->group[c];
                a[5] += cit & w->group[c];
            }
            memcpy(w->rowacc + 6 * y, a, sizeof a);
        });
    long quiet = 0, active = 0, jailed_ = 0, cops = 0, blue = 0, green = 0;
    for (long y = 0; y < w->H; y++) {
        const long *a = w->rowacc + 6 * y;
        quiet += a[0];
        active += a[1];
        jailed_ += a[2];
        cops += a[3];
        blue += a[4];
        green += a[5];
    }
    const long in_jail = w->njail - w->ngone;
    long green_jailed = 0; /* Model I has one group */
    if (w->p.model == 2)
        for (long i = 0; i < w->njail; i++)
            green_jailed += w->jail[i].term != JAIL_GONE && w->jail[i].group;
    green += green_jailed;
    blue += in_jail - green_jailed;
    hs_cv_counts *k = &w->counts;
    k->step = w->t;
    k->legitimacy = w->legit;
    k->cops = cops;
    k->quiet = quiet;
    k->active = active;
    k->jailed = jailed_ + in_jail;
    k->blue = blue;
    k->green = green;
}

/* The counts at the end of a Model I step with `active` actives, from those
** of the step before (cops: from phase_schedule), without a look at the
** lattice: no citizen is born or dies, or changes group; the jailed are those
** in the jail's list. */
static void count_model_i(hs_cv_world *w, long active)
{
    hs_cv_counts *k = &w->counts;
    const long citizens = k->quiet + k->active + k->jailed;
    k->step = w->t;
    k->legitimacy = w->legit;
    k->jailed = w->p.jail == HS_CV_JAIL_STAY ? w->njcell : w->njail - w->ngone;
    k->active = active;
    k->quiet = citizens - k->jailed - active;
}

void hs_cv_world_step(hs_cv_world *w)
{
    w->t++;
    phase_schedule(w);
    phase_release(w);
    phase_move(w);
    phase_decide(w);
    long actives = 0; /* after the decisions */
    for (long y = 0; y < w->H; y++)
        actives += w->rowact[y];
    long arrests = phase_arrest(w, actives), kills = 0, deaths = 0, births = 0;
    if (w->p.model == 2) {
        kills = phase_kill(w);
        deaths = phase_age(w);
        births = phase_birth(w, w->rowtmp);
    }
    if (w->p.model == 2)
        count_all(w);
    else
        count_model_i(w, actives - arrests); /* each arrest takes an active */
    w->counts.arrests = arrests;
    w->counts.kills = kills;
    w->counts.deaths = deaths;
    w->counts.births = births;
}

/* ---- inspection ------------------------------------------------------- */

long hs_cv_world_time(const hs_cv_world *w)
{
    return w->t;
}
hs_cv_counts hs_cv_world_counts(const hs_cv_world *w)
{
    return w->counts;
}
const hs_cv_params *hs_cv_world_params(const hs_cv_world *w)
{
    return &w->p;
}

int hs_cv_world_cell(const hs_cv_world *w, long x, long y, hs_cv_cell *out)
{
    if (x < 0 || y < 0 || x >= w->W || y >= w->H) return -1;
    long c = y * w->W + x;
    out->kind = (hs_cv_kind)w->kind[c];
    out->id = w->id[c];
    out->active = w->active[c];
    out->group = w->group[c];
    out->hardship = w->hard[c];
    out->risk_aversion = w->risk[c];
    out->jail_term = w->kind[c] == HS_CV_JAILED ? w->term[c] : 0;
    return 0;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * UINT64_C(1099511628211);
    return h;
}

uint64_t hs_cv_world_digest(const hs_cv_world *w)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (long c = 0; c < w->n; c++) {
        if (w->kind[c] == HS_CV_EMPTY) continue;
        int32_t rec[6] = {(int32_t)c, w->id[c], w->kind[c], w->active[c], w->term[c], w->age[c]};
        h = fnv(h, rec, sizeof rec);
    }
    for (long i = 0; i < w->njail; i++) {
        if (w->jail[i].term == JAIL_GONE) continue;
        int32_t rec[4] = {w->jail[i].id, w->jail[i].cell, w->jail[i].term, w->jail[i].age};
        h = fnv(h, rec, sizeof rec);
    }
    h = fnv(h, &w->next_id, sizeof w->next_id);
    return h;
}
