/*
** assess.c - an index evaluated on a frame: every node for every unit.
**
** The work is column by column in the definition's topological order: an
** indicator is fetched, imputed, treated and normalised for all units at once
** (per year, since min-max, z-scores and imputation statistics compare units
** within one year), then each aggregate combines its children unit by unit.
** Values are kept unrounded; the published convention (round half away from
** zero at the node's decimals) applies to what is reported, ranked and classed.
*/
#include <humsec/measure.h>
#include <humsec/table.h>

#include "measure_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double hs_round(double x, int decimals)
{
    if (isnan(x) || decimals < 0) return x;
    double s = pow(10.0, decimals);
    double r = floor(fabs(x) * s + 0.5) / s;
    return x < 0 ? -r : r;
}

/* Units grouped by year: group g holds unit indices uofs[g] .. uofs[g+1]-1 in units. */
typedef struct year_groups {
    int n;
    size_t *units, *ofs;
} year_groups;

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static hs_status group_by_year(const hs_frame *f, year_groups *g, hs_error *err)
{
    memset(g, 0, sizeof *g);
    size_t n = f->nunits;
    int *years = malloc((n ? n : 1) * sizeof *years);
    g->units = malloc((n ? n : 1) * sizeof *g->units);
    g->ofs = malloc((n + 2) * sizeof *g->ofs);
    if (!years || !g->units || !g->ofs) {
        free(years);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    memcpy(years, f->year, n * sizeof *years);
    qsort(years, n, sizeof *years, int_cmp);
    int ny = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || years[i] != years[i - 1]) years[ny++] = years[i];
    size_t k = 0;
    for (int y = 0; y < ny; y++) {
        g->ofs[y] = k;
        for (size_t u = 0; u < n; u++)
            if (f->year[u] == years[y]) g->units[k++] = u;
    }
    g->ofs[ny] = k;
    g->n = ny;
    free(years);
    return HS_OK;
}

static void groups_free(year_groups *g)
{
    free(g->units);
    free(g->ofs);
}

/* Fetch, impute, treat and normalise one indicator for the units of one year. */
static hs_status eval_indicator(hs_result *r, const hs_node *nd, int node, const double *raw,
                                const char *const *group, const year_groups *g, int y, double *buf,
                                double *out, const char **keys, int *years, const char **grp,
                                hs_error *err)
{
    const hs_frame *f = r->frame;
    size_t a = g->ofs[y], m = g->ofs[y + 1] - a;
    for (size_t i = 0; i < m; i++) {
        size_t u = g->units[a + i];
        buf[i] = raw[u];
        keys[i] = f->iso3[u];
        years[i] = f->year[u];
        grp[i] = group ? group[u] : NULL;
    }
    hs_impute_apply(&nd->impute, buf, m, keys, years, group ? grp : NULL);
    hs_status st = nd->treat.on ? hs_treat_apply(&nd->treat, buf, m, NULL, err) : HS_OK;
    if (st != HS_OK) return st;
    hs_norm nm = nd->norm;
    nm.ref_unit = -1;
    if (nm.method == HS_NORM_DIST_REF)
        for (size_t i = 0; i < m; i++)
            if (strcmp(keys[i], nd->reference) == 0) nm.ref_unit = (long)i;
    st = hs_norm_apply(&nm, nd->transform, nd->direction, buf, out, m, err);
    if (st != HS_OK) {
        char field[HS_ERROR_FIELD_MAX];
        snprintf(field, sizeof field, "nodes.%s.normalise", nd->id);
        char msg[HS_ERROR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", err ? err->message : "");
        return hs_error_set(err, st, r->index->path, nd->line, field, "%s", msg);
    }
    for (size_t i = 0; i < m; i++)
        r->value[g->units[a + i] * (size_t)r->nnodes + (size_t)node] = out[i];
    return HS_OK;
}

/* PCA weights of an aggregate's children over the units of one year. */
static hs_status pca_weights(hs_result *r, const hs_node *nd, const year_groups *g, int y,
                             double *w, hs_error *err)
{
    size_t a = g->ofs[y], m = g->ofs[y + 1] - a;
    int k = nd->nchildren;
    double *x = malloc((m ? m : 1) * (size_t)k * sizeof *x);
    if (!x) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (size_t i = 0; i < m; i++)
        for (int c = 0; c < k; c++)
            x[i * (size_t)k + (size_t)c] =
                r->value[g->units[a + i] * (size_t)r->nnodes + (size_t)nd->children[c]];
    hs_status st = hs_weights_pca(x, m, k, w, NULL, err);
    free(x);
    if (st != HS_OK) {
        char field[HS_ERROR_FIELD_MAX], msg[HS_ERROR_MSG_MAX];
        snprintf(field, sizeof field, "nodes.%s.weights", nd->id);
        snprintf(msg, sizeof msg, "%s", err ? err->message : "");
        return hs_error_set(err, st, r->index->path, nd->line, field, "%s", msg);
    }
    return HS_OK;
}

typedef struct ranked_unit {
    double v;
    size_t u;
} ranked_unit;

static int ranked_desc(const void *a, const void *b)
{
    const ranked_unit *p = a, *q = b;
    return (p->v < q->v) - (p->v > q->v);
}

/* Competition ranking ("1224") of the reported top node within one year, as UNDP
** and INFORM publish ties. */
static void rank_year(hs_result *r, const year_groups *g, int y, ranked_unit *buf)
{
    size_t a = g->ofs[y], m = g->ofs[y + 1] - a, k = 0;
    int root = r->index->root, asc = r->index->rank_ascending;
    for (size_t i = 0; i < m; i++) {
        size_t u = g->units[a + i];
        double v = r->reported[u * (size_t)r->nnodes + (size_t)root];
        r->rank[u] = 0;
        if (!isnan(v)) buf[k++] = (ranked_unit){asc ? -v : v, u};
    }
    qsort(buf, k, sizeof *buf, ranked_desc);
    for (size_t i = 0; i < k; i++)
        r->rank[buf[i].u] =
            (i > 0 && buf[i].v == buf[i - 1].v) ? r->rank[buf[i - 1].u] : (long)i + 1;
}

static int band_of(const hs_index *ix, double v)
{
    if (isnan(v)) return -1;
    for (int b = 0; b < ix->nbands; b++)
        if (v >= ix->bands[b].min && v <= ix->bands[b].max) return b;
    return -1;
}

hs_status hs_assess(hs_result *r, const hs_index *ix, const hs_frame *f, hs_error *err)
{
    memset(r, 0, sizeof *r);
    r->index = ix;
    r->frame = f;
    r->nunits = f->nunits;
    r->nnodes = ix->nnodes;
    size_t cells = f->nunits * (size_t)ix->nnodes, n = f->nunits;
    size_t nw = 0;
    for (int i = 0; i < ix->nnodes; i++)
        nw += (size_t)ix->nodes[i].nchildren;
    r->value = malloc((cells ? cells : 1) * sizeof *r->value);
    r->reported = malloc((cells ? cells : 1) * sizeof *r->reported);
    r->published = malloc((cells ? cells : 1) * sizeof *r->published);
    r->rank = calloc(n ? n : 1, sizeof *r->rank);
    r->band = malloc((n ? n : 1) * sizeof *r->band);
    r->weights = malloc((nw ? nw : 1) * sizeof *r->weights);
    r->wofs = calloc((size_t)ix->nnodes + 1, sizeof *r->wofs);
    double *raw = malloc((n ? n : 1) * sizeof *raw), *buf = malloc((n ? n : 1) * sizeof *buf);
    double *out = malloc((n ? n : 1) * sizeof *out);
    const char **keys = malloc((n ? n : 1) * sizeof *keys),
               **grp = malloc((n ? n : 1) * sizeof *grp);
    const char **group = malloc((n ? n : 1) * sizeof *group);
    int *years = malloc((n ? n : 1) * sizeof *years);
    year_groups g = {0};
    hs_status st = HS_OK;
    if (!r->value || !r->reported || !r->published || !r->rank || !r->band || !r->weights ||
        !r->wofs || !raw || !buf || !out || !keys || !grp || !group || !years) {
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < cells; i++)
        r->value[i] = r->reported[i] = r->published[i] = NAN;
    for (size_t i = 0; i < nw; i++)
        r->weights[i] = NAN;
    for (int i = 0, o = 0; i < ix->nnodes; i++) {
        r->wofs[i] = (size_t)o;
        o += ix->nodes[i].nchildren;
    }
    for (size_t u = 0; u < n; u++)
        r->band[u] = -1;
    r->class_var =
        ix->class_node >= 0 && ix->class_column[0] ? hs_frame_var(f, ix->class_column) : -1;
    for (size_t u = 0; u < n; u++)
        if (f->year[u] > r->latest_year) r->latest_year = f->year[u];
    if ((st = group_by_year(f, &g, err)) != HS_OK) goto done;

    for (int k = 0; k < ix->nnodes; k++) {
        int i = ix->order[k];
        const hs_node *nd = &ix->nodes[i];
        int var = nd->column ? hs_frame_var(f, nd->column) : -1;
        if (nd->kind == HS_NODE_INDICATOR) {
            if (var < 0 && f->layout == HS_FRAME_TIDY) {
                st = hs_error_set(err, HS_ERR_INVALID, f->path, 0, "indicator",
                                  "no rows for indicator '%s' (node '%s' of %s, %s line %ld)",
                                  nd->column, nd->id, ix->id, ix->path, nd->line);
                goto done;
            }
            if (var < 0) {
                char hint[HS_ERROR_MSG_MAX];
                hs_frame_missing_hint(ix, f, hint, sizeof hint);
                st = hs_error_set(err, HS_ERR_INVALID, f->path, 1, nd->column,
                                  "no such column in the data (node '%s' of %s, %s line %ld)%s%s",
                                  nd->id, ix->id, ix->path, nd->line, hint[0] ? "; " : "", hint);
                goto done;
            }
            if ((st = hs_frame_numbers(f, var, raw, err)) != HS_OK) goto done;
            const char **gp = NULL;
            if (nd->impute.by[0]) {
                int gv = hs_frame_var(f, nd->impute.by);
                if (gv < 0) {
                    st =
                        hs_error_set(err, HS_ERR_INVALID, f->path, 1, nd->impute.by,
                                     "no such column in the data (the group of node '%s')", nd->id);
                    goto done;
                }
                for (size_t u = 0; u < n; u++)
                    group[u] = f->text[u * (size_t)f->nvars + (size_t)gv];
                gp = group;
            }
            for (int y = 0; y < g.n; y++)
                if ((st = eval_indicator(r, nd, i, raw, gp, &g, y, buf, out, keys, years, grp,
                                         err)) != HS_OK)
                    goto done;
        } else {
            if (nd->nchildren > 64) {
                st = hs_error_set(err, HS_ERR_INVALID, ix->path, nd->line, nd->id,
                                  "more than 64 children");
                goto done;
            }
            if (var >= 0)
                for (size_t u = 0; u < n; u++)
                    r->published[u * (size_t)ix->nnodes + (size_t)i] =
                        f->value[u * (size_t)f->nvars + (size_t)var];
            double w[64], x[64];
            const double *wp = nd->weights;
            for (int y = 0; y < g.n; y++) {
                if (nd->pca_weights) {
                    if ((st = pca_weights(r, nd, &g, y, w, err)) != HS_OK) goto done;
                    wp = w;
                }
                for (int c = 0; c < nd->nchildren; c++)
                    r->weights[r->wofs[i] + (size_t)c] = wp ? wp[c] : 1.0;
                for (size_t j = g.ofs[y]; j < g.ofs[y + 1]; j++) {
                    size_t u = g.units[j];
                    for (int c = 0; c < nd->nchildren; c++) {
                        size_t ci = u * (size_t)ix->nnodes + (size_t)nd->children[c];
                        x[c] = ix->use_published && !isnan(r->published[ci]) ? r->published[ci]
                                                                             : r->value[ci];
                    }
                    r->value[u * (size_t)ix->nnodes + (size_t)i] =
                        hs_agg_apply(&nd->agg, x, wp, nd->nchildren);
                }
            }
        }
        for (size_t u = 0; u < n; u++) {
            size_t c = u * (size_t)ix->nnodes + (size_t)i;
            r->reported[c] = hs_round(r->value[c], nd->decimals);
        }
    }
    ranked_unit *rbuf = malloc((n ? n : 1) * sizeof *rbuf);
    if (!rbuf) {
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    for (int y = 0; y < g.n; y++)
        rank_year(r, &g, y, rbuf);
    free(rbuf);
    for (size_t u = 0; u < n; u++) {
        if (!isnan(r->reported[u * (size_t)ix->nnodes + (size_t)ix->root])) r->nscored++;
        if (ix->class_node < 0) continue;
        double v = r->reported[u * (size_t)ix->nnodes + (size_t)ix->class_node];
        if (!isnan(ix->class_distance_from))
            v = hs_round(fabs(v - ix->class_distance_from), ix->nodes[ix->class_node].decimals);
        r->band[u] = band_of(ix, v);
    }
    if (ix->ncritical > 0) st = hs_owen_apply(r, err);
done:
    groups_free(&g);
    free(raw);
    free(buf);
    free(out);
    free(keys);
    free(grp);
    free(group);
    free(years);
    if (st != HS_OK) hs_result_free(r);
    return st;
}

void hs_result_free(hs_result *r)
{
    if (!r) return;
    free(r->value);
    free(r->reported);
    free(r->published);
    free(r->rank);
    free(r->band);
    free(r->weights);
    free(r->wofs);
    free(r->critical);
    free(r->hotspots);
    free(r->insecurity);
    free(r->share);
    free(r->pop_share);
    free(r->pervasive);
    free(r->together);
    memset(r, 0, sizeof *r);
}

const char *hs_result_class(const hs_result *r, size_t unit)
{
    int b = r->band[unit];
    return b >= 0 ? r->index->bands[b].label : "";
}

const char *hs_result_published_class(const hs_result *r, size_t unit)
{
    const hs_frame *f = r->frame;
    int cv = r->class_var;
    if (cv < 0) return NULL;
    if (f->layout == HS_FRAME_PANEL && !f->var_year[cv] && f->year[unit] != r->latest_year)
        return NULL;
    size_t c = unit * (size_t)f->nvars + (size_t)cv;
    if (f->state[c] == HS_CELL_MISSING || !f->text[c]) return NULL;
    return f->text[c];
}

static void put_number(FILE *out, double v, int decimals)
{
    if (isnan(v))
        fputs("NA", out);
    else if (decimals >= 0)
        fprintf(out, "%.*f", decimals, v);
    else
        fprintf(out, "%.10g", v);
}

hs_status hs_result_write_csv(const hs_result *r, const hs_mc *mc, FILE *out, const char *name,
                              hs_error *err)
{
    const hs_index *ix = r->index;
    const hs_frame *f = r->frame;
    int root = ix->root, has_class = ix->class_node >= 0;
    int pubclass = r->class_var;
    int has_pub = 0;
    for (size_t u = 0; u < r->nunits && !has_pub; u++)
        has_pub = !isnan(r->published[u * (size_t)r->nnodes + (size_t)root]);
    fputs("iso3,country,year,", out);
    hs_csv_put_text(out, ix->nodes[root].id);
    fputs(",rank", out);
    if (has_class) fputs(",class", out);
    if (mc) fputs(",median_rank,rank_p05,rank_p95", out);
    for (int i = 0; i < ix->nnodes; i++) {
        if (i == root) continue;
        fputc(',', out);
        hs_csv_put_text(out, ix->nodes[i].id);
    }
    int has_freedom = 0;
    if (r->critical) {
        for (int i = 0; i < ix->nnodes; i++) {
            if (isnan(ix->nodes[i].crit_above) && isnan(ix->nodes[i].crit_below)) continue;
            fputc(',', out);
            hs_csv_put_text(out, ix->nodes[i].id);
            fputs("_critical", out);
            if (ix->nodes[i].freedom) has_freedom = 1;
        }
        fputs(",hotspots", out);
        if (has_freedom) fputs(",insecurity", out);
    }
    if (has_pub) {
        fputs(",published_", out);
        hs_csv_put_text(out, ix->nodes[root].id);
    }
    if (pubclass >= 0) fputs(",published_class", out);
    fputc('\n', out);
    for (size_t u = 0; u < r->nunits; u++) {
        const double *v = r->reported + u * (size_t)r->nnodes;
        hs_csv_put_text(out, f->iso3[u][0] ? f->iso3[u] : "NA");
        fputc(',', out);
        hs_csv_put_text(out, f->name[u][0] ? f->name[u] : "NA");
        fputc(',', out);
        if (f->year[u])
            fprintf(out, "%d", f->year[u]);
        else
            fputs("NA", out);
        fputc(',', out);
        put_number(out, v[root], ix->nodes[root].decimals);
        if (r->rank[u])
            fprintf(out, ",%ld", r->rank[u]);
        else
            fputs(",NA", out);
        if (has_class) {
            fputc(',', out);
            hs_csv_put_text(out, r->band[u] >= 0 ? ix->bands[r->band[u]].label : "NA");
        }
        if (mc) {
            fputc(',', out);
            put_number(out, mc->median_rank[u], -1);
            fputc(',', out);
            put_number(out, mc->p05[u], -1);
            fputc(',', out);
            put_number(out, mc->p95[u], -1);
        }
        for (int i = 0; i < ix->nnodes; i++) {
            if (i == root) continue;
            fputc(',', out);
            put_number(out, v[i], ix->nodes[i].decimals);
        }
        if (r->critical) {
            for (int i = 0; i < ix->nnodes; i++) {
                if (isnan(ix->nodes[i].crit_above) && isnan(ix->nodes[i].crit_below)) continue;
                signed char c = r->critical[u * (size_t)r->nnodes + (size_t)i];
                fputs(c < 0 ? ",NA" : c ? ",1" : ",0", out);
            }
            fprintf(out, ",%d", r->hotspots[u]);
            if (has_freedom) fprintf(out, ",%s", hs_freedom_name(r->insecurity[u]));
        }
        if (has_pub) {
            fputc(',', out);
            put_number(out, r->published[u * (size_t)r->nnodes + (size_t)root], -1);
        }
        if (pubclass >= 0) {
            const char *t = hs_result_published_class(r, u);
            fputc(',', out);
            hs_csv_put_text(out, t ? t : "NA");
        }
        fputc('\n', out);
    }
    /* A full disk fails a write (errno ENOSPC) and leaves the stream in error; the
    ** flush makes the writes stdio still holds, so that they fail here, not later. */
    errno = 0;
    if (fflush(out) != 0 || ferror(out))
        return hs_error_set(err, HS_ERR_IO, name, 0, NULL, "write error: %s",
                            strerror(errno ? errno : EIO));
    return HS_OK;
}
