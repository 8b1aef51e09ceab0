/*
** bench_flight.c - throughput of the flight process (a benchmark, not a test:
** it prints, it does not judge).
**
**   1. mali2012 with its validation settings at hasten 1 (~90,000 people,
**      300 days) on one thread; Flee takes about 97 s here on one core.
**   2. a generated case: 10 million people on 2,000 locations for 100 days,
**      on 2 threads; the goal was 50 million agent-days per second or more,
**      with at most 48 bytes of state per person; issue 17's is twice the 59.6
**      million the morning sweep reached (every person drawn every morning).
** Agent-days are counted as before the calendar of morning moves: every
** person the run holds, every day, whether they move or not (so a day on
** which most people stay counts them all, though the calendar touches only
** those who move).
** Under mpirun (the MPI build), the generated case's people are spread over
** the ranks (issue 16): it then prints the time spent in the sums over ranks
** and the cost of one sum alone; mali2012 is skipped (so is it on one process
** with BENCH_FLIGHT_NO_MALI set).
** Usage: [mpirun -np R] bench_flight [PEOPLE [DAYS [THREADS]]]  (defaults 10000000 100 2)
*/
#include <humsec/clock.h>
#include <humsec/flight.h>
#include <humsec/people.h>
#include <humsec/ranks.h>
#include <stdio.h>
#include "bench_util.h"
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

static int report(const hs_error *err)
{
    char buf[1024];
    hs_error_format(err, buf, sizeof buf);
    fprintf(stderr, "bench_flight: %s\n", buf);
    return 1;
}

static int bench_mali(void)
{
    const char *root = getenv("HUMSEC_SHARED") ? getenv("HUMSEC_SHARED") : "../shared";
    char dir[2048], settings[2100];
    snprintf(dir, sizeof dir, "%s/validation/flee/mali2012", root);
    snprintf(settings, sizeof settings, "%s/simsetting_validation.yml", dir);
    struct stat st;
    if (stat(dir, &st) != 0) {
        printf("mali2012: skipped (%s not present)\n", dir);
        return 0;
    }
    hs_flight_settings s;
    hs_flight_case c;
    hs_error err;
    hs_flight_settings_default(&s);
    if (hs_flight_settings_load(&s, settings, &err) || hs_flight_case_load(&c, dir, NULL, &s, &err))
        return report(&err);
    double best = 1e30, agent_days = 0;
    long people = 0;
    for (int rep = 0; rep < 3; rep++) {
        hs_flight_sim *sim;
        if (hs_flight_sim_create(&sim, &c, &s, (uint64_t)rep + 1, &err)) return report(&err);
        hs_flight_sim_set_threads(sim, 1);
        double t0 = hs_clock_seconds();
        if (hs_flight_sim_run(sim, -1, NULL, NULL, &err)) return report(&err);
        double t = hs_clock_seconds() - t0;
        if (t < best) best = t;
        agent_days = hs_flight_sim_agent_days(sim);
        people = (long)hs_flight_sim_people(sim)->n;
        hs_flight_sim_free(sim);
    }
    printf("mali2012 (validation settings, hasten 1), 1 thread: %ld people, %ld days, "
           "best of 3: %.3f s\n",
           people, c.days, best);
    printf("  %.1f million agent-days per second; %.0f times faster than Flee's ~97 s\n",
           agent_days / best / 1e6, 97.0 / best);
    hs_flight_case_free(&c);
    return 0;
}

/* The peak resident memory of this process, in bytes. */
static double peak_rss(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss * 1024.0;
}

/* The cost of one sum over ranks of nloc counts, alone: the mean of many,
** each after a barrier (so that no rank waits for a slower one). */
static double sum_latency(hs_ranks *r, int nloc)
{
    if (hs_ranks_size(r) == 1) return 0.0;
    int32_t *v = calloc((size_t)nloc, sizeof *v);
    hs_error err;
    double spent = 0.0;
    const int reps = 2000;
    for (int k = 0; k < reps && v; k++) {
        hs_ranks_barrier(r);
        double t0 = hs_clock_seconds();
        hs_ranks_sum_i32(r, v, (size_t)nloc, &err);
        spent += hs_clock_seconds() - t0;
    }
    free(v);
    return spent / reps;
}

static int bench_generated(hs_ranks *r, long people, long days, int threads)
{
    hs_flight_case c;
    hs_flight_settings s;
    hs_error err;
    int nranks = hs_ranks_size(r);
    hs_flight_settings_default(&s);
    s.spawn_mode = HS_SPAWN_CONSTANT;
    s.displaced_per_conflict_day = 0; /* a fixed population: everyone starts displaced */
    s.conflict_weight = 0.25;
    double t0 = hs_clock_seconds();
    if (hs_flight_case_generate(&c, 2000, people, days, 42, &err)) return report(&err);
    hs_flight_sim *sim;
    if (hs_flight_sim_create_ranks(&sim, &c, &s, 1, r, &err)) return report(&err);
    hs_flight_sim_set_threads(sim, threads);
    hs_ranks_barrier(r);
    double t1 = hs_clock_seconds();
    if (hs_flight_sim_run(sim, days, NULL, NULL, &err)) return report(&err);
    hs_ranks_barrier(r);
    double t2 = hs_clock_seconds();
    double ad = hs_flight_sim_agent_days(sim);
    const hs_flight_day *last = hs_flight_sim_day(sim, days - 1);
    long sums;
    double bytes, in_sums;
    hs_ranks_traffic(r, &sums, &bytes, &in_sums);
    /* Every rank's memory and time in sums, summed over ranks (ns, bytes). */
    int64_t mine[2] = {(int64_t)peak_rss(), (int64_t)(in_sums * 1e9)};
    if (hs_ranks_sum_i64(r, mine, 2, &err)) return report(&err);
    double latency = sum_latency(r, c.geo->nloc);
    printf("generated: %ld people, %d locations, %d routes, %ld days, %d rank(s) x %d "
           "thread(s)\n",
           people, c.geo->nloc, c.geo->nroutes, days, nranks, threads);
    double rate = ad / (t2 - t1) / 1e6;
    printf("  set-up %.2f s, run %.2f s (%.3f s a day): %.1f million agent-days per second, "
           "every person every day counted, moving or not\n",
           t1 - t0, t2 - t1, (t2 - t1) / (double)days, rate);
    if (nranks == 1)
        printf("  %.2f times the 59.6 million of the morning sweep (issue 17's goal: 2 times, "
               "on 2 threads)\n",
               rate / 59.6);
    printf("  state per person: %d bytes (goal: at most 48); peak resident memory %.2f GB "
           "(all ranks), %.1f bytes per person; %ld travelling on the last day\n",
           HS_PEOPLE_BYTES_PER_PERSON, (double)mine[0] / 1e9, (double)mine[0] / (double)people,
           last->travelling);
    if (nranks > 1)
        printf("  communication: %.1f sums over ranks a day, %.1f kB each; %.4f s a day in "
               "them per rank (transfer and waiting for the slower rank), %.1f%% of the "
               "day; one sum alone takes %.1f us\n",
               (double)sums / (double)days, sums ? bytes / (double)sums / 1e3 : 0.0,
               (double)mine[1] / 1e9 / nranks / (double)days,
               100.0 * (double)mine[1] / 1e9 / nranks / (t2 - t1), latency * 1e6);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
    return 0;
}

int main(int argc, char **argv)
{
    bench_passive_waits(argv);
    hs_ranks *r = NULL;
    hs_error err;
    if (hs_ranks_start(&r, &argc, &argv, &err)) return report(&err);
    /* Rank 0 speaks for the run. */
    if (hs_ranks_rank(r) != 0 && !freopen("/dev/null", "w", stdout)) return 1;
    long people = argc > 1 ? atol(argv[1]) : 10000000;
    long days = argc > 2 ? atol(argv[2]) : 100;
    int threads = argc > 3 ? atoi(argv[3]) : 2;
    int rc = hs_ranks_size(r) == 1 && !getenv("BENCH_FLIGHT_NO_MALI") ? bench_mali() : 0;
    if (rc == 0) rc = bench_generated(r, people, days, threads);
    hs_ranks_stop(r);
    return rc;
}
