/*
** cv_rules.c - Epstein's behavioural rules as pure functions of an agent's
** numbers. They know nothing of lattices, so the integrated world can apply
** them to people in locations with its own notion of "in vision".
*/
#include <humsec/violence.h>
#include "violence/cv_rules_inline.h"

#include <math.h>

double hs_cv_arrest_probability(double k, long cops, long actives_plus_one, hs_cv_rounding rule)
{
    if (actives_plus_one < 1) actives_plus_one = 1;
    double ratio = (double)cops / (double)actives_plus_one;
    switch (rule) {
    case HS_CV_FLOOR:
        ratio = floor(ratio);
        break;
    /* Python 3's round(), which Mesa calls, rounds halves to even; so does
    ** nearbyint under the default rounding mode, which the library never changes. */
    case HS_CV_ROUND:
        ratio = nearbyint(ratio);
        break;
    case HS_CV_NONE:
        break;
    }
    return 1.0 - exp(-k * ratio);
}

long hs_cv_jail_term(hs_stream *s, long max_jail_term)
{
    if (max_jail_term <= 0) return 0;
    return (long)hs_stream_below(s, (uint32_t)max_jail_term + 1u);
}

long hs_cv_arrest_pick(hs_stream *s, long n_actives_in_vision)
{
    return cv_arrest_pick(s, n_actives_in_vision);
}

int hs_cv_jail_tick(long *term)
{
    return cv_jail_tick(term);
}
