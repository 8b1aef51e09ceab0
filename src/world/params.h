/*
** params.h - the table of the world's parameters (params.c): one
** row per scenario key, read by scenario.c and written by
** hs_world_params_write. Internal to libhumsec.
*/
#ifndef HUMSEC_WORLD_PARAMS_H
#define HUMSEC_WORLD_PARAMS_H

#include <stddef.h>
#include <humsec/world.h>

typedef enum { WORLD_PT_DOUBLE = 0, WORLD_PT_LONG = 1, WORLD_PT_BOOL = 2 } world_param_type;

typedef struct world_param_desc {
    const char *section; /* "security", "thresholds" or a mechanism key */
    const char *key;
    int type;      /* world_param_type */
    size_t offset; /* in hs_world_params */
    double min, max;
} world_param_desc;

/* Rows grouped by section, ending with a row whose section is NULL. */
extern const world_param_desc world_param_table[];

#endif
