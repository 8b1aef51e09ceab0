/*
** main.c - the humsec command: dispatch to a subcommand.
*/
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <humsec/version.h>

/* humsec report (cmd_report.c). */
int cli_report_page(int argc, char **argv);

typedef struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    int (*ranked)(hs_ranks *r, int argc, char **argv); /* spreads over MPI ranks */
    const char *summary;
} command;

static const command commands[] = {
    {"run", NULL, cli_run, "run a scenario (default: the embedded one) or a Flee case folder"},
    {"validate", NULL, cli_validate,
     "run a Flee case over many seeds and report ARD against UNHCR data"},
    {"assess", cli_assess, NULL,
     "compute human-security indices (HDI, INFORM, FSI, ...) from data"},
    {"ensemble", cli_ensemble, NULL, "run a scenario over many seeds and summarise the statistics"},
    {"compare", NULL, cli_compare, "compare policies (arms) over many runs with paired effects"},
    {"region", cli_region, NULL, "write the human security world of a Flee case as scenario files"},
    {"report", cli_report_page, NULL, "write one self-contained HTML page of charts for an output"},
};

/* A command under an MPI launcher: started on every rank (compare and validate
** spread their runs over the ranks, run a flight run's people; the others run
** on one process and refuse more). Only rank 0 writes to standard output. */
static int dispatch(const command *c, int argc, char **argv)
{
    hs_ranks *r = NULL;
    hs_error err;
    if (hs_ranks_start(&r, &argc, &argv, &err) != HS_OK) return cli_report(&err);
    int rc;
    if (c->ranked) {
        if (hs_ranks_rank(r) != 0 && !freopen("/dev/null", "w", stdout)) return CLI_FAIL;
        rc = c->ranked(r, argc - 1, argv + 1);
    } else if (hs_ranks_size(r) > 1) {
        rc = cli_usage_error(c->name, "runs on one process: under mpirun, 'humsec compare' and "
                                      "'humsec validate' spread their runs over the ranks, and "
                                      "'humsec run' one run's people");
    } else {
        rc = c->fn(argc - 1, argv + 1);
    }
    hs_ranks_stop(r);
    return rc;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: humsec [COMMAND] [OPTIONS]\n\n"
               "humsec simulates and measures human security.\n"
               "With no command, runs the embedded default scenario ('humsec run').\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'humsec COMMAND --help' describes a command.\n"
               "Options: --help, --version\n");
}

/* rc, or CLI_FAIL when what went to standard output was lost (stdout a file on a
** full disk): stdio writes late, and a failed write at exit would go unsaid. */
static int stdout_checked(int rc)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout)) return rc;
    fprintf(stderr, "humsec: standard output: write error: %s\n", strerror(errno ? errno : EIO));
    return rc == CLI_OK ? CLI_FAIL : rc;
}

int main(int argc, char **argv)
{
    /* Threads that sleep at barriers rather than spin: on a shared or busy
    ** machine spinning threads steal the cores the work needs (a run can be
    ** ten times slower). The OpenMP runtime reads OMP_WAIT_POLICY when it is
    ** loaded, before main, so the program restarts itself once with it set.
    ** A user's own OMP_WAIT_POLICY wins. Under valgrind (its preload library
    ** is in LD_PRELOAD) the restart would run the program outside valgrind,
    ** which refuses it: there the program runs as it is. */
    const char *preload = getenv("LD_PRELOAD");
    int valgrind = preload && strstr(preload, "vgpreload");
    if (!getenv("OMP_WAIT_POLICY") && !valgrind) {
        setenv("OMP_WAIT_POLICY", "passive", 1);
        execv("/proc/self/exe", argv); /* returns only on failure: run as we are */
    }
    if (argc < 2) {
        char *args[] = {argv[0], "run", NULL};
        return stdout_checked(dispatch(&commands[0], 2, args));
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("humsec %s\n", hs_version());
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return stdout_checked(dispatch(&commands[i], argc, argv));
    fprintf(stderr, "humsec: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return CLI_USAGE;
}
