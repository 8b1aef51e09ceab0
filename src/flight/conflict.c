/*
** conflict.c - which locations are conflict zones, and how intense, each day.
**
** A location of type conflict_zone with conflict_date <= 0 is in conflict
** from the start. After that, conflicts.csv decides (one row a day, by row
** order): a value rising above zero starts a conflict there, falling to zero
** ends it (the location becomes a town). Without conflicts.csv, each
** conflict zone starts on its conflict_date with its conflict_intensity.
*/
#include <math.h>
#include "flight/flight_internal.h"

/* Flee tests intensities against 1e-6, not 0. */
#define CONFLICT_EPS 1e-6

double hs_flight_decay(const hs_flight_settings *s, long age)
{
    if (s->ndecay == 0) return 1.0;
    if (age < 0) age = 0;
    long k = age / s->decay_interval;
    if (k > s->ndecay - 1) k = s->ndecay - 1;
    return s->decay[k];
}

static void conflict_start(hs_flight_sim *sim, int loc, double intensity, long day)
{
    sim->conflict[loc] = intensity;
    sim->conflict_start[loc] = day;
    sim->movechance[loc] = sim->s->conflict_movechance;
    sim->is_town[loc] = 0;
}

static void conflict_end(hs_flight_sim *sim, int loc)
{
    sim->conflict[loc] = 0.0;
    sim->movechance[loc] = sim->s->default_movechance;
    sim->is_town[loc] = 1;
}

void hs_flight_set_conflict(hs_flight_sim *sim, int loc, double intensity, long day)
{
    int was = sim->conflict[loc] > 0.0;
    if (intensity > CONFLICT_EPS) {
        if (!was)
            conflict_start(sim, loc, intensity, day);
        else
            sim->conflict[loc] = intensity;
    } else if (was) {
        conflict_end(sim, loc);
    }
}

void hs_flight_conflicts_init(hs_flight_sim *sim)
{
    const hs_flight_case *c = sim->c;
    for (int i = 0; i < sim->nloc; i++)
        if (c->conflict_day0[i]) conflict_start(sim, i, c->intensity[i], 0);
}

hs_status hs_flight_conflicts_step(void *model, long day, hs_error *err)
{
    hs_flight_sim *sim = model;
    const hs_flight_case *c = sim->c;
    (void)err;
    if (c->nconflict == 0 && c->conflict_rows == 0) {
        /* No conflicts.csv: conflict zones start on their conflict_date. */
        const hs_geo *w = c->geo;
        for (int i = 0; i < sim->nloc; i++) {
            if (w->loc_type[i] != HS_LOC_CONFLICT_ZONE || c->conflict_day0[i]) continue;
            if (sim->conflict[i] <= 0 && sim->conflict_start[i] < 0 && day >= c->conflict_date[i])
                conflict_start(sim, i, c->intensity[i], day);
        }
        return HS_OK;
    }
    if (day >= c->conflict_rows) return HS_OK; /* checked at start: the file covers the run */
    const float *now = c->conflict_value + (size_t)day * (size_t)c->nconflict;
    const float *prev = day > 0 ? now - c->nconflict : NULL;
    for (int k = 0; k < c->nconflict; k++) {
        int loc = c->conflict_loc[k];
        double v = now[k];
        int was = prev ? prev[k] >= CONFLICT_EPS : 0;
        if (v > CONFLICT_EPS) {
            if (!was)
                conflict_start(sim, loc, v, day);
            else if (sim->conflict[loc] > 0.0)
                sim->conflict[loc] = v; /* intensity follows the file; the onset day stays */
            /* (a conflict a closure ended stays ended until the file rises again) */
        } else if (was && v < CONFLICT_EPS) {
            conflict_end(sim, loc);
        }
    }
    return HS_OK;
}
