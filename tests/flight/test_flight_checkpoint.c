/*
** test_flight_checkpoint.c - checkpoints of flight runs (flight.h,
** checkpoint.h): a run saved on a day and resumed by a new run, on one thread
** or two, writes the same output folder, byte for byte, as a run never stopped
** - on a data-driven case (spawning debt, camps filling, a closed border) by
** the calendar, by the sweep and by the automatic choice between them, and on
** the embedded default (conflict-driven, Poisson); checkpoints on two days. A
** run that writes checkpoints as it goes ends as one that does not, and its
** last checkpoint resumes to the same output; `humsec run CASE
** --checkpoint-every` killed after either of two checkpoints and resumed with
** `--resume` does the same; a checkpoint of another seed, settings or model,
** cut short or not a checkpoint at all is refused with a message.
*/
#include "checkpoint_fixture.h"
#include "flight_fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <humsec/checkpoint.h>
#include <humsec/outdir.h>

#define SEED 11

/* Two zones in conflict (one from day 9), two camps abroad that fill up and a
** town beyond them, a border closed on days 4-14; the camps' UNHCR series rise,
** fall (a debt) and rise again. */
static const hs_flight_embedded_file data_case[] = {
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,60\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,conflict_zone,0,60000\n"
     "B,r,Home,1,0,conflict_zone,9,30000\n"
     "T,r,Home,1,1,town,,20000\n"
     "C,r,North,2,1,camp,,2500\n"
     "D,r,East,0,3,camp,,4000\n"
     "E,r,East,1,4,town,,10000\n"},
    {"input_csv/routes.csv", "#name1,name2,distance\n"
                             "A,B,120\nA,T,180\nB,T,90\nT,C,260\nT,D,330\nA,D,610\nD,E,150\n"
                             "C,E,420\n"},
    {"input_csv/closures.csv", "#closure_type,name1,name2,closure_start,closure_end\n"
                               "country,Home,East,4,14\n"},
    {"source_data/data_layout.csv", "total,refugees.csv\nC,c.csv\nD,d.csv\n"},
    {"source_data/refugees.csv", "2020-01-01,0\n2020-02-29,9000\n"},
    {"source_data/c.csv", "2020-01-01,0\n2020-01-20,3000\n2020-02-05,2600\n2020-02-29,5000\n"},
    {"source_data/d.csv", "2020-01-01,100\n2020-01-25,900\n2020-02-29,4000\n"},
    {NULL, NULL}};

static const char *const outputs[] = {"daily.csv", "locations.csv", "settings.yml", "summary.json",
                                      NULL};

static void fail_with(const hs_error *err, const char *what)
{
    char buf[2048];
    hs_error_format(err, buf, sizeof buf);
    fail_msg("%s: %s", what, buf);
}

static void write_run(const hs_flight_sim *sim, const char *dir)
{
    hs_outdir o;
    hs_error err;
    if (hs_outdir_open(&o, dir, &err) != HS_OK) fail_with(&err, "outdir");
    if (hs_flight_sim_write(sim, &o, 0.0, &err) != HS_OK) fail_with(&err, "write");
    if (hs_outdir_commit(&o, &err) != HS_OK) fail_with(&err, "commit");
}

/* A file's text without the lines that say how the run ran rather than what it
** found: its time, its speed and its threads. */
static hs_flight_sim *create(const hs_flight_case *c, const hs_flight_settings *s, int threads,
                             int policy)
{
    hs_flight_sim *sim = fixture_sim(c, s, SEED);
    hs_flight_sim_set_threads(sim, threads);
    sim->cal_policy = policy;
    return sim;
}

static void resume_into(const hs_flight_case *c, const hs_flight_settings *s, const char *path,
                        int threads, const char *dir)
{
    hs_flight_sim *sim = create(c, s, threads, HS_FLIGHT_SAMPLER_AUTO);
    hs_checkpointing ck = {path, 0, 1, hs_flight_fingerprint(c, s, SEED, -1)};
    hs_error err;
    if (hs_flight_run_checkpointed(sim, -1, &ck, NULL, NULL, &err) != HS_OK)
        fail_with(&err, "resume");
    assert_int_equal(hs_flight_sim_days(sim), c->days);
    write_run(sim, dir);
    hs_flight_sim_free(sim);
}

/* A run of c under policy stopped on two days (on the first saved by a run on one thread
** and resumed on two, on the second the other way round) writes what a whole run writes. */
static void stopped_and_resumed(const hs_flight_case *c, const hs_flight_settings *s, int policy,
                                const char *name, long stop1, long stop2)
{
    char root[4200], whole[4300];
    snprintf(root, sizeof root, "%s/%s", test_tmpdir("flight-checkpoint"), name);
    snprintf(whole, sizeof whole, "%s/whole", root);
    hs_error err;
    hs_flight_sim *sim = create(c, s, 2, policy);
    if (hs_flight_sim_run(sim, -1, NULL, NULL, &err) != HS_OK) fail_with(&err, "run");
    write_run(sim, whole);
    hs_flight_sim_free(sim);

    const long stops[2] = {stop1, stop2};
    const int threads[2][2] = {{1, 2}, {2, 1}};
    for (int k = 0; k < 2; k++) {
        int t = k;
        char path[4400], dir[4400];
        snprintf(path, sizeof path, "%s/stop%ld-%d.checkpoint", root, stops[k], t);
        snprintf(dir, sizeof dir, "%s/stop%ld-%d", root, stops[k], t);
        sim = create(c, s, threads[t][0], policy);
        if (hs_flight_sim_run(sim, stops[k], NULL, NULL, &err) != HS_OK) fail_with(&err, "run");
        hs_ckpt_writer w;
        assert_int_equal(hs_ckpt_begin(&w, path, "flight", hs_flight_fingerprint(c, s, SEED, -1),
                                       stops[k], &err),
                         HS_OK);
        hs_flight_sim_save(sim, &w);
        assert_int_equal(hs_ckpt_end(&w, &err), HS_OK);
        hs_flight_sim_free(sim);
        resume_into(c, s, path, threads[t][1], dir);
        ckpt_same_outputs(whole, dir, outputs);
    }

    /* Checkpoints every 25 days on the way change nothing, and the last resumes. */
    char path[4400], dir[4400];
    snprintf(path, sizeof path, "%s/every.checkpoint", root);
    snprintf(dir, sizeof dir, "%s/every", root);
    sim = create(c, s, 2, policy);
    hs_checkpointing ck = {path, 25, 0, hs_flight_fingerprint(c, s, SEED, -1)};
    if (hs_flight_run_checkpointed(sim, -1, &ck, NULL, NULL, &err) != HS_OK)
        fail_with(&err, "run with checkpoints");
    write_run(sim, dir);
    hs_flight_sim_free(sim);
    ckpt_same_outputs(whole, dir, outputs);
    hs_ckpt_reader r;
    long step;
    assert_int_equal(hs_ckpt_open(&r, path, "flight", ck.fingerprint, &step, &err), HS_OK);
    hs_ckpt_close(&r);
    assert_int_equal(step, (c->days - 1) / 25 * 25);
    snprintf(dir, sizeof dir, "%s/every-resumed", root);
    resume_into(c, s, path, 1, dir);
    ckpt_same_outputs(whole, dir, outputs);
}

static void a_resumed_data_driven_run_writes_the_same_output(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    s.take_from_population = 1;
    hs_flight_case c;
    fixture_load(&c, &s, data_case);
    stopped_and_resumed(&c, &s, HS_FLIGHT_SAMPLER_CALENDAR, "calendar", 7, 38);
    stopped_and_resumed(&c, &s, HS_FLIGHT_SAMPLER_SWEEP, "sweep", 12, 41);
    stopped_and_resumed(&c, &s, HS_FLIGHT_SAMPLER_AUTO, "auto", 3, 29);
    hs_flight_case_free(&c);
}

static void a_resumed_default_run_writes_the_same_output(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_case c;
    hs_error err;
    if (hs_flight_case_default(&c, &s, &err) != HS_OK) fail_with(&err, "default");
    c.days = 70; /* the story's first months: conflict spreads, the border reopens */
    stopped_and_resumed(&c, &s, HS_FLIGHT_SAMPLER_AUTO, "default", 20, 51);
    hs_flight_case_free(&c);
}

static void bad_checkpoints_are_refused(void **state)
{
    (void)state;
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    hs_flight_case c;
    fixture_load(&c, &s, data_case);
    char path[4300];
    snprintf(path, sizeof path, "%s/run.checkpoint", test_tmpdir("flight-checkpoint-bad"));
    hs_error err;
    hs_flight_sim *sim = create(&c, &s, 1, HS_FLIGHT_SAMPLER_AUTO);
    hs_checkpointing ck = {path, 10, 0, hs_flight_fingerprint(&c, &s, SEED, 30)};
    if (hs_flight_run_checkpointed(sim, 30, &ck, NULL, NULL, &err) != HS_OK)
        fail_with(&err, "run with checkpoints");
    hs_flight_sim_free(sim);

    /* Another seed, length or setting: another fingerprint, refused. */
    assert_true(hs_flight_fingerprint(&c, &s, SEED + 1, 30) != ck.fingerprint);
    assert_true(hs_flight_fingerprint(&c, &s, SEED, 31) != ck.fingerprint);
    hs_flight_settings s2 = s;
    s2.camp_weight *= 1.0000001;
    hs_checkpointing other = {path, 0, 1, hs_flight_fingerprint(&c, &s2, SEED, 30)};
    assert_true(other.fingerprint != ck.fingerprint);
    sim = create(&c, &s2, 1, HS_FLIGHT_SAMPLER_AUTO);
    assert_int_equal(hs_flight_run_checkpointed(sim, 30, &other, NULL, NULL, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "resume with the same command"));
    hs_flight_sim_free(sim);

    /* A checkpoint of another model. */
    hs_ckpt_reader r;
    long step;
    assert_int_equal(hs_ckpt_open(&r, path, "human_security", ck.fingerprint, &step, &err),
                     HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "not of a human_security run"));

    /* Cut short halfway. */
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    assert_int_equal(truncate(path, size / 2), 0);
    hs_checkpointing again = {path, 0, 1, ck.fingerprint};
    sim = create(&c, &s, 1, HS_FLIGHT_SAMPLER_AUTO);
    assert_int_equal(hs_flight_run_checkpointed(sim, 30, &again, NULL, NULL, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "cut short"));
    assert_non_null(strstr(err.file, "run.checkpoint"));
    hs_flight_sim_free(sim);

    /* Not a checkpoint; none at all. */
    test_write(path, "#name1,name2,distance\nA,B,120\nnot a checkpoint, a routes file\n");
    sim = create(&c, &s, 1, HS_FLIGHT_SAMPLER_AUTO);
    assert_int_equal(hs_flight_run_checkpointed(sim, 30, &again, NULL, NULL, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "not a humsec checkpoint"));
    unlink(path);
    assert_int_equal(hs_flight_run_checkpointed(sim, 30, &again, NULL, NULL, &err), HS_ERR_IO);
    assert_non_null(strstr(err.message, "no checkpoint to resume from"));
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

static void a_killed_run_resumes_to_the_same_output(void **state)
{
    (void)state;
    const char *bin = getenv("HUMSEC_BIN");
    if (!bin) skip();
    char root[4096], cased[4200];
    snprintf(root, sizeof root, "%s", test_tmpdir("flight-resume"));
    snprintf(cased, sizeof cased, "%s/case", root);
    for (const hs_flight_embedded_file *e = data_case; e->path; e++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", cased, e->path);
        test_write(path, e->text);
    }
    /* Killed after the first checkpoint (day 20) and after the second (day 40). */
    const char *const kills[2] = {"step_26", "step_45"};
    ckpt_killed_and_resumed(bin, cased, root, (const char *const[]){"--seed", "3", NULL}, "20",
                            kills, outputs);
    /* The embedded default writes checkpoints too (and removes them once done). */
    char dir[4300], ck[4400], msg[4096];
    snprintf(dir, sizeof dir, "%s/default", root);
    snprintf(ck, sizeof ck, "%s.checkpoint", dir);
    int rc = test_humsec(msg, sizeof msg,
                         "run --model flight --days 30 --checkpoint-every 10 --quiet -o '%s'", dir);
    if (rc != 0) fail_msg("humsec run --model flight with checkpoints failed: %s", msg);
    assert_true(test_exists(dir));
    assert_false(test_exists(ck));
    /* Resumed with another seed: refused, saying why. */
    snprintf(dir, sizeof dir, "%s/killed0", root);
    const char *run[] = {
        bin, "run", cased, "-o", dir, "--seed", "3", "--quiet", "--checkpoint-every", "20", NULL};
    int st = ckpt_run_cmd("step_26", run);
    assert_true(WIFSIGNALED(st));
    rc = test_humsec(msg, sizeof msg, "run '%s' --resume '%s' --seed 4 --quiet", cased, dir);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(msg, "resume with the same command"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_resumed_data_driven_run_writes_the_same_output),
        cmocka_unit_test(a_resumed_default_run_writes_the_same_output),
        cmocka_unit_test(bad_checkpoints_are_refused),
        cmocka_unit_test(a_killed_run_resumes_to_the_same_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
