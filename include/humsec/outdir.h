/*
** outdir.h - an output folder that only looks complete when it is.
**
** Files are written into "<dir>.partial/". hs_outdir_commit puts it in place
** of <dir> at the very end in one atomic exchange of the two folders (Linux's
** renameat2 RENAME_EXCHANGE; where a file system lacks it, the earlier folder
** is renamed aside first and restored if the second rename fails), so at any
** moment <dir> holds either the earlier output or the new one. If a run
** fails, <dir> (and whatever a previous run left there) is untouched and the
** staging folder holds a file INCOMPLETE saying why, so nothing is passed off
** as complete and nothing already written is lost.
**
** One run at a time per folder: hs_outdir_open takes an exclusive lock on
** "<dir>.lock" (flock) and a second run on the same folder fails at once,
** before it touches anything; the lock goes with the commit or abandon (or
** the process).
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
    char *lock;    /* "<dir>.lock" (owned) */
    int lock_fd;   /* holds the lock; -1 when none */
} hs_outdir;

/* Create the staging folder (and missing parents of dir); a stale staging
** folder from an earlier failed run is emptied first. */
hs_status hs_outdir_open(hs_outdir *o, const char *dir, hs_error *err);

/* Open a file in the staging folder for writing. */
FILE *hs_outdir_fopen(hs_outdir *o, const char *name, hs_error *err);

/* Close a file opened with hs_outdir_fopen, reporting write errors with the
** system's reason ("No space left on device"). */
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

/*
** One output file that only appears when complete: written to a temporary file
** beside it (".<name>.partial-<pid>" in the same folder, so that the rename
** stays on one file system) and renamed over <path> in one atomic step. Until
** then <path> holds whatever it held (a failed run, a full disk, a kill leave
** it untouched).
*/
typedef struct hs_outfile {
    char *path; /* final file (owned) */
    char *tmp;  /* the temporary file (owned) */
    FILE *f;    /* open on tmp: write here */
} hs_outfile;

/* Create the temporary file. An error names path. */
hs_status hs_outfile_open(hs_outfile *o, const char *path, hs_error *err);

/* Close, flush to disk and rename into place; a write error (with the system's
** reason: "No space left on device") removes the temporary file and leaves
** path as it was. Frees o. */
hs_status hs_outfile_commit(hs_outfile *o, hs_error *err);

/* Close and remove the temporary file; path untouched. Frees o. */
void hs_outfile_abandon(hs_outfile *o);

#pragma GCC visibility pop

#endif
