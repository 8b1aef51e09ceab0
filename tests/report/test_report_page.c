/*
** test_report_page.c - humsec report (report.h): what the page holds, without
** a browser (test_report_browser.c opens the pages in one).
**
** The kind of each output is recognised from its files; the page inlines
** every Vega module Debian ships and fetches nothing; text from the output
** cannot end the page's script elements; a comparison folder with every table
** humsec compare writes or will write (tests/report/fixtures/compare, made by
** hand) gives fans from series.csv, paired differences, sensitivity bars and
** PRIM boxes, and without series.csv fans from outcomes.csv; an assess CSV
** shows its latest year; a missing chart library is an error naming the
** Debian package; the page is written whole or not at all; --report on
** humsec run and assess writes the page beside the output; the embedded
** script is the one in report_script.js.
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/report.h>
#include "report/report_internal.h"

static char *src_path(const char *rel)
{
    static char buf[4096];
    const char *root = getenv("HUMSEC_SOURCE");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : ".", rel);
    return buf;
}

/* A copy of a fixture in a scratch folder (the page is written beside it):
** the copied folder for "compare", else the folder holding the copied file. */
static const char *fixture_copy(const char *fixture, const char *name)
{
    static char dir[4096];
    const char *tmp = test_tmpdir(name);
    char cmd[9000];
    if (strcmp(fixture, "compare") == 0) {
        snprintf(dir, sizeof dir, "%s/compare", tmp);
        snprintf(cmd, sizeof cmd, "cp -r '%s' '%s'", src_path("tests/report/fixtures/compare"),
                 dir);
    } else {
        snprintf(dir, sizeof dir, "%s", tmp);
        snprintf(cmd, sizeof cmd, "cp '%s/%s' '%s/'", src_path("tests/report/fixtures"), fixture,
                 dir);
    }
    assert_int_equal(system(cmd), 0);
    return dir;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The page of path, written and read back (caller frees). */
static char *page_of(const char *path, const char *html)
{
    hs_error err;
    hs_error_clear(&err);
    hs_status st = hs_report_write(path, html, NULL, &err);
    if (st != HS_OK) fail_msg("hs_report_write %s: %s (%s)", path, err.message, err.file);
    char *text = test_read(html);
    assert_non_null(text);
    return text;
}

static void the_embedded_script_is_report_script_js(void **state)
{
    (void)state;
    char *js = test_read(src_path("src/report/report_script.js"));
    assert_non_null(js);
    if (strcmp(js, report_script) != 0)
        fail_msg("src/report/report_script.c is not report_script.js: regenerate it with "
                 "awk -f src/report/report_script.awk src/report/report_script.js > "
                 "src/report/report_script.c");
    assert_null(strstr(report_script, "</script"));
    assert_null(strstr(report_style, "</style"));
    free(js);
}

static void kinds_recognised_from_files(void **state)
{
    (void)state;
    static const struct {
        const char *files[2];
        hs_report_kind kind;
    } cases[] = {
        {{"effects.csv", NULL}, HS_REPORT_COMPARE},
        {{"daily_states.csv", NULL}, HS_REPORT_WORLD},
        {{"ard_by_day.csv", NULL}, HS_REPORT_VALIDATE},
        {{"daily.csv", "locations.csv"}, HS_REPORT_FLIGHT},
        {{"seeds.csv", "series_mean.csv"}, HS_REPORT_ENSEMBLE},
        {{"series.csv", "outbursts.csv"}, HS_REPORT_CV},
    };
    const char *root = test_tmpdir("report_kinds");
    char path[4200], dir[4200];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(dir, sizeof dir, "%s/k%zu", root, i);
        for (int k = 0; k < 2 && cases[i].files[k]; k++) {
            snprintf(path, sizeof path, "%s/%s", dir, cases[i].files[k]);
            test_write(path, "a,b\n1,2\n");
        }
        hs_report_kind kind;
        hs_error err;
        assert_int_equal(hs_report_kind_of(dir, &kind, &err), HS_OK);
        assert_int_equal(kind, cases[i].kind);
        assert_string_not_equal(hs_report_kind_name(kind), "unknown");
    }
    /* A folder of something else, and a CSV that is not an assessment. */
    snprintf(dir, sizeof dir, "%s/other", root);
    snprintf(path, sizeof path, "%s/other/notes.csv", root);
    test_write(path, "name,value\nx,1\n");
    hs_report_kind kind;
    hs_error err;
    assert_int_equal(hs_report_kind_of(dir, &kind, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "not a humsec output folder"));
    assert_int_equal(hs_report_kind_of(path, &kind, &err), HS_ERR_INVALID);
    assert_non_null(strstr(err.message, "humsec assess"));
    snprintf(dir, sizeof dir, "%s/absent", root);
    assert_int_equal(hs_report_kind_of(dir, &kind, &err), HS_ERR_IO);
    /* Default places of the page. */
    char *p = hs_report_default_path(root);
    snprintf(path, sizeof path, "%s/report.html", root);
    assert_string_equal(p, path);
    free(p);
    snprintf(path, sizeof path, "%s/other/notes.csv", root);
    p = hs_report_default_path(path);
    snprintf(dir, sizeof dir, "%s/other/notes.html", root);
    assert_string_equal(p, dir);
    free(p);
}

/* A data set thinned to every other day keeps the last day, and its running
** sums count the days it left out. */
static void data_thinned_with_running_sums(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("report_data");
    char path[4300];
    snprintf(path, sizeof path, "%s/t.csv", dir);
    test_write(path, "day,state,scope,deaths,level\n"
                     "0,A,x,1,0.5\n0,B,x,10,NA\n0,A,y,100,0\n"
                     "1,A,x,2,0.4\n1,B,x,20,0.3\n"
                     "2,A,x,3,0.3\n2,B,x,30,0.2\n"
                     "3,A,x,4,0.2\n3,B,x,40,0.1\n");
    report_ctx r;
    memset(&r, 0, sizeof r);
    r.path = dir;
    hs_error err;
    report_dataset *d = report_data(&r, "t", "t.csv", "day,state,deaths,level", "scope=x", &err);
    assert_non_null(d);
    assert_int_equal(report_data_cumsum(d, "deaths", "state", &err), HS_OK);
    assert_int_equal(report_data_thin(d, "day", 3, 2, &err), HS_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(report_data_write(f, d, &err), HS_OK);
    fclose(f);
    assert_string_equal(buf, "{\"columns\":[\"day\",\"state\",\"deaths\",\"level\"],\"rows\":["
                             "[0,\"A\",1,0.5],[0,\"B\",10,null],"
                             "[2,\"A\",6,0.3],[2,\"B\",60,0.2],"
                             "[3,\"A\",10,0.2],[3,\"B\",100,0.1]]}");
    free(buf);
    for (int i = 0; i < r.ndata; i++)
        report_dataset_free(&r.data[i]);
    free(r.data);
}

static void compare_page_holds_every_table(void **state)
{
    (void)state;
    const char *dir = fixture_copy("compare", "report_compare");
    char html[4200];
    snprintf(html, sizeof html, "%s/report.html", dir);
    char *page = page_of(dir, html);
    /* Self-contained: every module inlined, nothing loaded from elsewhere. */
    static const char *const modules[] = {"topojson-client", "vega-util",      "vega-dataflow",
                                          "vega-scale",      "vega-parser",    "vega-view",
                                          "vega-encode",     "vega-transforms"};
    for (size_t i = 0; i < sizeof modules / sizeof *modules; i++) {
        char want[128];
        snprintf(want, sizeof want, "hsModules['%s'] = module.exports", modules[i]);
        if (!strstr(page, want)) fail_msg("module %s not inlined", modules[i]);
    }
    assert_null(strstr(page, "<script src"));
    assert_null(strstr(page, "<link"));
    assert_int_equal(count(page, "<script"), count(page, "</script>"));
    /* Text from the output cannot close a script element. */
    assert_non_null(strstr(page, "fixture \\u003c/script> doctrines"));
    assert_null(strstr(page, "fixture </script>"));
    assert_non_null(strstr(page, "<title>Comparison: fixture &lt;/script&gt; doctrines</title>"));
    /* Every section, from the tables that are there. */
    assert_non_null(strstr(page, "Outcomes by arm over time"));
    assert_non_null(strstr(page, "Paired differences from the baseline"));
    assert_non_null(strstr(page, "Sensitivity to the uncertain parameters"));
    assert_non_null(strstr(page, "Where one arm beats another (PRIM)"));
    assert_non_null(strstr(page, "\"series\":{\"columns\":[\"arm\",\"outcome\",\"day\""));
    assert_null(strstr(page, "\"from\":\"outcomes\""));
    assert_int_equal(count(page, "\"type\":\"fan\""), 2);    /* deaths, hdi_like */
    assert_int_equal(count(page, "\"type\":\"prim\""), 2);   /* two arm-outcome boxes */
    assert_int_equal(count(page, "\"type\":\"forest\""), 5); /* 2 effects, 3 sensitivity */
    assert_non_null(strstr(page, "sobol of deaths at day 365, arm fear"));
    assert_non_null(strstr(page, "morris of hdi_like at day 365, arm want"));
    assert_non_null(strstr(page, "fear beats none on deaths at day 365"));
    /* Axis titles with units, and the record of the run. */
    assert_non_null(strstr(page, "deaths since day 0 (all causes)"));
    assert_non_null(strstr(page, "HDI-like index (0-1)"));
    assert_non_null(strstr(page, "[\"replicates\",4]"));
    assert_non_null(strstr(page, "\"name\":\"experiment.yml\""));
    /* Numbers as numbers, NA as null. */
    assert_non_null(strstr(page, "[\"fear\",\"none\",\"Arland\",\"deaths\",90,4,"));
    assert_non_null(strstr(page, ",null]"));
    free(page);

    /* Without series.csv (humsec compare today) the fans come from outcomes.csv. */
    char path[4300];
    snprintf(path, sizeof path, "%s/series.csv", dir);
    assert_int_equal(remove(path), 0);
    page = page_of(dir, html);
    assert_int_equal(count(page, "\"from\":\"outcomes\""), 2);
    assert_non_null(strstr(page, "\"outcomes\":{\"columns\":[\"arm\",\"outcome\",\"horizon\","));
    free(page);
}

static void world_ensemble_is_a_one_arm_comparison(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("report_ensemble");
    char path[4300], html[4300];
    snprintf(path, sizeof path, "%s/effects.csv", dir);
    test_write(path, "arm,baseline,state,outcome,horizon,n,mean_difference,sd,ci95_low,ci95_high,"
                     "overtakes_day\n");
    snprintf(path, sizeof path, "%s/series.csv", dir);
    test_write(path, "arm,outcome,day,n,mean,p05,p25,p50,p75,p95\n"
                     "scenario,deaths,1,3,1.3,0.1,0.5,1,2,2.8\n"
                     "scenario,deaths,2,3,2.6,1.1,1.5,2,3.5,4.7\n");
    snprintf(path, sizeof path, "%s/summary.json", dir);
    test_write(path, "{\"experiment\": \"default\", \"scenario\": \"default\", "
                     "\"replicates\": 3, \"first_seed\": 1, \"days\": 2, "
                     "\"arms\": [{\"name\": \"scenario\"}], \"baseline\": \"scenario\"}\n");
    snprintf(html, sizeof html, "%s/report.html", dir);
    char *page = page_of(dir, html);
    assert_non_null(strstr(page, "<title>Ensemble: default</title>"));
    assert_non_null(strstr(page, "deaths over the seeds"));
    assert_int_equal(count(page, "\"type\":\"fan\""), 1);
    assert_null(strstr(page, "Paired differences")); /* no effects with one arm */
    free(page);
}

static void assess_page_shows_the_latest_year(void **state)
{
    (void)state;
    const char *dir = fixture_copy("assess.csv", "report_assess");
    char csv[4200], html[4200];
    snprintf(csv, sizeof csv, "%s/assess.csv", dir);
    snprintf(html, sizeof html, "%s/assess.html", dir);
    hs_report_kind kind;
    hs_error err;
    assert_int_equal(hs_report_kind_of(csv, &kind, &err), HS_OK);
    assert_int_equal(kind, HS_REPORT_ASSESS);
    assert_int_equal(hs_report_write(csv, NULL, NULL, &err), HS_OK);
    char *page = test_read(html); /* the default place: beside the CSV */
    assert_non_null(page);
    assert_non_null(strstr(page, "Assessment: hdi, 2022"));
    assert_non_null(strstr(page, "Rank with its uncertainty"));
    assert_non_null(strstr(page, "The file holds 2 years; the latest, 2022, is shown."));
    /* Only 2022's rows; a code NA-like or a quoted name stays text. */
    assert_non_null(strstr(page, "[\"NAM\",\"Namibia\",2022,"));
    assert_non_null(strstr(page, "[\"KOR\",\"Korea, Rep.\",2022,"));
    assert_null(strstr(page, ",2021,"));
    free(page);
}

static void missing_library_names_the_package(void **state)
{
    (void)state;
    const char *dir = fixture_copy("compare", "report_nolib");
    char html[4200];
    snprintf(html, sizeof html, "%s/report.html", dir);
    hs_report_opts o = {.js_dir = "/nonexistent/javascript"};
    hs_error err;
    assert_int_equal(hs_report_write(dir, html, &o, &err), HS_ERR_IO);
    assert_non_null(strstr(err.message, "libjs-vega"));
    assert_non_null(strstr(err.file, "/nonexistent/javascript/"));
    assert_false(test_exists(html));
}

static void page_written_whole_or_not_at_all(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("report_atomic");
    char html[4200], path[4300];
    snprintf(html, sizeof html, "%s/report.html", dir);
    test_write(html, "the earlier page\n");
    /* A world folder whose table lacks the column the page filters on: the
    ** page fails half way through its data, and the earlier page stays. */
    snprintf(path, sizeof path, "%s/daily_states.csv", dir);
    test_write(path, "day,state\n0,Arland\n");
    snprintf(path, sizeof path, "%s/summary.json", dir);
    test_write(path, "{\"scenario\": \"nowhere.yml\", \"days\": 1, \"seed\": 1}\n");
    hs_error err;
    assert_int_equal(hs_report_write(dir, html, NULL, &err), HS_ERR_INVALID);
    assert_string_equal(err.field, "scope");
    char *text = test_read(html);
    assert_string_equal(text, "the earlier page\n");
    free(text);
    /* A page in a folder that does not exist: an error naming it. */
    const char *cmp = fixture_copy("compare", "report_atomic2");
    snprintf(html, sizeof html, "%s/no/such/folder/report.html", cmp);
    assert_int_equal(hs_report_write(cmp, html, NULL, &err), HS_ERR_IO);
    assert_non_null(strstr(err.file, "no/such/folder"));
}

static void run_report_writes_the_page(void **state)
{
    (void)state;
    const char *tmp = test_tmpdir("report_run");
    char out[65536], dir[4200], html[4300];
    snprintf(dir, sizeof dir, "%s/world", tmp);
    int rc = test_humsec(out, sizeof out, "run --days 12 --quiet --report -o '%s'", dir);
    if (rc != 0) fail_msg("humsec run --report: %s", out);
    snprintf(html, sizeof html, "%s/report.html", dir);
    char *page = test_read(html);
    assert_non_null(page);
    assert_non_null(strstr(page, "<title>Human security world: default</title>"));
    assert_non_null(strstr(page, "Arland: seven dimensions"));
    assert_non_null(strstr(page, "Arland: people by status"));
    assert_non_null(strstr(page, "Arland: deaths by cause"));
    assert_non_null(strstr(page, "People at each location")); /* the map */
    assert_non_null(strstr(page, "\"name\":\"Kiri_Camp\""));
    assert_non_null(strstr(page, "\"name\":\"parameters.yml\""));
    free(page);
    /* humsec report on the folder, to another file. */
    snprintf(html, sizeof html, "%s/again.html", tmp);
    rc = test_humsec(out, sizeof out, "report '%s' -o '%s'", dir, html);
    if (rc != 0) fail_msg("humsec report: %s", out);
    assert_true(test_exists(html));
    assert_non_null(strstr(out, "world run"));
    /* Not an output: exit 1 saying what was looked for; bad usage: exit 2. */
    assert_int_equal(test_humsec(out, sizeof out, "report '%s'", tmp), 1);
    assert_non_null(strstr(out, "not a humsec output folder"));
    assert_int_equal(test_humsec(out, sizeof out, "report"), 2);
    assert_int_equal(test_humsec(out, sizeof out, "assess hdi x.csv --report"), 2);
    assert_non_null(strstr(out, "--report needs -o"));
    /* A civil violence run and the flight default. */
    snprintf(dir, sizeof dir, "%s/cv", tmp);
    rc = test_humsec(out, sizeof out, "run '%s' --days 200 --quiet --report -o '%s'",
                     src_path("scenarios/civil-violence/epstein-run2.yml"), dir);
    if (rc != 0) fail_msg("humsec run cv --report: %s", out);
    snprintf(html, sizeof html, "%s/report.html", dir);
    page = test_read(html);
    assert_non_null(page);
    assert_non_null(strstr(page, "Active and jailed citizens"));
    free(page);
    snprintf(dir, sizeof dir, "%s/flight", tmp);
    rc = test_humsec(out, sizeof out, "run --model flight --days 40 --quiet --report -o '%s'", dir);
    if (rc != 0) fail_msg("humsec run flight --report: %s", out);
    snprintf(html, sizeof html, "%s/report.html", dir);
    page = test_read(html);
    assert_non_null(page);
    assert_non_null(strstr(page, "Camps: simulated against UNHCR"));
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_embedded_script_is_report_script_js),
        cmocka_unit_test(kinds_recognised_from_files),
        cmocka_unit_test(data_thinned_with_running_sums),
        cmocka_unit_test(compare_page_holds_every_table),
        cmocka_unit_test(world_ensemble_is_a_one_arm_comparison),
        cmocka_unit_test(assess_page_shows_the_latest_year),
        cmocka_unit_test(missing_library_names_the_package),
        cmocka_unit_test(page_written_whole_or_not_at_all),
        cmocka_unit_test(run_report_writes_the_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
