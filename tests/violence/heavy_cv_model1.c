/*
** heavy_cv_model1.c - Epstein's Model I results over many seeds, with stated
** tolerances. Each test prints what it measured (ctest --output-on-failure
** or running the program shows the figures).
**
**   punctuated equilibrium  run 2 (floor): 30 seeds x 1000 steps
**   continuous rule         the same with rounding none (and round, reported)
**   salami tactics          gradual vs sudden loss of legitimacy, 40 paired seeds
**   tipping point           constant cop densities 0 .. 0.04, 20 seeds each
**
** Every seed's run is byte-for-byte reproducible, so these tests are not
** flaky: the tolerances guard against model changes, not against chance.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/violence.h>

#define SEEDS_PE 30
#define SEEDS_SALAMI 40
#define SEEDS_TIP 20

static hs_cv_params run2(void)
{
    hs_cv_params p;
    hs_cv_params_default(&p, 1); /* NetLogo's defaults = Epstein's run 2 */
    return p;
}

/* The spread of statistic k over n seeds' statistics. */
static hs_cv_spread spread(const hs_cv_stats *st, long n, int k)
{
    hs_cv_spread sp;
    hs_error e;
    if (hs_cv_spread_of(st, n, k, &sp, &e) != HS_OK) fail_msg("%s", e.message);
    return sp;
}

static hs_cv_stats *ensemble(const hs_cv_params *p, long n)
{
    hs_cv_stats *st = calloc((size_t)n, sizeof *st);
    hs_error e;
    assert_non_null(st);
    if (hs_cv_ensemble(p, 1, n, 0, st, NULL, NULL, NULL, NULL, NULL, &e) != HS_OK)
        fail_msg("%s", e.message);
    return st;
}

static void report(const char *label, const hs_cv_stats *st, long n)
{
    static const int show[] = {0, 1, 4, 5, 6, 7};
    printf("  %-14s", label);
    for (size_t i = 0; i < sizeof show / sizeof *show; i++) {
        hs_cv_spread sp = spread(st, n, show[i]);
        printf("  %s %.3g+/-%.2g", hs_cv_stats_name(show[i]), sp.mean, sp.sd);
    }
    printf("\n");
}

/* Punctuated equilibrium with the floor rule; with the printed continuous
** C/A it disappears. Tolerances: floor - every seed has >= 5 outbursts in 1000
** steps, mean >= 10, mean calm share >= 0.6 (long calm spells); none - at most
** a tenth of floor's outbursts (measured: none at all). */
static void punctuated_equilibrium_needs_the_floor(void **state)
{
    (void)state;
    hs_cv_params p = run2();
    hs_cv_stats *fl = calloc(SEEDS_PE, sizeof *fl);
    hs_cv_outburst *ob[SEEDS_PE];
    long nob[SEEDS_PE];
    hs_error e;
    assert_non_null(fl);
    if (hs_cv_ensemble(&p, 1, SEEDS_PE, 0, fl, NULL, ob, nob, NULL, NULL, &e) != HS_OK)
        fail_msg("%s", e.message);
    hs_cv_spread waits;
    if (hs_cv_pooled_waits(ob, nob, SEEDS_PE, &waits, &e) != HS_OK) fail_msg("%s", e.message);
    for (int i = 0; i < SEEDS_PE; i++)
        free(ob[i]);
    p.rounding = HS_CV_ROUND;
    hs_cv_stats *ro = ensemble(&p, SEEDS_PE);
    p.rounding = HS_CV_NONE;
    hs_cv_stats *no = ensemble(&p, SEEDS_PE);
    printf("punctuated equilibrium, run 2, %d seeds x 1000 steps (outburst: > 50 actives):\n",
           SEEDS_PE);
    report("floor", fl, SEEDS_PE);
    report("round", ro, SEEDS_PE);
    report("none", no, SEEDS_PE);
    printf("  floor: waits between outbursts pooled over seeds (%ld waits): %.1f +/- %.1f steps, "
           "median %.0f, range %.0f-%.0f (Epstein: ~60 +/- 55)\n",
           waits.n, waits.mean, waits.sd, waits.median, waits.min, waits.max);

    long fl_total = 0, no_total = 0;
    for (int i = 0; i < SEEDS_PE; i++) {
        assert_true(fl[i].outbursts >= 5);
        fl_total += fl[i].outbursts;
        no_total += no[i].outbursts;
    }
    hs_cv_spread calm = spread(fl, SEEDS_PE, 5);
    assert_true((double)fl_total / SEEDS_PE >= 10);
    assert_true(calm.mean >= 0.6);
    assert_true(no_total * 10 <= fl_total);
    free(fl);
    free(ro);
    free(no);
}

/* Salami tactics. Legitimacy 0.9 falls to 0.2, linearly over steps 77-147
** (Epstein's run 3) or all at step 77. Tolerance: the gradual fall's peak is
** lower in at least 90% of paired seeds, and its mean peak at most 0.7 of the
** sudden one's. Epstein's own pair (run 3 against run 4: a sudden fall only to
** 0.7) is reported. */
static void salami_tactics_give_smaller_peaks(void **state)
{
    (void)state;
    hs_cv_params p = run2();
    p.legitimacy = 0.9;
    p.steps = 300;
    p.nchanges = 1;
    p.changes[0] = (hs_cv_change){HS_CV_P_LEGITIMACY, 77, 147, 0.2};
    hs_cv_stats *gradual = ensemble(&p, SEEDS_SALAMI);
    p.changes[0] = (hs_cv_change){HS_CV_P_LEGITIMACY, 77, 77, 0.2};
    hs_cv_stats *sudden = ensemble(&p, SEEDS_SALAMI);
    p.changes[0] = (hs_cv_change){HS_CV_P_LEGITIMACY, 77, 77, 0.7};
    hs_cv_stats *run4 = ensemble(&p, SEEDS_SALAMI);
    int lower = 0, lower4 = 0;
    for (int i = 0; i < SEEDS_SALAMI; i++) {
        lower += gradual[i].max_active < sudden[i].max_active;
        lower4 += gradual[i].max_active < run4[i].max_active;
    }
    hs_cv_spread g = spread(gradual, SEEDS_SALAMI, 2), s = spread(sudden, SEEDS_SALAMI, 2),
                 r4 = spread(run4, SEEDS_SALAMI, 2);
    printf("salami tactics, L 0.9 from step 77, %d paired seeds, peak actives:\n", SEEDS_SALAMI);
    printf("  gradual to 0.2 by 147 (run 3): %.1f +/- %.1f\n", g.mean, g.sd);
    printf("  sudden to 0.2 at 77:           %.1f +/- %.1f  (gradual lower in %d/%d seeds)\n",
           s.mean, s.sd, lower, SEEDS_SALAMI);
    printf("  sudden to 0.7 at 77 (run 4):   %.1f +/- %.1f  (run 3 lower in %d/%d seeds)\n",
           r4.mean, r4.sd, lower4, SEEDS_SALAMI);
    assert_true(lower * 10 >= 9 * SEEDS_SALAMI);
    assert_true(g.mean <= 0.7 * s.mean);
    free(gradual);
    free(sudden);
    free(run4);
}

/* Tipping under cop reduction: constant cop densities, run 2 otherwise,
** statistics over steps 300-600. The tipping density is where the mean share
** of calm steps crosses 0.5 (linear interpolation between sweep points).
** Tolerances: calm share >= 0.6 at 0.04 and <= 0.05 at 0.01; the crossing lies
** in [0.015, 0.035]; and the fall is sharp: from >= 0.5 to <= 0.2 within a
** density step of 0.01 or less. */
static void cop_reduction_tips_into_rebellion(void **state)
{
    (void)state;
    static const double dens[] = {0.0, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04};
    const int nd = (int)(sizeof dens / sizeof *dens);
    double calm[8], active[8];
    hs_cv_params p = run2();
    p.steps = 600;
    p.burn_in = 300;
    printf("tipping point: cop density sweep, L 0.82, %d seeds, steps 300-600:\n", SEEDS_TIP);
    for (int i = 0; i < nd; i++) {
        p.cop_density = dens[i];
        hs_cv_stats *st = ensemble(&p, SEEDS_TIP);
        hs_cv_spread c = spread(st, SEEDS_TIP, 5), a = spread(st, SEEDS_TIP, 6);
        calm[i] = c.mean;
        active[i] = a.mean;
        printf("  cops %.3f: calm share %.3f +/- %.3f, mean actives %.1f +/- %.1f (of 1120)\n",
               dens[i], c.mean, c.sd, a.mean, a.sd);
        free(st);
    }
    double tip = NAN;
    for (int i = nd - 1; i > 0; i--)
        if (calm[i] >= 0.5 && calm[i - 1] < 0.5) {
            tip = dens[i - 1] +
                  (0.5 - calm[i - 1]) / (calm[i] - calm[i - 1]) * (dens[i] - dens[i - 1]);
            break;
        }
    printf("  tipping density (calm share crosses 0.5): %.4f\n", tip);
    assert_true(calm[nd - 1] >= 0.6);
    assert_true(calm[1] <= 0.05);
    assert_true(active[0] > active[nd - 1] * 5);
    assert_false(isnan(tip));
    assert_true(tip >= 0.015 && tip <= 0.035);
    int sharp = 0;
    for (int i = 0; i < nd; i++)
        for (int j = 0; j < i; j++)
            if (dens[i] - dens[j] <= 0.01 + 1e-12 && calm[i] >= 0.5 && calm[j] <= 0.2) sharp = 1;
    assert_true(sharp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(punctuated_equilibrium_needs_the_floor),
        cmocka_unit_test(salami_tactics_give_smaller_peaks),
        cmocka_unit_test(cop_reduction_tips_into_rebellion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
