/*
** default_case.c - the embedded default scenario of the flight process.
**
** Written for humsec (no real place): Arland is a state whose capital and
** north fall into conflict; its people flee to camps in Beria and Cosra, whose
** border with Arland is closed for the first three weeks. Small enough to run
** in a fraction of a second, large enough to show every rule at work. It is
** kept in Flee's own file formats, read by the same reader as a real case.
*/
#include <string.h>
#include "flight/flight_internal.h"

static const hs_flight_embedded_file default_files[] = {
    {"input_csv/sim_period.csv", "StartDate,2024-01-01\nLength,180\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "Arlen,Capital,Arland,10.00,20.00,conflict_zone,0,400000\n"
     "Norvik,North,Arland,11.20,20.40,conflict_zone,30,120000\n"
     "Tessa,North,Arland,11.00,21.30,conflict_zone,75,60000\n"
     "Midfield,Centre,Arland,10.40,21.00,town,,80000\n"
     "Southport,South,Arland,9.20,20.30,town,,150000\n"
     "Eastgate,East,Arland,10.10,22.10,town,,40000\n"
     "Border_Post,East,Arland,10.20,22.80,marker,,0\n"
     "Kiri_Camp,West,Beria,9.80,18.90,camp,,60000\n"
     "Lomo_Camp,South,Beria,8.60,19.80,camp,,25000\n"
     "Beria_City,Centre,Beria,8.90,18.60,town,,300000\n"
     "Oza_Hub,West,Cosra,10.30,23.40,forwarding_hub,,0\n"
     "Oza_Camp,West,Cosra,10.50,23.90,camp,,50000\n"
     "Cosra_Town,North,Cosra,11.40,23.70,town,,90000\n"},
    {"input_csv/routes.csv",
     "#name1,name2,distance,forced_redirection\n"
     "Arlen,Midfield,120,0\nArlen,Southport,140,0\nArlen,Kiri_Camp,160,0\n"
     "Norvik,Arlen,150,0\nNorvik,Tessa,110,0\nNorvik,Midfield,130,0\n"
     "Tessa,Eastgate,95,0\nMidfield,Eastgate,120,0\nMidfield,Southport,170,0\n"
     "Eastgate,Border_Post,70,0\nBorder_Post,Oza_Hub,60,0\nOza_Hub,Oza_Camp,55,0\n"
     "Oza_Hub,Cosra_Town,110,0\nTessa,Cosra_Town,190,0\n"
     "Southport,Lomo_Camp,90,0\nLomo_Camp,Beria_City,100,0\nKiri_Camp,Beria_City,80,0\n"},
    {"input_csv/closures.csv", "#closure_type,name1,name2,closure_start,closure_end\n"
                               "country,Arland,Cosra,0,21\n"},
    {NULL, NULL},
};

hs_status hs_flight_case_default(hs_flight_case *c, hs_flight_settings *s, hs_error *err)
{
    hs_flight_settings_default(s);
    /* Conflict-driven: no UNHCR data for an invented region. */
    s->spawn_mode = HS_SPAWN_POISSON;
    s->displaced_per_conflict_day = 250.0;
    s->ndecay = 5;
    const double decay[5] = {1.0, 1.0, 1.0, 0.5, 0.1};
    memcpy(s->decay, decay, sizeof decay);
    s->conflict_weight = 0.25;
    s->camp_weight = 2.0;
    s->max_move_speed = 200.0;
    s->awareness_level = 2;
    s->avoid_short_stints = 1;
    return hs_flight_case_read(c, "default", NULL, NULL, default_files, s, err);
}
