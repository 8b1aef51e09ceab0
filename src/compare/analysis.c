/*
** analysis.c - what the uncertain parameters do (compare_internal.h;
** docs/compare.md). For each arm's outcomes and for each arm's effect against
** the baseline (named "<arm> vs <baseline>"), at each horizon, the mean over
** replicates at each design point is read as a function of the parameters:
**
**   sensitivity.csv  method, arm, outcome, horizon, parameter, index, value,
**                    ci95_low, ci95_high
**     sobol:    S1 and ST (design.h), bootstrap intervals
**     morris:   mu_star (with a bootstrap interval), mu, sigma
**     spearman: rho, the rank correlation of a Latin hypercube's outputs with
**               each parameter, with Fisher's z interval
**   prim.csv         arm, baseline, outcome, horizon, box, parameter, low, high,
**                    restricted, coverage, density, mass, n_in_box, n_of_interest
**     the PRIM box (design.h) of the design points where the arm beats the
**     baseline - its mean paired difference over replicates is better than
**     none, in the outcome's direction - one row per parameter.
*/
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/table.h>
#include "compare/compare_internal.h"

/* y[pt]: the mean over replicates of arm k's outcome (minus the baseline's when
** base >= 0) at horizon h. */
static void point_means(const cmp_plan *p, int k, int base, int oc, int h, double *y)
{
    const hs_experiment *x = p->x;
    size_t at = (size_t)oc * (size_t)x->nhorizons + (size_t)h, per = (size_t)p->noutcomes;
    for (long pt = 0; pt < p->npoints; pt++) {
        double s = 0.0;
        for (long r = 0; r < x->replicates; r++) {
            s += p->at[(size_t)cmp_run_of(x, pt, r, k) * per * (size_t)x->nhorizons + at];
            if (base >= 0)
                s -= p->at[(size_t)cmp_run_of(x, pt, r, base) * per * (size_t)x->nhorizons + at];
        }
        y[pt] = s / (double)x->replicates;
    }
}

static void row(FILE *f, const char *method, const char *subject, const char *outcome, long horizon,
                const char *param, const char *index, double v, double lo, double hi)
{
    fprintf(f, "%s,", method);
    hs_csv_put_text(f, subject);
    fprintf(f, ",%s,%ld,", outcome, horizon);
    hs_csv_put_text(f, param);
    fprintf(f, ",%s,", index);
    cmp_put_number(f, v);
    fputc(',', f);
    cmp_put_number(f, lo);
    fputc(',', f);
    cmp_put_number(f, hi);
    fputc('\n', f);
}

/* Spearman's rho of y with each parameter over the points, Fisher's z interval. */
static void spearman(const cmp_plan *p, const double *y, FILE *f, const char *subject, int oc,
                     long horizon, double *col, double *work)
{
    const hs_experiment *x = p->x;
    size_t n = (size_t)p->npoints;
    for (int j = 0; j < x->nparams; j++) {
        for (size_t i = 0; i < n; i++)
            col[i] = p->val[i * (size_t)x->nparams + (size_t)j];
        double rho = n > 2 ? gsl_stats_spearman(col, 1, y, 1, n, work) : NAN, lo = NAN, hi = NAN;
        if (n > 3 && fabs(rho) < 1.0) {
            double z = atanh(rho), half = 1.959963984540054 / sqrt((double)n - 3.0);
            lo = tanh(z - half);
            hi = tanh(z + half);
        }
        row(f, "spearman", subject, hs_cmp_outcome_name(x->model, oc), horizon, x->params[j].name,
            "rho", rho, lo, hi);
    }
}

static hs_status sensitivity_of(const cmp_plan *p, const double *y, FILE *f, const char *subject,
                                int oc, long horizon, double *col, double *work, hs_error *err)
{
    const hs_experiment *x = p->x;
    int k = x->nparams;
    if (x->design == HS_DESIGN_SOBOL) {
        hs_sobol_index ix[HS_DESIGN_MAX_PARAMS];
        hs_status st = hs_sobol_indices(k, x->samples, y, x->bootstrap, x->seed0, ix, err);
        if (st != HS_OK) return st;
        for (int j = 0; j < k; j++) {
            row(f, "sobol", subject, hs_cmp_outcome_name(x->model, oc), horizon, x->params[j].name,
                "S1", ix[j].s1, ix[j].s1_lo, ix[j].s1_hi);
            row(f, "sobol", subject, hs_cmp_outcome_name(x->model, oc), horizon, x->params[j].name,
                "ST", ix[j].st, ix[j].st_lo, ix[j].st_hi);
        }
    } else if (x->design == HS_DESIGN_MORRIS) {
        hs_morris_index ix[HS_DESIGN_MAX_PARAMS];
        hs_status st = hs_morris_indices(k, x->samples, p->u, y, x->bootstrap, x->seed0, ix, err);
        if (st != HS_OK) return st;
        for (int j = 0; j < k; j++) {
            row(f, "morris", subject, hs_cmp_outcome_name(x->model, oc), horizon, x->params[j].name,
                "mu_star", ix[j].mu_star, ix[j].mu_star_lo, ix[j].mu_star_hi);
            row(f, "morris", subject, hs_cmp_outcome_name(x->model, oc), horizon, x->params[j].name,
                "mu", ix[j].mu, NAN, NAN);
            row(f, "morris", subject, hs_cmp_outcome_name(x->model, oc), horizon, x->params[j].name,
                "sigma", ix[j].sigma, NAN, NAN);
        }
    } else {
        spearman(p, y, f, subject, oc, horizon, col, work);
    }
    return HS_OK;
}

static hs_status write_prim(const cmp_plan *p, FILE *f, int k, int oc, int h, const double *y,
                            int *interest, hs_error *err)
{
    const hs_experiment *x = p->x;
    int lower = hs_cmp_outcome_lower_is_better(x->model, oc);
    long of_interest = 0;
    for (long i = 0; i < p->npoints; i++) {
        interest[i] = lower ? y[i] < 0.0 : y[i] > 0.0;
        of_interest += interest[i];
    }
    hs_prim_box b;
    hs_status st = hs_prim(x->nparams, p->npoints, p->val, interest, x->prim_alpha,
                           x->prim_min_mass, x->prim_threshold, &b, err);
    if (st != HS_OK) return st;
    for (int j = 0; j < x->nparams; j++) {
        hs_csv_put_text(f, x->arms[k].name);
        fputc(',', f);
        hs_csv_put_text(f, x->arms[x->baseline].name);
        fprintf(f, ",%s,%ld,1,", hs_cmp_outcome_name(x->model, oc), x->horizons[h]);
        hs_csv_put_text(f, x->params[j].name);
        fputc(',', f);
        cmp_put_number(f, b.low[j]);
        fputc(',', f);
        cmp_put_number(f, b.high[j]);
        fprintf(f, ",%d,", b.restricted[j]);
        cmp_put_number(f, b.coverage);
        fputc(',', f);
        cmp_put_number(f, b.density);
        fputc(',', f);
        cmp_put_number(f, b.mass);
        fprintf(f, ",%ld,%ld\n", b.n_in_box, of_interest);
    }
    return HS_OK;
}

hs_status cmp_write_analysis(const cmp_plan *p, hs_outdir *o, hs_error *err)
{
    const hs_experiment *x = p->x;
    if (x->nparams == 0) return HS_OK;
    size_t n = (size_t)p->npoints;
    double *y = malloc(n * sizeof *y), *col = malloc(n * sizeof *col);
    double *work = malloc(2 * n * sizeof *work);
    int *interest = malloc(n * sizeof *interest);
    FILE *f = NULL, *g = NULL;
    hs_status st = HS_OK;
    if (!y || !col || !work || !interest) {
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    if (!(f = hs_outdir_fopen(o, "sensitivity.csv", err)) ||
        !(g = hs_outdir_fopen(o, "prim.csv", err))) {
        st = HS_ERR_IO;
        goto done;
    }
    fputs("method,arm,outcome,horizon,parameter,index,value,ci95_low,ci95_high\n", f);
    fputs("arm,baseline,outcome,horizon,box,parameter,low,high,restricted,coverage,density,mass,"
          "n_in_box,n_of_interest\n",
          g);
    for (int k = 0; k < x->narms && st == HS_OK; k++) {
        char subject[160];
        for (int oc = 0; oc < p->noutcomes && st == HS_OK; oc++)
            for (int h = 0; h < x->nhorizons && st == HS_OK && (p->outcomes >> oc & 1u); h++) {
                point_means(p, k, -1, oc, h, y);
                st = sensitivity_of(p, y, f, x->arms[k].name, oc, x->horizons[h], col, work, err);
                if (st != HS_OK || k == x->baseline) continue;
                point_means(p, k, x->baseline, oc, h, y);
                snprintf(subject, sizeof subject, "%s vs %s", x->arms[k].name,
                         x->arms[x->baseline].name);
                st = sensitivity_of(p, y, f, subject, oc, x->horizons[h], col, work, err);
                if (st == HS_OK) st = write_prim(p, g, k, oc, h, y, interest, err);
            }
    }
    if (st == HS_OK) {
        st = hs_outdir_fclose(o, f, "sensitivity.csv", err);
        f = NULL;
    }
    if (st == HS_OK) {
        st = hs_outdir_fclose(o, g, "prim.csv", err);
        g = NULL;
    }
done:
    if (f) fclose(f);
    if (g) fclose(g);
    free(y), free(col), free(work), free(interest);
    return st;
}
