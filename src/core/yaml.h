/*
** yaml.h - YAML documents (libfyaml) read into C structs through a small
** table of field descriptors, with errors that name the file, line and key.
** Internal to libhumsec: the public API takes file paths, not YAML nodes.
*/
#ifndef HUMSEC_CORE_YAML_H
#define HUMSEC_CORE_YAML_H

#include <stddef.h>
#include <humsec/error.h>

struct fy_document;
struct fy_node;

typedef struct hs_yaml {
    struct fy_document *doc; /* owned */
    char *path;              /* owned; file name used in messages */
    char *text;              /* owned; the source, checked to be UTF-8, that doc reads */
} hs_yaml;

/* Parse a YAML file or text. Syntax errors name file and line. */
hs_status hs_yaml_load(hs_yaml *y, const char *path, hs_error *err);
hs_status hs_yaml_load_text(hs_yaml *y, const char *name, const char *text, hs_error *err);
void hs_yaml_free(hs_yaml *y);

/* Root node, or NULL for an empty document. */
struct fy_node *hs_yaml_root(const hs_yaml *y);
/* 1-based line where a node starts (0 if unknown). */
long hs_yaml_line(struct fy_node *n);
/* Scalar text (NUL-terminated, owned by the document), or NULL if not a scalar. */
const char *hs_yaml_scalar(struct fy_node *n);
int hs_yaml_is_map(struct fy_node *n);
int hs_yaml_is_seq(struct fy_node *n);
/* Value of key in a mapping, or NULL. */
struct fy_node *hs_yaml_get(struct fy_node *map, const char *key);

typedef enum hs_yaml_type {
    HS_YF_DOUBLE,      /* double *target, checked against [min, max] */
    HS_YF_LONG,        /* long *target, checked against [min, max] */
    HS_YF_BOOL,        /* int *target: true/false/yes/no/on/off/1/0 (any case) */
    HS_YF_STRING,      /* char *target of size max (a buffer length) */
    HS_YF_DOUBLE_LIST, /* double *target of capacity max; count written to *count; items >= min */
    HS_YF_MAP,         /* nested mapping read with sub */
    HS_YF_IGNORE,      /* accepted and ignored (documented as such) */
} hs_yaml_type;

typedef struct hs_yaml_field {
    const char *key;
    hs_yaml_type type;
    void *target;
    double min, max;
    const struct hs_yaml_field *sub; /* HS_YF_MAP: fields of the nested map, ending in {NULL} */
    int *count;                      /* HS_YF_DOUBLE_LIST: number of values read */
    int *seen;                       /* optional: set to 1 when the key was present */
    long *line;                      /* optional: set to the key's line when present */
} hs_yaml_field;

/*
** Read a mapping into targets. prefix ("move_rules") is used in messages.
** strict: an unknown key is an error; otherwise it is skipped.
*/
hs_status hs_yaml_read_map(const hs_yaml *y, struct fy_node *map, const char *prefix,
                           const hs_yaml_field *fields, int strict, hs_error *err);

#endif
