/*
** aid.c - donors who follow fear or want (M14, M15; docs/odd/world.md
** "Donors"; ../shared/reference/international.md).
**
** Money. A donor's budget accrues each day at budget x its recipients' own
** development spending at the start ((1 - m0) tax Y0 per person, times their
** people), so that budget 0.1 is a tenth as much again as the recipients
** spend on their own people. Every review_days it divides what its doctrine
** gives each channel among the places (or states) in need, and spends it
** over the next review_days at what accrues a day plus its balance spread
** over the period, never more than its balance; what finds no need stays in
** its balance. Amounts in the outputs are in days of the whole region's own
** development spending at the start (aid_unit).
** Spent + balance = accrued, always (the ledger, aid.csv, is every unit of
** money: donor, channel, place or state, and the days).
**
** Doctrines (a choice: the seed names the instruments, not the shares):
**   fear   demining 0.2, DDR 0.2, peacekeeping 0.45, small arms 0.15
**   want   health 0.15, food 0.15, livelihoods 0.1, schooling 0.1, camps
**          0.1, demobilisation 0.05 (the trust fund's channels), grassroots
**          0.15, ODA 0.2
**   mixed  half of each; none spends nothing.
** Demobilisation is DDR through the trust fund (the seed: Japan's fund paid
** for the "demobilisation of former combatants"): the same chance to leave
** the armed and the same reintegration support, at the fund's lag and
** overhead.
**
** Coalitions (M16). Members of one coalition pool their trust-fund
** channels' money: each channel's pooled money is divided by need over the
** union of the members' recipients, and each member pays its part of every
** place's money in proportion to what it put in (so the ledger still holds
** every unit by donor). Their other channels stay their own (coordination
** without a budget, as in the Human Security Network); the force under the
** Responsibility to Protect is paid from their pooled balances (protect).
**
** Engagement (enlightened self-interest): a donor's budget is raised by the
** refugees hosted in its exposure states and by the raids from abroad that
** strike them (yesterday's raid violence on their places x the people
** there, per person there).
**
** Need, read with the run's own measures (yesterday's sums): people below
** the health, food or economic threshold (health, food, livelihoods);
** people short of schooling (people x (1 - schooling)); people in camps
** (camps); people below the economic, food and health thresholds, counted
** once for each (grassroots: the sectors they fund); ERW x people (demining);
** the armed (DDR, demobilisation); violence x people (peacekeeping); a recipient state's
** people x its violence (small arms); its people (ODA).
**
** What a unit does. a = aid a day at a place / (the state's development
** spending per person at the start x the place's people): aid as a share of
** what the state itself spends there. Each channel's capacity moves toward
** (1 - overhead) a with its lag (trust fund 180 days and 10% overhead - UN
** programme support costs are 7-13%; grassroots 30 days and 3%; fear's
** instruments 30 days, no overhead; demobilisation is the fund's); place.c adds the trust fund's
*and the
** grassroots' capacity to the funding of the services their dimension reads
** (aid funds services as the state does), the camps channel to camps'
** services, ODA to the state's budget (so through its guns-vs-butter split);
** demining clears demining x capacity of the ERW a day; DDR gives each of
** the armed a chance ddr x capacity a day to leave (DDR's and
** demobilisation's capacity added); peacekeepers divide
** violence by 1 + peacekeeping x capacity; small-arms control divides the
** lethality of violence by 1 + small_arms x capacity.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "world/world_internal.h"

/* Share of a donor's money per channel, by doctrine. */
static const double doctrine_share[HS_DOCTRINE_COUNT][HS_AID_COUNT] = {
    [HS_DOCTRINE_NONE] = {0},
    [HS_DOCTRINE_FEAR] = {[HS_AID_DEMINING] = 0.2,
                          [HS_AID_DDR] = 0.2,
                          [HS_AID_PEACEKEEPING] = 0.45,
                          [HS_AID_SMALL_ARMS] = 0.15},
    [HS_DOCTRINE_WANT] = {[HS_AID_HEALTH] = 0.15,
                          [HS_AID_FOOD] = 0.15,
                          [HS_AID_LIVELIHOODS] = 0.1,
                          [HS_AID_SCHOOLING] = 0.1,
                          [HS_AID_CAMPS] = 0.1,
                          [HS_AID_DEMOBILISATION] = 0.05,
                          [HS_AID_GRASSROOTS] = 0.15,
                          [HS_AID_ODA] = 0.2},
    [HS_DOCTRINE_MIXED] = {[HS_AID_DEMINING] = 0.1,
                           [HS_AID_DDR] = 0.1,
                           [HS_AID_PEACEKEEPING] = 0.225,
                           [HS_AID_SMALL_ARMS] = 0.075,
                           [HS_AID_HEALTH] = 0.075,
                           [HS_AID_FOOD] = 0.075,
                           [HS_AID_LIVELIHOODS] = 0.05,
                           [HS_AID_SCHOOLING] = 0.05,
                           [HS_AID_CAMPS] = 0.05,
                           [HS_AID_DEMOBILISATION] = 0.025,
                           [HS_AID_GRASSROOTS] = 0.075,
                           [HS_AID_ODA] = 0.1},
};

double hs_doctrine_share(int doctrine, int channel)
{
    if (doctrine < 0 || doctrine >= HS_DOCTRINE_COUNT || channel < 0 || channel >= HS_AID_COUNT)
        return 0.0;
    return doctrine_share[doctrine][channel];
}

/* Does the channel act on states rather than places? */
static int state_channel(int c)
{
    return c == HS_AID_SMALL_ARMS || c == HS_AID_ODA;
}

/* Unit u: a place (u < nloc) or a state (nloc + s). */
static size_t rate_index(const hs_world_sim *sim, int d, int c, int u)
{
    return ((size_t)d * HS_AID_COUNT + (size_t)c) * (size_t)sim->aid_units + (size_t)u;
}

hs_status world_aid_init(hs_world_sim *sim, hs_error *err)
{
    const hs_world_scenario *sc = sim->sc;
    sim->ban_in_force = -1;
    for (int s = 0; s < sc->nstates; s++)
        sim->ban_signed[s] = sc->states[s].mine_ban;
    sim->aid_units = sim->nloc + sim->nstates;
    size_t units = (size_t)sim->aid_units, nd = (size_t)(sc->ndonors > 0 ? sc->ndonors : 1);
    sim->aid_rate = calloc(nd * HS_AID_COUNT * units, sizeof *sim->aid_rate);
    sim->aid_period = calloc(nd * HS_AID_COUNT * units, sizeof *sim->aid_period);
    sim->aid_cap = calloc((size_t)HS_AID_COUNT * units, sizeof *sim->aid_cap);
    sim->aid_today = calloc(units, sizeof *sim->aid_today);
    sim->p_channel = calloc((size_t)sim->nloc * 4 + 1, sizeof *sim->p_channel);
    sim->p_ddr = calloc((size_t)sim->nloc + 1, sizeof *sim->p_ddr);
    sim->raid = calloc((size_t)sim->nloc + 1, sizeof *sim->raid);
    if (!sim->aid_rate || !sim->aid_period || !sim->aid_cap || !sim->aid_today || !sim->p_channel ||
        !sim->p_ddr || !sim->raid)
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    return HS_OK;
}

void world_aid_free(hs_world_sim *sim)
{
    free(sim->aid_rate);
    free(sim->aid_period);
    free(sim->aid_cap);
    free(sim->aid_today);
    free(sim->p_channel);
    free(sim->p_ddr);
    free(sim->raid);
    free(sim->ledger);
}

/* The development spending per person and day of state s at the start. */
static double dev_per_person(const hs_world_sim *sim, int s)
{
    return sim->dev0[s] > 0 ? sim->dev0[s] : 1e-12;
}

/* Need of unit u for channel c (yesterday's sums). */
static double need(const hs_world_sim *sim, int c, int u)
{
    if (state_channel(c)) {
        int s = u - sim->nloc;
        return c == HS_AID_ODA ? sim->pop[s] : sim->pop[s] * sim->unrest[s];
    }
    int l = u;
    double n = (double)world_alive_loc(sim, l);
    switch (c) {
    case HS_AID_DEMINING:
        return sim->erw[l] * n;
    case HS_AID_DDR:
    case HS_AID_DEMOBILISATION:
        return (double)world_acc_loc(sim, l, A_STATUS + HS_PS_ARMED);
    case HS_AID_PEACEKEEPING:
        return sim->violence[l] * n;
    case HS_AID_HEALTH:
        return (double)world_acc_loc(sim, l, A_BELOW + HS_DIM_HEALTH);
    case HS_AID_FOOD:
        return (double)world_acc_loc(sim, l, A_BELOW + HS_DIM_FOOD);
    case HS_AID_LIVELIHOODS:
        return (double)world_acc_loc(sim, l, A_BELOW + HS_DIM_ECONOMIC);
    case HS_AID_SCHOOLING:
        return n * (1.0 - sim->school[l]);
    case HS_AID_CAMPS:
        return world_is_camp(sim, l) ? n : 0.0;
    case HS_AID_GRASSROOTS:
        return (double)(world_acc_loc(sim, l, A_BELOW + HS_DIM_ECONOMIC) +
                        world_acc_loc(sim, l, A_BELOW + HS_DIM_FOOD) +
                        world_acc_loc(sim, l, A_BELOW + HS_DIM_HEALTH));
    default:
        return 0.0;
    }
}

/* Close the period that ends today: its spending into the ledger. */
static hs_status flush(hs_world_sim *sim, long day, hs_error *err)
{
    const hs_world_scenario *sc = sim->sc;
    for (int d = 0; d < sc->ndonors; d++)
        for (int c = 0; c < HS_AID_COUNT; c++)
            for (int u = 0; u < sim->aid_units; u++) {
                double *amt = &sim->aid_period[rate_index(sim, d, c, u)];
                if (!(*amt > 0.0)) continue;
                if (sim->nledger == sim->cap_ledger) {
                    size_t cap = sim->cap_ledger ? 2 * sim->cap_ledger : 256;
                    world_aid_row *r = realloc(sim->ledger, cap * sizeof *r);
                    if (!r) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
                    sim->ledger = r;
                    sim->cap_ledger = cap;
                }
                sim->ledger[sim->nledger++] = (world_aid_row){sim->aid_from, day, d, c, u, *amt};
                *amt = 0.0;
            }
    sim->aid_from = day;
    return HS_OK;
}

static int donor_active(const hs_world_donor *dn, long day)
{
    return day >= dn->start && (dn->end < 0 || day < dn->end);
}

static int together(const hs_world_scenario *sc, int a, int b);

/* The states donor d's money through channel c may reach this period: its recipients, or
** for the trust fund's channels the recipients of every member of its coalition giving
** now (the pooled fund, M16). */
static uint32_t reach(const hs_world_sim *sim, int d, int c, long day)
{
    const hs_world_scenario *sc = sim->sc;
    uint32_t mask = sc->donors[d].recipients;
    if (!hs_aid_fund_channel(c) || !sc->donors[d].coalition[0]) return mask;
    for (int e = 0; e < sc->ndonors; e++)
        if (e != d && together(sc, d, e) && donor_active(&sc->donors[e], day))
            mask |= sc->donors[e].recipients;
    return mask;
}

/* Allocate each donor's money for the next period by need. A coalition's trust fund: every
** member divides its money for a fund channel by need over the same places (the union of
** their recipients), so the pool's money at a place is the members' in proportion to what
** each put in, and the ledger keeps every member's part. */
static void allocate(hs_world_sim *sim, long day)
{
    const hs_world_scenario *sc = sim->sc;
    const hs_world_params *p = sim->p;
    for (int d = 0; d < sc->ndonors; d++) {
        const hs_world_donor *dn = &sc->donors[d];
        int active = donor_active(dn, day);
        /* Money a day over the coming period: what accrues a day, and the balance spread
        ** over it (spending never passes the balance: world_aid_step). */
        double per_day =
            active ? sim->aid_daily[d] + sim->aid_balance[d] / (double)p->aid_review_days : 0.0;
        for (int c = 0; c < HS_AID_COUNT; c++) {
            double share = dn->share[c], total = 0.0;
            uint32_t to = reach(sim, d, c, day);
            for (int u = 0; u < sim->aid_units; u++) {
                sim->aid_rate[rate_index(sim, d, c, u)] = 0.0;
                int s = u < sim->nloc ? sim->sc->geo.loc_state[u] : u - sim->nloc;
                if (state_channel(c) != (u >= sim->nloc) || !(to >> s & 1u)) continue;
                total += need(sim, c, u);
            }
            if (!(share > 0.0) || !(total > 0.0) || !(per_day > 0.0)) continue;
            for (int u = 0; u < sim->aid_units; u++) {
                int s = u < sim->nloc ? sim->sc->geo.loc_state[u] : u - sim->nloc;
                if (state_channel(c) != (u >= sim->nloc) || !(to >> s & 1u)) continue;
                sim->aid_rate[rate_index(sim, d, c, u)] = per_day * share * need(sim, c, u) / total;
            }
        }
    }
}

/* Do donors a and b act together (the same coalition, or the same donor)? */
static int together(const hs_world_scenario *sc, int a, int b)
{
    return a == b || (sc->donors[a].coalition[0] &&
                      strcmp(sc->donors[a].coalition, sc->donors[b].coalition) == 0);
}

/* Does a donor practise freedom from fear (any of fear's instruments)? */
static int fearful(const hs_world_donor *dn)
{
    for (int c = HS_AID_DEMINING; c <= HS_AID_SMALL_ARMS; c++)
        if (dn->share[c] > 0.0) return 1;
    return 0;
}

int world_intervened(const hs_world_sim *sim, int s)
{
    return sim->r2p_left[s] > 0.0;
}

int world_ban_binds(const hs_world_sim *sim, int s)
{
    return sim->ban_in_force >= 0 && sim->ban_signed[s];
}

/* Pay a day of the force in state s from the payer's coalition, in proportion to the
** members' balances; 0 when they cannot. */
static int pay_force(hs_world_sim *sim, int s, hs_error *err)
{
    const hs_world_scenario *sc = sim->sc;
    int payer = sim->r2p_payer[s];
    double cost = sim->p->r2p_cost * sim->dev0[s] * sim->natpop0[s], pool = 0.0;
    for (int d = 0; d < sc->ndonors; d++)
        if (together(sc, payer, d) && fearful(&sc->donors[d])) pool += sim->aid_balance[d];
    if (!(pool >= cost)) return 0;
    for (int d = 0; d < sc->ndonors; d++) {
        if (!together(sc, payer, d) || !fearful(&sc->donors[d])) continue;
        double m = cost * sim->aid_balance[d] / pool;
        sim->aid_balance[d] -= m;
        sim->aid_spent[d * HS_AID_COUNT + HS_AID_INTERVENTION] += m;
        sim->aid_period[((size_t)d * HS_AID_COUNT + HS_AID_INTERVENTION) * (size_t)sim->aid_units +
                        (size_t)(sim->nloc + s)] += m;
        sim->aid_today[sim->nloc + s] += m;
    }
    (void)err;
    return 1;
}

/* The force leaves: the seed's warning - intervention "eradicates sources of insecurity
** without creating a self-sustaining and secure environment in the aftermath". */
static void force_leaves(hs_world_sim *sim, int s, long day)
{
    double b = sim->p->r2p_break;
    sim->r2p_left[s] = 0.0;
    sim->broken[s] = 1.0 - (1.0 - sim->broken[s]) * (1.0 - b);
    sim->legitimacy[s] *= 1.0 - b;
    sim->cohesion[s] *= 1.0 - b;
    for (int l = 0; l < sim->nloc; l++)
        if (sim->sc->geo.loc_state[l] == s) sim->infra[l] *= 1.0 - b;
    for (int k = 0; k < sim->ninterventions; k++)
        if (sim->interventions[k].state == s && sim->interventions[k].end < 0)
            sim->interventions[k].end = day;
}

/* The Responsibility to Protect: a state whose people die of violence and repression
** past the threshold, a coalition that can pay for the whole force. */
static hs_status protect(hs_world_sim *sim, long day, hs_error *err)
{
    const hs_world_scenario *sc = sim->sc;
    const hs_world_params *p = sim->p;
    for (int s = 0; s < sim->nstates; s++) {
        if (world_intervened(sim, s)) {
            if (!pay_force(sim, s, err) || --sim->r2p_left[s] <= 0.0) force_leaves(sim, s, day);
            continue;
        }
        if (sim->intervened[s] || day < (long)p->r2p_window) continue;
        double dead = 0.0;
        for (long d = day - (long)p->r2p_window; d < day; d++) {
            const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, s, d);
            dead += (double)(r->deaths[HS_DEATH_VIOLENCE] + r->deaths[HS_DEATH_REPRESSION]);
        }
        if (!(dead > p->r2p_threshold * sim->pop[s])) continue;
        /* Authorisation: the first coalition (in the scenario's order) that practises
        ** fear, helps this state and whose pooled budgets can keep the force, a day's cost
        ** a day: a threshold that only pooled action may reach (M16). */
        double need = p->r2p_cost * sim->dev0[s] * sim->natpop0[s];
        for (int d = 0; d < sc->ndonors; d++) {
            if (!fearful(&sc->donors[d]) || !(sc->donors[d].recipients >> s & 1u)) continue;
            double pool = 0.0;
            for (int e = 0; e < sc->ndonors; e++)
                if (together(sc, d, e) && fearful(&sc->donors[e])) pool += sim->aid_daily[e];
            if (!(pool >= need)) continue;
            sim->r2p_left[s] = p->r2p_days;
            sim->r2p_payer[s] = d;
            sim->intervened[s] = 1;
            if (sim->ninterventions < HS_WORLD_MAX_STATES)
                sim->interventions[sim->ninterventions++] =
                    (world_intervention){.state = s, .payer = d, .start = day, .end = -1};
            break;
        }
    }
    return HS_OK;
}

/* The mine-ban treaty spreads: each review a state not yet signed signs with chance
** rate x (share of states signed + advocacy x coalitions that demine). */
static void treaty(hs_world_sim *sim, long day)
{
    const hs_world_scenario *sc = sim->sc;
    const hs_world_params *p = sim->p;
    int nsigned = 0, advocates = 0;
    for (int s = 0; s < sim->nstates; s++)
        nsigned += sim->ban_signed[s];
    for (int d = 0; d < sc->ndonors; d++) {
        const hs_world_donor *dn = &sc->donors[d];
        if (!(dn->share[HS_AID_DEMINING] > 0.0) || day < dn->start ||
            (dn->end >= 0 && day >= dn->end))
            continue;
        int first = 1; /* a coalition advocates once */
        for (int e = 0; e < d; e++)
            if (together(sc, d, e) && sc->donors[e].share[HS_AID_DEMINING] > 0.0) first = 0;
        advocates += first;
    }
    double chance =
        p->treaty_rate * ((double)nsigned / sim->nstates + p->treaty_advocacy * (double)advocates);
    for (int s = 0; s < sim->nstates; s++) {
        if (sim->ban_signed[s] || !(chance > 0.0)) continue;
        hs_stream rs = hs_stream_open(sim->seed, (uint32_t)s, (uint32_t)day, HS_RNG_POLICY);
        if (hs_stream_u01(&rs) < chance) sim->ban_signed[s] = 1;
    }
    nsigned = 0;
    for (int s = 0; s < sim->nstates; s++)
        nsigned += sim->ban_signed[s];
    if (sim->ban_in_force < 0 && nsigned > 0 && nsigned >= p->treaty_entry * sim->nstates)
        sim->ban_in_force = day;
}

/* Raids from abroad on state s yesterday: the raid violence at each of its places x the
** people there (place.c keeps the raids; the sums are yesterday's). */
static double raids_on(const hs_world_sim *sim, int s)
{
    double r = 0.0;
    for (int l = 0; l < sim->nloc; l++)
        if (sim->sc->geo.loc_state[l] == s && sim->raid[l] > 0.0)
            r += sim->raid[l] * (double)world_alive_loc(sim, l);
    return r;
}

hs_status world_aid_step(void *model, long day, hs_error *err)
{
    hs_world_sim *sim = model;
    const hs_world_scenario *sc = sim->sc;
    const hs_world_params *p = sim->p;
    if (sc->ndonors == 0) return HS_OK;
    if (!(sim->aid_unit > 0.0)) {
        for (int s = 0; s < sim->nstates; s++)
            sim->aid_unit += sim->dev0[s] * sim->natpop0[s];
        if (!(sim->aid_unit > 0.0)) sim->aid_unit = 1.0;
    }
    /* Budgets accrue: more when refugees and raids reach the donor (enlightened
    ** self-interest). */
    for (int d = 0; d < sc->ndonors; d++) {
        const hs_world_donor *dn = &sc->donors[d];
        if (!donor_active(dn, day)) continue;
        double base = 0.0, hosted = 0.0, raided = 0.0, people = 0.0;
        for (int s = 0; s < sim->nstates; s++) {
            if (dn->recipients >> s & 1u) base += sim->dev0[s] * sim->natpop0[s];
            if (dn->exposure >> s & 1u) {
                const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, s, day - 1);
                hosted += r ? (double)r->hosted : 0.0;
                people += sim->pop[s];
                raided += raids_on(sim, s);
            }
        }
        double engaged =
            1.0 + (people > 0
                       ? (p->aid_engagement * hosted + p->aid_engagement_raids * raided) / people
                       : 0.0);
        sim->aid_daily[d] = dn->budget * engaged * base;
        sim->aid_balance[d] += sim->aid_daily[d];
        sim->aid_accrued[d] += sim->aid_daily[d];
    }
    hs_status st0 = protect(sim, day, err);
    if (st0 != HS_OK) return st0;
    if (day > 0 && day % p->aid_review_days == 0) treaty(sim, day);
    if (day % p->aid_review_days == 0) {
        hs_status st = flush(sim, day, err);
        if (st != HS_OK) return st;
        allocate(sim, day);
    }
    /* Spend today's share, and each unit's capacity moves toward what it buys. */
    memset(sim->aid_today, 0, (size_t)sim->aid_units * sizeof *sim->aid_today);
    for (int c = 0; c < HS_AID_COUNT; c++) {
        double lag = hs_aid_fund_channel(c)   ? p->aid_lag_fund
                     : c == HS_AID_GRASSROOTS ? p->aid_lag_grassroots
                     : c == HS_AID_ODA        ? 1.0 /* the budget's own lag is in place.c */
                                              : p->aid_lag_fear;
        double keep = c == HS_AID_GRASSROOTS   ? 1.0 - p->aid_overhead_grassroots
                      : hs_aid_fund_channel(c) ? 1.0 - p->aid_overhead_fund
                                               : 1.0;
        for (int u = 0; u < sim->aid_units; u++) {
            double money = 0.0;
            for (int d = 0; d < sc->ndonors; d++) {
                size_t k = rate_index(sim, d, c, u);
                double m = sim->aid_rate[k];
                if (!(m > 0.0)) continue;
                if (m > sim->aid_balance[d]) m = sim->aid_balance[d]; /* never past the budget */
                sim->aid_balance[d] -= m;
                sim->aid_spent[d * HS_AID_COUNT + c] += m;
                sim->aid_period[k] += m;
                money += m;
            }
            sim->aid_today[u] += money;
            int s = u < sim->nloc ? sim->sc->geo.loc_state[u] : u - sim->nloc;
            double people = u < sim->nloc ? sim->ref_people[u] : sim->natpop0[s];
            double a = money / (dev_per_person(sim, s) * (people > 1.0 ? people : 1.0));
            double *cap = &sim->aid_cap[(size_t)c * (size_t)sim->aid_units + (size_t)u];
            *cap += (keep * a - *cap) / lag;
        }
    }
    return HS_OK;
}

double world_aid_cap(const hs_world_sim *sim, int channel, int unit)
{
    if (!sim->aid_cap) return 0.0;
    return sim->aid_cap[(size_t)channel * (size_t)sim->aid_units + (size_t)unit];
}

int hs_world_sim_donor_money(const hs_world_sim *sim, int d, hs_world_donor_money *out)
{
    memset(out, 0, sizeof *out);
    if (d < 0 || d >= sim->sc->ndonors) return -1;
    double unit = sim->aid_unit > 0.0 ? sim->aid_unit : 1.0;
    for (int c = 0; c < HS_AID_COUNT; c++) {
        out->by_channel[c] = sim->aid_spent[d * HS_AID_COUNT + c] / unit;
        out->spent += out->by_channel[c];
    }
    out->accrued = sim->aid_accrued[d] / unit;
    out->balance = sim->aid_balance[d] / unit;
    return 0;
}
