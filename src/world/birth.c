/*
** birth.c - people at home have children, so that a run of years keeps
** its population: alive + dead = initial + births.
**
** Each day, each location has a Poisson number of births with mean
** fertility / 365 x the state's women aged 15-49 living at home there (at
** home or returned), the fertility that gives the state its crude birth rate
** (demography.c), drawn from the location's stream (seed, location, day,
** HS_RNG_BIRTH) through GSL. A newborn is a child of that state, aged 0, at
** home, of a group drawn in proportion to its nationals there, with its own
** goals at home as first levels; it is appended to the people (a new index,
** so every earlier index keeps its streams) and counted from the next day.
** The displaced are not given children (a modelling choice of this slice).
** Locations are taken in order, so the result does not depend on threads.
*/
#include <gsl/gsl_randist.h>
#include <string.h>
#include "world/world_internal.h"

hs_status world_births_step(void *model, long day, hs_error *err)
{
    hs_world_sim *sim = model;
    const hs_geo *w = &sim->sc->geo;
    long total = 0;
    for (int l = 0; l < sim->nloc; l++) {
        int s = w->loc_state[l];
        double rate = sim->demog[s].fertility / 365.0;
        int64_t mothers = world_acc(sim, l, s, A_MOTHERS);
        sim->born[l] = 0;
        if (rate <= 0.0 || mothers <= 0 || world_is_camp(sim, l)) continue;
        hs_stream_gsl_set(sim->gsl,
                          hs_stream_open(sim->seed, (uint32_t)l, (uint32_t)day, HS_RNG_BIRTH));
        sim->born[l] = gsl_ran_poisson(sim->gsl, rate * (double)mothers);
        total += (long)sim->born[l];
    }
    if (total == 0) return HS_OK;
    world_people *pp = &sim->pp;
    if (pp->n + (size_t)total > pp->cap) {
        hs_status st = world_people_reserve(sim, 2 * (pp->n + (size_t)total), err);
        if (st != HS_OK) return st;
    }
    for (int l = 0; l < sim->nloc; l++) {
        if (sim->born[l] == 0) continue;
        int s = w->loc_state[l];
        size_t first, mine;
        hs_status st =
            hs_flight_add_people(sim->flight, (size_t)sim->born[l], l, 1, &first, &mine, err);
        if (st != HS_OK) return st;
        int64_t by_group = 0;
        for (int g = 0; g < sim->sc->ngroups; g++)
            by_group += world_acc(sim, l, s, A_GROUP + g);
        for (size_t i = first; i < first + mine; i++) {
            /* The group: the newborn's own first number against its nationals' mix here. */
            hs_stream rs = hs_stream_open(sim->seed, hs_flight_sim_index(sim->flight, i),
                                          (uint32_t)day, HS_RNG_BIRTH);
            int64_t pick = (int64_t)hs_stream_below(&rs, (uint32_t)(by_group > 0 ? by_group : 1));
            int g = 0;
            while (g + 1 < sim->sc->ngroups && pick >= world_acc(sim, l, s, A_GROUP + g))
                pick -= world_acc(sim, l, s, A_GROUP + g++);
            world_person_init(sim, i, g, HS_PS_HOME, s, day, 1);
            world_person_settle(sim, i, l);
        }
        pp->n = first + mine;
    }
    sim->births += total;
    return HS_OK;
}
