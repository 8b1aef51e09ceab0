/*
** rng.c - a GSL generator type backed by a counter-based stream, so that GSL's
** well-tested distributions (gsl_ran_poisson, gsl_ran_binomial, ...) draw from
** the (seed, entity, day, purpose) streams of rng.h; and the vectorised
** Philox lanes, many streams' blocks at once.
*/
#include <humsec/rng.h>

#include <string.h>
#include <gsl/gsl_rng.h>
#include <humsec/error.h>

/* The AVX-512 path needs x86-64 and a compiler with target attributes and
** __builtin_cpu_supports; it is compiled in every build, sanitizers
** included, and chosen at run time. target_clones (an AVX2 build of the
** portable loop) is GCC's. */
#if defined(__x86_64__) && defined(__GNUC__)
#define LANES_AVX512 1
#include <immintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LANES_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define LANES_CLONES
#endif

static void stream_gsl_seed(void *state, unsigned long seed)
{
    *(hs_stream *)state = hs_stream_open(seed, 0, 0, 0);
}

static unsigned long stream_gsl_get(void *state)
{
    return hs_stream_u32((hs_stream *)state);
}

static double stream_gsl_get_double(void *state)
{
    /* GSL wants [0,1); our (0,1) is a subset. */
    return hs_stream_u01((hs_stream *)state);
}

static const gsl_rng_type stream_gsl_type = {
    "humsec-philox4x32", 0xffffffffUL,          0, sizeof(hs_stream), stream_gsl_seed,
    stream_gsl_get,      stream_gsl_get_double,
};

gsl_rng *hs_stream_gsl_alloc(void)
{
    hs_init(); /* GSL's errors come back as codes, never abort() */
    return gsl_rng_alloc(&stream_gsl_type);
}

void hs_stream_gsl_set(gsl_rng *r, hs_stream s)
{
    *(hs_stream *)r->state = s;
}

/* ---- many streams at once --------------------------------------------- */

/* Lanes are computed in groups of this many (16 x 32 bits: one AVX-512
** register), so that no lane is left to a scalar loop; a last, partial group
** goes through a padded copy. */
#define LANES_GROUP 16

/* Computes the lanes of n entities, n a multiple of LANES_GROUP. */
typedef void lanes_groups_fn(uint64_t seed, const uint32_t *ids, long n, uint32_t day,
                             uint32_t purpose, uint32_t block, uint32_t *const words[4]);

/* Philox4x32-10 of the counters (ids[i], day, purpose, block) under the key
** seed, lane by lane, with no dependency between lanes, so that the compiler
** vectorises the loop over lanes. Each 32 x 32 -> 64-bit product is the
** constant times a 32-bit word, which vectorises as one widening multiply. */
LANES_CLONES static void lanes_groups_portable(uint64_t seed, const uint32_t *ids, long n,
                                               uint32_t day, uint32_t purpose, uint32_t block,
                                               uint32_t *const words[4])
{
    uint32_t *restrict o0 = words[0], *restrict o1 = words[1], *restrict o2 = words[2],
                       *restrict o3 = words[3];
    n &= ~(long)(LANES_GROUP - 1); /* tells the compiler there is no remainder loop */
    for (long i = 0; i < n; i++) {
        uint32_t c0 = ids[i], c1 = day, c2 = purpose, c3 = block;
        uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
        for (int r = 0; r < 10; r++) {
            const uint64_t p0 = (uint64_t)PHILOX_M4x32_0 * c0;
            const uint64_t p1 = (uint64_t)PHILOX_M4x32_1 * c2;
            c0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
            c1 = (uint32_t)p1;
            c2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
            c3 = (uint32_t)p0;
            k0 += PHILOX_W32_0;
            k1 += PHILOX_W32_1;
        }
        o0[i] = c0;
        o1[i] = c1;
        o2[i] = c2;
        o3[i] = c3;
    }
}

#ifdef LANES_AVX512
/* The same with AVX-512 in 16 lanes of 32 bits: each 32 x 32 -> 64-bit
** product is made for the even and the odd lanes apart (the vector multiply
** takes the low half of each 64-bit lane), then the halves are put back in
** place. About twice the lanes per instruction of the portable loop. */
__attribute__((target("avx512f"))) static void
lanes_groups_avx512(uint64_t seed, const uint32_t *ids, long n, uint32_t day, uint32_t purpose,
                    uint32_t block, uint32_t *const words[4])
{
    const __m512i m0 = _mm512_set1_epi64(PHILOX_M4x32_0), m1 = _mm512_set1_epi64(PHILOX_M4x32_1);
    const __mmask16 odd = 0xAAAA;
    uint32_t k0[10], k1[10];
    k0[0] = (uint32_t)seed;
    k1[0] = (uint32_t)(seed >> 32);
    for (int r = 1; r < 10; r++) {
        k0[r] = k0[r - 1] + PHILOX_W32_0;
        k1[r] = k1[r - 1] + PHILOX_W32_1;
    }
    for (long i = 0; i + LANES_GROUP <= n; i += LANES_GROUP) {
        __m512i c0 = _mm512_loadu_si512(ids + i), c1 = _mm512_set1_epi32((int)day),
                c2 = _mm512_set1_epi32((int)purpose), c3 = _mm512_set1_epi32((int)block);
        for (int r = 0; r < 10; r++) {
            const __m512i e0 = _mm512_mul_epu32(c0, m0),
                          o0 = _mm512_mul_epu32(_mm512_srli_epi64(c0, 32), m0),
                          e1 = _mm512_mul_epu32(c2, m1),
                          o1 = _mm512_mul_epu32(_mm512_srli_epi64(c2, 32), m1);
            const __m512i lo0 = _mm512_mask_blend_epi32(odd, e0, _mm512_slli_epi64(o0, 32)),
                          hi0 = _mm512_mask_blend_epi32(odd, _mm512_srli_epi64(e0, 32), o0),
                          lo1 = _mm512_mask_blend_epi32(odd, e1, _mm512_slli_epi64(o1, 32)),
                          hi1 = _mm512_mask_blend_epi32(odd, _mm512_srli_epi64(e1, 32), o1);
            /* 0x96: the exclusive or of the three operands. */
            c0 = _mm512_ternarylogic_epi32(hi1, c1, _mm512_set1_epi32((int)k0[r]), 0x96);
            c2 = _mm512_ternarylogic_epi32(hi0, c3, _mm512_set1_epi32((int)k1[r]), 0x96);
            c1 = lo1;
            c3 = lo0;
        }
        _mm512_storeu_si512(words[0] + i, c0);
        _mm512_storeu_si512(words[1] + i, c1);
        _mm512_storeu_si512(words[2] + i, c2);
        _mm512_storeu_si512(words[3] + i, c3);
    }
}
#endif

/* The whole groups in place; a last, partial group through a padded copy,
** so that nothing beyond entities[n - 1] or words[j][n - 1] is touched. */
static void lanes_run(lanes_groups_fn *groups, uint64_t seed, const uint32_t *entities, long n,
                      uint32_t day, uint32_t purpose, uint32_t block, uint32_t *const words[4])
{
    const long whole = n > 0 ? n & ~(long)(LANES_GROUP - 1) : 0;
    if (whole > 0) groups(seed, entities, whole, day, purpose, block, words);
    if (n <= whole) return;
    const size_t rest = (size_t)(n - whole) * sizeof(uint32_t);
    uint32_t ids[LANES_GROUP] = {0}, pad[4][LANES_GROUP];
    uint32_t *const padw[4] = {pad[0], pad[1], pad[2], pad[3]};
    memcpy(ids, entities + whole, rest);
    groups(seed, ids, LANES_GROUP, day, purpose, block, padw);
    for (int j = 0; j < 4; j++)
        memcpy(words[j] + whole, pad[j], rest);
}

void hs_stream_lanes_portable(uint64_t seed, const uint32_t *entities, long n, uint32_t day,
                              uint32_t purpose, uint32_t block, uint32_t *const words[4])
{
    lanes_run(lanes_groups_portable, seed, entities, n, day, purpose, block, words);
}

int hs_stream_lanes_avx512(uint64_t seed, const uint32_t *entities, long n, uint32_t day,
                           uint32_t purpose, uint32_t block, uint32_t *const words[4])
{
#ifdef LANES_AVX512
    if (!__builtin_cpu_supports("avx512f")) return 0;
    lanes_run(lanes_groups_avx512, seed, entities, n, day, purpose, block, words);
    return 1;
#else
    (void)seed, (void)entities, (void)n, (void)day, (void)purpose, (void)block, (void)words;
    return 0;
#endif
}

void hs_stream_lanes(uint64_t seed, const uint32_t *entities, long n, uint32_t day,
                     uint32_t purpose, uint32_t block, uint32_t *const words[4])
{
    if (!hs_stream_lanes_avx512(seed, entities, n, day, purpose, block, words))
        hs_stream_lanes_portable(seed, entities, n, day, purpose, block, words);
}
