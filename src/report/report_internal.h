/*
** report_internal.h - what the files of src/report share (report.h is the
** public face).
**
** A page is built in two halves. Each kind of output (report_world.c,
** report_flight.c, report_cv.c, report_compare.c, report_assess.c) decides
** what is shown: sections of charts, each chart a small JSON object (its type,
** the data set it draws, its title, a one-line explanation and the fields it
** reads), gathered in report_ctx.meta with jansson; and the data sets, each a
** CSV of the output narrowed to some columns and rows, recorded here and
** streamed into the page only when it is written (report_data.c), so a large
** table never sits in memory as JSON. The page's own script (report_script.c)
** turns each chart object into a Vega specification in the browser.
*/
#ifndef HUMSEC_REPORT_INTERNAL_H
#define HUMSEC_REPORT_INTERNAL_H

#include <stdio.h>
#include <jansson.h>
#include <humsec/report.h>

/* A CSV of the output, as the page receives it: {"columns": [...], "rows":
** [[...], ...]}, numbers as numbers, NA and empty fields as null. */
typedef struct report_dataset {
    char *name;   /* key in the page's data (owned) */
    char *path;   /* CSV file (owned) */
    char *cols;   /* comma-separated columns to keep, NULL: all (owned) */
    char *filter; /* "column=value": only rows where it holds, or NULL (owned) */
    char *text;   /* comma-separated columns always kept as text, or NULL (owned) */
    char *thin;   /* numeric column (a day) to thin on, or NULL (owned) */
    long stride;  /* keep rows whose thin value is a multiple of stride ... */
    long last;    /* ... or equals last */
    char *cumsum; /* comma-separated columns written as running sums (over the rows
                  ** kept by the filter, before thinning), or NULL (owned) */
    char *group;  /* the running sums are per value of this column, or NULL (owned) */
} report_dataset;

typedef struct report_ctx {
    const char *path; /* the output: a folder, or an assess CSV */
    hs_report_kind kind;
    json_t *meta;     /* {"kind", "title", "subtitle", "record", "notes", "sections"} */
    json_t *sections; /* borrowed from meta */
    json_t *charts;   /* charts of the current section (borrowed) */
    int ncharts;
    report_dataset *data;
    int ndata, capdata;
} report_ctx;

/* Build a page's meta and data sets for each kind (report_<kind>.c). */
hs_status report_build_world(report_ctx *r, hs_error *err);
hs_status report_build_flight(report_ctx *r, hs_error *err);
hs_status report_build_validate(report_ctx *r, hs_error *err);
hs_status report_build_cv(report_ctx *r, hs_error *err);
hs_status report_build_ensemble(report_ctx *r, hs_error *err);
hs_status report_build_compare(report_ctx *r, hs_error *err);
hs_status report_build_assess(report_ctx *r, hs_error *err);

/* --- report.c: the page's outline --- */

/* Start a section (title, a sentence or two of text); later charts go in it. */
hs_status report_section(report_ctx *r, const char *title, const char *text, hs_error *err);
/* Add a chart to the current section: its type (a builder of report_script.c),
** data set, title and one-line explanation. Returns the chart object (borrowed)
** to add the fields it reads to, or NULL when out of memory (err set). */
json_t *report_chart(report_ctx *r, const char *type, const char *data, const char *title,
                     const char *explain, hs_error *err);
/* Set a string / number field of a chart (or any object). */
void report_set_str(json_t *o, const char *key, const char *value);
void report_set_num(json_t *o, const char *key, double value);
/* A JSON array of the comma-separated names in list. */
json_t *report_list(const char *list);
/* A line of the run's record (version, seed, ...); value is taken over. */
void report_record(report_ctx *r, const char *key, json_t *value);
/* A note shown under the title (formatted like printf). */
void report_note(report_ctx *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text of a file of the output shown in full (parameters, settings). */
hs_status report_record_file(report_ctx *r, const char *name, hs_error *err);
/* Path of a file of the output folder (caller frees), or NULL (err set). */
char *report_file(const report_ctx *r, const char *name, hs_error *err);
/* Does the output folder hold the file? */
int report_has(const report_ctx *r, const char *name);
/* Does a column of a CSV of the output folder hold any value (not NA, not
** empty)? 0 when the file or column is missing. */
int report_has_values(const report_ctx *r, const char *file, const char *col);
/* Load a JSON file of the output folder (caller owns), or NULL (err set). */
json_t *report_load_json(const report_ctx *r, const char *name, hs_error *err);
/* The record lines of every scalar at the top of a summary.json. */
void report_record_scalars(report_ctx *r, json_t *summary);

/* --- report_data.c: data sets and their streaming --- */

/* Add a data set read from the output's CSV file name, keeping the columns
** cols (NULL: all) and, when filter is "column=value", only the rows where it
** holds. Returns it (owned by r) to set text/thin on, or NULL (err set). */
report_dataset *report_data(report_ctx *r, const char *name, const char *file, const char *cols,
                            const char *filter, hs_error *err);
/* Keep at most about max_points values of the day column col (every k-th and
** the last, days being 0..last). */
hs_status report_data_thin(report_dataset *d, const char *col, long last, long max_points,
                           hs_error *err);
/* Write the columns cols (comma-separated) as running sums per value of group
** (NULL: one sum): cumulative counts from daily ones, right however the days
** are thinned. At most 64 groups. */
hs_status report_data_cumsum(report_dataset *d, const char *cols, const char *group, hs_error *err);
void report_dataset_free(report_dataset *d);
/* The header of a CSV file of the output (caller frees with report_strv_free),
** or NULL (err set); *n is its number of fields. */
char **report_csv_header(const char *path, int *n, hs_error *err);
void report_strv_free(char **v, int n);
/* The distinct values of a text column (at most max), as a JSON array, in
** the order they first appear; NULL when out of memory or unreadable (err set).
** col may name up to four columns as "a|b": the values are then "va|vb". filter
** (NULL: every row) keeps the rows where every condition holds: "c=v" or "c!=v",
** up to four joined by '&' ("scope=nationals&hdi_like!=NA"). */
json_t *report_csv_distinct(const char *path, const char *col, const char *filter, int max,
                            hs_error *err);
/* Stream data set d into out as JSON. */
hs_status report_data_write(FILE *out, const report_dataset *d, hs_error *err);
/* Write JSON text with every '<' as \u003c, so that no "</script>" or "<!--"
** can end or disturb the script element it is in. */
void report_put_json_text(FILE *out, const char *text);
/* A JSON string, quoted and escaped (with '<' as above). */
void report_put_json_str(FILE *out, const char *s);

/* --- report_vega.c: the chart library --- */

/* Is every Vega module the page needs in js_dir (NULL: /usr/share/javascript)?
** The error names the file missing and the Debian package that has it. */
hs_status report_vega_check(const char *js_dir, hs_error *err);
/* Inline the modules, in dependency order, each in its own script element. */
hs_status report_vega_write(FILE *out, const char *js_dir, hs_error *err);

/* --- report_page.c and report_script.c: the page --- */

extern const char report_script[]; /* the page's own script */
extern const char report_style[];  /* its style sheet */
hs_status report_page_write(FILE *out, const report_ctx *r, const char *js_dir, hs_error *err);

#endif
