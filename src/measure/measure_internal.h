/*
** measure_internal.h - what the measure modules share inside libhumsec. Not
** part of the public API.
*/
#ifndef HUMSEC_MEASURE_INTERNAL_H
#define HUMSEC_MEASURE_INTERNAL_H

#include <stddef.h>
#include <humsec/measure.h>

/* After a column the index needs was not found in frame f (wide or panel): what
** the file looks like (an HDR or FSI table of another year or layout, INFORM's),
** which of its columns hold what the index needs, and every indicator column the
** index needs that f lacks. Written to buf (size n) as a sentence that follows
** the first message; "" when there is nothing to add. Reads f->path's header
** again (the frame keeps only the columns it was asked for); never fails. */
void hs_frame_missing_hint(const hs_index *ix, const hs_frame *f, char *buf, size_t n);

#endif
