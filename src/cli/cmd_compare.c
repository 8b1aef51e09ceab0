/*
** cmd_compare.c - `humsec compare EXPERIMENT.yml [-o DIR] [--threads N] [--fresh]
** [--quiet]`: a base scenario of any model (the human security world, a Flee case,
** civil violence) under several arms, over uncertain parameters and many
** replicates with common random numbers; the paired effects with their
** intervals, sensitivity indices and PRIM boxes (compare.h).
*/
#include "cli.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <omp.h>
#include <humsec/compare.h>
#include <humsec/version.h>
#include <humsec/world.h>

static void help(void)
{
    printf("usage: humsec compare EXPERIMENT.yml [-o DIR] [--threads N] [--fresh] [--quiet]\n"
           "                      [--report]\n\n"
           "Run a base scenario under each arm of an experiment (parameters set by name;\n"
           "in the human security world also a doctrine for every donor and budgets) at\n"
           "each point of a design over uncertain parameters, over replicates. The base is\n"
           "the embedded world, a human_security or civil_violence scenario file, or a\n"
           "Flee case folder (the flight process, its ARD against UNHCR among the\n"
           "outcomes). Replicate r runs with seed S + r in\n"
           "every arm and at every point, so that they share their random numbers (common\n"
           "random numbers). Each arm is compared with the baseline arm: the paired\n"
           "difference of each outcome at each horizon with its 95%% t interval, and the\n"
           "day after which one arm stays ahead of the other. With uncertain parameters:\n"
           "Sobol indices (design: sobol), Morris's effects (morris) or rank correlations\n"
           "(lhs), and PRIM boxes of where an arm beats the baseline.\n\n"
           "The experiment file (model: experiment) names the scenario (default: the\n"
           "embedded world), replicates, seed, days (steps of civil violence), horizons,\n"
           "the outcomes, the baseline, the arms and the uncertain parameters; for the\n"
           "world also scale (people x scale) and the focus state, for a Flee case its\n"
           "settings file; docs/compare.md describes it (each model's outcomes and\n"
           "parameters), and scenarios/experiments/ has examples.\n\n"
           "Runs are spread over the threads, one run per thread; the tables are the same\n"
           "whatever the number of threads. Each finished run is kept in DIR.journal/, so\n"
           "an interrupted experiment started again resumes where it stopped.\n\n"
           "Over MPI ranks (a build with cmake -DHUMSEC_MPI=ON; docs/scaling.md):\n"
           "  mpirun -np 4 humsec compare EXPERIMENT.yml  runs a quarter of the runs on\n"
           "each rank (--threads each), all into the journal, and rank 0 writes the same\n"
           "tables as one process; an interrupted start resumes on any number of ranks.\n\n"
           "Options:\n"
           "  -o, --out DIR   output folder (default: out/<experiment>)\n"
           "  --threads N     threads in all (default: all cores)\n"
           "  --fresh         forget the runs an interrupted start kept, and run all\n"
           "  --quiet         no progress and no summary\n"
           "  --report        also write DIR/report.html: fan charts per arm, effects with\n"
           "                  their intervals by horizon, sensitivity bars, PRIM boxes\n"
           "                  (humsec report; docs/report.md)\n\n"
           "Output folder: runs.csv (one row per run, with the parameters it varied),\n"
           "outcomes.csv (run x outcome x horizon), effects.csv (arm x outcome x horizon:\n"
           "n, mean paired difference, sd, 95%% interval, overtakes_day, better),\n"
           "series.csv (arm x outcome x day: mean and quantiles over runs), with uncertain\n"
           "parameters sensitivity.csv and prim.csv; results.sqlite (the same tables);\n"
           "timing.csv (seconds per run: the only file that differs between two runs);\n"
           "params.yml (the base scenario's parameters); experiment.yml (the file as\n"
           "given); summary.json (version, model, arms, seeds, days, scale, design).\n");
}

/* The progress line: runs done, the rate, and the time left. */
typedef struct progress_line {
    struct timespec start;
    long resumed;
    int quiet;
} progress_line;

static void show_progress(void *ctx, long done, long total)
{
    progress_line *pl = ctx;
    if (pl->quiet || !isatty(STDERR_FILENO)) return;
    if (done >= total) {
        fprintf(stderr, "\r%-72s\r", "");
        fflush(stderr);
        return;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double t =
        (double)(now.tv_sec - pl->start.tv_sec) + 1e-9 * (double)(now.tv_nsec - pl->start.tv_nsec);
    long here = done - pl->resumed; /* runs done by this start */
    char left[32] = "?";
    if (here > 0) {
        double s = t / (double)here * (double)(total - done);
        if (s >= 3600)
            snprintf(left, sizeof left, "%.0fh%02.0fm", floor(s / 3600), fmod(s, 3600) / 60);
        else
            snprintf(left, sizeof left, "%.0fm%02.0fs", floor(s / 60), fmod(s, 60));
    }
    int width = 30, fill = (int)((double)width * (double)done / (double)total);
    fprintf(stderr, "\rruns [%.*s%*s] %ld/%ld, %s left   ", fill, "##############################",
            width - fill, "", done, total, left);
    fflush(stderr);
}

static hs_status write_record(const hs_experiment *x, hs_outdir *o, const char *record,
                              hs_error *err)
{
    char *text = NULL;
    struct stat sb;
    /* A Flee case is a folder: no file to keep. */
    FILE *in = stat(x->path, &sb) == 0 && S_ISREG(sb.st_mode) ? fopen(x->path, "rb") : NULL;
    if (in) {
        fseek(in, 0, SEEK_END);
        long n = ftell(in);
        rewind(in);
        text = n >= 0 ? malloc((size_t)n + 1) : NULL;
        if (text) text[fread(text, 1, (size_t)n, in)] = '\0';
        fclose(in);
    }
    hs_status st = HS_OK;
    if (text) { /* the file as given (the embedded default has none) */
        FILE *f = hs_outdir_fopen(o, record, err);
        if (!f) {
            free(text);
            return HS_ERR_IO;
        }
        fputs(text, f);
        st = hs_outdir_fclose(o, f, record, err);
    }
    free(text);
    if (st != HS_OK) return st;
    json_t *j = json_object(), *arms = json_array();
    json_object_set_new(j, "humsec_version", json_string(hs_version()));
    json_object_set_new(j, "experiment", json_string(x->name));
    json_object_set_new(j, "scenario", json_string(x->scenario ? x->scenario : "default"));
    json_object_set_new(j, "model", json_string(hs_model_name((hs_model)x->model)));
    if (x->settings) json_object_set_new(j, "settings", json_string(x->settings));
    json_object_set_new(j, "replicates", json_integer(x->replicates));
    json_object_set_new(j, "first_seed", json_integer((json_int_t)x->seed0));
    json_object_set_new(j, "days", x->days > 0 ? json_integer(x->days) : json_null());
    json_object_set_new(j, "scale", json_real(x->scale));
    for (int k = 0; k < x->narms; k++) {
        json_t *a = json_object();
        json_object_set_new(a, "name", json_string(x->arms[k].name));
        json_object_set_new(a, "doctrine",
                            json_string(x->arms[k].doctrine >= 0
                                            ? hs_doctrine_name(x->arms[k].doctrine)
                                            : "scenario"));
        json_object_set_new(a, "budget",
                            x->arms[k].budget >= 0 ? json_real(x->arms[k].budget) : json_null());
        json_array_append_new(arms, a);
    }
    json_object_set_new(j, "arms", arms);
    json_object_set_new(j, "design", json_string(hs_design_name(x->design)));
    json_object_set_new(j, "runs", json_integer(hs_experiment_runs(x)));
    if (x->nparams > 0) {
        json_t *ps = json_array();
        for (int k = 0; k < x->nparams; k++) {
            json_t *q = json_object();
            json_object_set_new(q, "name", json_string(x->params[k].name));
            json_object_set_new(q, "distribution", json_string(hs_dist_name(x->params[k].dist)));
            json_object_set_new(q, "low", json_real(x->params[k].low));
            json_object_set_new(q, "high", json_real(x->params[k].high));
            json_array_append_new(ps, q);
        }
        json_object_set_new(j, "uncertain", ps);
        json_object_set_new(j, "samples", json_integer(x->samples));
    }
    json_object_set_new(j, "baseline", json_string(x->arms[x->baseline].name));
    return hs_outdir_write_json(o, "summary.json", j, err);
}

/* The effects at the last horizon, from effects.csv: of the world, the headline
** outcomes; of other models, every one. */
static void print_effects(const hs_experiment *x, const char *dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/effects.csv", dir);
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[1024];
    printf("  arm vs baseline, outcome, horizon: mean paired difference [95%% interval]\n");
    while (fgets(line, sizeof line, f)) {
        if (x->model == HS_MODEL_WORLD && !strstr(line, ",violent_deaths,") &&
            !strstr(line, ",hdi_like,") && !strstr(line, ",displaced,"))
            continue;
        char arm[64], base[64], state[64], out[32];
        long h, n, over;
        double m, sd, lo, hi;
        if (sscanf(line, "%63[^,],%63[^,],%63[^,],%31[^,],%ld,%ld,%lf,%lf,%lf,%lf,%ld", arm, base,
                   state, out, &h, &n, &m, &sd, &lo, &hi, &over) >= 10 &&
            h == x->horizons[x->nhorizons - 1])
            printf("  %-8s vs %-8s %-15s %s %5ld: %+10.4g [%+.4g, %+.4g]\n", arm, base, out,
                   x->model == HS_MODEL_CIVIL_VIOLENCE ? "step" : "day", h, m, lo, hi);
    }
    fclose(f);
}

/* The base's warnings (a Flee case's warnings.txt), as `humsec run` prints them. */
static void print_warnings(const char *cmd, const char *dir)
{
    char path[4200], line[4096];
    snprintf(path, sizeof path, "%s/warnings.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) return;
    while (fgets(line, sizeof line, f))
        fprintf(stderr, "humsec %s: warning: %s", cmd, line);
    fclose(f);
}

int cli_experiment_run(hs_ranks *r, const char *cmd, const hs_experiment *x, const char *dir,
                       int threads, int quiet, int fresh, const char *record, int report)
{
    hs_error err;
    hs_outdir od;
    /* Rank 0 holds the output folder (and empties the journal on --fresh); the
    ** others run their share into the journal beside it. */
    int root = hs_ranks_rank(r) == 0;
    progress_line pl = {.quiet = quiet || !root};
    clock_gettime(CLOCK_MONOTONIC, &pl.start);
    hs_cmp_progress prog = {show_progress, &pl, 0};
    hs_status st = root ? hs_outdir_open(&od, dir, &err) : HS_OK;
    int opened = root && st == HS_OK;
    if (st == HS_OK && root && fresh) st = hs_experiment_journal_remove(dir, &err);
    if (st == HS_OK && root) st = write_record(x, &od, record, &err);
    st = hs_ranks_agree(r, st, &err);
    if (st == HS_OK)
        st = hs_experiment_run_ranks(x, dir, root ? &od : NULL, r, threads, &prog, &err);
    if (opened) {
        if (st == HS_OK) {
            st = hs_outdir_commit(&od, &err);
            /* The journal only once the output is in place: a failed commit keeps it. */
            if (st == HS_OK) st = hs_experiment_journal_remove(dir, &err);
        } else {
            char reason[2048];
            hs_error_format(&err, reason, sizeof reason);
            hs_outdir_abandon(&od, reason);
        }
    }
    st = hs_ranks_agree(r, st, &err);
    if (st != HS_OK) return cli_report(&err);
    if (!root) return CLI_OK;
    print_warnings(cmd, dir);
    if (!quiet) {
        printf("humsec %s - experiment %s: %d arms x %ld design points x %ld replicates = %ld "
               "runs. Output: %s/\n",
               hs_version(), x->name, x->narms, hs_experiment_points(x), x->replicates,
               hs_experiment_runs(x), dir);
        if (hs_ranks_size(r) > 1)
            printf("  spread over %d MPI ranks (threads per rank: %d)\n", hs_ranks_size(r),
                   threads > 0 ? threads : omp_get_max_threads());
        if (prog.resumed > 0)
            printf("  resumed an interrupted start: %ld runs were done already\n", prog.resumed);
        if (x->narms > 1) print_effects(x, dir);
    }
    return report ? cli_write_report(dir, quiet) : CLI_OK;
}

int cli_compare(hs_ranks *r, int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    long threads = 0;
    int quiet = 0, fresh = 0, report = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            help();
            return CLI_OK;
        } else if (strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(a, "--fresh") == 0) {
            fresh = 1;
        } else if (strcmp(a, "--report") == 0) {
            report = 1;
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
    /* Every rank reads the file: all go on or none (rank 0 says what is wrong). */
    hs_status loaded = hs_experiment_load(&x, file, &err);
    if (hs_ranks_agree(r, loaded, &err) != HS_OK) {
        if (loaded == HS_OK) hs_experiment_free(&x);
        return cli_report(&err);
    }
    char dir[4096];
    if (out)
        snprintf(dir, sizeof dir, "%s", out);
    else
        cli_default_out(file, dir, sizeof dir);
    int rc = cli_experiment_run(r, "compare", &x, dir, (int)threads, quiet, fresh, "experiment.yml",
                                report);
    hs_experiment_free(&x);
    return rc;
}
