/*
** cv_decide.c - rule A: every free citizen turns active or quiet by
** G - R P > T, from the cops and the actives of its own group in vision after
** the moves.
**
** The counts in vision come from row prefix sums of packed counts (cops,
** Blue actives, Green actives), so that a citizen's C and A cost two reads per
** row of its vision. The prefix sums after the decisions are made here too,
** for the arrests (cv_jail.c), while each row is in cache.
*/
#include "violence/cv_lattice_internal.h"
#include "violence/cv_rules_inline.h"

/* Packed counts by cell contents, indexed by kind | active << 2 | group << 3
** (active is 0 outside free citizens). */
static const uint64_t packed_by_type[16] = {
    [HS_CV_COP] = UINT64_C(1) << (2 * CV_FIELD_BITS),
    [HS_CV_COP | 8] = UINT64_C(1) << (2 * CV_FIELD_BITS),
    [HS_CV_CITIZEN | 4] = 1,
    [HS_CV_CITIZEN | 4 | 8] = UINT64_C(1) << CV_FIELD_BITS,
};

/* Row y's prefix sums of packed counts into pre. */
static void decide_prefix_row(const hs_cv_lattice *lat, long y, uint64_t *pre)
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

int cv_decide_vision_rows(const hs_cv_lattice *lat, const uint64_t *pre, const long *rowact, long y,
                          const uint64_t **lo, const uint64_t **hi)
{
    const long r = lat->r, E1 = lat->E + 1;
    int nr = 0;
    for (long dy = -r; dy <= r; dy++) {
        long h = lat->hw[dy + r];
        if (h < 0) continue;
        const long yy = cv_wrapy(lat, y + dy);
        const uint64_t *row = rowact && rowact[yy] == 0 ? lat->zeros : pre + yy * E1;
        lo[nr] = row + r - h;
        hi[nr] = row + r + h + 1;
        nr++;
    }
    return nr;
}

/* The citizens of row y who decide in sub-round q, into buf; returns how
** many. G - R P > T needs G > T (R and P are not negative): a citizen with
** G <= T is quiet whatever it sees, and its counts are not needed. Only the
** others are listed; the rest are set quiet here. */
CV_ROW_FN long decide_listed(hs_cv_lattice *lat, long y, long q, int32_t *buf)
{
    const double L = lat->legit, T = lat->p.threshold;
    const long K = lat->p.decide_rounds, base = y * lat->W;
    long m = 0;
    for (long x = 0; x < lat->W; x++) {
        const long c = base + x;
        const uint8_t hot = (lat->kind[c] == HS_CV_CITIZEN) & (cv_grievance(lat->hard[c], L) > T);
        lat->active[c] &= hot;
        buf[m] = (int32_t)c;
        m += hot;
    }
    if (K == 1) return m;
    long k = 0;
    for (long i = 0; i < m; i++) {
        const long c = buf[i];
        if (q == 0) {
            hs_stream s = cv_stream(lat, lat->id[c], CV_PH_DECIDE);
            lat->round[c] = (uint8_t)hs_stream_below(&s, (uint32_t)K);
        }
        buf[k] = (int32_t)c;
        k += lat->round[c] == q;
    }
    return k;
}

/* The decisions of row y in sub-round q; after the last sub-round, the row's
** actives and, if it has any, its prefix sums for the arrests. */
CV_ROW_FN void decide_row(hs_cv_lattice *lat, long y, long q)
{
    const double L = lat->legit, T = lat->p.threshold;
    const long cols = lat->nvis + 3, base = y * lat->W;
    const int twice = lat->p.self_counted_twice != 0;
    /* The rows in sight are the same for the whole row of cells. */
    const uint64_t *lo[2 * HS_CV_MAX_VISION + 1], *hi[2 * HS_CV_MAX_VISION + 1];
    int nr = cv_decide_vision_rows(lat, lat->prefix, NULL, y, lo, hi);
    int32_t buf[lat->W];
    const long m = decide_listed(lat, y, q, buf);
    for (long i = 0; i < m; i++) {
        long c = buf[i], x = c - base;
        uint64_t sum = 0;
        for (int k = 0; k < nr; k++)
            sum += hi[k][x] - lo[k][x];
        long cops = (long)(sum >> (2 * CV_FIELD_BITS));
        long own = (long)((sum >> (CV_FIELD_BITS * lat->group[c])) & CV_FIELD_MASK) -
                   (lat->active[c] & !twice);
        double P = lat->ptab[cops * cols + 1 + own];
        double G = cv_grievance(lat->hard[c], L);
        lat->active[c] = (uint8_t)cv_decide_active(G, lat->risk[c], P, T);
    }
    /* The row is decided: its counts for the arrest phase can be made now,
    ** into the second buffer, while it is in cache. A row with no actives
    ** needs none (most rows, most steps, in a quiet spell). */
    if (q == lat->p.decide_rounds - 1) {
        long na = 0;
        for (long x = 0; x < lat->W; x++)
            na += lat->active[base + x];
        lat->rowact[y] = na;
        if (na > 0) decide_prefix_row(lat, y, lat->prefix2);
    }
}

/* With decide_rounds K > 1 each citizen draws a sub-round in 0..K-1 and the
** sub-rounds run in turn, each counting from the state the earlier ones left:
** a deterministic approach to Epstein's one-at-a-time decisions as K grows. */
void cv_decide_phase(hs_cv_lattice *lat)
{
    for (long q = 0; q < lat->p.decide_rounds; q++) {
        /* The counts must be those before any decision. A block's first and
        ** last r rows, which another block's citizens see, are counted first;
        ** the rows inside, just before the first citizen who sees them
        ** decides, while the cells are in cache. */
        CV_FOR_ROW_BLOCKS(
            lat, for (long y = rows.y0; y < rows.y1; y++) {
                if (y < rows.y0 + lat->r || y >= rows.y1 - lat->r)
                    decide_prefix_row(lat, y, lat->prefix);
            });
        CV_FOR_ROW_BLOCKS(
            lat, for (long y = rows.y0; y < rows.y1; y++) {
                if (y + 2 * lat->r < rows.y1) decide_prefix_row(lat, y + lat->r, lat->prefix);
                decide_row(lat, y, q);
            });
    }
}
