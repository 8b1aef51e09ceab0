/*
** ckpt_run.c - the run of any model with checkpoints (checkpoint.h
** hs_ckpt_run): resume from a checkpoint, step, write a checkpoint every so
** many steps, and offer the fault point the kill tests use. The flight process,
** the world and civil violence each give their own step, save and load.
*/
#include <humsec/checkpoint.h>

#include <stdio.h>
#include "core/fault.h"

static hs_status save(const hs_ckpt_model *m, const hs_checkpointing *ck, hs_error *err)
{
    hs_ckpt_writer w;
    hs_status st = hs_ckpt_begin(&w, ck->path, m->name, ck->fingerprint, m->done(m->ctx), err);
    if (st != HS_OK) return st;
    m->save(m->ctx, &w);
    return hs_ckpt_end(&w, err);
}

static hs_status resume(const hs_ckpt_model *m, long steps, const hs_checkpointing *ck,
                        hs_error *err)
{
    hs_ckpt_reader r;
    long step;
    hs_status st = hs_ckpt_open(&r, ck->path, m->name, ck->fingerprint, &step, err);
    if (st != HS_OK) return st;
    if (step < 0 || step > steps)
        st = hs_error_set(err, HS_ERR_INVALID, ck->path, 0, NULL,
                          "the checkpoint is of %s %ld, not of a run of %ld %ss", m->unit, step,
                          steps, m->unit);
    if (st == HS_OK) st = m->load(m->ctx, &r, step, err);
    if (st == HS_OK && m->done(m->ctx) != step)
        st = hs_error_set(err, HS_ERR_INVALID, ck->path, 0, m->name,
                          "the checkpoint says %s %ld but holds %s %ld", m->unit, step, m->unit,
                          m->done(m->ctx));
    hs_ckpt_close(&r);
    return st;
}

hs_status hs_ckpt_run(const hs_ckpt_model *m, long steps, const hs_checkpointing *ck,
                      void (*progress)(void *ctx, long done, long total), void *progress_ctx,
                      hs_error *err)
{
    hs_status st = ck && ck->resume ? resume(m, steps, ck, err) : HS_OK;
    for (long now = m->done(m->ctx); st == HS_OK && now < steps; now = m->done(m->ctx)) {
        if ((st = m->step(m->ctx, err)) != HS_OK) break;
        now = m->done(m->ctx);
        if (ck && ck->every > 0 && now % ck->every == 0 && now < steps &&
            (st = save(m, ck, err)) != HS_OK)
            break;
        if (progress) progress(progress_ctx, now, steps);
        char fault[32];
        snprintf(fault, sizeof fault, "step_%ld", now);
        hs_fault_point(fault); /* the checkpoint tests' kill */
    }
    return st;
}
