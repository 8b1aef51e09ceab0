/*
** geo.h - the geography every process shares: states (countries),
** locations inside them, and routes between locations.
**
** The map is built once (add states, locations, routes; then
** hs_geo_build) and is read-only while a simulation runs: what changes from
** day to day (conflict, closures, occupancy, services) belongs to the
** processes that change it. Routes are undirected; hs_geo_build turns each
** into two directed links and an adjacency list (CSR) so that hot loops walk
** plain arrays: the links leaving location i are
** link_to[adj_start[i] .. adj_start[i+1]-1] (stored in adjacency order).
*/
#ifndef HUMSEC_GEO_H
#define HUMSEC_GEO_H

#include <stdint.h>
#include <humsec/error.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* Location types (Flee's vocabulary; the world model adds more later). */
typedef enum hs_loc_type {
    HS_LOC_TOWN = 0,
    HS_LOC_CONFLICT_ZONE = 1, /* a town that is (or will become) a conflict zone */
    HS_LOC_CAMP = 2,
    HS_LOC_IDPCAMP = 3,
    HS_LOC_FORWARDING_HUB = 4,
    HS_LOC_MARKER = 5, /* a waypoint: not a destination, not counted as a hop */
} hs_loc_type;

const char *hs_loc_type_name(hs_loc_type t);

/* A location type from its name, by Flee's rule (so that every case Flee
** reads is read alike): case-insensitive, first match wins - a name holding
** "camp" is a camp (an IDP camp if it also holds "idp"), then "conflict",
** "forward", "marker", and "default", "town" or "city" make a town. The
** names hs_loc_type_name gives all read back as themselves. Returns 0 and
** sets *t, or -1 for a name of no type. */
int hs_loc_type_parse(const char *name, hs_loc_type *t);

/* The names hs_loc_type_parse is documented to take, for messages. */
#define HS_LOC_TYPE_NAMES                                                                          \
    "town, city, default, conflict_zone, camp, idpcamp, forwarding_hub, marker"

typedef struct hs_geo {
    /* States. */
    int nstates;
    char **state_name;

    /* Locations (cold data, one entry per location). */
    int nloc;
    char **loc_name;
    char **loc_region;
    int32_t *loc_state; /* index into state_name */
    double *loc_lat, *loc_lon;
    uint8_t *loc_type;      /* hs_loc_type */
    double *loc_population; /* residents; for camps, Flee's capacity column */
    long *loc_source_line;  /* line of the input that defined it (0 if none) */

    /* Routes (undirected). */
    int nroutes;
    int32_t *route_a, *route_b;
    double *route_km;
    int32_t *route_forced; /* Flee's forced_redirection flag (0 = none) */

    /* Directed links, built by hs_geo_build: link 2r goes a->b, 2r+1 b->a. */
    int nlinks;
    int32_t *link_from, *link_to;
    float *link_km;
    /* Adjacency: the links leaving location i are adj_link[adj_start[i] .. adj_start[i+1]-1]. */
    int32_t *adj_start;
    int32_t *adj_link;

    /* Name index: location indices sorted by name (built by hs_geo_build). */
    int32_t *by_name;
    int built;

    int cap_states, cap_loc, cap_routes;
} hs_geo;

/* An empty world. */
void hs_geo_init(hs_geo *w);
/* Free everything the world owns. */
void hs_geo_free(hs_geo *w);

/* Index of a state, adding it if new. Returns -1 on allocation failure. */
int hs_geo_state(hs_geo *w, const char *name);

/* Add a location; returns its index, or -1 (with err set). */
int hs_geo_add_location(hs_geo *w, const char *name, const char *region, const char *state,
                        double lat, double lon, hs_loc_type type, double population,
                        long source_line, hs_error *err);

/* Add an undirected route; returns its index, or -1 (with err set). */
int hs_geo_add_route(hs_geo *w, int a, int b, double km, int forced, hs_error *err);

/* Build links, adjacency and the name index. Duplicate location names are an
** error naming both lines (file is used in the message). */
hs_status hs_geo_build(hs_geo *w, const char *file, hs_error *err);

/* Location index by exact name, or -1. Needs hs_geo_build. */
int hs_geo_find(const hs_geo *w, const char *name);

/* The directed link from a to b, or -1. */
int hs_geo_link(const hs_geo *w, int a, int b);

#pragma GCC visibility pop

#endif
