/*
** flee_series.c - the UNHCR series of a Flee case: source_data/data_layout.csv,
** one file per camp (or several, added up), registration corrections, and the
** quirks Flee tolerates in them (sorted dates, repeated dates, extra columns,
** series for places off the map), each with a warning. Read for flee_case.c.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/date.h>
#include <humsec/table.h>
#include "flight/flee_case_internal.h"
#include "flight/flight_internal.h"

void flee_series_free(hs_series *s)
{
    free(s->day);
    free(s->value);
    memset(s, 0, sizeof *s);
}

/* A dated count and the line it came from, while a series is being read. */
typedef struct series_point {
    double day, value;
    double count; /* as the file gives it (value is count / hasten) */
    long line;
} series_point;

/* Put the points in date order (stable: equal dates keep their file order).
** Insertion sort: a series has a few hundred points, nearly in order. */
static void series_sort(series_point *p, int n)
{
    for (int i = 1; i < n; i++) {
        series_point x = p[i];
        int j = i;
        while (j > 0 && p[j - 1].day > x.day) {
            p[j] = p[j - 1];
            j--;
        }
        p[j] = x;
    }
}

/* UNHCR files as FabFlee ships them have rows appended out of date order, some
** repeating a date with another count. Flee reads them as they are (its linear
** interpolation scans for the first later date, so a row out of order skews
** the series around it); humsec does the evident thing and warns: the series
** is sorted by date, and of rows with the same date the later in the file (the
** later revision) is kept. */
static hs_status series_tidy(hs_flight_case *c, const char *path, series_point *p, int *n,
                             hs_error *err)
{
    int first_bad = -1;
    for (int i = 1; i < *n && first_bad < 0; i++)
        if (p[i].day <= p[i - 1].day) first_bad = i;
    if (first_bad < 0) return HS_OK;
    char d1[11], d0[11];
    hs_date_format(c->start_date + (long)p[first_bad].day, d1);
    hs_date_format(c->start_date + (long)p[first_bad - 1].day, d0);
    hs_status st = HS_OK;
    int unordered = 0;
    for (int i = 1; i < *n; i++)
        unordered += p[i].day < p[i - 1].day;
    if (unordered)
        st = hs_flight_case_warn(c, err,
                                 "%s:%ld: field 'date': dates out of order ('%s' after '%s' on "
                                 "line %ld): the series is sorted by date",
                                 path, p[first_bad].line, d1, d0, p[first_bad - 1].line);
    series_sort(p, *n);
    int m = 0;
    for (int i = 0; i < *n && st == HS_OK; i++) {
        if (m > 0 && p[m - 1].day == p[i].day) {
            hs_date_format(c->start_date + (long)p[i].day, d1);
            st =
                hs_flight_case_warn(c, err,
                                    "%s:%ld: field 'date': '%s' also on line %ld (count %.0f): "
                                    "the later line's count %.0f is used",
                                    path, p[i].line, d1, p[m - 1].line, p[m - 1].count, p[i].count);
            p[m - 1] = p[i];
        } else {
            p[m++] = p[i];
        }
    }
    *n = m;
    return st;
}

static hs_status read_series(hs_series *out, const case_src *src, const char *file,
                             hs_flight_case *c, const hs_flight_settings *s, hs_error *err)
{
    hs_table t;
    memset(out, 0, sizeof *out);
    hs_status st = flee_src_read(c, src, 1, file, 0, NULL, &t, err);
    if (st != HS_OK) return st;
    series_point *p = malloc((t.nrows ? t.nrows : 1) * sizeof *p);
    int n = 0, extra = 0;
    long extra_line = 0;
    if (!p) st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (size_t r = 0; r < t.nrows && st == HS_OK; r++) {
        const char *d = hs_table_get(&t, r, 0), *v = hs_table_get(&t, r, 1);
        if (flee_is_comment(&t.rows[r]) || !*v) continue;
        if (r == 0 && (strcmp(d, "Date") == 0 || strcmp(d, "DateTime") == 0)) continue;
        long day;
        if (hs_date_parse(d, &day) != 0) {
            st = flee_bad(err, &t, r, "date", "not a date (YYYY-MM-DD): '%s'", d);
            break;
        }
        double count;
        if ((st = hs_table_double(&t, r, 1, "count", &count, err)) != HS_OK) break;
        if (count < 0) {
            st = flee_bad(err, &t, r, "count", "negative count '%s'", v);
            break;
        }
        if (count > FLEE_PEOPLE_MAX) { /* people are spawned from it */
            st = flee_bad(err, &t, r, "count",
                          "%s is more people than humsec holds at one place (at most 1e9)", v);
            break;
        }
        p[n].day = (double)(day - c->start_date);
        p[n].value = count / (double)s->hasten; /* Flee: true division */
        p[n].count = count;
        p[n].line = t.rows[r].line;
        n++;
        /* FabFlee's series sometimes carry a third column (mol-ocnita.csv: a
        ** doubled count); the format defines the second as the count. */
        if (t.rows[r].nfields > 2 && *hs_table_get(&t, r, 2) && extra++ == 0)
            extra_line = t.rows[r].line;
    }
    if (st == HS_OK && extra)
        st = hs_flight_case_warn(c, err,
                                 "%s:%ld: field 'count': %d rows have more than two columns "
                                 "(date, count): the second is the count, the rest is ignored",
                                 t.path, extra_line, extra);
    if (st == HS_OK && n == 0)
        st = hs_error_set(err, HS_ERR_INVALID, t.path, 0, NULL, "no dated counts");
    if (st == HS_OK) st = series_tidy(c, t.path, p, &n, err);
    if (st == HS_OK) {
        out->day = malloc((size_t)n * sizeof(double));
        out->value = malloc((size_t)n * sizeof(double));
        if (!out->day || !out->value)
            st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (int i = 0; st == HS_OK && i < n; i++) {
        out->day[i] = p[i].day;
        out->value[i] = p[i].value;
    }
    if (st == HS_OK) out->n = n;
    free(p);
    hs_table_free(&t);
    if (st != HS_OK) flee_series_free(out);
    return st;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The sum of n series on the union of their days: Flee adds up the files of
** one data_layout.csv row. */
static hs_status series_sum(hs_series *out, const hs_series *parts, int n, hs_error *err)
{
    int total = 0;
    for (int j = 0; j < n; j++)
        total += parts[j].n;
    memset(out, 0, sizeof *out);
    out->day = malloc(((size_t)total + 1) * sizeof *out->day);
    out->value = malloc(((size_t)total + 1) * sizeof *out->value);
    if (!out->day || !out->value) {
        flee_series_free(out);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    int m = 0;
    for (int j = 0; j < n; j++)
        for (int k = 0; k < parts[j].n; k++)
            out->day[m++] = parts[j].day[k];
    qsort(out->day, (size_t)m, sizeof *out->day, cmp_double);
    int u = 0;
    for (int k = 0; k < m; k++)
        if (u == 0 || out->day[k] != out->day[u - 1]) out->day[u++] = out->day[k];
    for (int k = 0; k < u; k++) {
        double v = 0.0;
        for (int j = 0; j < n; j++)
            v += hs_series_at(&parts[j], out->day[k]);
        out->value[k] = v;
    }
    out->n = u;
    return HS_OK;
}

/* Read the series of one data_layout.csv row: one file, or the sum of several. */
static hs_status read_row_series(hs_series *out, hs_table *t, size_t r, const case_src *src,
                                 hs_flight_case *c, const hs_flight_settings *s, hs_error *err)
{
    int nfiles = 0;
    for (int k = 1; k < t->rows[r].nfields; k++)
        nfiles += *hs_table_get(t, r, k) != '\0';
    if (nfiles <= 1) return read_series(out, src, hs_table_get(t, r, 1), c, s, err);
    hs_series parts[16];
    if (nfiles > 16)
        return flee_bad(err, t, r, "file", "more than 16 data files for '%s'",
                        hs_table_get(t, r, 0));
    hs_status st = hs_flight_case_warn(
        c, err, "%s:%ld: field 'file': %d data files for '%s': their counts are added up", t->path,
        t->rows[r].line, nfiles, hs_table_get(t, r, 0));
    int got = 0;
    for (int k = 1; k < t->rows[r].nfields && st == HS_OK; k++)
        if (*hs_table_get(t, r, k)) {
            st = read_series(&parts[got], src, hs_table_get(t, r, k), c, s, err);
            if (st == HS_OK) got++;
        }
    if (st == HS_OK) st = series_sum(out, parts, got, err);
    for (int k = 0; k < got; k++)
        flee_series_free(&parts[k]);
    return st;
}

static int series_all_zero(const hs_series *s)
{
    for (int i = 0; i < s->n; i++)
        if (s->value[i] != 0) return 0;
    return 1;
}

/* Every UNHCR count 0: the data displaces nobody, and the ARD (the camps' error
** against the data, divided by the data's total or by 1 when that is 0) is the
** number of people in the camps, 0 when there are none: a "perfect fit" that
** says nothing. Flee reports it as it is; humsec says so. */
static hs_status warn_all_zero(hs_flight_case *c, const hs_table *t, hs_error *err)
{
    int n = c->has_total + c->ncamps + c->noffmap;
    if (n == 0 || (c->has_total && !series_all_zero(&c->total))) return HS_OK;
    for (int k = 0; k < c->ncamps; k++)
        if (!series_all_zero(&c->camp_series[k])) return HS_OK;
    for (int k = 0; k < c->noffmap; k++)
        if (!series_all_zero(&c->offmap_series[k])) return HS_OK;
    long line = 0;
    for (size_t r = 0; r < t->nrows && !line; r++)
        if (!flee_is_comment(&t->rows[r])) line = t->rows[r].line;
    return hs_flight_case_warn(c, err,
                               "%s:%ld: field 'count': every count of the %d UNHCR series is 0: "
                               "the data displaces nobody, and the ARD against it (0 when the "
                               "camps are empty) says nothing about the fit",
                               t->path, line, n);
}

hs_status flee_read_data(hs_flight_case *c, const case_src *src, const hs_flight_settings *s,
                         hs_error *err)
{
    hs_table t;
    int present;
    int needed = s->spawn_mode == HS_SPAWN_DATA;
    hs_status st = flee_src_read(c, src, 1, "data_layout.csv", !needed, &present, &t, err);
    if (st != HS_OK || !present) return st;
    c->camp_loc = malloc(t.nrows * sizeof(int32_t));
    c->camp_series = calloc(t.nrows, sizeof(hs_series));
    if (!c->camp_loc || !c->camp_series) {
        hs_table_free(&t);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (size_t r = 0; r < t.nrows && st == HS_OK; r++) {
        if (flee_is_comment(&t.rows[r])) continue;
        const char *name = hs_table_get(&t, r, 0), *file = hs_table_get(&t, r, 1);
        if (!*file) {
            st = flee_bad(err, &t, r, "file", "no data file named for '%s'", name);
            break;
        }
        if (strcmp(name, "total") == 0) {
            /* A second total row: the later is used (as a repeated date's later count). */
            if (c->has_total) {
                flee_series_free(&c->total);
                c->has_total = 0;
                st = hs_flight_case_warn(c, err,
                                         "%s:%ld: field 'name': 'total' named again: this "
                                         "row's series is used, the earlier one's is not",
                                         t.path, t.rows[r].line);
                if (st != HS_OK) break;
            }
            st = read_row_series(&c->total, &t, r, src, c, s, err);
            c->has_total = st == HS_OK;
            continue;
        }
        int loc = hs_geo_find(c->geo, name);
        if (loc < 0) {
            /* Flee counts such a series in its sum_from_camps totals, and compares it with
            ** no camp: the same here. */
            hs_series *more = realloc(c->offmap_series, ((size_t)c->noffmap + 1) * sizeof *more);
            if (!more) {
                st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
                break;
            }
            c->offmap_series = more;
            st = hs_flight_case_warn(c, err,
                                     "%s:%ld: field 'name': no location '%s' in locations.csv: "
                                     "its series counts in the sum_from_camps totals and is "
                                     "compared with no camp",
                                     t.path, t.rows[r].line, name);
            if (st == HS_OK)
                st = read_row_series(&c->offmap_series[c->noffmap], &t, r, src, c, s, err);
            if (st == HS_OK) c->noffmap++;
            continue;
        }
        if (c->capacity[loc] < 0) {
            st = flee_bad(err, &t, r, "name",
                          "'%s' is not a camp: UNHCR series are compared with camps only", name);
            break;
        }
        for (int k = 0; k < c->ncamps; k++)
            if (c->camp_loc[k] == loc)
                st = flee_bad(err, &t, r, "name", "'%s' is listed twice", name);
        if (st != HS_OK) break;
        st = read_row_series(&c->camp_series[c->ncamps], &t, r, src, c, s, err);
        if (st == HS_OK) c->camp_loc[c->ncamps++] = loc;
    }
    if (st == HS_OK) st = warn_all_zero(c, &t, err);
    if (st == HS_OK && needed && !s->sum_from_camps && !c->has_total)
        st = hs_error_set(err, HS_ERR_INVALID, t.path, 0, "total",
                          "sum_from_camps is off, so a 'total' row is needed");
    if (st == HS_OK && needed && s->sum_from_camps && c->ncamps == 0)
        st = hs_error_set(err, HS_ERR_INVALID, t.path, 0, NULL, "no camp series listed");
    /* Data-driven runs compare every camp with its series (Flee requires it too). */
    for (int i = 0; st == HS_OK && needed && i < c->geo->nloc; i++) {
        if (c->capacity[i] < 0) continue;
        int k = 0;
        while (k < c->ncamps && c->camp_loc[k] != i)
            k++;
        if (k == c->ncamps)
            st = hs_error_set(err, HS_ERR_INVALID, t.path, 0, c->geo->loc_name[i],
                              "camp '%s' (locations.csv line %ld) has no UNHCR series here",
                              c->geo->loc_name[i], c->geo->loc_source_line[i]);
    }
    hs_table_free(&t);
    return st;
}

/* registration_corrections.csv: "camp,YYYY-MM-DD[,normalize]". UNHCR
** re-registrations make a camp's count jump; the data before the dated point
** is rescaled by (value at the date)/(value before it) so the series joins up. */
hs_status flee_read_corrections(hs_flight_case *c, const case_src *src, hs_error *err)
{
    hs_table t;
    int present;
    hs_status st = flee_src_read(c, src, 0, "registration_corrections.csv", 1, &present, &t, err);
    if (st != HS_OK || !present) return st;
    for (size_t r = 0; r < t.nrows && st == HS_OK; r++) {
        if (flee_is_comment(&t.rows[r])) continue;
        const char *name = hs_table_get(&t, r, 0), *ds = hs_table_get(&t, r, 1);
        int loc = hs_geo_find(c->geo, name), k = 0;
        while (k < c->ncamps && c->camp_loc[k] != loc)
            k++;
        if (loc < 0 || k == c->ncamps) {
            st = flee_bad(err, &t, r, "camp", "'%s' has no data series in data_layout.csv", name);
            break;
        }
        long day;
        if (hs_date_parse(ds, &day) != 0) {
            st = flee_bad(err, &t, r, "date", "not a date (YYYY-MM-DD): '%s'", ds);
            break;
        }
        double offset = (double)(day - c->start_date);
        if (offset < 0) continue; /* before the run: Flee ignores it */
        hs_series *sr = &c->camp_series[k];
        int i = 0;
        while (i < sr->n && sr->day[i] != offset)
            i++;
        if (i == sr->n || i == 0) {
            st = flee_bad(err, &t, r, "date",
                          i == 0 ? "'%s' is the first date of the camp's series: nothing to correct"
                                 : "'%s' is not a date in the camp's data file",
                          ds);
            break;
        }
        if (sr->value[i - 1] == 0) {
            st = flee_bad(err, &t, r, "date", "the count before '%s' is 0: cannot rescale", ds);
            break;
        }
        double factor = sr->value[i] / sr->value[i - 1];
        for (int j = 0; j < i; j++)
            sr->value[j] *= factor;
    }
    hs_table_free(&t);
    return st;
}

double hs_series_at(const hs_series *s, double day)
{
    if (s->n == 0) return 0.0;
    if (day <= s->day[0]) return trunc(s->value[0]);
    for (int i = 1; i < s->n; i++)
        if (day < s->day[i]) {
            double f = (day - s->day[i - 1]) / (s->day[i] - s->day[i - 1]);
            return trunc(s->value[i - 1] + f * (s->value[i] - s->value[i - 1]));
        }
    return trunc(s->value[s->n - 1]);
}
