/* cmd_run.c - humsec run. */
#include "cli.h"
#include <stdio.h>
int cli_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "humsec run: not implemented yet\n");
    return CLI_FAIL;
}
