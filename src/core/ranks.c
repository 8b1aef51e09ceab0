/*
** ranks.c - MPI behind one switch (ranks.h). With HUMSEC_WITH_MPI defined
** (cmake -DHUMSEC_MPI=ON) the calls are MPI's on MPI_COMM_WORLD; without it,
** one process. Only this file includes mpi.h.
*/
#include <humsec/ranks.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HUMSEC_WITH_MPI
#include <mpi.h>
#endif

struct hs_ranks {
    int rank, size;
    /* What the sums over ranks cost this rank so far (hs_ranks_traffic). */
    double sum_seconds, sum_bytes;
    long sums;
};

int hs_ranks_built(void)
{
#ifdef HUMSEC_WITH_MPI
    return 1;
#else
    return 0;
#endif
}

/* What a launcher (Open MPI's mpirun, MPICH's and PMIx launchers, Slurm's srun)
** tells each process it starts: its rank. */
static const char *const rank_vars[] = {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK",
                                        "SLURM_PROCID"};

/* The first of the n variables that is set, or NULL. */
static const char *launcher_env(const char *const *vars, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (getenv(vars[k])) return getenv(vars[k]);
    return NULL;
}

int hs_ranks_launched(void)
{
    return launcher_env(rank_vars, sizeof rank_vars / sizeof *rank_vars) != NULL;
}

int hs_ranks_env_rank(void)
{
    const char *v = launcher_env(rank_vars, sizeof rank_vars / sizeof *rank_vars);
    return v ? atoi(v) : 0;
}

int hs_ranks_rank(const hs_ranks *r)
{
    return r ? r->rank : 0;
}

int hs_ranks_size(const hs_ranks *r)
{
    return r ? r->size : 1;
}

void hs_ranks_traffic(const hs_ranks *r, long *sums, double *bytes, double *seconds)
{
    *sums = r ? r->sums : 0;
    *bytes = r ? r->sum_bytes : 0.0;
    *seconds = r ? r->sum_seconds : 0.0;
}

#ifdef HUMSEC_WITH_MPI

static hs_status mpi_failed(hs_error *err, int rc, const char *what)
{
    char msg[MPI_MAX_ERROR_STRING] = "";
    int len = 0;
    MPI_Error_string(rc, msg, &len);
    return hs_error_set(err, HS_ERR_INTERNAL, NULL, 0, NULL, "MPI: %s failed: %s", what, msg);
}

hs_status hs_ranks_start(hs_ranks **out, int *argc, char ***argv, hs_error *err)
{
    *out = NULL;
    if (!hs_ranks_launched()) return HS_OK;
    int provided = 0;
    /* Threads compute inside a rank, and one of them at a time talks to MPI:
    ** the flight process sums its counts from inside its team (an omp single,
    ** which need not be the main thread). */
    int rc = MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided);
    if (rc != MPI_SUCCESS) return mpi_failed(err, rc, "MPI_Init_thread");
    if (provided < MPI_THREAD_SERIALIZED) {
        MPI_Finalize();
        return hs_error_set(err, HS_ERR_INTERNAL, NULL, 0, NULL,
                            "MPI: this MPI library does not let threads take turns calling it "
                            "(MPI_THREAD_SERIALIZED)");
    }
    /* Errors come back as codes (and then as an hs_status), not as an abort. */
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    hs_ranks *r = calloc(1, sizeof *r);
    if (!r) {
        MPI_Abort(MPI_COMM_WORLD, 1);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &r->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &r->size);
    *out = r;
    return HS_OK;
}

void hs_ranks_stop(hs_ranks *r)
{
    if (!r) return;
    free(r);
    MPI_Finalize();
}

void hs_ranks_abort(hs_ranks *r, int code)
{
    if (r) MPI_Abort(MPI_COMM_WORLD, code);
}

void hs_ranks_barrier(hs_ranks *r)
{
    if (r) MPI_Barrier(MPI_COMM_WORLD);
}

hs_status hs_ranks_agree(hs_ranks *r, hs_status st, hs_error *err)
{
    if (!r || r->size == 1) return st;
    /* The lowest failing rank (size when none), then its error by broadcast. */
    int mine = st == HS_OK ? r->size : r->rank, first = r->size;
    int rc = MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) return mpi_failed(err, rc, "MPI_Allreduce");
    if (first == r->size) return HS_OK;
    hs_error e;
    if (r->rank == first) {
        e = *err;
        if (e.status == HS_OK) e.status = st;
    }
    rc = MPI_Bcast(&e, (int)sizeof e, MPI_BYTE, first, MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) return mpi_failed(err, rc, "MPI_Bcast");
    *err = e;
    if (first > 0) { /* rank 0's errors are the run's own, said as one process says them */
        char msg[HS_ERROR_MSG_MAX + 32];
        snprintf(msg, sizeof msg, "rank %d: %s", first, e.message);
        memcpy(err->message, msg, HS_ERROR_MSG_MAX - 1);
        err->message[HS_ERROR_MSG_MAX - 1] = '\0';
    }
    return err->status;
}

hs_status hs_ranks_share(hs_ranks *r, void *items, size_t item_bytes, long n, hs_error *err)
{
    if (!r || r->size == 1 || n <= 0) return HS_OK;
    int size = r->size;
    /* Rank k owns items k, k + size, ...: packed by owner, gathered, unpacked. */
    int *counts = malloc((size_t)size * sizeof *counts);
    int *displs = malloc((size_t)size * sizeof *displs);
    char *packed = malloc((size_t)n * item_bytes);
    if (!counts || !displs || !packed) {
        free(counts), free(displs), free(packed);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    long off = 0;
    for (int k = 0; k < size; k++) {
        long owned = n > k ? (n - k + size - 1) / size : 0;
        counts[k] = (int)((size_t)owned * item_bytes);
        displs[k] = (int)((size_t)off * item_bytes);
        off += owned;
    }
    char *in = items;
    char *mine = packed + displs[r->rank];
    for (long i = r->rank, j = 0; i < n; i += size, j++)
        memcpy(mine + (size_t)j * item_bytes, in + (size_t)i * item_bytes, item_bytes);
    int rc = MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, packed, counts, displs, MPI_BYTE,
                            MPI_COMM_WORLD);
    hs_status st = HS_OK;
    if (rc != MPI_SUCCESS) {
        st = mpi_failed(err, rc, "MPI_Allgatherv");
    } else {
        for (int k = 0; k < size; k++)
            for (long i = k, j = 0; i < n; i += size, j++)
                memcpy(in + (size_t)i * item_bytes, packed + displs[k] + (size_t)j * item_bytes,
                       item_bytes);
    }
    free(counts), free(displs), free(packed);
    return st;
}

/* An in-place sum over ranks of n integers of one type, counted in r's traffic. */
static hs_status sum_over_ranks(hs_ranks *r, void *v, size_t n, MPI_Datatype type, size_t bytes,
                                hs_error *err)
{
    if (!r || r->size == 1 || n == 0) return HS_OK;
    double t0 = MPI_Wtime();
    int rc = MPI_Allreduce(MPI_IN_PLACE, v, (int)n, type, MPI_SUM, MPI_COMM_WORLD);
    r->sum_seconds += MPI_Wtime() - t0;
    r->sum_bytes += (double)(n * bytes);
    r->sums++;
    return rc == MPI_SUCCESS ? HS_OK : mpi_failed(err, rc, "MPI_Allreduce");
}

hs_status hs_ranks_sum_i64(hs_ranks *r, int64_t *v, size_t n, hs_error *err)
{
    return sum_over_ranks(r, v, n, MPI_INT64_T, sizeof *v, err);
}

hs_status hs_ranks_sum_i32(hs_ranks *r, int32_t *v, size_t n, hs_error *err)
{
    return sum_over_ranks(r, v, n, MPI_INT32_T, sizeof *v, err);
}

#else /* one process */

hs_status hs_ranks_start(hs_ranks **out, int *argc, char ***argv, hs_error *err)
{
    (void)argc, (void)argv;
    *out = NULL;
    /* Several copies of a build without MPI would each run everything. */
    static const char *const size_vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_NTASKS"};
    const char *v = launcher_env(size_vars, sizeof size_vars / sizeof *size_vars);
    if (v && atoi(v) > 1)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, NULL,
                            "started as one of %d processes, but this humsec was built without "
                            "MPI (cmake -DHUMSEC_MPI=ON; docs/scaling.md)",
                            atoi(v));
    return HS_OK;
}

void hs_ranks_stop(hs_ranks *r)
{
    free(r);
}

void hs_ranks_abort(hs_ranks *r, int code)
{
    (void)r, (void)code;
}

void hs_ranks_barrier(hs_ranks *r)
{
    (void)r;
}

hs_status hs_ranks_agree(hs_ranks *r, hs_status st, hs_error *err)
{
    (void)r, (void)err;
    return st;
}

hs_status hs_ranks_share(hs_ranks *r, void *items, size_t item_bytes, long n, hs_error *err)
{
    (void)r, (void)items, (void)item_bytes, (void)n, (void)err;
    return HS_OK;
}

hs_status hs_ranks_sum_i64(hs_ranks *r, int64_t *v, size_t n, hs_error *err)
{
    (void)r, (void)v, (void)n, (void)err;
    return HS_OK;
}

hs_status hs_ranks_sum_i32(hs_ranks *r, int32_t *v, size_t n, hs_error *err)
{
    (void)r, (void)v, (void)n, (void)err;
    return HS_OK;
}

#endif
