/*
** bench_assess.c - every HDI country-year (1990-2022) from UNDP's raw file:
** read (the CSV whole, converting the columns the index reads), evaluate, check
** against the published values. The target is
** under 50 ms for the whole job; this prints the times and throughput and never
** fails on timing. Needs ../shared (skips without it).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <humsec/measure.h>
#include <humsec/table.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    const char *shared = getenv("HUMSEC_SHARED");
    char path[4096];
    snprintf(path, sizeof path,
             "%s/data/undp-hdr/HDR23-24_Composite_indices_complete_time_series.csv",
             argc > 1 ? argv[1]
             : shared ? shared
                      : "../shared");
    FILE *probe = fopen(path, "r");
    if (!probe) {
        printf("bench_assess: %s not found (pass ../shared as the argument); skipped\n", path);
        return 0;
    }
    fclose(probe);
    const int reps = 20;
    double t_read = 0, t_eval = 0, best = INFINITY;
    size_t scored = 0, matched = 0, published = 0;
    hs_error e;
    hs_index ix;
    if (hs_index_load(&ix, "hdi", &e) != HS_OK) return 1;
    for (int k = 0; k < reps; k++) {
        double t0 = now();
        hs_frame f;
        const char **cols = hs_index_columns(&ix);
        hs_frame_opts fo = {.vars = cols};
        hs_status rs = hs_frame_read(&f, path, &fo, &e);
        free(cols);
        if (rs != HS_OK) {
            fprintf(stderr, "bench_assess: %s\n", e.message);
            return 1;
        }
        double t1 = now();
        hs_result r;
        if (hs_assess(&r, &ix, &f, &e) != HS_OK) {
            fprintf(stderr, "bench_assess: %s\n", e.message);
            return 1;
        }
        double t2 = now();
        hs_check c;
        hs_check_published(&r, ix.root, &c, &e);
        t_read += t1 - t0;
        t_eval += t2 - t1;
        if (t2 - t0 < best) best = t2 - t0;
        scored = r.nscored;
        matched = c.exact;
        published = c.n;
        hs_result_free(&r);
        hs_frame_free(&f);
    }
    hs_index_free(&ix);
    /* The CSV parse alone (core table.c, libcsv), to see where the time goes. */
    double t_table = 0;
    for (int k = 0; k < reps; k++) {
        double t0 = now();
        hs_table t;
        if (hs_table_read(&t, path, 0, &e) != HS_OK) return 1;
        t_table += now() - t0;
        hs_table_free(&t);
    }
    double mean = (t_read + t_eval) / reps;
    printf("bench_assess: HDI for every country-year from the raw UNDP file (%d runs)\n", reps);
    printf("  country-years scored      %zu (published %zu, equal %zu)\n", scored, published,
           matched);
    printf("  read + evaluate, mean     %.2f ms (best %.2f ms; target < 50 ms: %.1fx under)\n",
           1e3 * mean, 1e3 * best, 0.050 / mean);
    printf("  of which reading the CSV  %.2f ms (%.0f%%)\n", 1e3 * t_read / reps,
           100 * t_read / (t_read + t_eval));
    printf("    of which the CSV parse  %.2f ms (hs_table_read alone)\n", 1e3 * t_table / reps);
    printf("  evaluation                %.2f ms (%.2f million country-years/s)\n",
           1e3 * t_eval / reps, (double)scored / (t_eval / reps) / 1e6);

    /* The uncertainty analysis: N (2 + 3) evaluations of the HDI for one year. */
    hs_frame_opts fo = {.year = 2022};
    hs_frame f22;
    if (hs_index_load(&ix, "hdi", &e) != HS_OK || hs_frame_read(&f22, path, &fo, &e) != HS_OK)
        return 1;
    hs_mc mc;
    hs_mc_opts mo = {.draws = 1000, .seed = 1};
    double t0 = now();
    if (hs_mc_run(&mc, &ix, &f22, &mo, NULL, NULL, &e) != HS_OK) {
        fprintf(stderr, "bench_assess: %s\n", e.message);
        return 1;
    }
    double t_mc = now() - t0;
    long evals = mo.draws * (2 + HS_MC_FACTORS);
    printf("bench_assess: uncertainty, HDI 2022, %ld draws (%ld evaluations of %zu countries)\n",
           mo.draws, evals, f22.nunits);
    printf("  total                     %.1f ms (%.0f evaluations/s; %.3f ms each, %.1fx the "
           "plain evaluation of one year)\n",
           1e3 * t_mc, (double)evals / t_mc, 1e3 * t_mc / (double)evals,
           (t_mc / (double)evals) / (t_eval / reps / 33.0));
    hs_mc_free(&mc);
    hs_frame_free(&f22);
    hs_index_free(&ix);
    return 0;
}
