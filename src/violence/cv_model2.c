/*
** cv_model2.c - the phases of Epstein's Model II (violence between two
** groups): active citizens kill, everyone ages and dies at a maximum age, and
** free citizens reproduce. Killers and parents claim their victims and their
** newborns' cells as movers do (cv_lattice_internal.h).
*/
#include "violence/cv_lattice_internal.h"

/* A uniformly random free citizen of the other group than g in vision of
** cell c, or -1: count them, draw j, take the j-th in offset order. */
static long model2_victim(const hs_cv_lattice *lat, long c, uint8_t g, hs_stream *s)
{
    const long y = c / lat->W, x = c - y * lat->W;
    long m = 0;
    for (long k = 0; k < lat->nvis; k++) {
        const long t = cv_vis_cell(lat, x, y, k);
        m += lat->kind[t] == HS_CV_CITIZEN && lat->group[t] != g;
    }
    if (m == 0) return -1;
    long j = (long)hs_stream_below(s, (uint32_t)m);
    for (long k = 0; k < lat->nvis; k++) {
        const long t = cv_vis_cell(lat, x, y, k);
        if (lat->kind[t] == HS_CV_CITIZEN && lat->group[t] != g && j-- == 0) return t;
    }
    return -1;
}

/* The claims of the active citizens of row y on their victims. */
CV_ROW_FN void model2_kill_claims(hs_cv_lattice *lat, const cv_row_block *rows, long y)
{
    int32_t buf[lat->W];
    long m = cv_row_cells(lat, y, HS_CV_CITIZEN, 1, buf), nc = 0;
    for (long q = 0; q < m; q++) {
        long c = buf[q];
        hs_stream s = cv_stream(lat, lat->id[c], CV_PH_KILL);
        uint64_t key = cv_claim_key(lat, hs_stream_u32(&s), lat->id[c]);
        long v = model2_victim(lat, c, lat->group[c], &s);
        if (v >= 0) cv_add_claim(lat, rows, y, c, v, key, &nc);
    }
    lat->nclaim[y] = nc;
}

/* Each active citizen kills one random free citizen of the other group in
** vision. Kills are simultaneous: a killer may also be a victim. */
long cv_model2_kill_phase(hs_cv_lattice *lat)
{
    cv_lattice_begin_claims(lat);
    CV_FOR_CLAIM_BLOCKS(lat, for (long y = rows.y0; y < rows.y1; y++)
                                 model2_kill_claims(lat, &rows, y););
    /* The winners are marked first and the victims cleared afterwards, so that
    ** no thread clears a cell another thread is still reading. */
    const long kills = cv_lattice_settle_claims(lat, lat->rowtmp);
    CV_FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            const int32_t *l = lat->list + y * lat->W;
            for (long i = 0; i < lat->nclaim[y]; i++)
                if (lat->won[l[i]]) {
                    cv_clear_cell(lat, lat->target[l[i]]);
                    lat->won[l[i]] = 0;
                }
        });
    return kills;
}

/* Everyone ages a step; a citizen whose age reaches its maximum dies, on the
** lattice or in the jail's lists. */
long cv_model2_age_phase(hs_cv_lattice *lat)
{
    CV_FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            long m = 0;
            for (long c = y * lat->W; c < (y + 1) * lat->W; c++) {
                if (lat->kind[c] != HS_CV_CITIZEN && lat->kind[c] != HS_CV_JAILED) continue;
                if (++lat->age[c] >= lat->maxage[c]) {
                    cv_clear_cell(lat, c);
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
        if (lat->jail[i].term == CV_JAIL_GONE) continue;
        if (++lat->jail[i].age >= lat->jail[i].maxage)
            deaths++;
        else
            lat->jail[keep++] = lat->jail[i];
    }
    lat->njail = keep;
    lat->ngone = 0;
    return deaths;
}

/* The claims of the free citizens of row y who reproduce on their newborns'
** cells. */
CV_ROW_FN void model2_birth_claims(hs_cv_lattice *lat, const cv_row_block *rows, long y)
{
    const double pr = lat->p.reproduction;
    int32_t buf[lat->W];
    long m = cv_row_cells(lat, y, HS_CV_CITIZEN, 0, buf), nc = 0;
    for (long q = 0; q < m; q++) {
        long c = buf[q];
        hs_stream s = cv_stream(lat, lat->id[c], CV_PH_BIRTH);
        if (hs_stream_u01(&s) >= pr) continue;
        uint64_t key = cv_claim_key(lat, hs_stream_u32(&s), lat->id[c]);
        long t = cv_random_empty_in_vision(lat, c - y * lat->W, y, &s);
        if (t >= 0) cv_add_claim(lat, rows, y, c, t, key, &nc);
    }
    lat->nclaim[y] = nc;
}

/* Each free citizen, with probability `reproduction`, puts a clone (same
** group, hardship and risk aversion; age 0; its own maximum age) into a
** random empty cell in vision. Newborns take ids in row-major order of their
** parents' cells (row_births: each row's offset among them). */
long cv_model2_birth_phase(hs_cv_lattice *lat, long *row_births)
{
    cv_lattice_begin_claims(lat);
    CV_FOR_CLAIM_BLOCKS(lat, for (long y = rows.y0; y < rows.y1; y++)
                                 model2_birth_claims(lat, &rows, y););
    long total = cv_lattice_settle_claims(lat, row_births);
    const uint32_t first = lat->next_id;
    const uint32_t day = (uint32_t)(8 * lat->t + CV_PH_BIRTH);
    CV_FOR_ROW_BLOCKS(
        lat, for (long y = rows.y0; y < rows.y1; y++) {
            uint32_t id = first + (uint32_t)row_births[y];
            const int32_t *l = lat->list + y * lat->W;
            for (long i = 0; i < lat->nclaim[y]; i++) {
                long c = l[i];
                if (!lat->won[c]) continue;
                lat->won[c] = 0;
                int32_t t = lat->target[c], age, maxage;
                hs_stream s = hs_stream_open(lat->seed, id, day, HS_RNG_CV);
                cv_draw_age(lat, &s, 1, &age, &maxage);
                cv_put(lat, t, (int32_t)id, HS_CV_CITIZEN, lat->hard[c], lat->risk[c],
                       lat->group[c], age, maxage);
                id++;
            }
        });
    lat->next_id += (uint32_t)total;
    return total;
}
