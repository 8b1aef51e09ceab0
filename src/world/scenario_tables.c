/*
** scenario_tables.c - the CSV tables of a human-security scenario: locations
** and routes (Flee's tables, with more columns), people by group, and the
** UNDP indicators that set states' economies and services. Strict: every
** error names the file, line and column. Read through scenario.c.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/outdir.h>
#include <humsec/table.h>
#include "world/scenario_internal.h"

/* ---- tables ------------------------------------------------------------- */

static hs_status open_table(reader *r, struct fy_node *root, const char *key, hs_table *t,
                            hs_error *err)
{
    const char *name = hs_yaml_scalar(hs_yaml_get(root, key));
    if (!name || !*name)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, 1, key,
                            "a scenario needs '%s: FILE.csv'", key);
    if (r->embedded) {
        for (const world_text_file *e = r->embedded; e->name; e++)
            if (strcmp(e->name, name) == 0) return hs_table_read_text(t, name, e->text, 0, err);
        return hs_error_set(err, HS_ERR_IO, r->y.path, hs_yaml_line(hs_yaml_get(root, key)), key,
                            "no embedded table '%s'", name);
    }
    char *path = name[0] == '/' ? strdup(name) : hs_path_join(r->dir, name);
    if (!path) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_status st = hs_table_read(t, path, 0, err);
    free(path);
    /* Names reach the outputs, which are UTF-8: a table in another encoding is refused
    ** (a Flee case is converted from Latin-1 with a warning; a scenario has no warnings
    ** channel, and a wrong guess would change names silently). */
    size_t row;
    int col;
    if (st == HS_OK && !hs_table_is_utf8(t, &row, &col)) {
        char field[64];
        const hs_row *h = &t->rows[0];
        snprintf(field, sizeof field, "%s", col < h->nfields ? h->fields[col] : "?");
        st = hs_error_set(err, HS_ERR_PARSE, t->path, t->rows[row].line, field,
                          "not UTF-8 text (saved as Latin-1 or Windows-1252?); convert it, "
                          "for example with: iconv -f latin1 -t utf-8");
        hs_table_free(t);
    }
    return st;
}

static hs_status column_double(const hs_table *t, size_t row, int col, const char *name,
                               double dflt, double lo, double hi, double *out, hs_error *err)
{
    if (col < 0 || !*hs_table_get(t, row, col)) {
        *out = dflt;
        return HS_OK;
    }
    hs_status st = hs_table_double(t, row, col, name, out, err);
    if (st != HS_OK) return st;
    if (*out < lo || *out > hi)
        return hs_error_set(err, HS_ERR_INVALID, t->path, t->rows[row].line, name,
                            "%g is out of range [%g, %g]", *out, lo, hi);
    return HS_OK;
}

/* ---- real indicator data -------------------------------------------------- */

/*
** States with `iso3:` take their economy and their places' services from
** UNDP's Human Development Report table named by the top-level `indicators:`
** (the HDR composite-indices time series) for `indicator_year:`, with UNDP's
** own goalposts (choice: these indices stand for humsec's quantities):
**   economy  = income index = (ln GNIpc - ln 100) / (ln 75000 - ln 100)
**   services = (health index + education index) / 2, health = (LE - 20) / 65,
**              education = (EYS / 18 + MYS / 15) / 2, each capped at 1;
**   life expectancy = LE (within the model's 30-90 years).
** A value written in the scenario wins over the data.
*/
hs_status world_read_indicators(reader *r, struct fy_node *root, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    int any = 0;
    for (int s = 0; s < sc->nstates; s++)
        any |= sc->states[s].iso3[0] != 0;
    struct fy_node *in = hs_yaml_get(root, "indicators");
    if (!any) return HS_OK;
    if (!in)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, 1, "indicators",
                            "a state gives 'iso3', so the scenario needs 'indicators: HDR.csv'");
    long year = 0;
    const char *ys = hs_yaml_scalar(hs_yaml_get(root, "indicator_year"));
    if (!ys || hs_parse_long(ys, &year) != 0 || year < 1990 || year > 2100)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path,
                            ys ? hs_yaml_line(hs_yaml_get(root, "indicator_year")) : 1,
                            "indicator_year", "expected a year (1990-2100)");
    hs_table t;
    hs_status st = open_table(r, root, "indicators", &t, err);
    if (st != HS_OK) return st;
    char name[4][32];
    static const char *const stem[4] = {"le", "eys", "mys", "gnipc"};
    int col[4], c_iso = hs_table_column(&t, "iso3");
    for (int k = 0; k < 4; k++) {
        snprintf(name[k], sizeof name[k], "%s_%ld", stem[k], year);
        col[k] = hs_table_column(&t, name[k]);
    }
    for (int k = 0; k < 4 && st == HS_OK; k++)
        if (c_iso < 0 || col[k] < 0)
            st = hs_error_set(err, HS_ERR_PARSE, t.path, 1, c_iso < 0 ? "iso3" : name[k],
                              "missing column '%s'", c_iso < 0 ? "iso3" : name[k]);
    for (int s = 0; s < sc->nstates && st == HS_OK; s++) {
        hs_world_state *state = &sc->states[s];
        if (!state->iso3[0]) continue;
        size_t row = 0;
        for (size_t k = 1; k < t.nrows && !row; k++)
            if (strcmp(hs_table_get(&t, k, c_iso), state->iso3) == 0) row = k;
        char key[64];
        snprintf(key, sizeof key, "states[%d].iso3", s);
        if (!row) {
            st = hs_error_set(err, HS_ERR_INVALID, r->y.path, state->line, key, "'%s' is not in %s",
                              state->iso3, t.path);
            break;
        }
        double v[4];
        for (int k = 0; k < 4 && st == HS_OK; k++)
            st = hs_table_double(&t, row, col[k], name[k], &v[k], err);
        if (st != HS_OK) break;
        double health = fmin(1.0, (v[0] - 20.0) / 65.0);
        double educ = (fmin(1.0, v[1] / 18.0) + fmin(1.0, v[2] / 15.0)) / 2.0;
        double income = (log(v[3]) - log(100.0)) / (log(75000.0) - log(100.0));
        if (!r->explicit_economy[s]) state->economy = world_clamp01(income);
        if (!r->explicit_services[s]) state->services = world_clamp01((health + educ) / 2.0);
        if (!r->explicit_life[s]) state->life_expectancy = fmin(90.0, fmax(30.0, v[0]));
    }
    hs_table_free(&t);
    return st;
}

/* The error for a scenario whose people, in all, pass what a run holds. */
static hs_status too_many_people(const char *path, long line, hs_error *err)
{
    return hs_error_set(err, HS_ERR_INVALID, path, line, "people",
                        "more than %.0e people in all: a run holds at most that many",
                        HS_WORLD_MAX_PEOPLE);
}

hs_status world_read_locations(reader *r, struct fy_node *root, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    hs_table t;
    hs_status st = open_table(r, root, "locations", &t, err);
    if (st != HS_OK) return st;
    int c_name = hs_table_column(&t, "name"), c_region = hs_table_column(&t, "region"),
        c_country = hs_table_column(&t, "country"), c_lat = hs_table_column(&t, "latitude"),
        c_lon = hs_table_column(&t, "longitude"), c_type = hs_table_column(&t, "location_type"),
        c_people = hs_table_column(&t, "people"), c_cap = hs_table_column(&t, "capacity"),
        c_serv = hs_table_column(&t, "services"), c_erw = hs_table_column(&t, "erw"),
        c_haz = hs_table_column(&t, "hazard"), c_group = hs_table_column(&t, "group");
    if (c_people < 0) c_people = hs_table_column(&t, "population"); /* Flee's column name */
    const char *need[] = {"name", "country", "location_type", "people"};
    int cols[] = {c_name, c_country, c_type, c_people};
    for (int k = 0; k < 4; k++)
        if (cols[k] < 0) {
            st =
                hs_error_set(err, HS_ERR_PARSE, t.path, 1, need[k], "missing column '%s'", need[k]);
            goto done;
        }
    /* The world's states in the scenario's order, so that indices agree. */
    for (int s = 0; s < sc->nstates; s++)
        if (hs_geo_state(&sc->geo, sc->states[s].name) != s) {
            st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
            goto done;
        }
    size_t n = t.nrows - 1;
    sc->people = calloc(n + 1, sizeof(double));
    sc->capacity = calloc(n + 1, sizeof(double));
    sc->services = calloc(n + 1, sizeof(double));
    sc->erw = calloc(n + 1, sizeof(double));
    sc->hazard = calloc(n + 1, sizeof(double));
    sc->group = calloc(n + 1, sizeof(int32_t));
    if (!sc->people || !sc->capacity || !sc->services || !sc->erw || !sc->hazard || !sc->group) {
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    double total = 0; /* people in all, bounded: they size the run's memory */
    for (size_t row = 1; row < t.nrows; row++) {
        long line = t.rows[row].line;
        const char *name = hs_table_get(&t, row, c_name);
        const char *country = hs_table_get(&t, row, c_country);
        const char *type = hs_table_get(&t, row, c_type);
        if (!*name) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "name", "empty location name");
            goto done;
        }
        if (world_find_state(sc, country) < 0) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "country",
                              "unknown state '%s' (not in the scenario's 'states')", country);
            goto done;
        }
        hs_loc_type lt;
        if (hs_loc_type_parse(type, &lt) < 0) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "location_type",
                              "'%s' is not a location type (" HS_LOC_TYPE_NAMES ")", type);
            goto done;
        }
        if (lt == HS_LOC_CONFLICT_ZONE)
            lt = HS_LOC_TOWN; /* conflict comes from events and from people, not the type */
        double lat, lon, people, cap, serv, erw, haz;
        size_t i = row - 1;
        if ((st = column_double(&t, row, c_lat, "latitude", 0, -90, 90, &lat, err)) ||
            (st = column_double(&t, row, c_lon, "longitude", 0, -180, 180, &lon, err)) ||
            (st = column_double(&t, row, c_people, "people", 0, 0, 1e9, &people, err)) ||
            (st = column_double(&t, row, c_cap, "capacity", 0, 0, 1e9, &cap, err)) ||
            (st = column_double(&t, row, c_serv, "services",
                                sc->states[world_find_state(sc, country)].services, 0, 1, &serv,
                                err)) ||
            (st = column_double(&t, row, c_erw, "erw", 0, 0, 1, &erw, err)) ||
            (st = column_double(&t, row, c_haz, "hazard", 0.1, 0, 1, &haz, err)))
            goto done;
        if (people != floor(people)) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "people",
                              "%g is not a whole number of people", people);
            goto done;
        }
        if ((lt == HS_LOC_CAMP || lt == HS_LOC_IDPCAMP) && !(cap > 0)) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "capacity",
                              "a camp needs a capacity above 0");
            goto done;
        }
        sc->group[i] = -1;
        const char *g = c_group >= 0 ? hs_table_get(&t, row, c_group) : "";
        if (*g && (sc->group[i] = world_find_group(sc, g)) < 0) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "group", "unknown group '%s'", g);
            goto done;
        }
        if (hs_geo_add_location(&sc->geo, name,
                                c_region >= 0 ? hs_table_get(&t, row, c_region) : "", country, lat,
                                lon, lt, people, line, err) < 0) {
            st = err ? err->status : HS_ERR_NOMEM;
            goto done;
        }
        sc->people[i] = people;
        if ((total += people) > HS_WORLD_MAX_PEOPLE) {
            st = too_many_people(t.path, line, err);
            goto done;
        }
        sc->capacity[i] = cap;
        sc->services[i] = serv;
        sc->erw[i] = erw;
        sc->hazard[i] = haz;
    }
    if (sc->geo.nloc == 0) {
        st = hs_error_set(err, HS_ERR_INVALID, t.path, 1, NULL, "no locations");
        goto done;
    }
done:
    hs_table_free(&t);
    return st;
}

hs_status world_read_routes(reader *r, struct fy_node *root, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    hs_table t;
    hs_status st = open_table(r, root, "routes", &t, err);
    if (st != HS_OK) return st;
    st = hs_geo_build(&sc->geo, t.path, err); /* the name index; rebuilt below */
    if (st != HS_OK) goto done;
    for (size_t row = 1; row < t.nrows; row++) {
        long line = t.rows[row].line;
        const char *a = hs_table_get(&t, row, 0), *b = hs_table_get(&t, row, 1);
        int ia = hs_geo_find(&sc->geo, a), ib = hs_geo_find(&sc->geo, b);
        if (ia < 0 || ib < 0) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, ia < 0 ? "name1" : "name2",
                              "unknown location '%s'", ia < 0 ? a : b);
            goto done;
        }
        if (ia == ib) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "name2",
                              "a route from '%s' to itself", a);
            goto done;
        }
        double km;
        if ((st = hs_table_double(&t, row, 2, "distance", &km, err)) != HS_OK) goto done;
        if (!(km > 0)) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "distance",
                              "%g km: a route needs a length above 0", km);
            goto done;
        }
        if (hs_geo_add_route(&sc->geo, ia, ib, km, 0, err) < 0) {
            st = err ? err->status : HS_ERR_NOMEM;
            goto done;
        }
    }
    st = hs_geo_build(&sc->geo, t.path, err);
done:
    hs_table_free(&t);
    return st;
}

/* Optional `people: FILE.csv` (location,group,people): who lives where, by
** group. A location it lists gets exactly those people (its `people` column
** is replaced by their sum); the others keep their count and their state's mix. */
hs_status world_read_people(reader *r, struct fy_node *root, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    if (!hs_yaml_get(root, "people")) return HS_OK;
    hs_table t;
    hs_status st = open_table(r, root, "people", &t, err);
    if (st != HS_OK) return st;
    int c_loc = hs_table_column(&t, "location"), c_group = hs_table_column(&t, "group"),
        c_n = hs_table_column(&t, "people");
    const char *need[] = {"location", "group", "people"};
    int cols[] = {c_loc, c_group, c_n};
    for (int k = 0; k < 3; k++)
        if (cols[k] < 0) {
            st =
                hs_error_set(err, HS_ERR_PARSE, t.path, 1, need[k], "missing column '%s'", need[k]);
            goto done;
        }
    size_t nl = (size_t)sc->geo.nloc;
    sc->people_by_group = calloc(nl * HS_WORLD_MAX_GROUPS + 1, sizeof(double));
    uint8_t *listed = calloc(nl + 1, 1);
    if (!sc->people_by_group || !listed) {
        free(listed);
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    for (size_t row = 1; row < t.nrows && st == HS_OK; row++) {
        long line = t.rows[row].line;
        const char *ln = hs_table_get(&t, row, c_loc), *gn = hs_table_get(&t, row, c_group);
        int l = hs_geo_find(&sc->geo, ln), g = world_find_group(sc, gn);
        double n;
        if (l < 0)
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "location",
                              "unknown location '%s'", ln);
        else if (g < 0)
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "group", "unknown group '%s'", gn);
        else if ((st = column_double(&t, row, c_n, "people", 0, 0, 1e9, &n, err)) == HS_OK) {
            if (n != floor(n))
                st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "people",
                                  "%g is not a whole number of people", n);
            else {
                if (!listed[l]) sc->people[l] = 0;
                listed[l] = 1;
                sc->people_by_group[(size_t)l * HS_WORLD_MAX_GROUPS + (size_t)g] += n;
                sc->people[l] += n;
            }
        }
    }
    /* Locations not listed keep their state's mix: mark them with -1. */
    double total = 0;
    for (size_t l = 0; l < nl; l++) {
        if (!listed[l]) sc->people_by_group[l * HS_WORLD_MAX_GROUPS] = -1.0;
        total += sc->people[l];
    }
    if (st == HS_OK && total > HS_WORLD_MAX_PEOPLE)
        st = too_many_people(t.path, t.nrows > 1 ? t.rows[t.nrows - 1].line : 1, err);
    free(listed);
done:
    hs_table_free(&t);
    return st;
}

/* Optional `closures: FILE.csv` in the columns of Flee's closures.csv
** (closure_type,name1,name2,closure_start,closure_end): closures of a place's
** links, of one link or of a camp, which the world's flight process applies as
** the flight process applies Flee's (a real region's, docs/odd/region.md).
** Closures between countries are `border_closure` events, which the world
** itself acts on, so this table refuses them: one way to say one thing. */
hs_status world_read_closures(reader *r, struct fy_node *root, hs_error *err)
{
    static const struct {
        const char *name;
        hs_closure_type type;
    } types[] = {{"location", HS_CLOSE_LOCATION},
                 {"link", HS_CLOSE_LINK},
                 {"camp", HS_CLOSE_CAMP},
                 {"idpcamp", HS_CLOSE_IDPCAMP},
                 {"remove_forced_redirection", HS_CLOSE_FORCED}};
    hs_world_scenario *sc = r->sc;
    if (!hs_yaml_get(root, "closures")) return HS_OK;
    hs_table t;
    hs_status st = open_table(r, root, "closures", &t, err);
    if (st != HS_OK) return st;
    sc->own_flee_closures = calloc(t.nrows + 1, sizeof *sc->own_flee_closures);
    if (!sc->own_flee_closures) {
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    int n = 0;
    for (size_t row = 1; row < t.nrows; row++) {
        long line = t.rows[row].line;
        hs_closure *cl = &sc->own_flee_closures[n];
        const char *ts = hs_table_get(&t, row, 0), *a = hs_table_get(&t, row, 1),
                   *b = hs_table_get(&t, row, 2);
        size_t k = 0;
        while (k < sizeof types / sizeof *types && strcmp(types[k].name, ts) != 0)
            k++;
        if (k == sizeof types / sizeof *types) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "closure_type",
                              strcmp(ts, "country") == 0
                                  ? "a closure between countries is a border_closure event "
                                    "(events:), not a row here"
                                  : "unknown closure type '%s' (location, link, camp, idpcamp, "
                                    "remove_forced_redirection)",
                              ts);
            goto done;
        }
        *cl = (hs_closure){types[k].type, hs_geo_find(&sc->geo, a), -1, 0, -1, line};
        if (cl->a < 0) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "name1", "unknown location '%s'",
                              a);
            goto done;
        }
        if (cl->type == HS_CLOSE_LINK || cl->type == HS_CLOSE_FORCED) {
            cl->b = hs_geo_find(&sc->geo, b);
            if (cl->b < 0 || hs_geo_link(&sc->geo, cl->a, cl->b) < 0) {
                st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "name2",
                                  cl->b < 0 ? "unknown location '%s'"
                                            : "no route between '%s' and '%s' in the routes table",
                                  cl->b < 0 ? b : a, b);
                goto done;
            }
        }
        hs_loc_type lt = (hs_loc_type)sc->geo.loc_type[cl->a];
        if ((cl->type == HS_CLOSE_CAMP || cl->type == HS_CLOSE_IDPCAMP) && lt != HS_LOC_CAMP &&
            lt != HS_LOC_IDPCAMP) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "name1", "'%s' is not a camp", a);
            goto done;
        }
        if ((st = hs_table_long(&t, row, 3, "closure_start", &cl->start, err)) != HS_OK ||
            (st = hs_table_long(&t, row, 4, "closure_end", &cl->end, err)) != HS_OK)
            goto done;
        if (cl->start < 0) {
            st = hs_error_set(err, HS_ERR_INVALID, t.path, line, "closure_start",
                              "negative start day %ld", cl->start);
            goto done;
        }
        n++;
    }
    sc->nflee_closures = n;
    sc->flee_closures = sc->own_flee_closures;
done:
    hs_table_free(&t);
    return st;
}
