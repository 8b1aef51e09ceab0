/*
** region_internal.h - what the region module's files share. Not public.
** The constants are the modelling choices of docs/odd/region.md; change one
** there and here together.
*/
#ifndef HUMSEC_REGION_INTERNAL_H
#define HUMSEC_REGION_INTERNAL_H

#include <humsec/region.h>

/* FSI scores (0 best .. 10 worst) onto bands of the world's quantities: the
** band the default scenario's states span, widened to both ends. */
#define REGION_LEGIT_BEST 1.00 /* P1 state legitimacy -> legitimacy */
#define REGION_LEGIT_WORST 0.70
#define REGION_REPR_BEST 0.02 /* P3 human rights and rule of law -> repression */
#define REGION_REPR_WORST 0.40
#define REGION_COH_BEST 0.90 /* mean of C2 factionalised elites and C3 group grievance */
#define REGION_COH_WORST 0.50
#define REGION_MIL_BEST 0.03 /* C1 security apparatus -> military share (P10's band) */
#define REGION_MIL_WORST 0.15

/* A place's hazard exposure without INFORM (the scenario reader's default). */
#define REGION_HAZARD_DEFAULT 0.1

/* The violence of a conflict event where Flee's conflict value is 1: the default
** scenario's heaviest fighting. */
#define REGION_CONFLICT_VIOLENCE 0.6

/* The name of a closure type in Flee's closures.csv ("location", "link", ...). */
const char *region_closure_name(int type);

/* Add a note (printf-style); HS_ERR_NOMEM when out of memory. */
hs_status region_note(hs_region *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Each state's iso3 from its name and its indicators from the tables under
** data_dir (NULL: none), with notes for what was not found (region_data.c). */
hs_status region_read_indicators(hs_region *r, const char *data_dir, hs_error *err);

/* The state most of the case's conflict events are in: the crisis's origin. */
int region_origin_state(const hs_region *r);

/* hdi_vs_hdr.csv (region_hdi.c): each state's HDR HDI and life expectancy over the
** case's years beside the world's HDI-like index and health security; summary
** (a jansson json_t object) gains "hdi_vs_hdr", each state's changes. */
struct json_t;
struct hs_outdir;
hs_status region_write_hdi(const hs_region *r, const hs_flight_case *c, const hs_world_sim *sim,
                           struct hs_outdir *o, struct json_t *summary, hs_error *err);

/* One comparison of patterns_vs_real.csv (region_patterns.c): a measure of a
** pattern of patterns.md (P3-P6) on one state, the run's value beside the
** conflict's own figure from the data, NAN where there is none (the note says
** why). Strings: static (pattern .. unit) or held in the row. */
typedef struct region_pattern_row {
    const char *pattern; /* "P3" .. "P6" */
    const char *measure; /* a name for programs: "camp_people_peak_share", ... */
    const char *label;   /* the same in words, for the command's lines */
    const char *unit;    /* "share", "change", "people", "per 1,000 a year", ... */
    int state;
    double model, real;
    char source[320]; /* where the real figure comes from ("none" without one) */
    char years[64];   /* the years or days it is for ("" without one) */
    char note[480];   /* what the two measure, and why a figure is NA */
} region_pattern_row;

/* Most rows: P3, P4 and P6 of the origin (6), P5 of every state (4 each). */
#define REGION_PATTERN_ROWS (6 + 4 * HS_WORLD_MAX_STATES)

/* Fill rows[0 .. *n - 1] (room for REGION_PATTERN_ROWS) for the run sim of the
** region r built from case c read with settings s. Fails only when the HDR table
** cannot be read or memory runs out. */
hs_status region_patterns_compare(const hs_region *r, const hs_flight_case *c,
                                  const hs_flight_settings *s, const hs_world_sim *sim,
                                  region_pattern_row *rows, int *n, hs_error *err);

/* patterns_vs_real.csv, those rows; summary gains "patterns_vs_real", the same. */
hs_status region_write_patterns(const hs_region *r, const hs_flight_case *c,
                                const hs_flight_settings *s, const hs_world_sim *sim,
                                struct hs_outdir *o, struct json_t *summary, hs_error *err);

#endif
