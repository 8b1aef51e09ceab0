/*
** test_world_coalition.c - a coalition's pooled trust fund (M16; docs/odd/world.md
** "Donors"):
**  - pooling moves a member's fund money to the coalition's recipients in need: two
**    donors give the camps channel (UNHCR), one to Arland, which has no camps, the
**    other to Beria and Cosra, which have them. Apart, the first finds no need and
**    spends nothing; pooled, it pays for Beria's and Cosra's camps, each camp's money
**    in the same proportion to its need as the other member's, and its part of every
**    camp's money is its part of the pool (the ledger keeps every unit by donor);
**  - money is conserved with pooling: for every donor accrued = spent + balance,
**    spent <= accrued, and the ledger (aid.csv) adds up, donor by donor and channel by
**    channel, to summary.json;
**  - demobilisation (the trust fund's DDR) is a channel a scenario file may name.
** The effects over many seeds (demobilisation, raids raising engagement):
** heavy_world_aid.c.
*/
#include "world_fixture.h"

#include <jansson.h>
#include <humsec/outdir.h>
#include <stdlib.h>
#include <string.h>

#define DAYS 450
#define MAXLINES 20000

/* A donor giving its whole budget to the camps channel. */
static hs_world_donor *camps_donor(hs_world_scenario *sc, const char *name, uint32_t recipients,
                                   int pooled)
{
    hs_world_donor *d = &sc->donors[sc->ndonors++];
    *d = (hs_world_donor){.doctrine = HS_DOCTRINE_WANT, .budget = 0.2, .end = -1, .custom = 1};
    snprintf(d->name, sizeof d->name, "%s", name);
    d->recipients = recipients;
    d->share[HS_AID_CAMPS] = 1.0;
    if (pooled) snprintf(d->coalition, sizeof d->coalition, "TF");
    return d;
}

/* One line of aid.csv. */
typedef struct line {
    long from;
    char donor[32], channel[32], location[64], state[32];
    double amount;
} line;

/* Run, write the outputs, read aid.csv (n lines into out) and summary.json. */
static json_t *run_and_read(const hs_world_scenario *sc, uint64_t seed, long days, line *out,
                            int *n, hs_world_sim **simp)
{
    hs_world_sim *sim = world_run(sc, seed, days, 0);
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/out", test_tmpdir("world-coalition"));
    hs_outdir o;
    hs_error err;
    if (hs_outdir_open(&o, dir, &err) != HS_OK) world_fail(&err, "outdir");
    if (hs_world_sim_write(sim, &o, 0.0, &err) != HS_OK) world_fail(&err, "write");
    if (hs_outdir_commit(&o, &err) != HS_OK) world_fail(&err, "commit");
    snprintf(path, sizeof path, "%s/aid.csv", dir);
    char *csv = test_read(path);
    assert_non_null(csv);
    *n = 0;
    char *save = NULL;
    for (char *t = strtok_r(csv, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
        if (strncmp(t, "from_day,", 9) == 0) continue;
        assert_true(*n < MAXLINES);
        line *l = &out[(*n)++];
        /* from_day,to_day,from_date,to_date,donor,doctrine,channel,location,state,amount;
        ** the location is empty for a state's channels (small arms, ODA). */
        char *f[10] = {0};
        int k = 0;
        for (char *c = t; k < 10; c++) {
            f[k++] = c;
            c = strchr(c, ',');
            if (!c) break;
            *c = '\0';
        }
        assert_int_equal(k, 10);
        l->from = strtol(f[0], NULL, 10);
        snprintf(l->donor, sizeof l->donor, "%s", f[4]);
        snprintf(l->channel, sizeof l->channel, "%s", f[6]);
        snprintf(l->location, sizeof l->location, "%s", f[7]);
        snprintf(l->state, sizeof l->state, "%s", f[8]);
        l->amount = strtod(f[9], NULL);
    }
    free(csv);
    snprintf(path, sizeof path, "%s/summary.json", dir);
    json_error_t jerr;
    json_t *j = json_load_file(path, 0, &jerr);
    assert_non_null(j);
    if (simp)
        *simp = sim;
    else
        hs_world_sim_free(sim);
    return j;
}

static double spent_on(json_t *j, const char *donor, const char *channel)
{
    json_t *jd = json_object_get(json_object_get(j, "donors"), donor);
    assert_non_null(jd);
    return json_real_value(json_object_get(json_object_get(jd, "spent_by_channel"), channel));
}

/* Pooling moves the money of a member whose own recipients have no need to the
** coalition's recipients that have it, camp by camp as the pool's need goes. */
static void pooling_moves_money_to_the_neediest(void **state)
{
    (void)state;
    static line lines[MAXLINES];
    for (uint64_t seed = 1; seed <= 2; seed++) {
        double alone = -1.0;
        for (int pooled = 0; pooled < 2; pooled++) {
            hs_world_scenario *sc = world_small();
            sc->ndonors = 0;
            camps_donor(sc, "Dry", 1u << 0, pooled);               /* Arland: no camps */
            camps_donor(sc, "Wet", (1u << 1) | (1u << 2), pooled); /* Beria, Cosra */
            int n;
            json_t *j = run_and_read(sc, seed, DAYS, lines, &n, NULL);
            double dry = spent_on(j, "Dry", "camps"), wet = spent_on(j, "Wet", "camps");
            print_message("seed %d, %s: Dry spent %.4g on camps, Wet %.4g\n", (int)seed,
                          pooled ? "pooled" : "apart", dry, wet);
            if (!pooled) {
                alone = dry;
                assert_true(dry == 0.0); /* no camp in Arland: no need, nothing spent */
                assert_true(wet > 0.0);
            } else {
                assert_true(alone == 0.0 && dry > 0.0);
                /* Every unit of Dry's money at Beria's and Cosra's camps; at each camp, in
                ** each period, Dry's part of the camp's money is the same (its part of the
                ** pool), so the camp with the most people in camps gets most of Dry's too. */
                double max_gap = 0.0, dry_at_top = 0.0, dry_total = 0.0;
                for (int a = 0; a < n; a++) {
                    if (strcmp(lines[a].donor, "Dry") != 0) continue;
                    assert_string_equal(lines[a].channel, "camps");
                    assert_true(strcmp(lines[a].state, "Beria") == 0 ||
                                strcmp(lines[a].state, "Cosra") == 0);
                    dry_total += lines[a].amount;
                    /* Wet's line for the same camp and period. */
                    double w = 0.0, ratio0 = -1.0;
                    for (int b = 0; b < n; b++)
                        if (lines[b].from == lines[a].from && strcmp(lines[b].donor, "Wet") == 0 &&
                            strcmp(lines[b].location, lines[a].location) == 0)
                            w = lines[b].amount;
                    assert_true(w > 0.0);
                    /* The first camp of the period sets the ratio the others must share. */
                    for (int b = 0; b < n && ratio0 < 0; b++)
                        if (lines[b].from == lines[a].from && strcmp(lines[b].donor, "Dry") == 0)
                            for (int c = 0; c < n; c++)
                                if (lines[c].from == lines[b].from &&
                                    strcmp(lines[c].donor, "Wet") == 0 &&
                                    strcmp(lines[c].location, lines[b].location) == 0)
                                    ratio0 = lines[b].amount / lines[c].amount;
                    double gap = fabs(lines[a].amount / w - ratio0) / ratio0;
                    if (gap > max_gap) max_gap = gap;
                }
                /* The neediest camp over the run: the one Wet (its own recipients) paid most. */
                char top[64] = "";
                double top_w = 0.0;
                for (int a = 0; a < n; a++) {
                    if (strcmp(lines[a].donor, "Wet") != 0) continue;
                    double w = 0.0;
                    for (int b = 0; b < n; b++)
                        if (strcmp(lines[b].donor, "Wet") == 0 &&
                            strcmp(lines[b].location, lines[a].location) == 0)
                            w += lines[b].amount;
                    if (w > top_w) {
                        top_w = w;
                        snprintf(top, sizeof top, "%s", lines[a].location);
                    }
                }
                double best_other = 0.0;
                for (int a = 0; a < n; a++) {
                    if (strcmp(lines[a].donor, "Dry") != 0) continue;
                    if (strcmp(lines[a].location, top) == 0) {
                        dry_at_top += lines[a].amount;
                        continue;
                    }
                    double o = 0.0;
                    for (int b = 0; b < n; b++)
                        if (strcmp(lines[b].donor, "Dry") == 0 &&
                            strcmp(lines[b].location, lines[a].location) == 0)
                            o += lines[b].amount;
                    if (o > best_other) best_other = o;
                }
                print_message("  Dry's money: %.4g, %.0f%% of it at the neediest camp (%s); "
                              "its part of each camp's money differs between camps by at most "
                              "%.2g (relative)\n",
                              dry_total, 100.0 * dry_at_top / dry_total, top, max_gap);
                assert_true(fabs(dry_total - dry) <= 1e-6 * dry);
                assert_true(max_gap < 1e-6);
                assert_true(dry_at_top > best_other);
            }
            json_decref(j);
            hs_world_scenario_free(sc);
        }
    }
}

/* Money is conserved when a coalition pools its trust fund: three donors, two in one
** coalition (one of them giving only for a while), one apart. */
static void money_is_conserved_when_pooled(void **state)
{
    (void)state;
    static line lines[MAXLINES];
    hs_world_scenario *sc = world_small();
    sc->ndonors = 0;
    const int doctrine[3] = {HS_DOCTRINE_WANT, HS_DOCTRINE_MIXED, HS_DOCTRINE_FEAR};
    const uint32_t to[3] = {1u << 0, (1u << 1) | (1u << 2), 1u << 0};
    for (int k = 0; k < 3; k++) {
        hs_world_donor *d = &sc->donors[sc->ndonors++];
        *d = (hs_world_donor){.doctrine = doctrine[k], .budget = 0.1 + 0.05 * k, .end = -1};
        snprintf(d->name, sizeof d->name, "Donor%d", k);
        d->recipients = to[k];
        for (int c = 0; c < HS_AID_COUNT; c++)
            d->share[c] = hs_doctrine_share(doctrine[k], c);
        if (k < 2) snprintf(d->coalition, sizeof d->coalition, "TF");
    }
    sc->donors[1].start = 60;
    sc->donors[1].end = 300;
    int n;
    hs_world_sim *sim;
    json_t *j = run_and_read(sc, 3, DAYS, lines, &n, &sim);
    double spent_all = 0.0;
    for (int d = 0; d < 3; d++) {
        double spent = world_donor_money(json_object_get(j, "donors"), sc->donors[d].name);
        /* The ledger, channel by channel, is what summary.json says was spent. */
        double ledger = 0.0;
        for (int c = 0; c < HS_AID_COUNT; c++) {
            double by = 0.0;
            for (int a = 0; a < n; a++)
                if (strcmp(lines[a].donor, sc->donors[d].name) == 0 &&
                    strcmp(lines[a].channel, hs_aid_channel_name(c)) == 0)
                    by += lines[a].amount;
            double sum = spent_on(j, sc->donors[d].name, hs_aid_channel_name(c));
            assert_true(fabs(by - sum) <= 1e-6 * (sum > 1e-3 ? sum : 1e-3));
            ledger += by;
        }
        assert_true(fabs(ledger - spent) <= 1e-6 * spent);
        spent_all += spent;
    }
    /* The pooled fund reached Beria's and Cosra's people with Donor0's money while Donor1
    ** gave (days 60-300), and only Arland's before and after. */
    double d0_away_in = 0.0, d0_away_out = 0.0;
    for (int a = 0; a < n; a++) {
        if (strcmp(lines[a].donor, "Donor0") != 0 || strcmp(lines[a].state, "Arland") == 0)
            continue;
        int in = lines[a].from >= 60 && lines[a].from < 300;
        *(in ? &d0_away_in : &d0_away_out) += lines[a].amount;
    }
    print_message("Donor0 (Arland's) in Beria and Cosra: %.4g while Donor1 gave, %.4g otherwise\n",
                  d0_away_in, d0_away_out);
    assert_true(d0_away_in > 0.0);
    assert_true(d0_away_out == 0.0);
    /* The daily records add up to the same. */
    double recorded = 0.0;
    for (long d = 0; d < DAYS; d++)
        for (int s = 0; s < sc->nstates; s++)
            recorded += hs_world_sim_record(sim, HS_SCOPE_TERRITORY, s, d)->aid;
    assert_true(fabs(recorded - spent_all) <= 1e-9 * spent_all);
    json_decref(j);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

/* A scenario file may name the trust fund's demobilisation channel and a coalition. */
static void a_file_names_demobilisation(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("world-coalition-file");
    char path[4200], text[65536];
    const char *base = hs_world_default_text("default.yml");
    const char *own = strstr(base, "\ndonors:");
    int keep = own ? (int)(own - base) + 1 : (int)strlen(base);
    snprintf(text, sizeof text,
             "%.*sdonors:\n"
             "  - {name: Nippon, budget: 0.1, coalition: TF, channels: {demobilisation: 0.5, "
             "camps: 0.5}}\n"
             "  - {name: Norland, doctrine: want, budget: 0.1, coalition: TF}\n",
             keep, base);
    snprintf(path, sizeof path, "%s/locations.csv", dir);
    test_write(path, hs_world_default_text("locations.csv"));
    snprintf(path, sizeof path, "%s/routes.csv", dir);
    test_write(path, hs_world_default_text("routes.csv"));
    snprintf(path, sizeof path, "%s/tf.yml", dir);
    test_write(path, text);
    hs_world_scenario *sc = NULL;
    hs_error err;
    if (hs_world_scenario_load(&sc, path, &err) != HS_OK) world_fail(&err, "load");
    assert_int_equal(sc->ndonors, 2);
    assert_true(sc->donors[0].share[HS_AID_DEMOBILISATION] == 0.5);
    assert_true(sc->donors[1].share[HS_AID_DEMOBILISATION] ==
                hs_doctrine_share(HS_DOCTRINE_WANT, HS_AID_DEMOBILISATION));
    assert_string_equal(sc->donors[0].coalition, sc->donors[1].coalition);
    hs_world_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pooling_moves_money_to_the_neediest),
        cmocka_unit_test(money_is_conserved_when_pooled),
        cmocka_unit_test(a_file_names_demobilisation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
