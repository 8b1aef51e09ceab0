/*
** cmd_run_world.c - `humsec run` for the human security world: the embedded
** default (no scenario) or a file saying `model: human_security`. One run,
** written to an output folder, and a summary of how each state's people
** fared in each dimension.
*/
#include "cli.h"

#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <humsec/checkpoint.h>
#include <humsec/clock.h>
#include <humsec/world.h>
#include <humsec/outdir.h>
#include <humsec/version.h>

/* The patterns of the real world the run holds, and each one it misses. */
static void print_patterns(const hs_world_sim *sim, const hs_world_scenario *sc)
{
    int max = HS_WORLD_PATTERNS_PER_STATE * sc->nstates;
    hs_world_pattern *pat = calloc((size_t)max, sizeof *pat);
    if (!pat) return;
    int n = hs_world_sim_patterns(sim, pat, max), applies = 0, holds = 0;
    for (int k = 0; k < n; k++) {
        applies += pat[k].applies;
        holds += pat[k].applies && pat[k].holds;
    }
    printf("  Patterns of the real world (patterns.md): %d of %d checks hold%s\n", holds, applies,
           holds < applies ? "; missed:" : "");
    for (int k = 0; k < n; k++)
        if (pat[k].applies && !pat[k].holds)
            printf("    %-4s %-7s %s: %.3g (band %s)\n", pat[k].id, sc->states[pat[k].state].name,
                   pat[k].what, pat[k].value, pat[k].band);
    free(pat);
}

static void print_summary(const hs_world_sim *sim, const hs_world_scenario *sc, const char *out,
                          double wall, uint64_t seed)
{
    long days = hs_world_sim_days(sim);
    printf("humsec %s - human security world: %s, %ld days, seed %llu, %ld people\n", hs_version(),
           sc->name, days, (unsigned long long)seed, hs_world_sim_initial_people(sim));
    printf("  Each state's own people (wherever they are) on day 0 -> the last day:\n");
    printf("  %-10s %-13s", "state", "");
    for (int d = 0; d < HS_DIM_COUNT; d++)
        printf(" %6.6s", hs_dim_name(d));
    printf(" hdi-like\n");
    for (int s = 0; s < sc->nstates; s++) {
        const hs_world_record *a = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, 0);
        const hs_world_record *b = hs_world_sim_record(sim, HS_SCOPE_NATIONALS, s, days - 1);
        const hs_world_record *t = hs_world_sim_record(sim, HS_SCOPE_TERRITORY, s, days - 1);
        printf("  %-10s %-13s", sc->states[s].name, "mean, start");
        for (int d = 0; d < HS_DIM_COUNT; d++)
            printf(" %6.2f", a->mean[d]);
        printf(" %6.2f\n", a->hdi_like);
        printf("  %-10s %-13s", "", "mean, end");
        for (int d = 0; d < HS_DIM_COUNT; d++)
            printf(" %6.2f", b->mean[d]);
        printf(" %6.2f\n", b->hdi_like);
        printf("  %-10s %-13s", "", "% critical");
        for (int d = 0; d < HS_DIM_COUNT; d++)
            printf(" %5.0f%%", 100.0 * b->below[d]);
        printf("\n");
        hs_world_totals tot;
        hs_world_sim_totals(sim, s, &tot);
        long displaced = b->people[HS_PS_DISPLACED], abroad = b->people[HS_PS_REFUGEE],
             camps = b->people[HS_PS_CAMP];
        printf("  %-10s displaced %ld, refugees %ld, in camps %ld, returned %ld, armed %ld "
               "(children at most %ld), jailed %ld\n",
               "", displaced, abroad, camps, b->people[HS_PS_RETURNED], b->people[HS_PS_ARMED],
               tot.armed_children_most, b->people[HS_PS_JAILED]);
        printf("  %-10s deaths %ld (", "", tot.deaths_all);
        for (int c = 0; c < HS_DEATH_COUNT; c++)
            printf("%s%s %ld", c ? ", " : "", hs_cause_name(c), tot.deaths[c]);
        printf("); births %ld\n", tot.births);
        printf("  %-10s infant mortality %.0f per 1,000 births, maternal %.0f per 100,000 births\n",
               "", tot.infant_mortality, tot.maternal_mortality);
        printf("  %-10s state: insecurity %.2f, military share %.2f, repression %.2f, "
               "legitimacy %.2f, cohesion %.2f; hosts %ld people from abroad\n",
               "", t->threat, t->military_share, t->repression, t->legitimacy, t->cohesion,
               t->hosted);
    }
    for (int d = 0; d < sc->ndonors; d++) {
        const hs_world_donor *dn = &sc->donors[d];
        hs_world_donor_money m;
        hs_world_sim_donor_money(sim, d, &m);
        printf("  Donor %s (doctrine %s, budget %g): spent %.1f of %.1f days of the region's own "
               "development spending%s\n",
               dn->name, hs_doctrine_name(dn->doctrine), dn->budget, m.spent, m.accrued,
               dn->doctrine == HS_DOCTRINE_NONE && !dn->custom
                   ? " (--doctrine fear, want or mixed gives it a policy)"
                   : "");
    }
    print_patterns(sim, sc);
    double ad = hs_world_sim_agent_days(sim);
    printf("  %.3g agent-days in %.2f s (%.3g per second), %zu bytes per person. Output: %s/\n", ad,
           wall, wall > 0 ? ad / wall : 0.0, hs_world_sim_person_bytes(sim), out);
}

int cli_run_human_security(const char *scenario, const cli_run_opts *opts)
{
    hs_error err;
    hs_world_scenario *sc = NULL;
    hs_status st = scenario ? hs_world_scenario_load(&sc, scenario, &err)
                            : hs_world_scenario_default(&sc, &err);
    if (st != HS_OK) return cli_report(&err);
    if (opts->doctrine >= 0) hs_world_scenario_set_doctrine(sc, opts->doctrine);
    char out[4096];
    if (opts->out)
        snprintf(out, sizeof out, "%s", opts->out);
    else if (scenario)
        cli_default_out(scenario, out, sizeof out);
    else
        snprintf(out, sizeof out, "out/default");
    /* Over ranks, every rank runs the day together and rank 0 alone holds the
    ** output folder (the sums, and so the outputs, are whole on every rank). */
    int root = hs_ranks_rank(opts->ranks) == 0;
    hs_outdir od;
    if (hs_ranks_agree(opts->ranks, root ? hs_outdir_open(&od, out, &err) : HS_OK, &err) != HS_OK) {
        hs_world_scenario_free(sc);
        return cli_report(&err);
    }
    /* Checkpoints: DIR.checkpoint, of this scenario as read, seed, length and version. */
    char ckpath[4200];
    snprintf(ckpath, sizeof ckpath, "%s.checkpoint", out);
    hs_checkpointing ck = {ckpath, opts->checkpoint_every, opts->resume,
                           hs_world_fingerprint(sc, opts->seed, opts->days)};
    int checkpointing = opts->checkpoint_every > 0 || opts->resume;
    hs_world_sim *sim = NULL;
    double t0 = hs_clock_seconds();
    /* Set-up's loops run on OpenMP's default threads: --threads sets it too. */
    if (opts->threads > 0) omp_set_num_threads((int)opts->threads);
    st = hs_world_sim_create_ranks(&sim, sc, opts->seed, opts->ranks, &err);
    if (st == HS_OK) {
        hs_world_sim_set_threads(sim, (int)opts->threads);
        st = hs_world_run_checkpointed(sim, opts->days, checkpointing ? &ck : NULL,
                                       root ? cli_progress : NULL, "day", &err);
    }
    cli_rank_failed(opts->ranks, st, &err);
    if (hs_ranks_agree(opts->ranks, st, &err) != HS_OK) goto fail;
    double wall = hs_clock_seconds() - t0;
    if (root) {
        if (hs_world_sim_write(sim, &od, wall, &err) != HS_OK) goto fail;
        if (hs_outdir_commit(&od, &err) != HS_OK) {
            hs_world_sim_free(sim);
            hs_world_scenario_free(sc);
            return cli_report(&err);
        }
        /* The output is in place: the checkpoint has done its work. */
        if (checkpointing) unlink(ckpath);
        if (!opts->quiet) print_summary(sim, sc, out, wall, opts->seed);
        if (!opts->quiet && hs_ranks_size(opts->ranks) > 1)
            printf("  its people spread over %d MPI ranks\n", hs_ranks_size(opts->ranks));
    }
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
    return CLI_OK;
fail:;
    int rc = cli_report(&err);
    if (root) {
        char reason[2048];
        hs_error_format(&err, reason, sizeof reason);
        hs_outdir_abandon(&od, reason);
    }
    hs_world_sim_free(sim);
    hs_world_scenario_free(sc);
    return rc;
}
