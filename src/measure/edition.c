/*
** edition.c - editions of a built-in index's source: INFORM changed its tree
** between 2016 (no Epidemic hazard, no published class) and 2020. The
** definitions are data/indices/inform.yml (2020) and inform2016.yml; which one
** a data file is can be told from its header.
*/
#include <humsec/measure.h>

#include <stdio.h>
#include <string.h>

const char *hs_index_builtin_edition_text(const char *name, int edition)
{
    if (edition == 0) return hs_index_builtin_text(name);
    if (strcmp(name, "inform") != 0) return NULL;
    if (edition == 2016) return hs_index_builtin_text("inform2016");
    if (edition == 2020) return hs_index_builtin_text("inform");
    return NULL;
}

/* Is a header field (quotes, blanks and the line's end around it dropped) want? */
static int field_is(const char *f, size_t n, const char *want)
{
    while (n > 0 && (*f == ' ' || *f == '"')) {
        f++;
        n--;
    }
    while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '"' || f[n - 1] == '\r' || f[n - 1] == '\n'))
        n--;
    return n == strlen(want) && strncmp(f, want, n) == 0;
}

hs_status hs_index_edition_of(const char *name, const char *path, int *edition, hs_error *err)
{
    *edition = 0;
    if (strcmp(name, "inform") != 0) return HS_OK;
    FILE *f = fopen(path, "rb");
    if (!f) return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "cannot open");
    /* The header is the first line; INFORM's names are ASCII in both editions'
    ** encodings (Latin-1 in 2020, UTF-8 with a blank line after each row in 2016). */
    char line[8192];
    int have = fgets(line, sizeof line, f) != NULL, risk = 0, epidemic = 0;
    fclose(f);
    if (!have) return hs_error_set(err, HS_ERR_PARSE, path, 1, NULL, "empty file: no header");
    for (const char *p = line; *p;) {
        size_t n = strcspn(p, ",");
        risk |= field_is(p, n, "INFORM RISK");
        epidemic |= field_is(p, n, "Epidemic");
        p += n + (p[n] == ',');
    }
    /* 2016 has no Epidemic hazard; 2020 added it. Not INFORM's table: leave the
    ** choice to the default (the missing columns are then named). */
    if (risk) *edition = epidemic ? 2020 : 2016;
    return HS_OK;
}
