/*
** index.c - index definitions: a tree of indicators and aggregates read from YAML.
**
** An index is data, not code, so that the shipped HDI, INFORM, FSI definitions
** and a user's own index are read the same way and can be compared line by
** line with their methodology notes (docs/assess.md describes the format). The
** tree is checked once here - unknown children, cycles, unknown methods - so
** that evaluation can simply walk the nodes in the order computed here, children
** before parents.
*/
#include <humsec/measure.h>

#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <humsec/table.h>
#include "core/yaml.h"

#define MAX_CHILDREN 64
#define MAX_BANDS 16

static char *dupstr(const char *s)
{
    return s ? strdup(s) : NULL;
}

static hs_status nomem(const hs_yaml *y, hs_error *err)
{
    return hs_error_set(err, HS_ERR_NOMEM, y->path, 0, NULL, "out of memory");
}

int hs_index_node(const hs_index *ix, const char *id)
{
    for (int i = 0; i < ix->nnodes; i++)
        if (strcmp(ix->nodes[i].id, id) == 0) return i;
    return -1;
}

/* The fields of one node, read through the core's descriptor tables. */
typedef struct node_text {
    char label[256], column[256], aggregate[64], direction[32], transform[32];
    char norm_method[64], norm_reference[16];
    double norm_min, norm_max, norm_target, norm_scale, p, reflect, min_share;
    int norm_truncate, seen_min, seen_max, seen_target, seen_truncate, seen_norm;
    char impute_method[64], impute_by[64];
    long impute_years, round;
    char treat_method[64];
    double treat_skew, treat_kurt;
    long treat_points;
    double crit_above, crit_below;
    char freedom[16];
} node_text;

static hs_status read_children(const hs_yaml *y, struct fy_node *seq, const char *key,
                               const hs_index *ix, hs_node *nd, hs_error *err)
{
    if (!hs_yaml_is_seq(seq))
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(seq), key,
                            "expected a list of node names");
    int n = fy_node_sequence_item_count(seq);
    if (n < 1 || n > MAX_CHILDREN)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(seq), key,
                            "an aggregate needs 1 to %d children, not %d", MAX_CHILDREN, n);
    nd->children = malloc((size_t)n * sizeof *nd->children);
    if (!nd->children) return nomem(y, err);
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &it)) != NULL) {
        const char *s = hs_yaml_scalar(item);
        int c = s ? hs_index_node(ix, s) : -1;
        if (c < 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), key,
                                "unknown node '%s' (every child must be defined under nodes:)",
                                s ? s : "(not a name)");
        nd->children[nd->nchildren++] = c;
    }
    return HS_OK;
}

static hs_status read_weights(const hs_yaml *y, struct fy_node *v, const char *key, hs_node *nd,
                              hs_error *err)
{
    const char *s = hs_yaml_scalar(v);
    if (s) {
        if (strcmp(s, "pca") == 0) return nd->pca_weights = 1, HS_OK;
        if (strcmp(s, "equal") == 0) return HS_OK;
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(v), key,
                            "weights must be a list of numbers, 'equal' or 'pca', not '%s'", s);
    }
    double w[MAX_CHILDREN];
    int n = 0;
    void *it = NULL;
    struct fy_node *item;
    if (!hs_yaml_is_seq(v))
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(v), key,
                            "weights must be a list of numbers, 'equal' or 'pca'");
    while ((item = fy_node_sequence_iterate(v, &it)) != NULL) {
        const char *is = hs_yaml_scalar(item);
        double d;
        if (!is || hs_parse_double(is, &d) != 0 || d < 0)
            return hs_error_set(err, HS_ERR_PARSE, y->path, hs_yaml_line(item), key,
                                "a weight must be a number >= 0, not '%s'", is ? is : "?");
        if (n >= MAX_CHILDREN)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item), key,
                                "too many weights");
        w[n++] = d;
    }
    if (n != nd->nchildren)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(v), key,
                            "%d weights for %d children", n, nd->nchildren);
    nd->weights = malloc((size_t)n * sizeof *nd->weights);
    if (!nd->weights) return nomem(y, err);
    memcpy(nd->weights, w, (size_t)n * sizeof *w);
    return HS_OK;
}

static hs_status read_node(const hs_yaml *y, struct fy_node *map, const char *prefix, hs_index *ix,
                           hs_node *nd, hs_error *err)
{
    node_text t;
    memset(&t, 0, sizeof t);
    t.round = -1;
    t.norm_truncate = 1;
    t.reflect = 11;
    t.min_share = 1;
    t.p = 1;
    t.impute_years = 5;
    t.treat_skew = 2;
    t.treat_kurt = 3.5;
    t.treat_points = 5;
    t.crit_above = NAN;
    t.crit_below = NAN;
    int seen_agg = 0;
    hs_yaml_field critical[] = {{"above", HS_YF_DOUBLE, &t.crit_above, -1e300, 1e300},
                                {"below", HS_YF_DOUBLE, &t.crit_below, -1e300, 1e300},
                                {NULL}};
    hs_yaml_field norm[] = {
        {"method", HS_YF_STRING, t.norm_method, 0, sizeof t.norm_method},
        {"min", HS_YF_DOUBLE, &t.norm_min, -1e300, 1e300, NULL, NULL, &t.seen_min},
        {"max", HS_YF_DOUBLE, &t.norm_max, -1e300, 1e300, NULL, NULL, &t.seen_max},
        {"target", HS_YF_DOUBLE, &t.norm_target, -1e300, 1e300, NULL, NULL, &t.seen_target},
        {"truncate", HS_YF_BOOL, &t.norm_truncate, 0, 0, NULL, NULL, &t.seen_truncate},
        {"scale", HS_YF_DOUBLE, &t.norm_scale, -1e12, 1e12},
        {"reference", HS_YF_STRING, t.norm_reference, 0, sizeof t.norm_reference},
        {NULL}};
    hs_yaml_field impute[] = {{"method", HS_YF_STRING, t.impute_method, 0, sizeof t.impute_method},
                              {"by", HS_YF_STRING, t.impute_by, 0, sizeof t.impute_by},
                              {"years", HS_YF_LONG, &t.impute_years, 1, 100},
                              {NULL}};
    hs_yaml_field treat[] = {{"method", HS_YF_STRING, t.treat_method, 0, sizeof t.treat_method},
                             {"skew", HS_YF_DOUBLE, &t.treat_skew, 0, 1e6},
                             {"kurtosis", HS_YF_DOUBLE, &t.treat_kurt, -1e6, 1e6},
                             {"max_points", HS_YF_LONG, &t.treat_points, 0, 1000000},
                             {NULL}};
    hs_yaml_field fields[] = {
        {"label", HS_YF_STRING, t.label, 0, sizeof t.label},
        {"column", HS_YF_STRING, t.column, 0, sizeof t.column},
        {"aggregate", HS_YF_STRING, t.aggregate, 0, sizeof t.aggregate, NULL, NULL, &seen_agg},
        {"children", HS_YF_IGNORE},
        {"weights", HS_YF_IGNORE},
        {"direction", HS_YF_STRING, t.direction, 0, sizeof t.direction},
        {"transform", HS_YF_STRING, t.transform, 0, sizeof t.transform},
        {"normalise", HS_YF_MAP, NULL, 0, 0, norm, NULL, &t.seen_norm},
        {"impute", HS_YF_MAP, NULL, 0, 0, impute},
        {"treat", HS_YF_MAP, NULL, 0, 0, treat},
        {"round", HS_YF_LONG, &t.round, 0, 15},
        {"p", HS_YF_DOUBLE, &t.p, -1e3, 1e3},
        {"reflect", HS_YF_DOUBLE, &t.reflect, -1e12, 1e12},
        {"min_share", HS_YF_DOUBLE, &t.min_share, 0, 1},
        {"critical", HS_YF_MAP, NULL, 0, 0, critical},
        {"freedom", HS_YF_STRING, t.freedom, 0, sizeof t.freedom},
        {NULL}};
    hs_status st = hs_yaml_read_map(y, map, prefix, fields, 1, err);
    if (st != HS_OK) return st;

    char key[2 * HS_ERROR_FIELD_MAX];
    nd->line = hs_yaml_line(map);
    nd->label = dupstr(t.label[0] ? t.label : nd->id);
    nd->column = t.column[0] ? dupstr(t.column) : NULL;
    nd->decimals = (int)t.round;
    if (!nd->label || (t.column[0] && !nd->column)) return nomem(y, err);
    nd->crit_above = t.crit_above;
    nd->crit_below = t.crit_below;
    if (!isnan(t.crit_above) || !isnan(t.crit_below)) ix->ncritical++;
    if (hs_yaml_get(map, "critical") && isnan(t.crit_above) && isnan(t.crit_below))
        return hs_error_set(err, HS_ERR_INVALID, y->path,
                            hs_yaml_line(hs_yaml_get(map, "critical")), "critical",
                            "a threshold needs 'above' or 'below'");
    if (t.freedom[0]) {
        if (strcmp(t.freedom, "fear") == 0)
            nd->freedom = HS_FREEDOM_FEAR;
        else if (strcmp(t.freedom, "want") == 0)
            nd->freedom = HS_FREEDOM_WANT;
        else
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(map, "freedom")), "freedom",
                                "'fear' or 'want', not '%s'", t.freedom);
    }

    struct fy_node *children = hs_yaml_get(map, "children");
    if (children) {
        nd->kind = HS_NODE_AGGREGATE;
        static const char *const indicator_only[] = {"normalise", "impute",    "treat",
                                                     "transform", "direction", NULL};
        for (int k = 0; indicator_only[k]; k++)
            if (hs_yaml_get(map, indicator_only[k])) {
                snprintf(key, sizeof key, "%s.%s", prefix, indicator_only[k]);
                return hs_error_set(err, HS_ERR_INVALID, y->path,
                                    hs_yaml_line(hs_yaml_get(map, indicator_only[k])), key,
                                    "'%s' applies to indicators; an aggregate combines its "
                                    "children as they are",
                                    indicator_only[k]);
            }
        snprintf(key, sizeof key, "%s.children", prefix);
        if ((st = read_children(y, children, key, ix, nd, err)) != HS_OK) return st;
        snprintf(key, sizeof key, "%s.aggregate", prefix);
        if (!seen_agg)
            return hs_error_set(err, HS_ERR_INVALID, y->path, nd->line, key,
                                "a node with children needs an aggregate method");
        if (hs_agg_from_name(t.aggregate, &nd->agg.method) != 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(map, "aggregate")), key,
                                "unknown aggregation '%s' (arithmetic, geometric, harmonic, power, "
                                "reflected_geometric, max, min, sum, product, ratio)",
                                t.aggregate);
        if (nd->agg.method == HS_AGG_RATIO && nd->nchildren != 2)
            return hs_error_set(err, HS_ERR_INVALID, y->path, nd->line, key,
                                "a ratio needs exactly two children");
        nd->agg.p = t.p;
        nd->agg.reflect = t.reflect;
        nd->agg.min_share = t.min_share > 0 ? t.min_share : 1e-9; /* 0: at least one */
        struct fy_node *w = hs_yaml_get(map, "weights");
        snprintf(key, sizeof key, "%s.weights", prefix);
        if (w && (st = read_weights(y, w, key, nd, err)) != HS_OK) return st;
        return HS_OK;
    }

    nd->kind = HS_NODE_INDICATOR;
    if (!nd->column)
        return hs_error_set(err, HS_ERR_INVALID, y->path, nd->line, prefix,
                            "a node needs either 'column' (an indicator) or 'children' "
                            "(an aggregate)");
    if (seen_agg || hs_yaml_get(map, "weights"))
        return hs_error_set(err, HS_ERR_INVALID, y->path, nd->line, prefix,
                            "'aggregate' and 'weights' need 'children'");
    nd->direction = 1;
    if (t.direction[0]) {
        if (strcmp(t.direction, "negative") == 0 || strcmp(t.direction, "-1") == 0)
            nd->direction = -1;
        else if (strcmp(t.direction, "positive") != 0 && strcmp(t.direction, "1") != 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(map, "direction")), "direction",
                                "direction is 'positive' or 'negative', not '%s'", t.direction);
    }
    nd->transform = HS_TRANSFORM_NONE;
    if (t.transform[0]) {
        if (strcmp(t.transform, "ln") == 0 || strcmp(t.transform, "log") == 0)
            nd->transform = HS_TRANSFORM_LN;
        else if (strcmp(t.transform, "log10") == 0)
            nd->transform = HS_TRANSFORM_LOG10;
        else if (strcmp(t.transform, "none") != 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(map, "transform")), "transform",
                                "unknown transform '%s' (none, ln, log10)", t.transform);
    }
    nd->norm.method = HS_NORM_NONE;
    nd->norm.truncate = t.norm_truncate;
    nd->norm.scale = t.norm_scale;
    nd->norm.lo = t.norm_min;
    nd->norm.hi = t.norm_max;
    nd->norm.target = t.norm_target;
    nd->norm.ref_unit = -1;
    if (t.seen_norm) {
        struct fy_node *nm = hs_yaml_get(map, "normalise");
        snprintf(key, sizeof key, "%s.normalise.method", prefix);
        if (!t.norm_method[0])
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(nm), key,
                                "missing normalisation method");
        if (hs_norm_from_name(t.norm_method, &nd->norm.method) != 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(nm, "method")), key,
                                "unknown normalisation '%s' (none, goalposts, minmax, zscore, "
                                "rank, percentile, borda, distance_to_max, distance_to_target, "
                                "distance_to_reference)",
                                t.norm_method);
        if (nd->norm.method == HS_NORM_GOALPOSTS && (!t.seen_min || !t.seen_max))
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(nm), key,
                                "goalposts need min and max");
        if (nd->norm.method == HS_NORM_DIST_REF && !t.norm_reference[0])
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(nm), key,
                                "distance_to_reference needs reference (an iso3 code)");
        snprintf(nd->reference, sizeof nd->reference, "%s", t.norm_reference);
        if (nd->norm.method == HS_NORM_DIST_TARGET && !t.seen_target)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(nm), key,
                                "distance_to_target needs target");
    }
    if (t.impute_method[0]) {
        snprintf(key, sizeof key, "%s.impute.method", prefix);
        if (hs_impute_from_name(t.impute_method, &nd->impute.method) != 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(map), key,
                                "unknown imputation '%s' (mean, median, group_mean, "
                                "group_median, latest)",
                                t.impute_method);
        if ((nd->impute.method == HS_IMPUTE_GROUP_MEAN ||
             nd->impute.method == HS_IMPUTE_GROUP_MEDIAN) &&
            !t.impute_by[0])
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(map), key,
                                "group imputation needs 'by' (the group column)");
        nd->impute.max_years = (int)t.impute_years;
        snprintf(nd->impute.by, sizeof nd->impute.by, "%s", t.impute_by);
    }
    if (t.treat_method[0]) {
        snprintf(key, sizeof key, "%s.treat.method", prefix);
        if (strcmp(t.treat_method, "winsorise") == 0 || strcmp(t.treat_method, "winsorize") == 0)
            nd->treat.on = 1;
        else if (strcmp(t.treat_method, "none") != 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(map), key,
                                "unknown treatment '%s' (winsorise, none)", t.treat_method);
        nd->treat.max_skew = t.treat_skew;
        nd->treat.max_kurt = t.treat_kurt;
        nd->treat.max_points = (int)t.treat_points;
    }
    return HS_OK;
}

/* Depth-first topological sort; a grey node met again closes a cycle. */
static hs_status visit(const hs_yaml *y, hs_index *ix, int i, unsigned char *color, int *stack,
                       int depth, int *norder, hs_error *err)
{
    if (color[i] == 2) return HS_OK;
    stack[depth] = i;
    if (color[i] == 1) {
        char path[HS_ERROR_MSG_MAX / 2] = "";
        size_t n = 0;
        int from = depth - 1;
        while (from > 0 && stack[from] != i)
            from--;
        for (int k = from; k <= depth && n < sizeof path; k++)
            n += (size_t)snprintf(path + n, sizeof path - n, "%s%s", k > from ? " -> " : "",
                                  ix->nodes[stack[k]].id);
        const hs_node *last = &ix->nodes[depth > 0 ? stack[depth - 1] : i];
        char key[2 * HS_ERROR_FIELD_MAX];
        snprintf(key, sizeof key, "nodes.%s.children", last->id);
        return hs_error_set(err, HS_ERR_INVALID, y->path, last->line, key, "cycle: %s", path);
    }
    color[i] = 1;
    const hs_node *nd = &ix->nodes[i];
    for (int c = 0; c < nd->nchildren; c++) {
        hs_status st = visit(y, ix, nd->children[c], color, stack, depth + 1, norder, err);
        if (st != HS_OK) return st;
    }
    color[i] = 2;
    ix->order[(*norder)++] = i;
    return HS_OK;
}

static hs_status read_bands(const hs_yaml *y, struct fy_node *seq, hs_index *ix, hs_error *err)
{
    if (!hs_yaml_is_seq(seq))
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(seq), "classes.bands",
                            "expected a list of {label, min, max}");
    int n = fy_node_sequence_item_count(seq);
    if (n < 1 || n > MAX_BANDS)
        return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(seq), "classes.bands",
                            "1 to %d bands", MAX_BANDS);
    ix->bands = calloc((size_t)n, sizeof *ix->bands);
    if (!ix->bands) return nomem(y, err);
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &it)) != NULL) {
        hs_band *b = &ix->bands[ix->nbands++];
        b->min = -INFINITY;
        b->max = INFINITY;
        hs_yaml_field f[] = {{"label", HS_YF_STRING, b->label, 0, sizeof b->label},
                             {"min", HS_YF_DOUBLE, &b->min, -1e300, 1e300},
                             {"max", HS_YF_DOUBLE, &b->max, -1e300, 1e300},
                             {NULL}};
        hs_status st = hs_yaml_read_map(y, item, "classes.bands", f, 1, err);
        if (st != HS_OK) return st;
        if (!b->label[0])
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(item),
                                "classes.bands.label", "every band needs a label");
    }
    return HS_OK;
}

static hs_status index_parse(hs_index *ix, const hs_yaml *y, hs_error *err)
{
    struct fy_node *root = hs_yaml_root(y);
    char id[128] = "", name[256] = "", source[1024] = "", rootid[128] = "", propagate[32] = "";
    char rank[32] = "", cls_node[128] = "", cls_pub[64] = "", population[64] = "";
    double pervasive = 0.2;
    hs_yaml_field perv[] = {{"share", HS_YF_DOUBLE, &pervasive, 0, 1},
                            {"population", HS_YF_STRING, population, 0, sizeof population},
                            {NULL}};
    double dist = NAN;
    int seen_dist = 0;
    hs_yaml_field classes[] = {
        {"node", HS_YF_STRING, cls_node, 0, sizeof cls_node},
        {"published", HS_YF_STRING, cls_pub, 0, sizeof cls_pub},
        {"distance_from", HS_YF_DOUBLE, &dist, -1e300, 1e300, NULL, NULL, &seen_dist},
        {"bands", HS_YF_IGNORE},
        {NULL}};
    hs_yaml_field top[] = {{"id", HS_YF_STRING, id, 0, sizeof id},
                           {"name", HS_YF_STRING, name, 0, sizeof name},
                           {"source", HS_YF_STRING, source, 0, sizeof source},
                           {"description", HS_YF_IGNORE},
                           {"root", HS_YF_STRING, rootid, 0, sizeof rootid},
                           {"propagate", HS_YF_STRING, propagate, 0, sizeof propagate},
                           {"rank", HS_YF_STRING, rank, 0, sizeof rank},
                           {"classes", HS_YF_MAP, NULL, 0, 0, classes},
                           {"nodes", HS_YF_IGNORE},
                           {"pervasive", HS_YF_MAP, NULL, 0, 0, perv},
                           {NULL}};
    if (!root)
        return hs_error_set(err, HS_ERR_INVALID, y->path, 1, NULL, "the definition is empty");
    hs_status st = hs_yaml_read_map(y, root, "", top, 1, err);
    if (st != HS_OK) return st;
    ix->pervasive_share = pervasive;
    snprintf(ix->population, sizeof ix->population, "%s", population);
    ix->id = dupstr(id[0] ? id : "index");
    ix->name = dupstr(name[0] ? name : ix->id);
    ix->source = dupstr(source);
    if (!ix->id || !ix->name || !ix->source) return nomem(y, err);
    ix->use_published = 0;
    if (propagate[0]) {
        if (strcmp(propagate, "published") == 0)
            ix->use_published = 1;
        else if (strcmp(propagate, "computed") != 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(root, "propagate")), "propagate",
                                "'computed' or 'published', not '%s'", propagate);
    }
    if (rank[0]) {
        if (strcmp(rank, "ascending") == 0)
            ix->rank_ascending = 1;
        else if (strcmp(rank, "descending") != 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(root, "rank")), "rank",
                                "'descending' (1 = highest) or 'ascending', not '%s'", rank);
    }

    struct fy_node *nodes = hs_yaml_get(root, "nodes");
    if (!hs_yaml_is_map(nodes) || fy_node_mapping_item_count(nodes) < 1)
        return hs_error_set(err, HS_ERR_INVALID, y->path, nodes ? hs_yaml_line(nodes) : 1, "nodes",
                            "a definition needs 'nodes:', a mapping of node names to "
                            "indicators and aggregates");
    int n = fy_node_mapping_item_count(nodes);
    ix->nodes = calloc((size_t)n, sizeof *ix->nodes);
    ix->order = calloc((size_t)n, sizeof *ix->order);
    if (!ix->nodes || !ix->order) return nomem(y, err);
    void *it = NULL;
    struct fy_node_pair *pair;
    while ((pair = fy_node_mapping_iterate(nodes, &it)) != NULL) {
        const char *k = hs_yaml_scalar(fy_node_pair_key(pair));
        if (!k || !*k)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(fy_node_pair_key(pair)),
                                "nodes", "a node name must be text");
        if (hs_index_node(ix, k) >= 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(fy_node_pair_key(pair)),
                                "nodes", "node '%s' is defined twice", k);
        ix->nodes[ix->nnodes].id = dupstr(k);
        if (!ix->nodes[ix->nnodes].id) return nomem(y, err);
        ix->nodes[ix->nnodes].decimals = -1;
        ix->nnodes++;
    }
    it = NULL;
    int i = 0;
    while ((pair = fy_node_mapping_iterate(nodes, &it)) != NULL) {
        char prefix[HS_ERROR_FIELD_MAX];
        snprintf(prefix, sizeof prefix, "nodes.%s", ix->nodes[i].id);
        struct fy_node *v = fy_node_pair_value(pair);
        if (!hs_yaml_is_map(v))
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(fy_node_pair_key(pair)),
                                prefix,
                                "expected a mapping (column:, normalise:, or children:, "
                                "aggregate:)");
        if ((st = read_node(y, v, prefix, ix, &ix->nodes[i], err)) != HS_OK) return st;
        i++;
    }

    unsigned char *color = calloc((size_t)n, 1);
    int *stack = calloc((size_t)n + 1, sizeof *stack);
    int norder = 0;
    if (!color || !stack) {
        free(color);
        free(stack);
        return nomem(y, err);
    }
    for (int k = 0; k < n && st == HS_OK; k++)
        st = visit(y, ix, k, color, stack, 0, &norder, err);
    free(color);
    free(stack);
    if (st != HS_OK) return st;

    if (rootid[0]) {
        ix->root = hs_index_node(ix, rootid);
        if (ix->root < 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path,
                                hs_yaml_line(hs_yaml_get(root, "root")), "root",
                                "unknown node '%s'", rootid);
    } else {
        /* The top is the one node that is nobody's child. */
        ix->root = -1;
        for (int k = 0; k < n; k++) {
            int used = 0;
            for (int j = 0; j < n && !used; j++)
                for (int c = 0; c < ix->nodes[j].nchildren; c++)
                    if (ix->nodes[j].children[c] == k) used = 1;
            if (used) continue;
            if (ix->root >= 0)
                return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(nodes), "root",
                                    "several top nodes ('%s', '%s', ...): name one with 'root:'",
                                    ix->nodes[ix->root].id, ix->nodes[k].id);
            ix->root = k;
        }
        if (ix->root < 0)
            return hs_error_set(err, HS_ERR_INTERNAL, y->path, 0, "root", "no top node");
    }

    ix->class_node = -1;
    ix->class_distance_from = seen_dist ? dist : NAN;
    snprintf(ix->class_column, sizeof ix->class_column, "%s", cls_pub);
    struct fy_node *cl = hs_yaml_get(root, "classes");
    if (cl) {
        ix->class_node = cls_node[0] ? hs_index_node(ix, cls_node) : ix->root;
        if (ix->class_node < 0)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(cl), "classes.node",
                                "unknown node '%s'", cls_node);
        struct fy_node *bands = hs_yaml_get(cl, "bands");
        if (!bands)
            return hs_error_set(err, HS_ERR_INVALID, y->path, hs_yaml_line(cl), "classes.bands",
                                "classes need bands");
        if ((st = read_bands(y, bands, ix, err)) != HS_OK) return st;
    }
    return HS_OK;
}

static void add_column(const char **list, int *n, const char *name)
{
    if (!name || !*name) return;
    for (int i = 0; i < *n; i++)
        if (strcmp(list[i], name) == 0) return;
    list[(*n)++] = name;
}

const char **hs_index_columns(const hs_index *ix)
{
    const char **list = calloc(2 * (size_t)ix->nnodes + 3, sizeof *list);
    if (!list) return NULL;
    int n = 0;
    for (int i = 0; i < ix->nnodes; i++) {
        add_column(list, &n, ix->nodes[i].column);
        add_column(list, &n, ix->nodes[i].impute.by);
    }
    add_column(list, &n, ix->class_column);
    add_column(list, &n, ix->population);
    return list;
}

static hs_status index_load(hs_index *ix, const char *name, const char *path, const char *text,
                            hs_error *err)
{
    memset(ix, 0, sizeof *ix);
    ix->class_node = -1;
    hs_yaml y;
    hs_status st = path ? hs_yaml_load(&y, path, err) : hs_yaml_load_text(&y, name, text, err);
    if (st != HS_OK) return st;
    ix->path = dupstr(name);
    st = ix->path ? index_parse(ix, &y, err) : nomem(&y, err);
    hs_yaml_free(&y);
    if (st != HS_OK) hs_index_free(ix);
    return st;
}

hs_status hs_index_load_text(hs_index *ix, const char *name, const char *yaml, hs_error *err)
{
    return index_load(ix, name, NULL, yaml, err);
}

hs_status hs_index_load(hs_index *ix, const char *name_or_path, hs_error *err)
{
    const char *text = hs_index_builtin_text(name_or_path);
    if (text) {
        char name[256];
        snprintf(name, sizeof name, "builtin:%s", name_or_path);
        return index_load(ix, name, NULL, text, err);
    }
    struct stat sb;
    if (stat(name_or_path, &sb) != 0) {
        char list[256] = "";
        size_t n = 0;
        for (const char *const *b = hs_index_builtins(); *b && n < sizeof list; b++)
            n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", *b);
        memset(ix, 0, sizeof *ix);
        return hs_error_set(err, HS_ERR_INVALID, name_or_path, 0, "INDEX",
                            "unknown index: not a built-in (%s) and no such file", list);
    }
    return index_load(ix, name_or_path, name_or_path, NULL, err);
}

void hs_index_free(hs_index *ix)
{
    if (!ix) return;
    for (int i = 0; i < ix->nnodes; i++) {
        hs_node *nd = &ix->nodes[i];
        free(nd->id);
        free(nd->label);
        free(nd->column);
        free(nd->children);
        free(nd->weights);
    }
    free(ix->nodes);
    free(ix->order);
    free(ix->bands);
    free(ix->path);
    free(ix->id);
    free(ix->name);
    free(ix->source);
    memset(ix, 0, sizeof *ix);
    ix->class_node = -1;
}
