/*
** rng.h - counter-based random streams (Philox4x32-10, Random123).
**
** Why counter-based: a number is a pure function of (seed, entity, day,
** purpose, index), so a person or place draws the same numbers whatever thread
** or rank processes it and in whatever order. There is no generator state to
** share or split, which is what makes runs byte-identical across thread counts.
**
** A stream is a cheap value on the stack: open it for one (entity, day,
** purpose), draw as many numbers as needed, drop it.
*/
#ifndef HUMSEC_RNG_H
#define HUMSEC_RNG_H

#include <stdint.h>
#include <Random123/philox.h>
#include <gsl/gsl_rng.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* Purposes: one per kind of decision, so that adding a draw to one process
** never shifts the numbers another process sees. Append only. */
enum hs_rng_purpose {
    HS_RNG_MOVE = 1,       /* flight: the morning decision to move and route choice */
    HS_RNG_SPAWN = 2,      /* flight: origin of a newly displaced person */
    HS_RNG_SPAWNCOUNT = 3, /* flight: Poisson counts in conflict-driven spawning */
    HS_RNG_GENERATE = 4,   /* generated scenarios (benchmarks, defaults) */
    HS_RNG_CV = 5,         /* civil violence */
    HS_RNG_MEASURE = 6,    /* measurement: Monte Carlo over index choices */
    HS_RNG_WORLD = 7,      /* human-security world mechanisms */
    HS_RNG_TRAVEL = 8,     /* flight: decisions made on arriving during a day's travel */
    HS_RNG_MORNING = 9,    /* flight: the morning stay-or-go draws, four people per block */
    HS_RNG_BIRTH = 10,     /* human-security world: births per location and day */
    HS_RNG_WAR = 11,       /* human-security world: a state's view of a war (state pair, day) */
    HS_RNG_POLICY = 12,    /* human-security world: a state signing a treaty (state, day) */
    HS_RNG_DESIGN = 13,    /* experiments: Latin hypercube strata, Morris trajectories */
    HS_RNG_BOOTSTRAP = 14, /* experiments: bootstrap resamples of sensitivity indices */
};

typedef struct hs_stream {
    philox4x32_key_t key;
    philox4x32_ctr_t ctr;
    philox4x32_ctr_t out;
    int used; /* how many of out.v[] were handed out */
} hs_stream;

/* Open the stream for (seed, entity, day, purpose). */
static inline hs_stream hs_stream_open(uint64_t seed, uint32_t entity, uint32_t day,
                                       uint32_t purpose)
{
    hs_stream s;
    s.key.v[0] = (uint32_t)seed;
    s.key.v[1] = (uint32_t)(seed >> 32);
    s.ctr.v[0] = entity;
    s.ctr.v[1] = day;
    s.ctr.v[2] = purpose;
    s.ctr.v[3] = 0;
    s.used = 4;
    s.out.v[0] = s.out.v[1] = s.out.v[2] = s.out.v[3] = 0;
    return s;
}

/* The stream (seed, entity, day, purpose) from block number `block` on: its
** first 4 x block words passed over without being computed. */
static inline hs_stream hs_stream_open_from(uint64_t seed, uint32_t entity, uint32_t day,
                                            uint32_t purpose, uint32_t block)
{
    hs_stream s = hs_stream_open(seed, entity, day, purpose);
    s.ctr.v[3] = block;
    return s;
}

/* Next raw 32-bit word of the stream. */
static inline uint32_t hs_stream_u32(hs_stream *s)
{
    if (s->used == 4) {
        s->out = philox4x32(s->ctr, s->key);
        s->ctr.v[3]++;
        s->used = 0;
    }
    return s->out.v[s->used++];
}

/* A word as a uniform double in the open interval (0, 1): (w + 1/2) / 2^32,
** exact in a double (for words computed in lanes, hs_stream_lanes). */
static inline double hs_word_u01(uint32_t w)
{
    return ((double)w + 0.5) * (1.0 / 4294967296.0);
}

/* Uniform double in the open interval (0, 1), 32 bits of resolution. */
static inline double hs_stream_u01(hs_stream *s)
{
    return hs_word_u01(hs_stream_u32(s));
}

/* Uniform double in (0, 1) with 53 bits of resolution (two words). */
static inline double hs_stream_u01_53(hs_stream *s)
{
    uint64_t a = hs_stream_u32(s) >> 5, b = hs_stream_u32(s) >> 6;
    return ((double)(a * 67108864u + b) + 0.5) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias below 2^-32 * n). */
static inline uint32_t hs_stream_below(hs_stream *s, uint32_t n)
{
    return (uint32_t)(((uint64_t)hs_stream_u32(s) * n) >> 32);
}

/*
** Many streams at once. hs_stream_lanes computes block number `block` of the n
** streams hs_stream_open(seed, entities[i], day, purpose), i < n: words[j][i]
** is word j of lane i's block, the same number as the (4 block + j + 1)-th
** hs_stream_u32 of stream i. Lanes do not depend on one another, so they are
** computed side by side in vector registers (16 lanes of 32 bits with
** AVX-512), several times faster per word than one stream at a time; for hot
** loops that draw the first words of many entities' streams (civil violence's
** moves). It reads entities[0 .. n-1] and writes words[0..3][0 .. n-1] and
** nothing else; n may be any count >= 0.
**
** Two implementations give the same words, and hs_stream_lanes picks one at
** run time: hs_stream_lanes_avx512 when the CPU has AVX-512F, otherwise
** hs_stream_lanes_portable (plain C that the compiler vectorises; with GCC on
** x86-64 an AVX2 build of it is chosen when the CPU has AVX2). Both are public
** so that a test can check each against hs_stream_u32.
*/
void hs_stream_lanes(uint64_t seed, const uint32_t *entities, long n, uint32_t day,
                     uint32_t purpose, uint32_t block, uint32_t *const words[4]);
void hs_stream_lanes_portable(uint64_t seed, const uint32_t *entities, long n, uint32_t day,
                              uint32_t purpose, uint32_t block, uint32_t *const words[4]);
/* The AVX-512 path: 1 when it computed the words, 0 (words untouched) when the
** CPU lacks AVX-512F or the build has no such path (not x86-64 GCC or Clang). */
int hs_stream_lanes_avx512(uint64_t seed, const uint32_t *entities, long n, uint32_t day,
                           uint32_t purpose, uint32_t block, uint32_t *const words[4]);

/*
** Distributions come from GSL (gsl_ran_*), driven by a stream: hs_stream_gsl_alloc
** makes a gsl_rng whose generator is an hs_stream (caller frees it with
** gsl_rng_free); hs_stream_gsl_set points it at a new stream, which costs
** nothing, so one gsl_rng per thread serves every (entity, day, purpose).
*/
gsl_rng *hs_stream_gsl_alloc(void);
void hs_stream_gsl_set(gsl_rng *r, hs_stream s);

#pragma GCC visibility pop

#endif
