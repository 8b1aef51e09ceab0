/*
** bench_util.h - what the benchmarks share.
*/
#ifndef HUMSEC_BENCH_UTIL_H
#define HUMSEC_BENCH_UTIL_H

#include <stdlib.h>
#include <unistd.h>

/* As the humsec command does: OpenMP threads sleep at barriers instead of
** spinning (spinning steals the cores on a busy machine). The runtime reads
** OMP_WAIT_POLICY when it is loaded, so the program restarts itself once with
** it set; a user's own setting wins. */
static inline void bench_passive_waits(char **argv)
{
    if (getenv("OMP_WAIT_POLICY")) return;
    setenv("OMP_WAIT_POLICY", "passive", 1);
    execv("/proc/self/exe", argv);
}

#endif
