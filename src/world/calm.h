/*
** calm.h - the people whose day is calm, eight at a time, for the people pass
** (person.c): a person at home, standing where they live, whose first draws
** of the day take no rule - no death, no infection, no flight, no riot, no
** recruitment. Most people on most days are such. For them the day is only
** the levels' step (lanes.h's rule), the active flag cleared and the sums;
** here the tests, the step and the sums run across eight people in the
** lanes of AVX-512 registers, and the pass runs every other person through
** the whole day, one by one, as before. Which path a person takes changes nothing they
** end the day with: the tests are the rules' own (docs/odd/world.md, "Calm
** days"), and tests/world/test_world_calm.c holds a run with this path to the
** same run without it, bit for bit.
**
** Chosen at run time: machines without AVX-512 (and builds for other
** processors) take the person-by-person path for everyone.
*/
#ifndef HUMSEC_WORLD_CALM_H
#define HUMSEC_WORLD_CALM_H

#include <stddef.h>
#include <stdint.h>
#include "world/world_internal.h"

/* Where each of the 64 lanes of two 512-bit registers finds its goal: lane
** j < 56 holds dimension j % 7 of person j / 7 (calm.c). */
typedef struct world_calm_layout {
    uint16_t half[64], shift[64], base[64]; /* endowment half, nibble shift, 16 x dimension */
    uint16_t pick[HS_DIM_COUNT][32];        /* pick[d][p] = 7p + d: dimension d of person p */
    uint16_t crit[64];                      /* the critical level of each lane's dimension */
    uint64_t upper;                         /* lanes of dimensions 4-6 */
} world_calm_layout;

/* A thread's view of today for the calm test: the people's arrays, the day's
** constants, and those of the place the last eight stood at (the cell). */
typedef struct world_calm {
    const hs_world_sim *sim;
    const int32_t *loc, *link, *dies, *born;
    const uint8_t *status, *home_state, *disease, *risk;
    uint8_t *flags;
    const int64_t *logtab;
    const uint32_t *endow;
    uint16_t *level;
    int32_t day;
    uint16_t rate;         /* 65536 / relax_days, at most 65535 here */
    uint64_t flee_w;       /* the least first-block word 1 that flees no one */
    int m4_on, m6_home_on; /* M4 on; M6 on with a rate at home above 0 */
    double cv_threshold, m6_threshold;
    int32_t econ_crit; /* the least integer livelihood not below critical */
    /* The cell: the place the group is taken at (its first person at home and standing). */
    int cell_loc, cell_ok;
    uint64_t cell_infect_w; /* the least word 3 that infects no susceptible there */
    uint64_t cell_death_w;  /* the least word 0 that kills no one there */
    uint64_t cell_m6_w;     /* the least word 2 that recruits no youth at home there */
    double cell_arrest_p, cell_illegit;
    int64_t cell_illegit_fix;       /* 1 - legitimacy in fixed point, for the grievance sum */
    const uint16_t *cell_row;       /* goal_tab's row of (place, at home) */
    int32_t kind_band, kind_female; /* world_kind's steps at home, not active, not infected */
    world_calm_layout lanes;
    /* The level sums of the calm people since the last flush: lane j holds
    ** dimension j % 7's (lanes 56-63 stay 0). */
    uint32_t sum[64];
    uint16_t below[64];
    /* The calm people's counts since the last flush, by value: of dimensions
    ** below the critical level (0-7), of groups (0-7), of kinds at home (band x 2
    ** + female, 0-9); and their sums of want, log want and grievance, by lane. */
    uint64_t n_hot[8], n_group[8], n_kind[16];
    int64_t want[8], logwant[8], grievance[8];
    /* Where the calm are counted: the thread's sums and kinds, and the sums of
    ** the (place, home state) the lanes' level sums belong to (NULL: none). */
    int64_t *acc, *acc_cell;
    long pending; /* groups counted in the lanes since the last flush */
    uint32_t *kinds;
    const uint8_t *group;
    int nstates;
    int64_t days; /* person-days taken by the calm path */
} world_calm;

/* 1 when this machine (and build) runs world_calm_groups's vector path. */
int world_calm_available(void);

/* The least word w whose draw, (w + 1/2) / 2^32 (person.c), is at least b:
** a draw below b takes a rule, one at or above it does not; 2^32 when every
** draw is below b. */
uint64_t world_calm_least_word(double b);

/* Set c up for the pass of day on sim (people's arrays, today's constants),
** counting the calm people into a thread's sums acc and counts of kinds kinds
** (person.c's, per (place, home state), A_* and world_kind). rate is 65536 /
** relax_days rounded; flee_max the most a person's chance to flee can be
** (person.c's flee_bound). Returns 0 when no one can be calm today (the
** vector step needs rate <= 65535). */
int world_calm_init(world_calm *c, const hs_world_sim *sim, long day, int32_t rate, double flee_max,
                    int64_t *acc, uint32_t *kinds);

/* The groups of eight people i0 + 8g .. i0 + 8g + 7, g < ngroups, with w[j][k]
** person i0 + k's j-th word of their first block: calm[g] gets the bits b of
** those of group g whose day is calm (person i0 + 8g + b). A group is taken at
** the place and home state of its first person at home and standing there.
** For the calm, and only them, the day is done - levels stepped, active flag
** cleared - and counted in their (place, home state)'s sums and kinds; their
** sums are kept in c until the group's (place, home state) changes or
** world_calm_flush. Nothing else is written: the others' days may come before
** or after. i0 + 8 ngroups - 1 must be a person. Call only when
** world_calm_available(). */
void world_calm_groups(world_calm *c, size_t i0, long ngroups, const uint32_t *const w[4],
                       uint8_t *calm);

/* Add the sums and counts kept in c's lanes to their (place, home state)'s:
** once a thread's groups are done (world_calm_groups flushes on its own when the
** (place, home state) changes, and before the lanes' counts could overflow). */
void world_calm_flush(world_calm *c);

#endif
