/*
** error.h - the one error type of libhumsec.
**
** Every fallible function returns an hs_status and, when given a non-NULL
** hs_error, fills it with a message that names the file, line and field at
** fault. The library never exits and never prints: the caller decides.
** Status codes are append-only so that they stay stable across versions.
*/
#ifndef HUMSEC_ERROR_H
#define HUMSEC_ERROR_H

#include <stddef.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

typedef enum hs_status {
    HS_OK = 0,
    HS_ERR_NOMEM = 1,    /* allocation failed */
    HS_ERR_IO = 2,       /* a file could not be opened, read or written */
    HS_ERR_PARSE = 3,    /* input is malformed (not a number, bad date, bad CSV/YAML) */
    HS_ERR_INVALID = 4,  /* input is well formed but wrong (unknown name, out of range) */
    HS_ERR_USAGE = 5,    /* an API or command was called with bad arguments */
    HS_ERR_INTERNAL = 6, /* a bug: an invariant of the library did not hold */
} hs_status;

#define HS_ERROR_FILE_MAX 512
#define HS_ERROR_FIELD_MAX 128
#define HS_ERROR_MSG_MAX 1024

typedef struct hs_error {
    hs_status status;
    char file[HS_ERROR_FILE_MAX];   /* input file at fault, or "" */
    long line;                      /* 1-based line in that file, or 0 if unknown */
    char field[HS_ERROR_FIELD_MAX]; /* column, key or argument at fault, or "" */
    char message[HS_ERROR_MSG_MAX]; /* what is wrong, in words */
} hs_error;

/* Name of a status code ("ok", "out of memory", ...). Never NULL. */
const char *hs_status_str(hs_status status);

/* Clear an error to HS_OK. err may be NULL. */
void hs_error_clear(hs_error *err);

/*
** Record an error and return its status, so a caller can write
**     return hs_error_set(err, HS_ERR_PARSE, path, line, "distance", "not a number: '%s'", s);
** err may be NULL (the status is still returned); file and field may be NULL.
*/
hs_status hs_error_set(hs_error *err, hs_status status, const char *file, long line,
                       const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Prepare the library for this process: turn GSL's default error handler
** (which aborts the process) off, so that GSL's failures come back to the
** library as return codes and to the caller as an hs_status. Every function
** of the library that reaches GSL calls it first, so no caller needs to; it
** runs once, however often and from however many threads it is called. */
void hs_init(void);

/* Write "file:line: field 'f': message" (parts left out when unknown) into buf. */
void hs_error_format(const hs_error *err, char *buf, size_t size);

#pragma GCC visibility pop

#endif
