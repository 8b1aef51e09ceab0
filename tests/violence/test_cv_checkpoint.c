/*
** test_cv_checkpoint.c - checkpoints of civil-violence runs (violence.h,
** checkpoint.h): a lattice saved and loaded goes on exactly as one never
** stopped (both jail modes, Model II); `humsec run --checkpoint-every` killed
** after either of two checkpoints and resumed with `--resume` writes the same
** output folder, byte for byte, as a run never stopped; a checkpoint of another
** run, a cut-short one, or none at all are refused with a message.
*/
#include "checkpoint_fixture.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <humsec/checkpoint.h>
#include <humsec/violence.h>

static void scenario_path(char *buf, size_t n, const char *name)
{
    const char *src = getenv("HUMSEC_SOURCE");
    snprintf(buf, n, "%s/scenarios/civil-violence/%s", src ? src : ".", name);
}

/* Step a lattice to `stop`, save it, load it into a new one, go on to `steps`: the
** digest and every count are those of a run never stopped. */
static void save_and_load_go_on(const char *scenario, long stop, long steps)
{
    char path[4096];
    scenario_path(path, sizeof path, scenario);
    hs_cv_params p;
    hs_error err;
    assert_int_equal(hs_cv_scenario_load(path, &p, &err), HS_OK);
    p.steps = steps;
    hs_cv_series whole;
    assert_int_equal(hs_cv_run(&p, 7, 2, &whole, &err), HS_OK);

    hs_cv_lattice *a, *b;
    assert_int_equal(hs_cv_lattice_create(&a, &p, 7, &err), HS_OK);
    hs_cv_lattice_set_threads(a, 1);
    for (long t = 0; t < stop; t++)
        assert_int_equal(hs_cv_lattice_step(a, &err), HS_OK);
    char ck[4200];
    snprintf(ck, sizeof ck, "%s/%s.ckpt", test_tmpdir("cv-checkpoint-lattice"), scenario);
    hs_ckpt_writer w;
    assert_int_equal(hs_ckpt_begin(&w, ck, "civil_violence", 42, stop, &err), HS_OK);
    hs_cv_lattice_save(a, &w);
    assert_int_equal(hs_ckpt_end(&w, &err), HS_OK);
    hs_cv_lattice_free(a);

    assert_int_equal(hs_cv_lattice_create(&b, &p, 7, &err), HS_OK);
    hs_cv_lattice_set_threads(b, 2);
    hs_ckpt_reader r;
    long step;
    assert_int_equal(hs_ckpt_open(&r, ck, "civil_violence", 42, &step, &err), HS_OK);
    assert_int_equal(step, stop);
    assert_int_equal(hs_cv_lattice_load(b, &r, &err), HS_OK);
    hs_ckpt_close(&r);
    assert_int_equal(hs_cv_lattice_time(b), stop);
    for (long t = stop; t < steps; t++) {
        assert_int_equal(hs_cv_lattice_step(b, &err), HS_OK);
        hs_cv_counts k = hs_cv_lattice_counts(b);
        assert_memory_equal(&k, &whole.rows[t + 1], sizeof k);
    }
    assert_true(hs_cv_lattice_digest(b) == whole.digest);
    hs_cv_lattice_free(b);
    hs_cv_series_free(&whole);

    /* Another fingerprint, another model: refused. */
    assert_int_equal(hs_ckpt_open(&r, ck, "civil_violence", 43, &step, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "another scenario"));
    assert_int_equal(hs_ckpt_open(&r, ck, "flight", 42, &step, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "not of a flight run"));
}

static void a_lattice_saved_and_loaded_goes_on(void **state)
{
    (void)state;
    save_and_load_go_on("epstein-run2.yml", 37, 90); /* Model I, jail: remove */
    save_and_load_go_on("mesa-default.yml", 20, 60); /* jail: stay */
    save_and_load_go_on("epstein-run8.yml", 25, 70); /* Model II: ages, births, kills */
}

static void a_killed_run_resumes_to_the_same_output(void **state)
{
    (void)state;
    const char *bin = getenv("HUMSEC_BIN");
    if (!bin) skip();
    char scen[4096], root[4096];
    scenario_path(scen, sizeof scen, "epstein-run2.yml");
    snprintf(root, sizeof root, "%s", test_tmpdir("cv-resume"));
    /* Killed after the first checkpoint (step 60) and after the second (step 120). */
    const char *const kills[2] = {"step_75", "step_150"};
    static const char *const outputs[] = {"series.csv", "outbursts.csv", "params.json",
                                          "summary.json", NULL};
    ckpt_killed_and_resumed(bin, scen, root, (const char *const[]){"--days", "200", NULL}, "60",
                            kills, outputs);
}

static void bad_checkpoints_are_refused(void **state)
{
    (void)state;
    hs_ckpt_reader r;
    hs_error err;
    long step;
    char path[4200];
    snprintf(path, sizeof path, "%s/none.ckpt", test_tmpdir("cv-checkpoint"));
    assert_int_equal(hs_ckpt_open(&r, path, "civil_violence", 1, &step, &err), HS_ERR_IO);
    assert_non_null(strstr(err.message, "no checkpoint"));
    test_write(path, "not a checkpoint at all, but long enough to read a header from it");
    assert_int_equal(hs_ckpt_open(&r, path, "civil_violence", 1, &step, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "not a humsec checkpoint"));
    /* Cut short: a header and a section's head, no bytes. */
    hs_ckpt_writer w;
    assert_int_equal(hs_ckpt_begin(&w, path, "civil_violence", 1, 5, &err), HS_OK);
    double v[4] = {1, 2, 3, 4};
    hs_ckpt_put(&w, "v", v, sizeof v);
    assert_int_equal(hs_ckpt_end(&w, &err), HS_OK);
    assert_int_equal(truncate(path, 80), 0);
    /* (refused on opening: the checksum at its end is missing) */
    assert_int_equal(hs_ckpt_open(&r, path, "civil_violence", 1, &step, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "cut short"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_lattice_saved_and_loaded_goes_on),
        cmocka_unit_test(a_killed_run_resumes_to_the_same_output),
        cmocka_unit_test(bad_checkpoints_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
