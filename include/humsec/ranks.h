/*
** ranks.h - the processes of a run spread over MPI ranks (issue 16;
** docs/scaling.md).
**
** MPI is an option of the build (cmake -DHUMSEC_MPI=ON); every collective step
** of humsec goes through this header, so nothing else includes mpi.h and a
** build without MPI is one process whatever it is asked. The communication is
** an explicit step between the work: each rank computes its share, then the
** ranks agree on failures and share what each owns.
**
** A NULL hs_ranks * everywhere means one process: rank 0 of 1, every call a
** no-op that succeeds. So the library's functions that take one work alone
** with NULL, and the results are the same with 1, 2 or 4 ranks: each piece of
** work is a pure function of its inputs and seed, and rank 0 assembles the
** pieces in the same order.
*/
#ifndef HUMSEC_RANKS_H
#define HUMSEC_RANKS_H

#include <stddef.h>
#include <stdint.h>
#include <humsec/error.h>

#pragma GCC visibility push(default)

typedef struct hs_ranks hs_ranks;

/* Was this library built with MPI? */
int hs_ranks_built(void);

/* Was this process started by an MPI launcher (mpirun, srun)? Read from the
** launcher's environment, without starting MPI. */
int hs_ranks_launched(void);
/* This process's rank as the launcher's environment gives it (0 when not
** launched by one), known before MPI starts: who speaks for the run. */
int hs_ranks_env_rank(void);

/* Start MPI (once per process, before any other thread) and return the ranks
** of MPI_COMM_WORLD in *out (owned by the caller: hs_ranks_stop). Without MPI
** in the build, or when not launched by an MPI launcher, *out is NULL: one
** process. */
hs_status hs_ranks_start(hs_ranks **out, int *argc, char ***argv, hs_error *err);
/* Stop MPI; frees r. r may be NULL. */
void hs_ranks_stop(hs_ranks *r);
/* Take every rank down now with exit code code (MPI_Abort): for a rank that
** cannot go on while the others wait for it. Without MPI, returns. */
void hs_ranks_abort(hs_ranks *r, int code);

int hs_ranks_rank(const hs_ranks *r); /* 0 when r is NULL */
int hs_ranks_size(const hs_ranks *r); /* 1 when r is NULL */

/* Wait until every rank is here. */
void hs_ranks_barrier(hs_ranks *r);

/* Every rank brings its status; every rank leaves with HS_OK if all were OK,
** or else with the error of the lowest rank that failed (in *err; its message
** prefixed by "rank N: " when N > 0), so that a failure
** anywhere fails the run everywhere with one message. */
hs_status hs_ranks_agree(hs_ranks *r, hs_status st, hs_error *err);

/* Items 0 .. n-1 of item_bytes each, item i owned by rank owner(i) = i mod
** size: afterwards every rank holds every item as its owner had it (bytes
** copied, not summed, so the result does not depend on the ranks). */
hs_status hs_ranks_share(hs_ranks *r, void *items, size_t item_bytes, long n, hs_error *err);

/* In place on every rank: the sum over ranks of v[0 .. n-1] (integers, so the
** sum is the same in any order). */
hs_status hs_ranks_sum_i64(hs_ranks *r, int64_t *v, size_t n, hs_error *err);
hs_status hs_ranks_sum_i32(hs_ranks *r, int32_t *v, size_t n, hs_error *err);

/* What this rank's sums over ranks cost so far: how many, their bytes, and the
** seconds spent in them (the transfer and any wait for a slower rank). */
void hs_ranks_traffic(const hs_ranks *r, long *sums, double *bytes, double *seconds);

#pragma GCC visibility pop

#endif
