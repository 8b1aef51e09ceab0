/*
** bench_flee_ratio.c - humsec beside Flee on the three cases whose Flee times
** were measured on this project's machine (issue 17): FabFlee's validation
** settings (simsetting_validation.yml), seed 1, one thread, at the hasten of
** Flee's measurement:
**   mali2012    hasten 1    Flee about 97 s
**   ssudan2013  hasten 10   Flee 53.5 s
**   syria2013   hasten 10   Flee 386 s
** The time is the run only (hs_flight_sim_create + hs_flight_sim_run), as
** issue 17's table measured it; reading the case is printed apart. Best of
** REPEATS runs (the machine is shared; the best is the least disturbed). The
** goal of issue 17 is 1,000 times Flee on each. A benchmark, not a test: it
** prints, it does not judge. Needs ../shared/validation/flee (HUMSEC_SHARED
** names another root); a missing case is reported and skipped.
** Usage: bench_flee_ratio [REPEATS [CASE]]  (default 5, every case)
*/
#include <humsec/clock.h>
#include <humsec/flight.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "bench_util.h"

typedef struct flee_time {
    const char *name;
    int hasten;
    double flee_seconds;
} flee_time;

static const flee_time cases[] = {
    {"mali2012", 1, 97.0},
    {"ssudan2013", 10, 53.5},
    {"syria2013", 10, 386.0},
};

static int report(const hs_error *err)
{
    char buf[1024];
    hs_error_format(err, buf, sizeof buf);
    fprintf(stderr, "bench_flee_ratio: %s\n", buf);
    return 1;
}

static int bench_case(const char *root, const flee_time *ft, int repeats)
{
    char dir[2048], settings[2100];
    snprintf(dir, sizeof dir, "%s/validation/flee/%s", root, ft->name);
    snprintf(settings, sizeof settings, "%s/simsetting_validation.yml", dir);
    struct stat st;
    if (stat(dir, &st) != 0) {
        printf("%-11s skipped (%s not present)\n", ft->name, dir);
        return 0;
    }
    hs_flight_settings s;
    hs_flight_case c;
    hs_error err;
    hs_flight_settings_default(&s);
    double t0 = hs_clock_seconds();
    if (hs_flight_settings_load(&s, settings, &err)) return report(&err);
    s.hasten = ft->hasten;
    if (hs_flight_case_load(&c, dir, NULL, &s, &err)) return report(&err);
    double load = hs_clock_seconds() - t0;
    double best = 1e30, agent_days = 0, ard = 0, ardr = 0;
    for (int rep = 0; rep < repeats; rep++) {
        hs_flight_sim *sim;
        double t1 = hs_clock_seconds();
        if (hs_flight_sim_create(&sim, &c, &s, 1, &err)) return report(&err);
        hs_flight_sim_set_threads(sim, 1);
        if (hs_flight_sim_run(sim, -1, NULL, NULL, &err)) return report(&err);
        double t = hs_clock_seconds() - t1;
        if (t < best) best = t;
        agent_days = hs_flight_sim_agent_days(sim);
        hs_flight_sim_ard(sim, &ard, &ardr);
        hs_flight_sim_free(sim);
    }
    printf("%-11s hasten %2d %5ld days %13.0f agent-days  run %7.4f s (read %.2f s)  "
           "Flee %5.1f s  ratio %6.0fx (goal 1000x)  ARD %.4f\n",
           ft->name, ft->hasten, c.days, agent_days, best, load, ft->flee_seconds,
           ft->flee_seconds / best, ard);
    hs_flight_case_free(&c);
    return 0;
}

int main(int argc, char **argv)
{
    bench_passive_waits(argv);
    int repeats = argc > 1 ? atoi(argv[1]) : 5;
    if (repeats < 1) repeats = 1;
    const char *root = getenv("HUMSEC_SHARED") ? getenv("HUMSEC_SHARED") : "../shared";
    printf("humsec beside Flee: seed 1, one thread, best of %d runs (run time only)\n", repeats);
    const char *only = argc > 2 ? argv[2] : NULL;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        if ((!only || strcmp(only, cases[k].name) == 0) && bench_case(root, &cases[k], repeats))
            return 1;
    return 0;
}
