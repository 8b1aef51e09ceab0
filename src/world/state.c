/*
** state.c - events and states: what happens to a state each day.
**
** Events set today's exogenous conditions (conflict, drought, economic
** shock, a rival's arms build-up; border closures go to the flight process,
** epidemics to the places). Then each state reads yesterday's people and
** updates, in this order (docs/odd/world.md):
**   threat T  = w_ext ((1 - assurance) max(0, X) + at war)
**               + w_int unrest + w_coh max(0, C0 - C)
**               + w_weak sum over neighbours max(0, weakness - weakness0)   (M9)
**   M1  m* = m0 + gain T (at most max_share); m moves 1/days of the way
**   M10 the military stock K += m tax Y - depreciation K (- attrition at
**       war): strength paid for by the state's own output (war.c)
**   M2  R* = F + gain f(regime) T; R rises at 1/up_days, falls at 1/down_days;
**       the floor F (R0 at the start) rises to R0 + ratchet (R - R0) whenever
**       R passes it, and never falls: part of every crisis's repression
**       stays ("the exceptional use of internal violence becomes a
**       permanent feature", seed 003; P11)
**   M3  L* = L0 - a_R (R - R0) - a_W max(0, W0 - W)
**   M7  C* = C0 - c_A max(0, A - A0) - c_W max(0, W0 - W), A the Atkinson
**       index (e = 1) of want across the people in the state
** where X = sum over rivals of (K_r / K0_r - 1), the rivals' growth of
** strength (linear in their stocks, so that two isolated rivals follow
** Richardson's race exactly when m moves at once: docs/odd/world.md), W the
** mean want level
** (economic, food, health) of the people in the state, unrest their mean
** violence. A switched-off mechanism holds its variable at the baseline.
**
** The economy answers the people: output Y = y0 x shock x E / E0 x N0, E the
** effective labour - the state's own people aged 15-64 in its territory, at
** home (or returned) or x displaced_livelihood when displaced, each weighted
** by the infrastructure standing where they are (M12) - and N0, E0 its
** people and labour at the start. Military spending m x tax x Y comes from
** that output (hosted refugees add no soldiers; workers who flee take their
** output with them), and the budget per person is tax x Y / the state's own
** people present (refugees are served by host strain, M5, and in camps by
** humanitarian agencies). A person's livelihood reads the state's
** productivity y0 x shock and the services where they are.
** Why relative to the start: the default's states begin in balance, and a
** mechanism should answer change, not reinterpret the baseline.
*/
#include <math.h>
#include "world/world_internal.h"

/* How strongly a regime answers threat with repression (a modelling choice). */
static double regime_factor(int regime)
{
    return regime == HS_REGIME_DEMOCRACY ? 0.5 : (regime == HS_REGIME_AUTOCRACY ? 1.5 : 1.0);
}

hs_status world_events_step(void *model, long day, hs_error *err)
{
    hs_world_sim *sim = model;
    const hs_world_scenario *sc = sim->sc;
    (void)err;
    for (int l = 0; l < sim->nloc; l++)
        sim->ext_conflict[l] = sim->drought[l] = sim->seed_n[l] = 0;
    for (int s = 0; s < sim->nstates; s++) {
        sim->econ_mult[s] = 1.0;
        sim->military0[s] = sc->states[s].military_share;
        sim->assure[s] = 0.0;
    }
    for (int k = 0; k < sc->nevents; k++) {
        const hs_world_event *e = &sc->events[k];
        if (day < e->start || (e->end >= 0 && day >= e->end)) continue;
        switch (e->type) {
        case HS_EV_CONFLICT:
        case HS_EV_DROUGHT: {
            double *v = e->type == HS_EV_CONFLICT ? sim->ext_conflict : sim->drought;
            for (int l = 0; l < sim->nloc; l++) {
                if (e->loc >= 0 ? l != e->loc : sc->geo.loc_state[l] != e->state) continue;
                if (e->intensity > v[l]) v[l] = e->intensity;
            }
            break;
        }
        case HS_EV_EPIDEMIC:
            if (day == e->start) sim->seed_n[e->loc] += e->intensity;
            break;
        case HS_EV_ECONOMIC_SHOCK:
            sim->econ_mult[e->state] *= 1.0 - e->intensity;
            break;
        case HS_EV_ARMS_BUILDUP:
            sim->military0[e->state] = e->intensity;
            break;
        case HS_EV_ASSURANCE:
            sim->assure[e->state] = fmax(sim->assure[e->state], e->intensity);
            break;
        default:
            break; /* border closures: the flight process's closures */
        }
    }
    world_war_fronts(sim);
    return HS_OK;
}

/* The rivals' growth of military strength since the start (M10). */
static double external(const hs_world_sim *sim, int s)
{
    const hs_world_state *st = &sim->sc->states[s];
    double x = 0.0;
    for (int k = 0; k < st->nrivals; k++) {
        int r = st->rivals[k];
        if (sim->stock0[r] > 0) x += sim->stock[r] / sim->stock0[r] - 1.0;
    }
    return x;
}

/* Weakness of a regime (M9): low cohesion, low legitimacy, unrest. */
static double weakness(const hs_world_sim *sim, int s)
{
    return ((1.0 - sim->cohesion[s]) + (1.0 - sim->legitimacy[s]) + sim->unrest[s]) / 3.0;
}

/* People, want, Atkinson and unrest of every state from the merged sums. */
static void read_people(hs_world_sim *sim)
{
    for (int s = 0; s < sim->nstates; s++) {
        int64_t alive = 0, natpop = 0, want = 0, logw = 0;
        double viol = 0.0, labour = 0.0;
        for (int l = 0; l < sim->nloc; l++) {
            if (sim->sc->geo.loc_state[l] != s) continue;
            int64_t n = world_alive_loc(sim, l);
            alive += n;
            for (int k = 0; k < HS_PS_COUNT; k++)
                if (k != HS_PS_DEAD) natpop += world_acc(sim, l, s, A_STATUS + k);
            labour += sim->infra[l] *
                      ((double)world_acc(sim, l, s, A_WORKERS) +
                       sim->p->displaced_livelihood * (double)world_acc(sim, l, s, A_WORKERS_AWAY));
            want += world_acc_loc(sim, l, A_WANT);
            logw += world_acc_loc(sim, l, A_LOGWANT);
            viol += (double)n * sim->violence[l];
        }
        sim->pop[s] = (double)alive;
        sim->labour[s] = labour;
        sim->natpop[s] = (double)natpop;
        if (alive == 0) {
            sim->want[s] = 1.0;
            sim->atkinson[s] = 0.0;
            sim->unrest[s] = 0.0;
            continue;
        }
        double mean = (double)want / (double)alive / WORLD_ONE;
        double geo = exp((double)logw / (double)alive / 16777216.0);
        sim->want[s] = mean;
        sim->atkinson[s] = mean > 0 ? world_clamp01(1.0 - geo / mean) : 0.0;
        sim->unrest[s] = viol / (double)alive;
    }
}

void world_states_init(hs_world_sim *sim)
{
    const hs_world_scenario *sc = sim->sc;
    for (int s = 0; s < sim->nstates; s++) {
        const hs_world_state *st = &sc->states[s];
        sim->econ_mult[s] = 1.0;
        sim->economy[s] = st->economy;
        sim->output[s] = 1.0;
        sim->budget[s] = st->tax * st->economy;
        sim->military[s] = sim->military0[s] = st->military_share;
        sim->repression[s] = sim->rep_floor[s] = st->repression;
        sim->legitimacy[s] = st->legitimacy;
        sim->cohesion[s] = st->cohesion;
        sim->threat[s] = 0.0;
        sim->dev0[s] = (1.0 - st->military_share) * sim->budget[s];
        sim->war[s] = (world_war_side){.enemy = -1};
    }
}

/* Baselines the mechanisms measure change against: taken once the people's
** levels are set (world.c). */
void world_states_baseline(hs_world_sim *sim)
{
    read_people(sim);
    for (int s = 0; s < sim->nstates; s++) {
        sim->natpop0[s] = sim->natpop[s] > 0 ? sim->natpop[s] : 1.0;
        sim->labour0[s] = sim->labour[s] > 0 ? sim->labour[s] : 1.0;
        world_arms_init(sim, s);
    }
    for (int s = 0; s < sim->nstates; s++) {
        sim->want0[s] = sim->want[s];
        sim->atkinson0[s] = sim->atkinson[s];
        sim->external0[s] = external(sim, s);
        sim->weakness0[s] = weakness(sim, s);
        sim->weak_prev[s] = sim->weakness0[s];
    }
}

hs_status world_states_step(void *model, long day, hs_error *err)
{
    hs_world_sim *sim = model;
    const hs_world_scenario *sc = sim->sc;
    const hs_world_params *p = sim->p;
    (void)err;
    read_people(sim);
    /* Neighbours are judged on yesterday's weakness, so the order of states does not matter. */
    for (int s = 0; s < sim->nstates; s++)
        sim->weak_prev[s] = weakness(sim, s);
    /* Every state's threat from yesterday's stocks and weakness first, so that the
    ** order of states does not matter. */
    for (int s = 0; s < sim->nstates; s++) {
        const hs_world_state *st = &sc->states[s];
        sim->output[s] = sim->econ_mult[s] * sim->labour[s] / sim->labour0[s];
        sim->economy[s] = st->economy * sim->econ_mult[s];
        sim->budget[s] = st->tax * st->economy * sim->output[s] * sim->natpop0[s] /
                         (sim->natpop[s] > 1.0 ? sim->natpop[s] : 1.0);
        double ext = (1.0 - sim->assure[s]) * fmax(0.0, external(sim, s) - sim->external0[s]);
        if (sim->war[s].enemy >= 0) ext += 1.0;
        double t = p->w_external * ext + p->w_internal * sim->unrest[s] +
                   p->w_cohesion * fmax(0.0, st->cohesion - sim->cohesion[s]);
        if (p->on[HS_M9_WEAKNESS])
            for (int n = 0; n < sim->nstates; n++)
                if (n != s && sim->neighbour[s * sim->nstates + n])
                    t += p->w_weakness * fmax(0.0, sim->weak_prev[n] - sim->weakness0[n]);
        sim->threat[s] = t;
    }
    for (int s = 0; s < sim->nstates; s++) {
        const hs_world_state *st = &sc->states[s];
        double t = sim->threat[s];

        /* M1: guns vs butter. */
        if (p->on[HS_M1_GUNS_BUTTER]) {
            double target = fmin(p->m1_max, sim->military0[s] + p->m1_gain * t);
            if (target < sim->military0[s]) target = sim->military0[s];
            sim->military[s] += (target - sim->military[s]) / p->m1_days;
        } else {
            sim->military[s] = sim->military0[s];
        }
        /* M2: repression with a ratchet; a force under the Responsibility to Protect holds
        ** it at its start (aid.c). */
        if (world_intervened(sim, s)) {
            sim->repression[s] = fmin(sim->repression[s], st->repression);
        } else if (p->on[HS_M2_REPRESSION]) {
            double target =
                world_clamp01(sim->rep_floor[s] + p->m2_gain * regime_factor(st->regime) * t);
            double tau = target > sim->repression[s] ? p->m2_up_days : p->m2_down_days;
            sim->repression[s] += (target - sim->repression[s]) / tau;
            double floor = st->repression + p->m2_ratchet * (sim->repression[s] - st->repression);
            if (floor > sim->rep_floor[s]) sim->rep_floor[s] = floor;
        } else {
            sim->repression[s] = st->repression;
        }
        /* M3: legitimacy eroded by repression and failed provision. */
        double want_gap = fmax(0.0, sim->want0[s] - sim->want[s]);
        if (p->on[HS_M3_LEGITIMACY]) {
            /* A state broken by an intervention does not get back what it lost (aid.c). */
            double target =
                world_clamp01(st->legitimacy * (1.0 - sim->broken[s]) -
                              p->m3_repression * fmax(0.0, sim->repression[s] - st->repression) -
                              p->m3_provision * want_gap);
            sim->legitimacy[s] += (target - sim->legitimacy[s]) / p->m3_days;
        } else {
            sim->legitimacy[s] = st->legitimacy;
        }
        /* M7: uneven want erodes cohesion. */
        if (p->on[HS_M7_COHESION]) {
            double target =
                world_clamp01(st->cohesion * (1.0 - sim->broken[s]) -
                              p->m7_inequality * fmax(0.0, sim->atkinson[s] - sim->atkinson0[s]) -
                              p->m7_want * want_gap);
            sim->cohesion[s] += (target - sim->cohesion[s]) / p->m7_days;
        } else {
            sim->cohesion[s] = st->cohesion;
        }
    }
    world_arms_step(sim);
    world_war_step(sim, day);
    return HS_OK;
}
