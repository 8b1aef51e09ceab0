/*
** scenario_donors.c - the scenario's donors (M14, M15; docs/odd/world.md
** "Donors"):
**   donors:
**     - name: Norland
**       doctrine: mixed        # none, fear, want, mixed
**       budget: 0.1            # a year, as a share of the recipients' own
**                              # yearly development spending at the start
**       recipients: [Arland]   # states it helps (default: every state)
**       start: 0               # optional days [start, end)
**       end: 730
**       channels: {health: 0.5, ddr: 0.5}   # optional: shares instead of the doctrine's
**                              # (the channels of hs_aid_channel_name, but intervention)
**       coalition: HSN         # optional: donors of one coalition act together (M16):
**                              # they pool the trust fund's channels
**       exposure: [Beria]      # optional: refugees hosted there, and raids on it,
**                              # raise its budget
** Strict as the rest of the reader: every error names file, line and key.
*/
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <humsec/table.h>
#include "world/scenario_internal.h"

static void doctrine_shares(hs_world_donor *d)
{
    for (int c = 0; c < HS_AID_COUNT; c++)
        d->share[c] = hs_doctrine_share(d->doctrine, c);
    d->custom = 0;
}

void hs_world_scenario_set_doctrine(hs_world_scenario *sc, int doctrine)
{
    for (int d = 0; d < sc->ndonors; d++) {
        sc->donors[d].doctrine = doctrine;
        doctrine_shares(&sc->donors[d]);
    }
}

/* donors[i].channels: {channel: share}, shares in [0, 1] adding up to 1. */
static hs_status read_channels(reader *r, struct fy_node *m, const char *prefix, hs_world_donor *d,
                               hs_error *err)
{
    char key[64];
    snprintf(key, sizeof key, "%s.channels", prefix);
    if (!hs_yaml_is_map(m))
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(m), key,
                            "expected a mapping of channels to shares of the budget");
    for (int c = 0; c < HS_AID_COUNT; c++)
        d->share[c] = 0.0;
    void *it = NULL;
    struct fy_node_pair *pair;
    double sum = 0.0;
    while ((pair = fy_node_mapping_iterate(m, &it)) != NULL) {
        const char *name = hs_yaml_scalar(fy_node_pair_key(pair));
        const char *vs = hs_yaml_scalar(fy_node_pair_value(pair));
        long line = hs_yaml_line(fy_node_pair_key(pair));
        int c = -1;
        for (int k = 0; name && k < HS_AID_COUNT; k++)
            if (strcmp(name, hs_aid_channel_name(k)) == 0) c = k;
        if (c < 0)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, key,
                                "'%s' is not a channel (demining, ddr, peacekeeping, small_arms, "
                                "health, food, livelihoods, schooling, camps, demobilisation, "
                                "grassroots, oda)",
                                name ? name : "?");
        /* A force is paid when a coalition intervenes, never from a share: a share of it
        ** would find no need and lie in the balance unspent. */
        if (c == HS_AID_INTERVENTION)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, key,
                                "'intervention' is paid from a coalition's balances when it "
                                "intervenes (the Responsibility to Protect), not from a share");
        double v;
        if (!vs || hs_parse_double(vs, &v) != 0 || v < 0 || v > 1)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, key,
                                "the share of '%s' is not a number in [0, 1]", name);
        d->share[c] = v;
        sum += v;
    }
    if (fabs(sum - 1.0) > 1e-6)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(m), key,
                            "the shares add up to %g, not 1", sum);
    d->custom = 1;
    return HS_OK;
}

/* donors[i].<what>: a list of states, as a bit mask; absent: every state (all) or none. */
static hs_status read_states(reader *r, struct fy_node *item, const char *prefix, const char *what,
                             int all, uint32_t *mask, hs_error *err)
{
    const hs_world_scenario *sc = r->sc;
    int list[HS_WORLD_MAX_STATES], n = 0;
    struct fy_node *rv = hs_yaml_get(item, what);
    hs_status st = world_read_state_names(r, item, prefix, what, -1, list, &n, err);
    if (st != HS_OK) return st;
    *mask = 0;
    for (int k = 0; k < n; k++)
        *mask |= 1u << list[k];
    if (!rv && all) *mask = sc->nstates >= 32 ? 0xffffffffu : (1u << sc->nstates) - 1u;
    if (rv && !*mask) {
        char key[96];
        snprintf(key, sizeof key, "%s.%s", prefix, what);
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(rv), key,
                            "the list is empty");
    }
    return HS_OK;
}

static hs_status read_donor(reader *r, struct fy_node *item, hs_error *err)
{
    hs_world_scenario *sc = r->sc;
    char prefix[32], key[64], doctrine[32] = "none";
    snprintf(prefix, sizeof prefix, "donors[%d]", sc->ndonors);
    long line = hs_yaml_line(item);
    if (sc->ndonors == HS_WORLD_MAX_DONORS)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, prefix,
                            "too many donors (at most %d)", HS_WORLD_MAX_DONORS);
    hs_world_donor *d = &sc->donors[sc->ndonors];
    *d = (hs_world_donor){.end = -1, .line = line};
    int seen_name = 0, seen_budget = 0;
    hs_yaml_field f[] = {
        {"name", HS_YF_STRING, d->name, 0, HS_WORLD_NAME_MAX, NULL, NULL, &seen_name},
        {"doctrine", HS_YF_STRING, doctrine, 0, sizeof doctrine},
        {"budget", HS_YF_DOUBLE, &d->budget, 0, 100, NULL, NULL, &seen_budget},
        {"recipients", HS_YF_IGNORE, NULL},
        {"channels", HS_YF_IGNORE, NULL},
        {"coalition", HS_YF_STRING, d->coalition, 0, HS_WORLD_NAME_MAX},
        {"exposure", HS_YF_IGNORE, NULL},
        {"start", HS_YF_LONG, &d->start, 0, 1e7},
        {"end", HS_YF_LONG, &d->end, 0, 1e7},
        {NULL},
    };
    hs_status st = hs_yaml_read_map(&r->y, item, prefix, f, 1, err);
    if (st != HS_OK) return st;
    if (!seen_name || !d->name[0] || !seen_budget)
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, prefix,
                            "a donor needs a 'name' and a 'budget'");
    for (int k = 0; k < sc->ndonors; k++)
        if (strcmp(sc->donors[k].name, d->name) == 0)
            return hs_error_set(err, HS_ERR_INVALID, r->y.path, line, prefix,
                                "donor '%s' is defined twice", d->name);
    if ((d->doctrine = hs_doctrine_parse(doctrine)) < 0) {
        snprintf(key, sizeof key, "%s.doctrine", prefix);
        return hs_error_set(err, HS_ERR_INVALID, r->y.path,
                            hs_yaml_line(hs_yaml_get(item, "doctrine")), key,
                            "'%s' is not one of: none, fear, want, mixed", doctrine);
    }
    if (d->end >= 0 && d->end <= d->start) {
        snprintf(key, sizeof key, "%s.end", prefix);
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(hs_yaml_get(item, "end")),
                            key, "the donor stops (day %ld) before it starts (day %ld)", d->end,
                            d->start);
    }
    doctrine_shares(d);
    struct fy_node *ch = hs_yaml_get(item, "channels");
    if (ch && (st = read_channels(r, ch, prefix, d, err)) != HS_OK) return st;
    if ((st = read_states(r, item, prefix, "recipients", 1, &d->recipients, err)) != HS_OK ||
        (st = read_states(r, item, prefix, "exposure", 0, &d->exposure, err)) != HS_OK)
        return st;
    sc->ndonors++;
    return HS_OK;
}

hs_status world_read_donors(reader *r, struct fy_node *root, hs_error *err)
{
    struct fy_node *ds = hs_yaml_get(root, "donors");
    if (!ds) return HS_OK;
    if (!hs_yaml_is_seq(ds))
        return hs_error_set(err, HS_ERR_INVALID, r->y.path, hs_yaml_line(ds), "donors",
                            "expected a list of donors");
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(ds, &it)) != NULL) {
        hs_status st = read_donor(r, item, err);
        if (st != HS_OK) return st;
    }
    return HS_OK;
}
