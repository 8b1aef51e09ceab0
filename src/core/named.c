/*
** named.c - fields of a struct by name, with ranges (named.h).
*/
#include "core/named.h"

#include <string.h>

const hs_named *hs_named_find(const hs_named *t, const char *name)
{
    if (!name) return NULL;
    const char *dot = strrchr(name, '.');
    size_t n = dot ? (size_t)(dot - name) : 0;
    const char *key = dot ? dot + 1 : name;
    for (const hs_named *d = t; d->key; d++)
        if (strlen(d->section) == n && strncmp(d->section, name, n) == 0 &&
            strcmp(d->key, key) == 0)
            return d;
    return NULL;
}

int hs_named_range(const hs_named *t, const char *name, double *min, double *max)
{
    const hs_named *d = hs_named_find(t, name);
    if (!d) return -1;
    *min = d->min;
    *max = d->max;
    return d->type == HS_NAMED_DOUBLE ? 0 : 1;
}

int hs_named_get(const hs_named *t, const void *obj, const char *name, double *value)
{
    const hs_named *d = hs_named_find(t, name);
    if (!d) return -1;
    const char *base = (const char *)obj + d->offset;
    switch (d->type) {
    case HS_NAMED_DOUBLE:
        *value = *(const double *)base;
        break;
    case HS_NAMED_LONG:
        *value = (double)*(const long *)base;
        break;
    default:
        *value = (double)*(const int *)base;
        break;
    }
    return 0;
}

hs_status hs_named_set(const hs_named *t, void *obj, const char *name, double value,
                       const char *what, hs_error *err)
{
    const hs_named *d = hs_named_find(t, name);
    if (!d) return hs_error_set(err, HS_ERR_INVALID, NULL, 0, name, "not a parameter of %s", what);
    if (!(value >= d->min && value <= d->max))
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, name, "%g is outside [%g, %g]", value,
                            d->min, d->max);
    char *base = (char *)obj + d->offset;
    switch (d->type) {
    case HS_NAMED_DOUBLE:
        *(double *)base = value;
        break;
    case HS_NAMED_LONG:
        if (value != (double)(long)value)
            return hs_error_set(err, HS_ERR_INVALID, NULL, 0, name, "%g is not a whole number",
                                value);
        *(long *)base = (long)value;
        break;
    default:
        if (value != 0.0 && value != 1.0)
            return hs_error_set(err, HS_ERR_INVALID, NULL, 0, name, "a switch is 0 or 1, not %g",
                                value);
        *(int *)base = (int)value;
        break;
    }
    return HS_OK;
}
