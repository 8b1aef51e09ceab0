/*
** world.h - the human security world: people with security in seven
** dimensions, living in locations inside states, with the mechanisms of
** world-model.md that carry insecurity down from states to people and up
** from people to states (M1-M9, M12, M13; docs/odd/world.md).
**
** Two objects, each owning what it allocates:
**   hs_world_scenario - states, groups, locations, routes, events, every
**                     mechanism's parameters and switches, thresholds; read
**                     from a YAML file (`model: human_security`) with CSV
**                     tables beside it, or the embedded default;
**   hs_world_sim      - one run of a scenario with one seed: people (a struct
**                     of arrays), per-location and per-state state, the
**                     daily record. It borrows the scenario, which must
**                     outlive it.
** Flight (M4) is the flight process of flight.h, driven by the people's own
** fear and want; civil violence (M3) applies the rule functions of
** violence.h to people in locations.
*/
#ifndef HUMSEC_WORLD_H
#define HUMSEC_WORLD_H

#include <stdint.h>
#include <stdio.h>
#include <humsec/error.h>
#include <humsec/geo.h>
#include <humsec/ranks.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* The seven dimensions of human security (UNDP 1994), each in [0, 1], 1 = secure. */
typedef enum hs_dim {
    HS_DIM_ECONOMIC = 0,
    HS_DIM_FOOD = 1,
    HS_DIM_HEALTH = 2,
    HS_DIM_ENVIRONMENTAL = 3,
    HS_DIM_PERSONAL = 4,
    HS_DIM_COMMUNITY = 5,
    HS_DIM_POLITICAL = 6,
    HS_DIM_COUNT = 7
} hs_dim;
const char *hs_dim_name(int dim);

/* A person's status. */
typedef enum hs_pstatus {
    HS_PS_HOME = 0,      /* at home, never displaced */
    HS_PS_DISPLACED = 1, /* displaced inside their own country */
    HS_PS_REFUGEE = 2,   /* abroad, not in a camp */
    HS_PS_CAMP = 3,      /* in a camp or IDP camp */
    HS_PS_RETURNED = 4,  /* back home after displacement */
    HS_PS_ARMED = 5,     /* recruited by an armed group (M6) */
    HS_PS_JAILED = 6,    /* arrested (M3) */
    HS_PS_DEAD = 7,
    HS_PS_COUNT = 8
} hs_pstatus;
const char *hs_pstatus_name(int status);

typedef enum hs_cause {
    HS_DEATH_VIOLENCE = 0,
    HS_DEATH_REPRESSION = 1,
    HS_DEATH_ERW = 2, /* landmines and explosive remnants of war */
    HS_DEATH_DISEASE = 3,
    HS_DEATH_HUNGER = 4,
    HS_DEATH_NATURAL = 5,  /* old age, infancy, illness: the state's life table */
    HS_DEATH_MATERNAL = 6, /* in childbirth: the chance rises as health services fail */
    HS_DEATH_COUNT = 7
} hs_cause;
const char *hs_cause_name(int cause);

/* Mechanisms that can be switched off (world-model.md numbering). */
typedef enum hs_mech {
    HS_M1_GUNS_BUTTER = 0,
    HS_M2_REPRESSION = 1,
    HS_M3_LEGITIMACY = 2,
    HS_M4_FLIGHT = 3,
    HS_M5_HOST_STRAIN = 4,
    HS_M6_RECRUITMENT = 5,
    HS_M7_COHESION = 6,
    HS_M8_DROUGHT = 7,
    HS_M9_WEAKNESS = 8,
    HS_M12_DEVELOPMENT = 9,
    HS_M13_ERW = 10,
    HS_M13_EPIDEMIC = 11,
    HS_M10_ARMS_RACE = 12, /* military stocks and the security dilemma (relations.h) */
    HS_M11_WAR = 13,       /* the rational actor's war between rivals (relations.h) */
    HS_MECH_COUNT = 14
} hs_mech;
/* The scenario key of a mechanism's section ("guns_vs_butter", ...). */
const char *hs_mech_key(int mech);

typedef enum hs_regime {
    HS_REGIME_DEMOCRACY = 0,
    HS_REGIME_ANOCRACY = 1,
    HS_REGIME_AUTOCRACY = 2
} hs_regime;
const char *hs_regime_name(int regime);

#define HS_WORLD_MAX_STATES 16
#define HS_WORLD_MAX_GROUPS 8
#define HS_WORLD_NAME_MAX 64
#define HS_WORLD_MAX_EVENTS 256
/* People in all at the start of a run (its memory is sized by them): a scenario
** whose locations hold more is refused, naming its table and field. */
#define HS_WORLD_MAX_PEOPLE 1e9
#define HS_WORLD_MAX_DONORS 8

/* The international response (M14, M15): what a donor follows. */
typedef enum hs_doctrine {
    HS_DOCTRINE_NONE = 0, /* spends nothing (the counterfactual) */
    HS_DOCTRINE_FEAR = 1, /* freedom from fear (Canada): demining, DDR, peacekeeping, small arms */
    HS_DOCTRINE_WANT =
        2, /* freedom from want (Japan): the trust fund's channels, grassroots, ODA */
    HS_DOCTRINE_MIXED = 3, /* half of each */
    HS_DOCTRINE_COUNT = 4
} hs_doctrine;
const char *hs_doctrine_name(int doctrine);
/* The doctrine named s ("none", "fear", "want", "mixed"), or -1. */
int hs_doctrine_parse(const char *s);

/* Where a donor's money goes. */
typedef enum hs_aid_channel {
    HS_AID_DEMINING = 0,        /* clears ERW where people are (M14) */
    HS_AID_DDR = 1,             /* demobilises the armed (M14) */
    HS_AID_PEACEKEEPING = 2,    /* lowers violence where the force stands (M14) */
    HS_AID_SMALL_ARMS = 3,      /* lowers the lethality of violence in a state (M14) */
    HS_AID_HEALTH = 4,          /* trust fund through WHO (M15); the trust fund's channels are
                                ** health to camps and demobilisation (hs_aid_fund_channel) */
    HS_AID_FOOD = 5,            /* trust fund: food aid */
    HS_AID_LIVELIHOODS = 6,     /* trust fund through UNDP */
    HS_AID_SCHOOLING = 7,       /* trust fund through UNESCO */
    HS_AID_CAMPS = 8,           /* trust fund through UNHCR: services in camps */
    HS_AID_GRASSROOTS = 9,      /* small grants through local NGOs: livelihood, food, health */
    HS_AID_ODA = 10,            /* to the recipient's budget, so through its guns-vs-butter split */
    HS_AID_INTERVENTION = 11,   /* a force under the Responsibility to Protect (M14, M16): paid
                                ** from a coalition's pooled balances when it intervenes */
    HS_AID_DEMOBILISATION = 12, /* trust fund: DDR through the UN agencies, at the fund's lag
                                ** and overhead (M15; appended: the numbers stay) */
    HS_AID_COUNT = 13
} hs_aid_channel;
const char *hs_aid_channel_name(int channel);
/* 1 for the trust fund's channels (health, food, livelihoods, schooling, camps,
** demobilisation): the fund's lag and overhead, pooled within a coalition (M16). */
int hs_aid_fund_channel(int channel);

typedef struct hs_world_donor {
    char name[HS_WORLD_NAME_MAX];
    int doctrine;               /* hs_doctrine */
    double budget;              /* a year, as a share of its recipients' own yearly development
                                ** spending at the start (0.1: a tenth as much again) */
    uint32_t recipients;        /* bit s: it helps state s */
    double share[HS_AID_COUNT]; /* of its money per channel: its doctrine's, or `channels:` */
    int custom;                 /* 1 when `channels:` set the shares */
    char coalition[HS_WORLD_NAME_MAX]; /* donors with the same name act together (M16), or "" */
    uint32_t exposure; /* bit s: refugees hosted in, and raids on, state s reach this donor
                       ** (engagement) */
    long start, end;   /* days [start, end); end < 0: to the end of the run */
    long line;
} hs_world_donor;

typedef struct hs_world_state {
    char name[HS_WORLD_NAME_MAX];
    double economy;         /* output per person (1 = the region's reference) */
    double tax;             /* share of output the state spends (its budget) */
    double military_share;  /* baseline share of the budget on the military */
    double legitimacy;      /* L0 in [0, 1] */
    double repression;      /* R0 in [0, 1] */
    double cohesion;        /* C0 in [0, 1] */
    double police;          /* police officers per person */
    double services;        /* services of its locations whose table leaves them empty */
    double life_expectancy; /* at birth, years (0: demography.life_expectancy) */
    double birth_rate;      /* crude, per person a year (0: demography.birth_rate) */
    char iso3[8];           /* country whose UNDP data set economy and services, or "" */
    int regime;             /* hs_regime */
    int mine_ban;           /* 1: it has signed the mine-ban treaty at the start (M14) */
    int nrivals;
    int rivals[HS_WORLD_MAX_STATES]; /* state indices */
    int nallies;
    int allies[HS_WORLD_MAX_STATES];         /* state indices: they count for it at war (M11) */
    double trade[HS_WORLD_MAX_STATES];       /* share of its trade with each state, [0, 1] */
    double group_share[HS_WORLD_MAX_GROUPS]; /* shares of its people by group (sum 1) */
    long line;                               /* where it was defined */
} hs_world_state;

typedef enum hs_event_type {
    HS_EV_CONFLICT = 0, /* armed conflict at a location or across a state: intensity in [0,1] */
    HS_EV_DROUGHT = 1,  /* drought / food crisis: food supply falls by intensity (M8) */
    HS_EV_EPIDEMIC = 2, /* an outbreak: intensity infections seeded at a location (M13) */
    HS_EV_ECONOMIC_SHOCK = 3, /* a state's output falls by the share intensity */
    HS_EV_BORDER_CLOSURE = 4, /* routes between two states close */
    HS_EV_ARMS_BUILDUP = 5,   /* a state's baseline military share becomes intensity */
    HS_EV_ASSURANCE = 6,      /* security assurances: a state's external threat x (1 - intensity) */
    HS_EV_COUNT = 7
} hs_event_type;
const char *hs_event_name(int type);

typedef struct hs_world_event {
    int type;           /* hs_event_type */
    long start, end;    /* days [start, end); end < 0: to the end of the run */
    int state, state_b; /* state (or -1); the second state of a border closure */
    int loc;            /* location (or -1: every location of state) */
    double intensity;
    long line;
} hs_world_event;

/*
** Every parameter of the model. Defaults: hs_world_params_default. The
** equations, units and sources are in docs/odd/world.md.
*/
typedef struct hs_world_params {
    int on[HS_MECH_COUNT]; /* mechanism switches */

    /* security dynamics */
    double relax_days; /* a level moves 1/relax_days of the way to its target each day */
    /* people differ: a person's targets are scaled by 1 + spread (e - 7.5) / 15, e their
    ** endowment in the dimension (0..15, uniform) */
    double spread_economic, spread;
    /* demography (states without their own figures) */
    double birth_rate;             /* crude birth rate, per person a year */
    double life_expectancy;        /* at birth, years */
    double gompertz_slope;         /* growth of the adult hazard with age, per year */
    double critical[HS_DIM_COUNT]; /* Owen: critical below this level */
    double displaced_livelihood;   /* economic target multiplier away from home */
    /* maternal deaths per birth where health services are nil / full: the chance
    ** is low + high (1 - services)^2 */
    double maternal_high, maternal_low;
    /* M1 guns vs butter */
    double m1_gain; /* military share target = baseline + gain x threat */
    double m1_max;  /* largest military share */
    double m1_days; /* adjustment time */
    double w_external, w_internal, w_cohesion; /* threat weights */
    /* M2 repression */
    double m2_gain, m2_up_days, m2_down_days;
    double m2_ratchet; /* share of a rise above the floor that stays for good */
    /* M3 legitimacy and civil violence */
    double m3_repression, m3_provision, m3_days;
    double cv_k, cv_threshold, cv_vision; /* Epstein's k, T; people in vision */
    long cv_max_jail;                     /* days */
    double arrest_rate;                   /* arrests per police officer per day */
    double cv_presence;      /* the state's force a citizen perceives, per police officer */
    double cv_participation; /* chance a willing rebel is on the streets on a given day */
    double riot_violence;    /* violence per share of actives */
    /* M4 flight */
    double flee_rate, flee_threshold, w_fear, w_want;
    double return_rate, return_safety;
    double conflict_level; /* violence above which a location is a conflict zone for flight */
    /* M5 host strain */
    double m5_tension, m5_crime, m5_strain;
    double m5_distrust;           /* tension per share of a place's people below community */
    double m5_degrade, m5_regrow; /* land degraded per day and unit of overcrowding; regrowth */
    /* M6 recruitment */
    double m6_rate, m6_threshold, m6_raid;
    double m6_leave; /* chance a day that one of the armed is demobilised or deserts */
    double m6_home;  /* recruitment rate of poor youths at home */
    /* M7 cohesion */
    double m7_inequality, m7_want, m7_days;
    /* M8 drought */
    double m8_environment;
    /* M9 weakness */
    double w_weakness;
    /* M12 development */
    double m12_destroy, m12_rebuild;
    double m12_lag; /* days for services to follow a change of their funding */
    /* M13 ERW and epidemics */
    double erw_deposit, erw_clear, erw_lethality, erw_return_factor;
    double epi_beta, epi_days, epi_ifr, epi_care, epi_crowding, epi_import, epi_camp;
    /* M10 arms race: military stock x += spending - depreciation x (- attrition at war) */
    double m10_depreciation;
    /* M11 war: chance of winning, cost, status quo (relations.h), misperception,
    ** reviews, and what war does and how it ends */
    double m11_offence_defence, m11_value, m11_cost, m11_defence, m11_punishment;
    double m11_status_quo, m11_trade, m11_misperception, m11_learn_days;
    long m11_review_days, m11_max_days;
    double m11_intensity, m11_attrition, m11_defeat;
    /* aid (M14, M15): how often donors allocate, the lags and overheads of the
    ** channels, and what a unit of aid does (docs/odd/world.md "Donors") */
    long aid_review_days;
    double aid_lag_fund, aid_lag_grassroots, aid_lag_fear;
    double aid_overhead_fund, aid_overhead_grassroots;
    double aid_demining, aid_ddr, aid_peacekeeping, aid_small_arms;
    double aid_reintegration; /* the demobilised's livelihood lifted to this x home's */
    /* engagement: budget x (1 + engagement x refugees hosted in the exposure states per
    ** person there + engagement_raids x raids on them: the violence of raids from abroad
    ** on their places x the people there, per person there; yesterday's) */
    double aid_engagement, aid_engagement_raids;
    /* the Responsibility to Protect: atrocity deaths (violence and repression) in a state
    ** over window days above threshold x its people; a force costing cost x the state's own
    ** development spending a day, for days, if a coalition's pooled budgets can keep it;
    ** the force divides violence by 1 + strength and holds repression at its start; when
    ** it leaves, legitimacy, cohesion and services lose a share `break` */
    double r2p_window, r2p_threshold, r2p_cost, r2p_days, r2p_strength, r2p_break;
    /* the mine-ban treaty: each review a state signs with chance rate x (share of states
    ** signed + advocacy x coalitions that demine); in force once entry x states have signed;
    ** then signatories lay effect less of the new mines */
    double treaty_rate, treaty_advocacy, treaty_entry, treaty_effect;
    /* deaths */
    double violence_lethality, repression_lethality, hunger_lethality;
    /* flight (Flee's rules, flight.h) */
    double move_speed, camp_weight, conflict_weight;
    long awareness;
} hs_world_params;

void hs_world_params_default(hs_world_params *p);

typedef struct hs_world_scenario {
    char *name;      /* owned */
    char *path;      /* file it came from (owned), or NULL for the embedded default */
    long start_date; /* day number */
    long days;
    int nstates;
    hs_world_state states[HS_WORLD_MAX_STATES];
    int ngroups;
    char groups[HS_WORLD_MAX_GROUPS][HS_WORLD_NAME_MAX];
    hs_geo geo; /* locations (with their states) and routes; owned */
    /* per location (world.nloc): */
    double *people;   /* people living there at the start (camps: already there) */
    double *capacity; /* camp capacity, or 0 */
    double *services; /* provision of health, food aid, livelihood and schooling, [0,1] */
    double *erw;      /* landmine/ERW contamination, [0,1] */
    double *hazard;   /* environmental hazard exposure, [0,1] */
    int32_t *group;   /* majority group, or -1 for the state's mix */
    double
        *people_by_group; /* nloc x HS_WORLD_MAX_GROUPS from `people:`, or NULL: the state's mix */
    int nevents;
    hs_world_event events[HS_WORLD_MAX_EVENTS];
    int ndonors;
    hs_world_donor donors[HS_WORLD_MAX_DONORS];
    hs_world_params params;
    /* Flee's closures the events cannot say (location, link, camp: flight.h), closed in the
    ** world's flight process as in Flee's; borrowed (a region's, region.h), or NULL. */
    int nflee_closures;
    const struct hs_closure *flee_closures;
    struct hs_closure *own_flee_closures; /* read from `closures: FILE.csv` (owned), or NULL */
} hs_world_scenario;

/* The shares of a doctrine's money per channel (docs/odd/world.md "Donors"). */
double hs_doctrine_share(int doctrine, int channel);
/* Every donor follows doctrine (the command's --doctrine): the same budgets, another
** policy (its channels' shares are the doctrine's). */
void hs_world_scenario_set_doctrine(hs_world_scenario *sc, int doctrine);

/* Read a scenario file: YAML with `model: human_security` and CSV tables
** named in it (paths relative to the file). Every error names file, line and
** key or column. On success *out is owned by the caller (hs_world_scenario_free). */
hs_status hs_world_scenario_load(hs_world_scenario **out, const char *path, hs_error *err);

/* The embedded default: a fragile state, two neighbours that receive its
** refugees and a rival whose arms build-up it fears (scenarios/world/). */
hs_status hs_world_scenario_default(hs_world_scenario **out, hs_error *err);

/* The default's files as text (name "default.yml", "locations.csv",
** "routes.csv"), or NULL, so that it can be written out and edited. */
const char *hs_world_default_text(const char *name);

void hs_world_scenario_free(hs_world_scenario *sc);

/* Write the resolved scenario parameters as YAML (a `params:` block). */
void hs_world_params_write(const hs_world_params *p, FILE *f);

/* A parameter by its scenario name, "section.key" as in the `params:` block
** ("flight.rate", "war.offence_defence", "security.relax_days",
** "thresholds.food"; "repression.on" for a mechanism's switch, as 0 or 1).
** hs_world_params_set checks the name and the value's range (and that a whole
** number is whole) and says which in err; hs_world_params_get returns 0 and
** the value, or -1 for an unknown name. For experiments' arms and uncertain
** parameters (compare.h). */
hs_status hs_world_params_set(hs_world_params *p, const char *name, double value, hs_error *err);
int hs_world_params_get(const hs_world_params *p, const char *name, double *value);
/* The range a parameter accepts: 0 for a real number, 1 for a whole number or a
** switch, -1 for an unknown name. */
int hs_world_params_range(const char *name, double *min, double *max);

/* ---- a run ---- */
typedef struct hs_world_sim hs_world_sim;

/* One day's measures of a unit (a location, or a state). */
typedef struct hs_world_record {
    long people[HS_PS_COUNT];        /* by status; dead: cumulative, where they died */
    long deaths[HS_DEATH_COUNT];     /* died today */
    double mean[HS_DIM_COUNT];       /* mean level over the living */
    double below[HS_DIM_COUNT];      /* share of the living below the critical threshold */
    long hotspots[HS_DIM_COUNT + 1]; /* living people with k dimensions critical at once */
    double
        hdi_like; /* HDI-like index (not UNDP's HDI): geometric mean of health, schooling, income */
    double grievance; /* mean of Epstein's G = H (1 - L) over the living */
    double violence;  /* location: today's violence in [0,1]; state: its people's mean */
    double erw;       /* location: landmine and ERW contamination in [0,1]; state: NAN */
    long active, infected, fled, returned, recruited, arrested; /* today */
    long left_armed;                                            /* demobilised or deserted today */
    long armed_children; /* the armed aged under 18 (living) */
    long infant_deaths;  /* died today aged under one year, any cause */
    long hosted;         /* living people here from another state */
    long births;         /* born today (counted among the people from tomorrow) */
    /* state units only (NAN for locations): */
    double threat, military_share, repression, legitimacy, cohesion, atkinson;
    double economy;           /* output per person present */
    double output;            /* the state's output relative to the start */
    double military_strength; /* military stock relative to the start (M10) */
    double aid;          /* aid spent today here (a location) or in the state (ODA included), in
                         ** days of the recipients' development spending at the start */
    double at_war;       /* 1 on a day of war, else 0 (M11) */
    double intervention; /* 1 on a day a force protects its people (R2P), else 0 */
    double mine_ban;     /* 1 when the mine-ban treaty binds it, else 0 */
} hs_world_record;

/* Build the world of scenario sc with seed. Its large set-up loops (a million
** people or so) run on OpenMP's default number of threads (omp_set_num_threads,
** OMP_NUM_THREADS); the world is the same whatever it is. */
hs_status hs_world_sim_create(hs_world_sim **out, const hs_world_scenario *sc, uint64_t seed,
                              hs_error *err);
/* The same world with its people spread over MPI ranks (ranks.h; r NULL: one
** process, exactly hs_world_sim_create). Every rank creates it and steps it
** day by day together; the record, the outputs and everything but the people
** (hs_world_sim_people, _level, _status, _where then give this rank's share)
** are the same bytes on every rank and on any number of ranks. A world over
** several ranks cannot be checkpointed. */
hs_status hs_world_sim_create_ranks(hs_world_sim **out, const hs_world_scenario *sc, uint64_t seed,
                                    hs_ranks *r, hs_error *err);
void hs_world_sim_free(hs_world_sim *sim);
/* OpenMP threads (0: OpenMP's default). Results do not depend on it. */
void hs_world_sim_set_threads(hs_world_sim *sim, int threads);
hs_status hs_world_sim_step(hs_world_sim *sim, hs_error *err);
/* Run until day `days` (the scenario's length if < 0). */
hs_status hs_world_sim_run(hs_world_sim *sim, long days,
                           void (*progress)(void *ctx, long done, long total), void *ctx,
                           hs_error *err);
long hs_world_sim_days(const hs_world_sim *sim);

typedef enum hs_world_scope {
    HS_SCOPE_LOCATION = 0,  /* people present at a location */
    HS_SCOPE_TERRITORY = 1, /* people present in a state (hosted refugees included) */
    HS_SCOPE_NATIONALS = 2, /* a state's own people, wherever they are */
} hs_world_scope;

/* Record of unit u (location or state index) on day d, or NULL. */
const hs_world_record *hs_world_sim_record(const hs_world_sim *sim, hs_world_scope scope, int u,
                                           long d);

/* A state's own people over the run so far (from the daily records). */
typedef struct hs_world_totals {
    long deaths[HS_DEATH_COUNT]; /* by cause */
    long deaths_all;
    long births;
    long infant_deaths;        /* died aged under one, any cause */
    double infant_mortality;   /* infant deaths per 1,000 births (NAN without births) */
    double maternal_mortality; /* maternal deaths per 100,000 births (NAN without births) */
    long armed_children_most;  /* most armed children (under 18) on one day */
} hs_world_totals;
void hs_world_sim_totals(const hs_world_sim *sim, int state, hs_world_totals *out);

/* A donor's money so far, in days of the region's own development spending at the
** start: accrued = spent + balance. Returns 0, or -1 for no such donor. */
typedef struct hs_world_donor_money {
    double accrued, spent, balance;
    double by_channel[HS_AID_COUNT]; /* spent */
} hs_world_donor_money;
int hs_world_sim_donor_money(const hs_world_sim *sim, int donor, hs_world_donor_money *out);

/* People at the start, and born since (alive + dead = initial + births). */
long hs_world_sim_initial_people(const hs_world_sim *sim);
long hs_world_sim_births(const hs_world_sim *sim);
double hs_world_sim_agent_days(const hs_world_sim *sim);
/* Bytes of state per person (this module's and the flight process's). */
size_t hs_world_sim_person_bytes(const hs_world_sim *sim);
/* Person i's level in dimension d (for invariants and inspection), status, location. */
double hs_world_sim_level(const hs_world_sim *sim, size_t i, int d);
int hs_world_sim_status(const hs_world_sim *sim, size_t i);
/* Where person i stands (the start of the link they are on, if travelling) and their
** home location. */
void hs_world_sim_where(const hs_world_sim *sim, size_t i, int *loc, int *home);
size_t hs_world_sim_people(const hs_world_sim *sim);

/* ---- patterns of the real world ---- */

/* A pattern of patterns.md (P1-P12) checked on one state of a run: the
** run's value against the band [lo, hi]. A pattern the run does not exercise
** (no crisis, no calm after one, too short) does not apply: value NAN. */
typedef struct hs_world_pattern {
    const char *id;   /* "P1" ... (static) */
    const char *what; /* what is measured, in words (static) */
    const char *band; /* the band, in words (static) */
    int state;
    double value, lo, hi;
    int applies, holds;
} hs_world_pattern;

/* Most patterns checked per state. */
#define HS_WORLD_PATTERNS_PER_STATE 24

/* Check the run so far: fills out[0 .. n-1] (n <= max) and returns n. */
int hs_world_sim_patterns(const hs_world_sim *sim, hs_world_pattern *out, int max);

/* Write the run into an open output folder (outdir.h):
**   daily_states.csv    one row per day, state and scope (territory, nationals);
**   daily_locations.csv one row per day and location;
**   parameters.yml      resolved parameters with seed and version;
**   summary.json        seed, days, people, deaths by cause, final measures, and
**                       every pattern checked (hs_world_sim_patterns). */
struct hs_outdir;
hs_status hs_world_sim_write(const hs_world_sim *sim, struct hs_outdir *o, double wall_seconds,
                             hs_error *err);

/* Checkpoints (checkpoint.h; src/world/world_checkpoint.c): the whole state of
** a run, its hosted flight process included, and runs that write one every N
** days and go on from it, ending byte for byte as a run never stopped,
** whatever the threads. hs_world_fingerprint: of what makes a run - the
** scenario as read (its file, states, groups, map, places, events, donors with
** their doctrines, a region's Flee closures, parameters), the seed, the days
** (< 0: the scenario's length) and humsec's version. hs_world_sim_load reads
** into a run just created from the same scenario and seed. */
struct hs_ckpt_writer;
struct hs_ckpt_reader;
struct hs_checkpointing;
uint64_t hs_world_fingerprint(const hs_world_scenario *sc, uint64_t seed, long days);
void hs_world_sim_save(const hs_world_sim *sim, struct hs_ckpt_writer *w);
hs_status hs_world_sim_load(hs_world_sim *sim, struct hs_ckpt_reader *r, hs_error *err);
/* hs_world_sim_run with checkpoints: with ck->resume, first load the one at
** ck->path (which must carry ck->fingerprint); after every ck->every days (but
** the last) write one there. ck NULL: exactly hs_world_sim_run. */
hs_status hs_world_run_checkpointed(hs_world_sim *sim, long days, const struct hs_checkpointing *ck,
                                    void (*progress)(void *ctx, long done, long total), void *ctx,
                                    hs_error *err);

#pragma GCC visibility pop

#endif
