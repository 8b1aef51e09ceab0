/*
** owen.c - Taylor Owen's threshold definition of human security.
**
** Owen (Security Dialogue 35(3), 2004) keeps the broad UNDP list of threats but
** admits a threat only by its severity: it must be critical (beyond a threshold
** for a person or place) and pervasive (affecting a large share). His maps of
** Cambodia count, per area, how many threats are over threshold at once
** ("hotspots") rather than adding them into a weighted index. So this module
** does no aggregation: it flags, counts and shares. Thresholds are choices, and
** live in the index definition (critical: {above: x}, pervasive: {share: s}).
*/
#include <humsec/measure.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *hs_freedom_name(int freedom)
{
    switch (freedom) {
    case HS_FREEDOM_FEAR:
        return "fear";
    case HS_FREEDOM_WANT:
        return "want";
    case HS_FREEDOM_BOTH:
        return "both";
    default:
        return "none";
    }
}

static int is_critical(const hs_node *nd, double v)
{
    if (isnan(v)) return -1;
    if (!isnan(nd->crit_above) && v >= nd->crit_above) return 1;
    if (!isnan(nd->crit_below) && v <= nd->crit_below) return 1;
    return 0;
}

hs_status hs_owen_apply(hs_result *r, hs_error *err)
{
    const hs_index *ix = r->index;
    const hs_frame *f = r->frame;
    size_t n = r->nunits;
    int nn = r->nnodes;
    free(r->critical);
    free(r->hotspots);
    free(r->insecurity);
    free(r->share);
    free(r->pop_share);
    free(r->pervasive);
    free(r->together);
    r->together = calloc((size_t)nn * (size_t)nn, sizeof *r->together);
    r->critical = malloc((n ? n : 1) * (size_t)nn);
    r->hotspots = calloc(n ? n : 1, sizeof *r->hotspots);
    r->insecurity = calloc(n ? n : 1, sizeof *r->insecurity);
    r->share = malloc((size_t)nn * sizeof *r->share);
    r->pop_share = malloc((size_t)nn * sizeof *r->pop_share);
    r->pervasive = calloc((size_t)nn, sizeof *r->pervasive);
    if (!r->critical || !r->hotspots || !r->insecurity || !r->share || !r->pop_share ||
        !r->pervasive || !r->together)
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    int pv = ix->population[0] ? hs_frame_var(f, ix->population) : -1;
    if (ix->population[0] && pv < 0)
        return hs_error_set(err, HS_ERR_INVALID, f->path, 1, ix->population,
                            "no such column in the data (the population of pervasive: in %s)",
                            ix->path);
    int nfear = 0, nwant = 0;
    for (int i = 0; i < nn; i++) {
        const hs_node *nd = &ix->nodes[i];
        int has = !isnan(nd->crit_above) || !isnan(nd->crit_below);
        if (has && nd->freedom == HS_FREEDOM_FEAR) nfear++;
        if (has && nd->freedom == HS_FREEDOM_WANT) nwant++;
        size_t units = 0, crit = 0;
        double pop = 0, pop_crit = 0;
        for (size_t u = 0; u < n; u++) {
            signed char c =
                has ? (signed char)is_critical(nd, r->reported[u * (size_t)nn + (size_t)i]) : -1;
            r->critical[u * (size_t)nn + (size_t)i] = c;
            if (c < 0) continue;
            units++;
            crit += (size_t)c;
            if (pv >= 0) {
                double p = f->value[u * (size_t)f->nvars + (size_t)pv];
                if (!isnan(p)) {
                    pop += p;
                    pop_crit += c * p;
                }
            }
        }
        r->share[i] = units ? (double)crit / (double)units : NAN;
        r->pop_share[i] = pop > 0 ? pop_crit / pop : NAN;
        double s = !isnan(r->pop_share[i]) ? r->pop_share[i] : r->share[i];
        r->pervasive[i] = has && !isnan(s) && s >= ix->pervasive_share;
    }
    /* Which threats come together: Owen maps them to see where they compound. */
    for (size_t u = 0; u < n; u++) {
        const signed char *c = r->critical + u * (size_t)nn;
        for (int i = 0; i < nn; i++) {
            if (c[i] != 1) continue;
            for (int j = 0; j < nn; j++)
                if (c[j] == 1) r->together[(size_t)i * (size_t)nn + (size_t)j]++;
        }
    }
    for (size_t u = 0; u < n; u++) {
        int cf = 0, cw = 0, hot = 0;
        for (int i = 0; i < nn; i++) {
            if (r->critical[u * (size_t)nn + (size_t)i] != 1) continue;
            hot++;
            if (ix->nodes[i].freedom == HS_FREEDOM_FEAR) cf++;
            if (ix->nodes[i].freedom == HS_FREEDOM_WANT) cw++;
        }
        r->hotspots[u] = hot;
        /* Compare shares, not counts: two fear dimensions against five of want. */
        double sf = nfear ? (double)cf / nfear : 0, sw = nwant ? (double)cw / nwant : 0;
        r->insecurity[u] = (cf == 0 && cw == 0) ? HS_FREEDOM_NONE
                           : sf > sw            ? HS_FREEDOM_FEAR
                           : sw > sf            ? HS_FREEDOM_WANT
                                                : HS_FREEDOM_BOTH;
    }
    return HS_OK;
}
