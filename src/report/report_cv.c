/*
** report_cv.c - the pages of Epstein's civil violence models: one run (quiet,
** active and jailed citizens step by step, its outbursts) and an ensemble over
** seeds (the mean over seeds step by step, and each seed's statistics).
*/
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>

static void cv_titles(report_ctx *r, json_t *sum, const char *what)
{
    json_t *params = json_object_get(sum, "params");
    const char *name = json_string_value(json_object_get(params, "name"));
    long long model = json_integer_value(json_object_get(params, "variant"));
    char buf[512];
    snprintf(buf, sizeof buf, "Civil violence%s: %s", what, name ? name : "?");
    report_set_str(r->meta, "title", buf);
    json_t *seeds = json_object_get(sum, "seeds");
    if (seeds)
        snprintf(buf, sizeof buf,
                 "humsec ensemble, Epstein's Model %s, %lld seeds from %lld, "
                 "%lld steps, legitimacy %g",
                 model == 2 ? "II" : "I", (long long)json_integer_value(seeds),
                 (long long)json_integer_value(json_object_get(sum, "first_seed")),
                 (long long)json_integer_value(json_object_get(params, "steps")),
                 json_number_value(json_object_get(params, "legitimacy")));
    else
        snprintf(buf, sizeof buf,
                 "humsec run, Epstein's Model %s, seed %lld, %lld steps, "
                 "legitimacy %g",
                 model == 2 ? "II" : "I",
                 (long long)json_integer_value(json_object_get(sum, "seed")),
                 (long long)json_integer_value(json_object_get(params, "steps")),
                 json_number_value(json_object_get(params, "legitimacy")));
    report_set_str(r->meta, "subtitle", buf);
    report_record_scalars(r, sum);
    report_record_scalars(r, params);
}

static json_t *step_chart(report_ctx *r, const char *data, const char *title, const char *explain,
                          const char *series, const char *labels, const char *ytitle, hs_error *err)
{
    json_t *c = report_chart(r, "lines", data, title, explain, err);
    if (!c) return NULL;
    report_set_str(c, "x", "step");
    json_object_set_new(c, "series", report_list(series));
    json_object_set_new(c, "labels", report_list(labels));
    report_set_str(c, "xtitle", "step");
    report_set_str(c, "ytitle", ytitle);
    return c;
}

hs_status report_build_cv(report_ctx *r, hs_error *err)
{
    json_t *sum = report_load_json(r, "summary.json", err);
    if (!sum) return err->status;
    cv_titles(r, sum, "");
    long steps = (long)json_integer_value(json_object_get(json_object_get(sum, "params"), "steps"));
    json_decref(sum);
    hs_status st = report_record_file(r, "params.json", err);
    if (st != HS_OK) return st;
    report_dataset *d = report_data(r, "series", "series.csv", NULL, NULL, err);
    if (!d || report_data_thin(d, "step", steps, 2000, err) != HS_OK) return err->status;
    if ((st = report_section(r, "Citizens step by step",
                             "Epstein's citizens on the lattice: quiet, active (in revolt) and "
                             "jailed at each step.",
                             err)) != HS_OK)
        return st;
    if (!step_chart(r, "series", "Active and jailed citizens",
                    "Citizens in open revolt and in jail at each step; bursts of actives are "
                    "the outbursts below.",
                    "active,jailed", "active,jailed", "citizens", err) ||
        !step_chart(r, "series", "Quiet citizens", "Citizens neither active nor jailed.", "quiet",
                    "quiet", "citizens", err))
        return HS_ERR_NOMEM;
    char *p = report_file(r, "series.csv", err);
    int n = 0;
    char **h = p ? report_csv_header(p, &n, err) : NULL;
    free(p);
    int model2 = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(h[i], "blue") == 0) model2 = 1;
    report_strv_free(h, n);
    if (model2 &&
        !step_chart(r, "series", "The two groups (Model II)",
                    "Citizens of each group alive at each step, and the killings.",
                    "blue,green,kills", "blue,green,killed (cumulative)", "citizens", err))
        return HS_ERR_NOMEM;
    if (!report_has_values(r, "outbursts.csv", "peak")) {
        report_note(r, "No outbursts: actives never exceeded the scenario's threshold.");
        return HS_OK;
    }
    if (!report_data(r, "outbursts", "outbursts.csv", NULL, NULL, err)) return err->status;
    if ((st = report_section(r, "Outbursts",
                             "An outburst is a run of steps with more actives than the "
                             "scenario's threshold.",
                             err)) != HS_OK)
        return st;
    json_t *c =
        report_chart(r, "forest", "outbursts", "Peak of each outburst",
                     "The most citizens active at once in each outburst (the first 80).", err);
    if (!c) return HS_ERR_NOMEM;
    json_object_set_new(c, "label",
                        json_pack("[sssss]", "=#", "outburst", "=, steps ", "start", "=-"));
    json_array_append_new(json_object_get(c, "label"), json_string("end"));
    report_set_str(c, "est", "peak");
    report_set_str(c, "xtitle", "peak number of active citizens");
    json_object_set_new(c, "bar", json_true());
    report_set_num(c, "max", 80);
    return HS_OK;
}

static hs_status strip_chart(report_ctx *r, const char *data, const char *field, const char *title,
                             const char *xtitle, hs_error *err)
{
    json_t *c = report_chart(r, "strip", data, title, NULL, err);
    if (!c) return HS_ERR_NOMEM;
    report_set_str(c, "x", field);
    report_set_str(c, "xtitle", xtitle);
    return HS_OK;
}

hs_status report_build_ensemble(report_ctx *r, hs_error *err)
{
    json_t *sum = report_load_json(r, "summary.json", err);
    if (!sum) return err->status;
    cv_titles(r, sum, " over seeds");
    long steps = (long)json_integer_value(json_object_get(json_object_get(sum, "params"), "steps"));
    json_decref(sum);
    hs_status st = report_record_file(r, "params.json", err);
    if (st != HS_OK) return st;
    report_dataset *d = report_data(r, "mean", "series_mean.csv", NULL, NULL, err);
    if (!d || report_data_thin(d, "step", steps, 2000, err) != HS_OK) return err->status;
    if ((st = report_section(r, "Mean over seeds, step by step",
                             "The mean over seeds at each step (the output keeps no seed's own "
                             "series; each seed's statistics are below).",
                             err)) != HS_OK)
        return st;
    if (!step_chart(r, "mean", "Active and jailed citizens, mean over seeds",
                    "Mean number of citizens in revolt and in jail at each step.",
                    "mean_active,mean_jailed", "active,jailed", "citizens", err) ||
        !step_chart(r, "mean", "Quiet citizens, mean over seeds",
                    "Mean number of citizens neither active nor jailed.", "mean_quiet", "quiet",
                    "citizens", err))
        return HS_ERR_NOMEM;
    if (!report_data(r, "seeds", "seeds.csv", NULL, NULL, err)) return err->status;
    if ((st = report_section(r, "Each seed",
                             "Each dot is one seed's statistic; the red line is the median "
                             "over seeds.",
                             err)) != HS_OK)
        return st;
    static const char *const stats[][3] = {
        {"outbursts", "Outbursts per seed", "outbursts"},
        {"mean_peak", "Mean peak of an outburst", "active citizens at the peak"},
        {"max_active", "Most citizens active at once", "active citizens"},
        {"mean_wait", "Mean wait between outbursts", "steps"},
        {"calm_share", "Share of steps without an outburst", "share of steps"},
        {"mean_jailed", "Mean jailed", "citizens"},
    };
    for (size_t i = 0; i < sizeof stats / sizeof *stats; i++)
        if (report_has_values(r, "seeds.csv", stats[i][0]) &&
            (st = strip_chart(r, "seeds", stats[i][0], stats[i][1], stats[i][2], err)) != HS_OK)
            return st;
    if (report_has_values(r, "outbursts.csv", "peak")) {
        if (!report_data(r, "outbursts", "outbursts.csv", "seed,peak,duration,wait_before", NULL,
                         err))
            return err->status;
        if ((st = strip_chart(r, "outbursts", "peak", "Peak of every outburst (all seeds)",
                              "active citizens at the peak", err)) != HS_OK ||
            (report_has_values(r, "outbursts.csv", "wait_before") &&
             (st = strip_chart(r, "outbursts", "wait_before",
                               "Wait before every outburst (all seeds)", "steps", err)) != HS_OK))
            return st;
    }
    return HS_OK;
}
