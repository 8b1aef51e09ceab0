/*
** hint.c - what to say when a table lacks the columns an index needs.
**
** Users bring the tables they have: UNDP's HDR in another year's layout (the
** statistical annex's Table 1 names its columns "Life expectancy at birth
** (years) 2019", not le_2019), the Fund for Peace's FSI as its spreadsheets of
** 2006-2019 name them ("C1: Security Apparatus", not C1), INFORM's of another
** edition. "No such column 'le'" is true but leaves them to guess; this says
** which table the file looks like, which of its columns hold what is needed, and
** every column the index needs that is not there, so that one message is enough
** to fix the file or write a definition for it.
*/
#include "measure_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <humsec/table.h>

/* A message being built in a fixed buffer; once full, it ends in "...". */
typedef struct hint_buf {
    char *s;
    size_t n, len;
    int full;
} hint_buf;

static void put(hint_buf *b, const char *fmt, ...)
{
    if (b->full || b->n == 0) return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b->s + b->len, b->n - b->len, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= b->n - b->len) {
        b->full = 1;
        if (b->n > 4) memcpy(b->s + b->n - 4, "...", 4);
        return;
    }
    b->len += (size_t)k;
}

/* The HDR's titles for what its time series calls le, eys, ...: the annex
** tables (Table 1 and its kin) use these, each followed by its unit and year. */
static const struct {
    const char *var, *title;
} hdr_titles[] = {
    {"hdi", "Human Development Index"},
    {"le", "Life expectancy at birth"},
    {"eys", "Expected years of schooling"},
    {"mys", "Mean years of schooling"},
    {"gnipc", "Gross national income (GNI) per capita"},
    {NULL, NULL},
};

static int starts_with_nocase(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int has_digit(const char *s)
{
    for (; *s; s++)
        if (isdigit((unsigned char)*s)) return 1;
    return 0;
}

/* A year (1990-2099) ending a column name ("... 2019"), or 0. */
static int trailing_year(const char *name)
{
    size_t k = strlen(name);
    if (k < 4) return 0;
    const char *y = name + k - 4;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)y[i])) return 0;
    int v = atoi(y);
    return v >= 1990 && v <= 2099 && (k == 4 || !isdigit((unsigned char)y[-1])) ? v : 0;
}

/* The same letters and digits in the same order, case aside, a year suffix of
** name ("_2019") aside: gni_pc_2019 for gnipc. */
static int same_letters(const char *name, const char *need)
{
    size_t k = strlen(name);
    if (k > 5 && name[k - 5] == '_' && trailing_year(name)) k -= 5;
    const char *end = name + k;
    for (;;) {
        while (name < end && !isalnum((unsigned char)*name))
            name++;
        while (*need && !isalnum((unsigned char)*need))
            need++;
        if (name == end || !*need) return name == end && !*need;
        if (tolower((unsigned char)*name++) != tolower((unsigned char)*need++)) return 0;
    }
}

/* Does a column of the file, by its name, hold the variable need? The same name
** but for case and separators; FSI's code with its title ("C1: Security
** Apparatus" for C1); the HDR's title (not a rank: "GNI per capita rank minus
** HDI rank"). */
static int holds(const char *name, const char *need)
{
    if (same_letters(name, need)) return 1;
    size_t k = strlen(need);
    if (has_digit(need) && starts_with_nocase(name, need) &&
        (name[k] == ':' || name[k] == ' ' || name[k] == '-'))
        return 1;
    for (int i = 0; hdr_titles[i].var; i++)
        if (strcmp(hdr_titles[i].var, need) == 0 && starts_with_nocase(name, hdr_titles[i].title) &&
            !strstr(name, "rank"))
            return 1;
    return 0;
}

/* The years in a column named "Year" (first four digits of each cell). */
static void year_range(const hs_table *t, int *lo, int *hi)
{
    *lo = *hi = 0;
    int c = -1;
    for (int j = 0; j < t->rows[0].nfields; j++)
        if (strcasecmp(t->rows[0].fields[j], "year") == 0) c = j;
    if (c < 0) return;
    for (size_t r = 1; r < t->nrows; r++) {
        const char *s = hs_table_get(t, r, c);
        if (strlen(s) < 4 || !isdigit((unsigned char)s[0])) continue;
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        if (y < 1900 || y > 2199) continue;
        if (!*lo || y < *lo) *lo = y;
        if (y > *hi) *hi = y;
    }
}

/* Which published table the header is, in words, or NULL. */
static const char *recognise(const hs_table *t, char *what, size_t n)
{
    const hs_row *h = &t->rows[0];
    int fsi = 0, annex = 0, series = 0, inform = 0, year = 0;
    for (int j = 0; j < h->nfields; j++) {
        const char *s = h->fields[j];
        if (s[0] && strchr("CEPSX", s[0]) && isdigit((unsigned char)s[1]) && s[2] == ':') fsi = 1;
        if (strcasecmp(s, "INFORM RISK") == 0) inform = 1;
        if (strncmp(s, "hdi_", 4) == 0 && trailing_year(s)) series = 1;
        for (int i = 0; hdr_titles[i].var; i++)
            if (starts_with_nocase(s, hdr_titles[i].title)) {
                annex = 1;
                if (!year) year = trailing_year(s);
            }
    }
    if (fsi) {
        int lo, hi;
        year_range(t, &lo, &hi);
        if (lo && lo == hi)
            snprintf(what, n, "the FSI table of %d in the Fund for Peace's layout of 2006-2019",
                     lo);
        else if (lo)
            snprintf(what, n, "the FSI tables of %d-%d in the Fund for Peace's layout of 2006-2019",
                     lo, hi);
        else
            snprintf(what, n, "an FSI table in the Fund for Peace's layout of 2006-2019");
        return what;
    }
    if (annex && year)
        snprintf(what, n, "the HDR's Table 1 with data of %d (the statistical annex's layout)",
                 year);
    else if (annex)
        snprintf(what, n, "an HDR table in the statistical annex's layout");
    else if (series)
        snprintf(what, n, "an HDR time series of another edition");
    else if (inform)
        snprintf(what, n, "an INFORM table");
    else
        return NULL;
    return what;
}

/* Indicator columns of ix that f lacks, each once; returns how many. */
static int missing_columns(const hs_index *ix, const hs_frame *f, const char **miss, int max)
{
    int m = 0;
    for (int i = 0; i < ix->nnodes && m < max; i++) {
        const char *c = ix->nodes[i].column;
        if (ix->nodes[i].kind != HS_NODE_INDICATOR || !c || hs_frame_var(f, c) >= 0) continue;
        int seen = 0;
        for (int k = 0; k < m; k++)
            seen |= strcmp(miss[k], c) == 0;
        if (!seen) miss[m++] = c;
    }
    return m;
}

void hs_frame_missing_hint(const hs_index *ix, const hs_frame *f, char *buf, size_t n)
{
    if (n) buf[0] = '\0';
    const char *miss[64];
    int m = missing_columns(ix, f, miss, 64);
    if (m == 0 || n == 0) return;
    hint_buf b = {buf, n, 0, 0};
    hs_table t;
    hs_error e;
    int have = f->path && hs_table_read(&t, f->path, f->latin1 ? HS_TABLE_LATIN1 : 0, &e) == HS_OK;
    char what[160];
    const char *looks = have ? recognise(&t, what, sizeof what) : NULL;
    if (looks) put(&b, "this looks like %s", looks);
    /* The columns that hold what is missing under other names. */
    int found = 0;
    const char *example = NULL, *example_for = NULL;
    for (int k = 0; have && k < m; k++)
        for (int j = 0; j < t.rows[0].nfields; j++)
            if (holds(t.rows[0].fields[j], miss[k])) {
                put(&b, "%s'%s' (for %s)",
                    found   ? ", "
                    : looks ? ": columns "
                            : "columns ",
                    t.rows[0].fields[j], miss[k]);
                if (!found) example = t.rows[0].fields[j], example_for = miss[k];
                found++;
                break;
            }
    if (found) put(&b, " found");
    put(&b, "%s%s needs column%s ", looks || found ? "; " : "", ix->id, m > 1 ? "s" : "");
    for (int k = 0; k < m; k++)
        put(&b, "%s%s", k ? ", " : "", miss[k]);
    put(&b, ", which %s not in the file by %s", m > 1 ? "are" : "is",
        m > 1 ? "those names" : "that name");
    if (found) {
        /* A panel's column keeps its year: gni_pc_2019 to gnipc_2019. */
        size_t k = strlen(example);
        int y = k > 5 && example[k - 5] == '_' ? trailing_year(example) : 0;
        char to[96];
        if (y)
            snprintf(to, sizeof to, "%s_%d", example_for, y);
        else
            snprintf(to, sizeof to, "%s", example_for);
        put(&b,
            ": rename the columns (e.g. '%s' to %s) or name them in a definition (docs/assess.md)",
            example, to);
    } else if (have) {
        put(&b, "; the file's columns are ");
        for (int j = 0; j < t.rows[0].nfields && j < 12; j++)
            put(&b, "%s'%s'", j ? ", " : "", t.rows[0].fields[j]);
        if (t.rows[0].nfields > 12) put(&b, " and %d more", t.rows[0].nfields - 12);
    }
    if (have) hs_table_free(&t);
}
