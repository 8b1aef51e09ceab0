/*
** test_mpi_ranks.c - humsec over MPI ranks (issue 16; docs/scaling.md). Built
** only in the MPI build (cmake -DHUMSEC_MPI=ON; make test's build-mpi), run
** under mpirun --oversubscribe on 1, 2 and 4 ranks:
**   - compare (a civil-violence base with an uncertain parameter, and a Flee
**     case's) and validate write the same bytes as one process without mpirun
**     (but for the wall times: timing.csv, summary.json's wall_seconds);
**   - a bad experiment is reported once, by rank 0, with file, line and field,
**     and leaves no output folder;
**   - a rank killed mid-experiment takes the run down (non-zero exit, no output
**     folder), and the experiment then resumes from the journal, on another
**     number of ranks, to the same bytes;
**   - a flight run (the calendar's days and the morning sweep's, a Flee case
**     and the embedded one) writes the same bytes on 1, 2 and 4 ranks as one
**     process (but for how it ran: wall times, speed, threads, ranks);
**   - a human security world (the embedded default, its donors on one
**     doctrine and on their own) writes the same bytes on 1, 2 and 4 ranks, and
**     so does the world built from a Flee case (with the flight process beside
**     it) on 2 and 4;
**   - a flight run's rank killed mid-run takes the run down, leaving no output
**     folder; checkpoints, bad settings and a bad world scenario are refused
**     once, by rank 0, with file, line and field;
**   - a command that runs on one process refuses several ranks, once.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/wait.h>
#include "testutil.h"

static const char *bin(void)
{
    const char *b = getenv("HUMSEC_BIN");
    return b ? b : "humsec";
}

static const char *mpirun(void)
{
    const char *m = getenv("HUMSEC_MPIEXEC");
    return m ? m : "mpirun";
}

/* Run a shell command, capturing stdout and stderr into out; the exit code. */
static int capture(const char *cmd, char *out, size_t n)
{
    FILE *p = popen(cmd, "r");
    if (!p) fail_msg("cannot run %s", cmd);
    size_t got = fread(out, 1, n - 1, p);
    out[got] = '\0';
    char sink[4096];
    while (fread(sink, 1, sizeof sink, p) > 0) {
    }
    int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Run "[mpirun --oversubscribe -np N] humsec ARGS" (np 0: no mpirun). */
static int run(int np, char *out, size_t n, const char *fmt, ...)
{
    char args[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    if (np > 0)
        snprintf(cmd, sizeof cmd, "'%s' --oversubscribe -np %d '%s' %s 2>&1 </dev/null", mpirun(),
                 np, bin(), args);
    else
        snprintf(cmd, sizeof cmd, "'%s' %s 2>&1 </dev/null", bin(), args);
    return capture(cmd, out, n);
}

/* How many times needle is in text. */
static int times_in(const char *text, const char *needle)
{
    int k = 0;
    for (const char *at = strstr(text, needle); at; at = strstr(at + 1, needle))
        k++;
    return k;
}

/* A file's text without the lines that say how the process ran: wall times,
** speed, threads and ranks. */
static char *without_walls(const char *path)
{
    char *t = test_read(path);
    if (!t) fail_msg("missing: %s", path);
    char *w = t, *r = t;
    while (*r) {
        char *end = strchr(r, '\n');
        size_t len = end ? (size_t)(end - r) + 1 : strlen(r);
        static const char *const how[] = {
            "wall_seconds\":", "agent_days_per_second\":", "\"threads\":", "\"ranks\":"};
        int keep = 1;
        for (size_t k = 0; k < sizeof how / sizeof *how; k++) {
            const char *hit = strstr(r, how[k]); /* in this line? */
            if (hit && hit < r + len) keep = 0;
        }
        if (keep) {
            memmove(w, r, len);
            w += len;
        }
        r += len;
    }
    *w = '\0';
    return t;
}

/* Every file of folder a is in b with the same bytes (timing.csv and wall times
** aside); returns the number of files compared. */
static int same_folders(const char *a, const char *b)
{
    DIR *d = opendir(a);
    assert_non_null(d);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "timing.csv") == 0) continue;
        char pa[4400], pb[4400];
        snprintf(pa, sizeof pa, "%s/%s", a, e->d_name);
        snprintf(pb, sizeof pb, "%s/%s", b, e->d_name);
        FILE *fa = fopen(pa, "rb"), *fb = fopen(pb, "rb");
        if (!fb) fail_msg("%s is missing", pb);
        int same = 1, ca, cb;
        do {
            ca = fgetc(fa), cb = fgetc(fb);
            same = ca == cb;
        } while (same && ca != EOF);
        fclose(fa), fclose(fb);
        if (!same) {
            char *ta = without_walls(pa), *tb = without_walls(pb);
            if (strcmp(ta, tb) != 0) fail_msg("%s differs from %s", pb, pa);
            free(ta), free(tb);
        }
        files++;
    }
    closedir(d);
    return files;
}

/* dir/sub holds what dir/one does (same_folders), at least min_files files. */
static void same_as_one_process(const char *dir, const char *sub, const char *what, int min_files)
{
    char one[4200], other[4200];
    snprintf(one, sizeof one, "%s/one", dir);
    snprintf(other, sizeof other, "%s/%s", dir, sub);
    int files = same_folders(one, other);
    print_message("%s: %d files the same as one process\n", what, files);
    assert_true(files >= min_files);
}

static const char experiment_cv[] = "model: experiment\n"
                                    "name: ranks\n"
                                    "scenario: %s/scenarios/civil-violence/netlogo-default.yml\n"
                                    "replicates: 3\n"
                                    "seed: 1\n"
                                    "days: 120\n"
                                    "horizons: [60, 120]\n"
                                    "baseline: base\n"
                                    "arms:\n"
                                    "  - {name: base}\n"
                                    "  - {name: legitimacy, set: {legitimacy: 0.9}}\n"
                                    "uncertain:\n"
                                    "  design: lhs\n"
                                    "  samples: 4\n"
                                    "  parameters:\n"
                                    "    - {name: vision, low: 4, high: 9}\n";

static const char *write_experiment(const char *dir)
{
    static char path[4300];
    char text[2048];
    const char *src = getenv("HUMSEC_SOURCE");
    snprintf(text, sizeof text, experiment_cv, src ? src : ".");
    snprintf(path, sizeof path, "%s/ranks.yml", dir);
    test_write(path, text);
    return path;
}

static void compare_is_the_same_on_1_2_and_4_ranks(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("mpi_compare");
    const char *x = write_experiment(dir);
    char out[16384];
    assert_int_equal(run(0, out, sizeof out, "compare '%s' -o '%s/one' --quiet", x, dir), 0);
    for (int np = 1; np <= 4; np *= 2) {
        int rc = run(np, out, sizeof out, "compare '%s' -o '%s/np%d'", x, dir, np);
        if (rc != 0) fail_msg("np %d: exit %d: %s", np, rc, out);
        if (np > 1) assert_non_null(strstr(out, "MPI ranks"));
        char sub[16], what[64];
        snprintf(sub, sizeof sub, "np%d", np);
        snprintf(what, sizeof what, "compare on %d rank(s)", np);
        same_as_one_process(dir, sub, what, 9);
    }
}

static void compare_of_a_flee_case_is_the_same_on_2_ranks(void **state)
{
    (void)state;
    const char *mali = test_shared_or_skip("validation/flee/mali2012");
    const char *dir = test_tmpdir("mpi_compare_flee");
    char path[4300], text[2048], out[16384];
    snprintf(path, sizeof path, "%s/flee.yml", dir);
    snprintf(text, sizeof text,
             "model: experiment\nname: flee\nscenario: %s\nreplicates: 2\nseed: 1\n"
             "horizons: [100, 300]\nbaseline: base\narms:\n  - {name: base}\n"
             "  - {name: slower, set: {move_rules.conflict_movechance: 0.5}}\n",
             mali);
    test_write(path, text);
    assert_int_equal(run(0, out, sizeof out, "compare '%s' -o '%s/one' --quiet", path, dir), 0);
    int rc = run(2, out, sizeof out, "compare '%s' -o '%s/two' --quiet", path, dir);
    if (rc != 0) fail_msg("exit %d: %s", rc, out);
    same_as_one_process(dir, "two", "compare of mali2012 on 2 ranks", 9);
}

static void validate_is_the_same_on_1_2_and_4_ranks(void **state)
{
    (void)state;
    const char *mali = test_shared_or_skip("validation/flee/mali2012");
    const char *dir = test_tmpdir("mpi_validate");
    char out[16384];
    assert_int_equal(run(0, out, sizeof out, "validate '%s' --seeds 5 -o '%s/one'", mali, dir), 0);
    for (int np = 1; np <= 4; np *= 2) {
        int rc = run(np, out, sizeof out, "validate '%s' --seeds 5 -o '%s/np%d'", mali, dir, np);
        if (rc != 0) fail_msg("np %d: exit %d: %s", np, rc, out);
        /* One voice: the case's warning and the table once, from rank 0. */
        const char *w = strstr(out, "humsec validate: warning:");
        assert_non_null(w);
        assert_null(strstr(w + 1, "humsec validate: warning:"));
        const char *m = strstr(out, "  mean ");
        assert_non_null(m);
        assert_null(strstr(m + 1, "  mean "));
        char sub[16], what[64];
        snprintf(sub, sizeof sub, "np%d", np);
        snprintf(what, sizeof what, "validate on %d rank(s)", np);
        same_as_one_process(dir, sub, what, 5);
    }
}

static void a_bad_experiment_is_reported_once_by_rank_0(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("mpi_bad");
    char path[4300], text[1024], out[16384];
    snprintf(path, sizeof path, "%s/bad.yml", dir);
    const char *src = getenv("HUMSEC_SOURCE");
    snprintf(text, sizeof text,
             "model: experiment\nname: bad\n"
             "scenario: %s/scenarios/civil-violence/netlogo-default.yml\n"
             "replicates: 2\nhorizons: [50]\narms:\n  - {name: base}\n"
             "  - {name: odd, set: {no_such_key: 1}}\n",
             src ? src : ".");
    test_write(path, text);
    int rc = run(4, out, sizeof out, "compare '%s' -o '%s/out'", path, dir);
    assert_int_not_equal(rc, 0);
    char want[4400];
    snprintf(want, sizeof want, "%s:8: field 'arms[1].set.no_such_key'", path);
    const char *at = strstr(out, want);
    if (!at) fail_msg("no '%s' in: %s", want, out);
    assert_null(strstr(at + 1, want)); /* once */
    snprintf(want, sizeof want, "%s/out", dir);
    assert_false(test_exists(want));
}

static void a_killed_rank_takes_the_run_down_and_the_experiment_resumes(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("mpi_kill");
    const char *x = write_experiment(dir);
    char out[16384], killed[4300], one[4300];
    snprintf(one, sizeof one, "%s/one", dir);
    snprintf(killed, sizeof killed, "%s/killed", dir);
    assert_int_equal(run(0, out, sizeof out, "compare '%s' -o '%s' --quiet", x, one), 0);
    /* Each rank kills itself after journalling its third run. */
    setenv("HUMSEC_FAULT", "compare_run_3", 1);
    int rc = run(2, out, sizeof out, "compare '%s' -o '%s' --quiet", x, killed);
    unsetenv("HUMSEC_FAULT");
    assert_int_not_equal(rc, 0);
    assert_false(test_exists(killed)); /* nothing that looks complete */
    rc = run(4, out, sizeof out, "compare '%s' -o '%s'", x, killed);
    if (rc != 0) fail_msg("resume: exit %d: %s", rc, out);
    assert_non_null(strstr(out, "resumed an interrupted start"));
    same_as_one_process(dir, "killed", "resumed on 4 ranks", 9);
}

/* Slow travel and restless people: most of mali2012's people are on links
** after the morning, so the run takes its moves from the morning sweep. */
static const char busy_settings[] = "spawn_rules:\n  sum_from_camps: True\n  insert_day0: True\n"
                                    "move_rules:\n  max_move_speed: 40.0\n"
                                    "  default_movechance: 0.5\n  camp_movechance: 0.3\n"
                                    "  awareness_level: 2\n";

/* "humsec run ARGS" once without mpirun (into dir/one) and then under mpirun on
** np_from, 2 np_from, ... np_to ranks (2 threads each on 2 ranks, else 1), each
** run printing marker once (rank 0 speaks) and writing what one process wrote. */
static void run_is_the_same_on_ranks(const char *dir, const char *args, int np_from, int np_to,
                                     const char *marker, int min_files, const char *what)
{
    char out[16384];
    int rc = run(0, out, sizeof out, "run %s -o '%s/one' --quiet", args, dir);
    if (rc != 0) fail_msg("%s, one process: exit %d: %s", what, rc, out);
    for (int np = np_from; np <= np_to; np *= 2) {
        rc = run(np, out, sizeof out, "run %s --threads %d -o '%s/np%d'", args, np == 2 ? 2 : 1,
                 dir, np);
        if (rc != 0) fail_msg("%s, np %d: exit %d: %s", what, np, rc, out);
        assert_int_equal(times_in(out, marker), 1);
        char sub[16], label[160];
        snprintf(sub, sizeof sub, "np%d", np);
        snprintf(label, sizeof label, "%s on %d rank(s)", what, np);
        same_as_one_process(dir, sub, label, min_files);
    }
}

static void flight_run_is_the_same_on_1_2_and_4_ranks(void **state)
{
    (void)state;
    const char *mali = test_shared_or_skip("validation/flee/mali2012");
    const char *kinds[] = {"calendar", "sweep"};
    for (int k = 0; k < 2; k++) {
        char name[32], settings[4300], args[8800], what[64];
        snprintf(name, sizeof name, "mpi_flight_%s", kinds[k]);
        const char *dir = test_tmpdir(name);
        if (k == 0) {
            snprintf(settings, sizeof settings, "%s/simsetting_validation.yml", mali);
        } else {
            snprintf(settings, sizeof settings, "%s/busy.yml", dir);
            test_write(settings, busy_settings);
        }
        snprintf(args, sizeof args, "'%s' --settings '%s' --seed 3", mali, settings);
        snprintf(what, sizeof what, "flight run of mali2012 (%s)", kinds[k]);
        run_is_the_same_on_ranks(dir, args, 1, 4, "Against UNHCR data", 4, what);
    }
    /* The embedded case: conflict-driven spawning, people at every location. */
    run_is_the_same_on_ranks(test_tmpdir("mpi_flight_default"), "--model flight", 2, 2,
                             "Output:", 4, "the embedded flight run");
}

static void the_world_is_the_same_on_1_2_and_4_ranks(void **state)
{
    (void)state;
    run_is_the_same_on_ranks(test_tmpdir("mpi_world"), "--seed 3 --days 200", 1, 4, "Output:", 4,
                             "the world");
    run_is_the_same_on_ranks(test_tmpdir("mpi_world_mixed"), "--seed 3 --days 200 --doctrine mixed",
                             1, 4, "Output:", 5, "the world (mixed)");
}

static void the_world_of_a_flee_case_is_the_same_on_2_and_4_ranks(void **state)
{
    (void)state;
    const char *mali = test_shared_or_skip("validation/flee/mali2012");
    char args[4400];
    snprintf(args, sizeof args, "'%s' --model human_security --seed 2", mali);
    run_is_the_same_on_ranks(test_tmpdir("mpi_region"), args, 2, 4, "Against UNHCR camp counts", 9,
                             "the world of mali2012");
}

static void a_flight_run_with_a_killed_rank_leaves_no_output(void **state)
{
    (void)state;
    const char *mali = test_shared_or_skip("validation/flee/mali2012");
    const char *dir = test_tmpdir("mpi_flight_kill");
    char cmd[8192], out[16384], want[4300];
    /* Rank 1 alone kills itself after day `step`; rank 0 waits for it in that
    ** day's sums. Past the run's last day, the same command completes. */
    const char *steps[] = {"step_99999", "step_40"};
    for (int k = 0; k < 2; k++) {
        snprintf(cmd, sizeof cmd,
                 "'%s' --oversubscribe -np 2 sh -c 'if [ \"$OMPI_COMM_WORLD_RANK\" = 1 ]; then "
                 "HUMSEC_FAULT=%s; export HUMSEC_FAULT; fi; exec \"$0\" \"$@\"' '%s' run '%s' "
                 "--settings '%s/simsetting_validation.yml' -o '%s/out%d' --quiet 2>&1 </dev/null",
                 mpirun(), steps[k], bin(), mali, mali, dir, k);
        int rc = capture(cmd, out, sizeof out);
        snprintf(want, sizeof want, "%s/out%d/daily.csv", dir, k);
        if (k == 0 && rc != 0) fail_msg("exit %d: %s", rc, out);
        if (k == 1) assert_int_not_equal(rc, 0);
        assert_int_equal(test_exists(want), k == 0); /* nothing that looks complete */
    }
}

static void a_run_refuses_checkpoints_and_bad_input_once(void **state)
{
    (void)state;
    const char *mali = test_shared_or_skip("validation/flee/mali2012");
    const char *dir = test_tmpdir("mpi_flight_bad");
    char out[16384], path[4300], want[4400];
    int rc = run(4, out, sizeof out,
                 "run '%s' --settings '%s/simsetting_validation.yml' --checkpoint-every 10 "
                 "-o '%s/ck'",
                 mali, mali, dir);
    assert_int_not_equal(rc, 0);
    assert_int_equal(times_in(out, "cannot write or resume"), 1);
    snprintf(want, sizeof want, "%s/ck", dir);
    assert_false(test_exists(want));
    snprintf(path, sizeof path, "%s/bad.yml", dir);
    test_write(path, "move_rules:\n  max_move_speed: 40.0\n  default_movechance: often\n");
    rc = run(4, out, sizeof out, "run '%s' --settings '%s' -o '%s/bad'", mali, path, dir);
    assert_int_not_equal(rc, 0);
    snprintf(want, sizeof want, "%s:3", path);
    if (times_in(out, want) != 1) fail_msg("'%s' not once in: %s", want, out);
    assert_int_equal(times_in(out, "default_movechance"), 1);
    /* A world scenario without its length: file, line and field, once. */
    snprintf(path, sizeof path, "%s/world.yml", dir);
    test_write(path, "model: human_security\nname: short\n");
    rc = run(4, out, sizeof out, "run '%s' -o '%s/world'", path, dir);
    assert_int_not_equal(rc, 0);
    snprintf(want, sizeof want, "%s:1: field 'days'", path);
    if (times_in(out, want) != 1) fail_msg("'%s' not once in: %s", want, out);
    snprintf(want, sizeof want, "%s/world", dir);
    assert_false(test_exists(want));
}

static void one_process_commands_refuse_several_ranks(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("mpi_run");
    char out[16384];
    /* Civil violence runs on one process. */
    const char *src = getenv("HUMSEC_SOURCE");
    int rc =
        run(2, out, sizeof out, "run '%s/scenarios/civil-violence/netlogo-default.yml' -o '%s/out'",
            src ? src : ".", dir);
    assert_int_not_equal(rc, 0);
    assert_int_equal(times_in(out, "over several MPI ranks, 'run' runs the flight process"), 1);
    /* So do checkpoints. */
    rc = run(2, out, sizeof out, "run --days 20 --checkpoint-every 5 -o '%s/ck'", dir);
    assert_int_not_equal(rc, 0);
    assert_int_equal(times_in(out, "cannot write or resume"), 1);
    rc = run(2, out, sizeof out, "region --help");
    assert_int_not_equal(rc, 0);
    assert_int_equal(times_in(out, "runs on one process"), 1);
}

int main(void)
{
    /* Open MPI refuses root unless told; CI runs as root. */
    setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compare_is_the_same_on_1_2_and_4_ranks),
        cmocka_unit_test(compare_of_a_flee_case_is_the_same_on_2_ranks),
        cmocka_unit_test(validate_is_the_same_on_1_2_and_4_ranks),
        cmocka_unit_test(a_bad_experiment_is_reported_once_by_rank_0),
        cmocka_unit_test(a_killed_rank_takes_the_run_down_and_the_experiment_resumes),
        cmocka_unit_test(flight_run_is_the_same_on_1_2_and_4_ranks),
        cmocka_unit_test(the_world_is_the_same_on_1_2_and_4_ranks),
        cmocka_unit_test(the_world_of_a_flee_case_is_the_same_on_2_and_4_ranks),
        cmocka_unit_test(a_flight_run_with_a_killed_rank_leaves_no_output),
        cmocka_unit_test(a_run_refuses_checkpoints_and_bad_input_once),
        cmocka_unit_test(one_process_commands_refuse_several_ranks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
