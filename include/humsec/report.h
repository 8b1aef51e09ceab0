/*
** report.h - one self-contained HTML page of charts for a humsec output
** (`humsec report DIR`; issue 12; docs/report.md).
**
** The page holds everything it shows: the data read from the output's CSV
** and JSON files, the page's own script, and the chart library (Vega, from
** Debian's libjs-vega, read from /usr/share/javascript/vega at report time
** and inlined). Opening it fetches nothing, so it opens offline and can be
** mailed or archived beside the output it describes.
**
** The kind of output is recognised from its files: a human security world
** run, a flight run (a Flee case), a flight validation over seeds, a civil
** violence run or ensemble, a comparison of policies (`humsec compare`), or
** an index computed by `humsec assess` (a CSV file rather than a folder).
*/
#ifndef HUMSEC_REPORT_H
#define HUMSEC_REPORT_H

#include <humsec/error.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

typedef enum hs_report_kind {
    HS_REPORT_WORLD = 0,    /* humsec run on a human security scenario */
    HS_REPORT_FLIGHT = 1,   /* humsec run on a Flee case (or --model flight) */
    HS_REPORT_VALIDATE = 2, /* humsec validate: a Flee case over seeds */
    HS_REPORT_CV = 3,       /* humsec run on a civil violence scenario */
    HS_REPORT_ENSEMBLE = 4, /* humsec ensemble: civil violence over seeds */
    HS_REPORT_COMPARE = 5,  /* humsec compare: arms over replicates */
    HS_REPORT_ASSESS = 6,   /* humsec assess -o FILE.csv: scores and ranks */
} hs_report_kind;

/* "world run", "flight run", ... Never NULL. */
const char *hs_report_kind_name(hs_report_kind kind);

/* Which kind of output path (a folder, or an assess CSV file) is; an error
** names the path and says what was looked for. */
hs_status hs_report_kind_of(const char *path, hs_report_kind *kind, hs_error *err);

/* Where the page goes by default: "<dir>/report.html" for a folder,
** "<file without .csv>.html" for an assess CSV. Newly allocated (caller
** frees), or NULL when out of memory. */
char *hs_report_default_path(const char *path);

typedef struct hs_report_opts {
    /* Folder holding Debian's vega/ and topojson-client/ scripts; NULL:
    ** /usr/share/javascript (libjs-vega). */
    const char *js_dir;
} hs_report_opts;

/* Write the page for the output at path (a folder, or an assess CSV) to
** html_path (NULL: hs_report_default_path). The page is written beside its
** place and renamed into it when complete (hs_outfile), so an earlier page is
** never left half written. Fails, naming the package to install, when the
** chart library is missing. opts may be NULL. */
hs_status hs_report_write(const char *path, const char *html_path, const hs_report_opts *opts,
                          hs_error *err);

#pragma GCC visibility pop

#endif
