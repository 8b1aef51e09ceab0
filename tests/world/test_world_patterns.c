/*
** test_world_patterns.c - the checker of patterns.md (hs_world_sim_patterns):
** its values are what the daily record says, computed here independently;
** a run too short to settle checks nothing; a pattern a run does not
** exercise does not apply and is not counted as held.
*/
#include "world_fixture.h"

#include <stdlib.h>
#include <string.h>

static long living(const hs_world_record *r)
{
    long n = 0;
    for (int k = 0; k < HS_PS_COUNT; k++)
        if (k != HS_PS_DEAD) n += r->people[k];
    return n;
}

static const hs_world_pattern *find(const hs_world_pattern *p, int n, int state, const char *id,
                                    const char *what)
{
    for (int k = 0; k < n; k++)
        if (p[k].state == state && strcmp(p[k].id, id) == 0 && strstr(p[k].what, what))
            return &p[k];
    fail_msg("no check %s '%s' for state %d", id, what, state);
    return NULL;
}

static void values_are_the_record_s(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    const long days = 400;
    hs_world_sim *sim = world_run(sc, 2, days, 0);
    int max = HS_WORLD_PATTERNS_PER_STATE * sc->nstates;
    hs_world_pattern *p = calloc((size_t)max, sizeof *p);
    assert_non_null(p);
    int n = hs_world_sim_patterns(sim, p, max);
    assert_true(n > 10 * sc->nstates);
    for (int s = 0; s < sc->nstates; s++) {
        /* P2: the largest share of a state's people armed, after the first 30 days. */
        double armed = 0, disp = 0;
        for (long d = 30; d < days; d++) {
            const hs_world_record *r = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, d);
            double alive = (double)living(r);
            armed = fmax(armed, r->people[HS_PS_ARMED] / alive);
            disp = fmax(disp, (r->people[HS_PS_DISPLACED] + r->people[HS_PS_REFUGEE] +
                               r->people[HS_PS_CAMP]) /
                                  alive);
        }
        const hs_world_pattern *a = find(p, n, s, "P2", "most armed");
        assert_true(a->applies);
        assert_true(fabs(a->value - armed) < 1e-12);
        assert_int_equal(a->holds, armed <= 0.02);
        const hs_world_pattern *d = find(p, n, s, "P3", "displaced");
        if (d->applies) assert_true(fabs(d->value - disp) < 1e-12);
        /* A check that does not apply has no value and does not hold. */
        for (int k = 0; k < n; k++)
            if (!p[k].applies) {
                assert_true(isnan(p[k].value));
                assert_false(p[k].holds);
            }
    }
    /* Arland's war is a crisis; Beria, which only hosts, has none. */
    assert_true(find(p, n, 0, "P1", "in crisis")->applies);
    assert_false(find(p, n, 1, "P1", "in crisis")->applies);
    free(p);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

static void a_short_run_checks_nothing(void **state)
{
    (void)state;
    hs_world_scenario *sc = world_small();
    hs_world_sim *sim = world_run(sc, 2, 20, 0);
    hs_world_pattern p[8];
    assert_int_equal(hs_world_sim_patterns(sim, p, 8), 0);
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_are_the_record_s),
        cmocka_unit_test(a_short_run_checks_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
