/*
** cv_internal.h - what the civil-violence modules share but do not publish.
*/
#ifndef HUMSEC_CV_INTERNAL_H
#define HUMSEC_CV_INTERNAL_H

#include <humsec/violence.h>

/* Half-width of the vision's row at vertical offset dy; -1 when the row is out of sight. */
long cv_vision_halfwidth(double vision, hs_cv_vision_shape shape, long dy);

#endif
