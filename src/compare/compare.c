/*
** compare.c - an experiment's runs, outcomes and effects (compare.h).
**
** Run (arm k, replicate r) is run number r x arms + k, with seed seed0 + r:
** every arm of a replicate draws the same random numbers wherever the arms do
** not differ (common random numbers), so the paired difference between two arms
** carries only the policy's effect. Runs go one after another, each on every
** thread; a run's results do not depend on the threads, so neither do the
** tables. Outcomes are read every day from the focus state's records.
**
**   runs.csv      run, arm, doctrine, replicate, seed, days, wall_seconds
**   outcomes.csv  run, arm, replicate, seed, state, outcome, horizon, value
**   effects.csv   arm, baseline, state, outcome, horizon, n, mean_difference, sd,
**                 ci95_low, ci95_high, overtakes_day
** The interval is the t interval of the mean paired difference (n - 1 degrees
** of freedom, GSL's t quantile); overtakes_day is the first day after which
** the difference of the arms' means keeps the sign it has on the last day.
*/
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <humsec/compare.h>
#include <humsec/table.h>
#include <humsec/world.h>

static const char *const outcome_names[HS_CMP_COUNT] = {
    "deaths", "violent_deaths", "displaced", "returned",   "armed",      "hdi_like",  "health",
    "food",   "economic",       "personal",  "legitimacy", "repression", "insecurity"};

const char *hs_cmp_outcome_name(int o)
{
    return o >= 0 && o < HS_CMP_COUNT ? outcome_names[o] : "?";
}

void hs_paired_difference(const double *a, const double *b, long n, hs_paired *out)
{
    double m = 0.0, s = 0.0;
    for (long i = 0; i < n; i++)
        m += a[i] - b[i];
    m = n > 0 ? m / (double)n : NAN;
    for (long i = 0; i < n; i++) {
        double d = a[i] - b[i] - m;
        s += d * d;
    }
    out->n = n;
    out->mean = m;
    out->sd = n > 1 ? sqrt(s / (double)(n - 1)) : NAN;
    if (n > 1) {
        double half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * out->sd / sqrt((double)n);
        out->lo = m - half;
        out->hi = m + half;
    } else {
        out->lo = out->hi = NAN;
    }
}

long hs_overtaking_day(const double *diff, long days)
{
    if (days <= 0 || diff[days - 1] == 0.0 || isnan(diff[days - 1])) return -1;
    int sign = diff[days - 1] > 0.0;
    long d = days - 1;
    while (d > 0 && (diff[d - 1] > 0.0) == sign && diff[d - 1] != 0.0)
        d--;
    return d;
}

/* Outcome o of a state's record, with the running totals it needs. */
static double outcome_of(int o, const hs_world_record *r, const hs_world_record *t, double deaths,
                         double violent)
{
    switch (o) {
    case HS_CMP_DEATHS:
        return deaths;
    case HS_CMP_VIOLENT_DEATHS:
        return violent;
    case HS_CMP_DISPLACED:
        return (double)(r->people[HS_PS_DISPLACED] + r->people[HS_PS_REFUGEE] +
                        r->people[HS_PS_CAMP]);
    case HS_CMP_RETURNED:
        return (double)r->people[HS_PS_RETURNED];
    case HS_CMP_ARMED:
        return (double)r->people[HS_PS_ARMED];
    case HS_CMP_HDI_LIKE:
        return r->hdi_like;
    case HS_CMP_HEALTH:
        return r->mean[HS_DIM_HEALTH];
    case HS_CMP_FOOD:
        return r->mean[HS_DIM_FOOD];
    case HS_CMP_ECONOMIC:
        return r->mean[HS_DIM_ECONOMIC];
    case HS_CMP_PERSONAL:
        return r->mean[HS_DIM_PERSONAL];
    case HS_CMP_LEGITIMACY:
        return t->legitimacy;
    case HS_CMP_REPRESSION:
        return t->repression;
    case HS_CMP_INSECURITY:
        return t->threat;
    }
    return NAN;
}

/* One run: its daily outcomes into v[o * days + d]. */
static hs_status one_run(const hs_experiment *x, const hs_world_scenario *base, int arm,
                         unsigned long long seed, long days, int state, int threads, double *v,
                         double *wall, hs_error *err)
{
    hs_world_scenario sc = *base; /* a shallow copy: only donors change, and they are values */
    hs_world_scenario_set_doctrine(&sc, x->arms[arm].doctrine);
    if (x->arms[arm].budget >= 0)
        for (int d = 0; d < sc.ndonors; d++)
            sc.donors[d].budget = x->arms[arm].budget;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    hs_world_sim *sim;
    hs_status st = hs_world_sim_create(&sim, &sc, seed, err);
    if (st != HS_OK) return st;
    hs_world_sim_set_threads(sim, threads);
    st = hs_world_sim_run(sim, days, NULL, NULL, err);
    if (st == HS_OK) {
        double deaths = 0.0, violent = 0.0;
        for (long d = 0; d < days; d++) {
            const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, state, d);
            const hs_world_record *t = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, state, d);
            for (int c = 0; c < HS_DEATH_COUNT; c++)
                deaths += (double)r->deaths[c];
            violent += (double)(r->deaths[HS_DEATH_VIOLENCE] + r->deaths[HS_DEATH_REPRESSION]);
            for (int o = 0; o < HS_CMP_COUNT; o++)
                v[(size_t)o * (size_t)days + (size_t)d] = outcome_of(o, r, t, deaths, violent);
        }
    }
    hs_world_sim_free(sim);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *wall = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    return st;
}

static void num(FILE *f, double v)
{
    if (isnan(v))
        fputs(",NA", f);
    else
        fprintf(f, ",%.9g", v);
}

static hs_status write_tables(const hs_experiment *x, hs_outdir *o, const char *state_name,
                              long days, const double *all, const double *walls, hs_error *err)
{
    long nruns = x->replicates * x->narms;
    size_t per_run = (size_t)HS_CMP_COUNT * (size_t)days;
    FILE *f = hs_outdir_fopen(o, "runs.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("run,arm,doctrine,replicate,seed,days,wall_seconds\n", f);
    for (long run = 0; run < nruns; run++) {
        int k = (int)(run % x->narms);
        long r = run / x->narms;
        fprintf(f, "%ld,", run);
        hs_csv_put_text(f, x->arms[k].name);
        fprintf(f, ",%s,%ld,%llu,%ld,%.3f\n", hs_doctrine_name(x->arms[k].doctrine), r,
                x->seed0 + (unsigned long long)r, days, walls[run]);
    }
    hs_status st = hs_outdir_fclose(o, f, "runs.csv", err);
    if (st != HS_OK) return st;

    if (!(f = hs_outdir_fopen(o, "outcomes.csv", err))) return HS_ERR_IO;
    fputs("run,arm,replicate,seed,state,outcome,horizon,value\n", f);
    for (long run = 0; run < nruns; run++) {
        int k = (int)(run % x->narms);
        long r = run / x->narms;
        for (int oc = 0; oc < HS_CMP_COUNT; oc++)
            for (int h = 0; h < x->nhorizons; h++) {
                fprintf(f, "%ld,", run);
                hs_csv_put_text(f, x->arms[k].name);
                fprintf(f, ",%ld,%llu,", r, x->seed0 + (unsigned long long)r);
                hs_csv_put_text(f, state_name);
                fprintf(f, ",%s,%ld", outcome_names[oc], x->horizons[h]);
                num(f, all[(size_t)run * per_run + (size_t)oc * (size_t)days +
                           (size_t)(x->horizons[h] - 1)]);
                fputc('\n', f);
            }
    }
    if ((st = hs_outdir_fclose(o, f, "outcomes.csv", err)) != HS_OK) return st;

    if (!(f = hs_outdir_fopen(o, "effects.csv", err))) return HS_ERR_IO;
    fputs("arm,baseline,state,outcome,horizon,n,mean_difference,sd,ci95_low,ci95_high,"
          "overtakes_day\n",
          f);
    long n = x->replicates;
    double *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
    double *diff = malloc((size_t)days * sizeof *diff);
    if (!a || !b || !diff) {
        free(a), free(b), free(diff);
        fclose(f);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    int base = x->baseline;
    for (int k = 0; k < x->narms; k++) {
        if (k == base) continue;
        for (int oc = 0; oc < HS_CMP_COUNT; oc++) {
            /* The difference of the arms' means, day by day: when one overtakes. */
            for (long d = 0; d < days; d++) {
                double s = 0.0;
                for (long r = 0; r < n; r++) {
                    size_t at = (size_t)oc * (size_t)days + (size_t)d;
                    s += all[(size_t)(r * x->narms + k) * per_run + at] -
                         all[(size_t)(r * x->narms + base) * per_run + at];
                }
                diff[d] = s / (double)n;
            }
            long over = hs_overtaking_day(diff, days);
            for (int h = 0; h < x->nhorizons; h++) {
                size_t at = (size_t)oc * (size_t)days + (size_t)(x->horizons[h] - 1);
                for (long r = 0; r < n; r++) {
                    a[r] = all[(size_t)(r * x->narms + k) * per_run + at];
                    b[r] = all[(size_t)(r * x->narms + base) * per_run + at];
                }
                hs_paired pd;
                hs_paired_difference(a, b, n, &pd);
                hs_csv_put_text(f, x->arms[k].name);
                fputc(',', f);
                hs_csv_put_text(f, x->arms[base].name);
                fputc(',', f);
                hs_csv_put_text(f, state_name);
                fprintf(f, ",%s,%ld,%ld", outcome_names[oc], x->horizons[h], pd.n);
                num(f, pd.mean);
                num(f, pd.sd);
                num(f, pd.lo);
                num(f, pd.hi);
                if (over >= 0)
                    fprintf(f, ",%ld\n", over);
                else
                    fputs(",NA\n", f);
            }
        }
    }
    free(a), free(b), free(diff);
    return hs_outdir_fclose(o, f, "effects.csv", err);
}

hs_status hs_experiment_run(const hs_experiment *x, hs_outdir *o, int threads,
                            void (*progress)(void *ctx, long done, long total), void *ctx,
                            hs_error *err)
{
    hs_world_scenario *sc = NULL;
    hs_status st = x->scenario ? hs_world_scenario_load(&sc, x->scenario, err)
                               : hs_world_scenario_default(&sc, err);
    if (st != HS_OK) return st;
    if (x->scale != 1.0) {
        for (int l = 0; l < sc->geo.nloc; l++) {
            sc->people[l] = floor(sc->people[l] * x->scale);
            sc->capacity[l] = floor(sc->capacity[l] * x->scale);
        }
        for (int k = 0; k < sc->nevents; k++)
            if (sc->events[k].type == HS_EV_EPIDEMIC) sc->events[k].intensity *= x->scale;
    }
    long days = x->days > 0 ? x->days : sc->days;
    int state = 0;
    if (x->state[0]) {
        state = -1;
        for (int s = 0; s < sc->nstates; s++)
            if (strcmp(sc->states[s].name, x->state) == 0) state = s;
        if (state < 0) {
            st = hs_error_set(err, HS_ERR_INVALID, x->path, 0, "state",
                              "the scenario has no state '%s'", x->state);
            hs_world_scenario_free(sc);
            return st;
        }
    }
    if (x->horizons[x->nhorizons - 1] > days) {
        st = hs_error_set(err, HS_ERR_INVALID, x->path, 0, "horizons",
                          "the last horizon (day %ld) is after the runs end (day %ld)",
                          x->horizons[x->nhorizons - 1], days);
        hs_world_scenario_free(sc);
        return st;
    }
    long nruns = x->replicates * x->narms;
    size_t per_run = (size_t)HS_CMP_COUNT * (size_t)days;
    double *all = malloc((size_t)nruns * per_run * sizeof *all);
    double *walls = calloc((size_t)nruns, sizeof *walls);
    if (!all || !walls) {
        free(all), free(walls);
        hs_world_scenario_free(sc);
        return hs_error_set(err, HS_ERR_NOMEM, x->path, 0, NULL,
                            "out of memory for %ld runs of %ld days", nruns, days);
    }
    for (long run = 0; run < nruns && st == HS_OK; run++) {
        st = one_run(x, sc, (int)(run % x->narms), x->seed0 + (unsigned long long)(run / x->narms),
                     days, state, threads, all + (size_t)run * per_run, &walls[run], err);
        if (st == HS_OK && progress) progress(ctx, run + 1, nruns);
    }
    if (st == HS_OK) st = write_tables(x, o, sc->states[state].name, days, all, walls, err);
    free(all), free(walls);
    hs_world_scenario_free(sc);
    return st;
}
