/*
** test_kill_commit.c - a run killed at any step of writing and committing its
** output folder leaves the earlier output or the new one in place, never
** neither, and the next run succeeds (issue 15). The kills come from the
** library's fault points (HUMSEC_FAULT, src/core/outdir.c): SIGKILL at the
** named step, as `strace -e inject=...:signal=KILL` would, without ptrace.
**   writing     a file of the new output half done (staging incomplete)
**   staged      the new output complete, not yet in place
**   exchanged   the new output in place, the earlier in staging
**   removing    the earlier output half removed from staging
**   aside       (file systems without an atomic exchange) the earlier output
**               renamed aside, the new one not yet in: the next run restores it
*/
#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run `humsec run --model flight --days 5 --seed SEED -o DIR --quiet` with
** HUMSEC_FAULT=fault (or none); returns the wait status. */
static int run(const char *dir, int seed, const char *fault)
{
    const char *bin = getenv("HUMSEC_BIN");
    char s[16];
    snprintf(s, sizeof s, "%d", seed);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (fault)
            setenv("HUMSEC_FAULT", fault, 1);
        else
            unsetenv("HUMSEC_FAULT");
        if (!freopen("/dev/null", "w", stderr)) _exit(126);
        execl(bin, bin, "run", "--model", "flight", "--days", "5", "--seed", s, "-o", dir,
              "--quiet", (char *)NULL);
        _exit(127);
    }
    int status = 0;
    assert_true(waitpid(pid, &status, 0) == pid);
    return status;
}

/* The seed in dir/summary.json, or -1 when the folder holds no complete output. */
static int seed_in(const char *dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/summary.json", dir);
    char *json = test_read(path);
    if (!json) return -1;
    const char *k = strstr(json, "\"seed\"");
    int seed = -1;
    if (k) sscanf(strchr(k, ':') + 1, "%d", &seed);
    free(json);
    snprintf(path, sizeof path, "%s/daily.csv", dir);
    char *csv = test_read(path);
    if (!csv) return -1; /* summary without its table: not a whole output */
    free(csv);
    return seed;
}

static void a_kill_at_any_step_keeps_an_output(void **state)
{
    (void)state;
    if (!getenv("HUMSEC_BIN")) skip();
    static const struct {
        const char *fault;
        int is_new; /* which output the folder holds after the kill: 0 earlier, 1 new */
    } steps[] = {
        {"writing", 0},  {"staged", 0},           {"exchanged", 1},
        {"removing", 1}, {"noexchange,aside", 0}, /* restored by the next run's open */
    };
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/out", test_tmpdir("kill-commit"));
        int st = run(dir, 1, NULL);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
        assert_int_equal(seed_in(dir), 1);
        st = run(dir, 2, steps[k].fault);
        if (!(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL))
            fail_msg("%s: the run was not killed (status %d)", steps[k].fault, st);
        int seed = seed_in(dir);
        if (strstr(steps[k].fault, "aside")) {
            /* The one moment <dir> is missing: the earlier output is aside ... */
            assert_int_equal(seed, -1);
            char old[4300];
            snprintf(old, sizeof old, "%s.old", dir);
            assert_int_equal(seed_in(old), 1);
            /* ... and the next run puts it back before anything else (a failed run
            ** here: -o is refused at once, and the earlier output is in place). */
            st = run(dir, 3, "writing");
            assert_true(WIFSIGNALED(st));
            seed = seed_in(dir);
        }
        print_message("killed at '%s': the folder holds the %s output (seed %d)\n", steps[k].fault,
                      seed == 1 ? "earlier" : "new", seed);
        assert_int_equal(seed, steps[k].is_new ? 2 : 1);
        /* The next run is not blocked by the killed one's lock or leftovers. */
        st = run(dir, 4, NULL);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
        assert_int_equal(seed_in(dir), 4);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_kill_at_any_step_keeps_an_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
