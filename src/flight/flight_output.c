/*
** flight_output.c - a flight run written as tidy CSV, resolved settings and
** a JSON summary. Missing values are written NA, which pandas and R both read
** as missing by default.
*/
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/date.h>
#include <humsec/outdir.h>
#include <humsec/table.h>
#include <humsec/version.h>
#include "flight/flight_internal.h"

static void put_num(FILE *f, double v)
{
    if (isnan(v))
        fputs("NA", f);
    else
        fprintf(f, "%.6g", v);
}

static hs_status write_daily(const hs_flight_sim *sim, hs_outdir *o, hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "daily.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("day,date,spawned,people,travelling,camp_people,data_camp_people,ard,ard_rescaled\n", f);
    char date[11];
    for (long d = 0; d < sim->day; d++) {
        const hs_flight_day *r = &sim->days[d];
        hs_date_format(sim->c->start_date + d, date);
        fprintf(f, "%ld,%s,%ld,%ld,%ld,%ld,", d, date, r->spawned, r->people, r->travelling,
                r->camp_people);
        put_num(f, r->data_total);
        fputc(',', f);
        put_num(f, r->ard);
        fputc(',', f);
        put_num(f, r->ard_rescaled);
        fputc('\n', f);
    }
    return hs_outdir_fclose(o, f, "daily.csv", err);
}

static hs_status write_locations(const hs_flight_sim *sim, hs_outdir *o, hs_error *err)
{
    const hs_flight_case *c = sim->c;
    const hs_geo *w = c->geo;
    FILE *f = hs_outdir_fopen(o, "locations.csv", err);
    if (!f) return HS_ERR_IO;
    int *camp_of = malloc((size_t)sim->nloc * sizeof(int));
    if (!camp_of) {
        fclose(f);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (int i = 0; i < sim->nloc; i++)
        camp_of[i] = -1;
    for (int k = 0; k < c->ncamps; k++)
        camp_of[c->camp_loc[k]] = k;
    fputs("day,date,location,region,country,location_type,people,data\n", f);
    char date[11];
    for (long d = 0; d < sim->day; d++) {
        const int32_t *counts = sim->counts_hist + (size_t)d * (size_t)sim->nloc;
        hs_date_format(c->start_date + d, date);
        for (int i = 0; i < sim->nloc; i++) {
            fprintf(f, "%ld,%s,", d, date);
            hs_csv_put_text(f, w->loc_name[i]);
            fputc(',', f);
            hs_csv_put_text(f, w->loc_region[i]);
            fputc(',', f);
            hs_csv_put_text(f, w->state_name[w->loc_state[i]]);
            fprintf(f, ",%s,%d,", hs_loc_type_name((hs_loc_type)w->loc_type[i]), counts[i]);
            if (camp_of[i] >= 0) {
                double v = hs_series_at(&c->camp_series[camp_of[i]], (double)d);
                if (sim->s->empty_camps_on_day0) v -= trunc(sim->day0pop[camp_of[i]]);
                put_num(f, v);
            } else {
                fputs("NA", f);
            }
            fputc('\n', f);
        }
    }
    free(camp_of);
    return hs_outdir_fclose(o, f, "locations.csv", err);
}

static hs_status write_settings(const hs_flight_sim *sim, hs_outdir *o, hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "settings.yml", err);
    if (!f) return HS_ERR_IO;
    fprintf(f,
            "# Resolved settings of this run: 'humsec run CASE --settings settings.yml\n"
            "# --seed %llu' repeats it.\n"
            "# case: %s\n# seed: %llu\n# days: %ld\n# humsec: %s\n",
            (unsigned long long)sim->seed, sim->c->dir ? sim->c->dir : sim->c->name,
            (unsigned long long)sim->seed, sim->day, hs_version());
    hs_flight_settings_write(sim->s, f);
    return hs_outdir_fclose(o, f, "settings.yml", err);
}

static void json_num(json_t *o, const char *key, double v)
{
    json_object_set_new(o, key, isnan(v) ? json_null() : json_real(v));
}

static hs_status write_summary(const hs_flight_sim *sim, hs_outdir *o, double wall, hs_error *err)
{
    double ard, ardr;
    hs_flight_sim_ard(sim, &ard, &ardr);
    json_t *j = json_object();
    if (!j) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    json_object_set_new(j, "humsec_version", json_string(hs_version()));
    json_object_set_new(j, "model", json_string("flight"));
    json_object_set_new(j, "case", json_string(sim->c->dir ? sim->c->dir : sim->c->name));
    json_object_set_new(j, "seed", json_integer((json_int_t)sim->seed));
    json_object_set_new(j, "days", json_integer(sim->day));
    char date[11];
    hs_date_format(sim->c->start_date, date);
    json_object_set_new(j, "start_date", json_string(date));
    json_object_set_new(j, "people", json_integer((json_int_t)hs_flight_everyone(sim)));
    json_object_set_new(j, "locations", json_integer(sim->nloc));
    json_object_set_new(j, "routes", json_integer(sim->c->geo->nroutes));
    json_object_set_new(j, "agent_days", json_real(sim->agent_days));
    json_num(j, "ard_mean", ard);
    json_num(j, "ard_rescaled_mean", ardr);
    json_num(j, "wall_seconds", wall);
    json_num(j, "agent_days_per_second", wall > 0 ? sim->agent_days / wall : NAN);
    json_object_set_new(j, "threads", json_integer(sim->threads));
    json_object_set_new(j, "ranks", json_integer(sim->nranks));
    json_object_set_new(j, "bytes_per_person", json_integer(HS_PEOPLE_BYTES_PER_PERSON));
    json_object_set_new(j, "warnings", json_integer(sim->c->nwarnings));
    return hs_outdir_write_json(o, "summary.json", j, err);
}

hs_status hs_flight_sim_write(const hs_flight_sim *sim, hs_outdir *o, double wall_seconds,
                              hs_error *err)
{
    hs_status st;
    if ((st = write_daily(sim, o, err)) != HS_OK) return st;
    if ((st = write_locations(sim, o, err)) != HS_OK) return st;
    if ((st = write_settings(sim, o, err)) != HS_OK) return st;
    if ((st = hs_flight_case_write_warnings(sim->c, o, "warnings.txt", err)) != HS_OK) return st;
    return write_summary(sim, o, wall_seconds, err);
}
