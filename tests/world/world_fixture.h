/*
** world_fixture.h - what the human-security world tests share: scenarios
** loaded or failed with the library's message, runs to a given day, and the
** sums a test compares between runs.
*/
#ifndef HUMSEC_TEST_WORLD_FIXTURE_H
#define HUMSEC_TEST_WORLD_FIXTURE_H

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <jansson.h>
#include <humsec/world.h>

static inline void world_fail(const hs_error *err, const char *what)
{
    char buf[2048];
    hs_error_format(err, buf, sizeof buf);
    fail_msg("%s: %s", what, buf);
}

static inline hs_world_scenario *world_default(void)
{
    hs_world_scenario *sc;
    hs_error err;
    if (hs_world_scenario_default(&sc, &err) != HS_OK) world_fail(&err, "default scenario");
    return sc;
}

/* The default at a tenth of its people (and camp capacities): the same
** story, small enough for the sanitizer build. */
static inline hs_world_scenario *world_small(void)
{
    hs_world_scenario *sc = world_default();
    for (int l = 0; l < sc->geo.nloc; l++) {
        sc->people[l] = floor(sc->people[l] / 10.0);
        sc->capacity[l] = floor(sc->capacity[l] / 10.0);
    }
    return sc;
}

/* Run sc with seed for days days on threads threads (0: OpenMP's default). */
static inline hs_world_sim *world_run(const hs_world_scenario *sc, uint64_t seed, long days,
                                      int threads)
{
    hs_world_sim *sim;
    hs_error err;
    if (hs_world_sim_create(&sim, sc, seed, &err) != HS_OK) world_fail(&err, "create");
    hs_world_sim_set_threads(sim, threads);
    if (hs_world_sim_run(sim, days, NULL, NULL, &err) != HS_OK) world_fail(&err, "run");
    return sim;
}

/* Mean over days [from, to) of a state-level series picked by get. */
static inline double world_mean(const hs_world_sim *sim, hs_world_scope scope, int unit, long from,
                                long to, double (*get)(const hs_world_record *))
{
    double s = 0.0;
    for (long d = from; d < to; d++)
        s += get(hs_world_sim_record(sim, scope, unit, d));
    return s / (double)(to - from);
}

/* Total deaths of every cause, all states' nationals, over the run. */
static inline long world_deaths(const hs_world_sim *sim, int nstates, int cause)
{
    long n = 0;
    for (long d = 0; d < hs_world_sim_days(sim); d++)
        for (int s = 0; s < nstates; s++)
            n += hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d)->deaths[cause];
    return n;
}

/* A donor's money in summary.json's "donors" object: accrued, spent and balance, printed,
** each sound (spent within what accrued, accrued = spent + balance); returns spent. */
static inline double world_donor_money(json_t *donors, const char *name)
{
    json_t *jd = json_object_get(donors, name);
    assert_non_null(jd);
    double acc = json_real_value(json_object_get(jd, "accrued"));
    double spent = json_real_value(json_object_get(jd, "spent"));
    double bal = json_real_value(json_object_get(jd, "balance"));
    print_message("%s: accrued %.6g, spent %.6g, balance %.6g\n", name, acc, spent, bal);
    assert_true(acc > 0.0 && spent > 0.0 && bal >= 0.0);
    assert_true(spent <= acc * (1 + 1e-12));
    assert_true(fabs(acc - spent - bal) <= 1e-9 * acc);
    return spent;
}

#endif
