/*
** table.c - CSV files read whole into rows that remember their line numbers.
**
** libcsv does the parsing; it is fed one physical line at a time so that the
** first field of each row can be stamped with the line it starts on (a quoted
** field may span lines; the row keeps its first line).
*/
#include <humsec/table.h>

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    hs_table *t;
    size_t cap_rows;
    hs_row cur; /* row being assembled */
    int cap_fields;
    long line; /* physical line being fed */
    unsigned flags;
    int nomem;
} reader;

static char *dup_field(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void on_field(void *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->nomem) return;
    if (r->cur.nfields == 0) r->cur.line = r->line;
    if (r->cur.nfields == r->cap_fields) {
        int cap = r->cap_fields ? 2 * r->cap_fields : 16;
        char **f = realloc(r->cur.fields, (size_t)cap * sizeof *f);
        if (!f) {
            r->nomem = 1;
            return;
        }
        r->cur.fields = f;
        r->cap_fields = cap;
    }
    char *s = dup_field(data ? data : "", data ? len : 0);
    if (!s) {
        r->nomem = 1;
        return;
    }
    r->cur.fields[r->cur.nfields++] = s;
}

static int row_is_blank(const hs_row *row)
{
    for (int i = 0; i < row->nfields; i++)
        if (row->fields[i][0]) return 0;
    return 1;
}

static void free_row(hs_row *row)
{
    for (int i = 0; i < row->nfields; i++)
        free(row->fields[i]);
    free(row->fields);
    row->fields = NULL;
    row->nfields = 0;
}

static void on_row(int term, void *ctx)
{
    reader *r = ctx;
    (void)term;
    if (r->nomem) return;
    if (r->cur.nfields == 0) r->cur.line = r->line;
    if (!(r->flags & HS_TABLE_KEEP_BLANK) && row_is_blank(&r->cur)) {
        free_row(&r->cur);
        r->cap_fields = 0;
        return;
    }
    if (r->t->nrows == r->cap_rows) {
        size_t cap = r->cap_rows ? 2 * r->cap_rows : 64;
        hs_row *rows = realloc(r->t->rows, cap * sizeof *rows);
        if (!rows) {
            r->nomem = 1;
            return;
        }
        r->t->rows = rows;
        r->cap_rows = cap;
    }
    hs_row row = r->cur;
    r->t->rows[r->t->nrows++] = row;
    r->cur.fields = NULL;
    r->cur.nfields = 0;
    r->cap_fields = 0;
}

/* Latin-1 to UTF-8: each byte >= 0x80 becomes two bytes. */
static char *latin1_to_utf8(const char *s, size_t n, size_t *outn)
{
    char *o = malloc(2 * n + 1), *p = o;
    if (!o) return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            *p++ = (char)c;
        } else {
            *p++ = (char)(0xC0 | (c >> 6));
            *p++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *p = '\0';
    *outn = (size_t)(p - o);
    return o;
}

static hs_status parse_buffer(hs_table *out, const char *name, const char *text, size_t n,
                              unsigned flags, hs_error *err)
{
    memset(out, 0, sizeof *out);
    out->path = dup_field(name, strlen(name));
    if (!out->path) return hs_error_set(err, HS_ERR_NOMEM, name, 0, NULL, "out of memory");

    char *converted = NULL;
    if (flags & HS_TABLE_LATIN1) {
        converted = latin1_to_utf8(text, n, &n);
        if (!converted) {
            hs_table_free(out);
            return hs_error_set(err, HS_ERR_NOMEM, name, 0, NULL, "out of memory");
        }
        text = converted;
    }
    if (n >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF) {
        text += 3;
        n -= 3;
    }

    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        free(converted);
        hs_table_free(out);
        return hs_error_set(err, HS_ERR_NOMEM, name, 0, NULL, "out of memory");
    }
    reader r = {.t = out, .flags = flags, .line = 1};
    hs_status st = HS_OK;
    size_t pos = 0;
    while (pos < n && st == HS_OK) {
        const char *nl = memchr(text + pos, '\n', n - pos);
        size_t len = nl ? (size_t)(nl - (text + pos)) + 1 : n - pos;
        if (csv_parse(&p, text + pos, len, on_field, on_row, &r) != len)
            st = hs_error_set(err, HS_ERR_PARSE, name, r.line, NULL, "CSV error: %s",
                              csv_strerror(csv_error(&p)));
        if (r.nomem) st = hs_error_set(err, HS_ERR_NOMEM, name, r.line, NULL, "out of memory");
        pos += len;
        r.line++;
    }
    if (st == HS_OK) {
        r.line--;
        csv_fini(&p, on_field, on_row, &r);
        if (r.nomem) st = hs_error_set(err, HS_ERR_NOMEM, name, r.line, NULL, "out of memory");
    }
    csv_free(&p);
    free_row(&r.cur);
    free(converted);
    if (st == HS_OK && out->nrows == 0)
        st = hs_error_set(err, HS_ERR_PARSE, name, 0, NULL, "the file is empty");
    if (st != HS_OK) hs_table_free(out);
    return st;
}

hs_status hs_table_read_text(hs_table *out, const char *name, const char *text, unsigned flags,
                             hs_error *err)
{
    return parse_buffer(out, name, text, strlen(text), flags, err);
}

hs_status hs_table_read(hs_table *out, const char *path, unsigned flags, hs_error *err)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? 2 * cap : 65536;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return hs_error_set(err, HS_ERR_NOMEM, path, 0, NULL, "out of memory");
            }
            buf = b;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "read error");
    }
    hs_status st = parse_buffer(out, path, buf, n, flags, err);
    free(buf);
    return st;
}

void hs_table_free(hs_table *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->nrows; i++)
        free_row(&t->rows[i]);
    free(t->rows);
    free(t->path);
    memset(t, 0, sizeof *t);
}

const char *hs_table_get(const hs_table *t, size_t row, int col)
{
    if (row >= t->nrows || col < 0 || col >= t->rows[row].nfields) return "";
    return t->rows[row].fields[col];
}

/* Is s valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF)? */
static int utf8_valid(const unsigned char *s)
{
    while (*s) {
        unsigned c = *s;
        if (c < 0x80) {
            s++;
            continue;
        }
        int len = c >= 0xC2 && c <= 0xDF   ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
        if (len == 0) return 0;
        for (int k = 1; k < len; k++)
            if ((s[k] & 0xC0) != 0x80) return 0; /* a NUL ends the string here too */
        unsigned c1 = s[1];
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
            (c == 0xF4 && c1 > 0x8F))
            return 0;
        s += len;
    }
    return 1;
}

int hs_table_is_utf8(const hs_table *t, size_t *row, int *col)
{
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->rows[r].nfields; c++)
            if (!utf8_valid((const unsigned char *)t->rows[r].fields[c])) {
                if (row) *row = r;
                if (col) *col = c;
                return 0;
            }
    return 1;
}

/* A header name as hs_table_column compares it. */
static const char *header_name(const hs_table *t, int i)
{
    const char *f = t->rows[0].fields[i];
    if (i == 0 && f[0] == '#') f++;
    while (*f == ' ')
        f++;
    return f;
}

int hs_table_column(const hs_table *t, const char *name)
{
    if (t->nrows == 0) return -1;
    for (int i = 0; i < t->rows[0].nfields; i++)
        if (strcmp(header_name(t, i), name) == 0) return i;
    return -1;
}

int hs_table_repeated_column(const hs_table *t, int from, int *earlier)
{
    if (t->nrows == 0) return -1;
    const hs_row *h = &t->rows[0];
    for (int i = from > 1 ? from : 1; i < h->nfields; i++) {
        const char *name = header_name(t, i);
        if (!*name) continue;
        for (int k = 0; k < i; k++)
            if (strcmp(header_name(t, k), name) == 0) {
                if (earlier) *earlier = k;
                return i;
            }
    }
    return -1;
}

void hs_csv_put_text(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

const char *hs_format_double(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v) snprintf(buf, size, "%.17g", v);
    return buf;
}

int hs_parse_double(const char *s, double *out)
{
    if (!s || !*s) return -1;
    /* Decimal only: strtod would also take C's hexadecimal floats ("0x1p3"), which no
    ** published table writes and which would turn a typo into a number. */
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '+' || *p == '-') p++;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ' || *end == '\t' || *end == '\r')
        end++;
    if (end == s || *end || errno == ERANGE || !isfinite(v)) return -1;
    *out = v == 0 ? 0.0 : v; /* "-0" is 0: written back as 0, never as "-0" */
    return 0;
}

int hs_parse_long(const char *s, long *out)
{
    if (!s || !*s) return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    while (*end == ' ' || *end == '\t' || *end == '\r')
        end++;
    if (end == s || *end || errno == ERANGE) return -1;
    *out = v;
    return 0;
}

static long row_line(const hs_table *t, size_t row)
{
    return row < t->nrows ? t->rows[row].line : 0;
}

hs_status hs_table_double(const hs_table *t, size_t row, int col, const char *field_name,
                          double *out, hs_error *err)
{
    const char *s = hs_table_get(t, row, col);
    if (!*s)
        return hs_error_set(err, HS_ERR_PARSE, t->path, row_line(t, row), field_name,
                            "missing value");
    if (hs_parse_double(s, out) != 0)
        return hs_error_set(err, HS_ERR_PARSE, t->path, row_line(t, row), field_name,
                            "not a number: '%s'", s);
    return HS_OK;
}

hs_status hs_table_long(const hs_table *t, size_t row, int col, const char *field_name, long *out,
                        hs_error *err)
{
    const char *s = hs_table_get(t, row, col);
    if (!*s)
        return hs_error_set(err, HS_ERR_PARSE, t->path, row_line(t, row), field_name,
                            "missing value");
    if (hs_parse_long(s, out) != 0)
        return hs_error_set(err, HS_ERR_PARSE, t->path, row_line(t, row), field_name,
                            "not an integer: '%s'", s);
    return HS_OK;
}
