/*
** test_relations.c - the analytic anchors between states (relations.h;
** ../shared/reference/international.md):
**  - two isolated rivals stepped day by day reach Richardson's equilibrium
**    x* = (a h + n g)/(m n - a b) when m n > a b, and race away when m n < a b;
**  - the war decision flips exactly where p V - c = V_sq as one term varies,
**    allies raise the defender's chance and the attacker's cost, trade raises the
**    status quo's value, and misperception is noise on the log-odds.
*/
#include "testutil.h"

#include <math.h>
#include <humsec/relations.h>

/* Days of the race from (x0, y0); returns the stocks. */
static void race(double a, double b, double m, double n, double g, double h, long days, double *x,
                 double *y)
{
    double react[4] = {0, a, b, 0}, fatigue[2] = {m, n}, griev[2] = {g, h}, s[2] = {*x, *y}, t[2];
    for (long d = 0; d < days; d++)
        hs_arms_step(2, react, fatigue, griev, s, t);
    *x = s[0];
    *y = s[1];
}

static void rivals_reach_richardsons_equilibrium(void **state)
{
    (void)state;
    /* Daily rates of the order the world uses (a year's fatigue, a weaker reaction). */
    static const double cases[][6] = {
        {0.001, 0.0015, 0.003, 0.002, 0.01, 0.02},
        {0.001, 0.001, 0.0025, 0.0025, 0.0, 0.05},
        {0.0005, 0.002, 0.003, 0.004, 0.03, 0.0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const double *c = cases[k];
        double xs, ys;
        assert_int_equal(hs_arms_equilibrium2(c[0], c[1], c[2], c[3], c[4], c[5], &xs, &ys), 1);
        /* From far below and far above, 50 years of days: the slower eigenvalue,
        ** (m + n)/2 - sqrt((m - n)^2/4 + a b), is at least 0.0011 a day here, so the
        ** distance left is below e^-20 of the start. */
        for (int from = 0; from < 2; from++) {
            double x = from ? 3.0 * xs : 0.0, y = from ? 3.0 * ys : 0.0;
            race(c[0], c[1], c[2], c[3], c[4], c[5], 50 * 365, &x, &y);
            print_message("case %zu from %s: (%.6g, %.6g) against x* = (%.6g, %.6g)\n", k,
                          from ? "above" : "zero", x, y, xs, ys);
            /* Stated tolerance: 1e-6 of the equilibrium. */
            assert_true(fabs(x - xs) < 1e-6 * xs);
            assert_true(fabs(y - ys) < 1e-6 * ys);
        }
    }
}

static void rivals_race_away_when_reaction_beats_fatigue(void **state)
{
    (void)state;
    double a = 0.003, b = 0.003, m = 0.002, n = 0.002, xs, ys;
    assert_int_equal(hs_arms_equilibrium2(a, b, m, n, 0.01, 0.01, &xs, &ys), 0);
    double x = 1.0, y = 1.0;
    race(a, b, m, n, 0.01, 0.01, 20 * 365, &x, &y);
    print_message("m n < a b: after 20 years (%.4g, %.4g)\n", x, y);
    /* Growth at the rate of the positive eigenvalue sqrt(a b) - (m + n)/2 = 0.001 a day. */
    assert_true(x > 1000.0 && y > 1000.0);
    /* On the boundary there is no fixed point. */
    assert_int_equal(hs_arms_equilibrium2(0.002, 0.002, 0.002, 0.002, 1, 1, &xs, &ys), 0);
    assert_true(isnan(xs) && isnan(ys));
}

static void the_war_decision_flips_where_the_inequality_does(void **state)
{
    (void)state;
    double own = 3.0, enemy = 2.0, allies = 1.0, theta = 1.2;
    double p = hs_war_p_win(own, enemy, allies, theta);
    assert_true(fabs(p - 3.6 / 6.6) < 1e-15);
    double c = hs_war_cost(0.1, 0.3, 0.5, own, enemy, allies);
    assert_true(fabs(c - (0.1 + 0.2 + 0.5 / 3.0)) < 1e-15);
    double sq = hs_war_status_quo(0.2, 0.5, 0.4);
    assert_true(fabs(sq - 0.4) < 1e-15);
    /* Vary the value of winning: the margin's zero is V* = (c + V_sq) / p. */
    double vstar = (c + sq) / p;
    assert_true(hs_war_margin(p, vstar * (1 + 1e-12), c, sq) > 0.0);
    assert_true(hs_war_margin(p, vstar * (1 - 1e-12), c, sq) < 0.0);
    /* Vary the status quo (trade): the zero is V_sq* = p V - c. */
    double v = 2.0, sqstar = p * v - c;
    assert_true(hs_war_margin(p, v, c, sqstar - 1e-12) > 0.0);
    assert_true(hs_war_margin(p, v, c, sqstar + 1e-12) < 0.0);
    /* Trade: the status quo is worth more, so the margin falls with it. */
    assert_true(hs_war_status_quo(0.2, 0.5, 0.8) > hs_war_status_quo(0.2, 0.5, 0.1));
    /* Collective security: the defender's allies lower the chance and raise the cost. */
    assert_true(hs_war_p_win(own, enemy, 2.0, theta) < hs_war_p_win(own, enemy, 0.0, theta));
    assert_true(hs_war_cost(0.1, 0.3, 0.5, own, enemy, 2.0) >
                hs_war_cost(0.1, 0.3, 0.5, own, enemy, 0.0));
    /* Offence dominance raises the attacker's chance. */
    assert_true(hs_war_p_win(own, enemy, allies, 2.0) > hs_war_p_win(own, enemy, allies, 1.0));
    /* No strength, no chance and no affordable war. */
    assert_true(hs_war_p_win(0.0, enemy, allies, theta) == 0.0);
    assert_true(isinf(hs_war_cost(0.1, 0.3, 0.5, 0.0, enemy, allies)));
}

static void misperception_is_noise_on_the_log_odds(void **state)
{
    (void)state;
    assert_true(hs_war_perceive(0.3, 0.5, 0.0) == 0.3 ||
                fabs(hs_war_perceive(0.3, 0.5, 0.0) - 0.3) < 1e-15);
    assert_true(hs_war_perceive(0.3, 0.5, 1.0) > 0.3);
    assert_true(hs_war_perceive(0.3, 0.5, -1.0) < 0.3);
    assert_true(hs_war_perceive(0.0, 0.5, 3.0) == 0.0);
    assert_true(hs_war_perceive(1.0, 0.5, -3.0) == 1.0);
    /* logit of the perceived chance moves by sigma z exactly. */
    double q = hs_war_perceive(0.6, 0.4, 1.5);
    assert_true(fabs(log(q / (1 - q)) - (log(1.5) + 0.6)) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rivals_reach_richardsons_equilibrium),
        cmocka_unit_test(rivals_race_away_when_reaction_beats_fatigue),
        cmocka_unit_test(the_war_decision_flips_where_the_inequality_does),
        cmocka_unit_test(misperception_is_noise_on_the_log_odds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
