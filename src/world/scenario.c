/*
** scenario.c - human-security scenarios: a YAML file (`model:
** human_security`) with the states, groups, events and parameters, and CSV
** tables beside it for locations and routes (the tables of a Flee case, with
** more columns). The embedded default is read by the same code from text.
**
** Strict throughout: an unknown key, a wrong type, a value out of range, a
** reference to a state, group or location that does not exist, an event
** outside the run - each is an error naming the file, the line and the key
** (or column). Nothing is half-loaded: on error the scenario is freed.
*/
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/date.h>
#include <humsec/outdir.h>
#include <humsec/table.h>
#include "core/yaml.h"
#include "world/world_internal.h"
#include "world/params.h"
#include "world/scenario_internal.h"

void hs_world_scenario_free(hs_world_scenario *sc)
{
    if (!sc) return;
    hs_geo_free(&sc->geo);
    free(sc->name);
    free(sc->path);
    free(sc->people);
    free(sc->capacity);
    free(sc->services);
    free(sc->erw);
    free(sc->hazard);
    free(sc->group);
    free(sc->people_by_group);
    free(sc->own_flee_closures);
    free(sc);
}

int world_find_state(const hs_world_scenario *sc, const char *name)
{
    for (int s = 0; s < sc->nstates; s++)
        if (strcmp(sc->states[s].name, name) == 0) return s;
    return -1;
}

int world_find_group(const hs_world_scenario *sc, const char *name)
{
    for (int g = 0; g < sc->ngroups; g++)
        if (strcmp(sc->groups[g], name) == 0) return g;
    return -1;
}

/* ---- parameters --------------------------------------------------------- */

/* Fields of one section of the parameter table, pointing into p. */
static int section_fields(hs_world_params *p, const char *section, hs_yaml_field *f, int max)
{
    int n = 0;
    for (const hs_named *d = world_param_table; d->key; d++) {
        if (strcmp(d->section, section) != 0) continue;
        if (n + 1 >= max) return -1; /* SECTION_MAX is too small: a bug, reported below */
        hs_yaml_type t = d->type == HS_NAMED_DOUBLE ? HS_YF_DOUBLE
                         : d->type == HS_NAMED_LONG ? HS_YF_LONG
                                                    : HS_YF_BOOL;
        f[n++] =
            (hs_yaml_field){d->key, t, (char *)p + d->offset, d->min, d->max, NULL, NULL, NULL};
    }
    f[n] = (hs_yaml_field){NULL};
    return n;
}

#define SECTION_MAX 32

static hs_status read_params(reader *r, struct fy_node *root, hs_error *err)
{
    hs_world_params *p = &r->sc->params;
    static const char *plain[3] = {"security", "thresholds", "aid"};
    hs_yaml_field sec[3][SECTION_MAX];
    for (int k = 0; k < 3; k++)
        if (section_fields(p, plain[k], sec[k], SECTION_MAX) < 0)
            return hs_error_set(err, HS_ERR_INTERNAL, NULL, 0, NULL,
                                "a parameter section is too long");
    for (int k = 0; k < 3; k++) {
        struct fy_node *n = hs_yaml_get(root, plain[k]);
        if (!n) continue;
        hs_status st = hs_yaml_read_map(&r->y, n, plain[k], sec[k], 1, err);
        if (st != HS_OK) return st;
    }
    struct fy_node *mech = hs_yaml_get(root, "mechanisms");
    if (!mech) return HS_OK;
    hs_yaml_field mf[HS_MECH_COUNT][SECTION_MAX], top[HS_MECH_COUNT + 1];
    for (int m = 0; m < HS_MECH_COUNT; m++) {
        if (section_fields(p, hs_mech_key(m), mf[m], SECTION_MAX) < 0)
            return hs_error_set(err, HS_ERR_INTERNAL, NULL, 0, NULL,
                                "a parameter section is too long");
        top[m] = (hs_yaml_field){hs_mech_key(m), HS_YF_MAP, NULL, 0, 0, mf[m], NULL, NULL};
    }
    top[HS_MECH_COUNT] = (hs_yaml_field){NULL};
    return hs_yaml_read_map(&r->y, mech, "mechanisms", top, 1, err);
}

/* ---- states and groups -------------------------------------------------- */

static hs_status read_groups(reader *r, struct fy_node *root, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    struct fy_node *g = hs_yaml_get(root, "groups");
    if (!g) {
        sc->ngroups = 1;
        snprintf(sc->groups[0], HS_WORLD_NAME_MAX, "all");
        return HS_OK;
    }
    if (!hs_yaml_is_seq(g))
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(g), "groups",
                            "expected a list of group names");
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(g, &it)) != NULL) {
        const char *s = hs_yaml_scalar(item);
        if (!s || !*s || strlen(s) >= HS_WORLD_NAME_MAX)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(item), "groups",
                                "a group is a name (at most %d characters)", HS_WORLD_NAME_MAX - 1);
        if (sc->ngroups == HS_WORLD_MAX_GROUPS)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(item), "groups",
                                "too many groups (at most %d)", HS_WORLD_MAX_GROUPS);
        if (world_find_group(sc, s) >= 0)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(item), "groups",
                                "group '%s' is listed twice", s);
        snprintf(sc->groups[sc->ngroups++], HS_WORLD_NAME_MAX, "%s", s);
    }
    if (sc->ngroups == 0)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(g), "groups",
                            "the list is empty");
    return HS_OK;
}

static hs_status read_state(reader *r, struct fy_node *item, int idx, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    hs_world_state *s = &sc->states[idx];
    char prefix[48], regime[32] = "anocracy";
    snprintf(prefix, sizeof prefix, "states[%d]", idx);
    *s = (hs_world_state){.economy = 1.0,
                          .tax = 0.2,
                          .military_share = 0.1,
                          .legitimacy = 0.8,
                          .repression = 0.1,
                          .cohesion = 0.8,
                          .police = 0.003,
                          .services = 0.7,
                          .regime = HS_REGIME_ANOCRACY,
                          .line = hs_yaml_line(item)};
    int seen_name = 0, seen_economy = 0, seen_services = 0, seen_life = 0;
    hs_yaml_field f[] = {
        {"name", HS_YF_STRING, s->name, 0, HS_WORLD_NAME_MAX, NULL, NULL, &seen_name},
        {"economy", HS_YF_DOUBLE, &s->economy, 0, 100, NULL, NULL, &seen_economy},
        {"services", HS_YF_DOUBLE, &s->services, 0, 1, NULL, NULL, &seen_services},
        {"life_expectancy", HS_YF_DOUBLE, &s->life_expectancy, 30, 90, NULL, NULL, &seen_life},
        {"birth_rate", HS_YF_DOUBLE, &s->birth_rate, 0.005, 0.08},
        {"iso3", HS_YF_STRING, s->iso3, 0, sizeof s->iso3},
        {"tax", HS_YF_DOUBLE, &s->tax, 0, 1},
        {"military_share", HS_YF_DOUBLE, &s->military_share, 0, 1},
        {"legitimacy", HS_YF_DOUBLE, &s->legitimacy, 0, 1},
        {"repression", HS_YF_DOUBLE, &s->repression, 0, 1},
        {"cohesion", HS_YF_DOUBLE, &s->cohesion, 0, 1},
        {"police", HS_YF_DOUBLE, &s->police, 0, 1},
        {"regime", HS_YF_STRING, regime, 0, sizeof regime},
        {"mine_ban", HS_YF_BOOL, &s->mine_ban, 0, 1},
        {"rivals", HS_YF_IGNORE, NULL}, /* resolved once every state is known */
        {"allies", HS_YF_IGNORE, NULL},
        {"trade", HS_YF_IGNORE, NULL},
        {"groups", HS_YF_IGNORE, NULL},
        {NULL},
    };
    hs_status st = hs_yaml_read_map(&r->y, item, prefix, f, 1, err);
    if (st != HS_OK) return st;
    if (!seen_name || !s->name[0])
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(item), prefix,
                            "a state needs a name");
    if (world_find_state(sc, s->name) >= 0 && world_find_state(sc, s->name) < idx)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(item), prefix,
                            "state '%s' is defined twice", s->name);
    r->explicit_economy[idx] = seen_economy;
    r->explicit_services[idx] = seen_services;
    r->explicit_life[idx] = seen_life;
    s->regime = -1;
    for (int k = 0; k < 3; k++)
        if (strcmp(regime, hs_regime_name(k)) == 0) s->regime = k;
    if (s->regime < 0) {
        char key[64];
        snprintf(key, sizeof key, "%s.regime", prefix);
        return hs_error_set(err, HS_ERR_INVALID, r->y.path,
                            hs_yaml_line(hs_yaml_get(item, "regime")), key,
                            "'%s' is not one of: democracy, anocracy, autocracy", regime);
    }
    /* Group shares: default everyone in the first group. */
    struct fy_node *g = hs_yaml_get(item, "groups");
    char key[64];
    snprintf(key, sizeof key, "%s.groups", prefix);
    if (!g) {
        s->group_share[0] = 1.0;
        return HS_OK;
    }
    if (!hs_yaml_is_map(g))
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(g), key,
                            "expected a mapping of group names to shares");
    void *it = NULL;
    struct fy_node_pair *pair;
    double sum = 0;
    while ((pair = fy_node_mapping_iterate(g, &it)) != NULL) {
        const char *gn = hs_yaml_scalar(fy_node_pair_key(pair));
        const char *vs = hs_yaml_scalar(fy_node_pair_value(pair));
        long line = hs_yaml_line(fy_node_pair_key(pair));
        int gi = gn ? world_find_group(sc, gn) : -1;
        if (gi < 0)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, key,
                                "unknown group '%s' (not in the top-level 'groups' list)",
                                gn ? gn : "?");
        double v;
        if (!vs || hs_parse_double(vs, &v) != 0)
            return hs_error_set(err, HS_ERR_PARSE, r->y.path, line, key,
                                "the share of '%s' is not a number", gn);
        if (v < 0 || v > 1)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, key,
                                "the share of '%s' is %g, out of range [0, 1]", gn, v);
        s->group_share[gi] = v;
        sum += v;
    }
    if (fabs(sum - 1.0) > 1e-6)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(g), key,
                            "group shares add up to %g, not 1", sum);
    return HS_OK;
}

hs_status world_read_state_names(reader *r, struct fy_node *item, const char *prefix,
                                 const char *what, int self, int *out, int *n, hs_error *err)
{
    const hs_world_scenario *sc = r->sc;
    struct fy_node *rv = hs_yaml_get(item, what);
    char key[96];
    snprintf(key, sizeof key, "%s.%s", prefix, what);
    if (!rv) return HS_OK;
    if (!hs_yaml_is_seq(rv))
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(rv), key,
                            "expected a list of state names");
    void *it = NULL;
    struct fy_node *x;
    while ((x = fy_node_sequence_iterate(rv, &it)) != NULL) {
        const char *name = hs_yaml_scalar(x);
        int k = name ? world_find_state(sc, name) : -1;
        if (k < 0)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(x), key,
                                "unknown state '%s'", name ? name : "?");
        if (k == self)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(x), key,
                                "a state cannot name itself");
        for (int j = 0; j < *n; j++)
            if (out[j] == k)
                return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(x), key,
                                    "'%s' is listed twice", name);
        out[(*n)++] = k;
    }
    return HS_OK;
}

/* states[idx].trade: {State: share of idx's trade with it}, shares in [0, 1] adding up to
** at most 1. */
static hs_status read_trade(reader *r, struct fy_node *item, int idx, double *trade, hs_error *err)
{
    const hs_world_scenario *sc = r->sc;
    struct fy_node *m = hs_yaml_get(item, "trade");
    char key[64];
    snprintf(key, sizeof key, "states[%d].trade", idx);
    if (!m) return HS_OK;
    if (!hs_yaml_is_map(m))
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(m), key,
                            "expected a mapping of state names to shares of trade");
    void *it = NULL;
    struct fy_node_pair *pair;
    double sum = 0.0;
    while ((pair = fy_node_mapping_iterate(m, &it)) != NULL) {
        const char *name = hs_yaml_scalar(fy_node_pair_key(pair));
        long line = hs_yaml_line(fy_node_pair_key(pair));
        int k = name ? world_find_state(sc, name) : -1;
        if (k < 0 || k == idx)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, key,
                                k < 0 ? "unknown state '%s'" : "a state cannot trade with itself",
                                name ? name : "?");
        const char *vs = hs_yaml_scalar(fy_node_pair_value(pair));
        double v;
        if (!vs || hs_parse_double(vs, &v) != 0)
            return hs_error_set(err, HS_ERR_PARSE, r->y.path, line, key,
                                "the share of trade with '%s' is not a number", name);
        if (v < 0 || v > 1)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, key,
                                "the share of trade with '%s' is %g, out of range [0, 1]", name, v);
        trade[k] = v;
        sum += v;
    }
    if (sum > 1.0 + 1e-9)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(m), key,
                            "the shares of trade add up to %g, more than 1", sum);
    return HS_OK;
}

static hs_status read_states(reader *r, struct fy_node *root, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    struct fy_node *ss = hs_yaml_get(root, "states");
    if (!hs_yaml_is_seq(ss))
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, ss ? hs_yaml_line(ss) : 1, "states",
                            ss ? "expected a list of states" : "a scenario needs 'states'");
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(ss, &it)) != NULL) {
        if (sc->nstates == HS_WORLD_MAX_STATES)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(item), "states",
                                "too many states (at most %d)", HS_WORLD_MAX_STATES);
        hs_status st = read_state(r, item, sc->nstates, err);
        if (st != HS_OK) return st;
        sc->nstates++;
    }
    /* Rivals, allies and trade name other states. */
    it = NULL;
    int idx = 0;
    while ((item = fy_node_sequence_iterate(ss, &it)) != NULL) {
        hs_world_state *s = &sc->states[idx];
        char prefix[32];
        snprintf(prefix, sizeof prefix, "states[%d]", idx);
        hs_status st =
            world_read_state_names(r, item, prefix, "rivals", idx, s->rivals, &s->nrivals, err);
        if (st == HS_OK)
            st =
                world_read_state_names(r, item, prefix, "allies", idx, s->allies, &s->nallies, err);
        if (st == HS_OK) st = read_trade(r, item, idx, s->trade, err);
        if (st != HS_OK) return st;
        idx++;
    }
    return HS_OK;
}

/* ---- events ------------------------------------------------------------- */

static hs_status read_events(reader *r, struct fy_node *root, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    struct fy_node *ev = hs_yaml_get(root, "events");
    if (!ev) return HS_OK;
    if (!hs_yaml_is_seq(ev))
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(ev), "events",
                            "expected a list of events");
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(ev, &it)) != NULL) {
        char prefix[32], type[32] = "", state[HS_WORLD_NAME_MAX] = "",
                         state_b[HS_WORLD_NAME_MAX] = "", loc[256] = "";
        snprintf(prefix, sizeof prefix, "events[%d]", sc->nevents);
        long line = hs_yaml_line(item);
        if (sc->nevents == HS_WORLD_MAX_EVENTS)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, prefix,
                                "too many events (at most %d)", HS_WORLD_MAX_EVENTS);
        hs_world_event *e = &sc->events[sc->nevents];
        *e = (hs_world_event){.type = -1,
                              .end = -1,
                              .state = -1,
                              .state_b = -1,
                              .loc = -1,
                              .intensity = 1.0,
                              .line = line};
        int seen_type = 0, seen_start = 0;
        hs_yaml_field f[] = {
            {"type", HS_YF_STRING, type, 0, sizeof type, NULL, NULL, &seen_type},
            {"state", HS_YF_STRING, state, 0, sizeof state},
            {"state_b", HS_YF_STRING, state_b, 0, sizeof state_b},
            {"location", HS_YF_STRING, loc, 0, sizeof loc},
            {"start", HS_YF_LONG, &e->start, 0, 1e7, NULL, NULL, &seen_start},
            {"end", HS_YF_LONG, &e->end, 0, 1e7},
            {"intensity", HS_YF_DOUBLE, &e->intensity, 0, 1e6},
            {NULL},
        };
        hs_status st = hs_yaml_read_map(&r->y, item, prefix, f, 1, err);
        if (st != HS_OK) return st;
        char key[64];
#define EV_ERR(k, ...)                                                                             \
    (snprintf(key, sizeof key, "%s.%s", prefix, k),                                                \
     hs_error_set(err, HS_ERR_INVALID, r->y.path,                                                  \
                  hs_yaml_get(item, k) ? hs_yaml_line(hs_yaml_get(item, k)) : line, key,           \
                  __VA_ARGS__))
        if (!seen_type || !seen_start) return EV_ERR("type", "an event needs 'type' and 'start'");
        for (int k = 0; k < HS_EV_COUNT; k++)
            if (strcmp(type, hs_event_name(k)) == 0) e->type = k;
        if (e->type < 0)
            return EV_ERR("type",
                          "'%s' is not one of: conflict, drought, epidemic, economic_shock, "
                          "border_closure, arms_buildup, assurance",
                          type);
        if (state[0] && (e->state = world_find_state(sc, state)) < 0)
            return EV_ERR("state", "unknown state '%s'", state);
        if (state_b[0] && (e->state_b = world_find_state(sc, state_b)) < 0)
            return EV_ERR("state_b", "unknown state '%s'", state_b);
        if (loc[0] && (e->loc = hs_geo_find(&sc->geo, loc)) < 0)
            return EV_ERR("location", "unknown location '%s'", loc);
        if (e->loc >= 0 && e->state < 0) e->state = sc->geo.loc_state[e->loc];
        if (e->loc >= 0 && sc->geo.loc_state[e->loc] != e->state)
            return EV_ERR("location", "'%s' is not in state '%s'", loc, state);
        if (e->start >= sc->days)
            return EV_ERR("start", "day %ld is after the end of the run (%ld days)", e->start,
                          sc->days);
        if (e->end >= 0 && e->end > sc->days)
            return EV_ERR("end", "day %ld is after the end of the run (%ld days)", e->end,
                          sc->days);
        if (e->end >= 0 && e->end <= e->start)
            return EV_ERR("end", "the event ends (day %ld) before it starts (day %ld)", e->end,
                          e->start);
        switch (e->type) {
        case HS_EV_BORDER_CLOSURE:
            if (e->state < 0 || e->state_b < 0 || e->state == e->state_b)
                return EV_ERR("state_b",
                              "a border closure needs two states: 'state' and 'state_b'");
            break;
        case HS_EV_EPIDEMIC:
            if (e->loc < 0) return EV_ERR("location", "an epidemic needs a 'location'");
            break;
        case HS_EV_ECONOMIC_SHOCK:
        case HS_EV_ARMS_BUILDUP:
        case HS_EV_ASSURANCE:
            if (e->state < 0) return EV_ERR("state", "this event needs a 'state'");
            if (e->intensity > 1)
                return EV_ERR("intensity", "%g is out of range [0, 1]", e->intensity);
            break;
        default:
            if (e->state < 0) return EV_ERR("state", "this event needs a 'state' or a 'location'");
            if (e->intensity > 1)
                return EV_ERR("intensity", "%g is out of range [0, 1]", e->intensity);
        }
#undef EV_ERR
        sc->nevents++;
    }
    return HS_OK;
}

/* ---- the whole file ----------------------------------------------------- */

static hs_status read_all(reader *r, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    struct fy_node *root = hs_yaml_root(&r->y);
    if (!hs_yaml_is_map(root))
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, 1, NULL,
                            "a scenario is a mapping of keys to values");
    char model[64] = "", name[256] = "", start[32] = "2024-01-01", locs[256], routes[256],
         people[256], indic[1024], closes[256];
    long indic_year = 0;
    int seen_days = 0;
    sc->days = 0;
    hs_yaml_field top[] = {
        {"model", HS_YF_STRING, model, 0, sizeof model},
        {"name", HS_YF_STRING, name, 0, sizeof name},
        {"start_date", HS_YF_STRING, start, 0, sizeof start},
        {"days", HS_YF_LONG, &sc->days, 1, 1e6, NULL, NULL, &seen_days},
        {"groups", HS_YF_IGNORE, NULL},
        {"states", HS_YF_IGNORE, NULL},
        {"locations", HS_YF_STRING, locs, 0, sizeof locs},
        {"routes", HS_YF_STRING, routes, 0, sizeof routes},
        {"people", HS_YF_STRING, people, 0, sizeof people},
        {"indicators", HS_YF_STRING, indic, 0, sizeof indic},
        {"indicator_year", HS_YF_LONG, &indic_year, 1990, 2100},
        {"events", HS_YF_IGNORE, NULL},
        {"closures", HS_YF_STRING, closes, 0, sizeof closes},
        {"security", HS_YF_IGNORE, NULL},
        {"thresholds", HS_YF_IGNORE, NULL},
        {"mechanisms", HS_YF_IGNORE, NULL},
        {"aid", HS_YF_IGNORE, NULL},
        {"donors", HS_YF_IGNORE, NULL},
        {NULL},
    };
    hs_status st = hs_yaml_read_map(&r->y, root, "", top, 1, err);
    if (st != HS_OK) return st;
    if (strcmp(model, "human_security") != 0)
        return hs_error_set(
            err, HS_ERR_INVALID, r->y.path, hs_yaml_line(hs_yaml_get(root, "model")), "model",
            "expected 'model: human_security'%s%s", model[0] ? ", not " : "", model);
    if (!seen_days)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, 1, "days",
                            "a scenario needs 'days' (its length)");
    if (hs_date_parse(start, &sc->start_date) != 0)
        return hs_error_set(err, HS_ERR_PARSE, r->y.path,
                            hs_yaml_line(hs_yaml_get(root, "start_date")), "start_date",
                            "not a date YYYY-MM-DD: '%s'", start);
    sc->name = strdup(name[0] ? name : "scenario");
    if (!sc->name) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    if ((st = read_groups(r, root, err)) || (st = read_states(r, root, err)) ||
        (st = world_read_indicators(r, root, err)) || (st = world_read_locations(r, root, err)) ||
        (st = world_read_routes(r, root, err)) || (st = world_read_closures(r, root, err)) ||
        (st = world_read_people(r, root, err)) || (st = read_events(r, root, err)) ||
        (st = world_read_donors(r, root, err)) || (st = read_params(r, root, err)))
        return st;
    /* Location groups must be groups some state has. */
    return HS_OK;
}

hs_status world_scenario_read(hs_world_scenario **out, const char *path, const char *yaml_text,
                              const world_text_file *embedded, hs_error *err)
{
    *out = NULL;
    reader r = {.embedded = embedded};
    r.sc = calloc(1, sizeof *r.sc);
    if (!r.sc) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_geo_init(&r.sc->geo);
    hs_world_params_default(&r.sc->params);
    hs_status st =
        yaml_text ? hs_yaml_load_text(&r.y, path, yaml_text, err) : hs_yaml_load(&r.y, path, err);
    if (st != HS_OK) {
        hs_world_scenario_free(r.sc);
        return st;
    }
    char *dir = NULL;
    if (!embedded) {
        dir = strdup(path);
        if (!dir)
            st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        else {
            char *slash = strrchr(dir, '/');
            if (slash)
                *slash = '\0';
            else
                strcpy(dir, ".");
        }
        r.dir = dir;
        r.sc->path = strdup(path);
    }
    if (st == HS_OK) st = read_all(&r, err);
    free(dir);
    hs_yaml_free(&r.y);
    if (st != HS_OK) {
        hs_world_scenario_free(r.sc);
        return st;
    }
    *out = r.sc;
    return HS_OK;
}

hs_status hs_world_scenario_load(hs_world_scenario **out, const char *path, hs_error *err)
{
    return world_scenario_read(out, path, NULL, NULL, err);
}
