/*
** person.c - each person's day, after the flight process has moved the
** displaced (docs/odd/world.md):
**   status    a displaced person is displaced, a refugee or in a camp by
**             where they now stand;
**   deaths    one draw against the sum of today's hazards: violence (twice
**             for the armed and the active), repression (in jail), ERW (x
**             return_factor for the returned), disease (the infected),
**             hunger (below the food threshold);
**   disease   S -> I with the place's infection and seeding chances,
**             I -> R after epi_days on average;
**   levels    each dimension moves 1/relax_days of the way to the target of
**             the person's status at the place (infected: health x 0.4);
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
** Why it is parallel and reproducible: a person's draws come from their own
** stream (seed, person, day, HS_RNG_WORLD), the first block drawn only when a
** chance is above zero; everything they read about
** places and states was fixed before the pass; they write only their own
** entries and their thread's integer sums, which add up the same in any order.
*/
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/rng.h>
#include <humsec/violence.h>
#include "world/world_internal.h"

typedef struct pass {
    hs_world_sim *sim;
    const hs_world_params *p;
    const hs_geo *w;
    hs_flight_sim *flight; /* where people are, and who moves: changed only through its calls */
    const hs_people *fp;   /* the flight process's people, read only */
    int thread;
    int64_t *acc; /* this thread's sums */
    long day;
    int update;   /* 0: count only (the census at the start) */
    int32_t rate; /* 65536 / relax_days */
    uint16_t crit[HS_DIM_COUNT];
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

/* The first block of a person's stream as four numbers in (0, 1). */
static void draw4(hs_stream *rs, double *u)
{
    for (int k = 0; k < 4; k++)
        u[k] = hs_stream_u01(rs);
}

static void die(pass *ps, size_t i, int loc, int cause, int64_t *a)
{
    world_people *pp = &ps->sim->pp;
    pp->status[i] = HS_PS_DEAD;
    pp->flags[i] &= (uint8_t)~WORLD_ACTIVE;
    hs_flight_remove(ps->flight, ps->thread, i);
    a[A_DEATHS + cause]++;
}

static void person(pass *ps, size_t i)
{
    hs_world_sim *sim = ps->sim;
    const hs_world_params *p = ps->p;
    world_people *pp = &sim->pp;
    const hs_people *fp = ps->fp;
    int loc = fp->loc[i], h = pp->home_state[i];
    int64_t *a = ps->acc + ((size_t)loc * (size_t)sim->nstates + (size_t)h) * A_COUNT;
    int st = pp->status[i];
    if (st == HS_PS_DEAD) {
        a[A_STATUS + HS_PS_DEAD]++;
        return;
    }
    uint16_t *x = pp->level + i * HS_DIM_COUNT;
    int travelling = fp->link[i] >= 0;
    int s = ps->w->loc_state[loc];
    if (ps->update && !travelling) {
        /* The four numbers of the person's first block: death, move, act,
        ** disease. Drawn only when a chance is not zero: in a calm place most
        ** people need none, and the block is most of a person's cost. */
        hs_stream rs = hs_stream_open(sim->seed, (uint32_t)i, (uint32_t)ps->day, HS_RNG_WORLD);
        double u[4] = {2.0, 2.0, 2.0, 2.0};
        int drawn = 0;
#define U(k) (drawn ? u[k] : (draw4(&rs, u), drawn = 1, u[k]))
        if (is_displaced(st)) st = pp->status[i] = (uint8_t)displaced_status(ps, loc, h);

        /* Deaths. */
        int active = (pp->flags[i] & WORLD_ACTIVE) != 0;
        double food = x[HS_DIM_FOOD] * (1.0 / WORLD_ONE);
        double hz[HS_DEATH_COUNT];
        hz[HS_DEATH_VIOLENCE] = sim->p_violence[loc] * (st == HS_PS_ARMED || active ? 2.0 : 1.0);
        hz[HS_DEATH_REPRESSION] =
            st == HS_PS_JAILED ? p->repression_lethality * sim->repression[s] : 0.0;
        hz[HS_DEATH_ERW] = sim->p_erw[loc] * (st == HS_PS_RETURNED ? p->erw_return_factor : 1.0);
        hz[HS_DEATH_DISEASE] = pp->disease[i] == WORLD_INFECTED ? sim->p_disease[loc] : 0.0;
        hz[HS_DEATH_HUNGER] = food < p->critical[HS_DIM_FOOD]
                                  ? p->hunger_lethality * (1.0 - food / p->critical[HS_DIM_FOOD])
                                  : 0.0;
        double cum = 0.0;
        for (int c = 0; c < HS_DEATH_COUNT; c++) {
            cum += hz[c];
            if (cum > 0.0 && U(0) < cum) {
                die(ps, i, loc, c, a);
                a[A_STATUS + HS_PS_DEAD]++;
                return;
            }
        }

        /* Disease. */
        if (pp->disease[i] == WORLD_SUSCEPTIBLE) {
            double pi = sim->infect[loc] + sim->seed_p[loc];
            if (pi > 0.0 && U(3) < pi) pp->disease[i] = WORLD_INFECTED;
        } else if (pp->disease[i] == WORLD_INFECTED && U(3) < 1.0 / p->epi_days) {
            pp->disease[i] = WORLD_RECOVERED;
        }

        /* Jail. */
        if (st == HS_PS_JAILED && --pp->jail[i] == 0) {
            if (loc == fp->home[i])
                st = (pp->flags[i] & WORLD_WAS_DISPLACED) ? HS_PS_RETURNED : HS_PS_HOME;
            else
                st = displaced_status(ps, loc, h);
            pp->status[i] = (uint8_t)st;
            if (is_displaced(st)) hs_flight_release(ps->flight, i);
        }

        /* Levels move towards today's targets. */
        const uint16_t *t = sim->target[loc * HS_PS_COUNT + st].level;
        for (int d = 0; d < HS_DIM_COUNT; d++) {
            int32_t goal = t[d];
            if (d == HS_DIM_HEALTH && pp->disease[i] == WORLD_INFECTED) goal = goal * 2 / 5;
            /* Livelihoods differ between neighbours: wealth in [1/2, 3/2). */
            if (d == HS_DIM_ECONOMIC) {
                goal = goal * (128 + pp->wealth[i]) / 256;
                if (goal > WORLD_ONE) goal = WORLD_ONE;
            }
            int32_t diff = goal - (int32_t)x[d];
            x[d] = (uint16_t)((int32_t)x[d] + diff * ps->rate / 65536);
        }

        /* Grievance (Epstein's G = H (1 - L), H = 1 - want). */
        double want = ((double)x[0] + x[1] + x[2]) * (1.0 / (3.0 * WORLD_ONE));
        /* The displaced hold it against the state they fled (M6: "those who
        ** forced them to flee"), the others against the state they live in. */
        int gs = is_displaced(st) || st == HS_PS_ARMED ? h : s;
        double g = hs_cv_grievance(1.0 - want, sim->legitimacy[gs]);
        double risk = pp->risk[i] * (1.0 / 255.0);
        pp->flags[i] &= (uint8_t)~WORLD_ACTIVE;

        /* M4: flight and return. */
        if (p->on[HS_M4_FLIGHT]) {
            if (st == HS_PS_HOME || st == HS_PS_RETURNED) {
                double fear = 1.0 - x[HS_DIM_PERSONAL] * (1.0 / WORLD_ONE);
                double lack =
                    1.0 - ((double)x[HS_DIM_ECONOMIC] + x[HS_DIM_FOOD]) * (0.5 / WORLD_ONE);
                double f = p->w_fear * fear + p->w_want * lack;
                /* Fear and want are weighed before grievance: who flees does not riot. */
                if (f > p->flee_threshold && U(1) < p->flee_rate * (f - p->flee_threshold) /
                                                        (1.0 - p->flee_threshold) * (0.5 + risk)) {
                    pp->status[i] = (uint8_t)(st = HS_PS_DISPLACED);
                    pp->flags[i] |= WORLD_WAS_DISPLACED;
                    hs_flight_release(ps->flight, i);
                    a[A_FLED]++;
                }
            } else if (is_displaced(st)) {
                int home = fp->home[i];
                if (sim->violence[home] < p->conflict_level &&
                    sim->target[home * HS_PS_COUNT + HS_PS_HOME].level[HS_DIM_PERSONAL] >
                        p->return_safety * WORLD_ONE &&
                    U(1) < p->return_rate) {
                    /* The journey back is not simulated. */
                    hs_flight_send_home(ps->flight, ps->thread, i);
                    loc = home;
                    a = ps->acc + ((size_t)loc * (size_t)sim->nstates + (size_t)h) * A_COUNT;
                    pp->status[i] = (uint8_t)(st = HS_PS_RETURNED);
                    hs_flight_hold(ps->flight, i);
                    a[A_RETURNED]++;
                }
            }
        }

        /* Civil violence (Epstein's rules, violence.h). */
        if (st == HS_PS_HOME || st == HS_PS_RETURNED) {
            /* G <= T cannot pass G - R P > T: most people skip the rule. */
            if (g > p->cv_threshold &&
                hs_cv_decide_active(g, risk, sim->arrest_p[loc], p->cv_threshold)) {
                if (U(2) < sim->arrest[loc]) {
                    long max = (long)((double)p->cv_max_jail * (1.0 + sim->repression[s]));
                    long term = hs_cv_jail_term(&rs, max) + 1;
                    pp->jail[i] = (uint16_t)(term > 65535 ? 65535 : term);
                    pp->status[i] = (uint8_t)(st = HS_PS_JAILED);
                    hs_flight_hold(ps->flight, i);
                    a[A_ARRESTED]++;
                } else {
                    pp->flags[i] |= WORLD_ACTIVE;
                }
            }
        }

        /* M6: recruitment in camps. */
        if (p->on[HS_M6_RECRUITMENT] && st == HS_PS_CAMP && pp->age[i] == WORLD_YOUTH &&
            g > p->m6_threshold &&
            U(2) < p->m6_rate * (g - p->m6_threshold) / (1.0 - p->m6_threshold)) {
            pp->status[i] = (uint8_t)(st = HS_PS_ARMED);
            hs_flight_hold(ps->flight, i);
            a[A_RECRUITED]++;
        }
#undef U
    }

    /* The day's sums. */
    a[A_STATUS + st]++;
    int hot = 0;
    for (int d = 0; d < HS_DIM_COUNT; d++) {
        a[A_SUM + d] += x[d];
        if (x[d] < ps->crit[d]) {
            a[A_BELOW + d]++;
            hot++;
        }
    }
    a[A_HOT + hot]++;
    uint32_t want = ((uint32_t)x[0] + x[1] + x[2]) / 3u;
    a[A_WANT] += want;
    a[A_LOGWANT] += sim->logtab[want * WORLD_LOGBINS / (WORLD_ONE + 1u)];
    a[A_GROUP + pp->group[i]]++;
    if (pp->flags[i] & WORLD_ACTIVE) a[A_ACTIVE]++;
    if (pp->disease[i] == WORLD_INFECTED) a[A_INFECTED]++;
    int sch = st == HS_PS_HOME || st == HS_PS_RETURNED ? 2 : (is_displaced(st) ? 1 : 0);
    a[A_SCHOOL] += sim->school_fix[loc] * sch / 2;
    /* G = H (1 - L) in fixed point: (ONE - want) x (ONE - L) / ONE. */
    int gs = is_displaced(st) || st == HS_PS_ARMED ? h : s;
    a[A_GRIEVANCE] += (int64_t)(WORLD_ONE - want) * sim->illegit_fix[gs] / WORLD_ONE;
}

/* Run the pass over everyone; update = 0 only counts. */
hs_status world_people_pass(hs_world_sim *sim, long day, int update, hs_error *err)
{
    int nthreads = sim->threads > 0 ? sim->threads : omp_get_max_threads();
    size_t cells = (size_t)sim->nloc * (size_t)sim->nstates * A_COUNT;
    if (nthreads > sim->nthreads_alloc) {
        int64_t *acc = realloc(sim->acc_thread, (size_t)nthreads * cells * sizeof *acc);
        if (!acc) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        sim->acc_thread = acc;
        sim->nthreads_alloc = nthreads;
    }
    memset(sim->acc_thread, 0, (size_t)nthreads * cells * sizeof *sim->acc_thread);
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
                   .day = day,
                   .update = update,
                   .rate = (int32_t)(65536.0 / sim->p->relax_days + 0.5)};
        for (int d = 0; d < HS_DIM_COUNT; d++)
            ps.crit[d] = world_fix(sim->p->critical[d]);
#pragma omp for schedule(static, 4096)
        for (long i = 0; i < n; i++)
            person(&ps, (size_t)i);
    }
    /* Merge: integer sums, so any order gives the same totals. */
    memset(sim->acc, 0, cells * sizeof *sim->acc);
    for (int t = 0; t < nthreads; t++) {
        const int64_t *src = sim->acc_thread + (size_t)t * cells;
        for (size_t k = 0; k < cells; k++)
            sim->acc[k] += src[k];
    }
    hs_flight_changes_commit(sim->flight);
    return HS_OK;
}

hs_status world_people_step(void *model, long day, hs_error *err)
{
    return world_people_pass(model, day, 1, err);
}
