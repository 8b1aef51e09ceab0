/*
** region.c - a human security world built from a Flee case: the case's map
** becomes the world's places and routes (conflict zones become towns whose
** fighting comes as conflict events, as in any world scenario), its people
** the world's people (one agent for `scale` people when the case is large),
** its camps' capacities the world's camps, its conflicts.csv (or conflict
** dates) conflict events, its country closures border closures; its
** countries the world's states, whose starting levels come from their
** indicators (region_data.c). docs/odd/region.md says why each is so.
**
** Nothing here changes how the world runs: the builder fills an
** hs_world_scenario as the scenario reader would from files, so a region
** written out with hs_region_write_scenario runs the same when read back.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/date.h>
#include "region/region_internal.h"

static hs_status nomem(hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

hs_status region_note(hs_region *r, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **n = realloc(r->notes, (size_t)(r->nnotes + 1) * sizeof *n);
    if (!n) return HS_ERR_NOMEM;
    r->notes = n;
    if (!(n[r->nnotes] = strdup(buf))) return HS_ERR_NOMEM;
    r->nnotes++;
    return HS_OK;
}

void hs_region_free(hs_region *r)
{
    if (!r) return;
    hs_world_scenario_free(r->sc);
    for (int k = 0; k < r->nnotes; k++)
        free(r->notes[k]);
    free(r->notes);
    free(r->camp_loc);
    free(r->closures);
    free(r->hdr_path);
    free(r->inform_path);
    free(r->fsi_path);
    memset(r, 0, sizeof *r);
}

/* ---- states ------------------------------------------------------------- */

/* The scenario reader's defaults for a state that leaves a key out. */
static void state_defaults(hs_world_state *s, const char *name)
{
    *s = (hs_world_state){.economy = 1.0,
                          .tax = 0.2,
                          .military_share = 0.1,
                          .legitimacy = 0.8,
                          .repression = 0.1,
                          .cohesion = 0.8,
                          .police = 0.003,
                          .services = 0.7,
                          .regime = HS_REGIME_ANOCRACY};
    snprintf(s->name, sizeof s->name, "%s", name);
}

/* The value of quantity bit q in state s (for the fallback means). */
static double *quantity(hs_world_state *s, int q)
{
    switch (q) {
    case HS_REGION_SET_ECONOMY:
        return &s->economy;
    case HS_REGION_SET_SERVICES:
        return &s->services;
    case HS_REGION_SET_LIFE:
        return &s->life_expectancy;
    case HS_REGION_SET_LEGITIMACY:
        return &s->legitimacy;
    case HS_REGION_SET_REPRESSION:
        return &s->repression;
    case HS_REGION_SET_COHESION:
        return &s->cohesion;
    default:
        return &s->military_share;
    }
}

static const char *quantity_name(int q)
{
    switch (q) {
    case HS_REGION_SET_ECONOMY:
        return "economy";
    case HS_REGION_SET_SERVICES:
        return "services";
    case HS_REGION_SET_LIFE:
        return "life expectancy";
    case HS_REGION_SET_LEGITIMACY:
        return "legitimacy";
    case HS_REGION_SET_REPRESSION:
        return "repression";
    case HS_REGION_SET_COHESION:
        return "cohesion";
    default:
        return "military share";
    }
}

/* Every state: defaults, its own indicators, then for each quantity its data did
** not give, the mean of the case's states whose data did (else the default). */
static hs_status build_states(hs_region *r, const hs_flight_case *c, const hs_region_opts *o,
                              hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    const hs_geo *g = c->geo;
    if (g->nstates > HS_WORLD_MAX_STATES)
        return hs_error_set(err, HS_ERR_INVALID, c->dir ? c->dir : c->name, 0, "country",
                            "the case has %d countries; the world holds at most %d", g->nstates,
                            HS_WORLD_MAX_STATES);
    sc->nstates = g->nstates;
    /* A country's people are a group of their own (host strain between groups,
    ** M5) when there are few enough countries; else one group. */
    int per_state = g->nstates <= HS_WORLD_MAX_GROUPS;
    sc->ngroups = per_state ? g->nstates : 1;
    if (!per_state) snprintf(sc->groups[0], HS_WORLD_NAME_MAX, "all");
    for (int s = 0; s < g->nstates; s++) {
        state_defaults(&sc->states[s], g->state_name[s]);
        if (per_state) snprintf(sc->groups[s], HS_WORLD_NAME_MAX, "%s", g->state_name[s]);
        sc->states[s].group_share[per_state ? s : 0] = 1.0;
    }
    hs_status st = region_read_indicators(r, o ? o->data_dir : NULL, err);
    if (st != HS_OK) return st;
    for (int s = 0; s < sc->nstates; s++)
        r->from_data[s] = hs_region_map_state(&r->ind[s], &sc->states[s]);
    for (int q = 1; q <= HS_REGION_SET_MILITARY; q <<= 1) {
        double sum = 0;
        int n = 0;
        for (int s = 0; s < sc->nstates; s++)
            if (r->from_data[s] & q) {
                sum += *quantity(&sc->states[s], q);
                n++;
            }
        for (int s = 0; s < sc->nstates; s++) {
            if (r->from_data[s] & q) continue;
            hs_world_state *ws = &sc->states[s];
            if (n > 0) *quantity(ws, q) = sum / n;
            if (region_note(r, "%s: no %s data for %s, so %s is %s (%.4g)", ws->name,
                            q <= HS_REGION_SET_LIFE ? "HDR" : "FSI", quantity_name(q),
                            quantity_name(q),
                            n > 0                     ? "the mean of the case's states that have it"
                            : q == HS_REGION_SET_LIFE ? "the model's default (demography)"
                                                      : "the scenario default",
                            *quantity(ws, q)) != HS_OK)
                return nomem(err);
        }
    }
    for (int s = 0; s < sc->nstates; s++) {
        const hs_region_indicators *in = &r->ind[s];
        if (in->hdr_year &&
            region_note(r, "%s (%s): HDR %d for the start year %d%s", sc->states[s].name, in->iso3,
                        in->hdr_year, r->year,
                        in->hdr_year != r->year ? " (the nearest year with data)" : "") != HS_OK)
            return nomem(err);
        if (in->inform_year &&
            region_note(r, "%s (%s): INFORM %d for the start year %d", sc->states[s].name, in->iso3,
                        in->inform_year, r->year) != HS_OK)
            return nomem(err);
        if (in->fsi_year &&
            region_note(r, "%s (%s): FSI %d for the start year %d", sc->states[s].name, in->iso3,
                        in->fsi_year, r->year) != HS_OK)
            return nomem(err);
    }
    return HS_OK;
}

/* ---- places, people and the map ----------------------------------------- */

static int is_camp(int type)
{
    return type == HS_LOC_CAMP || type == HS_LOC_IDPCAMP;
}

/* The day-0 UNHCR count of each place's camp series (0 for places without one). */
static double day0_count(const hs_flight_case *c, const hs_flight_settings *s, int loc)
{
    if (!s->insert_day0 || s->empty_camps_on_day0) return 0.0;
    for (int k = 0; k < c->ncamps; k++)
        if (c->camp_loc[k] == loc) return trunc(hs_series_at(&c->camp_series[k], 0.0));
    return 0.0;
}

static hs_status build_places(hs_region *r, const hs_flight_case *c, const hs_flight_settings *s,
                              const hs_region_opts *o, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    const hs_geo *g = c->geo;
    size_t n = (size_t)g->nloc;
    sc->people = calloc(n + 1, sizeof(double));
    sc->capacity = calloc(n + 1, sizeof(double));
    sc->services = calloc(n + 1, sizeof(double));
    sc->erw = calloc(n + 1, sizeof(double));
    sc->hazard = calloc(n + 1, sizeof(double));
    sc->group = calloc(n + 1, sizeof(int32_t));
    if (!sc->people || !sc->capacity || !sc->services || !sc->erw || !sc->hazard || !sc->group)
        return nomem(err);
    /* The scale: people per agent. */
    double total = 0;
    for (int i = 0; i < g->nloc; i++)
        total += is_camp(g->loc_type[i]) ? day0_count(c, s, i) : fmax(0.0, c->population[i]);
    r->people = total;
    long max_agents = o && o->max_agents > 0 ? o->max_agents : HS_REGION_DEFAULT_AGENTS;
    r->scale = o && o->scale > 0 ? o->scale : fmax(1.0, ceil(total / (double)max_agents));
    if (region_note(r, "%.0f people at the start in the case's places; one agent for %g people",
                    total, r->scale) != HS_OK)
        return nomem(err);
    for (int st = 0; st < g->nstates; st++)
        if (hs_geo_state(&sc->geo, g->state_name[st]) != st) return nomem(err);
    for (int i = 0; i < g->nloc; i++) {
        int camp = is_camp(g->loc_type[i]);
        double people = camp ? day0_count(c, s, i) : fmax(0.0, c->population[i]);
        sc->people[i] = floor(people / r->scale + 0.5);
        if (camp) {
            /* A camp without a capacity in the case: none to speak of (Flee's -1). */
            double cap = c->capacity[i] > 0 ? c->capacity[i] : 1e9 * r->scale;
            sc->capacity[i] = fmax(1.0, floor(cap / r->scale + 0.5));
        }
        int state = g->loc_state[i];
        sc->services[i] = sc->states[state].services;
        sc->hazard[i] = hs_region_map_hazard(&r->ind[state]);
        sc->group[i] = -1;
        int type = g->loc_type[i] == HS_LOC_CONFLICT_ZONE ? HS_LOC_TOWN : g->loc_type[i];
        if (hs_geo_add_location(&sc->geo, g->loc_name[i], g->loc_region[i], g->state_name[state],
                                g->loc_lat[i], g->loc_lon[i], (hs_loc_type)type, sc->people[i],
                                g->loc_source_line[i], err) != i)
            return err ? err->status : HS_ERR_NOMEM;
    }
    for (int k = 0; k < g->nroutes; k++)
        if (hs_geo_add_route(&sc->geo, g->route_a[k], g->route_b[k], g->route_km[k],
                             g->route_forced[k], err) < 0)
            return err ? err->status : HS_ERR_NOMEM;
    hs_status st = hs_geo_build(&sc->geo, c->dir ? c->dir : c->name, err);
    if (st != HS_OK) return st;
    r->ncamps = c->ncamps;
    r->camp_loc = calloc((size_t)c->ncamps + 1, sizeof *r->camp_loc);
    if (!r->camp_loc) return nomem(err);
    if (c->ncamps > 0) memcpy(r->camp_loc, c->camp_loc, (size_t)c->ncamps * sizeof *r->camp_loc);
    return HS_OK;
}

/* ---- events ------------------------------------------------------------- */

static hs_status add_event(hs_region *r, hs_world_event e, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    if (e.start >= sc->days) return HS_OK;
    if (e.end >= 0 && e.end >= sc->days) e.end = -1;
    if (e.end >= 0 && e.end <= e.start) return HS_OK;
    if (sc->nevents == HS_WORLD_MAX_EVENTS)
        return hs_error_set(err, HS_ERR_INVALID, sc->path, 0, "events",
                            "the case makes more than %d events, the most a world holds",
                            HS_WORLD_MAX_EVENTS);
    sc->events[sc->nevents++] = e;
    return HS_OK;
}

/* A conflict event at loc: REGION_CONFLICT_VIOLENCE x Flee's value (in the
** conflict hazard study, x the share its country's INFORM conflict hazard gives:
** Flee marks every war 0 or 1, INFORM tells them apart), and at a place holding more people
** than the fighting reaches, that times reach / its people - the place's mean
** violence when the fighting touches `reach` of its people and spares the rest (a
** place's violence is one number for everyone in it). */
static hs_world_event conflict_event(const hs_region *r, const hs_flight_case *c, int loc,
                                     long start, long end, double value)
{
    const hs_world_scenario *sc = r->sc;
    double v = REGION_CONFLICT_VIOLENCE * value, pop = c->population[loc];
    if (r->conflict_hazard) v *= hs_region_map_conflict(&r->ind[sc->geo.loc_state[loc]]);
    if (pop > r->conflict_reach) v *= r->conflict_reach / pop;
    return (hs_world_event){.type = HS_EV_CONFLICT,
                            .start = start,
                            .end = end,
                            .state = sc->geo.loc_state[loc],
                            .state_b = -1,
                            .loc = loc,
                            .intensity = v > 1 ? 1 : v};
}

/* Conflicts: each run of days with a value above zero in conflicts.csv is one
** event with the run's mean value; without the file, each conflict zone from
** its conflict date with its conflict_intensity. */
static hs_status build_conflicts(hs_region *r, const hs_flight_case *c, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    const hs_geo *g = c->geo;
    hs_status st = HS_OK;
    if (c->nconflict == 0 && c->conflict_rows == 0) {
        for (int i = 0; i < g->nloc && st == HS_OK; i++) {
            if (g->loc_type[i] != HS_LOC_CONFLICT_ZONE) continue;
            long start = c->conflict_day0[i] ? 0 : c->conflict_date[i];
            if (start < 0) continue;
            st = add_event(r, conflict_event(r, c, i, start, -1, c->intensity[i]), err);
        }
        return st;
    }
    long rows = c->conflict_rows < sc->days ? c->conflict_rows : sc->days;
    for (int k = 0; k < c->nconflict && st == HS_OK; k++) {
        int loc = c->conflict_loc[k];
        long start = -1;
        double sum = 0;
        for (long d = 0; d <= rows && st == HS_OK; d++) {
            double v = d < rows ? c->conflict_value[(size_t)d * (size_t)c->nconflict + k] : 0.0;
            if (v > 1e-6) {
                if (start < 0) start = d, sum = 0;
                sum += v;
            } else if (start >= 0) {
                st = add_event(
                    r,
                    conflict_event(r, c, loc, start, d >= rows ? -1 : d, sum / (double)(d - start)),
                    err);
                start = -1;
            }
        }
    }
    return st;
}

/* Notes on the conflict events: how hard each state's fighting is (the conflict
** hazard study), and each place whose events the reach scaled down. */
static hs_status note_conflicts(hs_region *r, const hs_flight_case *c, hs_error *err)
{
    const hs_world_scenario *sc = r->sc;
    /* How hard each country's fighting is (the study): said once per state with
    ** conflict events. */
    for (int s = 0; s < sc->nstates && r->conflict_hazard; s++) {
        int any = 0;
        for (int k = 0; k < sc->nevents && !any; k++)
            any = sc->events[k].type == HS_EV_CONFLICT && sc->events[k].state == s;
        const hs_region_indicators *in = &r->ind[s];
        if (!any) continue;
        hs_status st =
            isnan(in->human)
                ? region_note(r,
                              "%s: no INFORM conflict hazard, so its conflict events take Flee's "
                              "value as it is (x %.1f)",
                              sc->states[s].name, REGION_CONFLICT_VIOLENCE)
                : region_note(r,
                              "%s: INFORM %d conflict hazard (Human) %.1f of 10, so its conflict "
                              "events' violence is %.1f x %.2f x Flee's value",
                              sc->states[s].name, in->inform_year, in->human,
                              REGION_CONFLICT_VIOLENCE, hs_region_map_conflict(in));
        if (st != HS_OK) return nomem(err);
    }
    for (int l = 0; l < sc->geo.nloc; l++) {
        int any = 0;
        for (int k = 0; k < sc->nevents && !any; k++)
            any = sc->events[k].type == HS_EV_CONFLICT && sc->events[k].loc == l;
        double pop = c->population[l];
        if (any && pop > r->conflict_reach &&
            region_note(r,
                        "%s: %.0f people, more than the %.0f a conflict's fighting reaches at "
                        "one place, so its conflict events' violence is x %.3f",
                        sc->geo.loc_name[l], pop, r->conflict_reach,
                        r->conflict_reach / pop) != HS_OK)
            return nomem(err);
    }
    return HS_OK;
}

const char *region_closure_name(int type)
{
    static const char *const names[] = {"country", "location", "link",
                                        "camp",    "idpcamp",  "remove_forced_redirection"};
    return type >= 0 && type <= 5 ? names[type] : "?";
}

/* Country closures become border closures (events); the others are lent to the
** scenario as they are (hs_world_scenario.flee_closures). */
static hs_status build_closures(hs_region *r, const hs_flight_case *c, hs_error *err)
{
    r->closures = calloc((size_t)c->nclosures + 1, sizeof *r->closures);
    if (!r->closures) return nomem(err);
    for (int k = 0; k < c->nclosures; k++) {
        const hs_closure *cl = &c->closures[k];
        if (cl->type == HS_CLOSE_COUNTRY && cl->a >= 0 && cl->b >= 0 && cl->a != cl->b) {
            hs_world_event e = {.type = HS_EV_BORDER_CLOSURE,
                                .start = cl->start < 0 ? 0 : cl->start,
                                .end = cl->end,
                                .state = cl->a,
                                .state_b = cl->b,
                                .loc = -1,
                                .intensity = 1.0,
                                .line = cl->line};
            hs_status st = add_event(r, e, err);
            if (st != HS_OK) return st;
            continue;
        }
        /* Any other kind closes in the world's flight process as in Flee's. */
        r->closures[r->nclosures++] = *cl;
        if (region_note(r,
                        "closures.csv line %ld: a %s closure goes to the world's flight process "
                        "as it is (the scenario files of humsec region cannot say it)",
                        cl->line, region_closure_name(cl->type)) != HS_OK)
            return nomem(err);
    }
    r->sc->nflee_closures = r->nclosures;
    r->sc->flee_closures = r->closures;
    return HS_OK;
}

hs_status hs_region_build(hs_region *r, const hs_flight_case *c, const hs_flight_settings *s,
                          const hs_region_opts *o, hs_error *err)
{
    memset(r, 0, sizeof *r);
    hs_world_scenario *sc = calloc(1, sizeof *sc);
    if (!sc) return nomem(err);
    r->sc = sc;
    hs_geo_init(&sc->geo);
    hs_world_params_default(&sc->params);
    sc->name = strdup(c->name);
    sc->path = strdup(c->dir ? c->dir : c->name);
    if (!sc->name || !sc->path) {
        hs_region_free(r);
        return nomem(err);
    }
    sc->start_date = c->start_date;
    sc->days = c->days;
    char date[11];
    hs_date_format(c->start_date, date);
    r->year = atoi(date);
    /* Flee's movement settings of the case are the world's flight settings. */
    hs_world_params *p = &sc->params;
    p->move_speed = s->max_move_speed;
    p->camp_weight = s->camp_weight;
    p->conflict_weight = s->conflict_weight;
    p->awareness = s->awareness_level < 1                  ? 1
                   : s->awareness_level > HS_AWARENESS_MAX ? HS_AWARENESS_MAX
                                                           : s->awareness_level;
    r->conflict_reach = o && o->conflict_reach > 0 ? o->conflict_reach : HS_REGION_CONFLICT_REACH;
    r->conflict_hazard = o && o->conflict_hazard;
    hs_status st = build_states(r, c, o, err);
    if (st == HS_OK) st = build_places(r, c, s, o, err);
    if (st == HS_OK) st = build_conflicts(r, c, err);
    if (st == HS_OK) st = note_conflicts(r, c, err);
    if (st == HS_OK) st = build_closures(r, c, err);
    if (st != HS_OK) hs_region_free(r);
    return st;
}
