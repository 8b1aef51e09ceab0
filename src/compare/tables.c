/*
** tables.c - an experiment's tidy tables (compare_internal.h; docs/compare.md):
**
**   runs.csv      run, arm, doctrine, sample, replicate, seed, days, then the
**                 value each varied parameter had in that run (the uncertain
**                 ones, then those any arm sets)
**   outcomes.csv  run, arm, sample, replicate, seed, state, outcome, horizon, value
**   effects.csv   arm, baseline, state, outcome, horizon, n, mean_difference, sd,
**                 ci95_low, ci95_high, overtakes_day, better
**   series.csv    arm, outcome, day, n, mean, p05, p25, p50, p75, p95
**   timing.csv    run, wall_seconds (NA: done by an earlier, interrupted start)
**
** Every table but timing.csv is the same whatever the threads and whether the
** experiment was interrupted and resumed. The interval is the t interval of
** the mean paired difference (n - 1 degrees of freedom); overtakes_day is the
** first day after which the difference of the arms' means keeps the sign it
** has on the last day; better says whether less or more of the outcome is better.
*/
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/table.h>
#include "compare/compare_internal.h"

/* The varied parameters' names: uncertain ones, then those arms set (each once). */
static int varied_names(const hs_experiment *x, const char *names[], int max)
{
    int n = 0;
    for (int j = 0; j < x->nparams && n < max; j++)
        names[n++] = x->params[j].name;
    for (int k = 0; k < x->narms; k++)
        for (int j = 0; j < x->arms[k].nset; j++) {
            int seen = 0;
            for (int i = 0; i < n; i++)
                seen |= strcmp(names[i], x->arms[k].set_name[j]) == 0;
            if (!seen && n < max) names[n++] = x->arms[k].set_name[j];
        }
    return n;
}

static hs_status write_runs(const cmp_plan *p, hs_outdir *o, hs_error *err)
{
    const hs_experiment *x = p->x;
    const char *names[HS_DESIGN_MAX_PARAMS + HS_CMP_MAX_ARMS * HS_CMP_MAX_SET];
    int nn = varied_names(x, names, (int)(sizeof names / sizeof names[0]));
    FILE *f = hs_outdir_fopen(o, "runs.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("run,arm,doctrine,sample,replicate,seed,days", f);
    for (int i = 0; i < nn; i++) {
        fputc(',', f);
        hs_csv_put_text(f, names[i]);
    }
    fputc('\n', f);
    for (long run = 0; run < p->nruns; run++) {
        const hs_cmp_arm *a = &x->arms[cmp_arm_of(x, run)];
        fprintf(f, "%ld,", run);
        hs_csv_put_text(f, a->name);
        fprintf(f, ",%s,%ld,%ld,%llu,%ld",
                a->doctrine >= 0 ? hs_doctrine_name(a->doctrine) : "scenario", cmp_point_of(x, run),
                cmp_rep_of(x, run), x->seed0 + (unsigned long long)cmp_rep_of(x, run), p->days);
        for (int i = 0; i < nn; i++) {
            fputc(',', f);
            cmp_put_number(f, cmp_value_in_run(p, run, names[i]));
        }
        fputc('\n', f);
    }
    return hs_outdir_fclose(o, f, "runs.csv", err);
}

static hs_status write_outcomes(const cmp_plan *p, hs_outdir *o, hs_error *err)
{
    const hs_experiment *x = p->x;
    const char *state = p->focus;
    size_t no = (size_t)p->noutcomes;
    FILE *f = hs_outdir_fopen(o, "outcomes.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("run,arm,sample,replicate,seed,state,outcome,horizon,value\n", f);
    for (long run = 0; run < p->nruns; run++) {
        long r = cmp_rep_of(x, run);
        for (int oc = 0; oc < p->noutcomes; oc++)
            for (int h = 0; h < x->nhorizons && (p->outcomes >> oc & 1u); h++) {
                fprintf(f, "%ld,", run);
                hs_csv_put_text(f, x->arms[cmp_arm_of(x, run)].name);
                fprintf(f, ",%ld,%ld,%llu,", cmp_point_of(x, run), r,
                        x->seed0 + (unsigned long long)r);
                cmp_put_focus(f, state);
                fprintf(f, ",%s,%ld,", hs_cmp_outcome_name(x->model, oc), x->horizons[h]);
                cmp_put_number(
                    f, p->at[((size_t)run * no + (size_t)oc) * (size_t)x->nhorizons + (size_t)h]);
                fputc('\n', f);
            }
    }
    return hs_outdir_fclose(o, f, "outcomes.csv", err);
}

static hs_status write_effects(const cmp_plan *p, hs_outdir *o, hs_error *err)
{
    const hs_experiment *x = p->x;
    const char *state = p->focus;
    long n = p->nruns / x->narms; /* pairs: design points x replicates */
    size_t no = (size_t)p->noutcomes, days = (size_t)p->days, per_arm = no * days;
    double *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
    double *diff = malloc(days * sizeof *diff);
    FILE *f = a && b && diff ? hs_outdir_fopen(o, "effects.csv", err) : NULL;
    if (!f) {
        free(a), free(b), free(diff);
        return a && b && diff ? HS_ERR_IO
                              : hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    fputs("arm,baseline,state,outcome,horizon,n,mean_difference,sd,ci95_low,ci95_high,"
          "overtakes_day,better\n",
          f);
    int base = x->baseline;
    for (int k = 0; k < x->narms; k++) {
        if (k == base) continue;
        for (int oc = 0; oc < p->noutcomes; oc++) {
            if (!(p->outcomes >> oc & 1u)) continue;
            /* The difference of the arms' means, day by day: when one overtakes. */
            const double *mk = p->armday + (size_t)k * per_arm + (size_t)oc * days;
            const double *mb = p->armday + (size_t)base * per_arm + (size_t)oc * days;
            for (size_t d = 0; d < days; d++)
                diff[d] = mk[d] - mb[d];
            long over = hs_overtaking_day(diff, p->days);
            for (int h = 0; h < x->nhorizons; h++) {
                long i = 0;
                for (long pt = 0; pt < p->npoints; pt++)
                    for (long r = 0; r < x->replicates; r++, i++) {
                        size_t at = (size_t)oc * (size_t)x->nhorizons + (size_t)h;
                        a[i] =
                            p->at[(size_t)cmp_run_of(x, pt, r, k) * no * (size_t)x->nhorizons + at];
                        b[i] =
                            p->at[(size_t)cmp_run_of(x, pt, r, base) * no * (size_t)x->nhorizons +
                                  at];
                    }
                hs_paired pd;
                hs_paired_difference(a, b, n, &pd);
                hs_csv_put_text(f, x->arms[k].name);
                fputc(',', f);
                hs_csv_put_text(f, x->arms[base].name);
                fputc(',', f);
                cmp_put_focus(f, state);
                fprintf(f, ",%s,%ld,%ld,", hs_cmp_outcome_name(x->model, oc), x->horizons[h], pd.n);
                cmp_put_number(f, pd.mean);
                fputc(',', f);
                cmp_put_number(f, pd.sd);
                fputc(',', f);
                cmp_put_number(f, pd.lo);
                fputc(',', f);
                cmp_put_number(f, pd.hi);
                if (over >= 0)
                    fprintf(f, ",%ld", over);
                else
                    fputs(",NA", f);
                fprintf(f, ",%s\n",
                        hs_cmp_outcome_lower_is_better(x->model, oc) ? "lower" : "higher");
            }
        }
    }
    free(a), free(b), free(diff);
    return hs_outdir_fclose(o, f, "effects.csv", err);
}

static hs_status write_series(const cmp_plan *p, hs_outdir *o, hs_error *err)
{
    const hs_experiment *x = p->x;
    long n = p->nruns / x->narms;
    double *v = malloc((size_t)n * sizeof *v);
    FILE *f = v ? hs_outdir_fopen(o, "series.csv", err) : NULL;
    if (!f) {
        free(v);
        return v ? HS_ERR_IO : hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    fputs("arm,outcome,day,n,mean,p05,p25,p50,p75,p95\n", f);
    static const double q[5] = {0.05, 0.25, 0.5, 0.75, 0.95};
    for (int k = 0; k < x->narms; k++)
        for (int oc = 0; oc < p->noutcomes; oc++)
            for (long s = 0; s < p->nsteps && (p->outcomes >> oc & 1u); s++) {
                long i = 0;
                for (long run = k; run < p->nruns; run += x->narms)
                    v[i++] = p->series[((size_t)run * (size_t)p->noutcomes + (size_t)oc) *
                                           (size_t)p->nsteps +
                                       (size_t)s];
                gsl_sort(v, 1, (size_t)n);
                hs_csv_put_text(f, x->arms[k].name);
                fprintf(f, ",%s,%ld,%ld,", hs_cmp_outcome_name(x->model, oc), p->step_day[s], n);
                cmp_put_number(f, gsl_stats_mean(v, 1, (size_t)n));
                for (int j = 0; j < 5; j++) {
                    fputc(',', f);
                    cmp_put_number(f, gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, q[j]));
                }
                fputc('\n', f);
            }
    free(v);
    return hs_outdir_fclose(o, f, "series.csv", err);
}

static hs_status write_timing(const cmp_plan *p, hs_outdir *o, hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "timing.csv", err);
    if (!f) return HS_ERR_IO;
    fputs("run,wall_seconds\n", f);
    for (long run = 0; run < p->nruns; run++) {
        fprintf(f, "%ld,", run);
        if (isnan(p->walls[run]))
            fputs("NA\n", f);
        else
            fprintf(f, "%.3f\n", p->walls[run]);
    }
    return hs_outdir_fclose(o, f, "timing.csv", err);
}

static hs_status write_params(const cmp_plan *p, hs_outdir *o, hs_error *err)
{
    FILE *f = hs_outdir_fopen(o, "params.yml", err);
    if (!f) return HS_ERR_IO;
    fputs("# The base scenario's resolved parameters; runs.csv has what each run varied.\n"
          "params:\n",
          f);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (m) {
        p->model->describe(p, m, 0);
        fclose(m);
        /* Indented under params:, as a scenario file has them. */
        for (char *line = buf, *end; line && *line; line = end ? end + 1 : NULL) {
            end = strchr(line, '\n');
            fprintf(f, "  %.*s\n", end ? (int)(end - line) : (int)strlen(line), line);
        }
    }
    free(buf);
    return hs_outdir_fclose(o, f, "params.yml", err);
}

hs_status cmp_write_tables(const cmp_plan *p, hs_outdir *o, hs_error *err)
{
    hs_status st = write_runs(p, o, err);
    if (st == HS_OK) st = write_outcomes(p, o, err);
    if (st == HS_OK) st = write_effects(p, o, err);
    if (st == HS_OK) st = write_series(p, o, err);
    if (st == HS_OK) st = write_timing(p, o, err);
    if (st == HS_OK) st = write_params(p, o, err);
    return st;
}
