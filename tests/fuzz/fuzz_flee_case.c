/*
** fuzz_flee_case.c - Flee case folders (src/flight/flee_case.c,
** flee_series.c) with their simsetting file (flee_settings.c), and the first
** days of a run of a case small enough to run in a moment (spawning and
** movement read what the reader let through).
**
** The input is a case in the split form of fuzz_util.h: the text before the
** first "== " line is simsetting.yml, then input_csv/locations.csv,
** input_csv/routes.csv, ..., source_data/data_layout.csv and the series. The
** case is read from memory by the reader that serves the embedded default.
*/
#include <humsec/error.h>
#include <humsec/flight.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "flight/flight_internal.h"
#include "fuzz_util.h"

/* What a run of a few days may spawn here, at most, and how many link-steps a
** day its people may take: the harness runs only cases well inside both, so
** that an input cannot make it slow (a person covers max_move_speed km a day,
** hop after hop: 360 km of 0.2 km routes are 1,800 steps). */
#define SMALL 1e5
#define STEPS 2e6

static double series_max(const hs_series *s)
{
    double m = 0;
    for (int i = 0; i < s->n; i++)
        if (s->value[i] > m) m = s->value[i];
    return m;
}

/* Small enough to run a few days quickly? */
static int small_case(const hs_flight_case *c, const hs_flight_settings *s)
{
    if (c->geo->nloc > 200 || c->days > 1000) return 0; /* a run reserves its days at once */
    double pop = 0, intensity = 1;
    for (int i = 0; i < c->geo->nloc; i++) {
        pop += c->population[i] + c->initial[i];
        if (c->intensity[i] > intensity) intensity = c->intensity[i];
    }
    for (size_t k = 0; k < (size_t)c->conflict_rows * (size_t)c->nconflict; k++)
        if (c->conflict_value[k] > intensity) intensity = c->conflict_value[k];
    double data = series_max(&c->total);
    for (int k = 0; k < c->ncamps; k++)
        data += series_max(&c->camp_series[k]);
    for (int k = 0; k < c->noffmap; k++)
        data += series_max(&c->offmap_series[k]);
    double rate = s->displaced_per_conflict_day;
    if (isnan(rate)) rate = 500;
    double spawn = s->spawn_mode == HS_SPAWN_DATA        ? data
                   : s->spawn_mode == HS_SPAWN_POP_RATIO ? rate * intensity * pop
                                                         : rate * intensity * c->geo->nloc;
    double km = 1e9;
    for (int r = 0; r < c->geo->nroutes; r++)
        if (c->geo->route_km[r] < km) km = c->geo->route_km[r];
    double hops = s->max_move_speed / (km > 1e-3 ? km : 1e-3) + 1;
    return pop + data < SMALL && spawn < SMALL && (pop + data + 3 * spawn) * hops < STEPS;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_files fs;
    if (fuzz_split(&fs, data, size, "simsetting.yml") != 0) {
        fuzz_files_free(&fs);
        return 0;
    }
    hs_flight_embedded_file files[FUZZ_MAX_FILES + 1];
    int n = 0;
    for (int i = 0; i < fs.n; i++)
        if (strncmp(fs.f[i].path, "input_csv/", 10) == 0 ||
            strncmp(fs.f[i].path, "source_data/", 12) == 0)
            files[n++] = (hs_flight_embedded_file){fs.f[i].path, fs.f[i].text};
    files[n] = (hs_flight_embedded_file){NULL, NULL};
    hs_error err;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    const char *yml = fuzz_find(&fs, "simsetting.yml");
    if (yml && *yml && hs_flight_settings_load_text(&s, "simsetting.yml", yml, &err) != HS_OK) {
        fuzz_files_free(&fs);
        return 0;
    }
    hs_flight_case c;
    if (hs_flight_case_read(&c, "fuzz", NULL, NULL, files, &s, &err) == HS_OK) {
        hs_flight_sim *sim;
        if (small_case(&c, &s) && hs_flight_sim_create(&sim, &c, &s, 1, &err) == HS_OK) {
            hs_flight_sim_set_threads(sim, 1);
            hs_flight_sim_run(sim, c.days < 3 ? c.days : 3, NULL, NULL, &err);
            hs_flight_sim_free(sim);
        }
        hs_flight_case_free(&c);
    }
    fuzz_files_free(&fs);
    return 0;
}
