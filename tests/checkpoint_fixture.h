/*
** checkpoint_fixture.h - what the checkpoint tests of every model share: the
** command run with a fault point, output files compared without the lines that
** say how the process ran (its wall-clock time, its speed, its threads), and
** the command killed after its first and after its second checkpoint, then
** resumed on the other number of threads, to the same output as a run never
** stopped.
*/
#ifndef HUMSEC_TEST_CHECKPOINT_FIXTURE_H
#define HUMSEC_TEST_CHECKPOINT_FIXTURE_H

#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* humsec ARGS... (args[0] the binary) with HUMSEC_FAULT=fault (NULL: none), its
** standard output to /dev/null; returns the wait status. */
static inline int ckpt_run_cmd(const char *fault, const char *const *args)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (fault) setenv("HUMSEC_FAULT", fault, 1);
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) dup2(null, 1);
        execv(args[0], (char *const *)args);
        _exit(127);
    }
    int status;
    assert_true(waitpid(pid, &status, 0) == pid);
    return status;
}

/* A file's text without the summary lines that say how the process ran. */
static inline char *ckpt_result_text(const char *path)
{
    static const char *const how[] = {
        "  \"wall_seconds\":", "  \"agent_days_per_second\":", "  \"threads\":"};
    char *t = test_read(path);
    if (!t) fail_msg("%s is missing", path);
    char *w = t;
    for (char *line = t; *line;) {
        char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line + 1) : strlen(line);
        int keep = 1;
        for (size_t k = 0; k < sizeof how / sizeof *how; k++)
            if (strncmp(line, how[k], strlen(how[k])) == 0) keep = 0;
        if (keep) {
            memmove(w, line, len);
            w += len;
        }
        line += len;
    }
    *w = '\0';
    return t;
}

/* The files named in outputs (NULL-terminated) hold the same results in a and b. */
static inline void ckpt_same_outputs(const char *a, const char *b, const char *const *outputs)
{
    for (const char *const *o = outputs; *o; o++) {
        char pa[4400], pb[4400];
        snprintf(pa, sizeof pa, "%s/%s", a, *o);
        snprintf(pb, sizeof pb, "%s/%s", b, *o);
        char *ta = ckpt_result_text(pa), *tb = ckpt_result_text(pb);
        if (strcmp(ta, tb) != 0) fail_msg("%s differs between %s and %s", *o, a, b);
        free(ta);
        free(tb);
    }
}

/* `humsec run SCENARIO OPTS...` into root/whole; then twice, with checkpoints
** every `every` steps on 1 and then 2 threads, killed at kills[k] (a step after
** the first, then the second checkpoint), leaving no output but the checkpoint,
** and resumed on 2 and then 1 threads: the same outputs as the whole run, and
** the checkpoint gone with the commit. opts: up to 4 more arguments, NULL-ended. */
static inline void ckpt_killed_and_resumed(const char *bin, const char *scenario, const char *root,
                                           const char *const *opts, const char *every,
                                           const char *const kills[2], const char *const *outputs)
{
    char whole[4300];
    snprintf(whole, sizeof whole, "%s/whole", root);
    int nopt = 0;
    while (opts[nopt])
        nopt++;
    assert_true(nopt <= 4);
    const char *args[20];
    int n = 0;
    args[n++] = bin, args[n++] = "run", args[n++] = scenario, args[n++] = "-o", args[n++] = whole,
    args[n++] = "--quiet";
    for (int k = 0; k < nopt; k++)
        args[n++] = opts[k];
    args[n] = NULL;
    int st = ckpt_run_cmd(NULL, args);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    for (int k = 0; k < 2; k++) {
        char dir[4300], ck[4400];
        snprintf(dir, sizeof dir, "%s/killed%d", root, k);
        snprintf(ck, sizeof ck, "%s.checkpoint", dir);
        args[4] = dir;
        args[n] = "--checkpoint-every", args[n + 1] = every, args[n + 2] = "--threads",
        args[n + 3] = k ? "2" : "1", args[n + 4] = NULL;
        st = ckpt_run_cmd(kills[k], args);
        assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
        assert_false(test_exists(dir));
        assert_true(test_exists(ck));
        args[3] = "--resume";
        args[n] = "--threads", args[n + 1] = k ? "1" : "2", args[n + 2] = NULL;
        st = ckpt_run_cmd(NULL, args);
        args[3] = "-o";
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
        ckpt_same_outputs(whole, dir, outputs);
        assert_false(test_exists(ck)); /* gone with the commit */
    }
}

#endif
