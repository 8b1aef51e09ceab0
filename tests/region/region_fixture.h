/*
** region_fixture.h - the small Flee case the region tests build worlds from:
** Mali with a conflict zone (A, 4,000 people) and a town (B, 2,000), a camp in
** Niger (C, capacity 3,000), 60 days from 2012-03-01. Each test adds its own
** source data, closures and indicator tables. Also: the mali2012 region built
** from ../shared with its real indicators (tests skip without ../shared).
*/
#ifndef HUMSEC_TESTS_REGION_FIXTURE_H
#define HUMSEC_TESTS_REGION_FIXTURE_H

#include <stdio.h>
#include <humsec/region.h>
#include "testutil.h"

/* Fail the test with the error's message unless st is HS_OK. */
static inline void check_ok(hs_status st, const hs_error *err)
{
    if (st != HS_OK) {
        char buf[2048];
        hs_error_format(err, buf, sizeof buf);
        fail_msg("%s", buf);
    }
}

/* The small case's places, routes and period, under dir/small/input_csv. */
static inline void region_small_places(const char *dir)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/small/input_csv/locations.csv", dir);
    test_write(p, "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
                  "A,r,Mali,15,0,conflict_zone,0,4000\n"
                  "B,r,Mali,14,0,town,,2000\n"
                  "C,r,Niger,14,2,camp,,3000\n");
    snprintf(p, sizeof p, "%s/small/input_csv/routes.csv", dir);
    test_write(p, "#name1,name2,distance\nA,B,120\nB,C,200\n");
    snprintf(p, sizeof p, "%s/small/input_csv/sim_period.csv", dir);
    test_write(p, "StartDate,2012-03-01\nLength,60\n");
}

/* mali2012 with its validation settings and ../shared/data's indicators, at most
** 2,000 agents; the caller frees r and c. */
static inline void region_mali2012(hs_flight_case *c, hs_flight_settings *s, hs_region *r)
{
    char dir[4200], data[4200], settings[4300];
    /* (each call returns the same static buffer) */
    snprintf(dir, sizeof dir, "%s", test_shared_or_skip("validation/flee/mali2012"));
    snprintf(data, sizeof data, "%s", test_shared_or_skip("data"));
    snprintf(settings, sizeof settings, "%s/simsetting_validation.yml", dir);
    hs_error err;
    hs_flight_settings_default(s);
    check_ok(hs_flight_settings_load(s, settings, &err), &err);
    check_ok(hs_flight_case_load(c, dir, NULL, s, &err), &err);
    hs_region_opts o = {.data_dir = data, .max_agents = 2000};
    check_ok(hs_region_build(r, c, s, &o, &err), &err);
}

#endif
