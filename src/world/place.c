/*
** place.c - what each location offers and threatens today, from the
** state it is in and yesterday's people there (docs/odd/world.md):
**   violence  v = min(1, conflict events + riot x share of actives
**                 + raids)                                                  (M3, M6)
**             armed groups at home fight where they are: raid x their share
**             of the place's people;
**             raids strike a border place of state h from each neighbour n
**             it has a route to: raid x h's armed nationals in n / the
**             residents of h's places that face n - near the camps the
**             raiders come from, not along every border (kept as `raid`:
**             raids reaching a donor's exposure states engage it, aid.c)
**   services  P = services x infra x fund / (1 + strain max(0, load - 1))   (M1, M5, M12)
**             fund = development budget per person relative to the start
**             (1 in camps, which humanitarian agencies run); load = people
**             present / the people the services were built for
**   infra     += -destroy v infra + rebuild min(1, fund) (1 - infra)      (M12)
**   tension   = tension_k x (share of another group here + share of other
**               states' people in the state) / 2 + distrust x share of the
**               place's people below the community threshold yesterday   (M5)
**   degraded  += degrade x newcomers (1 - degraded) - regrow degraded, newcomers =
**             max(0, people - its people at the start) / the people it was
**             built for: land stripped for firewood, water and grazing
**             around camps and crowded hosts                               (M5)
**   ERW       += deposit v (1 - erw) - clear erw                          (M13)
**   maternal  fertility / 365 x (low + high (1 - P)^2) a day for a woman of
**             15-49 at home: the chance of a birth times the chance it kills
**   infection = 1 - exp(-beta I/N crowding (1 - P)), crowding = camp x
**               max(1, load)^c in camps, 1 elsewhere; seeding from events
**               and overcrowding (M13)
**   arrest    Epstein's P = 1 - exp(-k C/(A+1)) over `vision` people
** and from these the target level of each dimension for each status.
*/
#include <math.h>
#include <humsec/violence.h>
#include "world/world_internal.h"

int world_is_camp(const hs_world_sim *sim, int loc)
{
    return hs_flight_is_camp(sim->flight, loc);
}

int64_t world_alive_loc(const hs_world_sim *sim, int l)
{
    int64_t n = 0;
    for (int k = 0; k < HS_PS_COUNT; k++)
        if (k != HS_PS_DEAD) n += world_acc_loc(sim, l, A_STATUS + k);
    return n;
}

int64_t world_acc_loc(const hs_world_sim *sim, int l, int f)
{
    int64_t n = 0;
    for (int h = 0; h < sim->nstates; h++)
        n += world_acc(sim, l, h, f);
    return n;
}

int64_t world_acc_state(const hs_world_sim *sim, int s, int f)
{
    int64_t n = 0;
    for (int l = 0; l < sim->nloc; l++)
        if (sim->sc->geo.loc_state[l] == s) n += world_acc_loc(sim, l, f);
    return n;
}

/* Targets of every status at place l. */
static void targets(hs_world_sim *sim, int l)
{
    const hs_world_params *p = sim->p;
    int s = sim->sc->geo.loc_state[l];
    double v = sim->violence[l];
    const double *pc = sim->p_channel + (size_t)l * 4; /* services by what they serve */
    double d = p->on[HS_M8_DROUGHT] ? sim->drought[l] : 0.0;
    double econ = world_clamp01(fmin(1.0, sim->economy[s]) * (0.4 + 0.6 * pc[WORLD_PC_ECONOMIC]) *
                                (1.0 - 0.5 * v));
    double food = world_clamp01((1.0 - d) * (0.3 + 0.4 * pc[WORLD_PC_FOOD] + 0.3 * econ));
    double health = world_clamp01(pc[WORLD_PC_HEALTH] * (1.0 - 0.5 * v));
    double env = world_clamp01(1.0 - sim->sc->hazard[l] - 0.5 * sim->erw[l] -
                               p->m8_environment * d - sim->degraded[l]);
    double R = sim->repression[s], L = sim->legitimacy[s];
    double crime = p->m5_crime * sim->tension[l];
    double personal = world_clamp01(1.0 - v - crime - 0.3 * R);
    double community = world_clamp01(sim->cohesion[s] * (1.0 - sim->tension[l]));
    double political = world_clamp01((1.0 - R) * (0.4 + 0.6 * L));
    double away = p->displaced_livelihood;
    for (int k = 0; k < HS_PS_COUNT; k++) {
        double t[HS_DIM_COUNT] = {econ, food, health, env, personal, community, political};
        switch (k) {
        case HS_PS_DISPLACED:
            t[0] *= away;
            t[1] *= 0.9;
            t[5] *= 0.8;
            break;
        case HS_PS_REFUGEE:
            t[0] *= away;
            t[1] *= 0.9;
            t[5] *= 0.7;
            t[6] *= 0.6;
            break;
        case HS_PS_CAMP:
            /* Camps feed and treat their people as far as their services reach. */
            t[0] *= away;
            t[1] = world_clamp01((1.0 - d) * (0.3 + 0.7 * pc[WORLD_PC_FOOD]));
            t[5] *= 0.7;
            t[6] *= 0.6;
            break;
        case HS_PS_ARMED:
            t[4] = world_clamp01(0.5 * (1.0 - v));
            t[6] *= 0.5;
            break;
        case HS_PS_JAILED:
            t[0] *= 0.3;
            t[4] *= 0.3;
            t[5] *= 0.5;
            t[6] *= 0.2;
            break;
        default:
            break;
        }
        for (int j = 0; j < HS_DIM_COUNT; j++)
            sim->target[l * HS_PS_COUNT + k].level[j] = world_fix(t[j]);
    }
    sim->school[l] = pc[WORLD_PC_SCHOOL];
    sim->school_fix[l] = world_fix(pc[WORLD_PC_SCHOOL]);
}

hs_status world_places_step(void *model, long day, hs_error *err)
{
    hs_world_sim *sim = model;
    const hs_world_scenario *sc = sim->sc;
    const hs_world_params *p = sim->p;
    const hs_geo *w = &sc->geo;
    (void)err;

    /* Armed nationals of h in state n, the residents of h's places facing n,
    ** and the people of other states in each state. */
    enum { NS = HS_WORLD_MAX_STATES };
    double armed[NS][NS] = {{0}}, facing[NS][NS] = {{0}}, outsiders[NS] = {0};
    for (int l = 0; l < sim->nloc; l++) {
        int s = w->loc_state[l];
        for (int h = 0; h < sim->nstates; h++) {
            if (h == s) continue;
            armed[h][s] += (double)world_acc(sim, l, h, A_STATUS + HS_PS_ARMED);
            for (int k = 0; k < HS_PS_COUNT; k++)
                if (k != HS_PS_DEAD) outsiders[s] += (double)world_acc(sim, l, h, A_STATUS + k);
        }
        for (int n = 0; n < sim->nstates; n++)
            if (sim->faces[l] >> n & 1u) facing[s][n] += sim->ref_people[l];
    }

    for (int s = 0; s < sim->nstates; s++)
        sim->illegit_fix[s] = world_fix(1.0 - sim->legitimacy[s]);
    for (int l = 0; l < sim->nloc; l++) {
        int s = w->loc_state[l];
        double n = (double)world_alive_loc(sim, l), load = n / sim->ref_people[l];
        double nn = n > 0 ? n : 1.0;
        double actives = (double)world_acc_loc(sim, l, A_ACTIVE);

        /* Violence. */
        double v = sim->ext_conflict[l] + p->riot_violence * actives / nn, raid = 0.0;
        if (p->on[HS_M6_RECRUITMENT]) {
            for (int f = 0; f < sim->nstates; f++)
                if ((sim->faces[l] >> f & 1u) && facing[s][f] > 0) {
                    double r = p->m6_raid * armed[s][f] / facing[s][f];
                    v += r; /* term by term, as before raids were kept */
                    raid += r;
                }
            /* Armed groups at home fight where they are. */
            v += p->m6_raid * (double)world_acc(sim, l, s, A_STATUS + HS_PS_ARMED) / nn;
        }
        v = world_clamp01(v);
        /* Peacekeepers where they stand (M14). */
        double pk = world_aid_cap(sim, HS_AID_PEACEKEEPING, l);
        if (pk > 0.0) v /= 1.0 + p->aid_peacekeeping * pk;
        /* A force under the Responsibility to Protect (aid.c). */
        if (world_intervened(sim, s)) v /= 1.0 + p->r2p_strength;
        sim->violence[l] = v;
        /* Raids from abroad as they strike (after the forces that shield the place): what
        ** reaches the donors exposed to this state (aid.c, engagement). */
        sim->raid[l] = fmin(raid, v);
        if (day >= 0 && !world_is_camp(sim, l)) /* camps stay camps */
            hs_flight_set_conflict(sim->flight, l, v > p->conflict_level ? v : 0.0, day);

        /* Services. */
        /* ODA joins the budget, and so its guns-vs-butter split (M15). */
        double oda = world_aid_cap(sim, HS_AID_ODA, sim->nloc + s) * (1.0 - sim->military[s]) /
                     (1.0 - sc->states[s].military_share + 1e-12);
        double fund_now = world_is_camp(sim, l) || sim->dev0[s] <= 0
                              ? 1.0
                              : (1.0 - sim->military[s]) * sim->budget[s] / sim->dev0[s] + oda;
        /* Staff, stocks and clinics follow the money slowly, not on the day. */
        if (day < 0)
            sim->funded[l] = fund_now;
        else
            sim->funded[l] += (fund_now - sim->funded[l]) / p->m12_lag;
        double fund = sim->funded[l];
        if (p->on[HS_M12_DEVELOPMENT] && day >= 0)
            sim->infra[l] += -p->m12_destroy * v * sim->infra[l] +
                             p->m12_rebuild * fmin(1.0, fund) * (1.0 - sim->infra[l]);
        double strain =
            p->on[HS_M5_HOST_STRAIN] && load > 1.0 ? 1.0 + p->m5_strain * (load - 1.0) : 1.0;
        sim->provision[l] = world_clamp01(sc->services[l] * sim->infra[l] * fund / strain);
        /* The trust fund's channels and the grassroots grants fund one sector each (a
        ** quarter of what the state's development spending funds: choice); in camps the
        ** camps channel funds them all. */
        static const int sector[4] = {HS_AID_LIVELIHOODS, HS_AID_FOOD, HS_AID_HEALTH,
                                      HS_AID_SCHOOLING};
        double camps = world_is_camp(sim, l) ? world_aid_cap(sim, HS_AID_CAMPS, l) : 0.0;
        double grass = world_aid_cap(sim, HS_AID_GRASSROOTS, l);
        for (int k = 0; k < 4; k++) {
            double extra =
                4.0 * world_aid_cap(sim, sector[k], l) + camps + (k < 3 ? 4.0 / 3.0 * grass : 0.0);
            sim->p_channel[l * 4 + k] =
                extra > 0.0
                    ? world_clamp01(sc->services[l] * sim->infra[l] * (fund + extra) / strain)
                    : sim->provision[l];
        }
        double P_health = sim->p_channel[l * 4 + WORLD_PC_HEALTH];

        /* Host strain and inter-group tension: people of another group here,
        ** and people of other states in the state as a whole. */
        if (p->on[HS_M5_HOST_STRAIN]) {
            double other = n - (double)world_acc_loc(sim, l, A_GROUP + sim->majority[l]);
            double pop = sim->pop[s] > 0 ? sim->pop[s] : 1.0;
            /* People who feel their community threatened distrust the others around them. */
            double distrust =
                sim->settled ? (double)world_acc_loc(sim, l, A_BELOW + HS_DIM_COMMUNITY) / nn : 0.0;
            sim->tension[l] =
                world_clamp01(p->m5_tension * 0.5 * (other / nn + outsiders[s] / pop) +
                              p->m5_distrust * distrust);
            /* People beyond those the place had, per person it was built for. */
            double newcomers = fmax(0.0, n - sc->people[l]) / sim->ref_people[l];
            if (day >= 0)
                sim->degraded[l] = world_clamp01(
                    sim->degraded[l] + p->m5_degrade * newcomers * (1.0 - sim->degraded[l]) -
                    p->m5_regrow * sim->degraded[l]);
        } else {
            sim->tension[l] = 0.0;
        }

        /* Landmines and explosive remnants. */
        if (p->on[HS_M13_ERW]) {
            if (day >= 0)
                sim->erw[l] = world_clamp01(
                    sim->erw[l] +
                    p->erw_deposit * (world_ban_binds(sim, s) ? 1.0 - p->treaty_effect : 1.0) * v *
                        (1.0 - sim->erw[l]) -
                    (p->erw_clear + p->aid_demining * world_aid_cap(sim, HS_AID_DEMINING, l)) *
                        sim->erw[l]);
            sim->p_erw[l] = p->erw_lethality * sim->erw[l];
        } else {
            sim->p_erw[l] = 0.0;
        }

        /* Disease. */
        if (p->on[HS_M13_EPIDEMIC]) {
            double inf = (double)world_acc_loc(sim, l, A_INFECTED);
            double crowd = world_is_camp(sim, l)
                               ? p->epi_camp * (load > 1.0 ? pow(load, p->epi_crowding) : 1.0)
                               : 1.0;
            double lambda = p->epi_beta * inf / nn * crowd * (1.0 - P_health);
            sim->infect[l] = 1.0 - exp(-lambda);
            double imp = world_is_camp(sim, l) && load > 1.0 ? p->epi_import * (load - 1.0) : 0.0;
            sim->seed_p[l] = world_clamp01(sim->seed_n[l] / nn + imp);
            sim->p_disease[l] = p->epi_ifr / p->epi_days * (1.0 - p->epi_care * P_health);
        } else {
            sim->infect[l] = sim->seed_p[l] = sim->p_disease[l] = 0.0;
        }

        /* Civil violence: police presence grows with repression (M2); a citizen weighs
        ** the whole force of the state (police, army, informants: presence per officer). */
        double cops = sc->states[s].police * (1.0 + sim->repression[s]);
        double cops_seen = cops * p->cv_presence * p->cv_vision;
        double act_seen = actives / nn * p->cv_vision;
        /* The rule takes counts; thousandths keep the ratio C/(A+1) exact enough. */
        sim->arrest_p[l] = hs_cv_arrest_probability(p->cv_k, lround(1000.0 * cops_seen),
                                                    lround(1000.0 * (act_seen + 1.0)), HS_CV_NONE);
        sim->arrest[l] = actives > 0 ? fmin(1.0, p->arrest_rate * cops * n / actives) : 0.0;
        /* Small-arms control in the state lowers the lethality of its violence (M14). */
        sim->p_violence[l] =
            p->violence_lethality * v /
            (1.0 + p->aid_small_arms * world_aid_cap(sim, HS_AID_SMALL_ARMS, sim->nloc + s));
        /* DDR, fear's or the trust fund's (demobilisation): the same chance to leave. */
        sim->p_ddr[l] = p->aid_ddr * (world_aid_cap(sim, HS_AID_DDR, l) +
                                      world_aid_cap(sim, HS_AID_DEMOBILISATION, l));
        double unserved = 1.0 - sim->provision[l];
        sim->p_maternal[l] = sim->demog[s].fertility / 365.0 *
                             (p->maternal_low + p->maternal_high * unserved * unserved);
        targets(sim, l);
    }
    return HS_OK;
}
