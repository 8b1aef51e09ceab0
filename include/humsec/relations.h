/*
** relations.h - between states (world-model.md M10, M11;
** ../shared/reference/international.md): the two analytic anchors the human
** security world's states are held to, as pure functions.
**
**   M10  Richardson's arms race (Arms and Insecurity, 1960): for stocks x_i,
**        dx_i/dt = sum_j a_ij x_j - m_i x_i + g_i (a: reaction to a rival,
**        m: fatigue or cost, g: grievance). hs_arms_step takes one day of it
**        (Euler, from yesterday's stocks: the fixed point is the continuous
**        one, and for daily rates well below 1 so is stability); for two
**        rivals hs_arms_equilibrium2 gives x* = (a h + n g)/(m n - a b),
**        y* = (b g + m h)/(m n - a b), stable if and only if m n > a b.
**   M11  the rational actor's war decision (Fearon, "Rationalist explanations
**        for war", International Organization 49(3), 1995): i attacks j when
**        p V - c > V_sq. p, the chance of winning, is a contest of strengths
**        with an offence-defence parameter theta and the defender's allies
**        counted (collective security): p = theta x_i / (theta x_i + x_j +
**        allies_j); the cost c is raised by defence (the defender's strength
**        against the attacker's) and by deterrence by punishment (the
**        defender's allies' strength against the attacker's); the value of
**        the status quo V_sq is raised by trade. With complete information
**        war is never chosen when a bargain exists, so humsec's wars come
**        from misperception: the attacker sees p through noise on its
**        log-odds (hs_war_perceive), a choice stated in docs/odd/world.md.
** No state, no allocation: every function here is pure and thread-safe.
*/
#ifndef HUMSEC_RELATIONS_H
#define HUMSEC_RELATIONS_H

#pragma GCC visibility push(default)

/* One day of Richardson's race among n states: stock[i] += sum_j react[i n + j]
** stock[j] - fatigue[i] stock[i] + grievance[i], every term from the stocks
** before the step. scratch holds n doubles (the caller's). */
void hs_arms_step(int n, const double *react, const double *fatigue, const double *grievance,
                  double *stock, double *scratch);

/* Two rivals (a: x's reaction to y, b: y's to x; m, n: fatigue; g, h: grievance).
** Writes the fixed point (NAN when m n = a b) and returns 1 when it is stable
** (m n > a b, with a, b, m, n >= 0), else 0: the race runs away. */
int hs_arms_equilibrium2(double a, double b, double m, double n, double g, double h, double *x,
                         double *y);

/* p = theta own / (theta own + enemy + enemy_allies), in [0, 1]; 0 when own is 0. */
double hs_war_p_win(double own, double enemy, double enemy_allies, double offence_defence);

/* c = base + defence x enemy / own + punishment x enemy_allies / own (infinite when own is 0). */
double hs_war_cost(double base, double defence, double punishment, double own, double enemy,
                   double enemy_allies);

/* The status quo's value: base + trade_weight x trade (trade in [0, 1]: the share of the
** attacker's trade that is with the defender). */
double hs_war_status_quo(double base, double trade_weight, double trade);

/* p V - c - V_sq: war is chosen when it is above 0. */
double hs_war_margin(double p, double value, double cost, double status_quo);

/* The chance of winning as a state misperceives it: logit^-1(logit p + sigma z), z a
** standard normal number (0 and 1 stay 0 and 1). */
double hs_war_perceive(double p, double sigma, double z);

#pragma GCC visibility pop

#endif
