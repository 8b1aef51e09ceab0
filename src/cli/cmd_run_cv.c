/* cmd_run_cv.c - humsec run for civil-violence scenarios (issue 4): not built yet. */
#include "cli.h"
#include <stdio.h>
int cli_run_civil_violence(const char *scenario, const cli_run_opts *opts)
{
    (void)opts;
    fprintf(stderr, "humsec run: %s: civil-violence scenarios are not implemented yet (issue 4)\n",
            scenario);
    return CLI_FAIL;
}
