/*
** params.h - the table of the world's parameters (params.c): one
** row per scenario key, read by scenario.c and written by
** hs_world_params_write. Internal to libhumsec.
*/
#ifndef HUMSEC_WORLD_PARAMS_H
#define HUMSEC_WORLD_PARAMS_H

#include <stddef.h>
#include <humsec/world.h>
#include "core/named.h"

/* Rows grouped by section, ending with a row whose key is NULL. */
extern const hs_named world_param_table[];

#endif
