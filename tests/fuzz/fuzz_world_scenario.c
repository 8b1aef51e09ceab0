/*
** fuzz_world_scenario.c - human-security world scenarios (src/world/
** scenario.c, scenario_tables.c) through the public API only: the input,
** in the split form of fuzz_util.h (scenario.yml first, then its tables,
** "== locations.csv", "== routes.csv", ...), is written to a scratch folder
** and read with hs_world_scenario_load.
*/
#include <humsec/error.h>
#include <humsec/world.h>
#include <stdint.h>
#include <stdio.h>
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_files fs;
    if (fuzz_split(&fs, data, size, "scenario.yml") == 0 && fuzz_write_files(&fs) == 0) {
        char path[1024];
        snprintf(path, sizeof path, "%s/scenario.yml", fuzz_scratch());
        hs_error err;
        hs_world_scenario *sc = NULL;
        if (hs_world_scenario_load(&sc, path, &err) == HS_OK) hs_world_scenario_free(sc);
    }
    fuzz_files_free(&fs);
    return 0;
}
