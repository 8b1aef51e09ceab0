/*
** cv_scenario.c - civil-violence scenario files (YAML, `model: civil_violence`).
**
** Every key is optional except `model`; what is not given keeps the defaults
** of the scenario's `variant` (1: NetLogo's Model I; 2: Epstein's run 7).
** Unknown keys and out-of-range values are errors naming file, line and key.
*/
#include "violence/cv_internal.h"

#include <libfyaml.h>
#include <stdio.h>
#include <string.h>
#include "core/yaml.h"

typedef struct enum_name {
    const char *name;
    int value;
} enum_name;

static const enum_name roundings[] = {
    {"floor", HS_CV_FLOOR}, {"round", HS_CV_ROUND}, {"none", HS_CV_NONE}, {NULL, 0}};
static const enum_name shapes[] = {{"disk", HS_CV_DISK},
                                   {"diamond", HS_CV_DIAMOND},
                                   {"square", HS_CV_SQUARE},
                                   {"cross", HS_CV_CROSS},
                                   {NULL, 0}};
static const enum_name jails[] = {
    {"remove", HS_CV_JAIL_REMOVE}, {"stay", HS_CV_JAIL_STAY}, {NULL, 0}};
static const enum_name params[] = {{"legitimacy", HS_CV_P_LEGITIMACY},
                                   {"cop_density", HS_CV_P_COP_DENSITY},
                                   {"max_jail_term", HS_CV_P_MAX_JAIL_TERM},
                                   {NULL, 0}};

/* Map a name to its value; on failure an error listing the choices. */
static hs_status pick(const hs_yaml *y, struct fy_node *map, const char *key, const char *text,
                      const enum_name *names, int *out, hs_error *err)
{
    for (const enum_name *e = names; e->name; e++)
        if (strcmp(text, e->name) == 0) return *out = e->value, HS_OK;
    char choices[256] = "";
    for (const enum_name *e = names; e->name; e++) {
        strncat(choices, e->name, sizeof choices - strlen(choices) - 1);
        if (e[1].name) strncat(choices, ", ", sizeof choices - strlen(choices) - 1);
    }
    return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(hs_yaml_get(map, key)), key,
                        "'%s' is not one of: %s", text, choices);
}

static hs_status read_schedule(const hs_yaml *y, struct fy_node *seq, hs_cv_params *p,
                               hs_error *err)
{
    if (!hs_yaml_is_seq(seq))
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(seq), "schedule",
                            "expected a list of changes ({param, at | start and end, to})");
    void *it = NULL;
    struct fy_node *item;
    p->nchanges = 0;
    while ((item = fy_node_sequence_iterate(seq, &it)) != NULL) {
        char prefix[32];
        snprintf(prefix, sizeof prefix, "schedule[%d]", p->nchanges);
        long line = hs_yaml_line(item);
        if (p->nchanges == HS_CV_MAX_CHANGES)
            return hs_error_set(err, HS_ERR_INVALID, y->path, line, prefix,
                                "too many changes (at most %d)", HS_CV_MAX_CHANGES);
        char param[64] = "";
        long at = 0, start = 0, end = 0;
        double to = 0;
        int seen_param = 0, seen_at = 0, seen_start = 0, seen_end = 0, seen_to = 0;
        hs_yaml_field f[] = {
            {"param", HS_YF_STRING, param, 0, sizeof param, NULL, NULL, &seen_param},
            {"at", HS_YF_LONG, &at, 0, 1e8, NULL, NULL, &seen_at},
            {"start", HS_YF_LONG, &start, 0, 1e8, NULL, NULL, &seen_start},
            {"end", HS_YF_LONG, &end, 0, 1e8, NULL, NULL, &seen_end},
            {"to", HS_YF_DOUBLE, &to, 0, 1e8, NULL, NULL, &seen_to},
            {NULL},
        };
        hs_status st = hs_yaml_read_map(y, item, prefix, f, 1, err);
        if (st != HS_OK) return st;
        if (!seen_param || !seen_to)
            return hs_error_set(err, HS_ERR_INVALID, y->path, line, prefix,
                                "a change needs 'param' and 'to'");
        if (seen_at == (seen_start || seen_end) || (seen_start != seen_end))
            return hs_error_set(err, HS_ERR_INVALID, y->path, line, prefix,
                                "give either 'at' (a sudden change) or both 'start' and 'end' "
                                "(a linear ramp)");
        int id;
        st = pick(y, item, "param", param, params, &id, err);
        if (st != HS_OK) return st;
        hs_cv_change *c = &p->changes[p->nchanges++];
        c->param = (hs_cv_param_id)id;
        c->start = seen_at ? at : start;
        c->end = seen_at ? at : end;
        c->to = to;
    }
    return HS_OK;
}

/* Locate a check failure (which names only a key) in the file. */
static void locate(const hs_yaml *y, struct fy_node *root, hs_error *err)
{
    if (!err || err->file[0]) return;
    snprintf(err->file, sizeof err->file, "%s", y->path);
    int idx;
    if (sscanf(err->field, "schedule[%d]", &idx) == 1) {
        struct fy_node *seq = hs_yaml_get(root, "schedule");
        void *it = NULL;
        struct fy_node *item = NULL;
        for (int i = 0; i <= idx && seq; i++)
            item = fy_node_sequence_iterate(seq, &it);
        err->line = item ? hs_yaml_line(item) : 0;
    } else {
        struct fy_node *n = hs_yaml_get(root, err->field);
        err->line = n ? hs_yaml_line(n) : 0;
    }
}

static hs_status load(hs_yaml *y, hs_cv_params *p, hs_error *err)
{
    struct fy_node *root = hs_yaml_root(y);
    if (!hs_yaml_is_map(root))
        return hs_error_set(err, HS_ERR_INVALID, y->path, 1, NULL,
                            "a scenario is a mapping of keys to values");
    const char *model = hs_yaml_scalar(hs_yaml_get(root, "model"));
    if (!model)
        return hs_error_set(err, HS_ERR_INVALID, y->path, 1, "model",
                            "missing: a civil-violence scenario says 'model: civil_violence'");
    if (strcmp(model, "civil_violence") != 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(hs_yaml_get(root, "model")),
                            "model",
                            "'%s' is not a civil-violence scenario (model: civil_violence)", model);
    long variant = 1;
    hs_yaml_field vf[] = {{"variant", HS_YF_LONG, &variant, 1, 2}, {NULL}};
    hs_status st = hs_yaml_read_map(y, root, "", vf, 0, err);
    if (st != HS_OK) return st;
    hs_cv_params_default(p, (int)variant);

    char name[HS_CV_NAME_MAX] = "", rounding[32] = "", shape[32] = "", jail[32] = "";
    int seen_name = 0, seen_rounding = 0, seen_shape = 0, seen_jail = 0;
    hs_yaml_field f[] = {
        {"model", HS_YF_IGNORE},
        {"description", HS_YF_IGNORE},
        {"source", HS_YF_IGNORE},
        {"schedule", HS_YF_IGNORE},
        {"variant", HS_YF_IGNORE},
        {"name", HS_YF_STRING, name, 0, sizeof name, NULL, NULL, &seen_name},
        {"width", HS_YF_LONG, &p->width, 3, 32768},
        {"height", HS_YF_LONG, &p->height, 3, 100000},
        {"citizen_density", HS_YF_DOUBLE, &p->citizen_density, 0, 1},
        {"cop_density", HS_YF_DOUBLE, &p->cop_density, 0, 1},
        {"vision", HS_YF_DOUBLE, &p->vision, 1, HS_CV_MAX_VISION},
        {"vision_shape", HS_YF_STRING, shape, 0, sizeof shape, NULL, NULL, &seen_shape},
        {"legitimacy", HS_YF_DOUBLE, &p->legitimacy, 0, 1},
        {"k", HS_YF_DOUBLE, &p->k, 0, 1000},
        {"threshold", HS_YF_DOUBLE, &p->threshold, -1, 1},
        {"max_jail_term", HS_YF_LONG, &p->max_jail_term, 0, 1e8},
        {"rounding", HS_YF_STRING, rounding, 0, sizeof rounding, NULL, NULL, &seen_rounding},
        {"jail", HS_YF_STRING, jail, 0, sizeof jail, NULL, NULL, &seen_jail},
        {"citizens_move", HS_YF_BOOL, &p->citizens_move},
        {"decide_rounds", HS_YF_LONG, &p->decide_rounds, 1, 64},
        {"self_counted_twice", HS_YF_BOOL, &p->self_counted_twice},
        {"steps", HS_YF_LONG, &p->steps, 0, 1e8},
        {"blue_share", HS_YF_DOUBLE, &p->blue_share, 0, 1},
        {"max_age", HS_YF_LONG, &p->max_age, 1, 1e8},
        {"reproduction", HS_YF_DOUBLE, &p->reproduction, 0, 1},
        {"outburst_threshold", HS_YF_LONG, &p->outburst_threshold, 0, 1e9},
        {"burn_in", HS_YF_LONG, &p->burn_in, 0, 1e8},
        {NULL},
    };
    st = hs_yaml_read_map(y, root, "", f, 1, err);
    if (st != HS_OK) return st;
    int v;
    if (seen_name) snprintf(p->name, sizeof p->name, "%s", name);
    if (seen_rounding) {
        if ((st = pick(y, root, "rounding", rounding, roundings, &v, err)) != HS_OK) return st;
        p->rounding = (hs_cv_rounding)v;
    }
    if (seen_shape) {
        if ((st = pick(y, root, "vision_shape", shape, shapes, &v, err)) != HS_OK) return st;
        p->vision_shape = (hs_cv_vision_shape)v;
    }
    if (seen_jail) {
        if ((st = pick(y, root, "jail", jail, jails, &v, err)) != HS_OK) return st;
        p->jail = (hs_cv_jail_mode)v;
    }
    struct fy_node *sched = hs_yaml_get(root, "schedule");
    if (sched && (st = read_schedule(y, sched, p, err)) != HS_OK) return st;
    st = hs_cv_params_check(p, err);
    if (st != HS_OK) locate(y, root, err);
    return st;
}

hs_status hs_cv_scenario_load(const char *path, hs_cv_params *p, hs_error *err)
{
    hs_yaml y;
    hs_status st = hs_yaml_load(&y, path, err);
    if (st != HS_OK) return st;
    st = load(&y, p, err);
    hs_yaml_free(&y);
    return st;
}

hs_status hs_cv_scenario_load_text(const char *name, const char *text, hs_cv_params *p,
                                   hs_error *err)
{
    hs_yaml y;
    hs_status st = hs_yaml_load_text(&y, name, text, err);
    if (st != HS_OK) return st;
    st = load(&y, p, err);
    hs_yaml_free(&y);
    return st;
}
