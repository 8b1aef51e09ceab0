/*
** flight_fixture.h - small Flee cases built from text for the flight tests.
*/
#ifndef HUMSEC_TEST_FLIGHT_FIXTURE_H
#define HUMSEC_TEST_FLIGHT_FIXTURE_H

#include "testutil.h"
#include "flight/flight_internal.h"

/* Flee's default settings with no one spawned: the tests place their own people. */
static inline void fixture_no_spawning(hs_flight_settings *s)
{
    hs_flight_settings_default(s);
    s->spawn_mode = HS_SPAWN_CONSTANT;
    s->displaced_per_conflict_day = 0;
}

/* Load a case from embedded files; fails the test with the error message. */
static inline void fixture_load(hs_flight_case *c, const hs_flight_settings *s,
                                const hs_flight_embedded_file *files)
{
    hs_error err;
    hs_status st = hs_flight_case_read(c, "fixture", NULL, NULL, files, s, &err);
    if (st != HS_OK) {
        char buf[1024];
        hs_error_format(&err, buf, sizeof buf);
        fail_msg("fixture did not load: %s", buf);
    }
}

static inline hs_flight_sim *fixture_sim(const hs_flight_case *c, const hs_flight_settings *s,
                                         uint64_t seed)
{
    hs_flight_sim *sim;
    hs_error err;
    if (hs_flight_sim_create(&sim, c, s, seed, &err) != HS_OK) {
        char buf[1024];
        hs_error_format(&err, buf, sizeof buf);
        fail_msg("sim not created: %s", buf);
    }
    return sim;
}

static inline void fixture_step(hs_flight_sim *sim)
{
    hs_error err;
    if (hs_flight_sim_step(sim, &err) != HS_OK) {
        char buf[1024];
        hs_error_format(&err, buf, sizeof buf);
        fail_msg("step failed: %s", buf);
    }
}

#endif
