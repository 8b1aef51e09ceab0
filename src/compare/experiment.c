/*
** experiment.c - the experiment file of `humsec compare` (compare.h):
**   model: experiment
**   name: doctrines
**   scenario: default            # or a human_security scenario file, relative to this one
**   replicates: 30               # replicate r runs with seed `seed` + r (seed: 1)
**   days: 3650                   # optional: the scenario's own length otherwise
**   scale: 0.1                   # optional: people and camp capacities x scale
**   horizons: [365, 1095, 3650]  # days at which outcomes are reported
**   state: Arland                # focus state (default: the first)
**   baseline: none               # the arm the others are compared with (default: the first)
**   arms:
**     - {name: none, doctrine: none}
**     - {name: fear, doctrine: fear, budget: 0.1}   # budget: every donor's, optional
** Strict: an unknown key, a wrong type, a value out of range, an arm or doctrine
** that does not exist - each an error naming file, line and key.
*/
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/compare.h>
#include <humsec/outdir.h>
#include <humsec/world.h>
#include "core/yaml.h"

void hs_experiment_free(hs_experiment *x)
{
    free(x->name);
    free(x->path);
    free(x->scenario);
    memset(x, 0, sizeof *x);
}

static hs_status read_arms(const hs_yaml *y, struct fy_node *root, hs_experiment *x, hs_error *err)
{
    struct fy_node *arms = hs_yaml_get(root, "arms");
    if (!arms || !hs_yaml_is_seq(arms))
        return hs_error_set(err, HS_ERR_INVALID, y->path, arms ? hs_yaml_line(arms) : 1, "arms",
                            "an experiment needs 'arms': a list of {name, doctrine}");
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(arms, &it)) != NULL) {
        char prefix[32], key[48], doctrine[32] = "none";
        snprintf(prefix, sizeof prefix, "arms[%d]", x->narms);
        if (x->narms == HS_CMP_MAX_ARMS)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), prefix,
                                "too many arms (at most %d)", HS_CMP_MAX_ARMS);
        hs_cmp_arm *a = &x->arms[x->narms];
        *a = (hs_cmp_arm){.budget = -1.0};
        int seen_name = 0;
        hs_yaml_field f[] = {
            {"name", HS_YF_STRING, a->name, 0, sizeof a->name, NULL, NULL, &seen_name},
            {"doctrine", HS_YF_STRING, doctrine, 0, sizeof doctrine},
            {"budget", HS_YF_DOUBLE, &a->budget, 0, 100},
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
        if ((a->doctrine = hs_doctrine_parse(doctrine)) < 0) {
            snprintf(key, sizeof key, "%s.doctrine", prefix);
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(item, "doctrine")), key,
                                "'%s' is not one of: none, fear, want, mixed", doctrine);
        }
        x->narms++;
    }
    if (x->narms == 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(arms), "arms",
                            "the list is empty");
    return HS_OK;
}

static hs_status read_all(const hs_yaml *y, hs_experiment *x, hs_error *err)
{
    struct fy_node *root = hs_yaml_root(y);
    if (!hs_yaml_is_map(root))
        return hs_error_set(err, HS_ERR_INVALID, y->path, 1, NULL, "expected a mapping");
    char model[64] = "", name[128] = "", scenario[1024] = "default", baseline[64] = "";
    double horizons[HS_CMP_MAX_HORIZONS];
    int nh = 0, seen_h = 0;
    long seed = 1;
    hs_yaml_field top[] = {
        {"model", HS_YF_STRING, model, 0, sizeof model},
        {"name", HS_YF_STRING, name, 0, sizeof name},
        {"scenario", HS_YF_STRING, scenario, 0, sizeof scenario},
        {"replicates", HS_YF_LONG, &x->replicates, 1, 100000},
        {"seed", HS_YF_LONG, &seed, 0, 1e15},
        {"days", HS_YF_LONG, &x->days, 1, 1e6},
        {"scale", HS_YF_DOUBLE, &x->scale, 1e-6, 1},
        {"horizons", HS_YF_DOUBLE_LIST, horizons, 1, HS_CMP_MAX_HORIZONS, NULL, &nh, &seen_h},
        {"state", HS_YF_STRING, x->state, 0, sizeof x->state},
        {"baseline", HS_YF_STRING, baseline, 0, sizeof baseline},
        {"arms", HS_YF_IGNORE, NULL},
        {NULL},
    };
    hs_status st = hs_yaml_read_map(y, root, "", top, 1, err);
    if (st != HS_OK) return st;
    if (strcmp(model, "experiment") != 0)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(hs_yaml_get(root, "model")),
                            "model", "expected 'model: experiment'%s%s", model[0] ? ", not " : "",
                            model);
    x->seed0 = (unsigned long long)seed;
    if ((st = read_arms(y, root, x, err)) != HS_OK) return st;
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
    if (strcmp(scenario, "default") != 0) {
        /* Relative to the experiment file. */
        const char *slash = strrchr(y->path, '/');
        if (scenario[0] == '/' || !slash) {
            x->scenario = strdup(scenario);
        } else {
            char *dir = strndup(y->path, (size_t)(slash - y->path));
            x->scenario = dir ? hs_path_join(dir, scenario) : NULL;
            free(dir);
        }
        if (!x->scenario) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    return x->name ? HS_OK : hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

hs_status hs_experiment_load(hs_experiment *x, const char *path, hs_error *err)
{
    memset(x, 0, sizeof *x);
    x->replicates = 10;
    x->days = -1;
    x->scale = 1.0;
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
