/*
** compare.h - policies side by side over many runs (M17; issue 12;
** ../shared/reference/compare.md; docs/compare.md).
**
** An experiment runs a base scenario of any model humsec runs - the human
** security world (a scenario file or the embedded default), a Flee case folder
** (the flight process) or a civil-violence scenario - under several arms (each
** parameters set by name; in the world also a doctrine for every donor and
** budgets) at each point of a design over uncertain parameters (design.h), over
** replicates. Run (sample s, replicate r, arm k) runs with seed seed0 + r, so the
** arms of a replicate - and the samples - share every random number where they
** do not differ (common random numbers). The model's outcomes (the world's of a
** focus state, the flight run's of the whole case, the lattice's) are read every
** day (every step of civil violence); the effects are the paired differences
** between each arm and the baseline arm at each horizon, with a t interval, and
** the day after which the mean difference keeps its sign (when one arm
** overtakes the other); with uncertain parameters, Sobol or Morris sensitivity
** indices of each arm's outcomes and of each effect, and PRIM boxes where an arm
** beats the baseline.
**
** Runs spread over threads (one run per thread when there are enough runs)
** and every table is the same whatever the number of threads. Each finished
** run is kept in a journal beside the output folder ("<dir>.journal/"), so an
** interrupted experiment started again with the same file resumes and skips
** the runs it finished; the journal goes when the output is committed.
*/
#ifndef HUMSEC_COMPARE_H
#define HUMSEC_COMPARE_H

#include <stddef.h>
#include <humsec/design.h>
#include <humsec/error.h>
#include <humsec/outdir.h>
#include <humsec/ranks.h>
#include <humsec/scenario.h>

#pragma GCC visibility push(default)

#define HS_CMP_MAX_ARMS 16
#define HS_CMP_MAX_HORIZONS 16
#define HS_CMP_MAX_SET 16 /* parameters an arm sets */

#define HS_CMP_MAX_OUTCOMES 16 /* of one model */

/* What an experiment reads of the world's focus state (its own people, wherever
** they are): the outcomes of HS_MODEL_WORLD, in this order. */
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
/* The flight process's outcomes (HS_MODEL_FLIGHT), of the whole case each day:
**   people        displaced people in the run
**   in_camps      people in the case's camps
**   travelling    people on a route at the end of the day
**   ard           the day's ARD against UNHCR's camp counts (NA without data)
**   ard_rescaled  the same with the simulated total rescaled to the data's
**   ard_mean      the mean ARD from the first day to that day
** Civil violence's (HS_MODEL_CIVIL_VIOLENCE), of the lattice each step:
**   active, jailed, quiet (citizens), arrests (since step 0), outbursts (begun
**   since step 0, by the scenario's outburst_threshold), and in Model II kills
**   (since step 0), blue and green (living citizens of each group). */

/* The number of outcomes of a model (hs_model of scenario.h), its outcome o's
** name ("?" when out of range), the index of the outcome named s (-1 when the
** model has none of that name), and whether less of it is better (1: deaths,
** ARD) or more (0: legitimacy, people in camps). */
int hs_cmp_outcome_count(int model);
const char *hs_cmp_outcome_name(int model, int outcome);
int hs_cmp_outcome_parse(int model, const char *s);
int hs_cmp_outcome_lower_is_better(int model, int outcome);
/* What an outcome of any model measures, for an axis ("deaths since day 0 (all
** causes)"); the name itself when no model has it. */
const char *hs_cmp_outcome_unit(const char *name);

/* The range of a parameter an experiment on a model may set or vary (world.h
** hs_world_params_range, flight.h hs_flight_settings_range, violence.h
** hs_cv_params_range; "budget": every donor's, in the world): 0 for a real
** number, 1 for a whole number or a switch (a sampled value is rounded to the
** nearest whole number in range), -1 when the model has no such parameter. */
int hs_cmp_param_range(int model, const char *name, double *min, double *max);

typedef struct hs_cmp_arm {
    char name[64];
    int doctrine;  /* the world: hs_doctrine for every donor, or -1: the scenario's own */
    double budget; /* the world: every donor's budget, or < 0: the scenario's */
    int nset;      /* parameters set by name (hs_cmp_param_range) */
    char set_name[HS_CMP_MAX_SET][64];
    double set_value[HS_CMP_MAX_SET];
} hs_cmp_arm;

typedef struct hs_experiment {
    char *name;     /* owned */
    char *path;     /* the experiment file (owned) */
    char *scenario; /* the scenario file or Flee case folder (owned), or NULL: the
                    ** embedded default world */
    int model;      /* hs_model (scenario.h) of the scenario */
    char *settings; /* a Flee case's simsetting file (owned), or NULL: the case's own */
    int narms;
    hs_cmp_arm arms[HS_CMP_MAX_ARMS];
    int baseline; /* arm the others are compared with */
    long replicates;
    unsigned long long seed0; /* replicate r runs with seed seed0 + r */
    long days;                /* the scenario's own when < 0 (civil violence: steps) */
    double scale;             /* the world: people and camp capacities x scale (1) */
    int nhorizons;
    long horizons[HS_CMP_MAX_HORIZONS]; /* days, increasing */
    char state[64];                     /* the world's focus state ("" : the first) */
    unsigned outcomes; /* bit o: the model's outcome o is reported (all by default) */
    /* Uncertain parameters (`uncertain:`); design HS_DESIGN_NONE when there are none.
    ** Parameters by name (hs_cmp_param_range); an arm's own settings win over a
    ** sampled value. */
    int design;   /* hs_design */
    long samples; /* LHS points, Sobol base points, Morris trajectories */
    int levels;   /* Morris's grid */
    int nparams;
    hs_param params[HS_DESIGN_MAX_PARAMS];
    long bootstrap;                                   /* resamples for intervals */
    double prim_alpha, prim_min_mass, prim_threshold; /* scenario discovery */
} hs_experiment;

/* The one-arm experiment of a scenario over seeds (`humsec ensemble`): a
** human_security or civil_violence scenario file or a Flee case folder as it is
** (scenario NULL: the embedded default world), replicates seeds from seed0,
** days (< 0: the scenario's own), every outcome at a quarter, half and all of
** the days. */
hs_status hs_experiment_of_scenario(hs_experiment *x, const char *scenario, long replicates,
                                    unsigned long long seed0, long days, hs_error *err);

/* Runs in all: design points x replicates x arms. */
long hs_experiment_runs(const hs_experiment *x);
/* Design points: 1 without uncertain parameters. */
long hs_experiment_points(const hs_experiment *x);

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

/* What hs_experiment_run reports as it goes (all may be NULL). */
typedef struct hs_cmp_progress {
    /* After each run finishes (in the order they finish): done of total. */
    void (*run_done)(void *ctx, long done, long total);
    void *ctx;
    long resumed; /* set by hs_experiment_run: runs found done in the journal */
} hs_cmp_progress;

/* Run the experiment and write into o: runs.csv, outcomes.csv, effects.csv,
** series.csv, with uncertain parameters sensitivity.csv and prim.csv, and all of
** them in results.sqlite (docs/compare.md). threads: in all (results do not
** depend on it). */
hs_status hs_experiment_run(const hs_experiment *x, hs_outdir *o, int threads,
                            hs_cmp_progress *progress, hs_error *err);
/* The same spread over MPI ranks (ranks.h; r NULL: one process): each rank runs
** its share of the runs, all into the journal beside dir, and rank 0, whose
** output folder o is (NULL on the other ranks), writes the tables - the same
** bytes as one process writes, but for timing.csv's wall times. Every rank
** calls it and returns the same status. */
hs_status hs_experiment_run_ranks(const hs_experiment *x, const char *dir, hs_outdir *o,
                                  hs_ranks *r, int threads, hs_cmp_progress *progress,
                                  hs_error *err);

/* Remove the journal of the experiment whose output folder is dir ("<dir>.journal/"):
** after the output is committed, or to start afresh. */
hs_status hs_experiment_journal_remove(const char *dir, hs_error *err);

#pragma GCC visibility pop

#endif
