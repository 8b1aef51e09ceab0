/*
** report_assess.c - the page of an index computed from indicator data
** (humsec assess -o FILE.csv): every unit's score in rank order and, when the
** assessment ran --uncertainty, each unit's median rank with its 5-95%
** interval over the Monte Carlo draws beside its rank as published.
**
** An assess CSV is a file, not a folder: its header is iso3, country, year,
** the index's score (named after the index: hdi, risk, ...), rank, then
** class, the uncertainty columns and every intermediate node. With many years
** the latest is shown.
*/
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>

hs_status report_build_assess(report_ctx *r, hs_error *err)
{
    int n = 0;
    char **h = report_csv_header(r->path, &n, err);
    if (!h) return err->status;
    char score[128];
    snprintf(score, sizeof score, "%s", n > 3 ? h[3] : "score");
    int mc = 0, cls = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(h[i], "median_rank") == 0) mc = 1;
        if (strcmp(h[i], "class") == 0) cls = 1;
    }
    report_strv_free(h, n);
    json_t *years = report_csv_distinct(r->path, "year", NULL, 1000, err);
    if (!years) return err->status;
    /* The latest year, or the only (possibly empty) one. */
    const char *year = "";
    long best = -1;
    size_t i;
    json_t *v;
    json_array_foreach(years, i, v)
    {
        long y = atol(json_string_value(v));
        if (i == 0 || y > best) {
            best = y;
            year = json_string_value(v);
        }
    }
    char filter[64], buf[512];
    snprintf(filter, sizeof filter, "year=%s", year);
    snprintf(buf, sizeof buf, "Assessment: %s%s%s", score, year[0] ? ", " : "", year);
    report_set_str(r->meta, "title", buf);
    snprintf(buf, sizeof buf, "humsec assess, from %s", r->path);
    report_set_str(r->meta, "subtitle", buf);
    report_record(r, "file", json_string(r->path));
    report_record(r, "index (score column)", json_string(score));
    report_record(r, "year shown", json_string(year[0] ? year : "(no years)"));
    if (json_array_size(years) > 1)
        report_note(r, "The file holds %zu years; the latest, %s, is shown.",
                    json_array_size(years), year);
    json_decref(years);
    char cols[512];
    snprintf(cols, sizeof cols, "iso3,country,year,%s,rank%s%s", score, cls ? ",class" : "",
             mc ? ",median_rank,rank_p05,rank_p95" : "");
    report_dataset *d = report_data(r, "units", "", cols, filter, err);
    if (!d) return err->status;
    /* The data set reads the file itself, not a file inside a folder. */
    free(d->path);
    if (!(d->path = strdup(r->path)))
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    if (!(d->text = strdup("iso3,country,class")))
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    hs_status st = report_section(
        r, "Scores and ranks", "Every unit (country) scored, in rank order (rank 1 first).", err);
    if (st != HS_OK) return st;
    if (mc) {
        json_t *c = report_chart(r, "forest", "units", "Rank with its uncertainty",
                                 "Median rank over the Monte Carlo draws of weights, "
                                 "normalisation and aggregation (dot), its 5-95% interval "
                                 "(line) and the rank as computed (diamond).",
                                 err);
        if (!c) return HS_ERR_NOMEM;
        json_object_set_new(c, "label", json_pack("[sss]", "country", "= ", "iso3"));
        report_set_str(c, "est", "median_rank");
        report_set_str(c, "lo", "rank_p05");
        report_set_str(c, "hi", "rank_p95");
        report_set_str(c, "also", "rank");
        report_set_str(c, "order", "rank");
        report_set_str(c, "xtitle", "rank (1 = first)");
        report_set_str(c, "xformat", "d");
        json_object_set_new(c, "wide", json_true());
    }
    snprintf(buf, sizeof buf, "%s score", score);
    json_t *c = report_chart(r, "forest", "units", buf,
                             cls ? "The index's value for each unit, coloured by its class."
                                 : "The index's value for each unit.",
                             err);
    if (!c) return HS_ERR_NOMEM;
    json_object_set_new(c, "label", json_pack("[ssss]", "=#", "rank", "= ", "country"));
    report_set_str(c, "est", score);
    report_set_str(c, "order", "rank");
    if (cls) {
        report_set_str(c, "color", "class");
        report_set_str(c, "legend", "class");
    }
    report_set_str(c, "xtitle", score);
    report_set_str(c, "xformat", ".3~f");
    json_object_set_new(c, "bar", json_true());
    json_object_set_new(c, "wide", json_true());
    return HS_OK;
}
