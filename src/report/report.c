/*
** report.c - hs_report_write: recognise the kind of output, let its builder
** outline the page, and write the page atomically (hs_outfile).
**
** The chart library is checked before anything is read, so a machine without
** libjs-vega is told what to install at once rather than after a long read.
*/
#include "report/report_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <humsec/outdir.h>

static const char *const kind_names[] = {
    "world run",
    "flight run",
    "flight validation",
    "civil violence run",
    "civil violence ensemble",
    "comparison",
    "assessment",
};

const char *hs_report_kind_name(hs_report_kind kind)
{
    if ((int)kind < 0 || (size_t)kind >= sizeof kind_names / sizeof *kind_names) return "unknown";
    return kind_names[kind];
}

static int has_file(const char *dir, const char *name)
{
    char *p = hs_path_join(dir, name);
    struct stat st;
    int ok = p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
    free(p);
    return ok;
}

/* An assess CSV: its header starts iso3,country,year,<score>,rank. */
static int is_assess_csv(const char *path)
{
    hs_error e;
    int n = 0;
    char **h = report_csv_header(path, &n, &e);
    int ok = h && n >= 5 && strcmp(h[0], "iso3") == 0 && strcmp(h[4], "rank") == 0;
    report_strv_free(h, n);
    return ok;
}

hs_status hs_report_kind_of(const char *path, hs_report_kind *kind, hs_error *err)
{
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "no such file or folder");
    if (S_ISREG(st.st_mode)) {
        if (is_assess_csv(path)) {
            *kind = HS_REPORT_ASSESS;
            return HS_OK;
        }
        return hs_error_set(err, HS_ERR_INVALID, path, 1, NULL,
                            "not a humsec output: a file must be the CSV of humsec assess -o "
                            "(iso3,country,year,<score>,rank,...); otherwise give an output "
                            "folder");
    }
    if (has_file(path, "effects.csv") || has_file(path, "experiment.yml"))
        *kind = HS_REPORT_COMPARE;
    else if (has_file(path, "daily_states.csv"))
        *kind = HS_REPORT_WORLD;
    else if (has_file(path, "ard_by_day.csv"))
        *kind = HS_REPORT_VALIDATE;
    else if (has_file(path, "daily.csv") && has_file(path, "locations.csv"))
        *kind = HS_REPORT_FLIGHT;
    else if (has_file(path, "seeds.csv") && has_file(path, "series_mean.csv"))
        *kind = HS_REPORT_ENSEMBLE;
    else if (has_file(path, "series.csv") && has_file(path, "outbursts.csv"))
        *kind = HS_REPORT_CV;
    else
        return hs_error_set(err, HS_ERR_INVALID, path, 0, NULL,
                            "not a humsec output folder: none of effects.csv (compare), "
                            "daily_states.csv (world run), ard_by_day.csv (validate), "
                            "daily.csv and locations.csv (flight run), seeds.csv and "
                            "series_mean.csv (ensemble), series.csv and outbursts.csv (civil "
                            "violence run)");
    return HS_OK;
}

char *hs_report_default_path(const char *path)
{
    struct stat st;
    if (path && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        size_t n = strlen(path);
        if (n > 4 && strcmp(path + n - 4, ".csv") == 0) n -= 4;
        char *out = malloc(n + 6);
        if (!out) return NULL;
        memcpy(out, path, n);
        memcpy(out + n, ".html", 6);
        return out;
    }
    return hs_path_join(path, "report.html");
}

/* --- the outline --- */

hs_status report_section(report_ctx *r, const char *title, const char *text, hs_error *err)
{
    json_t *s = json_object(), *charts = json_array();
    if (!s || !charts || json_array_append_new(r->sections, s) != 0) {
        json_decref(s);
        json_decref(charts);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    report_set_str(s, "title", title);
    if (text) report_set_str(s, "text", text);
    json_object_set_new(s, "charts", charts);
    r->charts = charts;
    return HS_OK;
}

json_t *report_chart(report_ctx *r, const char *type, const char *data, const char *title,
                     const char *explain, hs_error *err)
{
    json_t *c = json_object();
    if (!c || !r->charts || json_array_append_new(r->charts, c) != 0) {
        hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    char id[32];
    snprintf(id, sizeof id, "chart%d", ++r->ncharts);
    report_set_str(c, "id", id);
    report_set_str(c, "type", type);
    if (data) report_set_str(c, "data", data);
    report_set_str(c, "title", title);
    if (explain) report_set_str(c, "explain", explain);
    return c;
}

void report_set_str(json_t *o, const char *key, const char *value)
{
    json_object_set_new(o, key, value ? json_string(value) : json_null());
}

void report_set_num(json_t *o, const char *key, double value)
{
    json_object_set_new(o, key, value == value ? json_real(value) : json_null());
}

json_t *report_list(const char *list)
{
    json_t *a = json_array();
    if (!a || !list) return a;
    const char *p = list;
    while (*p) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        json_array_append_new(a, json_stringn(p, n));
        p += n;
        if (*p == ',') p++;
    }
    return a;
}

void report_record(report_ctx *r, const char *key, json_t *value)
{
    json_t *row = json_array();
    if (!row) {
        json_decref(value);
        return;
    }
    json_array_append_new(row, json_string(key));
    json_array_append_new(row, value ? value : json_null());
    json_array_append_new(json_object_get(r->meta, "record"), row);
}

void report_note(report_ctx *r, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    json_array_append_new(json_object_get(r->meta, "notes"), json_string(buf));
}

char *report_file(const report_ctx *r, const char *name, hs_error *err)
{
    char *p = hs_path_join(r->path, name);
    if (!p) hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    return p;
}

int report_has(const report_ctx *r, const char *name)
{
    return has_file(r->path, name);
}

int report_has_values(const report_ctx *r, const char *file, const char *col)
{
    hs_error e;
    char *p = hs_path_join(r->path, file);
    json_t *v = p ? report_csv_distinct(p, col, NULL, 3, &e) : NULL;
    free(p);
    int any = 0;
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x)
    {
        const char *t = json_string_value(x);
        if (t[0] && strcmp(t, "NA") != 0 && strcmp(t, "nan") != 0) any = 1;
    }
    json_decref(v);
    return any;
}

json_t *report_load_json(const report_ctx *r, const char *name, hs_error *err)
{
    char *p = report_file(r, name, err);
    if (!p) return NULL;
    json_error_t je;
    json_t *j = json_load_file(p, 0, &je);
    if (!j) hs_error_set(err, HS_ERR_PARSE, p, je.line > 0 ? je.line : 0, NULL, "%s", je.text);
    free(p);
    return j;
}

/* A file of the output shown in full, up to 256 KB. */
hs_status report_record_file(report_ctx *r, const char *name, hs_error *err)
{
    char *p = report_file(r, name, err);
    if (!p) return HS_ERR_NOMEM;
    FILE *f = fopen(p, "rb");
    free(p);
    if (!f) return HS_OK; /* optional */
    size_t cap = 256 * 1024, n;
    char *buf = malloc(cap + 1);
    if (!buf) {
        fclose(f);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    n = fread(buf, 1, cap, f);
    buf[n] = '\0';
    int more = n == cap && fgetc(f) != EOF;
    fclose(f);
    json_t *one = json_object();
    report_set_str(one, "name", name);
    /* Text that is not UTF-8 (a file of another encoding) is left out, said so. */
    json_t *text = json_stringn(buf, n);
    json_object_set_new(one, "text",
                        text ? text : json_string("(not shown: the file is not UTF-8 text)"));
    json_array_append_new(json_object_get(r->meta, "files"), one);
    if (more) report_note(r, "%s is shown up to its first 256 KB.", name);
    free(buf);
    return HS_OK;
}

void report_record_scalars(report_ctx *r, json_t *summary)
{
    const char *key;
    json_t *v;
    json_object_foreach(summary, key, v)
    {
        if (json_is_string(v) || json_is_number(v) || json_is_boolean(v))
            report_record(r, key, json_incref(v));
    }
}

/* --- writing --- */

static void ctx_free(report_ctx *r)
{
    json_decref(r->meta);
    for (int i = 0; i < r->ndata; i++)
        report_dataset_free(&r->data[i]);
    free(r->data);
}

static hs_status build(report_ctx *r, hs_error *err)
{
    switch (r->kind) {
    case HS_REPORT_WORLD:
        return report_build_world(r, err);
    case HS_REPORT_FLIGHT:
        return report_build_flight(r, err);
    case HS_REPORT_VALIDATE:
        return report_build_validate(r, err);
    case HS_REPORT_CV:
        return report_build_cv(r, err);
    case HS_REPORT_ENSEMBLE:
        return report_build_ensemble(r, err);
    case HS_REPORT_COMPARE:
        return report_build_compare(r, err);
    case HS_REPORT_ASSESS:
        return report_build_assess(r, err);
    }
    return hs_error_set(err, HS_ERR_INTERNAL, NULL, 0, NULL, "unknown kind of report");
}

hs_status hs_report_write(const char *path, const char *html_path, const hs_report_opts *opts,
                          hs_error *err)
{
    /* The builders read err->status: a caller's NULL is a local error here. */
    hs_error own_err;
    if (!err) err = &own_err;
    hs_error_clear(err);
    const char *js_dir = opts ? opts->js_dir : NULL;
    hs_status st = report_vega_check(js_dir, err);
    if (st != HS_OK) return st;
    report_ctx r;
    memset(&r, 0, sizeof r);
    r.path = path;
    if ((st = hs_report_kind_of(path, &r.kind, err)) != HS_OK) return st;
    r.meta = json_object();
    r.sections = json_array();
    if (!r.meta || !r.sections) {
        json_decref(r.meta);
        json_decref(r.sections);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    json_object_set_new(r.meta, "sections", r.sections);
    json_object_set_new(r.meta, "record", json_array());
    json_object_set_new(r.meta, "notes", json_array());
    json_object_set_new(r.meta, "files", json_array());
    report_set_str(r.meta, "kind", hs_report_kind_name(r.kind));
    report_set_str(r.meta, "source", path);
    if ((st = build(&r, err)) != HS_OK) {
        ctx_free(&r);
        return st;
    }
    char *own = html_path ? NULL : hs_report_default_path(path);
    const char *out = html_path ? html_path : own;
    if (!out) {
        ctx_free(&r);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    hs_outfile of;
    if ((st = hs_outfile_open(&of, out, err)) == HS_OK) {
        st = report_page_write(of.f, &r, js_dir, err);
        if (st == HS_OK)
            st = hs_outfile_commit(&of, err);
        else
            hs_outfile_abandon(&of);
    }
    free(own);
    ctx_free(&r);
    return st;
}
