/*
** test_owen.c - Owen's thresholds (critical, pervasive, hotspots, fear or want)
** on hand-made data, and the seven-dimension profile on the shipped data.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <humsec/measure.h>

static const char *def = "id: toy\n"
                         "pervasive: {share: 0.5}\n"
                         "nodes:\n"
                         "  violence: {column: v, critical: {above: 5}, freedom: fear}\n"
                         "  hunger: {column: h, critical: {above: 5}, freedom: want}\n"
                         "  disease: {column: d, critical: {above: 5}, freedom: want}\n"
                         "  income: {column: i, critical: {below: 2}, freedom: want}\n"
                         "  all:\n"
                         "    aggregate: arithmetic\n"
                         "    min_share: 0.25\n"
                         "    children: [violence, hunger, disease, income]\n";

static void thresholds_by_hand(void **state)
{
    (void)state;
    /* AAA: violence only -> fear. BBB: hunger and disease -> want (2/3 of want vs 0/1).
    ** CCC: violence and hunger -> fear (1/1 > 1/3). DDD: nothing critical; disease
    ** unknown. EEE: income 1.5 <= 2 -> want. */
    const char *data = "iso3,v,h,d,i,pop\n"
                       "AAA,9,1,1,5,10\n"
                       "BBB,1,6,7,5,30\n"
                       "CCC,5,5,1,5,20\n"
                       "DDD,1,1,NA,5,40\n"
                       "EEE,1,1,1,1.5,0\n";
    hs_index ix;
    hs_frame f;
    hs_result r;
    hs_error e;
    assert_int_equal(hs_index_load_text(&ix, "toy.yml", def, &e), HS_OK);
    assert_int_equal(ix.ncritical, 4);
    assert_true(ix.pervasive_share == 0.5);
    assert_int_equal(hs_frame_read_text(&f, "toy.csv", data, NULL, &e), HS_OK);
    assert_int_equal(hs_assess(&r, &ix, &f, &e), HS_OK);
    assert_non_null(r.critical);
    int hot[] = {1, 2, 2, 0, 1};
    int ins[] = {HS_FREEDOM_FEAR, HS_FREEDOM_WANT, HS_FREEDOM_FEAR, HS_FREEDOM_NONE,
                 HS_FREEDOM_WANT};
    for (int u = 0; u < 5; u++) {
        assert_int_equal(r.hotspots[u], hot[u]);
        assert_int_equal(r.insecurity[u], ins[u]);
    }
    int v = hs_index_node(&ix, "violence"), d = hs_index_node(&ix, "disease");
    assert_int_equal(r.critical[3 * r.nnodes + d], -1); /* no value, no verdict */
    /* violence: AAA, CCC of 5 units = 0.4; disease: BBB of 4 known = 0.25 */
    assert_true(fabs(r.share[v] - 0.4) < 1e-12);
    assert_true(fabs(r.share[d] - 0.25) < 1e-12);
    assert_false(r.pervasive[v]);
    hs_result_free(&r);
    hs_index_free(&ix);

    /* Weighted by population: violence hits 10 + 20 of 100 people = 0.3; at a
    ** pervasive share of 0.25 it is pervasive, hunger (BBB, CCC: 50 of 100) too. */
    char def3[2048];
    snprintf(def3, sizeof def3, "id: toy\npervasive: {share: 0.25, population: pop}\n%s",
             strstr(def, "nodes:"));
    assert_int_equal(hs_index_load_text(&ix, "toy.yml", def3, &e), HS_OK);
    assert_int_equal(hs_assess(&r, &ix, &f, &e), HS_OK);
    int h = hs_index_node(&ix, "hunger");
    assert_true(fabs(r.pop_share[v] - 0.3) < 1e-12);
    assert_true(fabs(r.pop_share[h] - 0.5) < 1e-12);
    assert_true(r.pervasive[v] && r.pervasive[h]);
    assert_true(fabs(r.pop_share[d] - 0.5) < 1e-12); /* BBB: 30 of the 60 people known */
    assert_true(r.pervasive[d]);
    /* Income is critical in one unit of five (0.2) but for none of its people. */
    int in = hs_index_node(&ix, "income");
    assert_true(fabs(r.share[in] - 0.2) < 1e-12);
    assert_true(r.pop_share[in] == 0);
    assert_false(r.pervasive[in]);
    hs_result_free(&r);
    hs_index_free(&ix);
    hs_frame_free(&f);
}

static void bad_thresholds_refused(void **state)
{
    (void)state;
    hs_index ix;
    hs_error e;
    assert_int_equal(hs_index_load_text(&ix, "t.yml", "nodes:\n  a: {column: a, critical: {}}\n",
                                        &e),
                     HS_ERR_INVALID);
    assert_string_equal(e.field, "critical");
    assert_int_equal(hs_index_load_text(&ix, "t.yml",
                                        "nodes:\n  a: {column: a, freedom: dread}\n", &e),
                     HS_ERR_INVALID);
    assert_int_equal(e.line, 2);
    assert_string_equal(e.field, "freedom");
}

static void seven_dimension_profile(void **state)
{
    (void)state;
    char a[4096], b[4096], c[4096];
    snprintf(a, sizeof a, "%s",
             test_require_shared("data/undp-hdr/HDR23-24_Composite_indices_complete_time_series.csv"));
    snprintf(b, sizeof b, "%s", test_require_shared("data/inform/inform_gri_2020_v040.csv"));
    snprintf(c, sizeof c, "%s", test_require_shared("data/fsi/fsi_2020.csv"));
    hs_frame fr[3], j;
    hs_error e;
    hs_frame_opts o = {.year = 2020};
    assert_int_equal(hs_frame_read(&fr[0], a, &o, &e), HS_OK);
    assert_int_equal(hs_frame_read(&fr[1], b, &o, &e), HS_OK);
    assert_int_equal(hs_frame_read(&fr[2], c, &o, &e), HS_OK);
    assert_int_equal(hs_frame_join(&j, fr, 3, &e), HS_OK);
    hs_index ix;
    hs_result r;
    assert_int_equal(hs_index_load(&ix, "profile", &e), HS_OK);
    if (hs_assess(&r, &ix, &j, &e) != HS_OK) fail_msg("%s", e.message);
    static const char *dims[] = {"economic", "food", "health", "environmental",
                                 "personal", "community", "political"};
    int fear = 0, want = 0;
    for (int k = 0; k < 7; k++) {
        int i = hs_index_node(&ix, dims[k]);
        assert_true(i >= 0);
        assert_true(ix.nodes[i].crit_above == 6.5);
        fear += ix.nodes[i].freedom == HS_FREEDOM_FEAR;
        want += ix.nodes[i].freedom == HS_FREEDOM_WANT;
    }
    assert_int_equal(fear, 2);
    assert_int_equal(want, 5);
    printf("profile 2020: %zu countries with every dimension's data threshold met\n", r.nscored);
    assert_true(r.nscored >= 170);
    /* Recompute Afghanistan's personal security by hand from the three raw columns:
    ** INFORM current conflict, INFORM projected conflict, FSI C1 - their mean. */
    long afg = -1;
    for (size_t u = 0; u < j.nunits; u++)
        if (strcmp(j.iso3[u], "AFG") == 0) afg = (long)u;
    assert_true(afg >= 0);
    double x1 = j.value[afg * j.nvars + hs_frame_var(&j, "Current Highly Violent Conflict Intensity")];
    double x2 = j.value[afg * j.nvars + hs_frame_var(&j, "Projected Conflict Risk")];
    double x3 = j.value[afg * j.nvars + hs_frame_var(&j, "C1")];
    int per = hs_index_node(&ix, "personal");
    assert_true(fabs(r.value[afg * r.nnodes + per] - (x1 + x2 + x3) / 3) < 1e-12);
    /* Hotspots are the count of critical dimensions, each at >= 6.5 reported. */
    size_t crit_units = 0;
    for (size_t u = 0; u < r.nunits; u++) {
        int count = 0;
        for (int k = 0; k < 7; k++) {
            int i = hs_index_node(&ix, dims[k]);
            double v = r.reported[u * r.nnodes + i];
            if (!isnan(v) && v >= 6.5) count++;
        }
        assert_int_equal(r.hotspots[u], count);
        crit_units += count > 0;
    }
    printf("profile 2020: %zu countries critical on at least one dimension; Afghanistan: %d "
           "hotspots, insecurity mainly %s\n",
           crit_units, r.hotspots[afg], hs_freedom_name(r.insecurity[afg]));
    hs_result_free(&r);
    hs_index_free(&ix);
    hs_frame_free(&j);
    for (int k = 0; k < 3; k++) hs_frame_free(&fr[k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(thresholds_by_hand),
        cmocka_unit_test(bad_thresholds_refused),
        cmocka_unit_test(seven_dimension_profile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
