/*
** fuzz_table.c - the CSV table reader (src/core/table.c) and its number
** readers. The first byte of the input chooses the flags (Latin-1, keep blank
** rows); the rest is the file.
*/
#include <humsec/error.h>
#include <humsec/table.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    unsigned flags = data[0] & (HS_TABLE_LATIN1 | HS_TABLE_KEEP_BLANK);
    char *text = fuzz_text(data + 1, size - 1);
    if (!text) return 0;
    hs_error err;
    hs_table t;
    if (hs_table_read_text(&t, "fuzz.csv", text, flags, &err) == HS_OK) {
        static FILE *sink;
        if (!sink) sink = fopen("/dev/null", "w");
        (void)hs_table_column(&t, "name");
        for (size_t r = 0; r < t.nrows; r++)
            for (int c = 0; c <= t.rows[r].nfields; c++) { /* one past the end: "" */
                double d;
                long l;
                hs_table_double(&t, r, c, "field", &d, &err);
                hs_table_long(&t, r, c, "field", &l, &err);
                if (sink) hs_csv_put_text(sink, hs_table_get(&t, r, c));
            }
        hs_table_free(&t);
    }
    free(text);
    return 0;
}
