/*
** world_paired.h - paired runs for claims about mechanisms and policies: the
** same scenario with a change and without it, over SEEDS seeds with common
** random numbers (the same seed gives both arms the same draws), and an
** outcome measured on each. A claim holds when the mean paired difference is
** beyond SIGMAS standard errors of that mean in the stated direction
** (one-sided). With 8 seeds the standard error is itself estimated from 8
** pairs, so the mean over its standard error follows Student's t with 7
** degrees of freedom: a claim with no true effect passes by luck with a chance
** of about 1% (P(t_7 > 3) = 0.0100), not the 0.13% of the normal
** distribution. Effects that must be exactly absent are tested for equality.
** Runs are on the default at a tenth of its people (world_small).
*/
#ifndef HUMSEC_TEST_WORLD_PAIRED_H
#define HUMSEC_TEST_WORLD_PAIRED_H

#include <stdlib.h>
#include <string.h>
#include "world_fixture.h"

#define SEEDS 8
#define SIGMAS 3.0
#define SAME 0.01

enum { ARLAND = 0, BERIA = 1, COSRA = 2, DRAVA = 3 };

typedef void (*mutate_fn)(hs_world_scenario *sc);
typedef double (*outcome_fn)(const hs_world_sim *sim);

/* A claim: outcome(on) - outcome(off) has sign +1 or -1 beyond SIGMAS
** standard errors, or (sign 0) is exactly 0 in every pair, or (sign 2) its
** mean is within SAME of 0 (the two runs are comparable). */
typedef struct claim {
    const char *text;
    outcome_fn out;
    int sign;
} claim;

#define MAXCLAIMS 4

/* Run SEEDS pairs of (on, off) for days days and check every claim on them: on the
** default at a tenth of its people, or (full) at full size, for outcomes too rare at a
** tenth. */
static void check_at(int full, mutate_fn on, mutate_fn off, long days, const claim *c, int n)
{
    double v[MAXCLAIMS][SEEDS][2];
    for (int k = 0; k < SEEDS; k++)
        for (int which = 0; which < 2; which++) {
            hs_world_scenario *sc = full ? world_default() : world_small();
            (which == 0 ? on : off)(sc);
            hs_world_sim *sim = world_run(sc, (uint64_t)k + 1, days, 0);
            for (int j = 0; j < n; j++)
                v[j][k][which] = c[j].out(sim);
            hs_world_sim_free(sim);
            hs_world_scenario_free(sc);
        }
    for (int j = 0; j < n; j++) {
        double m = 0, s = 0, a = 0, b = 0;
        for (int k = 0; k < SEEDS; k++) {
            m += v[j][k][0] - v[j][k][1];
            a += v[j][k][0];
            b += v[j][k][1];
        }
        m /= SEEDS;
        for (int k = 0; k < SEEDS; k++) {
            double d = v[j][k][0] - v[j][k][1] - m;
            s += d * d;
        }
        double se = sqrt(s / (SEEDS - 1) / SEEDS);
        print_message("%s: %.5g vs %.5g, difference %+.4g (se %.2g)\n", c[j].text, a / SEEDS,
                      b / SEEDS, m, se);
        if (c[j].sign == 2) {
            if (!(fabs(m) < SAME))
                fail_msg("%s: difference %+.4g is not within %g", c[j].text, m, SAME);
        } else if (c[j].sign == 0) {
            for (int k = 0; k < SEEDS; k++)
                if (v[j][k][0] != v[j][k][1])
                    fail_msg("%s: seed %d gives %.6g and %.6g", c[j].text, k + 1, v[j][k][0],
                             v[j][k][1]);
        } else if (!(c[j].sign * m > SIGMAS * se) || m == 0.0) {
            fail_msg("%s: difference %+.4g is not %s %.1f standard errors (%.2g)", c[j].text, m,
                     c[j].sign > 0 ? "above" : "below", SIGMAS, se);
        }
    }
}

static void check(mutate_fn on, mutate_fn off, long days, const claim *c, int n)
{
    check_at(0, on, off, days, c, n);
}

#define CHECK_FULL(on, off, days, ...)                                                             \
    do {                                                                                           \
        const claim c_[] = {__VA_ARGS__};                                                          \
        check_at(1, on, off, days, c_, (int)(sizeof c_ / sizeof *c_));                             \
    } while (0)
#define CHECK(on, off, days, ...)                                                                  \
    do {                                                                                           \
        const claim c_[] = {__VA_ARGS__};                                                          \
        check(on, off, days, c_, (int)(sizeof c_ / sizeof *c_));                                   \
    } while (0)

#endif
