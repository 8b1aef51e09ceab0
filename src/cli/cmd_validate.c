/*
** cmd_validate.c - humsec validate CASE: a Flee case over many seeds against
** its UNHCR data (Flee's averaged relative difference).
*/
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/flight.h>
#include <humsec/outdir.h>

static const char validate_help[] =
    "usage: humsec validate CASE [--settings FILE.yml] [--seeds N] [--seed FIRST]\n"
    "                       [--source-data DIR] [--threads N] [-o DIR] [--report]\n"
    "\n"
    "Run a Flee case folder over N seeds (FIRST, FIRST+1, ...) and compare the people\n"
    "in its camps with the UNHCR counts: the averaged relative difference (ARD) and its\n"
    "rescaled form, per day and as a mean, per seed and over seeds (mean and spread).\n"
    "\n"
    "Options:\n"
    "  --settings FILE.yml  Flee simsetting file (default: the case's only simsetting*.yml;\n"
    "                       among several, simsetting_validation.yml; a variant case\n"
    "                       CASE_x with none takes the base case CASE's)\n"
    "  --seeds N            number of seeds (default 10)\n"
    "  --seed FIRST         first seed (default 1)\n"
    "  --source-data DIR    folder of the UNHCR series (default: CASE/source_data, or the\n"
    "                       base case's for a variant CASE_x that has none)\n"
    "  --threads N          threads per run (default: all cores)\n"
    "                       (under mpirun, in an MPI build, seed k runs on rank k mod\n"
    "                       the ranks, and rank 0 writes what one process would:\n"
    "                       docs/scaling.md)\n"
    "  -o, --out DIR        output folder (default: out/validate-<case>)\n"
    "  --report             also write DIR/report.html: ARD over time and over seeds, a\n"
    "                       page that opens offline (humsec report; docs/report.md)\n"
    "\n"
    "Output folder: validation.csv (one row per seed), ard_daily.csv (one row per day and\n"
    "seed), ard_by_day.csv (one row per day: mean and sd over seeds), settings.yml,\n"
    "summary.json (ard_mean, ard_sd, ard_rescaled_mean, ...), and warnings.txt when the\n"
    "case has quirks Flee tolerates (series out of date order, a repeated date, ...):\n"
    "each says what humsec did, and is printed too.\n";

int cli_validate(hs_ranks *r, int argc, char **argv)
{
    const char *dir = NULL, *settings = NULL, *source = NULL, *out = NULL;
    long nseeds = 10, threads = 0;
    uint64_t first = 1;
    int report = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(validate_help, stdout);
            return CLI_OK;
        } else if ((m = cli_opt(argc, argv, &i, "-o", &v)) != 0 ||
                   (m = cli_opt(argc, argv, &i, "--out", &v)) != 0) {
            if (m < 0) return cli_usage_error("validate", "%s needs a folder", a);
            out = v;
        } else if ((m = cli_opt(argc, argv, &i, "--seeds", &v)) != 0) {
            if (m < 0 || cli_parse_int("validate", "--seeds", v, 1, 100000, &nseeds))
                return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--seed", &v)) != 0) {
            if (m < 0 || cli_parse_u64("validate", "--seed", v, &first)) return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--threads", &v)) != 0) {
            if (m < 0 || cli_parse_int("validate", "--threads", v, 1, 1024, &threads))
                return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--settings", &v)) != 0) {
            if (m < 0) return cli_usage_error("validate", "--settings needs a file");
            settings = v;
        } else if ((m = cli_opt(argc, argv, &i, "--source-data", &v)) != 0) {
            if (m < 0) return cli_usage_error("validate", "--source-data needs a folder");
            source = v;
        } else if (strcmp(a, "--report") == 0) {
            report = 1;
        } else if (a[0] == '-') {
            return cli_usage_error("validate", "unknown option '%s'", a);
        } else if (!dir) {
            dir = a;
        } else {
            return cli_usage_error("validate", "more than one case ('%s', '%s')", dir, a);
        }
    }
    if (!dir) return cli_usage_error("validate", "which case? (a Flee case folder)");

    hs_flight_case c;
    hs_flight_settings s;
    int rc = cli_load_flee_case("validate", dir, settings, source, &c, &s);
    /* Every rank reads the case (rank 0 says what is wrong); all go on or none. */
    hs_error err;
    if (rc != CLI_OK) hs_error_set(&err, HS_ERR_INVALID, dir, 0, NULL, "cannot read the case");
    if (hs_ranks_agree(r, rc == CLI_OK ? HS_OK : HS_ERR_INVALID, &err) != HS_OK) {
        if (rc == CLI_OK) {
            hs_flight_case_free(&c);
            return cli_report(&err);
        }
        return rc;
    }
    char outbuf[4096];
    if (!out) {
        snprintf(outbuf, sizeof outbuf, "out/validate-%s", c.name);
        out = outbuf;
    }
    hs_outdir od;
    hs_flight_validation v;
    /* Rank 0 holds the output folder; every rank runs its share of the seeds. */
    int root = hs_ranks_rank(r) == 0;
    hs_status st = hs_ranks_agree(r, root ? hs_outdir_open(&od, out, &err) : HS_OK, &err);
    if (st != HS_OK) {
        hs_flight_case_free(&c);
        return cli_report(&err);
    }
    st = hs_flight_validate_ranks(&c, &s, r, first, (int)nseeds, (int)threads,
                                  root ? cli_progress : NULL, "seed", &v, &err);
    if (st == HS_OK && root) st = hs_flight_validation_write(&v, &c, &s, &od, &err);
    if (root && st != HS_OK) {
        char reason[2048];
        hs_error_format(&err, reason, sizeof reason);
        hs_outdir_abandon(&od, reason);
    } else if (root) {
        st = hs_outdir_commit(&od, &err);
    }
    st = hs_ranks_agree(r, st, &err);
    if (st != HS_OK || !root) {
        hs_flight_validation_free(&v);
        hs_flight_case_free(&c);
        return st != HS_OK ? cli_report(&err) : CLI_OK;
    }
    double am, asd, rm, rsd;
    hs_flight_mean_sd(v.ard, v.nseeds, &am, &asd);
    hs_flight_mean_sd(v.ard_rescaled, v.nseeds, &rm, &rsd);
    printf("%s: %ld days, %d seeds from %llu\n", c.name, v.days, v.nseeds,
           (unsigned long long)first);
    if (hs_ranks_size(r) > 1) printf("  spread over %d MPI ranks\n", hs_ranks_size(r));
    printf("  seed       ARD   rescaled\n");
    for (int k = 0; k < v.nseeds; k++)
        printf("  %-6llu  %.4f   %.4f\n", (unsigned long long)v.seeds[k], v.ard[k],
               v.ard_rescaled[k]);
    printf("  mean    %.4f   %.4f\n  sd      %.4f   %.4f\n", am, rm, asd, rsd);
    printf("  %.3g agent-days in %.2f s. Output: %s/\n", v.agent_days, v.wall_seconds, out);
    /* The page, once the folder is complete: a failure here leaves the output as it is. */
    rc = report ? cli_write_report(out, 0) : CLI_OK;
    hs_flight_validation_free(&v);
    hs_flight_case_free(&c);
    return rc;
}
