/*
** fuzz_cv_scenario.c - civil-violence scenario files (src/violence/
** cv_scenario.c): Epstein's parameters from YAML, checked. The input is the
** scenario file.
*/
#include <humsec/error.h>
#include <humsec/violence.h>
#include <stdint.h>
#include <stdlib.h>
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    if (!text) return 0;
    hs_error err;
    hs_cv_params p;
    if (hs_cv_scenario_load_text("scenario.yml", text, &p, &err) == HS_OK)
        (void)hs_cv_vision_cells(p.vision, p.vision_shape);
    free(text);
    return 0;
}
