/*
** table.h - a CSV file read whole into rows of text fields, each row keeping
** the line it started on, so that any later complaint can name file, line and
** field. Parsing is libcsv's; this module adds line numbers, a UTF-8 byte
** order mark and Latin-1 handling, and typed field access with messages.
*/
#ifndef HUMSEC_TABLE_H
#define HUMSEC_TABLE_H

#include <stddef.h>
#include <stdio.h>
#include <humsec/error.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

typedef struct hs_row {
    long line;     /* 1-based line of the file on which the row starts */
    int nfields;   /* number of fields */
    char **fields; /* NUL-terminated, surrounding spaces trimmed */
} hs_row;

typedef struct hs_table {
    char *path;   /* as given to hs_table_read (owned) */
    hs_row *rows; /* every non-blank row, header included (owned) */
    size_t nrows;
} hs_table;

enum hs_table_flags {
    HS_TABLE_LATIN1 = 1,    /* input is Latin-1: convert to UTF-8 */
    HS_TABLE_KEEP_BLANK = 2 /* keep rows whose fields are all empty */
};

/* Read a CSV file. On success *out owns everything; free with hs_table_free.
** An empty file (no rows) is an error naming the file. */
hs_status hs_table_read(hs_table *out, const char *path, unsigned flags, hs_error *err);

/* Parse CSV text held in memory (used for embedded data); name stands for the path. */
hs_status hs_table_read_text(hs_table *out, const char *name, const char *text, unsigned flags,
                             hs_error *err);

void hs_table_free(hs_table *t);

/* Field text, or "" when the row is shorter. */
const char *hs_table_get(const hs_table *t, size_t row, int col);

/* Column index of a header name in row 0 (case-sensitive, a leading '#' on the
** first header field ignored), or -1. */
int hs_table_column(const hs_table *t, const char *name);

/* The first header column at or after from whose name (read as hs_table_column
** reads it) an earlier column has too, with that earlier column in *earlier;
** -1 when there is none. Columns with no name are not compared. */
int hs_table_repeated_column(const hs_table *t, int from, int *earlier);

/* Is every field valid UTF-8? If not, *row and *col (either may be NULL) say
** where the first byte that is not is: the file was written in another
** encoding (Latin-1, Windows-1252). */
int hs_table_is_utf8(const hs_table *t, size_t *row, int *col);

/* Typed access: on failure the error names file, line and field_name. */
hs_status hs_table_double(const hs_table *t, size_t row, int col, const char *field_name,
                          double *out, hs_error *err);
hs_status hs_table_long(const hs_table *t, size_t row, int col, const char *field_name, long *out,
                        hs_error *err);

/* Write one CSV field, quoted only when it holds a comma, quote or line break. */
void hs_csv_put_text(FILE *out, const char *s);

/* Parse a whole string as a finite double / a long; 0 on success, -1 otherwise.
** Numbers are decimal (no hexadecimal floats); a negative zero reads as 0. */
int hs_parse_double(const char *s, double *out);
int hs_parse_long(const char *s, long *out);

/* The shortest of 15 or 17 significant digits that reads back as v, into buf
** (32 bytes are enough): numbers a person reads in a parameter file. */
const char *hs_format_double(char *buf, size_t size, double v);

#pragma GCC visibility pop

#endif
