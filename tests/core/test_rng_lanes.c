/*
** test_rng_lanes.c - many streams at once (hs_stream_lanes): both paths, the
** portable one and the AVX-512 one (when the CPU has it), give exactly the
** words that hs_stream_open / hs_stream_u32 give one stream at a time, for
** many seeds, entities, days, purposes, block numbers and lane counts, and
** touch nothing beyond the n lanes asked for; and a stream opened from a
** later block goes on as the plain one.
*/
#include "testutil.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/rng.h>

typedef void lanes_fn(uint64_t seed, const uint32_t *entities, long n, uint32_t day,
                      uint32_t purpose, uint32_t block, uint32_t *const words[4]);

/* The AVX-512 path as a lanes_fn; the test calls it only when it runs. */
static void lanes_avx512(uint64_t seed, const uint32_t *entities, long n, uint32_t day,
                         uint32_t purpose, uint32_t block, uint32_t *const words[4])
{
    assert_int_equal(hs_stream_lanes_avx512(seed, entities, n, day, purpose, block, words), 1);
}

/* Word j of block `block` of one stream, the scalar way. Small blocks are
** reached by drawing every word before them; a large one by setting the block
** counter (ctr.v[3], the block number in rng.h's layout), which is what
** drawing 4 x block words would do. */
static uint32_t scalar_word(uint64_t seed, uint32_t entity, uint32_t day, uint32_t purpose,
                            uint32_t block, int j)
{
    hs_stream s = hs_stream_open(seed, entity, day, purpose);
    if (block < 64) {
        for (uint32_t k = 0; k < 4 * block; k++)
            hs_stream_u32(&s);
    } else {
        s.ctr.v[3] = block;
    }
    uint32_t w = 0;
    for (int k = 0; k <= j; k++)
        w = hs_stream_u32(&s);
    return w;
}

/* Room past the n lanes, filled with a mark that must survive. */
#define GUARD 19
#define MARK 0xDEADBEEFu

/* One call of f on n lanes against the scalar stream. entities is an exact
** allocation of n words (so that the sanitizer build catches a read beyond
** it); the words have GUARD marked words after the n lanes. */
static void check_call(lanes_fn *f, uint64_t seed, const uint32_t *ids, long n, uint32_t day,
                       uint32_t purpose, uint32_t block)
{
    uint32_t *entities = malloc((size_t)(n > 0 ? n : 1) * sizeof *entities);
    uint32_t *buf[4];
    assert_non_null(entities);
    memcpy(entities, ids, (size_t)n * sizeof *entities);
    for (int j = 0; j < 4; j++) {
        buf[j] = malloc((size_t)(n + GUARD) * sizeof *buf[j]);
        assert_non_null(buf[j]);
        for (long i = 0; i < n + GUARD; i++)
            buf[j][i] = MARK;
    }
    f(seed, entities, n, day, purpose, block, buf);
    for (long i = 0; i < n; i++)
        for (int j = 0; j < 4; j++) {
            const uint32_t want = scalar_word(seed, ids[i], day, purpose, block, j);
            if (buf[j][i] != want)
                fail_msg("seed %llx entity %u day %u purpose %u block %u lane %ld of %ld word "
                         "%d: %08x, the stream gives %08x",
                         (unsigned long long)seed, ids[i], day, purpose, block, i, n, j, buf[j][i],
                         want);
        }
    for (int j = 0; j < 4; j++) {
        for (long i = n; i < n + GUARD; i++)
            assert_int_equal(buf[j][i], MARK);
        free(buf[j]);
    }
    free(entities);
}

/* Entities: consecutive ids, ids from a stream (any 32-bit value), and the
** edges 0 and UINT32_MAX; lane counts from 0 to past four groups of 16, so
** that whole groups, partial groups and both together are met. */
static void check_path(lanes_fn *f)
{
    static const uint64_t seeds[] = {0, 1, 3, UINT64_C(0x123456789abcdef0), UINT64_MAX};
    static const uint32_t days[] = {0, 1, 8 * 7 + 3, 123456, UINT32_MAX};
    static const uint32_t purposes[] = {HS_RNG_CV, HS_RNG_MOVE, 0, UINT32_MAX};
    static const uint32_t blocks[] = {0, 1, 2, 7, 63, 64, 1000, UINT32_MAX};
    enum { MAXN = 70 };
    uint32_t ids[MAXN];
    long calls = 0;
    for (size_t a = 0; a < sizeof seeds / sizeof *seeds; a++)
        for (size_t d = 0; d < sizeof days / sizeof *days; d++)
            for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
                const uint32_t purpose = purposes[(a + d + b) % 4];
                hs_stream g = hs_stream_open(seeds[a] + 17, (uint32_t)d, (uint32_t)b, 99);
                const int kind = (int)((a + d + b) % 3);
                for (long i = 0; i < MAXN; i++)
                    ids[i] = kind == 0   ? (uint32_t)i + (uint32_t)(1000 * b)
                             : kind == 1 ? hs_stream_u32(&g)
                                         : (i % 2 ? UINT32_MAX - (uint32_t)i : (uint32_t)i);
                const long n = (long)((a * 31 + d * 7 + b * 13) % (MAXN + 1));
                check_call(f, seeds[a], ids, n, days[d], purpose, blocks[b]);
                calls++;
            }
    /* Every lane count from 0 to MAXN on one set of counters. */
    for (long i = 0; i < MAXN; i++)
        ids[i] = (uint32_t)(i * 2654435761u);
    for (long n = 0; n <= MAXN; n++, calls++)
        check_call(f, 7, ids, n, 8 * 12 + 3, HS_RNG_CV, (uint32_t)(n % 8));
    print_message("  %ld calls checked against hs_stream_u32\n", calls);
}

static void portable_lanes_match_the_streams(void **state)
{
    (void)state;
    check_path(hs_stream_lanes_portable);
}

static void avx512_lanes_match_the_streams(void **state)
{
    (void)state;
    uint32_t id = 5, w[4][1];
    uint32_t *const ww[4] = {w[0], w[1], w[2], w[3]};
    if (!hs_stream_lanes_avx512(1, &id, 1, 0, HS_RNG_CV, 0, ww)) {
        print_message("  AVX-512F is not available on this CPU (or in this build): only the "
                      "portable path was tested\n");
        skip();
    }
    print_message("  AVX-512F present: testing the AVX-512 path\n");
    check_path(lanes_avx512);
}

/* The dispatching entry point gives the same words as both paths. */
static void dispatched_lanes_match_the_streams(void **state)
{
    (void)state;
    check_path(hs_stream_lanes);
}

/* A stream opened from a later block (hs_stream_open_from) gives the words of
** the stream opened plainly from there on: the 4 b-th to 4 b + 11-th. */
static void streams_opened_from_a_block(void **state)
{
    (void)state;
    const uint64_t seeds[] = {1, 0x9e3779b97f4a7c15u};
    for (size_t si = 0; si < sizeof seeds / sizeof *seeds; si++)
        for (uint32_t e = 0; e < 50; e++) {
            uint32_t ent = e * 2654435761u, day = e % 7, purpose = e % 15, b = e % 5;
            hs_stream from = hs_stream_open_from(seeds[si], ent, day, purpose, b);
            for (int k = 0; k < 12; k++)
                assert_int_equal(hs_stream_u32(&from), scalar_word(seeds[si], ent, day, purpose,
                                                                   b + (uint32_t)k / 4, k % 4));
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(portable_lanes_match_the_streams),
        cmocka_unit_test(avx512_lanes_match_the_streams),
        cmocka_unit_test(dispatched_lanes_match_the_streams),
        cmocka_unit_test(streams_opened_from_a_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
