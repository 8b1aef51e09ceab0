/*
** cv_move.c - rule M: every free citizen (if citizens move) and every cop
** moves to a uniformly random empty cell in its vision, if there is one.
**
** Movers claim their target cells (cv_lattice_internal.h); the lowest key
** wins and the others stay. The targets are drawn many movers at a time: the
** first Philox blocks of their streams come from hs_stream_lanes, and the
** probes read a padded copy of the lattice, so that a probe is two loads and
** no wrap, and probes of different movers do not wait for one another.
*/
#include "violence/cv_lattice_internal.h"

#include <string.h>

/* Movers are handled in batches of this many: the Philox blocks of their
** streams are computed together, lane by lane (hs_stream_lanes). */
#define MOVE_BATCH 64

/* The Philox blocks whose words are all probes (block 0 begins with the
** priority): 1 + 3 + 4 (MOVE_FULL_BLOCKS - 1) + 1 = CV_MOVE_TRIES words. */
#define MOVE_FULL_BLOCKS ((CV_MOVE_TRIES - 4) / 4 + 1)

/* Lattices of at least this many cells do not fit in cache. */
#define PREFETCH_MIN_CELLS 262144

/* Cells in the rows whose movers are handled together. */
#define MOVE_CHUNK_CELLS 4096

/* Move all fields of the agent in cell a to the empty cell b. */
static inline void move_relocate(hs_cv_lattice *lat, long a, long b)
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

/* The padded lattice for the probes (lat->epad): each row with r places of
** the other end on either side, and r rows of the other end above and below;
** each place holds its cell if the cell is empty, else -1. */
static void move_pad(hs_cv_lattice *lat)
{
    const long r = lat->r, Wp = lat->W + 2 * r;
    CV_FOR_ROW_BLOCKS(
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
}

/* The probes of cv_random_empty_in_vision drawn from the words of n lanes
** (word j of lane i is words[j][i]; the first word of block 0 is not a probe
** but the claim priority), for movers at places cps[i] of the padded lattice:
** into target[i], the first probe that finds an empty cell, or -1. Every
** probe is looked at, without a branch (whether a random cell is empty cannot
** be predicted), and no lane waits for another. */
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

/* cv_random_empty_in_vision for a mover whose first CV_MOVE_TRIES - 1 probes
** found nothing: the last probe, then the count of the empty cells. */
static long move_target_rest(const hs_cv_lattice *lat, long x, long y, int32_t id)
{
    hs_stream s = cv_stream(lat, id, CV_PH_MOVE);
    s.ctr.v[3] = MOVE_FULL_BLOCKS;
    long u = cv_vis_cell(lat, x, y, (long)hs_stream_below(&s, (uint32_t)lat->nvis));
    if (lat->kind[u] == HS_CV_EMPTY) return u;
    return cv_lattice_nth_empty_in_vision(lat, x, y, &s);
}

static inline void move_prefetch(const void *p, size_t n)
{
    for (size_t o = 0; o < n; o += 64)
        __builtin_prefetch((const char *)p + o, 1);
}

/* The cells of rows y0 .. y1 - 1 that hold movers, into q, and their places
** in the padded kinds, into qp; returns how many. */
static long move_movers(const hs_cv_lattice *lat, long y0, long y1, int32_t *q, int32_t *qp)
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

/* Stage blk of the targets for the queue q[0 .. nq-1] of movers (at places
** qp of the padded lattice): Philox block blk of each, in batches, and its
** probes; a mover whose probes found a cell gets it in lat->target, the others
** stay in the queue, in order. With blk 0 (the queue is all the movers, in
** order) each mover's priority goes into prio. Returns the queue's new length. */
CV_ROW_FN long move_stage(hs_cv_lattice *lat, uint32_t blk, int32_t *q, int32_t *qp, long nq,
                          uint32_t *prio)
{
    const uint32_t day = (uint32_t)(8 * lat->t + CV_PH_MOVE);
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
        if (blk == 0) memcpy(prio + i0, b[0], (size_t)nb * sizeof *prio);
        for (long i = 0; i < nb; i++) {
            q[left] = q[i0 + i];
            qp[left] = qp[i0 + i];
            left += t[i] < 0;
        }
    }
    return left;
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
        nw += cv_claim_won(lat, l[i]);
    }
    for (long i = 0; i < nw; i++)
        move_relocate(lat, win[i], lat->target[win[i]]);
}

/* The targets and claims of the movers of rows yc .. yc1 - 1, in block rows.
**
** Every mover's target and priority (into target and prio) in stages: stage
** 0 computes all the movers' first Philox blocks, in batches, for their
** priorities and first three probes; stage s the next block of those whose
** probes have all failed so far, and so on; the few left after
** CV_MOVE_TRIES - 1 probes go on one by one. The queue of movers is kept, in
** order, in the rows' part of the claim list, which is free until the claims. */
CV_ROW_FN void move_chunk(hs_cv_lattice *lat, const cv_row_block *rows, long yc, long yc1)
{
    /* On large lattices the claims are fetched ahead (they are not in cache:
    ** the last pass over them was a phase ago). Claims reach r rows down: the
    ** rows these will newly reach are fetched while the targets are drawn. */
    if (lat->n >= PREFETCH_MIN_CELLS)
        for (long y = yc + lat->r; y < yc1 + lat->r; y++)
            move_prefetch(&lat->claim[lat->yw[lat->r + (y < lat->H + lat->r ? y : y - lat->H)]],
                          (size_t)lat->W * sizeof *lat->claim);
    const long ncells = (yc1 - yc) * lat->W;
    int32_t all[ncells], qp[ncells], *q = lat->list + yc * lat->W;
    uint32_t prio[ncells];
    const long nall = move_movers(lat, yc, yc1, all, qp);
    long nq = nall;
    memcpy(q, all, (size_t)nall * sizeof *q);
    for (uint32_t blk = 0; nq > 0 && blk < MOVE_FULL_BLOCKS; blk++)
        nq = move_stage(lat, blk, q, qp, nq, prio);
    const uint32_t W = (uint32_t)lat->W;
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
                cv_add_claim(lat, rows, y, c, t, cv_claim_key(lat, prio[i], lat->id[c]), &nc);
        }
        lat->nclaim[y] = nc;
    }
}

void cv_move_phase(hs_cv_lattice *lat)
{
    cv_lattice_begin_claims(lat);
    move_pad(lat);
    /* Rows are taken a few at a time: enough movers for full batches, few
    ** enough that the rows stay in cache until their claims. */
    const long chunk = lat->W >= MOVE_CHUNK_CELLS ? 1 : MOVE_CHUNK_CELLS / lat->W;
    long *done = lat->rowtmp; /* whether row y's moves are made */
    memset(done, 0, (size_t)lat->H * sizeof *done);
    CV_FOR_CLAIM_BLOCKS(
        lat, long ymove = rows.y0 + 2 * lat->r; const long ymove_end = rows.y1 - 2 * lat->r;
        for (long yc = rows.y0; yc < rows.y1; yc += chunk) {
            const long yc1 = yc + chunk < rows.y1 ? yc + chunk : rows.y1;
            move_chunk(lat, &rows, yc, yc1);
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
    CV_FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            if (!done[y]) move_row(lat, y);
        });
}
