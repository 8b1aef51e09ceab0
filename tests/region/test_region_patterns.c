/*
** test_region_patterns.c - P3-P6 against the conflict's own figures
** (region_patterns.c, patterns_vs_real.csv): a small case's own UNHCR series
** and HDR rows in, the real figures out as the tables give them; NA, with a
** reason, where a table has no row or there is no table for it; the command
** writes the file and prints a line per pattern; mali2012's figures are its
** series and Mali's HDR row (needs ../shared).
*/
#include "testutil.h"
#include "region_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/flight.h>
#include <humsec/region.h>
#include <humsec/world.h>
#include "region/region_internal.h"

/* a == b within eps, in double (cmocka's assert_float_equal compares floats). */
static void assert_near(double a, double b, double eps)
{
    if (!(fabs(a - b) <= eps)) fail_msg("%.17g != %.17g (within %g)", a, b, eps);
}

/* The row of measure for state s (fails the test when there is none). */
static const region_pattern_row *find(const region_pattern_row *rows, int n, const char *measure,
                                      int s)
{
    for (int k = 0; k < n; k++)
        if (rows[k].state == s && strcmp(rows[k].measure, measure) == 0) return &rows[k];
    fail_msg("no row %s for state %d", measure, s);
    return NULL;
}

/* Mali's people in the small case (A and B), the HDR's Mali row of the test. */
#define SMALL_MALI_PEOPLE 6000.0
#define SMALL_POP_2012 0.02 /* millions: 20,000 people */
#define SMALL_MMR_2012 555.5
#define SMALL_LE_2012 57.0
#define SMALL_LE_2013 57.5

/* A small case (Mali with a conflict zone and a town, a camp in Niger, 60 days
** from 2012-03-01) with its own UNHCR series: camp C 100 on day 0, 400 on day 30,
** 300 on day 59; the refugee total 150, 500 on day 19, 450 on day 59. The data
** folder's HDR table has Mali's population, life expectancy and maternal
** mortality (hdr_cols: "pop_total_2012," or "") and no row for Niger. */
static char *series_case(const char *name, const char *hdr_cols, char *data, size_t n)
{
    const char *dir = test_tmpdir(name);
    char p[4200];
    region_small_places(dir);
    snprintf(p, sizeof p, "%s/small/source_data/data_layout.csv", dir);
    test_write(p, "total,refugees.csv\nC,c.csv\n");
    snprintf(p, sizeof p, "%s/small/source_data/refugees.csv", dir);
    test_write(p, "2012-03-01,150\n2012-03-20,500\n2012-04-29,450\n");
    snprintf(p, sizeof p, "%s/small/source_data/c.csv", dir);
    test_write(p, "2012-03-01,100\n2012-03-31,400\n2012-04-29,300\n");
    snprintf(p, sizeof p, "%s/data/undp-hdr/hdr.csv", dir);
    char hdr[1024];
    snprintf(hdr, sizeof hdr,
             "iso3,country,%sle_2012,eys_2012,mys_2012,gnipc_2012,hdi_2012,mmr_2012,le_2013\n"
             "MLI,Mali,%s%g,7,1.5,1800,0.40,%g,%g\n",
             hdr_cols, hdr_cols[0] ? "0.02," : "", SMALL_LE_2012, SMALL_MMR_2012, SMALL_LE_2013);
    test_write(p, hdr);
    snprintf(data, n, "%s/data", dir);
    snprintf(p, sizeof p, "%s/small", dir);
    return strdup(p);
}

/* Build the case's region with the data folder, run the world, compare. */
static int compare_small(const char *dir, const char *data, region_pattern_row *rows)
{
    hs_flight_case c;
    hs_flight_settings s;
    hs_error err;
    hs_flight_settings_default(&s);
    check_ok(hs_flight_case_load(&c, dir, NULL, &s, &err), &err);
    hs_region r;
    hs_region_opts o = {.data_dir = data, .max_agents = 1000};
    check_ok(hs_region_build(&r, &c, &s, &o, &err), &err);
    hs_world_sim *sim;
    check_ok(hs_world_sim_create(&sim, r.sc, 1, &err), &err);
    check_ok(hs_world_sim_run(sim, -1, NULL, NULL, &err), &err);
    int n;
    check_ok(region_patterns_compare(&r, &c, &s, sim, rows, &n, &err), &err);
    /* The world's side of P3's camp row is the ARD's daily camp people at their peak. */
    long days = hs_world_sim_days(sim);
    double *daily = calloc((size_t)days * 4, sizeof *daily), ard, ardr, peak = 0;
    assert_non_null(daily);
    hs_region_ard(&r, &c, &s, sim, &ard, &ardr, daily);
    for (long d = 0; d < days; d++)
        peak = fmax(peak, daily[d * 4]);
    const region_pattern_row *w = find(rows, n, "camp_people_peak_share", 0);
    /* (the two share one denominator; UNHCR's camp peak is 400 in both small cases) */
    assert_near(w->model, w->real * peak / 400.0, 1e-12);
    free(daily);
    hs_world_sim_free(sim);
    hs_region_free(&r);
    hs_flight_case_free(&c);
    return n;
}

/* The tables' numbers out as they went in; NA with a reason where they have none. */
static void test_real_figures_from_own_tables(void **state)
{
    (void)state;
    char data[4200];
    char *dir = series_case("patterns_own", "pop_total_2012,", data, sizeof data);
    region_pattern_row *rows = calloc(REGION_PATTERN_ROWS, sizeof *rows);
    assert_non_null(rows);
    int n = compare_small(dir, data, rows);
    assert_int_equal(n, 6 + 4 * 2); /* P3 x 3, P4 x 2, P6 of Mali; P5 x 4 of each state */
    double pop = SMALL_POP_2012 * 1e6;
    /* P3: camp C's peak, 400 on day 30, over Mali's 20,000 people (pop_total_2012). */
    const region_pattern_row *w = find(rows, n, "camp_people_peak_share", 0);
    assert_string_equal(w->pattern, "P3");
    assert_near(w->real, 400.0 / pop, 1e-12);
    assert_non_null(strstr(w->source, "UNDP HDR pop_total 2012 (20000 people"));
    assert_string_equal(w->years, "2012-03-01 to 2012-04-29");
    assert_true(w->model >= 0.0);
    /* The refugee total's peak, 500 on day 19. */
    w = find(rows, n, "refugees_peak_share", 0);
    assert_near(w->real, 500.0 / pop, 1e-12);
    assert_true(w->model > 0.0); /* at least the people the camp starts with */
    /* No count of the internally displaced: NA, and why. */
    w = find(rows, n, "displaced_peak_share", 0);
    assert_true(isnan(w->real));
    assert_string_equal(w->source, "none");
    assert_non_null(strstr(w->note, "no real figure: the data hold no count of the internally"));
    /* P4: 300 on the last day against the peak 400. */
    w = find(rows, n, "camp_people_last_vs_peak", 0);
    assert_string_equal(w->pattern, "P4");
    assert_near(w->real, 300.0 / 400.0 - 1.0, 1e-12);
    w = find(rows, n, "returned_once_calm", 0);
    assert_true(isnan(w->real));
    assert_non_null(strstr(w->note, "no count of returns"));
    /* P5: Mali's maternal mortality of 2012, its life expectancy 2012 -> 2013 (the year
    ** after the run's end); no crude rates in the data. */
    w = find(rows, n, "maternal_deaths_per_100000_births", 0);
    assert_string_equal(w->pattern, "P5");
    assert_near(w->real, SMALL_MMR_2012, 1e-9);
    assert_string_equal(w->years, "2012");
    assert_non_null(strstr(w->source, "UNDP HDR mmr (hdr.csv)"));
    w = find(rows, n, "life_expectancy_change", 0);
    assert_near(w->real, (SMALL_LE_2013 - SMALL_LE_2012), 1e-9);
    assert_string_equal(w->years, "2012-2013");
    assert_true(isnan(w->model));
    assert_non_null(strstr(w->note, "no period life expectancy"));
    w = find(rows, n, "deaths_per_1000_year_at_peace", 0);
    assert_true(isnan(w->real));
    assert_non_null(strstr(w->note, "no crude death rate"));
    w = find(rows, n, "births_per_1000_year_at_peace", 0);
    assert_true(isnan(w->real));
    /* Niger has no row in the table: NA, and why; and no people at home in the case. */
    w = find(rows, n, "maternal_deaths_per_100000_births", 1);
    assert_true(isnan(w->real) && isnan(w->model));
    assert_string_equal(w->source, "none");
    assert_non_null(strstr(w->note, "no maternal mortality for this country in the HDR table"));
    assert_non_null(strstr(w->note, "none of its people at home"));
    w = find(rows, n, "life_expectancy_change", 1);
    assert_true(isnan(w->real));
    assert_non_null(strstr(w->note, "no life expectancy for the start year"));
    /* P6: no count of conflict deaths. */
    w = find(rows, n, "violent_deaths_worst_year_share", 0);
    assert_string_equal(w->pattern, "P6");
    assert_true(isnan(w->real));
    assert_non_null(strstr(w->note, "no count of conflict deaths"));
    free(rows);
    free(dir);
}

/* Without the HDR's population the shares are of the case's own people in the
** origin (A and B: 6000), and the source says so. */
static void test_population_falls_back_to_the_case(void **state)
{
    (void)state;
    char data[4200];
    char *dir = series_case("patterns_nopop", "", data, sizeof data);
    region_pattern_row *rows = calloc(REGION_PATTERN_ROWS, sizeof *rows);
    assert_non_null(rows);
    int n = compare_small(dir, data, rows);
    const region_pattern_row *w = find(rows, n, "camp_people_peak_share", 0);
    assert_near(w->real, 400.0 / SMALL_MALI_PEOPLE, 1e-12);
    assert_non_null(strstr(w->source, "the people of the case's places in Mali (6000; no HDR "
                                      "population for it)"));
    w = find(rows, n, "refugees_peak_share", 0);
    assert_near(w->real, 500.0 / SMALL_MALI_PEOPLE, 1e-12);
    free(rows);
    free(dir);
}

/* The command writes patterns_vs_real.csv and summary.json's patterns_vs_real and
** prints a line per pattern for the origin; a case without series has NA camp rows. */
static void test_cli_writes_and_prints(void **state)
{
    (void)state;
    char data[4200], out[16384], p[4400];
    char *dir = series_case("patterns_cli", "pop_total_2012,", data, sizeof data);
    int rc = test_humsec(out, sizeof out,
                         "run '%s' --model human_security -o '%s/../run' --threads 1 --data '%s'",
                         dir, dir, data);
    if (rc != 0) fail_msg("exit %d: %s", rc, out);
    assert_non_null(strstr(out, "Against Mali's own figures (world / real"));
    assert_non_null(strstr(out, "    P3: camps at the peak, of the country "));
    assert_non_null(strstr(out, "/ 2.00%; refugees at the peak, of the country "));
    assert_non_null(strstr(out, "    P4: camp people, last day vs the peak "));
    assert_non_null(strstr(out, "/ -25.0%"));
    assert_non_null(strstr(out, "maternal deaths per 100,000 births "));
    assert_non_null(strstr(out, "/ 556; life expectancy change, years NA / +0.50\n"));
    assert_non_null(strstr(out, "    P6: violent deaths in the worst year "));
    snprintf(p, sizeof p, "%s/../run/patterns_vs_real.csv", dir);
    char *csv = test_read(p);
    assert_non_null(csv);
    const char *head =
        "pattern,state,iso3,origin,measure,unit,model,real,real_source,real_years,note\n";
    assert_true(strncmp(csv, head, strlen(head)) == 0);
    assert_non_null(strstr(csv, "\nP3,Mali,MLI,1,camp_people_peak_share,share,"));
    assert_non_null(strstr(csv, ",0.02,\"UNHCR camp counts"));
    assert_non_null(strstr(csv, "\nP5,Mali,MLI,1,maternal_deaths_per_100000_births,"
                                "\"per 100,000 births\","));
    assert_non_null(strstr(csv, ",555.5,UNDP HDR mmr (hdr.csv),2012,"));
    assert_non_null(strstr(csv, "\nP5,Niger,NER,0,maternal_deaths_per_100000_births,"
                                "\"per 100,000 births\",NA,NA,none,,"));
    free(csv);
    snprintf(p, sizeof p, "%s/../run/summary.json", dir);
    char *js = test_read(p);
    assert_non_null(js);
    assert_non_null(strstr(js, "\"patterns_vs_real\""));
    assert_non_null(strstr(js, "\"measure\": \"refugees_peak_share\""));
    free(js);
    free(dir);
}

/* mali2012: the real figures are its own UNHCR series over Mali's HDR row
** (pop_total 2012 16.514687 M, mmr 2012, le 2012 -> 2013). */
static void test_mali2012_real_figures(void **state)
{
    (void)state;
    hs_flight_case c;
    hs_flight_settings s;
    hs_region r;
    hs_error err;
    region_mali2012(&c, &s, &r);
    hs_world_sim *sim;
    check_ok(hs_world_sim_create(&sim, r.sc, 1, &err), &err);
    check_ok(hs_world_sim_run(sim, -1, NULL, NULL, &err), &err);
    region_pattern_row *rows = calloc(REGION_PATTERN_ROWS, sizeof *rows);
    assert_non_null(rows);
    int n;
    check_ok(region_patterns_compare(&r, &c, &s, sim, rows, &n, &err), &err);
    /* The peaks of the series over the run's days, read here from the case. */
    double camps = 0, total = 0, pop = 16.514687e6;
    for (long d = 0; d < c.days; d++) {
        double sum = 0;
        for (int k = 0; k < c.ncamps; k++)
            sum += hs_series_at(&c.camp_series[k], (double)d);
        camps = fmax(camps, trunc(sum));
        total = fmax(total, hs_series_at(&c.total, (double)d));
    }
    const region_pattern_row *w = find(rows, n, "camp_people_peak_share", 0);
    assert_near(w->real, camps / pop, 1e-12);
    assert_non_null(strstr(w->source, "UNDP HDR pop_total 2012 (16514687 people"));
    w = find(rows, n, "refugees_peak_share", 0);
    assert_near(w->real, total / pop, 1e-12);
    assert_true(total > camps); /* refugees.csv counts Malians outside the case's camps too */
    w = find(rows, n, "maternal_deaths_per_100000_births", 0);
    assert_near(w->real, 555.3264419, 1e-6);
    w = find(rows, n, "life_expectancy_change", 0);
    assert_near(w->real, (57.357 - 57.079), 1e-9);
    assert_string_equal(w->years, "2012-2013");
    free(rows);
    hs_world_sim_free(sim);
    hs_region_free(&r);
    hs_flight_case_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_figures_from_own_tables),
        cmocka_unit_test(test_population_falls_back_to_the_case),
        cmocka_unit_test(test_cli_writes_and_prints),
        cmocka_unit_test(test_mali2012_real_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
