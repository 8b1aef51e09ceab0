/*
** report_data.c - the data sets of a page: a CSV of the output streamed into
** the page as JSON, a row at a time (libcsv), narrowed to the columns and rows
** its charts draw. A world run of ten years has some hundred thousand rows of
** sixty columns per location; reading it whole into memory to keep a tenth of
** it would cost far more than the page.
*/
#include "report/report_internal.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/table.h>

void report_dataset_free(report_dataset *d)
{
    free(d->name);
    free(d->path);
    free(d->cols);
    free(d->filter);
    free(d->text);
    free(d->thin);
    free(d->cumsum);
    free(d->group);
    memset(d, 0, sizeof *d);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

report_dataset *report_data(report_ctx *r, const char *name, const char *file, const char *cols,
                            const char *filter, hs_error *err)
{
    if (r->ndata == r->capdata) {
        int cap = r->capdata ? 2 * r->capdata : 8;
        report_dataset *p = realloc(r->data, (size_t)cap * sizeof *p);
        if (!p) goto nomem;
        r->data = p;
        r->capdata = cap;
    }
    report_dataset *d = &r->data[r->ndata];
    memset(d, 0, sizeof *d);
    d->name = strdup(name);
    d->path = report_file(r, file, err);
    d->cols = dup_or_null(cols);
    d->filter = dup_or_null(filter);
    if (!d->name || !d->path || (cols && !d->cols) || (filter && !d->filter)) {
        report_dataset_free(d);
        goto nomem;
    }
    r->ndata++;
    return d;
nomem:
    hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    return NULL;
}

hs_status report_data_thin(report_dataset *d, const char *col, long last, long max_points,
                           hs_error *err)
{
    long stride = max_points > 0 && last + 1 > max_points ? (last + max_points) / max_points : 1;
    if (stride <= 1) return HS_OK;
    free(d->thin);
    if (!(d->thin = strdup(col)))
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    d->stride = stride;
    d->last = last;
    return HS_OK;
}

hs_status report_data_cumsum(report_dataset *d, const char *cols, const char *group, hs_error *err)
{
    free(d->cumsum);
    free(d->group);
    d->cumsum = strdup(cols);
    d->group = group ? strdup(group) : NULL;
    if (!d->cumsum || (group && !d->group))
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    return HS_OK;
}

void report_strv_free(char **v, int n)
{
    if (!v) return;
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* --- a CSV read a row at a time --- */

typedef struct csv_reader {
    char **field; /* the current row's fields (owned) */
    int n, cap;
    int nomem;
    long line; /* rows completed */
    void (*on_row)(struct csv_reader *, void *);
    void *ctx;
    int stop; /* on_row asks to stop */
} csv_reader;

static void reader_field(void *s, size_t len, void *data)
{
    csv_reader *rd = data;
    if (rd->nomem || rd->stop) return;
    if (rd->n == rd->cap) {
        int cap = rd->cap ? 2 * rd->cap : 64;
        char **p = realloc(rd->field, (size_t)cap * sizeof *p);
        if (!p) {
            rd->nomem = 1;
            return;
        }
        rd->field = p;
        rd->cap = cap;
    }
    char *f = malloc(len + 1);
    if (!f) {
        rd->nomem = 1;
        return;
    }
    memcpy(f, s ? s : "", len);
    f[len] = '\0';
    rd->field[rd->n++] = f;
}

static void reader_row(int c, void *data)
{
    (void)c;
    csv_reader *rd = data;
    if (!rd->nomem && !rd->stop && rd->n > 0) {
        rd->on_row(rd, rd->ctx);
        rd->line++;
    }
    for (int i = 0; i < rd->n; i++)
        free(rd->field[i]);
    rd->n = 0;
}

/* Read path row by row, calling on_row; stops early when it sets stop. */
static hs_status csv_stream(const char *path, void (*on_row)(csv_reader *, void *), void *ctx,
                            hs_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "cannot open: %s", strerror(errno));
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        fclose(f);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    csv_reader rd = {.on_row = on_row, .ctx = ctx};
    char buf[65536];
    size_t n;
    hs_status st = HS_OK;
    while (!rd.stop && !rd.nomem && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (csv_parse(&p, buf, n, reader_field, reader_row, &rd) != n) {
            st = hs_error_set(err, HS_ERR_PARSE, path, rd.line + 1, NULL, "bad CSV: %s",
                              csv_strerror(csv_error(&p)));
            break;
        }
    }
    if (st == HS_OK && !rd.stop) csv_fini(&p, reader_field, reader_row, &rd);
    if (st == HS_OK && ferror(f))
        st = hs_error_set(err, HS_ERR_IO, path, 0, NULL, "read error: %s", strerror(errno));
    if (st == HS_OK && rd.nomem)
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (int i = 0; i < rd.n; i++)
        free(rd.field[i]);
    free(rd.field);
    csv_free(&p);
    fclose(f);
    return st;
}

typedef struct header_ctx {
    char **v;
    int n;
} header_ctx;

static void take_header(csv_reader *rd, void *ctx)
{
    header_ctx *h = ctx;
    h->v = rd->field; /* take the fields over */
    h->n = rd->n;
    rd->field = NULL;
    rd->n = rd->cap = 0;
    rd->stop = 1;
}

char **report_csv_header(const char *path, int *n, hs_error *err)
{
    header_ctx h = {0};
    *n = 0;
    if (csv_stream(path, take_header, &h, err) != HS_OK) {
        report_strv_free(h.v, h.n);
        return NULL;
    }
    if (!h.v) hs_error_set(err, HS_ERR_PARSE, path, 1, NULL, "empty file: no header");
    /* A '#' before the first name (Flee's convention) is not part of it. */
    if (h.v && h.n > 0 && h.v[0][0] == '#') memmove(h.v[0], h.v[0] + 1, strlen(h.v[0]));
    *n = h.n;
    return h.v;
}

/* Index of a name in a comma-separated list, or -1. */
static int list_index(const char *list, const char *name)
{
    if (!list) return -1;
    size_t len = strlen(name);
    int k = 0;
    for (const char *p = list; *p; k++) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (n == len && strncmp(p, name, n) == 0) return k;
        p += n;
        if (*p == ',') p++;
    }
    return -1;
}

/* --- distinct values --- */

#define DISTINCT_COLS 4

#define DISTINCT_CONDS 4

typedef struct distinct_ctx {
    char cols[256], fbuf[256];
    const char *col[DISTINCT_COLS];
    int ncol, ci[DISTINCT_COLS];
    /* The filter's conditions: column fcol[k] equal to fval[k] (fneg[k]: not equal). */
    const char *fcol[DISTINCT_CONDS], *fval[DISTINCT_CONDS];
    int nf, fneg[DISTINCT_CONDS], fi[DISTINCT_CONDS];
    int max, header_done;
    json_t *out;
} distinct_ctx;

static void distinct_row(csv_reader *rd, void *ctx)
{
    distinct_ctx *d = ctx;
    if (!d->header_done) {
        d->header_done = 1;
        for (int k = 0; k < d->ncol; k++)
            d->ci[k] = -1;
        for (int k = 0; k < d->nf; k++)
            d->fi[k] = -1;
        for (int i = 0; i < rd->n; i++) {
            const char *h = rd->field[i] + (i == 0 && rd->field[i][0] == '#');
            for (int k = 0; k < d->ncol; k++)
                if (strcmp(h, d->col[k]) == 0) d->ci[k] = i;
            for (int k = 0; k < d->nf; k++)
                if (strcmp(h, d->fcol[k]) == 0) d->fi[k] = i;
        }
        for (int k = 0; k < d->ncol; k++)
            if (d->ci[k] < 0) rd->stop = 1;
        for (int k = 0; k < d->nf; k++)
            if (d->fi[k] < 0) rd->stop = 1;
        return;
    }
    for (int k = 0; k < d->nf; k++)
        if (d->fi[k] >= rd->n || (strcmp(rd->field[d->fi[k]], d->fval[k]) != 0) != d->fneg[k])
            return;
    char v[1024] = "";
    size_t len = 0;
    for (int k = 0; k < d->ncol; k++) {
        if (d->ci[k] >= rd->n) return;
        len += (size_t)snprintf(v + len, len < sizeof v ? sizeof v - len : 0, "%s%s", k ? "|" : "",
                                rd->field[d->ci[k]]);
    }
    size_t i;
    json_t *x;
    json_array_foreach(d->out, i, x) if (strcmp(json_string_value(x), v) == 0) return;
    json_array_append_new(d->out, json_string(v));
    if ((int)json_array_size(d->out) >= d->max) rd->stop = 1;
}

json_t *report_csv_distinct(const char *path, const char *col, const char *filter, int max,
                            hs_error *err)
{
    distinct_ctx d = {.max = max, .out = json_array()};
    if (!d.out) {
        hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    snprintf(d.cols, sizeof d.cols, "%s", col);
    for (char *p = d.cols; p && d.ncol < DISTINCT_COLS;) {
        d.col[d.ncol++] = p;
        p = strchr(p, '|');
        if (p) *p++ = '\0';
    }
    /* "a=x&b!=y": every condition must hold. */
    if (filter) {
        snprintf(d.fbuf, sizeof d.fbuf, "%s", filter);
        for (char *p = d.fbuf; p && d.nf < DISTINCT_CONDS;) {
            char *next = strchr(p, '&');
            if (next) *next++ = '\0';
            char *eq = strchr(p, '=');
            if (eq) {
                int neg = eq > p && eq[-1] == '!';
                eq[neg ? -1 : 0] = '\0';
                d.fcol[d.nf] = p;
                d.fval[d.nf] = eq + 1;
                d.fneg[d.nf++] = neg;
            }
            p = next;
        }
    }
    if (csv_stream(path, distinct_row, &d, err) != HS_OK) {
        json_decref(d.out);
        return NULL;
    }
    return d.out;
}

/* --- streaming a data set --- */

void report_put_json_text(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        const char *lt = strchr(p, '<');
        if (!lt) {
            fputs(p, out);
            return;
        }
        fwrite(p, 1, (size_t)(lt - p), out);
        fputs("\\u003c", out);
        p = lt;
    }
}

void report_put_json_str(FILE *out, const char *s)
{
    /* json_string refuses invalid UTF-8: such a string is written "". */
    json_t *j = json_string(s ? s : "");
    char *t = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    report_put_json_text(out, t ? t : "\"\"");
    free(t);
    json_decref(j);
}

#define CUM_GROUPS 64

typedef struct stream_ctx {
    const report_dataset *d;
    FILE *out;
    int *keep; /* indices of the kept columns, in the file */
    int nkeep;
    int *is_text;
    int *cum;     /* per kept column: its index among the summed columns, or -1 */
    int ncum, gi; /* summed columns; the group column or -1 */
    char *gname[CUM_GROUPS];
    double *sum; /* CUM_GROUPS x ncum running sums */
    int ngroups;
    int fi, ti; /* filter and thin columns, or -1 */
    const char *fval;
    long rows;
    int header_done, missing;
    char missing_name[128];
} stream_ctx;

static void stream_header(csv_reader *rd, stream_ctx *s)
{
    const report_dataset *d = s->d;
    s->keep = malloc((size_t)(rd->n ? rd->n : 1) * sizeof *s->keep);
    s->is_text = malloc((size_t)(rd->n ? rd->n : 1) * sizeof *s->is_text);
    s->cum = malloc((size_t)(rd->n ? rd->n : 1) * sizeof *s->cum);
    s->sum = calloc((size_t)CUM_GROUPS * (size_t)(rd->n ? rd->n : 1), sizeof *s->sum);
    if (!s->keep || !s->is_text || !s->cum || !s->sum) {
        rd->nomem = 1;
        return;
    }
    char fcol[128] = "";
    if (d->filter) {
        snprintf(fcol, sizeof fcol, "%s", d->filter);
        char *eq = strchr(fcol, '=');
        if (eq) *eq = '\0';
        s->fval = strchr(d->filter, '=') ? strchr(d->filter, '=') + 1 : "";
    }
    s->fi = s->ti = s->gi = -1;
    fputs("{\"columns\":[", s->out);
    for (int i = 0; i < rd->n; i++) {
        const char *h = rd->field[i] + (i == 0 && rd->field[i][0] == '#');
        if (d->filter && strcmp(h, fcol) == 0) s->fi = i;
        if (d->thin && strcmp(h, d->thin) == 0) s->ti = i;
        if (d->group && strcmp(h, d->group) == 0) s->gi = i;
        if (d->cols && list_index(d->cols, h) < 0) continue;
        s->is_text[s->nkeep] = list_index(d->text, h) >= 0;
        s->cum[s->nkeep] = list_index(d->cumsum, h) >= 0 ? s->ncum++ : -1;
        if (s->nkeep) fputc(',', s->out);
        report_put_json_str(s->out, h);
        s->keep[s->nkeep++] = i;
    }
    fputs("],\"rows\":[", s->out);
    if (d->filter && s->fi < 0) {
        s->missing = 1;
        snprintf(s->missing_name, sizeof s->missing_name, "%s", fcol);
        rd->stop = 1;
    }
}

/* Write one field: a number when it reads as one, null for NA or empty. */
static void put_value(FILE *out, const char *v, int text)
{
    double x;
    if (!text && (v[0] == '\0' || strcmp(v, "NA") == 0 || strcmp(v, "nan") == 0))
        fputs("null", out);
    else if (!text && hs_parse_double(v, &x) == 0)
        fprintf(out, "%.10g", x);
    else
        report_put_json_str(out, v);
}

static void stream_row(csv_reader *rd, void *ctx)
{
    stream_ctx *s = ctx;
    if (!s->header_done) {
        s->header_done = 1;
        stream_header(rd, s);
        return;
    }
    if (s->fi >= 0 && (s->fi >= rd->n || strcmp(rd->field[s->fi], s->fval) != 0)) return;
    /* Running sums, before thinning drops the row. */
    double *sum = NULL;
    if (s->ncum) {
        const char *g = s->gi >= 0 && s->gi < rd->n ? rd->field[s->gi] : "";
        int k = 0;
        while (k < s->ngroups && strcmp(s->gname[k], g) != 0)
            k++;
        if (k == s->ngroups && k < CUM_GROUPS && (s->gname[k] = strdup(g)) != NULL) s->ngroups++;
        if (k < s->ngroups) {
            sum = s->sum + (size_t)k * (size_t)s->ncum;
            for (int j = 0; j < s->nkeep; j++) {
                double x;
                int i = s->keep[j];
                if (s->cum[j] >= 0 && i < rd->n && hs_parse_double(rd->field[i], &x) == 0)
                    sum[s->cum[j]] += x;
            }
        }
    }
    if (s->ti >= 0 && s->ti < rd->n) {
        long day;
        if (hs_parse_long(rd->field[s->ti], &day) == 0 && day % s->d->stride != 0 &&
            day != s->d->last)
            return;
    }
    fputs(s->rows++ ? ",[" : "[", s->out);
    for (int k = 0; k < s->nkeep; k++) {
        if (k) fputc(',', s->out);
        int i = s->keep[k];
        if (sum && s->cum[k] >= 0)
            fprintf(s->out, "%.10g", sum[s->cum[k]]);
        else
            put_value(s->out, i < rd->n ? rd->field[i] : "", s->is_text[k]);
    }
    fputc(']', s->out);
}

hs_status report_data_write(FILE *out, const report_dataset *d, hs_error *err)
{
    stream_ctx s = {.d = d, .out = out};
    hs_status st = csv_stream(d->path, stream_row, &s, err);
    if (st == HS_OK && !s.header_done) {
        fputs("{\"columns\":[],\"rows\":[", out);
        st = hs_error_set(err, HS_ERR_PARSE, d->path, 1, NULL, "empty file: no header");
    }
    if (st == HS_OK && s.missing)
        st = hs_error_set(err, HS_ERR_INVALID, d->path, 1, s.missing_name, "no such column");
    fputs("]}", out);
    free(s.keep);
    free(s.is_text);
    free(s.cum);
    free(s.sum);
    for (int k = 0; k < s.ngroups; k++)
        free(s.gname[k]);
    return st;
}
