/*
** flee_case.c - a Flee case folder read into an hs_flight_case.
**
** Files (Flee's formats, flee-rules.md): input_csv/{locations, routes,
** closures, conflicts, sim_period, registration_corrections}.csv and
** source_data/{data_layout.csv, <camp>.csv} (the UNHCR series: flee_series.c).
** The same reader serves the embedded default case, whose files are text
** compiled into the library.
** Every complaint names the file, the line and the field.
*/
#include <humsec/flight.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <humsec/date.h>
#include <humsec/outdir.h>
#include <humsec/table.h>
#include "flight/flee_case_internal.h"
#include "flight/flight_internal.h"

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Where input_csv/<name> (source 0) or source_data/<name> (source 1) is: a
** path, or the name of an embedded file (rel, "input_csv/<name>"). Caller frees. */
static char *src_path(const case_src *src, int source, const char *name, const char *rel)
{
    if (src->embedded) return strdup(rel);
    if (source && src->source_dir) return hs_path_join(src->source_dir, name);
    return hs_path_join(src->dir, rel);
}

/* One read of a file of the case with these table flags. */
static hs_status read_table(const case_src *src, const char *rel, const char *path, unsigned flags,
                            hs_table *t, hs_error *err)
{
    if (src->embedded)
        for (const hs_flight_embedded_file *e = src->embedded; e->path; e++)
            if (strcmp(e->path, rel) == 0) return hs_table_read_text(t, rel, e->text, flags, err);
    return hs_table_read(t, path, flags, err);
}

/* Is the file there? */
static int src_exists(const case_src *src, const char *rel, const char *path)
{
    if (!src->embedded) return file_exists(path);
    for (const hs_flight_embedded_file *e = src->embedded; e->path; e++)
        if (strcmp(e->path, rel) == 0) return 1;
    return 0;
}

/* Read input_csv/<name> (source 0) or source_data/<name> (source 1) of the case.
** *present says whether an optional file was there. Text that is not UTF-8
** (FabFlee's files come from spreadsheets, some saved as Latin-1) is read as
** Latin-1 and converted, with a warning, so that every name that reaches an
** output is UTF-8. */
hs_status flee_src_read(hs_flight_case *c, const case_src *src, int source, const char *name,
                        int optional, int *present, hs_table *t, hs_error *err)
{
    char rel[512];
    snprintf(rel, sizeof rel, "%s/%s", source ? "source_data" : "input_csv", name);
    if (present) *present = 0;
    char *p = src_path(src, source, name, rel);
    if (!p) return hs_error_set(err, HS_ERR_NOMEM, rel, 0, NULL, "out of memory");
    hs_status st = HS_OK;
    if (!src_exists(src, rel, p)) {
        if (!optional) st = hs_error_set(err, HS_ERR_IO, p, 0, NULL, "missing file");
        free(p);
        return st;
    }
    if (present) *present = 1;
    st = read_table(src, rel, p, 0, t, err);
    size_t row;
    int col;
    if (st == HS_OK && !hs_table_is_utf8(t, &row, &col)) {
        long line = t->rows[row].line;
        char field[HS_ERROR_FIELD_MAX];
        const char *h = row > 0 ? hs_table_get(t, 0, col) : "";
        snprintf(field, sizeof field, "%s", *h == '#' ? h + 1 : *h ? h : "text");
        hs_table_free(t);
        st = read_table(src, rel, p, HS_TABLE_LATIN1, t, err);
        if (st == HS_OK)
            st = hs_flight_case_warn(c, err,
                                     "%s:%ld: field '%s': not UTF-8 text: the file is read as "
                                     "Latin-1 (ISO 8859-1) and its names written out in UTF-8",
                                     t->path, line, field);
    }
    free(p);
    return st;
}

int flee_is_comment(const hs_row *r)
{
    return r->nfields > 0 && r->fields[0][0] == '#';
}

hs_status flee_bad(hs_error *err, const hs_table *t, size_t row, const char *field, const char *fmt,
                   const char *arg)
{
    return hs_error_set(err, HS_ERR_INVALID, t->path, t->rows[row].line, field, fmt, arg);
}

/* ---- sim_period.csv ---- */
static hs_status read_period(hs_flight_case *c, const case_src *src, hs_error *err)
{
    hs_table t;
    hs_status st = flee_src_read(c, src, 0, "sim_period.csv", 0, NULL, &t, err);
    if (st != HS_OK) return st;
    int have_start = 0, have_length = 0;
    for (size_t r = 0; r < t.nrows && st == HS_OK; r++) {
        if (flee_is_comment(&t.rows[r])) continue;
        const char *key = hs_table_get(&t, r, 0), *val = hs_table_get(&t, r, 1);
        if (strcasecmp(key, "StartDate") == 0) {
            if (hs_date_parse(val, &c->start_date) != 0)
                st = flee_bad(err, &t, r, "StartDate", "not a date (YYYY-MM-DD): '%s'", val);
            have_start = 1;
        } else if (strcasecmp(key, "Length") == 0) {
            st = hs_table_long(&t, r, 1, "Length", &c->days, err);
            if (st == HS_OK && c->days < 1)
                st = flee_bad(err, &t, r, "Length", "must be at least 1 day, not '%s'", val);
            if (st == HS_OK && c->days > FLEE_DAYS_MAX)
                st = hs_error_set(err, HS_ERR_INVALID, t.path, t.rows[r].line, "Length",
                                  "%s days is more than humsec runs (at most %ld)", val,
                                  FLEE_DAYS_MAX);
            have_length = 1;
        } else {
            st = flee_bad(err, &t, r, "key", "unknown key '%s' (StartDate or Length)", key);
        }
    }
    if (st == HS_OK && (!have_start || !have_length))
        st = hs_error_set(err, HS_ERR_INVALID, t.path, 0, have_start ? "Length" : "StartDate",
                          "missing row");
    hs_table_free(&t);
    return st;
}

/* ---- locations.csv ---- */

static hs_status read_locations(hs_flight_case *c, const case_src *src, const hs_flight_settings *s,
                                hs_error *err)
{
    hs_table t;
    hs_status st = flee_src_read(c, src, 0, "locations.csv", 0, NULL, &t, err);
    if (st != HS_OK) return st;
    int intensity_col = -1;
    size_t cap = t.nrows;
    c->population = malloc(cap * sizeof(double));
    c->capacity = malloc(cap * sizeof(double));
    c->intensity = malloc(cap * sizeof(double));
    c->conflict_day0 = calloc(cap, 1);
    c->conflict_date = malloc(cap * sizeof(long));
    c->initial = calloc(cap, sizeof(double));
    if (!c->initial || !c->population || !c->capacity || !c->intensity || !c->conflict_day0 ||
        !c->conflict_date) {
        hs_table_free(&t);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (size_t r = 0; r < t.nrows && st == HS_OK; r++) {
        const hs_row *row = &t.rows[r];
        if (flee_is_comment(row)) {
            /* A header with more than 8 columns names location attributes. */
            for (int k = 8; k < row->nfields; k++)
                if (strcmp(row->fields[k], "conflict_intensity") == 0) intensity_col = k;
            continue;
        }
        const char *name = hs_table_get(&t, r, 0), *region = hs_table_get(&t, r, 1),
                   *country = hs_table_get(&t, r, 2), *type_s = hs_table_get(&t, r, 5),
                   *date_s = hs_table_get(&t, r, 6), *pop_s = hs_table_get(&t, r, 7);
        if (!*name) {
            st = flee_bad(err, &t, r, "name", "empty location name%s", "");
            break;
        }
        if (row->nfields < 6) {
            st = flee_bad(err, &t, r, "location_type",
                          "too few columns (name,region,country,latitude,longitude,location_type,"
                          "conflict_date,population)%s",
                          "");
            break;
        }
        double lat = 0, lon = 0;
        if ((st = hs_table_double(&t, r, 3, "latitude", &lat, err)) != HS_OK) break;
        if ((st = hs_table_double(&t, r, 4, "longitude", &lon, err)) != HS_OK) break;
        hs_loc_type type;
        if (hs_loc_type_parse(type_s, &type) < 0) {
            st = flee_bad(err, &t, r, "location_type",
                          "unknown location type '%s' (" HS_LOC_TYPE_NAMES ")", type_s);
            break;
        }
        double pop = 0;
        if (*pop_s) {
            if ((st = hs_table_double(&t, r, 7, "population", &pop, err)) != HS_OK) break;
            if (pop < 0) {
                st = flee_bad(err, &t, r, "population", "negative population '%s'", pop_s);
                break;
            }
            /* Counts are 32-bit and people take memory: bounded here, with the line,
            ** rather than as a conversion past long's range when people spawn. */
            if (pop > FLEE_PEOPLE_MAX) {
                st = flee_bad(err, &t, r, "population",
                              "%s is more people than humsec holds at one place (at most 1e9)",
                              pop_s);
                break;
            }
            pop = floor(floor(pop) / (double)s->hasten); /* Flee: integer floor division */
        }
        int day0 = 0;
        long d = -1;
        if (type == HS_LOC_CONFLICT_ZONE) {
            if (hs_parse_long(date_s, &d) != 0) {
                st =
                    flee_bad(err, &t, r, "conflict_date",
                             "a conflict zone needs a whole-number conflict_date (its first day of "
                             "conflict), not '%s'",
                             date_s);
                break;
            }
            day0 = d <= 0;
        }
        double intensity = 1.0;
        if (intensity_col >= 0 && *hs_table_get(&t, r, intensity_col)) {
            st = hs_table_double(&t, r, intensity_col, "conflict_intensity", &intensity, err);
            if (st != HS_OK) break;
        }
        long line = row->line;
        int i = hs_geo_add_location(c->own_geo, name, *region ? region : "unknown",
                                    *country ? country : "unknown", lat, lon, (hs_loc_type)type,
                                    pop, line, err);
        if (i < 0) {
            st = HS_ERR_NOMEM;
            break;
        }
        int camp = type == HS_LOC_CAMP || type == HS_LOC_IDPCAMP;
        c->population[i] = camp ? 0.0 : pop;
        c->capacity[i] = camp ? pop : -1.0;
        c->intensity[i] = intensity;
        c->conflict_day0[i] = (uint8_t)day0;
        c->conflict_date[i] = d;
        if (i == 0) c->home_state = c->geo->loc_state[0];
    }
    if (st == HS_OK && c->geo->nloc == 0)
        st = hs_error_set(err, HS_ERR_INVALID, t.path, 0, NULL, "no locations");
    if (st == HS_OK) st = hs_geo_build(c->own_geo, t.path, err);
    hs_table_free(&t);
    return st;
}

/* ---- routes.csv ---- */
static hs_status find_loc(const hs_flight_case *c, const hs_table *t, size_t r, int col,
                          const char *field, int *out, hs_error *err)
{
    const char *name = hs_table_get(t, r, col);
    *out = hs_geo_find(c->geo, name);
    if (*out < 0)
        return hs_error_set(err, HS_ERR_INVALID, t->path, t->rows[r].line, field,
                            "unknown location '%s' (not in locations.csv)", name);
    return HS_OK;
}

/* Camps that no route reaches from any place that is not a camp: nobody can
** arrive there, and a UNHCR series for one is compared with an empty camp. Flee
** runs such a case; humsec too, and says so. */
static hs_status warn_unreached_camps(hs_flight_case *c, const case_src *src, const char *routes,
                                      hs_error *err)
{
    const hs_geo *g = c->geo;
    int n = g->nloc;
    int32_t *queue = malloc(((size_t)n + 1) * sizeof *queue);
    uint8_t *seen = calloc((size_t)n + 1, 1);
    char *locs = src_path(src, 0, "locations.csv", "input_csv/locations.csv");
    hs_status st = HS_OK;
    if (!queue || !seen || !locs)
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    int head = 0, tail = 0;
    for (int i = 0; st == HS_OK && i < n; i++)
        if (c->capacity[i] < 0) {
            seen[i] = 1;
            queue[tail++] = i;
        }
    while (st == HS_OK && head < tail) {
        int u = queue[head++];
        for (int k = g->adj_start[u]; k < g->adj_start[u + 1]; k++) {
            int v = g->link_to[g->adj_link[k]];
            if (!seen[v]) {
                seen[v] = 1;
                queue[tail++] = v;
            }
        }
    }
    for (int i = 0; st == HS_OK && i < n; i++)
        if (!seen[i])
            st = hs_flight_case_warn(c, err,
                                     "%s:%ld: field 'name': no route in %s reaches camp '%s' from "
                                     "a place that is not a camp: nobody arrives there",
                                     locs, g->loc_source_line[i], routes, g->loc_name[i]);
    free(queue);
    free(seen);
    free(locs);
    return st;
}

static hs_status read_routes(hs_flight_case *c, const case_src *src, const hs_flight_settings *s,
                             hs_error *err)
{
    hs_table t;
    hs_status st = flee_src_read(c, src, 0, "routes.csv", 0, NULL, &t, err);
    if (st != HS_OK) return st;
    for (size_t r = 0; r < t.nrows && st == HS_OK; r++) {
        if (flee_is_comment(&t.rows[r])) continue;
        int a, b;
        double km;
        long forced = 0;
        if ((st = find_loc(c, &t, r, 0, "name1", &a, err)) != HS_OK) break;
        if ((st = find_loc(c, &t, r, 1, "name2", &b, err)) != HS_OK) break;
        if ((st = hs_table_double(&t, r, 2, "distance", &km, err)) != HS_OK) break;
        if (km < 0) {
            st = flee_bad(err, &t, r, "distance", "negative distance '%s'", hs_table_get(&t, r, 2));
            break;
        }
        if (km > FLEE_KM_MAX) {
            st = flee_bad(err, &t, r, "distance",
                          "a route of %s km is longer than any on Earth (at most 1e6 km)",
                          hs_table_get(&t, r, 2));
            break;
        }
        if (a == b) {
            st = flee_bad(err, &t, r, "name2", "a route from '%s' to itself",
                          hs_table_get(&t, r, 0));
            break;
        }
        if (km == 0 && s->softening <= 0) {
            /* The route weight divides by softening + distance. */
            st = flee_bad(err, &t, r, "distance",
                          "a route of 0 km needs move_rules.softening above 0 (it is %s)", "0");
            break;
        }
        if (*hs_table_get(&t, r, 3) &&
            (st = hs_table_long(&t, r, 3, "forced_redirection", &forced, err)) != HS_OK)
            break;
        if (hs_geo_add_route(c->own_geo, a, b, km, (int)forced, err) < 0) st = HS_ERR_NOMEM;
    }
    if (st == HS_OK) st = hs_geo_build(c->own_geo, t.path, err);
    if (st == HS_OK) st = warn_unreached_camps(c, src, t.path, err);
    hs_table_free(&t);
    return st;
}

/* ---- closures.csv ---- */
static hs_status read_closures(hs_flight_case *c, const case_src *src, hs_error *err)
{
    hs_table t;
    int present;
    hs_status st = flee_src_read(c, src, 0, "closures.csv", 1, &present, &t, err);
    if (st != HS_OK || !present) return st;
    c->closures = calloc(t.nrows, sizeof *c->closures);
    if (!c->closures) {
        hs_table_free(&t);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    static const struct {
        const char *name;
        hs_closure_type type;
    } types[] = {{"country", HS_CLOSE_COUNTRY}, {"location", HS_CLOSE_LOCATION},
                 {"link", HS_CLOSE_LINK},       {"camp", HS_CLOSE_CAMP},
                 {"idpcamp", HS_CLOSE_IDPCAMP}, {"remove_forced_redirection", HS_CLOSE_FORCED}};
    for (size_t r = 0; r < t.nrows && st == HS_OK; r++) {
        if (flee_is_comment(&t.rows[r])) continue;
        hs_closure *cl = &c->closures[c->nclosures];
        const char *ts = hs_table_get(&t, r, 0);
        size_t k = 0;
        while (k < sizeof types / sizeof *types && strcmp(types[k].name, ts) != 0)
            k++;
        if (k == sizeof types / sizeof *types) {
            st = flee_bad(err, &t, r, "closure_type",
                          "unknown closure type '%s' (country, location, link, camp, idpcamp, "
                          "remove_forced_redirection)",
                          ts);
            break;
        }
        cl->type = types[k].type;
        cl->line = t.rows[r].line;
        cl->b = -1;
        if (cl->type == HS_CLOSE_COUNTRY) {
            for (int side = 0; side < 2 && st == HS_OK; side++) {
                const char *country = hs_table_get(&t, r, 1 + side);
                int found = -1;
                for (int s2 = 0; s2 < c->geo->nstates; s2++)
                    if (strcmp(c->geo->state_name[s2], country) == 0) found = s2;
                if (found < 0)
                    st = flee_bad(err, &t, r, side ? "name2" : "name1",
                                  "unknown country '%s' (no location in locations.csv has it)",
                                  country);
                if (side)
                    cl->b = found;
                else
                    cl->a = found;
            }
        } else {
            st = find_loc(c, &t, r, 1, "name1", &cl->a, err);
            if (st == HS_OK && (cl->type == HS_CLOSE_LINK || cl->type == HS_CLOSE_FORCED)) {
                st = find_loc(c, &t, r, 2, "name2", &cl->b, err);
                if (st == HS_OK && hs_geo_link(c->geo, cl->a, cl->b) < 0) {
                    /* Flee runs such a case: the closure shuts no route. */
                    st = hs_flight_case_warn(
                        c, err,
                        "%s:%ld: field 'name2': no route between '%s' and '%s': the closure "
                        "closes nothing and is left out",
                        t.path, t.rows[r].line, hs_table_get(&t, r, 1), hs_table_get(&t, r, 2));
                    continue;
                }
            }
            if (st == HS_OK && (cl->type == HS_CLOSE_CAMP || cl->type == HS_CLOSE_IDPCAMP)) {
                hs_loc_type lt = (hs_loc_type)c->geo->loc_type[cl->a];
                if (lt != HS_LOC_CAMP && lt != HS_LOC_IDPCAMP)
                    st =
                        flee_bad(err, &t, r, "name1", "'%s' is not a camp", hs_table_get(&t, r, 1));
            }
        }
        if (st != HS_OK) break;
        if ((st = hs_table_long(&t, r, 3, "closure_start", &cl->start, err)) != HS_OK) break;
        if ((st = hs_table_long(&t, r, 4, "closure_end", &cl->end, err)) != HS_OK) break;
        if (cl->start < 0) {
            st = flee_bad(err, &t, r, "closure_start", "negative start day '%s'",
                          hs_table_get(&t, r, 3));
            break;
        }
        /* Flee reads such a closure too; what it does is rarely what was meant.
        ** (remove_forced_redirection changes nothing whatever its days.) */
        int acts = cl->type != HS_CLOSE_FORCED;
        if (acts && cl->end >= 0 && cl->end < cl->start)
            st = hs_flight_case_warn(c, err,
                                     "%s:%ld: field 'closure_end': the closure ends on day %ld, "
                                     "before it starts on day %ld: it closes on day %ld and is "
                                     "never undone",
                                     t.path, cl->line, cl->end, cl->start, cl->start);
        else if (acts && cl->end == cl->start)
            st = hs_flight_case_warn(c, err,
                                     "%s:%ld: field 'closure_end': the closure ends on the day it "
                                     "starts (%ld): it closes nothing",
                                     t.path, cl->line, cl->start);
        if (st != HS_OK) break;
        c->nclosures++;
    }
    hs_table_free(&t);
    return st;
}

/* ---- conflicts.csv ---- */
static hs_status read_conflicts(hs_flight_case *c, const case_src *src, hs_error *err)
{
    hs_table t;
    int present;
    hs_status st = flee_src_read(c, src, 0, "conflicts.csv", 1, &present, &t, err);
    if (st != HS_OK || !present) return st;
    const hs_row *h = &t.rows[0];
    c->conflicts_file = strdup(t.path);
    /* Column k of the table -> index into conflict_loc (-1: an empty name, skipped). */
    int *colmap = malloc((size_t)h->nfields * sizeof(int));
    c->conflict_loc = malloc((size_t)h->nfields * sizeof(int32_t));
    if (!colmap || !c->conflict_loc) {
        free(colmap);
        hs_table_free(&t);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    for (int k = 1; k < h->nfields && st == HS_OK; k++) {
        colmap[k] = -1;
        const char *name = h->fields[k];
        if (!*name) continue;
        int loc = hs_geo_find(c->geo, name);
        if (loc < 0) {
            /* Flee runs such a case: a conflict where there is no location changes nothing. */
            st = hs_flight_case_warn(c, err,
                                     "%s:%ld: field '%s': no location '%s' in locations.csv: "
                                     "its column is left out",
                                     t.path, h->line, name, name);
            continue;
        }
        /* A place with two columns: the later is used (as each day's values are
        ** set column by column, the later wins), and the earlier is left out. */
        int j = 0;
        while (j < c->nconflict && c->conflict_loc[j] != loc)
            j++;
        if (j < c->nconflict) {
            int earlier = 1;
            while (colmap[earlier] != j)
                earlier++;
            colmap[earlier] = -1;
            colmap[k] = j;
            st = hs_flight_case_warn(c, err,
                                     "%s:%ld: field '%s': '%s' has a column already (column %d): "
                                     "this later column is used and the earlier left out",
                                     t.path, h->line, name, name, earlier + 1);
            continue;
        }
        colmap[k] = c->nconflict;
        c->conflict_loc[c->nconflict++] = loc;
    }
    c->conflict_rows = (long)t.nrows - 1;
    if (st == HS_OK && c->conflict_rows < c->days)
        st = hs_error_set(err, HS_ERR_INVALID, t.path, 0, NULL,
                          "has %ld day rows, but the run is %ld days long (sim_period.csv)",
                          c->conflict_rows, c->days);
    c->conflict_value =
        calloc((size_t)(c->conflict_rows > 0 ? c->conflict_rows : 1) * (size_t)(c->nconflict + 1),
               sizeof(float));
    if (st == HS_OK && !c->conflict_value)
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (size_t r = 1; r < t.nrows && st == HS_OK; r++) {
        for (int k = 1; k < h->nfields && st == HS_OK; k++) {
            if (colmap[k] < 0) continue;
            if (k >= t.rows[r].nfields) {
                st = hs_error_set(err, HS_ERR_PARSE, t.path, t.rows[r].line, h->fields[k],
                                  "row is shorter than the header (no value for this column)");
                break;
            }
            double v;
            st = hs_table_double(&t, r, k, h->fields[k], &v, err);
            if (st == HS_OK && v < 0)
                st = hs_error_set(err, HS_ERR_INVALID, t.path, t.rows[r].line, h->fields[k],
                                  "negative conflict intensity");
            if (st == HS_OK && v > FLEE_INTENSITY_MAX) /* kept as a float */
                st = hs_error_set(err, HS_ERR_INVALID, t.path, t.rows[r].line, h->fields[k],
                                  "conflict intensity %g is past the largest humsec takes (1e6; "
                                  "Flee's are 0 to 1)",
                                  v);
            c->conflict_value[(r - 1) * (size_t)c->nconflict + (size_t)colmap[k]] = (float)v;
        }
    }
    free(colmap);
    hs_table_free(&t);
    return st;
}

hs_status hs_flight_case_read(hs_flight_case *c, const char *name, const char *dir,
                              const char *source_dir, const hs_flight_embedded_file *embedded,
                              const hs_flight_settings *s, hs_error *err)
{
    hs_status st0 = hs_flight_case_init(c, err);
    if (st0 != HS_OK) return st0;
    c->name = strdup(name);
    c->dir = dir ? strdup(dir) : NULL;
    if (!c->name || (dir && !c->dir))
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    case_src src = {dir, source_dir, embedded};
    hs_status st;
    if ((st = read_period(c, &src, err)) != HS_OK ||
        (st = read_locations(c, &src, s, err)) != HS_OK ||
        (st = read_routes(c, &src, s, err)) != HS_OK ||
        (st = read_closures(c, &src, err)) != HS_OK ||
        (st = read_conflicts(c, &src, err)) != HS_OK ||
        (st = flee_read_data(c, &src, s, err)) != HS_OK ||
        (st = flee_read_corrections(c, &src, err)) != HS_OK) {
        hs_flight_case_free(c);
        return st;
    }
    return HS_OK;
}

hs_status hs_flight_case_load(hs_flight_case *c, const char *dir, const char *source_dir,
                              const hs_flight_settings *s, hs_error *err)
{
    const char *base = strrchr(dir, '/');
    char name[256];
    snprintf(name, sizeof name, "%s", base && base[1] ? base + 1 : dir);
    size_t n = strlen(name);
    while (n > 0 && name[n - 1] == '/')
        name[--n] = '\0';
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return hs_error_set(err, HS_ERR_IO, dir, 0, NULL,
                            "not a folder (a Flee case folder holds input_csv/)");
    return hs_flight_case_read(c, name, dir, source_dir, NULL, s, err);
}

hs_status hs_flight_case_init(hs_flight_case *c, hs_error *err)
{
    memset(c, 0, sizeof *c);
    if (!(c->own_geo = malloc(sizeof *c->own_geo)))
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_geo_init(c->own_geo);
    c->geo = c->own_geo;
    return HS_OK;
}

void hs_flight_case_free(hs_flight_case *c)
{
    if (c->own_geo) hs_geo_free(c->own_geo);
    free(c->own_geo);
    free(c->name);
    free(c->dir);
    free(c->population);
    free(c->capacity);
    free(c->intensity);
    free(c->conflict_day0);
    free(c->conflict_date);
    free(c->initial);
    free(c->conflict_loc);
    free(c->conflict_value);
    free(c->conflicts_file);
    free(c->closures);
    flee_series_free(&c->total);
    for (int k = 0; k < c->ncamps; k++)
        flee_series_free(&c->camp_series[k]);
    free(c->camp_series);
    for (int k = 0; k < c->noffmap; k++)
        flee_series_free(&c->offmap_series[k]);
    free(c->offmap_series);
    free(c->camp_loc);
    for (int k = 0; k < c->nwarnings; k++)
        free(c->warnings[k]);
    free(c->warnings);
    memset(c, 0, sizeof *c);
}
