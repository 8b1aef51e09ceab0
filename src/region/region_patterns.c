/*
** region_patterns.c - patterns P3-P6 of patterns.md held to the conflict's own
** figures (issue 13; docs/odd/region.md, "P3-P6 beside the conflict's own
** figures").
**
** The world's own checks (src/world/patterns.c) judge any run against the
** generic bands of patterns.md. A run built from a real conflict can say more:
** beside each quantity the run measures, the same quantity for that conflict as
** the data give it. What the data hold: the case's UNHCR camp counts (its
** source_data, the series the ARD reads) and UNDP's population, life expectancy
** and maternal mortality by country and year (the HDR table in the data
** folder). What they do not hold: counts of the internally displaced (IDMC), of
** returns, of births and deaths (UN WPP) and of conflict deaths (UCDP). Where
** they do not, the real figure is NA with the reason in the row's note, never a
** number from elsewhere: patterns.md's own figures stay in patterns.md.
**
** patterns_vs_real.csv has one row per pattern, measure and state: P3, P4 and
** P6 for the origin (the state most conflict events are in), whose conflict the
** case's series count; P5 for every state. summary.json gains
** "patterns_vs_real", the same rows.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/date.h>
#include <humsec/measure.h>
#include <humsec/outdir.h>
#include <humsec/table.h>
#include "region/region_internal.h"

static hs_status nomem(hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
}

/* ---- the real side: the HDR table ---------------------------------------- */

/* The HDR's value of var for iso3 in year; with nearest, else the nearest year
** that has one (the earlier of two as near). *used is the year taken, 0 (and
** NAN returned) when there is none. */
static double hdr_at(const hs_frame *f, const char *iso3, const char *var, int year, int nearest,
                     int *used)
{
    int v = f ? hs_frame_var(f, var) : -1, best = 0;
    double out = NAN;
    *used = 0;
    for (size_t u = 0; v >= 0 && iso3[0] && u < f->nunits; u++) {
        double x = f->value[u * (size_t)f->nvars + (size_t)v];
        int y = f->year[u];
        if (isnan(x) || strcmp(f->iso3[u], iso3) != 0 || (!nearest && y != year)) continue;
        if (!best || abs(y - year) < abs(best - year) ||
            (abs(y - year) == abs(best - year) && y < best))
            best = y, out = x;
    }
    *used = best;
    return out;
}

/* The file name of a path, for the rows' sources. */
static const char *base(const char *path)
{
    const char *b = path ? strrchr(path, '/') : NULL;
    return b ? b + 1 : path ? path : "";
}

/* ---- the model side: the world's own checks ------------------------------ */

/* The value of the world's check id of state (what starting with what, when
** given); NAN when it does not apply (*applies 0) or is not there. */
static double checked(const hs_world_pattern *p, int n, const char *id, const char *what, int s,
                      int *applies)
{
    *applies = 0;
    for (int k = 0; k < n; k++) {
        if (p[k].state != s || strcmp(p[k].id, id) != 0) continue;
        if (what && strncmp(p[k].what, what, strlen(what)) != 0) continue;
        *applies = p[k].applies;
        return p[k].applies ? p[k].value : NAN;
    }
    return NAN;
}

/* ---- the rows ------------------------------------------------------------ */

typedef struct builder {
    const hs_region *r;
    region_pattern_row *rows;
    int n;
} builder;

static region_pattern_row *row(builder *b, const char *pattern, const char *measure,
                               const char *label, const char *unit, int s)
{
    region_pattern_row *w = &b->rows[b->n++];
    memset(w, 0, sizeof *w);
    w->pattern = pattern;
    w->measure = measure;
    w->label = label;
    w->unit = unit;
    w->state = s;
    w->model = w->real = NAN;
    return w;
}

/* What the origin's rows share: the run's days, its camp counts and population. */
typedef struct origin_ctx {
    const hs_flight_case *c;
    const hs_world_sim *sim;
    const double *daily; /* hs_region_ard's: per day world camp people, UNHCR's, ARD x 2 */
    long days;
    int s;
    double pop; /* the origin's people, from pop_source */
    char from[11], to[11];
    char pop_source[224];
} origin_ctx;

static void no_series(region_pattern_row *w, const char *what)
{
    snprintf(w->source, sizeof w->source, "none");
    snprintf(w->note, sizeof w->note, "no real figure: the case has no UNHCR %s", what);
}

/* The peak over the run's days of the origin's refugees and camp people in the
** world, with the people the camps start with, in people; *n0 gets those. */
static double world_refugees_peak(const builder *b, const origin_ctx *o, double *n0)
{
    const hs_world_scenario *sc = b->r->sc;
    double start = 0, peak = 0;
    for (int l = 0; l < sc->geo.nloc; l++)
        if (sc->geo.loc_type[l] == HS_LOC_CAMP || sc->geo.loc_type[l] == HS_LOC_IDPCAMP)
            start += sc->people[l];
    for (long d = 0; d < o->days; d++) {
        const hs_world_record *rec = hs_world_sim_record(o->sim, HS_SCOPE_NATIONALS, o->s, d);
        peak = fmax(peak, (double)(rec->people[HS_PS_REFUGEE] + rec->people[HS_PS_CAMP]));
    }
    *n0 = start * b->r->scale;
    return (peak + start) * b->r->scale;
}

/* P3: the people in the case's camps and the origin's refugees at the peak, over
** the origin's people, each beside UNHCR's; the most displaced at once, which the
** data cannot say. */
static void p3(builder *b, const origin_ctx *o, const hs_world_pattern *pat, int npat)
{
    const hs_flight_case *c = o->c;
    region_pattern_row *w =
        row(b, "P3", "camp_people_peak_share", "camps at the peak, of the country", "share", o->s);
    if (c->ncamps == 0 || o->days <= 0) {
        no_series(w, "camp series");
    } else {
        double wmax = 0, dmax = 0;
        long wday = 0, dday = 0;
        for (long d = 0; d < o->days; d++) {
            const double *x = o->daily + (size_t)d * 4;
            if (x[0] > wmax) wmax = x[0], wday = d;
            if (x[1] > dmax) dmax = x[1], dday = d;
        }
        w->model = wmax / o->pop;
        w->real = dmax / o->pop;
        snprintf(w->source, sizeof w->source,
                 "UNHCR camp counts (the case's source_data, %d camps, as the ARD reads them) "
                 "over %s",
                 c->ncamps, o->pop_source);
        snprintf(w->years, sizeof w->years, "%s to %s", o->from, o->to);
        snprintf(w->note, sizeof w->note,
                 "the world's people at those camps (any country's) against UNHCR's: peak on day "
                 "%ld in the world (%.0f people), day %ld in UNHCR's counts (%.0f); one "
                 "population under both, so this compares the counts",
                 wday, wmax, dday, dmax);
    }

    w = row(b, "P3", "refugees_peak_share", "refugees at the peak, of the country", "share", o->s);
    if (!c->has_total || o->days <= 0) {
        no_series(w, "refugee total (data_layout.csv's total)");
    } else {
        double dmax = 0, n0;
        for (long d = 0; d < o->days; d++)
            dmax = fmax(dmax, hs_series_at(&c->total, (double)d));
        w->model = world_refugees_peak(b, o, &n0) / o->pop;
        w->real = dmax / o->pop;
        snprintf(w->source, sizeof w->source,
                 "UNHCR's refugee total (the case's source_data, data_layout.csv's total) over %s",
                 o->pop_source);
        snprintf(w->years, sizeof w->years, "%s to %s", o->from, o->to);
        snprintf(w->note, sizeof w->note,
                 "the world's: the people of %s abroad or in a camp at their peak, plus the %.0f "
                 "people its camps start with (UNHCR's day-0 counts, which the world gives to the "
                 "camps' countries); UNHCR's peak %.0f",
                 b->r->sc->states[o->s].name, n0, dmax);
    }

    int ap;
    w = row(b, "P3", "displaced_peak_share", "displaced at once, of its people", "share", o->s);
    w->model = checked(pat, npat, "P3", NULL, o->s, &ap);
    snprintf(w->source, sizeof w->source, "none");
    snprintf(w->note, sizeof w->note,
             "no real figure: the data hold no count of the internally displaced (IDMC) and the "
             "case's UNHCR series count refugees only (refugees_peak_share); the world's: its "
             "people displaced, abroad or in camps, of its living people%s",
             ap ? "" : "; the world's check does not apply (no crisis day)");
}

/* P4: the camps' people on the last day against their peak, beside UNHCR's; the
** returns once calm, which the data cannot say. */
static void p4(builder *b, const origin_ctx *o, const hs_world_pattern *pat, int npat)
{
    region_pattern_row *w = row(b, "P4", "camp_people_last_vs_peak",
                                "camp people, last day vs the peak", "change", o->s);
    if (o->c->ncamps == 0 || o->days <= 0) {
        no_series(w, "camp series");
    } else {
        double wmax = 0, dmax = 0;
        for (long d = 0; d < o->days; d++) {
            wmax = fmax(wmax, o->daily[(size_t)d * 4]);
            dmax = fmax(dmax, o->daily[(size_t)d * 4 + 1]);
        }
        const double *last = o->daily + (size_t)(o->days - 1) * 4;
        w->model = wmax > 0 ? last[0] / wmax - 1.0 : NAN;
        w->real = dmax > 0 ? last[1] / dmax - 1.0 : NAN;
        snprintf(w->source, sizeof w->source,
                 "UNHCR camp counts (the case's source_data, as the ARD reads them)");
        snprintf(w->years, sizeof w->years, "%s to %s", o->from, o->to);
        snprintf(w->note, sizeof w->note,
                 "a fall is people leaving the camps, home or onward: the counts do not say "
                 "which");
    }
    int ap;
    w = row(b, "P4", "returned_once_calm", "returned after 6 calm months", "people", o->s);
    w->model = checked(pat, npat, "P4", NULL, o->s, &ap) * b->r->scale;
    snprintf(w->source, sizeof w->source, "none");
    snprintf(w->note, sizeof w->note,
             "no real figure: the data hold no count of returns (UNHCR's returnee figures)%s",
             ap ? ""
                : "; the world's check does not apply (no 6 months of calm after a crisis, or "
                  "no one away then)");
}

/* P6: the world's violent deaths in its worst year; the data hold no real figure. */
static void p6(builder *b, const origin_ctx *o, const hs_world_pattern *pat, int npat)
{
    int ap;
    region_pattern_row *w = row(b, "P6", "violent_deaths_worst_year_share",
                                "violent deaths in the worst year", "share", o->s);
    w->model = checked(pat, npat, "P6", NULL, o->s, &ap);
    snprintf(w->source, sizeof w->source, "none");
    snprintf(w->note, sizeof w->note,
             "no real figure: the data hold no count of conflict deaths (UCDP, SOHR)%s",
             ap ? "" : "; the world's check does not apply (no crisis day)");
}

/* P5 for state s: births and deaths at peace as the world checks them, maternal
** mortality and the change of life expectancy over the case's years. */
static void p5(builder *b, const hs_frame *hdr, const hs_world_sim *sim,
               const hs_world_pattern *pat, int npat, int s, int y0, int y_end)
{
    const hs_region *r = b->r;
    const char *iso3 = r->ind[s].iso3, *file = base(r->hdr_path);
    const hs_world_record *first = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, 0);
    int residents = first && first->people[HS_PS_HOME] > 0, ap;
    static const char *const no_res = "; the world has none of its people at home (only camps)";
    static const char *const no_peace =
        "; the world's check does not apply (too little of the run at peace)";
    const char *why_not = residents ? no_peace : no_res;

    /* Births and deaths at peace: the world's own check, no real rate in the data. */
    static const struct {
        const char *measure, *label, *what, *rate;
    } crude[] = {
        {"births_per_1000_year_at_peace", "births a year per 1,000, at peace", "births", "birth"},
        {"deaths_per_1000_year_at_peace", "deaths a year per 1,000, at peace", "deaths", "death"}};
    region_pattern_row *w = NULL;
    for (size_t k = 0; k < sizeof crude / sizeof *crude; k++) {
        w = row(b, "P5", crude[k].measure, crude[k].label, "per 1,000 a year", s);
        w->model = checked(pat, npat, "P5", crude[k].what, s, &ap);
        snprintf(w->source, sizeof w->source, "none");
        snprintf(w->note, sizeof w->note,
                 "no real figure: the data hold no crude %s rate (UN World Population "
                 "Prospects)%s",
                 crude[k].rate, ap ? "" : why_not);
    }

    /* Maternal mortality: the world's over the whole run, beside the HDR's for the start
    ** year (else the nearest year the table has). */
    w = row(b, "P5", "maternal_deaths_per_100000_births", "maternal deaths per 100,000 births",
            "per 100,000 births", s);
    hs_world_totals t;
    hs_world_sim_totals(sim, s, &t);
    w->model = residents ? t.maternal_mortality : NAN;
    int ym;
    w->real = hdr_at(hdr, iso3, "mmr", y0, 1, &ym);
    if (ym) {
        snprintf(w->source, sizeof w->source, "UNDP HDR mmr (%s)", file);
        snprintf(w->years, sizeof w->years, "%d", ym);
    } else {
        snprintf(w->source, sizeof w->source, "none");
    }
    snprintf(w->note, sizeof w->note, "%s%s%s",
             ym ? "the world's over the whole run, crisis days included"
                : "no real figure: no maternal mortality for this country in the HDR table",
             ym && ym != y0 ? " (the table's nearest year to the start)" : "",
             residents ? (isnan(w->model) ? "; no births in the world" : "") : no_res);

    /* Life expectancy from the start year to the year after the run's end (the last
    ** year the table has, if earlier): the world has no period life expectancy. */
    w = row(b, "P5", "life_expectancy_change", "life expectancy change, years", "years", s);
    int ya, yb = 0;
    double le0 = hdr_at(hdr, iso3, "le", y0, 0, &ya), le1 = NAN;
    for (int y = y_end; y > y0 && !isnan(le0) && isnan(le1); y--)
        le1 = hdr_at(hdr, iso3, "le", y, 0, &yb);
    w->real = le1 - le0;
    if (!isnan(w->real)) {
        snprintf(w->source, sizeof w->source, "UNDP HDR le (%s)", file);
        snprintf(w->years, sizeof w->years, "%d-%d", y0, yb);
    } else {
        snprintf(w->source, sizeof w->source, "none");
    }
    snprintf(w->note, sizeof w->note,
             "%sthe world has no period life expectancy: its health security beside the HDR's "
             "life expectancy is in hdi_vs_hdr.csv",
             !isnan(w->real) ? ""
             : isnan(le0)    ? "no real figure: no life expectancy for the start year in the HDR "
                               "table; "
                             : "no real figure: no later year in the HDR table; ");
}

hs_status region_patterns_compare(const hs_region *r, const hs_flight_case *c,
                                  const hs_flight_settings *s, const hs_world_sim *sim,
                                  region_pattern_row *rows, int *n, hs_error *err)
{
    *n = 0;
    long days = hs_world_sim_days(sim);
    int y0, y1, mo, da;
    hs_date_to_civil(c->start_date, &y0, &mo, &da);
    hs_date_to_civil(c->start_date + (days > 0 ? days - 1 : 0), &y1, &mo, &da);
    hs_frame f;
    const hs_frame *hdr = NULL;
    if (r->hdr_path) {
        static const char *const vars[] = {"pop_total", "le", "mmr", NULL};
        hs_frame_opts fo = {.vars = vars};
        hs_status st = hs_frame_read(&f, r->hdr_path, &fo, err);
        if (st != HS_OK) return st;
        hdr = &f;
    }
    int npat = HS_WORLD_PATTERNS_PER_STATE * r->sc->nstates;
    hs_world_pattern *pat = calloc((size_t)npat, sizeof *pat);
    double *daily = calloc((size_t)days * 4 + 4, sizeof *daily);
    if (!pat || !daily) {
        free(pat);
        free(daily);
        if (hdr) hs_frame_free(&f);
        return nomem(err);
    }
    npat = hs_world_sim_patterns(sim, pat, npat);
    double ard, ardr;
    hs_region_ard(r, c, s, sim, &ard, &ardr, daily);

    /* The origin's people: the HDR's population of the start year (millions), else
    ** the case's own places in it, said so. */
    origin_ctx o = {.c = c, .sim = sim, .daily = daily, .days = days, .s = region_origin_state(r)};
    hs_date_format(c->start_date, o.from);
    hs_date_format(c->start_date + (days > 0 ? days - 1 : 0), o.to);
    int yp;
    o.pop = hdr_at(hdr, r->ind[o.s].iso3, "pop_total", y0, 1, &yp) * 1e6;
    if (yp) {
        snprintf(o.pop_source, sizeof o.pop_source, "UNDP HDR pop_total %d (%.0f people; %s)", yp,
                 o.pop, base(r->hdr_path));
    } else {
        o.pop = 0;
        for (int l = 0; l < c->geo->nloc; l++)
            if (c->geo->loc_state[l] == o.s) o.pop += fmax(0.0, c->population[l]);
        snprintf(o.pop_source, sizeof o.pop_source,
                 "the people of the case's places in %s (%.0f; no HDR population for it)",
                 r->sc->states[o.s].name, o.pop);
    }
    if (!(o.pop > 0)) o.pop = NAN;
    builder b = {r, rows, 0};
    p3(&b, &o, pat, npat);
    p4(&b, &o, pat, npat);
    for (int st = 0; st < r->sc->nstates; st++)
        p5(&b, hdr, sim, pat, npat, st, y0, y1 + 1);
    p6(&b, &o, pat, npat);
    free(pat);
    free(daily);
    if (hdr) hs_frame_free(&f);
    *n = b.n;
    return HS_OK;
}

/* ---- writing ------------------------------------------------------------- */

static void put(FILE *f, double v)
{
    if (isnan(v))
        fputs(",NA", f);
    else
        fprintf(f, ",%.6g", v);
}

static json_t *jnum(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *row_json(const hs_region *r, const region_pattern_row *w, int origin)
{
    json_t *j = json_object();
    json_object_set_new(j, "pattern", json_string(w->pattern));
    json_object_set_new(j, "state", json_string(r->sc->states[w->state].name));
    json_object_set_new(j, "iso3", json_string(r->ind[w->state].iso3));
    json_object_set_new(j, "origin", json_boolean(w->state == origin));
    json_object_set_new(j, "measure", json_string(w->measure));
    json_object_set_new(j, "label", json_string(w->label));
    json_object_set_new(j, "unit", json_string(w->unit));
    json_object_set_new(j, "model", jnum(w->model));
    json_object_set_new(j, "real", jnum(w->real));
    json_object_set_new(j, "real_source", json_string(w->source));
    json_object_set_new(j, "real_years", json_string(w->years));
    json_object_set_new(j, "note", json_string(w->note));
    return j;
}

hs_status region_write_patterns(const hs_region *r, const hs_flight_case *c,
                                const hs_flight_settings *s, const hs_world_sim *sim,
                                struct hs_outdir *o, json_t *summary, hs_error *err)
{
    region_pattern_row *rows = calloc(REGION_PATTERN_ROWS, sizeof *rows);
    if (!rows) return nomem(err);
    int n;
    hs_status st = region_patterns_compare(r, c, s, sim, rows, &n, err);
    FILE *f = st == HS_OK ? hs_outdir_fopen(o, "patterns_vs_real.csv", err) : NULL;
    json_t *js = json_array();
    if (st != HS_OK || !f || !js) {
        free(rows);
        json_decref(js);
        if (f) fclose(f);
        return st != HS_OK ? st : f ? nomem(err) : HS_ERR_IO;
    }
    int origin = region_origin_state(r);
    fputs("pattern,state,iso3,origin,measure,unit,model,real,real_source,real_years,note\n", f);
    for (int k = 0; k < n; k++) {
        const region_pattern_row *w = &rows[k];
        fprintf(f, "%s,", w->pattern);
        hs_csv_put_text(f, r->sc->states[w->state].name);
        fprintf(f, ",%s,%d,%s,", r->ind[w->state].iso3, w->state == origin, w->measure);
        hs_csv_put_text(f, w->unit);
        put(f, w->model);
        put(f, w->real);
        fputc(',', f);
        hs_csv_put_text(f, w->source);
        fputc(',', f);
        hs_csv_put_text(f, w->years);
        fputc(',', f);
        hs_csv_put_text(f, w->note);
        fputc('\n', f);
        json_array_append_new(js, row_json(r, w, origin));
    }
    free(rows);
    st = hs_outdir_fclose(o, f, "patterns_vs_real.csv", err);
    if (st == HS_OK)
        json_object_set_new(summary, "patterns_vs_real", js);
    else
        json_decref(js);
    return st;
}
