/*
** runner.c - an experiment's runs, spread over threads, each kept in the
** journal as it finishes (compare_internal.h).
**
** The journal, "<dir>.journal/", holds a file "fingerprint" (the experiment's,
** its scenario's and humsec's version, hashed) and one file per finished run,
** "run-<n>.bin": a header (magic, fingerprint, run, days, outcomes) and the
** run's daily outcomes as doubles. Each is written whole to a temporary file
** and renamed into place (hs_outfile), so a kill leaves either the run's
** complete record or none. A new start with the same fingerprint reads back
** the runs it finds and runs only the others; another fingerprint empties the
** journal first. Results do not depend on the threads: each run is a pure
** function of its scenario and seed, and everything summed over runs is summed
** afterwards in run order.
*/
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <humsec/outdir.h>
#include "compare/compare_internal.h"
#include "core/fault.h"

static const char journal_magic[8] = {'H', 'S', 'C', 'M', 'P', 'R', 'U', 'N'};

typedef struct journal_header {
    char magic[8];
    uint64_t fingerprint;
    int64_t run, days, outcomes;
} journal_header;

static char *run_path(const cmp_plan *p, long run)
{
    char name[48];
    snprintf(name, sizeof name, "run-%07ld.bin", run);
    return hs_path_join(p->journal, name);
}

/* Read run's record from the journal into v: 1 when it is there and whole. */
static int journal_read(const cmp_plan *p, long run, double *v)
{
    char *path = run_path(p, run);
    FILE *f = path ? fopen(path, "rb") : NULL;
    free(path);
    if (!f) return 0;
    journal_header h;
    size_t n = (size_t)p->noutcomes * (size_t)p->days;
    int ok = fread(&h, sizeof h, 1, f) == 1 && memcmp(h.magic, journal_magic, 8) == 0 &&
             h.fingerprint == p->fingerprint && h.run == run && h.days == p->days &&
             h.outcomes == p->noutcomes && fread(v, sizeof *v, n, f) == n && fgetc(f) == EOF;
    fclose(f);
    return ok;
}

static hs_status journal_write(const cmp_plan *p, long run, const double *v, hs_error *err)
{
    char *path = run_path(p, run);
    if (!path) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_outfile out;
    hs_status st = hs_outfile_open(&out, path, err);
    free(path);
    if (st != HS_OK) return st;
    journal_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, journal_magic, 8);
    h.fingerprint = p->fingerprint;
    h.run = run;
    h.days = p->days;
    h.outcomes = p->noutcomes;
    fwrite(&h, sizeof h, 1, out.f);
    fwrite(v, sizeof *v, (size_t)p->noutcomes * (size_t)p->days, out.f);
    return hs_outfile_commit(&out, err);
}

/* Remove the files of a flat folder and the folder; 0, or -1 (errno). */
static int remove_journal(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT ? 0 : -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *f = hs_path_join(dir, e->d_name);
        if (!f || unlink(f) != 0) rc = -1;
        free(f);
    }
    closedir(d);
    return rmdir(dir) != 0 || rc != 0 ? -1 : 0;
}

hs_status hs_experiment_journal_remove(const char *dir, hs_error *err)
{
    size_t n = strlen(dir);
    char *j = malloc(n + sizeof ".journal");
    if (!j) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    memcpy(j, dir, n);
    memcpy(j + n, ".journal", sizeof ".journal");
    int rc = remove_journal(j);
    hs_status st = rc == 0 ? HS_OK
                           : hs_error_set(err, HS_ERR_IO, j, 0, NULL,
                                          "cannot remove the journal: %s", strerror(errno));
    free(j);
    return st;
}

/* The journal folder with this plan's fingerprint: a journal of another
** experiment (or another version) is emptied first. */
static hs_status journal_open(const cmp_plan *p, hs_error *err)
{
    char want[32], have[32] = "";
    snprintf(want, sizeof want, "%016llx", (unsigned long long)p->fingerprint);
    char *fp = hs_path_join(p->journal, "fingerprint");
    if (!fp) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    FILE *f = fopen(fp, "r");
    if (f) {
        if (!fgets(have, sizeof have, f)) have[0] = '\0';
        have[strcspn(have, "\n")] = '\0';
        fclose(f);
    }
    hs_status st = HS_OK;
    if (strcmp(want, have) != 0) {
        if (remove_journal(p->journal) != 0)
            st = hs_error_set(err, HS_ERR_IO, p->journal, 0, NULL,
                              "cannot empty an earlier experiment's journal: %s", strerror(errno));
        else if (mkdir(p->journal, 0777) != 0 && errno != EEXIST)
            st = hs_error_set(err, HS_ERR_IO, p->journal, 0, NULL, "cannot create: %s",
                              strerror(errno));
        else {
            hs_outfile out;
            if ((st = hs_outfile_open(&out, fp, err)) == HS_OK) {
                fprintf(out.f, "%s\n", want);
                st = hs_outfile_commit(&out, err);
            }
        }
    }
    free(fp);
    return st;
}

/* Keep what the tables need of run's daily outcomes v. */
static void keep(cmp_plan *p, long run, const double *v)
{
    const hs_experiment *x = p->x;
    size_t days = (size_t)p->days;
    size_t no = (size_t)p->noutcomes;
    for (size_t o = 0; o < no; o++) {
        const double *vo = v + o * days;
        for (int h = 0; h < x->nhorizons; h++)
            p->at[((size_t)run * no + o) * (size_t)x->nhorizons + (size_t)h] =
                vo[x->horizons[h] - 1];
        for (long s = 0; s < p->nsteps; s++)
            p->series[((size_t)run * no + o) * (size_t)p->nsteps + (size_t)s] =
                vo[p->step_day[s] - 1];
    }
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0->tv_nsec);
}

/* This rank's share of the runs to do, run over threads; each finished run
** goes to the journal. Returns this rank's status (nothing collective). */
static hs_status run_share(cmp_plan *p, const long *mine, long nmine, int threads, long *done,
                           int64_t *ns, hs_cmp_progress *progress, hs_error *err)
{
    size_t per_run = (size_t)p->noutcomes * (size_t)p->days;
    if (threads < 1) threads = omp_get_max_threads();
    /* One run per thread while there are enough runs; the rest go inside runs. */
    int outer = nmine < threads ? (int)(nmine > 0 ? nmine : 1) : threads;
    int inner = threads / outer > 0 ? threads / outer : 1;
    long journalled = 0;
    int failed = 0;
#pragma omp parallel num_threads(outer)
    {
        double *w = malloc(per_run * sizeof *w);
        hs_error my;
        hs_status st = w ? HS_OK : hs_error_set(&my, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
#pragma omp for schedule(dynamic, 1)
        for (long i = 0; i < nmine; i++) {
            int stop;
#pragma omp atomic read
            stop = failed;
            if (stop || st != HS_OK) continue;
            long run = mine[i];
            struct timespec t0;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            st = p->model->run(p, run, inner, w, &my);
            if (st == HS_OK) st = journal_write(p, run, w, &my);
            if (st == HS_OK) {
                keep(p, run, w);
                ns[i] = (int64_t)llround(seconds_since(&t0) * 1e9);
#pragma omp critical(cmp_progress)
                {
                    char fault[48];
                    snprintf(fault, sizeof fault, "compare_run_%ld", ++journalled);
                    hs_fault_point(fault); /* the resume test's kill */
                    ++*done;
                    if (progress && progress->run_done)
                        progress->run_done(progress->ctx, *done, p->nruns);
                }
            }
        }
        if (st != HS_OK) {
#pragma omp critical(cmp_error)
            {
                if (!failed) {
                    *err = my;
#pragma omp atomic write
                    failed = 1;
                }
            }
        }
        free(w);
    }
    return failed ? err->status : HS_OK;
}

hs_status cmp_runs(cmp_plan *p, hs_ranks *r, int threads, hs_cmp_progress *progress, hs_error *err)
{
    int rank = hs_ranks_rank(r), size = hs_ranks_size(r);
    /* Rank 0 alone empties a journal of another experiment; then every rank reads
    ** what is done, and none writes before all have read (the barrier), so that
    ** they agree on what is left. */
    hs_status st = hs_ranks_agree(r, rank == 0 ? journal_open(p, err) : HS_OK, err);
    if (st != HS_OK) return st;
    size_t per_run = (size_t)p->noutcomes * (size_t)p->days;
    long *todo = malloc((size_t)p->nruns * sizeof *todo), ntodo = 0;
    /* Each run's wall time (timing.csv) in whole nanoseconds, 0 but for the runs this
    ** rank ran, then summed over ranks. */
    int64_t *ns = calloc((size_t)(p->nruns > 0 ? p->nruns : 1), sizeof *ns);
    double *v = malloc(per_run * sizeof *v);
    if (!todo || !ns || !v) st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (long run = 0; st == HS_OK && run < p->nruns; run++) {
        if (journal_read(p, run, v)) {
            keep(p, run, v);
            p->walls[run] = NAN;
        } else {
            todo[ntodo++] = run;
        }
    }
    hs_ranks_barrier(r);
    /* Rank k's share: the k-th of size consecutive stretches of the runs left. The arm
    ** changes fastest along the runs (cmp_arm_of), so each stretch holds every arm
    ** about equally (every other run, on 2 ranks, would give one rank arms 0 and 2 and
    ** the other 1 and 3, whose costs differ). */
    long done = p->nruns - ntodo;
    if (progress) progress->resumed = done;
    long lo = ntodo * rank / size, hi = ntodo * (rank + 1) / size;
    if (st == HS_OK) st = run_share(p, todo + lo, hi - lo, threads, &done, ns + lo, progress, err);
    st = hs_ranks_agree(r, st, err);
    if (st == HS_OK) st = hs_ranks_sum_i64(r, ns, (size_t)ntodo, err);
    for (long i = 0; st == HS_OK && i < ntodo; i++)
        p->walls[todo[i]] = (double)ns[i] * 1e-9;
    free(todo), free(ns);
    /* The arms' daily means, summed in run order from the journal, on rank 0 (which
    ** writes the tables): every run's record is there once every rank is done. */
    const hs_experiment *x = p->x;
    long per_arm = p->nruns / x->narms;
    for (long run = 0; rank == 0 && run < p->nruns && st == HS_OK; run++) {
        if (!journal_read(p, run, v)) {
            st = hs_error_set(err, HS_ERR_IO, p->journal, 0, NULL,
                              "run %ld's record is missing from the journal", run);
            break;
        }
        keep(p, run, v);
        double *m = p->armday + (size_t)cmp_arm_of(x, run) * per_run;
        for (size_t i = 0; i < per_run; i++)
            m[i] += v[i] / (double)per_arm;
    }
    free(v);
    return st;
}
