/*
** compare_internal.h - what the parts of `humsec compare` share: the plan of
** an experiment's runs and the results read from them (compare.h). Internal
** to libhumsec.
**
**   compare.c   the order of work: plan, runs, tables, analysis, database
**   runner.c    the runs, over threads, each kept in the journal
**   tables.c    runs.csv, outcomes.csv, effects.csv, series.csv, timing.csv
**   analysis.c  sensitivity.csv and prim.csv
**   store.c     results.sqlite from the CSV tables
*/
#ifndef HUMSEC_COMPARE_INTERNAL_H
#define HUMSEC_COMPARE_INTERNAL_H

#include <stdint.h>
#include <humsec/compare.h>
#include <humsec/world.h>

typedef struct cmp_plan {
    const hs_experiment *x;
    hs_world_scenario *sc; /* the base scenario, scaled (owned) */
    long days;
    int state;       /* focus state */
    long npoints;    /* design points (1 without uncertain parameters) */
    double *u, *val; /* npoints x nparams: unit coordinates and values (owned) */
    long nruns;
    uint64_t fingerprint; /* of the experiment, its scenario and humsec's version */
    char *journal;        /* "<dir>.journal" (owned) */
    /* Results, filled by cmp_runs: */
    double *at;     /* nruns x HS_CMP_COUNT x nhorizons: outcomes at the horizons */
    long nsteps;    /* days of the series */
    long *step_day; /* the days (1-based, the last day included) */
    double *series; /* nruns x HS_CMP_COUNT x nsteps */
    double *walls;  /* seconds per run (NAN: done in an earlier process) */
    double *armday; /* narms x HS_CMP_COUNT x days: the mean over each arm's runs */
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

/* Make run's scenario from the base: the sampled values, then the arm's own. */
hs_status cmp_scenario_of(const cmp_plan *p, long run, hs_world_scenario *sc, hs_error *err);

/* Every run (those in the journal read back), then the arms' daily means. */
hs_status cmp_runs(cmp_plan *p, int threads, hs_cmp_progress *progress, hs_error *err);

hs_status cmp_write_tables(const cmp_plan *p, hs_outdir *o, hs_error *err);
hs_status cmp_write_analysis(const cmp_plan *p, hs_outdir *o, hs_error *err);

/* Load each CSV file named (in the staging folder) into a table of that name. */
hs_status cmp_store(hs_outdir *o, const char *db_name, const char *const *tables, int ntables,
                    hs_error *err);

/* The value written for v in a table: "NA" when not a number. */
void cmp_put_number(FILE *f, double v);

#endif
