/* cmd_assess.c - humsec assess (issue 3): not built yet. */
#include "cli.h"
#include <stdio.h>
int cli_assess(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "humsec assess: not implemented yet (issue 3)\n");
    return CLI_FAIL;
}
