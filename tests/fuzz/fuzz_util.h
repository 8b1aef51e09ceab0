/*
** fuzz_util.h - what the fuzz harnesses share: the input as a NUL-terminated
** string, an input split into several named files, and a scratch folder.
**
** Several parsers read more than one file (a Flee case folder, a world
** scenario with its tables). Their harnesses take one input that names its
** files on lines of their own:
**
**     == input_csv/locations.csv
**     #name,region,...
**     == input_csv/routes.csv
**     ...
**
** Text before the first such line is the file named by the harness's default
** (the scenario, say). So every seed is a readable text file, and the fuzzer
** mutates the names and the contents alike.
*/
#ifndef HUMSEC_FUZZ_UTIL_H
#define HUMSEC_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define FUZZ_MAX_FILES 16

typedef struct fuzz_file {
    char *path; /* relative, as named on its "== " line (owned) */
    char *text; /* NUL-terminated contents (owned) */
} fuzz_file;

typedef struct fuzz_files {
    int n;
    fuzz_file f[FUZZ_MAX_FILES];
} fuzz_files;

/* The input as a string (a NUL inside ends it, as it ends a C string). */
char *fuzz_text(const uint8_t *data, size_t size);

/* Split the input into files; the text before the first "== NAME" line is
** first_name. Names holding "..", starting with '/' or empty are dropped, so
** nothing is written outside the scratch folder. Returns 0, or -1 when out
** of memory. */
int fuzz_split(fuzz_files *out, const uint8_t *data, size_t size, const char *first_name);
void fuzz_files_free(fuzz_files *fs);
/* The text of the file with this path, or NULL. */
const char *fuzz_find(const fuzz_files *fs, const char *path);

/* A scratch folder for this process (made once, removed at exit). */
const char *fuzz_scratch(void);
/* Empty the scratch folder and write the files into it (parent folders made).
** Returns 0, or -1 on a write error. */
int fuzz_write_files(const fuzz_files *fs);

#endif
