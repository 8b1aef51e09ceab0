/*
** cmd_report.c - humsec report PATH [-o FILE.html]: one self-contained HTML
** page of charts for an output folder (or an assess CSV). A thin client of
** report.h.
*/
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/report.h>

/* Registered in main.c. */
int cli_report_page(int argc, char **argv);

static const char report_help[] =
    "usage: humsec report PATH [-o FILE.html]\n"
    "\n"
    "Write one self-contained HTML page of charts for a humsec output: it holds its\n"
    "data and the chart library (Vega, from Debian's libjs-vega, inlined), so it\n"
    "opens in a browser offline and fetches nothing.\n"
    "\n"
    "PATH  an output folder of humsec run (a human security world, a Flee case or a\n"
    "      civil violence scenario), humsec validate, humsec ensemble or humsec\n"
    "      compare; or the CSV file humsec assess -o wrote\n"
    "\n"
    "Options:\n"
    "  -o, --out FILE.html  where to write the page (default: PATH/report.html for a\n"
    "                       folder, the CSV's name with .html for an assess CSV)\n"
    "  --help               this text\n"
    "\n"
    "What each page shows: docs/report.md. humsec run, validate and assess write\n"
    "the page themselves with --report.\n"
    "\n"
    "Exit status: 0 on success, 1 when PATH is not a humsec output or the chart\n"
    "library is missing (the message names the package to install), 2 on bad usage.\n";

int cli_report_page(int argc, char **argv)
{
    const char *path = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(report_help, stdout);
            return CLI_OK;
        } else if ((m = cli_opt(argc, argv, &i, "-o", &v)) != 0 ||
                   (m = cli_opt(argc, argv, &i, "--out", &v)) != 0) {
            if (m < 0) return cli_usage_error("report", "%s needs a file name", a);
            out = v;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_usage_error("report", "unknown option '%s'", a);
        } else if (!path) {
            path = a;
        } else {
            return cli_usage_error("report", "more than one PATH ('%s', '%s')", path, a);
        }
    }
    if (!path) return cli_usage_error("report", "missing PATH (an output folder)");
    hs_error err;
    hs_error_clear(&err);
    hs_report_kind kind;
    if (hs_report_kind_of(path, &kind, &err) != HS_OK) return cli_report(&err);
    char *own = out ? NULL : hs_report_default_path(path);
    if (!out && !own) {
        fprintf(stderr, "humsec report: out of memory\n");
        return CLI_FAIL;
    }
    int rc = CLI_OK;
    if (hs_report_write(path, out ? out : own, NULL, &err) != HS_OK)
        rc = cli_report(&err);
    else
        printf("humsec report: %s of %s: %s\n", hs_report_kind_name(kind), path, out ? out : own);
    free(own);
    return rc;
}
