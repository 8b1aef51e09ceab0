/*
** cmd_run_region.c - real regions on the command line:
**   humsec run CASE --model human_security   the world built from a Flee case
**                                            and its countries' indicators,
**                                            run, with its ARD against UNHCR
**                                            beside the flight process's;
**   humsec region CASE -o DIR                the same world written out as
**                                            scenario files to edit.
** The indicator tables are found in --data DIR, else $HUMSEC_DATA, else the
** first data/ folder holding undp-hdr/ beside the case or one of its parents
** (../shared/data for the cases in ../shared/validation/flee).
*/
#include "cli.h"

#include <humsec/checkpoint.h>

#include <jansson.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <humsec/clock.h>
#include <humsec/flight.h>
#include <humsec/outdir.h>
#include <humsec/region.h>
#include <humsec/version.h>
#include <humsec/world.h>

/* The indicator folder: given, else $HUMSEC_DATA, else a data/ with undp-hdr/ beside
** the case folder or one of its parents. NULL when there is none. */
static const char *find_data(const char *given, const char *case_dir, char *buf, size_t n)
{
    if (given) return given;
    const char *env = getenv("HUMSEC_DATA");
    if (env && *env) return env;
    /* case/.., case/../.., ...: the folder holding the case, and its parents. */
    char d[4096];
    snprintf(d, sizeof d, "%s", case_dir);
    for (int up = 0; up < 8 && strlen(d) + 4 < sizeof d; up++) {
        struct stat st;
        strcat(d, "/..");
        snprintf(buf, n, "%s/data/undp-hdr", d);
        if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) {
            snprintf(buf, n, "%s/data", d);
            return buf;
        }
    }
    return NULL;
}

/* A case that has no UNHCR series (no source_data/, none borrowed, none given) is
** still a world: read it as Flee reads a conflict-driven case, where the series are
** optional, with Flee's defaults or --settings, and say so. HS_OK, or the first
** error again when the case has series (the error was something else). */
static hs_status open_without_series(const char *dir, const char *settings, const char *source,
                                     hs_flight_case *c, hs_flight_settings *s, hs_error *err)
{
    char src[4200];
    struct stat st;
    snprintf(src, sizeof src, "%s/source_data", dir);
    if (source || stat(src, &st) == 0) return err->status;
    hs_error e2;
    hs_flight_settings_default(s);
    if (settings && hs_flight_settings_load(s, settings, &e2) != HS_OK) return err->status;
    s->spawn_mode = HS_SPAWN_CONSTANT; /* the series become optional; the world spawns no one */
    if (hs_flight_case_load(c, dir, NULL, s, &e2) != HS_OK) return err->status;
    if (hs_flight_case_warn(c, err,
                            "%s: no source_data/: read without UNHCR series (%s), so the run "
                            "has no ARD",
                            dir, settings ? settings : "Flee's default settings") != HS_OK) {
        hs_flight_case_free(c);
        return err->status;
    }
    return HS_OK;
}

/* Load the case (the settings `humsec validate` uses) and build its region. */
static int build(const char *case_dir, const char *settings, const char *source,
                 const char *data_given, long max_agents, double scale, hs_flight_case *c,
                 hs_flight_settings *s, hs_region *r)
{
    /* The settings `humsec validate` takes: among several, simsetting_validation.yml. */
    hs_error err;
    if (hs_flight_case_open(c, s, case_dir, settings, source, 1, &err) != HS_OK &&
        open_without_series(case_dir, settings, source, c, s, &err) != HS_OK)
        return cli_report(&err);
    for (int k = 0; k < c->nwarnings && hs_ranks_env_rank() == 0; k++)
        fprintf(stderr, "humsec: warning: %s\n", c->warnings[k]);
    char buf[4200];
    hs_region_opts o = {.data_dir = find_data(data_given, case_dir, buf, sizeof buf),
                        .max_agents = max_agents,
                        .scale = scale};
    if (hs_region_build(r, c, s, &o, &err) != HS_OK) {
        hs_flight_case_free(c);
        return cli_report(&err);
    }
    return CLI_OK;
}

/* The origin state's HDI line, from the committed summary.json (hdi_vs_hdr). */
static void print_hdi(const char *out)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/summary.json", out);
    json_t *j = json_load_file(path, 0, NULL);
    json_t *a = j ? json_object_get(j, "hdi_vs_hdr") : NULL;
    for (size_t k = 0; a && k < json_array_size(a); k++) {
        json_t *e = json_array_get(a, k);
        if (!json_is_true(json_object_get(e, "origin"))) continue;
        json_t *m = json_object_get(e, "hdi_like_change"),
               *h = json_object_get(e, "hdr_hdi_change");
        if (!json_is_number(m) || !json_is_number(h)) continue;
        printf("  %s's HDI: the world's HDI-like index %+.1f%% from day 0 to the last day; UNDP's "
               "HDI %+.1f%% from %lld to %lld (hdi_vs_hdr.csv)\n",
               json_string_value(json_object_get(e, "state")), 100.0 * json_number_value(m),
               100.0 * json_number_value(h),
               (long long)json_integer_value(json_object_get(e, "first_year")),
               (long long)json_integer_value(json_object_get(e, "last_year")));
    }
    json_decref(j);
}

/* A value of patterns_vs_real in its unit ("NA" for null). */
static void format_value(char *buf, size_t n, json_t *v, const char *unit)
{
    if (!json_is_number(v)) {
        snprintf(buf, n, "NA");
        return;
    }
    double x = json_number_value(v);
    if (strcmp(unit, "share") == 0)
        snprintf(buf, n, "%.2f%%", 100.0 * x);
    else if (strcmp(unit, "change") == 0)
        snprintf(buf, n, "%+.1f%%", 100.0 * x);
    else if (strcmp(unit, "years") == 0)
        snprintf(buf, n, "%+.2f", x);
    else
        snprintf(buf, n, "%.0f", x);
}

/* One line per pattern of the origin state's rows of patterns_vs_real (summary.json):
** each measure's world / real value, leaving out those with neither (the file has
** them, and why). */
static void print_patterns(const char *out)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/summary.json", out);
    json_t *j = json_load_file(path, 0, NULL);
    json_t *a = j ? json_object_get(j, "patterns_vs_real") : NULL;
    const char *origin = NULL;
    for (size_t k = 0; a && k < json_array_size(a) && !origin; k++)
        if (json_is_true(json_object_get(json_array_get(a, k), "origin")))
            origin = json_string_value(json_object_get(json_array_get(a, k), "state"));
    if (origin)
        printf("  Against %s's own figures (world / real; NA: none in the data; "
               "patterns_vs_real.csv):\n",
               origin);
    static const char *const ids[] = {"P3", "P4", "P5", "P6"};
    for (int p = 0; origin && p < 4; p++) {
        int any = 0;
        for (size_t k = 0; k < json_array_size(a); k++) {
            json_t *e = json_array_get(a, k);
            const char *id = json_string_value(json_object_get(e, "pattern"));
            if (!json_is_true(json_object_get(e, "origin")) || !id || strcmp(id, ids[p]) != 0)
                continue;
            json_t *mv = json_object_get(e, "model"), *rv = json_object_get(e, "real");
            if (!json_is_number(mv) && !json_is_number(rv)) continue; /* the file says why */
            const char *unit = json_string_value(json_object_get(e, "unit"));
            char m[64], r[64];
            format_value(m, sizeof m, mv, unit ? unit : "");
            format_value(r, sizeof r, rv, unit ? unit : "");
            if (any)
                fputs("; ", stdout);
            else
                printf("    %s: ", ids[p]);
            printf("%s %s / %s", json_string_value(json_object_get(e, "label")), m, r);
            any = 1;
        }
        if (any)
            putchar('\n');
        else
            printf("    %s: no figure on either side\n", ids[p]);
    }
    json_decref(j);
}

static void print_states(const hs_region *r)
{
    printf("  %-14s %-5s %5s %5s %5s  %6s %6s %6s %6s %6s %6s\n", "state", "iso3", "HDR", "INF",
           "FSI", "econ", "serv", "life", "legit", "repr", "cohes");
    for (int s = 0; s < r->sc->nstates; s++) {
        const hs_world_state *st = &r->sc->states[s];
        const hs_region_indicators *in = &r->ind[s];
        printf("  %-14.14s %-5s %5d %5d %5d  %6.3f %6.3f %6.1f %6.3f %6.3f %6.3f\n", st->name,
               in->iso3[0] ? in->iso3 : "-", in->hdr_year, in->inform_year, in->fsi_year,
               st->economy, st->services, st->life_expectancy, st->legitimacy, st->repression,
               st->cohesion);
    }
}

int cli_run_region(const char *case_dir, const char *settings, const char *source,
                   const cli_run_opts *opts)
{
    hs_flight_case c;
    hs_flight_settings s;
    hs_region r;
    int rc = build(case_dir, settings, source, opts->data, opts->agents, (double)opts->scale, &c,
                   &s, &r);
    if (rc != CLI_OK) return rc;
    hs_world_scenario *sc = r.sc;
    if (opts->doctrine >= 0) hs_world_scenario_set_doctrine(sc, opts->doctrine);
    char out[4096];
    if (opts->out)
        snprintf(out, sizeof out, "%s", opts->out);
    else
        snprintf(out, sizeof out, "out/%s-world", c.name);
    hs_error err;
    hs_outdir od;
    hs_world_sim *sim = NULL;
    hs_flight_sim *fsim = NULL;
    /* Over ranks, every rank runs the world (and the flight process beside it)
    ** together; rank 0 alone holds the output folder and speaks. */
    hs_ranks *ranks = opts->ranks;
    int root = hs_ranks_rank(ranks) == 0;
    if (hs_ranks_agree(ranks, root ? hs_outdir_open(&od, out, &err) : HS_OK, &err) != HS_OK) {
        hs_region_free(&r);
        hs_flight_case_free(&c);
        return cli_report(&err);
    }
    /* Checkpoints: DIR.checkpoint, of the world as built from the case, seed, length and
    ** version (hs_world_fingerprint covers the case's closures). */
    char ckpath[4200];
    snprintf(ckpath, sizeof ckpath, "%s.checkpoint", out);
    hs_checkpointing ck = {ckpath, opts->checkpoint_every, opts->resume,
                           hs_world_fingerprint(sc, opts->seed, opts->days)};
    int checkpointing = opts->checkpoint_every > 0 || opts->resume;
    double t0 = hs_clock_seconds(), wall = 0, fard = NAN, fardr = NAN;
    /* Set-up's loops run on OpenMP's default threads: --threads sets it too. */
    if (opts->threads > 0) omp_set_num_threads((int)opts->threads);
    hs_status st = hs_world_sim_create_ranks(&sim, sc, opts->seed, ranks, &err);
    if (st == HS_OK) {
        hs_world_sim_set_threads(sim, (int)opts->threads);
        st = hs_world_run_checkpointed(sim, opts->days, checkpointing ? &ck : NULL,
                                       root ? cli_progress : NULL, "day", &err);
    }
    wall = hs_clock_seconds() - t0;
    /* The flight process on the same case and seed: Flee's rules, spawned from the data. */
    if (st == HS_OK && c.ncamps > 0) {
        st = hs_flight_sim_create_ranks(&fsim, &c, &s, opts->seed, ranks, &err);
        if (st == HS_OK) {
            hs_flight_sim_set_threads(fsim, (int)opts->threads);
            st = hs_flight_sim_run(fsim, hs_world_sim_days(sim), NULL, NULL, &err);
        }
        if (st == HS_OK) hs_flight_sim_ard(fsim, &fard, &fardr);
    }
    cli_rank_failed(ranks, st, &err);
    if (hs_ranks_agree(ranks, st, &err) != HS_OK) goto fail;
    if (!root) goto done;
    if (hs_world_sim_write(sim, &od, wall, &err) != HS_OK ||
        hs_region_write_run(&r, &c, &s, sim, fard, fardr, &od, &err) != HS_OK)
        goto fail;
    if (hs_outdir_commit(&od, &err) != HS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    if (checkpointing) unlink(ckpath); /* the output is in place: the checkpoint's work is done */
    if (!opts->quiet) {
        double ard, ardr;
        hs_region_ard(&r, &c, &s, sim, &ard, &ardr, NULL);
        printf("humsec %s - human security world of the Flee case %s: %ld days, seed %llu\n",
               hs_version(), c.name, hs_world_sim_days(sim), (unsigned long long)opts->seed);
        printf("  %.0f people in the case's places; %ld agents, one for %g people (every count "
               "in the output is of agents)\n",
               r.people, hs_world_sim_initial_people(sim), r.scale);
        printf("  Starting levels from the indicators of the start year %d (HDR, INFORM, FSI "
               "years used; 0: not in the table):\n",
               r.year);
        print_states(&r);
        if (!isnan(ard))
            printf("  Against UNHCR camp counts: the world ARD %.3f, rescaled %.3f; the flight "
                   "process (Flee's rules) ARD %.3f, rescaled %.3f\n",
                   ard, ardr, fard, fardr);
        else
            printf("  No UNHCR camp data: no ARD\n");
        int max = HS_WORLD_PATTERNS_PER_STATE * sc->nstates, n, applies = 0, holds = 0;
        hs_world_pattern *pat = calloc((size_t)max, sizeof *pat);
        n = pat ? hs_world_sim_patterns(sim, pat, max) : 0;
        for (int k = 0; k < n; k++) {
            applies += pat[k].applies;
            holds += pat[k].applies && pat[k].holds;
        }
        free(pat);
        printf("  Patterns of the real world (patterns.md, the model's bands): %d of %d checks "
               "hold (summary.json)\n",
               holds, applies);
        print_hdi(out);
        print_patterns(out);
        printf("  %d notes on the data used and the fallbacks (region.txt). %.2f s. Output: %s/\n",
               r.nnotes, wall, out);
        if (hs_ranks_size(ranks) > 1)
            printf("  its people spread over %d MPI ranks\n", hs_ranks_size(ranks));
    }
    goto done;
fail:
    rc = cli_report(&err);
    if (root) {
        char reason[2048];
        hs_error_format(&err, reason, sizeof reason);
        hs_outdir_abandon(&od, reason);
    }
done:
    hs_flight_sim_free(fsim);
    hs_world_sim_free(sim);
    hs_region_free(&r);
    hs_flight_case_free(&c);
    return rc;
}

static const char region_help[] =
    "usage: humsec region CASE [-o DIR] [--data DIR] [--agents N] [--scale N]\n"
    "                     [--settings FILE.yml] [--source-data DIR]\n"
    "\n"
    "Build the human security world of a Flee case folder - its places, routes, camp\n"
    "capacities, conflicts and border closures, its countries' starting levels from\n"
    "their UNDP HDR, INFORM and FSI rows for the case's start year (docs/odd/region.md)\n"
    "- and write it as scenario files to read, edit and run (`humsec run DIR/CASE.yml`).\n"
    "`humsec run CASE --model human_security` builds the same world and runs it.\n"
    "\n"
    "Options:\n"
    "  -o, --out DIR        folder for the files (default: out/<case>-scenario)\n"
    "  --data DIR           folder holding undp-hdr/, inform/ and fsi/ (default: $HUMSEC_DATA,\n"
    "                       else a data/ folder beside the case or one of its parents)\n"
    "  --agents N           at most N agents at the start (default 100000)\n"
    "  --scale N            one agent for N people (default: the smallest whole N within\n"
    "                       --agents)\n"
    "  --settings FILE.yml  Flee simsetting file (default as for humsec validate)\n"
    "  --source-data DIR    folder of the UNHCR series (default: CASE/source_data)\n"
    "\n"
    "Files: CASE.yml, locations.csv, routes.csv, closures.csv (the closures of places,\n"
    "links and camps, when the case has any), sources.txt (the tables and years used,\n"
    "and what fell back where a country or a table is missing).\n";

int cli_region(int argc, char **argv)
{
    const char *dir = NULL, *out = NULL, *data = NULL, *settings = NULL, *source = NULL;
    long agents = 0, scale = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(region_help, stdout);
            return CLI_OK;
        } else if ((m = cli_opt(argc, argv, &i, "-o", &v)) != 0 ||
                   (m = cli_opt(argc, argv, &i, "--out", &v)) != 0) {
            if (m < 0) return cli_usage_error("region", "%s needs a folder", a);
            out = v;
        } else if ((m = cli_opt(argc, argv, &i, "--data", &v)) != 0) {
            if (m < 0) return cli_usage_error("region", "--data needs a folder");
            data = v;
        } else if ((m = cli_opt(argc, argv, &i, "--agents", &v)) != 0) {
            if (m < 0 || cli_parse_int("region", "--agents", v, 1, 100000000, &agents))
                return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--scale", &v)) != 0) {
            if (m < 0 || cli_parse_int("region", "--scale", v, 1, 100000000, &scale))
                return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--settings", &v)) != 0) {
            if (m < 0) return cli_usage_error("region", "--settings needs a file");
            settings = v;
        } else if ((m = cli_opt(argc, argv, &i, "--source-data", &v)) != 0) {
            if (m < 0) return cli_usage_error("region", "--source-data needs a folder");
            source = v;
        } else if (a[0] == '-') {
            return cli_usage_error("region", "unknown option '%s'", a);
        } else if (!dir) {
            dir = a;
        } else {
            return cli_usage_error("region", "more than one case ('%s', '%s')", dir, a);
        }
    }
    if (!dir) return cli_usage_error("region", "which case? (a Flee case folder)");
    hs_flight_case c;
    hs_flight_settings s;
    hs_region r;
    int rc = build(dir, settings, source, data, agents, (double)scale, &c, &s, &r);
    if (rc != CLI_OK) return rc;
    char buf[4096];
    if (!out) {
        snprintf(buf, sizeof buf, "out/%s-scenario", c.name);
        out = buf;
    }
    hs_error err;
    if (hs_region_write_scenario(&r, out, &err) != HS_OK)
        rc = cli_report(&err);
    else
        printf("%s: %d states, %d places, %d events, one agent for %g people; %d notes "
               "(sources.txt). Written: %s/%s.yml\n",
               c.name, r.sc->nstates, r.sc->geo.nloc, r.sc->nevents, r.scale, r.nnotes, out,
               r.sc->name);
    hs_region_free(&r);
    hs_flight_case_free(&c);
    return rc;
}
