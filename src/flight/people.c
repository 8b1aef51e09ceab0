/*
** people.c - the struct-of-arrays store of persons.
*/
#include <humsec/people.h>

#include <stdlib.h>
#include <string.h>

void hs_people_init(hs_people *p)
{
    memset(p, 0, sizeof *p);
}

void hs_people_free(hs_people *p)
{
    free(p->loc);
    free(p->link);
    free(p->link_km);
    free(p->route);
    free(p->stint);
    free(p->home);
    free(p->status);
    memset(p, 0, sizeof *p);
}

#define GROW(field, count)                                                                         \
    do {                                                                                           \
        void *q_ = realloc(p->field, (count) * sizeof *p->field);                                  \
        if (!q_)                                                                                   \
            return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory for people");     \
        p->field = q_;                                                                             \
    } while (0)

hs_status hs_people_reserve(hs_people *p, size_t cap, hs_error *err)
{
    if (cap <= p->cap) return HS_OK;
    GROW(loc, cap);
    GROW(link, cap);
    GROW(link_km, cap);
    GROW(route, cap * HS_ROUTE_MAX);
    GROW(stint, cap);
    GROW(home, cap);
    GROW(status, cap);
    p->cap = cap;
    return HS_OK;
}

hs_status hs_people_add(hs_people *p, size_t n, int32_t loc, size_t *first, hs_error *err)
{
    if (p->n + n > p->cap) {
        size_t cap = p->cap ? p->cap : 1024;
        while (cap < p->n + n)
            cap *= 2;
        hs_status st = hs_people_reserve(p, cap, err);
        if (st != HS_OK) return st;
    }
    size_t i0 = p->n;
    /* A large addition (a host's whole population at start-up) on OpenMP's threads:
    ** the first write to each page is most of its cost. */
#pragma omp parallel for schedule(static) if (n >= 65536)
    for (size_t i = i0; i < i0 + n; i++) {
        p->loc[i] = loc;
        p->link[i] = -1;
        p->link_km[i] = 0.0f;
        for (int k = 0; k < HS_ROUTE_MAX; k++)
            p->route[i * HS_ROUTE_MAX + k] = -1;
        p->stint[i] = 0.0f;
        p->home[i] = loc;
        p->status[i] = 0;
    }
    p->n += n;
    if (first) *first = i0;
    return HS_OK;
}

size_t hs_people_bytes(const hs_people *p)
{
    return p->cap * HS_PEOPLE_BYTES_PER_PERSON;
}
