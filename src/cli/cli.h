/*
** cli.h - what the humsec command's subcommands share: argument parsing
** helpers, error printing and the progress line. The command is a thin client
** of libhumsec's public API; nothing here models anything.
*/
#ifndef HUMSEC_CLI_H
#define HUMSEC_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <humsec/error.h>
#include <humsec/ranks.h>

/* Exit codes of the command. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Subcommands: each returns an exit code. argv[0] is the subcommand name. */
/* run spreads one flight run's people over MPI ranks (r NULL: one process). */
int cli_run(hs_ranks *r, int argc, char **argv);
/* validate and compare spread their runs over MPI ranks (r NULL: one process;
** every rank calls them, only rank 0 prints and writes). */
int cli_validate(hs_ranks *r, int argc, char **argv);
int cli_assess(int argc, char **argv);
int cli_ensemble(int argc, char **argv);
int cli_compare(hs_ranks *r, int argc, char **argv);

/* Run an experiment into dir, commit it and print its summary (cmd_compare.c; also
** `humsec ensemble` on a world scenario). record: the name under which the file
** x came from is kept in the folder; report: also write its page (--report).
** Returns the exit code. */
struct hs_experiment;
int cli_experiment_run(hs_ranks *r, const char *cmd, const struct hs_experiment *x, const char *dir,
                       int threads, int quiet, int fresh, const char *record, int report);

/* --report: write the page of a complete output folder (or assess file) out to its
** default place and say where (unless quiet). Returns the exit code. */
int cli_write_report(const char *out, int quiet);

/* Options of `humsec run` shared by every kind of scenario. */
typedef struct cli_run_opts {
    const char *out; /* -o DIR, or NULL for the default folder */
    uint64_t seed;   /* --seed N (default 1) */
    long days;       /* --days N, or -1 to use the scenario's own length */
    long threads;    /* --threads N, or 0 for OpenMP's default */
    int quiet;       /* --quiet: no summary on stdout */
    int doctrine;    /* --doctrine: every donor's doctrine (hs_doctrine), or -1: the scenario's */
    long checkpoint_every; /* --checkpoint-every N (0: none) */
    int resume;            /* --resume DIR: go on from DIR.checkpoint */
    long agents;           /* --agents N: a Flee case as a world, at most N agents (0: default) */
    long scale;            /* --scale N: a Flee case as a world, one agent for N people (0: by
                           ** --agents) */
    const char *data;      /* --data DIR: a Flee case as a world, the indicator folder */
    hs_ranks *ranks;       /* the MPI ranks a flight run spreads over (NULL: one process) */
} cli_run_opts;

/* `humsec run FILE.yml` where the file says `model: civil_violence`. */
int cli_run_civil_violence(const char *scenario, const cli_run_opts *opts);

/* `humsec run` for the human security world: scenario NULL runs the embedded
** default; otherwise a file that says `model: human_security`. */
int cli_run_human_security(const char *scenario, const cli_run_opts *opts);

/* `humsec run CASE --model human_security`: the world built from a Flee case folder and
** its countries' indicators (cmd_run_region.c); `humsec region CASE -o DIR` writes it out. */
int cli_run_region(const char *case_dir, const char *settings, const char *source,
                   const cli_run_opts *opts);
int cli_region(int argc, char **argv);

/* Load a Flee case folder with its settings (--settings FILE, else the
** folder's only simsetting*.yml, else Flee's defaults); prints errors. */
struct hs_flight_case;
struct hs_flight_settings;
int cli_load_flee_case(const char *cmd, const char *dir, const char *settings, const char *source,
                       struct hs_flight_case *c, struct hs_flight_settings *s);

/* Print "humsec: <formatted error>" to stderr; returns CLI_FAIL. Under an MPI
** launcher only rank 0 prints (the ranks agree on errors: hs_ranks_agree), and so
** with cli_usage_error. */
int cli_report(const hs_error *err);
/* A run over ranks whose status is st on this rank: a failure of this rank
** alone (memory, MPI), while the others wait for it in a sum, is said here by
** this rank, which then takes every rank down (rank 0's output folder is left
** unfinished). Other failures (bad input, too many people) happen on every rank
** at the same point, and the ranks agree on them (hs_ranks_agree). */
void cli_rank_failed(hs_ranks *r, hs_status st, const hs_error *err);
/* Print "humsec <cmd>: <message>" and a hint to use --help; returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse option values; on failure print a usage error and return -1. */
int cli_parse_u64(const char *cmd, const char *opt, const char *s, uint64_t *out);
int cli_parse_int(const char *cmd, const char *opt, const char *s, long min, long max, long *out);

/* Is an option "--name" or "--name=value"? Sets *value (from argv[*i+1] or after '='),
** advancing *i. Returns 1 if matched, 0 if not, -1 if the value is missing. */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **value);

/* The default output folder of a scenario file: "out/<file name without .yml>". */
void cli_default_out(const char *scenario, char *buf, size_t n);

/* Progress line on stderr, only when stderr is a terminal; ctx is a label
** (const char *, may be NULL). Fits the library's progress callbacks. */
void cli_progress(void *ctx, long done, long total);

#endif
