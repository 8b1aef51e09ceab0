/*
** test_checkpoint_file.c - the checkpoint file itself (checkpoint.h), apart
** from any model: sections written and read back; a file with one byte
** changed or cut short refused before any section is used (its checksum);
** a full disk (/dev/full: writes fail with ENOSPC) says so and leaves the
** earlier checkpoint whole (issue 15).
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <humsec/checkpoint.h>

static void write_one(const char *path, long step, double x)
{
    hs_ckpt_writer w;
    hs_error e;
    assert_int_equal(hs_ckpt_begin(&w, path, "test", 42, step, &e), HS_OK);
    hs_ckpt_put(&w, "x", &x, sizeof x);
    hs_ckpt_put(&w, "text", "seven days", 11);
    assert_int_equal(hs_ckpt_end(&w, &e), HS_OK);
}

/* Open path as the test model's checkpoint; the status, the message in msg. */
static hs_status open_one(const char *path, char *msg, size_t n)
{
    hs_ckpt_reader r;
    hs_error e;
    long step = -1;
    hs_status st = hs_ckpt_open(&r, path, "test", 42, &step, &e);
    if (st != HS_OK) {
        snprintf(msg, n, "%s", e.message);
        return st;
    }
    double x = 0;
    void *text = NULL;
    size_t bytes = 0;
    st = hs_ckpt_get(&r, "x", &x, sizeof x, &e);
    if (st == HS_OK) st = hs_ckpt_get_alloc(&r, "text", &text, &bytes, &e);
    if (st == HS_OK && (step != 7 || x != 2.5 || bytes != 11 || strcmp(text, "seven days") != 0))
        fail_msg("read back wrong");
    free(text);
    hs_ckpt_close(&r);
    snprintf(msg, n, "%s", st == HS_OK ? "" : e.message);
    return st;
}

static void damaged_or_cut_short_is_refused(void **state)
{
    (void)state;
    char path[4200], msg[1024];
    snprintf(path, sizeof path, "%s/run.checkpoint", test_tmpdir("ckpt-file"));
    write_one(path, 7, 2.5);
    assert_int_equal(open_one(path, msg, sizeof msg), HS_OK);
    char *bytes = NULL;
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    bytes = malloc((size_t)size);
    assert_int_equal(fread(bytes, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    /* Every byte after the header changed in turn: each is refused, none read. */
    for (long k = 48; k < size; k++) {
        bytes[k] ^= 0x10;
        f = fopen(path, "wb");
        fwrite(bytes, 1, (size_t)size, f);
        fclose(f);
        bytes[k] ^= 0x10;
        if (open_one(path, msg, sizeof msg) != HS_ERR_INVALID)
            fail_msg("byte %ld changed: not refused", k);
        if (!strstr(msg, "damaged") && !strstr(msg, "cut short"))
            fail_msg("byte %ld changed: %s", k, msg);
    }
    /* Cut short anywhere. */
    for (long k = 0; k < size; k += 7) {
        f = fopen(path, "wb");
        fwrite(bytes, 1, (size_t)k, f);
        fclose(f);
        assert_int_equal(open_one(path, msg, sizeof msg), HS_ERR_INVALID);
    }
    free(bytes);
}

static void full_disk_keeps_the_earlier_checkpoint(void **state)
{
    (void)state;
    char path[4200];
    snprintf(path, sizeof path, "%s/run.checkpoint", test_tmpdir("ckpt-full"));
    write_one(path, 7, 2.5);
    FILE *full = fopen("/dev/full", "w");
    if (!full) skip();
    hs_ckpt_writer w;
    hs_error e;
    assert_int_equal(hs_ckpt_begin(&w, path, "test", 42, 8, &e), HS_OK);
    fclose(w.out.f);
    w.out.f = full; /* the disk fills */
    static double big[100000];
    hs_ckpt_put(&w, "x", big, sizeof big);
    assert_int_equal(hs_ckpt_end(&w, &e), HS_ERR_IO);
    assert_non_null(strstr(e.message, "No space left on device"));
    char msg[1024];
    assert_int_equal(open_one(path, msg, sizeof msg), HS_OK); /* the earlier one, whole */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(damaged_or_cut_short_is_refused),
        cmocka_unit_test(full_disk_keeps_the_earlier_checkpoint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
