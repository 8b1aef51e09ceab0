/*
** geo.c - states, locations and routes; links and adjacency built once.
*/
#include <humsec/geo.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *hs_loc_type_name(hs_loc_type t)
{
    switch (t) {
    case HS_LOC_TOWN:
        return "town";
    case HS_LOC_CONFLICT_ZONE:
        return "conflict_zone";
    case HS_LOC_CAMP:
        return "camp";
    case HS_LOC_IDPCAMP:
        return "idpcamp";
    case HS_LOC_FORWARDING_HUB:
        return "forwarding_hub";
    case HS_LOC_MARKER:
        return "marker";
    }
    return "unknown";
}

int hs_loc_type_parse(const char *name, hs_loc_type *t)
{
    char low[128];
    size_t n = 0;
    for (; name[n] && n < sizeof low - 1; n++)
        low[n] = (char)tolower((unsigned char)name[n]);
    low[n] = '\0';
    if (strstr(low, "camp"))
        *t = strstr(low, "idp") ? HS_LOC_IDPCAMP : HS_LOC_CAMP;
    else if (strstr(low, "conflict"))
        *t = HS_LOC_CONFLICT_ZONE;
    else if (strstr(low, "forward"))
        *t = HS_LOC_FORWARDING_HUB;
    else if (strstr(low, "marker"))
        *t = HS_LOC_MARKER;
    else if (strstr(low, "default") || strstr(low, "town") || strstr(low, "city"))
        *t = HS_LOC_TOWN;
    else
        return -1;
    return 0;
}

void hs_geo_init(hs_geo *w)
{
    memset(w, 0, sizeof *w);
}

static void free_strings(char **s, int n)
{
    if (!s) return;
    for (int i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

/* What hs_geo_build makes: links, adjacency, the name index. */
static void free_built(hs_geo *w)
{
    free(w->link_from);
    free(w->link_to);
    free(w->link_km);
    free(w->adj_start);
    free(w->adj_link);
    free(w->by_name);
}

void hs_geo_free(hs_geo *w)
{
    free_strings(w->state_name, w->nstates);
    free_strings(w->loc_name, w->nloc);
    free_strings(w->loc_region, w->nloc);
    free(w->loc_state);
    free(w->loc_lat);
    free(w->loc_lon);
    free(w->loc_type);
    free(w->loc_population);
    free(w->loc_source_line);
    free(w->route_a);
    free(w->route_b);
    free(w->route_km);
    free(w->route_forced);
    free_built(w);
    memset(w, 0, sizeof *w);
}

/* Grow an array to hold cap elements of size sz; 0 on success. */
static int grow(void *pp, int cap, size_t sz)
{
    void *p = realloc(*(void **)pp, (size_t)cap * sz);
    if (!p) return -1;
    *(void **)pp = p;
    return 0;
}

int hs_geo_state(hs_geo *w, const char *name)
{
    for (int i = 0; i < w->nstates; i++)
        if (strcmp(w->state_name[i], name) == 0) return i;
    if (w->nstates == w->cap_states) {
        int cap = w->cap_states ? 2 * w->cap_states : 8;
        if (grow(&w->state_name, cap, sizeof(char *))) return -1;
        w->cap_states = cap;
    }
    char *s = strdup(name);
    if (!s) return -1;
    w->state_name[w->nstates] = s;
    return w->nstates++;
}

int hs_geo_add_location(hs_geo *w, const char *name, const char *region, const char *state,
                        double lat, double lon, hs_loc_type type, double population,
                        long source_line, hs_error *err)
{
    if (w->nloc == w->cap_loc) {
        int cap = w->cap_loc ? 2 * w->cap_loc : 64;
        if (grow(&w->loc_name, cap, sizeof(char *)) || grow(&w->loc_region, cap, sizeof(char *)) ||
            grow(&w->loc_state, cap, sizeof(int32_t)) || grow(&w->loc_lat, cap, sizeof(double)) ||
            grow(&w->loc_lon, cap, sizeof(double)) || grow(&w->loc_type, cap, sizeof(uint8_t)) ||
            grow(&w->loc_population, cap, sizeof(double)) ||
            grow(&w->loc_source_line, cap, sizeof(long))) {
            hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
            return -1;
        }
        w->cap_loc = cap;
    }
    int st = hs_geo_state(w, state);
    char *n = strdup(name), *r = strdup(region ? region : "");
    if (st < 0 || !n || !r) {
        free(n);
        free(r);
        hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return -1;
    }
    int i = w->nloc++;
    w->loc_name[i] = n;
    w->loc_region[i] = r;
    w->loc_state[i] = st;
    w->loc_lat[i] = lat;
    w->loc_lon[i] = lon;
    w->loc_type[i] = (uint8_t)type;
    w->loc_population[i] = population;
    w->loc_source_line[i] = source_line;
    w->built = 0;
    return i;
}

int hs_geo_add_route(hs_geo *w, int a, int b, double km, int forced, hs_error *err)
{
    if (a < 0 || b < 0 || a >= w->nloc || b >= w->nloc) {
        hs_error_set(err, HS_ERR_USAGE, NULL, 0, NULL, "route between unknown locations");
        return -1;
    }
    if (w->nroutes == w->cap_routes) {
        int cap = w->cap_routes ? 2 * w->cap_routes : 64;
        if (grow(&w->route_a, cap, sizeof(int32_t)) || grow(&w->route_b, cap, sizeof(int32_t)) ||
            grow(&w->route_km, cap, sizeof(double)) ||
            grow(&w->route_forced, cap, sizeof(int32_t))) {
            hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
            return -1;
        }
        w->cap_routes = cap;
    }
    int r = w->nroutes++;
    w->route_a[r] = a;
    w->route_b[r] = b;
    w->route_km[r] = km;
    w->route_forced[r] = forced;
    w->built = 0;
    return r;
}

typedef struct named {
    const char *name;
    int32_t index;
} named;

static int named_cmp(const void *x, const void *y)
{
    const named *a = x, *b = y;
    int c = strcmp(a->name, b->name);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

hs_status hs_geo_build(hs_geo *w, const char *file, hs_error *err)
{
    free_built(w);
    w->nlinks = 2 * w->nroutes;
    size_t nl = (size_t)w->nlinks ? (size_t)w->nlinks : 1;
    w->link_from = malloc(nl * sizeof(int32_t));
    w->link_to = malloc(nl * sizeof(int32_t));
    w->link_km = malloc(nl * sizeof(float));
    w->adj_start = calloc((size_t)w->nloc + 1, sizeof(int32_t));
    w->adj_link = malloc(nl * sizeof(int32_t));
    w->by_name = malloc(((size_t)w->nloc + 1) * sizeof(int32_t));
    if (!w->link_from || !w->link_to || !w->link_km || !w->adj_start || !w->adj_link || !w->by_name)
        return hs_error_set(err, HS_ERR_NOMEM, file, 0, NULL, "out of memory");

    for (int r = 0; r < w->nroutes; r++) {
        int l = 2 * r;
        w->link_from[l] = w->route_a[r];
        w->link_to[l] = w->route_b[r];
        w->link_from[l + 1] = w->route_b[r];
        w->link_to[l + 1] = w->route_a[r];
        w->link_km[l] = w->link_km[l + 1] = (float)w->route_km[r];
    }
    /* Counting sort of links by origin, keeping route order within a location. */
    for (int l = 0; l < w->nlinks; l++)
        w->adj_start[w->link_from[l] + 1]++;
    for (int i = 0; i < w->nloc; i++)
        w->adj_start[i + 1] += w->adj_start[i];
    int32_t *fill = malloc(((size_t)w->nloc + 1) * sizeof(int32_t));
    if (!fill) return hs_error_set(err, HS_ERR_NOMEM, file, 0, NULL, "out of memory");
    memcpy(fill, w->adj_start, (size_t)w->nloc * sizeof(int32_t));
    /* Route order, not direction order: a location meets its links in the order
    ** the routes file lists them. */
    for (int r = 0; r < w->nroutes; r++)
        for (int d = 0; d < 2; d++) {
            int l = 2 * r + d;
            w->adj_link[fill[w->link_from[l]]++] = l;
        }
    free(fill);

    named *tmp = malloc(((size_t)w->nloc + 1) * sizeof *tmp);
    if (!tmp) return hs_error_set(err, HS_ERR_NOMEM, file, 0, NULL, "out of memory");
    for (int i = 0; i < w->nloc; i++)
        tmp[i] = (named){w->loc_name[i], i};
    qsort(tmp, (size_t)w->nloc, sizeof *tmp, named_cmp);
    for (int i = 0; i < w->nloc; i++)
        w->by_name[i] = tmp[i].index;
    free(tmp);
    for (int k = 1; k < w->nloc; k++) {
        int a = w->by_name[k - 1], b = w->by_name[k];
        if (strcmp(w->loc_name[a], w->loc_name[b]) == 0) {
            if (a > b) {
                int t = a;
                a = b;
                b = t;
            }
            return hs_error_set(err, HS_ERR_INVALID, file, w->loc_source_line[b], "name",
                                "duplicate location name '%s' (first defined on line %ld)",
                                w->loc_name[b], w->loc_source_line[a]);
        }
    }
    w->built = 1;
    return HS_OK;
}

int hs_geo_find(const hs_geo *w, const char *name)
{
    int lo = 0, hi = w->nloc - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(name, w->loc_name[w->by_name[mid]]);
        if (c == 0) return w->by_name[mid];
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return -1;
}

int hs_geo_link(const hs_geo *w, int a, int b)
{
    for (int k = w->adj_start[a]; k < w->adj_start[a + 1]; k++)
        if (w->link_to[w->adj_link[k]] == b) return w->adj_link[k];
    return -1;
}
