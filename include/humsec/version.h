/* version.h - "0.1.0 (git describe)" of the library that made an output. */
#ifndef HUMSEC_VERSION_H
#define HUMSEC_VERSION_H
const char *hs_version(void);
#endif
