/*
** cv_lattice.c - Epstein's civil-violence models on a torus lattice: the
** lattice's creation and inspection, its counts, the schedule phase, the
** claim machinery the phases share, and the step that runs the phases
** (cv_lattice_internal.h says which file holds which phase, and why the
** results do not depend on the threads).
*/
#include "violence/cv_lattice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Every array of a lattice whose sizes (W, H, r, E, nvis) are set; 0, or -1
** when one is missing (the caller frees what was allocated). */
static int lattice_alloc_arrays(hs_cv_lattice *lat)
{
    const size_t n = (size_t)lat->n, H = (size_t)lat->H, E1 = (size_t)(lat->E + 1),
                 vis = (size_t)(lat->nvis + 1), Hp = (size_t)(lat->H + 2 * lat->r),
                 Wp = (size_t)(lat->W + 2 * lat->r);
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
    lat->prefix = malloc(H * E1 * sizeof *lat->prefix);
    lat->prefix2 = malloc(H * E1 * sizeof *lat->prefix2);
    lat->rowtmp = malloc(H * sizeof *lat->rowtmp);
    lat->rowacc = malloc(H * 6 * sizeof *lat->rowacc);
    lat->rowact = calloc(H, sizeof *lat->rowact);
    lat->zeros = calloc(E1, sizeof *lat->zeros);
    lat->list = malloc(n * sizeof *lat->list);
    lat->nclaim = calloc(H, sizeof *lat->nclaim);
    lat->hw = malloc((size_t)(2 * lat->r + 1) * sizeof *lat->hw);
    lat->odx = malloc(vis * sizeof *lat->odx);
    lat->ody = malloc(vis * sizeof *lat->ody);
    lat->ooff = malloc(vis * sizeof *lat->ooff);
    lat->xw = malloc(Wp * sizeof *lat->xw);
    lat->yw = malloc(Hp * sizeof *lat->yw);
    lat->epad = malloc(Hp * Wp * sizeof *lat->epad);
    lat->opad = malloc(vis * sizeof *lat->opad);
    lat->ptab = malloc(vis * (size_t)(lat->nvis + 3) * sizeof *lat->ptab);
    lat->capjail = 64;
    lat->jail = malloc((size_t)lat->capjail * sizeof *lat->jail);
    lat->due = malloc((size_t)lat->capjail * sizeof *lat->due);
    lat->jcell = malloc((lat->p.jail == HS_CV_JAIL_STAY ? n : 1) * sizeof *lat->jcell);
    return lat->id && lat->kind && lat->active && lat->group && lat->hard && lat->risk &&
                   lat->term && lat->age && lat->maxage && lat->target && lat->claim && lat->won &&
                   lat->round && lat->prefix && lat->prefix2 && lat->rowtmp && lat->rowacc &&
                   lat->rowact && lat->zeros && lat->list && lat->nclaim && lat->hw && lat->odx &&
                   lat->ody && lat->ooff && lat->xw && lat->yw && lat->epad && lat->opad &&
                   lat->ptab && lat->jail && lat->due && lat->jcell
               ? 0
               : -1;
}

/* Write every page of the per-cell arrays now, so that the system maps it
** here rather than in the middle of the first steps (which it would do
** piecemeal, page by page, at a cost of several steps on a large lattice). */
static void lattice_prefault(hs_cv_lattice *lat)
{
    const size_t n = (size_t)lat->n, rows_e = (size_t)lat->H * (size_t)(lat->E + 1),
                 npad = (size_t)(lat->H + 2 * lat->r) * (size_t)(lat->W + 2 * lat->r);
    for (long c = 0; c < lat->n; c++) {
        lat->id[c] = -1;
        lat->target[c] = -1;
        atomic_init(&lat->claim[c], CV_NO_CLAIM);
    }
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
}

/* The torus's wrap tables, the offsets in vision in their three forms, and
** the arrest probabilities P[C][A]. */
static void lattice_tables(hs_cv_lattice *lat)
{
    const hs_cv_params *p = &lat->p;
    for (long i = 0; i < lat->W + 2 * lat->r; i++)
        lat->xw[i] = (int32_t)cv_wrapx(lat, i - lat->r);
    for (long i = 0; i < lat->H + 2 * lat->r; i++)
        lat->yw[i] = (int32_t)(cv_wrapy(lat, i - lat->r) * lat->W);
    long k = 0;
    for (long dy = -lat->r; dy <= lat->r; dy++) {
        long h = cv_vision_halfwidth(p->vision, p->vision_shape, dy);
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
    const long cols = lat->nvis + 3;
    for (long c = 0; c <= lat->nvis; c++)
        for (long a = 0; a < cols; a++)
            lat->ptab[c * cols + a] = hs_cv_arrest_probability(p->k, c, a < 1 ? 1 : a, p->rounding);
}

/* A lattice with no agents, its parameters at step 0. */
static hs_status lattice_alloc(hs_cv_lattice **out, const hs_cv_params *p, uint64_t seed,
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
    if (lattice_alloc_arrays(lat) != 0) {
        hs_cv_lattice_free(lat);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL,
                            "out of memory for a %ld x %ld lattice", p->width, p->height);
    }
    lattice_prefault(lat);
    lattice_tables(lat);
    lat->legit = hs_cv_params_at(p, HS_CV_P_LEGITIMACY, 0);
    lat->cop_level = hs_cv_params_at(p, HS_CV_P_COP_DENSITY, 0);
    lat->max_jail = lround(hs_cv_params_at(p, HS_CV_P_MAX_JAIL_TERM, 0));
    *out = lat;
    return HS_OK;
}

hs_status hs_cv_lattice_create_empty(hs_cv_lattice **out, const hs_cv_params *p, uint64_t seed,
                                     hs_error *err)
{
    hs_status st = lattice_alloc(out, p, seed, err);
    if (st != HS_OK) return st;
    cv_lattice_count_all(*out);
    return HS_OK;
}

hs_status hs_cv_lattice_create(hs_cv_lattice **out, const hs_cv_params *p, uint64_t seed,
                               hs_error *err)
{
    hs_status st = lattice_alloc(out, p, seed, err);
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
    hs_stream s = hs_stream_open(seed, UINT32_MAX, CV_PH_INIT, HS_RNG_CV);
    for (long i = 0; i < ncit + ncop; i++) {
        long j = i + (long)hs_stream_below(&s, (uint32_t)(lat->n - i));
        int32_t tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
    }
    for (long i = 0; i < ncit + ncop; i++) {
        int32_t id = (int32_t)i;
        hs_stream a = cv_stream(lat, id, CV_PH_INIT);
        if (i < ncit) {
            double h = hs_stream_u01_53(&a), r = hs_stream_u01_53(&a);
            int32_t age = 0, maxage = 0;
            if (p->model == 2) cv_draw_age(lat, &a, 0, &age, &maxage);
            cv_put(lat, perm[i], id, HS_CV_CITIZEN, h, r, p->model == 2 && i >= nblue, age, maxage);
        } else {
            cv_put(lat, perm[i], id, HS_CV_COP, 0, 0, 0, 0, 0);
        }
    }
    free(perm);
    lat->next_id = (uint32_t)(ncit + ncop);
    cv_lattice_count_all(lat);
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
        hs_stream a = cv_stream(lat, id, CV_PH_INIT);
        cv_draw_age(lat, &a, 0, &age, &maxage);
    }
    const int green = group && kind == HS_CV_CITIZEN && lat->p.model == 2;
    cv_put(lat, c, id, kind, hardship, risk_aversion, green, age, maxage);
    cv_lattice_count_all(lat);
    return id;
}

void hs_cv_lattice_set_threads(hs_cv_lattice *lat, int threads)
{
    lat->threads = threads > 0 ? threads : 0;
}

/* ---- empty cells and claims ------------------------------------------- */

long cv_lattice_nth_empty_in_vision(const hs_cv_lattice *lat, long x, long y, hs_stream *s)
{
    long m = 0;
    for (long k = 0; k < lat->nvis; k++)
        m += lat->kind[cv_vis_cell(lat, x, y, k)] == HS_CV_EMPTY;
    if (m == 0) return -1;
    long j = (long)hs_stream_below(s, (uint32_t)m);
    for (long k = 0; k < lat->nvis; k++) {
        long t = cv_vis_cell(lat, x, y, k);
        if (lat->kind[t] == HS_CV_EMPTY && j-- == 0) return t;
    }
    return -1;
}

/* A uniformly random empty cell anywhere (or -1 when the lattice is full). */
static long lattice_random_empty(const hs_cv_lattice *lat, hs_stream *s)
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

long cv_lattice_settle_claims(hs_cv_lattice *lat, long *row_offset)
{
    CV_FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = lat->list + y * lat->W;
            long m = 0;
            for (long i = 0; i < lat->nclaim[y]; i++) {
                lat->won[l[i]] = (uint8_t)cv_claim_won(lat, l[i]);
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

void cv_lattice_begin_claims(hs_cv_lattice *lat)
{
    if (lat->epochs_left == 0) {
        CV_FOR_ROW_BLOCKS(
            lat, for (long c = rows.y0 * lat->W; c < rows.y1 * lat->W; c++)
                     atomic_store_explicit(&lat->claim[c], CV_NO_CLAIM, memory_order_relaxed););
        lat->epochs_left = 256;
    }
    lat->epochs_left--;
}

/* ---- the schedule phase ----------------------------------------------- */

/* The cells of the cops to remove: the have - want cops with the highest ids
** (ids are spatially random, so these are at random places). Each cop's id
** and cell are packed into one key, id high, sorted in descending order. The
** keys go into lat->prefix, which is free between steps (the decide phase
** makes it afresh, row by row, before reading it) and holds at least one word
** per cell: so the schedule needs no memory of its own and cannot fail. */
static int cmp_u64_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x < y) - (x > y);
}

static void lattice_remove_cops(hs_cv_lattice *lat, long have, long want)
{
    uint64_t *keys = lat->prefix;
    long m = 0;
    for (long c = 0; c < lat->n; c++)
        if (lat->kind[c] == HS_CV_COP)
            keys[m++] = (uint64_t)(uint32_t)lat->id[c] << 32 | (uint64_t)c;
    qsort(keys, (size_t)m, sizeof *keys, cmp_u64_desc);
    for (long i = 0; i < have - want; i++)
        cv_clear_cell(lat, (long)(keys[i] & UINT32_MAX));
}

/* Scheduled changes. Cops removed are those with the highest ids; cops added
** go to random empty cells, drawn one after another. */
static void lattice_schedule_phase(hs_cv_lattice *lat)
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
        lattice_remove_cops(lat, have, want);
        lat->counts.cops = want;
        return;
    }
    long i = have;
    for (; i < want; i++) {
        int32_t id = (int32_t)lat->next_id++;
        hs_stream s = cv_stream(lat, id, CV_PH_SCHEDULE);
        long c = lattice_random_empty(lat, &s);
        if (c < 0) break;
        cv_put(lat, c, id, HS_CV_COP, 0, 0, 0, 0, 0);
    }
    lat->counts.cops = i;
}

/* ---- counts ------------------------------------------------------------ */

void cv_lattice_count_all(hs_cv_lattice *lat)
{
    /* Per-row counts, summed in row order afterwards. */
    CV_FOR_ROW_BLOCKS(
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
    long quiet = 0, active = 0, jailed = 0, cops = 0, blue = 0, green = 0;
    for (long y = 0; y < lat->H; y++) {
        const long *a = lat->rowacc + 6 * y;
        quiet += a[0];
        active += a[1];
        jailed += a[2];
        cops += a[3];
        blue += a[4];
        green += a[5];
    }
    const long in_jail = lat->njail - lat->ngone;
    long green_jailed = 0; /* Model I has one group */
    if (lat->p.model == 2)
        for (long i = 0; i < lat->njail; i++)
            green_jailed += lat->jail[i].term != CV_JAIL_GONE && lat->jail[i].group;
    green += green_jailed;
    blue += in_jail - green_jailed;
    hs_cv_counts *k = &lat->counts;
    k->step = lat->t;
    k->legitimacy = lat->legit;
    k->cops = cops;
    k->quiet = quiet;
    k->active = active;
    k->jailed = jailed + in_jail;
    k->blue = blue;
    k->green = green;
}

/* The counts at the end of a Model I step with `active` actives, from those
** of the step before (cops: from the schedule phase), without a look at the
** lattice: no citizen is born or dies, or changes group; the jailed are those
** in the jail's list. */
static void lattice_count_model_i(hs_cv_lattice *lat, long active)
{
    hs_cv_counts *k = &lat->counts;
    const long citizens = k->quiet + k->active + k->jailed;
    k->step = lat->t;
    k->legitimacy = lat->legit;
    k->jailed = lat->p.jail == HS_CV_JAIL_STAY ? lat->njcell : lat->njail - lat->ngone;
    k->active = active;
    k->quiet = citizens - k->jailed - active;
}

/* ---- the step ---------------------------------------------------------- */

/* What a step may need to allocate, before the step changes anything: room
** in the jail list (jail: remove) for as many arrests as there can be, one
** per cop, with the cops as many as there are or as the schedule wants at
** step t + 1, whichever is more. */
static hs_status lattice_reserve(hs_cv_lattice *lat, hs_error *err)
{
    if (lat->p.jail != HS_CV_JAIL_REMOVE) return HS_OK;
    const double level = hs_cv_params_at(&lat->p, HS_CV_P_COP_DENSITY, lat->t + 1);
    long cops = lround(level * (double)lat->n);
    if (cops < lat->counts.cops) cops = lat->counts.cops;
    if (cv_jail_reserve(lat, cops) != 0)
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL,
                            "out of memory for a jail of %ld citizens at step %ld",
                            lat->njail + cops, lat->t + 1);
    return HS_OK;
}

hs_status hs_cv_lattice_step(hs_cv_lattice *lat, hs_error *err)
{
    hs_status st = lattice_reserve(lat, err);
    if (st != HS_OK) return st;
    lat->t++;
    lattice_schedule_phase(lat);
    cv_jail_release_phase(lat);
    cv_move_phase(lat);
    cv_decide_phase(lat);
    long actives = 0; /* after the decisions */
    for (long y = 0; y < lat->H; y++)
        actives += lat->rowact[y];
    long arrests = cv_jail_arrest_phase(lat, actives), kills = 0, deaths = 0, births = 0;
    if (arrests < 0)
        return hs_error_set(err, HS_ERR_INTERNAL, NULL, 0, NULL,
                            "no room in the jail for the arrests of step %ld, which was "
                            "reserved (the lattice is left part-way through the step)",
                            lat->t);
    if (lat->p.model == 2) {
        kills = cv_model2_kill_phase(lat);
        deaths = cv_model2_age_phase(lat);
        births = cv_model2_birth_phase(lat, lat->rowtmp);
    }
    if (lat->p.model == 2)
        cv_lattice_count_all(lat);
    else
        lattice_count_model_i(lat, actives - arrests); /* each arrest takes an active */
    lat->counts.arrests = arrests;
    lat->counts.kills = kills;
    lat->counts.deaths = deaths;
    lat->counts.births = births;
    return HS_OK;
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
        if (lat->jail[i].term == CV_JAIL_GONE) continue;
        int32_t rec[4] = {lat->jail[i].id, lat->jail[i].cell, lat->jail[i].term, lat->jail[i].age};
        h = fnv(h, rec, sizeof rec);
    }
    h = fnv(h, &lat->next_id, sizeof lat->next_id);
    return h;
}
