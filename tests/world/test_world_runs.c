/*
** test_world_runs.c - whole-run properties of the human security world:
** people are conserved (alive + dead = initial + births; a newborn counts
** from the day after its birth) and every one is somewhere; every level stays in
** [0, 1]; the same seed gives byte-identical output files on 1 and 2
** threads; the default tells its story (Arland's people flee, its neighbours
** host them).
*/
#include "world_fixture.h"

#include <stdlib.h>
#include <string.h>
#include <humsec/outdir.h>

#define DAYS 300

static void people_are_conserved_and_levels_bounded(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    hs_world_sim *sim = world_run(sc, 7, DAYS, 0);
    long initial = hs_world_sim_initial_people(sim), born = 0;
    assert_int_equal((long)hs_world_sim_people(sim), initial + hs_world_sim_births(sim));
    assert_true(hs_world_sim_births(sim) > 0);
    for (long d = 0; d < DAYS; d++) {
        long all = 0, nat = 0, dead_today = 0, dead = 0;
        for (int l = 0; l < sc->geo.nloc; l++) {
            const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, d);
            for (int k = 0; k < HS_PS_COUNT; k++) {
                assert_true(r->people[k] >= 0);
                all += r->people[k];
            }
        }
        for (int s = 0; s < sc->nstates; s++) {
            const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d);
            for (int k = 0; k < HS_PS_COUNT; k++)
                nat += r->people[k];
            for (int c = 0; c < HS_DEATH_COUNT; c++)
                dead_today += r->deaths[c];
            dead += r->people[HS_PS_DEAD];
            for (int dim = 0; dim < HS_DIM_COUNT; dim++) {
                assert_true(r->mean[dim] >= 0.0 && r->mean[dim] <= 1.0);
                assert_true(r->below[dim] >= 0.0 && r->below[dim] <= 1.0);
            }
        }
        assert_int_equal(all, initial + born); /* alive + dead, every one somewhere */
        assert_int_equal(nat, initial + born);
        long born_today = 0, born_nat = 0;
        for (int l = 0; l < sc->geo.nloc; l++)
            born_today += hs_world_sim_record(sim, HS_SCOPE_LOCATION, l, d)->births;
        for (int s = 0; s < sc->nstates; s++)
            born_nat += hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d)->births;
        assert_int_equal(born_today, born_nat);
        born += born_today;
        if (d > 0) {
            long dead_before = 0;
            for (int s = 0; s < sc->nstates; s++)
                dead_before +=
                    hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d - 1)->people[HS_PS_DEAD];
            assert_int_equal(dead, dead_before + dead_today); /* deaths by cause add up */
        }
    }
    assert_int_equal(born, hs_world_sim_births(sim));
    for (size_t i = 0; i < hs_world_sim_people(sim); i++)
        for (int dim = 0; dim < HS_DIM_COUNT; dim++) {
            double v = hs_world_sim_level(sim, i, dim);
            assert_true(v >= 0.0 && v <= 1.0);
        }
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

static char *write_and_read(const hs_world_sim *sim, const char *dir, const char *file)
{
    hs_outdir o;
    hs_error err;
    if (hs_outdir_open(&o, dir, &err) != HS_OK) world_fail(&err, "outdir");
    if (hs_world_sim_write(sim, &o, 0.0, &err) != HS_OK) world_fail(&err, "write");
    if (hs_outdir_commit(&o, &err) != HS_OK) world_fail(&err, "commit");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    char *text = test_read(path);
    assert_non_null(text);
    return text;
}

static void same_output_on_one_and_two_threads(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    const char *files[] = {"daily_states.csv", "daily_locations.csv", "parameters.yml"};
    char dir1[4200], dir2[4200];
    snprintf(dir1, sizeof dir1, "%s/t1", test_tmpdir("world-threads"));
    snprintf(dir2, sizeof dir2, "%s/t2", test_tmpdir("world-threads"));
    hs_world_sim *a = world_run(sc, 3, DAYS, 1), *b = world_run(sc, 3, DAYS, 2);
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        char *x = write_and_read(a, dir1, files[k]), *y = write_and_read(b, dir2, files[k]);
        if (strcmp(x, y) != 0) fail_msg("%s differs between 1 and 2 threads", files[k]);
        free(x);
        free(y);
    }
    hs_world_sim_free(a);
    hs_world_sim_free(b);
    hs_world_scenario_free(sc);
}

/* Count rows and check every row has the header's number of fields (no
** quoted commas in these files). */
static long rectangular_rows(const char *text)
{
    long rows = 0;
    int fields = -1;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        int n = 1;
        for (const char *c = line; c < end; c++)
            n += *c == ',';
        if (fields < 0) fields = n;
        if (n != fields) fail_msg("row %ld has %d fields, the header %d", rows, n, fields);
        rows++;
        line = *end ? end + 1 : end;
    }
    return rows - 1;
}

/* Fail if a header names a column twice (pandas would rename one, R would
** mangle it). */
static void no_duplicate_columns(const char *text, const char *file)
{
    const char *end = strchr(text, '\n');
    size_t len = end ? (size_t)(end - text) : strlen(text);
    char *head = strndup(text, len);
    assert_non_null(head);
    char *names[256];
    int n = 0;
    for (char *save = NULL, *t = strtok_r(head, ",", &save); t && n < 256;
         t = strtok_r(NULL, ",", &save)) {
        for (int k = 0; k < n; k++)
            if (strcmp(names[k], t) == 0) fail_msg("%s names column '%s' twice", file, t);
        names[n++] = t;
    }
    assert_true(n > 10);
    free(head);
}

static void output_files_are_tidy(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    hs_world_sim *sim = world_run(sc, 5, 40, 0);
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/out", test_tmpdir("world-output"));
    char *states = write_and_read(sim, dir, "daily_states.csv");
    assert_int_equal(rectangular_rows(states), 40L * 2 * sc->nstates);
    no_duplicate_columns(states, "daily_states.csv");
    assert_non_null(strstr(states, ",nationals,"));
    char path[4300];
    snprintf(path, sizeof path, "%s/daily_locations.csv", dir);
    char *locs = test_read(path);
    assert_non_null(locs);
    assert_int_equal(rectangular_rows(locs), 40L * sc->geo.nloc);
    no_duplicate_columns(locs, "daily_locations.csv");
    snprintf(path, sizeof path, "%s/summary.json", dir);
    char *json = test_read(path);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"model\": \"human_security\""));
    assert_non_null(strstr(json, "\"seed\": 5"));
    assert_non_null(strstr(json, "\"humsec_version\""));
    snprintf(path, sizeof path, "%s/parameters.yml", dir);
    char *params = test_read(path);
    assert_non_null(params);
    assert_non_null(strstr(params, "# seed: 5"));
    assert_non_null(strstr(params, "guns_vs_butter:"));
    free(states);
    free(locs);
    free(json);
    free(params);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* The resolved parameters, pasted into a scenario, give the same run. */
static void parameters_round_trip(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_default();
    sc->params.flee_rate = 0.0375;
    sc->params.on[HS_M6_RECRUITMENT] = 0;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    hs_world_params_write(&sc->params, f);
    fclose(f);
    const char *dir = test_tmpdir("world-roundtrip");
    char path[4200], text[65536];
    snprintf(text, sizeof text, "%s%s", hs_world_default_text("default.yml"), buf);
    snprintf(path, sizeof path, "%s/default.yml", dir);
    test_write(path, text);
    snprintf(path, sizeof path, "%s/locations.csv", dir);
    test_write(path, hs_world_default_text("locations.csv"));
    snprintf(path, sizeof path, "%s/routes.csv", dir);
    test_write(path, hs_world_default_text("routes.csv"));
    snprintf(path, sizeof path, "%s/default.yml", dir);
    hs_world_scenario *back;
    hs_error err;
    if (hs_world_scenario_load(&back, path, &err) != HS_OK) world_fail(&err, "round trip");
    assert_memory_equal(&back->params, &sc->params, sizeof sc->params);
    free(buf);
    hs_world_scenario_free(back);
    hs_world_scenario_free(sc);
}

/* Living people of a record. */
static long alive(const hs_world_record *r)
{
    long n = 0;
    for (int k = 0; k < HS_PS_COUNT; k++)
        if (k != HS_PS_DEAD) n += r->people[k];
    return n;
}

static void the_default_tells_its_story(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    const long days = 540; /* past the fighting in the north */
    hs_world_sim *sim = world_run(sc, 1, days, 0);
    /* The day most of Arland's people are away. */
    long peak = 0, displaced = 0;
    for (long d = 0; d < days; d++) {
        const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, 0, d);
        long n = r->people[HS_PS_DISPLACED] + r->people[HS_PS_REFUGEE] + r->people[HS_PS_CAMP];
        if (n > displaced) displaced = n, peak = d;
    }
    const hs_world_record *arland = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, 0, peak);
    const hs_world_record *beria = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, 1, peak);
    const hs_world_record *start = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, 0, 0);
    long abroad = arland->people[HS_PS_REFUGEE] + arland->people[HS_PS_CAMP];
    long hosted = 0;
    for (int s = 1; s < sc->nstates; s++)
        hosted += hs_world_sim_record(sim, HS_SCOPE_TERRITORY, s, peak)->hosted;
    print_message("Arland on day %ld, its peak: %ld of %ld living nationals displaced, %ld abroad; "
                  "hosted by its neighbours %ld (Beria %ld); personal %.2f -> %.2f\n",
                  peak, displaced, alive(arland), abroad, hosted, beria->hosted,
                  start->mean[HS_DIM_PERSONAL], arland->mean[HS_DIM_PERSONAL]);
    /* A severe war (patterns.md P3): a tenth to two thirds of Arland's people flee. */
    assert_true(displaced >= alive(arland) / 10);
    assert_true(displaced <= alive(arland) * 2 / 3);
    /* The peak comes with the fighting in the north (days 240-540). */
    assert_true(peak >= 240);
    /* Every refugee stands in another state, so its neighbours host them all. */
    assert_true(hosted >= arland->people[HS_PS_REFUGEE]);
    /* Beria, on the main road out, hosts a fifth of those abroad or more. */
    assert_true(beria->hosted >= abroad / 5);
    /* Violence makes Arland's people less safe: personal security falls by 0.05 or more. */
    assert_true(arland->mean[HS_DIM_PERSONAL] <= start->mean[HS_DIM_PERSONAL] - 0.05);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(people_are_conserved_and_levels_bounded),
        cmocka_unit_test(same_output_on_one_and_two_threads),
        cmocka_unit_test(the_default_tells_its_story),
        cmocka_unit_test(output_files_are_tidy),
        cmocka_unit_test(parameters_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
