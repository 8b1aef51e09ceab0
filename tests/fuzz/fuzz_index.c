/*
** fuzz_index.c - index definitions (src/measure/index.c): the YAML tree of
** nodes, methods and classes, then the index evaluated on a small fixed table
** (every method runs: normalisation, imputation, treatment, weights,
** aggregation, classes, Owen's thresholds, the CSV, the check against the
** published values and a two-draw uncertainty analysis). The input is the
** definition.
*/
#include <humsec/error.h>
#include <humsec/measure.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "fuzz_util.h"

/* Variables a definition can name: a, b, c, the HDI's, a population, a class. */
static const char data_text[] = "iso3,country,year,region,a,b,c,le,eys,mys,gnipc,hdi,pop,cls\n"
                                "AAA,Alpha,2020,r1,1,2,3,70,12,8,1000,0.6,10,High\n"
                                "BBB,Beta,2020,r1,4,,6,60,10,5,500,0.5,20,Low\n"
                                "CCC,Gamma,2020,r2,7,8,x,80,16,12,40000,0.9,5,High\n"
                                "DDD,Delta,2020,r2,-0,0,0.5,50,8,3,200,0.4,1,Low\n"
                                "EEE,Epsilon,2021,r1,2,3,4,71,13,9,1100,0.61,11,High\n"
                                "FFF,Phi,2021,r2,1e-3,1e3,2,85,18,15,75000,1,3,High\n";

static hs_frame frame;
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    hs_error err;
    if (hs_frame_read_text(&frame, "data.csv", data_text, NULL, &err) != HS_OK) {
        char buf[2048];
        hs_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "fuzz_index: the fixed table does not read: %s\n", buf);
        abort();
    }
    sink = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    if (!text) return 0;
    hs_error err;
    hs_index ix;
    if (hs_index_load_text(&ix, "index.yml", text, &err) == HS_OK) {
        const char **cols = hs_index_columns(&ix);
        free(cols);
        hs_result r;
        if (hs_assess(&r, &ix, &frame, &err) == HS_OK) {
            hs_mc mc;
            hs_mc_opts mo = {.draws = 2, .seed = 1};
            int have_mc = hs_mc_run(&mc, &ix, &frame, &mo, NULL, NULL, &err) == HS_OK;
            if (sink) hs_result_write_csv(&r, have_mc ? &mc : NULL, sink, "out.csv", &err);
            for (size_t u = 0; u < r.nunits; u++) {
                (void)hs_result_class(&r, u);
                (void)hs_result_published_class(&r, u);
            }
            hs_check chk;
            hs_check_published(&r, ix.root, &chk, &err);
            if (have_mc) hs_mc_free(&mc);
            hs_result_free(&r);
        }
        hs_index_free(&ix);
    }
    free(text);
    return 0;
}
