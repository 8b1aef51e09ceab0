/*
** spawn.c - who becomes displaced, where, and when.
**
** Data-driven (Flee's default, used to validate): each day as many people as
** the UNHCR camp counts rose (summed over the camps' series, or the total
** series refugees.csv), read as whole people from series interpolated
** between their dated points. A fall is not undone: it is a debt that later
** rises pay off first. With insert_day0 the camps start with their day-0
** counts and, on day 0, their capacities are reduced by the same numbers (as
** Flee does: those people then count twice against capacity). Origins are
** drawn independently from the conflict zones with probability proportional
** to population x intensity x decay(days since the conflict began).
**
** Conflict-driven: each conflict zone sends displaced_per_conflict_day x
** intensity people a day (constant), a Poisson number with that mean, or
** that ratio of its population (pop_ratio).
**
** Each new person's origin is drawn from the stream (seed, person, day,
** HS_RNG_SPAWN), so the result does not depend on threads.
*/
#include <gsl/gsl_randist.h>
#include <humsec/rng.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include "flight/flight_internal.h"

/* More people than a run holds (counts are 32-bit): an error saying where they
** would come from, before the number is converted to an integer (undefined
** past long's range: a population of 1e308 with pop_ratio spawning). */
static int too_many(const hs_flight_sim *sim, double want)
{
    return !(want <= (double)INT32_MAX - (double)hs_flight_everyone(sim));
}

static hs_status too_many_error(const hs_flight_sim *sim, int loc, double want, long day,
                                const char *why, hs_error *err)
{
    const hs_flight_case *c = sim->c;
    char file[1024];
    snprintf(file, sizeof file, "%s%sinput_csv/locations.csv", c->dir ? c->dir : "",
             c->dir ? "/" : "");
    return hs_error_set(err, HS_ERR_INVALID, loc >= 0 ? file : c->name,
                        loc >= 0 ? c->geo->loc_source_line[loc] : 0,
                        loc >= 0 ? "population" : "count",
                        "day %ld: %s%s%s %.3g people in one day (%s), past the %d people a run "
                        "holds",
                        day, loc >= 0 ? "'" : "", loc >= 0 ? c->geo->loc_name[loc] : "the data",
                        loc >= 0 ? "' would send" : " adds", want, why, INT32_MAX);
}

/* Add n people at one location. */
static hs_status add_at(hs_flight_sim *sim, long n, int loc, hs_error *err)
{
    if (n <= 0) return HS_OK;
    hs_status st = hs_flight_grow(sim, (size_t)n, loc, err);
    if (st != HS_OK) return st;
    if (sim->s->take_from_population) {
        sim->population[loc] -= (double)n;
        if (sim->population[loc] < 0) sim->population[loc] = 0;
    }
    return HS_OK;
}

hs_status hs_flight_spawn_init(hs_flight_sim *sim, hs_error *err)
{
    const hs_flight_case *c = sim->c;
    const hs_flight_settings *s = sim->s;
    for (int i = 0; i < sim->nloc; i++) {
        long n = (long)c->initial[i];
        if (n <= 0) continue;
        hs_status st = hs_flight_grow(sim, (size_t)n, i, err);
        if (st != HS_OK) return st;
    }
    for (int k = 0; k < c->ncamps; k++) {
        sim->day0pop[k] = hs_series_at(&c->camp_series[k], 0.0);
        if (!s->insert_day0 || s->empty_camps_on_day0) continue;
        int loc = c->camp_loc[k];
        long n = (long)sim->day0pop[k];
        if (n <= 0) continue;
        hs_status st = hs_flight_grow(sim, (size_t)n, loc, err);
        if (st != HS_OK) return st;
    }
    return HS_OK;
}

/* People the data says arrived today (before the debt). */
static double data_increase(const hs_flight_sim *sim, long day)
{
    const hs_flight_case *c = sim->c;
    const hs_flight_settings *s = sim->s;
    if (day == 0) {
        if (s->insert_day0 || s->empty_camps_on_day0) return 0.0;
        if (!s->sum_from_camps) return hs_series_at(&c->total, 0.0);
        double sum = 0.0;
        for (int k = 0; k < c->ncamps; k++)
            sum += hs_series_at(&c->camp_series[k], 0.0);
        for (int k = 0; k < c->noffmap; k++)
            sum += hs_series_at(&c->offmap_series[k], 0.0);
        return sum;
    }
    if (!s->sum_from_camps)
        return hs_series_at(&c->total, (double)day) - hs_series_at(&c->total, (double)day - 1);
    double sum = 0.0;
    for (int k = 0; k < c->ncamps; k++)
        sum += hs_series_at(&c->camp_series[k], (double)day) -
               hs_series_at(&c->camp_series[k], (double)day - 1);
    /* Series for places off the map count too (Flee's sum_from_camps does). */
    for (int k = 0; k < c->noffmap; k++)
        sum += hs_series_at(&c->offmap_series[k], (double)day) -
               hs_series_at(&c->offmap_series[k], (double)day - 1);
    return sum;
}

static hs_status spawn_from_data(hs_flight_sim *sim, long day, hs_error *err)
{
    const hs_flight_case *c = sim->c;
    const hs_flight_settings *s = sim->s;
    if (day == 0 && s->insert_day0)
        for (int k = 0; k < c->ncamps; k++) {
            int loc = c->camp_loc[k];
            if (sim->capacity[loc] > 0) sim->capacity[loc] -= trunc(sim->day0pop[k]);
        }
    double fresh = data_increase(sim, day) - sim->debt;
    if (fresh < 0) {
        sim->debt = -fresh;
        return HS_OK;
    }
    sim->debt = 0;
    if (too_many(sim, fresh))
        return too_many_error(sim, -1, fresh, day, "the rise of the UNHCR counts", err);
    long n = (long)fresh;
    if (n == 0) return HS_OK;

    /* Origin weights. */
    double total = 0.0;
    for (int i = 0; i < sim->nloc; i++) {
        double w = 0.0;
        if (sim->conflict[i] > 0.0)
            w = sim->population[i] * sim->conflict[i] *
                hs_flight_decay(s, day - sim->conflict_start[i]);
        else if (!s->conflict_zone_spawning_only && !sim->is_camp[i])
            w = sim->population[i];
        total += w;
        sim->spawn_cdf[i] = total;
    }
    if (!(total > 0.0))
        return hs_error_set(err, HS_ERR_INVALID, c->name, 0, NULL,
                            "day %ld: the data says %ld people were displaced, but no location "
                            "with people is in conflict",
                            day, n);
    /* Every rank draws every newcomer's origin (the counts and populations are
    ** whole on every rank) and keeps its own share of them. */
    size_t first = hs_flight_everyone(sim), mine = sim->people.n;
    int32_t *origin = malloc((size_t)n * sizeof *origin);
    if (!origin) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    int nloc = sim->nloc;
    const double *cdf = sim->spawn_cdf;
    /* A day's few hundred newcomers are drawn on one thread: a team costs more. */
    int team = n < 8192 ? 1 : (sim->threads > 0 ? sim->threads : omp_get_max_threads());
#pragma omp parallel for schedule(static) num_threads(team)
    for (long j = 0; j < n; j++) {
        size_t i = first + (size_t)j;
        hs_stream rs = hs_stream_open(sim->seed, (uint32_t)i, (uint32_t)day, HS_RNG_SPAWN);
        double x = hs_stream_u01_53(&rs) * total;
        int lo = 0, hi = nloc - 1;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (cdf[mid] > x)
                hi = mid;
            else
                lo = mid + 1;
        }
        origin[j] = lo;
    }
    hs_status st = hs_flight_grow(sim, (size_t)n, -1, err);
    if (st != HS_OK) {
        free(origin);
        return st;
    }
    hs_people *p = &sim->people;
    for (long j = 0; j < n; j++) {
        int loc = origin[j];
        sim->count[loc]++;
        if (s->take_from_population && sim->population[loc] > 0) sim->population[loc] -= 1.0;
    }
    /* This rank's newcomers are its last people. */
    for (size_t i = mine; i < p->n; i++) {
        int32_t loc = origin[hs_flight_gid(sim, i) - first];
        p->loc[i] = loc;
        p->home[i] = loc;
    }
    free(origin);
    return HS_OK;
}

static hs_status spawn_from_conflict(hs_flight_sim *sim, long day, hs_error *err)
{
    const hs_flight_settings *s = sim->s;
    double rate = s->displaced_per_conflict_day;
    if (isnan(rate)) rate = s->spawn_mode == HS_SPAWN_POP_RATIO ? 0.01 : 500.0;
    gsl_rng *r = NULL;
    if (s->spawn_mode == HS_SPAWN_POISSON && !(r = hs_stream_gsl_alloc()))
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_status st = HS_OK;
    for (int i = 0; i < sim->nloc && st == HS_OK; i++) {
        if (!(sim->conflict[i] > 0.0)) continue;
        double mean = rate * sim->conflict[i];
        double want = s->spawn_mode == HS_SPAWN_POP_RATIO ? trunc(mean * sim->population[i])
                      : s->spawn_mode == HS_SPAWN_POISSON ? mean + 10 * sqrt(mean)
                                                          : trunc(mean);
        if (too_many(sim, want)) {
            st = too_many_error(sim, i, want, day,
                                s->spawn_mode == HS_SPAWN_POP_RATIO
                                    ? "population x displaced_per_conflict_day x intensity"
                                    : "displaced_per_conflict_day x intensity",
                                err);
            break;
        }
        long n;
        if (s->spawn_mode == HS_SPAWN_POISSON) {
            hs_stream_gsl_set(
                r, hs_stream_open(sim->seed, (uint32_t)i, (uint32_t)day, HS_RNG_SPAWNCOUNT));
            n = (long)gsl_ran_poisson(r, mean);
        } else {
            n = (long)want;
        }
        st = add_at(sim, n, i, err);
    }
    if (r) gsl_rng_free(r);
    return st;
}

hs_status hs_flight_spawn_step(void *model, long day, hs_error *err)
{
    hs_flight_sim *sim = model;
    size_t before = hs_flight_everyone(sim);
    hs_status st = sim->s->spawn_mode == HS_SPAWN_DATA ? spawn_from_data(sim, day, err)
                                                       : spawn_from_conflict(sim, day, err);
    sim->days[day].spawned = (long)(hs_flight_everyone(sim) - before);
    return st;
}
