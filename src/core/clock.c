/*
** clock.c - a monotonic clock in seconds.
*/
#include <humsec/clock.h>

#include <time.h>

double hs_clock_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
