/*
** region_write.c - a region's scenario as files a user can read, edit and
** run (`humsec run DIR/NAME.yml`): the YAML of a human-security scenario with
** every state's numbers written out (the indicators they came from in
** comments), locations.csv and routes.csv in the world's columns, every
** parameter, and sources.txt with the builder's notes.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <humsec/date.h>
#include <humsec/outdir.h>
#include "region/region_internal.h"

/* A YAML double-quoted scalar. */
static void yq(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A CSV field, quoted when it must be. */
static void cq(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* Shortest of 15 or 17 digits that reads back the same. */
static void num(FILE *f, double v)
{
    char b[32];
    snprintf(b, sizeof b, "%.15g", v);
    if (strtod(b, NULL) != v) snprintf(b, sizeof b, "%.17g", v);
    fputs(b, f);
}

static hs_status open_in(const char *dir, const char *name, FILE **f, char **path, hs_error *err)
{
    *path = hs_path_join(dir, name);
    if (!*path) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    *f = fopen(*path, "w");
    if (!*f) {
        hs_status st =
            hs_error_set(err, HS_ERR_IO, *path, 0, NULL, "cannot write: %s", strerror(errno));
        free(*path);
        return st;
    }
    return HS_OK;
}

static hs_status close_in(FILE *f, char *path, hs_error *err)
{
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    hs_status st =
        bad ? hs_error_set(err, HS_ERR_IO, path, 0, NULL, "write failed: %s", strerror(errno))
            : HS_OK;
    free(path);
    return st;
}

static void write_state(const hs_region *r, int s, FILE *f)
{
    const hs_world_state *st = &r->sc->states[s];
    const hs_region_indicators *in = &r->ind[s];
    fputs("  - name: ", f);
    yq(f, st->name);
    fprintf(f, "\n    # %s: HDR %d, INFORM %d, FSI %d (0: not in the table; see sources.txt)\n",
            in->iso3[0] ? in->iso3 : "no ISO code", in->hdr_year, in->inform_year, in->fsi_year);
    const struct {
        const char *key;
        double v;
    } v[] = {{"economy", st->economy},
             {"services", st->services},
             {"tax", st->tax},
             {"military_share", st->military_share},
             {"legitimacy", st->legitimacy},
             {"repression", st->repression},
             {"cohesion", st->cohesion},
             {"police", st->police}};
    for (size_t k = 0; k < sizeof v / sizeof *v; k++) {
        fprintf(f, "    %s: ", v[k].key);
        num(f, v[k].v);
        fputc('\n', f);
    }
    if (st->life_expectancy > 0) {
        fputs("    life_expectancy: ", f);
        num(f, st->life_expectancy);
        fputc('\n', f);
    }
    fprintf(f, "    regime: %s\n    groups: {", hs_regime_name(st->regime));
    for (int g = 0, first = 1; g < r->sc->ngroups; g++) {
        if (st->group_share[g] <= 0) continue;
        fputs(first ? "" : ", ", f);
        yq(f, r->sc->groups[g]);
        fputs(": ", f);
        num(f, st->group_share[g]);
        first = 0;
    }
    fputs("}\n", f);
}

static void write_event(const hs_world_scenario *sc, const hs_world_event *e, FILE *f)
{
    fprintf(f, "  - {type: %s", hs_event_name(e->type));
    if (e->loc >= 0) {
        fputs(", location: ", f);
        yq(f, sc->geo.loc_name[e->loc]);
    } else if (e->state >= 0) {
        fputs(", state: ", f);
        yq(f, sc->states[e->state].name);
    }
    if (e->state_b >= 0) {
        fputs(", state_b: ", f);
        yq(f, sc->states[e->state_b].name);
    }
    fprintf(f, ", start: %ld", e->start);
    if (e->end >= 0) fprintf(f, ", end: %ld", e->end);
    fputs(", intensity: ", f);
    num(f, e->intensity);
    fputs("}\n", f);
}

static hs_status write_yaml(const hs_region *r, const char *dir, hs_error *err)
{
    const hs_world_scenario *sc = r->sc;
    char name[300];
    snprintf(name, sizeof name, "%s.yml", sc->name);
    FILE *f;
    char *path;
    hs_status st = open_in(dir, name, &f, &path, err);
    if (st != HS_OK) return st;
    char date[11];
    hs_date_format(sc->start_date, date);
    fprintf(f,
            "# The human security world of the Flee case %s, built by `humsec region`\n"
            "# (docs/odd/region.md). One agent stands for %g people: the people and\n"
            "# capacities below are agents. Edit and run it with `humsec run %s`.\n"
            "model: human_security\nname: ",
            sc->path, r->scale, name);
    yq(f, sc->name);
    fprintf(f, "\nstart_date: %s\ndays: %ld\ngroups: [", date, sc->days);
    for (int g = 0; g < sc->ngroups; g++) {
        fputs(g ? ", " : "", f);
        yq(f, sc->groups[g]);
    }
    fputs("]\nstates:\n", f);
    for (int s = 0; s < sc->nstates; s++)
        write_state(r, s, f);
    fputs("locations: locations.csv\nroutes: routes.csv\n", f);
    if (sc->nflee_closures)
        fputs("# Closures of places, links and camps, in Flee's columns (the border\n"
              "# closures are events below).\nclosures: closures.csv\n",
              f);
    if (sc->nevents) fputs("events:\n", f);
    for (int k = 0; k < sc->nevents; k++)
        write_event(sc, &sc->events[k], f);
    fputs("# Every parameter (the flight section's speed, weights and awareness are the\n"
          "# case's Flee settings; the rest are the model's defaults for every case).\n",
          f);
    hs_world_params_write(&sc->params, f);
    return close_in(f, path, err);
}

/* closures.csv: the closures the events cannot say, in Flee's columns, read back by
** the scenario's `closures:` key. */
static hs_status write_closures(const hs_world_scenario *sc, const char *dir, hs_error *err)
{
    FILE *f;
    char *path;
    hs_status st = open_in(dir, "closures.csv", &f, &path, err);
    if (st != HS_OK) return st;
    fputs("#closure_type,name1,name2,closure_start,closure_end\n", f);
    for (int k = 0; k < sc->nflee_closures; k++) {
        const hs_closure *cl = &sc->flee_closures[k];
        fprintf(f, "%s,", region_closure_name(cl->type));
        cq(f, sc->geo.loc_name[cl->a]);
        fputc(',', f);
        if (cl->b >= 0) cq(f, sc->geo.loc_name[cl->b]);
        fprintf(f, ",%ld,%ld\n", cl->start, cl->end);
    }
    return close_in(f, path, err);
}

static hs_status write_tables(const hs_region *r, const char *dir, hs_error *err)
{
    const hs_world_scenario *sc = r->sc;
    const hs_geo *g = &sc->geo;
    FILE *f;
    char *path;
    hs_status st = open_in(dir, "locations.csv", &f, &path, err);
    if (st != HS_OK) return st;
    fputs("#name,region,country,latitude,longitude,location_type,people,capacity,services,erw,"
          "hazard\n",
          f);
    for (int i = 0; i < g->nloc; i++) {
        cq(f, g->loc_name[i]);
        fputc(',', f);
        cq(f, g->loc_region[i] ? g->loc_region[i] : "");
        fputc(',', f);
        cq(f, g->state_name[g->loc_state[i]]);
        fprintf(f, ",%.15g,%.15g,%s,%.0f,", g->loc_lat[i], g->loc_lon[i],
                hs_loc_type_name((hs_loc_type)g->loc_type[i]), sc->people[i]);
        if (sc->capacity[i] > 0) fprintf(f, "%.0f", sc->capacity[i]);
        fputc(',', f);
        num(f, sc->services[i]);
        fputc(',', f);
        num(f, sc->erw[i]);
        fputc(',', f);
        num(f, sc->hazard[i]);
        fputc('\n', f);
    }
    if ((st = close_in(f, path, err)) != HS_OK) return st;
    if ((st = open_in(dir, "routes.csv", &f, &path, err)) != HS_OK) return st;
    fputs("#name1,name2,distance\n", f);
    for (int k = 0; k < g->nroutes; k++) {
        cq(f, g->loc_name[g->route_a[k]]);
        fputc(',', f);
        cq(f, g->loc_name[g->route_b[k]]);
        fputc(',', f);
        num(f, g->route_km[k]);
        fputc('\n', f);
    }
    if ((st = close_in(f, path, err)) != HS_OK) return st;
    if (sc->nflee_closures && (st = write_closures(sc, dir, err)) != HS_OK) return st;
    if ((st = open_in(dir, "sources.txt", &f, &path, err)) != HS_OK) return st;
    fprintf(f, "Built from %s for the start year %d.\nTables: HDR %s; INFORM %s; FSI %s\n",
            sc->path, r->year, r->hdr_path ? r->hdr_path : "none",
            r->inform_path ? r->inform_path : "none", r->fsi_path ? r->fsi_path : "none");
    for (int k = 0; k < r->nnotes; k++)
        fprintf(f, "%s\n", r->notes[k]);
    return close_in(f, path, err);
}

/* mkdir -p. */
static int make_dirs(const char *dir)
{
    char p[4096];
    snprintf(p, sizeof p, "%s", dir);
    for (char *q = p + 1; *q; q++)
        if (*q == '/') {
            *q = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) return -1;
            *q = '/';
        }
    return mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

hs_status hs_region_write_scenario(const hs_region *r, const char *dir, hs_error *err)
{
    if (make_dirs(dir) != 0)
        return hs_error_set(err, HS_ERR_IO, dir, 0, NULL, "cannot create the folder: %s",
                            strerror(errno));
    hs_status st = write_yaml(r, dir, err);
    return st == HS_OK ? write_tables(r, dir, err) : st;
}
