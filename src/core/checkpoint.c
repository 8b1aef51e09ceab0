/*
** checkpoint.c - checkpoint files (checkpoint.h).
*/
#include <humsec/checkpoint.h>
#include <humsec/geo.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* 02: with the checksum section at the end (01 had none). */
static const char ckpt_magic[8] = {'H', 'S', 'C', 'K', 'P', 'T', '0', '2'};

typedef struct ckpt_header {
    char magic[8];
    char model[24];
    uint64_t fingerprint;
    int64_t step;
} ckpt_header;

typedef struct ckpt_section {
    char name[16];
    uint64_t bytes;
} ckpt_section;

uint64_t hs_fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *s = data;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

uint64_t hs_fnv_file(uint64_t h, const char *path)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) return hs_fnv(h, "-", 1);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        h = hs_fnv(h, buf, n);
    fclose(f);
    return h;
}

uint64_t hs_fnv_str(uint64_t h, const char *s)
{
    static const unsigned char none = 0xff; /* no byte of a string's end */
    return s ? hs_fnv(h, s, strlen(s) + 1) : hs_fnv(h, &none, 1);
}

uint64_t hs_fnv_geo(uint64_t h, const hs_geo *g)
{
    size_t n = (size_t)g->nloc, r = (size_t)g->nroutes;
    h = hs_fnv(h, &g->nstates, sizeof g->nstates);
    for (int s = 0; s < g->nstates; s++)
        h = hs_fnv_str(h, g->state_name[s]);
    h = hs_fnv(h, &g->nloc, sizeof g->nloc);
    for (size_t i = 0; i < n; i++) {
        h = hs_fnv_str(h, g->loc_name[i]);
        h = hs_fnv_str(h, g->loc_region[i]);
    }
    if (n > 0) {
        h = hs_fnv(h, g->loc_state, n * sizeof *g->loc_state);
        h = hs_fnv(h, g->loc_lat, n * sizeof *g->loc_lat);
        h = hs_fnv(h, g->loc_lon, n * sizeof *g->loc_lon);
        h = hs_fnv(h, g->loc_type, n * sizeof *g->loc_type);
        h = hs_fnv(h, g->loc_population, n * sizeof *g->loc_population);
    }
    h = hs_fnv(h, &g->nroutes, sizeof g->nroutes);
    if (r > 0) {
        h = hs_fnv(h, g->route_a, r * sizeof *g->route_a);
        h = hs_fnv(h, g->route_b, r * sizeof *g->route_b);
        h = hs_fnv(h, g->route_km, r * sizeof *g->route_km);
        h = hs_fnv(h, g->route_forced, r * sizeof *g->route_forced);
    }
    return h;
}

hs_status hs_ckpt_begin(hs_ckpt_writer *w, const char *path, const char *model,
                        uint64_t fingerprint, long step, hs_error *err)
{
    memset(w, 0, sizeof *w);
    hs_status st = hs_outfile_open(&w->out, path, err);
    if (st != HS_OK) return st;
    ckpt_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, ckpt_magic, sizeof h.magic);
    snprintf(h.model, sizeof h.model, "%s", model);
    h.fingerprint = fingerprint;
    h.step = step;
    errno = 0;
    if (fwrite(&h, sizeof h, 1, w->out.f) != 1) {
        w->failed = 1;
        w->error = errno ? errno : EIO;
    }
    w->sum = hs_fnv(HS_FNV_START, &h, sizeof h);
    return HS_OK;
}

void hs_ckpt_put(hs_ckpt_writer *w, const char *name, const void *data, size_t bytes)
{
    ckpt_section s;
    memset(&s, 0, sizeof s);
    snprintf(s.name, sizeof s.name, "%s", name);
    s.bytes = bytes;
    errno = 0;
    if (fwrite(&s, sizeof s, 1, w->out.f) != 1 ||
        (bytes > 0 && fwrite(data, 1, bytes, w->out.f) != bytes)) {
        if (!w->error) w->error = errno ? errno : EIO;
        w->failed = 1;
    }
    w->sum = hs_fnv(w->sum, &s, sizeof s);
    if (bytes > 0) w->sum = hs_fnv(w->sum, data, bytes);
}

hs_status hs_ckpt_end(hs_ckpt_writer *w, hs_error *err)
{
    uint64_t sum = w->sum;
    hs_ckpt_put(w, "end", &sum, sizeof sum);
    if (w->failed) {
        char *path = strdup(w->out.path);
        hs_outfile_abandon(&w->out);
        hs_status st =
            hs_error_set(err, HS_ERR_IO, path, 0, NULL, "cannot write the checkpoint: %s",
                         w->error ? strerror(w->error) : "out of memory");
        free(path);
        return st;
    }
    return hs_outfile_commit(&w->out, err);
}

/* The whole file against its checksum, the reader left after the header: a file
** cut short or changed anywhere is refused before any section is used (the
** sections' sizes and contents are then the ones humsec wrote). */
static hs_status verify(hs_ckpt_reader *r, const ckpt_header *h, hs_error *err)
{
    ckpt_section end, named = {"end", sizeof(uint64_t)};
    uint64_t want = 0;
    long trailer = (long)(sizeof end + sizeof want), size = -1;
    if (fseek(r->f, 0, SEEK_END) == 0) size = ftell(r->f);
    if (size < (long)sizeof *h + trailer || fseek(r->f, size - trailer, SEEK_SET) != 0 ||
        fread(&end, sizeof end, 1, r->f) != 1 || fread(&want, sizeof want, 1, r->f) != 1 ||
        memcmp(&end, &named, sizeof end) != 0)
        return hs_error_set(err, HS_ERR_INVALID, r->path, 0, NULL,
                            "the checkpoint is cut short (its last section, the checksum, is "
                            "missing)");
    uint64_t sum = hs_fnv(HS_FNV_START, h, sizeof *h);
    long left = size - trailer - (long)sizeof *h;
    if (fseek(r->f, (long)sizeof *h, SEEK_SET) != 0) left = -1;
    char buf[65536];
    while (left > 0) {
        size_t n = fread(buf, 1, left < (long)sizeof buf ? (size_t)left : sizeof buf, r->f);
        if (n == 0) break;
        sum = hs_fnv(sum, buf, n);
        left -= (long)n;
    }
    if (left != 0 || sum != want)
        return hs_error_set(err, HS_ERR_INVALID, r->path, 0, NULL,
                            "the checkpoint is damaged: its bytes do not match their checksum "
                            "(start the run again without --resume)");
    if (fseek(r->f, (long)sizeof *h, SEEK_SET) != 0)
        return hs_error_set(err, HS_ERR_IO, r->path, 0, NULL, "cannot read: %s", strerror(errno));
    return HS_OK;
}

hs_status hs_ckpt_open(hs_ckpt_reader *r, const char *path, const char *model, uint64_t fingerprint,
                       long *step, hs_error *err)
{
    memset(r, 0, sizeof *r);
    snprintf(r->path, sizeof r->path, "%s", path);
    r->f = fopen(path, "rb");
    if (!r->f)
        return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "no checkpoint to resume from: %s",
                            strerror(errno));
    ckpt_header h;
    hs_status st = HS_OK;
    if (fread(&h, sizeof h, 1, r->f) != 1 || memcmp(h.magic, ckpt_magic, sizeof h.magic) != 0)
        st = hs_error_set(err, HS_ERR_INVALID, path, 0, NULL, "not a humsec checkpoint");
    else if (strncmp(h.model, model, sizeof h.model) != 0)
        st = hs_error_set(err, HS_ERR_INVALID, path, 0, NULL,
                          "a checkpoint of a %.24s run, not of a %s run", h.model, model);
    else if (h.fingerprint != fingerprint)
        st = hs_error_set(err, HS_ERR_INVALID, path, 0, NULL,
                          "the checkpoint was made by another scenario, seed, set of options or "
                          "version of humsec: resume with the same command as the run");
    if (st == HS_OK) st = verify(r, &h, err);
    if (st != HS_OK) {
        hs_ckpt_close(r);
        return st;
    }
    *step = (long)h.step;
    return HS_OK;
}

static hs_status section(hs_ckpt_reader *r, const char *name, uint64_t *bytes, hs_error *err)
{
    ckpt_section s;
    if (fread(&s, sizeof s, 1, r->f) != 1)
        return hs_error_set(err, HS_ERR_INVALID, r->path, 0, name, "the checkpoint is cut short");
    if (strncmp(s.name, name, sizeof s.name) != 0)
        return hs_error_set(err, HS_ERR_INVALID, r->path, 0, name,
                            "expected section '%s', found '%.16s'", name, s.name);
    *bytes = s.bytes;
    return HS_OK;
}

hs_status hs_ckpt_get(hs_ckpt_reader *r, const char *name, void *data, size_t bytes, hs_error *err)
{
    uint64_t n = 0;
    hs_status st = section(r, name, &n, err);
    if (st != HS_OK) return st;
    if (n != bytes)
        return hs_error_set(err, HS_ERR_INVALID, r->path, 0, name,
                            "section of %llu bytes where %zu were expected", (unsigned long long)n,
                            bytes);
    if (bytes > 0 && fread(data, 1, bytes, r->f) != bytes)
        return hs_error_set(err, HS_ERR_INVALID, r->path, 0, name, "the checkpoint is cut short");
    return HS_OK;
}

hs_status hs_ckpt_get_alloc(hs_ckpt_reader *r, const char *name, void **data, size_t *bytes,
                            hs_error *err)
{
    uint64_t n = 0;
    *data = NULL;
    hs_status st = section(r, name, &n, err);
    if (st != HS_OK) return st;
    *data = malloc(n > 0 ? (size_t)n : 1);
    if (!*data) return hs_error_set(err, HS_ERR_NOMEM, r->path, 0, name, "out of memory");
    if (n > 0 && fread(*data, 1, (size_t)n, r->f) != n) {
        free(*data);
        *data = NULL;
        return hs_error_set(err, HS_ERR_INVALID, r->path, 0, name, "the checkpoint is cut short");
    }
    *bytes = (size_t)n;
    return HS_OK;
}

void hs_ckpt_close(hs_ckpt_reader *r)
{
    if (r->f) fclose(r->f);
    r->f = NULL;
}
