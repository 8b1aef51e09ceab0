/*
** cmd_compare.c - `humsec compare EXPERIMENT.yml [-o DIR] [--threads N] [--quiet]`:
** a human security scenario under several policy arms over many replicates with
** common random numbers, and the paired effects with their intervals (compare.h).
*/
#include "cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/compare.h>
#include <humsec/version.h>
#include <humsec/world.h>

static void help(void)
{
    printf("usage: humsec compare EXPERIMENT.yml [-o DIR] [--threads N] [--quiet]\n\n"
           "Run a human security scenario under each arm of an experiment (a doctrine for\n"
           "every donor, the same budgets) over its replicates, arm k of replicate r with\n"
           "seed S + r, so that the arms of a replicate share their random numbers (common\n"
           "random numbers), and compare each arm with the baseline arm: the paired\n"
           "difference of each outcome at each horizon with its 95%% t interval, and the\n"
           "day after which one arm stays ahead of the other.\n\n"
           "The experiment file (model: experiment) names the scenario (default: the\n"
           "embedded one), replicates, seed, days, scale (people x scale), horizons, the\n"
           "focus state, the baseline and the arms; docs/compare.md describes it, and\n"
           "scenarios/experiments/doctrines.yml is an example.\n\n"
           "Options:\n"
           "  -o, --out DIR   output folder (default: out/<experiment>)\n"
           "  --threads N     threads of each run (default: all cores); results do not\n"
           "                  depend on it\n"
           "  --quiet         no summary on standard output\n\n"
           "Output folder: runs.csv (one row per run), outcomes.csv (run x outcome x\n"
           "horizon), effects.csv (arm x outcome x horizon: n, mean paired difference, sd,\n"
           "95%% interval, overtakes_day), experiment.yml (the file as given),\n"
           "summary.json (version, arms, seeds, days, scale).\n");
}

static hs_status write_record(const hs_experiment *x, hs_outdir *o, hs_error *err)
{
    char *text = NULL;
    FILE *in = fopen(x->path, "rb");
    if (in) {
        fseek(in, 0, SEEK_END);
        long n = ftell(in);
        rewind(in);
        text = n >= 0 ? malloc((size_t)n + 1) : NULL;
        if (text) text[fread(text, 1, (size_t)n, in)] = '\0';
        fclose(in);
    }
    FILE *f = hs_outdir_fopen(o, "experiment.yml", err);
    if (!f) {
        free(text);
        return HS_ERR_IO;
    }
    if (text) fputs(text, f);
    free(text);
    hs_status st = hs_outdir_fclose(o, f, "experiment.yml", err);
    if (st != HS_OK) return st;
    json_t *j = json_object(), *arms = json_array();
    json_object_set_new(j, "humsec_version", json_string(hs_version()));
    json_object_set_new(j, "experiment", json_string(x->name));
    json_object_set_new(j, "scenario", json_string(x->scenario ? x->scenario : "default"));
    json_object_set_new(j, "replicates", json_integer(x->replicates));
    json_object_set_new(j, "first_seed", json_integer((json_int_t)x->seed0));
    json_object_set_new(j, "days", x->days > 0 ? json_integer(x->days) : json_null());
    json_object_set_new(j, "scale", json_real(x->scale));
    for (int k = 0; k < x->narms; k++) {
        json_t *a = json_object();
        json_object_set_new(a, "name", json_string(x->arms[k].name));
        json_object_set_new(a, "doctrine", json_string(hs_doctrine_name(x->arms[k].doctrine)));
        json_object_set_new(a, "budget",
                            x->arms[k].budget >= 0 ? json_real(x->arms[k].budget) : json_null());
        json_array_append_new(arms, a);
    }
    json_object_set_new(j, "arms", arms);
    json_object_set_new(j, "baseline", json_string(x->arms[x->baseline].name));
    return hs_outdir_write_json(o, "summary.json", j, err);
}

/* The effects at the last horizon of a few outcomes, from effects.csv. */
static void print_effects(const char *dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/effects.csv", dir);
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[1024];
    printf("  arm vs baseline, outcome, horizon: mean paired difference [95%% interval]\n");
    while (fgets(line, sizeof line, f)) {
        if (!strstr(line, ",violent_deaths,") && !strstr(line, ",hdi_like,") &&
            !strstr(line, ",displaced,"))
            continue;
        char arm[64], base[64], state[64], out[32];
        long h, n, over;
        double m, sd, lo, hi;
        if (sscanf(line, "%63[^,],%63[^,],%63[^,],%31[^,],%ld,%ld,%lf,%lf,%lf,%lf,%ld", arm, base,
                   state, out, &h, &n, &m, &sd, &lo, &hi, &over) >= 10)
            printf("  %-8s vs %-8s %-15s day %5ld: %+10.4g [%+.4g, %+.4g]\n", arm, base, out, h, m,
                   lo, hi);
    }
    fclose(f);
}

int cli_compare(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    long threads = 0;
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            help();
            return CLI_OK;
        } else if (strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if ((m = cli_opt(argc, argv, &i, "-o", &v)) != 0 ||
                   (m = cli_opt(argc, argv, &i, "--out", &v)) != 0) {
            if (m < 0) return cli_usage_error("compare", "%s needs a folder", a);
            out = v;
        } else if ((m = cli_opt(argc, argv, &i, "--threads", &v)) != 0) {
            if (m < 0 || cli_parse_int("compare", "--threads", v, 1, 1024, &threads))
                return CLI_USAGE;
        } else if (a[0] == '-') {
            return cli_usage_error("compare", "unknown option '%s'", a);
        } else if (!file) {
            file = a;
        } else {
            return cli_usage_error("compare", "more than one experiment ('%s', '%s')", file, a);
        }
    }
    if (!file) return cli_usage_error("compare", "which experiment? (humsec compare FILE.yml)");
    hs_error err;
    hs_experiment x;
    if (hs_experiment_load(&x, file, &err) != HS_OK) return cli_report(&err);
    char dir[4096];
    if (out)
        snprintf(dir, sizeof dir, "%s", out);
    else
        cli_default_out(file, dir, sizeof dir);
    hs_outdir od;
    if (hs_outdir_open(&od, dir, &err) != HS_OK) {
        hs_experiment_free(&x);
        return cli_report(&err);
    }
    hs_status st = write_record(&x, &od, &err);
    if (st == HS_OK) st = hs_experiment_run(&x, &od, (int)threads, cli_progress, "run", &err);
    if (st == HS_OK)
        st = hs_outdir_commit(&od, &err);
    else {
        char reason[2048];
        hs_error_format(&err, reason, sizeof reason);
        hs_outdir_abandon(&od, reason);
    }
    if (st != HS_OK) {
        hs_experiment_free(&x);
        return cli_report(&err);
    }
    if (!quiet) {
        printf("humsec %s - experiment %s: %d arms x %ld replicates. Output: %s/\n", hs_version(),
               x.name, x.narms, x.replicates, dir);
        print_effects(dir);
    }
    hs_experiment_free(&x);
    return CLI_OK;
}
