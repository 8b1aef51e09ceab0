/*
** violence.h - civil violence: Epstein's Model I (rebellion against a central
** authority) and Model II (violence between two groups, with peacekeepers).
**
** Three layers, so that the integrated human-security world can reuse the
** first without the others:
**   rules     hs_cv_grievance, hs_cv_arrest_probability, hs_cv_decide_active,
**             hs_cv_arrest_pick, hs_cv_jail_term, hs_cv_jail_tick: pure functions
**             of an agent's numbers and streams; no geometry.
**   lattice   hs_cv_lattice_*: the classic torus lattice, agents as arrays indexed
**             by cell, stepped under a deterministic parallel scheme (below).
**   analysis  hs_cv_run, hs_cv_stats_*, hs_cv_ensemble, hs_cv_write_*:
**             series, outbursts and their statistics, output folders.
** Scenarios (YAML, `model: civil_violence`) are read by hs_cv_scenario_load.
**
** The update scheme (docs/odd/civil-violence.md has the full schedule): each
** step runs in phases - schedule, jail release, move, decide, arrest, and for
** Model II kill, age, reproduce. Within a phase (or a decision sub-round, see
** decide_rounds) every agent decides in parallel from the state frozen at the
** start of the phase, drawing its random numbers
** from its own stream hs_stream_open(seed, agent id, 8 * step + phase, HS_RNG_CV);
** when two agents want the same cell or the same victim, the one with the
** lower (random priority, id) key wins and the others do nothing this step.
** Results therefore do not depend on the thread count or on iteration order.
*/
#ifndef HUMSEC_VIOLENCE_H
#define HUMSEC_VIOLENCE_H

#include <stdint.h>
#include <humsec/checkpoint.h>
#include <humsec/error.h>
#include <humsec/rng.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* ---- rules ------------------------------------------------------------ */

/* How C/A enters the arrest probability (Epstein's paper prints C/A; NetLogo
** takes floor, Mesa Python's round, i.e. half to even). */
typedef enum hs_cv_rounding { HS_CV_FLOOR = 0, HS_CV_ROUND = 1, HS_CV_NONE = 2 } hs_cv_rounding;

/* G = H (1 - L). Inline (here is its one definition): hot loops in other models
** (the human security world's people) call it for every person every day. */
static inline double hs_cv_grievance(double hardship, double legitimacy)
{
    return hardship * (1.0 - legitimacy);
}

/* P = 1 - exp(-k f(C / A)), A = 1 + actives in vision (the agent counts itself),
** f = floor, round (half to even) or identity. actives_plus_one below 1 is taken as 1. */
double hs_cv_arrest_probability(double k, long cops, long actives_plus_one, hs_cv_rounding rule);

/* Active when G - R P > T; otherwise quiet (the same test turns actives quiet). Inline,
** as hs_cv_grievance. */
static inline int hs_cv_decide_active(double grievance, double risk_aversion,
                                      double arrest_probability, double threshold)
{
    return grievance - risk_aversion * arrest_probability > threshold;
}

/* Rule C: which of the n actives a cop sees it arrests: uniform on 0..n-1
** (the caller orders them), or -1 when n is 0. */
long hs_cv_arrest_pick(hs_stream *s, long n_actives_in_vision);

/* A jail term uniform on the integers 0..max_jail_term (inclusive), from s. */
long hs_cv_jail_term(hs_stream *s, long max_jail_term);

/* One step of a sentence, at the start of a step: 1 when the term is over (the
** citizen is released this step), else the term falls by one and 0. */
int hs_cv_jail_tick(long *term);

/* ---- parameters ------------------------------------------------------- */

typedef enum hs_cv_vision_shape {
    HS_CV_DISK = 0,    /* Euclidean: dx^2 + dy^2 <= v^2 (NetLogo's in-radius) */
    HS_CV_DIAMOND = 1, /* |dx| + |dy| <= v (Mesa's von Neumann neighbourhood) */
    HS_CV_SQUARE = 2,  /* max(|dx|, |dy|) <= v (Moore) */
    HS_CV_CROSS = 3,   /* v cells north, south, east and west (Epstein's wording) */
} hs_cv_vision_shape;

typedef enum hs_cv_jail_mode {
    HS_CV_JAIL_REMOVE = 0, /* jailed citizens leave the lattice (Epstein, NetLogo in effect) */
    HS_CV_JAIL_STAY = 1,   /* jailed citizens keep (and block) their cell (Mesa) */
} hs_cv_jail_mode;

/* Parameters that a schedule may change during a run. */
typedef enum hs_cv_param_id {
    HS_CV_P_LEGITIMACY = 0,
    HS_CV_P_COP_DENSITY = 1,
    HS_CV_P_MAX_JAIL_TERM = 2,
    HS_CV_P_COUNT
} hs_cv_param_id;

/* From step `start` the parameter moves linearly from the value it had to
** `to`, which it reaches at step `end` and keeps (end == start: a sudden change). */
typedef struct hs_cv_change {
    hs_cv_param_id param;
    long start, end;
    double to;
} hs_cv_change;

#define HS_CV_MAX_CHANGES 32
#define HS_CV_MAX_VISION 100 /* largest vision radius */
#define HS_CV_NAME_MAX 128

typedef struct hs_cv_params {
    int model;                 /* 1: Model I (cops); 2: Model II (two groups, peacekeepers) */
    char name[HS_CV_NAME_MAX]; /* label recorded in outputs */
    long width, height;        /* torus lattice */
    double citizen_density;    /* citizens per cell at the start */
    double cop_density;        /* cops (peacekeepers) per cell */
    double vision;             /* radius v, may be fractional (Model II: 1.7) */
    hs_cv_vision_shape vision_shape;
    double legitimacy;  /* L in [0, 1] */
    double k;           /* arrest constant, 2.3 */
    double threshold;   /* T, 0.1 */
    long max_jail_term; /* J_max; terms uniform on 0..J_max */
    hs_cv_rounding rounding;
    hs_cv_jail_mode jail;
    int citizens_move;      /* citizens move (NetLogo's movement? switch); cops always do */
    long decide_rounds;     /* citizens decide in this many sub-rounds per step, each seeing
                            ** the decisions of the rounds before it (1: all at once) */
    int self_counted_twice; /* NetLogo: an active citizen's A counts it besides the 1 */
    long steps;
    /* Model II */
    double blue_share;   /* share of the first citizens who are Blue */
    long max_age;        /* each citizen's maximum age is uniform on 1..max_age */
    double reproduction; /* probability per step that a free citizen clones itself */
    /* analysis */
    long outburst_threshold; /* an outburst is a run of steps with more actives than this */
    long burn_in;            /* steps left out of the statistics */
    int nchanges;
    hs_cv_change changes[HS_CV_MAX_CHANGES];
} hs_cv_params;

/* Defaults: NetLogo's Rebellion for Model I; Epstein's run 7 for Model II. */
void hs_cv_params_default(hs_cv_params *p, int model);

/* Check ranges and consistency (vision fits the lattice, densities sum <= 1, ...). */
hs_status hs_cv_params_check(const hs_cv_params *p, hs_error *err);

/* Parameters by their scenario key ("legitimacy", "cop_density", "vision",
** "k", "threshold", "max_jail_term", ...; not width, height or steps): what an
** experiment (compare.h) may vary. set checks the name and the range (whole
** where the key is) and says which in err, but not the whole (call
** hs_cv_params_check after the last); get returns 0, range 0 for a real number
** and 1 for a whole number or a switch; both -1 for a name that is not one of
** them. */
hs_status hs_cv_params_set(hs_cv_params *p, const char *name, double value, hs_error *err);
int hs_cv_params_get(const hs_cv_params *p, const char *name, double *value);
int hs_cv_params_range(const char *name, double *min, double *max);

/* Value of a schedulable parameter at a step, after the schedule. */
double hs_cv_params_at(const hs_cv_params *p, hs_cv_param_id id, long step);

const char *hs_cv_rounding_name(hs_cv_rounding r);
const char *hs_cv_vision_name(hs_cv_vision_shape s);
const char *hs_cv_jail_name(hs_cv_jail_mode j);
const char *hs_cv_param_name(hs_cv_param_id id);

/* Number of cells in vision (the agent's own cell excluded). */
long hs_cv_vision_cells(double vision, hs_cv_vision_shape shape);

/* ---- scenarios -------------------------------------------------------- */

/*
** Read a scenario file (top-level `model: civil_violence`, see
** scenarios/civil-violence/). Keys not given keep the defaults of the
** scenario's `variant` (1 or 2); unknown keys are errors naming file, line and
** key. On success *p holds the resolved, checked parameters.
*/
hs_status hs_cv_scenario_load(const char *path, hs_cv_params *p, hs_error *err);
hs_status hs_cv_scenario_load_text(const char *name, const char *text, hs_cv_params *p,
                                   hs_error *err);

/* ---- the lattice ------------------------------------------------------ */

typedef struct hs_cv_lattice hs_cv_lattice; /* opaque; owns all its arrays */

typedef enum hs_cv_kind {
    HS_CV_EMPTY = 0,
    HS_CV_CITIZEN = 1,
    HS_CV_COP = 2,
    HS_CV_JAILED = 3, /* a citizen serving a term in its cell (jail: stay) */
} hs_cv_kind;

/* What happened in one step (counts after the step). */
typedef struct hs_cv_counts {
    long step;
    double legitimacy;
    long cops;
    long quiet, active, jailed; /* citizens, by state */
    long arrests;
    long blue, green;           /* Model II: living citizens of each group (jailed included) */
    long kills, births, deaths; /* Model II: this step */
} hs_cv_counts;

/* What a cell holds. */
typedef struct hs_cv_cell {
    hs_cv_kind kind;
    long id; /* agent id, -1 when empty */
    int active;
    int group; /* 0 Blue, 1 Green (Model II) */
    double hardship, risk_aversion;
    long jail_term; /* remaining, for HS_CV_JAILED */
} hs_cv_cell;

/* A lattice with agents placed at random (citizens' H, R ~ U(0,1)). Caller frees. */
hs_status hs_cv_lattice_create(hs_cv_lattice **out, const hs_cv_params *p, uint64_t seed,
                               hs_error *err);

/* A lattice with no agents, to be filled with hs_cv_lattice_place (targeted tests,
** hand-made set-ups). Cop density in p is ignored until a schedule changes it. */
hs_status hs_cv_lattice_create_empty(hs_cv_lattice **out, const hs_cv_params *p, uint64_t seed,
                                     hs_error *err);

/* Put an agent into an empty cell; returns its id, or -1 if the cell is taken
** or off the lattice. group (citizens of Model II only): 0 Blue, 1 Green;
** Model I has one group, and ignores it. */
long hs_cv_lattice_place(hs_cv_lattice *lat, hs_cv_kind kind, long x, long y, double hardship,
                         double risk_aversion, int group);

/* The OpenMP threads the lattice's phases use: threads >= 1 that many (1: the
** calling thread alone, without entering OpenMP), 0 (the default, and what a
** negative count is taken as) OpenMP's default at each step. Lattices below
** 16384 cells always run on the calling thread. The results do not depend on it. */
void hs_cv_lattice_set_threads(hs_cv_lattice *lat, int threads);

/* Advance one step. Fails with HS_ERR_NOMEM (err says why) when the jail
** list (jail: remove) cannot grow; the step is then not made, and the lattice
** is as it was before the call. (HS_ERR_INTERNAL would be a bug: room for the
** arrests is reserved before the step, and checked when they are made; the
** lattice is then part-way through the step and can only be freed.) */
hs_status hs_cv_lattice_step(hs_cv_lattice *lat, hs_error *err);

long hs_cv_lattice_time(const hs_cv_lattice *lat);
/* Counts after the last step (step 0: the initial state). */
hs_cv_counts hs_cv_lattice_counts(const hs_cv_lattice *lat);
/* Cell contents; 0 on success, -1 when (x, y) is off the lattice. */
int hs_cv_lattice_cell(const hs_cv_lattice *lat, long x, long y, hs_cv_cell *out);
/* A 64-bit digest of the whole state (positions, states, jail), for
** determinism checks. */
uint64_t hs_cv_lattice_digest(const hs_cv_lattice *lat);
const hs_cv_params *hs_cv_lattice_params(const hs_cv_lattice *lat);
void hs_cv_lattice_free(hs_cv_lattice *lat);

/* ---- runs and statistics ---------------------------------------------- */

typedef struct hs_cv_series {
    long n;             /* rows: steps 0..n-1 */
    hs_cv_counts *rows; /* owned */
    uint64_t digest;    /* hs_cv_lattice_digest at the end */
} hs_cv_series;

/* Run p->steps steps from seed on `threads` threads (as hs_cv_lattice_set_threads;
** 0: OpenMP's default). On success the caller frees out with hs_cv_series_free. */
hs_status hs_cv_run(const hs_cv_params *p, uint64_t seed, int threads, hs_cv_series *out,
                    hs_error *err);
void hs_cv_series_free(hs_cv_series *s);

/* Checkpoints (checkpoint.h): the whole state of a lattice, and runs that write
** one every `every` steps and can resume from it, ending byte for byte as a run
** that was never stopped. fingerprint: of what made the run (the caller's: the
** scenario, the options, the seed, humsec's version); a checkpoint of another
** run is refused. */
struct hs_ckpt_writer;
struct hs_ckpt_reader;
void hs_cv_lattice_save(const hs_cv_lattice *lat, struct hs_ckpt_writer *w);
hs_status hs_cv_lattice_load(hs_cv_lattice *lat, struct hs_ckpt_reader *r, hs_error *err);
/* path: the checkpoint file; every: steps between checkpoints (0: none);
** resume: start from the checkpoint at path (checkpoint.h hs_checkpointing). */
typedef hs_checkpointing hs_cv_checkpointing;
/* hs_cv_run with checkpoints (ck NULL: exactly hs_cv_run). */
hs_status hs_cv_run_checkpointed(const hs_cv_params *p, uint64_t seed, int threads,
                                 const hs_cv_checkpointing *ck, hs_cv_series *out, hs_error *err);

/* One outburst: a maximal run of steps with actives > threshold. */
typedef struct hs_cv_outburst {
    long start, end;   /* first and last step */
    long peak;         /* most actives */
    double activation; /* sum of actives over its steps */
} hs_cv_outburst;

/* Statistics of one run (steps before burn_in ignored). */
typedef struct hs_cv_stats {
    long outbursts;
    double mean_peak;        /* mean over outbursts (0 if none) */
    long max_active;         /* peak actives over the counted steps */
    double total_activation; /* sum of actives over outburst steps */
    double mean_wait;        /* mean steps between one outburst's end and the next's start */
    long nwaits;             /* outbursts - 1 when >= 1, else 0 */
    double calm_share;       /* share of counted steps outside outbursts */
    double mean_active, mean_jailed;
    long final_active, final_jailed, final_quiet;
    /* Model II */
    long extinction_step; /* first step a group has no living member, or -1 */
    int extinct_group;    /* 0 Blue, 1 Green, -1 none */
    long total_kills, total_births, total_deaths;
    long final_blue, final_green;
} hs_cv_stats;

/* Outbursts of a series; *out (caller frees with free()) may be NULL when there are none. */
hs_status hs_cv_stats_outbursts(const hs_cv_params *p, const hs_cv_series *s, hs_cv_outburst **out,
                                long *n, hs_error *err);
void hs_cv_stats_compute(const hs_cv_params *p, const hs_cv_series *s, hs_cv_stats *out);

/* Names and values of the statistics, in a fixed order, for tables; the value
** is NaN where undefined (mean_wait without two outbursts, extinction_step and
** extinct_group without an extinction). */
#define HS_CV_NSTATS 19
const char *hs_cv_stats_name(int i);
double hs_cv_stats_value(const hs_cv_stats *st, int i);

/* Progress callback: done of total units of work. */
typedef void (*hs_cv_progress_fn)(void *ctx, long done, long total);

/*
** Run seeds seed0 .. seed0 + nseeds - 1, in parallel over seeds on `threads`
** threads (0: OpenMP's default), each run on one thread; each run is the same
** as hs_cv_run's, whatever the threads. per_seed (caller's array of nseeds) receives each
** run's statistics; mean_series (optional, caller's array of p->steps + 1 rows of
** 3 doubles: active, jailed, quiet) the mean over seeds per step; outbursts and
** noutbursts (optional, caller's arrays of nseeds) each run's outbursts, in an
** array the caller frees with free() (NULL when there are none).
*/
hs_status hs_cv_ensemble(const hs_cv_params *p, uint64_t seed0, long nseeds, int threads,
                         hs_cv_stats *per_seed, double *mean_series, hs_cv_outburst **outbursts,
                         long *noutbursts, hs_cv_progress_fn progress, void *ctx, hs_error *err);

/* ---- output folders --------------------------------------------------- */

/* series.csv, outbursts.csv, params.json, summary.json into dir (staged, then
** committed). scenario is recorded as given (may be NULL). */
hs_status hs_cv_write_run(const char *dir, const hs_cv_params *p, const char *scenario,
                          uint64_t seed, const hs_cv_series *s, hs_error *err);
/* The same into an output folder the caller opened (hs_outdir_open) before the
** run, so that a bad -o or a folder another run holds is refused before the work
** and the folder stays locked while it runs: committed on success, abandoned
** (INCOMPLETE saying why) on failure; either way o is closed. */
struct hs_outdir;
hs_status hs_cv_write_run_to(struct hs_outdir *o, const hs_cv_params *p, const char *scenario,
                             uint64_t seed, const hs_cv_series *s, hs_error *err);

/* seeds.csv, series_mean.csv, params.json, summary.json (mean, sd, min,
** median, max of every statistic, and of the waits between outbursts pooled
** over seeds), and with outbursts given, outbursts.csv (one row per outburst
** per seed). mean_series, outbursts and noutbursts may be NULL. */
hs_status hs_cv_write_ensemble(const char *dir, const hs_cv_params *p, const char *scenario,
                               uint64_t seed0, long nseeds, const hs_cv_stats *per_seed,
                               const double *mean_series, hs_cv_outburst *const *outbursts,
                               const long *noutbursts, hs_error *err);
/* The same into an output folder the caller opened before the ensemble (see
** hs_cv_write_run_to): committed on success, abandoned on failure. */
hs_status hs_cv_write_ensemble_to(struct hs_outdir *o, const hs_cv_params *p, const char *scenario,
                                  uint64_t seed0, long nseeds, const hs_cv_stats *per_seed,
                                  const double *mean_series, hs_cv_outburst *const *outbursts,
                                  const long *noutbursts, hs_error *err);

/* Summary of one statistic over the seeds where it is defined (a wait needs
** two outbursts, an extinction time an extinction): n of them. hs_cv_spread_of
** and hs_cv_pooled_waits fail only when out of memory (HS_ERR_NOMEM). */
typedef struct hs_cv_spread {
    long n;
    double mean, sd, min, median, max;
} hs_cv_spread;
hs_status hs_cv_spread_of(const hs_cv_stats *per_seed, long nseeds, int stat, hs_cv_spread *out,
                          hs_error *err);

/* The waits between consecutive outbursts of each seed (steps between one's end
** and the next one's start), pooled over seeds: Epstein reports their mean and
** standard deviation. */
hs_status hs_cv_pooled_waits(hs_cv_outburst *const *outbursts, const long *noutbursts, long nseeds,
                             hs_cv_spread *out, hs_error *err);

#pragma GCC visibility pop

#endif
