/*
** schedule.h - a day as a fixed sequence of named processes.
**
** A model registers its processes once, in the order they run each day
** (Flee's order: conflicts, spawning, closures, scores, movement, record).
** Each entry is a function, the context it runs on and a name; the schedule is
** data, so the order is stated in one place and can be printed and checked. A
** model that runs another process (the human security world runs the flight
** process) adds that process's step with the process as its context.
*/
#ifndef HUMSEC_SCHEDULE_H
#define HUMSEC_SCHEDULE_H

#include <humsec/error.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

#define HS_SCHEDULE_MAX 32

typedef hs_status (*hs_process_fn)(void *model, long day, hs_error *err);

typedef struct hs_process {
    const char *name;
    hs_process_fn step;
    void *ctx; /* what step runs on: borrowed, outlives the schedule */
} hs_process;

typedef struct hs_schedule {
    int n;
    hs_process procs[HS_SCHEDULE_MAX];
} hs_schedule;

void hs_schedule_init(hs_schedule *s);
/* Append a process that runs step(ctx, day, err); HS_ERR_USAGE when the
** schedule is full. */
hs_status hs_schedule_add(hs_schedule *s, const char *name, hs_process_fn step, void *ctx,
                          hs_error *err);
/* Run every process for one day, in order, each on its own context; stops at
** the first error and returns it. */
hs_status hs_schedule_run_day(const hs_schedule *s, long day, hs_error *err);

#pragma GCC visibility pop

#endif
