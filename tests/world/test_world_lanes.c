/*
** test_world_lanes.c - the people pass's vector steps (src/world/lanes.h)
** give, bit for bit, what the plain C of the same rules gives: the levels'
** move toward their goals, for every rate from 1 to 65,536 and the extreme
** levels and goals; and the level sums and counts below the critical levels,
** over runs of people flushed as the pass flushes them.
*/
#include "testutil.h"

#include <stdint.h>
#include <humsec/rng.h>

#include "world/lanes.h"

/* Extreme values often: 0, 1, 65,534 and 65,535 come up a quarter of the time. */
static uint16_t level_draw(hs_stream *s)
{
    static const uint16_t edges[] = {0, 1, 65534, 65535};
    uint32_t u = hs_stream_u32(s);
    return (u & 3u) == 0 ? edges[(u >> 2) & 3u] : (uint16_t)(u >> 16);
}

static void levels_move_as_the_plain_rule_says(void **state)
{
    (void)state;
    hs_stream s = hs_stream_open(7, 1, 0, HS_RNG_WORLD);
    uint16_t row[HS_DIM_COUNT * 16];
    long differ = 0, moved = 0;
    for (int trial = 0; trial < 200000; trial++) {
        for (int k = 0; k < HS_DIM_COUNT * 16; k++)
            row[k] = level_draw(&s);
        uint32_t u = hs_stream_u32(&s);
        /* Every rate now and then, the largest (relax_days 1) and the smallest often. */
        int32_t rate = (u & 7u) == 0 ? 65536 : (u & 7u) == 1 ? 1 : (int32_t)(u >> 16) + 1;
        uint32_t endow = hs_stream_u32(&s);
        int infected = (int)(hs_stream_u32(&s) & 1u);
        /* Eight people in a row, so that a store past a person's seven levels would show. */
        uint16_t a[8 * HS_DIM_COUNT], b[8 * HS_DIM_COUNT];
        for (int k = 0; k < 8 * HS_DIM_COUNT; k++)
            a[k] = b[k] = level_draw(&s);
        for (int p = 0; p < 8; p += 2) {
            world_level_step(a + p * HS_DIM_COUNT, row, endow, infected, rate);
            world_level_step_ref(b + p * HS_DIM_COUNT, row, endow, infected, rate);
        }
        for (int k = 0; k < 8 * HS_DIM_COUNT; k++) {
            differ += a[k] != b[k];
            moved += (k / HS_DIM_COUNT) % 2 == 0;
        }
    }
    if (differ) fail_msg("%ld of %ld levels differ from the plain rule", differ, moved);
}

static void level_sums_add_as_the_plain_sums(void **state)
{
    (void)state;
    hs_stream s = hs_stream_open(7, 2, 0, HS_RNG_WORLD);
    for (int trial = 0; trial < 2000; trial++) {
        uint16_t crit[HS_DIM_COUNT];
        for (int d = 0; d < HS_DIM_COUNT; d++)
            crit[d] = level_draw(&s);
        world_level_acc acc;
        world_level_acc_init(&acc, crit);
        int64_t sum[HS_DIM_COUNT] = {0}, below[HS_DIM_COUNT] = {0};
        int64_t sum_ref[HS_DIM_COUNT] = {0}, below_ref[HS_DIM_COUNT] = {0};
        /* Up to 256 people between flushes, as a batch of the pass has. */
        int people = 1 + (int)(hs_stream_u32(&s) % 600u);
        for (int p = 0; p < people; p++) {
            uint16_t x[HS_DIM_COUNT + 1];
            for (int d = 0; d < HS_DIM_COUNT + 1; d++)
                x[d] = level_draw(&s);
            int hot = world_level_acc_add(&acc, x);
            int hot_ref = world_level_acc_add_ref(sum_ref, below_ref, x, crit);
            assert_int_equal(hot, hot_ref);
            if (p % 256 == 255) world_level_acc_flush(&acc, sum, below);
        }
        world_level_acc_flush(&acc, sum, below);
        for (int d = 0; d < HS_DIM_COUNT; d++) {
            assert_int_equal(sum[d], sum_ref[d]);
            assert_int_equal(below[d], below_ref[d]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(levels_move_as_the_plain_rule_says),
        cmocka_unit_test(level_sums_add_as_the_plain_sums),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
