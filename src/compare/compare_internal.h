/*
** compare_internal.h - what the parts of `humsec compare` share: the plan of
** an experiment's runs and the results read from them (compare.h). Internal
** to libhumsec.
**
**   compare.c   the order of work: plan, runs, tables, analysis, database;
**               the models' outcomes and parameters
**   model_world.c, model_flight.c, model_cv.c
**               each model's base scenario, and one run of it read as outcomes
**   runner.c    the runs, over threads, each kept in the journal
**   tables.c    runs.csv, outcomes.csv, effects.csv, series.csv, timing.csv
**   analysis.c  sensitivity.csv and prim.csv
**   store.c     results.sqlite from the CSV tables
*/
#ifndef HUMSEC_COMPARE_INTERNAL_H
#define HUMSEC_COMPARE_INTERNAL_H

#include <stdint.h>
#include <stdio.h>
#include <humsec/compare.h>
#include <humsec/ranks.h>
#include <humsec/flight.h>
#include <humsec/violence.h>
#include <humsec/world.h>

#define HS_CMP_BUDGET_MAX 100.0 /* as a donor's budget in a world scenario */

struct cmp_plan;

/* What compare needs of a model. Each run is a pure function of the base, the
** run's settings and its seed, so runs may go in any order on any thread. */
typedef struct cmp_model {
    /* Read the base scenario into the plan (p->x->scenario), set p->days when the
    ** experiment leaves it to the scenario, and p->focus. */
    hs_status (*load)(struct cmp_plan *p, hs_error *err);
    void (*unload)(struct cmp_plan *p);
    /* One run on threads threads: its daily outcomes into v[o * days + d]. */
    hs_status (*run)(const struct cmp_plan *p, long run, int threads, double *v, hs_error *err);
    /* A parameter's value in the base scenario: 0, or -1 when there is none. */
    int (*base_value)(const struct cmp_plan *p, const char *name, double *v);
    /* The base's resolved parameters as YAML (params.yml); with fingerprint, also
    ** whatever else makes the runs what they are and is not in the scenario
    ** file's bytes (a Flee case's tables), for the journal's fingerprint. */
    void (*describe)(const struct cmp_plan *p, FILE *f, int fingerprint);
    /* Anything else the output folder needs of the base (NULL: nothing). */
    hs_status (*write)(const struct cmp_plan *p, hs_outdir *o, hs_error *err);
} cmp_model;

extern const cmp_model cmp_model_world, cmp_model_flight, cmp_model_cv;

typedef struct cmp_plan {
    const hs_experiment *x;
    const cmp_model *model;
    int noutcomes;
    unsigned outcomes;     /* bit o: outcome o reported (the experiment's, less any the
                           ** base cannot have) */
    hs_world_scenario *sc; /* the world: the base scenario, scaled (owned) */
    hs_flight_case *fc;    /* flight: the case and its settings (owned) */
    hs_flight_settings *fs;
    hs_cv_params *cv;  /* civil violence: the base parameters (owned) */
    const char *focus; /* what outcomes are of (outcomes.csv's state), or NULL: NA */
    long days;
    int state;       /* focus state */
    long npoints;    /* design points (1 without uncertain parameters) */
    double *u, *val; /* npoints x nparams: unit coordinates and values (owned) */
    long nruns;
    uint64_t fingerprint; /* of the experiment, its scenario and humsec's version */
    char *journal;        /* "<dir>.journal" (owned) */
    /* Results, filled by cmp_runs: */
    double *at;     /* nruns x noutcomes x nhorizons: outcomes at the horizons */
    long nsteps;    /* days of the series */
    long *step_day; /* the days (1-based, the last day included) */
    double *series; /* nruns x noutcomes x nsteps */
    double *walls;  /* seconds per run (NAN: done in an earlier process) */
    double *armday; /* narms x noutcomes x days: the mean over each arm's runs */
} cmp_plan;

/* Run number of (design point, replicate, arm), and back. */
static inline long cmp_run_of(const hs_experiment *x, long point, long rep, int arm)
{
    return (point * x->replicates + rep) * x->narms + arm;
}
static inline int cmp_arm_of(const hs_experiment *x, long run)
{
    return (int)(run % x->narms);
}
static inline long cmp_rep_of(const hs_experiment *x, long run)
{
    return (run / x->narms) % x->replicates;
}
static inline long cmp_point_of(const hs_experiment *x, long run)
{
    return run / x->narms / x->replicates;
}

/* Apply run's parameters to a model's object through set: the sampled values,
** then the arm's own (which win). */
typedef hs_status (*cmp_setter)(void *obj, const char *name, double value, hs_error *err);
hs_status cmp_apply(const cmp_plan *p, long run, cmp_setter set, void *obj, hs_error *err);

/* The value parameter name has in run: the arm's, else the sample's, else the
** base's; NAN when none has it. */
double cmp_value_in_run(const cmp_plan *p, long run, const char *name);

/* Every run (those in the journal read back), then the arms' daily means. */
/* The runs, this rank's share of them (all of them with r NULL); every rank
** returns the same status, and rank 0 has every run's outcomes. */
hs_status cmp_runs(cmp_plan *p, hs_ranks *r, int threads, hs_cmp_progress *progress, hs_error *err);

hs_status cmp_write_tables(const cmp_plan *p, hs_outdir *o, hs_error *err);
hs_status cmp_write_analysis(const cmp_plan *p, hs_outdir *o, hs_error *err);

/* Load each CSV file named (in the staging folder) into a table of that name. */
hs_status cmp_store(hs_outdir *o, const char *db_name, const char *const *tables, int ntables,
                    hs_error *err);

/* The value written for v in a table: "NA" when not a number. */
void cmp_put_number(FILE *f, double v);
/* What the outcomes are of (the state column): "NA" when NULL. */
void cmp_put_focus(FILE *f, const char *focus);

#endif
