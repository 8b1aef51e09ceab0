/*
** war.c - the rational actor's war decision (M11; relations.h): the chance
** of winning, the cost of war, the value of the status quo, the decision's
** margin, and misperception as noise on the log-odds of winning.
*/
#include <math.h>
#include <humsec/relations.h>

double hs_war_p_win(double own, double enemy, double enemy_allies, double offence_defence)
{
    double a = offence_defence * own, d = enemy + enemy_allies;
    if (!(a > 0.0)) return 0.0;
    return a / (a + (d > 0.0 ? d : 0.0));
}

double hs_war_cost(double base, double defence, double punishment, double own, double enemy,
                   double enemy_allies)
{
    if (!(own > 0.0)) return INFINITY;
    return base + defence * enemy / own + punishment * enemy_allies / own;
}

double hs_war_status_quo(double base, double trade_weight, double trade)
{
    return base + trade_weight * trade;
}

double hs_war_margin(double p, double value, double cost, double status_quo)
{
    return p * value - cost - status_quo;
}

double hs_war_perceive(double p, double sigma, double z)
{
    if (!(p > 0.0)) return 0.0;
    if (!(p < 1.0)) return 1.0;
    double t = log(p / (1.0 - p)) + sigma * z;
    return 1.0 / (1.0 + exp(-t));
}
