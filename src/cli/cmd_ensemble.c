/*
** cmd_ensemble.c - `humsec ensemble SCENARIO --seeds N [-o DIR]`: one scenario
** over many seeds, each run's statistics and their mean and spread. A
** civil-violence scenario gets Epstein's statistics (outbursts, waits, jail);
** a human security scenario or a Flee case is the one-arm experiment of `humsec compare`
** (compare.h hs_experiment_of_scenario), with its tables.
*/
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/clock.h>
#include <humsec/compare.h>
#include <humsec/outdir.h>
#include <humsec/scenario.h>
#include <humsec/violence.h>

static void help(void)
{
    printf("usage: humsec ensemble SCENARIO.yml|CASE_DIR [--seeds N] [--seed S] [-o DIR]\n"
           "                       [--steps N] [--threads N] [--quiet] [--report]\n\n"
           "A human security scenario (model: human_security, or 'default' for the\n"
           "embedded one) or a Flee case folder runs with seeds S .. S+N-1 as the one-arm\n"
           "experiment of `humsec compare` (--steps: days): runs.csv, outcomes.csv (every\n"
           "outcome at a quarter, half and all of the days; a Flee case's people, camps\n"
           "and ARD), series.csv (mean and quantiles over seeds, day by day),\n"
           "results.sqlite; docs/compare.md.\n\n"
           "Run a civil-violence scenario (model: civil_violence) with seeds S .. S+N-1\n"
           "(default N 20, S 1), in parallel over seeds, and report per seed and as mean\n"
           "and spread: outbursts (runs of steps with more actives than the scenario's\n"
           "outburst_threshold, 50 by default), their peaks, total activation, waits\n"
           "between outbursts, share of calm steps, jail size, and for Model II the\n"
           "extinction time, kills, births and deaths.\n\n"
           "Output folder (default out/<scenario>-ensemble): seeds.csv (one row per seed),\n"
           "outbursts.csv (one row per outburst and seed, with the wait before it),\n"
           "series_mean.csv (mean actives, jailed, quiet per step), params.json,\n"
           "summary.json (n, mean, sd, min, median, max of every statistic, and of the\n"
           "waits between outbursts pooled over seeds).\n");
}

/* The table of every statistic's spread over the seeds, and the pooled waits. */
static hs_status print_table(const hs_cv_params *p, const hs_cv_stats *per, long n,
                             const hs_cv_spread *waits, hs_error *err)
{
    printf("  %-17s %6s %10s %10s %10s %10s %10s\n", "statistic", "n", "mean", "sd", "min",
           "median", "max");
    for (int k = 0; k < HS_CV_NSTATS; k++) {
        if (p->model == 1 && k >= 11 && k <= 17) continue; /* Model II only */
        hs_cv_spread sp;
        hs_status st = hs_cv_spread_of(per, n, k, &sp, err);
        if (st != HS_OK) return st;
        printf("  %-17s %6ld", hs_cv_stats_name(k), sp.n);
        if (sp.n == 0) {
            printf(" %10s\n", "-");
            continue;
        }
        printf(" %10.4g %10.4g %10.4g %10.4g %10.4g\n", sp.mean, sp.sd, sp.min, sp.median, sp.max);
    }
    if (waits->n > 0)
        printf("  %-17s %6ld %10.4g %10.4g %10.4g %10.4g %10.4g   (pooled over seeds)\n", "waits",
               waits->n, waits->mean, waits->sd, waits->min, waits->median, waits->max);
    return HS_OK;
}

/* What the command line asks for. */
typedef struct ensemble_opts {
    const char *scenario, *out;
    uint64_t seed0, nseeds;
    long steps, threads; /* -1: the scenario's steps; 0: OpenMP's default threads */
    int quiet, report;
} ensemble_opts;

/* The options into *o: -1 to go on, else the exit code (--help, or a usage error). */
static int parse_args(int argc, char **argv, ensemble_opts *o)
{
    *o = (ensemble_opts){.seed0 = 1, .nseeds = 20, .steps = -1};
    const char *v;
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            help();
            return CLI_OK;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            o->quiet = 1;
        } else if (strcmp(argv[i], "--report") == 0) {
            o->report = 1;
        } else if ((r = cli_opt(argc, argv, &i, "--seeds", &v)) != 0) {
            if (r < 0 || cli_parse_u64("ensemble", "--seeds", v, &o->nseeds) != 0)
                return r < 0 ? cli_usage_error("ensemble", "--seeds needs a value") : CLI_USAGE;
            if (o->nseeds < 1 || o->nseeds > 1000000)
                return cli_usage_error("ensemble", "--seeds must be from 1 to 1000000");
        } else if ((r = cli_opt(argc, argv, &i, "--seed", &v)) != 0) {
            if (r < 0 || cli_parse_u64("ensemble", "--seed", v, &o->seed0) != 0)
                return r < 0 ? cli_usage_error("ensemble", "--seed needs a value") : CLI_USAGE;
        } else if ((r = cli_opt(argc, argv, &i, "-o", &v)) != 0) {
            if (r < 0) return cli_usage_error("ensemble", "-o needs a folder");
            o->out = v;
        } else if ((r = cli_opt(argc, argv, &i, "--steps", &v)) != 0) {
            if (r < 0 || cli_parse_int("ensemble", "--steps", v, 0, 100000000, &o->steps) != 0)
                return r < 0 ? cli_usage_error("ensemble", "--steps needs a value") : CLI_USAGE;
        } else if ((r = cli_opt(argc, argv, &i, "--threads", &v)) != 0) {
            if (r < 0 || cli_parse_int("ensemble", "--threads", v, 1, 4096, &o->threads) != 0)
                return r < 0 ? cli_usage_error("ensemble", "--threads needs a value") : CLI_USAGE;
        } else if (argv[i][0] == '-') {
            return cli_usage_error("ensemble", "unknown option '%s'", argv[i]);
        } else if (!o->scenario) {
            o->scenario = argv[i];
        } else {
            return cli_usage_error("ensemble", "one scenario at a time ('%s' is extra)", argv[i]);
        }
    }
    if (!o->scenario) return cli_usage_error("ensemble", "which scenario? (a .yml file)");
    return -1;
}

/* The output folder: -o, or out/<scenario file name without .yml>-ensemble. */
static void output_dir(const ensemble_opts *o, char *dir, size_t size)
{
    if (o->out) {
        snprintf(dir, size, "%s", o->out);
        return;
    }
    const char *base = strrchr(o->scenario, '/');
    base = base ? base + 1 : o->scenario;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".yml") == 0) len -= 4;
    snprintf(dir, size, "out/%.*s-ensemble", (int)len, base);
}

/* Run the ensemble, write its folder and (unless quiet) print its table. */
static hs_status run_ensemble(const ensemble_opts *o, const hs_cv_params *p, const char *dir,
                              hs_cv_stats *per, double *mean, hs_cv_outburst **ob, long *nob,
                              hs_error *err)
{
    const long n = (long)o->nseeds;
    /* The output folder first: a bad -o, or one another run holds, is refused before
    ** the work, and the folder is ours until the ensemble is written. */
    hs_outdir od;
    hs_status st = hs_outdir_open(&od, dir, err);
    if (st != HS_OK) return st;
    double t0 = hs_clock_seconds();
    st = hs_cv_ensemble(p, o->seed0, n, (int)o->threads, per, mean, ob, nob, cli_progress, "seeds",
                        err);
    double secs = hs_clock_seconds() - t0;
    if (st == HS_OK)
        st = hs_cv_write_ensemble_to(&od, p, o->scenario, o->seed0, n, per, mean, ob, nob, err);
    else
        hs_outdir_abandon(&od, err->message);
    hs_cv_spread waits;
    if (st == HS_OK) st = hs_cv_pooled_waits(ob, nob, n, &waits, err);
    if (st == HS_OK && !o->quiet) {
        printf("ensemble: %s (Model %s), %ld seeds from %llu, %ld steps each, %.2f s\n", p->name,
               p->model == 2 ? "II" : "I", n, (unsigned long long)o->seed0, p->steps, secs);
        st = print_table(p, per, n, &waits, err);
    }
    return st;
}

int cli_ensemble(int argc, char **argv)
{
    ensemble_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0) return rc;
    hs_error err;
    hs_model model = HS_MODEL_WORLD;
    int is_default = strcmp(o.scenario, "default") == 0;
    if (!is_default && hs_scenario_model(o.scenario, &model, &err) != HS_OK)
        return cli_report(&err);
    if (model == HS_MODEL_WORLD || model == HS_MODEL_FLIGHT) {
        hs_experiment x;
        if (hs_experiment_of_scenario(&x, is_default ? NULL : o.scenario, (long)o.nseeds, o.seed0,
                                      o.steps > 0 ? o.steps : -1, &err) != HS_OK)
            return cli_report(&err);
        char dir[4096];
        output_dir(&o, dir, sizeof dir);
        int code = cli_experiment_run(NULL, "ensemble", &x, dir, (int)o.threads, o.quiet, 0,
                                      "scenario.yml", o.report);
        hs_experiment_free(&x);
        return code;
    }
    hs_cv_params p;
    if (hs_cv_scenario_load(o.scenario, &p, &err) != HS_OK) return cli_report(&err);
    if (o.steps >= 0) p.steps = o.steps;
    char dir[4096];
    output_dir(&o, dir, sizeof dir);
    const long n = (long)o.nseeds;
    hs_cv_stats *per = calloc((size_t)n, sizeof *per);
    double *mean = malloc((size_t)(p.steps + 1) * 3 * sizeof *mean);
    hs_cv_outburst **ob = calloc((size_t)n, sizeof *ob);
    long *nob = calloc((size_t)n, sizeof *nob);
    hs_status st = per && mean && ob && nob
                       ? run_ensemble(&o, &p, dir, per, mean, ob, nob, &err)
                       : hs_error_set(&err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (long i = 0; ob && i < n; i++)
        free(ob[i]);
    free(ob);
    free(nob);
    free(per);
    free(mean);
    if (st != HS_OK) return cli_report(&err);
    if (!o.quiet) printf("  output: %s\n", dir);
    return o.report ? cli_write_report(dir, o.quiet) : CLI_OK;
}
