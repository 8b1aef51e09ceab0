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

struct hs_cv_lattice {
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

static inline hs_stream stream(const hs_cv_lattice *lat, int32_t id, int phase)
{
    return hs_stream_open(lat->seed, (uint32_t)id, (uint32_t)(8 * lat->t + phase), HS_RNG_CV);
}

static inline long wrapx(const hs_cv_lattice *lat, long x)
{
    return x < 0 ? x + lat->W : (x >= lat->W ? x - lat->W : x);
}
static inline long wrapy(const hs_cv_lattice *lat, long y)
{
    return y < 0 ? y + lat->H : (y >= lat->H ? y - lat->H : y);
}

/* Cell of the k-th offset in vision seen from (x, y). */
static inline long vis_cell(const hs_cv_lattice *lat, long x, long y, long k)
{
    return (long)lat->yw[lat->r + y + lat->ody[k]] + lat->xw[lat->r + x + lat->odx[k]];
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

static int par(const hs_cv_lattice *lat)
{
    return !lat->serial && lat->n >= PARALLEL_MIN_CELLS;
}

/* ---- set-up ----------------------------------------------------------- */

void hs_cv_lattice_free(hs_cv_lattice *lat)
{
    if (!lat) return;
    free(lat->id);
    free(lat->kind);
    free(lat->active);
    free(lat->group);
    free(lat->hard);
    free(lat->risk);
    free(lat->term);
    free(lat->age);
    free(lat->maxage);
    free(lat->target);
    free((void *)lat->claim);
    free(lat->won);
    free(lat->round);
    free(lat->prefix);
    free(lat->prefix2);
    free(lat->rowtmp);
    free(lat->rowacc);
    free(lat->rowact);
    free(lat->zeros);
    free(lat->list);
    free(lat->nclaim);
    free(lat->hw);
    free(lat->odx);
    free(lat->ody);
    free(lat->ooff);
    free(lat->xw);
    free(lat->yw);
    free(lat->epad);
    free(lat->opad);
    free(lat->ptab);
    free(lat->jail);
    free(lat->due);
    free(lat->jcell);
    free(lat);
}

static void build_ptab(hs_cv_lattice *lat)
{
    long cols = lat->nvis + 3;
    for (long c = 0; c <= lat->nvis; c++)
        for (long a = 0; a < cols; a++)
            lat->ptab[c * cols + a] =
                hs_cv_arrest_probability(lat->p.k, c, a < 1 ? 1 : a, lat->p.rounding);
}

static hs_status alloc_lattice(hs_cv_lattice **out, const hs_cv_params *p, uint64_t seed,
                               hs_error *err)
{
    *out = NULL;
    hs_status st = hs_cv_params_check(p, err);
    if (st != HS_OK) return st;
    hs_cv_lattice *lat = calloc(1, sizeof *lat);
    if (!lat) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    lat->p = *p;
    lat->seed = seed;
    lat->W = p->width;
    lat->H = p->height;
    lat->n = lat->W * lat->H;
    lat->r = (long)floor(p->vision + 1e-9);
    lat->E = lat->W + 2 * lat->r;
    lat->nvis = hs_cv_vision_cells(p->vision, p->vision_shape);
    size_t n = (size_t)lat->n;
    lat->id = malloc(n * sizeof *lat->id);
    lat->kind = calloc(n, 1);
    lat->active = calloc(n, 1);
    lat->group = calloc(n, 1);
    lat->hard = calloc(n, sizeof *lat->hard);
    lat->risk = calloc(n, sizeof *lat->risk);
    lat->term = calloc(n, sizeof *lat->term);
    lat->age = calloc(n, sizeof *lat->age);
    lat->maxage = calloc(n, sizeof *lat->maxage);
    lat->target = malloc(n * sizeof *lat->target);
    lat->claim = malloc(n * sizeof *lat->claim);
    lat->won = calloc(n, 1);
    lat->round = calloc(n, 1);
    lat->prefix = malloc((size_t)lat->H * (size_t)(lat->E + 1) * sizeof *lat->prefix);
    lat->prefix2 = malloc((size_t)lat->H * (size_t)(lat->E + 1) * sizeof *lat->prefix2);
    lat->rowtmp = malloc((size_t)lat->H * sizeof *lat->rowtmp);
    lat->rowacc = malloc((size_t)lat->H * 6 * sizeof *lat->rowacc);
    lat->rowact = calloc((size_t)lat->H, sizeof *lat->rowact);
    lat->zeros = calloc((size_t)(lat->E + 1), sizeof *lat->zeros);
    lat->list = malloc(n * sizeof *lat->list);
    lat->nclaim = calloc((size_t)lat->H, sizeof *lat->nclaim);
    lat->hw = malloc((size_t)(2 * lat->r + 1) * sizeof *lat->hw);
    lat->odx = malloc((size_t)(lat->nvis + 1) * sizeof *lat->odx);
    lat->ody = malloc((size_t)(lat->nvis + 1) * sizeof *lat->ody);
    lat->ooff = malloc((size_t)(lat->nvis + 1) * sizeof *lat->ooff);
    lat->xw = malloc((size_t)(lat->W + 2 * lat->r) * sizeof *lat->xw);
    lat->yw = malloc((size_t)(lat->H + 2 * lat->r) * sizeof *lat->yw);
    lat->epad =
        malloc((size_t)(lat->H + 2 * lat->r) * (size_t)(lat->W + 2 * lat->r) * sizeof *lat->epad);
    lat->opad = malloc((size_t)(lat->nvis + 1) * sizeof *lat->opad);
    lat->ptab = malloc((size_t)(lat->nvis + 1) * (size_t)(lat->nvis + 3) * sizeof *lat->ptab);
    lat->capjail = 64;
    lat->jail = malloc((size_t)lat->capjail * sizeof *lat->jail);
    lat->due = malloc((size_t)lat->capjail * sizeof *lat->due);
    lat->jcell = malloc((p->jail == HS_CV_JAIL_STAY ? n : 1) * sizeof *lat->jcell);
    if (!lat->id || !lat->kind || !lat->active || !lat->group || !lat->hard || !lat->risk ||
        !lat->term || !lat->age || !lat->maxage || !lat->target || !lat->claim || !lat->won ||
        !lat->round || !lat->prefix || !lat->prefix2 || !lat->rowtmp || !lat->rowacc ||
        !lat->rowact || !lat->zeros || !lat->list || !lat->nclaim || !lat->hw || !lat->odx ||
        !lat->ody || !lat->ooff || !lat->xw || !lat->yw || !lat->epad || !lat->opad || !lat->ptab ||
        !lat->jail || !lat->due || !lat->jcell) {
        hs_cv_lattice_free(lat);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL,
                            "out of memory for a %ld x %ld lattice", p->width, p->height);
    }
    for (long c = 0; c < lat->n; c++) {
        lat->id[c] = -1;
        lat->target[c] = -1;
        atomic_init(&lat->claim[c], NO_CLAIM);
    }
    /* Every page is written now, so that the system maps it here rather than
    ** in the middle of the first steps (which it would do piecemeal, page by
    ** page, at a cost of several steps on a large lattice). */
    const size_t rows_e = (size_t)lat->H * (size_t)(lat->E + 1),
                 npad = (size_t)(lat->H + 2 * lat->r) * (size_t)(lat->W + 2 * lat->r);
    memset(lat->kind, 0, n);
    memset(lat->active, 0, n);
    memset(lat->group, 0, n);
    memset(lat->won, 0, n);
    memset(lat->round, 0, n);
    memset(lat->hard, 0, n * sizeof *lat->hard);
    memset(lat->risk, 0, n * sizeof *lat->risk);
    memset(lat->term, 0, n * sizeof *lat->term);
    memset(lat->age, 0, n * sizeof *lat->age);
    memset(lat->maxage, 0, n * sizeof *lat->maxage);
    memset(lat->list, 0, n * sizeof *lat->list);
    memset(lat->prefix, 0, rows_e * sizeof *lat->prefix);
    memset(lat->prefix2, 0, rows_e * sizeof *lat->prefix2);
    memset(lat->epad, 0, npad * sizeof *lat->epad);
    for (long i = 0; i < lat->W + 2 * lat->r; i++)
        lat->xw[i] = (int32_t)wrapx(lat, i - lat->r);
    for (long i = 0; i < lat->H + 2 * lat->r; i++)
        lat->yw[i] = (int32_t)(wrapy(lat, i - lat->r) * lat->W);
    long k = 0;
    for (long dy = -lat->r; dy <= lat->r; dy++) {
        long h = hs_cv_vision_halfwidth(p->vision, p->vision_shape, dy);
        lat->hw[dy + lat->r] = h;
        for (long dx = -h; dx <= h; dx++) {
            if (dx == 0 && dy == 0) continue;
            lat->odx[k] = (int32_t)dx;
            lat->ody[k] = (int32_t)dy;
            lat->ooff[k] = (int32_t)(dy * lat->W + dx);
            lat->opad[k] = (int32_t)(dy * (lat->W + 2 * lat->r) + dx);
            k++;
        }
    }
    build_ptab(lat);
    lat->legit = hs_cv_params_at(p, HS_CV_P_LEGITIMACY, 0);
    lat->cop_level = hs_cv_params_at(p, HS_CV_P_COP_DENSITY, 0);
    lat->max_jail = lround(hs_cv_params_at(p, HS_CV_P_MAX_JAIL_TERM, 0));
    *out = lat;
    return HS_OK;
}

static void count_all(hs_cv_lattice *lat);

/* Put agent fields into an empty cell. */
static void put(hs_cv_lattice *lat, long c, int32_t id, hs_cv_kind kind, double h, double r,
                int group, int32_t age, int32_t maxage)
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

/* A citizen's maximum age and starting age (Model II). */
static void draw_age(const hs_cv_lattice *lat, hs_stream *s, int newborn, int32_t *age,
                     int32_t *maxage)
{
    *maxage = (int32_t)(1 + hs_stream_below(s, (uint32_t)lat->p.max_age));
    *age = newborn ? 0 : (int32_t)hs_stream_below(s, (uint32_t)*maxage);
}

hs_status hs_cv_lattice_create_empty(hs_cv_lattice **out, const hs_cv_params *p, uint64_t seed,
                                     hs_error *err)
{
    hs_status st = alloc_lattice(out, p, seed, err);
    if (st != HS_OK) return st;
    count_all(*out);
    return HS_OK;
}

hs_status hs_cv_lattice_create(hs_cv_lattice **out, const hs_cv_params *p, uint64_t seed,
                               hs_error *err)
{
    hs_status st = alloc_lattice(out, p, seed, err);
    if (st != HS_OK) return st;
    hs_cv_lattice *lat = *out;
    long ncit = lround(p->citizen_density * (double)lat->n);
    long ncop = lround(p->cop_density * (double)lat->n);
    if (ncit + ncop > lat->n) ncop = lat->n - ncit;
    long nblue = lround(p->blue_share * (double)ncit);
    /* Cells in random order (Fisher-Yates on one stream): citizens take the
    ** first ncit, cops the next ncop. Ids follow, so ids are spatially random. */
    int32_t *perm = malloc((size_t)lat->n * sizeof *perm);
    if (!perm) {
        hs_cv_lattice_free(lat);
        *out = NULL;
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (long c = 0; c < lat->n; c++)
        perm[c] = (int32_t)c;
    hs_stream s = hs_stream_open(seed, UINT32_MAX, PH_INIT, HS_RNG_CV);
    for (long i = 0; i < ncit + ncop; i++) {
        long j = i + (long)hs_stream_below(&s, (uint32_t)(lat->n - i));
        int32_t tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
    }
    for (long i = 0; i < ncit + ncop; i++) {
        int32_t id = (int32_t)i;
        hs_stream a = stream(lat, id, PH_INIT);
        if (i < ncit) {
            double h = hs_stream_u01_53(&a), r = hs_stream_u01_53(&a);
            int32_t age = 0, maxage = 0;
            if (p->model == 2) draw_age(lat, &a, 0, &age, &maxage);
            put(lat, perm[i], id, HS_CV_CITIZEN, h, r, p->model == 2 && i >= nblue, age, maxage);
        } else {
            put(lat, perm[i], id, HS_CV_COP, 0, 0, 0, 0, 0);
        }
    }
    free(perm);
    lat->next_id = (uint32_t)(ncit + ncop);
    count_all(lat);
    return HS_OK;
}

long hs_cv_lattice_place(hs_cv_lattice *lat, hs_cv_kind kind, long x, long y, double hardship,
                         double risk_aversion, int group)
{
    if (x < 0 || y < 0 || x >= lat->W || y >= lat->H) return -1;
    if (kind != HS_CV_CITIZEN && kind != HS_CV_COP) return -1;
    long c = y * lat->W + x;
    if (lat->kind[c] != HS_CV_EMPTY) return -1;
    int32_t id = (int32_t)lat->next_id++;
    int32_t age = 0, maxage = 0;
    if (kind == HS_CV_CITIZEN && lat->p.model == 2) {
        hs_stream a = stream(lat, id, PH_INIT);
        draw_age(lat, &a, 0, &age, &maxage);
    }
    const int green = group && kind == HS_CV_CITIZEN && lat->p.model == 2;
    put(lat, c, id, kind, hardship, risk_aversion, green, age, maxage);
    count_all(lat);
    return id;
}

void hs_cv_lattice_set_serial(hs_cv_lattice *lat, int serial)
{
    lat->serial = serial;
}

/* ---- helpers ---------------------------------------------------------- */

/* The last resort of random_empty_in_vision: count the empty cells, take the j-th. */
static long nth_empty_in_vision(const hs_cv_lattice *lat, long x, long y, hs_stream *s)
{
    long m = 0;
    for (long k = 0; k < lat->nvis; k++)
        m += lat->kind[vis_cell(lat, x, y, k)] == HS_CV_EMPTY;
    if (m == 0) return -1;
    long j = (long)hs_stream_below(s, (uint32_t)m);
    for (long k = 0; k < lat->nvis; k++) {
        long t = vis_cell(lat, x, y, k);
        if (lat->kind[t] == HS_CV_EMPTY && j-- == 0) return t;
    }
    return -1;
}

/* A uniformly random empty cell in vision of (x, y), or -1: up to MOVE_TRIES
** random probes, then, if all fail, count the empty cells and take the j-th.
** Either way the result is uniform over the empty cells. */
static inline long random_empty_in_vision(const hs_cv_lattice *lat, long x, long y, hs_stream *s)
{
    const long r = lat->r;
    const uint32_t n = (uint32_t)lat->nvis;
    if (x >= r && x < lat->W - r && y >= r && y < lat->H - r) {
        /* Away from the edges no offset wraps. */
        const long c = y * lat->W + x;
        for (int i = 0; i < MOVE_TRIES; i++) {
            long t = c + lat->ooff[hs_stream_below(s, n)];
            if (lat->kind[t] == HS_CV_EMPTY) return t;
        }
    } else {
        for (int i = 0; i < MOVE_TRIES; i++) {
            long t = vis_cell(lat, x, y, (long)hs_stream_below(s, n));
            if (lat->kind[t] == HS_CV_EMPTY) return t;
        }
    }
    return nth_empty_in_vision(lat, x, y, s);
}

/* A uniformly random empty cell anywhere (or -1 when the lattice is full). */
static long random_empty_anywhere(const hs_cv_lattice *lat, hs_stream *s)
{
    for (int i = 0; i < 64; i++) {
        long t = (long)hs_stream_below(s, (uint32_t)lat->n);
        if (lat->kind[t] == HS_CV_EMPTY) return t;
    }
    long m = 0;
    for (long t = 0; t < lat->n; t++)
        m += lat->kind[t] == HS_CV_EMPTY;
    if (m == 0) return -1;
    long j = (long)hs_stream_below(s, (uint32_t)m);
    for (long t = 0; t < lat->n; t++)
        if (lat->kind[t] == HS_CV_EMPTY && j-- == 0) return t;
    return -1;
}

/* Move all fields of the agent in cell a to the empty cell b. */
static inline void relocate(hs_cv_lattice *lat, long a, long b)
{
    /* Only what a free agent can carry: terms are 0 outside jail, and Model I
    ** has one group and no ages. */
    lat->id[b] = lat->id[a];
    lat->kind[b] = lat->kind[a];
    lat->active[b] = lat->active[a];
    lat->hard[b] = lat->hard[a];
    lat->risk[b] = lat->risk[a];
    if (lat->p.model == 2) {
        lat->group[b] = lat->group[a];
        lat->age[b] = lat->age[a];
        lat->maxage[b] = lat->maxage[a];
    }
    lat->id[a] = -1;
    lat->kind[a] = HS_CV_EMPTY;
    lat->active[a] = 0;
}

/* Empty a cell. Keeps the invariant that term is 0 outside jail. */
static void clear_cell(hs_cv_lattice *lat, long c)
{
    lat->id[c] = -1;
    lat->kind[c] = HS_CV_EMPTY;
    lat->active[c] = 0;
    lat->term[c] = 0;
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
#define FOR_ROW_BLOCKS(lat, ...)                                                                   \
    do {                                                                                           \
        if (par(lat)) {                                                                            \
            long nb_ = BLOCKS_PER_THREAD * (long)omp_get_max_threads();                            \
            if (nb_ > (lat)->H) nb_ = (lat)->H;                                                    \
            _Pragma("omp parallel for schedule(dynamic, 1)") for (long b_ = 0; b_ < nb_; b_++)     \
            {                                                                                      \
                const row_block rows = {(lat)->H * b_ / nb_, (lat)->H * (b_ + 1) / nb_,            \
                                        omp_get_num_threads() == 1};                               \
                __VA_ARGS__                                                                        \
            }                                                                                      \
        } else {                                                                                   \
            const row_block rows = {0, (lat)->H, 1};                                               \
            __VA_ARGS__                                                                            \
        }                                                                                          \
    } while (0)

/* FOR_ROW_BLOCKS for a claim pass. When the lattice splits into an even
** number of blocks, each more than 2r rows high, the blocks run in two
** rounds, the even-numbered ones, then the odd-numbered ones: two blocks of
** a round are a block apart, further than two claimants for one cell can
** be, so every claim is exclusive (a plain store, not an atomic exchange).
** Otherwise, as FOR_ROW_BLOCKS, with claims near a block's edges atomic. */
#define FOR_CLAIM_BLOCKS(lat, ...)                                                                 \
    do {                                                                                           \
        long ncb_ = BLOCKS_PER_THREAD * (long)omp_get_max_threads();                               \
        ncb_ += ncb_ & 1;                                                                          \
        if (par(lat) && (lat)->H / ncb_ > 2 * (lat)->r) {                                          \
            _Pragma("omp parallel") for (long colour_ = 0; colour_ < 2; colour_++)                 \
            {                                                                                      \
                _Pragma("omp for schedule(dynamic, 1)") for (long b2_ = 0; b2_ < ncb_ / 2; b2_++)  \
                {                                                                                  \
                    const long b_ = 2 * b2_ + colour_;                                             \
                    const row_block rows = {(lat)->H * b_ / ncb_, (lat)->H * (b_ + 1) / ncb_, 1};  \
                    __VA_ARGS__                                                                    \
                }                                                                                  \
            }                                                                                      \
        } else {                                                                                   \
            FOR_ROW_BLOCKS(lat, __VA_ARGS__);                                                      \
        }                                                                                          \
    } while (0)

/* A claimant in cell c of row y wants cell t with priority key; *n counts the
** row's claims so far (kept by the caller, who sets lat->nclaim[y] at the end:
** a count in memory would make each claim wait for the one before). A row is
** handled by one thread, so the row's list needs no lock. */
static inline void add_claim(hs_cv_lattice *lat, const row_block *b, long y, long c, long t,
                             uint64_t key, long *n)
{
    lat->list[y * lat->W + (*n)++] = (int32_t)c;
    lat->target[c] = (int32_t)t;
    int exclusive = b->alone || (y - 2 * lat->r >= b->y0 && y + 2 * lat->r < b->y1);
    claim_min(&lat->claim[t], key, exclusive);
}

static inline int claim_won(hs_cv_lattice *lat, long c)
{
    /* The low half of a key is the claimant's id, which has one claim a phase. */
    return (uint32_t)claim_get(&lat->claim[lat->target[c]]) == (uint32_t)lat->id[c];
}

/* Mark which claims won their cell, and give each row the offset of its
** first winner in row-major order (so lists built from winners do not depend
** on the threads). Returns the number of winners. */
static long settle_claims(hs_cv_lattice *lat, long *row_offset)
{
    FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = lat->list + y * lat->W;
            long m = 0;
            for (long i = 0; i < lat->nclaim[y]; i++) {
                lat->won[l[i]] = (uint8_t)claim_won(lat, l[i]);
                m += lat->won[l[i]];
            }
            row_offset[y] = m;
        });
    long total = 0;
    for (long y = 0; y < lat->H; y++) {
        long m = row_offset[y];
        row_offset[y] = total;
        total += m;
    }
    return total;
}

/* Start a claim phase: the next (lower) epoch, or, when all 256 are used,
** clear every claim and start again from the top. */
static void begin_claims(hs_cv_lattice *lat)
{
    if (lat->epochs_left == 0) {
        FOR_ROW_BLOCKS(lat,
                       for (long c = rows.y0 * lat->W; c < rows.y1 * lat->W; c++)
                           atomic_store_explicit(&lat->claim[c], NO_CLAIM, memory_order_relaxed););
        lat->epochs_left = 256;
    }
    lat->epochs_left--;
}

/* A claim key: the phase's epoch in the top 8 bits, 24 random bits of
** priority, then the id (ties of priority go to the lower id). */
static inline uint64_t claim_key(const hs_cv_lattice *lat, uint32_t random, int32_t id)
{
    return (uint64_t)lat->epochs_left << 56 | (uint64_t)(random >> 8) << 32 | (uint32_t)id;
}

/* The cells of row y whose kind is k (and, if active_only, that are active),
** into buf, without a branch per cell: kinds are random, so a branch would be
** mispredicted half the time. Returns how many. */
static inline long row_cells(const hs_cv_lattice *lat, long y, uint8_t k, int active_only,
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

static int jail_reserve(hs_cv_lattice *lat, long extra)
{
    if (lat->njail + extra <= lat->capjail) return 0;
    long cap = lat->capjail;
    while (cap < lat->njail + extra)
        cap *= 2;
    jailed *j = realloc(lat->jail, (size_t)cap * sizeof *j);
    if (!j) return -1;
    lat->jail = j;
    int32_t *d = realloc(lat->due, (size_t)cap * sizeof *d);
    if (!d) return -1;
    lat->due = d;
    lat->capjail = cap;
    return 0;
}

/* Drop the released entries from the jail list, keeping the others' order. */
static void jail_drop_gone(hs_cv_lattice *lat)
{
    long keep = 0;
    for (long i = 0; i < lat->njail; i++)
        if (lat->jail[i].term != JAIL_GONE) lat->jail[keep++] = lat->jail[i];
    lat->njail = keep;
    lat->ngone = 0;
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
static void phase_schedule(hs_cv_lattice *lat)
{
    lat->legit = hs_cv_params_at(&lat->p, HS_CV_P_LEGITIMACY, lat->t);
    lat->max_jail = lround(hs_cv_params_at(&lat->p, HS_CV_P_MAX_JAIL_TERM, lat->t));
    double level = hs_cv_params_at(&lat->p, HS_CV_P_COP_DENSITY, lat->t);
    if (level == lat->cop_level) return;
    lat->cop_level = level;
    long want = lround(level * (double)lat->n), have = 0;
    for (long c = 0; c < lat->n; c++)
        have += lat->kind[c] == HS_CV_COP;
    if (have > want) {
        copref *cops = malloc((size_t)have * sizeof *cops);
        if (!cops) return; /* keep the cops; the next change retries */
        long m = 0;
        for (long c = 0; c < lat->n; c++)
            if (lat->kind[c] == HS_CV_COP) cops[m++] = (copref){lat->id[c], (int32_t)c};
        qsort(cops, (size_t)m, sizeof *cops, cmp_copref_desc);
        for (long i = 0; i < have - want; i++)
            clear_cell(lat, cops[i].cell);
        free(cops);
        lat->counts.cops = want;
    } else {
        long i = have;
        for (; i < want; i++) {
            int32_t id = (int32_t)lat->next_id++;
            hs_stream s = stream(lat, id, PH_SCHEDULE);
            long c = random_empty_anywhere(lat, &s);
            if (c < 0) break;
            put(lat, c, id, HS_CV_COP, 0, 0, 0, 0, 0);
        }
        lat->counts.cops = i;
    }
}

/* Jail terms run down; a citizen whose term is over returns: to its own cell
** (jail: stay), or (jail: remove) to the cell where it was arrested if empty,
** else to a random empty cell in vision of it, else it waits another step. */
static void phase_release(hs_cv_lattice *lat)
{
    if (lat->p.jail == HS_CV_JAIL_STAY) {
        /* The jailed are listed, so that their terms run down without a
        ** look at every cell; each is independent of the others. */
        long keep = 0;
        for (long i = 0; i < lat->njcell; i++) {
            const long c = lat->jcell[i];
            long term = lat->term[c];
            if (cv_jail_tick(&term)) {
                lat->kind[c] = HS_CV_CITIZEN;
            } else {
                lat->term[c] = (int32_t)term;
                lat->jcell[keep++] = (int32_t)c;
            }
        }
        lat->njcell = keep;
        return;
    }
    /* Terms run down in parallel; each block of the list notes its entries
    ** that are due (in its part of lat->due, from the block's first entry), and
    ** how many, at its first row in rowtmp. The due return one after another,
    ** in list order, since they compete for cells; the others stay where they
    ** are. A citizen who returns leaves a released entry (JAIL_GONE) behind,
    ** dropped when they make up half the list. */
    long *ndue = lat->rowtmp;
    memset(ndue, 0, (size_t)lat->H * sizeof *ndue);
    FOR_ROW_BLOCKS(
        lat, const long i0 = lat->njail * rows.y0 / lat->H; long m = 0;
        for (long i = i0; i < lat->njail * rows.y1 / lat->H; i++) {
            long term = lat->jail[i].term;
            if (term == JAIL_GONE) continue;
            if (cv_jail_tick(&term))
                lat->due[i0 + m++] = (int32_t)i;
            else
                lat->jail[i].term = (int32_t)term;
        } ndue[rows.y0] = m;);
    for (long y = 0; y < lat->H; y++) {
        const int32_t *due = lat->due + lat->njail * y / lat->H;
        for (long k = 0; k < ndue[y]; k++) {
            jailed *j = &lat->jail[due[k]];
            long c = j->cell;
            if (lat->kind[c] != HS_CV_EMPTY) {
                hs_stream s = stream(lat, j->id, PH_RELEASE);
                c = random_empty_in_vision(lat, c % lat->W, c / lat->W, &s);
            }
            if (c < 0) {
                j->term = 0; /* no room: due again next step */
                continue;
            }
            put(lat, c, j->id, HS_CV_CITIZEN, j->hardship, j->risk, j->group, j->age, j->maxage);
            j->term = JAIL_GONE;
            lat->ngone++;
        }
    }
    if (2 * lat->ngone > lat->njail) jail_drop_gone(lat);
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
static void move_probes(const hs_cv_lattice *lat, uint32_t words[4][MOVE_BATCH], int first_block,
                        const int32_t *cps, long n, int32_t *target)
{
    const uint64_t nv = (uint64_t)lat->nvis;
    const int32_t *epad = lat->epad, *opad = lat->opad;
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
static long move_target_rest(const hs_cv_lattice *lat, long x, long y, int32_t id)
{
    hs_stream s = stream(lat, id, PH_MOVE);
    s.ctr.v[3] = MOVE_FULL_BLOCKS;
    long u = vis_cell(lat, x, y, (long)hs_stream_below(&s, (uint32_t)lat->nvis));
    if (lat->kind[u] == HS_CV_EMPTY) return u;
    return nth_empty_in_vision(lat, x, y, &s);
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
static long movers(const hs_cv_lattice *lat, long y0, long y1, int32_t *q, int32_t *qp)
{
    const int citizens = lat->p.citizens_move;
    const long r = lat->r, Wp = lat->W + 2 * r;
    long m = 0;
    for (long y = y0; y < y1; y++) {
        const long base = y * lat->W, pbase = (y + r) * Wp + r - base;
        for (long c = base; c < base + lat->W; c++) {
            const uint8_t k = lat->kind[c];
            q[m] = (int32_t)c;
            qp[m] = (int32_t)(pbase + c);
            m += (k == HS_CV_COP) | ((k == HS_CV_CITIZEN) & citizens);
        }
    }
    return m;
}

/* The moves of the movers of row y that won their cells. Every claim on
** their targets must be in. */
static void move_row(hs_cv_lattice *lat, long y)
{
    /* The winners first, without a branch each (many movers want the same
    ** cell, so who wins cannot be predicted), then their moves. */
    const int32_t *l = lat->list + y * lat->W;
    int32_t win[lat->W];
    long nw = 0;
    for (long i = 0; i < lat->nclaim[y]; i++) {
        win[nw] = l[i];
        nw += claim_won(lat, l[i]);
    }
    for (long i = 0; i < nw; i++)
        relocate(lat, win[i], lat->target[win[i]]);
}

/* Rule M: every free citizen (if citizens move) and every cop moves to a
** random empty cell in vision, if there is one. */
static void phase_move(hs_cv_lattice *lat)
{
    const uint32_t day = (uint32_t)(8 * lat->t + PH_MOVE);
    const uint32_t W = (uint32_t)lat->W;
    begin_claims(lat);
    /* The padded lattice for the probes: each row with r places of the other
    ** end on either side, and r rows of the other end above and below. */
    const long r = lat->r, Wp = lat->W + 2 * r;
    FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            const long base = y * lat->W;
            const uint8_t *kind = lat->kind + base;
            int32_t *row = lat->epad + (y + r) * Wp;
            for (long x = 0; x < lat->W; x++)
                row[r + x] = kind[x] == HS_CV_EMPTY ? (int32_t)(base + x) : -1;
            memcpy(row, row + lat->W, (size_t)r * sizeof *row);
            memcpy(row + r + lat->W, row + r, (size_t)r * sizeof *row);
        });
    memcpy(lat->epad, lat->epad + lat->H * Wp, (size_t)(r * Wp) * sizeof *lat->epad);
    memcpy(lat->epad + (lat->H + r) * Wp, lat->epad + r * Wp, (size_t)(r * Wp) * sizeof *lat->epad);
    /* Rows are taken a few at a time: enough movers for full batches, few
    ** enough that the rows stay in cache until their claims. */
    const long chunk = lat->W >= MOVE_CHUNK_CELLS ? 1 : MOVE_CHUNK_CELLS / lat->W;
    /* On large lattices the claims and the agents' fields are fetched ahead
    ** (they are not in cache: the last pass over them was a phase ago). */
    const int prefetch = lat->n >= PREFETCH_MIN_CELLS;
    long *done = lat->rowtmp; /* whether row y's moves are made */
    memset(done, 0, (size_t)lat->H * sizeof *done);
    FOR_CLAIM_BLOCKS(
        lat, long ymove = rows.y0 + 2 * lat->r; const long ymove_end = rows.y1 - 2 * lat->r;
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
                for (long y = yc + lat->r; y < yc1 + lat->r; y++)
                    prefetch_bytes(
                        &lat->claim[lat->yw[lat->r + (y < lat->H + lat->r ? y : y - lat->H)]],
                        (size_t)lat->W * sizeof *lat->claim);
            const long ncells = (yc1 - yc) * lat->W;
            int32_t all[ncells], qp[ncells], *q = lat->list + yc * lat->W;
            uint32_t prio[ncells];
            const long nall = movers(lat, yc, yc1, all, qp);
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
                        ids[i] = (uint32_t)lat->id[q[i0 + i]];
                        cps[i] = qp[i0 + i];
                    }
                    hs_stream_lanes(lat->seed, ids, nb, day, HS_RNG_CV, blk, bw);
                    move_probes(lat, b, blk == 0, cps, nb, t);
                    for (long i = 0; i < nb; i++)
                        lat->target[q[i0 + i]] = t[i];
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
                lat->target[c] = (int32_t)move_target_rest(lat, x, y, lat->id[c]);
            }
            /* The claims, row by row, in cell order. */
            for (long y = yc, i = 0; y < yc1; y++) {
                long nc = 0;
                for (const long end = (y + 1) * lat->W; i < nall && all[i] < end; i++) {
                    const long c = all[i], t = lat->target[c];
                    if (t >= 0)
                        add_claim(lat, &rows, y, c, t, claim_key(lat, prio[i], lat->id[c]), &nc);
                }
                lat->nclaim[y] = nc;
            }
            /* The moves of the rows whose competitors have all claimed, while
            ** their claims are still in cache: rows at least 2r inside the
            ** block (competitors for a cell are within 2r rows of each other,
            ** so those of such a row are all in the block), 2r rows behind
            ** the claims. Moves write only cells at least r inside the block,
            ** which no other thread reads in this pass. */
            for (; ymove < ymove_end && ymove + 2 * lat->r < yc1; ymove++) {
                move_row(lat, ymove);
                done[ymove] = 1;
            }
        });
    /* The rows whose moves were not made in the first pass, now that every
    ** claim is in: any thread may make any move, since each move writes only
    ** its own two cells (the cells moved from and to are all distinct). */
    FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            if (!done[y]) move_row(lat, y);
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
static void prefix_row(const hs_cv_lattice *lat, long y, uint64_t *pre)
{
    const long W = lat->W, r = lat->r, base = y * W;
    uint64_t v[W];
    for (long x = 0; x < W; x++)
        v[x] = packed_by_type[lat->kind[base + x] | lat->active[base + x] << 2 |
                              lat->group[base + x] << 3];
    /* The extended row is cells W-r .. W-1, 0 .. W-1, 0 .. r-1. */
    uint64_t *row = pre + y * (lat->E + 1), sum = 0;
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
static int vision_rows(const hs_cv_lattice *lat, const uint64_t *pre, const long *rowact, long y,
                       const uint64_t **lo, const uint64_t **hi)
{
    const long r = lat->r, E1 = lat->E + 1;
    int nr = 0;
    for (long dy = -r; dy <= r; dy++) {
        long h = lat->hw[dy + r];
        if (h < 0) continue;
        const long yy = wrapy(lat, y + dy);
        const uint64_t *row = rowact && rowact[yy] == 0 ? lat->zeros : pre + yy * E1;
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
static void phase_decide(hs_cv_lattice *lat)
{
    const double L = lat->legit, T = lat->p.threshold;
    const long cols = lat->nvis + 3, K = lat->p.decide_rounds;
    const int twice = lat->p.self_counted_twice != 0;
    for (long q = 0; q < K; q++) {
        /* The counts must be those before any decision. A block's first and
        ** last r rows, which another block's citizens see, are counted first;
        ** the rows inside, just before the first citizen who sees them
        ** decides, while the cells are in cache. */
        FOR_ROW_BLOCKS(
            lat, for (long y = rows.y0; y < rows.y1; y++) {
                if (y < rows.y0 + lat->r || y >= rows.y1 - lat->r) prefix_row(lat, y, lat->prefix);
            });
        FOR_ROW_BLOCKS(
            lat, for (long y = rows.y0; y < rows.y1; y++) {
                if (y + 2 * lat->r < rows.y1) prefix_row(lat, y + lat->r, lat->prefix);
                /* The rows in sight are the same for the whole row of cells. */
                const uint64_t *lo[2 * HS_CV_MAX_VISION + 1], *hi[2 * HS_CV_MAX_VISION + 1];
                int nr = vision_rows(lat, lat->prefix, NULL, y, lo, hi);
                /* G - R P > T needs G > T (R and P are not negative): a citizen with
                ** G <= T is quiet whatever it sees, and its counts are not needed.
                ** Only the others are listed; the rest are set quiet here. */
                int32_t buf[lat->W];
                long m = 0;
                const long base = y * lat->W;
                for (long x = 0; x < lat->W; x++) {
                    const long c = base + x;
                    const uint8_t hot =
                        (lat->kind[c] == HS_CV_CITIZEN) & (cv_grievance(lat->hard[c], L) > T);
                    lat->active[c] &= hot;
                    buf[m] = (int32_t)c;
                    m += hot;
                }
                if (K > 1) {
                    long k = 0;
                    for (long i = 0; i < m; i++) {
                        const long c = buf[i];
                        if (q == 0) {
                            hs_stream s = stream(lat, lat->id[c], PH_DECIDE);
                            lat->round[c] = (uint8_t)hs_stream_below(&s, (uint32_t)K);
                        }
                        buf[k] = (int32_t)c;
                        k += lat->round[c] == q;
                    }
                    m = k;
                }
                for (long i = 0; i < m; i++) {
                    long c = buf[i], x = c - base;
                    uint64_t sum = 0;
                    for (int k = 0; k < nr; k++)
                        sum += hi[k][x] - lo[k][x];
                    long cops = (long)(sum >> (2 * FIELD_BITS));
                    long own = (long)((sum >> (FIELD_BITS * lat->group[c])) & FIELD_MASK) -
                               (lat->active[c] & !twice);
                    double P = lat->ptab[cops * cols + 1 + own];
                    double G = cv_grievance(lat->hard[c], L);
                    lat->active[c] = (uint8_t)cv_decide_active(G, lat->risk[c], P, T);
                }
                /* The row is decided: its counts for the arrest phase can be made
                ** now, into the second buffer, while it is in cache. A row with no
                ** actives needs none (most rows, most steps, in a quiet spell). */
                if (q == K - 1) {
                    long na = 0;
                    for (long x = 0; x < lat->W; x++)
                        na += lat->active[base + x];
                    lat->rowact[y] = na;
                    if (na > 0) prefix_row(lat, y, lat->prefix2);
                }
            });
    }
}

/* out = a uniformly random cell t in vision of c for which cond holds (cond may use t), or -1:
** count them, draw j, take the j-th in offset order. */
#define PICK_IN_VISION(lat, c, s, cond, out)                                                       \
    do {                                                                                           \
        long m_ = 0, y_ = (c) / (lat)->W, x_ = (c)-y_ * (lat)->W;                                  \
        for (long k_ = 0; k_ < (lat)->nvis; k_++) {                                                \
            long t = vis_cell((lat), x_, y_, k_);                                                  \
            m_ += (cond);                                                                          \
        }                                                                                          \
        (out) = -1;                                                                                \
        if (m_ > 0) {                                                                              \
            long j_ = (long)hs_stream_below((s), (uint32_t)m_);                                    \
            for (long k_ = 0; k_ < (lat)->nvis; k_++) {                                            \
                long t = vis_cell((lat), x_, y_, k_);                                              \
                if ((cond) && j_-- == 0) {                                                         \
                    (out) = t;                                                                     \
                    break;                                                                         \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Rule C: each cop arrests one random active citizen in vision (either group:
** peacekeepers are even-handed). Two cops after one citizen: one wins. */
static long phase_arrest(hs_cv_lattice *lat, long actives)
{
    /* Actives after the decisions, counted by row prefix sums: a cop finds how
    ** many actives it sees from the row's vision sums, and the j-th of them (in
    ** row-major order) by walking the rows of its vision and, in the row that
    ** holds it, the row's prefix sums. */
    const long r = lat->r;
    if (actives == 0) return 0; /* nobody to arrest */
    begin_claims(lat);
    FOR_CLAIM_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            lat->nclaim[y] = 0;
            long seen = 0; /* actives in the rows in sight */
            for (long dy = -r; dy <= r; dy++)
                seen += lat->rowact[wrapy(lat, y + dy)];
            if (seen == 0) continue;
            int32_t buf[lat->W];
            long ncops = row_cells(lat, y, HS_CV_COP, 0, buf);
            if (ncops == 0) continue;
            const uint64_t *lo[2 * HS_CV_MAX_VISION + 1], *hi[2 * HS_CV_MAX_VISION + 1];
            int nr = vision_rows(lat, lat->prefix2, lat->rowact, y, lo, hi);
            long nc = 0;
            for (long q = 0; q < ncops; q++) {
                const long c = buf[q], x = c - y * lat->W;
                uint64_t all = 0;
                for (int k = 0; k < nr; k++)
                    all += hi[k][x] - lo[k][x];
                const long m = (long)(all & FIELD_MASK) + (long)((all >> FIELD_BITS) & FIELD_MASK);
                if (m == 0) continue;
                hs_stream s = stream(lat, lat->id[c], PH_ARREST);
                uint64_t key = claim_key(lat, hs_stream_u32(&s), lat->id[c]);
                long j = cv_arrest_pick(&s, m), v = -1;
                for (long dy = -r, k = 0; dy <= r && v < 0; dy++) {
                    long h = lat->hw[dy + r];
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
                    v = lat->yw[r + y + dy] + lat->xw[r + x - h + i];
                }
                if (v >= 0) add_claim(lat, &rows, y, c, v, key, &nc); /* v < 0 cannot happen */
            }
            lat->nclaim[y] = nc;
        });
    /* Winners first, counted per row; the arrested then go to the jail list
    ** at their row's offset, in row-major order of the cops: the list's order
    ** (and so the order of later releases) does not depend on the threads. */
    const int remove = lat->p.jail == HS_CV_JAIL_REMOVE;
    long *row_arrests = lat->rowtmp;
    long arrests = settle_claims(lat, row_arrests);
    if (remove && jail_reserve(lat, arrests) != 0) {
        /* No memory for the jail: nobody is arrested this step. */
        for (long y = 0; y < lat->H; y++)
            for (long i = 0; i < lat->nclaim[y]; i++)
                lat->won[lat->list[y * lat->W + i]] = 0;
        return 0;
    }
    const long first = remove ? lat->njail : lat->njcell;
    const int model2 = lat->p.model == 2;
    FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = lat->list + y * lat->W;
            long k = first + row_arrests[y];
            for (long i = 0; i < lat->nclaim[y]; i++) {
                long c = l[i], v = lat->target[c];
                if (!lat->won[c]) continue;
                lat->won[c] = 0;
                hs_stream s = stream(lat, lat->id[v], PH_ARREST);
                long term = hs_cv_jail_term(&s, lat->max_jail);
                if (remove) {
                    jailed *j = &lat->jail[k++];
                    *j = (jailed){.id = lat->id[v],
                                  .cell = (int32_t)v,
                                  .term = (int32_t)term,
                                  .hardship = lat->hard[v],
                                  .risk = lat->risk[v]};
                    if (model2) {
                        /* (Model I has one group and no ages: its cells' are all 0.) */
                        j->age = lat->age[v];
                        j->maxage = lat->maxage[v];
                        j->group = lat->group[v];
                    }
                    clear_cell(lat, v);
                } else {
                    lat->kind[v] = HS_CV_JAILED;
                    lat->active[v] = 0;
                    lat->term[v] = (int32_t)term;
                    lat->jcell[k++] = (int32_t)v;
                }
            }
        });
    if (remove)
        lat->njail += arrests;
    else
        lat->njcell += arrests;
    return arrests;
}

/* Model II: each active citizen kills one random free citizen of the other
** group in vision. Kills are simultaneous: a killer may also be a victim. */
static long phase_kill(hs_cv_lattice *lat)
{
    begin_claims(lat);
    FOR_CLAIM_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            int32_t buf[lat->W];
            long m = row_cells(lat, y, HS_CV_CITIZEN, 1, buf), nc = 0;
            for (long q = 0; q < m; q++) {
                long c = buf[q];
                hs_stream s = stream(lat, lat->id[c], PH_KILL);
                uint64_t key = claim_key(lat, hs_stream_u32(&s), lat->id[c]);
                const uint8_t g = lat->group[c];
                long v;
                PICK_IN_VISION(lat, c, &s, lat->kind[t] == HS_CV_CITIZEN && lat->group[t] != g, v);
                if (v >= 0) add_claim(lat, &rows, y, c, v, key, &nc);
            }
            lat->nclaim[y] = nc;
        });
    /* The winners are marked first and the victims cleared afterwards, so that
    ** no thread clears a cell another thread is still reading. */
    FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = lat->list + y * lat->W;
            long m = 0;
            for (long i = 0; i < lat->nclaim[y]; i++) {
                lat->won[l[i]] = (uint8_t)claim_won(lat, l[i]);
                m += lat->won[l[i]];
            }
            lat->rowtmp[y] = m;
        });
    long kills = 0;
    for (long y = 0; y < lat->H; y++)
        kills += lat->rowtmp[y];
    FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = lat->list + y * lat->W;
            for (long i = 0; i < lat->nclaim[y]; i++)
                if (lat->won[l[i]]) {
                    clear_cell(lat, lat->target[l[i]]);
                    lat->won[l[i]] = 0;
                }
        });
    return kills;
}

/* Model II: everyone ages a step; a citizen whose age reaches its maximum dies. */
static long phase_age(hs_cv_lattice *lat)
{
    FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            long m = 0;
            for (long c = y * lat->W; c < (y + 1) * lat->W; c++) {
                if (lat->kind[c] != HS_CV_CITIZEN && lat->kind[c] != HS_CV_JAILED) continue;
                if (++lat->age[c] >= lat->maxage[c]) {
                    clear_cell(lat, c);
                    m++;
                }
            }
            lat->rowtmp[y] = m;
        });
    long deaths = 0;
    for (long y = 0; y < lat->H; y++)
        deaths += lat->rowtmp[y];
    long kept = 0; /* the jailed who died in their cells leave the list */
    for (long i = 0; i < lat->njcell; i++)
        if (lat->kind[lat->jcell[i]] == HS_CV_JAILED) lat->jcell[kept++] = lat->jcell[i];
    lat->njcell = kept;
    long keep = 0;
    for (long i = 0; i < lat->njail; i++) {
        if (lat->jail[i].term == JAIL_GONE) continue;
        if (++lat->jail[i].age >= lat->jail[i].maxage)
            deaths++;
        else
            lat->jail[keep++] = lat->jail[i];
    }
    lat->njail = keep;
    lat->ngone = 0;
    return deaths;
}

/* Model II: each free citizen, with probability `reproduction`, puts a clone
** (same group, hardship and risk aversion; age 0; its own maximum age) into a
** random empty cell in vision. Newborns' ids are given in cell order. */
static long phase_birth(hs_cv_lattice *lat, long *row_births)
{
    const double pr = lat->p.reproduction;
    begin_claims(lat);
    FOR_CLAIM_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            int32_t buf[lat->W];
            long m = row_cells(lat, y, HS_CV_CITIZEN, 0, buf), nc = 0;
            for (long q = 0; q < m; q++) {
                long c = buf[q];
                hs_stream s = stream(lat, lat->id[c], PH_BIRTH);
                if (hs_stream_u01(&s) >= pr) continue;
                uint64_t key = claim_key(lat, hs_stream_u32(&s), lat->id[c]);
                long t = random_empty_in_vision(lat, c - y * lat->W, y, &s);
                if (t >= 0) add_claim(lat, &rows, y, c, t, key, &nc);
            }
            lat->nclaim[y] = nc;
        });
    long total = settle_claims(lat, row_births);
    const uint32_t first = lat->next_id;
    /* Newborns take ids in row-major order of their parents' cells. */
    FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            uint32_t id = first + (uint32_t)row_births[y];
            const int32_t *l = lat->list + y * lat->W;
            for (long i = 0; i < lat->nclaim[y]; i++) {
                long c = l[i];
                if (!lat->won[c]) continue;
                lat->won[c] = 0;
                int32_t t = lat->target[c], age, maxage;
                hs_stream s =
                    hs_stream_open(lat->seed, id, (uint32_t)(8 * lat->t + PH_BIRTH), HS_RNG_CV);
                draw_age(lat, &s, 1, &age, &maxage);
                put(lat, t, (int32_t)id, HS_CV_CITIZEN, lat->hard[c], lat->risk[c], lat->group[c],
                    age, maxage);
                id++;
            }
        });
    lat->next_id += (uint32_t)total;
    return total;
}

static void count_all(hs_cv_lattice *lat)
{
    /* Per-row counts, summed in row order afterwards. */
    FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            long a[6] = {0};
            for (long c = y * lat->W; c < (y + 1) * lat->W; c++) {
                /* Arithmetic, not branches: kinds are random. */
                const uint8_t k = lat->kind[c], cit = (k == HS_CV_CITIZEN) | (k == HS_CV_JAILED);
                a[0] += (k == HS_CV_CITIZEN) & !lat->active[c];
                a[1] += (k == HS_CV_CITIZEN) & lat->active[c];
                a[2] += k == HS_CV_JAILED;
                a[3] += k == HS_CV_COP;
                a[4] += cit & !lat->group[c];
                a[5] += cit & lat->group[c];
            }
            memcpy(lat->rowacc + 6 * y, a, sizeof a);
        });
    long quiet = 0, active = 0, jailed_ = 0, cops = 0, blue = 0, green = 0;
    for (long y = 0; y < lat->H; y++) {
        const long *a = lat->rowacc + 6 * y;
        quiet += a[0];
        active += a[1];
        jailed_ += a[2];
        cops += a[3];
        blue += a[4];
        green += a[5];
    }
    const long in_jail = lat->njail - lat->ngone;
    long green_jailed = 0; /* Model I has one group */
    if (lat->p.model == 2)
        for (long i = 0; i < lat->njail; i++)
            green_jailed += lat->jail[i].term != JAIL_GONE && lat->jail[i].group;
    green += green_jailed;
    blue += in_jail - green_jailed;
    hs_cv_counts *k = &lat->counts;
    k->step = lat->t;
    k->legitimacy = lat->legit;
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
static void count_model_i(hs_cv_lattice *lat, long active)
{
    hs_cv_counts *k = &lat->counts;
    const long citizens = k->quiet + k->active + k->jailed;
    k->step = lat->t;
    k->legitimacy = lat->legit;
    k->jailed = lat->p.jail == HS_CV_JAIL_STAY ? lat->njcell : lat->njail - lat->ngone;
    k->active = active;
    k->quiet = citizens - k->jailed - active;
}

void hs_cv_lattice_step(hs_cv_lattice *lat)
{
    lat->t++;
    phase_schedule(lat);
    phase_release(lat);
    phase_move(lat);
    phase_decide(lat);
    long actives = 0; /* after the decisions */
    for (long y = 0; y < lat->H; y++)
        actives += lat->rowact[y];
    long arrests = phase_arrest(lat, actives), kills = 0, deaths = 0, births = 0;
    if (lat->p.model == 2) {
        kills = phase_kill(lat);
        deaths = phase_age(lat);
        births = phase_birth(lat, lat->rowtmp);
    }
    if (lat->p.model == 2)
        count_all(lat);
    else
        count_model_i(lat, actives - arrests); /* each arrest takes an active */
    lat->counts.arrests = arrests;
    lat->counts.kills = kills;
    lat->counts.deaths = deaths;
    lat->counts.births = births;
}

/* ---- inspection ------------------------------------------------------- */

long hs_cv_lattice_time(const hs_cv_lattice *lat)
{
    return lat->t;
}
hs_cv_counts hs_cv_lattice_counts(const hs_cv_lattice *lat)
{
    return lat->counts;
}
const hs_cv_params *hs_cv_lattice_params(const hs_cv_lattice *lat)
{
    return &lat->p;
}

int hs_cv_lattice_cell(const hs_cv_lattice *lat, long x, long y, hs_cv_cell *out)
{
    if (x < 0 || y < 0 || x >= lat->W || y >= lat->H) return -1;
    long c = y * lat->W + x;
    out->kind = (hs_cv_kind)lat->kind[c];
    out->id = lat->id[c];
    out->active = lat->active[c];
    out->group = lat->group[c];
    out->hardship = lat->hard[c];
    out->risk_aversion = lat->risk[c];
    out->jail_term = lat->kind[c] == HS_CV_JAILED ? lat->term[c] : 0;
    return 0;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * UINT64_C(1099511628211);
    return h;
}

uint64_t hs_cv_lattice_digest(const hs_cv_lattice *lat)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (long c = 0; c < lat->n; c++) {
        if (lat->kind[c] == HS_CV_EMPTY) continue;
        int32_t rec[6] = {(int32_t)c,     lat->id[c],   lat->kind[c],
                          lat->active[c], lat->term[c], lat->age[c]};
        h = fnv(h, rec, sizeof rec);
    }
    for (long i = 0; i < lat->njail; i++) {
        if (lat->jail[i].term == JAIL_GONE) continue;
        int32_t rec[4] = {lat->jail[i].id, lat->jail[i].cell, lat->jail[i].term, lat->jail[i].age};
        h = fnv(h, rec, sizeof rec);
    }
    h = fnv(h, &lat->next_id, sizeof lat->next_id);
    return h;
}
