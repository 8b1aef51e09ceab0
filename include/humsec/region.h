/*
** region.h - real regions: the human security world (world.h) built from a
** Flee case folder (flight.h) and the real indicators of the case's
** countries (UNDP HDR, INFORM, FSI), run, and held to the case's UNHCR camp
** counts with the ARD of `humsec validate`.
**
** One object, owning what it allocates:
**   hs_region - the scenario built (an hs_world_scenario: the case's map,
**               people, camp capacities, conflicts and border closures as
**               world places and events; states whose starting levels come
**               from their country's indicators), the agent scale, each
**               state's indicator values and the years they are for, and a
**               note for everything the builder fell back on.
** It borrows nothing after hs_region_build returns, except that the ARD
** functions read the case (camps and UNHCR series) the region was built from.
**
** Every mapping from an indicator to a model quantity, and every fallback, is
** in docs/odd/region.md; hs_region_map_state is that mapping, for one state.
*/
#ifndef HUMSEC_REGION_H
#define HUMSEC_REGION_H

#include <stdint.h>
#include <humsec/error.h>
#include <humsec/flight.h>
#include <humsec/world.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* Most agents a region has unless told otherwise (hs_region_opts.max_agents). */
#define HS_REGION_DEFAULT_AGENTS 100000

/* The people a conflict event's fighting reaches at a place (docs/odd/region.md,
** "Fighting reaches a town, not a city"): at a place with more people the event's
** violence is scaled by this over the place's people. */
#define HS_REGION_CONFLICT_REACH 200000.0

typedef struct hs_region_opts {
    const char *data_dir;  /* folder holding undp-hdr/, inform/ and fsi/ (../shared/data);
                           ** NULL: no indicators, every state falls back (and says so) */
    long max_agents;       /* at most this many agents at the start (0: the default) */
    double scale;          /* people per agent (0: the smallest whole number that keeps the
                           ** agents within max_agents) */
    double conflict_reach; /* people a conflict event's fighting reaches at one place (0:
                           ** HS_REGION_CONFLICT_REACH; INFINITY: all, whatever the place's
                           ** size); for calibration studies, the same for every case */
    int conflict_hazard;   /* 1: each conflict event's violence also x its country's INFORM
                           ** conflict hazard / 10 (hs_region_map_conflict); a study, off by
                           ** default (docs/odd/region.md, "How hard the fighting is") */
} hs_region_opts;

/* One country's indicators as the builder read them: NAN where the table has
** no value; a year of 0 where the country is not in the table (or there is no
** table). */
typedef struct hs_region_indicators {
    char iso3[8];
    /* UNDP HDR composite indices time series: the year nearest the case's start */
    int hdr_year;
    double le, eys, mys, gnipc, hdi; /* life expectancy, expected and mean years of
                                     ** schooling, GNI per person (2017 PPP $), HDI */
    /* INFORM risk index: the edition nearest the case's start (0-10, 10 worst) */
    int inform_year;
    double natural; /* natural hazard and exposure */
    double human;   /* human hazard: projected conflict risk and current highly
                    ** violent conflict intensity */
    /* Fragile States Index (0-10, 10 worst) */
    int fsi_year;
    double c1, c2, c3; /* security apparatus, factionalised elites, group grievance */
    double p1, p3;     /* state legitimacy, human rights and rule of law */
} hs_region_indicators;

/* An empty row: NAN values, years 0. */
void hs_region_indicators_init(hs_region_indicators *in);

/*
** The mapping of docs/odd/region.md: a state's starting levels (economy,
** services, life expectancy, legitimacy, repression, cohesion, military share)
** from its country's indicators. A quantity whose indicator is missing keeps
** the value already in *s (the builder puts there its fallback first).
** Returns a bit mask of the quantities set from data (HS_REGION_SET_...).
*/
enum {
    HS_REGION_SET_ECONOMY = 1,
    HS_REGION_SET_SERVICES = 2,
    HS_REGION_SET_LIFE = 4,
    HS_REGION_SET_LEGITIMACY = 8,
    HS_REGION_SET_REPRESSION = 16,
    HS_REGION_SET_COHESION = 32,
    HS_REGION_SET_MILITARY = 64,
};
int hs_region_map_state(const hs_region_indicators *in, hs_world_state *s);

/* A place's hazard exposure from its country's INFORM natural hazard score
** (the default 0.1 when it is missing). */
double hs_region_map_hazard(const hs_region_indicators *in);

/* The share of Flee's conflict value a conflict event's violence takes in a
** country under hs_region_opts.conflict_hazard: its INFORM human (conflict)
** hazard score over 10 (1 when missing, Flee's value as it is). */
double hs_region_map_conflict(const hs_region_indicators *in);

typedef struct hs_region {
    hs_world_scenario *sc; /* owned */
    double scale;          /* people per agent */
    double people;         /* people the case's places hold at the start (unscaled) */
    double conflict_reach; /* people a conflict event reaches at a place (real people) */
    int conflict_hazard;   /* hs_region_opts.conflict_hazard */
    int year;              /* the case's start year, which the indicators are read for */
    hs_region_indicators ind[HS_WORLD_MAX_STATES]; /* per state */
    int from_data[HS_WORLD_MAX_STATES];            /* HS_REGION_SET_... bits per state */
    char *hdr_path, *inform_path, *fsi_path;       /* the tables read, or NULL (owned) */
    int nnotes;
    char **notes; /* what was used, what fell back and what was left out, a sentence each */
    int ncamps;   /* the case's validation camps: their places (same index as the case's) */
    int32_t *camp_loc;
    int nclosures;        /* the case's closures other than between countries, which the scenario */
    hs_closure *closures; /* borrows (flee_closures) for its flight process (owned) */
} hs_region;

/* Build the region of case c (read with settings s: their speed, weights and
** awareness are the world's flight settings, and insert_day0 puts the day-0
** UNHCR counts into the camps). Every error names file, line and field; a
** country missing from a table, or a missing table, is a note, not an error. */
hs_status hs_region_build(hs_region *r, const hs_flight_case *c, const hs_flight_settings *s,
                          const hs_region_opts *o, hs_error *err);
void hs_region_free(hs_region *r);

/* A world run's ARD against the case's UNHCR camp counts, as hs_flight_sim_ard
** computes it for the flight process: each day, the living people at each
** validation camp (times the scale) against the series; the mean over the days
** simulated. daily (may be NULL) gets days x 4 values: world camp people (scaled),
** UNHCR total, ARD, rescaled ARD. NAN without camp data. */
void hs_region_ard(const hs_region *r, const hs_flight_case *c, const hs_flight_settings *s,
                   const hs_world_sim *sim, double *ard, double *ard_rescaled, double *daily);

/* Write the scenario as files a user can edit and `humsec run` reads back:
** dir/NAME.yml (states with their numbers, events, the flight parameters
** that differ from the defaults), dir/locations.csv, dir/routes.csv,
** dir/closures.csv (the closures other than borders, when there are any) and
** dir/sources.txt (the notes). dir is created if missing. */
hs_status hs_region_write_scenario(const hs_region *r, const char *dir, hs_error *err);

/* Add the region's part to a world run's output folder (staging, before the
** commit): summary.json gains case, people_per_agent, real_people, ard_mean,
** ard_rescaled_mean (the keys of `humsec validate`), the flight process's ARD
** on the same case and seed when flight_ard is not NAN, each state's indicators
** with their years, and the notes; ard_daily.csv holds the daily ARD and
** region.txt says what every count is (agents, one for people_per_agent people). */
struct hs_outdir;
hs_status hs_region_write_run(const hs_region *r, const hs_flight_case *c,
                              const hs_flight_settings *s, const hs_world_sim *sim,
                              double flight_ard, double flight_ard_rescaled, struct hs_outdir *o,
                              hs_error *err);

#pragma GCC visibility pop

#endif
