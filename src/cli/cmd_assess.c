/*
** cmd_assess.c - humsec assess: compute an index from indicator data.
**
** A thin client of measure.h: load the definition, read (and join) the data,
** evaluate, write the tidy CSV and print a short table. Everything that
** computes lives in libhumsec.
*/
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/measure.h>
#include <humsec/outdir.h>

#define MAX_DATA 8

static void usage(FILE *f)
{
    fprintf(f, "usage: humsec assess INDEX DATA [DATA...] [--year Y] [-o FILE] [--top N]\n"
               "                     [--uncertainty N] [--seed S] [--edition E] [--report]\n\n"
               "Compute a human-security index from indicator data, exactly as published.\n\n"
               "INDEX   a built-in definition: hdi, ihdi, gdi, inform, fsi, profile;\n"
               "        or an index definition file (YAML; see docs/assess.md)\n"
               "DATA    a CSV file: UNDP's HDR time series (le_2022, ... columns), INFORM's\n"
               "        table (Latin-1, 'x' for missing), a wide table with an iso3 or\n"
               "        country column (FSI), or a tidy table iso3,year,indicator,value.\n"
               "        Several files are joined on iso3 (and year) (the profile needs the\n"
               "        HDR, INFORM and FSI files).\n\n"
               "Options:\n"
               "  --year Y          only year Y (a panel or tidy table; default: every year;\n"
               "                    for a table without years, the year to label it with)\n"
               "  -o FILE           write the tidy CSV (iso3, country, year, score, rank, class,\n"
               "                    every intermediate node) to FILE ('-' for standard output)\n"
               "  --top N           rows of the terminal table (default 10; 0: none)\n"
               "  --uncertainty N   also run N (2-100000) Monte Carlo draws over weights,\n"
               "                    normalisation and aggregation; report each unit's median\n"
               "                    rank, its 5-95%% interval and which choice moves ranks most\n"
               "  --seed S          seed of the Monte Carlo draws (default 1)\n"
               "  --edition E       the edition of the index's source (inform: 2016 or 2020;\n"
               "                    default: recognised from the first DATA file's columns)\n"
               "  --report          with -o FILE.csv: also write FILE.html, a page of the\n"
               "                    scores and ranks (with their intervals) that opens offline\n"
               "                    (humsec report; docs/report.md)\n"
               "  --help            this text\n\n"
               "Exit status: 0 on success, 1 on bad input (the message names file, line and\n"
               "field), 2 on bad usage.\n");
}

typedef struct assess_opts {
    const char *index;
    const char *data[MAX_DATA];
    int ndata;
    long year, top, draws, edition;
    uint64_t seed;
    const char *out;
    int report; /* --report: the page of the CSV, beside it */
} assess_opts;

static int parse_args(int argc, char **argv, assess_opts *o)
{
    memset(o, 0, sizeof *o);
    o->top = 10;
    o->seed = 1;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int m;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return -2;
        }
        if (strcmp(argv[i], "--report") == 0) {
            o->report = 1;
            continue;
        }
        if ((m = cli_opt(argc, argv, &i, "--year", &v)) != 0) {
            if (m < 0) return cli_usage_error("assess", "--year needs a value"), -1;
            if (cli_parse_int("assess", "--year", v, 1800, 2199, &o->year) != 0) return -1;
        } else if ((m = cli_opt(argc, argv, &i, "-o", &v)) != 0) {
            if (m < 0) return cli_usage_error("assess", "-o needs a file name"), -1;
            o->out = v;
        } else if ((m = cli_opt(argc, argv, &i, "--top", &v)) != 0) {
            if (m < 0) return cli_usage_error("assess", "--top needs a value"), -1;
            if (cli_parse_int("assess", "--top", v, 0, 100000, &o->top) != 0) return -1;
        } else if ((m = cli_opt(argc, argv, &i, "--uncertainty", &v)) != 0) {
            if (m < 0) return cli_usage_error("assess", "--uncertainty needs a value"), -1;
            if (cli_parse_int("assess", "--uncertainty", v, 2, 100000, &o->draws) != 0) return -1;
        } else if ((m = cli_opt(argc, argv, &i, "--edition", &v)) != 0) {
            if (m < 0) return cli_usage_error("assess", "--edition needs a value"), -1;
            if (cli_parse_int("assess", "--edition", v, 1900, 2199, &o->edition) != 0) return -1;
        } else if ((m = cli_opt(argc, argv, &i, "--seed", &v)) != 0) {
            if (m < 0) return cli_usage_error("assess", "--seed needs a value"), -1;
            if (cli_parse_u64("assess", "--seed", v, &o->seed) != 0) return -1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage_error("assess", "unknown option '%s'", argv[i]), -1;
        } else if (!o->index) {
            o->index = argv[i];
        } else if (o->ndata < MAX_DATA) {
            o->data[o->ndata++] = argv[i];
        } else {
            return cli_usage_error("assess", "at most %d data files", MAX_DATA), -1;
        }
    }
    if (!o->index)
        return cli_usage_error("assess",
                               "missing INDEX (hdi, ihdi, gdi, inform, fsi, profile or a file)"),
               -1;
    if (o->ndata == 0) return cli_usage_error("assess", "missing DATA (a CSV file)"), -1;
    if (o->report && (!o->out || strcmp(o->out, "-") == 0))
        return cli_usage_error("assess", "--report needs -o FILE.csv (the page is drawn from it)"),
               -1;
    return 0;
}

/* Read every data file and join them on the first. */
static hs_status read_data(const assess_opts *o, const hs_index *ix, hs_frame *frames,
                           hs_frame *joined, int *nread, hs_error *err)
{
    /* Only the columns the index reads: UNDP's file has some forty variables. */
    const char **cols = hs_index_columns(ix);
    if (!cols) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_frame_opts fo = {.year = (int)o->year, .vars = cols};
    *nread = 0;
    for (int k = 0; k < o->ndata; k++) {
        hs_status st = hs_frame_read(&frames[k], o->data[k], &fo, err);
        if (st != HS_OK) {
            free(cols);
            return st;
        }
        *nread = k + 1;
        if (frames[k].nunits == 0) {
            free(cols);
            if (o->year)
                return hs_error_set(err, HS_ERR_INVALID, o->data[k], 0, NULL,
                                    "no units for year %ld", o->year);
            return hs_error_set(err, HS_ERR_INVALID, o->data[k], 0, NULL, "no units");
        }
    }
    free(cols);
    if (o->ndata == 1) return HS_OK;
    for (int k = 1; k < o->ndata; k++)
        if (!o->year && frames[0].nunits && frames[0].year[0] && frames[k].nunits &&
            !frames[k].year[0])
            fprintf(stderr,
                    "humsec assess: note: %s has no years; its values are joined to every "
                    "year of %s (use --year)\n",
                    o->data[k], o->data[0]);
    return hs_frame_join(joined, frames, o->ndata, err);
}

/* How many published classes the computed ones reproduce. */
static void compare_classes(const hs_result *r, size_t *cpub, size_t *csame)
{
    *cpub = *csame = 0;
    for (size_t u = 0; u < r->nunits; u++) {
        const char *t = hs_result_published_class(r, u);
        if (!t) continue;
        (*cpub)++;
        if (strcmp(t, hs_result_class(r, u)) == 0) (*csame)++;
    }
}

/* Owen's thresholds: how widespread each critical threat is. */
static void print_thresholds(const hs_result *r)
{
    const hs_index *ix = r->index;
    printf("critical and pervasive threats (pervasive: %.0f%% or more of %s critical):\n",
           100 * ix->pervasive_share, ix->population[0] ? "the people" : "the units");
    for (int i = 0; i < ix->nnodes; i++) {
        const hs_node *nd = &ix->nodes[i];
        if (isnan(nd->crit_above) && isnan(nd->crit_below)) continue;
        printf("  %-16s critical %s %-6g in %5.1f%% of units", nd->id,
               isnan(nd->crit_above) ? "<=" : ">=",
               isnan(nd->crit_above) ? nd->crit_below : nd->crit_above, 100 * r->share[i]);
        if (!isnan(r->pop_share[i])) printf(", %5.1f%% of people", 100 * r->pop_share[i]);
        printf("%s\n", r->pervasive[i] ? "  PERVASIVE" : "");
    }
    /* Co-occurrence: units critical on both the row's and the column's threat. */
    int crit[64], nc = 0;
    for (int i = 0; i < ix->nnodes && nc < 64; i++)
        if (!isnan(ix->nodes[i].crit_above) || !isnan(ix->nodes[i].crit_below)) crit[nc++] = i;
    if (nc < 2) return;
    printf("units critical on both (co-occurring threats):\n  %-16s", "");
    for (int b = 0; b < nc; b++)
        printf(" %6.6s", ix->nodes[crit[b]].id);
    printf("\n");
    for (int a = 0; a < nc; a++) {
        printf("  %-16s", ix->nodes[crit[a]].id);
        for (int b = 0; b < nc; b++)
            printf(" %6ld", r->together[(size_t)crit[a] * (size_t)r->nnodes + (size_t)crit[b]]);
        printf("\n");
    }
}

static void print_sensitivity(const hs_mc *mc, uint64_t seed)
{
    printf("uncertainty: %ld draws (seed %llu) of weights (x U(0.75, 1.25)), normalisation\n"
           "(as defined / min-max / percentile) and aggregation (as defined / arithmetic /\n"
           "geometric); share of rank variance, mean over units:\n",
           mc->draws, (unsigned long long)seed);
    int top = 0;
    for (int k = 0; k < HS_MC_FACTORS; k++) {
        printf("  %-14s first order %6.3f   total %6.3f\n", hs_mc_factor_name(k), mc->first[k],
               mc->total[k]);
        if (mc->total[k] > mc->total[top]) top = k;
    }
    printf("the choice that moves ranks most: %s\n", hs_mc_factor_name(top));
}

/* A table row without trailing blanks. */
static void print_line(char *line)
{
    size_t n = strlen(line);
    while (n > 0 && line[n - 1] == ' ')
        line[--n] = '\0';
    puts(line);
}

static void print_table(const hs_result *r, const hs_mc *mc, long top)
{
    const hs_index *ix = r->index;
    const hs_frame *f = r->frame;
    int root = ix->root, d = ix->nodes[root].decimals;
    size_t n = r->nunits;
    /* Units in rank order (by year, then rank); unscored last. */
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx) return;
    size_t m = 0;
    for (size_t u = 0; u < n; u++)
        if (r->rank[u]) idx[m++] = u;
    for (size_t i = 1; i < m; i++) {
        size_t v = idx[i], j = i;
        while (j > 0 && (f->year[idx[j - 1]] > f->year[v] ||
                         (f->year[idx[j - 1]] == f->year[v] && r->rank[idx[j - 1]] > r->rank[v]))) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
    /* With many years, show the latest year only. */
    size_t first = 0;
    if (m && f->year[idx[0]] != f->year[idx[m - 1]]) {
        int last = f->year[idx[m - 1]];
        while (first < m && f->year[idx[first]] != last)
            first++;
        printf("(latest year shown; the CSV holds every year)\n");
    }
    int owen = r->critical != NULL, cls = ix->class_node >= 0;
    char line[512];
    size_t len = (size_t)snprintf(line, sizeof line, "%5s  %-4s %-32s %5s  %-10s", "rank", "iso3",
                                  "country", "year", ix->nodes[root].id);
    if (cls) len += (size_t)snprintf(line + len, sizeof line - len, " %-10s", "class");
    if (mc) len += (size_t)snprintf(line + len, sizeof line - len, "  median rank [5%%, 95%%]");
    if (owen) snprintf(line + len, sizeof line - len, "  hotspots  insecurity");
    print_line(line);
    size_t shown = 0;
    for (size_t i = first; i < m && shown < (size_t)top; i++, shown++) {
        size_t u = idx[i];
        char num[64], year[16] = "-";
        snprintf(num, sizeof num, "%.*f", d >= 0 ? d : 4,
                 r->reported[u * (size_t)r->nnodes + (size_t)root]);
        if (f->year[u]) snprintf(year, sizeof year, "%d", f->year[u]);
        len = (size_t)snprintf(line, sizeof line, "%5ld  %-4.4s %-32.32s %5s  %-10s", r->rank[u],
                               f->iso3[u], f->name[u], year, num);
        if (cls && len < sizeof line)
            len += (size_t)snprintf(line + len, sizeof line - len, " %-10s", hs_result_class(r, u));
        if (mc && len < sizeof line)
            len += (size_t)snprintf(line + len, sizeof line - len, "  %7.1f [%g, %g]",
                                    mc->median_rank[u], mc->p05[u], mc->p95[u]);
        if (owen && len < sizeof line)
            snprintf(line + len, sizeof line - len, "  %8d  %s", r->hotspots[u],
                     hs_freedom_name(r->insecurity[u]));
        print_line(line);
    }
    if (m - first > shown) printf("  ... %zu more\n", m - first - shown);
    free(idx);
}

/* The definition; for a built-in with editions (inform), the one --edition
** names or, without it, the one the first data file's columns show. */
static hs_status load_index(const assess_opts *o, hs_index *ix, hs_error *err)
{
    int edition = (int)o->edition;
    hs_status st;
    if (!hs_index_builtin_text(o->index)) {
        if (edition) /* the index given has none: bad input, not a bad command line */
            return hs_error_set(err, HS_ERR_INVALID, o->index, 0, "--edition",
                                "only a built-in index with editions (inform) has an edition");
        return hs_index_load(ix, o->index, err);
    }
    if (!edition && (st = hs_index_edition_of(o->index, o->data[0], &edition, err)) != HS_OK)
        return st;
    const char *text = hs_index_builtin_edition_text(o->index, edition);
    if (!text)
        return hs_error_set(err, HS_ERR_INVALID, o->index, 0, "--edition",
                            "no edition %d of this index (inform: 2016 or 2020)", edition);
    /* The default edition (inform 2020) loads exactly as it always has. */
    if (!edition || text == hs_index_builtin_text(o->index))
        return hs_index_load(ix, o->index, err);
    char name[256];
    snprintf(name, sizeof name, "builtin:%s %d", o->index, edition);
    if (!o->edition)
        fprintf(stderr,
                "humsec assess: %s %d, recognised from the columns of %s (--edition to "
                "choose)\n",
                o->index, edition, o->data[0]);
    return hs_index_load_text(ix, name, text, err);
}

int cli_assess(int argc, char **argv)
{
    assess_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc == -2) return CLI_OK;
    if (rc != 0) return CLI_USAGE;

    hs_error err;
    hs_error_clear(&err);
    hs_index ix;
    if (load_index(&o, &ix, &err) != HS_OK) return cli_report(&err);
    hs_frame frames[MAX_DATA], joined;
    memset(frames, 0, sizeof frames);
    memset(&joined, 0, sizeof joined);
    int nread = 0;
    hs_result r;
    memset(&r, 0, sizeof r);
    hs_mc mc; /* before the first goto: freed at done */
    memset(&mc, 0, sizeof mc);
    /* -o FILE is written beside its place and renamed into it when complete: a
    ** failure (a full disk) leaves an earlier file as it was. It is opened before
    ** the work, so that an -o that cannot be written is refused at once. */
    int to_stdout = o.out && strcmp(o.out, "-") == 0;
    hs_outfile of;
    memset(&of, 0, sizeof of);
    rc = CLI_OK;
    if (o.out && !to_stdout && hs_outfile_open(&of, o.out, &err) != HS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    if (read_data(&o, &ix, frames, &joined, &nread, &err) != HS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    const hs_frame *data = o.ndata > 1 ? &joined : &frames[0];
    if (hs_assess(&r, &ix, data, &err) != HS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    if (o.draws > 0) {
        hs_mc_opts mo = {.draws = o.draws, .seed = o.seed};
        if (hs_mc_run(&mc, &ix, data, &mo, cli_progress, (void *)"uncertainty", &err) != HS_OK) {
            rc = cli_report(&err);
            goto done;
        }
    }
    if (o.out) {
        hs_status st = hs_result_write_csv(&r, o.draws > 0 ? &mc : NULL, to_stdout ? stdout : of.f,
                                           o.out, &err);
        if (!to_stdout && st == HS_OK) st = hs_outfile_commit(&of, &err);
        if (st != HS_OK) {
            rc = cli_report(&err);
            goto done;
        }
        if (to_stdout) goto done;
    }
    printf("%s (%s) on %s: %zu of %zu units scored\n", ix.name, ix.path, o.data[0], r.nscored,
           r.nunits);
    hs_check chk;
    if (hs_check_published(&r, ix.root, &chk, &err) != HS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    if (chk.n)
        printf("published %s in the data: %zu/%zu equal at the published precision, %zu/%zu "
               "within the rounding of the published inputs\n",
               ix.nodes[ix.root].id, chk.exact, chk.n, chk.within, chk.n);
    size_t cpub, csame;
    compare_classes(&r, &cpub, &csame);
    if (cpub) printf("published classes in the data: %zu/%zu equal\n", csame, cpub);
    if (r.critical) print_thresholds(&r);
    if (o.top > 0) print_table(&r, o.draws > 0 ? &mc : NULL, o.top);
    if (o.draws > 0) print_sensitivity(&mc, o.seed);
    if (o.out) printf("wrote %s\n", o.out);
    if (o.report) rc = cli_write_report(o.out, 0);
done:
    hs_outfile_abandon(&of); /* nothing when committed or never opened */
    hs_mc_free(&mc);
    hs_result_free(&r);
    if (o.ndata > 1) hs_frame_free(&joined);
    for (int k = 0; k < nread; k++)
        hs_frame_free(&frames[k]);
    hs_index_free(&ix);
    return rc;
}
