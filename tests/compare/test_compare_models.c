/*
** test_compare_models.c - `humsec compare` on every model humsec runs
** (compare.h): a Flee case (the flight process) and a civil-violence scenario as
** an experiment's base. Common random numbers make an arm that changes nothing
** differ from the baseline by exactly 0 in every outcome; the tables are the
** same on 1 and 2 threads; the flight runs' mean ARD is the one `humsec
** validate` reports for the same seeds; civil violence under a legitimacy no
** grievance can overcome has no arrest; a Model I experiment has none of Model
** II's outcomes; an ensemble of a Flee case is its one-arm experiment; and keys
** a model does not have are refused with file, line and key.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/compare.h>
#include <humsec/flight.h>

/* A small case: a conflict zone, a town, two camps abroad, 60 days of data. */
static const struct {
    const char *name, *text;
} case_files[] = {
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,conflict_zone,0,20000\n"
     "B,r,Home,0,1,town,,5000\n"
     "C,r,Abroad,0,2,camp,,\n"
     "D,r,Abroad,1,2,camp,,\n"},
    {"input_csv/routes.csv", "#name1,name2,distance,forced_redirection\n"
                             "A,B,100,0\nB,C,150,0\nB,D,300,0\n"},
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,60\n"},
    {"source_data/data_layout.csv", "total,refugees.csv\nC,c.csv\nD,d.csv\n"},
    {"source_data/refugees.csv", "2020-01-01,0\n2020-01-31,3000\n2020-03-01,5000\n"},
    {"source_data/c.csv", "2020-01-01,0\n2020-01-31,2000\n2020-03-01,3000\n"},
    {"source_data/d.csv", "2020-01-01,0\n2020-01-31,1000\n2020-03-01,2000\n"},
};

static const char *write_case(void)
{
    static char dir[4200];
    snprintf(dir, sizeof dir, "%s/case", test_tmpdir("compare-models-case"));
    char path[4400];
    for (size_t k = 0; k < sizeof case_files / sizeof *case_files; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, case_files[k].name);
        test_write(path, case_files[k].text);
    }
    return dir;
}

/* A small Model I lattice; legitimacy 0.8, threshold 0.1. */
static const char cv_scenario[] = "model: civil_violence\n"
                                  "name: small-rebellion\n"
                                  "variant: 1\n"
                                  "width: 24\n"
                                  "height: 24\n"
                                  "citizen_density: 0.7\n"
                                  "cop_density: 0.04\n"
                                  "vision: 4\n"
                                  "legitimacy: 0.8\n"
                                  "max_jail_term: 15\n"
                                  "steps: 80\n";

static const char *write_in(const char *dir, const char *name, const char *text)
{
    static char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    test_write(path, text);
    return path;
}

static void load(hs_experiment *x, const char *path)
{
    hs_error err;
    if (hs_experiment_load(x, path, &err) != HS_OK) {
        char msg[2048];
        hs_error_format(&err, msg, sizeof msg);
        fail_msg("load: %s", msg);
    }
}

static void run_into(const hs_experiment *x, const char *dir, int threads)
{
    hs_outdir o;
    hs_error err;
    assert_int_equal(hs_outdir_open(&o, dir, &err), HS_OK);
    if (hs_experiment_run(x, &o, threads, NULL, &err) != HS_OK) {
        char msg[2048];
        hs_error_format(&err, msg, sizeof msg);
        fail_msg("run: %s", msg);
    }
    assert_int_equal(hs_outdir_commit(&o, &err), HS_OK);
    assert_int_equal(hs_experiment_journal_remove(dir, &err), HS_OK);
}

static char *read_in(const char *dir, const char *file)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return test_exists(path) ? test_read(path) : NULL;
}

static void same_tables(const char *a, const char *b)
{
    static const char *const tables[] = {"runs.csv",   "outcomes.csv",    "effects.csv",
                                         "series.csv", "sensitivity.csv", "prim.csv",
                                         "params.yml"};
    for (size_t k = 0; k < sizeof tables / sizeof *tables; k++) {
        char *ta = read_in(a, tables[k]), *tb = read_in(b, tables[k]);
        assert_true((ta == NULL) == (tb == NULL));
        if (ta && strcmp(ta, tb) != 0) fail_msg("%s differs between %s and %s", tables[k], a, b);
        free(ta), free(tb);
    }
}

/* Run x into dir/one on one thread and dir/two on two: the same tables. The
** first folder's path into one. */
static void run_on_one_and_two(const hs_experiment *x, const char *dir, char *one, size_t size)
{
    char two[4400];
    snprintf(one, size, "%s/one", dir);
    snprintf(two, sizeof two, "%s/two", dir);
    run_into(x, one, 1);
    run_into(x, two, 2);
    same_tables(one, two);
}

/* Every effect of arm `arm` in effects.csv has mean difference and sd exactly 0;
** returns how many rows it has. */
static int zero_effects(const char *dir, const char *arm)
{
    char *t = read_in(dir, "effects.csv");
    assert_non_null(t);
    int rows = 0;
    size_t n = strlen(arm);
    for (char *line = strchr(t, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        const char *l = line + 1;
        if (strncmp(l, arm, n) != 0 || l[n] != ',') continue;
        /* arm,baseline,state,outcome,horizon,n,mean_difference,sd,... */
        char outcome[64];
        long h, pairs;
        double mean, sd;
        assert_int_equal(sscanf(l, "%*[^,],%*[^,],%*[^,],%63[^,],%ld,%ld,%lf,%lf", outcome, &h,
                                &pairs, &mean, &sd),
                         5);
        if (mean != 0.0 || sd != 0.0)
            fail_msg("arm %s: %s on day %ld differs by %g (sd %g)", arm, outcome, h, mean, sd);
        rows++;
    }
    free(t);
    return rows;
}

/* The value of outcome on day h in run `run` of outcomes.csv (NAN when absent). */
static double outcome_in(const char *dir, long run, const char *outcome, long h)
{
    char *t = read_in(dir, "outcomes.csv");
    assert_non_null(t);
    double v = NAN;
    for (char *line = strchr(t, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        long r, day;
        char name[64], value[64];
        /* run,arm,sample,replicate,seed,state,outcome,horizon,value */
        if (sscanf(line + 1, "%ld,%*[^,],%*[^,],%*[^,],%*[^,],%*[^,],%63[^,],%ld,%63s", &r, name,
                   &day, value) == 4 &&
            r == run && day == h && strcmp(name, outcome) == 0)
            v = strcmp(value, "NA") == 0 ? NAN : strtod(value, NULL);
    }
    free(t);
    return v;
}

static void a_flee_case_as_the_base(void **state)
{
    (void)state;
    const char *cdir = write_case();
    const char *dir = test_tmpdir("compare-models-flight");
    char text[8192];
    snprintf(text, sizeof text,
             "model: experiment\n"
             "name: rules\n"
             "scenario: %s\n"
             "replicates: 4\n"
             "horizons: [30, 60]\n"
             "arms:\n"
             "  - {name: flee}\n"
             "  - {name: same, set: {move_rules.camp_weight: 1}}\n"
             "  - {name: aware, set: {move_rules.awareness_level: 2, "
             "move_rules.default_movechance: 0.5}}\n",
             cdir);
    hs_experiment x;
    load(&x, write_in(dir, "flight.yml", text));
    assert_int_equal(x.model, HS_MODEL_FLIGHT);
    char one[4400];
    run_on_one_and_two(&x, dir, one, sizeof one);
    /* Six outcomes at two horizons; the arm that changes nothing, exactly nothing. */
    assert_int_equal(zero_effects(one, "same"), 6 * 2);
    char *runs = read_in(one, "runs.csv");
    assert_non_null(strstr(runs, "move_rules.camp_weight,move_rules.awareness_level,"
                                 "move_rules.default_movechance\n"));
    assert_non_null(strstr(runs, "\n2,aware,scenario,0,0,1,60,1,2,0.5\n"));
    free(runs);
    /* The mean ARD to the last day is validate's for the same seed and settings (to
    ** the 9 significant digits of the table). */
    hs_flight_case c;
    hs_flight_settings s;
    hs_error err;
    assert_int_equal(hs_flight_case_open(&c, &s, cdir, NULL, NULL, 1, &err), HS_OK);
    hs_flight_validation v;
    assert_int_equal(hs_flight_validate(&c, &s, 1, 4, 1, NULL, NULL, &v, &err), HS_OK);
    for (long r = 0; r < 4; r++) {
        double ard = outcome_in(one, r * 3, "ard_mean", 60);
        if (!(fabs(ard - v.ard[r]) < 1e-8 * v.ard[r]))
            fail_msg("seed %ld: compare's mean ARD %.17g, validate's %.17g", r + 1, ard, v.ard[r]);
        assert_true(ard > 0.0 && ard < 2.0);
    }
    hs_flight_validation_free(&v);
    hs_flight_case_free(&c);
    /* The arm that changes the rules changes the runs. */
    int differs = 0;
    for (long r = 0; r < 4; r++)
        differs |=
            outcome_in(one, r * 3 + 2, "in_camps", 30) != outcome_in(one, r * 3, "in_camps", 30);
    assert_true(differs);
    hs_experiment_free(&x);
}

static void a_civil_violence_scenario_as_the_base(void **state)
{
    (void)state;
    const char *dir = test_tmpdir("compare-models-cv");
    write_in(dir, "rebellion.yml", cv_scenario);
    /* Legitimacy 0.95: grievance H (1 - L) is at most 0.05, below the threshold 0.1,
    ** so no one is ever active and no one is arrested - whatever the draws. */
    static const char text[] = "model: experiment\n"
                               "name: legitimacy\n"
                               "scenario: rebellion.yml\n"
                               "replicates: 5\n"
                               "horizons: [40, 80]\n"
                               "arms:\n"
                               "  - {name: base}\n"
                               "  - {name: same, set: {legitimacy: 0.8}}\n"
                               "  - {name: legit, set: {legitimacy: 0.95}}\n"
                               "uncertain:\n"
                               "  samples: 4\n"
                               "  bootstrap: 50\n"
                               "  parameters:\n"
                               "    - {name: cop_density, low: 0.02, high: 0.06}\n";
    hs_experiment x;
    load(&x, write_in(dir, "cv.yml", text));
    assert_int_equal(x.model, HS_MODEL_CIVIL_VIOLENCE);
    char one[4400];
    run_on_one_and_two(&x, dir, one, sizeof one);
    /* Model I: active, jailed, quiet, arrests, outbursts; no kills, blue or green. */
    assert_int_equal(zero_effects(one, "same"), 5 * 2);
    char *oc = read_in(one, "outcomes.csv");
    assert_null(strstr(oc, ",kills,"));
    assert_null(strstr(oc, ",blue,"));
    free(oc);
    int rebels = 0;
    for (long run = 0; run < hs_experiment_runs(&x); run++) {
        double arrests = outcome_in(one, run, "arrests", 80);
        if (run % 3 == 2)
            assert_true(arrests == 0.0 && outcome_in(one, run, "active", 80) == 0.0);
        else
            rebels += arrests > 0.0;
    }
    assert_true(rebels > 0); /* at legitimacy 0.8 some are arrested */
    char *sens = read_in(one, "sensitivity.csv");
    assert_non_null(sens);
    assert_non_null(strstr(sens, "spearman,base,arrests,80,cop_density,rho,"));
    free(sens);
    hs_experiment_free(&x);
}

static void an_ensemble_of_a_flee_case(void **state)
{
    (void)state;
    const char *cdir = write_case();
    hs_experiment x;
    hs_error err;
    assert_int_equal(hs_experiment_of_scenario(&x, cdir, 3, 7, -1, &err), HS_OK);
    assert_int_equal(x.model, HS_MODEL_FLIGHT);
    assert_int_equal(x.days, 60);
    assert_int_equal(x.narms, 1);
    assert_int_equal(x.nhorizons, 3);
    char dir[4400];
    snprintf(dir, sizeof dir, "%s/ens", test_tmpdir("compare-models-ensemble"));
    run_into(&x, dir, 2);
    char *oc = read_in(dir, "outcomes.csv");
    assert_non_null(strstr(oc, "\n2,scenario,0,2,9,case,ard_mean,60,"));
    free(oc);
    hs_experiment_free(&x);
}

static void keys_a_model_does_not_have_are_refused(void **state)
{
    (void)state;
    const char *cdir = write_case();
    const char *dir = test_tmpdir("compare-models-bad");
    write_in(dir, "rebellion.yml", cv_scenario);
    static const struct {
        const char *base, *extra, *expect[2];
    } bads[] = {
        {"FLEE", "arms:\n  - {name: a, doctrine: want}\n", {"arms[0].doctrine", "donors"}},
        {"FLEE", "arms:\n  - {name: a, budget: 0.1}\n", {"arms[0].budget", "donors"}},
        {"FLEE", "state: Home\narms:\n  - {name: a}\n", {"bad.yml:5: field 'state'", "only"}},
        {"FLEE",
         "arms:\n  - {name: a, set: {optimisations.hasten: 2}}\n",
         {"arms[0].set.optimisations.hasten", "not a parameter of the flight rules"}},
        {"FLEE",
         "arms:\n  - {name: a, set: {move_rules.camp_movechance: 2}}\n",
         {"arms[0].set.move_rules.camp_movechance", "outside"}},
        {"FLEE", "outcomes: [deaths]\narms:\n  - {name: a}\n", {"outcomes[0]", "ard_mean"}},
        {"CV",
         "settings: s.yml\narms:\n  - {name: a}\n",
         {"bad.yml:5: field 'settings'", "Flee case"}},
        {"CV",
         "arms:\n  - {name: a}\nuncertain:\n  parameters:\n    - {name: width, low: 10, high: "
         "20}\n",
         {"uncertain.parameters[0].name", "not a parameter of civil violence"}},
        {"CV", "arms:\n  - {name: a, set: {max_jail_term: 2.5}}\n", {"max_jail_term", "whole"}},
        {"NONE", "arms:\n  - {name: a}\n", {"bad.yml:3: field 'scenario'", "no-such-case"}},
    };
    for (size_t k = 0; k < sizeof bads / sizeof *bads; k++) {
        char text[8192];
        const char *base = strcmp(bads[k].base, "FLEE") == 0 ? cdir
                           : strcmp(bads[k].base, "CV") == 0 ? "rebellion.yml"
                                                             : "no-such-case";
        snprintf(text, sizeof text,
                 "model: experiment\nname: bad\nscenario: %s\nhorizons: [10]\n%s", base,
                 bads[k].extra);
        hs_experiment x;
        hs_error err;
        if (hs_experiment_load(&x, write_in(dir, "bad.yml", text), &err) == HS_OK) {
            hs_experiment_free(&x);
            fail_msg("accepted: %s", bads[k].extra);
        }
        char msg[2048];
        hs_error_format(&err, msg, sizeof msg);
        print_message("%s\n", msg);
        for (int e = 0; e < 2; e++)
            if (!strstr(msg, bads[k].expect[e])) fail_msg("lacks '%s': %s", bads[k].expect[e], msg);
    }
}

/* A shipped experiment loads, on the model its scenario is for. */
static void shipped(const char *file, int model)
{
    const char *src = getenv("HUMSEC_SOURCE");
    assert_non_null(src);
    char path[4200];
    snprintf(path, sizeof path, "%s/scenarios/experiments/%s", src, file);
    hs_experiment x;
    load(&x, path);
    assert_int_equal(x.model, model);
    assert_true(hs_experiment_runs(&x) > 0);
    hs_experiment_free(&x);
}

static void the_shipped_experiments_load(void **state)
{
    (void)state;
    shipped("doctrines.yml", HS_MODEL_WORLD);
    shipped("doctrines-uncertain.yml", HS_MODEL_WORLD);
    shipped("doctrines-sobol.yml", HS_MODEL_WORLD);
    shipped("legitimacy-or-cops.yml", HS_MODEL_CIVIL_VIOLENCE);
}

/* Its scenario is ../shared's mali2012, beside the project. */
static void the_shipped_flee_experiment_loads(void **state)
{
    (void)state;
    test_shared_or_skip("validation/flee/mali2012");
    shipped("flee-rules-mali2012.yml", HS_MODEL_FLIGHT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_flee_case_as_the_base),
        cmocka_unit_test(a_civil_violence_scenario_as_the_base),
        cmocka_unit_test(an_ensemble_of_a_flee_case),
        cmocka_unit_test(keys_a_model_does_not_have_are_refused),
        cmocka_unit_test(the_shipped_experiments_load),
        cmocka_unit_test(the_shipped_flee_experiment_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
