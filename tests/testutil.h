/*
** testutil.h - what the tests share: where ../shared is (skip cleanly when it
** is absent, fail when it should be there), a scratch folder, and running the
** humsec command.
**
** ../shared (real Flee cases, UNDP, INFORM and FSI data) is where $HUMSEC_SHARED
** says, else beside the source tree. A test that needs it finds it only through
** test_shared(), test_require_shared() or test_shared_or_skip(); tests/CMakeLists.txt
** labels every test whose source calls one of them "shared". When ../shared is
** absent (a new user's machine) such a test skips and prints why. When it is
** required, a would-be skip is a failure instead: required means
** HUMSEC_REQUIRE_SHARED=1 (`make test` sets it whenever ../shared exists), or,
** with HUMSEC_REQUIRE_SHARED unset, that the shared folder itself exists (then a
** missing file inside it is a broken setup, not a new user's machine).
** HUMSEC_REQUIRE_SHARED=0 allows the skips.
*/
#ifndef HUMSEC_TESTUTIL_H
#define HUMSEC_TESTUTIL_H

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

/* ctest's SKIP_RETURN_CODE for these programs. */
#define TEST_SKIP_CODE 77

/* The shared folder: $HUMSEC_SHARED, else the one beside the source tree. */
const char *test_shared_root(void);

/* Must ../shared be there (a would-be skip is then a failure)? See above. */
int test_shared_required(void);

/* Path to ../shared/<sub> (static buffer). When it is absent: NULL, which the
** caller must treat as a skip - or, when ../shared is required, the test fails
** here, saying what is missing. */
const char *test_shared(const char *sub);

/* Path to ../shared/<sub>; if absent, print why and exit with TEST_SKIP_CODE
** (the whole program skips), or fail when ../shared is required. */
const char *test_require_shared(const char *sub);

/* The same for one cmocka test of a program whose other tests do not need
** ../shared: if absent, print why and skip() this test only. */
const char *test_shared_or_skip(const char *sub);

/* A fresh scratch folder for this test program (static buffer). */
const char *test_tmpdir(const char *name);

/* Run the humsec command with a shell argument string; capture stderr+stdout
** into out (size n). Returns the exit code. */
int test_humsec(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Does a file exist? */
int test_exists(const char *path);

/* Write text to a file (creating parent folders); fails the test on error. */
void test_write(const char *path, const char *text);

/* Read a whole file into a malloc'd string (NULL if missing). */
char *test_read(const char *path);

#endif
