/* version.h - "0.1.0 (git describe)" of the library that made an output. */
#ifndef HUMSEC_VERSION_H
#define HUMSEC_VERSION_H

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)
const char *hs_version(void);
#pragma GCC visibility pop

#endif
