/*
** cli.c - helpers shared by the humsec subcommands.
*/
#include "cli.h"

#include <humsec/report.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_report(const hs_error *err)
{
    char buf[2048];
    hs_error_format(err, buf, sizeof buf);
    if (hs_ranks_env_rank() == 0) fprintf(stderr, "humsec: %s\n", buf);
    return CLI_FAIL;
}

void cli_rank_failed(hs_ranks *r, hs_status st, const hs_error *err)
{
    if (hs_ranks_size(r) == 1 || (st != HS_ERR_NOMEM && st != HS_ERR_INTERNAL)) return;
    char buf[2048];
    hs_error_format(err, buf, sizeof buf);
    fprintf(stderr, "humsec: rank %d: %s; stopping every rank\n", hs_ranks_rank(r), buf);
    hs_ranks_abort(r, CLI_FAIL);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    if (hs_ranks_env_rank() != 0) return CLI_USAGE; /* rank 0 says it */
    va_list ap;
    fprintf(stderr, "humsec %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'humsec %s --help')\n", cmd);
    return CLI_USAGE;
}

int cli_parse_u64(const char *cmd, const char *opt, const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-') {
        cli_usage_error(cmd, "%s needs a non-negative integer, not '%s'", opt, s);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

int cli_parse_int(const char *cmd, const char *opt, const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < min || v > max) {
        cli_usage_error(cmd, "%s needs an integer from %ld to %ld, not '%s'", opt, min, max, s);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_opt(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0') return 0;
    if (*i + 1 >= argc) return -1;
    *value = argv[++*i];
    return 1;
}

void cli_progress(void *ctx, long done, long total)
{
    const char *what = ctx ? (const char *)ctx : "progress";
    if (!isatty(STDERR_FILENO)) return;
    if (done >= total)
        fprintf(stderr, "\r%-60s\r", "");
    else
        fprintf(stderr, "\r%s: %ld/%ld (%.0f%%)   ", what, done, total,
                total > 0 ? 100.0 * (double)done / (double)total : 0.0);
    fflush(stderr);
}

void cli_default_out(const char *scenario, char *buf, size_t n)
{
    const char *base = strrchr(scenario, '/');
    base = base ? base + 1 : scenario;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".yml") == 0)
        len -= 4;
    else if (len > 5 && strcmp(base + len - 5, ".yaml") == 0)
        len -= 5;
    snprintf(buf, n, "out/%.*s", (int)len, base);
}

int cli_write_report(const char *out, int quiet)
{
    hs_error err;
    char *page = hs_report_default_path(out);
    if (!page) return cli_report(&(hs_error){.status = HS_ERR_NOMEM, .message = "out of memory"});
    int rc = CLI_OK;
    if (hs_report_write(out, page, NULL, &err) != HS_OK)
        rc = cli_report(&err);
    else if (!quiet)
        printf("  Report: %s\n", page);
    free(page);
    return rc;
}
