/*
** region_data.c - the real indicators of a region's countries: UNDP's HDR
** time series, INFORM and the Fragile States Index, read through the same
** frame reader `humsec assess` uses (measure.h), and the mapping from them to
** the world's starting levels (docs/odd/region.md, "From indicators to the
** world").
**
** Why the years are chosen as they are: the HDR table has every year from
** 1990 to 2022, so a case's start year is usually there; INFORM and FSI come
** in editions (2016 and 2020; 2020), so the edition nearest the start is
** taken, and every choice is written into the region's notes so that a run
** says which year stood for which.
*/
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/measure.h>
#include "region/region_internal.h"

void hs_region_indicators_init(hs_region_indicators *in)
{
    memset(in, 0, sizeof *in);
    in->le = in->eys = in->mys = in->gnipc = in->hdi = NAN;
    in->natural = in->human = NAN;
    in->c1 = in->c2 = in->c3 = in->p1 = in->p3 = NAN;
}

/* ---- the mapping -------------------------------------------------------- */

/* An FSI score x in [0, 10] (10 worst) onto [best, worst] of a model quantity. */
static double fsi_onto(double x, double best, double worst)
{
    double t = x / 10.0;
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    return best + (worst - best) * t;
}

static double clamp01(double x)
{
    return x < 0 ? 0 : (x > 1 ? 1 : x);
}

int hs_region_map_state(const hs_region_indicators *in, hs_world_state *s)
{
    int set = 0;
    /* UNDP's own dimension indices (HDR technical notes), goalposts and all. */
    if (!isnan(in->gnipc) && in->gnipc > 0) {
        s->economy = clamp01((log(in->gnipc) - log(100.0)) / (log(75000.0) - log(100.0)));
        set |= HS_REGION_SET_ECONOMY;
    }
    if (!isnan(in->le) && !isnan(in->eys) && !isnan(in->mys)) {
        double health = fmin(1.0, (in->le - 20.0) / 65.0);
        double educ = (fmin(1.0, in->eys / 18.0) + fmin(1.0, in->mys / 15.0)) / 2.0;
        s->services = clamp01((health + educ) / 2.0);
        set |= HS_REGION_SET_SERVICES;
    }
    if (!isnan(in->le)) {
        s->life_expectancy = fmin(90.0, fmax(30.0, in->le));
        set |= HS_REGION_SET_LIFE;
    }
    /* FSI scores onto the bands of docs/odd/region.md (modelling choices). */
    if (!isnan(in->p1)) {
        s->legitimacy = fsi_onto(in->p1, REGION_LEGIT_BEST, REGION_LEGIT_WORST);
        set |= HS_REGION_SET_LEGITIMACY;
    }
    if (!isnan(in->p3)) {
        s->repression = fsi_onto(in->p3, REGION_REPR_BEST, REGION_REPR_WORST);
        set |= HS_REGION_SET_REPRESSION;
    }
    if (!isnan(in->c2) && !isnan(in->c3)) {
        s->cohesion = fsi_onto((in->c2 + in->c3) / 2.0, REGION_COH_BEST, REGION_COH_WORST);
        set |= HS_REGION_SET_COHESION;
    }
    if (!isnan(in->c1)) {
        s->military_share = fsi_onto(in->c1, REGION_MIL_BEST, REGION_MIL_WORST);
        set |= HS_REGION_SET_MILITARY;
    }
    return set;
}

double hs_region_map_hazard(const hs_region_indicators *in)
{
    return isnan(in->natural) ? REGION_HAZARD_DEFAULT : clamp01(in->natural / 10.0);
}

double hs_region_map_conflict(const hs_region_indicators *in)
{
    return isnan(in->human) ? 1.0 : clamp01(in->human / 10.0);
}

/* ---- finding the tables ------------------------------------------------- */

/* The year a file name carries (the first run of four digits from 1990 to
** 2100), or 0. */
static int name_year(const char *name)
{
    for (const char *p = name; *p; p++) {
        int k = 0;
        while (p[k] >= '0' && p[k] <= '9')
            k++;
        if (k == 4) {
            int y = atoi(p);
            if (y >= 1990 && y <= 2100) return y;
        }
        if (k) p += k - 1;
    }
    return 0;
}

/* The .csv file of data_dir/sub whose name's year is nearest to year (any
** .csv when want_year is 0: the first by name). Into out (size n); returns its
** year (or 1 for a file without one), 0 when there is none. */
static int find_table(const char *data_dir, const char *sub, int year, int want_year, char *out,
                      size_t n)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", data_dir, sub);
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    int best = 0, best_dist = 1 << 30;
    char best_name[512] = "";
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0 || len >= sizeof best_name)
            continue;
        int y = name_year(e->d_name), dist;
        if (want_year && !y) continue;
        dist = want_year ? abs(y - year) : 0;
        /* Nearest; between two as near, the earlier edition (known at the time);
        ** between names, the first, so that the choice never depends on the folder's order. */
        if (!best_name[0] || dist < best_dist || (dist == best_dist && want_year && y < best) ||
            (dist == best_dist && (!want_year || y == best) && strcmp(e->d_name, best_name) < 0)) {
            best_dist = dist;
            best = y ? y : 1;
            snprintf(best_name, sizeof best_name, "%s", e->d_name);
        }
    }
    closedir(d);
    if (!best_name[0]) return 0;
    snprintf(out, n, "%s/%s", dir, best_name);
    return best;
}

/* The unit of frame f for iso3 (a wide frame: one per country), or -1. */
static long find_unit(const hs_frame *f, const char *iso3)
{
    for (size_t u = 0; u < f->nunits; u++)
        if (strcmp(f->iso3[u], iso3) == 0) return (long)u;
    return -1;
}

static double cell(const hs_frame *f, size_t u, int v)
{
    return v < 0 ? NAN : f->value[u * (size_t)f->nvars + (size_t)v];
}

/* ---- the three tables --------------------------------------------------- */

/* HDR: for each state the year nearest r->year with life expectancy, both
** schooling figures and income all present (else the nearest with any). */
static hs_status read_hdr(hs_region *r, const char *path, hs_error *err)
{
    static const char *const vars[] = {"le", "eys", "mys", "gnipc", "hdi", NULL};
    hs_frame f;
    hs_frame_opts fo = {.vars = vars};
    hs_status st = hs_frame_read(&f, path, &fo, err);
    if (st != HS_OK) return st;
    int v[5];
    for (int k = 0; k < 5; k++)
        v[k] = hs_frame_var(&f, vars[k]);
    for (int s = 0; s < r->sc->nstates; s++) {
        hs_region_indicators *in = &r->ind[s];
        if (!in->iso3[0]) continue;
        long best = -1;
        int best_score = 0, best_dist = 1 << 30;
        for (size_t u = 0; u < f.nunits; u++) {
            if (strcmp(f.iso3[u], in->iso3) != 0) continue;
            int score = 0;
            for (int k = 0; k < 4; k++)
                score += !isnan(cell(&f, u, v[k]));
            if (score == 0) continue;
            int full = score == 4, dist = abs(f.year[u] - r->year);
            int best_full = best_score == 4;
            if (best < 0 || full > best_full ||
                (full == best_full &&
                 (dist < best_dist || (dist == best_dist && f.year[u] < f.year[best])))) {
                best = (long)u;
                best_score = score;
                best_dist = dist;
            }
        }
        if (best < 0) continue;
        in->hdr_year = f.year[best];
        in->le = cell(&f, (size_t)best, v[0]);
        in->eys = cell(&f, (size_t)best, v[1]);
        in->mys = cell(&f, (size_t)best, v[2]);
        in->gnipc = cell(&f, (size_t)best, v[3]);
        in->hdi = cell(&f, (size_t)best, v[4]);
    }
    hs_frame_free(&f);
    return HS_OK;
}

/* A wide table of one edition (INFORM, FSI): the named columns of each state's row. */
static hs_status read_wide(hs_region *r, const char *path, int year, int which, hs_error *err)
{
    static const char *const inform_vars[] = {"Natural", "Human", NULL};
    static const char *const fsi_vars[] = {"C1", "C2", "C3", "P1", "P3", NULL};
    const char *const *vars = which == 0 ? inform_vars : fsi_vars;
    hs_frame f;
    hs_frame_opts fo = {.vars = vars};
    hs_status st = hs_frame_read(&f, path, &fo, err);
    if (st != HS_OK) return st;
    int v[5], nv = which == 0 ? 2 : 5;
    for (int k = 0; k < nv; k++)
        v[k] = hs_frame_var(&f, vars[k]);
    for (int s = 0; s < r->sc->nstates; s++) {
        hs_region_indicators *in = &r->ind[s];
        long u = in->iso3[0] ? find_unit(&f, in->iso3) : -1;
        if (u < 0) continue;
        if (which == 0) {
            in->inform_year = year;
            in->natural = cell(&f, (size_t)u, v[0]);
            in->human = cell(&f, (size_t)u, v[1]);
        } else {
            in->fsi_year = year;
            double *out[5] = {&in->c1, &in->c2, &in->c3, &in->p1, &in->p3};
            for (int k = 0; k < 5; k++)
                *out[k] = cell(&f, (size_t)u, v[k]);
        }
    }
    hs_frame_free(&f);
    return HS_OK;
}

/* Country names the cases use that the country table does not know. */
static const char *case_iso3(const char *name)
{
    static const struct {
        const char *name, *iso3;
    } alias[] = {{"DRC", "COD"}, {"Congo_DR", "COD"}, {"CAR", "CAF"}, {NULL, NULL}};
    for (int k = 0; alias[k].name; k++)
        if (strcmp(alias[k].name, name) == 0) return alias[k].iso3;
    return hs_country_iso3(name);
}

hs_status region_read_indicators(hs_region *r, const char *data_dir, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    for (int s = 0; s < sc->nstates; s++) {
        hs_region_indicators_init(&r->ind[s]);
        const char *iso = case_iso3(sc->states[s].name);
        if (iso) snprintf(r->ind[s].iso3, sizeof r->ind[s].iso3, "%s", iso);
        snprintf(sc->states[s].iso3, sizeof sc->states[s].iso3, "%s", iso ? iso : "");
        if (!iso && region_note(r, "%s: no ISO 3166 code for this country name, so no indicators",
                                sc->states[s].name) != HS_OK)
            return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    if (!data_dir)
        return region_note(r, "no indicator data folder: every state falls back") == HS_OK
                   ? HS_OK
                   : hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    char path[4200];
    const char *subs[3] = {"undp-hdr", "inform", "fsi"};
    char **keep[3] = {&r->hdr_path, &r->inform_path, &r->fsi_path};
    for (int t = 0; t < 3; t++) {
        int y = find_table(data_dir, subs[t], r->year, t > 0, path, sizeof path);
        if (!y) {
            if (region_note(r, "no %s table in %s/%s/: its quantities fall back", subs[t], data_dir,
                            subs[t]) != HS_OK)
                return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
            continue;
        }
        if (!(*keep[t] = strdup(path)))
            return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        hs_status st = t == 0 ? read_hdr(r, path, err) : read_wide(r, path, y, t - 1, err);
        if (st != HS_OK) return st;
    }
    return HS_OK;
}
