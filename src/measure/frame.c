/*
** frame.c - indicator data read from a file into units by variables.
**
** Three layouts are recognised from the header, so that the published files are
** read as they come rather than after an Excel session:
**   panel  UNDP's HDR table: one row per country, a column per variable and year
**          ("le_2022"); each (country, year) becomes a unit;
**   tidy   a long table with columns iso3, [year,] indicator, value;
**   wide   anything else: a row per unit, a column per variable (INFORM, FSI).
** The encoding is detected from the bytes: INFORM's file is Latin-1, UNDP's is
** UTF-8 with a byte order mark. Cells are kept as text too, so that a non-number
** is reported (file, line, column) only if an index actually uses it.
*/
#include <humsec/measure.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <humsec/table.h>

/* Marks that publishers use for "no value". "x" is INFORM's, ".." the World Bank's. */
static const char *const missing_marks[] = {"x",    "NA", "N/A", "n.a.", "..", "#VALUE!",
                                            "#N/A", "-",  "NaN", "null", NULL};

static int is_missing_mark(const char *s)
{
    if (!*s) return 1;
    for (int i = 0; missing_marks[i]; i++)
        if (strcasecmp(s, missing_marks[i]) == 0) return 1;
    return 0;
}

static int valid_utf8(const unsigned char *s)
{
    while (*s) {
        if (*s < 0x80) {
            s++;
            continue;
        }
        int n = (*s & 0xE0) == 0xC0 ? 1 : (*s & 0xF0) == 0xE0 ? 2 : (*s & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0) return 0;
        for (int i = 1; i <= n; i++)
            if ((s[i] & 0xC0) != 0x80) return 0;
        s += n + 1;
    }
    return 1;
}

static int table_is_utf8(const hs_table *t)
{
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->rows[r].nfields; c++)
            if (!valid_utf8((const unsigned char *)t->rows[r].fields[c])) return 0;
    return 1;
}

/* Year of a "stem_YYYY" column name and the stem's length, or 0. */
static int year_suffix(const char *col, size_t *stemlen)
{
    size_t n = strlen(col);
    if (n < 6 || col[n - 5] != '_') return 0;
    for (size_t i = n - 4; i < n; i++)
        if (!isdigit((unsigned char)col[i])) return 0;
    int y = atoi(col + n - 4);
    if (y < 1800 || y > 2199) return 0;
    *stemlen = n - 5;
    return y;
}

static int find_col(const hs_table *t, const char *const *names)
{
    const hs_row *h = &t->rows[0];
    for (int k = 0; names[k]; k++)
        for (int i = 0; i < h->nfields; i++) {
            const char *f = h->fields[i];
            if (i == 0 && f[0] == '#') f++;
            if (strcasecmp(f, names[k]) == 0) return i;
        }
    return -1;
}

static const char *header(const hs_table *t, int c)
{
    const char *f = hs_table_get(t, 0, c);
    return (c == 0 && f[0] == '#') ? f + 1 : f;
}

static hs_status nomem(const hs_frame *f, hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, f->path, 0, NULL, "out of memory");
}

/* Allocate the per-unit and per-cell arrays once the shape is known. */
static hs_status frame_alloc(hs_frame *f, size_t nunits, int nvars, hs_error *err)
{
    f->nunits = nunits;
    f->nvars = nvars;
    size_t cells = nunits * (size_t)nvars;
    f->iso3 = calloc(nunits ? nunits : 1, sizeof *f->iso3);
    f->name = calloc(nunits ? nunits : 1, sizeof *f->name);
    f->year = calloc(nunits ? nunits : 1, sizeof *f->year);
    f->line = calloc(nunits ? nunits : 1, sizeof *f->line);
    f->vars = calloc((size_t)nvars + 1, sizeof *f->vars);
    f->var_year = calloc((size_t)nvars + 1, 1);
    f->var_path = calloc((size_t)nvars + 1, sizeof *f->var_path);
    f->value = malloc((cells ? cells : 1) * sizeof *f->value);
    f->state = calloc(cells ? cells : 1, 1);
    f->text = calloc(cells ? cells : 1, sizeof *f->text);
    /* Per-cell lines only where a unit's cells come from several lines. */
    if (f->layout == HS_FRAME_TIDY || f->layout == 0)
        f->cell_line = calloc(cells ? cells : 1, sizeof *f->cell_line);
    if (!f->iso3 || !f->name || !f->year || !f->line || !f->vars || !f->var_year || !f->var_path ||
        !f->value || !f->state || !f->text ||
        ((f->layout == HS_FRAME_TIDY || f->layout == 0) && !f->cell_line))
        return nomem(f, err);
    for (size_t i = 0; i < cells; i++)
        f->value[i] = NAN;
    for (int v = 0; v < nvars; v++)
        f->var_path[v] = f->path;
    return HS_OK;
}

static void set_cell(hs_frame *f, size_t u, int v, const char *text, long line)
{
    size_t i = u * (size_t)f->nvars + (size_t)v;
    f->text[i] = text;
    if (f->cell_line) f->cell_line[i] = line;
    double d;
    /* Numbers first: they are most cells, and the marks are rare. */
    if (!*text) {
        f->state[i] = HS_CELL_MISSING;
        f->value[i] = NAN;
    } else if (hs_parse_double(text, &d) == 0) {
        f->state[i] = HS_CELL_NUMBER;
        f->value[i] = d;
    } else if (is_missing_mark(text)) {
        f->state[i] = HS_CELL_MISSING;
        f->value[i] = NAN;
    } else {
        f->state[i] = HS_CELL_TEXT;
        f->value[i] = NAN;
    }
}

static int var_index(char **vars, int nvars, const char *name, size_t len)
{
    for (int v = 0; v < nvars; v++)
        if (strlen(vars[v]) == len && strncmp(vars[v], name, len) == 0) return v;
    return -1;
}

/* Is a variable among those asked for (all when none are named)? */
static int wanted(const hs_frame_opts *o, const char *name, size_t len)
{
    if (!o->vars) return 1;
    for (const char *const *v = o->vars; *v; v++)
        if (strlen(*v) == len && strncmp(*v, name, len) == 0) return 1;
    return 0;
}

/* UNDP aggregates (regions, world, HDI groups) have codes like "ZZK.WORLD". */
static int is_aggregate_code(const char *iso3)
{
    return strncmp(iso3, "ZZ", 2) == 0 && strlen(iso3) > 3;
}

/* UNDP's aggregates by the names its tables give them: the HDI groups, regions and
** world of the time series (with their codes there), and the country groups of
** its other tables (no code). A table without an iso3 column is recognised by
** these names, so that "World" is never ranked among the countries. */
static const struct {
    const char *name, *code;
} undp_aggregates[] = {
    {"Very high human development", "ZZA.VHHD"},
    {"High human development", "ZZB.HHD"},
    {"Medium human development", "ZZC.MHD"},
    {"Low human development", "ZZD.LHD"},
    {"Arab States", "ZZE.AS"},
    {"East Asia and the Pacific", "ZZF.EAP"},
    {"Europe and Central Asia", "ZZG.ECA"},
    {"Latin America and the Caribbean", "ZZH.LAC"},
    {"South Asia", "ZZI.SA"},
    {"Sub-Saharan Africa", "ZZJ.SSA"},
    {"World", "ZZK.WORLD"},
    {"Developing countries", ""},
    {"Least developed countries", ""},
    {"Small island developing states", ""},
    {"Organisation for Economic Co-operation and Development", ""},
    {"Organization for Economic Co-operation and Development", ""},
    {"OECD", ""},
    {NULL, NULL},
};

/* The entry of undp_aggregates with this name (any case, spaces around ignored), or -1. */
static int undp_aggregate(const char *name)
{
    while (*name == ' ')
        name++;
    size_t n = strlen(name);
    while (n > 0 && name[n - 1] == ' ')
        n--;
    for (int k = 0; undp_aggregates[k].name; k++)
        if (strlen(undp_aggregates[k].name) == n &&
            strncasecmp(undp_aggregates[k].name, name, n) == 0)
            return k;
    return -1;
}

static hs_status unit_strings(hs_frame *f, size_t u, const char *iso3, const char *name)
{
    f->iso3[u] = strdup(iso3 ? iso3 : "");
    f->name[u] = strdup(name ? name : "");
    return (f->iso3[u] && f->name[u]) ? HS_OK : HS_ERR_NOMEM;
}

/* The code of a row: its iso3 column, else looked up from its country name (an
** aggregate's name gives UNDP's code for it). */
static const char *row_code(const hs_table *t, size_t r, int kcol, int ncol)
{
    if (kcol >= 0) return hs_table_get(t, r, kcol);
    if (ncol < 0) return "";
    const char *name = hs_table_get(t, r, ncol), *c = hs_country_iso3(name);
    int k = c ? -1 : undp_aggregate(name);
    return c ? c : k >= 0 ? undp_aggregates[k].code : "";
}

/* A row for a group of countries: its code says so, or, without a code, its name. */
static int row_is_aggregate(const hs_table *t, size_t r, int kcol, int ncol)
{
    const char *code = row_code(t, r, kcol, ncol);
    if (is_aggregate_code(code)) return 1;
    return !*code && ncol >= 0 && undp_aggregate(hs_table_get(t, r, ncol)) >= 0;
}

static hs_status build_panel(hs_frame *f, const hs_table *t, int kcol, int ncol,
                             const hs_frame_opts *o, hs_error *err)
{
    const hs_row *h = &t->rows[0];
    int ncols = h->nfields;
    int *col_var = malloc((size_t)ncols * sizeof *col_var);
    int *col_year = malloc((size_t)ncols * sizeof *col_year);
    char **vars = calloc((size_t)ncols, sizeof *vars);
    unsigned char *vyear = calloc((size_t)ncols, 1);
    size_t *keep = malloc(t->nrows * sizeof *keep);
    int ymin = 9999, ymax = 0, nvars = 0;
    hs_status st = HS_OK;
    if (!col_var || !col_year || !vars || !vyear || !keep) {
        st = nomem(f, err);
        goto done;
    }
    for (int c = 0; c < ncols; c++) {
        const char *name = header(t, c);
        size_t len = strlen(name);
        int y = year_suffix(name, &len);
        col_year[c] = y;
        col_var[c] = -1;
        if (c == kcol || c == ncol) continue;
        if (y) {
            if (y < ymin) ymin = y;
            if (y > ymax) ymax = y;
        }
        if (!wanted(o, name, len)) continue;
        int v = var_index(vars, nvars, name, len);
        if (v < 0) {
            vars[nvars] = strndup(name, len);
            if (!vars[nvars]) {
                st = nomem(f, err);
                goto done;
            }
            v = nvars++;
        }
        if (y) vyear[v] = 1;
        col_var[c] = v;
    }
    int y0 = ymin, y1 = ymax;
    if (o->year) {
        if (o->year < ymin || o->year > ymax) {
            st = hs_error_set(err, HS_ERR_INVALID, f->path, 1, NULL,
                              "no column for year %d (the file has %d-%d)", o->year, ymin, ymax);
            goto done;
        }
        y0 = y1 = o->year;
    }
    int nyears = y1 - y0 + 1;
    size_t nkeep = 0;
    for (size_t r = 1; r < t->nrows; r++) {
        if (!o->keep_aggregates && row_is_aggregate(t, r, kcol, ncol)) continue;
        keep[nkeep++] = r;
    }
    st = frame_alloc(f, nkeep * (size_t)nyears, nvars, err);
    if (st != HS_OK) goto done;
    for (int v = 0; v < nvars; v++) {
        f->vars[v] = vars[v];
        vars[v] = NULL;
        f->var_year[v] = vyear[v];
    }
    for (size_t k = 0; k < nkeep; k++) {
        size_t r = keep[k], base = k * (size_t)nyears;
        const hs_row *row = &t->rows[r];
        for (int yi = 0; yi < nyears; yi++) {
            if (unit_strings(f, base + (size_t)yi, row_code(t, r, kcol, ncol),
                             ncol >= 0 ? hs_table_get(t, r, ncol) : "") != HS_OK) {
                st = nomem(f, err);
                goto done;
            }
            f->year[base + (size_t)yi] = y0 + yi;
            f->line[base + (size_t)yi] = row->line;
        }
        int nf = row->nfields < ncols ? row->nfields : ncols;
        for (int c = 0; c < nf; c++) {
            int v = col_var[c];
            if (v < 0) continue;
            int y = col_year[c];
            if (y) {
                if (y < y0 || y > y1) continue;
                set_cell(f, base + (size_t)(y - y0), v, row->fields[c], row->line);
            } else {
                for (int yi = 0; yi < nyears; yi++)
                    set_cell(f, base + (size_t)yi, v, row->fields[c], row->line);
            }
        }
    }
done:
    if (vars)
        for (int v = 0; v < ncols; v++)
            free(vars[v]);
    free(vars);
    free(vyear);
    free(col_var);
    free(col_year);
    free(keep);
    return st;
}

static hs_status build_wide(hs_frame *f, const hs_table *t, int kcol, int ncol,
                            const hs_frame_opts *o, hs_error *err)
{
    static const char *const ynames[] = {"year", NULL};
    int ycol = find_col(t, ynames);
    int ncols = t->rows[0].nfields;
    size_t *keep = malloc(t->nrows * sizeof *keep);
    int *years = malloc(t->nrows * sizeof *years);
    int *col_var = malloc((size_t)ncols * sizeof *col_var);
    size_t nkeep = 0;
    int nvars = 0;
    hs_status st = HS_OK;
    if (!keep || !years || !col_var) {
        st = nomem(f, err);
        goto done;
    }
    for (size_t r = 1; r < t->nrows; r++) {
        long y = o->year;
        if (ycol >= 0) {
            st = hs_table_long(t, r, ycol, header(t, ycol), &y, err);
            if (st != HS_OK) goto done;
            if (o->year && y != o->year) continue;
        }
        if (!o->keep_aggregates && row_is_aggregate(t, r, kcol, ncol)) continue;
        years[nkeep] = (int)y;
        keep[nkeep++] = r;
    }
    for (int c = 0; c < ncols; c++)
        col_var[c] =
            (c == kcol || c == ncol || c == ycol || !wanted(o, header(t, c), strlen(header(t, c))))
                ? -1
                : nvars++;
    st = frame_alloc(f, nkeep, nvars, err);
    for (int c = 0; st == HS_OK && c < ncols; c++)
        if (col_var[c] >= 0 && !(f->vars[col_var[c]] = strdup(header(t, c)))) st = nomem(f, err);
    for (size_t k = 0; st == HS_OK && k < nkeep; k++) {
        const hs_row *row = &t->rows[keep[k]];
        if (unit_strings(f, k, row_code(t, keep[k], kcol, ncol),
                         ncol >= 0 ? hs_table_get(t, keep[k], ncol) : "") != HS_OK) {
            st = nomem(f, err);
            break;
        }
        f->year[k] = years[k];
        f->line[k] = row->line;
        for (int c = 0; c < ncols; c++)
            if (col_var[c] >= 0)
                set_cell(f, k, col_var[c], c < row->nfields ? row->fields[c] : "", row->line);
    }
done:
    free(col_var);
    free(keep);
    free(years);
    return st;
}

typedef struct tidy_key {
    const char *a;
    long b;
    size_t row;
} tidy_key;

static int tidy_cmp(const void *x, const void *y)
{
    const tidy_key *p = x, *q = y;
    int c = strcmp(p->a, q->a);
    if (c) return c;
    if (p->b != q->b) return p->b < q->b ? -1 : 1;
    return p->row < q->row ? -1 : p->row > q->row;
}

static hs_status build_tidy(hs_frame *f, const hs_table *t, int kcol, int ncol, int icol, int vcol,
                            const hs_frame_opts *o, hs_error *err)
{
    static const char *const ynames[] = {"year", NULL};
    int ycol = find_col(t, ynames);
    size_t n = 0;
    tidy_key *units = malloc(t->nrows * sizeof *units);
    tidy_key *inds = malloc(t->nrows * sizeof *inds);
    size_t *unit_of = calloc(t->nrows, sizeof *unit_of);
    int *var_of = calloc(t->nrows, sizeof *var_of);
    hs_status st = HS_OK;
    if (!units || !inds || !unit_of || !var_of) {
        st = nomem(f, err);
        goto done;
    }
    for (size_t r = 1; r < t->nrows; r++) {
        long y = o->year;
        if (ycol >= 0) {
            st = hs_table_long(t, r, ycol, header(t, ycol), &y, err);
            if (st != HS_OK) goto done;
            if (o->year && y != o->year) continue;
        }
        const char *code = row_code(t, r, kcol, ncol);
        if (!o->keep_aggregates && row_is_aggregate(t, r, kcol, ncol)) continue;
        const char *ind = hs_table_get(t, r, icol);
        if (*ind && !wanted(o, ind, strlen(ind))) continue;
        if (!*ind) {
            st = hs_error_set(err, HS_ERR_PARSE, f->path, t->rows[r].line, header(t, icol),
                              "missing indicator name");
            goto done;
        }
        units[n] = (tidy_key){code, y, r};
        inds[n] = (tidy_key){hs_table_get(t, r, icol), 0, r};
        n++;
    }
    qsort(units, n, sizeof *units, tidy_cmp);
    qsort(inds, n, sizeof *inds, tidy_cmp);
    size_t nunits = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(units[i].a, units[i - 1].a) || units[i].b != units[i - 1].b) nunits++;
        unit_of[units[i].row] = nunits - 1;
    }
    int nvars = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(inds[i].a, inds[i - 1].a)) nvars++;
        var_of[inds[i].row] = nvars - 1;
    }
    st = frame_alloc(f, nunits, nvars, err);
    if (st != HS_OK) goto done;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(inds[i].a, inds[i - 1].a)) {
            if (!(f->vars[var_of[inds[i].row]] = strdup(inds[i].a))) {
                st = nomem(f, err);
                goto done;
            }
        }
        size_t u = unit_of[units[i].row];
        if (!f->iso3[u]) {
            if (unit_strings(f, u, units[i].a,
                             ncol >= 0 ? hs_table_get(t, units[i].row, ncol) : "") != HS_OK) {
                st = nomem(f, err);
                goto done;
            }
            f->year[u] = (int)units[i].b;
            f->line[u] = t->rows[units[i].row].line;
        }
    }
    for (size_t i = 0; i < n; i++) {
        size_t r = inds[i].row, u = unit_of[r];
        int v = var_of[r];
        long line = t->rows[r].line;
        size_t c = u * (size_t)nvars + (size_t)v;
        if (f->cell_line[c]) {
            st = hs_error_set(err, HS_ERR_INVALID, f->path, line, inds[i].a,
                              "a second value for %s %d (the first is on line %ld)", f->iso3[u],
                              f->year[u], f->cell_line[c]);
            goto done;
        }
        set_cell(f, u, v, hs_table_get(t, r, vcol), line);
    }
done:
    free(units);
    free(inds);
    free(unit_of);
    free(var_of);
    return st;
}

static hs_status frame_from_table(hs_frame *f, hs_table *t, const hs_frame_opts *opts,
                                  hs_error *err)
{
    hs_frame_opts o = {0};
    if (opts) o = *opts;
    if (t->nrows < 2)
        return hs_error_set(err, HS_ERR_INVALID, f->path, t->nrows ? t->rows[0].line : 0, NULL,
                            "the table has no data rows, only a header");
    static const char *const knames[] = {"iso3", "iso", "iso_code", "iso3c", NULL};
    static const char *const nnames[] = {"country", "country_name", "name", NULL};
    static const char *const inames[] = {"indicator", NULL};
    static const char *const vnames[] = {"value", NULL};
    int kcol = find_col(t, knames), ncol = find_col(t, nnames);
    int icol = find_col(t, inames), vcol = find_col(t, vnames);
    if (kcol < 0 && ncol < 0)
        return hs_error_set(err, HS_ERR_INVALID, f->path, t->rows[0].line, "iso3",
                            "no column naming the units: need 'iso3' or 'country'");
    /* Two columns of one name: whichever were read, half the data would be lost. */
    int earlier, rep = hs_table_repeated_column(t, 0, &earlier);
    if (rep >= 0)
        return hs_error_set(err, HS_ERR_INVALID, f->path, t->rows[0].line, header(t, rep),
                            "column %d has the name of column %d: which one holds the data is "
                            "not clear (rename or remove one)",
                            rep + 1, earlier + 1);
    if (icol >= 0 && vcol >= 0) {
        f->layout = HS_FRAME_TIDY;
        return build_tidy(f, t, kcol, ncol, icol, vcol, &o, err);
    }
    for (int c = 0; c < t->rows[0].nfields; c++) {
        size_t len;
        if (year_suffix(header(t, c), &len)) {
            f->layout = HS_FRAME_PANEL;
            return build_panel(f, t, kcol, ncol, &o, err);
        }
    }
    f->layout = HS_FRAME_WIDE;
    return build_wide(f, t, kcol, ncol, &o, err);
}

static hs_status frame_read(hs_frame *f, const char *path, const char *text,
                            const hs_frame_opts *opts, hs_error *err)
{
    memset(f, 0, sizeof *f);
    f->path = strdup(path);
    hs_table *t = calloc(1, sizeof *t);
    if (!f->path || !t) {
        free(t);
        hs_frame_free(f);
        return hs_error_set(err, HS_ERR_NOMEM, path, 0, NULL, "out of memory");
    }
    f->table = t;
    hs_status st =
        text ? hs_table_read_text(t, path, text, 0, err) : hs_table_read(t, path, 0, err);
    if (st == HS_OK && !table_is_utf8(t)) {
        hs_table_free(t);
        f->latin1 = 1;
        st = text ? hs_table_read_text(t, path, text, HS_TABLE_LATIN1, err)
                  : hs_table_read(t, path, HS_TABLE_LATIN1, err);
    }
    if (st == HS_OK) st = frame_from_table(f, t, opts, err);
    if (st != HS_OK) hs_frame_free(f);
    return st;
}

hs_status hs_frame_read(hs_frame *f, const char *path, const hs_frame_opts *opts, hs_error *err)
{
    return frame_read(f, path, NULL, opts, err);
}

hs_status hs_frame_read_text(hs_frame *f, const char *name, const char *text,
                             const hs_frame_opts *opts, hs_error *err)
{
    return frame_read(f, name, text, opts, err);
}

void hs_frame_free(hs_frame *f)
{
    if (!f) return;
    for (size_t u = 0; u < f->nunits; u++) {
        if (f->iso3) free(f->iso3[u]);
        if (f->name) free(f->name[u]);
    }
    if (f->vars)
        for (int v = 0; v < f->nvars; v++)
            free(f->vars[v]);
    free(f->iso3);
    free(f->name);
    free(f->year);
    free(f->line);
    free(f->vars);
    free(f->var_year);
    free(f->var_path);
    free(f->value);
    free(f->state);
    free(f->text);
    free(f->cell_line);
    if (f->table) {
        hs_table_free(f->table);
        free(f->table);
    }
    free(f->path);
    memset(f, 0, sizeof *f);
}

int hs_frame_var(const hs_frame *f, const char *name)
{
    for (int v = 0; v < f->nvars; v++)
        if (strcmp(f->vars[v], name) == 0) return v;
    return -1;
}

long hs_frame_cell_where(const hs_frame *f, size_t unit, int var, char *buf, size_t n)
{
    if (f->var_year[var] && f->year[unit])
        snprintf(buf, n, "%s_%d", f->vars[var], f->year[unit]);
    else if (f->layout == HS_FRAME_TIDY)
        snprintf(buf, n, "value (indicator %s)", f->vars[var]);
    else
        snprintf(buf, n, "%s", f->vars[var]);
    long line = f->cell_line ? f->cell_line[unit * (size_t)f->nvars + (size_t)var] : 0;
    return line ? line : f->line[unit];
}

hs_status hs_frame_numbers(const hs_frame *f, int var, double *out, hs_error *err)
{
    for (size_t u = 0; u < f->nunits; u++) {
        size_t i = u * (size_t)f->nvars + (size_t)var;
        out[u] = f->value[i];
        if (f->state[i] == HS_CELL_TEXT) {
            char field[HS_ERROR_FIELD_MAX];
            long line = hs_frame_cell_where(f, u, var, field, sizeof field);
            return hs_error_set(err, HS_ERR_PARSE, f->var_path[var], line, field,
                                "not a number: '%s'", f->text[i]);
        }
    }
    return HS_OK;
}

/* Unit of frame g matching unit u of frame f, or -1: same iso3, and same year when
** both know theirs. */
static long match_unit(const hs_frame *f, size_t u, const hs_frame *g)
{
    if (!f->iso3[u][0]) return -1;
    long any = -1;
    for (size_t k = 0; k < g->nunits; k++) {
        if (strcmp(f->iso3[u], g->iso3[k]) != 0) continue;
        if (f->year[u] && g->year[k]) {
            if (f->year[u] == g->year[k]) return (long)k;
        } else if (any < 0) {
            any = (long)k;
        }
    }
    return any;
}

hs_status hs_frame_join(hs_frame *out, const hs_frame *frames, int n, hs_error *err)
{
    memset(out, 0, sizeof *out);
    if (n < 1) return hs_error_set(err, HS_ERR_USAGE, NULL, 0, NULL, "nothing to join");
    const hs_frame *first = &frames[0];
    int nvars = 0;
    for (int k = 0; k < n; k++)
        nvars += frames[k].nvars;
    out->path = strdup(first->path);
    if (!out->path) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_status st = frame_alloc(out, first->nunits, nvars, err); /* layout 0: per-cell lines */
    out->layout = first->layout;
    int v0 = 0;
    for (int k = 0; st == HS_OK && k < n; k++) {
        const hs_frame *g = &frames[k];
        for (int v = 0; st == HS_OK && v < g->nvars; v++) {
            char name[512];
            if (var_index(out->vars, v0 + v, g->vars[v], strlen(g->vars[v])) >= 0)
                snprintf(name, sizeof name, "%s@%d", g->vars[v], k + 1);
            else
                snprintf(name, sizeof name, "%s", g->vars[v]);
            if (!(out->vars[v0 + v] = strdup(name))) st = nomem(out, err);
            out->var_year[v0 + v] = g->var_year[v];
            out->var_path[v0 + v] = g->var_path[v];
        }
        for (size_t u = 0; st == HS_OK && u < first->nunits; u++) {
            if (k == 0) {
                if (unit_strings(out, u, first->iso3[u], first->name[u]) != HS_OK)
                    st = nomem(out, err);
                out->year[u] = first->year[u];
                out->line[u] = first->line[u];
            }
            long m = k == 0 ? (long)u : match_unit(first, u, g);
            if (m < 0) continue;
            for (int v = 0; v < g->nvars; v++) {
                size_t i = u * (size_t)nvars + (size_t)(v0 + v);
                size_t j = (size_t)m * (size_t)g->nvars + (size_t)v;
                out->value[i] = g->value[j];
                out->state[i] = g->state[j];
                out->text[i] = g->text[j];
                out->cell_line[i] = g->cell_line && g->cell_line[j] ? g->cell_line[j] : g->line[m];
            }
        }
        v0 += g->nvars;
    }
    if (st != HS_OK) hs_frame_free(out);
    return st;
}
