/*
** test_outdir_cli.c - issue 15's findings about output at the command line,
** each from its reproducer (written afresh):
**   - `-o ''` ran the whole job and then failed; an -o naming a file (or a
**     folder of someone else's) was refused only after the run: now refused
**     before the work, by every model's run and by assess. The proof of
**     "before": HUMSEC_FAULT=step_1 kills a run after its first day (the fault
**     points of src/core/fault.c), so a run that started its work dies by
**     SIGKILL instead of exiting 1 with the message.
**   - two runs on one -o: the second fails at once, the first's output is whole
**     (byte for byte what the same run alone writes);
**   - a commit whose rename fails (as across file systems, EXDEV; the fault
**     point "renamefail") keeps the earlier output;
**   - a full disk says "No space left on device": standard output sent to
**     /dev/full, whose writes fail with ENOSPC (a real one, from the kernel);
**   - a byte-order mark before `model:` is a scenario like any other.
*/
#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char out[65536];

/* The CV scenario every test here runs (Epstein's run 1). */
static const char *cv_scenario(void)
{
    static char path[4096];
    const char *src = getenv("HUMSEC_SOURCE");
    snprintf(path, sizeof path, "%s/scenarios/civil-violence/epstein-run1.yml", src ? src : ".");
    return path;
}

/* The same as test_humsec, with HUMSEC_FAULT=fault for that one command. */
static int humsec_faulted(const char *fault, const char *args)
{
    if (fault) setenv("HUMSEC_FAULT", fault, 1);
    int rc = test_humsec(out, sizeof out, "%s", args);
    unsetenv("HUMSEC_FAULT");
    return rc;
}

/* Every run command refuses a bad -o before its first day: exit 1 with the
** message, never killed by the fault after day 1, the file or folder untouched. */
static void o_is_refused_before_the_work(void **state)
{
    (void)state;
    if (!getenv("HUMSEC_BIN")) skip();
    const char *dir = test_tmpdir("o-before");
    char file[4096], foreign[4096], thesis[4200];
    snprintf(file, sizeof file, "%s/results.txt", dir);
    test_write(file, "mine\n");
    snprintf(foreign, sizeof foreign, "%s/precious", dir);
    snprintf(thesis, sizeof thesis, "%s/thesis.tex", foreign);
    test_write(thesis, "draft\n");
    const char *targets[] = {"", file, foreign};
    const char *says[] = {"has no name", "not a humsec output folder",
                          "not a humsec output folder"};
    /* Each with a fault point its work would reach: killed (137) if the -o were
    ** checked only after the work began. */
    const char *runs[] = {"run --model flight --days 5 --quiet", "run --days 5 --quiet",
                          "run '%s' --days 5 --quiet", "ensemble '%s' --seeds 2 --steps 5 --quiet",
                          "ensemble default --seeds 2 --steps 5 --quiet"};
    const char *faults[] = {"step_1", "step_1", "step_1", "step_1", "compare_run_1"};
    for (size_t r = 0; r < sizeof runs / sizeof *runs; r++)
        for (size_t t = 0; t < sizeof targets / sizeof *targets; t++) {
            char cmd[4096], args[8192];
            snprintf(cmd, sizeof cmd, runs[r], cv_scenario());
            snprintf(args, sizeof args, "%s -o '%s'", cmd, targets[t]);
            int rc = humsec_faulted(faults[r], args);
            if (rc != 1)
                fail_msg("%s: exit %d (137 or 128: killed in the run), not 1:\n%s", args, rc, out);
            if (!strstr(out, says[t])) fail_msg("%s: no '%s' in:\n%s", args, says[t], out);
        }
    char *text = test_read(file);
    assert_string_equal(text, "mine\n");
    free(text);
    text = test_read(thesis);
    assert_string_equal(text, "draft\n");
    free(text);

    /* assess: -o '' and -o naming a folder are refused before the data is read (the
    ** data named here does not exist: the message is about -o, not about it). */
    char args[8192];
    snprintf(args, sizeof args, "assess hdi '%s/no-such-data.csv' -o ''", dir);
    assert_int_equal(humsec_faulted(NULL, args), 1);
    assert_non_null(strstr(out, "field '-o': the output file has no name"));
    snprintf(args, sizeof args, "assess hdi '%s/no-such-data.csv' -o '%s'", dir, foreign);
    assert_int_equal(humsec_faulted(NULL, args), 1);
    assert_non_null(strstr(out, "names a folder, not a file"));
    assert_null(strstr(out, "no-such-data"));
    text = test_read(thesis);
    assert_string_equal(text, "draft\n");
    free(text);
}

/* Start `humsec ARGS...` (NULL-terminated) in the background, its output to /dev/null. */
static pid_t start(const char *const *argv)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null < 0) _exit(126);
        dup2(null, 1);
        dup2(null, 2);
        unsetenv("HUMSEC_FAULT");
        execv(getenv("HUMSEC_BIN"), (char *const *)argv);
        _exit(127);
    }
    return pid;
}

static int finish(pid_t pid)
{
    int status = 0;
    assert_true(waitpid(pid, &status, 0) == pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Two files equal byte for byte? */
static void same_file(const char *a, const char *b)
{
    char *x = test_read(a), *y = test_read(b);
    if (!x || !y) fail_msg("missing: %s or %s", a, b);
    if (strcmp(x, y) != 0) fail_msg("%s and %s differ", a, b);
    free(x);
    free(y);
}

/* Two runs on one -o: while the first runs (its staging folder made, its lock held),
** the second fails at once saying so; the first's output is whole. */
static void two_runs_on_one_o(void **state)
{
    (void)state;
    const char *bin = getenv("HUMSEC_BIN");
    if (!bin) skip();
    const char *tmp = test_tmpdir("two-runs");
    char dir[4096], alone[4096], mark[4200];
    snprintf(dir, sizeof dir, "%s/out", tmp);
    snprintf(alone, sizeof alone, "%s/alone", tmp);
    snprintf(mark, sizeof mark, "%s.partial/.humsec-output", dir);
    /* The world's default over 120 days: long enough (a second or more) to be caught. */
    const char *first[] = {bin, "run", "--days", "120", "--seed", "5", "--quiet", "-o", dir, NULL};
    pid_t a = start(first);
    /* Wait until the first run holds the folder (the lock is taken before staging). */
    struct timespec pause = {0, 2000000};
    for (int k = 0; k < 30000 && !test_exists(mark); k++)
        nanosleep(&pause, NULL);
    assert_true(test_exists(mark));
    char args[8192];
    snprintf(args, sizeof args, "run --model flight --days 3 --seed 9 --quiet -o '%s'", dir);
    int rc = humsec_faulted(NULL, args);
    int a_done = waitpid(a, &(int){0}, WNOHANG) == a;
    if (a_done) skip(); /* the first run ended before the second began: nothing to see */
    assert_int_equal(rc, 1);
    assert_non_null(strstr(out, "another humsec run is writing this output folder"));
    assert_int_equal(finish(a), 0);
    /* The first run's output, as the same run alone writes it. */
    const char *again[] = {bin, "run",     "--days", "120", "--seed",
                           "5", "--quiet", "-o",     alone, NULL};
    assert_int_equal(finish(start(again)), 0);
    const char *files[] = {"daily_states.csv", "daily_locations.csv", "parameters.yml"};
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        char x[4300], y[4300];
        snprintf(x, sizeof x, "%s/%s", dir, files[k]);
        snprintf(y, sizeof y, "%s/%s", alone, files[k]);
        same_file(x, y);
    }
    char stray[4300];
    snprintf(stray, sizeof stray, "%s/daily.csv", dir); /* the flight run's table */
    assert_false(test_exists(stray));
}

/* A commit whose rename fails (EXDEV, as across file systems) leaves the earlier
** output in place, with or without the atomic exchange; the next run proceeds. */
static void failed_rename_keeps_the_earlier_output(void **state)
{
    (void)state;
    if (!getenv("HUMSEC_BIN")) skip();
    const char *faults[] = {"renamefail", "noexchange,renamefail"};
    for (size_t k = 0; k < sizeof faults / sizeof *faults; k++) {
        char dir[4096], args[8192], path[4300];
        snprintf(dir, sizeof dir, "%s/out", test_tmpdir("rename-fails"));
        const char *run = "run --model flight --days 3 --quiet --seed %d -o '%s'";
        snprintf(args, sizeof args, run, 1, dir);
        assert_int_equal(humsec_faulted(NULL, args), 0);
        snprintf(path, sizeof path, "%s/summary.json", dir);
        char *before = test_read(path);
        assert_non_null(before);
        snprintf(args, sizeof args, run, 2, dir);
        assert_int_equal(humsec_faulted(faults[k], args), 1);
        assert_non_null(strstr(out, "kept as it was"));
        assert_non_null(strstr(out, "Invalid cross-device link"));
        char *after = test_read(path);
        assert_non_null(after);
        assert_string_equal(after, before); /* the earlier output, whole */
        free(after);
        free(before);
        snprintf(path, sizeof path, "%s.old", dir);
        assert_false(test_exists(path));
        snprintf(args, sizeof args, run, 3, dir);
        assert_int_equal(humsec_faulted(NULL, args), 0);
        snprintf(path, sizeof path, "%s/summary.json", dir);
        char *json = test_read(path);
        assert_non_null(strstr(json, "\"seed\": 3"));
        free(json);
    }
}

/* Run `humsec ARGS...` with standard output on /dev/full; its standard error in
** out. Returns the exit code. */
static int to_full_disk(const char *const *argv)
{
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int full = open("/dev/full", O_WRONLY);
        if (full < 0) _exit(126);
        dup2(full, 1);
        dup2(fd[1], 2);
        close(fd[0]);
        execv(getenv("HUMSEC_BIN"), (char *const *)argv);
        _exit(127);
    }
    close(fd[1]);
    size_t got = 0;
    ssize_t n;
    while ((n = read(fd[0], out + got, sizeof out - 1 - got)) > 0)
        got += (size_t)n;
    out[got] = '\0';
    close(fd[0]);
    return finish(pid);
}

/* A full disk under standard output: exit 1, and the reason. */
static void full_disk_says_so(void **state)
{
    (void)state;
    const char *bin = getenv("HUMSEC_BIN");
    if (!bin) skip();
    if (access("/dev/full", W_OK) != 0) skip();
    const char *dir = test_tmpdir("full-disk");
    char data[4096], o[4096];
    snprintf(data, sizeof data, "%s/hdi.csv", dir);
    test_write(data, "iso3,country,le_2022,eys_2022,mys_2022,gnipc_2022\n"
                     "AAA,Alpha,70,12,8,1000\nBBB,Beta,60,12,8,1000\n");
    const char *assess[] = {bin, "assess", "hdi", data, "-o", "-", NULL};
    assert_int_equal(to_full_disk(assess), 1);
    assert_non_null(strstr(out, "No space left on device"));
    /* A run's summary on standard output: its folder is written, the lost summary said. */
    snprintf(o, sizeof o, "%s/run", dir);
    const char *run[] = {bin, "run", "--model", "flight", "--days", "3", "-o", o, NULL};
    assert_int_equal(to_full_disk(run), 1);
    assert_non_null(strstr(out, "standard output: write error: No space left on device"));
}

/* A byte-order mark before `model:` (an editor's UTF-8 signature) is no reason to
** refuse a scenario. */
static void bom_before_model(void **state)
{
    (void)state;
    if (!getenv("HUMSEC_BIN")) skip();
    char *text = test_read(cv_scenario());
    assert_non_null(text);
    assert_non_null(strstr(text, "model:"));
    const char *dir = test_tmpdir("bom-model");
    char path[4096], args[8192];
    snprintf(path, sizeof path, "%s/bom.yml", dir);
    size_t n = strlen(text) + 4;
    char *bom = malloc(n);
    snprintf(bom, n, "\xEF\xBB\xBF%s", text);
    test_write(path, bom);
    free(bom);
    free(text);
    snprintf(args, sizeof args, "run '%s' --days 3 --quiet -o '%s/out'", path, dir);
    if (humsec_faulted(NULL, args) != 0) fail_msg("%s:\n%s", args, out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(o_is_refused_before_the_work),
        cmocka_unit_test(two_runs_on_one_o),
        cmocka_unit_test(failed_rename_keeps_the_earlier_output),
        cmocka_unit_test(full_disk_says_so),
        cmocka_unit_test(bom_before_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
