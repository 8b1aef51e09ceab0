/*
** bench_world.c - throughput of the human security world (a benchmark, not
** a test: it prints, it does not judge). The embedded default scaled to
** about 1 million people (every location's people and every camp's capacity
** multiplied alike), every mechanism on, 365 days, on 2 threads, with donors
** and states at war (issue 11): Norland follows the mixed doctrine, and Drava
** and Arland see no worth in the status quo and no misperception, so the rational
** war decision (M11) takes Drava to war on Arland once its build-up tips the
** balance. The goal is 30 million agent-days per second or more (issues 10 and
** 11); the state per person, the days at war and the aid spent are reported.
** Under mpirun (the MPI build) the people are spread over the ranks (issue
** 16): it then also prints the sums over ranks a day and the time in them.
** Usage: [mpirun -np R] bench_world [PEOPLE [DAYS [THREADS]]]  (defaults 1000000 365 2)
*/
#include <humsec/ranks.h>
#include <humsec/world.h>
#include <math.h>
#include <stdio.h>
#include "bench_util.h"
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int report(const hs_error *err)
{
    char buf[1024];
    hs_error_format(err, buf, sizeof buf);
    fprintf(stderr, "bench_world: %s\n", buf);
    return 1;
}

int main(int argc, char **argv)
{
    long people = argc > 1 ? atol(argv[1]) : 1000000;
    long days = argc > 2 ? atol(argv[2]) : 365;
    int threads = argc > 3 ? atoi(argv[3]) : 2;
    bench_passive_waits(argv);
    hs_world_scenario *sc;
    hs_error err;
    hs_ranks *r = NULL;
    if (hs_ranks_start(&r, &argc, &argv, &err) != HS_OK) return report(&err);
    /* Rank 0 speaks for the run. */
    if (hs_ranks_rank(r) != 0 && !freopen("/dev/null", "w", stdout)) return 1;
    int nranks = hs_ranks_size(r);
    if (hs_world_scenario_default(&sc, &err) != HS_OK) return report(&err);
    double total = 0;
    for (int l = 0; l < sc->geo.nloc; l++)
        total += sc->people[l];
    double f = (double)people / total;
    for (int l = 0; l < sc->geo.nloc; l++) {
        sc->people[l] = floor(sc->people[l] * f);
        sc->capacity[l] = floor(sc->capacity[l] * f);
    }
    for (int k = 0; k < sc->nevents; k++)
        if (sc->events[k].type == HS_EV_EPIDEMIC) sc->events[k].intensity *= f;
    for (int m = 0; m < HS_MECH_COUNT; m++)
        sc->params.on[m] = 1;
    hs_world_scenario_set_doctrine(sc, HS_DOCTRINE_MIXED);
    sc->params.m11_status_quo = 0.0;
    sc->params.m11_misperception = 0.0;
    double t0 = now();
    hs_world_sim *sim;
    if (hs_world_sim_create_ranks(&sim, sc, 1, r, &err) != HS_OK) return report(&err);
    hs_world_sim_set_threads(sim, threads);
    hs_ranks_barrier(r);
    double t1 = now();
    if (hs_world_sim_run(sim, days, NULL, NULL, &err) != HS_OK) return report(&err);
    hs_ranks_barrier(r);
    double t2 = now();
    double ad = hs_world_sim_agent_days(sim);
    const hs_world_record *a = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, 0, days - 1);
    printf("human security world: %ld people, %d locations, %ld days, %d rank(s) x %d thread(s), "
           "every mechanism on\n",
           hs_world_sim_initial_people(sim), sc->geo.nloc, days, nranks, threads);
    printf(
        "  set-up %.2f s, run %.2f s: %.1f million agent-days per second (goal: 30 on 2 threads)\n",
        t1 - t0, t2 - t1, ad / (t2 - t1) / 1e6);
    printf("  state per person: %zu bytes (this model's and the flight process's)\n",
           hs_world_sim_person_bytes(sim));
    printf("  Arland on the last day: %ld displaced, %ld refugees, %ld in camps, %ld dead\n",
           a->people[HS_PS_DISPLACED], a->people[HS_PS_REFUGEE], a->people[HS_PS_CAMP],
           a->people[HS_PS_DEAD]);
    long war_days = 0;
    for (long d = 0; d < days; d++)
        war_days += hs_world_sim_record(sim, HS_SCOPE_NATIONALS, 0, d)->at_war > 0.5;
    hs_world_donor_money money;
    double spent = 0;
    for (int k = 0; hs_world_sim_donor_money(sim, k, &money) == 0; k++)
        spent += money.spent;
    printf("  Arland at war %ld of %ld days; donors (%s doctrine) spent %.1f days of the region's "
           "development spending\n",
           war_days, days, hs_doctrine_name(HS_DOCTRINE_MIXED), spent);
    if (nranks > 1) {
        long sums;
        double bytes, in_sums;
        hs_ranks_traffic(r, &sums, &bytes, &in_sums);
        printf("  communication: %.1f sums over ranks a day, %.1f kB each; %.4f s a day in them "
               "on rank 0 (transfer and waiting for the slower rank), %.1f%% of the day\n",
               (double)sums / (double)days, sums ? bytes / (double)sums / 1e3 : 0.0,
               in_sums / (double)days, 100.0 * in_sums / (t2 - t1));
    }
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
    hs_ranks_stop(r);
    return 0;
}
