/*
** experiment.c - the experiment file of `humsec compare` (compare.h):
**   model: experiment
**   name: doctrines
**   scenario: default            # the embedded world, or a human_security or
**                                # civil_violence scenario file or a Flee case
**                                # folder, relative to this file
**   settings: simsetting.yml     # a Flee case's settings (default: the case's own)
**   replicates: 30               # replicate r runs with seed `seed` + r (seed: 1)
**   days: 3650                   # optional: the scenario's own length otherwise
**   scale: 0.1                   # optional: people and camp capacities x scale
**   horizons: [365, 1095, 3650]  # days at which outcomes are reported
**   state: Arland                # the world's focus state (default: the first)
**   outcomes: [deaths, hdi_like] # optional: which outcomes to report (default: all)
**   baseline: none               # the arm the others are compared with (default: the first)
**   arms:
**     - {name: none, doctrine: none}                # the world: a doctrine and
**     - {name: fear, doctrine: fear, budget: 0.1}   # every donor's budget, optional
**     - {name: slow, set: {flight.rate: 0.01}}      # parameters by name, optional
**                     # (hs_cmp_param_range: the world's section.key, a Flee
**                     # simsetting's section.key, a civil-violence scenario's key)
**   uncertain:                   # optional
**     design: lhs                # lhs, sobol or morris
**     samples: 40                # points (lhs), base points (sobol), trajectories (morris)
**     levels: 4                  # morris's grid (even)
**     bootstrap: 1000            # resamples for the intervals of sensitivity indices
**     parameters:
**       - {name: war.offence_defence, low: 0.5, high: 2, distribution: log_uniform}
**       - {name: budget, low: 0.05, high: 0.2}      # every donor's budget
**     discovery: {alpha: 0.05, min_mass: 0.05, threshold: 0.8}   # PRIM
** Strict: an unknown key, a wrong type, a value out of range, an arm, doctrine,
** parameter or outcome that does not exist or a key the base's model does not
** have (a doctrine for a Flee case) - each an error naming file, line and key.
*/
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/compare.h>
#include <humsec/outdir.h>
#include <humsec/table.h>
#include <humsec/world.h>
#include "core/yaml.h"

#include "compare/compare_internal.h"

void hs_experiment_free(hs_experiment *x)
{
    free(x->name);
    free(x->path);
    free(x->scenario);
    free(x->settings);
    memset(x, 0, sizeof *x);
}

/* How the model's parameters are named, for messages. */
static const char *param_hint(int model)
{
    switch (model) {
    case HS_MODEL_FLIGHT:
        return "the flight rules (section.key as in a Flee simsetting file, e.g. "
               "move_rules.conflict_movechance; only rules that act during a run)";
    case HS_MODEL_CIVIL_VIOLENCE:
        return "civil violence (a scenario's key, e.g. legitimacy, cop_density, vision)";
    default:
        return "the world (section.key as in a scenario's params: block, e.g. flight.rate) nor "
               "'budget'";
    }
}

/* Check a value of a parameter of the model (its range, whole where it must be). */
static hs_status check_value(int model, const char *name, double v, hs_error *err)
{
    if (model == HS_MODEL_FLIGHT) {
        hs_flight_settings s;
        hs_flight_settings_default(&s);
        return hs_flight_settings_set(&s, name, v, err);
    }
    if (model == HS_MODEL_CIVIL_VIOLENCE) {
        hs_cv_params c;
        hs_cv_params_default(&c, 1);
        return hs_cv_params_set(&c, name, v, err);
    }
    if (strcmp(name, "budget") == 0) {
        if (v >= 0.0 && v <= HS_CMP_BUDGET_MAX) return HS_OK;
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, name, "%g is outside [0, %g]", v,
                            HS_CMP_BUDGET_MAX);
    }
    hs_world_params w;
    hs_world_params_default(&w);
    return hs_world_params_set(&w, name, v, err);
}

/* arms[i].set: {name: value, ...}, each a parameter of the model in its range. */
static hs_status read_set(const hs_yaml *y, struct fy_node *m, const char *prefix,
                          const hs_experiment *x, hs_cmp_arm *a, hs_error *err)
{
    char key[160];
    snprintf(key, sizeof key, "%s.set", prefix);
    if (!hs_yaml_is_map(m))
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(m), key,
                            "expected a mapping of parameter names to values");
    void *it = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(m, &it)) != NULL) {
        struct fy_node *k = fy_node_pair_key(pair), *v = fy_node_pair_value(pair);
        const char *name = hs_yaml_scalar(k), *text = hs_yaml_scalar(v);
        snprintf(key, sizeof key, "%s.set.%s", prefix, name ? name : "?");
        if (a->nset == HS_CMP_MAX_SET)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(k), key,
                                "an arm sets at most %d parameters", HS_CMP_MAX_SET);
        double lo, hi, val;
        if (!name || strlen(name) >= sizeof a->set_name[0] || strcmp(name, "budget") == 0 ||
            hs_cmp_param_range(x->model, name, &lo, &hi) < 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(k), key,
                                "not a parameter of %s%s", param_hint(x->model),
                                x->model == HS_MODEL_WORLD ? " (an arm's budget is 'budget:')"
                                                           : "");
        if (!text || hs_parse_double(text, &val) != 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(v), key,
                                "expected a number, not '%s'", text ? text : "(a collection)");
        hs_status st = check_value(x->model, name, val, err);
        if (st != HS_OK) {
            char why[HS_ERROR_MSG_MAX];
            snprintf(why, sizeof why, "%s", err->message);
            return hs_error_set(err, st, y->path, hs_yaml_line(v), key, "%s", why);
        }
        for (int j = 0; j < a->nset; j++)
            if (strcmp(a->set_name[j], name) == 0)
                return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(k), key,
                                    "set twice");
        snprintf(a->set_name[a->nset], sizeof a->set_name[0], "%s", name);
        a->set_value[a->nset++] = val;
    }
    return HS_OK;
}

static hs_status read_arms(const hs_yaml *y, struct fy_node *root, hs_experiment *x, hs_error *err)
{
    struct fy_node *arms = hs_yaml_get(root, "arms");
    if (!arms || !hs_yaml_is_seq(arms))
        return hs_error_set(err, HS_ERR_INVALID, y->path, arms ? hs_yaml_line(arms) : 1, "arms",
                            "an experiment needs 'arms': a list of {name, doctrine, budget, set}");
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(arms, &it)) != NULL) {
        char prefix[32], key[48], doctrine[32] = "";
        snprintf(prefix, sizeof prefix, "arms[%d]", x->narms);
        if (x->narms == HS_CMP_MAX_ARMS)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), prefix,
                                "too many arms (at most %d)", HS_CMP_MAX_ARMS);
        hs_cmp_arm *a = &x->arms[x->narms];
        *a = (hs_cmp_arm){.budget = -1.0, .doctrine = -1};
        int seen_name = 0;
        hs_yaml_field f[] = {
            {"name", HS_YF_STRING, a->name, 0, sizeof a->name, NULL, NULL, &seen_name},
            {"doctrine", HS_YF_STRING, doctrine, 0, sizeof doctrine},
            {"budget", HS_YF_DOUBLE, &a->budget, 0, HS_CMP_BUDGET_MAX},
            {"set", HS_YF_IGNORE, NULL},
            {NULL},
        };
        hs_status st = hs_yaml_read_map(y, item, prefix, f, 1, err);
        if (st != HS_OK) return st;
        if (!seen_name || !a->name[0])
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), prefix,
                                "an arm needs a 'name'");
        for (int k = 0; k < x->narms; k++)
            if (strcmp(x->arms[k].name, a->name) == 0)
                return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), prefix,
                                    "arm '%s' is defined twice", a->name);
        if (x->model != HS_MODEL_WORLD && (doctrine[0] || a->budget >= 0)) {
            snprintf(key, sizeof key, "%s.%s", prefix, doctrine[0] ? "doctrine" : "budget");
            return hs_error_set(
                err, HS_ERR_INVALID, y->path,
                hs_yaml_line(hs_yaml_get(item, doctrine[0] ? "doctrine" : "budget")), key,
                "donors are in the human security world only; a %s arm sets "
                "parameters with 'set:'",
                hs_model_name(x->model));
        }
        if (doctrine[0] && (a->doctrine = hs_doctrine_parse(doctrine)) < 0) {
            snprintf(key, sizeof key, "%s.doctrine", prefix);
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(item, "doctrine")), key,
                                "'%s' is not one of: none, fear, want, mixed", doctrine);
        }
        struct fy_node *set = hs_yaml_get(item, "set");
        if (set && (st = read_set(y, set, prefix, x, a, err)) != HS_OK) return st;
        x->narms++;
    }
    if (x->narms == 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(arms), "arms",
                            "the list is empty");
    return HS_OK;
}

static hs_status read_param(const hs_yaml *y, struct fy_node *item, int i, hs_experiment *x,
                            hs_error *err)
{
    char prefix[48], key[80], dist[32] = "uniform";
    snprintf(prefix, sizeof prefix, "uncertain.parameters[%d]", i);
    if (i == HS_DESIGN_MAX_PARAMS)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), prefix,
                            "at most %d uncertain parameters", HS_DESIGN_MAX_PARAMS);
    hs_param *p = &x->params[i];
    *p = (hs_param){.mode = NAN};
    int seen_name = 0, seen_low = 0, seen_high = 0;
    hs_yaml_field f[] = {
        {"name", HS_YF_STRING, p->name, 0, sizeof p->name, NULL, NULL, &seen_name},
        {"low", HS_YF_DOUBLE, &p->low, -1e300, 1e300, NULL, NULL, &seen_low},
        {"high", HS_YF_DOUBLE, &p->high, -1e300, 1e300, NULL, NULL, &seen_high},
        {"mode", HS_YF_DOUBLE, &p->mode, -1e300, 1e300},
        {"distribution", HS_YF_STRING, dist, 0, sizeof dist},
        {NULL},
    };
    hs_status st = hs_yaml_read_map(y, item, prefix, f, 1, err);
    if (st != HS_OK) return st;
    long line = hs_yaml_line(item);
    double lo, hi;
    if (!seen_name || !seen_low || !seen_high)
        return hs_error_set(err, HS_ERR_INVALID, y->path, line, prefix,
                            "an uncertain parameter needs 'name', 'low' and 'high'");
    snprintf(key, sizeof key, "%s.name", prefix);
    int whole = hs_cmp_param_range(x->model, p->name, &lo, &hi);
    if (whole < 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                            "'%s' is not a parameter of %s", p->name, param_hint(x->model));
    for (int j = 0; j < i; j++)
        if (strcmp(x->params[j].name, p->name) == 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path, line, key, "'%s' is uncertain twice",
                                p->name);
    snprintf(key, sizeof key, "%s.distribution", prefix);
    if ((p->dist = hs_dist_parse(dist)) < 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                            "'%s' is not one of: uniform, log_uniform, triangular", dist);
    snprintf(key, sizeof key, "%s.low", prefix);
    if (!(p->low < p->high))
        return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                            "low (%g) must be below high (%g)", p->low, p->high);
    if (p->low < lo || p->high > hi)
        return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                            "[%g, %g] is not inside the range %s accepts, [%g, %g]", p->low,
                            p->high, p->name, lo, hi);
    if (whole == 1 && ceil(p->low) > floor(p->high))
        return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                            "%s is a whole number and [%g, %g] holds none", p->name, p->low,
                            p->high);
    if (p->dist == HS_DIST_LOG_UNIFORM && !(p->low > 0.0))
        return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                            "a log_uniform parameter needs low > 0");
    snprintf(key, sizeof key, "%s.mode", prefix);
    if (p->dist == HS_DIST_TRIANGULAR && !(p->mode >= p->low && p->mode <= p->high))
        return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                            "a triangular parameter needs a mode between low and high");
    return HS_OK;
}

static hs_status read_uncertain(const hs_yaml *y, struct fy_node *u, hs_experiment *x,
                                hs_error *err)
{
    char design[32] = "lhs";
    long levels = 4;
    hs_yaml_field disc[] = {
        {"alpha", HS_YF_DOUBLE, &x->prim_alpha, 0.001, 0.49},
        {"min_mass", HS_YF_DOUBLE, &x->prim_min_mass, 0.001, 1},
        {"threshold", HS_YF_DOUBLE, &x->prim_threshold, 0, 1},
        {NULL},
    };
    hs_yaml_field f[] = {
        {"design", HS_YF_STRING, design, 0, sizeof design},
        {"samples", HS_YF_LONG, &x->samples, 1, 1e7},
        {"levels", HS_YF_LONG, &levels, 2, 1000},
        {"bootstrap", HS_YF_LONG, &x->bootstrap, 0, 1e6},
        {"parameters", HS_YF_IGNORE, NULL},
        {"discovery", HS_YF_MAP, NULL, 0, 0, disc},
        {NULL},
    };
    hs_status st = hs_yaml_read_map(y, u, "uncertain", f, 1, err);
    if (st != HS_OK) return st;
    if ((x->design = hs_design_parse(design)) <= HS_DESIGN_NONE)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(hs_yaml_get(u, "design")),
                            "uncertain.design", "'%s' is not one of: lhs, sobol, morris", design);
    if (x->design == HS_DESIGN_MORRIS && levels % 2 != 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(hs_yaml_get(u, "levels")),
                            "uncertain.levels", "Morris's levels are even, not %ld", levels);
    x->levels = (int)levels;
    struct fy_node *ps = hs_yaml_get(u, "parameters");
    if (!ps || !hs_yaml_is_seq(ps) || fy_node_sequence_item_count(ps) == 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path,
                            ps && hs_yaml_line(ps) > 0 ? hs_yaml_line(ps) : hs_yaml_line(u),
                            "uncertain.parameters",
                            "expected a list of {name, low, high, distribution}");
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(ps, &it)) != NULL) {
        if ((st = read_param(y, item, x->nparams, x, err)) != HS_OK) return st;
        x->nparams++;
    }
    if (hs_design_count(x->design, x->nparams, x->samples) < 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(u), "uncertain.samples",
                            "a %s design of %ld samples over %d parameters is too big", design,
                            x->samples, x->nparams);
    if (x->design == HS_DESIGN_SOBOL && x->samples < 2)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(u), "uncertain.samples",
                            "Sobol indices need at least 2 base samples");
    return HS_OK;
}

/* outcomes: a list of outcome names, each once. */
static hs_status read_outcomes(const hs_yaml *y, struct fy_node *list, hs_experiment *x,
                               hs_error *err)
{
    if (!hs_yaml_is_seq(list) || fy_node_sequence_item_count(list) == 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(list), "outcomes",
                            "expected a list of outcomes, e.g. [deaths, hdi_like]");
    x->outcomes = 0;
    void *it = NULL;
    struct fy_node *item;
    for (int i = 0; (item = fy_node_sequence_iterate(list, &it)) != NULL; i++) {
        char key[32];
        snprintf(key, sizeof key, "outcomes[%d]", i);
        const char *name = hs_yaml_scalar(item);
        int o = hs_cmp_outcome_parse(x->model, name);
        if (o < 0) {
            char known[512] = "";
            for (int k = 0; k < hs_cmp_outcome_count(x->model); k++)
                snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", k ? ", " : "",
                         hs_cmp_outcome_name(x->model, k));
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), key,
                                "'%s' is not one of: %s", name ? name : "(a collection)", known);
        }
        if (x->outcomes >> o & 1u)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), key,
                                "'%s' is listed twice", name);
        x->outcomes |= 1u << o;
    }
    return HS_OK;
}

/* A path given in the experiment file, relative to the file (owned), or NULL. */
static char *relative_to(const hs_yaml *y, const char *path)
{
    const char *slash = strrchr(y->path, '/');
    if (path[0] == '/' || !slash) return strdup(path);
    char *dir = strndup(y->path, (size_t)(slash - y->path));
    char *out = dir ? hs_path_join(dir, path) : NULL;
    free(dir);
    return out;
}

/* The base scenario: its path and model; keys only the world has refused for others. */
static hs_status read_base(const hs_yaml *y, struct fy_node *root, const char *scenario,
                           const char *settings, hs_experiment *x, hs_error *err)
{
    x->model = HS_MODEL_WORLD;
    if (strcmp(scenario, "default") != 0) {
        if (!(x->scenario = relative_to(y, scenario)))
            return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        hs_model m;
        hs_error why;
        if (hs_scenario_model(x->scenario, &m, &why) != HS_OK)
            return hs_error_set(err, why.status, y->path,
                                hs_yaml_line(hs_yaml_get(root, "scenario")), "scenario", "%s: %s",
                                x->scenario, why.message);
        x->model = (int)m;
    }
    if (settings[0]) {
        if (x->model != HS_MODEL_FLIGHT)
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(root, "settings")), "settings",
                                "settings are a Flee case's (the scenario is %s)",
                                hs_model_name((hs_model)x->model));
        if (!(x->settings = relative_to(y, settings)))
            return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    static const char *const world_only[] = {"state", "scale"};
    for (size_t k = 0; k < sizeof world_only / sizeof *world_only; k++) {
        struct fy_node *n = hs_yaml_get(root, world_only[k]);
        if (n && x->model != HS_MODEL_WORLD)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(n), world_only[k],
                                "only an experiment on the human security world has '%s' (the "
                                "scenario is %s)",
                                world_only[k], hs_model_name((hs_model)x->model));
    }
    return HS_OK;
}

static hs_status read_all(const hs_yaml *y, hs_experiment *x, hs_error *err)
{
    struct fy_node *root = hs_yaml_root(y);
    if (!hs_yaml_is_map(root))
        return hs_error_set(err, HS_ERR_INVALID, y->path, 1, NULL, "expected a mapping");
    char model[64] = "", name[128] = "", scenario[1024] = "default", baseline[64] = "";
    char settings[1024] = "";
    double horizons[HS_CMP_MAX_HORIZONS];
    int nh = 0, seen_h = 0;
    long seed = 1;
    hs_yaml_field top[] = {
        {"model", HS_YF_STRING, model, 0, sizeof model},
        {"name", HS_YF_STRING, name, 0, sizeof name},
        {"scenario", HS_YF_STRING, scenario, 0, sizeof scenario},
        {"settings", HS_YF_STRING, settings, 0, sizeof settings},
        {"replicates", HS_YF_LONG, &x->replicates, 1, 100000},
        {"seed", HS_YF_LONG, &seed, 0, 1e15},
        {"days", HS_YF_LONG, &x->days, 1, 1e6},
        {"scale", HS_YF_DOUBLE, &x->scale, 1e-6, 1},
        {"horizons", HS_YF_DOUBLE_LIST, horizons, 1, HS_CMP_MAX_HORIZONS, NULL, &nh, &seen_h},
        {"state", HS_YF_STRING, x->state, 0, sizeof x->state},
        {"baseline", HS_YF_STRING, baseline, 0, sizeof baseline},
        {"arms", HS_YF_IGNORE, NULL},
        {"uncertain", HS_YF_IGNORE, NULL},
        {"outcomes", HS_YF_IGNORE, NULL},
        {NULL},
    };
    hs_status st = hs_yaml_read_map(y, root, "", top, 1, err);
    if (st != HS_OK) return st;
    if (strcmp(model, "experiment") != 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(hs_yaml_get(root, "model")),
                            "model", "expected 'model: experiment'%s%s", model[0] ? ", not " : "",
                            model);
    x->seed0 = (unsigned long long)seed;
    if ((st = read_base(y, root, scenario, settings, x, err)) != HS_OK) return st;
    x->outcomes = (1u << hs_cmp_outcome_count(x->model)) - 1u;
    if ((st = read_arms(y, root, x, err)) != HS_OK) return st;
    struct fy_node *oc = hs_yaml_get(root, "outcomes");
    if (oc && (st = read_outcomes(y, oc, x, err)) != HS_OK) return st;
    struct fy_node *u = hs_yaml_get(root, "uncertain");
    if (u && (st = read_uncertain(y, u, x, err)) != HS_OK) return st;
    if (hs_experiment_runs(x) < 1)
        return hs_error_set(err, HS_ERR_INVALID, y->path, 1, "replicates",
                            "the experiment would make more than ten million runs");
    x->baseline = 0;
    if (baseline[0]) {
        x->baseline = -1;
        for (int k = 0; k < x->narms; k++)
            if (strcmp(x->arms[k].name, baseline) == 0) x->baseline = k;
        if (x->baseline < 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(root, "baseline")), "baseline",
                                "no arm is named '%s'", baseline);
    }
    if (!seen_h || nh == 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, 1, "horizons",
                            "an experiment needs 'horizons': days at which to report outcomes");
    for (int k = 0; k < nh; k++) {
        x->horizons[k] = (long)horizons[k];
        if ((double)x->horizons[k] != horizons[k] ||
            (k > 0 && x->horizons[k] <= x->horizons[k - 1]))
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(root, "horizons")), "horizons",
                                "horizons are whole days, increasing");
    }
    x->nhorizons = nh;
    if (x->days > 0 && x->horizons[nh - 1] > x->days)
        return hs_error_set(err, HS_ERR_INVALID, y->path,
                            hs_yaml_line(hs_yaml_get(root, "horizons")), "horizons",
                            "the last horizon (day %ld) is after the runs end (day %ld)",
                            x->horizons[nh - 1], x->days);
    x->name = strdup(name[0] ? name : "experiment");
    return x->name ? HS_OK : hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

hs_status hs_experiment_load(hs_experiment *x, const char *path, hs_error *err)
{
    memset(x, 0, sizeof *x);
    x->replicates = 10;
    x->days = -1;
    x->scale = 1.0;
    x->samples = 32;
    x->levels = 4;
    x->bootstrap = 1000;
    x->prim_alpha = 0.05;
    x->prim_min_mass = 0.05;
    x->prim_threshold = 0.8;
    hs_yaml y;
    hs_status st = hs_yaml_load(&y, path, err);
    if (st != HS_OK) return st;
    x->path = strdup(path);
    st = x->path ? read_all(&y, x, err)
                 : hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_yaml_free(&y);
    if (st != HS_OK) hs_experiment_free(x);
    return st;
}

long hs_experiment_points(const hs_experiment *x)
{
    return x->design == HS_DESIGN_NONE ? 1 : hs_design_count(x->design, x->nparams, x->samples);
}

long hs_experiment_runs(const hs_experiment *x)
{
    long p = hs_experiment_points(x);
    if (p < 1 || x->replicates < 1 || x->narms < 1) return -1;
    if (p > 10000000L / x->replicates / x->narms) return -1;
    return p * x->replicates * x->narms;
}

/* The name and length of a base scenario of any model. */
static hs_status base_name_days(int model, const char *scenario, char *name, size_t size,
                                long *days, hs_error *err)
{
    hs_status st;
    if (model == HS_MODEL_FLIGHT) {
        hs_flight_case c;
        hs_flight_settings s;
        if ((st = hs_flight_case_open(&c, &s, scenario, NULL, NULL, 1, err)) != HS_OK) return st;
        snprintf(name, size, "%s", c.name);
        *days = c.days;
        hs_flight_case_free(&c);
    } else if (model == HS_MODEL_CIVIL_VIOLENCE) {
        hs_cv_params p;
        if ((st = hs_cv_scenario_load(scenario, &p, err)) != HS_OK) return st;
        snprintf(name, size, "%s", p.name);
        *days = p.steps;
    } else {
        hs_world_scenario *sc;
        st = scenario ? hs_world_scenario_load(&sc, scenario, err)
                      : hs_world_scenario_default(&sc, err);
        if (st != HS_OK) return st;
        snprintf(name, size, "%s", sc->name && sc->name[0] ? sc->name : "scenario");
        *days = sc->days;
        hs_world_scenario_free(sc);
    }
    return HS_OK;
}

hs_status hs_experiment_of_scenario(hs_experiment *x, const char *scenario, long replicates,
                                    unsigned long long seed0, long days, hs_error *err)
{
    memset(x, 0, sizeof *x);
    hs_model model = HS_MODEL_WORLD;
    hs_status st = scenario ? hs_scenario_model(scenario, &model, err) : HS_OK;
    char name[256];
    long own_days = 0;
    if (st == HS_OK) st = base_name_days((int)model, scenario, name, sizeof name, &own_days, err);
    if (st != HS_OK) return st;
    x->model = (int)model;
    x->days = days > 0 ? days : own_days;
    if (x->days < 1)
        return hs_error_set(err, HS_ERR_INVALID, scenario, 0, NULL,
                            "the scenario runs no days (give the days to run)");
    x->name = strdup(name[0] ? name : "scenario");
    x->path = strdup(scenario ? scenario : "default");
    x->scenario = scenario ? strdup(scenario) : NULL;
    if (!x->name || !x->path || (scenario && !x->scenario)) {
        hs_experiment_free(x);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    x->narms = 1;
    x->arms[0] = (hs_cmp_arm){.name = "scenario", .doctrine = -1, .budget = -1.0};
    x->outcomes = (1u << hs_cmp_outcome_count(x->model)) - 1u;
    x->replicates = replicates;
    x->seed0 = seed0;
    x->scale = 1.0;
    /* A quarter, half and all of the run, each once (a run of 1 to 3 days has fewer). */
    for (int k = 1; k <= 4; k++) {
        if (k == 3) continue;
        long h = x->days * k / 4;
        if (h >= 1 && (x->nhorizons == 0 || h > x->horizons[x->nhorizons - 1]))
            x->horizons[x->nhorizons++] = h;
    }
    x->levels = 4;
    x->bootstrap = 1000;
    x->prim_alpha = 0.05;
    x->prim_min_mass = 0.05;
    x->prim_threshold = 0.8;
    return HS_OK;
}
