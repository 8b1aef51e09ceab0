/*
** validate.c - a Flee case run over many seeds and compared with UNHCR data:
** the averaged relative difference (ARD) per day, per seed and over seeds.
*/
#include <gsl/gsl_statistics_double.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <humsec/clock.h>
#include <humsec/date.h>
#include <humsec/outdir.h>
#include <humsec/ranks.h>
#include <humsec/version.h>
#include "flight/flight_internal.h"

void hs_flight_mean_sd(const double *x, int n, double *mean, double *sd)
{
    *mean = n > 0 ? gsl_stats_mean(x, 1, (size_t)n) : NAN;
    *sd = n > 1 ? gsl_stats_sd(x, 1, (size_t)n) : 0.0;
}

void hs_flight_validation_free(hs_flight_validation *v)
{
    free(v->seeds);
    free(v->ard);
    free(v->ard_rescaled);
    free(v->daily_ard);
    free(v->daily_rescaled);
    memset(v, 0, sizeof *v);
}

hs_status hs_flight_validate(const hs_flight_case *c, const hs_flight_settings *s,
                             uint64_t first_seed, int nseeds, int threads,
                             void (*progress)(void *ctx, long done, long total), void *ctx,
                             hs_flight_validation *v, hs_error *err)
{
    return hs_flight_validate_ranks(c, s, NULL, first_seed, nseeds, threads, progress, ctx, v, err);
}

/* Run the seeds k = rank, rank + size, ... into v (and their agent-days into ad). */
static hs_status validate_share(const hs_flight_case *c, const hs_flight_settings *s, int rank,
                                int size, int threads,
                                void (*progress)(void *ctx, long done, long total), void *ctx,
                                hs_flight_validation *v, double *ad, hs_error *err)
{
    for (int k = rank; k < v->nseeds; k += size) {
        hs_flight_sim *sim;
        hs_status st = hs_flight_sim_create(&sim, c, s, v->seeds[k], err);
        if (st == HS_OK) {
            hs_flight_sim_set_threads(sim, threads);
            st = hs_flight_sim_run(sim, c->days, NULL, NULL, err);
        }
        if (st != HS_OK) {
            hs_flight_sim_free(sim);
            return st;
        }
        hs_flight_sim_ard(sim, &v->ard[k], &v->ard_rescaled[k]);
        for (long d = 0; d < c->days; d++) {
            v->daily_ard[(size_t)k * (size_t)c->days + (size_t)d] = sim->days[d].ard;
            v->daily_rescaled[(size_t)k * (size_t)c->days + (size_t)d] = sim->days[d].ard_rescaled;
        }
        ad[k] = sim->agent_days;
        hs_flight_sim_free(sim);
        if (progress) progress(ctx, k + 1, v->nseeds);
    }
    return HS_OK;
}

hs_status hs_flight_validate_ranks(const hs_flight_case *c, const hs_flight_settings *s,
                                   hs_ranks *r, uint64_t first_seed, int nseeds, int threads,
                                   void (*progress)(void *ctx, long done, long total), void *ctx,
                                   hs_flight_validation *v, hs_error *err)
{
    memset(v, 0, sizeof *v);
    if (c->ncamps == 0)
        return hs_error_set(err, HS_ERR_INVALID, c->name, 0, NULL,
                            "no UNHCR camp data (source_data/data_layout.csv) to validate against");
    if (nseeds < 1) return hs_error_set(err, HS_ERR_USAGE, NULL, 0, "seeds", "at least one seed");
    v->nseeds = nseeds;
    v->days = c->days;
    v->seeds = calloc((size_t)nseeds, sizeof *v->seeds);
    v->ard = calloc((size_t)nseeds, sizeof(double));
    v->ard_rescaled = calloc((size_t)nseeds, sizeof(double));
    v->daily_ard = calloc((size_t)nseeds * (size_t)c->days, sizeof(double));
    v->daily_rescaled = calloc((size_t)nseeds * (size_t)c->days, sizeof(double));
    double *ad = calloc((size_t)nseeds, sizeof *ad);
    hs_status st = HS_OK;
    if (!v->seeds || !v->ard || !v->ard_rescaled || !v->daily_ard || !v->daily_rescaled || !ad)
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    double t0 = hs_clock_seconds();
    for (int k = 0; st == HS_OK && k < nseeds; k++)
        v->seeds[k] = first_seed + (uint64_t)k;
    /* Seed k on rank k mod size; then every rank holds every seed's rows. */
    if (st == HS_OK)
        st = validate_share(c, s, hs_ranks_rank(r), hs_ranks_size(r), threads, progress, ctx, v, ad,
                            err);
    st = hs_ranks_agree(r, st, err);
    size_t row = (size_t)c->days * sizeof(double);
    if (st == HS_OK) st = hs_ranks_share(r, v->ard, sizeof *v->ard, nseeds, err);
    if (st == HS_OK) st = hs_ranks_share(r, v->ard_rescaled, sizeof *v->ard, nseeds, err);
    if (st == HS_OK) st = hs_ranks_share(r, v->daily_ard, row, nseeds, err);
    if (st == HS_OK) st = hs_ranks_share(r, v->daily_rescaled, row, nseeds, err);
    if (st == HS_OK) st = hs_ranks_share(r, ad, sizeof *ad, nseeds, err);
    for (int k = 0; st == HS_OK && k < nseeds; k++)
        v->agent_days += ad[k];
    free(ad);
    if (st != HS_OK) {
        hs_flight_validation_free(v);
        return st;
    }
    v->wall_seconds = hs_clock_seconds() - t0;
    return HS_OK;
}

hs_status hs_flight_validation_write(const hs_flight_validation *v, const hs_flight_case *c,
                                     const hs_flight_settings *s, hs_outdir *o, hs_error *err)
{
    hs_status st;
    FILE *f = hs_outdir_fopen(o, "validation.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("seed,ard_mean,ard_rescaled_mean\n", f);
    for (int k = 0; k < v->nseeds; k++)
        fprintf(f, "%llu,%.6f,%.6f\n", (unsigned long long)v->seeds[k], v->ard[k],
                v->ard_rescaled[k]);
    if ((st = hs_outdir_fclose(o, f, "validation.csv", err)) != HS_OK) return st;

    if (!(f = hs_outdir_fopen(o, "ard_daily.csv", err))) return HS_ERR_IO;
    fputs("day,date,seed,ard,ard_rescaled\n", f);
    char date[11];
    for (long d = 0; d < v->days; d++) {
        hs_date_format(c->start_date + d, date);
        for (int k = 0; k < v->nseeds; k++)
            fprintf(f, "%ld,%s,%llu,%.6f,%.6f\n", d, date, (unsigned long long)v->seeds[k],
                    v->daily_ard[(size_t)k * (size_t)v->days + (size_t)d],
                    v->daily_rescaled[(size_t)k * (size_t)v->days + (size_t)d]);
    }
    if ((st = hs_outdir_fclose(o, f, "ard_daily.csv", err)) != HS_OK) return st;

    /* Per day over seeds: mean and spread. */
    if (!(f = hs_outdir_fopen(o, "ard_by_day.csv", err))) return HS_ERR_IO;
    fputs("day,date,ard_mean,ard_sd,ard_rescaled_mean,ard_rescaled_sd\n", f);
    double *col = malloc((size_t)v->nseeds * 2 * sizeof *col);
    if (!col) {
        fclose(f);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (long d = 0; d < v->days; d++) {
        for (int k = 0; k < v->nseeds; k++) {
            col[k] = v->daily_ard[(size_t)k * (size_t)v->days + (size_t)d];
            col[v->nseeds + k] = v->daily_rescaled[(size_t)k * (size_t)v->days + (size_t)d];
        }
        double m1, s1, m2, s2;
        hs_flight_mean_sd(col, v->nseeds, &m1, &s1);
        hs_flight_mean_sd(col + v->nseeds, v->nseeds, &m2, &s2);
        hs_date_format(c->start_date + d, date);
        fprintf(f, "%ld,%s,%.6f,%.6f,%.6f,%.6f\n", d, date, m1, s1, m2, s2);
    }
    free(col);
    if ((st = hs_outdir_fclose(o, f, "ard_by_day.csv", err)) != HS_OK) return st;

    if (!(f = hs_outdir_fopen(o, "settings.yml", err))) return HS_ERR_IO;
    fprintf(f,
            "# Resolved settings of this validation.\n# case: %s\n# seeds: %llu..%llu\n"
            "# humsec: %s\n",
            c->dir ? c->dir : c->name, (unsigned long long)v->seeds[0],
            (unsigned long long)v->seeds[v->nseeds - 1], hs_version());
    hs_flight_settings_write(s, f);
    if ((st = hs_outdir_fclose(o, f, "settings.yml", err)) != HS_OK) return st;

    double am, asd, rm, rsd;
    hs_flight_mean_sd(v->ard, v->nseeds, &am, &asd);
    hs_flight_mean_sd(v->ard_rescaled, v->nseeds, &rm, &rsd);
    json_t *j = json_object(), *per = json_array();
    json_object_set_new(j, "humsec_version", json_string(hs_version()));
    json_object_set_new(j, "model", json_string("flight"));
    json_object_set_new(j, "case", json_string(c->dir ? c->dir : c->name));
    json_object_set_new(j, "seeds", json_integer(v->nseeds));
    json_object_set_new(j, "first_seed", json_integer((json_int_t)v->seeds[0]));
    json_object_set_new(j, "seed", json_integer((json_int_t)v->seeds[0]));
    json_object_set_new(j, "days", json_integer(v->days));
    json_object_set_new(j, "ard_mean", json_real(am));
    json_object_set_new(j, "ard_sd", json_real(asd));
    json_object_set_new(j, "ard_rescaled_mean", json_real(rm));
    json_object_set_new(j, "ard_rescaled_sd", json_real(rsd));
    json_object_set_new(j, "agent_days", json_real(v->agent_days));
    json_object_set_new(j, "wall_seconds", json_real(v->wall_seconds));
    for (int k = 0; k < v->nseeds; k++) {
        json_t *e = json_object();
        json_object_set_new(e, "seed", json_integer((json_int_t)v->seeds[k]));
        json_object_set_new(e, "ard_mean", json_real(v->ard[k]));
        json_object_set_new(e, "ard_rescaled_mean", json_real(v->ard_rescaled[k]));
        json_array_append_new(per, e);
    }
    json_object_set_new(j, "per_seed", per);
    json_object_set_new(j, "warnings", json_integer(c->nwarnings));
    if ((st = hs_flight_case_write_warnings(c, o, "warnings.txt", err)) != HS_OK) {
        json_decref(j);
        return st;
    }
    return hs_outdir_write_json(o, "summary.json", j, err);
}
