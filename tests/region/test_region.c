/*
** test_region.c - real regions (region.h): a country's indicator row in, the
** scenario's numbers out, exactly as docs/odd/region.md says; a case without
** source data (and a country missing from a table) still builds and runs,
** saying what it fell back to; the scenario written out reads back the same;
** the mali2012 world runs and is held to UNHCR's counts (needs ../shared).
*/
#include "checkpoint_fixture.h"
#include "region_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/flight.h>
#include <humsec/region.h>
#include <humsec/world.h>

/* Some note of the region holds text. */
static int has_note(const hs_region *r, const char *text)
{
    for (int k = 0; k < r->nnotes; k++)
        if (strstr(r->notes[k], text)) return 1;
    return 0;
}

/* The mapping, number by number, as docs/odd/region.md writes it. */
static void test_map_state(void **state)
{
    (void)state;
    hs_region_indicators in;
    hs_region_indicators_init(&in);
    in.le = 59.5;
    in.eys = 9.0;
    in.mys = 3.0;
    in.gnipc = 2000.0;
    in.p1 = 7.0;
    in.p3 = 8.0;
    in.c1 = 9.0;
    in.c2 = 6.0;
    in.c3 = 8.0;
    in.natural = 5.0;
    hs_world_state s = {.economy = -1, .services = -1, .legitimacy = -1};
    int set = hs_region_map_state(&in, &s);
    assert_int_equal(set, 127);
    assert_float_equal(s.economy, (log(2000.0) - log(100.0)) / (log(75000.0) - log(100.0)), 1e-12);
    assert_float_equal(s.services, ((59.5 - 20.0) / 65.0 + (9.0 / 18.0 + 3.0 / 15.0) / 2.0) / 2.0,
                       1e-12);
    assert_float_equal(s.life_expectancy, 59.5, 1e-12);
    assert_float_equal(s.legitimacy, 1.0 - 0.3 * 0.7, 1e-12);       /* 0.79 */
    assert_float_equal(s.repression, 0.02 + 0.38 * 0.8, 1e-12);     /* 0.324 */
    assert_float_equal(s.cohesion, 0.90 - 0.40 * 0.7, 1e-12);       /* 0.62 */
    assert_float_equal(s.military_share, 0.03 + 0.12 * 0.9, 1e-12); /* 0.138 */
    assert_float_equal(hs_region_map_hazard(&in), 0.5, 1e-12);
    /* Caps: a schooling or life expectancy above UNDP's goalposts counts as the goalpost. */
    in.le = 88.0;
    in.eys = 20.0;
    in.mys = 16.0;
    hs_region_map_state(&in, &s);
    assert_float_equal(s.services, 1.0, 1e-12);
    /* Missing values leave what was there, and say so in the mask. */
    hs_region_indicators none;
    hs_region_indicators_init(&none);
    hs_world_state t = {.economy = 0.25, .legitimacy = 0.8, .life_expectancy = 0};
    assert_int_equal(hs_region_map_state(&none, &t), 0);
    assert_float_equal(t.economy, 0.25, 0);
    assert_float_equal(t.legitimacy, 0.8, 0);
    assert_float_equal(hs_region_map_hazard(&none), 0.1, 1e-12);
    /* The conflict hazard: a share of Flee's conflict value; missing: all of it. */
    in.human = 1.8;
    assert_float_equal(hs_region_map_conflict(&in), 0.18, 1e-12);
    in.human = 12.0; /* outside INFORM's scale: capped */
    assert_float_equal(hs_region_map_conflict(&in), 1.0, 0);
    assert_float_equal(hs_region_map_conflict(&none), 1.0, 0);
}

/* A small case folder with no source_data/ (conflict-driven, as Flee allows),
** a data folder whose HDR table has Mali (2010 and 2013) but not Niger, and no
** INFORM or FSI table. */
static char *small_case(char *data, size_t n)
{
    const char *dir = test_tmpdir("region_small");
    char p[4200];
    region_small_places(dir);
    snprintf(p, sizeof p, "%s/small/input_csv/closures.csv", dir);
    test_write(p, "#closure_type,name1,name2,closure_start,closure_end\n"
                  "country,Mali,Niger,0,10\n"
                  "location,B,C,5,8\n");
    snprintf(p, sizeof p, "%s/data/undp-hdr/hdr.csv", dir);
    test_write(p, "iso3,country,le_2010,eys_2010,mys_2010,gnipc_2010,hdi_2010,"
                  "le_2013,eys_2013,mys_2013,gnipc_2013,hdi_2013\n"
                  "MLI,Mali,55,7,1.5,1800,0.40,56,7.5,2,1900,0.41\n");
    snprintf(data, n, "%s/data", dir);
    snprintf(p, sizeof p, "%s/small", dir);
    return strdup(p);
}

static void load_small(hs_flight_case *c, hs_flight_settings *s, const char *dir)
{
    hs_error err;
    hs_flight_settings_default(s);
    s->spawn_mode = HS_SPAWN_CONSTANT; /* no UNHCR series: conflict-driven */
    check_ok(hs_flight_case_load(c, dir, NULL, s, &err), &err);
}

static void test_case_without_source_data(void **state)
{
    (void)state;
    char data[4200];
    char *dir = small_case(data, sizeof data);
    hs_flight_case c;
    hs_flight_settings s;
    load_small(&c, &s, dir);
    hs_region r;
    hs_error err;
    hs_region_opts o = {.data_dir = data, .max_agents = 1000};
    check_ok(hs_region_build(&r, &c, &s, &o, &err), &err);
    const hs_world_scenario *sc = r.sc;
    assert_int_equal(sc->nstates, 2);
    assert_string_equal(sc->states[0].name, "Mali");
    /* 6000 people (the camp holds none at the start without data) within 1000 agents: 6. */
    assert_float_equal(r.scale, 6.0, 0);
    assert_float_equal(sc->people[0], 667.0, 0); /* 4000 / 6, rounded */
    assert_float_equal(sc->capacity[2], 500.0, 0);
    /* Mali: HDR 2013, the nearest year to 2012 with data; Niger: Mali's numbers, said so. */
    assert_int_equal(r.ind[0].hdr_year, 2013);
    assert_float_equal(sc->states[0].life_expectancy, 56.0, 0);
    assert_int_equal(r.ind[1].hdr_year, 0);
    assert_float_equal(sc->states[1].life_expectancy, 56.0, 0);
    assert_true(has_note(&r, "Niger: no HDR data for life expectancy"));
    assert_true(has_note(&r, "HDR 2013 for the start year 2012 (the nearest year with data)"));
    /* No FSI table: the scenario defaults, said so. */
    assert_float_equal(sc->states[0].legitimacy, 0.8, 0);
    assert_true(has_note(&r, "no fsi table"));
    /* A's conflict from day 0; the country closure is a border closure; the location
    ** closure goes to the world's flight process as it is, and a note says so. */
    int conflicts = 0, closures = 0;
    for (int k = 0; k < sc->nevents; k++) {
        conflicts += sc->events[k].type == HS_EV_CONFLICT;
        closures += sc->events[k].type == HS_EV_BORDER_CLOSURE;
    }
    assert_int_equal(conflicts, 1);
    assert_int_equal(closures, 1);
    assert_int_equal(sc->nflee_closures, 1);
    assert_int_equal(sc->flee_closures[0].type, HS_CLOSE_LOCATION);
    assert_true(has_note(&r, "a location closure goes to the world's flight process"));
    /* It runs; without UNHCR data there is no ARD. */
    hs_world_sim *sim;
    check_ok(hs_world_sim_create(&sim, sc, 1, &err), &err);
    check_ok(hs_world_sim_run(sim, -1, NULL, NULL, &err), &err);
    double ard, ardr;
    hs_region_ard(&r, &c, &s, sim, &ard, &ardr, NULL);
    assert_true(isnan(ard) && isnan(ardr));
    hs_world_sim_free(sim);

    /* Written out, it reads back as the same scenario. */
    char out[4200];
    snprintf(out, sizeof out, "%s/../scenario", dir);
    check_ok(hs_region_write_scenario(&r, out, &err), &err);
    snprintf(out, sizeof out, "%s/../scenario/small.yml", dir);
    hs_world_scenario *back;
    check_ok(hs_world_scenario_load(&back, out, &err), &err);
    assert_int_equal(back->nstates, sc->nstates);
    assert_int_equal(back->nevents, sc->nevents);
    assert_int_equal(back->geo.nloc, sc->geo.nloc);
    for (int s2 = 0; s2 < sc->nstates; s2++) {
        assert_float_equal(back->states[s2].economy, sc->states[s2].economy, 0);
        assert_float_equal(back->states[s2].legitimacy, sc->states[s2].legitimacy, 0);
    }
    for (int l = 0; l < sc->geo.nloc; l++) {
        assert_float_equal(back->people[l], sc->people[l], 0);
        assert_float_equal(back->capacity[l], sc->capacity[l], 0);
    }
    /* The location closure too, through closures.csv. */
    assert_int_equal(back->nflee_closures, sc->nflee_closures);
    for (int k = 0; k < sc->nflee_closures; k++) {
        const hs_closure *x = &sc->flee_closures[k], *y = &back->flee_closures[k];
        assert_int_equal(y->type, x->type);
        assert_int_equal(y->a, x->a);
        assert_int_equal(y->b, x->b);
        assert_int_equal(y->start, x->start);
        assert_int_equal(y->end, x->end);
    }
    /* Both run alike: the same people in the camp on the last day. */
    hs_world_sim *s1, *s2;
    check_ok(hs_world_sim_create(&s1, sc, 3, &err), &err);
    check_ok(hs_world_sim_run(s1, -1, NULL, NULL, &err), &err);
    check_ok(hs_world_sim_create(&s2, back, 3, &err), &err);
    check_ok(hs_world_sim_run(s2, -1, NULL, NULL, &err), &err);
    for (int l = 0; l < sc->geo.nloc; l++)
        for (int k = 0; k < HS_PS_COUNT; k++)
            assert_int_equal(
                hs_world_sim_record(s1, HS_SCOPE_LOCATION, l, sc->days - 1)->people[k],
                hs_world_sim_record(s2, HS_SCOPE_LOCATION, l, sc->days - 1)->people[k]);
    hs_world_sim_free(s1);
    hs_world_sim_free(s2);
    hs_world_scenario_free(back);
    /* The table refuses a closure between countries (an event) and names the line. */
    snprintf(out, sizeof out, "%s/../scenario/closures.csv", dir);
    test_write(out, "#closure_type,name1,name2,closure_start,closure_end\n"
                    "location,B,,5,8\n"
                    "country,Mali,Niger,0,10\n");
    snprintf(out, sizeof out, "%s/../scenario/small.yml", dir);
    assert_int_not_equal(hs_world_scenario_load(&back, out, &err), HS_OK);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.field, "closure_type");
    assert_non_null(strstr(err.message, "border_closure event"));
    hs_region_free(&r);

    /* No data folder at all: still builds, every state on the defaults. */
    hs_region_opts none = {.data_dir = NULL};
    check_ok(hs_region_build(&r, &c, &s, &none, &err), &err);
    assert_float_equal(r.sc->states[0].economy, 1.0, 0);
    assert_true(has_note(&r, "no indicator data folder"));
    hs_region_free(&r);
    hs_flight_case_free(&c);
    free(dir);
}

/* A conflict's fighting reaches REGION's reach of a place's people: A (4000 people)
** with a reach of 1000 has violence 0.6 x 1000 / 4000, and a note says so; at the
** default reach (200,000) it keeps 0.6. */
static void test_conflict_reach(void **state)
{
    (void)state;
    char data[4200];
    char *dir = small_case(data, sizeof data);
    hs_flight_case c;
    hs_flight_settings s;
    load_small(&c, &s, dir);
    hs_region r;
    hs_error err;
    hs_region_opts o = {.data_dir = data, .max_agents = 1000, .conflict_reach = 1000};
    for (int pass = 0; pass < 2; pass++) {
        check_ok(hs_region_build(&r, &c, &s, &o, &err), &err);
        int found = 0;
        for (int k = 0; k < r.sc->nevents; k++)
            if (r.sc->events[k].type == HS_EV_CONFLICT) {
                assert_int_equal(r.sc->events[k].loc, 0);
                assert_float_equal(r.sc->events[k].intensity, pass ? 0.6 : 0.6 * 1000.0 / 4000.0,
                                   1e-12);
                found++;
            }
        assert_int_equal(found, 1);
        assert_int_equal(has_note(&r, "A: 4000 people, more than the 1000 a conflict's fighting "
                                      "reaches at one place, so its conflict events' violence "
                                      "is x 0.250"),
                         !pass);
        assert_float_equal(r.conflict_reach, pass ? HS_REGION_CONFLICT_REACH : 1000.0, 0);
        hs_region_free(&r);
        o.conflict_reach = 0;
    }
    /* The conflict hazard study: without INFORM, Flee's value as it is, said so; with
    ** a country's INFORM row, its conflict hazard (Human) 4.5 of 10 makes the event's
    ** violence 0.6 x 0.45 x Flee's value (1 here), said so. Off (the default), the
    ** table changes nothing. */
    o.conflict_hazard = 1;
    check_ok(hs_region_build(&r, &c, &s, &o, &err), &err);
    assert_true(has_note(&r, "Mali: no INFORM conflict hazard, so its conflict events take "
                             "Flee's value as it is (x 0.6)"));
    hs_region_free(&r);
    char p[4300];
    snprintf(p, sizeof p, "%s/inform/INFORM-2016.csv", data);
    test_write(p, "COUNTRY,ISO3,Natural,Human\nMali,MLI,3.0,4.5\n");
    for (int on = 1; on >= 0; on--) {
        o.conflict_hazard = on;
        check_ok(hs_region_build(&r, &c, &s, &o, &err), &err);
        assert_float_equal(r.ind[0].human, 4.5, 0);
        assert_float_equal(hs_region_map_conflict(&r.ind[0]), 0.45, 1e-12);
        for (int k = 0; k < r.sc->nevents; k++)
            if (r.sc->events[k].type == HS_EV_CONFLICT)
                assert_float_equal(r.sc->events[k].intensity, on ? 0.6 * 0.45 : 0.6, 1e-12);
        assert_int_equal(has_note(&r, "Mali: INFORM 2016 conflict hazard (Human) 4.5 of 10, so "
                                      "its conflict events' violence is 0.6 x 0.45 x Flee's value"),
                         on);
        hs_region_free(&r);
    }
    remove(p);
    hs_flight_case_free(&c);
    free(dir);
}

/* P5 (births and deaths at peace) is not checked on a state with no residents:
** the small case's Niger has only a camp, so none of its people live at home
** (before the rule, its P5 applied, at peace all run, with 0 births: a miss). */
static void test_p5_skips_states_without_residents(void **state)
{
    (void)state;
    char data[4200];
    char *dir = small_case(data, sizeof data);
    hs_flight_case c;
    hs_flight_settings s;
    load_small(&c, &s, dir);
    hs_region r;
    hs_error err;
    hs_region_opts o = {.data_dir = data, .max_agents = 1000};
    check_ok(hs_region_build(&r, &c, &s, &o, &err), &err);
    hs_world_sim *sim;
    check_ok(hs_world_sim_create(&sim, r.sc, 1, &err), &err);
    check_ok(hs_world_sim_run(sim, 400, NULL, NULL, &err), &err); /* past the case's 60 days */
    assert_int_equal(hs_world_sim_record(sim, HS_SCOPE_NATIONALS, 1, 0)->people[HS_PS_HOME], 0);
    int max = HS_WORLD_PATTERNS_PER_STATE * r.sc->nstates, n, p5[2] = {0, 0};
    hs_world_pattern *p = calloc((size_t)max, sizeof *p);
    assert_non_null(p);
    n = hs_world_sim_patterns(sim, p, max);
    for (int k = 0; k < n; k++) {
        if (strcmp(p[k].id, "P5") != 0) continue;
        p5[p[k].state]++;
        if (p[k].state == 1) {
            assert_false(p[k].applies);
            assert_false(p[k].holds);
        }
    }
    assert_int_equal(p5[1], 2); /* listed, as not applying */
    assert_int_equal(p5[0], 2); /* Mali's: A's fighting never ends, so no peace here */
    free(p);
    hs_world_sim_free(sim);
    hs_region_free(&r);
    hs_flight_case_free(&c);
    free(dir);
}

/* The command on the small case: it runs without UNHCR series, saying so, and
** `humsec region` writes files that `humsec run` reads back. */
static void test_cli_small_case(void **state)
{
    (void)state;
    char data[4200], out[16384], cmdout[4300];
    char *dir = small_case(data, sizeof data);
    snprintf(cmdout, sizeof cmdout, "%s/../cli-run", dir);
    int rc = test_humsec(out, sizeof out, "run '%s' --model human_security -o '%s' --threads 1",
                         dir, cmdout);
    if (rc != 0) fail_msg("exit %d: %s", rc, out);
    assert_non_null(strstr(out, "read without UNHCR series"));
    assert_non_null(strstr(out, "6000 agents, one for 1 people")); /* within 100,000 agents */
    assert_non_null(strstr(out, "No UNHCR camp data"));
    char p[4400];
    snprintf(p, sizeof p, "%s/region.txt", cmdout);
    assert_true(test_exists(p));
    /* --agents and --scale as `humsec region` takes them: 6000 people within 1000 agents is
    ** one for 6; --scale 4 is one for 4 (1500 agents). Elsewhere they are refused. */
    rc = test_humsec(out, sizeof out,
                     "run '%s' --model human_security -o '%s/../cli-run-agents' --threads 1 "
                     "--agents 1000 --data '%s'",
                     dir, dir, data);
    if (rc != 0) fail_msg("exit %d: %s", rc, out);
    assert_non_null(strstr(out, "1000 agents, one for 6 people"));
    /* The HDR's HDI and life expectancy by year beside the world's (hdi_vs_hdr.csv): the
    ** table's 2013 row (0.41, 56) in the year after the run's end, NA where the table has no
    ** year (2012), and the world's HDI-like index over the run's 60 days of 2012. */
    snprintf(p, sizeof p, "%s/../cli-run-agents/hdi_vs_hdr.csv", dir);
    char *hv = test_read(p);
    assert_non_null(hv);
    assert_non_null(strstr(hv, "\nMali,MLI,2013,0,0.41,NA,56,NA,NA,NA,NA,NA\n"));
    const char *y2012 = strstr(hv, "\nMali,MLI,2012,60,NA,NA,NA,NA,");
    assert_non_null(y2012);
    double hl = -1, hc = -9;
    assert_int_equal(sscanf(y2012 + strlen("\nMali,MLI,2012,60,NA,NA,NA,NA,"), "%lf,%lf", &hl, &hc),
                     2);
    assert_true(hl > 0.0 && hl < 1.0 && hc > -1.0 && hc < 1.0);
    free(hv);
    assert_null(strstr(out, "Mali's HDI")); /* no HDR change to set beside it: no line */
    rc = test_humsec(out, sizeof out,
                     "run '%s' --model human_security -o '%s/../cli-run-scale' --threads 1 "
                     "--scale 4",
                     dir, dir);
    if (rc != 0) fail_msg("exit %d: %s", rc, out);
    assert_non_null(strstr(out, "1500 agents, one for 4 people"));
    rc = test_humsec(out, sizeof out, "run '%s' --scale 4 -o '%s/../cli-run-flight'", dir, dir);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(out, "apply to a Flee case run with --model human_security"));
    snprintf(cmdout, sizeof cmdout, "%s/../cli-scenario", dir);
    rc = test_humsec(out, sizeof out, "region '%s' -o '%s' --agents 1000", dir, cmdout);
    if (rc != 0) fail_msg("exit %d: %s", rc, out);
    snprintf(p, sizeof p, "%s/small.yml", cmdout);
    assert_true(test_exists(p));
    rc = test_humsec(out, sizeof out, "run '%s' -o '%s/../cli-back' --quiet --threads 1", p, dir);
    if (rc != 0) fail_msg("exit %d: %s", rc, out);
    free(dir);
}

/* The mali2012 world: real indicators, a few thousand agents, the whole case. */
static void test_mali_world_runs(void **state)
{
    (void)state;
    hs_flight_case c;
    hs_flight_settings s;
    hs_region r;
    hs_error err;
    region_mali2012(&c, &s, &r);
    /* Mali's row of each table, as the docs map it: FSI 2020 P1 7.0 -> legitimacy 0.79. */
    assert_string_equal(r.ind[0].iso3, "MLI");
    assert_int_equal(r.ind[0].hdr_year, 2012);
    assert_int_equal(r.ind[0].inform_year, 2016);
    assert_int_equal(r.ind[0].fsi_year, 2020);
    assert_float_equal(r.sc->states[0].legitimacy, 0.79, 1e-12);
    assert_float_equal(r.sc->states[0].life_expectancy, r.ind[0].le, 0);
    assert_true(r.scale > 1.0);
    hs_world_sim *sim;
    check_ok(hs_world_sim_create(&sim, r.sc, 1, &err), &err);
    check_ok(hs_world_sim_run(sim, -1, NULL, NULL, &err), &err);
    double ard, ardr;
    hs_region_ard(&r, &c, &s, sim, &ard, &ardr, NULL);
    assert_true(isfinite(ard) && isfinite(ardr));
    assert_true(ardr >= 0.0 && ardr <= ard + 1e-12 + 2.0);
    /* People fled to the camps: more there at the end than at the start. */
    double first = 0, last = 0;
    for (int k = 0; k < r.ncamps; k++) {
        const hs_world_record *a = hs_world_sim_record(sim, HS_SCOPE_LOCATION, r.camp_loc[k], 0);
        const hs_world_record *b =
            hs_world_sim_record(sim, HS_SCOPE_LOCATION, r.camp_loc[k], c.days - 1);
        first += a->people[HS_PS_CAMP];
        last += b->people[HS_PS_CAMP];
    }
    assert_true(last > first);
    hs_world_sim_free(sim);
    hs_region_free(&r);
    hs_flight_case_free(&c);
}

/* The world of a Flee case killed after its first and second checkpoint and
** resumed writes what a run never stopped writes. */
static void test_cli_killed_and_resumed(void **state)
{
    (void)state;
    const char *bin = getenv("HUMSEC_BIN");
    if (!bin) skip();
    char data[4200], root[4300];
    char *dir = small_case(data, sizeof data);
    snprintf(root, sizeof root, "%s/../resume", dir);
    static const char *const outputs[] = {"daily_states.csv", "daily_locations.csv",
                                          "parameters.yml",   "summary.json",
                                          "region.txt",       NULL};
    const char *const kills[2] = {"step_25", "step_45"};
    ckpt_killed_and_resumed(bin, dir, root,
                            (const char *const[]){"--model", "human_security", NULL}, "20", kills,
                            outputs);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_state),
        cmocka_unit_test(test_case_without_source_data),
        cmocka_unit_test(test_conflict_reach),
        cmocka_unit_test(test_p5_skips_states_without_residents),
        cmocka_unit_test(test_cli_small_case),
        cmocka_unit_test(test_cli_killed_and_resumed),
        cmocka_unit_test(test_mali_world_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
