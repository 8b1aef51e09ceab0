/*
** record.c - the day's measures per location, per state's territory and
** per state's nationals, from the people pass's integer sums:
** people by status, deaths by cause, each dimension's mean and the share
** below its critical threshold (Owen), how many are critical at once, and
** an HDI-like index: the geometric mean of mean health, schooling reached
** and mean economic security, each in [0, 1] (a modelling choice: UNDP's
** goalposts have no counterpart in a simulated person).
*/
#include <math.h>
#include <string.h>
#include "world/world_internal.h"

/* Fill r from summed fields f[A_COUNT]. */
static void from_sums(hs_world_record *r, const int64_t *f)
{
    memset(r, 0, sizeof *r);
    long alive = 0;
    for (int k = 0; k < HS_PS_COUNT; k++) {
        r->people[k] = (long)f[A_STATUS + k];
        if (k != HS_PS_DEAD) alive += r->people[k];
    }
    for (int c = 0; c < HS_DEATH_COUNT; c++)
        r->deaths[c] = (long)f[A_DEATHS + c];
    double n = alive > 0 ? (double)alive : NAN;
    for (int d = 0; d < HS_DIM_COUNT; d++) {
        r->mean[d] = (double)f[A_SUM + d] / WORLD_ONE / n;
        r->below[d] = (double)f[A_BELOW + d] / n;
    }
    for (int k = 0; k <= HS_DIM_COUNT; k++)
        r->hotspots[k] = (long)f[A_HOT + k];
    double school = (double)f[A_SCHOOL] / WORLD_ONE / n;
    r->hdi_like = cbrt(r->mean[HS_DIM_HEALTH] * school * r->mean[HS_DIM_ECONOMIC]);
    r->grievance = (double)f[A_GRIEVANCE] / WORLD_ONE / n;
    r->active = (long)f[A_ACTIVE];
    r->infected = (long)f[A_INFECTED];
    r->fled = (long)f[A_FLED];
    r->returned = (long)f[A_RETURNED];
    r->recruited = (long)f[A_RECRUITED];
    r->arrested = (long)f[A_ARRESTED];
    r->left_armed = (long)f[A_LEFT_ARMED];
    r->armed_children = (long)f[A_ARMED_CHILD];
    r->infant_deaths = (long)f[A_INFANT_DEATHS];
    r->threat = r->military_share = r->repression = r->legitimacy = r->cohesion = r->atkinson =
        r->economy = r->output = r->erw = r->military_strength = r->at_war = r->intervention =
            r->mine_ban = NAN;
}

static void state_fields(const hs_world_sim *sim, hs_world_record *r, int s)
{
    r->threat = sim->threat[s];
    r->violence = sim->unrest[s];
    r->military_share = sim->military[s];
    r->repression = sim->repression[s];
    r->legitimacy = sim->legitimacy[s];
    r->cohesion = sim->cohesion[s];
    r->economy = sim->economy[s];
    r->output = sim->output[s];
    r->military_strength = sim->stock0[s] > 0 ? sim->stock[s] / sim->stock0[s] : NAN;
    r->at_war = sim->war[s].enemy >= 0 ? 1.0 : 0.0;
    r->intervention = world_intervened(sim, s) ? 1.0 : 0.0;
    r->mine_ban = world_ban_binds(sim, s) ? 1.0 : 0.0;
}

hs_status world_record_step(void *model, long day, hs_error *err)
{
    hs_world_sim *sim = model;
    (void)err;
    int nl = sim->nloc, ns = sim->nstates;
    hs_world_record *rec = sim->rec + (size_t)day * (size_t)(nl + 2 * ns);
    int64_t terr[HS_WORLD_MAX_STATES][A_COUNT], nat[HS_WORLD_MAX_STATES][A_COUNT], f[A_COUNT];
    memset(terr, 0, sizeof terr);
    memset(nat, 0, sizeof nat);
    long alive = 0;
    double aid_unit = sim->aid_unit > 0.0 ? sim->aid_unit : 1.0;
    for (int l = 0; l < nl; l++) {
        int s = sim->sc->geo.loc_state[l];
        memset(f, 0, sizeof f);
        for (int h = 0; h < ns; h++)
            for (int k = 0; k < A_COUNT; k++) {
                int64_t v = world_acc(sim, l, h, k);
                f[k] += v;
                nat[h][k] += v;
                terr[s][k] += v;
            }
        from_sums(&rec[l], f);
        rec[l].violence = sim->violence[l];
        rec[l].erw = sim->erw[l];
        rec[l].aid = sim->aid_today[l] / aid_unit;
        rec[l].births = (long)sim->born[l];
        for (int h = 0; h < ns; h++)
            if (h != s)
                for (int k = 0; k < HS_PS_COUNT; k++)
                    if (k != HS_PS_DEAD) rec[l].hosted += (long)world_acc(sim, l, h, A_STATUS + k);
        for (int k = 0; k < HS_PS_COUNT; k++)
            if (k != HS_PS_DEAD) alive += rec[l].people[k];
    }
    for (int s = 0; s < ns; s++) {
        from_sums(&rec[nl + s], terr[s]);
        state_fields(sim, &rec[nl + s], s);
        rec[nl + s].atkinson = sim->atkinson[s];
        from_sums(&rec[nl + ns + s], nat[s]);
        state_fields(sim, &rec[nl + ns + s], s);
        rec[nl + s].aid = sim->aid_today[nl + s] / aid_unit;
        for (int l = 0; l < nl; l++)
            if (sim->sc->geo.loc_state[l] == s) {
                rec[nl + s].hosted += rec[l].hosted;
                rec[nl + s].aid += rec[l].aid;
                rec[nl + s].births += (long)sim->born[l];
                rec[nl + ns + s].births += (long)sim->born[l]; /* nationals where born */
            }
        rec[nl + ns + s].aid = rec[nl + s].aid; /* aid reaches places, whoever is there */
    }
    sim->agent_days += (double)alive;
    return HS_OK;
}

const hs_world_record *hs_world_sim_record(const hs_world_sim *sim, hs_world_scope scope, int u,
                                           long d)
{
    if (d < 0 || d >= sim->day) return NULL;
    int nl = sim->nloc, ns = sim->nstates;
    const hs_world_record *rec = sim->rec + (size_t)d * (size_t)(nl + 2 * ns);
    switch (scope) {
    case HS_SCOPE_LOCATION:
        return u >= 0 && u < nl ? &rec[u] : NULL;
    case HS_SCOPE_TERRITORY:
        return u >= 0 && u < ns ? &rec[nl + u] : NULL;
    case HS_SCOPE_NATIONALS:
        return u >= 0 && u < ns ? &rec[nl + ns + u] : NULL;
    }
    return NULL;
}

void hs_world_sim_totals(const hs_world_sim *sim, int s, hs_world_totals *t)
{
    memset(t, 0, sizeof *t);
    for (long d = 0; d < sim->day; d++) {
        const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d);
        if (!r) break;
        for (int c = 0; c < HS_DEATH_COUNT; c++) {
            t->deaths[c] += r->deaths[c];
            t->deaths_all += r->deaths[c];
        }
        t->births += r->births;
        t->infant_deaths += r->infant_deaths;
        if (r->armed_children > t->armed_children_most) t->armed_children_most = r->armed_children;
    }
    double b = t->births > 0 ? (double)t->births : NAN;
    t->infant_mortality = 1000.0 * (double)t->infant_deaths / b;
    t->maternal_mortality = 100000.0 * (double)t->deaths[HS_DEATH_MATERNAL] / b;
}
