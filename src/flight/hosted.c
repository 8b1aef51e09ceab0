/*
** hosted.c - the flight process run by another model (flight.h, "A flight
** run hosted by another model"): the host adds, holds, releases, sends home
** and removes people, sets conflict, and runs the day's movement; this file is
** the only way it changes the run.
**
** Why hold flags live here: the morning decision (move.c) is the one reader,
** and a flag per person is cheaper there than a call back into the host. Flee
** runs never hold anyone, so their flags stay NULL and cost nothing.
*/
#include <stdlib.h>
#include <string.h>
#include "flight/flight_internal.h"

/* Hold flags for every person the arrays have room for (new ones free). */
static hs_status held_reserve(hs_flight_sim *sim, hs_error *err)
{
    size_t cap = sim->people.cap;
    if (sim->held && sim->held_cap >= cap) return HS_OK;
    uint8_t *h = realloc(sim->held, cap ? cap : 1);
    if (!h) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    memset(h + sim->held_cap, 0, cap - sim->held_cap);
    sim->held = h;
    sim->held_cap = cap;
    return HS_OK;
}

hs_status hs_flight_reserve(hs_flight_sim *sim, size_t cap, hs_error *err)
{
    hs_status st = hs_people_reserve(&sim->people, cap, err);
    return st == HS_OK ? held_reserve(sim, err) : st;
}

hs_status hs_flight_add_people(hs_flight_sim *sim, size_t n, int loc, int held, size_t *first,
                               hs_error *err)
{
    hs_status st = hs_people_add(&sim->people, n, loc, first, err);
    if (st == HS_OK) st = held_reserve(sim, err);
    if (st != HS_OK) return st;
    memset(sim->held + *first, held ? 1 : 0, n);
    sim->count[loc] += (int32_t)n;
    return HS_OK;
}

void hs_flight_hold(hs_flight_sim *sim, size_t i)
{
    sim->held[i] = 1;
}

void hs_flight_release(hs_flight_sim *sim, size_t i)
{
    sim->held[i] = 0;
}

hs_status hs_flight_changes_begin(hs_flight_sim *sim, int nthreads, hs_error *err)
{
    hs_status st = hs_flight_delta_reserve(sim, nthreads, err);
    if (st == HS_OK) sim->delta_threads = nthreads;
    return st;
}

void hs_flight_send_home(hs_flight_sim *sim, int thread, size_t i)
{
    hs_people *p = &sim->people;
    int32_t *d = sim->delta + (size_t)thread * (size_t)sim->nloc;
    d[p->loc[i]]--;
    d[p->home[i]]++;
    p->loc[i] = p->home[i];
    for (int k = 0; k < HS_ROUTE_MAX; k++)
        p->route[i * HS_ROUTE_MAX + k] = -1;
    p->status[i] &= (uint8_t)~HS_PERSON_HAS_ROUTE;
}

void hs_flight_remove(hs_flight_sim *sim, int thread, size_t i)
{
    sim->held[i] = 1;
    sim->delta[(size_t)thread * (size_t)sim->nloc + (size_t)sim->people.loc[i]]--;
}

void hs_flight_changes_commit(hs_flight_sim *sim)
{
    hs_flight_delta_merge(sim, sim->delta_threads);
    sim->delta_threads = 0;
}

int hs_flight_is_camp(const hs_flight_sim *sim, int loc)
{
    return sim->is_camp[loc];
}

hs_status hs_flight_move_day(hs_flight_sim *sim, long day, hs_error *err)
{
    hs_status st = hs_flight_closures_step(sim, day, err);
    if (st == HS_OK) st = hs_flight_scores_step(sim, day, err);
    if (st == HS_OK) st = hs_flight_move_step(sim, day, err);
    if (st == HS_OK) sim->day = day + 1;
    return st;
}
