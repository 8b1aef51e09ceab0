/*
** version.c - the version recorded in every output folder.
*/
#include <humsec/version.h>

#include "humsec_version.h"

const char *hs_version(void)
{
    return HUMSEC_VERSION_STRING " (" HUMSEC_GIT_DESCRIBE ")";
}
