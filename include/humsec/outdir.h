/*
** outdir.h - an output folder that only looks complete when it is.
**
** Files are written into "<dir>.partial/". hs_outdir_commit replaces <dir>
** with it in one rename at the very end. If a run fails, <dir> (and whatever a
** previous run left there) is untouched and the staging folder holds a file
** INCOMPLETE saying why, so nothing is passed off as complete and nothing
** already written is lost.
*/
#ifndef HUMSEC_OUTDIR_H
#define HUMSEC_OUTDIR_H

#include <stdio.h>
#include <humsec/error.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* Marker file in every complete output folder; only folders holding it (or
** empty ones) are ever replaced. */
#define HS_OUTDIR_MARK ".humsec-output"

typedef struct hs_outdir {
    char *dir;     /* final folder (owned) */
    char *staging; /* "<dir>.partial" (owned) */
} hs_outdir;

/* Create the staging folder (and missing parents of dir); a stale staging
** folder from an earlier failed run is emptied first. */
hs_status hs_outdir_open(hs_outdir *o, const char *dir, hs_error *err);

/* Open a file in the staging folder for writing. */
FILE *hs_outdir_fopen(hs_outdir *o, const char *name, hs_error *err);

/* Close a file opened with hs_outdir_fopen, reporting write errors. */
hs_status hs_outdir_fclose(hs_outdir *o, FILE *f, const char *name, hs_error *err);

/* Write a JSON value (jansson's json_t, passed as void * so that this header
** does not need jansson) as an indented file in the staging folder. Takes
** over the caller's reference to the value, whatever happens. */
hs_status hs_outdir_write_json(hs_outdir *o, const char *name, void *json, hs_error *err);

/* "a/b" in newly allocated memory (caller frees), or NULL when out of memory. */
char *hs_path_join(const char *a, const char *b);

/* Move the staging folder into place, replacing dir if it is empty or an
** earlier humsec output; otherwise an error leaves the staging folder. Frees o. */
hs_status hs_outdir_commit(hs_outdir *o, hs_error *err);

/* Leave the staging folder with INCOMPLETE holding reason; dir untouched. Frees o. */
void hs_outdir_abandon(hs_outdir *o, const char *reason);

#pragma GCC visibility pop

#endif
