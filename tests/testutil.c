/*
** testutil.c - shared test helpers.
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The folder beside the source tree, set by tests/CMakeLists.txt. */
#ifndef HUMSEC_SHARED_DEFAULT
#define HUMSEC_SHARED_DEFAULT "../shared"
#endif

const char *test_shared_root(void)
{
    const char *root = getenv("HUMSEC_SHARED");
    return root && *root ? root : HUMSEC_SHARED_DEFAULT;
}

int test_shared_required(void)
{
    const char *v = getenv("HUMSEC_REQUIRE_SHARED");
    if (v && *v) return strcmp(v, "0") != 0;
    struct stat st;
    return stat(test_shared_root(), &st) == 0;
}

/* Where ../shared/<sub> is; NULL after printing why, when it is absent and may be. */
static const char *find_shared(const char *sub, const char *verb)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", test_shared_root(), sub ? sub : "");
    struct stat st;
    if (stat(buf, &st) == 0) return buf;
    const char *req = getenv("HUMSEC_REQUIRE_SHARED");
    if (test_shared_required())
        fail_msg("%s is not present, and ../shared is required here (%s): a test that needs "
                 "it may not skip. Fix the path, or set HUMSEC_REQUIRE_SHARED=0 to allow the skip",
                 buf, req && *req ? "HUMSEC_REQUIRE_SHARED is set" : "the shared folder exists");
    printf("SKIP: %s is not present (a new user's machine has no ../shared); %s\n", buf, verb);
    fflush(stdout);
    return NULL;
}

const char *test_shared(const char *sub)
{
    return find_shared(sub, "the test skips what needs it");
}

const char *test_require_shared(const char *sub)
{
    const char *p = find_shared(sub, "this test needs it and skips");
    if (!p) exit(TEST_SKIP_CODE);
    return p;
}

const char *test_shared_or_skip(const char *sub)
{
    const char *p = find_shared(sub, "this test needs it and skips");
    if (!p) skip();
    return p;
}

const char *test_tmpdir(const char *name)
{
    static char buf[4096];
    const char *root = getenv("HUMSEC_TMP");
    if (!root) root = "/tmp/humsec-test";
    snprintf(buf, sizeof buf, "%s/%s", root, name);
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", buf, buf);
    if (system(cmd) != 0) fail_msg("cannot make %s", buf);
    return buf;
}

int test_humsec(char *out, size_t n, const char *fmt, ...)
{
    const char *bin = getenv("HUMSEC_BIN");
    if (!bin) bin = "humsec";
    char args[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "'%s' %s 2>&1 </dev/null", bin, args);
    FILE *p = popen(cmd, "r");
    if (!p) fail_msg("cannot run %s", cmd);
    size_t got = out ? fread(out, 1, n ? n - 1 : 0, p) : 0;
    if (out && n) out[got] = '\0';
    char sink[4096];
    while (fread(sink, 1, sizeof sink, p) > 0) {
    }
    int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int test_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

void test_write(const char *path, const char *text)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        char cmd[8400];
        snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
        if (system(cmd) != 0) fail_msg("cannot make %s", dir);
    }
    FILE *f = fopen(path, "w");
    if (!f) fail_msg("cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

char *test_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s) s[n] = '\0';
    fclose(f);
    return s;
}
