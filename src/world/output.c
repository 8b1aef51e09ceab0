/*
** output.c - a run of the human security world as tidy CSV (one row per
** day and unit), the resolved parameters and a JSON summary. Missing values
** are written NA (pandas and R read them as missing).
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/date.h>
#include <humsec/outdir.h>
#include <humsec/table.h>
#include <humsec/version.h>
#include "world/world_internal.h"

static void num(FILE *f, double v)
{
    if (isnan(v))
        fputs(",NA", f);
    else
        fprintf(f, ",%.6g", v);
}

static void header(FILE *f, const char *lead, int state_cols)
{
    fputs(lead, f);
    for (int k = 0; k < HS_PS_COUNT; k++)
        fprintf(f, ",%s", hs_pstatus_name(k));
    for (int c = 0; c < HS_DEATH_COUNT; c++)
        fprintf(f, ",deaths_%s", hs_cause_name(c));
    for (int d = 0; d < HS_DIM_COUNT; d++)
        fprintf(f, ",%s_mean", hs_dim_name(d));
    for (int d = 0; d < HS_DIM_COUNT; d++)
        fprintf(f, ",%s_below", hs_dim_name(d));
    for (int k = 0; k <= HS_DIM_COUNT; k++)
        fprintf(f, ",critical_%d", k);
    /* Today's flows end in _today: "returned" alone is the status count. */
    fputs(",hdi_like,grievance,violence,erw,active,infected,fled_today,returned_today,recruited_"
          "today,"
          "arrested_today,left_armed_today,armed_children,infant_deaths_today,hosted,births,"
          "aid_today",
          f);
    if (state_cols)
        fputs(",insecurity,military_share,repression,legitimacy,cohesion,atkinson,economy,output,"
              "military_strength,at_war,intervention,mine_ban",
              f);
    fputc('\n', f);
}

static void row(FILE *f, const hs_world_record *r, int state_cols)
{
    for (int k = 0; k < HS_PS_COUNT; k++)
        fprintf(f, ",%ld", r->people[k]);
    for (int c = 0; c < HS_DEATH_COUNT; c++)
        fprintf(f, ",%ld", r->deaths[c]);
    for (int d = 0; d < HS_DIM_COUNT; d++)
        num(f, r->mean[d]);
    for (int d = 0; d < HS_DIM_COUNT; d++)
        num(f, r->below[d]);
    for (int k = 0; k <= HS_DIM_COUNT; k++)
        fprintf(f, ",%ld", r->hotspots[k]);
    num(f, r->hdi_like);
    num(f, r->grievance);
    num(f, r->violence);
    num(f, r->erw);
    fprintf(f, ",%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld", r->active, r->infected, r->fled,
            r->returned, r->recruited, r->arrested, r->left_armed, r->armed_children,
            r->infant_deaths, r->hosted, r->births);
    num(f, r->aid);
    if (state_cols) {
        num(f, r->threat);
        num(f, r->military_share);
        num(f, r->repression);
        num(f, r->legitimacy);
        num(f, r->cohesion);
        num(f, r->atkinson);
        num(f, r->economy);
        num(f, r->output);
        num(f, r->military_strength);
        num(f, r->at_war);
        num(f, r->intervention);
        num(f, r->mine_ban);
    }
    fputc('\n', f);
}

static hs_status write_states(const hs_world_sim *sim, hs_outdir *o, hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "daily_states.csv", err);
    if (!f) return HS_ERR_IO;
    header(f, "day,date,state,scope", 1);
    char date[11];
    for (long d = 0; d < sim->day; d++) {
        hs_date_format(sim->sc->start_date + d, date);
        for (int scope = HS_SCOPE_TERRITORY; scope <= HS_SCOPE_NATIONALS; scope++)
            for (int s = 0; s < sim->nstates; s++) {
                fprintf(f, "%ld,%s,", d, date);
                hs_csv_put_text(f, sim->sc->states[s].name);
                fputs(scope == HS_SCOPE_TERRITORY ? ",territory" : ",nationals", f);
                row(f, hs_world_sim_record(sim, (hs_world_scope)scope, s, d), 1);
            }
    }
    return hs_outdir_fclose(o, f, "daily_states.csv", err);
}

static hs_status write_locations(const hs_world_sim *sim, hs_outdir *o, hs_error *err)
{
    const hs_geo *w = &sim->sc->geo;
    FILE *f = hs_outdir_fopen(o, "daily_locations.csv", err);
    if (!f) return HS_ERR_IO;
    header(f, "day,date,location,state,location_type", 0);
    char date[11];
    for (long d = 0; d < sim->day; d++) {
        hs_date_format(sim->sc->start_date + d, date);
        for (int l = 0; l < sim->nloc; l++) {
            fprintf(f, "%ld,%s,", d, date);
            hs_csv_put_text(f, w->loc_name[l]);
            fputc(',', f);
            hs_csv_put_text(f, w->state_name[w->loc_state[l]]);
            fprintf(f, ",%s", hs_loc_type_name((hs_loc_type)w->loc_type[l]));
            row(f, hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, d), 0);
        }
    }
    return hs_outdir_fclose(o, f, "daily_locations.csv", err);
}

static hs_status write_params(const hs_world_sim *sim, hs_outdir *o, hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "parameters.yml", err);
    if (!f) return HS_ERR_IO;
    fprintf(f,
            "# Resolved parameters of this run (paste into a scenario to repeat it).\n"
            "# scenario: %s\n# seed: %llu\n# days: %ld\n# humsec: %s\n",
            sim->sc->path ? sim->sc->path : sim->sc->name, (unsigned long long)sim->seed, sim->day,
            hs_version());
    hs_world_params_write(sim->p, f);
    return hs_outdir_fclose(o, f, "parameters.yml", err);
}

static json_t *jnum(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

/* Every pattern checked: one object each, in state order. */
static json_t *patterns_json(const hs_world_sim *sim)
{
    int max = HS_WORLD_PATTERNS_PER_STATE * sim->nstates;
    hs_world_pattern *pat = calloc((size_t)max, sizeof *pat);
    json_t *arr = json_array();
    if (!pat || !arr) {
        free(pat);
        json_decref(arr);
        return NULL;
    }
    int n = hs_world_sim_patterns(sim, pat, max);
    for (int k = 0; k < n; k++) {
        const hs_world_pattern *p = &pat[k];
        json_t *o = json_object();
        json_object_set_new(o, "pattern", json_string(p->id));
        json_object_set_new(o, "state", json_string(sim->sc->states[p->state].name));
        json_object_set_new(o, "what", json_string(p->what));
        json_object_set_new(o, "band", json_string(p->band));
        json_object_set_new(o, "applies", json_boolean(p->applies));
        json_object_set_new(o, "value", jnum(p->value));
        json_object_set_new(o, "holds", p->applies ? json_boolean(p->holds) : json_null());
        json_array_append_new(arr, o);
    }
    free(pat);
    return arr;
}

/* The donors' money in summary.json: accrued = spent + balance. */
static json_t *donors_json(const hs_world_sim *sim)
{
    json_t *j = json_object();
    for (int d = 0; d < sim->sc->ndonors; d++) {
        const hs_world_donor *dn = &sim->sc->donors[d];
        json_t *jd = json_object(), *by = json_object();
        hs_world_donor_money m;
        hs_world_sim_donor_money(sim, d, &m);
        for (int c = 0; c < HS_AID_COUNT; c++)
            json_object_set_new(by, hs_aid_channel_name(c), jnum(m.by_channel[c]));
        json_object_set_new(jd, "doctrine", json_string(hs_doctrine_name(dn->doctrine)));
        json_object_set_new(jd, "budget", jnum(dn->budget));
        json_object_set_new(jd, "accrued", jnum(m.accrued));
        json_object_set_new(jd, "spent", jnum(m.spent));
        json_object_set_new(jd, "balance", jnum(m.balance));
        json_t *sh = json_object();
        for (int c = 0; c < HS_AID_COUNT; c++)
            if (dn->share[c] > 0)
                json_object_set_new(sh, hs_aid_channel_name(c), jnum(dn->share[c]));
        json_object_set_new(jd, "shares", sh);
        json_object_set_new(jd, "spent_by_channel", by);
        json_object_set_new(j, dn->name, jd);
    }
    return j;
}

static hs_status write_summary(const hs_world_sim *sim, hs_outdir *o, double wall, hs_error *err)
{
    json_t *j = json_object();
    if (!j) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    json_object_set_new(j, "humsec_version", json_string(hs_version()));
    json_object_set_new(j, "model", json_string("human_security"));
    json_object_set_new(j, "scenario", json_string(sim->sc->path ? sim->sc->path : sim->sc->name));
    json_object_set_new(j, "seed", json_integer((json_int_t)sim->seed));
    json_object_set_new(j, "days", json_integer(sim->day));
    char date[11];
    hs_date_format(sim->sc->start_date, date);
    json_object_set_new(j, "start_date", json_string(date));
    json_object_set_new(j, "people", json_integer(sim->initial_people));
    json_object_set_new(j, "births", json_integer(sim->births));
    json_object_set_new(j, "agent_days", json_real(sim->agent_days));
    json_object_set_new(j, "wall_seconds", jnum(wall));
    json_object_set_new(j, "ranks", json_integer(hs_ranks_size(sim->ranks)));
    json_object_set_new(j, "bytes_per_person",
                        json_integer((json_int_t)hs_world_sim_person_bytes(sim)));
    json_t *mech = json_object();
    for (int m = 0; m < HS_MECH_COUNT; m++)
        json_object_set_new(mech, hs_mech_key(m), json_boolean(sim->p->on[m]));
    json_object_set_new(j, "mechanisms", mech);
    json_t *states = json_object();
    for (int s = 0; s < sim->nstates && sim->day > 0; s++) {
        const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, sim->day - 1);
        const hs_world_record *t = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, s, sim->day - 1);
        json_t *js = json_object(), *deaths = json_object(), *status = json_object(),
               *mean = json_object(), *below = json_object();
        hs_world_totals tot;
        hs_world_sim_totals(sim, s, &tot);
        for (int c = 0; c < HS_DEATH_COUNT; c++)
            json_object_set_new(deaths, hs_cause_name(c), json_integer(tot.deaths[c]));
        for (int k = 0; k < HS_PS_COUNT; k++)
            json_object_set_new(status, hs_pstatus_name(k), json_integer(r->people[k]));
        for (int d = 0; d < HS_DIM_COUNT; d++) {
            json_object_set_new(mean, hs_dim_name(d), jnum(r->mean[d]));
            json_object_set_new(below, hs_dim_name(d), jnum(r->below[d]));
        }
        json_object_set_new(js, "nationals_by_status", status);
        json_object_set_new(js, "deaths", deaths);
        json_object_set_new(js, "mean", mean);
        json_object_set_new(js, "below_critical", below);
        json_object_set_new(js, "births", json_integer(tot.births));
        json_object_set_new(js, "infant_mortality_per_1000_births", jnum(tot.infant_mortality));
        json_object_set_new(js, "maternal_mortality_per_100000_births",
                            jnum(tot.maternal_mortality));
        json_object_set_new(js, "armed_children_most", json_integer(tot.armed_children_most));
        json_object_set_new(js, "hdi_like", jnum(r->hdi_like));
        json_object_set_new(js, "insecurity", jnum(t->threat));
        json_object_set_new(js, "military_share", jnum(t->military_share));
        json_object_set_new(js, "repression", jnum(t->repression));
        json_object_set_new(js, "legitimacy", jnum(t->legitimacy));
        json_object_set_new(js, "cohesion", jnum(t->cohesion));
        json_object_set_new(states, sim->sc->states[s].name, js);
    }
    json_object_set_new(j, "states_last_day", states);
    json_t *wars = json_array();
    for (int k = 0; k < sim->nwars; k++) {
        const world_war_log *w = &sim->wars[k];
        json_t *jw = json_object();
        json_object_set_new(jw, "attacker", json_string(sim->sc->states[w->attacker].name));
        json_object_set_new(jw, "defender", json_string(sim->sc->states[w->defender].name));
        json_object_set_new(jw, "start_day", json_integer(w->start));
        json_object_set_new(jw, "end_day", w->end >= 0 ? json_integer(w->end) : json_null());
        json_object_set_new(jw, "ended_by", w->ended_by ? json_string(w->ended_by) : json_null());
        json_array_append_new(wars, jw);
    }
    json_object_set_new(j, "wars", wars);
    json_object_set_new(j, "donors", donors_json(sim));
    json_t *iv = json_array();
    for (int k = 0; k < sim->ninterventions; k++) {
        const world_intervention *w = &sim->interventions[k];
        json_t *ji = json_object();
        const hs_world_donor *payer = &sim->sc->donors[w->payer];
        json_object_set_new(ji, "state", json_string(sim->sc->states[w->state].name));
        json_object_set_new(ji, "coalition",
                            json_string(payer->coalition[0] ? payer->coalition : payer->name));
        json_object_set_new(ji, "start_day", json_integer(w->start));
        json_object_set_new(ji, "end_day", w->end >= 0 ? json_integer(w->end) : json_null());
        json_array_append_new(iv, ji);
    }
    json_object_set_new(j, "interventions", iv);
    json_t *ban = json_object(), *signers = json_array();
    for (int s = 0; s < sim->nstates; s++)
        if (sim->ban_signed[s])
            json_array_append_new(signers, json_string(sim->sc->states[s].name));
    json_object_set_new(ban, "signed", signers);
    json_object_set_new(ban, "in_force_day",
                        sim->ban_in_force >= 0 ? json_integer(sim->ban_in_force) : json_null());
    json_object_set_new(j, "mine_ban_treaty", ban);
    json_t *pats = patterns_json(sim);
    if (!pats) {
        json_decref(j);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    json_object_set_new(j, "patterns", pats);
    return hs_outdir_write_json(o, "summary.json", j, err);
}

/* One ledger line. */
static void aid_line(FILE *f, const hs_world_sim *sim, const world_aid_row *r)
{
    const hs_world_scenario *sc = sim->sc;
    char from[11], to[11];
    hs_date_format(sc->start_date + r->from, from);
    hs_date_format(sc->start_date + r->to, to);
    fprintf(f, "%ld,%ld,%s,%s,", r->from, r->to, from, to);
    hs_csv_put_text(f, sc->donors[r->donor].name);
    fprintf(f, ",%s,%s,", hs_doctrine_name(sc->donors[r->donor].doctrine),
            hs_aid_channel_name(r->channel));
    int s = r->unit < sim->nloc ? sc->geo.loc_state[r->unit] : r->unit - sim->nloc;
    if (r->unit < sim->nloc) hs_csv_put_text(f, sc->geo.loc_name[r->unit]);
    fputc(',', f);
    hs_csv_put_text(f, sc->states[s].name);
    fprintf(f, ",%.9g\n", r->amount / (sim->aid_unit > 0.0 ? sim->aid_unit : 1.0));
}

/* aid.csv: every unit of money, by donor, channel, place (or state) and period
** [from_day, to_day); the period still open at the end is its last lines. */
static hs_status write_aid(const hs_world_sim *sim, hs_outdir *o, hs_error *err)
{
    const hs_world_scenario *sc = sim->sc;
    FILE *f = hs_outdir_fopen(o, "aid.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("from_day,to_day,from_date,to_date,donor,doctrine,channel,location,state,amount\n", f);
    for (size_t k = 0; k < sim->nledger; k++)
        aid_line(f, sim, &sim->ledger[k]);
    for (int d = 0; d < sc->ndonors; d++)
        for (int c = 0; c < HS_AID_COUNT; c++)
            for (int u = 0; u < sim->aid_units; u++) {
                double a = sim->aid_period[((size_t)d * HS_AID_COUNT + (size_t)c) *
                                               (size_t)sim->aid_units +
                                           (size_t)u];
                if (a > 0.0) {
                    world_aid_row r = {sim->aid_from, sim->day, d, c, u, a};
                    aid_line(f, sim, &r);
                }
            }
    return hs_outdir_fclose(o, f, "aid.csv", err);
}

hs_status hs_world_sim_write(const hs_world_sim *sim, hs_outdir *o, double wall_seconds,
                             hs_error *err)
{
    hs_status st;
    if (sim->sc->ndonors > 0 && (st = write_aid(sim, o, err)) != HS_OK) return st;
    if ((st = write_states(sim, o, err)) != HS_OK) return st;
    if ((st = write_locations(sim, o, err)) != HS_OK) return st;
    if ((st = write_params(sim, o, err)) != HS_OK) return st;
    return write_summary(sim, o, wall_seconds, err);
}
