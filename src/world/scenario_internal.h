/*
** scenario_internal.h - what the scenario reader's two files share
** (scenario.c: the YAML; scenario_tables.c: the CSV tables). Not public.
*/
#ifndef HUMSEC_WORLD_SCENARIO_INTERNAL_H
#define HUMSEC_WORLD_SCENARIO_INTERNAL_H

#include "core/yaml.h"
#include "world/world_internal.h"

typedef struct reader {
    hs_yaml y;
    const char *dir;                 /* folder of the YAML file, for tables; NULL when embedded */
    const world_text_file *embedded; /* tables as text, or NULL */
    hs_world_scenario *sc;
    int explicit_economy[HS_WORLD_MAX_STATES], explicit_services[HS_WORLD_MAX_STATES],
        explicit_life[HS_WORLD_MAX_STATES];
} reader;

/* Index of a state or group by name, or -1. */
int world_find_state(const hs_world_scenario *sc, const char *name);
int world_find_group(const hs_world_scenario *sc, const char *name);

/* The tables named by the scenario's keys (scenario_tables.c). */
hs_status world_read_indicators(reader *r, struct fy_node *root, hs_error *err);
hs_status world_read_locations(reader *r, struct fy_node *root, hs_error *err);
hs_status world_read_routes(reader *r, struct fy_node *root, hs_error *err);
hs_status world_read_people(reader *r, struct fy_node *root, hs_error *err);
hs_status world_read_closures(reader *r, struct fy_node *root, hs_error *err);
/* <prefix>.<what> of item: a list of state names (none twice, not self unless self < 0)
** appended to out[*n]; absent: nothing. Errors name the key. */
hs_status world_read_state_names(reader *r, struct fy_node *item, const char *prefix,
                                 const char *what, int self, int *out, int *n, hs_error *err);
/* The donors (scenario_donors.c). */
hs_status world_read_donors(reader *r, struct fy_node *root, hs_error *err);

#endif
