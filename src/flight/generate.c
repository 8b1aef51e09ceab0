/*
** generate.c - synthetic flight cases of any size, for benchmarks and scale
** tests: nloc locations scattered over a square 6,000 km across (a continent:
** with 2,000 locations links average ~140 km, like Flee's cases), split into
** ten states by longitude, each linked to its three nearest neighbours; one
** in twenty is a conflict zone (onsets spread over the first 30 days), one in
** twenty a camp. The people start displaced in towns and conflict zones in
** proportion to their populations; nobody else is spawned.
*/
#include <humsec/rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flight/flight_internal.h"

#define NEIGHBOURS 3
#define SIDE_KM 6000.0
#define STATES 10

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

hs_status hs_flight_case_generate(hs_flight_case *c, int nloc, long people, long days,
                                  uint64_t seed, hs_error *err)
{
    hs_status st0 = hs_flight_case_init(c, err);
    if (st0 != HS_OK) return st0;
    if (nloc < 2 || people < 0 || days < 1)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, NULL,
                            "need at least 2 locations, no negative people and 1 day");
    c->name = strdup("generated");
    size_t n = (size_t)nloc;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    c->population = calloc(n, sizeof(double));
    c->capacity = malloc(n * sizeof(double));
    c->intensity = malloc(n * sizeof(double));
    c->conflict_day0 = calloc(n, 1);
    c->conflict_date = malloc(n * sizeof(long));
    c->initial = calloc(n, sizeof(double));
    if (!c->name || !x || !y || !c->population || !c->capacity || !c->intensity ||
        !c->conflict_day0 || !c->conflict_date || !c->initial) {
        free(x);
        free(y);
        hs_flight_case_free(c);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    c->start_date = 0;
    c->days = days;
    double pop_total = 0.0;
    hs_status st = HS_OK;
    for (int i = 0; i < nloc && st == HS_OK; i++) {
        hs_stream rs = hs_stream_open(seed, (uint32_t)i, 0, HS_RNG_GENERATE);
        x[i] = hs_stream_u01(&rs) * SIDE_KM;
        y[i] = hs_stream_u01(&rs) * SIDE_KM;
        double kind = hs_stream_u01(&rs);
        hs_loc_type type = kind < 0.05   ? HS_LOC_CONFLICT_ZONE
                           : kind < 0.10 ? HS_LOC_CAMP
                                         : HS_LOC_TOWN;
        double pop = floor(1000.0 + 99000.0 * hs_stream_u01(&rs));
        char name[32], state[32];
        snprintf(name, sizeof name, "L%d", i);
        snprintf(state, sizeof state, "State%d", (int)(x[i] / (SIDE_KM / STATES)));
        if (hs_geo_add_location(c->own_geo, name, "generated", state, y[i] / 111.0, x[i] / 111.0,
                                type, pop, 0, err) < 0) {
            st = HS_ERR_NOMEM;
            break;
        }
        int camp = type == HS_LOC_CAMP;
        c->population[i] = camp ? 0 : pop;
        c->capacity[i] = camp ? pop : -1;
        c->intensity[i] = 1.0;
        c->conflict_date[i] = type == HS_LOC_CONFLICT_ZONE ? (long)(30 * hs_stream_u01(&rs)) : -1;
        c->conflict_day0[i] = c->conflict_date[i] == 0;
        if (!camp) pop_total += pop;
    }
    /* Link each location to its nearest neighbours: collect pairs (i < j),
    ** drop the repeats, add them as routes. */
    long *pairs = malloc(n * NEIGHBOURS * sizeof *pairs);
    size_t npairs = 0;
    if (st == HS_OK && !pairs) st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (int i = 0; i < nloc && st == HS_OK; i++) {
        int best[NEIGHBOURS];
        double bd[NEIGHBOURS];
        for (int k = 0; k < NEIGHBOURS; k++)
            best[k] = -1, bd[k] = INFINITY;
        for (int j = 0; j < nloc; j++) {
            if (j == i) continue;
            double d = hypot(x[i] - x[j], y[i] - y[j]);
            for (int k = 0; k < NEIGHBOURS; k++)
                if (d < bd[k]) {
                    for (int m = NEIGHBOURS - 1; m > k; m--)
                        best[m] = best[m - 1], bd[m] = bd[m - 1];
                    best[k] = j, bd[k] = d;
                    break;
                }
        }
        for (int k = 0; k < NEIGHBOURS; k++) {
            if (best[k] < 0) continue;
            int a = i < best[k] ? i : best[k], b = i < best[k] ? best[k] : i;
            pairs[npairs++] = (long)a * nloc + b;
        }
    }
    if (st == HS_OK) qsort(pairs, npairs, sizeof *pairs, cmp_long);
    for (size_t m = 0; m < npairs && st == HS_OK; m++) {
        if (m > 0 && pairs[m] == pairs[m - 1]) continue;
        int a = (int)(pairs[m] / nloc), b = (int)(pairs[m] % nloc);
        if (hs_geo_add_route(c->own_geo, a, b, floor(hypot(x[a] - x[b], y[a] - y[b]) + 1.0), 0,
                             err) < 0)
            st = HS_ERR_NOMEM;
    }
    free(pairs);
    if (st == HS_OK) st = hs_geo_build(c->own_geo, "generated", err);
    /* Camps sized to hold the displaced half as many again (real camp capacities
    ** are of the order of the people they end up holding). */
    double camp_pop = 0.0;
    for (int i = 0; i < nloc; i++)
        if (c->capacity[i] >= 0) camp_pop += c->geo->loc_population[i];
    for (int i = 0; i < nloc && camp_pop > 0; i++)
        if (c->capacity[i] >= 0)
            c->capacity[i] = ceil(1.5 * (double)people * c->geo->loc_population[i] / camp_pop);
    /* The people, in proportion to population (largest remainders last). */
    long placed = 0;
    for (int i = 0; i < nloc && st == HS_OK; i++) {
        if (c->capacity[i] >= 0) continue;
        c->initial[i] = floor((double)people * c->population[i] / pop_total);
        placed += (long)c->initial[i];
    }
    for (int i = 0; placed < people && st == HS_OK; i = (i + 1) % nloc)
        if (c->capacity[i] < 0) c->initial[i] += 1, placed++;
    free(x);
    free(y);
    if (st != HS_OK) hs_flight_case_free(c);
    return st;
}
