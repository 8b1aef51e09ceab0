/*
** cv_checkpoint.c - a lattice's whole state into a checkpoint and back
** (violence.h hs_cv_lattice_save / hs_cv_lattice_load; checkpoint.h).
**
** What is saved is what a step reads from the steps before it: the time, every
** cell's agent (id, kind, state, group, hardship, risk aversion, jail term, age,
** maximum age), the jail's list (in arrest order) and its cells, the next id,
** the legitimacy and cop level of the moment, the longest term and the counts.
** Scratch that each phase makes afresh (prefix sums, targets, lists) is not.
** The claims are cleared on loading with a fresh set of epochs: every claim a
** phase compares was made in that phase, with one epoch, so the winners do not
** depend on which epoch it is (cv_lattice_internal.h).
*/
#include <humsec/checkpoint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "violence/cv_lattice_internal.h"

/* The jail's entries field by field (the struct has padding). */
typedef struct jail_fields {
    int32_t id, cell, term, age, maxage, group;
    double hardship, risk;
} jail_fields;

typedef struct cv_scalars {
    int64_t t, njail, ngone, njcell, max_jail;
    uint32_t next_id, pad;
    double legit, cop_level;
} cv_scalars;

void hs_cv_lattice_save(const hs_cv_lattice *lat, hs_ckpt_writer *w)
{
    size_t n = (size_t)lat->n;
    cv_scalars s = {lat->t,       lat->njail, lat->ngone, lat->njcell,   lat->max_jail,
                    lat->next_id, 0,          lat->legit, lat->cop_level};
    hs_ckpt_put(w, "scalars", &s, sizeof s);
    hs_ckpt_put(w, "counts", &lat->counts, sizeof lat->counts);
    hs_ckpt_put(w, "id", lat->id, n * sizeof *lat->id);
    hs_ckpt_put(w, "kind", lat->kind, n * sizeof *lat->kind);
    hs_ckpt_put(w, "active", lat->active, n * sizeof *lat->active);
    hs_ckpt_put(w, "group", lat->group, n * sizeof *lat->group);
    hs_ckpt_put(w, "hard", lat->hard, n * sizeof *lat->hard);
    hs_ckpt_put(w, "risk", lat->risk, n * sizeof *lat->risk);
    hs_ckpt_put(w, "term", lat->term, n * sizeof *lat->term);
    hs_ckpt_put(w, "age", lat->age, n * sizeof *lat->age);
    hs_ckpt_put(w, "maxage", lat->maxage, n * sizeof *lat->maxage);
    jail_fields *j = malloc((size_t)(lat->njail > 0 ? lat->njail : 1) * sizeof *j);
    if (!j) {
        w->failed = 1;
        return;
    }
    memset(j, 0, (size_t)(lat->njail > 0 ? lat->njail : 1) * sizeof *j);
    for (long k = 0; k < lat->njail; k++) {
        const cv_jailed *e = &lat->jail[k];
        j[k] = (jail_fields){e->id,     e->cell,  e->term,     e->age,
                             e->maxage, e->group, e->hardship, e->risk};
    }
    hs_ckpt_put(w, "jail", j, (size_t)lat->njail * sizeof *j);
    free(j);
    hs_ckpt_put(w, "jcell", lat->jcell, (size_t)lat->njcell * sizeof *lat->jcell);
}

hs_status hs_cv_lattice_load(hs_cv_lattice *lat, hs_ckpt_reader *r, hs_error *err)
{
    size_t n = (size_t)lat->n;
    cv_scalars s;
    hs_status st = hs_ckpt_get(r, "scalars", &s, sizeof s, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "counts", &lat->counts, sizeof lat->counts, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "id", lat->id, n * sizeof *lat->id, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "kind", lat->kind, n * sizeof *lat->kind, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "active", lat->active, n * sizeof *lat->active, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "group", lat->group, n * sizeof *lat->group, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "hard", lat->hard, n * sizeof *lat->hard, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "risk", lat->risk, n * sizeof *lat->risk, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "term", lat->term, n * sizeof *lat->term, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "age", lat->age, n * sizeof *lat->age, err);
    if (st == HS_OK) st = hs_ckpt_get(r, "maxage", lat->maxage, n * sizeof *lat->maxage, err);
    if (st != HS_OK) return st;
    int64_t jcap = lat->p.jail == HS_CV_JAIL_STAY ? (int64_t)n : 1;
    if (s.njail < 0 || s.njcell < 0 || s.njcell > jcap || s.ngone < 0 || s.ngone > s.njail)
        return hs_error_set(err, HS_ERR_INVALID, r->path, 0, "scalars",
                            "the checkpoint's jail does not fit this lattice");
    lat->t = (long)s.t;
    lat->njail = 0;
    if (cv_jail_reserve(lat, (long)s.njail) != 0)
        return hs_error_set(err, HS_ERR_NOMEM, r->path, 0, "jail", "out of memory");
    void *buf;
    size_t bytes;
    if ((st = hs_ckpt_get_alloc(r, "jail", &buf, &bytes, err)) != HS_OK) return st;
    if (bytes != (size_t)s.njail * sizeof(jail_fields)) {
        free(buf);
        return hs_error_set(err, HS_ERR_INVALID, r->path, 0, "jail", "the jail's size is wrong");
    }
    const jail_fields *j = buf;
    for (long k = 0; k < (long)s.njail; k++)
        lat->jail[k] = (cv_jailed){j[k].id,     j[k].cell,           j[k].term,     j[k].age,
                                   j[k].maxage, (uint8_t)j[k].group, j[k].hardship, j[k].risk};
    free(buf);
    lat->njail = (long)s.njail;
    lat->ngone = (long)s.ngone;
    if ((st = hs_ckpt_get(r, "jcell", lat->jcell, (size_t)s.njcell * sizeof *lat->jcell, err)) !=
        HS_OK)
        return st;
    lat->njcell = (long)s.njcell;
    lat->next_id = s.next_id;
    lat->legit = s.legit;
    lat->cop_level = s.cop_level;
    lat->max_jail = (long)s.max_jail;
    for (size_t c = 0; c < n; c++)
        atomic_store_explicit(&lat->claim[c], CV_NO_CLAIM, memory_order_relaxed);
    lat->epochs_left = 256;
    return HS_OK;
}

/* A run with checkpoints: the lattice and the counts of every step so far. */
typedef struct cv_run {
    hs_cv_lattice *lat;
    hs_cv_counts *rows;
} cv_run;

static long cv_done(const void *ctx)
{
    return ((const cv_run *)ctx)->lat->t;
}

static hs_status cv_step(void *ctx, hs_error *err)
{
    cv_run *run = ctx;
    hs_status st = hs_cv_lattice_step(run->lat, err);
    if (st == HS_OK) run->rows[run->lat->t] = hs_cv_lattice_counts(run->lat);
    return st;
}

/* The checkpoint: the lattice, then the counts of every step so far. */
static void cv_save(const void *ctx, hs_ckpt_writer *w)
{
    const cv_run *run = ctx;
    hs_cv_lattice_save(run->lat, w);
    hs_ckpt_put(w, "rows", run->rows, (size_t)(run->lat->t + 1) * sizeof *run->rows);
}

static hs_status cv_load(void *ctx, hs_ckpt_reader *r, long step, hs_error *err)
{
    cv_run *run = ctx;
    hs_status st = hs_cv_lattice_load(run->lat, r, err);
    if (st == HS_OK)
        st = hs_ckpt_get(r, "rows", run->rows, (size_t)(step + 1) * sizeof *run->rows, err);
    return st;
}

hs_status hs_cv_run_checkpointed(const hs_cv_params *p, uint64_t seed, int threads,
                                 const hs_cv_checkpointing *ck, hs_cv_series *out, hs_error *err)
{
    memset(out, 0, sizeof *out);
    cv_run run = {NULL, NULL};
    hs_status st = hs_cv_lattice_create(&run.lat, p, seed, err);
    if (st != HS_OK) return st;
    hs_cv_lattice_set_threads(run.lat, threads);
    out->rows = run.rows = malloc((size_t)(p->steps + 1) * sizeof *out->rows);
    if (!out->rows) st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    if (st == HS_OK) {
        /* Resuming overwrites it with the checkpoint's rows. */
        out->rows[0] = hs_cv_lattice_counts(run.lat);
        const hs_ckpt_model m = {"civil_violence", "step",  &run,   cv_done,
                                 cv_step,          cv_save, cv_load};
        st = hs_ckpt_run(&m, p->steps, ck, NULL, NULL, err);
    }
    if (st == HS_OK) {
        out->n = p->steps + 1;
        out->digest = hs_cv_lattice_digest(run.lat);
    } else {
        hs_cv_series_free(out);
    }
    hs_cv_lattice_free(run.lat);
    return st;
}
