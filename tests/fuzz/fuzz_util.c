/*
** fuzz_util.c - input helpers of the fuzz harnesses (fuzz_util.h).
*/
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp */
#include "fuzz_util.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *fuzz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return NULL;
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A name a harness may write under its scratch folder. */
static int safe_name(const char *p)
{
    if (!*p || *p == '/' || strstr(p, "..")) return 0;
    for (const char *s = p; *s; s++)
        if (!(*s == '/' || *s == '.' || *s == '_' || *s == '-' || (*s >= '0' && *s <= '9') ||
              (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
            return 0;
    return strlen(p) < 200;
}

static int add_file(fuzz_files *fs, const char *name, size_t nlen, const char *text, size_t tlen)
{
    if (fs->n == FUZZ_MAX_FILES) return 0;
    char *path = malloc(nlen + 1);
    if (!path) return -1;
    memcpy(path, name, nlen);
    path[nlen] = '\0';
    if (!safe_name(path)) {
        free(path);
        return 0;
    }
    char *t = malloc(tlen + 1);
    if (!t) {
        free(path);
        return -1;
    }
    memcpy(t, text, tlen);
    t[tlen] = '\0';
    fs->f[fs->n].path = path;
    fs->f[fs->n].text = t;
    fs->n++;
    return 0;
}

int fuzz_split(fuzz_files *out, const uint8_t *data, size_t size, const char *first_name)
{
    memset(out, 0, sizeof *out);
    const char *s = (const char *)data, *end = s + size;
    const char *name = first_name, *body = s;
    size_t nlen = strlen(first_name);
    const char *p = s;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if (eol - p >= 3 && p[0] == '=' && p[1] == '=' && p[2] == ' ') {
            if (add_file(out, name, nlen, body, (size_t)(p - body)) != 0) return -1;
            name = p + 3;
            nlen = (size_t)(eol - name);
            body = nl ? nl + 1 : end;
        }
        p = nl ? nl + 1 : end;
    }
    return add_file(out, name, nlen, body, (size_t)(end - body));
}

void fuzz_files_free(fuzz_files *fs)
{
    for (int i = 0; i < fs->n; i++) {
        free(fs->f[i].path);
        free(fs->f[i].text);
    }
    memset(fs, 0, sizeof *fs);
}

const char *fuzz_find(const fuzz_files *fs, const char *path)
{
    const char *found = NULL;
    for (int i = 0; i < fs->n; i++)
        if (strcmp(fs->f[i].path, path) == 0) found = fs->f[i].text; /* the last one wins */
    return found;
}

static char scratch[512];

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    if (ftw->level == 0) return 0; /* the folder itself stays */
    return remove(path);
}

static void remove_scratch(void)
{
    if (!scratch[0]) return;
    nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    rmdir(scratch);
}

const char *fuzz_scratch(void)
{
    if (scratch[0]) return scratch;
    const char *tmp = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/humsec-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(scratch)) {
        fprintf(stderr, "fuzz: cannot make a scratch folder: %s\n", strerror(errno));
        abort();
    }
    atexit(remove_scratch);
    return scratch;
}

/* Make the parent folders of path (relative to the scratch folder). */
static int make_parents(char *full)
{
    size_t root = strlen(scratch);
    for (char *s = full + root + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        int bad = mkdir(full, 0777) != 0 && errno != EEXIST;
        *s = '/';
        if (bad) return -1;
    }
    return 0;
}

int fuzz_write_files(const fuzz_files *fs)
{
    const char *dir = fuzz_scratch();
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    for (int i = 0; i < fs->n; i++) {
        char full[1024];
        snprintf(full, sizeof full, "%s/%s", dir, fs->f[i].path);
        if (make_parents(full) != 0) continue; /* a name that is also a file: left out */
        FILE *f = fopen(full, "wb");
        if (!f) continue; /* a name that is a folder: left out */
        size_t n = strlen(fs->f[i].text);
        int bad = fwrite(fs->f[i].text, 1, n, f) != n;
        if (fclose(f) != 0 || bad) return -1;
    }
    return 0;
}
