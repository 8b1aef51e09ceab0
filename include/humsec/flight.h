/*
** flight.h - the flight process: people fleeing conflict along routes to
** towns and camps across borders, following the rule set of Flee (Groen,
** Suleimenova et al., Sci. Rep. 7:13377, 2017), and the Flee case folders it
** runs on (input_csv/, source_data/, simsetting YAML).
**
** Three objects, each owning what it allocates:
**   hs_flight_settings - the rule parameters (Flee's simsetting keys);
**   hs_flight_case     - a case: the world, conflicts, closures and the UNHCR
**                        series, read from a folder (or built in memory);
**   hs_flight_sim      - one run of a case with one seed: people, per-location
**                        state and the daily record. It borrows the case and
**                        the settings, which must outlive it.
** The model description (docs/odd/flight.md) gives every rule and where
** humsec departs from Flee.
*/
#ifndef HUMSEC_FLIGHT_H
#define HUMSEC_FLIGHT_H

#include <stdint.h>
#include <stdio.h>
#include <humsec/error.h>
#include <humsec/geo.h>
#include <humsec/ranks.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

#define HS_FLIGHT_DECAY_MAX 32
/* Deepest route awareness supported (Flee allows any; 3 is the most used). */
#define HS_AWARENESS_MAX 4

typedef enum hs_spawn_mode {
    HS_SPAWN_DATA = 0,      /* from the UNHCR series (Flee's default) */
    HS_SPAWN_CONSTANT = 1,  /* conflict-driven: displaced_per_conflict_day x intensity */
    HS_SPAWN_POISSON = 2,   /* conflict-driven: Poisson with that mean */
    HS_SPAWN_POP_RATIO = 3, /* conflict-driven: ratio x population x intensity */
} hs_spawn_mode;

const char *hs_spawn_mode_name(hs_spawn_mode m);

typedef struct hs_flight_settings {
    /* spawn_rules */
    int sum_from_camps;       /* new people = sum of camp series increases (else refugees.csv) */
    int insert_day0;          /* camps start with their day-0 counts; capacities reduced */
    int empty_camps_on_day0;  /* data offset by the day-0 counts; camps start empty */
    int take_from_population; /* each spawned person leaves its origin's population */
    int conflict_zone_spawning_only;   /* only conflict zones spawn (data mode) */
    double decay[HS_FLIGHT_DECAY_MAX]; /* conflict_spawn_decay (empty: no decay) */
    int ndecay;
    long decay_interval;               /* conflict_spawn_decay_interval, days */
    hs_spawn_mode spawn_mode;          /* conflict_driven_spawning.spawn_mode, or HS_SPAWN_DATA */
    double displaced_per_conflict_day; /* NAN: the mode's default (500, or 0.01 for pop_ratio) */

    /* move_rules */
    double max_move_speed, max_walk_speed;
    double foreign_weight, camp_weight, conflict_weight;
    double conflict_movechance, camp_movechance, idpcamp_movechance, default_movechance;
    long awareness_level;
    double capacity_buffer, capacity_scaling;
    int avoid_short_stints, start_on_foot;
    double softening, weight_softening, weight_power, distance_power;
    double movechance_pop_base, movechance_pop_scale_factor;
    double pruning_threshold;

    /* optimisations */
    long hasten;
} hs_flight_settings;

/* Flee's defaults (flee-rules.md; SimulationSettings of Flee). */
void hs_flight_settings_default(hs_flight_settings *s);

/* Override settings from a Flee simsetting YAML file. Keys of Flee that do not
** change the dynamics here (log_levels, ...) are accepted and ignored; a known
** key with a bad value is an error naming file, line and key. */
hs_status hs_flight_settings_load(hs_flight_settings *s, const char *path, hs_error *err);

/* The same from YAML text (name stands for the file in messages). */
hs_status hs_flight_settings_load_text(hs_flight_settings *s, const char *name, const char *text,
                                       hs_error *err);

/* Write the resolved settings as YAML that hs_flight_settings_load reads back. */
void hs_flight_settings_write(const hs_flight_settings *s, FILE *f);

/* The rules that act during a run, by name as in a simsetting file
** ("move_rules.conflict_movechance", "move_rules.awareness_level",
** "spawn_rules.conflict_driven_spawning.displaced_per_conflict_day"): what an
** experiment (compare.h) may vary. Not hasten or the data spawning rules,
** which shape the case as it is read. set checks the name and the range (a
** whole number where the rule is one) and says which in err; get returns 0,
** range 0 for a real number and 1 for a whole number or a switch; both -1 for
** a name that is not one of them. */
hs_status hs_flight_settings_set(hs_flight_settings *s, const char *name, double value,
                                 hs_error *err);
int hs_flight_settings_get(const hs_flight_settings *s, const char *name, double *value);
int hs_flight_settings_range(const char *name, double *min, double *max);

/* A dated series (UNHCR counts): points (day offset from the start date, value). */
typedef struct hs_series {
    int n;
    double *day;
    double *value;
} hs_series;

/* Value on a day: first value before the first point, last after the last,
** linear in between, truncated toward zero (Flee reads whole people). */
double hs_series_at(const hs_series *s, double day);

typedef enum hs_closure_type {
    HS_CLOSE_COUNTRY = 0,  /* every link between two countries, both ways */
    HS_CLOSE_LOCATION = 1, /* every link of one location, both ways */
    HS_CLOSE_LINK = 2,     /* one route, both ways */
    HS_CLOSE_CAMP = 3,     /* a camp becomes a town */
    HS_CLOSE_IDPCAMP = 4,  /* an IDP camp becomes a town */
    HS_CLOSE_FORCED = 5,   /* remove_forced_redirection: recorded, no effect on movement */
} hs_closure_type;

typedef struct hs_closure {
    hs_closure_type type;
    int a, b;        /* locations, or states for HS_CLOSE_COUNTRY; b may be -1 */
    long start, end; /* closed from day start; reopened on day end (end < 0: never) */
    long line;       /* line in closures.csv */
} hs_closure;

typedef struct hs_flight_case {
    char *name;        /* folder name, or "default" */
    char *dir;         /* folder, or NULL for a case built in memory */
    const hs_geo *geo; /* the map: own_geo for a case read or generated here, or borrowed */
    hs_geo *own_geo;   /* owned and freed with the case, or NULL when geo is borrowed */
    long start_date;   /* day number of StartDate */
    long days;         /* Length */
    int home_state;    /* state of the first location: others are foreign */

    /* Per location (after hasten): */
    double *population;     /* residents (0 for camps) */
    double *capacity;       /* camp capacity, or -1 for none */
    double *intensity;      /* conflict_intensity attribute (1 when absent) */
    uint8_t *conflict_day0; /* a conflict zone from the start (conflict_date <= 0) */
    long *conflict_date;    /* conflict_date of conflict zones, -1 for other types */
    double *initial;        /* people already displaced there at the start (generated cases) */

    /* conflicts.csv: value[row * nconflict + k] for column k (location conflict_loc[k]). */
    char *conflicts_file; /* its path, for messages (NULL without the file) */
    int nconflict;
    int32_t *conflict_loc;
    long conflict_rows;
    float *conflict_value;

    int nclosures;
    hs_closure *closures;

    /* UNHCR data (after hasten and registration corrections). */
    int has_total;
    hs_series total;
    int ncamps; /* validation camps: locations with a series */
    int32_t *camp_loc;
    hs_series *camp_series;
    /* Series of data_layout.csv rows for places not on the map: counted in
    ** the sum_from_camps totals only, as Flee counts them. */
    int noffmap;
    hs_series *offmap_series;

    /* Quirks of the input accepted as Flee accepts them, each with what humsec
    ** did about it ("file:line: field 'f': ..."). The library never prints:
    ** the command prints them and writes them into the output folder
    ** (warnings.txt). Owned by the case. */
    int nwarnings;
    char **warnings;
} hs_flight_case;

/* Add a warning to the case (printf-style). HS_ERR_NOMEM when out of memory. */
hs_status hs_flight_case_warn(hs_flight_case *c, hs_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Write the case's warnings, one a line, to name in an open output folder
** (nothing is written when there are none). */
struct hs_outdir;
hs_status hs_flight_case_write_warnings(const hs_flight_case *c, struct hs_outdir *o,
                                        const char *name, hs_error *err);

/* Read a Flee case folder: dir/input_csv/ and the UNHCR series in
** source_dir (NULL: dir/source_data). The settings matter for hasten and the
** spawning mode (the series are optional in conflict-driven mode). Every
** error names the file, line and field. */
hs_status hs_flight_case_load(hs_flight_case *c, const char *dir, const char *source_dir,
                              const hs_flight_settings *s, hs_error *err);

/* A case folder opened as `humsec run` and `validate` open it: s from Flee's
** defaults and settings (NULL: the folder's only simsetting*.yml; among
** several, with prefer_validation, simsetting_validation.yml, else an error
** listing them), the UNHCR series from source (NULL: the folder's
** source_data/). A variant folder with only input_csv/ (burundi2015_linkfix)
** borrows the series and settings of its base case, the sibling named by the
** part before the last '_'. Each such choice is a warning of the case. */
hs_status hs_flight_case_open(hs_flight_case *c, hs_flight_settings *s, const char *dir,
                              const char *settings, const char *source, int prefer_validation,
                              hs_error *err);

/* The embedded default case: a small region written for humsec (a state in
** conflict, two neighbours with camps, a hub), conflict-driven. */
hs_status hs_flight_case_default(hs_flight_case *c, hs_flight_settings *s, hs_error *err);

/* A generated case for benchmarks: nloc locations on a random geometric
** graph, people spread over its towns and conflict zones at day 0. */
hs_status hs_flight_case_generate(hs_flight_case *c, int nloc, long people, long days,
                                  uint64_t seed, hs_error *err);

void hs_flight_case_free(hs_flight_case *c);

/* One run. */
typedef struct hs_flight_sim hs_flight_sim;

/* Daily totals (one per simulated day). */
typedef struct hs_flight_day {
    long day;
    long spawned;             /* people spawned that day */
    long people;              /* people alive at the end of the day */
    long travelling;          /* people on a link at the end of the day */
    long camp_people;         /* people in validation camps */
    double data_total;        /* UNHCR count over validation camps (NAN without data) */
    double ard, ard_rescaled; /* NAN without data */
} hs_flight_day;

hs_status hs_flight_sim_create(hs_flight_sim **out, const hs_flight_case *c,
                               const hs_flight_settings *s, uint64_t seed, hs_error *err);
/* The same run with its people spread over MPI ranks (ranks.h; r NULL: one
** process, exactly hs_flight_sim_create). Every rank creates it and steps it
** day by day together (each day sums the location counts over the ranks); its
** days, counts, ARD and outputs are the same bytes on every rank and on any
** number of ranks. hs_flight_sim_people then gives this rank's share of the
** people. A run over several ranks cannot be checkpointed. */
hs_status hs_flight_sim_create_ranks(hs_flight_sim **out, const hs_flight_case *c,
                                     const hs_flight_settings *s, uint64_t seed, hs_ranks *r,
                                     hs_error *err);
void hs_flight_sim_free(hs_flight_sim *sim);

/* Number of OpenMP threads the movement loop uses (0: OpenMP's default). The
** results do not depend on it. */
void hs_flight_sim_set_threads(hs_flight_sim *sim, int threads);

/* Simulate one day. */
hs_status hs_flight_sim_step(hs_flight_sim *sim, hs_error *err);

/* Run until day `days` (the case length if days < 0), calling progress(ctx,
** done, total) after each day when it is not NULL. */
hs_status hs_flight_sim_run(hs_flight_sim *sim, long days,
                            void (*progress)(void *ctx, long done, long total), void *ctx,
                            hs_error *err);

/* Days simulated so far. */
long hs_flight_sim_days(const hs_flight_sim *sim);
/* Daily totals of day d (0 <= d < days simulated). */
const hs_flight_day *hs_flight_sim_day(const hs_flight_sim *sim, long d);
/* People at each location at the end of day d (array of geo->nloc). */
const int32_t *hs_flight_sim_counts(const hs_flight_sim *sim, long d);
/* The run's people (for invariants and inspection). */
const struct hs_people *hs_flight_sim_people(const hs_flight_sim *sim);
/* Agent-days simulated (sum over days of the people present). */
double hs_flight_sim_agent_days(const hs_flight_sim *sim);
/* Bytes of per-person state. */
size_t hs_flight_sim_person_bytes(const hs_flight_sim *sim);

/*
** A flight run hosted by another model (the human security world): the host
** decides who is on the move and runs the flight process's movement as one
** step of its own day. The host owns the people's identities (index i is the
** same person in both); the flight run keeps where each person is and counts
** the people at each location. The host writes nothing of the run's insides:
** it adds, holds, releases, sends home and removes people through these calls,
** and reads where they are through hs_flight_sim_people.
*/

/* Make room for cap people (and their hold flags). */
hs_status hs_flight_reserve(hs_flight_sim *sim, size_t cap, hs_error *err);

/* Add n people of the whole run at location loc (their home), held or free to
** move, counted there from now. This rank's share of them are its people
** *first .. *first + *mine - 1 (on one process, all n). */
hs_status hs_flight_add_people(hs_flight_sim *sim, size_t n, int loc, int held, size_t *first,
                               size_t *mine, hs_error *err);
/* The whole run's index of this rank's person i (i itself on one process): the
** identity a host keys its own random streams by. */
uint32_t hs_flight_sim_index(const hs_flight_sim *sim, size_t i);
/* The same for this rank's people first .. first + n - 1, into ids. */
void hs_flight_sim_indices(const hs_flight_sim *sim, size_t first, size_t n, uint32_t *ids);
/* How many of the whole run's first n people this rank holds (n on one process). */
size_t hs_flight_sim_share(const hs_flight_sim *sim, size_t n);

/* Hold person i where they are (no morning decision to move) or release
** them to Flee's rules. Only for people added by hs_flight_add_people, and
** held only while standing (not on a link): the morning passes held people by
** and does not look for them among the day's travellers. */
void hs_flight_hold(hs_flight_sim *sim, size_t i);
void hs_flight_release(hs_flight_sim *sim, size_t i);

/* Changes made from inside the host's own parallel pass over its people:
** begin before the pass (room for nthreads threads), then from thread t
**   remove     person i leaves the run for good (death): held and no longer
**              counted;
** and commit after the pass, which adds the changes to the counts. Counts are
** integers, so the result does not depend on the threads. */
hs_status hs_flight_changes_begin(hs_flight_sim *sim, int nthreads, hs_error *err);
void hs_flight_remove(hs_flight_sim *sim, int thread, size_t i);
void hs_flight_changes_commit(hs_flight_sim *sim);

/* Send person i (standing) on a trip toward location dest, along a shortest
** path by km planned a few hops at a time (HS_ROUTE_MAX): they are released,
** travel at the flight process's speeds from tomorrow's movement on, and are
** held again where the planned hops end (dest, or on the way: the host plans
** the rest). A closed link stops the trip where it is, held. Safe from the
** host's parallel pass (a person's own entries only); the paths are built at
** the first hs_flight_changes_begin. Returns 0, or -1 when i is at dest or
** dest cannot be reached. */
int hs_flight_send_toward(hs_flight_sim *sim, size_t i, int dest);

/* Set a location's conflict: intensity > 0 starts it (onset on day) or
** updates it, 0 ends it. For hosts that compute conflict themselves. */
void hs_flight_set_conflict(hs_flight_sim *sim, int loc, double intensity, long day);

/* Is location loc a camp today (closures can turn camps into towns)? */
int hs_flight_is_camp(const hs_flight_sim *sim, int loc);

/* The day's movement: closures, scores and routes, then the people who are
** not held move by Flee's rules. After it, hs_flight_sim_days is day + 1. */
hs_status hs_flight_move_day(hs_flight_sim *sim, long day, hs_error *err);

/* Mean ARD and rescaled ARD over the days simulated (NAN without data). */
void hs_flight_sim_ard(const hs_flight_sim *sim, double *ard, double *ard_rescaled);

/* Write the run into an open output folder (see outdir.h):
**   daily.csv     one row per day: spawned, people, travelling, camp totals, ARD;
**   locations.csv one row per day and location: people there (and UNHCR data);
**   settings.yml  the resolved settings, with the case, seed and version;
**   summary.json  seed, days, people, agent_days, wall_seconds, ard_mean, ... .
** wall_seconds is the caller's measure of the run's time. */
struct hs_outdir;
hs_status hs_flight_sim_write(const hs_flight_sim *sim, struct hs_outdir *o, double wall_seconds,
                              hs_error *err);

/* Checkpoints (checkpoint.h; src/flight/flight_checkpoint.c): the whole state
** of a run, and runs that write one every N days and go on from it, ending
** byte for byte as a run never stopped, whatever the threads.
** hs_flight_fingerprint: of what makes a run - the case as read (map, tables,
** series, warnings), the resolved settings, the seed, the days (< 0: the
** case's length) and humsec's version. hs_flight_sim_load reads into a run
** just created from the same case, settings and seed. */
struct hs_ckpt_writer;
struct hs_ckpt_reader;
struct hs_checkpointing;
uint64_t hs_flight_fingerprint(const hs_flight_case *c, const hs_flight_settings *s, uint64_t seed,
                               long days);
void hs_flight_sim_save(const hs_flight_sim *sim, struct hs_ckpt_writer *w);
hs_status hs_flight_sim_load(hs_flight_sim *sim, struct hs_ckpt_reader *r, hs_error *err);
/* hs_flight_sim_run with checkpoints: with ck->resume, first load the one at
** ck->path (which must carry ck->fingerprint); after every ck->every days (but
** the last) write one there. ck NULL: exactly hs_flight_sim_run. */
hs_status hs_flight_run_checkpointed(hs_flight_sim *sim, long days,
                                     const struct hs_checkpointing *ck,
                                     void (*progress)(void *ctx, long done, long total), void *ctx,
                                     hs_error *err);

/* A case run over many seeds and compared with its UNHCR data. */
typedef struct hs_flight_validation {
    int nseeds;
    uint64_t *seeds;      /* nseeds */
    double *ard;          /* nseeds: mean ARD of each seed's run */
    double *ard_rescaled; /* nseeds */
    long days;
    double *daily_ard; /* nseeds x days */
    double *daily_rescaled;
    double agent_days; /* over all seeds */
    double wall_seconds;
} hs_flight_validation;

/* Run seeds first_seed .. first_seed + nseeds - 1 (threads per run as in
** hs_flight_sim_set_threads); progress(ctx, done, total) after each seed. The
** case must have UNHCR data. */
hs_status hs_flight_validate(const hs_flight_case *c, const hs_flight_settings *s,
                             uint64_t first_seed, int nseeds, int threads,
                             void (*progress)(void *ctx, long done, long total), void *ctx,
                             hs_flight_validation *out, hs_error *err);
/* The same with the seeds spread over MPI ranks (ranks.h; r NULL: one process):
** seed k on rank k mod size; every rank calls it and leaves with every seed's
** results, the same as one process's. */
hs_status hs_flight_validate_ranks(const hs_flight_case *c, const hs_flight_settings *s,
                                   hs_ranks *r, uint64_t first_seed, int nseeds, int threads,
                                   void (*progress)(void *ctx, long done, long total), void *ctx,
                                   hs_flight_validation *out, hs_error *err);

/* Mean and sample standard deviation of x[0..n-1] (sd 0 when n < 2). */
void hs_flight_mean_sd(const double *x, int n, double *mean, double *sd);

/* Write validation.csv (one row per seed), ard_daily.csv (one row per day and
** seed), ard_by_day.csv (one row per day: mean and sd over seeds), settings.yml
** and summary.json. */
hs_status hs_flight_validation_write(const hs_flight_validation *v, const hs_flight_case *c,
                                     const hs_flight_settings *s, struct hs_outdir *o,
                                     hs_error *err);

void hs_flight_validation_free(hs_flight_validation *v);

#pragma GCC visibility pop

#endif
