/*
** testutil.h - what the tests share: where ../shared is (skip cleanly when it
** is absent), a scratch folder, and running the humsec command.
*/
#ifndef HUMSEC_TESTUTIL_H
#define HUMSEC_TESTUTIL_H

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

/* ctest's SKIP_RETURN_CODE for these programs. */
#define TEST_SKIP_CODE 77

/* Path to ../shared/<sub>, or NULL when ../shared (or sub) is absent. Static buffer. */
const char *test_shared(const char *sub);

/* Exit with TEST_SKIP_CODE and a message if ../shared/<sub> is absent. */
const char *test_require_shared(const char *sub);

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
