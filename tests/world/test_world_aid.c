/*
** test_world_aid.c - donors' money (M14, M15; docs/odd/world.md "Donors"):
**  - money is conserved: accrued = spent + balance, spending never exceeds
**    the budget, and the ledger (aid.csv) and the daily records add up to what
**    summary.json says was spent;
**  - a donor with doctrine none changes nothing (every record as without it);
**  - --doctrine's library call gives every donor the doctrine's shares;
**  - bad donors are refused naming file, line and key.
** The instruments' effects over many seeds: heavy_world_aid.c.
*/
#include "world_fixture.h"

#include <jansson.h>
#include <humsec/outdir.h>
#include <stdlib.h>
#include <string.h>

static void add_donor(hs_world_scenario *sc, int doctrine, double budget)
{
    hs_world_donor *d = &sc->donors[sc->ndonors++];
    *d = (hs_world_donor){.doctrine = doctrine, .budget = budget, .end = -1};
    snprintf(d->name, sizeof d->name, "Donor%d", sc->ndonors);
    d->recipients = (1u << 0) | (1u << 1) | (1u << 2);
    for (int c = 0; c < HS_AID_COUNT; c++)
        d->share[c] = hs_doctrine_share(doctrine, c);
}

static void money_is_conserved(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    sc->ndonors = 0; /* not the default's own */
    add_donor(sc, HS_DOCTRINE_MIXED, 0.2);
    add_donor(sc, HS_DOCTRINE_FEAR, 0.05);
    sc->donors[1].start = 100;
    sc->donors[1].end = 250;
    const long days = 300;
    hs_world_sim *sim = world_run(sc, 2, days, 0);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/out", test_tmpdir("world-aid"));
    hs_outdir o;
    hs_error err;
    if (hs_outdir_open(&o, dir, &err) != HS_OK) world_fail(&err, "outdir");
    if (hs_world_sim_write(sim, &o, 0.0, &err) != HS_OK) world_fail(&err, "write");
    if (hs_outdir_commit(&o, &err) != HS_OK) world_fail(&err, "commit");

    char path[4200];
    snprintf(path, sizeof path, "%s/summary.json", dir);
    json_error_t jerr;
    json_t *j = json_load_file(path, 0, &jerr);
    assert_non_null(j);
    json_t *donors = json_object_get(j, "donors");
    double spent_all = 0.0;
    for (int d = 0; d < 2; d++) {
        double spent = world_donor_money(donors, sc->donors[d].name);
        spent_all += spent;
    }
    /* The second donor gives only from day 100 to day 250: 150 days of budget. */
    /* The ledger: every line's amount adds up to what was spent. */
    snprintf(path, sizeof path, "%s/aid.csv", dir);
    char *csv = test_read(path);
    assert_non_null(csv);
    double ledger = 0.0;
    long lines = 0;
    char *save = NULL;
    for (char *line = strtok_r(csv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "from_day,", 9) == 0) continue; /* the header */
        const char *last = strrchr(line, ',');
        assert_non_null(last);
        ledger += strtod(last + 1, NULL);
        lines++;
        /* Fear's instruments only while the second donor gives (allocated at the review
        ** after day 100, spent until day 250 and through the period it was allocated for). */
        if (strstr(line, ",Donor2,")) {
            long from = strtol(line, NULL, 10);
            assert_true(from >= 100 && from < 270);
        }
    }
    print_message("aid.csv: %ld lines adding up to %.9g; spent %.9g\n", lines, ledger, spent_all);
    assert_true(lines > 10);
    assert_true(fabs(ledger - spent_all) <= 1e-6 * spent_all);
    /* The daily records: aid in each state's territory, day by day. */
    double recorded = 0.0;
    for (long d = 0; d < days; d++)
        for (int s = 0; s < sc->nstates; s++)
            recorded += hs_world_sim_record(sim, HS_SCOPE_TERRITORY, s, d)->aid;
    assert_true(fabs(recorded - spent_all) <= 1e-9 * spent_all);
    free(csv);
    json_decref(j);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

static void a_donor_without_a_doctrine_changes_nothing(void **state)
{
    (void)state;
    hs_world_scenario *a = world_small(), *b = world_small();
    a->ndonors = 0; /* no donor at all, against the default's (none) and one more */
    add_donor(b, HS_DOCTRINE_NONE, 0.5);
    hs_world_sim *sa = world_run(a, 3, 200, 0), *sb = world_run(b, 3, 200, 0);
    for (long d = 0; d < 200; d++)
        for (int u = 0; u < a->geo.nloc; u++)
            assert_memory_equal(hs_world_sim_record(sa, HS_SCOPE_LOCATION, u, d),
                                hs_world_sim_record(sb, HS_SCOPE_LOCATION, u, d),
                                sizeof(hs_world_record));
    hs_world_sim_free(sa);
    hs_world_sim_free(sb);
    hs_world_scenario_free(a);
    hs_world_scenario_free(b);
}

static void a_doctrine_sets_every_donors_shares(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    add_donor(sc, HS_DOCTRINE_NONE, 0.1);
    add_donor(sc, HS_DOCTRINE_FEAR, 0.1);
    for (int doc = 0; doc < HS_DOCTRINE_COUNT; doc++) {
        hs_world_scenario_set_doctrine(sc, doc);
        double sum = 0.0;
        for (int c = 0; c < HS_AID_COUNT; c++) {
            assert_true(sc->donors[0].share[c] == hs_doctrine_share(doc, c));
            assert_true(sc->donors[1].share[c] == hs_doctrine_share(doc, c));
            sum += hs_doctrine_share(doc, c);
        }
        /* Every doctrine but none spends all its money. */
        assert_true(fabs(sum - (doc == HS_DOCTRINE_NONE ? 0.0 : 1.0)) < 1e-12);
    }
    /* The trust fund: health, food, livelihoods, schooling, camps and demobilisation. */
    for (int c = 0; c < HS_AID_COUNT; c++)
        assert_int_equal(hs_aid_fund_channel(c),
                         (c >= HS_AID_HEALTH && c <= HS_AID_CAMPS) || c == HS_AID_DEMOBILISATION);
    assert_string_equal(hs_aid_channel_name(HS_AID_DEMOBILISATION), "demobilisation");
    /* Fear buys only fear's instruments, want only want's. */
    for (int c = 0; c < HS_AID_COUNT; c++) {
        /* Intervention is paid when a coalition intervenes, outside the shares. */
        int fear = c <= HS_AID_SMALL_ARMS,
            want = hs_aid_fund_channel(c) || c == HS_AID_GRASSROOTS || c == HS_AID_ODA;
        assert_true((hs_doctrine_share(HS_DOCTRINE_FEAR, c) > 0) == fear);
        assert_true((hs_doctrine_share(HS_DOCTRINE_WANT, c) > 0) == want);
        assert_true(fabs(hs_doctrine_share(HS_DOCTRINE_MIXED, c) -
                         0.5 * (hs_doctrine_share(HS_DOCTRINE_FEAR, c) +
                                hs_doctrine_share(HS_DOCTRINE_WANT, c))) < 1e-12);
    }
    hs_world_scenario_free(sc);
}

/* A scenario with the default's files and a donors block; expect an error naming key. */
static void refused(const char *donors, const char *key, const char *words)
{
    const char *dir = test_tmpdir("world-aid-bad");
    char path[4200], text[65536];
    /* The default without its own donors, then these. */
    const char *base = hs_world_default_text("default.yml");
    const char *own = strstr(base, "\ndonors:");
    int keep = own ? (int)(own - base) + 1 : (int)strlen(base);
    /* Its comment above the block stays: harmless. */
    snprintf(text, sizeof text, "%.*s%s", keep, base, donors);
    snprintf(path, sizeof path, "%s/locations.csv", dir);
    test_write(path, hs_world_default_text("locations.csv"));
    snprintf(path, sizeof path, "%s/routes.csv", dir);
    test_write(path, hs_world_default_text("routes.csv"));
    snprintf(path, sizeof path, "%s/bad.yml", dir);
    test_write(path, text);
    hs_world_scenario *sc = NULL;
    hs_error err;
    if (hs_world_scenario_load(&sc, path, &err) == HS_OK) {
        hs_world_scenario_free(sc);
        fail_msg("accepted: %s", donors);
    }
    char msg[2048];
    hs_error_format(&err, msg, sizeof msg);
    print_message("%s\n", msg);
    assert_non_null(strstr(msg, "bad.yml:"));
    assert_non_null(strstr(msg, key));
    assert_non_null(strstr(msg, words));
}

static void bad_donors_are_refused(void **state)
{
    (void)state;
    refused("donors:\n  - {name: X, doctrine: peace, budget: 0.1}\n", "donors[0].doctrine",
            "not one of");
    refused("donors:\n  - {name: X, budget: 0.1, channels: {roads: 1}}\n", "donors[0].channels",
            "not a channel");
    refused("donors:\n  - {name: X, budget: 0.1, channels: {health: 0.5}}\n", "donors[0].channels",
            "add up to");
    refused("donors:\n  - {name: X, budget: 0.1, channels: {intervention: 1}}\n",
            "donors[0].channels", "not from a share");
    refused("donors:\n  - {name: X, budget: 0.1, recipients: [Atlantis]}\n", "donors[0].recipients",
            "unknown state");
    refused("donors:\n  - {name: X}\n", "donors[0]", "budget");
    refused("donors:\n  - {name: X, budget: 0.1, start: 50, end: 20}\n", "donors[0].end",
            "before it starts");
}

/* Two fear donors for Arland, in one coalition or not. */
static hs_world_scenario *two_fear_donors(int coalition)
{
    hs_world_scenario *sc = world_small();
    sc->ndonors = 0;
    add_donor(sc, HS_DOCTRINE_FEAR, 0.3);
    add_donor(sc, HS_DOCTRINE_FEAR, 0.3);
    for (int d = 0; d < 2; d++) {
        sc->donors[d].recipients = 1u << 0;
        if (coalition) snprintf(sc->donors[d].coalition, HS_WORLD_NAME_MAX, "HSN");
    }
    sc->params.r2p_threshold = 2e-5;
    return sc;
}

static long days_of(const hs_world_sim *sim, long days, int intervention)
{
    long n = 0;
    for (long d = 0; d < days; d++) {
        const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, 0, d);
        n += (intervention ? r->intervention : r->mine_ban) > 0.5;
    }
    return n;
}

/* The force costs half of Arland's own development spending a day: neither donor can
** keep it alone, the two together can (M16: a threshold only pooled action reaches). */
static void only_a_coalition_can_intervene(void **state)
{
    (void)state;
    long days[2];
    for (int together = 0; together < 2; together++) {
        hs_world_scenario *sc = two_fear_donors(together);
        hs_world_sim *sim = world_run(sc, 3, 540, 0);
        days[together] = days_of(sim, 540, 1);
        hs_world_sim_free(sim);
        hs_world_scenario_free(sc);
    }
    print_message("days of intervention in Arland: %ld apart, %ld in a coalition\n", days[0],
                  days[1]);
    assert_int_equal(days[0], 0);
    assert_true(days[1] > 0 && days[1] <= 180);
}

/* The mine-ban treaty spreads from a coalition that demines; in force, its signatories lay
** fewer mines. */
static void the_mine_ban_spreads_and_binds(void **state)
{
    (void)state;
    long bound[2];
    double erw[2];
    for (int effect = 0; effect < 2; effect++) {
        hs_world_scenario *sc = two_fear_donors(1);
        /* They advocate (a little demining), but spend on peacekeeping: the mines stay. */
        for (int d = 0; d < 2; d++) {
            for (int c = 0; c < HS_AID_COUNT; c++)
                sc->donors[d].share[c] = 0.0;
            sc->donors[d].share[HS_AID_DEMINING] = 0.001;
            sc->donors[d].share[HS_AID_PEACEKEEPING] = 0.999;
        }
        sc->params.treaty_rate = 0.5;
        sc->params.treaty_effect = effect ? 1.0 : 0.0;
        hs_world_sim *sim = world_run(sc, 3, 540, 0);
        bound[effect] = days_of(sim, 540, 0);
        /* Contamination where the fighting was (Norvik, location 1). */
        erw[effect] = hs_world_sim_record(sim, HS_SCOPE_LOCATION, 1, 539)->erw;
        hs_world_sim_free(sim);
        hs_world_scenario_free(sc);
    }
    print_message("the treaty binds Arland %ld days; ERW in Norvik %.4f without its effect, %.4f "
                  "with\n",
                  bound[1], erw[0], erw[1]);
    assert_true(bound[1] > 0 && bound[1] == bound[0]);
    assert_true(erw[1] < erw[0] * 0.8);
}

/* Refugees reaching the donor raise its budget (enlightened self-interest). */
static void refugees_raise_engagement(void **state)
{
    (void)state;
    double accrued[2];
    for (int engaged = 0; engaged < 2; engaged++) {
        hs_world_scenario *sc = world_small();
        sc->ndonors = 0;
        add_donor(sc, HS_DOCTRINE_WANT, 0.1);
        sc->donors[0].exposure = 1u << 1; /* Beria hosts Arland's refugees */
        sc->params.aid_engagement = engaged ? 5.0 : 0.0;
        hs_world_sim *sim = world_run(sc, 3, 450, 0);
        hs_world_donor_money m;
        assert_int_equal(hs_world_sim_donor_money(sim, 0, &m), 0);
        accrued[engaged] = m.accrued;
        hs_world_sim_free(sim);
        hs_world_scenario_free(sc);
    }
    print_message("accrued: %.3f unengaged, %.3f engaged by refugees in Beria\n", accrued[0],
                  accrued[1]);
    assert_true(accrued[1] > accrued[0] * 1.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(money_is_conserved),
        cmocka_unit_test(a_donor_without_a_doctrine_changes_nothing),
        cmocka_unit_test(a_doctrine_sets_every_donors_shares),
        cmocka_unit_test(bad_donors_are_refused),
        cmocka_unit_test(only_a_coalition_can_intervene),
        cmocka_unit_test(the_mine_ban_spreads_and_binds),
        cmocka_unit_test(refugees_raise_engagement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
