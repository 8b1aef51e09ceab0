/*
** cv_jail.c - rule C and the jail: each cop arrests one random active citizen
** in its vision; jail terms run down and the released return.
**
** Two ways to hold the jailed (parameter `jail`): stay, where a jailed citizen
** keeps (and blocks) its cell and the jailed cells are listed so that their
** terms run down without a look at every cell; and remove, where the jailed
** leave the lattice for a list in the order of their arrest. A citizen
** released from that list leaves a mark (CV_JAIL_GONE) in it, dropped only
** when the marks make up half the list.
*/
#include "violence/cv_lattice_internal.h"
#include "violence/cv_rules_inline.h"

#include <stdlib.h>
#include <string.h>

int cv_jail_reserve(hs_cv_lattice *lat, long extra)
{
    if (lat->njail + extra <= lat->capjail) return 0;
    long cap = lat->capjail;
    while (cap < lat->njail + extra)
        cap *= 2;
    cv_jailed *j = realloc(lat->jail, (size_t)cap * sizeof *j);
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
        if (lat->jail[i].term != CV_JAIL_GONE) lat->jail[keep++] = lat->jail[i];
    lat->njail = keep;
    lat->ngone = 0;
}

/* ---- release ------------------------------------------------------------ */

/* jail: stay. The jailed are listed, so that their terms run down without a
** look at every cell; each is independent of the others. */
static void jail_release_stay(hs_cv_lattice *lat)
{
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
}

/* The entry of the jail list that is due back on the lattice: to the cell of
** its arrest if empty, else to a random empty cell in vision of it, else it
** waits another step. */
static void jail_return(hs_cv_lattice *lat, cv_jailed *j)
{
    long c = j->cell;
    if (lat->kind[c] != HS_CV_EMPTY) {
        hs_stream s = cv_stream(lat, j->id, CV_PH_RELEASE);
        c = cv_random_empty_in_vision(lat, c % lat->W, c / lat->W, &s);
    }
    if (c < 0) {
        j->term = 0; /* no room: due again next step */
        return;
    }
    cv_put(lat, c, j->id, HS_CV_CITIZEN, j->hardship, j->risk, j->group, j->age, j->maxage);
    j->term = CV_JAIL_GONE;
    lat->ngone++;
}

/* jail: remove. Terms run down in parallel; each block of the list notes its
** entries that are due (in its part of lat->due, from the block's first
** entry), and how many, at its first row in rowtmp. The due return one after
** another, in list order, since they compete for cells; the others stay where
** they are. */
static void jail_release_remove(hs_cv_lattice *lat)
{
    long *ndue = lat->rowtmp;
    memset(ndue, 0, (size_t)lat->H * sizeof *ndue);
    CV_FOR_ROW_BLOCKS(
        lat, const long i0 = lat->njail * rows.y0 / lat->H; long m = 0;
        for (long i = i0; i < lat->njail * rows.y1 / lat->H; i++) {
            long term = lat->jail[i].term;
            if (term == CV_JAIL_GONE) continue;
            if (cv_jail_tick(&term))
                lat->due[i0 + m++] = (int32_t)i;
            else
                lat->jail[i].term = (int32_t)term;
        } ndue[rows.y0] = m;);
    for (long y = 0; y < lat->H; y++) {
        const int32_t *due = lat->due + lat->njail * y / lat->H;
        for (long k = 0; k < ndue[y]; k++)
            jail_return(lat, &lat->jail[due[k]]);
    }
    if (2 * lat->ngone > lat->njail) jail_drop_gone(lat);
}

/* Jail terms run down; a citizen whose term is over returns: to its own cell
** (jail: stay), or (jail: remove) as jail_return says. */
void cv_jail_release_phase(hs_cv_lattice *lat)
{
    if (lat->p.jail == HS_CV_JAIL_STAY)
        jail_release_stay(lat);
    else
        jail_release_remove(lat);
}

/* ---- arrests ------------------------------------------------------------ */

/* Actives in a packed count (Blue and Green). */
static inline long jail_actives(uint64_t packed)
{
    return (long)(packed & CV_FIELD_MASK) + (long)((packed >> CV_FIELD_BITS) & CV_FIELD_MASK);
}

/* The cell of the j-th active (in row-major order) in sight of column x of
** row y, from the prefix rows lo/hi in sight: walk the rows of the vision,
** and in the row that holds it, the row's prefix sums. */
static long jail_jth_active(const hs_cv_lattice *lat, long y, long x, long j,
                            const uint64_t *const *lo, const uint64_t *const *hi)
{
    const long r = lat->r;
    for (long dy = -r, k = 0; dy <= r; dy++) {
        long h = lat->hw[dy + r];
        if (h < 0) continue;
        long cnt = jail_actives(hi[k][x] - lo[k][x]);
        k++;
        if (j >= cnt) {
            j -= cnt;
            continue;
        }
        /* The j-th active of this row in sight is the first cell at which the
        ** row's count of actives from the left edge of sight passes j: counted
        ** from the prefix sums, without a branch per cell. */
        const uint64_t *pre = lo[k - 1] + x;
        long i = 0;
        for (long e = 1; e <= 2 * h + 1; e++)
            i += jail_actives(pre[e] - pre[0]) <= j;
        return lat->yw[r + y + dy] + lat->xw[r + x - h + i];
    }
    return -1; /* cannot happen: j is below the actives in sight */
}

/* The claims of the cops of row y on the actives they see. */
CV_ROW_FN void jail_claim_row(hs_cv_lattice *lat, const cv_row_block *rows, long y)
{
    lat->nclaim[y] = 0;
    long seen = 0; /* actives in the rows in sight */
    for (long dy = -lat->r; dy <= lat->r; dy++)
        seen += lat->rowact[cv_wrapy(lat, y + dy)];
    if (seen == 0) return;
    int32_t buf[lat->W];
    long ncops = cv_row_cells(lat, y, HS_CV_COP, 0, buf);
    if (ncops == 0) return;
    const uint64_t *lo[2 * HS_CV_MAX_VISION + 1], *hi[2 * HS_CV_MAX_VISION + 1];
    int nr = cv_decide_vision_rows(lat, lat->prefix2, lat->rowact, y, lo, hi);
    long nc = 0;
    for (long q = 0; q < ncops; q++) {
        const long c = buf[q], x = c - y * lat->W;
        uint64_t all = 0;
        for (int k = 0; k < nr; k++)
            all += hi[k][x] - lo[k][x];
        const long m = jail_actives(all);
        if (m == 0) continue;
        hs_stream s = cv_stream(lat, lat->id[c], CV_PH_ARREST);
        uint64_t key = cv_claim_key(lat, hs_stream_u32(&s), lat->id[c]);
        long v = jail_jth_active(lat, y, x, cv_arrest_pick(&s, m), lo, hi);
        if (v >= 0) cv_add_claim(lat, rows, y, c, v, key, &nc);
    }
    lat->nclaim[y] = nc;
}

/* The citizen in cell v is arrested, and its jail entry is the k-th. */
static void jail_arrest(hs_cv_lattice *lat, long v, long k)
{
    hs_stream s = cv_stream(lat, lat->id[v], CV_PH_ARREST);
    long term = hs_cv_jail_term(&s, lat->max_jail);
    if (lat->p.jail == HS_CV_JAIL_STAY) {
        lat->kind[v] = HS_CV_JAILED;
        lat->active[v] = 0;
        lat->term[v] = (int32_t)term;
        lat->jcell[k] = (int32_t)v;
        return;
    }
    cv_jailed *j = &lat->jail[k];
    *j = (cv_jailed){.id = lat->id[v],
                     .cell = (int32_t)v,
                     .term = (int32_t)term,
                     .hardship = lat->hard[v],
                     .risk = lat->risk[v]};
    if (lat->p.model == 2) {
        /* (Model I has one group and no ages: its cells' are all 0.) */
        j->age = lat->age[v];
        j->maxage = lat->maxage[v];
        j->group = lat->group[v];
    }
    cv_clear_cell(lat, v);
}

/* Rule C: each cop arrests one random active citizen in vision (either group:
** peacekeepers are even-handed). Two cops after one citizen: one wins.
** Actives after the decisions are counted by row prefix sums: a cop finds how
** many actives it sees from the row's vision sums, and the j-th of them by
** jail_jth_active. Returns the arrests, or -1 when the jail list cannot grow. */
long cv_jail_arrest_phase(hs_cv_lattice *lat, long actives)
{
    if (actives == 0) return 0; /* nobody to arrest */
    cv_lattice_begin_claims(lat);
    CV_FOR_CLAIM_BLOCKS(lat,
                        for (long y = rows.y0; y < rows.y1; y++) jail_claim_row(lat, &rows, y););
    /* Winners first, counted per row; the arrested then go to the jail list
    ** at their row's offset, in row-major order of the cops: the list's order
    ** (and so the order of later releases) does not depend on the threads. */
    const int remove = lat->p.jail == HS_CV_JAIL_REMOVE;
    long *row_arrests = lat->rowtmp;
    long arrests = cv_lattice_settle_claims(lat, row_arrests);
    /* The step reserved room for an arrest by every cop before it began, so
    ** this neither grows the list nor fails; it is checked all the same, so
    ** that a mistake there is an error (HS_ERR_INTERNAL) and not a write past
    ** the list. */
    if (remove && cv_jail_reserve(lat, arrests) != 0) return -1;
    const long first = remove ? lat->njail : lat->njcell;
    CV_FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = lat->list + y * lat->W;
            long k = first + row_arrests[y];
            for (long i = 0; i < lat->nclaim[y]; i++) {
                const long c = l[i];
                if (!lat->won[c]) continue;
                lat->won[c] = 0;
                jail_arrest(lat, lat->target[c], k++);
            }
        });
    if (remove)
        lat->njail += arrests;
    else
        lat->njcell += arrests;
    return arrests;
}
