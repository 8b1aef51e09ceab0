/*
** compare.h - policies side by side over many runs (M17; issue 12;
** ../shared/reference/compare.md; docs/compare.md).
**
** An experiment runs a human security scenario under several arms (each a
** doctrine for every donor, with the same budgets) over replicates; arm k of
** replicate r runs with seed seed0 + r, so the arms of a replicate share every
** random number where they do not differ (common random numbers). Outcomes of
** a focus state are read every day; the effects are the paired differences
** between each arm and the baseline arm at each horizon, with a t interval,
** and the day after which the mean difference keeps its sign (when one arm
** overtakes the other).
**
** This slice: arms by doctrine (and budget); no uncertain parameters, no
** sensitivity or scenario discovery yet, no resume, no database (docs/compare.md).
*/
#ifndef HUMSEC_COMPARE_H
#define HUMSEC_COMPARE_H

#include <stddef.h>
#include <humsec/error.h>
#include <humsec/outdir.h>

#pragma GCC visibility push(default)

#define HS_CMP_MAX_ARMS 16
#define HS_CMP_MAX_HORIZONS 16

/* What an experiment reads of its focus state (its own people, wherever they are). */
typedef enum hs_cmp_outcome {
    HS_CMP_DEATHS = 0,         /* all causes, cumulative */
    HS_CMP_VIOLENT_DEATHS = 1, /* violence and repression, cumulative */
    HS_CMP_DISPLACED = 2,      /* displaced, refugees and in camps, that day */
    HS_CMP_RETURNED = 3,       /* back home, that day */
    HS_CMP_ARMED = 4,          /* that day */
    HS_CMP_HDI_LIKE = 5,       /* that day */
    HS_CMP_HEALTH = 6,         /* mean health security that day */
    HS_CMP_FOOD = 7,
    HS_CMP_ECONOMIC = 8,
    HS_CMP_PERSONAL = 9,
    HS_CMP_LEGITIMACY = 10, /* of the state, that day */
    HS_CMP_REPRESSION = 11,
    HS_CMP_INSECURITY = 12,
    HS_CMP_COUNT = 13
} hs_cmp_outcome;
const char *hs_cmp_outcome_name(int outcome);

typedef struct hs_cmp_arm {
    char name[64];
    int doctrine;  /* hs_doctrine for every donor */
    double budget; /* every donor's budget, or < 0: the scenario's */
} hs_cmp_arm;

typedef struct hs_experiment {
    char *name;     /* owned */
    char *path;     /* the experiment file (owned) */
    char *scenario; /* the scenario file (owned), or NULL: the embedded default */
    int narms;
    hs_cmp_arm arms[HS_CMP_MAX_ARMS];
    int baseline; /* arm the others are compared with */
    long replicates;
    unsigned long long seed0; /* replicate r runs with seed seed0 + r */
    long days;                /* the scenario's own when < 0 */
    double scale;             /* people and camp capacities x scale (1: as written) */
    int nhorizons;
    long horizons[HS_CMP_MAX_HORIZONS]; /* days, increasing */
    char state[64];                     /* focus state ("" : the first) */
} hs_experiment;

/* Read an experiment file (`model: experiment`). Errors name file, line and key. */
hs_status hs_experiment_load(hs_experiment *x, const char *path, hs_error *err);
void hs_experiment_free(hs_experiment *x);

/* Paired differences d_i = a_i - b_i: mean, sample standard deviation and the 95% t
** interval of the mean (NAN bounds when n < 2). */
typedef struct hs_paired {
    long n;
    double mean, sd, lo, hi;
} hs_paired;
void hs_paired_difference(const double *a, const double *b, long n, hs_paired *out);

/* The first day after which the series keeps the sign of its last value (0: it always
** had it; -1: the last value is 0). A difference of arms' means over days: when one arm
** overtakes the other for good. */
long hs_overtaking_day(const double *diff, long days);

/* Run the experiment and write runs.csv, outcomes.csv and effects.csv into o.
** threads: for each run (results do not depend on it). progress, when not NULL, is
** called after each run. */
hs_status hs_experiment_run(const hs_experiment *x, hs_outdir *o, int threads,
                            void (*progress)(void *ctx, long done, long total), void *ctx,
                            hs_error *err);

#pragma GCC visibility pop

#endif
