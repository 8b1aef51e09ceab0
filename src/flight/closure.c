/*
** closure.c - borders, locations, routes and camps that close and reopen.
**
** A closure acts on its start day and is undone on its end day (never if
** end < 0; end == start means no effect), before anyone moves. Links keep a
** count of the closures holding them shut, so overlapping closures compose:
** a link reopens when the last closure on it ends. (Flee instead reopens
** whatever the ending closure lists, even if another closure still holds it,
** and its 'link' closure never matches anything; see docs/odd/flight.md.)
**   country  - every link between the two countries, both ways;
**   location - every link of the location, both ways;
**   link     - the route between name1 and name2, both ways;
**   camp / idpcamp - the camp becomes a town (movechance default_movechance,
**              no camp weight), and a camp again at the end;
**   remove_forced_redirection - Flee's forced-redirection flag, which its
**              current rules never read: no effect.
*/
#include "flight/flight_internal.h"

static void hold_link(hs_flight_sim *sim, int l, int by)
{
    sim->link_closed[l] += by;
}

/* Apply (by = +1) or undo (by = -1) one closure. */
static void apply(hs_flight_sim *sim, const hs_closure *cl, int by)
{
    const hs_geo *w = sim->c->geo;
    const hs_flight_settings *s = sim->s;
    switch (cl->type) {
    case HS_CLOSE_COUNTRY:
        for (int l = 0; l < w->nlinks; l++) {
            int sa = w->loc_state[w->link_from[l]], sb = w->loc_state[w->link_to[l]];
            if ((sa == cl->a && sb == cl->b) || (sa == cl->b && sb == cl->a)) hold_link(sim, l, by);
        }
        break;
    case HS_CLOSE_LOCATION:
        for (int l = 0; l < w->nlinks; l++)
            if (w->link_from[l] == cl->a || w->link_to[l] == cl->a) hold_link(sim, l, by);
        break;
    case HS_CLOSE_LINK:
        for (int l = 0; l < w->nlinks; l++)
            if ((w->link_from[l] == cl->a && w->link_to[l] == cl->b) ||
                (w->link_from[l] == cl->b && w->link_to[l] == cl->a))
                hold_link(sim, l, by);
        break;
    case HS_CLOSE_CAMP:
    case HS_CLOSE_IDPCAMP: {
        int loc = cl->a;
        sim->conflict[loc] = 0.0;
        if (by > 0) {
            sim->is_camp[loc] = 0;
            sim->is_town[loc] = 1;
            sim->movechance[loc] = s->default_movechance;
        } else {
            sim->is_camp[loc] = 1;
            sim->is_town[loc] = 0;
            sim->movechance[loc] =
                cl->type == HS_CLOSE_IDPCAMP ? s->idpcamp_movechance : s->camp_movechance;
        }
        break;
    }
    case HS_CLOSE_FORCED:
        break;
    }
}

hs_status hs_flight_closures_step(void *model, long day, hs_error *err)
{
    hs_flight_sim *sim = model;
    (void)err;
    for (int k = 0; k < sim->c->nclosures; k++) {
        const hs_closure *cl = &sim->c->closures[k];
        if (cl->end == cl->start) continue;
        if (day == cl->start) apply(sim, cl, +1);
        if (day == cl->end && cl->end > cl->start) apply(sim, cl, -1);
    }
    return HS_OK;
}
