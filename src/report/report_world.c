/*
** report_world.c - the page of a human security world run (humsec run):
** each state's seven dimensions over time, its people by status, deaths by
** cause, and a map of the locations with the people there.
**
** The output holds no coordinates (daily_locations.csv names places only), so
** the map reads them from the scenario summary.json names: the embedded
** default, the scenario file or the Flee case folder a world was built from (as
** given to the run, relative to where it ran, else to the output folder).
** Without it the page says so and has no map.
*/
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <humsec/flight.h>
#include <humsec/outdir.h>
#include <humsec/world.h>

#define DIMENSIONS                                                                                 \
    "economic_mean,food_mean,health_mean,environmental_mean,personal_mean,community_mean,"         \
    "political_mean"
#define DIMENSION_LABELS "economic,food,health,environmental,personal,community,political"
#define STATUSES "displaced,refugee,camp,returned,armed,jailed"
#define CAUSES                                                                                     \
    "deaths_violence,deaths_repression,deaths_erw,deaths_disease,deaths_hunger,deaths_natural,"    \
    "deaths_maternal"
#define CAUSE_LABELS "violence,repression,ERW (mines),disease,hunger,natural,maternal"
#define PRESENT "home,displaced,refugee,camp,returned,armed,jailed"
#define FLED "displaced,refugee,camp"

/* The map of the run: its scenario's, or - for a world built from a Flee case
** (humsec run CASE --model human_security) - the case folder's; NULL with a note
** saying why when neither can be read. *sc or *c (when *have_case) own it. */
static const hs_geo *load_geo(report_ctx *r, const char *name, hs_world_scenario **sc,
                              hs_flight_case *c, int *have_case)
{
    hs_error e;
    struct stat st;
    *sc = NULL;
    *have_case = 0;
    if (!name) return NULL;
    char *p = stat(name, &st) == 0 ? strdup(name) : hs_path_join(r->path, name);
    int found = p && stat(p, &st) == 0;
    if (strcmp(name, "default") == 0 && !found) {
        free(p);
        return hs_world_scenario_default(sc, &e) == HS_OK ? &(*sc)->geo : NULL;
    }
    if (!found) {
        hs_error_set(&e, HS_ERR_IO, name, 0, NULL, "not found from here");
    } else if (S_ISDIR(st.st_mode)) {
        hs_flight_settings s;
        if (hs_flight_case_open(c, &s, p, NULL, NULL, 1, &e) == HS_OK) {
            free(p);
            *have_case = 1;
            return c->geo;
        }
    } else if (hs_world_scenario_load(sc, p, &e) == HS_OK) {
        free(p);
        return &(*sc)->geo;
    }
    free(p);
    char msg[HS_ERROR_MSG_MAX + HS_ERROR_FILE_MAX + 64];
    hs_error_format(&e, msg, sizeof msg);
    report_note(r, "No map: the scenario's coordinates could not be read (%s).", msg);
    return NULL;
}

static hs_status add_map(report_ctx *r, const char *scenario, long days, hs_error *err)
{
    hs_world_scenario *sc;
    hs_flight_case fc;
    int have_case;
    const hs_geo *g = load_geo(r, scenario, &sc, &fc, &have_case);
    if (!g) return HS_OK;
    json_t *locs = json_array(), *routes = json_array();
    for (int i = 0; i < g->nloc; i++) {
        json_t *l = json_object();
        report_set_str(l, "name", g->loc_name[i]);
        report_set_str(l, "state", g->state_name[g->loc_state[i]]);
        report_set_num(l, "lat", g->loc_lat[i]);
        report_set_num(l, "lon", g->loc_lon[i]);
        json_array_append_new(locs, l);
    }
    for (int k = 0; k < g->nroutes; k++)
        json_array_append_new(
            routes, json_pack("[ss]", g->loc_name[g->route_a[k]], g->loc_name[g->route_b[k]]));
    if (have_case) hs_flight_case_free(&fc);
    hs_world_scenario_free(sc);
    hs_status st = report_section(
        r, "Map",
        "The locations at their coordinates (longitude, latitude: a plain plot, no "
        "projection), joined by the routes people travel. The output counts people per place, "
        "not per route: the flows show as circles that grow and shrink as the slider moves "
        "through the days.",
        err);
    report_dataset *d = st == HS_OK ? report_data(r, "places", "daily_locations.csv",
                                                  "day,location," PRESENT, NULL, err)
                                    : NULL;
    if (!d || report_data_thin(d, "day", days - 1, 120, err) != HS_OK) {
        json_decref(locs);
        json_decref(routes);
        return st != HS_OK ? st : err->status;
    }
    json_t *c = report_chart(r, "map", "places", "People at each location",
                             "Circle area: people there on the day (coloured by state); dark: "
                             "those among them who fled there (displaced, refugees, in camps); "
                             "grey lines: routes.",
                             err);
    if (!c) {
        json_decref(locs);
        json_decref(routes);
        return HS_ERR_NOMEM;
    }
    json_object_set_new(c, "locations", locs);
    json_object_set_new(c, "routes", routes);
    report_set_str(c, "x", "day");
    report_set_str(c, "name", "location");
    json_object_set_new(c, "people", report_list(PRESENT));
    json_object_set_new(c, "fled", report_list(FLED));
    json_object_set_new(c, "wide", json_true());
    return HS_OK;
}

/* A chart of one state's wide columns over days. */
static hs_status state_chart(report_ctx *r, const char *state, const char *title,
                             const char *explain, const char *series, const char *labels,
                             const char *ytitle, const char *yformat, hs_error *err)
{
    char t[256];
    snprintf(t, sizeof t, "%s: %s", state, title);
    json_t *c = report_chart(r, "lines", "states", t, explain, err);
    if (!c) return HS_ERR_NOMEM;
    json_object_set_new(c, "filter", json_pack("{ss}", "state", state));
    report_set_str(c, "x", "day");
    report_set_str(c, "xtitle", "day of the run");
    report_set_str(c, "ytitle", ytitle);
    if (yformat) report_set_str(c, "yformat", yformat);
    json_object_set_new(c, "series", report_list(series));
    json_object_set_new(c, "labels", report_list(labels));
    return HS_OK;
}

/* A world built from a Flee case (humsec run CASE --model human_security): each
** state's HDI-like index beside UNDP's HDI over the case's years. */
static hs_status hdi_chart(report_ctx *r, hs_error *err)
{
    hs_status st = report_section(
        r, "HDI beside UNDP's",
        "How far the crisis moves each state's HDI-like index in the model (day 0 to the "
        "last day) and UNDP's HDI in its Human Development Report table (the case's start "
        "year to the year after its end). The two indices are on different scales; their "
        "changes compare (hdi_vs_hdr.csv has each year).",
        err);
    if (st != HS_OK) return st;
    if (!report_data(r, "hdi", "hdi_change.csv", NULL, NULL, err)) return err->status;
    json_t *c =
        report_chart(r, "forest", "hdi", "Change of the HDI: the model and UNDP",
                     "Relative change of each measure, for each state with UNDP data.", err);
    if (!c) return HS_ERR_NOMEM;
    json_object_set_new(c, "label", report_list("state,= - ,measure"));
    report_set_str(c, "est", "change");
    report_set_str(c, "color", "measure");
    report_set_str(c, "legend", "measure");
    report_set_str(c, "xtitle", "relative change");
    report_set_str(c, "xformat", ".1%");
    json_object_set_new(c, "bar", json_true());
    json_object_set_new(c, "zero", json_true());
    return HS_OK;
}

hs_status report_build_world(report_ctx *r, hs_error *err)
{
    json_t *sum = report_load_json(r, "summary.json", err);
    if (!sum) return err->status;
    const char *scenario = json_string_value(json_object_get(sum, "scenario"));
    long days = (long)json_number_value(json_object_get(sum, "days"));
    char buf[512];
    snprintf(buf, sizeof buf, "Human security world: %s", scenario ? scenario : "?");
    report_set_str(r->meta, "title", buf);
    snprintf(buf, sizeof buf, "humsec run, seed %lld, %ld days from %s, %lld people at the start",
             (long long)json_integer_value(json_object_get(sum, "seed")), days,
             json_string_value(json_object_get(sum, "start_date"))
                 ? json_string_value(json_object_get(sum, "start_date"))
                 : "day 0",
             (long long)json_number_value(json_object_get(sum, "people")));
    report_set_str(r->meta, "subtitle", buf);
    report_record_scalars(r, sum);
    hs_status st = report_record_file(r, "parameters.yml", err);
    char *states_csv = st == HS_OK ? report_file(r, "daily_states.csv", err) : NULL;
    json_t *states = states_csv ? report_csv_distinct(states_csv, "state",
                                                      "scope=nationals&hdi_like!=NA", 64, err)
                                : NULL;
    free(states_csv);
    if (!states) {
        json_decref(sum);
        return st != HS_OK ? st : err->status;
    }
    /* Deaths by cause are daily in the file: written as running sums, so that
    ** thinning a long run to about 1000 days keeps them right. */
    report_dataset *d = report_data(r, "states", "daily_states.csv",
                                    "day,state,hdi_like,dead," DIMENSIONS "," STATUSES "," CAUSES,
                                    "scope=nationals", err);
    if (!d || report_data_cumsum(d, CAUSES, "state", err) != HS_OK ||
        report_data_thin(d, "day", days - 1, 1000, err) != HS_OK)
        goto fail;
    /* Every state's people: the HDI-like index side by side. */
    if ((st = report_section(r, "The states' people",
                             "Each state's own people, wherever they are (at home, displaced, "
                             "abroad, in camps), day by day.",
                             err)) != HS_OK)
        goto fail;
    json_t *c = report_chart(r, "lines", "states", "HDI-like index of each state's people",
                             "The mean of health, schooling and income security of the state's "
                             "own people, 0 (none) to 1 (full).",
                             err);
    if (!c) goto fail;
    report_set_str(c, "x", "day");
    report_set_str(c, "y", "hdi_like");
    report_set_str(c, "color", "state");
    report_set_str(c, "xtitle", "day of the run");
    report_set_str(c, "ytitle", "HDI-like index (0-1)");
    report_set_str(c, "yformat", ".2f");
    report_set_str(c, "legend", "state");
    size_t i;
    json_t *sv;
    if ((st = report_section(r, "Seven dimensions of human security",
                             "The mean security level of each state's own people in each of "
                             "the seven dimensions (UNDP 1994), from 0 (none) to 1 (full).",
                             err)) != HS_OK)
        goto fail;
    json_array_foreach(states, i, sv)
    {
        if ((st = state_chart(r, json_string_value(sv), "seven dimensions",
                              "Mean level in each dimension among the state's own people.",
                              DIMENSIONS, DIMENSION_LABELS, "mean security level (0-1)", ".2f",
                              err)) != HS_OK)
            goto fail;
    }
    if ((st = report_section(r, "People by status",
                             "How many of each state's own people are displaced inside it, "
                             "refugees abroad, in camps, returned, armed or in jail each day "
                             "(those at home, the great majority, are left out to keep the "
                             "others visible).",
                             err)) != HS_OK)
        goto fail;
    json_array_foreach(states, i, sv)
    {
        if ((st = state_chart(r, json_string_value(sv), "people by status",
                              "People of the state in each status on the day (not at home).",
                              STATUSES, STATUSES, "people", NULL, err)) != HS_OK)
            goto fail;
    }
    if ((st = report_section(r, "Deaths by cause",
                             "Deaths of each state's own people, by cause, added up from day "
                             "0.",
                             err)) != HS_OK)
        goto fail;
    json_array_foreach(states, i, sv)
    {
        if ((st = state_chart(r, json_string_value(sv), "deaths by cause",
                              "Cumulative deaths of the state's people since day 0, by cause.",
                              CAUSES, CAUSE_LABELS, "deaths (cumulative)", NULL, err)) != HS_OK)
            goto fail;
    }
    if (report_has(r, "hdi_change.csv") && (st = hdi_chart(r, err)) != HS_OK) goto fail;
    if ((st = add_map(r, scenario, days, err)) != HS_OK) goto fail;
    json_decref(states);
    json_decref(sum);
    return HS_OK;
fail:
    json_decref(states);
    json_decref(sum);
    return err->status != HS_OK ? err->status : HS_ERR_NOMEM;
}
