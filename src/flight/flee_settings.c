/*
** flee_settings.c - the flight rule parameters, with Flee's defaults, read
** from Flee's simsetting YAML and written back resolved.
**
** Reading is strict: a key humsec does not know is an error (a misspelt key
** silently ignored would change a run without telling anyone). Flee keys
** that only steer Flee's logging are accepted and ignored; Flee features that
** humsec does not implement are accepted only when switched off.
*/
#include <humsec/flight.h>

#include <math.h>
#include <string.h>
#include <strings.h>
#include "core/named.h"
#include "core/yaml.h"

const char *hs_spawn_mode_name(hs_spawn_mode m)
{
    switch (m) {
    case HS_SPAWN_DATA:
        return "data";
    case HS_SPAWN_CONSTANT:
        return "constant";
    case HS_SPAWN_POISSON:
        return "poisson";
    case HS_SPAWN_POP_RATIO:
        return "pop_ratio";
    }
    return "unknown";
}

void hs_flight_settings_default(hs_flight_settings *s)
{
    memset(s, 0, sizeof *s);
    s->sum_from_camps = 1;
    s->insert_day0 = 1;
    s->empty_camps_on_day0 = 0;
    s->take_from_population = 0;
    s->conflict_zone_spawning_only = 1;
    s->ndecay = 0;
    s->decay_interval = 30;
    s->spawn_mode = HS_SPAWN_DATA;
    s->displaced_per_conflict_day = NAN;

    s->max_move_speed = 360.0;
    s->max_walk_speed = 35.0;
    s->foreign_weight = 1.0;
    s->camp_weight = 1.0;
    s->conflict_weight = 1.0 / sqrt(10.0);
    s->conflict_movechance = 1.0;
    s->camp_movechance = 0.001;
    s->idpcamp_movechance = 0.1;
    s->default_movechance = 0.3;
    s->awareness_level = 1;
    s->capacity_buffer = 0.9;
    s->capacity_scaling = 1.0;
    s->avoid_short_stints = 0;
    s->start_on_foot = 0;
    s->softening = 10.0;
    s->weight_softening = 0.0;
    s->weight_power = 1.0;
    s->distance_power = 1.0;
    s->movechance_pop_base = 10000.0;
    s->movechance_pop_scale_factor = 0.0;
    s->pruning_threshold = 1.0;

    s->hasten = 1;
}

/* Flee features humsec does not implement: accepted only when off. */
typedef struct unsupported {
    int stay_close_to_home, use_pop_for_loc_weight, fixed_routes, two_system, use_v1_rules;
    int camps_are_sicks, starvation, agents_csv, flee_when_starving;
    int children_avoid, boys_take_risk, match_camp_rel, match_camp_eth, match_town_eth,
        match_conflict_eth;
    long line[16]; /* line of each key above, in the order of the check below */
} unsupported;

static hs_status load_doc(hs_flight_settings *s, const hs_yaml *y, hs_error *err)
{
    struct fy_node *root = hs_yaml_root(y);
    if (!root) return HS_OK; /* an empty file: all defaults */

    unsupported u = {0};
    char mode[32] = "";
    long mode_line = 0;
    int cds_seen = 0;
    hs_yaml_field cds[] = {
        {"spawn_mode", HS_YF_STRING, mode, 0, sizeof mode, NULL, NULL, NULL, &mode_line},
        {"displaced_per_conflict_day", HS_YF_DOUBLE, &s->displaced_per_conflict_day, 0, 1e12},
        {NULL}};
    hs_yaml_field spawn[] = {
        {"sum_from_camps", HS_YF_BOOL, &s->sum_from_camps},
        {"insert_day0", HS_YF_BOOL, &s->insert_day0},
        {"empty_camps_on_day0", HS_YF_BOOL, &s->empty_camps_on_day0},
        {"take_from_population", HS_YF_BOOL, &s->take_from_population},
        {"conflict_zone_spawning_only", HS_YF_BOOL, &s->conflict_zone_spawning_only},
        {"conflict_spawn_decay", HS_YF_DOUBLE_LIST, s->decay, 0, HS_FLIGHT_DECAY_MAX, NULL,
         &s->ndecay},
        {"conflict_spawn_decay_interval", HS_YF_LONG, &s->decay_interval, 1, 1e9},
        {"conflict_driven_spawning", HS_YF_MAP, NULL, 0, 0, cds, NULL, &cds_seen},
        {"average_social_connectivity", HS_YF_IGNORE},
        {"flood_zone_spawning_only", HS_YF_IGNORE},
        {"camps_are_sicks", HS_YF_BOOL, &u.camps_are_sicks, 0, 0, NULL, NULL, NULL, &u.line[12]},
        {"starvation_driven_spawning", HS_YF_BOOL, &u.starvation, 0, 0, NULL, NULL, NULL,
         &u.line[13]},
        {"read_from_agents_csv_file", HS_YF_BOOL, &u.agents_csv, 0, 0, NULL, NULL, NULL,
         &u.line[14]},
        {NULL}};
    hs_yaml_field move[] = {
        {"max_move_speed", HS_YF_DOUBLE, &s->max_move_speed, 1e-9, 1e9},
        {"max_walk_speed", HS_YF_DOUBLE, &s->max_walk_speed, 1e-9, 1e9},
        {"max_crossing_speed", HS_YF_IGNORE},
        {"foreign_weight", HS_YF_DOUBLE, &s->foreign_weight, 0, 1e9},
        {"camp_weight", HS_YF_DOUBLE, &s->camp_weight, 0, 1e9},
        {"conflict_weight", HS_YF_DOUBLE, &s->conflict_weight, 0, 1e9},
        {"conflict_movechance", HS_YF_DOUBLE, &s->conflict_movechance, 0, 1},
        {"camp_movechance", HS_YF_DOUBLE, &s->camp_movechance, 0, 1},
        {"idpcamp_movechance", HS_YF_DOUBLE, &s->idpcamp_movechance, 0, 1},
        {"default_movechance", HS_YF_DOUBLE, &s->default_movechance, 0, 1},
        {"awareness_level", HS_YF_LONG, &s->awareness_level, 0, HS_AWARENESS_MAX},
        {"capacity_buffer", HS_YF_DOUBLE, &s->capacity_buffer, 0, 1},
        {"capacity_scaling", HS_YF_DOUBLE, &s->capacity_scaling, 0, 1e9},
        {"avoid_short_stints", HS_YF_BOOL, &s->avoid_short_stints},
        {"start_on_foot", HS_YF_BOOL, &s->start_on_foot},
        {"softening", HS_YF_DOUBLE, &s->softening, 0, 1e9},
        {"weight_softening", HS_YF_DOUBLE, &s->weight_softening, 0, 1e9},
        {"weight_power", HS_YF_DOUBLE, &s->weight_power, 0, 100},
        {"distance_power", HS_YF_DOUBLE, &s->distance_power, 0, 100},
        {"movechance_pop_base", HS_YF_DOUBLE, &s->movechance_pop_base, 1e-9, 1e15},
        {"movechance_pop_scale_factor", HS_YF_DOUBLE, &s->movechance_pop_scale_factor, -10, 10},
        {"pruning_threshold", HS_YF_DOUBLE, &s->pruning_threshold, 1, 1e9},
        {"stay_close_to_home", HS_YF_BOOL, &u.stay_close_to_home, 0, 0, NULL, NULL, NULL,
         &u.line[0]},
        {"home_distance_power", HS_YF_IGNORE},
        {"use_pop_for_loc_weight", HS_YF_BOOL, &u.use_pop_for_loc_weight, 0, 0, NULL, NULL, NULL,
         &u.line[1]},
        {"pop_power_for_loc_weight", HS_YF_IGNORE},
        {"fixed_routes", HS_YF_BOOL, &u.fixed_routes, 0, 0, NULL, NULL, NULL, &u.line[2]},
        {"two_system_decision_making", HS_YF_BOOL, &u.two_system, 0, 0, NULL, NULL, NULL,
         &u.line[3]},
        {"use_v1_rules", HS_YF_BOOL, &u.use_v1_rules, 0, 0, NULL, NULL, NULL, &u.line[4]},
        {"flee_when_starving", HS_YF_BOOL, &u.flee_when_starving, 0, 0, NULL, NULL, NULL,
         &u.line[5]},
        {"ChildrenAvoidHazards", HS_YF_BOOL, &u.children_avoid, 0, 0, NULL, NULL, NULL, &u.line[6]},
        {"BoysTakeRisk", HS_YF_BOOL, &u.boys_take_risk, 0, 0, NULL, NULL, NULL, &u.line[7]},
        {"MatchCampReligion", HS_YF_BOOL, &u.match_camp_rel, 0, 0, NULL, NULL, NULL, &u.line[8]},
        {"MatchCampEthnicity", HS_YF_BOOL, &u.match_camp_eth, 0, 0, NULL, NULL, NULL, &u.line[9]},
        {"MatchTownEthnicity", HS_YF_BOOL, &u.match_town_eth, 0, 0, NULL, NULL, NULL, &u.line[10]},
        {"MatchConflictEthnicity", HS_YF_BOOL, &u.match_conflict_eth, 0, 0, NULL, NULL, NULL,
         &u.line[11]},
        {"avg_religion_fraction", HS_YF_IGNORE},
        {"waypoint_movechance", HS_YF_IGNORE},
        {"harvest_months", HS_YF_IGNORE},
        {NULL}};
    hs_yaml_field opt[] = {{"hasten", HS_YF_LONG, &s->hasten, 1, 1e9}, {NULL}};
    hs_yaml_field top[] = {{"log_levels", HS_YF_IGNORE},
                           {"spawn_rules", HS_YF_MAP, NULL, 0, 0, spawn},
                           {"move_rules", HS_YF_MAP, NULL, 0, 0, move},
                           {"optimisations", HS_YF_MAP, NULL, 0, 0, opt},
                           {"number_of_steps", HS_YF_IGNORE},
                           {"conflict_input_file", HS_YF_IGNORE},
                           {"flood_level_input_file", HS_YF_IGNORE},
                           {"default_conflict_intensity", HS_YF_IGNORE},
                           {"decision_mode", HS_YF_IGNORE},
                           {NULL}};
    hs_status st = hs_yaml_read_map(y, root, "", top, 1, err);
    if (st != HS_OK) return st;

    const struct {
        int on;
        const char *key;
    } off[] = {{u.stay_close_to_home, "move_rules.stay_close_to_home"},
               {u.use_pop_for_loc_weight, "move_rules.use_pop_for_loc_weight"},
               {u.fixed_routes, "move_rules.fixed_routes"},
               {u.two_system, "move_rules.two_system_decision_making"},
               {u.use_v1_rules, "move_rules.use_v1_rules"},
               {u.flee_when_starving, "move_rules.flee_when_starving"},
               {u.children_avoid, "move_rules.ChildrenAvoidHazards"},
               {u.boys_take_risk, "move_rules.BoysTakeRisk"},
               {u.match_camp_rel, "move_rules.MatchCampReligion"},
               {u.match_camp_eth, "move_rules.MatchCampEthnicity"},
               {u.match_town_eth, "move_rules.MatchTownEthnicity"},
               {u.match_conflict_eth, "move_rules.MatchConflictEthnicity"},
               {u.camps_are_sicks, "spawn_rules.camps_are_sicks"},
               {u.starvation, "spawn_rules.starvation_driven_spawning"},
               {u.agents_csv, "spawn_rules.read_from_agents_csv_file"}};
    for (size_t i = 0; i < sizeof off / sizeof *off; i++)
        if (off[i].on)
            return hs_error_set(err, HS_ERR_INVALID, y->path, u.line[i], off[i].key,
                                "this Flee feature is not supported by humsec; set it to False");

    if (cds_seen) {
        if (!mode[0] || strcmp(mode, "constant") == 0)
            s->spawn_mode = HS_SPAWN_CONSTANT;
        else if (strcmp(mode, "pop_ratio") == 0)
            s->spawn_mode = HS_SPAWN_POP_RATIO;
        else if (strcasecmp(mode, "poisson") == 0)
            s->spawn_mode = HS_SPAWN_POISSON;
        else
            return hs_error_set(err, HS_ERR_INVALID, y->path, mode_line,
                                "spawn_rules.conflict_driven_spawning.spawn_mode",
                                "unknown spawn mode '%s' (constant, poisson or pop_ratio)", mode);
    }
    return HS_OK;
}

hs_status hs_flight_settings_load(hs_flight_settings *s, const char *path, hs_error *err)
{
    hs_yaml y;
    hs_status st = hs_yaml_load(&y, path, err);
    if (st != HS_OK) return st;
    st = load_doc(s, &y, err);
    hs_yaml_free(&y);
    return st;
}

hs_status hs_flight_settings_load_text(hs_flight_settings *s, const char *name, const char *text,
                                       hs_error *err)
{
    hs_yaml y;
    hs_status st = hs_yaml_load_text(&y, name, text, err);
    if (st != HS_OK) return st;
    st = load_doc(s, &y, err);
    hs_yaml_free(&y);
    return st;
}

static const char *tf(int b)
{
    return b ? "True" : "False";
}

void hs_flight_settings_write(const hs_flight_settings *s, FILE *f)
{
    fprintf(f, "spawn_rules:\n");
    fprintf(f, "  sum_from_camps: %s\n", tf(s->sum_from_camps));
    fprintf(f, "  insert_day0: %s\n", tf(s->insert_day0));
    fprintf(f, "  empty_camps_on_day0: %s\n", tf(s->empty_camps_on_day0));
    fprintf(f, "  take_from_population: %s\n", tf(s->take_from_population));
    fprintf(f, "  conflict_zone_spawning_only: %s\n", tf(s->conflict_zone_spawning_only));
    fprintf(f, "  conflict_spawn_decay: [");
    for (int i = 0; i < s->ndecay; i++)
        fprintf(f, "%s%.17g", i ? ", " : "", s->decay[i]);
    fprintf(f, "]\n");
    fprintf(f, "  conflict_spawn_decay_interval: %ld\n", s->decay_interval);
    if (s->spawn_mode != HS_SPAWN_DATA) {
        fprintf(f, "  conflict_driven_spawning:\n    spawn_mode: %s\n",
                hs_spawn_mode_name(s->spawn_mode));
        if (!isnan(s->displaced_per_conflict_day))
            fprintf(f, "    displaced_per_conflict_day: %.17g\n", s->displaced_per_conflict_day);
    }
    fprintf(f, "move_rules:\n");
#define D(name) fprintf(f, "  " #name ": %.17g\n", s->name)
    D(max_move_speed);
    D(max_walk_speed);
    D(foreign_weight);
    D(camp_weight);
    D(conflict_weight);
    D(conflict_movechance);
    D(camp_movechance);
    D(idpcamp_movechance);
    D(default_movechance);
    fprintf(f, "  awareness_level: %ld\n", s->awareness_level);
    D(capacity_buffer);
    D(capacity_scaling);
    fprintf(f, "  avoid_short_stints: %s\n", tf(s->avoid_short_stints));
    fprintf(f, "  start_on_foot: %s\n", tf(s->start_on_foot));
    D(softening);
    D(weight_softening);
    D(weight_power);
    D(distance_power);
    D(movechance_pop_base);
    D(movechance_pop_scale_factor);
    D(pruning_threshold);
#undef D
    fprintf(f, "optimisations:\n  hasten: %ld\n", s->hasten);
}

/* The rules an experiment may vary by name (compare.h): those that act while a
** run goes on. Rules that shape the case as it is read (hasten, the data
** spawning rules) are not here: a case is read once for all of an
** experiment's runs. Softening must stay above 0 here (a route of 0 km is
** checked against it when the case is read). */
#define MOVE_D(key, lo, hi)                                                                        \
    {                                                                                              \
        "move_rules", #key, HS_NAMED_DOUBLE, offsetof(hs_flight_settings, key), lo, hi             \
    }
#define MOVE_B(key)                                                                                \
    {                                                                                              \
        "move_rules", #key, HS_NAMED_BOOL, offsetof(hs_flight_settings, key), 0, 1                 \
    }
static const hs_named flight_rules_by_name[] = {
    MOVE_D(max_move_speed, 1e-9, 1e9),
    MOVE_D(max_walk_speed, 1e-9, 1e9),
    MOVE_D(foreign_weight, 0, 1e9),
    MOVE_D(camp_weight, 0, 1e9),
    MOVE_D(conflict_weight, 0, 1e9),
    MOVE_D(conflict_movechance, 0, 1),
    MOVE_D(camp_movechance, 0, 1),
    MOVE_D(idpcamp_movechance, 0, 1),
    MOVE_D(default_movechance, 0, 1),
    {"move_rules", "awareness_level", HS_NAMED_LONG, offsetof(hs_flight_settings, awareness_level),
     0, HS_AWARENESS_MAX},
    MOVE_D(capacity_buffer, 0, 1),
    MOVE_D(capacity_scaling, 0, 1e9),
    MOVE_B(avoid_short_stints),
    MOVE_B(start_on_foot),
    MOVE_D(softening, 1e-9, 1e9),
    MOVE_D(weight_softening, 0, 1e9),
    MOVE_D(weight_power, 0, 100),
    MOVE_D(distance_power, 0, 100),
    MOVE_D(movechance_pop_base, 1e-9, 1e15),
    MOVE_D(movechance_pop_scale_factor, -10, 10),
    {"spawn_rules.conflict_driven_spawning", "displaced_per_conflict_day", HS_NAMED_DOUBLE,
     offsetof(hs_flight_settings, displaced_per_conflict_day), 0, 1e12},
    {NULL, NULL, 0, 0, 0, 0},
};
#undef MOVE_D
#undef MOVE_B

int hs_flight_settings_range(const char *name, double *min, double *max)
{
    return hs_named_range(flight_rules_by_name, name, min, max);
}

int hs_flight_settings_get(const hs_flight_settings *s, const char *name, double *value)
{
    return hs_named_get(flight_rules_by_name, s, name, value);
}

hs_status hs_flight_settings_set(hs_flight_settings *s, const char *name, double value,
                                 hs_error *err)
{
    return hs_named_set(flight_rules_by_name, s, name, value,
                        "the flight rules (names are section.key as in a Flee simsetting file, "
                        "e.g. move_rules.conflict_movechance; only rules that act during a run)",
                        err);
}
