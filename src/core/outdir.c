/*
** outdir.c - output folders staged in "<dir>.partial", exchanged with <dir>
** only when complete, one run at a time per folder (outdir.h).
*/
#define _GNU_SOURCE /* renameat2 */
#include <humsec/outdir.h>
#include "core/fault.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *hs_path_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", a, b);
    return p;
}

static int mkdir_p(const char *path)
{
    char *p = strdup(path);
    if (!p) return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = (mkdir(p, 0777) != 0 && errno != EEXIST) ? -1 : 0;
    free(p);
    return rc;
}

/* Remove a folder of plain files (output folders are flat). */
static int remove_flat_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return errno == ENOENT ? 0 : -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        /* The marker goes last: a removal cut short leaves a folder still known as ours. */
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            strcmp(e->d_name, HS_OUTDIR_MARK) == 0)
            continue;
        char *f = hs_path_join(path, e->d_name);
        if (!f || unlink(f) != 0) rc = -1;
        free(f);
        hs_fault_point("removing");
    }
    closedir(d);
    char *mark = hs_path_join(path, HS_OUTDIR_MARK);
    if (!mark || (unlink(mark) != 0 && errno != ENOENT)) rc = -1;
    free(mark);
    if (rmdir(path) != 0) rc = -1;
    return rc;
}

static void outdir_free(hs_outdir *o)
{
    if (o->lock_fd >= 0) {
        /* Unlinked while still held: a run that opened it meanwhile sees a
        ** stale file and tries again (take_lock). */
        if (o->lock) unlink(o->lock);
        close(o->lock_fd);
    }
    free(o->dir);
    free(o->staging);
    free(o->lock);
    o->dir = o->staging = o->lock = NULL;
    o->lock_fd = -1;
}

/* The folder's lock, or -1 with errno (EWOULDBLOCK: another run holds it). A
** lock file unlinked between our open and our flock is not the folder's
** lock any more: open it again. */
static int take_lock(const char *path)
{
    for (int tries = 0; tries < 100; tries++) {
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0) return -1;
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        struct stat held, now;
        if (fstat(fd, &held) == 0 && stat(path, &now) == 0 && held.st_ino == now.st_ino &&
            held.st_dev == now.st_dev)
            return fd;
        close(fd);
    }
    errno = EAGAIN;
    return -1;
}

/* An existing folder is replaced only if it is empty or one of ours: never
** delete a user's files because they pointed -o at the wrong place. */
static int replaceable(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT;
    int entries = 0, ours = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        entries++;
        if (strcmp(e->d_name, HS_OUTDIR_MARK) == 0) ours = 1;
    }
    closedir(d);
    return entries == 0 || ours;
}

/* The marker saying a folder was made by humsec. */
static int write_mark(hs_outdir *o, hs_error *err)
{
    FILE *mark = hs_outdir_fopen(o, HS_OUTDIR_MARK, err);
    if (!mark) return -1;
    fputs("This folder was written by humsec; a later run with the same -o replaces it.\n", mark);
    return fclose(mark) == 0 ? 0 : -1;
}

hs_status hs_outdir_open(hs_outdir *o, const char *dir, hs_error *err)
{
    memset(o, 0, sizeof *o);
    o->lock_fd = -1;
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (n == 0)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, "-o", "the output folder has no name");
    o->dir = strndup(dir, n);
    o->staging = o->dir ? malloc(n + 9) : NULL;
    o->lock = o->dir ? malloc(n + 6) : NULL;
    if (!o->staging || !o->lock) {
        outdir_free(o);
        return hs_error_set(err, HS_ERR_NOMEM, dir, 0, NULL, "out of memory");
    }
    snprintf(o->staging, n + 9, "%s.partial", o->dir);
    snprintf(o->lock, n + 6, "%s.lock", o->dir);
    /* The parent must exist for the lock file. */
    char *parent = strdup(o->dir), *slash = parent ? strrchr(parent, '/') : NULL;
    if (slash && slash != parent) {
        *slash = '\0';
        mkdir_p(parent);
    }
    free(parent);
    o->lock_fd = take_lock(o->lock);
    /* A run killed in the one moment of a commit without an atomic exchange left the
    ** earlier output aside as <dir>.old and no <dir>: put it back. */
    if (o->lock_fd >= 0) {
        struct stat sd, sa;
        char *aside = malloc(n + 5);
        if (aside) {
            snprintf(aside, n + 5, "%s.old", o->dir);
            if (stat(o->dir, &sd) != 0 && errno == ENOENT && stat(aside, &sa) == 0 &&
                S_ISDIR(sa.st_mode) && replaceable(aside))
                rename(aside, o->dir);
            free(aside);
        }
    }
    if (o->lock_fd < 0) {
        int busy = errno == EWOULDBLOCK || errno == EAGAIN;
        hs_status st =
            busy ? hs_error_set(err, HS_ERR_IO, o->dir, 0, NULL,
                                "another humsec run is writing this output folder (it holds %s): "
                                "wait for it, or choose another folder",
                                o->lock)
                 : hs_error_set(err, HS_ERR_IO, o->lock, 0, NULL, "cannot create the lock: %s",
                                strerror(errno));
        free(o->lock);
        o->lock = NULL; /* not ours to remove */
        outdir_free(o);
        return st;
    }
    /* Refuse at once, before any work, a -o that commit would refuse. */
    struct stat sb;
    if (stat(o->dir, &sb) == 0 && (!S_ISDIR(sb.st_mode) || !replaceable(o->dir))) {
        hs_status st = hs_error_set(err, HS_ERR_IO, o->dir, 0, NULL,
                                    "exists and is not a humsec output folder: not replacing it "
                                    "(choose another -o)");
        outdir_free(o);
        return st;
    }
    /* A staging folder is ours (holds the marker) or absent; never empty
    ** someone else's folder that happens to have that name. */
    if (!replaceable(o->staging)) {
        hs_status st = hs_error_set(err, HS_ERR_IO, o->staging, 0, NULL,
                                    "exists and is not a humsec staging folder: not touching it");
        outdir_free(o);
        return st;
    }
    if (remove_flat_dir(o->staging) != 0 || mkdir_p(o->staging) != 0 || write_mark(o, err) != 0) {
        hs_status st = hs_error_set(err, HS_ERR_IO, o->staging, 0, NULL,
                                    "cannot create output folder: %s", strerror(errno));
        outdir_free(o);
        return st;
    }
    return HS_OK;
}

FILE *hs_outdir_fopen(hs_outdir *o, const char *name, hs_error *err)
{
    char *p = hs_path_join(o->staging, name);
    FILE *f = p ? fopen(p, "w") : NULL;
    if (!f)
        hs_error_set(err, HS_ERR_IO, p ? p : name, 0, NULL, "cannot write: %s", strerror(errno));
    free(p);
    return f;
}

/* Flush and close f; 0, or the errno of the failure (EIO when the stream
** failed earlier and nothing says why). A full disk fails at a write, which
** stdio may have made long before: the flush tries the rest again, so its
** errno is the reason (ENOSPC) in all but odd cases. With sync, the data is
** also forced to the disk, where a file system that allocates late reports
** that it is full. */
static int close_stream(FILE *f, int sync)
{
    int e = 0;
    errno = 0;
    if (fflush(f) != 0 || ferror(f)) e = errno ? errno : EIO;
    if (!e && sync && fsync(fileno(f)) != 0 && errno != EINVAL && errno != EROFS) e = errno;
    errno = 0;
    if (fclose(f) != 0 && !e) e = errno ? errno : EIO;
    return e;
}

hs_status hs_outdir_fclose(hs_outdir *o, FILE *f, const char *name, hs_error *err)
{
    hs_fault_point("writing"); /* a run killed while its output is half written */
    int e = close_stream(f, 0);
    if (!e) return HS_OK;
    char *p = hs_path_join(o->staging, name);
    hs_status st =
        hs_error_set(err, HS_ERR_IO, p ? p : name, 0, NULL, "write error: %s", strerror(e));
    free(p);
    return st;
}

hs_status hs_outfile_open(hs_outfile *o, const char *path, hs_error *err)
{
    memset(o, 0, sizeof *o);
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dirlen;
    if (!*path)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, "-o", "the output file has no name");
    struct stat sb;
    if (!*base || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)))
        return hs_error_set(err, HS_ERR_USAGE, path, 0, "-o", "names a folder, not a file");
    size_t n = strlen(path) + 48;
    o->path = strdup(path);
    o->tmp = malloc(n);
    if (!o->path || !o->tmp) {
        hs_outfile_abandon(o);
        return hs_error_set(err, HS_ERR_NOMEM, path, 0, NULL, "out of memory");
    }
    /* A name of our own (pid and a counter): O_EXCL never opens another's file,
    ** and the file gets the mode a new file would (0666 less the umask). */
    int fd = -1;
    for (unsigned k = 0; fd < 0 && k < 1000; k++) {
        snprintf(o->tmp, n, "%.*s.%s.partial-%ld-%u", (int)dirlen, path, base, (long)getpid(), k);
        fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        o->tmp = NULL; /* nothing of ours to remove */
        hs_outfile_abandon(o);
        return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "cannot write: %s", strerror(e));
    }
    return HS_OK;
}

hs_status hs_outfile_commit(hs_outfile *o, hs_error *err)
{
    int e = close_stream(o->f, 1);
    o->f = NULL;
    hs_status st = HS_OK;
    if (e)
        st = hs_error_set(err, HS_ERR_IO, o->path, 0, NULL,
                          "write error: %s (the file is left as it was)", strerror(e));
    else if (rename(o->tmp, o->path) != 0)
        st = hs_error_set(err, HS_ERR_IO, o->path, 0, NULL,
                          "cannot put the new file in place (the file is left as it was): %s",
                          strerror(errno));
    else {
        free(o->tmp);
        o->tmp = NULL;
    }
    hs_outfile_abandon(o);
    return st;
}

void hs_outfile_abandon(hs_outfile *o)
{
    if (o->f) fclose(o->f);
    if (o->tmp) unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

/* rename(from, to); with the fault point "renamefail" named, it fails as a
** rename across file systems does (EXDEV), so that the tests see a commit whose
** rename fails keep the earlier output (tests/core/test_outdir_cli.c). */
static int rename_in(const char *from, const char *to)
{
    if (hs_fault_named("renamefail")) {
        errno = EXDEV;
        return -1;
    }
    return rename(from, to);
}

/* Put staging in place of dir, dir existing: exchanged atomically where the
** file system can; else dir is renamed aside, staging in, and dir restored if
** that fails. On success the earlier output is in staging (to remove). */
static int swap_in(const char *staging, const char *dir, const char *aside)
{
    if (!hs_fault_named("noexchange")) {
        if (hs_fault_named("renamefail")) {
            errno = EXDEV;
            return -1;
        }
        if (renameat2(AT_FDCWD, staging, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) return 0;
        if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return -1;
    }
    if (rename(dir, aside) != 0) return -1;
    hs_fault_point("aside"); /* the one moment <dir> is missing: hs_outdir_open restores it */
    if (rename_in(staging, dir) != 0) {
        int e = errno;
        rename(aside, dir);
        errno = e;
        return -1;
    }
    return rename(aside, staging);
}

hs_status hs_outdir_commit(hs_outdir *o, hs_error *err)
{
    hs_fault_point("staged");
    hs_status st = HS_OK;
    struct stat sb;
    int exists = stat(o->dir, &sb) == 0;
    size_t n = strlen(o->dir) + 6;
    char *aside = malloc(n);
    if (aside) snprintf(aside, n, "%s.old", o->dir);
    if (!aside)
        st = hs_error_set(err, HS_ERR_NOMEM, o->dir, 0, NULL, "out of memory");
    else if (exists && (!S_ISDIR(sb.st_mode) || !replaceable(o->dir)))
        st = hs_error_set(err, HS_ERR_IO, o->dir, 0, NULL,
                          "exists and is not a humsec output folder: not replacing it; the new "
                          "output is in %s",
                          o->staging);
    else if (!exists && rename_in(o->staging, o->dir) != 0)
        st = hs_error_set(err, HS_ERR_IO, o->dir, 0, NULL, "cannot move %s into place: %s",
                          o->staging, strerror(errno));
    else if (exists && swap_in(o->staging, o->dir, aside) != 0)
        st = hs_error_set(err, HS_ERR_IO, o->dir, 0, NULL,
                          "cannot put %s in place of the earlier output (kept as it was): %s",
                          o->staging, strerror(errno));
    if (st == HS_OK && exists) {
        hs_fault_point("exchanged"); /* the new output in place, the earlier in staging */
        if (remove_flat_dir(o->staging) != 0)
            st = hs_error_set(err, HS_ERR_IO, o->staging, 0, NULL,
                              "the new output is in place, but the earlier one (moved here) "
                              "could not be removed");
    }
    free(aside);
    outdir_free(o);
    return st;
}

hs_status hs_outdir_write_json(hs_outdir *o, const char *name, void *json, hs_error *err)
{
    json_t *j = json;
    FILE *f = hs_outdir_fopen(o, name, err);
    if (!f) {
        json_decref(j);
        return HS_ERR_IO;
    }
    json_dumpf(j, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    fputc('\n', f);
    json_decref(j);
    return hs_outdir_fclose(o, f, name, err);
}

void hs_outdir_abandon(hs_outdir *o, const char *reason)
{
    if (o->staging) {
        FILE *f = hs_outdir_fopen(o, "INCOMPLETE", NULL);
        if (f) {
            fprintf(f, "This run did not finish; its output is incomplete.\n%s\n",
                    reason ? reason : "");
            fclose(f);
        }
    }
    outdir_free(o);
}
