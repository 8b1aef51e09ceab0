/*
** named.h - numeric fields of a struct reached by name ("section.key"), with
** their ranges: how `humsec compare` sets any model's parameters by name, and
** how the world's scenario reader and writer walk one table of its parameters
** (so that what is read, written back and varied cannot drift apart).
** Internal to libhumsec.
*/
#ifndef HUMSEC_CORE_NAMED_H
#define HUMSEC_CORE_NAMED_H

#include <stddef.h>
#include <humsec/error.h>

typedef enum { HS_NAMED_DOUBLE = 0, HS_NAMED_LONG = 1, HS_NAMED_BOOL = 2 } hs_named_type;

/* One field: the name is "section.key", or "key" when section is "". A table
** ends with a row whose key is NULL. */
typedef struct hs_named {
    const char *section;
    const char *key;
    int type;      /* hs_named_type: double, long, or int 0/1 */
    size_t offset; /* in the struct */
    double min, max;
} hs_named;

/* The row named name, or NULL. */
const hs_named *hs_named_find(const hs_named *table, const char *name);

/* The range of the field named name: 0 for a real number, 1 for a whole number
** or a switch, -1 when there is no such field. */
int hs_named_range(const hs_named *table, const char *name, double *min, double *max);

/* The field's value in obj: 0, or -1 when there is none. */
int hs_named_get(const hs_named *table, const void *obj, const char *name, double *value);

/* Set the field named name in obj, checking that the value is in range and whole
** where the field is (a switch: 0 or 1). what: the model's noun for messages when
** there is no such field ("the world", "the flight rules"), with a hint. */
hs_status hs_named_set(const hs_named *table, void *obj, const char *name, double value,
                       const char *what, hs_error *err);

#endif
