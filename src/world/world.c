/*
** world.c - one run of the human security world: building it (people,
** the flight process on the scenario's map, baselines), its daily schedule
** and its record.
**
** Flight is the flight process itself (src/flight/), hosted through its
** narrow interface (flight.h, "A flight run hosted by another model") on a
** case that borrows the scenario's map: every person is also a person of the
** flight process (same index); those who have not fled are held, so that
** only the displaced move; conflict at a place is what this model computes
** (hs_flight_set_conflict); border closures are its closures.
*/
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/rng.h>
#include "world/world_internal.h"

static hs_status nomem(hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

/* The flight process's case: the scenario's map (borrowed, not copied), its
** people and camp capacities, no spawning of its own. */
static hs_status build_flight_case(hs_world_sim *sim, hs_error *err)
{
    const hs_world_scenario *sc = sim->sc;
    hs_flight_case *c = &sim->fcase;
    memset(c, 0, sizeof *c);
    c->geo = &sc->geo;
    size_t n = (size_t)sc->geo.nloc;
    c->name = strdup(sc->name);
    c->population = calloc(n, sizeof(double));
    c->capacity = calloc(n, sizeof(double));
    c->intensity = calloc(n, sizeof(double));
    c->conflict_day0 = calloc(n, 1);
    c->conflict_date = calloc(n, sizeof(long));
    c->initial = calloc(n, sizeof(double));
    if (!c->name || !c->population || !c->capacity || !c->intensity || !c->conflict_day0 ||
        !c->conflict_date || !c->initial)
        return nomem(err);
    for (size_t i = 0; i < n; i++) {
        c->population[i] = sc->people[i];
        c->capacity[i] = sc->capacity[i] > 0 ? sc->capacity[i] : -1.0;
        c->intensity[i] = 1.0;
        c->conflict_date[i] = -1;
    }
    c->start_date = sc->start_date;
    c->days = sc->days;
    c->home_state = 0;
    int nclose = 0;
    for (int k = 0; k < sc->nevents; k++)
        nclose += sc->events[k].type == HS_EV_BORDER_CLOSURE;
    c->closures = calloc((size_t)(nclose + sc->nflee_closures) + 1, sizeof *c->closures);
    if (!c->closures) return nomem(err);
    for (int k = 0; k < sc->nflee_closures; k++)
        c->closures[c->nclosures++] = sc->flee_closures[k];
    for (int k = 0; k < sc->nevents; k++) {
        const hs_world_event *e = &sc->events[k];
        if (e->type != HS_EV_BORDER_CLOSURE) continue;
        c->closures[c->nclosures++] =
            (hs_closure){HS_CLOSE_COUNTRY, e->state, e->state_b, e->start, e->end, e->line};
    }
    /* Flee's rules with the scenario's speed, weights and awareness. */
    hs_flight_settings *fs = &sim->fset;
    hs_flight_settings_default(fs);
    fs->spawn_mode = HS_SPAWN_CONSTANT;
    fs->displaced_per_conflict_day = 0.0;
    fs->max_move_speed = sim->p->move_speed;
    fs->camp_weight = sim->p->camp_weight;
    fs->conflict_weight = sim->p->conflict_weight;
    fs->awareness_level = sim->p->awareness;
    fs->avoid_short_stints = 1;
    return HS_OK;
}

/* Each state's demography, and how endowments scale targets. */
static hs_status init_people_traits(hs_world_sim *sim, hs_error *err)
{
    const hs_world_params *p = sim->p;
    sim->demog = calloc((size_t)sim->nstates, sizeof *sim->demog);
    if (!sim->demog) return nomem(err);
    for (int s = 0; s < sim->nstates; s++) {
        const hs_world_state *st = &sim->sc->states[s];
        double e0 = st->life_expectancy > 0 ? st->life_expectancy : p->life_expectancy;
        double b = st->birth_rate > 0 ? st->birth_rate : p->birth_rate;
        hs_status r = world_demog_init(&sim->demog[s], e0, b, p->gompertz_slope, st->name, err);
        if (r != HS_OK) return r;
    }
    for (int d = 0; d < HS_DIM_COUNT; d++) {
        double spread = d == HS_DIM_ECONOMIC ? p->spread_economic : p->spread;
        for (int e = 0; e < 16; e++)
            sim->endow_mult[d][e] = (int32_t)lround(65536.0 * (1.0 + spread * (e - 7.5) / 15.0));
    }
    return HS_OK;
}

/* Split n people among groups by shares, largest remainders first. */
static void split_groups(const double *share, int ngroups, long n, long *out)
{
    long given = 0;
    double rem[HS_WORLD_MAX_GROUPS];
    for (int g = 0; g < ngroups; g++) {
        double x = share[g] * (double)n;
        out[g] = (long)floor(x);
        rem[g] = x - (double)out[g];
        given += out[g];
    }
    while (given < n) {
        int best = 0;
        for (int g = 1; g < ngroups; g++)
            if (rem[g] > rem[best]) best = g;
        out[best]++;
        rem[best] = -1.0;
        given++;
    }
}

/* Set-up loops over at least this many people run on OpenMP's threads. */
#define SETUP_PARALLEL 65536

#define GROW(field)                                                                                \
    do {                                                                                           \
        void *q_ = realloc(pp->field, (cap + 1) * sizeof *pp->field);                              \
        if (!q_) return nomem(err);                                                                \
        pp->field = q_;                                                                            \
    } while (0)

hs_status world_people_reserve(hs_world_sim *sim, size_t cap, hs_error *err)
{
    world_people *pp = &sim->pp;
    if (cap <= pp->cap && pp->level) return HS_OK;
    void *q = realloc(pp->level, (cap + 1) * HS_DIM_COUNT * sizeof *pp->level);
    if (!q)
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, "people",
                            "out of memory for %zu people (about %.1f GB): run fewer, or a "
                            "machine with more memory",
                            cap, (double)cap * (double)hs_world_sim_person_bytes(sim) / 1e9);
    pp->level = q;
    /* Levels are read by the first census before anyone's are set. Cleared in
    ** parallel: the first write to each page is most of the cost. */
    size_t from = pp->cap * HS_DIM_COUNT, count = (cap + 1 - pp->cap) * HS_DIM_COUNT;
    long pieces = (long)(count / SETUP_PARALLEL) + 1;
#pragma omp parallel for schedule(static) if (pieces > 1)
    for (long k = 0; k < pieces; k++) {
        size_t a = count * (size_t)k / (size_t)pieces, b = count * (size_t)(k + 1) / (size_t)pieces;
        memset(pp->level + from + a, 0, (b - a) * sizeof *pp->level);
    }
    GROW(status);
    GROW(group);
    GROW(born);
    GROW(dies);
    GROW(endow);
    GROW(risk);
    GROW(disease);
    GROW(flags);
    GROW(jail);
    GROW(home_state);
    pp->cap = cap;
    return hs_flight_reserve(sim->flight, cap + 1, err);
}
#undef GROW

void world_person_init(hs_world_sim *sim, size_t i, int group, int status, int home_state,
                       long today, int newborn)
{
    world_people *pp = &sim->pp;
    /* Initial draws: day UINT32_MAX never meets a simulated day. */
    hs_stream rs =
        hs_stream_open(sim->seed, hs_flight_sim_index(sim->flight, i), UINT32_MAX, HS_RNG_WORLD);
    const world_demog *d = &sim->demog[home_state];
    double u = hs_stream_u01(&rs), v = hs_stream_u01(&rs), w = hs_stream_u01(&rs);
    long age = newborn ? 0 : world_demog_age(d, u, v);
    pp->born[i] = (int32_t)(today - age);
    pp->dies[i] = (int32_t)world_demog_death_day(d, age, today, w);
    pp->risk[i] = (uint8_t)(hs_stream_u32(&rs) >> 24);
    pp->endow[i] = hs_stream_u32(&rs);
    pp->flags[i] = (hs_stream_u32(&rs) >> 31) ? WORLD_FEMALE : 0;
    pp->group[i] = (uint8_t)group;
    pp->status[i] = (uint8_t)status;
    pp->home_state[i] = (uint8_t)home_state;
    pp->disease[i] = WORLD_SUSCEPTIBLE;
    pp->jail[i] = 0;
}

void world_person_settle(hs_world_sim *sim, size_t i, int loc)
{
    world_people *pp = &sim->pp;
    const uint16_t *t = sim->target[(size_t)loc * HS_PS_COUNT + pp->status[i]].level;
    for (int d = 0; d < HS_DIM_COUNT; d++)
        pp->level[i * HS_DIM_COUNT + (size_t)d] = (uint16_t)world_goal(sim, d, t[d], pp->endow[i]);
}

static hs_status add_people(hs_world_sim *sim, hs_error *err)
{
    const hs_world_scenario *sc = sim->sc;
    size_t total = 0;
    for (int l = 0; l < sim->nloc; l++)
        total += (size_t)sc->people[l];
    world_people *pp = &sim->pp;
    /* Room for this rank's share (all on one process), and for births. */
    size_t share = hs_flight_sim_share(sim->flight, total);
    hs_status st = world_people_reserve(sim, share + share / 8 + 1024, err);
    if (st != HS_OK) return st;
    size_t everyone = 0; /* people of the whole run added so far */
    for (int l = 0; l < sim->nloc; l++) {
        long n = (long)sc->people[l];
        if (n <= 0) continue;
        int s = sc->geo.loc_state[l];
        int camp = sc->geo.loc_type[l] == HS_LOC_CAMP || sc->geo.loc_type[l] == HS_LOC_IDPCAMP;
        size_t first, mine;
        /* People in camps are displaced already: the flight process moves them. */
        st = hs_flight_add_people(sim->flight, (size_t)n, l, !camp, &first, &mine, err);
        if (st != HS_OK) return st;
        long by_group[HS_WORLD_MAX_GROUPS] = {0};
        double one[HS_WORLD_MAX_GROUPS] = {0};
        if (sc->group[l] >= 0) one[sc->group[l]] = 1.0;
        const double *given =
            sc->people_by_group ? sc->people_by_group + (size_t)l * HS_WORLD_MAX_GROUPS : NULL;
        if (given && given[0] >= 0.0)
            for (int g = 0; g < sc->ngroups; g++)
                by_group[g] = (long)given[g];
        else
            split_groups(sc->group[l] >= 0 ? one : sc->states[s].group_share, sc->ngroups, n,
                         by_group);
        /* The place's people of the whole run in group order; this rank's by
        ** their place among them. */
        uint32_t whole0 = (uint32_t)everyone;
        /* Each person's traits come from their own stream: any thread may draw them
        ** (set-up was a tenth of mali2012's run, alone on one thread). */
#pragma omp parallel for schedule(static) if (mine >= SETUP_PARALLEL)
        for (size_t i = first; i < first + mine; i++) {
            long at = (long)(hs_flight_sim_index(sim->flight, i) - whole0);
            int g = 0;
            while (g + 1 < sc->ngroups && at >= by_group[g])
                at -= by_group[g++];
            world_person_init(sim, i, g, camp ? HS_PS_CAMP : HS_PS_HOME, s, -1, 0);
        }
        everyone += (size_t)n;
    }
    pp->n = hs_flight_sim_people(sim->flight)->n;
    sim->initial_people = (long)total;
    return HS_OK;
}

static hs_status alloc_arrays(hs_world_sim *sim, hs_error *err)
{
    size_t nl = (size_t)sim->nloc, ns = (size_t)sim->nstates;
    double **loc[] = {&sim->ref_people, &sim->violence,   &sim->ext_conflict, &sim->drought,
                      &sim->seed_n,     &sim->infra,      &sim->erw,          &sim->provision,
                      &sim->tension,    &sim->arrest,     &sim->arrest_p,     &sim->infect,
                      &sim->seed_p,     &sim->p_violence, &sim->p_erw,        &sim->p_disease,
                      &sim->school,     &sim->p_maternal, &sim->degraded,     &sim->funded,
                      &sim->p_death_max};
    for (size_t k = 0; k < sizeof loc / sizeof *loc; k++)
        if (!(*loc[k] = calloc(nl + 1, sizeof(double)))) return nomem(err);
    double **st[] = {&sim->economy,   &sim->econ_mult,  &sim->budget,     &sim->military,
                     &sim->military0, &sim->repression, &sim->legitimacy, &sim->cohesion,
                     &sim->threat,    &sim->want0,      &sim->atkinson0,  &sim->weakness0,
                     &sim->dev0,      &sim->atkinson,   &sim->pop,        &sim->want,
                     &sim->unrest,    &sim->external0,  &sim->weak_prev,  &sim->rep_floor,
                     &sim->labour,    &sim->labour0,    &sim->natpop0,    &sim->output,
                     &sim->natpop,    &sim->stock,      &sim->stock0,     &sim->assure};
    for (size_t k = 0; k < sizeof st / sizeof *st; k++)
        if (!(*st[k] = calloc(ns + 1, sizeof(double)))) return nomem(err);
    sim->war = calloc(ns + 1, sizeof *sim->war);
    sim->faces = calloc(nl + 1, sizeof *sim->faces);
    sim->born = calloc(nl + 1, sizeof *sim->born);
    sim->gsl = hs_stream_gsl_alloc();
    sim->school_fix = calloc(nl + 1, sizeof *sim->school_fix);
    sim->majority = calloc(nl + 1, sizeof *sim->majority);
    sim->neighbour = calloc(ns * ns + 1, 1);
    sim->target = calloc(nl * HS_PS_COUNT + 1, sizeof *sim->target);
    sim->acc = calloc(nl * ns * A_COUNT + 1, sizeof *sim->acc);
    sim->goal_tab = malloc((nl * HS_PS_COUNT * HS_DIM_COUNT * 16 + 1) * sizeof *sim->goal_tab);
    if (!sim->war || !sim->faces || !sim->born || !sim->gsl || !sim->school_fix || !sim->majority ||
        !sim->neighbour || !sim->target || !sim->acc || !sim->goal_tab)
        return nomem(err);
    return HS_OK;
}

void hs_world_sim_free(hs_world_sim *sim)
{
    if (!sim) return;
    hs_flight_sim_free(sim->flight);
    hs_flight_case_free(&sim->fcase);
    world_people *pp = &sim->pp;
    free(pp->level);
    free(pp->status);
    free(pp->group);
    free(pp->born);
    free(pp->dies);
    free(pp->endow);
    free(pp->risk);
    free(pp->disease);
    free(pp->flags);
    free(pp->jail);
    free(pp->home_state);
    double *arrays[] = {
        sim->ref_people, sim->violence,  sim->ext_conflict, sim->drought,    sim->seed_n,
        sim->infra,      sim->erw,       sim->provision,    sim->tension,    sim->arrest,
        sim->arrest_p,   sim->infect,    sim->seed_p,       sim->p_violence, sim->p_erw,
        sim->p_disease,  sim->school,    sim->economy,      sim->econ_mult,  sim->budget,
        sim->military,   sim->military0, sim->repression,   sim->legitimacy, sim->cohesion,
        sim->threat,     sim->want0,     sim->atkinson0,    sim->weakness0,  sim->dev0,
        sim->atkinson,   sim->pop,       sim->want,         sim->unrest,     sim->external0,
        sim->weak_prev,  sim->rep_floor, sim->labour,       sim->labour0,    sim->natpop0,
        sim->output,     sim->natpop,    sim->stock,        sim->stock0,     sim->assure,
        sim->p_maternal, sim->degraded,  sim->funded,       sim->p_death_max};
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++)
        free(arrays[k]);
    free(sim->war);
    world_aid_free(sim);
    free(sim->faces);
    free(sim->born);
    if (sim->gsl) gsl_rng_free(sim->gsl);
    free(sim->school_fix);
    free(sim->majority);
    free(sim->neighbour);
    free(sim->target);
    free(sim->goal_tab);
    free(sim->acc);
    free(sim->acc_thread);
    free(sim->kinds_thread);
    free(sim->rec);
    free(sim->demog);
    free(sim);
}

/* The flight process's day, as a step of this model's schedule. */
static hs_status movement_step(void *flight, long day, hs_error *err)
{
    return hs_flight_move_day(flight, day, err);
}

/* The day, in order; each step runs on its own process. */
static hs_status add_schedule(hs_world_sim *sim, hs_error *err)
{
    const struct {
        const char *name;
        hs_process_fn fn;
        void *ctx;
    } day[] = {{"events", world_events_step, sim},
               {"states", world_states_step, sim},
               {"aid", world_aid_step, sim},
               {"places", world_places_step, sim},
               {"movement", movement_step, sim->flight},
               {"people", world_people_step, sim},
               {"births", world_births_step, sim},
               {"record", world_record_step, sim}};
    hs_schedule_init(&sim->schedule);
    hs_status st = HS_OK;
    for (size_t k = 0; k < sizeof day / sizeof *day && st == HS_OK; k++)
        st = hs_schedule_add(&sim->schedule, day[k].name, day[k].fn, day[k].ctx, err);
    return st;
}

hs_status hs_world_sim_create(hs_world_sim **out, const hs_world_scenario *sc, uint64_t seed,
                              hs_error *err)
{
    return hs_world_sim_create_ranks(out, sc, seed, NULL, err);
}

hs_status hs_world_sim_create_ranks(hs_world_sim **out, const hs_world_scenario *sc, uint64_t seed,
                                    hs_ranks *r, hs_error *err)
{
    *out = NULL;
    hs_world_sim *sim = calloc(1, sizeof *sim);
    if (!sim) return nomem(err);
    sim->sc = sc;
    sim->p = &sc->params;
    sim->seed = seed;
    sim->ranks = r;
    sim->nloc = sc->geo.nloc;
    sim->nstates = sc->nstates;
    hs_status st = alloc_arrays(sim, err);
    if (st == HS_OK) st = world_aid_init(sim, err);
    if (st == HS_OK) st = init_people_traits(sim, err);
    if (st == HS_OK) st = build_flight_case(sim, err);
    if (st == HS_OK)
        st = hs_flight_sim_create_ranks(&sim->flight, &sim->fcase, &sim->fset, seed, r, err);
    if (st == HS_OK) st = add_people(sim, err);
    if (st != HS_OK) {
        hs_world_sim_free(sim);
        return st;
    }
    const hs_geo *w = &sc->geo;
    for (int l = 0; l < sim->nloc; l++) {
        double ref = sc->people[l] > sc->capacity[l] ? sc->people[l] : sc->capacity[l];
        sim->ref_people[l] = ref > 1.0 ? ref : 1.0;
        sim->infra[l] = 1.0;
        sim->erw[l] = sc->erw[l];
        /* The place's group: its own, else its state's largest. */
        const double *share = sc->states[w->loc_state[l]].group_share;
        int g = sc->group[l];
        if (g < 0) {
            g = 0;
            for (int k = 1; k < sc->ngroups; k++)
                if (share[k] > share[g]) g = k;
        }
        sim->majority[l] = g;
    }
    for (int l = 0; l < w->nlinks; l++) {
        int a = w->loc_state[w->link_from[l]], b = w->loc_state[w->link_to[l]];
        if (a == b) continue;
        sim->neighbour[a * sim->nstates + b] = 1;
        sim->faces[w->link_from[l]] |= (uint16_t)(1u << b);
    }
    /* log(want) in 2^-24 units per bin (bin centres; the lowest bin counts as 1/2048). */
    for (int k = 0; k < WORLD_LOGBINS; k++)
        sim->logtab[k] = llround(log((k + 0.5) / WORLD_LOGBINS) * 16777216.0);

    /* Start: count people, set states, read places, put everyone at their
    ** targets, count again and take the baselines. */
    st = world_people_pass(sim, -1, 0, err);
    if (st == HS_OK) {
        world_states_init(sim);
        st = world_places_step(sim, -1, err);
    }
    /* Twice: the second reading of the places sees the settled people (their
    ** community security feeds tension, M5). */
    for (int round = 0; round < 2 && st == HS_OK; round++) {
        if (round == 1) st = world_places_step(sim, -1, err);
        if (st != HS_OK) break;
        const hs_people *fp = hs_flight_sim_people(sim->flight);
        for (size_t i = 0; i < sim->pp.n; i++)
            world_person_settle(sim, i, fp->loc[i]);
        sim->settled = 1;
        st = world_people_pass(sim, -1, 0, err);
    }
    if (st == HS_OK) world_states_baseline(sim);

    if (st == HS_OK) st = add_schedule(sim, err);
    if (st != HS_OK) {
        hs_world_sim_free(sim);
        return st;
    }
    *out = sim;
    return HS_OK;
}

void hs_world_sim_set_threads(hs_world_sim *sim, int threads)
{
    sim->threads = threads;
    hs_flight_sim_set_threads(sim->flight, threads);
}

hs_status hs_world_sim_step(hs_world_sim *sim, hs_error *err)
{
    size_t per_day = (size_t)(sim->nloc + 2 * sim->nstates);
    if (sim->day >= sim->cap_days) {
        long cap = sim->cap_days ? 2 * sim->cap_days : (sim->sc->days > 0 ? sim->sc->days : 64);
        while (cap <= sim->day)
            cap *= 2;
        hs_world_record *r = realloc(sim->rec, (size_t)cap * per_day * sizeof *r);
        if (!r) return nomem(err);
        sim->rec = r;
        sim->cap_days = cap;
    }
    hs_status st = hs_schedule_run_day(&sim->schedule, sim->day, err);
    if (st == HS_OK) sim->day++;
    return st;
}

hs_status hs_world_sim_run(hs_world_sim *sim, long days,
                           void (*progress)(void *ctx, long done, long total), void *ctx,
                           hs_error *err)
{
    return hs_world_run_checkpointed(sim, days, NULL, progress, ctx, err); /* without any */
}

long hs_world_sim_days(const hs_world_sim *sim)
{
    return sim->day;
}
long hs_world_sim_initial_people(const hs_world_sim *sim)
{
    return sim->initial_people;
}
long hs_world_sim_births(const hs_world_sim *sim)
{
    return sim->births;
}
double hs_world_sim_agent_days(const hs_world_sim *sim)
{
    return sim->agent_days;
}
size_t hs_world_sim_people(const hs_world_sim *sim)
{
    return sim->pp.n;
}

size_t hs_world_sim_person_bytes(const hs_world_sim *sim)
{
    (void)sim;
    return WORLD_PERSON_BYTES + HS_PEOPLE_BYTES_PER_PERSON;
}

double hs_world_sim_level(const hs_world_sim *sim, size_t i, int d)
{
    return sim->pp.level[i * HS_DIM_COUNT + (size_t)d] * (1.0 / WORLD_ONE);
}

int hs_world_sim_status(const hs_world_sim *sim, size_t i)
{
    return sim->pp.status[i];
}

void hs_world_sim_where(const hs_world_sim *sim, size_t i, int *loc, int *home)
{
    const hs_people *fp = hs_flight_sim_people(sim->flight);
    *loc = fp->loc[i];
    *home = fp->home[i];
}
