/*
** checkpoint.h - a run's whole state in one file, so that a long run killed
** part way can go on from its last checkpoint and end exactly as it would have
** (issue 15; docs/errors.md "Checkpoints").
**
** A checkpoint file is a header - magic "HSCKPT01", the model's name, a
** fingerprint of what made the run (scenario, options, seed, humsec's version)
** and the step it was taken after - then named sections of bytes, each with its
** size, in the order the model wrote them, and last a section "end" holding the
** FNV-1a checksum of every byte before it. It is written to a temporary file and
** renamed into place (hs_outfile), so a kill while writing leaves the previous
** checkpoint whole. Reading checks the magic, the model, the fingerprint, then the
** checksum over the whole file (a file cut short, or with a byte changed, is
** refused before any of it is used), then every section's name and size, and
** says which is wrong. The bytes are the
** machine's own (a checkpoint moves between runs on one kind of machine, not
** across architectures).
*/
#ifndef HUMSEC_CHECKPOINT_H
#define HUMSEC_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <humsec/error.h>
#include <humsec/outdir.h>

#pragma GCC visibility push(default)

typedef struct hs_ckpt_writer {
    hs_outfile out;
    int failed;   /* a write failed (or memory ran out): hs_ckpt_end reports it */
    int error;    /* errno of the first write that failed (0: memory ran out) */
    uint64_t sum; /* FNV-1a of every byte written so far: the file's last section */
} hs_ckpt_writer;

hs_status hs_ckpt_begin(hs_ckpt_writer *w, const char *path, const char *model,
                        uint64_t fingerprint, long step, hs_error *err);
/* One section (name: up to 15 characters). */
void hs_ckpt_put(hs_ckpt_writer *w, const char *name, const void *data, size_t bytes);
/* Flush, close and rename into place; on any error the earlier checkpoint stays. */
hs_status hs_ckpt_end(hs_ckpt_writer *w, hs_error *err);

typedef struct hs_ckpt_reader {
    FILE *f;
    char path[1024];
} hs_ckpt_reader;

/* Open a checkpoint of model with this fingerprint; *step: the step it was taken after. */
hs_status hs_ckpt_open(hs_ckpt_reader *r, const char *path, const char *model, uint64_t fingerprint,
                       long *step, hs_error *err);
/* The next section, which must be name with exactly bytes bytes. */
hs_status hs_ckpt_get(hs_ckpt_reader *r, const char *name, void *data, size_t bytes, hs_error *err);
/* The next section, which must be name, of any size: *data malloc'd (caller frees). */
hs_status hs_ckpt_get_alloc(hs_ckpt_reader *r, const char *name, void **data, size_t *bytes,
                            hs_error *err);
void hs_ckpt_close(hs_ckpt_reader *r);

/* FNV-1a over bytes, continuing from h (start with HS_FNV_START): fingerprints. */
#define HS_FNV_START 14695981039346656037ULL
uint64_t hs_fnv(uint64_t h, const void *data, size_t n);
/* The same over a file's bytes ("-" hashed when it cannot be read). */
uint64_t hs_fnv_file(uint64_t h, const char *path);
/* The same over a string and its end, so that strings in a row do not run together
** (NULL hashes as no string at all). */
uint64_t hs_fnv_str(uint64_t h, const char *s);
/* The same over a map: its states, its locations (name, region, state, type, place,
** population) and its routes (ends, km, forced flag). */
struct hs_geo;
uint64_t hs_fnv_geo(uint64_t h, const struct hs_geo *g);

/* What a run of the flight process or the human security world does with
** checkpoints (hs_flight_run_checkpointed, hs_world_run_checkpointed): write one to
** path after every `every` days (0: none) and, with resume, start from the one at
** path. fingerprint: of what made the run (hs_flight_fingerprint,
** hs_world_fingerprint); a checkpoint with another is refused. */
typedef struct hs_checkpointing {
    const char *path;
    long every;
    int resume;
    uint64_t fingerprint;
} hs_checkpointing;

/* What a run with checkpoints needs of a model: ctx is its run (a flight or
** world sim, a lattice with its series); done: the steps it has made; step: make
** one more; save: write its whole state into a checkpoint (sections of its own);
** load: read it back from one taken after `step` steps. name: the checkpoint's
** model ("flight", "human_security", "civil_violence"); unit: "day" or "step",
** for messages. */
typedef struct hs_ckpt_model {
    const char *name, *unit;
    void *ctx;
    long (*done)(const void *ctx);
    hs_status (*step)(void *ctx, hs_error *err);
    void (*save)(const void *ctx, hs_ckpt_writer *w);
    hs_status (*load)(void *ctx, hs_ckpt_reader *r, long step, hs_error *err);
} hs_ckpt_model;

/* Run m until it has made steps steps: with ck->resume from the checkpoint at
** ck->path (of this model and fingerprint, taken after at most steps steps),
** writing one after every ck->every steps (ck NULL: no checkpoints), calling
** progress(progress_ctx, done, steps) after each step when it is not NULL.
** After each step the fault point "step_<n>" (core/fault.h) lets a test kill
** the process there. */
hs_status hs_ckpt_run(const hs_ckpt_model *m, long steps, const hs_checkpointing *ck,
                      void (*progress)(void *ctx, long done, long total), void *progress_ctx,
                      hs_error *err);

#pragma GCC visibility pop

#endif
