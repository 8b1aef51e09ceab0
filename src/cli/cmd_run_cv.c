/*
** cmd_run_cv.c - `humsec run FILE.yml` for civil-violence scenarios: one run,
** written to an output folder, with a short summary on stdout.
*/
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <humsec/checkpoint.h>
#include <humsec/clock.h>
#include <humsec/outdir.h>
#include <humsec/version.h>
#include <humsec/violence.h>

int cli_run_civil_violence(const char *scenario, const cli_run_opts *opts)
{
    hs_cv_params p;
    hs_error err;
    if (hs_cv_scenario_load(scenario, &p, &err) != HS_OK) return cli_report(&err);
    if (opts->days >= 0) p.steps = opts->days;
    char out[4096];
    if (opts->out)
        snprintf(out, sizeof out, "%s", opts->out);
    else
        cli_default_out(scenario, out, sizeof out);

    /* Checkpoints: DIR.checkpoint, of this scenario file, length, seed and version. */
    char ckpath[4200];
    snprintf(ckpath, sizeof ckpath, "%s.checkpoint", out);
    hs_cv_checkpointing ck = {ckpath, opts->checkpoint_every, opts->resume, HS_FNV_START};
    ck.fingerprint = hs_fnv_file(ck.fingerprint, scenario);
    ck.fingerprint = hs_fnv(ck.fingerprint, &p.steps, sizeof p.steps);
    ck.fingerprint = hs_fnv(ck.fingerprint, &opts->seed, sizeof opts->seed);
    ck.fingerprint = hs_fnv(ck.fingerprint, hs_version(), strlen(hs_version()));
    int checkpointing = opts->checkpoint_every > 0 || opts->resume;

    /* The output folder first: a bad -o, or one another run holds, is refused before
    ** the work, and the folder is ours until the run is written. */
    hs_outdir od;
    if (hs_outdir_open(&od, out, &err) != HS_OK) return cli_report(&err);
    hs_cv_series s;
    double t0 = hs_clock_seconds();
    if (hs_cv_run_checkpointed(&p, opts->seed, (int)opts->threads, checkpointing ? &ck : NULL, &s,
                               &err) != HS_OK) {
        hs_outdir_abandon(&od, err.message);
        return cli_report(&err);
    }
    double secs = hs_clock_seconds() - t0;
    if (hs_cv_write_run_to(&od, &p, scenario, opts->seed, &s, &err) != HS_OK) {
        hs_cv_series_free(&s);
        return cli_report(&err);
    }
    /* The output is in place: the checkpoint has done its work. */
    if (checkpointing) unlink(ckpath);
    if (!opts->quiet) {
        hs_cv_stats st;
        hs_cv_stats_compute(&p, &s, &st);
        double agent_steps = 0;
        for (long i = 1; i < s.n; i++)
            agent_steps += (double)(s.rows[i].quiet + s.rows[i].active + s.rows[i].cops);
        printf("civil violence: %s (Model %s), %ld x %ld, %ld steps, seed %llu\n", p.name,
               p.model == 2 ? "II" : "I", p.width, p.height, p.steps,
               (unsigned long long)opts->seed);
        printf("  rounding %s, vision %g (%s, %ld cells), jail %s, L %g, cops %g\n",
               hs_cv_rounding_name(p.rounding), p.vision, hs_cv_vision_name(p.vision_shape),
               hs_cv_vision_cells(p.vision, p.vision_shape), hs_cv_jail_name(p.jail), p.legitimacy,
               p.cop_density);
        printf("  outbursts (> %ld actives): %ld, mean peak %.1f, max actives %ld",
               p.outburst_threshold, st.outbursts, st.mean_peak, st.max_active);
        if (st.nwaits > 0) printf(", mean wait %.1f steps", st.mean_wait);
        printf(", calm %.1f%% of steps\n", 100.0 * st.calm_share);
        printf(
            "  mean active %.1f, mean jailed %.1f; at the end %ld quiet, %ld active, %ld jailed\n",
            st.mean_active, st.mean_jailed, st.final_quiet, st.final_active, st.final_jailed);
        if (p.model == 2) {
            if (st.extinction_step >= 0)
                printf("  %s extinct at step %ld", st.extinct_group ? "Green" : "Blue",
                       st.extinction_step);
            else
                printf("  no extinction");
            printf("; kills %ld, births %ld, deaths by age %ld; at the end Blue %ld, Green %ld\n",
                   st.total_kills, st.total_births, st.total_deaths, st.final_blue, st.final_green);
        }
        printf("  %.3f s, %.3g agent-steps per second\n", secs,
               secs > 0 ? agent_steps / secs : 0.0);
        printf("  output: %s\n", out);
    }
    hs_cv_series_free(&s);
    return CLI_OK;
}
