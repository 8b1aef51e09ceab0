/*
** war.c - between states in the human security world (M10, M11;
** relations.h; docs/odd/world.md "Between states"):
**   M10  each state's military stock K is paid for from its own output:
**        K += m tax Y - depreciation K (- attrition x the enemy's K at war),
**        K0 = m0 tax Y0 / depreciation (the start is at rest). Its rivals read
**        K / K0 - 1 as their external threat (state.c), so for two isolated
**        rivals whose shares answer at once (guns_vs_butter.days = 1) this is
**        Richardson's race: a = gain w_ext tax Y_i / K0_j, m = depreciation,
**        g = tax Y_i (m0_i - gain w_ext) (tests/world/test_world_relations.c).
**   M11  every review_days, each state weighs war on each rival at peace:
**        p from the stocks (the rival's allies count for it), seen through its
**        misperception (a standard normal z from the stream (seed, pair, day,
**        HS_RNG_WAR) on the log-odds, sigma = misperception), the cost and the
**        status quo with trade; war when p V - c > V_sq. One war at a time per
**        state (a choice). At war, the border places of each side that face the
**        other are conflict zones (intensity), so flight, civil violence and
**        the destruction of services follow; both stocks wear down (attrition);
**        the attacker learns the true balance as the war goes on (its z fades as
**        exp(-days / learn_days): fighting reveals what bargaining could not,
**        Fearon 1995), and the war ends on the first of: the attacker's view of
**        war falls below the status quo (it settles), a side's stock falls
**        below defeat x its pre-war stock (defeat), or max_days (mediation).
*/
#include <gsl/gsl_randist.h>
#include <math.h>
#include <humsec/relations.h>
#include "world/world_internal.h"

double world_spending(const hs_world_sim *sim, int s)
{
    const hs_world_state *st = &sim->sc->states[s];
    return sim->military[s] * st->tax * st->economy * sim->output[s] * sim->natpop0[s];
}

void world_arms_init(hs_world_sim *sim, int s)
{
    sim->stock0[s] = sim->stock[s] = world_spending(sim, s) / sim->p->m10_depreciation;
}

void world_arms_step(hs_world_sim *sim)
{
    const hs_world_params *p = sim->p;
    if (!p->on[HS_M10_ARMS_RACE]) return; /* stocks held at the start: no rival grows */
    double next[HS_WORLD_MAX_STATES];
    for (int s = 0; s < sim->nstates; s++) {
        next[s] = sim->stock[s] + world_spending(sim, s) - p->m10_depreciation * sim->stock[s];
        int e = sim->war[s].enemy;
        if (e >= 0) next[s] -= p->m11_attrition * sim->stock[e];
        if (next[s] < 0.0) next[s] = 0.0;
    }
    for (int s = 0; s < sim->nstates; s++)
        sim->stock[s] = next[s];
}

/* The strength of j's allies (other than i). */
static double allies_of(const hs_world_sim *sim, int j, int i)
{
    const hs_world_state *st = &sim->sc->states[j];
    double a = 0.0;
    for (int k = 0; k < st->nallies; k++)
        if (st->allies[k] != i) a += sim->stock[st->allies[k]];
    return a;
}

/* i's view of war on j with misperception z: p V - c - V_sq. */
static double margin(const hs_world_sim *sim, int i, int j, double z)
{
    const hs_world_params *p = sim->p;
    double allies = allies_of(sim, j, i);
    double pw = hs_war_p_win(sim->stock[i], sim->stock[j], allies, p->m11_offence_defence);
    double seen = hs_war_perceive(pw, p->m11_misperception, z);
    double c = hs_war_cost(p->m11_cost, p->m11_defence, p->m11_punishment, sim->stock[i],
                           sim->stock[j], allies);
    double sq = hs_war_status_quo(p->m11_status_quo, p->m11_trade, sim->sc->states[i].trade[j]);
    return hs_war_margin(seen, p->m11_value, c, sq);
}

static void begin(hs_world_sim *sim, int i, int j, long day, double z)
{
    sim->war[i] = (world_war_side){j, 1, day, z, sim->stock[i]};
    sim->war[j] = (world_war_side){i, 0, day, 0.0, sim->stock[j]};
    if (sim->nwars < WORLD_MAX_WARS) sim->wars[sim->nwars++] = (world_war_log){i, j, day, -1, NULL};
}

static void end(hs_world_sim *sim, int i, long day, const char *why)
{
    int j = sim->war[i].enemy;
    for (int k = sim->nwars - 1; k >= 0; k--)
        if (sim->wars[k].end < 0 && (sim->wars[k].attacker == i || sim->wars[k].defender == i)) {
            sim->wars[k].end = day;
            sim->wars[k].ended_by = why;
            break;
        }
    sim->war[i].enemy = sim->war[j].enemy = -1;
}

void world_war_step(hs_world_sim *sim, long day)
{
    const hs_world_params *p = sim->p;
    if (!p->on[HS_M11_WAR]) return;
    /* Ends, judged by the attacker (states in order: each war has one attacker). */
    for (int i = 0; i < sim->nstates; i++) {
        world_war_side *w = &sim->war[i];
        if (w->enemy < 0 || !w->attacker) continue;
        int j = w->enemy;
        long days = day - w->start;
        double z = w->z * exp(-(double)days / p->m11_learn_days);
        if (sim->stock[i] < p->m11_defeat * w->stock0 ||
            sim->stock[j] < p->m11_defeat * sim->war[j].stock0)
            end(sim, i, day, "defeat");
        else if (days >= p->m11_max_days)
            end(sim, i, day, "mediation");
        else if (margin(sim, i, j, z) <= 0.0)
            end(sim, i, day, "settlement");
    }
    /* Reviews: each state weighs war on each rival, both at peace. */
    if (day <= 0 || day % p->m11_review_days != 0) return;
    for (int i = 0; i < sim->nstates; i++) {
        const hs_world_state *st = &sim->sc->states[i];
        for (int k = 0; k < st->nrivals && sim->war[i].enemy < 0; k++) {
            int j = st->rivals[k];
            if (sim->war[j].enemy >= 0) continue;
            hs_stream_gsl_set(sim->gsl,
                              hs_stream_open(sim->seed, (uint32_t)(i * HS_WORLD_MAX_STATES + j),
                                             (uint32_t)day, HS_RNG_WAR));
            double z = gsl_ran_ugaussian(sim->gsl);
            if (margin(sim, i, j, z) > 0.0) begin(sim, i, j, day, z);
        }
    }
}

void world_war_fronts(hs_world_sim *sim)
{
    const hs_world_params *p = sim->p;
    if (!p->on[HS_M11_WAR]) return;
    for (int l = 0; l < sim->nloc; l++) {
        int s = sim->sc->geo.loc_state[l], e = sim->war[s].enemy;
        if (e >= 0 && (sim->faces[l] >> e & 1u) && sim->ext_conflict[l] < p->m11_intensity)
            sim->ext_conflict[l] = p->m11_intensity;
    }
}
