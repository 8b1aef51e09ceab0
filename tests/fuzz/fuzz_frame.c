/*
** fuzz_frame.c - indicator data as `humsec assess` reads it (src/measure/
** frame.c): layout and encoding recognised from the bytes, cells as numbers,
** a join. The first byte chooses the options (year, aggregates, variables).
*/
#include <humsec/error.h>
#include <humsec/measure.h>
#include <stdint.h>
#include <stdlib.h>
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    static const char *const vars[] = {"le", "a", "hdi", NULL};
    static const int years[] = {0, 2020, 2022, 1800};
    hs_frame_opts o = {.year = years[data[0] & 3],
                       .keep_aggregates = (data[0] >> 2) & 1,
                       .vars = (data[0] >> 3) & 1 ? vars : NULL};
    char *text = fuzz_text(data + 1, size - 1);
    if (!text) return 0;
    hs_error err;
    hs_frame f;
    if (hs_frame_read_text(&f, "fuzz.csv", text, &o, &err) == HS_OK) {
        double *x = malloc((f.nunits ? f.nunits : 1) * sizeof *x);
        for (int v = 0; x && v < f.nvars; v++) {
            hs_frame_numbers(&f, v, x, &err);
            char where[256];
            for (size_t u = 0; u < f.nunits; u++)
                (void)hs_frame_cell_where(&f, u, v, where, sizeof where);
            (void)hs_frame_var(&f, f.vars[v]);
        }
        free(x);
        hs_frame both[2] = {f, f}, joined;
        if (hs_frame_join(&joined, both, 2, &err) == HS_OK) hs_frame_free(&joined);
        hs_frame_free(&f);
    }
    free(text);
    return 0;
}
