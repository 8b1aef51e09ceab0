/*
** region_hdi.c - the world's HDI-like index beside UNDP's HDI over the case's
** years (issue 13; docs/odd/region.md "HDI and life expectancy beside the HDR").
**
** hdi_vs_hdr.csv has one row per state with HDR data and year, from the case's
** start year to the year after its last day (a crisis shows in the next year's
** HDR): the HDR table's HDI and life expectancy for that year (and their change
** since the start year), beside the mean over the run's days in that year of
** the state's own people's HDI-like index and health security (and their
** change since day 0; NA in a year the run has no days of). The two indices are on different scales
*(the HDI-like index is the
** geometric mean of the model's health, schooling and economic security, not
** UNDP's normalised life expectancy, schooling and income), so what compares is
** the change: how far a crisis moves each. The model has no period life
** expectancy; health security is its nearest quantity, and its change stands
** beside the HDR's change in life expectancy.
**
** hdi_change.csv, one row per state and measure, is what the report draws: the
** HDR's HDI from the start year to the last year the table has within a year of
** the run's end, and the world's HDI-like index from day 0 to the last day.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/date.h>
#include <humsec/measure.h>
#include <humsec/outdir.h>
#include "region/region_internal.h"

/* The HDR's HDI and life expectancy of iso3 in each year y0 .. y0 + n - 1 (NAN where
** the table has none). */
static void hdr_series(const hs_frame *f, const char *iso3, int y0, int n, double *hdi, double *le)
{
    int vh = hs_frame_var(f, "hdi"), vl = hs_frame_var(f, "le");
    for (int k = 0; k < n; k++)
        hdi[k] = le[k] = NAN;
    for (size_t u = 0; u < f->nunits; u++) {
        int k = f->year[u] - y0;
        if (k < 0 || k >= n || strcmp(f->iso3[u], iso3) != 0) continue;
        if (vh >= 0) hdi[k] = f->value[u * (size_t)f->nvars + (size_t)vh];
        if (vl >= 0) le[k] = f->value[u * (size_t)f->nvars + (size_t)vl];
    }
}

static void put(FILE *f, double v)
{
    if (isnan(v))
        fputs(",NA", f);
    else
        fprintf(f, ",%.6g", v);
}

int region_origin_state(const hs_region *r)
{
    const hs_world_scenario *sc = r->sc;
    int best = 0;
    long most = -1;
    for (int s = 0; s < sc->nstates; s++) {
        long n = 0;
        for (int k = 0; k < sc->nevents; k++) {
            const hs_world_event *e = &sc->events[k];
            if (e->type != HS_EV_CONFLICT) continue;
            int es = e->loc >= 0 ? sc->geo.loc_state[e->loc] : e->state;
            n += es == s;
        }
        if (n > most) most = n, best = s;
    }
    return best;
}

hs_status region_write_hdi(const hs_region *r, const hs_flight_case *c, const hs_world_sim *sim,
                           hs_outdir *o, json_t *summary, hs_error *err)
{
    long days = hs_world_sim_days(sim);
    int y0, y1, mo, da;
    hs_date_to_civil(c->start_date, &y0, &mo, &da);
    hs_date_to_civil(c->start_date + (days > 0 ? days - 1 : 0), &y1, &mo, &da);
    int ny = y1 - y0 + 2;
    hs_frame f;
    int have = 0;
    if (r->hdr_path) {
        static const char *const vars[] = {"hdi", "le", NULL};
        hs_frame_opts fo = {.vars = vars};
        hs_status st = hs_frame_read(&f, r->hdr_path, &fo, err);
        if (st != HS_OK) return st;
        have = 1;
    }
    FILE *out = hs_outdir_fopen(o, "hdi_vs_hdr.csv", err);
    FILE *chg = out ? hs_outdir_fopen(o, "hdi_change.csv", err) : NULL;
    double *hdi = malloc((size_t)ny * 2 * sizeof *hdi);
    json_t *js = json_array();
    if (!out || !chg || !hdi || !js) {
        if (have) hs_frame_free(&f);
        free(hdi);
        json_decref(js);
        if (out) fclose(out);
        if (chg) fclose(chg);
        return out && chg ? hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory")
                          : HS_ERR_IO;
    }
    fputs("state,origin,measure,from,to,change\n", chg);
    double *le = hdi + ny;
    fputs("state,iso3,year,days,hdr_hdi,hdr_hdi_change,hdr_le,hdr_le_change,hdi_like,"
          "hdi_like_change,health,health_change\n",
          out);
    int origin = region_origin_state(r);
    for (int s = 0; s < r->sc->nstates; s++) {
        const char *iso3 = r->ind[s].iso3;
        if (!have || !iso3[0]) continue;
        hdr_series(&f, iso3, y0, ny, hdi, le);
        const hs_world_record *first = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, 0);
        double m0 = first ? first->hdi_like : NAN, h0 = first ? first->mean[HS_DIM_HEALTH] : NAN;
        double last_hdr = NAN;
        int last_year = y0;
        for (int k = 0; k < ny; k++) {
            /* The mean over the run's days in year y0 + k. */
            long from = hs_date_from_civil(y0 + k, 1, 1) - c->start_date;
            long to = hs_date_from_civil(y0 + k + 1, 1, 1) - c->start_date;
            from = from < 0 ? 0 : from;
            to = to > days ? days : to;
            double sm = 0.0, sh = 0.0;
            for (long d = from; d < to; d++) {
                const hs_world_record *rec = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d);
                sm += rec->hdi_like;
                sh += rec->mean[HS_DIM_HEALTH];
            }
            long nd = to > from ? to - from : 0;
            double mm = nd > 0 ? sm / (double)nd : NAN, mh = nd > 0 ? sh / (double)nd : NAN;
            fprintf(out, "%s,%s,%d,%ld", r->sc->states[s].name, iso3, y0 + k, nd);
            put(out, hdi[k]);
            put(out, hdi[k] / hdi[0] - 1.0);
            put(out, le[k]);
            put(out, le[k] / le[0] - 1.0);
            put(out, mm);
            put(out, mm / m0 - 1.0);
            put(out, mh);
            put(out, mh / h0 - 1.0);
            fputc('\n', out);
            if (!isnan(hdi[k] / hdi[0])) last_hdr = hdi[k] / hdi[0] - 1.0, last_year = y0 + k;
        }
        /* The model: its last day against day 0, and its deepest fall (P7's measure). */
        double m_end = NAN, m_min = m0;
        for (long d = 0; d < days; d++) {
            double v = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d)->hdi_like;
            m_min = fmin(m_min, v);
            m_end = v;
        }
        if (!isnan(last_hdr))
            fprintf(chg, "%s,%d,UNDP HDI,%d,%d,%.6g\n", r->sc->states[s].name, s == origin, y0,
                    last_year, last_hdr);
        if (m0 > 0)
            fprintf(chg, "%s,%d,HDI-like index,day 0,day %ld,%.6g\n", r->sc->states[s].name,
                    s == origin, days - 1, m_end / m0 - 1.0);
        json_t *j = json_object();
        json_object_set_new(j, "state", json_string(r->sc->states[s].name));
        json_object_set_new(j, "origin", json_boolean(s == origin));
        json_object_set_new(j, "first_year", json_integer(y0));
        json_object_set_new(j, "last_year", json_integer(last_year));
        json_object_set_new(j, "hdr_hdi_change",
                            isnan(last_hdr) ? json_null() : json_real(last_hdr));
        json_object_set_new(j, "hdi_like_change",
                            m0 > 0 ? json_real(m_end / m0 - 1.0) : json_null());
        json_object_set_new(j, "hdi_like_fall_most",
                            m0 > 0 ? json_real(1.0 - m_min / m0) : json_null());
        json_array_append_new(js, j);
    }
    if (have) hs_frame_free(&f);
    free(hdi);
    hs_status st = hs_outdir_fclose(o, out, "hdi_vs_hdr.csv", err);
    hs_status st2 = hs_outdir_fclose(o, chg, "hdi_change.csv", err);
    if (st == HS_OK) st = st2;
    if (st == HS_OK)
        json_object_set_new(summary, "hdi_vs_hdr", js);
    else
        json_decref(js);
    return st;
}
