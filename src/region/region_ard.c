/*
** region_ard.c - a region's world run against the case's UNHCR camp counts:
** the averaged relative difference of `humsec validate` (flight.c's record
** step), computed from the world's daily records, and the run's additions to
** the output folder (summary.json keys, ard_daily.csv, region.txt).
**
** Why from the records and not from the flight process inside the world: the
** world hosts its flight process privately; its daily location records count
** the living people standing at each place, which is what Flee's camp count
** is, except that the world counts a traveller at the place their link starts
** (Flee counts no one on a link). docs/odd/region.md says so.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/date.h>
#include <humsec/outdir.h>
#include "region/region_internal.h"

/* The UNHCR count of validation camp k on day d, as flight.c compares it. */
static double camp_data(const hs_flight_case *c, const hs_flight_settings *s, int k, long d)
{
    double v = hs_series_at(&c->camp_series[k], (double)d);
    if (s->empty_camps_on_day0) v -= trunc(hs_series_at(&c->camp_series[k], 0.0));
    return v;
}

/* Living people at place l on day d (agents). */
static double living(const hs_world_sim *sim, int l, long d)
{
    const hs_world_record *rec = hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, d);
    if (!rec) return 0.0;
    long n = 0;
    for (int st = 0; st < HS_PS_COUNT; st++)
        if (st != HS_PS_DEAD) n += rec->people[st];
    return (double)n;
}

void hs_region_ard(const hs_region *r, const hs_flight_case *c, const hs_flight_settings *s,
                   const hs_world_sim *sim, double *ard, double *ard_rescaled, double *daily)
{
    long days = hs_world_sim_days(sim);
    double a = 0, b = 0;
    long n = 0;
    for (long d = 0; d < days; d++) {
        double *row = daily ? daily + (size_t)d * 4 : NULL;
        if (row) row[0] = row[1] = row[2] = row[3] = NAN;
        if (c->ncamps == 0) continue;
        double data_sum = 0.0, sim_total = 0.0;
        for (int k = 0; k < c->ncamps; k++) {
            data_sum += camp_data(c, s, k, d);
            sim_total += living(sim, r->camp_loc[k], d) * r->scale;
        }
        double untot = trunc(data_sum), denom = untot > 1.0 ? untot : 1.0;
        double err_abs = 0.0, err_resc = 0.0;
        for (int k = 0; k < c->ncamps; k++) {
            double data = camp_data(c, s, k, d), simc = living(sim, r->camp_loc[k], d) * r->scale;
            double resc = sim_total > 0 ? simc * untot / sim_total : 0.0;
            err_abs += fabs(simc - data);
            err_resc += fabs(resc - data);
        }
        if (row) {
            row[0] = sim_total;
            row[1] = untot;
            row[2] = err_abs / denom;
            row[3] = err_resc / denom;
        }
        a += err_abs / denom;
        b += err_resc / denom;
        n++;
    }
    *ard = n ? a / (double)n : NAN;
    *ard_rescaled = n ? b / (double)n : NAN;
}

static json_t *jnum(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *indicators_json(const hs_region *r, int s)
{
    const hs_region_indicators *in = &r->ind[s];
    const hs_world_state *st = &r->sc->states[s];
    json_t *j = json_object();
    json_object_set_new(j, "state", json_string(st->name));
    json_object_set_new(j, "iso3", json_string(in->iso3));
    json_object_set_new(j, "hdr_year", in->hdr_year ? json_integer(in->hdr_year) : json_null());
    json_object_set_new(j, "inform_year",
                        in->inform_year ? json_integer(in->inform_year) : json_null());
    json_object_set_new(j, "fsi_year", in->fsi_year ? json_integer(in->fsi_year) : json_null());
    const struct {
        const char *k;
        double v;
    } vals[] = {{"le", in->le},
                {"eys", in->eys},
                {"mys", in->mys},
                {"gnipc", in->gnipc},
                {"hdi", in->hdi},
                {"inform_natural", in->natural},
                {"inform_human", in->human},
                {"fsi_c1", in->c1},
                {"fsi_c2", in->c2},
                {"fsi_c3", in->c3},
                {"fsi_p1", in->p1},
                {"fsi_p3", in->p3},
                {"economy", st->economy},
                {"services", st->services},
                {"life_expectancy", st->life_expectancy},
                {"legitimacy", st->legitimacy},
                {"repression", st->repression},
                {"cohesion", st->cohesion},
                {"military_share", st->military_share}};
    for (size_t k = 0; k < sizeof vals / sizeof *vals; k++)
        json_object_set_new(j, vals[k].k, jnum(vals[k].v));
    json_object_set_new(j, "from_data", json_integer(r->from_data[s]));
    return j;
}

static hs_status nomem(hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

static hs_status write_daily(const hs_region *r, const hs_flight_case *c, const double *daily,
                             long days, hs_outdir *o, hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "ard_daily.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("day,date,people_per_agent,camp_people,data_camp_people,ard,ard_rescaled\n", f);
    char date[11];
    for (long d = 0; d < days; d++) {
        const double *row = daily + (size_t)d * 4;
        hs_date_format(c->start_date + d, date);
        fprintf(f, "%ld,%s,%g", d, date, r->scale);
        for (int k = 0; k < 4; k++)
            if (isnan(row[k]))
                fputs(",", f);
            else
                fprintf(f, k < 2 ? ",%.0f" : ",%.6f", row[k]);
        fputc('\n', f);
    }
    return hs_outdir_fclose(o, f, "ard_daily.csv", err);
}

static hs_status write_readme(const hs_region *r, const hs_flight_case *c, hs_outdir *o,
                              hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "region.txt", err);
    if (!f) return HS_ERR_IO;
    fprintf(f,
            "The human security world built from the Flee case %s and the indicators of its\n"
            "countries (docs/odd/region.md).\n\n"
            "Scale: one agent for %g people. Every count of people in daily_states.csv,\n"
            "daily_locations.csv and summary.json's world figures is of agents; multiply by\n"
            "%g for people. ard_daily.csv's camp_people and the ARD are in people (scaled).\n\n"
            "What the builder used and what it fell back on:\n",
            c->dir ? c->dir : c->name, r->scale, r->scale);
    for (int k = 0; k < r->nnotes; k++)
        fprintf(f, "  %s\n", r->notes[k]);
    return hs_outdir_fclose(o, f, "region.txt", err);
}

hs_status hs_region_write_run(const hs_region *r, const hs_flight_case *c,
                              const hs_flight_settings *s, const hs_world_sim *sim,
                              double flight_ard, double flight_ard_rescaled, hs_outdir *o,
                              hs_error *err)
{
    long days = hs_world_sim_days(sim);
    double *daily = calloc((size_t)days * 4 + 4, sizeof *daily);
    if (!daily) return nomem(err);
    double ard, ardr;
    hs_region_ard(r, c, s, sim, &ard, &ardr, daily);
    hs_status st = write_daily(r, c, daily, days, o, err);
    free(daily);
    if (st == HS_OK) st = write_readme(r, c, o, err);
    if (st != HS_OK) return st;
    /* summary.json as the world wrote it, with the region's keys added. */
    char *path = hs_path_join(o->staging, "summary.json");
    if (!path) return nomem(err);
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j) {
        st = hs_error_set(err, HS_ERR_IO, path, je.line, NULL, "cannot read it back: %s", je.text);
        free(path);
        return st;
    }
    free(path);
    json_object_set_new(j, "case", json_string(c->dir ? c->dir : c->name));
    json_object_set_new(j, "people_per_agent", json_real(r->scale));
    json_object_set_new(j, "real_people", json_real(r->people));
    json_object_set_new(j, "conflict_reach", jnum(r->conflict_reach));
    json_object_set_new(j, "ard_mean", jnum(ard));
    json_object_set_new(j, "ard_rescaled_mean", jnum(ardr));
    json_object_set_new(j, "flight_ard_mean", jnum(flight_ard));
    json_object_set_new(j, "flight_ard_rescaled_mean", jnum(flight_ard_rescaled));
    json_object_set_new(j, "indicator_year", json_integer(r->year));
    json_t *ind = json_array(), *notes = json_array();
    for (int k = 0; k < r->sc->nstates; k++)
        json_array_append_new(ind, indicators_json(r, k));
    for (int k = 0; k < r->nnotes; k++)
        json_array_append_new(notes, json_string(r->notes[k]));
    json_object_set_new(j, "indicators", ind);
    json_object_set_new(j, "region_notes", notes);
    st = region_write_hdi(r, c, sim, o, j, err);
    if (st == HS_OK) st = region_write_patterns(r, c, s, sim, o, j, err);
    if (st != HS_OK) {
        json_decref(j);
        return st;
    }
    return hs_outdir_write_json(o, "summary.json", j, err);
}
