/*
** route.c - how attractive each location is, and the routes a person at a
** location weighs, for one day.
**
** Score (Flee): S = foreign_weight if foreign, x camp_weight if a camp,
** x conflict_weight^(decay(age) x intensity) if in conflict.
** Route weight to endpoint E over d_prior km then a last link of d_link km:
**   w = [ (weight_softening + S_E) / (softening + d_prior + d_link)^distance_power
**         x CapMult(E) ]^weight_power
** Candidates are the loop-free paths of 1..awareness_level hops from the
** location (every prefix a candidate; markers are passed through and do not
** count as hops).
**
** Why a table per location and day: everything a weight depends on - scores,
** open links, occupancy - is fixed for the day's movement (occupancy is read
** as it stood when movement began; see move.c), so every person at a location
** faces the same candidates. They are enumerated once per location instead of
** once per person, and the choice is one draw against cumulative weights.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "flight/flight_internal.h"

double hs_flight_capmult(const hs_flight_sim *sim, int loc)
{
    const hs_flight_settings *s = sim->s;
    double cap = sim->capacity[loc] * s->capacity_scaling;
    if (cap < 1.0) return 1.0; /* no capacity */
    double n = sim->count[loc];
    if (n <= s->capacity_buffer * cap) return 1.0;
    if (n >= cap) return 0.0;
    double m = 1.0 - (n - s->capacity_buffer * cap) / (cap * (1.0 - s->capacity_buffer));
    return m < 0.0 ? 0.0 : (m > 1.0 ? 1.0 : m);
}

static double location_score(const hs_flight_sim *sim, int i, long day)
{
    const hs_flight_settings *s = sim->s;
    double score = 1.0;
    if (sim->foreign[i]) score *= s->foreign_weight;
    if (sim->is_camp[i]) score *= s->camp_weight;
    if (sim->conflict[i] > 0.0)
        score *= pow(s->conflict_weight,
                     hs_flight_decay(s, day - sim->conflict_start[i]) * sim->conflict[i]);
    return score;
}

void hs_route_table_free(route_table *t)
{
    free(t->start);
    free(t->path);
    free(t->cumw);
    free(t->first);
    free(t->len);
    free(t->basew);
    free(t->end);
    free(t->uniform);
    free(t->crowd);
    memset(t, 0, sizeof *t);
}

typedef struct enum_ctx {
    hs_flight_sim *sim;
    route_table *t;
    int32_t path[HS_ROUTE_MAX + 1]; /* origin, then the locations so far */
    int32_t first;                  /* the link leaving the origin */
    int oom;
} enum_ctx;

static void add_candidate(enum_ctx *e, int len, double w, double base)
{
    route_table *t = e->t;
    if (t->n == t->cap) {
        int cap = t->cap ? 2 * t->cap : 1024;
        int32_t *p = realloc(t->path, (size_t)cap * HS_ROUTE_MAX * sizeof *p);
        if (p) t->path = p;
        double *c = p ? realloc(t->cumw, (size_t)cap * sizeof *c) : NULL;
        if (c) t->cumw = c;
        int32_t *f = c ? realloc(t->first, (size_t)cap * sizeof *f) : NULL;
        if (f) t->first = f;
        uint8_t *l = f ? realloc(t->len, (size_t)cap) : NULL;
        if (l) t->len = l;
        double *bw = l ? realloc(t->basew, (size_t)cap * sizeof *bw) : NULL;
        if (bw) t->basew = bw;
        int32_t *en = bw ? realloc(t->end, (size_t)cap * sizeof *en) : NULL;
        if (!en) {
            e->oom = 1;
            return;
        }
        t->end = en;
        t->cap = cap;
    }
    int32_t *dst = t->path + (size_t)t->n * HS_ROUTE_MAX;
    for (int k = 0; k < HS_ROUTE_MAX; k++)
        dst[k] = k < len ? e->path[k + 1] : -1;
    t->cumw[t->n] = w;
    t->basew[t->n] = base;
    t->end[t->n] = e->path[len];
    t->first[t->n] = e->first;
    t->len[t->n] = (uint8_t)len;
    t->n++;
}

static int on_path(const enum_ctx *e, int len, int loc)
{
    for (int k = 0; k <= len; k++)
        if (e->path[k] == loc) return 1;
    return 0;
}

/* Walk link l from the path's end (len locations after the origin so far),
** having covered prior km and made hops real hops. */
static void visit(enum_ctx *e, int l, double prior, int len, int hops)
{
    hs_flight_sim *sim = e->sim;
    const hs_geo *w = sim->c->geo;
    const hs_flight_settings *s = sim->s;
    int end = w->link_to[l];
    double km = w->link_km[l];
    e->path[len + 1] = end;
    if (!sim->is_marker[end]) {
        /* base: the weight but for CapMult, which changes as people arrive. */
        double base, cap = 1.0;
        if (s->awareness_level == 0) {
            /* Aware of links and their lengths only: nothing about the place. */
            base = 1.0 / pow(s->softening + prior + km, s->distance_power);
        } else {
            base = (s->weight_softening + sim->score[end]) /
                   pow(s->softening + prior + km, s->distance_power);
            cap = hs_flight_capmult(sim, end);
        }
        double wgt = base * cap;
        if (s->weight_power != 1.0) {
            wgt = pow(wgt, s->weight_power);
            base = pow(base, s->weight_power);
        }
        add_candidate(e, len + 1, wgt, base);
    } else {
        hops--; /* a marker is not a hop */
    }
    long depth = s->awareness_level > 0 ? s->awareness_level : 1;
    if (depth > hops && len + 2 <= HS_ROUTE_MAX) {
        for (int k = w->adj_start[end]; k < w->adj_start[end + 1]; k++) {
            int l2 = w->adj_link[k];
            if (sim->link_closed[l2] || on_path(e, len + 1, w->link_to[l2])) continue;
            visit(e, l2, prior + km, len + 1, hops + 1);
        }
    }
}

/* Enumerate every location's candidates for today. */
static hs_status build_routes(hs_flight_sim *sim, hs_error *err)
{
    route_table *t = &sim->routes;
    const hs_geo *w = sim->c->geo;
    const hs_flight_settings *s = sim->s;
    t->n = 0;
    enum_ctx e = {.sim = sim, .t = t};
    for (int i = 0; i < sim->nloc; i++) {
        t->start[i] = t->n;
        e.path[0] = i;
        for (int k = w->adj_start[i]; k < w->adj_start[i + 1]; k++) {
            int l = w->adj_link[k];
            if (sim->link_closed[l]) continue;
            e.first = l;
            visit(&e, l, 0.0, 0, 1);
        }
        if (e.oom) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory (routes)");
        int a = t->start[i], b = t->n;
        t->crowd[i] = 0;
        for (int k = a; k < b && s->awareness_level > 0; k++)
            if (sim->capacity[t->end[k]] * s->capacity_scaling >= 1.0) t->crowd[i] = 1;
        double maxw = 0.0;
        for (int k = a; k < b; k++)
            maxw = t->cumw[k] > maxw ? t->cumw[k] : maxw;
        if (s->pruning_threshold >= 1.001)
            for (int k = a; k < b; k++)
                if (t->cumw[k] < maxw / s->pruning_threshold) t->cumw[k] = 0.0;
        double sum = 0.0;
        for (int k = a; k < b; k++)
            sum += t->cumw[k];
        /* All weights zero (every destination full): Flee then picks uniformly. */
        t->uniform[i] = !(sum > 0.0);
        double run = 0.0;
        for (int k = a; k < b; k++) {
            run += t->uniform[i] ? 1.0 : t->cumw[k];
            t->cumw[k] = run;
        }
    }
    t->start[sim->nloc] = t->n;
    return HS_OK;
}

hs_status hs_flight_scores_step(void *model, long day, hs_error *err)
{
    hs_flight_sim *sim = model;
    for (int i = 0; i < sim->nloc; i++)
        sim->score[i] = location_score(sim, i, day);
    if (!sim->routes.start) {
        sim->routes.start = malloc(((size_t)sim->nloc + 1) * sizeof(int32_t));
        sim->routes.uniform = malloc((size_t)sim->nloc + 1);
        sim->routes.crowd = malloc((size_t)sim->nloc + 1);
        if (!sim->routes.start || !sim->routes.uniform || !sim->routes.crowd)
            return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory (routes)");
    }
    return build_routes(sim, err);
}
