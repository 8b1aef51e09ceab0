/* cmd_validate.c - humsec validate. */
#include "cli.h"
#include <stdio.h>
int cli_validate(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "humsec validate: not implemented yet\n");
    return CLI_FAIL;
}
