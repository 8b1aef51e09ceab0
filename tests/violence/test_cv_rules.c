/*
** test_cv_rules.c - Epstein's rules as pure functions, vision shapes,
** parameter checks and schedules. Exact values: no tolerance needed.
*/
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/violence.h>

static void grievance_and_arrest_probability(void **state)
{
    (void)state;
    assert_true(fabs(hs_cv_grievance(0.5, 0.8) - 0.1) < 1e-15);
    assert_true(hs_cv_grievance(1.0, 1.0) == 0.0);
    /* C/A = 3/2: floor 1, round 2, none 1.5. */
    double k = 2.3;
    assert_true(fabs(hs_cv_arrest_probability(k, 3, 2, HS_CV_FLOOR) - (1 - exp(-2.3))) < 1e-15);
    assert_true(fabs(hs_cv_arrest_probability(k, 3, 2, HS_CV_ROUND) - (1 - exp(-4.6))) < 1e-15);
    assert_true(fabs(hs_cv_arrest_probability(k, 3, 2, HS_CV_NONE) - (1 - exp(-3.45))) < 1e-15);
    /* Fewer cops than actives: floor gives 0 (no risk); round halves to even like Python. */
    assert_true(hs_cv_arrest_probability(k, 1, 2, HS_CV_FLOOR) == 0.0);
    assert_true(hs_cv_arrest_probability(k, 1, 2, HS_CV_ROUND) == 0.0); /* round(0.5) = 0 */
    assert_true(fabs(hs_cv_arrest_probability(k, 5, 2, HS_CV_ROUND) - (1 - exp(-4.6))) <
                1e-15); /* round(2.5) = 2 */
    assert_true(hs_cv_arrest_probability(k, 1, 2, HS_CV_NONE) > 0.68);
    assert_true(hs_cv_arrest_probability(k, 0, 1, HS_CV_NONE) == 0.0);
    /* A < 1 is treated as 1 (the agent counts itself). */
    assert_true(hs_cv_arrest_probability(k, 2, 0, HS_CV_FLOOR) ==
                hs_cv_arrest_probability(k, 2, 1, HS_CV_FLOOR));
}

static void activation_rule(void **state)
{
    (void)state;
    /* G - R P > T, strictly. */
    assert_true(hs_cv_decide_active(0.5, 0.2, 1.0, 0.1));
    assert_false(hs_cv_decide_active(0.3, 0.2, 1.0, 0.1)); /* 0.1 is not > 0.1 */
    assert_false(hs_cv_decide_active(0.5, 0.5, 1.0, 0.1));
    assert_true(hs_cv_decide_active(0.5, 0.5, 0.0, 0.1)); /* no cops: risk vanishes */
}

static void jail_terms_cover_zero_to_max(void **state)
{
    (void)state;
    long counts[31] = {0};
    for (uint32_t i = 0; i < 31000; i++) {
        hs_stream s = hs_stream_open(7, i, 0, HS_RNG_CV);
        long t = hs_cv_jail_term(&s, 30);
        assert_true(t >= 0 && t <= 30);
        counts[t]++;
    }
    /* 1000 expected per value; 6 standard deviations is about 190. */
    for (int t = 0; t <= 30; t++)
        assert_true(labs(counts[t] - 1000) < 190);
    hs_stream s = hs_stream_open(7, 0, 0, HS_RNG_CV);
    assert_int_equal(hs_cv_jail_term(&s, 0), 0);
}

static void arrests_pick_uniformly_and_sentences_run_down(void **state)
{
    (void)state;
    hs_stream s = hs_stream_open(3, 1, 0, HS_RNG_CV);
    assert_int_equal(hs_cv_arrest_pick(&s, 0), -1);
    long counts[7] = {0};
    for (uint32_t i = 0; i < 7000; i++) {
        hs_stream t = hs_stream_open(3, i, 1, HS_RNG_CV);
        long k = hs_cv_arrest_pick(&t, 7);
        assert_true(k >= 0 && k < 7);
        counts[k]++;
    }
    /* 1000 expected each; 6 standard deviations is about 185. */
    for (int k = 0; k < 7; k++)
        assert_true(labs(counts[k] - 1000) < 185);
    /* A term of 2: two more steps in jail, released in the third. */
    long term = 2;
    assert_int_equal(hs_cv_jail_tick(&term), 0);
    assert_int_equal(term, 1);
    assert_int_equal(hs_cv_jail_tick(&term), 0);
    assert_int_equal(term, 0);
    assert_int_equal(hs_cv_jail_tick(&term), 1);
}

static void vision_shapes_count_cells(void **state)
{
    (void)state;
    /* NetLogo's in-radius 7: 149 patches with its own (civil-violence.md). */
    assert_int_equal(hs_cv_vision_cells(7, HS_CV_DISK), 148);
    /* Diamond of radius r: 2r(r+1) cells besides the centre. */
    assert_int_equal(hs_cv_vision_cells(7, HS_CV_DIAMOND), 112);
    assert_int_equal(hs_cv_vision_cells(7, HS_CV_SQUARE), 224);
    assert_int_equal(hs_cv_vision_cells(7, HS_CV_CROSS), 28);
    /* Model II's 1.7: the eight neighbours (sqrt 2 < 1.7 < 2). */
    assert_int_equal(hs_cv_vision_cells(1.7, HS_CV_DISK), 8);
    assert_int_equal(hs_cv_vision_cells(1.7, HS_CV_DIAMOND), 4);
    assert_int_equal(hs_cv_vision_cells(1, HS_CV_DISK), 4);
}

static void params_defaults_and_checks(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_error e;
    hs_cv_params_default(&p, 1);
    assert_int_equal(hs_cv_params_check(&p, &e), HS_OK);
    assert_true(p.legitimacy == 0.82 && p.cop_density == 0.04 && p.vision == 7 &&
                p.max_jail_term == 30 && p.rounding == HS_CV_FLOOR);
    hs_cv_params_default(&p, 2);
    assert_int_equal(hs_cv_params_check(&p, &e), HS_OK);
    assert_true(p.vision == 1.7 && p.max_jail_term == 15 && p.max_age == 200);

    hs_cv_params_default(&p, 1);
    p.vision = 25; /* 2 * 25 + 1 > 40 */
    assert_int_equal(hs_cv_params_check(&p, &e), HS_ERR_INVALID);
    assert_string_equal(e.field, "vision");
    hs_cv_params_default(&p, 1);
    p.cop_density = 0.5;
    assert_int_equal(hs_cv_params_check(&p, &e), HS_ERR_INVALID);
    assert_string_equal(e.field, "cop_density");
    hs_cv_params_default(&p, 1);
    p.nchanges = 1;
    p.changes[0] = (hs_cv_change){HS_CV_P_LEGITIMACY, 10, 5, 0.5};
    assert_int_equal(hs_cv_params_check(&p, &e), HS_ERR_INVALID);
    assert_string_equal(e.field, "schedule[0]");
}

static void schedules_ramp_and_drop(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.legitimacy = 0.9;
    p.nchanges = 2;
    p.changes[0] = (hs_cv_change){HS_CV_P_LEGITIMACY, 77, 147, 0.2};
    p.changes[1] = (hs_cv_change){HS_CV_P_COP_DENSITY, 50, 50, 0.02};
    assert_true(hs_cv_params_at(&p, HS_CV_P_LEGITIMACY, 0) == 0.9);
    assert_true(hs_cv_params_at(&p, HS_CV_P_LEGITIMACY, 77) == 0.9);
    assert_true(fabs(hs_cv_params_at(&p, HS_CV_P_LEGITIMACY, 112) - 0.55) < 1e-12);
    assert_true(hs_cv_params_at(&p, HS_CV_P_LEGITIMACY, 147) == 0.2);
    assert_true(hs_cv_params_at(&p, HS_CV_P_LEGITIMACY, 500) == 0.2);
    assert_true(hs_cv_params_at(&p, HS_CV_P_COP_DENSITY, 49) == 0.04);
    assert_true(hs_cv_params_at(&p, HS_CV_P_COP_DENSITY, 50) == 0.02);
    assert_true(hs_cv_params_at(&p, HS_CV_P_MAX_JAIL_TERM, 50) == 30);
}

static void statistics_of_a_known_series(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.outburst_threshold = 50;
    long act[] = {0, 10, 60, 80, 40, 0, 0, 55, 51, 0, 90};
    hs_cv_counts rows[11];
    memset(rows, 0, sizeof rows);
    for (int i = 0; i < 11; i++) {
        rows[i].step = i;
        rows[i].active = act[i];
        rows[i].jailed = i;
    }
    hs_cv_series s = {11, rows, 0};
    hs_cv_stats st;
    hs_cv_stats_compute(&p, &s, &st);
    /* Outbursts: steps 2-3 (peak 80), 7-8 (55), 10 (90). Waits: 7-3-1 = 3, 10-8-1 = 1. */
    assert_int_equal(st.outbursts, 3);
    assert_true(fabs(st.mean_peak - (80 + 55 + 90) / 3.0) < 1e-12);
    assert_int_equal(st.max_active, 90);
    assert_true(st.total_activation == 60 + 80 + 55 + 51 + 90);
    assert_int_equal(st.nwaits, 2);
    assert_true(st.mean_wait == 2.0);
    assert_true(fabs(st.calm_share - 5.0 / 10.0) < 1e-12); /* steps 1-10 counted */
    assert_int_equal(st.final_jailed, 10);
    hs_cv_outburst *ob;
    long n;
    hs_error e;
    assert_int_equal(hs_cv_stats_outbursts(&p, &s, &ob, &n, &e), HS_OK);
    assert_int_equal(n, 3);
    assert_int_equal(ob[0].start, 2);
    assert_int_equal(ob[0].end, 3);
    assert_int_equal(ob[2].start, 10);
    assert_int_equal(ob[2].end, 10);
    free(ob);
    /* Burn-in leaves the first outburst out. */
    p.burn_in = 5;
    hs_cv_stats_compute(&p, &s, &st);
    assert_int_equal(st.outbursts, 2);
    assert_true(isnan(hs_cv_stats_value(&st, 11))); /* no extinction in Model I */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grievance_and_arrest_probability),
        cmocka_unit_test(activation_rule),
        cmocka_unit_test(jail_terms_cover_zero_to_max),
        cmocka_unit_test(arrests_pick_uniformly_and_sentences_run_down),
        cmocka_unit_test(vision_shapes_count_cells),
        cmocka_unit_test(params_defaults_and_checks),
        cmocka_unit_test(schedules_ramp_and_drop),
        cmocka_unit_test(statistics_of_a_known_series),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
