/*
** fuzz_experiment.c - experiment files of `humsec compare` (src/compare/
** experiment.c: `model: experiment`, its arms, outcomes and uncertain
** parameters, and the base scenario it names) through the public API only:
** the input, in the split form of fuzz_util.h (experiment.yml first, then
** any scenario file it names, "== cv.yml"), is written to a scratch folder
** and read with hs_experiment_load; a loaded experiment is counted as the
** command counts it before it runs.
*/
#include <humsec/compare.h>
#include <humsec/error.h>
#include <stdint.h>
#include <stdio.h>
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_files fs;
    if (fuzz_split(&fs, data, size, "experiment.yml") == 0 && fuzz_write_files(&fs) == 0) {
        char path[1024];
        snprintf(path, sizeof path, "%s/experiment.yml", fuzz_scratch());
        hs_error err;
        hs_experiment x;
        if (hs_experiment_load(&x, path, &err) == HS_OK) {
            (void)hs_experiment_points(&x);
            (void)hs_experiment_runs(&x);
            hs_experiment_free(&x);
        }
    }
    fuzz_files_free(&fs);
    return 0;
}
