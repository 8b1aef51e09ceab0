/*
** rng.c - a GSL generator type backed by a counter-based stream, so that GSL's
** well-tested distributions (gsl_ran_poisson, gsl_ran_binomial, ...) draw from
** the (seed, entity, day, purpose) streams of rng.h.
*/
#include <humsec/rng.h>

#include <gsl/gsl_rng.h>

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
    return gsl_rng_alloc(&stream_gsl_type);
}

void hs_stream_gsl_set(gsl_rng *r, hs_stream s)
{
    *(hs_stream *)r->state = s;
}
