/*
** cmd_ensemble.c - `humsec ensemble SCENARIO --seeds N [-o DIR]`: one scenario
** over many seeds, each run's statistics and their mean and spread. For now
** scenarios are civil-violence ones (`model: civil_violence`).
*/
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/clock.h>
#include <humsec/violence.h>

static void help(void)
{
    printf("usage: humsec ensemble SCENARIO.yml [--seeds N] [--seed S] [-o DIR]\n"
           "                       [--steps N] [--threads N] [--quiet]\n\n"
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

int cli_ensemble(int argc, char **argv)
{
    const char *scenario = NULL, *out = NULL, *v;
    uint64_t seed0 = 1, nseeds = 20;
    long steps = -1, threads = 0;
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            help();
            return CLI_OK;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if ((r = cli_opt(argc, argv, &i, "--seeds", &v)) != 0) {
            if (r < 0 || cli_parse_u64("ensemble", "--seeds", v, &nseeds) != 0)
                return r < 0 ? cli_usage_error("ensemble", "--seeds needs a value") : CLI_USAGE;
            if (nseeds < 1 || nseeds > 1000000)
                return cli_usage_error("ensemble", "--seeds must be from 1 to 1000000");
        } else if ((r = cli_opt(argc, argv, &i, "--seed", &v)) != 0) {
            if (r < 0 || cli_parse_u64("ensemble", "--seed", v, &seed0) != 0)
                return r < 0 ? cli_usage_error("ensemble", "--seed needs a value") : CLI_USAGE;
        } else if ((r = cli_opt(argc, argv, &i, "-o", &v)) != 0) {
            if (r < 0) return cli_usage_error("ensemble", "-o needs a folder");
            out = v;
        } else if ((r = cli_opt(argc, argv, &i, "--steps", &v)) != 0) {
            if (r < 0 || cli_parse_int("ensemble", "--steps", v, 0, 100000000, &steps) != 0)
                return r < 0 ? cli_usage_error("ensemble", "--steps needs a value") : CLI_USAGE;
        } else if ((r = cli_opt(argc, argv, &i, "--threads", &v)) != 0) {
            if (r < 0 || cli_parse_int("ensemble", "--threads", v, 1, 4096, &threads) != 0)
                return r < 0 ? cli_usage_error("ensemble", "--threads needs a value") : CLI_USAGE;
        } else if (argv[i][0] == '-') {
            return cli_usage_error("ensemble", "unknown option '%s'", argv[i]);
        } else if (!scenario) {
            scenario = argv[i];
        } else {
            return cli_usage_error("ensemble", "one scenario at a time ('%s' is extra)", argv[i]);
        }
    }
    if (!scenario) return cli_usage_error("ensemble", "which scenario? (a .yml file)");

    hs_cv_params p;
    hs_error err;
    if (hs_cv_scenario_load(scenario, &p, &err) != HS_OK) return cli_report(&err);
    if (steps >= 0) p.steps = steps;
    char dir[4096];
    if (out) {
        snprintf(dir, sizeof dir, "%s", out);
    } else {
        const char *base = strrchr(scenario, '/');
        base = base ? base + 1 : scenario;
        size_t len = strlen(base);
        if (len > 4 && strcmp(base + len - 4, ".yml") == 0) len -= 4;
        snprintf(dir, sizeof dir, "out/%.*s-ensemble", (int)len, base);
    }
    long n = (long)nseeds;
    hs_cv_stats *per = calloc((size_t)n, sizeof *per);
    double *mean = malloc((size_t)(p.steps + 1) * 3 * sizeof *mean);
    if (!per || !mean) {
        free(per);
        free(mean);
        fprintf(stderr, "humsec ensemble: out of memory\n");
        return CLI_FAIL;
    }
    hs_cv_outburst **ob = calloc((size_t)n, sizeof *ob);
    long *nob = calloc((size_t)n, sizeof *nob);
    if (!ob || !nob) {
        free(per);
        free(mean);
        free(ob);
        free(nob);
        fprintf(stderr, "humsec ensemble: out of memory\n");
        return CLI_FAIL;
    }
    double t0 = hs_clock_seconds();
    hs_status st =
        hs_cv_ensemble(&p, seed0, n, (int)threads, per, mean, ob, nob, cli_progress, "seeds", &err);
    double secs = hs_clock_seconds() - t0;
    if (st == HS_OK)
        st = hs_cv_write_ensemble(dir, &p, scenario, seed0, n, per, mean, ob, nob, &err);
    hs_cv_spread waits;
    if (st == HS_OK) st = hs_cv_pooled_waits(ob, nob, n, &waits, &err);
    for (long i = 0; i < n; i++)
        free(ob[i]);
    free(ob);
    free(nob);
    if (st == HS_OK && !quiet) {
        printf("ensemble: %s (Model %s), %ld seeds from %llu, %ld steps each, %.2f s\n", p.name,
               p.model == 2 ? "II" : "I", n, (unsigned long long)seed0, p.steps, secs);
        st = print_table(&p, per, n, &waits, &err);
    }
    free(per);
    free(mean);
    if (st != HS_OK) return cli_report(&err);
    if (!quiet) printf("  output: %s\n", dir);
    return CLI_OK;
}
