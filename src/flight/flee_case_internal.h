/*
** flee_case_internal.h - what the two files of the Flee case reader share
** (flee_case.c: input_csv/; flee_series.c: the UNHCR series). Not public.
*/
#ifndef HUMSEC_FLEE_CASE_INTERNAL_H
#define HUMSEC_FLEE_CASE_INTERNAL_H

#include <humsec/flight.h>
#include <humsec/table.h>
#include "flight/flight_internal.h"

/* Bounds on the counts of a case that size memory: a value past them is an
** error naming its file, line and field rather than an allocation that fails
** (or a conversion that is undefined) later on. */
#define FLEE_DAYS_MAX 1000000L /* Length, as `humsec run --days` */
#define FLEE_PEOPLE_MAX 1e9    /* a location's population, a camp's capacity, a UNHCR count */
#define FLEE_KM_MAX 1e6        /* a route's distance (kept as a float) */
#define FLEE_INTENSITY_MAX 1e6 /* a conflict intensity of conflicts.csv (kept as a float) */

/* Where a case's files come from: folders, or embedded text. */
typedef struct case_src {
    const char *dir;                         /* case folder (input_csv/ inside), or NULL */
    const char *source_dir;                  /* folder of the UNHCR series, or NULL */
    const hs_flight_embedded_file *embedded; /* {path, text} ending in {NULL}, or NULL */
} case_src;

/* Read input_csv/<name> (source 0) or source_data/<name> (source 1) of the
** case; *present says whether an optional file was there. A file that is not
** UTF-8 is read as Latin-1, with a warning added to c. */
hs_status flee_src_read(hs_flight_case *c, const case_src *src, int source, const char *name,
                        int optional, int *present, hs_table *t, hs_error *err);
/* A comment row (its first field starts with #). */
int flee_is_comment(const hs_row *r);
/* An error at row of t, field, with one string argument. */
hs_status flee_bad(hs_error *err, const hs_table *t, size_t row, const char *field, const char *fmt,
                   const char *arg);

/* The series (flee_series.c). */
hs_status flee_read_data(hs_flight_case *c, const case_src *src, const hs_flight_settings *s,
                         hs_error *err);
hs_status flee_read_corrections(hs_flight_case *c, const case_src *src, hs_error *err);
void flee_series_free(hs_series *s);

#endif
