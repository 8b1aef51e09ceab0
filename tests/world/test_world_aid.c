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
        json_t *jd = json_object_get(donors, sc->donors[d].name);
        assert_non_null(jd);
        double acc = json_real_value(json_object_get(jd, "accrued"));
        double spent = json_real_value(json_object_get(jd, "spent"));
        double bal = json_real_value(json_object_get(jd, "balance"));
        print_message("%s: accrued %.6g, spent %.6g, balance %.6g\n", sc->donors[d].name, acc,
                      spent, bal);
        assert_true(acc > 0.0 && spent > 0.0 && bal >= 0.0);
        assert_true(spent <= acc * (1 + 1e-12));
        assert_true(fabs(acc - spent - bal) <= 1e-9 * acc);
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
    /* Fear buys only fear's instruments, want only want's. */
    for (int c = 0; c < HS_AID_COUNT; c++) {
        int fear = c <= HS_AID_SMALL_ARMS;
        assert_true((hs_doctrine_share(HS_DOCTRINE_FEAR, c) > 0) == fear);
        assert_true((hs_doctrine_share(HS_DOCTRINE_WANT, c) > 0) == !fear);
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
    refused("donors:\n  - {name: X, budget: 0.1, recipients: [Atlantis]}\n", "donors[0].recipients",
            "unknown state");
    refused("donors:\n  - {name: X}\n", "donors[0]", "budget");
    refused("donors:\n  - {name: X, budget: 0.1, start: 50, end: 20}\n", "donors[0].end",
            "before it starts");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(money_is_conserved),
        cmocka_unit_test(a_donor_without_a_doctrine_changes_nothing),
        cmocka_unit_test(a_doctrine_sets_every_donors_shares),
        cmocka_unit_test(bad_donors_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
