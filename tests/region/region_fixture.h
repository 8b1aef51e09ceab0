/*
** region_fixture.h - the small Flee case the region tests build worlds from:
** Mali with a conflict zone (A, 4,000 people) and a town (B, 2,000), a camp in
** Niger (C, capacity 3,000), 60 days from 2012-03-01. Each test adds its own
** source data, closures and indicator tables.
*/
#ifndef HUMSEC_TESTS_REGION_FIXTURE_H
#define HUMSEC_TESTS_REGION_FIXTURE_H

#include <stdio.h>
#include "testutil.h"

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

#endif
