/*
** report_flight.c - the pages of the flight process: a run of a Flee case
** (simulated people in each camp against UNHCR's counts, the people in
** flight and ARD over time) and a validation over seeds (ARD over time, its
** spread over seeds, each seed's mean).
*/
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CAMPS 24

static void flight_titles(report_ctx *r, json_t *sum, const char *what)
{
    const char *c = json_string_value(json_object_get(sum, "case"));
    if (!c) c = json_string_value(json_object_get(sum, "scenario"));
    char buf[512];
    snprintf(buf, sizeof buf, "%s: %s", what, c ? c : "embedded default");
    report_set_str(r->meta, "title", buf);
    json_t *seeds = json_object_get(sum, "seeds");
    if (seeds)
        snprintf(buf, sizeof buf, "humsec validate, %lld seeds from %lld, %lld days",
                 (long long)json_integer_value(seeds),
                 (long long)json_integer_value(json_object_get(sum, "first_seed")),
                 (long long)json_integer_value(json_object_get(sum, "days")));
    else
        snprintf(buf, sizeof buf, "humsec run (flight), seed %lld, %lld days",
                 (long long)json_integer_value(json_object_get(sum, "seed")),
                 (long long)json_integer_value(json_object_get(sum, "days")));
    report_set_str(r->meta, "subtitle", buf);
    report_record_scalars(r, sum);
}

/* ARD over days, from a file with day and the named columns. */
static hs_status ard_chart(report_ctx *r, const char *data, const char *y, const char *lo,
                           const char *hi, const char *color, const char *title,
                           const char *explain, hs_error *err)
{
    json_t *c = report_chart(r, "lines", data, title, explain, err);
    if (!c) return HS_ERR_NOMEM;
    report_set_str(c, "x", "day");
    report_set_str(c, "y", y);
    if (lo) {
        report_set_str(c, "lo", lo);
        report_set_str(c, "hi", hi);
    }
    if (color) {
        report_set_str(c, "color", color);
        report_set_str(c, "legend", color);
    }
    report_set_str(c, "xtitle", "day of the run");
    report_set_str(c, "ytitle", "ARD (0 = matches UNHCR)");
    report_set_str(c, "yformat", ".2f");
    json_object_set_new(c, "yzero", json_true());
    return HS_OK;
}

hs_status report_build_flight(report_ctx *r, hs_error *err)
{
    json_t *sum = report_load_json(r, "summary.json", err);
    if (!sum) return err->status;
    flight_titles(r, sum, "Flight");
    json_decref(sum);
    hs_status st = report_record_file(r, "settings.yml", err);
    if (st != HS_OK) return st;
    if (!report_data(r, "daily", "daily.csv", NULL, NULL, err)) return err->status;
    if ((st = report_section(r, "People in flight",
                             "The people the run spawned and moved, and how far the camps' "
                             "simulated counts are from UNHCR's (ARD: the absolute differences "
                             "summed over camps, over the refugees UNHCR counted).",
                             err)) != HS_OK)
        return st;
    json_t *c = report_chart(r, "lines", "daily", "People by where they are",
                             "All people spawned so far, those on the road, those in camps "
                             "(simulated) and UNHCR's count in the camps.",
                             err);
    if (!c) return HS_ERR_NOMEM;
    report_set_str(c, "x", "day");
    json_object_set_new(c, "series", report_list("people,travelling,camp_people,data_camp_people"));
    json_object_set_new(c, "labels",
                        report_list("all people,travelling,in camps (simulated),in camps (UNHCR)"));
    json_object_set_new(c, "dashed", report_list("in camps (UNHCR)"));
    report_set_str(c, "xtitle", "day of the run");
    report_set_str(c, "ytitle", "people");
    if (!report_has_values(r, "daily.csv", "ard"))
        report_note(r, "No UNHCR counts in this case: no ARD to draw.");
    else if ((st = ard_chart(r, "daily", "ard", NULL, NULL, NULL, "ARD against UNHCR over time",
                             "Average relative difference of the camps' simulated counts from "
                             "UNHCR's on each day; lower is closer.",
                             err)) != HS_OK)
        return st;
    /* Camps with UNHCR counts: simulated against data, one small chart each. */
    char *loc = report_file(r, "locations.csv", err);
    if (!loc) return err->status;
    json_t *camps = report_csv_distinct(loc, "location", "location_type=camp", MAX_CAMPS, err);
    free(loc);
    if (!camps) return err->status;
    if (json_array_size(camps) > 0) {
        if (!report_data(r, "camps", "locations.csv", "day,location,people,data",
                         "location_type=camp", err) ||
            (st = report_section(r, "Camps: simulated against UNHCR",
                                 "People in each camp in the run (solid) and in UNHCR's "
                                 "series (dashed), where UNHCR counted.",
                                 err)) != HS_OK) {
            json_decref(camps);
            return err->status;
        }
        size_t i;
        json_t *v;
        json_array_foreach(camps, i, v)
        {
            char t[256];
            snprintf(t, sizeof t, "%s", json_string_value(v));
            if (!(c = report_chart(r, "lines", "camps", t, NULL, err))) {
                json_decref(camps);
                return HS_ERR_NOMEM;
            }
            json_object_set_new(c, "filter", json_pack("{sO}", "location", v));
            report_set_str(c, "x", "day");
            json_object_set_new(c, "series", report_list("people,data"));
            json_object_set_new(c, "labels", report_list("simulated,UNHCR"));
            json_object_set_new(c, "dashed", report_list("UNHCR"));
            report_set_str(c, "xtitle", "day of the run");
            report_set_str(c, "ytitle", "people in the camp");
            report_set_num(c, "height", 160);
        }
        if (json_array_size(camps) == MAX_CAMPS)
            report_note(r, "The first %d camps are shown.", MAX_CAMPS);
    }
    json_decref(camps);
    return HS_OK;
}

hs_status report_build_validate(report_ctx *r, hs_error *err)
{
    json_t *sum = report_load_json(r, "summary.json", err);
    if (!sum) return err->status;
    flight_titles(r, sum, "Flight validation");
    double mean = json_number_value(json_object_get(sum, "ard_mean"));
    double sd = json_number_value(json_object_get(sum, "ard_sd"));
    report_note(r, "Mean ARD over the days and seeds: %.4f (sd over seeds %.4f).", mean, sd);
    json_decref(sum);
    hs_status st = report_record_file(r, "settings.yml", err);
    if (st != HS_OK) return st;
    if ((st = report_section(r, "ARD over time",
                             "The average relative difference of the camps' simulated counts "
                             "from UNHCR's on each day (0: the simulation matches UNHCR).",
                             err)) != HS_OK)
        return st;
    if (!report_data(r, "byday", "ard_by_day.csv", NULL, NULL, err)) return err->status;
    if (report_has(r, "ard_daily.csv") &&
        !report_data(r, "perseed", "ard_daily.csv", "day,seed,ard", NULL, err))
        return err->status;
    if (!report_data(r, "seeds", "validation.csv", NULL, NULL, err)) return err->status;
    /* The band is the mean plus and minus one sd over seeds. */
    json_t *c = report_chart(r, "lines", "byday", "Mean ARD over seeds",
                             "Mean over seeds on each day, with a band of one standard "
                             "deviation over seeds either side.",
                             err);
    if (!c) return HS_ERR_NOMEM;
    report_set_str(c, "x", "day");
    report_set_str(c, "y", "ard_mean");
    report_set_str(c, "xtitle", "day of the run");
    report_set_str(c, "ytitle", "ARD (0 = matches UNHCR)");
    report_set_str(c, "yformat", ".2f");
    json_object_set_new(c, "yzero", json_true());
    report_set_str(c, "sd", "ard_sd");
    if (report_has(r, "ard_daily.csv") &&
        (st = ard_chart(r, "perseed", "ard", NULL, NULL, "seed", "ARD of each seed",
                        "One line per seed: how much the runs differ from one another.", err)) !=
            HS_OK)
        return st;
    if (!(c = report_chart(r, "forest", "seeds", "Mean ARD of each seed",
                           "Each seed's ARD averaged over the days (dot) and rescaled ARD "
                           "(diamond).",
                           err)))
        return HS_ERR_NOMEM;
    json_object_set_new(c, "label", report_list("=seed ,seed"));
    report_set_str(c, "est", "ard_mean");
    report_set_str(c, "also", "ard_rescaled_mean");
    report_set_str(c, "xtitle", "mean ARD over the days");
    report_set_str(c, "xformat", ".3f");
    report_set_num(c, "max", 60);
    report_note(r, "Per-camp counts are not in a validation folder: humsec run on the case "
                   "writes them for one seed (locations.csv), and its report draws each camp "
                   "against UNHCR.");
    return HS_OK;
}
