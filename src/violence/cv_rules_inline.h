/*
** cv_rules_inline.h - the bodies of the rules in cv_rules.c, inline, so that
** the lattice's hot loop does not pay a call per citizen while there is still
** exactly one definition of each rule (cv_rules.c's public functions call these).
*/
#ifndef HUMSEC_CV_RULES_INLINE_H
#define HUMSEC_CV_RULES_INLINE_H

#include <humsec/rng.h>
#include <humsec/violence.h>

/* The two rules other models use too are defined in the public header. */
static inline double cv_grievance(double hardship, double legitimacy)
{
    return hs_cv_grievance(hardship, legitimacy);
}

static inline int cv_decide_active(double grievance, double risk_aversion,
                                   double arrest_probability, double threshold)
{
    return hs_cv_decide_active(grievance, risk_aversion, arrest_probability, threshold);
}

static inline long cv_arrest_pick(hs_stream *s, long n)
{
    return n > 0 ? (long)hs_stream_below(s, (uint32_t)n) : -1;
}

static inline int cv_jail_tick(long *term)
{
    if (*term <= 0) return 1;
    --*term;
    return 0;
}

#endif
