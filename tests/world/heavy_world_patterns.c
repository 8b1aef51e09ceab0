/*
** heavy_world_patterns.c - the embedded default against the patterns of the
** real world (../shared/reference/patterns.md), over SEEDS seeds at full size.
**
** Each check (a pattern on a state) must hold in every seed where it applies;
** the value and band are printed for every seed. A check the default is
** known to miss would be listed in KNOWN_MISSES with the reason (none is
** today); it is printed and counted, not asserted, and the test fails if it
** starts to hold (so that the list cannot go stale). P12 (camp epidemics rise with crowding and
*fall
** with health capacity) needs paired runs: heavy_world_mechanisms.c tests it
** ("health capacity limits the outbreak").
*/
#include "world_fixture.h"

#include <stdlib.h>
#include <string.h>

#define SEEDS 6

/* None today. (P7 was missed until services followed their funding with a
** lag, development.lag: the HDI-like index fell by a third with the economic
** shock alone.) The empty entry keeps the array valid C. */
static const struct {
    const char *id, *what;
    int state;
} KNOWN_MISSES[] = {{"", "", -1}};

static int known_miss(const hs_world_pattern *p)
{
    for (size_t k = 0; k < sizeof KNOWN_MISSES / sizeof *KNOWN_MISSES; k++)
        if (p->state == KNOWN_MISSES[k].state && strcmp(p->id, KNOWN_MISSES[k].id) == 0 &&
            strstr(p->what, KNOWN_MISSES[k].what))
            return 1;
    return 0;
}

static void the_default_holds_the_patterns(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_default();
    int max = HS_WORLD_PATTERNS_PER_STATE * sc->nstates;
    hs_world_pattern *p = calloc((size_t)max, sizeof *p);
    assert_non_null(p);
    int failures = 0, checked = 0, ids[13] = {0};
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        hs_world_sim *sim = world_run(sc, seed, -1, 0);
        int n = hs_world_sim_patterns(sim, p, max);
        for (int k = 0; k < n; k++) {
            if (!p[k].applies) continue;
            checked++;
            ids[atoi(p[k].id + 1)] = 1;
            int known = known_miss(&p[k]);
            const char *verdict = p[k].holds ? (known ? "HOLDS (listed as a miss)" : "holds")
                                             : (known ? "missed (known)" : "MISSED");
            print_message("seed %d %-4s %-7s %-48s %9.4g  band %-30s %s\n", (int)seed, p[k].id,
                          sc->states[p[k].state].name, p[k].what, p[k].value, p[k].band, verdict);
            if (p[k].holds == known) failures++;
        }
        hs_world_sim_free(sim);
    }
    print_message("%d checks over %d seeds, %d unexpected\n", checked, SEEDS, failures);
    /* Every pattern but P12 (paired runs, see above) is exercised by the default. */
    for (int id = 1; id <= 11; id++)
        if (!ids[id]) fail_msg("the default does not exercise P%d", id);
    assert_int_equal(failures, 0);
    free(p);
    hs_world_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_default_holds_the_patterns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
