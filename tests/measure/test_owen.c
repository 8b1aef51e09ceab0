/*
** test_owen.c - Owen's thresholds (critical, pervasive, hotspots, fear or want)
** on hand-made data (the shipped profile on real data: test_profile.c).
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
    int hu = hs_index_node(&ix, "hunger");
    /* Hunger comes with disease in BBB and with violence in CCC. */
    assert_int_equal(r.together[hu * r.nnodes + hu], 2);
    assert_int_equal(r.together[hu * r.nnodes + d], 1);
    assert_int_equal(r.together[v * r.nnodes + hu], 1);
    assert_int_equal(r.together[v * r.nnodes + d], 0);
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
    assert_int_equal(
        hs_index_load_text(&ix, "t.yml", "nodes:\n  a: {column: a, critical: {}}\n", &e),
        HS_ERR_INVALID);
    assert_string_equal(e.field, "critical");
    assert_int_equal(
        hs_index_load_text(&ix, "t.yml", "nodes:\n  a: {column: a, freedom: dread}\n", &e),
        HS_ERR_INVALID);
    assert_int_equal(e.line, 2);
    assert_string_equal(e.field, "freedom");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(thresholds_by_hand),
        cmocka_unit_test(bad_thresholds_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
