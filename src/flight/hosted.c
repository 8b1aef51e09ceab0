/*
** hosted.c - the flight process run by another model (flight.h, "A flight
** run hosted by another model"): the host adds, holds, releases, sends on
** trips and removes people, sets conflict, and runs the day's movement; this
** file is the only way it changes the run.
**
** Why hold flags live here: the morning decision (move.c) is the one reader,
** and a flag per person is cheaper there than a call back into the host. Flee
** runs never hold anyone, so their flags stay NULL and cost nothing.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "flight/flight_internal.h"

/* Hold flags (and the mornings held people owe) for every person the arrays
** have room for (new ones free). */
static hs_status held_reserve(hs_flight_sim *sim, hs_error *err)
{
    size_t cap = sim->people.cap;
    if (sim->held && sim->held_cap >= cap) return HS_OK;
    uint8_t *h = realloc(sim->held, cap ? cap : 1);
    if (h) sim->held = h;
    int32_t *since = realloc(sim->held_since, (cap ? cap : 1) * sizeof *since);
    if (since) sim->held_since = since;
    if (!h || !since) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    memset(h + sim->held_cap, 0, cap - sim->held_cap);
    sim->held_cap = cap;
    return HS_OK;
}

float hs_flight_halved(float x, long k)
{
    /* Halving is exact while the result stays normal: steps of up to 24 at once
    ** from 2^-100 up; below, one at a time, each rounded as x * 0.5f rounds,
    ** until x is 0 (a few dozen at most). */
    while (k > 0 && x != 0.0f) {
        if (x >= 0x1p-100f) {
            int m = k < 24 ? (int)k : 24;
            x = ldexpf(x, -m);
            k -= m;
        } else {
            x *= 0.5f;
            k--;
        }
    }
    return x;
}

/* Person i free again: the halvings owed while held are paid now. */
static void unhold(hs_flight_sim *sim, size_t i)
{
    if (!sim->held[i]) return;
    sim->people.stint[i] = hs_flight_stint_owed(sim, i);
    sim->held[i] = 0;
}

hs_status hs_flight_reserve(hs_flight_sim *sim, size_t cap, hs_error *err)
{
    hs_status st = hs_people_reserve(&sim->people, cap, err);
    return st == HS_OK ? held_reserve(sim, err) : st;
}

hs_status hs_flight_add_people(hs_flight_sim *sim, size_t n, int loc, int held, size_t *first,
                               size_t *mine, hs_error *err)
{
    size_t all = hs_flight_everyone(sim);
    size_t k = hs_flight_owned_below(sim, all + n) - hs_flight_owned_below(sim, all);
    hs_status st = hs_people_add(&sim->people, k, loc, first, err);
    if (st == HS_OK) st = held_reserve(sim, err);
    if (st != HS_OK) return st;
    memset(sim->held + *first, held ? 1 : 0, k);
#pragma omp parallel for schedule(static) if (k >= 65536)
    for (size_t i = *first; i < *first + k; i++)
        sim->held_since[i] = (int32_t)sim->next_morning;
    sim->count[loc] += (int32_t)n;
    sim->everyone = all + n;
    *mine = k;
    return HS_OK;
}

uint32_t hs_flight_sim_index(const hs_flight_sim *sim, size_t i)
{
    return hs_flight_gid(sim, i);
}

void hs_flight_sim_indices(const hs_flight_sim *sim, size_t first, size_t n, uint32_t *ids)
{
    if (sim->nranks <= 1) { /* one rank: the index is the place in the run (a loop in lanes) */
        for (size_t k = 0; k < n; k++)
            ids[k] = (uint32_t)(first + k);
        return;
    }
    for (size_t k = 0; k < n; k++)
        ids[k] = hs_flight_gid(sim, first + k);
}

size_t hs_flight_sim_share(const hs_flight_sim *sim, size_t n)
{
    return hs_flight_owned_below(sim, n);
}

void hs_flight_hold(hs_flight_sim *sim, size_t i)
{
    hs_flight_hold_from(sim, i);
}

void hs_flight_release(hs_flight_sim *sim, size_t i)
{
    unhold(sim, i);
}

/* next_hop[a * n + b]: the first location after a on a shortest path by km
** from a to b (-1: b is a, or cannot be reached). Routes are undirected, so a
** Dijkstra from each b gives, for every a, the neighbour it reaches b through.
** O(n^2) per destination on plain arrays: hosts' maps are small. */
static hs_status build_next_hops(hs_flight_sim *sim, hs_error *err)
{
    const hs_geo *g = sim->c->geo;
    size_t n = (size_t)g->nloc;
    int32_t *hop = malloc(n * n * sizeof *hop + 1);
    double *dist = malloc(n * sizeof *dist + 1);
    uint8_t *done = malloc(n + 1);
    if (!hop || !dist || !done) {
        free(hop);
        free(dist);
        free(done);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (size_t b = 0; b < n; b++) {
        for (size_t a = 0; a < n; a++) {
            dist[a] = INFINITY;
            done[a] = 0;
            hop[a * n + b] = -1;
        }
        dist[b] = 0.0;
        for (;;) {
            size_t u = n;
            for (size_t a = 0; a < n; a++)
                if (!done[a] && dist[a] < INFINITY && (u == n || dist[a] < dist[u])) u = a;
            if (u == n) break;
            done[u] = 1;
            for (int k = g->adj_start[u]; k < g->adj_start[u + 1]; k++) {
                int l = g->adj_link[k], v = g->link_to[l];
                double d = dist[u] + g->link_km[l];
                if (d < dist[v]) {
                    dist[v] = d;
                    hop[(size_t)v * n + b] = (int32_t)u; /* v reaches b through u */
                }
            }
        }
    }
    free(dist);
    free(done);
    sim->next_hop = hop;
    return HS_OK;
}

hs_status hs_flight_changes_begin(hs_flight_sim *sim, int nthreads, hs_error *err)
{
    /* Trips are planned inside the host's parallel pass: the paths are built before it. */
    hs_status st = sim->next_hop ? HS_OK : build_next_hops(sim, err);
    if (st == HS_OK) st = hs_flight_delta_reserve(sim, nthreads, err);
    if (st == HS_OK) sim->delta_threads = nthreads;
    return st;
}

int hs_flight_send_toward(hs_flight_sim *sim, size_t i, int dest)
{
    hs_people *p = &sim->people;
    size_t n = (size_t)sim->nloc;
    int at = p->loc[i];
    if (at == dest || !sim->next_hop || sim->next_hop[(size_t)at * n + (size_t)dest] < 0) return -1;
    int32_t *route = p->route + i * HS_ROUTE_MAX;
    int k = 0;
    for (int u = at; u != dest && k < HS_ROUTE_MAX; k++)
        route[k] = u = sim->next_hop[(size_t)u * n + (size_t)dest];
    for (; k < HS_ROUTE_MAX; k++)
        route[k] = -1;
    p->status[i] |= HS_PERSON_HAS_ROUTE | HS_PERSON_TRIP;
    unhold(sim, i);
    return 0;
}

void hs_flight_remove(hs_flight_sim *sim, int thread, size_t i)
{
    hs_flight_hold_from(sim, i);
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
