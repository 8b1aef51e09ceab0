/*
** hsw_params.h - the table of the world's parameters (hsw_params.c): one
** row per scenario key, read by hsw_scenario.c and written by
** hs_hsw_params_write. Internal to libhumsec.
*/
#ifndef HUMSEC_HSW_PARAMS_H
#define HUMSEC_HSW_PARAMS_H

#include <stddef.h>
#include <humsec/hsworld.h>

typedef enum { HSW_PT_DOUBLE = 0, HSW_PT_LONG = 1, HSW_PT_BOOL = 2 } hsw_param_type;

typedef struct hsw_param_desc {
    const char *section; /* "security", "thresholds" or a mechanism key */
    const char *key;
    int type;      /* hsw_param_type */
    size_t offset; /* in hs_hsw_params */
    double min, max;
} hsw_param_desc;

/* Rows grouped by section, ending with a row whose section is NULL. */
extern const hsw_param_desc hsw_param_table[];

#endif
