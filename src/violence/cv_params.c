/*
** cv_params.c - civil-violence parameters: defaults with their sources, range
** checks, and the schedule of changes during a run.
*/
#include "violence/cv_internal.h"

#include <stddef.h>
#include "core/named.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void hs_cv_params_default(hs_cv_params *p, int model)
{
    memset(p, 0, sizeof *p);
    p->model = model == 2 ? 2 : 1;
    snprintf(p->name, sizeof p->name, "%s", p->model == 2 ? "model-ii" : "model-i");
    p->width = p->height = 40;   /* Epstein, NetLogo, Mesa */
    p->k = 2.3;                  /* Epstein */
    p->threshold = 0.1;          /* Epstein */
    p->rounding = HS_CV_FLOOR;   /* NetLogo; the only rule that gives outbursts */
    p->jail = HS_CV_JAIL_REMOVE; /* Epstein */
    p->citizens_move = 1;
    p->decide_rounds = 1;       /* synchronous decisions (humsec's scheme) */
    p->outburst_threshold = 50; /* civil-violence.md: an outburst is more than 50 actives */
    p->blue_share = 0.5;
    p->max_age = 200;       /* Epstein runs 6-8 */
    p->reproduction = 0.05; /* Epstein */
    if (p->model == 1) {
        /* NetLogo Rebellion's defaults (= Epstein's run 2). */
        p->citizen_density = 0.70;
        p->cop_density = 0.04;
        p->vision = 7;
        p->vision_shape = HS_CV_DISK;
        p->legitimacy = 0.82;
        p->max_jail_term = 30;
        p->steps = 1000;
    } else {
        /* Epstein's run 7 (L 0.8, no peacekeepers); density is humsec's choice. */
        p->citizen_density = 0.70;
        p->cop_density = 0.0;
        p->vision = 1.7;
        p->vision_shape = HS_CV_DISK;
        p->legitimacy = 0.8;
        p->max_jail_term = 15;
        p->steps = 500;
    }
}

const char *hs_cv_rounding_name(hs_cv_rounding r)
{
    switch (r) {
    case HS_CV_FLOOR:
        return "floor";
    case HS_CV_ROUND:
        return "round";
    case HS_CV_NONE:
        return "none";
    }
    return "?";
}

const char *hs_cv_vision_name(hs_cv_vision_shape s)
{
    switch (s) {
    case HS_CV_DISK:
        return "disk";
    case HS_CV_DIAMOND:
        return "diamond";
    case HS_CV_SQUARE:
        return "square";
    case HS_CV_CROSS:
        return "cross";
    }
    return "?";
}

const char *hs_cv_jail_name(hs_cv_jail_mode j)
{
    return j == HS_CV_JAIL_STAY ? "stay" : "remove";
}

const char *hs_cv_param_name(hs_cv_param_id id)
{
    switch (id) {
    case HS_CV_P_LEGITIMACY:
        return "legitimacy";
    case HS_CV_P_COP_DENSITY:
        return "cop_density";
    case HS_CV_P_MAX_JAIL_TERM:
        return "max_jail_term";
    case HS_CV_P_COUNT:
        break;
    }
    return "?";
}

long cv_vision_halfwidth(double vision, hs_cv_vision_shape shape, long dy)
{
    /* A small epsilon so that v = 7 includes (7, 0) despite rounding in v*v. */
    const double eps = 1e-9;
    long r = (long)floor(vision + eps), a = dy < 0 ? -dy : dy;
    if (a > r) return -1;
    switch (shape) {
    case HS_CV_DISK:
        return (long)floor(sqrt(vision * vision - (double)(a * a)) + eps);
    case HS_CV_DIAMOND:
        return (long)floor(vision - (double)a + eps);
    case HS_CV_SQUARE:
        return r;
    case HS_CV_CROSS:
        return a == 0 ? r : 0;
    }
    return -1;
}

long hs_cv_vision_cells(double vision, hs_cv_vision_shape shape)
{
    long r = (long)floor(vision + 1e-9), n = 0;
    for (long dy = -r; dy <= r; dy++) {
        long h = cv_vision_halfwidth(vision, shape, dy);
        if (h >= 0) n += 2 * h + 1;
    }
    return n - 1;
}

static hs_status bad(hs_error *err, const char *field, const char *fmt, double v)
{
    return hs_error_set(err, HS_ERR_INVALID, NULL, 0, field, fmt, v);
}

hs_status hs_cv_params_check(const hs_cv_params *p, hs_error *err)
{
    if (p->model != 1 && p->model != 2)
        return bad(err, "variant", "must be 1 (Model I) or 2 (Model II), not %g", p->model);
    /* Rows are processed with per-row scratch arrays on the stack: bound the width. */
    if (p->width < 3 || p->width > 32768 || p->height < 3 || p->height > 100000)
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0,
                            p->width < 3 || p->width > 32768 ? "width" : "height",
                            "the lattice must be 3 to 32768 cells wide and 3 to 100000 high, "
                            "not %ld x %ld",
                            p->width, p->height);
    if ((double)p->width * (double)p->height > 2e9)
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, "width",
                            "the lattice has more than 2e9 cells");
    if (!(p->vision >= 1.0) || p->vision > HS_CV_MAX_VISION)
        return bad(err, "vision", "must be from 1 to 100, not %g", p->vision);
    long r = (long)floor(p->vision + 1e-9);
    if (2 * r + 1 > p->width || 2 * r + 1 > p->height)
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, "vision",
                            "vision %g does not fit the %ld x %ld torus (2v+1 must not exceed "
                            "either side, or agents would see cells twice)",
                            p->vision, p->width, p->height);
    if (!(p->citizen_density >= 0 && p->citizen_density <= 1))
        return bad(err, "citizen_density", "must be in [0, 1], not %g", p->citizen_density);
    if (!(p->cop_density >= 0 && p->cop_density <= 1))
        return bad(err, "cop_density", "must be in [0, 1], not %g", p->cop_density);
    if (p->citizen_density + p->cop_density > 1.0 + 1e-12)
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, "cop_density",
                            "citizen_density + cop_density = %g: more agents than cells",
                            p->citizen_density + p->cop_density);
    if (!(p->legitimacy >= 0 && p->legitimacy <= 1))
        return bad(err, "legitimacy", "must be in [0, 1], not %g", p->legitimacy);
    if (!(p->k >= 0 && p->k <= 1000)) return bad(err, "k", "must be in [0, 1000], not %g", p->k);
    if (!(p->threshold >= -1 && p->threshold <= 1))
        return bad(err, "threshold", "must be in [-1, 1], not %g", p->threshold);
    if (p->max_jail_term < 0 || p->max_jail_term > 100000000)
        return bad(err, "max_jail_term", "must be from 0 to 1e8, not %g", (double)p->max_jail_term);
    if (p->decide_rounds < 1 || p->decide_rounds > 64)
        return bad(err, "decide_rounds", "must be from 1 to 64, not %g", (double)p->decide_rounds);
    if (p->steps < 0 || p->steps > 100000000)
        return bad(err, "steps", "must be from 0 to 1e8, not %g", (double)p->steps);
    if (!(p->blue_share >= 0 && p->blue_share <= 1))
        return bad(err, "blue_share", "must be in [0, 1], not %g", p->blue_share);
    if (p->max_age < 1 || p->max_age > 100000000)
        return bad(err, "max_age", "must be from 1 to 1e8, not %g", (double)p->max_age);
    if (!(p->reproduction >= 0 && p->reproduction <= 1))
        return bad(err, "reproduction", "must be in [0, 1], not %g", p->reproduction);
    if (p->outburst_threshold < 0)
        return bad(err, "outburst_threshold", "must be >= 0, not %g",
                   (double)p->outburst_threshold);
    if (p->burn_in < 0) return bad(err, "burn_in", "must be >= 0, not %g", (double)p->burn_in);
    if (p->nchanges < 0 || p->nchanges > HS_CV_MAX_CHANGES)
        return bad(err, "schedule", "at most %g changes", HS_CV_MAX_CHANGES);
    for (int i = 0; i < p->nchanges; i++) {
        const hs_cv_change *c = &p->changes[i];
        char field[64];
        snprintf(field, sizeof field, "schedule[%d]", i);
        if (c->param < 0 || c->param >= HS_CV_P_COUNT)
            return hs_error_set(err, HS_ERR_INVALID, NULL, 0, field, "unknown parameter");
        if (c->start < 0 || c->end < c->start)
            return hs_error_set(err, HS_ERR_INVALID, NULL, 0, field,
                                "needs 0 <= start <= end (start %ld, end %ld)", c->start, c->end);
        double hi = c->param == HS_CV_P_MAX_JAIL_TERM ? 1e8 : 1.0;
        if (!(c->to >= 0 && c->to <= hi))
            return hs_error_set(err, HS_ERR_INVALID, NULL, 0, field,
                                "%s cannot become %g (range [0, %g])", hs_cv_param_name(c->param),
                                c->to, hi);
        if (c->param == HS_CV_P_COP_DENSITY && p->citizen_density + c->to > 1.0 + 1e-12)
            return hs_error_set(err, HS_ERR_INVALID, NULL, 0, field,
                                "cop_density %g with citizen_density %g: more agents than cells",
                                c->to, p->citizen_density);
    }
    return HS_OK;
}

static double base_value(const hs_cv_params *p, hs_cv_param_id id)
{
    switch (id) {
    case HS_CV_P_LEGITIMACY:
        return p->legitimacy;
    case HS_CV_P_COP_DENSITY:
        return p->cop_density;
    case HS_CV_P_MAX_JAIL_TERM:
        return (double)p->max_jail_term;
    case HS_CV_P_COUNT:
        break;
    }
    return 0;
}

/* Changes apply in the order given: each ramps from the value the earlier ones
** left at that step, so "0.9, then down to 0.2 over 70 steps" reads as written. */
double hs_cv_params_at(const hs_cv_params *p, hs_cv_param_id id, long step)
{
    double v = base_value(p, id);
    for (int i = 0; i < p->nchanges; i++) {
        const hs_cv_change *c = &p->changes[i];
        if (c->param != id || step < c->start) continue;
        if (step >= c->end)
            v = c->to;
        else
            v += (c->to - v) * (double)(step - c->start) / (double)(c->end - c->start);
    }
    return v;
}

/* The parameters an experiment may vary by name (compare.h): the scenario's own
** keys, with the ranges the scenario reader allows. The lattice's size and the
** run's length are not here: they are the shape of the run, not a parameter of
** its rules. */
#define CV_D(key, lo, hi)                                                                          \
    {                                                                                              \
        "", #key, HS_NAMED_DOUBLE, offsetof(hs_cv_params, key), lo, hi                             \
    }
#define CV_L(key, lo, hi)                                                                          \
    {                                                                                              \
        "", #key, HS_NAMED_LONG, offsetof(hs_cv_params, key), lo, hi                               \
    }
static const hs_named cv_params_by_name[] = {
    CV_D(citizen_density, 0, 1),
    CV_D(cop_density, 0, 1),
    CV_D(vision, 1, HS_CV_MAX_VISION),
    CV_D(legitimacy, 0, 1),
    CV_D(k, 0, 1000),
    CV_D(threshold, -1, 1),
    CV_L(max_jail_term, 0, 1e8),
    CV_L(decide_rounds, 1, 64),
    {"", "citizens_move", HS_NAMED_BOOL, offsetof(hs_cv_params, citizens_move), 0, 1},
    CV_D(blue_share, 0, 1),
    CV_L(max_age, 1, 1e8),
    CV_D(reproduction, 0, 1),
    {NULL, NULL, 0, 0, 0, 0},
};
#undef CV_D
#undef CV_L

int hs_cv_params_range(const char *name, double *min, double *max)
{
    return hs_named_range(cv_params_by_name, name, min, max);
}

int hs_cv_params_get(const hs_cv_params *p, const char *name, double *value)
{
    return hs_named_get(cv_params_by_name, p, name, value);
}

hs_status hs_cv_params_set(hs_cv_params *p, const char *name, double value, hs_error *err)
{
    return hs_named_set(cv_params_by_name, p, name, value,
                        "civil violence (names are a scenario's keys, e.g. legitimacy, "
                        "cop_density, vision, max_jail_term)",
                        err);
}
