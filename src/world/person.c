/*
** person.c - each person's day, after the flight process has moved the
** displaced (docs/odd/world.md):
**   status    a displaced person is displaced, a refugee or in a camp by
**             where they now stand;
**   deaths    one draw against the sum of today's hazards: violence (twice
**             for the armed and the active), repression (in jail), ERW (x
**             return_factor for the returned), disease (the infected),
**             hunger (below the food threshold), childbirth (women of
**             15-49 at home);
**   disease   S -> I with the place's infection and seeding chances,
**             I -> R after epi_days on average;
**   levels    each dimension moves 1/relax_days of the way to the target of
**             the person's status at the place (infected: health x 0.4); the
**             seven at once, in the lanes of one vector register (lanes.h);
**   M4        a person at home flees with chance rate x max(0, F - theta) /
**             (1 - theta) x (1/2 + risk aversion), F = w_fear (1 - personal)
**             + w_want (1 - (economic + food) / 2); a displaced person whose
**             home is calm goes back (return_rate a day). This comes before
**             violence: who flees does not riot;
**   violence  Epstein, for people at home: G = H (1 - L), H = 1 - want; active when
**             G - R P > T; an active is arrested with the place's chance
**             and jailed for hs_cv_jail_term days (longer under repression);
**   M6        an aggrieved youth in a camp joins an armed group;
**   sums      the day's integer sums per (place, home state).
**
** The calm path (calm.h): eight people at a time, those at home whose first
** draws take none of these rules get their levels, tests and sums in vector
** lanes; everyone else goes through the day here, one by one, after the batch's
** calm groups (a day reads and writes only the person's own entries and integer
** sums, so the order changes nothing). Both paths end a person's day the same,
** bit for bit (test_world_calm).
**
** Why it is parallel and reproducible: a person's draws come from their own
** stream (seed, person, day, HS_RNG_WORLD), the first block computed for a
** batch of people at once; everything they read about
** places and states was fixed before the pass; they write only their own
** entries and their thread's integer sums, which add up the same in any order.
** So any thread may take any batch of people, in any order.
*/
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/rng.h>
#include <humsec/violence.h>
#include "world/calm.h"
#include "world/lanes.h"
#include "world/world_internal.h"

typedef struct pass {
    hs_world_sim *sim;
    const hs_world_params *p;
    const hs_geo *w;
    hs_flight_sim *flight; /* where people are, and who moves: changed only through its calls */
    const hs_people *fp;   /* the flight process's people, read only */
    int thread;
    int64_t *acc;    /* this thread's sums */
    uint32_t *kinds; /* this thread's counts of kinds, per (place, home state) */
    long day;
    int update;      /* 0: count only (the census at the start) */
    int32_t rate;    /* 65536 / relax_days */
    double flee_max; /* the most any person's chance to flee can be (F = w_fear + w_want) */
    double recover;  /* an infected person's chance to recover today, 1 / epi_days */
    /* For unrest(): M6 on (1 or 0); the statuses (bits) whose youths M6 can take,
    ** at home below the critical livelihood and in camps; that livelihood, the
    ** least integer level not below it (x < c for an integer x is x < ceil(c)). */
    int m6_on;
    uint32_t m6_poor, m6_camp;
    int64_t econ_crit;
    /* The level sums of the (place, home state) whose people came last (cur),
    ** kept in lanes until the next person's differ or the batch ends. */
    int64_t *cur;
    world_level_acc lv;
    /* The calm people's path (calm.h), when this machine has it and today allows it. */
    int calm_on;
    world_calm calm;
} pass;

/* Status of a displaced person from where they stand. */
static int displaced_status(const pass *ps, int loc, int home_state)
{
    if (world_is_camp(ps->sim, loc)) return HS_PS_CAMP;
    return ps->w->loc_state[loc] == home_state ? HS_PS_DISPLACED : HS_PS_REFUGEE;
}

static int is_displaced(int st)
{
    return st == HS_PS_DISPLACED || st == HS_PS_REFUGEE || st == HS_PS_CAMP;
}

static void die(pass *ps, size_t i, int cause, int64_t *a)
{
    world_people *pp = &ps->sim->pp;
    pp->status[i] = HS_PS_DEAD;
    pp->flags[i] &= (uint8_t)~WORLD_ACTIVE;
    hs_flight_remove(ps->flight, ps->thread, i);
    a[A_DEATHS + cause]++;
    if (ps->day - pp->born[i] < 365L) a[A_INFANT_DEATHS]++;
}

/* A person's four numbers of the day (death, move, act, disease): the first
** block of their stream (seed, person, day, HS_RNG_WORLD), as hs_stream_u01
** gives them. The blocks of a batch of people are computed together, lane by
** lane (hs_stream_lanes): several times cheaper than one stream at a time,
** which was a fifth of the pass when each block was drawn on demand. */
typedef struct draws {
    uint32_t w[4];
} draws;

static inline double draw(const draws *d, int k)
{
    return world_u01(d->w[k]);
}

/* The person's stream after that first block, for the few who need more numbers. */
static hs_stream stream_after_block(uint64_t seed, uint32_t whole, long day)
{
    return hs_stream_open_from(seed, whole, (uint32_t)day, HS_RNG_WORLD, 1);
}

/* People whose blocks are computed together. */
#define PASS_BATCH 256

/* One person's day, the parts in order; each returns the person's status. */
typedef struct person_day {
    size_t i;
    int loc, h, s; /* where they stand, their home state, the state they are in */
    int st;        /* status */
    uint16_t *x;   /* their levels */
    int64_t *a;    /* this thread's sums for (loc, h) */
    const draws *d;
    int32_t hard; /* hardship from today's levels, once they are set (-1: not yet) */
} person_day;

static int64_t *sums_at(const pass *ps, int loc, int h)
{
    return ps->acc + ((size_t)loc * (size_t)ps->sim->nstates + (size_t)h) * A_COUNT;
}

/* Epstein's hardship H, fixed point: a person's own share h (uniform, the
** top four bits of their endowment, as Epstein draws H per citizen) of twice
** their lack - 1 - mean(economic, food, health, political): want, and the
** rights a state denies - H = min(1, 2 h lack), so that its mean is the lack
** and it spreads over people as Epstein's does. */
static inline int32_t hardship(const uint16_t *x, uint32_t endow)
{
    int32_t lack = WORLD_ONE - ((int32_t)x[0] + x[1] + x[2] + x[HS_DIM_POLITICAL]) / 4;
    int32_t h = (int32_t)(2u * (endow >> 28) + 1u); /* 2 h in 1/16 units: (2 nib + 1) / 16 */
    int32_t v = lack * h / 16;
    return v > WORLD_ONE ? WORLD_ONE : v;
}

/* Deaths: one draw against the sum of today's hazards. Returns 1 if dead. */
static int deaths(pass *ps, person_day *pd)
{
    const hs_world_sim *sim = ps->sim;
    const hs_world_params *p = ps->p;
    const world_people *pp = &sim->pp;
    size_t i = pd->i;
    int loc = pd->loc, st = pd->st;
    /* Natural causes: the day drawn from the state's life table (demography.c). */
    if (ps->day >= pp->dies[i]) {
        die(ps, i, HS_DEATH_NATURAL, pd->a);
        return 1;
    }
    /* The draw above what any person here could face kills no one: most people skip the
    ** sum (the same outcome, as the partial sums below cannot exceed the bound). */
    if (draw(pd->d, 0) >= sim->p_death_max[loc]) return 0;
    int active = (pp->flags[i] & WORLD_ACTIVE) != 0;
    double food = pd->x[HS_DIM_FOOD] * (1.0 / WORLD_ONE);
    double hz[HS_DEATH_COUNT];
    hz[HS_DEATH_VIOLENCE] = sim->p_violence[loc] * (st == HS_PS_ARMED || active ? 2.0 : 1.0);
    hz[HS_DEATH_REPRESSION] =
        st == HS_PS_JAILED ? p->repression_lethality * sim->repression[pd->s] : 0.0;
    hz[HS_DEATH_ERW] = sim->p_erw[loc] * (st == HS_PS_RETURNED ? p->erw_return_factor : 1.0);
    hz[HS_DEATH_DISEASE] = pp->disease[i] == WORLD_INFECTED ? sim->p_disease[loc] : 0.0;
    hz[HS_DEATH_HUNGER] = food < p->critical[HS_DIM_FOOD]
                              ? p->hunger_lethality * (1.0 - food / p->critical[HS_DIM_FOOD])
                              : 0.0;
    /* Childbirth: a woman of 15-49 at home has a child with the chance of her state's
    ** fertility, and dies of it with the chance the place's services leave. */
    long age = ps->day - pp->born[i];
    hz[HS_DEATH_MATERNAL] = (pp->flags[i] & WORLD_FEMALE) && age >= WORLD_FERTILE_FROM * 365L &&
                                    age < WORLD_FERTILE_TO * 365L &&
                                    (st == HS_PS_HOME || st == HS_PS_RETURNED)
                                ? sim->p_maternal[loc]
                                : 0.0;
    hz[HS_DEATH_NATURAL] = 0.0;
    double cum = 0.0;
    for (int c = 0; c < HS_DEATH_COUNT; c++) {
        cum += hz[c];
        if (cum > 0.0 && draw(pd->d, 0) < cum) {
            die(ps, i, c, pd->a);
            return 1;
        }
    }
    return 0;
}

/* Disease: S -> I with the place's chances, I -> R after epi_days on average.
** Entered only by those it could change, a test without branches: a place's
** people are a mix of the three states, which the branch predictor cannot guess. */
static void disease(pass *ps, person_day *pd)
{
    const hs_world_sim *sim = ps->sim;
    uint8_t *dis = &sim->pp.disease[pd->i];
    double pi = sim->infect[pd->loc] + sim->seed_p[pd->loc];
    if (!(((*dis == WORLD_SUSCEPTIBLE) & (pi > 0.0)) | (*dis == WORLD_INFECTED))) return;
    if (*dis == WORLD_SUSCEPTIBLE) {
        if (draw(pd->d, 3) < pi) *dis = WORLD_INFECTED;
    } else if (draw(pd->d, 3) < ps->recover) {
        *dis = WORLD_RECOVERED;
    }
}

/* Jail: a term runs down; the released are at home, returned or displaced. */
static int jail(pass *ps, person_day *pd)
{
    world_people *pp = &ps->sim->pp;
    size_t i = pd->i;
    int st = pd->st;
    if (st != HS_PS_JAILED || --pp->jail[i] != 0) return st;
    if (pd->loc == ps->fp->home[i])
        st = (pp->flags[i] & WORLD_WAS_DISPLACED) ? HS_PS_RETURNED : HS_PS_HOME;
    else
        st = displaced_status(ps, pd->loc, pd->h);
    pp->status[i] = (uint8_t)st;
    if (is_displaced(st)) hs_flight_release(ps->flight, i);
    return st;
}

/* Levels move 1/relax_days of the way to today's targets. */
static void levels(const pass *ps, const person_day *pd)
{
    const world_people *pp = &ps->sim->pp;
    /* People differ: each goal is the place's target scaled by the person's endowment
    ** (world_goal, looked up in today's table of the 16 endowments). */
    const uint16_t *tab =
        ps->sim->goal_tab + ((size_t)pd->loc * HS_PS_COUNT + (size_t)pd->st) * HS_DIM_COUNT * 16;
    world_level_step(pd->x, tab, pp->endow[pd->i], pp->disease[pd->i] == WORLD_INFECTED, ps->rate);
}

/* Today's goals of every (place, status) for each endowment nibble (world_goal). */
static void goal_table(hs_world_sim *sim)
{
    size_t rows = (size_t)sim->nloc * HS_PS_COUNT;
    for (size_t r = 0; r < rows; r++) {
        uint16_t *row = sim->goal_tab + r * HS_DIM_COUNT * 16;
        for (int d = 0; d < HS_DIM_COUNT; d++)
            for (uint32_t e = 0; e < 16; e++)
                row[d * 16 + e] =
                    (uint16_t)world_goal(sim, d, sim->target[r].level[d], e << (4 * d));
    }
}

/* M4: a person at home flees from fear and want; a displaced person whose
** home is calm goes back. Fear and want are weighed before grievance: who
** flees does not riot. */
static int flight(pass *ps, person_day *pd, double risk)
{
    const hs_world_sim *sim = ps->sim;
    const hs_world_params *p = ps->p;
    world_people *pp = &ps->sim->pp;
    size_t i = pd->i;
    const uint16_t *x = pd->x;
    int st = pd->st;
    if (st == HS_PS_HOME || st == HS_PS_RETURNED) {
        /* A draw above the chance of the most afraid and most wanting cannot take them. */
        if (draw(pd->d, 1) >= ps->flee_max) return st;
        double fear = 1.0 - x[HS_DIM_PERSONAL] * (1.0 / WORLD_ONE);
        /* Want, for flight, is livelihood, food and the land (M8: a drought drives an exodus). */
        double lack =
            1.0 - ((double)x[HS_DIM_ECONOMIC] + x[HS_DIM_FOOD] + x[HS_DIM_ENVIRONMENTAL]) *
                      (1.0 / (3.0 * WORLD_ONE));
        double f = p->w_fear * fear + p->w_want * lack;
        if (f > p->flee_threshold && draw(pd->d, 1) < p->flee_rate * (f - p->flee_threshold) /
                                                          (1.0 - p->flee_threshold) *
                                                          (0.5 + risk)) {
            pp->status[i] = (uint8_t)(st = HS_PS_DISPLACED);
            pp->flags[i] |= WORLD_WAS_DISPLACED;
            hs_flight_release(ps->flight, i);
            pd->a[A_FLED]++;
        }
    } else if (is_displaced(st)) {
        int home = ps->fp->home[i];
        if (pp->flags[i] & WORLD_RETURNING) {
            /* On the way home: arrived, or the planned hops ended short of it. */
            if (pd->loc == home) {
                pp->status[i] = (uint8_t)(st = HS_PS_RETURNED);
                pp->flags[i] &= (uint8_t)~WORLD_RETURNING;
                hs_flight_hold(ps->flight, i);
                pd->a[A_RETURNED]++;
            } else if (!(ps->fp->status[i] & HS_PERSON_HAS_ROUTE)) {
                hs_flight_send_toward(ps->flight, i, home);
            }
        } else if (sim->violence[home] < p->conflict_level &&
                   sim->target[home * HS_PS_COUNT + HS_PS_HOME].level[HS_DIM_PERSONAL] >
                       p->return_safety * WORLD_ONE &&
                   draw(pd->d, 1) < p->return_rate) {
            /* Home is calm: the journey back, along the routes, by the flight process. */
            if (hs_flight_send_toward(ps->flight, i, home) == 0) pp->flags[i] |= WORLD_RETURNING;
        }
    }
    return st;
}

/* Civil violence (Epstein's rules, violence.h) for people at home: willing
** when G - R P > T; a willing person takes to the streets on a given day with
** chance `participation` (protest is episodic: people riot on some days, not
** every day - a modelling choice that Epstein's lattice, where an agent is
** active every step its rule says so, does not make); an active is arrested
** with the place's chance and jailed (longer under repression). */
static int rebellion(pass *ps, person_day *pd, double g, double risk)
{
    const hs_world_sim *sim = ps->sim;
    const hs_world_params *p = ps->p;
    world_people *pp = &ps->sim->pp;
    size_t i = pd->i;
    int st = pd->st;
    /* G <= T cannot pass G - R P > T: most people skip the rule. */
    if ((st != HS_PS_HOME && st != HS_PS_RETURNED) || !(g > p->cv_threshold) ||
        !hs_cv_decide_active(g, risk, sim->arrest_p[pd->loc], p->cv_threshold))
        return st;
    double arrest = draw(pd->d, 2); /* the first block, before the stream's next words */
    hs_stream rs = stream_after_block(sim->seed, hs_flight_sim_index(ps->flight, i), ps->day);
    if (p->cv_participation < 1.0 && !(hs_stream_u01(&rs) < p->cv_participation)) return st;
    if (arrest < sim->arrest[pd->loc]) {
        long max = (long)((double)p->cv_max_jail * (1.0 + sim->repression[pd->s]));
        long term = hs_cv_jail_term(&rs, max) + 1;
        pp->jail[i] = (uint16_t)(term > 65535 ? 65535 : term);
        pp->status[i] = (uint8_t)(st = HS_PS_JAILED);
        hs_flight_hold(ps->flight, i);
        pd->a[A_ARRESTED]++;
    } else {
        pp->flags[i] |= WORLD_ACTIVE;
    }
    return st;
}

/* M6: an aggrieved youth in a camp joins an armed group. */
static int recruitment(pass *ps, person_day *pd, double g)
{
    const hs_world_params *p = ps->p;
    world_people *pp = &ps->sim->pp;
    int st = pd->st;
    if (!p->on[HS_M6_RECRUITMENT]) return st;
    if (st == HS_PS_ARMED) {
        /* Back among the displaced where they stand: demobilised (DDR where donors fund it, M14) or
         * deserting. */
        double u = draw(pd->d, 2);
        if (u < p->m6_leave + ps->sim->p_ddr[pd->loc]) {
            st = pp->status[pd->i] = (uint8_t)displaced_status(ps, pd->loc, pd->h);
            pp->flags[pd->i] |= WORLD_WAS_DISPLACED;
            hs_flight_release(ps->flight, pd->i);
            pd->a[A_LEFT_ARMED]++;
            /* Demobilised by DDR (the part of the chance the donors buy): reintegration
            ** support lifts their livelihood to `reintegration` x what people at home
            ** have here (one-off; it then relaxes as any level does). */
            if (u >= p->m6_leave) {
                int32_t support = (int32_t)(p->aid_reintegration *
                                            ps->sim->target[pd->loc * HS_PS_COUNT + HS_PS_HOME]
                                                .level[HS_DIM_ECONOMIC]);
                if (pd->x[HS_DIM_ECONOMIC] < support) pd->x[HS_DIM_ECONOMIC] = (uint16_t)support;
            }
        }
        return st;
    }
    long age = ps->day - pp->born[pd->i];
    if (age < WORLD_YOUTH_FROM * 365L || age >= WORLD_YOUTH_TO * 365L || !(g > p->m6_threshold))
        return st;
    /* In camps, and at home where a youth's livelihood is below the critical level (seed
    ** 003's disaffected youth of the inner cities), at a lower rate. */
    double rate = st == HS_PS_CAMP ? p->m6_rate : 0.0;
    if ((st == HS_PS_HOME || st == HS_PS_RETURNED) &&
        pd->x[HS_DIM_ECONOMIC] < p->critical[HS_DIM_ECONOMIC] * WORLD_ONE)
        rate = p->m6_home;
    if (!(rate > 0.0)) return st;
    /* A youth without a community to hold them is the easier recruit (x 2 (1 - community)). */
    double loose = 2.0 * (1.0 - pd->x[HS_DIM_COMMUNITY] * (1.0 / WORLD_ONE));
    if (draw(pd->d, 2) < rate * loose * (g - p->m6_threshold) / (1.0 - p->m6_threshold)) {
        pp->status[pd->i] = (uint8_t)(st = HS_PS_ARMED);
        hs_flight_hold(ps->flight, pd->i);
        pd->a[A_RECRUITED]++;
    }
    return st;
}

/* Rebellion, then recruitment, each entered only by those its rule could take:
** the tests that say so are computed without branches (each is a coin toss
** across a place's people, which mispredicted branches made a large part of the
** pass), then each rule tests again in full. */
static int unrest(pass *ps, person_day *pd, double g, double risk)
{
    const hs_world_params *p = ps->p;
    int st = pd->st;
    int willing = ((st == HS_PS_HOME) | (st == HS_PS_RETURNED)) & (g > p->cv_threshold) &
                  (g - risk * ps->sim->arrest_p[pd->loc] > p->cv_threshold);
    if (willing) st = pd->st = rebellion(ps, pd, g, risk);
    long age = ps->day - ps->sim->pp.born[pd->i];
    int youth = (age >= WORLD_YOUTH_FROM * 365L) & (age < WORLD_YOUTH_TO * 365L);
    /* A youth's rate is above 0 in camps, and at home below the critical livelihood. */
    int poor = (int)((ps->m6_poor >> st) & 1u) & (pd->x[HS_DIM_ECONOMIC] < ps->econ_crit);
    int camp = (int)((ps->m6_camp >> st) & 1u);
    int candidate =
        ps->m6_on & ((st == HS_PS_ARMED) | (youth & (g > p->m6_threshold) & (poor | camp)));
    return candidate ? recruitment(ps, pd, g) : st;
}

/* The grievance's state: the displaced hold it against the state they fled
** (M6: "those who forced them to flee"), the others against the state they
** live in. */
static int grievance_state(const person_day *pd)
{
    return is_displaced(pd->st) || pd->st == HS_PS_ARMED ? pd->h : pd->s;
}

/* A standing person's decisions of the day, after the flight process moved. */
static int decide(pass *ps, person_day *pd)
{
    const hs_world_sim *sim = ps->sim;
    world_people *pp = &ps->sim->pp;
    size_t i = pd->i;
    if (is_displaced(pd->st))
        pd->st = pp->status[i] = (uint8_t)displaced_status(ps, pd->loc, pd->h);
    if (deaths(ps, pd)) return HS_PS_DEAD;
    disease(ps, pd);
    pd->st = jail(ps, pd);
    levels(ps, pd);
    /* Grievance (Epstein's G = H (1 - L)). */
    pd->hard = hardship(pd->x, pp->endow[i]);
    double g = hs_cv_grievance(pd->hard * (1.0 / WORLD_ONE), sim->legitimacy[grievance_state(pd)]);
    double risk = pp->risk[i] * (1.0 / 255.0);
    pp->flags[i] &= (uint8_t)~WORLD_ACTIVE;
    if (ps->p->on[HS_M4_FLIGHT]) pd->st = flight(ps, pd, risk);
    return unrest(ps, pd, g, risk);
}

/* Add n people of kind k at location loc to the sums a of their (place, home state). */
static void kind_sums(const hs_world_sim *sim, int loc, int k, int64_t n, int64_t *a)
{
    int infected = k & 1, active = (k >> 1) & 1, female = (k >> 2) & 1;
    int band = (k >> 3) % WORLD_KIND_BANDS, st = (k >> 3) / WORLD_KIND_BANDS;
    int at_home = st == HS_PS_HOME || st == HS_PS_RETURNED, away = is_displaced(st);
    int working = band >= 1 && band <= 3, fertile = band == 1 || band == 2, child = band <= 1;
    a[A_STATUS + st] += n;
    a[A_ACTIVE] += n * active;
    a[A_INFECTED] += n * infected;
    a[A_ARMED_CHILD] += n * (st == HS_PS_ARMED && child);
    a[A_WORKERS] += n * (working && at_home);
    a[A_WORKERS_AWAY] += n * (working && away);
    a[A_MOTHERS] += n * (female && fertile && at_home);
    /* Each person's share of schooling is rounded as it was one by one. */
    a[A_SCHOOL] += n * (sim->school_fix[loc] * (at_home ? 2 : away) / 2);
}

/* A thread's counts of kinds into its sums. */
static void kinds_to_sums(const hs_world_sim *sim, const uint32_t *kinds, int64_t *acc)
{
    size_t cells = (size_t)sim->nloc * (size_t)sim->nstates;
    for (size_t c = 0; c < cells; c++) {
        const uint32_t *kc = kinds + c * WORLD_KINDS;
        for (int k = 0; k < WORLD_KINDS; k++)
            if (kc[k]) kind_sums(sim, (int)(c / (size_t)sim->nstates), k, kc[k], acc + c * A_COUNT);
    }
}

/* Add the level sums kept in lanes to their (place, home state)'s sums; keep
** next's (NULL: none) from now on. */
static void level_sums_flush(pass *ps, int64_t *next)
{
    if (ps->cur) world_level_acc_flush(&ps->lv, ps->cur + A_SUM, ps->cur + A_BELOW);
    ps->cur = next;
}

/* The day's integer sums for the person's (place, home state). */
static void sums(pass *ps, const person_day *pd)
{
    const hs_world_sim *sim = ps->sim;
    const world_people *pp = &sim->pp;
    const uint16_t *x = pd->x;
    int64_t *a = pd->a;
    int st = pd->st;
    /* Branch-free: levels near a threshold, ages near a band's bound and the sexes
    ** are a coin toss for the branch predictor (measured: mispredictions were a large
    ** part of the pass). */
    if (a != ps->cur) level_sums_flush(ps, a);
    a[A_HOT + world_level_acc_add(&ps->lv, x)]++;
    uint32_t want = ((uint32_t)x[0] + x[1] + x[2]) / 3u;
    a[A_WANT] += want;
    a[A_LOGWANT] += sim->logtab[want * WORLD_LOGBINS / (WORLD_ONE + 1u)];
    a[A_GROUP + pp->group[pd->i]]++;
    uint8_t flags = pp->flags[pd->i];
    long age = (ps->day < 0 ? 0 : ps->day) - pp->born[pd->i];
    size_t cell = (size_t)(a - ps->acc) / A_COUNT;
    ps->kinds[cell * WORLD_KINDS + (size_t)world_kind(st, age, (flags & WORLD_FEMALE) != 0,
                                                      (flags & WORLD_ACTIVE) != 0,
                                                      pp->disease[pd->i] == WORLD_INFECTED)]++;
    /* G = H (1 - L) in fixed point: H x (ONE - L) / ONE. */
    a[A_GRIEVANCE] += (int64_t)(pd->hard >= 0 ? pd->hard : hardship(x, pp->endow[pd->i])) *
                      sim->illegit_fix[grievance_state(pd)] / WORLD_ONE;
}

/* Out of line: inlined into batch()'s loops it made the pass slower (measured by
** perf on mali2012: a sixth more samples in the two together). */
__attribute__((noinline)) static void person(pass *ps, size_t i, const draws *d)
{
    const hs_world_sim *sim = ps->sim;
    const hs_people *fp = ps->fp;
    person_day pd;
    pd.i = i;
    pd.hard = -1;
    pd.loc = fp->loc[i];
    pd.h = sim->pp.home_state[i];
    pd.a = sums_at(ps, pd.loc, pd.h);
    pd.st = sim->pp.status[i];
    if (pd.st == HS_PS_DEAD) {
        pd.a[A_STATUS + HS_PS_DEAD]++;
        return;
    }
    pd.x = sim->pp.level + i * HS_DIM_COUNT;
    pd.s = ps->w->loc_state[pd.loc];
    if (ps->update && fp->link[i] < 0) {
        pd.d = d;
        pd.st = decide(ps, &pd);
        if (pd.st == HS_PS_DEAD) {
            pd.a[A_STATUS + HS_PS_DEAD]++;
            return;
        }
    }
    sums(ps, &pd);
}

/* A batch of people i0 .. i0 + nb - 1 with their draws (words[j][k]: person
** i0 + k's j-th): the calm ones, eight at a time, by the calm path, then the
** others one by one, in order (a person's day reads and writes only their own
** entries and integer sums, so the two may come in either order). */
static void batch(pass *ps, long i0, long nb, uint32_t words[4][PASS_BATCH])
{
    /* The displaced read their home (flight()) and the jailed their term (jail()),
    ** arrays that no one else in the batch reads: ask for their lines now rather
    ** than miss on each (measured: a tenth of the one-by-one path's time). */
    for (long q = 0; q < nb; q += 16) {
        __builtin_prefetch(ps->fp->home + i0 + q);
        __builtin_prefetch(ps->sim->pp.jail + i0 + q);
    }
    uint8_t calm[PASS_BATCH / 8];
    long groups = ps->calm_on ? nb / 8 : 0;
    if (groups > 0) {
        const uint32_t *const w[4] = {words[0], words[1], words[2], words[3]};
        world_calm_groups(&ps->calm, (size_t)i0, groups, w, calm);
    }
    for (long g = 0; g < groups; g++)
        for (unsigned b = ~(unsigned)calm[g] & 0xffu; b; b &= b - 1) {
            long k = 8 * g + __builtin_ctz(b);
            draws d = {{words[0][k], words[1][k], words[2][k], words[3][k]}};
            person(ps, (size_t)(i0 + k), &d);
        }
    for (long k = 8 * groups; k < nb; k++) {
        draws d = {{words[0][k], words[1][k], words[2][k], words[3][k]}};
        person(ps, (size_t)(i0 + k), &d);
    }
    level_sums_flush(ps, NULL);
}

/* The most the hazards of deaths() can sum to at each place today, each term at its
** largest, in deaths()'s order (floating-point sums grow with their terms, so no
** person's sum exceeds it); a hair above, for safety, costs nothing. */
static void death_bounds(hs_world_sim *sim)
{
    const hs_world_params *p = sim->p;
    const hs_geo *w = &sim->sc->geo;
    for (int l = 0; l < sim->nloc; l++) {
        double b = sim->p_violence[l] * 2.0;
        b += p->repression_lethality * sim->repression[w->loc_state[l]];
        b += sim->p_erw[l] * fmax(1.0, p->erw_return_factor);
        b += sim->p_disease[l];
        b += p->hunger_lethality;
        b += sim->p_maternal[l];
        sim->p_death_max[l] = b * (1.0 + 1e-9);
    }
}

/* The most flight()'s chance can be: F at its largest (fear and lack 1), risk
** aversion 1; a hair above, for safety. */
static double flee_bound(const hs_world_params *p)
{
    double f = p->w_fear + p->w_want;
    if (!(f > p->flee_threshold)) return 0.0;
    return p->flee_rate * (f - p->flee_threshold) / (1.0 - p->flee_threshold) * 1.5 * (1.0 + 1e-9);
}

/* Run the pass over everyone; update = 0 only counts. */
hs_status world_people_pass(hs_world_sim *sim, long day, int update, hs_error *err)
{
    death_bounds(sim);
    if (update) goal_table(sim);
    int nthreads = sim->threads > 0 ? sim->threads : omp_get_max_threads();
    size_t cells = (size_t)sim->nloc * (size_t)sim->nstates * A_COUNT;
    size_t kinds = (size_t)sim->nloc * (size_t)sim->nstates * WORLD_KINDS;
    if (nthreads > sim->nthreads_alloc) {
        int64_t *acc = realloc(sim->acc_thread, (size_t)nthreads * cells * sizeof *acc);
        if (acc) sim->acc_thread = acc;
        uint32_t *kc = realloc(sim->kinds_thread, (size_t)nthreads * kinds * sizeof *kc);
        if (kc) sim->kinds_thread = kc;
        if (!acc || !kc) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        sim->nthreads_alloc = nthreads;
    }
    memset(sim->acc_thread, 0, (size_t)nthreads * cells * sizeof *sim->acc_thread);
    memset(sim->kinds_thread, 0, (size_t)nthreads * kinds * sizeof *sim->kinds_thread);
    hs_status st = hs_flight_changes_begin(sim->flight, nthreads, err);
    if (st != HS_OK) return st;
    long n = (long)sim->pp.n;
#pragma omp parallel num_threads(nthreads)
    {
        int t = omp_get_thread_num();
        pass ps = {.sim = sim,
                   .p = sim->p,
                   .w = &sim->sc->geo,
                   .flight = sim->flight,
                   .fp = hs_flight_sim_people(sim->flight),
                   .thread = t,
                   .acc = sim->acc_thread + (size_t)t * cells,
                   .kinds = sim->kinds_thread + (size_t)t * kinds,
                   .day = day,
                   .update = update,
                   .rate = (int32_t)(65536.0 / sim->p->relax_days + 0.5),
                   .flee_max = flee_bound(sim->p),
                   .recover = 1.0 / sim->p->epi_days,
                   .m6_on = sim->p->on[HS_M6_RECRUITMENT] != 0,
                   .m6_poor = sim->p->m6_home > 0.0 ? 1u << HS_PS_HOME | 1u << HS_PS_RETURNED : 0u,
                   .m6_camp = sim->p->m6_rate > 0.0 ? 1u << HS_PS_CAMP : 0u,
                   .econ_crit = (int64_t)ceil(sim->p->critical[HS_DIM_ECONOMIC] * WORLD_ONE)};
        uint16_t crit[HS_DIM_COUNT]; /* the critical levels, for the level sums' counts */
        for (int d = 0; d < HS_DIM_COUNT; d++)
            crit[d] = world_fix(sim->p->critical[d]);
        world_level_acc_init(&ps.lv, crit);
        ps.calm_on = update && !sim->calm_off && world_calm_available() &&
                     world_calm_init(&ps.calm, sim, day, ps.rate, ps.flee_max, ps.acc, ps.kinds);
        uint32_t ids[PASS_BATCH], words[4][PASS_BATCH];
        uint32_t *const wp[4] = {words[0], words[1], words[2], words[3]};
        long batches = (n + PASS_BATCH - 1) / PASS_BATCH;
        /* Dynamic: batches differ in cost (the displaced, the jailed, places at war), and
        ** which thread takes a batch changes no result (see the top of this file). */
#pragma omp for schedule(dynamic, 16)
        for (long b = 0; b < batches; b++) {
            long i0 = b * PASS_BATCH, nb = n - i0 < PASS_BATCH ? n - i0 : PASS_BATCH;
            if (update) {
                hs_flight_sim_indices(sim->flight, (size_t)i0, (size_t)nb, ids);
                hs_stream_lanes(sim->seed, ids, nb, (uint32_t)day, HS_RNG_WORLD, 0, wp);
            }
            batch(&ps, i0, nb, words);
        }
        if (ps.calm_on) world_calm_flush(&ps.calm);
        kinds_to_sums(sim, ps.kinds, ps.acc);
#pragma omp atomic
        sim->calm_days += ps.calm_on ? ps.calm.days : 0;
    }
    /* Merge: integer sums, so any order gives the same totals. */
    memset(sim->acc, 0, cells * sizeof *sim->acc);
    for (int t = 0; t < nthreads; t++) {
        const int64_t *src = sim->acc_thread + (size_t)t * cells;
        for (size_t k = 0; k < cells; k++)
            sim->acc[k] += src[k];
    }
    /* Over ranks: every rank's sums, so that each holds the whole world's. */
    st = hs_ranks_sum_i64(sim->ranks, sim->acc, cells, err);
    hs_flight_changes_commit(sim->flight);
    return st;
}

hs_status world_people_step(void *model, long day, hs_error *err)
{
    return world_people_pass(model, day, 1, err);
}
