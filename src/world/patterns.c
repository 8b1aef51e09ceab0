/*
** patterns.c - a run held to the patterns of the real world
** (../shared/reference/patterns.md, P1-P12): for each state, each pattern
** the run exercises, its band, the run's value and whether it holds.
**
** Peace and crisis are read from the run itself: a state is in crisis on a
** day when the mean violence its own people live with is at or above the
** flight process's conflict level (`flight.conflict_level`), at peace
** otherwise; the first 30 days are left out as the run settles. A pattern a
** run does not exercise (no crisis, no peace after one, too short) is
** reported as not applying, never as held.
*/
#include <math.h>
#include <string.h>
#include "world/world_internal.h"

#define SETTLE 30 /* days left out at the start */

typedef struct state_days {
    const hs_world_sim *sim;
    int s;
    long days;
} state_days;

static const hs_world_record *nat(const state_days *sd, long d)
{
    return hs_world_sim_record(sd->sim, HS_SCOPE_NATIONALS, sd->s, d);
}

static const hs_world_record *terr(const state_days *sd, long d)
{
    return hs_world_sim_record(sd->sim, HS_SCOPE_TERRITORY, sd->s, d);
}

static double alive(const hs_world_record *r)
{
    double n = 0.0;
    for (int k = 0; k < HS_PS_COUNT; k++)
        if (k != HS_PS_DEAD) n += (double)r->people[k];
    return n > 0 ? n : 1.0;
}

static int crisis(const state_days *sd, long d)
{
    return nat(sd, d)->violence >= sd->sim->p->conflict_level;
}

/* Does any event of the state start or end on day d (or the day before)? */
static int event_day(const state_days *sd, long d)
{
    const hs_world_scenario *sc = sd->sim->sc;
    for (int k = 0; k < sc->nevents; k++) {
        const hs_world_event *e = &sc->events[k];
        int s = e->state >= 0 ? e->state : (e->loc >= 0 ? sc->geo.loc_state[e->loc] : -1);
        if (s != sd->s && e->state_b != sd->s) continue;
        if (labs(d - e->start) <= 1 || (e->end >= 0 && labs(d - e->end) <= 1)) return 1;
    }
    return 0;
}

typedef struct adder {
    hs_world_pattern *out;
    int n, max, s;
} adder;

static void add(adder *ad, const char *id, const char *what, const char *band, double lo, double hi,
                double value, int applies)
{
    if (ad->n >= ad->max) return;
    hs_world_pattern *p = &ad->out[ad->n++];
    p->id = id;
    p->what = what;
    p->band = band;
    p->state = ad->s;
    p->lo = lo;
    p->hi = hi;
    p->value = applies ? value : NAN;
    p->applies = applies;
    p->holds = applies && value >= lo && value <= hi;
}

/* P1, P2, P10: shares on peace and crisis days. */
static void shares(adder *a, const state_days *sd)
{
    double jp = 0, jc = 0, armed = 0, act = 0, act_sum = 0, mp_lo = 1, mp_hi = 0, mc = 0;
    long np = 0, nc = 0, n = 0;
    for (long d = SETTLE; d < sd->days; d++) {
        const hs_world_record *r = nat(sd, d), *t = terr(sd, d);
        double N = alive(r), jailed = r->people[HS_PS_JAILED] / N, riot = (double)r->active / N;
        armed = fmax(armed, r->people[HS_PS_ARMED] / N);
        act = fmax(act, riot);
        act_sum += riot;
        n++;
        if (crisis(sd, d)) {
            jc = fmax(jc, jailed);
            mc = fmax(mc, t->military_share);
            nc++;
        } else {
            jp = fmax(jp, jailed);
            mp_lo = fmin(mp_lo, t->military_share);
            mp_hi = fmax(mp_hi, t->military_share);
            np++;
        }
    }
    add(a, "P1", "most jailed at peace", "<= 0.5% of the state's people", 0, 0.005, jp, np > 0);
    add(a, "P1", "most jailed in crisis", "<= 2% of the state's people", 0, 0.02, jc, nc > 0);
    add(a, "P2", "most armed", "<= 2% of the state's people", 0, 0.02, armed, n > 0);
    add(a, "P2", "most rioting on a day", "<= 15% of the state's people", 0, 0.15, act, n > 0);
    add(a, "P2", "rioting on average", "<= 3% of the state's people", 0, 0.03,
        n ? act_sum / (double)n : 0, n >= 365);
    add(a, "P10", "military share at peace, least", ">= 3% of the budget", 0.03, 1, mp_lo, np > 0);
    add(a, "P10", "military share at peace, most", "<= 15% of the budget", 0, 0.15, mp_hi, np > 0);
    add(a, "P10", "military share in crisis, most", "<= 60% of the budget", 0, 0.60, mc, nc > 0);
}

/* P3, P6, P7: the worst of a crisis. */
static void crisis_toll(adder *a, const state_days *sd)
{
    long nc = 0;
    double disp = 0, hdi0 = nat(sd, 0)->hdi_like, hdi_min = hdi0;
    for (long d = SETTLE; d < sd->days; d++) {
        const hs_world_record *r = nat(sd, d);
        nc += crisis(sd, d);
        double away =
            (double)(r->people[HS_PS_DISPLACED] + r->people[HS_PS_REFUGEE] + r->people[HS_PS_CAMP]);
        disp = fmax(disp, away / alive(r));
        hdi_min = fmin(hdi_min, r->hdi_like);
    }
    /* Violent deaths in the worst 365 days (the whole run if shorter). */
    long win = sd->days < 365 ? sd->days : 365;
    double worst = 0, run = 0;
    for (long d = 0; d < sd->days; d++) {
        run += (double)nat(sd, d)->deaths[HS_DEATH_VIOLENCE];
        if (d >= win) run -= (double)nat(sd, d - win)->deaths[HS_DEATH_VIOLENCE];
        if (d >= win - 1) worst = fmax(worst, run / alive(nat(sd, d)));
    }
    add(a, "P3", "most displaced at once", "<= 70% of the state's people", 0, 0.70, disp, nc > 0);
    add(a, "P6", "violent deaths in the worst year", "<= 1% of the state's people", 0, 0.01, worst,
        nc > 0);
    add(a, "P7", "fall of the HDI-like index in a long crisis", "5-25%", 0.05, 0.25,
        hdi0 > 0 ? (hdi0 - hdi_min) / hdi0 : 0, nc >= 180);
}

/* P4, P9, P11: after a crisis, once violence has stayed low for 180 days. */
static void aftermath(adder *a, const state_days *sd)
{
    long last_crisis = -1, calm_from = -1;
    for (long d = SETTLE; d < sd->days; d++)
        if (crisis(sd, d)) last_crisis = d;
    if (last_crisis >= 0 && sd->days - last_crisis > 180) calm_from = last_crisis + 180;
    int after = calm_from >= 0;
    double returns = 0, erw_war = 0, erw_after = 0;
    long away = 0;
    for (long d = 0; d < sd->days; d++) {
        const hs_world_record *r = nat(sd, d);
        if (after && d >= calm_from) returns += (double)r->returned;
        if (d <= last_crisis) erw_war += (double)r->deaths[HS_DEATH_ERW];
        if (after && d > last_crisis) erw_after += (double)r->deaths[HS_DEATH_ERW];
    }
    if (after) {
        const hs_world_record *r = nat(sd, calm_from);
        away = r->people[HS_PS_DISPLACED] + r->people[HS_PS_REFUGEE] + r->people[HS_PS_CAMP];
    }
    add(a, "P4", "returns once calm for 6 months", "> 0 people", 1, INFINITY, returns,
        after && away > 0);
    add(a, "P9", "ERW deaths after the fighting", "> 0 deaths", 1, INFINITY, erw_after,
        after && erw_war > 0);
    double r0 = terr(sd, 0)->repression, r1 = terr(sd, sd->days - 1)->repression;
    add(a, "P11", "repression after the crisis, above its start by", ">= 0", 0, INFINITY, r1 - r0,
        after);
}

/* P5 at peace, for a state with residents; P8 every day but event days. A
** state none of whose own people live at home on day 0 (a real region's host
** country, which the case gives only camps) has no population at peace whose
** births and deaths P5 could measure: its people, if any, are a camp's. */
static void people(adder *a, const state_days *sd)
{
    double births = 0, deaths = 0, years = 0, jump = 0;
    for (long d = SETTLE; d < sd->days; d++) {
        const hs_world_record *r = nat(sd, d);
        if (!crisis(sd, d)) {
            births += (double)r->births;
            for (int c = 0; c < HS_DEATH_COUNT; c++)
                deaths += (double)r->deaths[c];
            years += alive(r) / 365.0;
        }
        if (d > SETTLE && !event_day(sd, d))
            for (int k = 0; k < HS_DIM_COUNT; k++)
                jump = fmax(jump, fabs(terr(sd, d)->below[k] - terr(sd, d - 1)->below[k]));
    }
    int residents = nat(sd, 0)->people[HS_PS_HOME] > 0;
    int peace = residents && years * 365.0 >= 180.0 * alive(nat(sd, 0)) * 0.5;
    add(a, "P5", "births at peace, per 1,000 a year", "10-45", 10, 45,
        years > 0 ? 1000.0 * births / years : 0, peace);
    add(a, "P5", "deaths at peace, per 1,000 a year", "5-12", 5, 12,
        years > 0 ? 1000.0 * deaths / years : 0, peace);
    add(a, "P8", "largest daily move of a share below its threshold", "<= 20 points", 0, 0.20, jump,
        sd->days > SETTLE + 1);
}

int hs_world_sim_patterns(const hs_world_sim *sim, hs_world_pattern *out, int max)
{
    adder a = {out, 0, max, 0};
    for (int s = 0; s < sim->nstates && sim->day > SETTLE; s++) {
        state_days sd = {sim, s, sim->day};
        a.s = s;
        shares(&a, &sd);
        crisis_toll(&a, &sd);
        aftermath(&a, &sd);
        people(&a, &sd);
    }
    return a.n;
}
