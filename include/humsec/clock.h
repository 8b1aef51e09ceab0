/* clock.h - wall time for the wall_seconds every summary records. */
#ifndef HUMSEC_CLOCK_H
#define HUMSEC_CLOCK_H

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* Seconds on a monotonic clock (differences only are meaningful). */
double hs_clock_seconds(void);

#pragma GCC visibility pop

#endif
