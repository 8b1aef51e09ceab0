/*
** world_internal.h - what the human-security world's modules share inside
** libhumsec: the run's state and each module's daily process. Not public.
**
** The day (world.c builds the schedule):
**   events    scheduled shocks switch on and off          (state.c)
**   states    threat, military share, repression,
**             legitimacy, cohesion from yesterday's people (state.c)
**   places    violence, services, strain, ERW, epidemics,
**             each status's target levels                 (place.c)
**   movement  closures, scores, the displaced move: the
**             flight process (hs_flight_move_day)         (src/flight/)
**   people    deaths, disease, levels, civil violence,
**             recruitment, flight and return decisions,
**             and the day's sums                          (person.c)
**   births    people at home have children                (birth.c)
**   record    the day's measures per location and state   (record.c)
*/
#ifndef HUMSEC_WORLD_INTERNAL_H
#define HUMSEC_WORLD_INTERNAL_H

#include <stdint.h>
#include <humsec/flight.h>
#include <humsec/people.h>
#include <humsec/world.h>
#include <humsec/rng.h>
#include <humsec/schedule.h>

/* Levels are fixed point: 0..WORLD_ONE stands for [0, 1]. Two bytes per
** dimension keep a person's seven levels in 14 bytes; sums of them are
** integers, so totals are exact whatever order threads add them in. */
#define WORLD_ONE 65535
#define WORLD_LOGBINS 1024

/* Per-person flags (world_people.flags). */
enum { WORLD_ACTIVE = 1, WORLD_WAS_DISPLACED = 2, WORLD_FEMALE = 4, WORLD_RETURNING = 8 };

/* Disease states (SIR). */
enum { WORLD_SUSCEPTIBLE = 0, WORLD_INFECTED = 1, WORLD_RECOVERED = 2 };

/* Ages in years: women bear children from 15 to 49, people work from 15 to
** 64, and armed groups recruit youths from 15 to 29 (M6); under 18 is a
** child (the armed children of the seeds' "children in armed conflict"). */
enum {
    WORLD_MAX_AGE = 110,
    WORLD_FERTILE_FROM = 15,
    WORLD_FERTILE_TO = 50,
    WORLD_WORK_FROM = 15,
    WORLD_WORK_TO = 65,
    WORLD_YOUTH_FROM = 15,
    WORLD_YOUTH_TO = 30,
    WORLD_ADULT = 18
};

/* A living person's kind, for the sums that count people: status, age band,
** sex, active, infected (person.c counts people by kind, calm.c too). The age
** bands' bounds are those of the sums (working 15-64, mothers 15-49, armed
** children under 18). */
enum {
    WORLD_KIND_BANDS = 5, /* under 15, 15-17, 18-49, 50-64, 65 and over */
    WORLD_KINDS = HS_PS_COUNT * WORLD_KIND_BANDS * 8
};
_Static_assert(WORLD_WORK_FROM == WORLD_FERTILE_FROM && WORLD_FERTILE_FROM < WORLD_ADULT &&
                   WORLD_ADULT < WORLD_FERTILE_TO && WORLD_FERTILE_TO < WORLD_WORK_TO,
               "the age bands of the kinds assume these bounds in this order");

/* The age band of a person aged age days. */
static inline int world_kind_band(long age)
{
    return (age >= WORLD_WORK_FROM * 365L) + (age >= WORLD_ADULT * 365L) +
           (age >= WORLD_FERTILE_TO * 365L) + (age >= WORLD_WORK_TO * 365L);
}

static inline int world_kind(int st, long age, int female, int active, int infected)
{
    return ((st * WORLD_KIND_BANDS + world_kind_band(age)) * 2 + female) * 4 + active * 2 +
           infected;
}

/* A state's demography (demography.c): hazard per year of age, its
** cumulative sum, the stable age distribution, fertility. */
typedef struct world_demog {
    double k, e0, growth, birth_rate, death_rate;
    double fertility; /* births per woman aged 15-49 per year */
    double hazard[WORLD_MAX_AGE];
    double cumhaz[WORLD_MAX_AGE + 1];
    double agecdf[WORLD_MAX_AGE];
} world_demog;

/* Solve a state's demography for its life expectancy and crude birth rate
** (state names it in messages). */
hs_status world_demog_init(world_demog *d, double life_expectancy, double birth_rate, double slope,
                           const char *state, hs_error *err);
/* An age in days drawn from the stable distribution (u, v uniform in (0,1)). */
long world_demog_age(const world_demog *d, double u, double v);
/* The day of death of someone aged age_days today, given they are alive
** (u uniform in (0,1)); always after today. */
long world_demog_death_day(const world_demog *d, long age_days, long today, double u);

/* People: this module's arrays. Where each person is (and how they travel)
** is the flight process's hs_people, same index. */
typedef struct world_people {
    size_t n, cap;
    uint16_t *level; /* n x HS_DIM_COUNT */
    uint8_t *status; /* hs_pstatus */
    uint8_t *group;
    int32_t *born;    /* day of birth (before 0 for the people at the start) */
    int32_t *dies;    /* day of death from natural causes (demography.c) */
    uint32_t *endow;  /* endowment: 4 bits a dimension, scaling its targets */
    uint8_t *risk;    /* risk aversion x 255 */
    uint8_t *disease; /* SIR state */
    uint8_t *flags;
    uint16_t *jail; /* days left in jail */
    uint8_t *home_state;
} world_people;

/* The flight process's hold flag (1 byte) counts here: it holds it for this model. */
#define WORLD_PERSON_BYTES (2 * HS_DIM_COUNT + 1 + 1 + 4 + 4 + 4 + 1 + 1 + 1 + 2 + 1 + 1)

/* Per-thread sums of the people pass, per (location, home state), integers. */
enum world_acc {
    A_STATUS = 0,                      /* HS_PS_COUNT counts */
    A_DEATHS = A_STATUS + HS_PS_COUNT, /* HS_DEATH_COUNT */
    A_SUM = A_DEATHS + HS_DEATH_COUNT, /* sum of levels, living */
    A_BELOW = A_SUM + HS_DIM_COUNT,    /* living below critical */
    A_HOT = A_BELOW + HS_DIM_COUNT,    /* HS_DIM_COUNT + 1: k dimensions critical */
    A_WANT = A_HOT + HS_DIM_COUNT + 1, /* sum of want level (mean of economic, food, health) */
    A_LOGWANT,                         /* sum of log(want) in 2^-24 units */
    A_ACTIVE,
    A_INFECTED,
    A_SCHOOL,
    A_GRIEVANCE,
    A_FLED,
    A_RETURNED,
    A_RECRUITED,
    A_ARRESTED,
    A_LEFT_ARMED,    /* demobilised or deserted today */
    A_MOTHERS,       /* women aged 15-49 at home or returned: they bear the children */
    A_WORKERS,       /* people aged 15-64 at home or returned */
    A_WORKERS_AWAY,  /* people aged 15-64 displaced, refugees or in camps */
    A_ARMED_CHILD,   /* the armed aged under 18 */
    A_INFANT_DEATHS, /* died today aged under one */
    A_GROUP,         /* HS_WORLD_MAX_GROUPS: living people by group */
    A_COUNT = A_GROUP + HS_WORLD_MAX_GROUPS
};

/* A state's side in a war (M11). */
typedef struct world_war_side {
    int enemy;     /* state index, or -1 at peace */
    int attacker;  /* 1 for the state that chose the war */
    long start;    /* day it began */
    double z;      /* the attacker's misperception, in standard deviations */
    double stock0; /* its military stock when it began */
} world_war_side;

/* A war, for the summary. */
typedef struct world_war_log {
    int attacker, defender;
    long start, end; /* end -1: still on */
    const char *ended_by;
} world_war_log;
#define WORLD_MAX_WARS 64

/* A force under the Responsibility to Protect, for the summary. */
typedef struct world_intervention {
    int state, payer; /* the payer: a donor of the coalition that sent it */
    long start, end;  /* end -1: still there */
} world_intervention;

/* A line of the aid ledger: a donor's money through a channel to a unit (a place,
** or nloc + a state) over days [from, to). */
typedef struct world_aid_row {
    long from, to;
    int donor, channel, unit;
    double amount;
} world_aid_row;

/* What a status sees at a place today: target levels, fixed point. */
typedef struct world_target {
    uint16_t level[HS_DIM_COUNT];
} world_target;

struct hs_world_sim {
    const hs_world_scenario *sc;
    const hs_world_params *p;
    uint64_t seed;
    int threads;
    /* The MPI ranks the people are spread over (NULL: one process), as the
    ** flight process deals them out (flight.h): each rank holds its share of
    ** the people, keys their streams by their index in the whole run
    ** (hs_flight_sim_index), and the day's sums (acc) are summed over ranks, so
    ** every rank holds the whole world's places, states and record. */
    hs_ranks *ranks;
    long day;
    int settled; /* people's levels set (before: every level 0, not to be read) */
    /* 1: every person goes through the whole day one by one, the calm path
    ** (calm.h) not taken; for the test that holds the two paths to each other. */
    int calm_off;
    int64_t calm_days; /* person-days that took the calm path, for that test */
    hs_schedule schedule;
    long initial_people, births;
    gsl_rng *gsl;  /* births' Poisson draws, pointed at each location's stream (owned) */
    int64_t *born; /* nloc: born today */
    double agent_days;
    world_demog *demog;                   /* nstates */
    int32_t endow_mult[HS_DIM_COUNT][16]; /* target multiplier by endowment, 2^-16 units */

    /* The flight process, on a case built from the scenario's world. */
    hs_flight_case fcase;
    hs_flight_settings fset;
    hs_flight_sim *flight;

    world_people pp;

    /* Per location. */
    int nloc, nstates;
    double *ref_people;             /* residents the services were built for */
    double *violence;               /* today's violence in [0, 1] */
    double *ext_conflict, *drought; /* from events */
    double *seed_n;                 /* infections an epidemic event seeds today */
    uint16_t *faces;                /* bit n: has a route to a place of state n (another state) */
    double *infra;                  /* M12: share of services standing */
    double *erw;                    /* M13 contamination */
    double *provision;              /* services per person reached today */
    double *tension;                /* M5 */
    double *arrest;                 /* chance an active is arrested today */
    double *arrest_p;               /* Epstein's perceived arrest probability */
    double *infect;                 /* chance a susceptible is infected today */
    double *seed_p; /* chance a susceptible is infected from outside (events, crowding) */
    double *p_violence, *p_erw, *p_disease; /* daily death chances */
    double *p_maternal;                     /* a woman aged 15-49 at home: dies in childbirth */
    double *p_death_max;  /* the most any person's hazards at a place can sum to today (person.c) */
    double *degraded;     /* M5: land degraded by overcrowding, [0, 1] */
    double *funded;       /* M12: services funded, lagging the budget */
    double *school;       /* schooling reached, [0, 1] */
    int64_t *school_fix;  /* the same in fixed point, for the people's sums */
    int32_t *majority;    /* the place's group: its own, or its state's largest */
    world_target *target; /* nloc x HS_PS_COUNT */
    /* nloc x HS_PS_COUNT x HS_DIM_COUNT x 16: today's goal (world_goal) of each endowment
    ** nibble, for the people pass (person.c builds it each day from target). */
    uint16_t *goal_tab;

    /* Per state. */
    double *economy, *econ_mult, *budget, *military, *military0, *repression, *legitimacy,
        *cohesion, *threat;
    double *rep_floor;        /* M2: repression's floor, raised for good by every crisis */
    double *labour, *labour0; /* effective labour from yesterday's people; at the start */
    double *natpop, *natpop0; /* the state's own people in its territory; at the start */
    double *output;           /* the state's output relative to the start */
    double *pop, *want, *unrest, *atkinson;                   /* from yesterday's people */
    double *want0, *atkinson0, *weakness0, *external0, *dev0; /* baselines */
    double *weak_prev;                                        /* weakness judged by neighbours */
    double *stock, *stock0; /* M10: military stock, and at the start */
    double *assure;         /* today's security assurances (events) */
    world_war_side *war;    /* M11: nstates */
    world_war_log wars[WORLD_MAX_WARS];
    int nwars;

    /* Donors (aid.c). Units: places, then states. */
    int aid_units;
    double *aid_rate;   /* donor x channel x unit: money a day this period */
    double *aid_period; /* the same: spent so far this period */
    double *aid_cap;    /* channel x unit: capacity bought, lagged */
    double *aid_today;  /* unit: spent today */
    double *p_channel;  /* nloc x 4: services for livelihoods, food, health, schooling */
    double *p_ddr;      /* nloc: chance a day that one of the armed is demobilised by DDR */
    double *raid;       /* nloc: violence of raids from abroad today (place.c writes it; the
                        ** donors' engagement reads yesterday's: aid.c allocates it) */
    double aid_balance[HS_WORLD_MAX_DONORS], aid_accrued[HS_WORLD_MAX_DONORS];
    double aid_daily[HS_WORLD_MAX_DONORS]; /* what accrued today */
    double aid_spent[HS_WORLD_MAX_DONORS * HS_AID_COUNT];
    long aid_from;   /* first day of the period */
    double aid_unit; /* the region's development spending a day at the start: outputs' unit */
    world_aid_row *ledger;
    size_t nledger, cap_ledger;
    /* The Responsibility to Protect and the mine-ban treaty (aid.c). */
    double r2p_left[HS_WORLD_MAX_STATES]; /* days of intervention left (0: none) */
    int r2p_payer[HS_WORLD_MAX_STATES];   /* the donor whose coalition pays */
    double broken[HS_WORLD_MAX_STATES];   /* share of legitimacy and cohesion lost for good */
    int intervened[HS_WORLD_MAX_STATES];  /* 1 once a force has come (once a run) */
    world_intervention interventions[HS_WORLD_MAX_STATES];
    int ninterventions;
    int ban_signed[HS_WORLD_MAX_STATES];
    long ban_in_force;                        /* day the treaty entered into force, or -1 */
    int64_t illegit_fix[HS_WORLD_MAX_STATES]; /* 1 - legitimacy in fixed point, for the sums */
    uint8_t *neighbour;                       /* nstates x nstates: joined by a route */

    /* Yesterday's and today's sums: nloc x nstates x A_COUNT. */
    int64_t *acc;        /* merged */
    int64_t *acc_thread; /* nthreads_alloc x the same */
    /* nthreads_alloc x nloc x nstates x WORLD_KINDS: living people counted by kind
    ** (status, age band, sex, active, infected), turned into sums (person.c). */
    uint32_t *kinds_thread;
    int nthreads_alloc;
    int64_t logtab[WORLD_LOGBINS];

    /* Record: days x (nloc + 2 nstates). */
    hs_world_record *rec;
    long cap_days;
};

/* Daily processes. */
hs_status world_events_step(void *sim, long day, hs_error *err); /* state.c */
hs_status world_states_step(void *sim, long day, hs_error *err); /* state.c */
hs_status world_places_step(void *sim, long day, hs_error *err); /* place.c */
hs_status world_people_step(void *sim, long day, hs_error *err); /* person.c */
hs_status world_births_step(void *sim, long day, hs_error *err); /* birth.c */
hs_status world_record_step(void *sim, long day, hs_error *err); /* record.c */

/* Merged sum of field f over (location l, home state h). */
static inline int64_t world_acc(const hs_world_sim *sim, int l, int h, int f)
{
    return sim->acc[((size_t)l * (size_t)sim->nstates + (size_t)h) * A_COUNT + f];
}

/* Per-place sum over home states. */
int64_t world_acc_loc(const hs_world_sim *sim, int l, int f);
/* Per-state sum over its places (territory). */
int64_t world_acc_state(const hs_world_sim *sim, int s, int f);

/* Living people present at a place / in a state (from the sums). */
int64_t world_alive_loc(const hs_world_sim *sim, int l);

/* Initial values of the state process, and the baselines taken once the
** people's levels are set (state.c). */
void world_states_init(hs_world_sim *sim);
void world_states_baseline(hs_world_sim *sim);

/* Between states (war.c): the military stock at the start (after the baselines), its
** daily update, the war reviews and ends, and today's fronts (conflict at the borders). */
void world_arms_init(hs_world_sim *sim, int s);
void world_arms_step(hs_world_sim *sim);
void world_war_step(hs_world_sim *sim, long day);
void world_war_fronts(hs_world_sim *sim);
/* Donors (aid.c): arrays, the daily process, the share of a doctrine's money per
** channel, and the capacity a channel has bought at a unit. */
hs_status world_aid_init(hs_world_sim *sim, hs_error *err);
void world_aid_free(hs_world_sim *sim);
hs_status world_aid_step(void *sim, long day, hs_error *err);
double world_aid_cap(const hs_world_sim *sim, int channel, int unit);
enum { WORLD_PC_ECONOMIC = 0, WORLD_PC_FOOD = 1, WORLD_PC_HEALTH = 2, WORLD_PC_SCHOOL = 3 };
/* Under a force now (R2P)? Does the mine-ban treaty bind state s? */
int world_intervened(const hs_world_sim *sim, int s);
int world_ban_binds(const hs_world_sim *sim, int s);

/* Military spending of state s today, per day (relative units). */
double world_spending(const hs_world_sim *sim, int s);

/* The people pass (person.c); update = 0 only counts. */
hs_status world_people_pass(hs_world_sim *sim, long day, int update, hs_error *err);

/* Fixed point helpers. */
static inline uint16_t world_fix(double x)
{
    if (!(x > 0.0)) return 0;
    if (x >= 1.0) return WORLD_ONE;
    return (uint16_t)(x * WORLD_ONE + 0.5);
}
/* A 32-bit word of a person's stream as a uniform draw in (0, 1), as
** hs_stream_u01 makes it: (w + 1/2) / 2^32, exact in a double. */
static inline double world_u01(uint32_t w)
{
    return hs_word_u01(w);
}
static inline double world_clamp01(double x)
{
    return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
}

/* Person i's goal in dimension d from the place's target t: the target
** scaled by their endowment in d (so that people in a place differ). */
static inline int32_t world_goal(const hs_world_sim *sim, int d, int32_t t, uint32_t endow)
{
    int32_t g = (int32_t)(((int64_t)t * sim->endow_mult[d][(endow >> (4 * d)) & 15u]) >> 16);
    return g > WORLD_ONE ? WORLD_ONE : g;
}

/* Set person i's levels to their goals at loc for their status. */
void world_person_settle(hs_world_sim *sim, size_t i, int loc);

/* Is a location a camp for the people in it? */
int world_is_camp(const hs_world_sim *sim, int loc);

/* Make room for cap people in this module's arrays (world.c). */
hs_status world_people_reserve(hs_world_sim *sim, size_t cap, hs_error *err);
/* Person i's own traits from its initial stream - age (0 for a newborn,
** else from the home state's age structure), day of natural death, sex, risk
** aversion, endowment - with a group, status and home state, on day today
** (world.c). */
void world_person_init(hs_world_sim *sim, size_t i, int group, int status, int home_state,
                       long today, int newborn);

/* Scenario: the parser reads files or embedded text (scenario.c). */
typedef struct world_text_file {
    const char *name;
    const char *text;
} world_text_file;
hs_status world_scenario_read(hs_world_scenario **out, const char *path, const char *yaml_text,
                              const world_text_file *embedded, hs_error *err);

#endif
