/*
** test_world_scenario.c - human-security scenario files: a good one loads
** with what it says; a broken one gets a message naming the file, the line
** and the key (or column) at fault; the shipped scenarios/world/default.yml
** is the embedded default.
*/
#include "world_fixture.h"

#include <stdlib.h>
#include <string.h>

static const char good_yml[] =
    "model: human_security\n"                                                     /* 1 */
    "name: tiny\n"                                                                /* 2 */
    "start_date: 2020-01-01\n"                                                    /* 3 */
    "days: 100\n"                                                                 /* 4 */
    "groups: [A, B]\n"                                                            /* 5 */
    "states:\n"                                                                   /* 6 */
    "  - name: Home\n"                                                            /* 7 */
    "    legitimacy: 0.7\n"                                                       /* 8 */
    "    regime: autocracy\n"                                                     /* 9 */
    "    rivals: [Rival]\n"                                                       /* 10 */
    "    groups: {A: 0.6, B: 0.4}\n"                                              /* 11 */
    "  - name: Host\n"                                                            /* 12 */
    "    groups: {B: 1}\n"                                                        /* 13 */
    "  - name: Rival\n"                                                           /* 14 */
    "locations: locations.csv\n"                                                  /* 15 */
    "routes: routes.csv\n"                                                        /* 16 */
    "events:\n"                                                                   /* 17 */
    "  - {type: conflict, location: A1, start: 10, end: 60, intensity: 0.4}\n"    /* 18 */
    "  - {type: border_closure, state: Home, state_b: Host, start: 5, end: 20}\n" /* 19 */
    "thresholds:\n"                                                               /* 20 */
    "  food: 0.3\n"                                                               /* 21 */
    "mechanisms:\n"                                                               /* 22 */
    "  flight:\n"                                                                 /* 23 */
    "    on: false\n"                                                             /* 24 */
    "    rate: 0.1\n";                                                            /* 25 */

static const char good_locations[] =
    "#name,region,country,latitude,longitude,location_type,people,capacity,services,erw,hazard\n"
    "A1,r,Home,0,0,town,300,,0.5,0.1,0.2\n"
    "A2,r,Home,0,1,town,200,,0.6,0,0.1\n"
    "C1,r,Host,0,2,camp,0,200,0.6,0,0.1\n"
    "R1,r,Rival,1,0,town,200,,0.8,0,0.1\n";

static const char good_routes[] = "#name1,name2,distance\nA1,A2,100\nA2,C1,80\nA1,R1,150\n";

/* Write the scenario into dir, with one file's text replaced by its edit of
** the good one: the first occurrence of from becomes to. */
static void write_scenario(const char *dir, const char *file, const char *from, const char *to)
{
    const struct {
        const char *name, *text;
    } files[] = {
        {"tiny.yml", good_yml}, {"locations.csv", good_locations}, {"routes.csv", good_routes}};
    for (size_t k = 0; k < 3; k++) {
        char path[4200], *text = strdup(files[k].text);
        if (file && strcmp(file, files[k].name) == 0) {
            char *at = strstr(text, from);
            if (!at) fail_msg("fixture: '%s' not in %s", from, file);
            size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
            char *edited = malloc(n);
            snprintf(edited, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
            free(text);
            text = edited;
        }
        snprintf(path, sizeof path, "%s/%s", dir, files[k].name);
        test_write(path, text);
        free(text);
    }
}

static void a_good_scenario_loads(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("world-scenario-good");
    write_scenario(dir, NULL, NULL, NULL);
    char path[4200];
    snprintf(path, sizeof path, "%s/tiny.yml", dir);
    hs_world_scenario *sc;
    hs_error err;
    if (hs_world_scenario_load(&sc, path, &err) != HS_OK) world_fail(&err, "good scenario");
    assert_string_equal(sc->name, "tiny");
    assert_int_equal(sc->days, 100);
    assert_int_equal(sc->nstates, 3);
    assert_int_equal(sc->ngroups, 2);
    assert_int_equal(sc->states[0].regime, HS_REGIME_AUTOCRACY);
    assert_int_equal(sc->states[0].nrivals, 1);
    assert_int_equal(sc->states[0].rivals[0], 2);
    assert_true(fabs(sc->states[0].group_share[1] - 0.4) < 1e-12);
    assert_int_equal(sc->geo.nloc, 4);
    assert_int_equal(sc->geo.nroutes, 3);
    assert_int_equal(sc->geo.loc_state[2], 1);
    assert_true(fabs(sc->erw[0] - 0.1) < 1e-12);
    assert_int_equal(sc->nevents, 2);
    assert_int_equal(sc->events[0].type, HS_EV_CONFLICT);
    assert_int_equal(sc->events[1].state_b, 1);
    assert_false(sc->params.on[HS_M4_FLIGHT]);
    assert_true(sc->params.on[HS_M1_GUNS_BUTTER]);
    assert_true(fabs(sc->params.flee_rate - 0.1) < 1e-12);
    assert_true(fabs(sc->params.critical[HS_DIM_FOOD] - 0.3) < 1e-12);
    /* It runs, and conserves its people. */
    hs_world_sim *sim = world_run(sc, 1, -1, 0);
    assert_int_equal(hs_world_sim_days(sim), 100);
    assert_int_equal(hs_world_sim_initial_people(sim), 700);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* `people: people.csv` sets who lives where by group. */
static void people_by_location_and_group(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("world-scenario-people");
    write_scenario(dir, "tiny.yml", "routes: routes.csv\n",
                   "routes: routes.csv\npeople: people.csv\n");
    char path[4200];
    snprintf(path, sizeof path, "%s/people.csv", dir);
    test_write(path, "location,group,people\nA1,B,50\nA1,A,10\nR1,B,5\n");
    snprintf(path, sizeof path, "%s/tiny.yml", dir);
    hs_world_scenario *sc;
    hs_error err;
    if (hs_world_scenario_load(&sc, path, &err) != HS_OK) world_fail(&err, "people.csv");
    assert_true(sc->people[0] == 60 && sc->people[1] == 200 && sc->people[3] == 5);
    hs_world_sim *sim = world_run(sc, 1, 1, 0);
    assert_int_equal(hs_world_sim_initial_people(sim), 265);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
    snprintf(path, sizeof path, "%s/people.csv", dir);
    test_write(path, "location,group,people\nA1,B,50\nA1,Z,10\n");
    snprintf(path, sizeof path, "%s/tiny.yml", dir);
    assert_int_not_equal(hs_world_scenario_load(&sc, path, &err), HS_OK);
    char msg[4096];
    hs_error_format(&err, msg, sizeof msg);
    if (!strstr(msg, "people.csv:3") || !strstr(msg, "'group'") ||
        !strstr(msg, "unknown group 'Z'"))
        fail_msg("people.csv error: %s", msg);
    /* Each row within its bound, the people in all past a run's (issue 15). */
    snprintf(path, sizeof path, "%s/people.csv", dir);
    test_write(path, "location,group,people\nA1,B,6e8\nA2,A,6e8\n");
    snprintf(path, sizeof path, "%s/tiny.yml", dir);
    assert_int_equal(hs_world_scenario_load(&sc, path, &err), HS_ERR_INVALID);
    hs_error_format(&err, msg, sizeof msg);
    if (!strstr(msg, "people.csv:3") || !strstr(msg, "'people'") || !strstr(msg, "people in all"))
        fail_msg("people.csv error: %s", msg);
}

/* `iso3:` with `indicators:` takes economy and services from UNDP's data. */
static void states_from_real_indicator_data(void **state)
{
    (void)state;
    const char *hdr =
        test_shared("data/undp-hdr/HDR23-24_Composite_indices_complete_time_series.csv");
    if (!hdr) {
        print_message("SKIP: ../shared/data/undp-hdr is not present\n");
        skip();
    }
    char hdr_path[4200], line[4400];
    snprintf(hdr_path, sizeof hdr_path, "%s", hdr);
    const char *dir = test_tmpdir("world-scenario-hdr");
    snprintf(line, sizeof line, "routes: routes.csv\nindicators: %s\nindicator_year: 2022\n",
             hdr_path);
    write_scenario(dir, "tiny.yml", "routes: routes.csv\n", line);
    char path[4200], *yml;
    snprintf(path, sizeof path, "%s/tiny.yml", dir);
    /* Home is Afghanistan, Host is Norway; A2's services come from the data. */
    yml = test_read(path);
    char *edited = malloc(strlen(yml) + 64);
    char *at = strstr(yml, "  - name: Host\n");
    snprintf(edited, strlen(yml) + 64, "%.*s    iso3: AFG\n  - name: Host\n    iso3: NOR\n%s",
             (int)(at - yml), yml, at + strlen("  - name: Host\n"));
    test_write(path, edited);
    char lpath[4300];
    snprintf(lpath, sizeof lpath, "%s/locations.csv", dir);
    char *locs = test_read(lpath), *a2 = strstr(locs, "200,,0.6,0,0.1");
    memcpy(a2, "200,,   ,0,0.1", 14);
    test_write(lpath, locs);
    hs_world_scenario *sc;
    hs_error err;
    if (hs_world_scenario_load(&sc, path, &err) != HS_OK) world_fail(&err, "HDR scenario");
    print_message("AFG economy %.3f services %.3f; NOR economy %.3f\n", sc->states[0].economy,
                  sc->services[1], sc->states[1].economy);
    assert_true(sc->states[0].economy > 0.3 && sc->states[0].economy < 0.5);
    assert_true(sc->states[1].economy > 0.9);
    assert_true(sc->services[1] > 0.4 && sc->services[1] < 0.65);
    assert_true(fabs(sc->services[0] - 0.5) < 1e-12); /* written in the table: kept */
    hs_world_scenario_free(sc);
    /* An unknown country is an error naming the state. */
    char *bad = strstr(edited, "iso3: AFG");
    memcpy(bad, "iso3: XXX", 9);
    test_write(path, edited);
    assert_int_not_equal(hs_world_scenario_load(&sc, path, &err), HS_OK);
    char msg[4096];
    hs_error_format(&err, msg, sizeof msg);
    if (!strstr(msg, "tiny.yml:7") || !strstr(msg, "states[0].iso3") || !strstr(msg, "'XXX'"))
        fail_msg("iso3 error: %s", msg);
    free(yml);
    free(edited);
    free(locs);
}

typedef struct bad {
    const char *what, *file, *from, *to;
    const char *expect[3]; /* substrings of the formatted message */
} bad;

static const bad bads[] = {
    {"unknown key",
     "tiny.yml",
     "name: tiny\n",
     "name: tiny\ncolour: red\n",
     {"tiny.yml:3", "'colour'", "unknown key"}},
    {"wrong type",
     "tiny.yml",
     "days: 100",
     "days: many",
     {"tiny.yml:4", "'days'", "not an integer"}},
    {"out of range",
     "tiny.yml",
     "legitimacy: 0.7",
     "legitimacy: 1.5",
     {"tiny.yml:8", "states[0].legitimacy", "out of range"}},
    {"unknown regime",
     "tiny.yml",
     "regime: autocracy",
     "regime: monarchy",
     {"tiny.yml:9", "states[0].regime", "monarchy"}},
    {"unknown rival",
     "tiny.yml",
     "rivals: [Rival]",
     "rivals: [Nowhere]",
     {"tiny.yml:10", "states[0].rivals", "unknown state 'Nowhere'"}},
    {"unknown group",
     "tiny.yml",
     "{A: 0.6, B: 0.4}",
     "{A: 0.6, C: 0.4}",
     {"tiny.yml:11", "states[0].groups", "unknown group 'C'"}},
    {"shares",
     "tiny.yml",
     "{A: 0.6, B: 0.4}",
     "{A: 0.6, B: 0.3}",
     {"tiny.yml:11", "states[0].groups", "add up to"}},
    {"unknown state in a table",
     "locations.csv",
     "A2,r,Home",
     "A2,r,Homeland",
     {"locations.csv:3", "'country'", "unknown state 'Homeland'"}},
    {"bad number in a table",
     "locations.csv",
     "0,town,300,,0.5",
     "0,town,lots,,0.5",
     {"locations.csv:2", "'people'", "lots"}},
    {"services out of range",
     "locations.csv",
     "300,,0.5",
     "300,,1.5",
     {"locations.csv:2", "'services'", "out of range"}},
    {"camp without capacity",
     "locations.csv",
     "camp,0,200",
     "camp,0,",
     {"locations.csv:4", "'capacity'", "camp"}},
    {"unknown location in routes",
     "routes.csv",
     "A2,C1",
     "A2,C9",
     {"routes.csv:3", "'name2'", "unknown location 'C9'"}},
    {"event after the end",
     "tiny.yml",
     "start: 10, end: 60",
     "start: 150, end: 160",
     {"tiny.yml:18", "events[0].start", "after the end"}},
    {"event ends after the end",
     "tiny.yml",
     "start: 10, end: 60",
     "start: 10, end: 260",
     {"tiny.yml:18", "events[0].end", "after the end"}},
    {"event at an unknown place",
     "tiny.yml",
     "location: A1",
     "location: Z9",
     {"tiny.yml:18", "events[0].location", "unknown location 'Z9'"}},
    {"unknown event type",
     "tiny.yml",
     "type: conflict",
     "type: invasion",
     {"tiny.yml:18", "events[0].type", "invasion"}},
    {"closure needs two states",
     "tiny.yml",
     "state_b: Host, ",
     "",
     {"tiny.yml:19", "events[1].state_b", "two states"}},
    {"unknown mechanism key",
     "tiny.yml",
     "    rate: 0.1\n",
     "    speed: 3\n",
     {"tiny.yml:25", "mechanisms.flight.speed", "unknown key"}},
    {"unknown mechanism",
     "tiny.yml",
     "  flight:\n",
     "  teleport:\n",
     {"tiny.yml:23", "mechanisms.teleport", "unknown key"}},
    {"bad switch",
     "tiny.yml",
     "on: false",
     "on: maybe",
     {"tiny.yml:24", "mechanisms.flight.on", "not true or false"}},
    {"threshold out of range",
     "tiny.yml",
     "food: 0.3",
     "food: -0.3",
     {"tiny.yml:21", "thresholds.food", "out of range"}},
    {"wrong model",
     "tiny.yml",
     "model: human_security",
     "model: civil_violence",
     {"tiny.yml:1", "'model'", "human_security"}},
    {"a Latin-1 name (not UTF-8: refused, so outputs stay UTF-8)",
     "locations.csv",
     "A2,r,Home",
     "A\xe9"
     "2,r,Home",
     {"locations.csv:3", "'#name'", "not UTF-8"}},
    /* Issue 15: people that size memory past what a run holds gave a bare "out of
    ** memory"; each location is bounded, and so are they all together. */
    {"a population of 1e12",
     "locations.csv",
     "A2,r,Home,0,1,town,200,",
     "A2,r,Home,0,1,town,1e12,",
     {"locations.csv:3", "'people'", "out of range"}},
    {"people past a run's bound in all",
     "locations.csv",
     "R1,r,Rival,1,0,town,200,",
     "R1,r,Rival,1,0,town,1e9,",
     {"locations.csv:5", "'people'", "more than 1e+09 people in all"}},
    {"an ally that does not exist",
     "tiny.yml",
     "rivals: [Rival]",
     "rivals: [Rival]\n    allies: [Atlantis]",
     {"tiny.yml:", "allies", "unknown state"}},
};

static void bad_scenarios_name_file_line_and_key(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof bads / sizeof *bads; k++) {
        const bad *b = &bads[k];
        char name[64];
        snprintf(name, sizeof name, "world-scenario-bad-%zu", k);
        const char *dir = test_tmpdir(name);
        write_scenario(dir, b->file, b->from, b->to);
        char path[4200], msg[4096];
        snprintf(path, sizeof path, "%s/tiny.yml", dir);
        hs_world_scenario *sc = NULL;
        hs_error err;
        hs_status st = hs_world_scenario_load(&sc, path, &err);
        if (st == HS_OK) fail_msg("%s: loaded without complaint", b->what);
        assert_null(sc);
        hs_error_format(&err, msg, sizeof msg);
        for (int e = 0; e < 3 && b->expect[e]; e++)
            if (!strstr(msg, b->expect[e]))
                fail_msg("%s: message lacks '%s': %s", b->what, b->expect[e], msg);
    }
}

static void the_shipped_default_is_the_embedded_one(void **state)
{
    (void)state;
    const char *src = getenv("HUMSEC_SOURCE");
    if (!src) skip();
    const char *files[] = {"default.yml", "locations.csv", "routes.csv"};
    for (int k = 0; k < 3; k++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/scenarios/world/%s", src, files[k]);
        char *text = test_read(path);
        if (!text) fail_msg("%s is missing", path);
        if (strcmp(text, hs_world_default_text(files[k])) != 0)
            fail_msg("%s differs from the embedded default (src/hsworld/world_default.c)", path);
        free(text);
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/scenarios/world/default.yml", src);
    hs_world_scenario *sc;
    hs_error err;
    if (hs_world_scenario_load(&sc, path, &err) != HS_OK) world_fail(&err, "shipped default");
    hs_world_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_good_scenario_loads),
        cmocka_unit_test(bad_scenarios_name_file_line_and_key),
        cmocka_unit_test(people_by_location_and_group),
        cmocka_unit_test(states_from_real_indicator_data),
        cmocka_unit_test(the_shipped_default_is_the_embedded_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
