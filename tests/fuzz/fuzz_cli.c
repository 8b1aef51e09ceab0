/*
** fuzz_cli.c - the command line: every command's reading of its options
** (src/cli/cmd_*.c), the shared readers of numbers and values (cli.c). The
** input is one token a line: the first names the command (run when it names
** none), the others are its arguments. Two "--help" end every command line,
** so that a line the command accepts prints its help instead of doing the
** work (a "--help" taken as the last option's value leaves the other): what
** is fuzzed is the reading, never a run.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "fuzz_util.h"

int cli_report_page(int argc, char **argv); /* cmd_report.c */

#define MAX_ARGS 32

typedef struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
} command;

/* The commands that spread over MPI ranks, on one process. */
static int validate_one(int argc, char **argv)
{
    return cli_validate(NULL, argc, argv);
}

static int compare_one(int argc, char **argv)
{
    return cli_compare(NULL, argc, argv);
}

static int run_one(int argc, char **argv)
{
    return cli_run(NULL, argc, argv);
}

static const command commands[] = {
    {"run", run_one},
    {"validate", validate_one},
    {"assess", cli_assess},
    {"ensemble", cli_ensemble},
    {"compare", compare_one},
    {"region", cli_region},
    {"report", cli_report_page},
};

/* Help texts and usage errors, thousands a second, go nowhere (the sanitizers'
** and libFuzzer's reports do not go through these streams). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    FILE *null = fopen("/dev/null", "w");
    if (null) stdout = stderr = null;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    if (!text) return 0;
    char *args[MAX_ARGS + 3];
    int n = 0;
    for (char *save = NULL, *tok = strtok_r(text, "\n", &save); tok && n < MAX_ARGS;
         tok = strtok_r(NULL, "\n", &save))
        args[n++] = tok;
    const command *cmd = &commands[0];
    int first = 0;
    for (size_t k = 0; n > 0 && k < sizeof commands / sizeof *commands; k++)
        if (strcmp(args[0], commands[k].name) == 0) {
            cmd = &commands[k];
            first = 1;
        }
    char *argv[MAX_ARGS + 4];
    int argc = 0;
    argv[argc++] = (char *)cmd->name;
    for (int k = first; k < n; k++)
        argv[argc++] = args[k];
    argv[argc++] = "--help";
    argv[argc++] = "--help";
    argv[argc] = NULL;
    (void)cmd->fn(argc, argv);
    free(text);
    return 0;
}
