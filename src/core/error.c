/*
** error.c - the library's one error type: a status code plus a message that
** names where the fault is.
*/
#include <humsec/error.h>

#include <gsl/gsl_errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *hs_status_str(hs_status status)
{
    switch (status) {
    case HS_OK:
        return "ok";
    case HS_ERR_NOMEM:
        return "out of memory";
    case HS_ERR_IO:
        return "input/output error";
    case HS_ERR_PARSE:
        return "malformed input";
    case HS_ERR_INVALID:
        return "invalid input";
    case HS_ERR_USAGE:
        return "bad usage";
    case HS_ERR_INTERNAL:
        return "internal error";
    }
    return "unknown error";
}

void hs_error_clear(hs_error *err)
{
    if (err) memset(err, 0, sizeof *err);
}

hs_status hs_error_set(hs_error *err, hs_status status, const char *file, long line,
                       const char *field, const char *fmt, ...)
{
    if (!err) return status;
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

void hs_error_format(const hs_error *err, char *buf, size_t size)
{
    if (size == 0) return;
    buf[0] = '\0';
    if (!err) return;
    size_t n = 0;
#define APPEND(...)                                                                                \
    do {                                                                                           \
        if (n < size) {                                                                            \
            int w_ = snprintf(buf + n, size - n, __VA_ARGS__);                                     \
            if (w_ > 0) n += (size_t)w_;                                                           \
        }                                                                                          \
    } while (0)
    if (err->file[0]) {
        APPEND("%s", err->file);
        if (err->line > 0) APPEND(":%ld", err->line);
        APPEND(": ");
    }
    if (err->field[0]) APPEND("field '%s': ", err->field);
    APPEND("%s", err->message[0] ? err->message : hs_status_str(err->status));
#undef APPEND
}

/* GSL's error handler is process-wide: it is set once, by whichever thread
** first reaches GSL through the library. */
static void init_once(void)
{
    gsl_set_error_handler_off();
}

void hs_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_once);
}
