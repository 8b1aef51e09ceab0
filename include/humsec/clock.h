/* clock.h - wall time for the wall_seconds every summary records. */
#ifndef HUMSEC_CLOCK_H
#define HUMSEC_CLOCK_H

/* Seconds on a monotonic clock (differences only are meaningful). */
double hs_clock_seconds(void);

#endif
