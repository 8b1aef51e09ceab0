/*
** scenario.h - which model a scenario is for, so that a program can open any
** scenario humsec runs without knowing its kind in advance.
**
** A Flee case is a folder (input_csv/, source_data/, simsetting YAML) and is
** run by the flight process (flight.h). A scenario file is YAML whose
** top-level key `model:` names its model: `human_security` (world.h) or
** `civil_violence` (violence.h).
*/
#ifndef HUMSEC_SCENARIO_H
#define HUMSEC_SCENARIO_H

#include <humsec/error.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

typedef enum hs_model {
    HS_MODEL_FLIGHT = 0,         /* a Flee case folder: flight.h */
    HS_MODEL_CIVIL_VIOLENCE = 1, /* Epstein's models on a lattice: violence.h */
    HS_MODEL_WORLD = 2,          /* the human security world: world.h */
} hs_model;

/* The name a scenario file gives the model ("flight", "civil_violence",
** "human_security"). Never NULL. */
const char *hs_model_name(hs_model m);

/* Which model the scenario at path is for: a folder is a Flee case; a file
** must be a YAML mapping with a top-level `model:` naming human_security or
** civil_violence. Only the model is read: the model's own loader checks the
** rest. Errors name the file, and the line and key where there is one. */
hs_status hs_scenario_model(const char *path, hs_model *out, hs_error *err);

#pragma GCC visibility pop

#endif
