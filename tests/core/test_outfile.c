/*
** test_outfile.c - an output file appears only when complete (hs_outfile:
** written beside its place, renamed in when closed without error), and a
** write error says why ("No space left on device"): issue 15's reproducers
** (assess -o on a full disk replaced an earlier file by a truncated one).
** A full disk is /dev/full, whose writes fail with ENOSPC.
*/
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/outdir.h>

/* Files in dir other than . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void replaced_in_one_step(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("outfile");
    char path[8192];
    snprintf(path, sizeof path, "%s/hdi.csv", dir);
    test_write(path, "earlier\n");
    hs_outfile o;
    hs_error e;
    assert_int_equal(hs_outfile_open(&o, path, &e), HS_OK);
    fputs("new\n", o.f);
    /* Until the commit, the earlier file is whole and the new one is beside it. */
    char *text = test_read(path);
    assert_string_equal(text, "earlier\n");
    free(text);
    assert_int_equal(entries(dir), 2);
    assert_int_equal(hs_outfile_commit(&o, &e), HS_OK);
    text = test_read(path);
    assert_string_equal(text, "new\n");
    free(text);
    assert_int_equal(entries(dir), 1);
    /* Abandoned: nothing changes, nothing is left. */
    assert_int_equal(hs_outfile_open(&o, path, &e), HS_OK);
    fputs("half", o.f);
    hs_outfile_abandon(&o);
    text = test_read(path);
    assert_string_equal(text, "new\n");
    free(text);
    assert_int_equal(entries(dir), 1);
    /* A file in a folder that does not exist: the message names it. */
    snprintf(path, sizeof path, "%s/no/such/folder/x.csv", dir);
    assert_int_equal(hs_outfile_open(&o, path, &e), HS_ERR_IO);
    assert_string_equal(e.file, path);
    assert_non_null(strstr(e.message, "No such file or directory"));
}

static void full_disk_keeps_the_earlier_file(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("outfile-full");
    char path[8192];
    snprintf(path, sizeof path, "%s/hdi.csv", dir);
    test_write(path, "earlier\n");
    hs_outfile o;
    hs_error e;
    assert_int_equal(hs_outfile_open(&o, path, &e), HS_OK);
    /* The disk fills: every write from here on fails as on a full disk. */
    FILE *full = fopen("/dev/full", "w");
    if (!full) skip();
    fclose(o.f);
    o.f = full;
    for (int k = 0; k < 10000; k++)
        fputs("a row of the result,1,2,3\n", o.f);
    assert_int_equal(hs_outfile_commit(&o, &e), HS_ERR_IO);
    assert_string_equal(e.file, path);
    assert_non_null(strstr(e.message, "No space left on device"));
    char *text = test_read(path);
    assert_string_equal(text, "earlier\n");
    free(text);
    assert_int_equal(entries(dir), 1);
    /* A file of an output folder says so too. */
    hs_outdir od = {.staging = (char *)dir, .lock_fd = -1};
    full = fopen("/dev/full", "w");
    fputs("x\n", full);
    assert_int_equal(hs_outdir_fclose(&od, full, "daily.csv", &e), HS_ERR_IO);
    assert_non_null(strstr(e.file, "daily.csv"));
    assert_non_null(strstr(e.message, "No space left on device"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replaced_in_one_step),
        cmocka_unit_test(full_disk_keeps_the_earlier_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
