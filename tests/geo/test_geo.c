/*
** test_geo.c - the geography: one location-type parser for Flee cases and
** world scenarios; links, adjacency and the name index.
*/
#include "testutil.h"

#include <string.h>
#include <humsec/geo.h>

static void every_type_name_reads_back_as_itself(void **state)
{
    (void)state;
    for (int t = HS_LOC_TOWN; t <= HS_LOC_MARKER; t++) {
        hs_loc_type got = (hs_loc_type)-1;
        assert_int_equal(hs_loc_type_parse(hs_loc_type_name((hs_loc_type)t), &got), 0);
        assert_int_equal(got, t);
    }
}

static void flee_spellings_follow_flee_rule(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        hs_loc_type type;
    } cases[] = {{"City", HS_LOC_TOWN},
                 {"default", HS_LOC_TOWN},
                 {"conflict_zone", HS_LOC_CONFLICT_ZONE},
                 {"Conflict Zone", HS_LOC_CONFLICT_ZONE},
                 {"refugee_camp", HS_LOC_CAMP},
                 {"IDP camp", HS_LOC_IDPCAMP},
                 {"idpcamp", HS_LOC_IDPCAMP},
                 {"forwarding_hub", HS_LOC_FORWARDING_HUB},
                 {"marker", HS_LOC_MARKER},
                 {"conflict camp", HS_LOC_CAMP}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        hs_loc_type got = (hs_loc_type)-1;
        assert_int_equal(hs_loc_type_parse(cases[k].name, &got), 0);
        if (got != cases[k].type) fail_msg("'%s' read as %d", cases[k].name, (int)got);
    }
    hs_loc_type untouched = HS_LOC_MARKER;
    assert_int_equal(hs_loc_type_parse("river", &untouched), -1);
    assert_int_equal(hs_loc_type_parse("", &untouched), -1);
    assert_int_equal(untouched, HS_LOC_MARKER);
}

static void build_makes_links_both_ways_and_finds_names(void **state)
{
    (void)state;
    hs_geo g;
    hs_error e;
    hs_geo_init(&g);
    assert_int_equal(hs_geo_add_location(&g, "b", "r", "S", 0, 0, HS_LOC_TOWN, 10, 2, &e), 0);
    assert_int_equal(hs_geo_add_location(&g, "a", "r", "T", 0, 1, HS_LOC_CAMP, 0, 3, &e), 1);
    assert_int_equal(hs_geo_add_location(&g, "c", "r", "S", 1, 0, HS_LOC_TOWN, 5, 4, &e), 2);
    assert_int_equal(hs_geo_add_route(&g, 0, 1, 12.5, 0, &e), 0);
    assert_int_equal(hs_geo_add_route(&g, 1, 2, 3.0, 0, &e), 1);
    assert_int_equal(hs_geo_build(&g, "mem", &e), HS_OK);
    assert_int_equal(g.nstates, 2);
    assert_int_equal(g.loc_state[0], g.loc_state[2]);
    assert_int_equal(g.nlinks, 4);
    assert_int_equal(hs_geo_find(&g, "a"), 1);
    assert_int_equal(hs_geo_find(&g, "zz"), -1);
    int ab = hs_geo_link(&g, 0, 1), ba = hs_geo_link(&g, 1, 0);
    assert_true(ab >= 0 && ba >= 0 && ab != ba);
    assert_int_equal(g.link_from[ab], 0);
    assert_int_equal(g.link_to[ab], 1);
    assert_int_equal(hs_geo_link(&g, 0, 2), -1);
    /* Location 1 has both routes: two links leave it. */
    assert_int_equal(g.adj_start[2] - g.adj_start[1], 2);
    hs_geo_free(&g);
}

static void duplicate_names_name_both_lines(void **state)
{
    (void)state;
    hs_geo g;
    hs_error e;
    hs_geo_init(&g);
    assert_true(hs_geo_add_location(&g, "x", "r", "S", 0, 0, HS_LOC_TOWN, 1, 7, &e) >= 0);
    assert_true(hs_geo_add_location(&g, "x", "r", "S", 0, 0, HS_LOC_TOWN, 1, 9, &e) >= 0);
    assert_int_not_equal(hs_geo_build(&g, "locations.csv", &e), HS_OK);
    char buf[512];
    hs_error_format(&e, buf, sizeof buf);
    assert_non_null(strstr(buf, "7"));
    assert_non_null(strstr(buf, "9"));
    hs_geo_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_type_name_reads_back_as_itself),
        cmocka_unit_test(flee_spellings_follow_flee_rule),
        cmocka_unit_test(build_makes_links_both_ways_and_finds_names),
        cmocka_unit_test(duplicate_names_name_both_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
