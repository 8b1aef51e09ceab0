/*
** test_world_checkpoint.c - checkpoints of human security runs (world.h,
** checkpoint.h): a run saved on a day and resumed by a new run, on one thread
** or two, writes the same output folder, byte for byte, as a run never stopped
** (checkpoints on two days, a donor spending by every channel); a run that
** writes checkpoints as it goes ends as one that does not, and its last
** checkpoint resumes to the same output; `humsec run --checkpoint-every`
** killed after either of two checkpoints and resumed with `--resume` does the
** same; a checkpoint of another seed, of another model, cut short or not a
** checkpoint at all is refused with a message.
*/
#include "checkpoint_fixture.h"
#include "world_fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <humsec/checkpoint.h>
#include <humsec/outdir.h>

#define DAYS 75
#define SEED 5

static const char *const outputs[] = {
    "daily_states.csv", "daily_locations.csv", "parameters.yml", "summary.json", "aid.csv", NULL};

/* The small default with a donor that spends by every channel. */
static hs_world_scenario *scenario(void)
{
    hs_world_scenario *sc = world_small();
    hs_world_scenario_set_doctrine(sc, HS_DOCTRINE_MIXED);
    return sc;
}

static void write_run(const hs_world_sim *sim, const char *dir)
{
    hs_outdir o;
    hs_error err;
    if (hs_outdir_open(&o, dir, &err) != HS_OK) world_fail(&err, "outdir");
    if (hs_world_sim_write(sim, &o, 0.0, &err) != HS_OK) world_fail(&err, "write");
    if (hs_outdir_commit(&o, &err) != HS_OK) world_fail(&err, "commit");
}

static hs_world_sim *create(const hs_world_scenario *sc, int threads)
{
    hs_world_sim *sim;
    hs_error err;
    if (hs_world_sim_create(&sim, sc, SEED, &err) != HS_OK) world_fail(&err, "create");
    hs_world_sim_set_threads(sim, threads);
    return sim;
}

/* Resume from the checkpoint at path into a new run on threads and write it to dir. */
static void resume_into(const hs_world_scenario *sc, const char *path, int threads, const char *dir)
{
    hs_world_sim *sim = create(sc, threads);
    hs_checkpointing ck = {path, 0, 1, hs_world_fingerprint(sc, SEED, DAYS)};
    hs_error err;
    if (hs_world_run_checkpointed(sim, DAYS, &ck, NULL, NULL, &err) != HS_OK)
        world_fail(&err, "resume");
    assert_int_equal(hs_world_sim_days(sim), DAYS);
    write_run(sim, dir);
    hs_world_sim_free(sim);
}

static void a_resumed_run_writes_the_same_output(void **state)
{
    (void)state;
    hs_world_scenario *sc = scenario();
    const char *root = test_tmpdir("world-checkpoint");
    char whole[4200];
    snprintf(whole, sizeof whole, "%s/whole", root);
    hs_world_sim *sim = world_run(sc, SEED, DAYS, 1);
    write_run(sim, whole);
    hs_world_sim_free(sim);

    /* Stopped on two days: saved by a run on one thread and resumed on two, then the
    ** other way round. */
    const long stops[2] = {19, 58};
    const int threads[2][2] = {{1, 2}, {2, 1}};
    hs_error err;
    for (int k = 0; k < 2; k++) {
        int t = k;
        char path[4300], dir[4300];
        snprintf(path, sizeof path, "%s/stop%ld-%d.checkpoint", root, stops[k], t);
        snprintf(dir, sizeof dir, "%s/stop%ld-%d", root, stops[k], t);
        sim = create(sc, threads[t][0]);
        if (hs_world_sim_run(sim, stops[k], NULL, NULL, &err) != HS_OK) world_fail(&err, "run");
        hs_ckpt_writer w;
        assert_int_equal(hs_ckpt_begin(&w, path, "human_security",
                                       hs_world_fingerprint(sc, SEED, DAYS), stops[k], &err),
                         HS_OK);
        hs_world_sim_save(sim, &w);
        assert_int_equal(hs_ckpt_end(&w, &err), HS_OK);
        hs_world_sim_free(sim);
        resume_into(sc, path, threads[t][1], dir);
        ckpt_same_outputs(whole, dir, outputs);
    }

    /* Checkpoints every 30 days (30, 60) on the way change nothing, and the last resumes. */
    char path[4300], dir[4300];
    snprintf(path, sizeof path, "%s/every.checkpoint", root);
    snprintf(dir, sizeof dir, "%s/every", root);
    sim = create(sc, 2);
    hs_checkpointing ck = {path, 30, 0, hs_world_fingerprint(sc, SEED, DAYS)};
    if (hs_world_run_checkpointed(sim, DAYS, &ck, NULL, NULL, &err) != HS_OK)
        world_fail(&err, "run with checkpoints");
    write_run(sim, dir);
    hs_world_sim_free(sim);
    ckpt_same_outputs(whole, dir, outputs);
    hs_ckpt_reader r;
    long step;
    assert_int_equal(hs_ckpt_open(&r, path, "human_security", ck.fingerprint, &step, &err), HS_OK);
    hs_ckpt_close(&r);
    assert_int_equal(step, 60);
    snprintf(dir, sizeof dir, "%s/every-resumed", root);
    resume_into(sc, path, 1, dir);
    ckpt_same_outputs(whole, dir, outputs);
    hs_world_scenario_free(sc);
}

static void bad_checkpoints_are_refused(void **state)
{
    (void)state;
    hs_world_scenario *sc = scenario();
    const char *root = test_tmpdir("world-checkpoint-bad");
    char path[4300];
    snprintf(path, sizeof path, "%s/run.checkpoint", root);
    hs_error err;
    hs_world_sim *sim = create(sc, 1);
    hs_checkpointing ck = {path, 5, 0, hs_world_fingerprint(sc, SEED, 12)};
    if (hs_world_run_checkpointed(sim, 12, &ck, NULL, NULL, &err) != HS_OK)
        world_fail(&err, "run with checkpoints");
    hs_world_sim_free(sim);

    /* Another seed, another length, another doctrine: another fingerprint. */
    assert_true(hs_world_fingerprint(sc, SEED + 1, 12) != ck.fingerprint);
    assert_true(hs_world_fingerprint(sc, SEED, 13) != ck.fingerprint);
    hs_world_scenario_set_doctrine(sc, HS_DOCTRINE_FEAR);
    uint64_t fear = hs_world_fingerprint(sc, SEED, 12);
    assert_true(fear != ck.fingerprint);
    sim = create(sc, 1);
    hs_checkpointing other = {path, 0, 1, fear};
    assert_int_equal(hs_world_run_checkpointed(sim, 12, &other, NULL, NULL, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "resume with the same command"));
    hs_world_sim_free(sim);
    hs_world_scenario_set_doctrine(sc, HS_DOCTRINE_MIXED);

    /* A checkpoint of another model. */
    hs_ckpt_reader r;
    long step;
    assert_int_equal(hs_ckpt_open(&r, path, "flight", ck.fingerprint, &step, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "not of a flight run"));

    /* Cut short halfway: the section that is missing is named. */
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    assert_int_equal(truncate(path, size / 2), 0);
    sim = create(sc, 1);
    hs_checkpointing again = {path, 0, 1, ck.fingerprint};
    assert_int_equal(hs_world_run_checkpointed(sim, 12, &again, NULL, NULL, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "cut short"));
    assert_non_null(strstr(err.file, "run.checkpoint"));
    hs_world_sim_free(sim);

    /* Not a checkpoint at all; none at all. */
    test_write(path, "model: human_security\nthis is a scenario, not a checkpoint of one\n");
    sim = create(sc, 1);
    assert_int_equal(hs_world_run_checkpointed(sim, 12, &again, NULL, NULL, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "not a humsec checkpoint"));
    unlink(path);
    assert_int_equal(hs_world_run_checkpointed(sim, 12, &again, NULL, NULL, &err), HS_ERR_IO);
    assert_non_null(strstr(err.message, "no checkpoint to resume from"));
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* The shipped default at a tenth of its people, as files the command reads. */
static void small_scenario_files(const char *dir, char *yml, size_t n)
{
    const char *src = getenv("HUMSEC_SOURCE");
    char path[4300];
    snprintf(path, sizeof path, "%s/scenarios/world/default.yml", src ? src : ".");
    char *text = test_read(path);
    assert_non_null(text);
    snprintf(yml, n, "%s/small.yml", dir);
    test_write(yml, text);
    free(text);
    snprintf(path, sizeof path, "%s/scenarios/world/routes.csv", src ? src : ".");
    text = test_read(path);
    assert_non_null(text);
    snprintf(path, sizeof path, "%s/routes.csv", dir);
    test_write(path, text);
    free(text);
    /* locations.csv: people (column 7) and capacity (column 8) divided by ten. */
    snprintf(path, sizeof path, "%s/scenarios/world/locations.csv", src ? src : ".");
    text = test_read(path);
    assert_non_null(text);
    size_t cap = strlen(text) + 1;
    char *out = malloc(cap), *w = out;
    assert_non_null(out);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *cells[16];
        int k = 0;
        for (char *c = line; k < 16;) {
            cells[k++] = c;
            char *comma = strchr(c, ',');
            if (!comma) break;
            *comma = '\0';
            c = comma + 1;
        }
        for (int j = 0; j < k; j++) {
            if (j) *w++ = ',';
            if (line[0] != '#' && (j == 6 || j == 7) && cells[j][0])
                w += sprintf(w, "%ld", atol(cells[j]) / 10);
            else
                w += sprintf(w, "%s", cells[j]);
        }
        *w++ = '\n';
    }
    *w = '\0';
    snprintf(path, sizeof path, "%s/locations.csv", dir);
    test_write(path, out);
    free(out);
    free(text);
}

static void a_killed_run_resumes_to_the_same_output(void **state)
{
    (void)state;
    const char *bin = getenv("HUMSEC_BIN");
    if (!bin) skip();
    char root[4096], yml[4200];
    snprintf(root, sizeof root, "%s", test_tmpdir("world-resume"));
    small_scenario_files(root, yml, sizeof yml);
    /* Killed after the first checkpoint (day 15) and after the second (day 30). */
    const char *const kills[2] = {"step_20", "step_33"};
    ckpt_killed_and_resumed(bin, yml, root, (const char *const[]){"--days", "40", NULL}, "15",
                            kills, outputs);
    /* Resumed with another seed: refused, saying why. */
    char dir[4300], msg[4096];
    snprintf(dir, sizeof dir, "%s/killed0", root);
    const char *run[] = {
        bin, "run", yml, "-o", dir, "--days", "40", "--quiet", "--checkpoint-every", "15", NULL};
    int st = ckpt_run_cmd("step_20", run);
    assert_true(WIFSIGNALED(st));
    int rc =
        test_humsec(msg, sizeof msg, "run '%s' --resume '%s' --days 40 --seed 9 --quiet", yml, dir);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(msg, "resume with the same command"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_resumed_run_writes_the_same_output),
        cmocka_unit_test(bad_checkpoints_are_refused),
        cmocka_unit_test(a_killed_run_resumes_to_the_same_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
