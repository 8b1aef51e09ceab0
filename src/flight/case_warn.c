/*
** case_warn.c - the warnings a Flee case carries: quirks of Flee's input that
** Flee tolerates and humsec accepts too, each saying what humsec did. The
** library never prints; the commands print these and write them out.
*/
#include <humsec/flight.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <humsec/outdir.h>

hs_status hs_flight_case_warn(hs_flight_case *c, hs_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    char **grown = realloc(c->warnings, ((size_t)c->nwarnings + 1) * sizeof *grown);
    if (grown) c->warnings = grown;
    if (!msg || !grown) {
        free(msg);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    c->warnings[c->nwarnings++] = msg;
    return HS_OK;
}

hs_status hs_flight_case_write_warnings(const hs_flight_case *c, struct hs_outdir *o,
                                        const char *name, hs_error *err)
{
    if (c->nwarnings == 0) return HS_OK;
    FILE *f = hs_outdir_fopen(o, name, err);
    if (!f) return HS_ERR_IO;
    for (int k = 0; k < c->nwarnings; k++)
        fprintf(f, "%s\n", c->warnings[k]);
    return hs_outdir_fclose(o, f, name, err);
}
