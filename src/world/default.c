/*
** default.c - the embedded default scenario of the human security
** world (also shipped as scenarios/world/): an invented region that tells
** the source documents' story.
**   Arland - a fragile state (anocracy, thin legitimacy, poor services):
**            an economic shock, then a drought in its north, then fighting
**            in its north; whether its crisis turns into civil violence is
**            up to its people's grievance and its own response.
**   Beria, Cosra - neighbours that receive its refugees in their camps
**            (Cosra closes its border for two months).
**   Drava  - Arland's rival, whose arms build-up from day 120 Arland fears.
** Read by the same reader as any scenario file.
*/
#include <string.h>
#include "world/world_internal.h"

static const char default_yml[] =
    "# The embedded default of humsec's human security world (issue 5).\n"
    "# Run it with `humsec run`; copy and edit it to make your own.\n"
    "model: human_security\n"
    "name: default\n"
    "start_date: 2024-01-01\n"
    "days: 730\n"
    "groups: [Ardi, Bel, Cori, Drav]\n"
    "states:\n"
    "  - name: Arland\n"
    "    economy: 0.6\n"
    "    tax: 0.15\n"
    "    military_share: 0.08\n"
    "    legitimacy: 0.82\n"
    "    repression: 0.2\n"
    "    cohesion: 0.6\n"
    "    police: 0.003\n"
    "    life_expectancy: 63\n"
    "    birth_rate: 0.038\n"
    "    regime: anocracy\n"
    "    rivals: [Drava]\n"
    "    groups: {Ardi: 0.7, Bel: 0.3}\n"
    "  - name: Beria\n"
    "    economy: 1.0\n"
    "    tax: 0.25\n"
    "    military_share: 0.05\n"
    "    legitimacy: 0.85\n"
    "    repression: 0.05\n"
    "    cohesion: 0.8\n"
    "    police: 0.004\n"
    "    life_expectancy: 76\n"
    "    birth_rate: 0.018\n"
    "    regime: democracy\n"
    "    groups: {Bel: 1.0}\n"
    "  - name: Cosra\n"
    "    economy: 0.8\n"
    "    tax: 0.2\n"
    "    military_share: 0.08\n"
    "    legitimacy: 0.75\n"
    "    repression: 0.15\n"
    "    cohesion: 0.7\n"
    "    police: 0.003\n"
    "    life_expectancy: 70\n"
    "    birth_rate: 0.022\n"
    "    regime: anocracy\n"
    "    groups: {Cori: 1.0}\n"
    "  - name: Drava\n"
    "    economy: 1.1\n"
    "    tax: 0.25\n"
    "    military_share: 0.08\n"
    "    legitimacy: 0.7\n"
    "    repression: 0.3\n"
    "    cohesion: 0.8\n"
    "    police: 0.005\n"
    "    life_expectancy: 73\n"
    "    birth_rate: 0.018\n"
    "    regime: autocracy\n"
    "    rivals: [Arland]\n"
    "    groups: {Drav: 1.0}\n"
    "locations: locations.csv\n"
    "routes: routes.csv\n"
    "events:\n"
    "  - {type: arms_buildup, state: Drava, start: 120, intensity: 0.13}\n"
    "  - {type: economic_shock, state: Arland, start: 90, end: 450, intensity: 0.2}\n"
    "  - {type: drought, location: Norvik, start: 180, end: 420, intensity: 0.6}\n"
    "  - {type: drought, location: Tessa, start: 180, end: 420, intensity: 0.6}\n"
    "  - {type: conflict, location: Norvik, start: 240, end: 540, intensity: 0.6}\n"
    "  - {type: conflict, location: Tessa, start: 270, end: 480, intensity: 0.4}\n"
    "  - {type: border_closure, state: Arland, state_b: Cosra, start: 240, end: 300}\n"
    "  - {type: epidemic, location: Oza_Camp, start: 330, intensity: 20}\n"
    "# The international response (M14, M15): Norland can help Arland and its neighbours\n"
    "# with a tenth as much again as they spend on their own development. Its doctrine is\n"
    "# none here - the crisis as it unfolds without help; `humsec run --doctrine fear`\n"
    "# (or want, or mixed) gives the same budget a policy.\n"
    "donors:\n"
    "  - {name: Norland, doctrine: none, budget: 0.1, recipients: [Arland, Beria, Cosra]}\n";

static const char default_locations[] =
    "#name,region,country,latitude,longitude,location_type,people,capacity,services,erw,hazard\n"
    "Arlen,Capital,Arland,10.00,20.00,town,16000,,0.6,0,0.1\n"
    "Norvik,North,Arland,11.20,20.40,town,9000,,0.45,0.02,0.2\n"
    "Tessa,North,Arland,11.00,21.30,town,6000,,0.4,0.02,0.2\n"
    "Midfield,Centre,Arland,10.40,21.00,town,7000,,0.5,0,0.1\n"
    "Southport,South,Arland,9.20,20.30,town,8000,,0.55,0,0.1\n"
    "Eastgate,East,Arland,10.10,22.10,town,4000,,0.5,0,0.1\n"
    "Border_Post,East,Arland,10.20,22.80,marker,0,,0.5,0,0.1\n"
    "Kiri_Camp,West,Beria,9.80,18.90,camp,0,6000,0.6,0,0.1\n"
    "Lomo_Camp,South,Beria,8.60,19.80,camp,0,4000,0.6,0,0.1\n"
    "Beria_City,Centre,Beria,8.90,18.60,town,14000,,0.85,0,0.05\n"
    "Oza_Hub,West,Cosra,10.30,23.40,forwarding_hub,0,,0.6,0,0.1\n"
    "Oza_Camp,West,Cosra,10.50,23.90,camp,0,5000,0.5,0,0.1\n"
    "Cosra_Town,North,Cosra,11.40,23.70,town,10000,,0.7,0,0.1\n"
    "Drava_City,Centre,Drava,12.50,19.50,town,12000,,0.8,0,0.05\n"
    "Drava_Port,Coast,Drava,13.20,19.00,town,6000,,0.75,0,0.1\n";

static const char default_routes[] =
    "#name1,name2,distance\n"
    "Arlen,Midfield,120\nArlen,Southport,140\nArlen,Kiri_Camp,160\n"
    "Norvik,Arlen,150\nNorvik,Tessa,110\nNorvik,Midfield,130\n"
    "Tessa,Eastgate,95\nMidfield,Eastgate,120\nMidfield,Southport,170\n"
    "Eastgate,Border_Post,70\nBorder_Post,Oza_Hub,60\nOza_Hub,Oza_Camp,55\n"
    "Oza_Hub,Cosra_Town,110\nTessa,Cosra_Town,190\n"
    "Southport,Lomo_Camp,90\nLomo_Camp,Beria_City,100\nKiri_Camp,Beria_City,80\n"
    "Norvik,Drava_City,240\nDrava_City,Drava_Port,120\n";

static const world_text_file default_files[] = {
    {"default.yml", default_yml},
    {"locations.csv", default_locations},
    {"routes.csv", default_routes},
    {NULL, NULL},
};

const char *hs_world_default_text(const char *name)
{
    for (const world_text_file *f = default_files; f->name; f++)
        if (strcmp(f->name, name) == 0) return f->text;
    return NULL;
}

hs_status hs_world_scenario_default(hs_world_scenario **out, hs_error *err)
{
    return world_scenario_read(out, "default.yml", default_yml, default_files, err);
}
