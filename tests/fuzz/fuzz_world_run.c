/*
** fuzz_world_run.c - human-security world scenarios read and then run
** (the world: every mechanism's daily update, flight, donors, wars), through
** the public API only. The input is in the split form of fuzz_util.h, as for
** fuzz_world_scenario; a scenario that loads runs for up to 20 days on one
** thread when it is small (at most 5,000 people and 60 places), so that an
** input takes milliseconds and the fuzzer explores the model, not the size.
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
        if (hs_world_scenario_load(&sc, path, &err) == HS_OK) {
            double people = 0.0;
            for (int l = 0; l < sc->geo.nloc; l++)
                people += sc->people[l];
            hs_world_sim *sim = NULL;
            if (people <= 5000.0 && sc->geo.nloc <= 60 &&
                hs_world_sim_create(&sim, sc, 1, &err) == HS_OK) {
                hs_world_sim_set_threads(sim, 1);
                long days = sc->days < 20 ? sc->days : 20;
                if (hs_world_sim_run(sim, days, NULL, NULL, &err) == HS_OK && days > 0)
                    (void)hs_world_sim_record(sim, HS_SCOPE_NATIONALS, 0, days - 1);
                hs_world_sim_free(sim);
            }
            hs_world_scenario_free(sc);
        }
    }
    fuzz_files_free(&fs);
    return 0;
}
