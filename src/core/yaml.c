/*
** yaml.c - libfyaml documents read through field descriptor tables.
*/
#include "core/yaml.h"

#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <humsec/table.h>

/* The line of the first byte that is not UTF-8 (overlong forms, surrogates
** and code points past U+10FFFF included), or 0 when all of it is. Why: libfyaml
** loops forever on a directive line ('%') followed by an invalid byte, so
** every YAML input is checked before the library sees it. */
static long bad_utf8_line(const unsigned char *s, size_t n)
{
    long line = 1;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c == '\n') line++;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                     : c >= 0xE0 && c <= 0xEF ? 3
                     : c >= 0xF0 && c <= 0xF4 ? 4
                                              : 0;
        if (len == 0 || i + len > n) return line;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80) return line;
        unsigned c1 = s[i + 1];
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
            (c == 0xF4 && c1 > 0x8F))
            return line;
        i += len;
    }
    return 0;
}

/* The line of the first tab that is not in a comment line, or 0. Why:
** libfyaml 0.7.12 (Debian 12's) crashes while cleaning up after its own error
** "cannot use tab for indentation of block entry" (a tab after a block
** indicator, as in "? a:<tab>:"; fixed upstream in 2022). YAML indents with
** spaces only; a tab elsewhere on a line is allowed by YAML but never needed
** in humsec's files, so a tab is refused before the library sees it, except
** on a line that is only a comment. */
static long tab_line(const char *s, size_t n)
{
    long line = 1;
    int start = 1, comment = 0; /* at the line's first non-space; in a comment line */
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n') {
            line++;
            start = 1;
            comment = 0;
            continue;
        }
        if (c == '\t' && !comment) return line;
        if (start && c != ' ') {
            comment = c == '#';
            start = 0;
        }
    }
    return 0;
}

/* The whole of a file, NUL-terminated, in a malloc'd buffer (*n its length). */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (len + 1 < cap) break;
        char *more = realloc(buf, cap *= 2);
        if (!more) free(buf);
        buf = more;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    *n = len;
    return buf;
}

static hs_status load(hs_yaml *y, const char *name, const char *path, const char *text,
                      hs_error *err)
{
    memset(y, 0, sizeof *y);
    y->path = strdup(name);
    if (!y->path) return hs_error_set(err, HS_ERR_NOMEM, name, 0, NULL, "out of memory");
    size_t n = 0;
    char *src = path ? slurp(path, &n) : strdup(text);
    if (!src) {
        hs_yaml_free(y);
        return path ? hs_error_set(err, HS_ERR_IO, name, 0, NULL, "cannot open or read")
                    : hs_error_set(err, HS_ERR_NOMEM, name, 0, NULL, "out of memory");
    }
    if (!path) n = strlen(src);
    long bad = bad_utf8_line((const unsigned char *)src, n);
    y->text = src; /* the document reads it: freed after the document */
    if (bad || memchr(src, '\0', n)) {
        hs_yaml_free(y);
        return hs_error_set(err, HS_ERR_PARSE, name, bad, NULL,
                            bad ? "not UTF-8 text (YAML files are UTF-8)"
                                : "holds a NUL byte: not a text file");
    }
    long tab = tab_line(src, n);
    if (tab) {
        hs_yaml_free(y);
        return hs_error_set(err, HS_ERR_PARSE, name, tab, NULL,
                            "a tab character: indent and separate with spaces (write \\t "
                            "inside double quotes for a tab in text)");
    }
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = NULL;
    dcfg.colorize = false;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (!diag) {
        hs_yaml_free(y);
        return hs_error_set(err, HS_ERR_NOMEM, name, 0, NULL, "out of memory");
    }
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG, .diag = diag};
    y->doc = fy_document_build_from_string(&cfg, src, n);
    hs_status st = HS_OK;
    if (!y->doc) {
        void *it = NULL;
        struct fy_diag_error *e = fy_diag_errors_iterate(diag, &it);
        if (e)
            st = hs_error_set(err, HS_ERR_PARSE, name, e->line, NULL, "YAML error: %s", e->msg);
        else
            st = hs_error_set(err, HS_ERR_PARSE, name, 0, NULL, "not a valid YAML document");
    }
    /* Aliases (*name) read as what their anchors (&name) hold. */
    if (st == HS_OK && fy_document_resolve(y->doc) != 0) {
        /* The library's own report of it carries the alias's line. */
        void *it = NULL;
        struct fy_diag_error *e = fy_diag_errors_iterate(diag, &it);
        st = hs_error_set(err, HS_ERR_PARSE, name, e ? e->line : 0, NULL,
                          "a YAML alias (*name) has no anchor (&name) to refer to");
    }
    fy_diag_destroy(diag);
    if (st != HS_OK) hs_yaml_free(y);
    return st;
}

hs_status hs_yaml_load(hs_yaml *y, const char *path, hs_error *err)
{
    return load(y, path, path, NULL, err);
}

hs_status hs_yaml_load_text(hs_yaml *y, const char *name, const char *text, hs_error *err)
{
    return load(y, name, NULL, text, err);
}

void hs_yaml_free(hs_yaml *y)
{
    if (!y) return;
    if (y->doc) fy_document_destroy(y->doc);
    free(y->text);
    free(y->path);
    memset(y, 0, sizeof *y);
}

struct fy_node *hs_yaml_root(const hs_yaml *y)
{
    return y->doc ? fy_document_root(y->doc) : NULL;
}

/* libfyaml marks only scalar tokens; a collection is located by its first
** scalar, which is the line a reader would look at. */
long hs_yaml_line(struct fy_node *n)
{
    while (n && fy_node_get_type(n) != FYNT_SCALAR) {
        void *it = NULL;
        if (fy_node_get_type(n) == FYNT_MAPPING) {
            struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
            n = p ? fy_node_pair_key(p) : NULL;
        } else {
            n = fy_node_sequence_iterate(n, &it);
        }
    }
    struct fy_token *t = n ? fy_node_get_scalar_token(n) : NULL;
    const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
    return m ? m->line + 1 : 0;
}

const char *hs_yaml_scalar(struct fy_node *n)
{
    if (!n || fy_node_get_type(n) != FYNT_SCALAR) return NULL;
    return fy_node_get_scalar0(n);
}

int hs_yaml_is_map(struct fy_node *n)
{
    return n && fy_node_get_type(n) == FYNT_MAPPING;
}
int hs_yaml_is_seq(struct fy_node *n)
{
    return n && fy_node_get_type(n) == FYNT_SEQUENCE;
}

struct fy_node *hs_yaml_get(struct fy_node *map, const char *key)
{
    if (!hs_yaml_is_map(map)) return NULL;
    return fy_node_mapping_lookup_by_string(map, key, FY_NT);
}

static int parse_bool(const char *s, int *out)
{
    static const char *yes[] = {"true", "yes", "on", "1"}, *no[] = {"false", "no", "off", "0"};
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0) return *out = 1, 0;
        if (strcasecmp(s, no[i]) == 0) return *out = 0, 0;
    }
    return -1;
}

static hs_status read_value(const hs_yaml *y, struct fy_node *v, const char *key,
                            const hs_yaml_field *f, int strict, hs_error *err)
{
    long line = hs_yaml_line(v);
    const char *s = hs_yaml_scalar(v);
    switch (f->type) {
    case HS_YF_IGNORE:
        return HS_OK;
    case HS_YF_MAP:
        if (!hs_yaml_is_map(v))
            return hs_error_set(err, HS_ERR_INVALID, y->path, line, key, "expected a mapping");
        return hs_yaml_read_map(y, v, key, f->sub, strict, err);
    case HS_YF_DOUBLE_LIST: {
        if (!hs_yaml_is_seq(v))
            return hs_error_set(err, HS_ERR_INVALID, y->path, line, key, "expected a list");
        int n = 0;
        void *it = NULL;
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(v, &it)) != NULL) {
            const char *is = hs_yaml_scalar(item);
            double d;
            if (!is || hs_parse_double(is, &d) != 0)
                return hs_error_set(err, HS_ERR_PARSE, y->path, hs_yaml_line(item), key,
                                    "list item is not a number: '%s'", is ? is : "(not a scalar)");
            if (n >= (int)f->max)
                return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), key,
                                    "too many values (at most %d)", (int)f->max);
            if (d < f->min)
                return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), key,
                                    "list item %g is below %g", d, f->min);
            ((double *)f->target)[n++] = d;
        }
        if (f->count) *f->count = n;
        return HS_OK;
    }
    default:
        break;
    }
    if (!s) return hs_error_set(err, HS_ERR_INVALID, y->path, line, key, "expected a single value");
    switch (f->type) {
    case HS_YF_DOUBLE: {
        double d;
        if (hs_parse_double(s, &d) != 0)
            return hs_error_set(err, HS_ERR_PARSE, y->path, line, key, "not a number: '%s'", s);
        if (d < f->min || d > f->max)
            return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                                "%g is out of range [%g, %g]", d, f->min, f->max);
        *(double *)f->target = d;
        return HS_OK;
    }
    case HS_YF_LONG: {
        long l;
        double d;
        if (hs_parse_long(s, &l) != 0) {
            /* Flee writes some counts as floats ("hasten: 1.0"): accept whole numbers. */
            if (hs_parse_double(s, &d) != 0 || d != floor(d))
                return hs_error_set(err, HS_ERR_PARSE, y->path, line, key, "not an integer: '%s'",
                                    s);
            /* Checked before the conversion, which is undefined past long's range
            ** (the caller's range may be wider than long's). */
            double lo = f->min > -0x1p63 ? f->min : -0x1p63, hi = f->max < 0x1p62 ? f->max : 0x1p62;
            if (!(d >= lo && d <= hi))
                return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                                    "%g is out of range [%g, %g]", d, lo, hi);
            l = (long)d;
        }
        if ((double)l < f->min || (double)l > f->max)
            return hs_error_set(err, HS_ERR_INVALID, y->path, line, key,
                                "%ld is out of range [%g, %g]", l, f->min, f->max);
        *(long *)f->target = l;
        return HS_OK;
    }
    case HS_YF_BOOL:
        if (parse_bool(s, (int *)f->target) != 0)
            return hs_error_set(err, HS_ERR_PARSE, y->path, line, key, "not true or false: '%s'",
                                s);
        return HS_OK;
    case HS_YF_STRING:
        if (strlen(s) >= (size_t)f->max)
            return hs_error_set(err, HS_ERR_INVALID, y->path, line, key, "text too long");
        strcpy((char *)f->target, s);
        return HS_OK;
    default:
        return hs_error_set(err, HS_ERR_INTERNAL, y->path, line, key, "bad field type");
    }
}

hs_status hs_yaml_read_map(const hs_yaml *y, struct fy_node *map, const char *prefix,
                           const hs_yaml_field *fields, int strict, hs_error *err)
{
    if (!hs_yaml_is_map(map))
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(map), prefix,
                            "expected a mapping of keys to values");
    void *it = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(map, &it)) != NULL) {
        struct fy_node *k = fy_node_pair_key(pair), *v = fy_node_pair_value(pair);
        const char *ks = hs_yaml_scalar(k);
        char keypath[HS_ERROR_FIELD_MAX];
        snprintf(keypath, sizeof keypath, "%s%s%s", prefix && *prefix ? prefix : "",
                 prefix && *prefix ? "." : "", ks ? ks : "?");
        const hs_yaml_field *f = fields;
        while (f->key && (!ks || strcmp(f->key, ks) != 0))
            f++;
        if (!f->key) {
            if (strict)
                return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(k), keypath,
                                    "unknown key");
            continue;
        }
        if (!v || (hs_yaml_scalar(v) && !*hs_yaml_scalar(v) && f->type != HS_YF_STRING)) {
            if (f->type == HS_YF_IGNORE) continue;
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(k), keypath,
                                "missing value");
        }
        hs_status st = read_value(y, v, keypath, f, strict, err);
        if (st != HS_OK) return st;
        if (f->seen) *f->seen = 1;
        if (f->line) *f->line = hs_yaml_line(k);
    }
    return HS_OK;
}
