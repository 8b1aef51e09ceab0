/* cmd_ensemble.c - humsec ensemble (issue 4): not built yet. */
#include "cli.h"
#include <stdio.h>
int cli_ensemble(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "humsec ensemble: not implemented yet (issue 4)\n");
    return CLI_FAIL;
}
