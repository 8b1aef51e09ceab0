/*
** report_compare.c - the page of a comparison of policies (humsec compare):
** each outcome per arm over time as a fan of its replicates, the paired
** differences from the baseline arm with their 95% intervals at each horizon,
** and, when the experiment sampled uncertain parameters, the sensitivity of
** each outcome to them and the PRIM boxes in which one arm beats another.
**
** Every table is optional but effects.csv: the page shows what the folder
** holds. Fans come from series.csv (every reported day) when it is there,
** else from outcomes.csv at the horizons (quantiles over replicates, computed
** in the page).
*/
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>
#include <humsec/compare.h>

#define MAX_CHARTS 24

/* One of report_csv_distinct's values, "a|b|c|d", copied into buf and split into its 4
** parts: 1 when it has all 4. */
static int group_parts(json_t *v, char *buf, size_t size, char *part[4])
{
    snprintf(buf, size, "%s", json_string_value(v));
    char *s = buf;
    int k = 0;
    while (s && k < 4) {
        part[k++] = s;
        s = strchr(s, '|');
        if (s) *s++ = '\0';
    }
    return k == 4;
}

/* The distinct values of cols in a file of the folder (NULL: err set). */
static json_t *distinct(report_ctx *r, const char *file, const char *cols, hs_error *err)
{
    char *p = report_file(r, file, err);
    if (!p) return NULL;
    json_t *v = report_csv_distinct(p, cols, NULL, MAX_CHARTS, err);
    free(p);
    return v;
}

/* arms: the arms' names in the experiment's order, or NULL: one arm, one
** colour on every chart. */
static hs_status fans(report_ctx *r, json_t *outcomes, const char *baseline, json_t *arms,
                      const char *xtitle, hs_error *err)
{
    int series = report_has(r, "series.csv");
    if (!series && !report_has(r, "outcomes.csv")) return HS_OK;
    hs_status st = report_section(
        r, "Outcomes by arm over time",
        series ? "Each arm's outcome over the replicates: the line is the median, the dark band "
                 "holds the middle half of the replicates (25-75%), the light band 90% (5-95%)."
               : "Each arm's outcome over the replicates at each horizon: the dots are the "
                 "median, the dark band holds the middle half of the replicates (25-75%), the "
                 "light band 90% (5-95%).",
        err);
    if (st != HS_OK) return st;
    if (series
            ? !report_data(r, "series", "series.csv", NULL, NULL, err)
            : !report_data(r, "outcomes", "outcomes.csv", "arm,outcome,horizon,value", NULL, err))
        return err->status;
    size_t i;
    json_t *v;
    json_array_foreach(outcomes, i, v)
    {
        const char *o = json_string_value(v);
        char t[256], e[256];
        if (!arms || json_array_size(arms) > 1) {
            snprintf(t, sizeof t, "%s by arm", o);
            snprintf(e, sizeof e, "The fan of each arm (baseline: %s) over %s.", baseline,
                     series ? "every reported day" : "the horizons");
        } else {
            snprintf(t, sizeof t, "%s over the seeds", o);
            snprintf(e, sizeof e, "The fan of the seeds' runs over %s.",
                     series ? "every reported day" : "the horizons");
        }
        json_t *c = report_chart(r, "fan", series ? "series" : "outcomes", t, e, err);
        if (!c) return HS_ERR_NOMEM;
        json_object_set_new(c, "filter", json_pack("{ss}", "outcome", o));
        if (!series) report_set_str(c, "from", "outcomes");
        if (arms) json_object_set(c, "domain", arms);
        report_set_str(c, "xtitle", xtitle);
        report_set_str(c, "ytitle", hs_cmp_outcome_unit(o));
    }
    return HS_OK;
}

static hs_status effects(report_ctx *r, json_t *outcomes, const char *baseline, json_t *arms,
                         hs_error *err)
{
    hs_status st = report_section(
        r, "Paired differences from the baseline",
        "Each arm minus the baseline in the same replicate (common random numbers), averaged "
        "over replicates: the dot is the mean difference, the line its 95% interval; an "
        "interval that does not cross the dashed zero line is a difference the replicates "
        "resolve.",
        err);
    if (st != HS_OK) return st;
    if (!report_data(r, "effects", "effects.csv", NULL, NULL, err)) return err->status;
    size_t i;
    json_t *v;
    json_array_foreach(outcomes, i, v)
    {
        const char *o = json_string_value(v);
        char t[256], e[256];
        snprintf(t, sizeof t, "%s: arm minus %s", o, baseline);
        snprintf(e, sizeof e,
                 "Mean paired difference in %s at each horizon, with its 95%% interval.", o);
        json_t *c = report_chart(r, "forest", "effects", t, e, err);
        if (!c) return HS_ERR_NOMEM;
        json_object_set_new(c, "filter", json_pack("{ss}", "outcome", o));
        /* The label: its parts are fields, or text after '='. */
        json_object_set_new(c, "label",
                            json_pack("[sssss]", "arm", "= - ", "baseline", "=, day ", "horizon"));
        report_set_str(c, "est", "mean_difference");
        report_set_str(c, "lo", "ci95_low");
        report_set_str(c, "hi", "ci95_high");
        report_set_str(c, "color", "arm");
        report_set_str(c, "legend", "arm");
        if (arms) json_object_set(c, "domain", arms);
        char x[300];
        snprintf(x, sizeof x, "difference in %s", hs_cmp_outcome_unit(o));
        report_set_str(c, "xtitle", x);
        json_object_set_new(c, "zero", json_true());
    }
    return HS_OK;
}

static hs_status sensitivity(report_ctx *r, hs_error *err)
{
    if (!report_has(r, "sensitivity.csv")) return HS_OK;
    json_t *groups = distinct(r, "sensitivity.csv", "method|arm|outcome|horizon", err);
    if (!groups) return err->status;
    hs_status st = report_section(
        r, "Sensitivity to the uncertain parameters",
        "How much of each outcome's variance each parameter explains: Sobol's first-order "
        "index S1 (alone) and total index ST (with its interactions), or Morris's mu* (mean "
        "absolute elementary effect) and sigma (its spread); the line is the 95% interval.",
        err);
    if (st == HS_OK && !report_data(r, "sensitivity", "sensitivity.csv", NULL, NULL, err))
        st = err->status;
    size_t i;
    json_t *v;
    json_array_foreach(groups, i, v)
    {
        if (st != HS_OK) break;
        char buf[1024], *p[4];
        if (!group_parts(v, buf, sizeof buf, p)) continue;
        char t[1200];
        snprintf(t, sizeof t, "%s of %s at day %s, arm %s", p[0], p[2], p[3], p[1]);
        json_t *c = report_chart(r, "forest", "sensitivity", t,
                                 "Each parameter's index (bar) with its 95% interval (line).", err);
        if (!c) return HS_ERR_NOMEM;
        json_object_set_new(
            c, "filter",
            json_pack("{ssssssss}", "method", p[0], "arm", p[1], "outcome", p[2], "horizon", p[3]));
        json_object_set_new(c, "label", json_pack("[ssss]", "parameter", "= (", "index", "=)"));
        report_set_str(c, "est", "value");
        report_set_str(c, "lo", "ci95_low");
        report_set_str(c, "hi", "ci95_high");
        report_set_str(c, "color", "index");
        report_set_str(c, "legend", "index");
        report_set_str(c, "xtitle", "index");
        report_set_str(c, "xformat", ".2f");
        json_object_set_new(c, "bar", json_true());
    }
    json_decref(groups);
    return st;
}

static hs_status prim(report_ctx *r, hs_error *err)
{
    if (!report_has(r, "prim.csv")) return HS_OK;
    json_t *groups = distinct(r, "prim.csv", "arm|baseline|outcome|horizon", err);
    if (!groups) return err->status;
    hs_status st = report_section(
        r, "Where one arm beats another (PRIM)",
        "Scenario discovery: boxes of the uncertain parameters inside which an arm beats the "
        "baseline most often. Each bar is a parameter's range in the box (blue) within the "
        "range sampled (grey); coverage is the share of the runs where the arm wins that fall "
        "in the box, density the share of the box's runs where it wins.",
        err);
    if (st == HS_OK && !report_data(r, "prim", "prim.csv", NULL, NULL, err)) st = err->status;
    if (st == HS_OK && report_has(r, "runs.csv") &&
        !report_data(r, "runs", "runs.csv", NULL, NULL, err))
        st = err->status;
    size_t i;
    json_t *v;
    json_array_foreach(groups, i, v)
    {
        if (st != HS_OK) break;
        char buf[1024], *p[4];
        if (!group_parts(v, buf, sizeof buf, p)) continue;
        char t[1200];
        snprintf(t, sizeof t, "%s beats %s on %s at day %s", p[0], p[1], p[2], p[3]);
        json_t *c = report_chart(r, "prim", "prim", t,
                                 "Each box's restrictions, as a share of the sampled range.", err);
        if (!c) return HS_ERR_NOMEM;
        json_object_set_new(c, "filter",
                            json_pack("{ssssssss}", "arm", p[0], "baseline", p[1], "outcome", p[2],
                                      "horizon", p[3]));
        report_set_str(c, "runs", "runs");
        report_set_str(c, "xtitle", "share of the sampled range of the parameter");
    }
    json_decref(groups);
    return st;
}

/* The outcomes shown: from the first table that has any. */
static json_t *outcomes_of(report_ctx *r, hs_error *err)
{
    static const char *const files[] = {"series.csv", "outcomes.csv", "effects.csv"};
    for (size_t k = 0; k < sizeof files / sizeof *files; k++)
        if (report_has_values(r, files[k], "outcome")) return distinct(r, files[k], "outcome", err);
    json_t *none = json_array();
    if (!none) hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    return none;
}

hs_status report_build_compare(report_ctx *r, hs_error *err)
{
    json_t *sum =
        report_has(r, "summary.json") ? report_load_json(r, "summary.json", err) : json_object();
    if (!sum) return err->status;
    const char *name = json_string_value(json_object_get(sum, "experiment"));
    const char *baseline = json_string_value(json_object_get(sum, "baseline"));
    const char *scenario = json_string_value(json_object_get(sum, "scenario"));
    const char *model = json_string_value(json_object_get(sum, "model"));
    /* Civil violence counts steps; the world and flight, days. */
    int steps = model && strcmp(model, "civil_violence") == 0;
    json_t *arms = json_object_get(sum, "arms"), *names = json_array();
    size_t i;
    json_t *a;
    json_array_foreach(arms, i, a) json_array_append(names, json_object_get(a, "name"));
    /* One arm: humsec ensemble of a world scenario (seeds, no policies to compare). */
    int one = json_array_size(arms) == 1;
    char buf[512];
    snprintf(buf, sizeof buf, "%s: %s", one ? "Ensemble" : "Comparison", name ? name : r->path);
    report_set_str(r->meta, "title", buf);
    long long reps = json_integer_value(json_object_get(sum, "replicates"));
    /* The days the experiment file gives, or the scenario's own length (null). */
    char length[64] = "the scenario's length";
    if (json_is_integer(json_object_get(sum, "days")))
        snprintf(length, sizeof length, "%lld %s",
                 (long long)json_integer_value(json_object_get(sum, "days")),
                 steps ? "steps" : "days");
    if (one)
        snprintf(buf, sizeof buf, "humsec ensemble, %lld seeds from %lld, %s, scenario %s", reps,
                 (long long)json_integer_value(json_object_get(sum, "first_seed")), length,
                 scenario ? scenario : "?");
    else
        snprintf(buf, sizeof buf,
                 "humsec compare, %zu arms over %lld replicates, %s, scenario %s, "
                 "baseline %s",
                 json_array_size(arms), reps, length, scenario ? scenario : "?",
                 baseline ? baseline : "?");
    report_set_str(r->meta, "subtitle", buf);
    report_record_scalars(r, sum);
    hs_status st = report_record_file(r, "experiment.yml", err);
    if (st == HS_OK) st = report_record_file(r, "params.yml", err);
    char base[128];
    snprintf(base, sizeof base, "%s", baseline ? baseline : "the baseline");
    json_decref(sum);
    if (!json_array_size(names)) {
        json_decref(names);
        names = NULL;
    }
    json_t *outcomes = st == HS_OK ? outcomes_of(r, err) : NULL;
    if (!outcomes) {
        json_decref(names);
        return err->status;
    }
    if (!json_array_size(outcomes))
        report_note(r, "No outcomes in the folder's tables: nothing to draw.");
    st = fans(r, outcomes, base, names, steps ? "step of the run" : "day of the run", err);
    if (st == HS_OK && report_has_values(r, "effects.csv", "outcome"))
        st = effects(r, outcomes, base, names, err);
    if (st == HS_OK) st = sensitivity(r, err);
    if (st == HS_OK) st = prim(r, err);
    json_decref(outcomes);
    json_decref(names);
    return st;
}
