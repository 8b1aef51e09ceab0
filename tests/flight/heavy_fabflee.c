/*
** heavy_fabflee.c - every Flee case in ../shared/validation/flee runs as
** `humsec validate CASE` takes it (simsetting_validation.yml: FabFlee's
** validation settings; a variant case borrows its base case's series; series
** out of date order sorted), with hasten 10 and SEEDS seeds to keep it quick
** (docs/odd/flight.md's table holds the same settings over 10 seeds).
** The mean ARD must be within 0.05 of Flee's own figure, measured on this
** project's machine: mali2012, burundi2015 and burundi2015_linkfix at hasten 1
** (flee-rules.md), FabFlee's other cases at hasten 10 with one seed (issue
** 14's table). ukraine2022 (no Flee figure: Flee takes about 10 minutes per 70
** simulated days) is measured but left out of the tolerance: see UKRAINE below. Needs
*../shared/validation/flee; skips cleanly without it.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <humsec/flight.h>

#define SEEDS 3
#define HASTEN 10
#define TOLERANCE 0.05

typedef struct fab_case {
    const char *name, *base; /* base: the case whose series and settings it borrows */
    double flee;             /* Flee's ARD measured on this machine, or NAN */
    double humsec_h1;        /* humsec, hasten 1, 10 seeds (docs/odd/flight.md) */
} fab_case;

static const fab_case cases[] = {
    {"mali2012", "mali2012", 0.349, 0.347},
    {"burundi2015", "burundi2015", 0.519, 0.520},
    {"burundi2015_linkfix", "burundi2015", 0.329, 0.329},
    {"mali2017_adm1", "mali2017_adm1", 0.677, 0.676},
    {"nigeria2016", "nigeria2016", 0.258, 0.256},
    {"nigeria2022_adm2", "nigeria2022_adm2", 0.447, 0.446},
    {"ssudan2013", "ssudan2013", 0.513, 0.511},
    {"ssudan2016", "ssudan2016", 0.410, 0.411},
    {"syria2013", "syria2013", 0.331, 0.331},
};

static double run_case(const char *root, const char *name, const char *base, int seeds, double *sd,
                       double *seconds)
{
    char dir[2048], src[2100], settings[2100];
    snprintf(dir, sizeof dir, "%s/%s", root, name);
    snprintf(src, sizeof src, "%s/%s/source_data", root, base);
    snprintf(settings, sizeof settings, "%s/%s/simsetting_validation.yml", root, base);
    hs_flight_settings s;
    hs_flight_case c;
    hs_error err;
    hs_flight_settings_default(&s);
    if (hs_flight_settings_load(&s, settings, &err) != HS_OK ||
        (s.hasten = HASTEN, hs_flight_case_load(&c, dir, src, &s, &err)) != HS_OK) {
        char buf[1024];
        hs_error_format(&err, buf, sizeof buf);
        fail_msg("%s: %s", name, buf);
    }
    hs_flight_validation v;
    assert_int_equal(hs_flight_validate(&c, &s, 1, seeds, 0, NULL, NULL, &v, &err), HS_OK);
    double mean, rmean, rsd;
    hs_flight_mean_sd(v.ard, v.nseeds, &mean, sd);
    hs_flight_mean_sd(v.ard_rescaled, v.nseeds, &rmean, &rsd);
    *seconds = v.wall_seconds;
    print_message("%-20s ARD %.4f (sd %.4f), rescaled %.4f, %d seeds, hasten %d, %.1f s, %d "
                  "warnings\n",
                  name, mean, *sd, rmean, seeds, HASTEN, v.wall_seconds, c.nwarnings);
    hs_flight_validation_free(&v);
    hs_flight_case_free(&c);
    return mean;
}

static void fabflee_cases_agree(void **state)
{
    (void)state;
    const char *root = test_require_shared("validation/flee");
    int failures = 0;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const fab_case *fc = &cases[k];
        double sd, secs;
        double ard = run_case(root, fc->name, fc->base, SEEDS, &sd, &secs);
        double ref = isnan(fc->flee) ? fc->humsec_h1 : fc->flee;
        const char *what = isnan(fc->flee) ? "humsec at hasten 1 (no Flee figure here)" : "Flee";
        if (!isfinite(ard) || fabs(ard - ref) > TOLERANCE) {
            print_error("%s: mean ARD %.4f is more than %.2f from %s %.3f\n", fc->name, ard,
                        TOLERANCE, what, ref);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* ukraine2022: its camp series reach 23 million people (Medyka alone counts 14
** million crossings), 554 days; at hasten 1 one seed on one thread takes about
** 480 s here (ARD 0.590; bench/bench_cases.sh, docs/odd/flight.md), too slow to
** validate over seeds in a test. At hasten 10 one seed takes about 75 s on 2
** threads (ARD 0.589). It is run with one seed and must give a finite ARD, with
** no tolerance: no Flee figure exists here to hold it to. */
static void ukraine2022_runs(void **state)
{
    (void)state;
    const char *root = test_require_shared("validation/flee");
    double sd, secs;
    double ard = run_case(root, "ukraine2022", "ukraine2022", 1, &sd, &secs);
    assert_true(isfinite(ard));
}

int main(void)
{
    test_require_shared("validation/flee/mali2012");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fabflee_cases_agree),
        cmocka_unit_test(ukraine2022_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
