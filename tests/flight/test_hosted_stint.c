/*
** test_hosted_stint.c - in a run hosted by another model the morning passes
** held people by, and the halving of their stint average that each morning
** would have made is owed instead and paid when they are released (hosted.c,
** move.c). The paid value must be bit for bit the value of halving every
** morning: otherwise a released person's later decisions (avoid_short_stints)
** could differ from the run that halved them daily.
*/
#include "flight_fixture.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* Stint averages to follow: ordinary, near the smallest normal float, and
** subnormal, where halving rounds. */
static const float values[] = {
    1.0f,          0.75f,       0.1f,          0x1.234p-90f, 0x1.8p-120f, FLT_MIN, 0x1.fffffep-126f,
    3 * 0x1p-149f, 0x1.5p-140f, 0x1.000002p-1f};
#define NV (sizeof values / sizeof *values)

static uint32_t bits(float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static void halving_is_repeated_halving(void **state)
{
    (void)state;
    for (size_t v = 0; v < NV; v++) {
        float daily = values[v];
        for (long k = 0; k <= 400; k++) {
            assert_int_equal(bits(hs_flight_halved(values[v], k)), bits(daily));
            daily *= 0.5f;
        }
    }
    /* Random floats over the whole range of exponents a stint can have. */
    hs_stream rs = hs_stream_open(7, 0, 0, HS_RNG_GENERATE);
    for (int t = 0; t < 2000; t++) {
        float x = ldexpf((float)hs_stream_u01(&rs), -(int)(hs_stream_u32(&rs) % 160));
        long k = (long)(hs_stream_u32(&rs) % 200);
        float daily = x;
        for (long j = 0; j < k; j++)
            daily *= 0.5f;
        assert_int_equal(bits(hs_flight_halved(x, k)), bits(daily));
    }
}

/* Two towns; nobody leaves (movechance 0), so the free stand every morning. */
static const hs_flight_embedded_file two_towns[] = {
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,300\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,town,,1000\n"
     "B,r,Home,0,1,town,,1000\n"},
    {"input_csv/routes.csv", "#name1,name2,distance\nA,B,100\n"},
    {NULL, NULL}};

static void move_day(hs_flight_sim *sim, long day)
{
    hs_error err;
    assert_int_equal(hs_flight_move_day(sim, day, &err), HS_OK);
}

/* People 0..NV-1 free all along; NV..2NV-1, with the same averages, held from
** the start, released on day 40, held again on day 90 and released on day 230. After
** every day each held person's average with its halvings paid, and each released
** one's own, equals its free twin's, bit for bit. */
static void held_people_owe_exactly(void **state)
{
    (void)state;
    hs_flight_settings s;
    fixture_no_spawning(&s);
    s.default_movechance = 0.0;
    s.camp_movechance = 0.0;
    hs_flight_case c;
    fixture_load(&c, &s, two_towns);
    hs_flight_sim *sim = fixture_sim(&c, &s, 3);
    hs_error err;
    size_t first, mine;
    assert_int_equal(hs_flight_reserve(sim, 2 * NV, &err), HS_OK);
    assert_int_equal(hs_flight_add_people(sim, NV, 0, 0, &first, &mine, &err), HS_OK);
    assert_int_equal(hs_flight_add_people(sim, NV, 0, 1, &first, &mine, &err), HS_OK);
    for (size_t v = 0; v < NV; v++)
        sim->people.stint[v] = sim->people.stint[NV + v] = values[v];
    long checked_held = 0, checked_free = 0;
    for (long d = 0; d < 300; d++) {
        move_day(sim, d);
        for (size_t v = 0; v < NV; v++) {
            size_t twin = NV + v;
            float mine_now =
                sim->held[twin] ? hs_flight_stint_owed(sim, twin) : sim->people.stint[twin];
            assert_int_equal(bits(mine_now), bits(sim->people.stint[v]));
            checked_held += sim->held[twin] != 0;
            checked_free += sim->held[twin] == 0;
        }
        /* The host's pass of day d comes after its movement. */
        for (size_t v = 0; v < NV; v++) {
            if (d == 40 || d == 230) hs_flight_release(sim, NV + v);
            if (d == 90) hs_flight_hold(sim, NV + v);
        }
    }
    /* Both ways were followed, and the subnormal ones reached 0. */
    assert_true(checked_held > 100 && checked_free > 100);
    assert_int_equal(bits(sim->people.stint[7]), 0u);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(halving_is_repeated_halving),
        cmocka_unit_test(held_people_owe_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
