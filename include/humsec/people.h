/*
** people.h - people as a struct of arrays.
**
** Each person is an index i; each attribute is one plain array, so a daily
** process walks only the arrays it needs (cache-friendly, vectorisable,
** trivially split across threads). The flight process keeps, per person:
** where they are, the link they are on and how far along it, the route they
** plan to follow, a running average for Flee's avoid_short_stints rule, their
** home and a status. That is HS_PEOPLE_BYTES_PER_PERSON bytes of state.
**
** Persons are never removed (the dead and the arrived keep their index), so an
** index is a stable identity for random streams.
*/
#ifndef HUMSEC_PEOPLE_H
#define HUMSEC_PEOPLE_H

#include <stddef.h>
#include <stdint.h>
#include <humsec/error.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* The most locations a planned route holds: awareness_level links plus a
** couple of markers (waypoints, which do not count as hops). */
#define HS_ROUTE_MAX 6

/* Person status flags (bits of hs_people.status). */
enum hs_person_flag {
    HS_PERSON_TRAVELLING = 1, /* on a link this morning (link >= 0) */
    HS_PERSON_HAS_ROUTE = 2,  /* route[] holds a plan */
    HS_PERSON_WALKED = 4,     /* completed a first link (start_on_foot no longer applies) */
    HS_PERSON_TRIP = 8,       /* on a trip a host planned: held again where it ends */
};

typedef struct hs_people {
    size_t n, cap;
    int32_t *loc;    /* current location; while on a link, the link's start */
    int32_t *link;   /* directed link being travelled, or -1 */
    float *link_km;  /* km already covered on that link */
    int32_t *route;  /* cap x HS_ROUTE_MAX: locations still to reach, -1 padded */
    float *stint;    /* avoid_short_stints running average */
    int32_t *home;   /* location where the person was spawned */
    uint8_t *status; /* hs_person_flag bits */
} hs_people;

#define HS_PEOPLE_BYTES_PER_PERSON (4 + 4 + 4 + 4 * HS_ROUTE_MAX + 4 + 4 + 1)

void hs_people_init(hs_people *p);
void hs_people_free(hs_people *p);

/* Make room for at least cap persons. */
hs_status hs_people_reserve(hs_people *p, size_t cap, hs_error *err);

/* Append n persons at location loc (home = loc, not travelling, no route).
** Returns the index of the first. Reserve first: this never allocates more
** than needed, but it may grow the arrays. */
hs_status hs_people_add(hs_people *p, size_t n, int32_t loc, size_t *first, hs_error *err);

/* Bytes allocated for person state. */
size_t hs_people_bytes(const hs_people *p);

#pragma GCC visibility pop

#endif
