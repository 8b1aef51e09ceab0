/*
** lanes.h - a person's seven levels as the eight 16-bit lanes of one vector
** register, for the two steps of the people pass (person.c) that do the same
** arithmetic in every dimension: the levels' move toward their goals, and the
** level sums of a (place, home state). Lane by lane these were about two fifths
** of the pass's instructions (counted by cachegrind on mali2012).
**
** SSE2, which every x86-64 processor has, when the compiler targets it; the
** same results from plain C elsewhere (the *_ref functions, which the tests
** hold the vector ones to, bit for bit).
*/
#ifndef HUMSEC_WORLD_LANES_H
#define HUMSEC_WORLD_LANES_H

#include <stdint.h>
#include <string.h>
#include <humsec/world.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#define WORLD_LANES_SSE2 1
#endif

_Static_assert(HS_DIM_COUNT == 7, "the lanes hold seven levels and one spare");

/* Person's levels x move toward their goals: the goal of dimension d is
** row[d * 16 + (endow's d-th nibble)], of health x 2/5 for the infected; each
** level moves by (goal - level) x rate / 65536, rounded toward zero as C's
** division rounds. rate is at most 65536. */
static inline void world_level_step_ref(uint16_t *x, const uint16_t *row, uint32_t endow,
                                        int infected, int32_t rate)
{
    for (int d = 0; d < HS_DIM_COUNT; d++) {
        int32_t goal = row[d * 16 + ((endow >> (4 * d)) & 15u)];
        if (d == HS_DIM_HEALTH && infected) goal = goal * 2 / 5;
        int64_t diff = goal - (int32_t)x[d];
        x[d] = (uint16_t)((int64_t)x[d] + diff * rate / 65536);
    }
}

/* The level sums of one (place, home state), kept in lanes for a run of its
** people: at most 65,535 people between flushes (unsigned 32-bit sums of
** 16-bit levels; 16-bit counts). */
typedef struct world_level_acc {
#ifdef WORLD_LANES_SSE2
    __m128i sum_lo, sum_hi, below;
    __m128i crit; /* the critical levels, less 2^15 (lane 7: -2^15) */
#else
    int64_t sum[HS_DIM_COUNT], below[HS_DIM_COUNT];
    uint16_t crit[HS_DIM_COUNT];
#endif
} world_level_acc;

#ifdef WORLD_LANES_SSE2
/* Unsigned 16-bit lanes compare as signed ones once both are moved down by 2^15. */
static inline __m128i world_lanes_bias(__m128i v)
{
    return _mm_xor_si128(v, _mm_set1_epi16((short)0x8000));
}
#endif

/* Start empty sums, with the critical levels crit[0..6]. */
static inline void world_level_acc_init(world_level_acc *acc, const uint16_t *crit)
{
    memset(acc, 0, sizeof *acc);
#ifdef WORLD_LANES_SSE2
    uint16_t c[8] = {0};
    memcpy(c, crit, HS_DIM_COUNT * sizeof *crit);
    acc->crit = world_lanes_bias(_mm_loadu_si128((const __m128i *)(const void *)c));
#else
    memcpy(acc->crit, crit, sizeof acc->crit);
#endif
}

/* Add levels x; return how many are below their critical levels crit. */
static inline int world_level_acc_add_ref(int64_t *sum, int64_t *below, const uint16_t *x,
                                          const uint16_t *crit)
{
    int hot = 0;
    for (int d = 0; d < HS_DIM_COUNT; d++) {
        int b = x[d] < crit[d];
        sum[d] += x[d];
        below[d] += b;
        hot += b;
    }
    return hot;
}

#ifdef WORLD_LANES_SSE2
/* Seven levels into lanes 0-6 (lane 7: 0), reading only their 14 bytes. */
static inline __m128i world_lanes_load(const uint16_t *x)
{
    uint32_t mid;
    memcpy(&mid, x + 4, sizeof mid);
    __m128i hi = _mm_insert_epi16(_mm_cvtsi32_si128((int)mid), x[6], 2);
    return _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)(const void *)x), hi);
}

/* Lanes 0-6 into seven levels, writing only their 14 bytes (the next person's
** levels may be another thread's). */
static inline void world_lanes_store(uint16_t *x, __m128i v)
{
    _mm_storel_epi64((__m128i *)(void *)x, v);
    uint32_t mid = (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(v, 8));
    memcpy(x + 4, &mid, sizeof mid);
    x[6] = (uint16_t)_mm_extract_epi16(v, 6);
}
#endif

static inline void world_level_step(uint16_t *x, const uint16_t *row, uint32_t endow, int infected,
                                    int32_t rate)
{
#ifdef WORLD_LANES_SSE2
    if (rate <= 65535) {
#define WORLD_GOAL(d)                                                                              \
    (d == HS_DIM_HEALTH && infected ? row[d * 16 + ((endow >> (4 * d)) & 15u)] * 2 / 5             \
                                    : row[d * 16 + ((endow >> (4 * d)) & 15u)])
        __m128i goal = _mm_cvtsi32_si128(WORLD_GOAL(0));
        goal = _mm_insert_epi16(goal, WORLD_GOAL(1), 1);
        goal = _mm_insert_epi16(goal, WORLD_GOAL(2), 2);
        goal = _mm_insert_epi16(goal, WORLD_GOAL(3), 3);
        goal = _mm_insert_epi16(goal, WORLD_GOAL(4), 4);
        goal = _mm_insert_epi16(goal, WORLD_GOAL(5), 5);
        goal = _mm_insert_epi16(goal, WORLD_GOAL(6), 6);
#undef WORLD_GOAL
        __m128i v = world_lanes_load(x);
        /* Unsigned 16-bit: the rise and the fall, one of them 0; each x rate / 65536
        ** is the high half of the product, rounded down, as the division rounds a
        ** non-negative quotient. */
        __m128i r = _mm_set1_epi16((short)rate);
        __m128i up = _mm_mulhi_epu16(_mm_subs_epu16(goal, v), r);
        __m128i down = _mm_mulhi_epu16(_mm_subs_epu16(v, goal), r);
        world_lanes_store(x, _mm_sub_epi16(_mm_add_epi16(v, up), down));
        return;
    }
#endif
    world_level_step_ref(x, row, endow, infected, rate);
}

/* Add levels x to acc; return how many are below their critical levels. */
static inline int world_level_acc_add(world_level_acc *acc, const uint16_t *x)
{
#ifdef WORLD_LANES_SSE2
    __m128i v = world_lanes_load(x);
    __m128i below = _mm_cmplt_epi16(world_lanes_bias(v), acc->crit);
    acc->below = _mm_sub_epi16(acc->below, below);
    const __m128i zero = _mm_setzero_si128();
    acc->sum_lo = _mm_add_epi32(acc->sum_lo, _mm_unpacklo_epi16(v, zero));
    acc->sum_hi = _mm_add_epi32(acc->sum_hi, _mm_unpackhi_epi16(v, zero));
    /* The count of lanes below: their 1s summed by the byte-difference sum. */
    __m128i ones = _mm_sad_epu8(_mm_and_si128(below, _mm_set1_epi16(1)), zero);
    return _mm_cvtsi128_si32(ones) + _mm_cvtsi128_si32(_mm_srli_si128(ones, 8));
#else
    return world_level_acc_add_ref(acc->sum, acc->below, x, acc->crit);
#endif
}

/* Add acc's sums to sum[0..6] and its counts to below[0..6]; clear it. */
static inline void world_level_acc_flush(world_level_acc *acc, int64_t *sum, int64_t *below)
{
#ifdef WORLD_LANES_SSE2
    uint32_t s[8];
    uint16_t b[8];
    _mm_storeu_si128((__m128i *)(void *)s, acc->sum_lo);
    _mm_storeu_si128((__m128i *)(void *)(s + 4), acc->sum_hi);
    _mm_storeu_si128((__m128i *)(void *)b, acc->below);
    for (int d = 0; d < HS_DIM_COUNT; d++) {
        sum[d] += s[d];
        below[d] += b[d];
    }
    acc->sum_lo = acc->sum_hi = acc->below = _mm_setzero_si128();
#else
    for (int d = 0; d < HS_DIM_COUNT; d++) {
        sum[d] += acc->sum[d];
        below[d] += acc->below[d];
    }
    memset(acc->sum, 0, sizeof acc->sum);
    memset(acc->below, 0, sizeof acc->below);
#endif
}

#endif
