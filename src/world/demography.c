/*
** demography.c - ages, births and deaths from natural causes, per state
** (docs/odd/world.md, "Demography").
**
** Mortality: a Siler hazard (infant, constant and senescent parts),
**     mu(a) = k (A1 exp(-B1 a) + C + A2 exp(B2 a)),  a in years,
** with a fixed shape (A1, B1, C, A2 below; B2 the Gompertz slope) and the
** scale k solved for each state so that life expectancy at birth is the
** state's (from its data, else the scenario's). The hazard is taken constant
** within each year of age, so survival and remaining life have closed forms.
**
** Why a death day is drawn instead of a daily chance: the hazard depends on
** age alone, so the day of death can be drawn once (when a person is created,
** conditional on the age they have then) by inverting the cumulative hazard;
** that is exact in distribution, costs nothing per day and needs no draw for
** people whom nothing else threatens.
**
** Age structure: the stable population of the state's mortality and birth
** rate (Lotka): the growth r solves b = 1 / sum_y exp(-r (y + 1/2)) L_y, L_y
** the years lived in year of age y per birth, and the share aged y is
** b exp(-r (y + 1/2)) L_y. Births: women aged 15-49 living at home have
** children at the rate that gives the state's crude birth rate in that
** population (the same at every age from 15 to 49: a modelling choice).
*/
#include <math.h>
#include <stdlib.h>
#include "world/world_internal.h"

/* The shape of the hazard (a modelling choice, of the order of a
** high-mortality life table: a steep infant fall, a small adult floor). */
#define SILER_A1 0.08
#define SILER_B1 2.0
#define SILER_C 0.002
#define SILER_A2 0.00005

/* Hazard per year over year of age y with scale k. */
static double hazard(double k, double slope, int y)
{
    double a = y + 0.5;
    return k * (SILER_A1 * exp(-SILER_B1 * a) + SILER_C + SILER_A2 * exp(slope * a));
}

/* Years lived in year of age y by one survivor to y, hazard h. */
static double lived(double h)
{
    return h > 1e-12 ? (1.0 - exp(-h)) / h : 1.0;
}

/* Cumulative hazard at each whole year for scale k; returns e0. The last year
** is closed: nobody lives past WORLD_MAX_AGE. */
static double table(world_demog *d, double k, double slope)
{
    double e0 = 0.0;
    d->cumhaz[0] = 0.0;
    for (int y = 0; y < WORLD_MAX_AGE; y++) {
        double h = y == WORLD_MAX_AGE - 1 ? 50.0 : hazard(k, slope, y);
        d->hazard[y] = h;
        e0 += exp(-d->cumhaz[y]) * lived(h);
        d->cumhaz[y + 1] = d->cumhaz[y] + h;
    }
    return e0;
}

/* sum_y exp(-r (y + 1/2)) L_y */
static double lotka(const world_demog *d, double r)
{
    double s = 0.0;
    for (int y = 0; y < WORLD_MAX_AGE; y++)
        s += exp(-r * (y + 0.5)) * exp(-d->cumhaz[y]) * lived(d->hazard[y]);
    return s;
}

hs_status world_demog_init(world_demog *d, double life_expectancy, double birth_rate, double slope,
                           const char *state, hs_error *err)
{
    /* e0 falls as k grows: bisect on log k. */
    double lo = -12.0, hi = 8.0;
    if (table(d, exp(hi), slope) > life_expectancy || table(d, exp(lo), slope) < life_expectancy)
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, state,
                            "a life expectancy of %g years is out of the model's reach",
                            life_expectancy);
    for (int it = 0; it < 100; it++) {
        double mid = 0.5 * (lo + hi);
        if (table(d, exp(mid), slope) > life_expectancy)
            lo = mid;
        else
            hi = mid;
    }
    d->k = exp(0.5 * (lo + hi));
    d->e0 = table(d, d->k, slope);
    /* The birth rate rises with r: bisect r. */
    double rlo = -0.2, rhi = 0.3;
    if (!(1.0 / lotka(d, rlo) < birth_rate && 1.0 / lotka(d, rhi) > birth_rate))
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, state,
                            "a birth rate of %g a year has no stable population with a life "
                            "expectancy of %g years",
                            birth_rate, life_expectancy);
    for (int it = 0; it < 100; it++) {
        double mid = 0.5 * (rlo + rhi);
        if (1.0 / lotka(d, mid) < birth_rate)
            rlo = mid;
        else
            rhi = mid;
    }
    d->growth = 0.5 * (rlo + rhi);
    double total = 0.0, mothers = 0.0;
    for (int y = 0; y < WORLD_MAX_AGE; y++) {
        double w = exp(-d->growth * (y + 0.5)) * exp(-d->cumhaz[y]) * lived(d->hazard[y]);
        total += w;
        d->agecdf[y] = total;
        if (y >= WORLD_FERTILE_FROM && y < WORLD_FERTILE_TO) mothers += 0.5 * w;
    }
    for (int y = 0; y < WORLD_MAX_AGE; y++)
        d->agecdf[y] /= total;
    d->fertility = birth_rate * total / mothers;
    d->birth_rate = birth_rate;
    d->death_rate = birth_rate - d->growth;
    return HS_OK;
}

long world_demog_age(const world_demog *d, double u, double v)
{
    int y = 0;
    while (y < WORLD_MAX_AGE - 1 && d->agecdf[y] < u)
        y++;
    return (long)((y + v) * 365.0);
}

long world_demog_death_day(const world_demog *d, long age_days, long today, double u)
{
    double a = age_days / 365.0;
    int y = (int)a;
    if (y >= WORLD_MAX_AGE) return today;
    /* The cumulative hazard to be reached: H(a) - ln u. */
    double target = d->cumhaz[y] + d->hazard[y] * (a - y) - log(u);
    while (y < WORLD_MAX_AGE && d->cumhaz[y + 1] < target)
        y++;
    if (y >= WORLD_MAX_AGE) return today + (long)((WORLD_MAX_AGE - a) * 365.0);
    double at = y + (target - d->cumhaz[y]) / d->hazard[y];
    long day = today + (long)ceil((at - a) * 365.0);
    return day > today ? day : today + 1;
}
