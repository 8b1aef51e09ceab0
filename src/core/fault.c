/*
** fault.c - fault points for the kill tests (fault.h).
*/
#include "core/fault.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

int hs_fault_named(const char *name)
{
    const char *f = getenv("HUMSEC_FAULT");
    size_t n = strlen(name);
    for (const char *p = f; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, name, n) == 0) return 1;
        p = end ? end + 1 : NULL;
    }
    return 0;
}

void hs_fault_point(const char *name)
{
    if (hs_fault_named(name)) raise(SIGKILL);
}
