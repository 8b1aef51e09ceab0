/*
** fuzz_checkpoint.c - the checkpoint file (src/core/checkpoint.c): header,
** model, fingerprint, checksum, then sections read by name and size as a
** model reads them (a fixed-size one, one of any size). The input is the file.
** What a model does with the sections' contents is not reached: a file whose
** checksum does not hold is refused before any section is used.
*/
#include <humsec/checkpoint.h>
#include <humsec/error.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/run.checkpoint", fuzz_scratch());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    int ok = fwrite(data, 1, size, f) == size;
    if (fclose(f) != 0 || !ok) return 0;
    hs_ckpt_reader r;
    hs_error err;
    long step = 0;
    if (hs_ckpt_open(&r, path, "fuzz", 42, &step, &err) != HS_OK) return 0;
    double x;
    void *text = NULL;
    size_t bytes = 0;
    if (hs_ckpt_get(&r, "x", &x, sizeof x, &err) == HS_OK &&
        hs_ckpt_get_alloc(&r, "text", &text, &bytes, &err) == HS_OK)
        free(text);
    hs_ckpt_close(&r);
    return 0;
}
