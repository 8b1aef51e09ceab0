/*
** cmd_run.c - humsec run [SCENARIO] [options]: run the embedded default, a
** Flee case folder, or a scenario file.
*/
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <humsec/checkpoint.h>
#include <humsec/clock.h>
#include <humsec/flight.h>
#include <humsec/scenario.h>
#include <humsec/outdir.h>
#include <humsec/people.h>
#include <humsec/version.h>
#include <humsec/world.h>

/* The embedded scenario `humsec run` runs with no SCENARIO. */
#define DEFAULT_MODEL "human_security"

static const char run_help[] =
    "usage: humsec run [SCENARIO] [-o DIR] [--seed N] [--days N] [--threads N]\n"
    "                  [--settings FILE.yml] [--source-data DIR] [--model NAME]\n"
    "                  [--doctrine none|fear|want|mixed] [--quiet] [--report]\n"
    "                  [--checkpoint-every N] [--resume DIR]\n"
    "                  [--agents N] [--scale N] [--data DIR]\n"
    "\n"
    "Run a scenario and write its output folder.\n"
    "\n"
    "SCENARIO  omitted: an embedded default scenario (see --model);\n"
    "          a folder: a Flee case (input_csv/, optional source_data/, simsetting YAML);\n"
    "          a .yml file: a scenario whose 'model:' names the model\n"
    "          (human_security or civil_violence).\n"
    "\n"
    "Options:\n"
    "  -o, --out DIR        output folder (default: out/<scenario name>)\n"
    "  --seed N             random seed (default 1); the same seed gives the same output\n"
    "  --days N             simulate N days instead of the scenario's length\n"
    "  --threads N          threads (default: all cores); results do not depend on it\n"
    "  --settings FILE.yml  Flee simsetting file (default: the case's only simsetting*.yml)\n"
    "  --source-data DIR    folder of the UNHCR series (default: CASE/source_data)\n"
    "  --model NAME         which embedded default runs without SCENARIO: flight (a small\n"
    "                       invented region: a state in conflict, camps in two neighbours,\n"
    "                       a closed border) or human_security (four states, every\n"
    "                       mechanism; default: " DEFAULT_MODEL ");\n"
    "                       with a Flee case folder, human_security builds the human\n"
    "                       security world of the case and its countries' indicators and\n"
    "                       runs it, with its ARD beside the flight process's\n"
    "                       (docs/odd/region.md; `humsec region` writes it as files)\n"
    "  --agents N, --scale N, --data DIR\n"
    "                       a Flee case as a human security world: at most N agents at\n"
    "                       the start (default 100000), or one agent for N people\n"
    "                       (--scale 1: the case's full population), and the folder of\n"
    "                       the indicator tables (as for humsec region)\n"
    "  --doctrine D         human_security: every donor follows D (none, fear, want or\n"
    "                       mixed) with the same budget (default: each donor's own)\n"
    "  --quiet              no summary on standard output\n"
    "  --report             also write DIR/report.html, a page of charts that opens\n"
    "                       offline (humsec report; docs/report.md)\n"
    "  --checkpoint-every N write the run's whole state (human_security, flight or\n"
    "                       civil_violence) to DIR.checkpoint after every N days or\n"
    "                       steps (atomically; removed once DIR is in place)\n"
    "  --resume DIR         go on from DIR.checkpoint (the same SCENARIO and options as\n"
    "                       the run that wrote it; output into DIR): the output is byte\n"
    "                       for byte the one a run never stopped would have written,\n"
    "                       on any threads (but summary.json's wall_seconds, speed and\n"
    "                       threads, which say how this process ran)\n"
    "\n"
    "Over MPI ranks (a build with cmake -DHUMSEC_MPI=ON, started by mpirun -np N): a\n"
    "flight run (a Flee case, or --model flight) and a human security world (a\n"
    "scenario, the embedded default, or a Flee case's) spread their people over the\n"
    "ranks and write the same bytes as on one process (but summary.json's\n"
    "wall_seconds, speed, threads and ranks); civil violence, checkpoints and --resume\n"
    "run on one process (docs/scaling.md).\n"
    "\n"
    "Output folder (it appears only when complete):\n"
    "  human_security: daily_states.csv (one row per day, state and scope),\n"
    "    daily_locations.csv (one row per day and location), parameters.yml (resolved\n"
    "    parameters), summary.json (seed, days, people, deaths, the patterns of the\n"
    "    real world checked, wars, donors' money, wall_seconds, ...), aid.csv (every\n"
    "    unit of donors' money: donor, channel, place, days) when there are donors;\n"
    "  human_security of a Flee case (CASE --model human_security): also ard_daily.csv\n"
    "    (the world's camp people against UNHCR's), hdi_vs_hdr.csv and hdi_change.csv\n"
    "    (the HDI-like index beside UNDP's HDI and life expectancy over the case's\n"
    "    years), patterns_vs_real.csv (patterns P3-P6 beside the conflict's own\n"
    "    figures, NA where the data have none), region.txt (the scale and the notes on\n"
    "    the data used);\n"
    "  flight (Flee cases): daily.csv (one row per day), locations.csv (one row per day\n"
    "    and location), settings.yml (resolved settings), summary.json (seed, days,\n"
    "    people, agent_days, wall_seconds, ard_mean, ...);\n"
    "  civil_violence: series.csv, outbursts.csv, params.json, summary.json.\n";

int cli_load_flee_case(const char *cmd, const char *dir, const char *settings, const char *source,
                       hs_flight_case *c, hs_flight_settings *s)
{
    hs_error err;
    if (hs_flight_case_open(c, s, dir, settings, source, strcmp(cmd, "validate") == 0, &err) !=
        HS_OK)
        return cli_report(&err);
    for (int k = 0; k < c->nwarnings && hs_ranks_env_rank() == 0; k++)
        fprintf(stderr, "humsec %s: warning: %s\n", cmd, c->warnings[k]);
    return CLI_OK;
}

static void print_flight_summary(const hs_flight_sim *sim, const hs_flight_case *c, const char *out,
                                 double wall, uint64_t seed)
{
    long days = hs_flight_sim_days(sim);
    const hs_flight_day *last = hs_flight_sim_day(sim, days - 1);
    const int32_t *counts = hs_flight_sim_counts(sim, days - 1);
    const hs_geo *w = c->geo;
    printf("humsec %s - flight: %s, %ld days, seed %llu\n", hs_version(), c->name, days,
           (unsigned long long)seed);
    printf("  %ld people displaced; at the end %ld are travelling.\n", last->people,
           last->travelling);
    printf("  Where they are on the last day, by country:\n");
    for (int st = 0; st < w->nstates; st++) {
        long at = 0, in_camps = 0;
        for (int i = 0; i < w->nloc; i++) {
            if (w->loc_state[i] != st) continue;
            at += counts[i];
            if (w->loc_type[i] == HS_LOC_CAMP || w->loc_type[i] == HS_LOC_IDPCAMP)
                in_camps += counts[i];
        }
        printf("    %-16s %9ld people (%ld in camps)%s\n", w->state_name[st], at, in_camps,
               st == c->home_state ? "  <- home country" : "");
    }
    printf("  Largest camps:\n");
    int shown[5] = {-1, -1, -1, -1, -1};
    for (int k = 0; k < 5; k++) {
        int best = -1;
        for (int i = 0; i < w->nloc; i++) {
            if (w->loc_type[i] != HS_LOC_CAMP && w->loc_type[i] != HS_LOC_IDPCAMP) continue;
            int used = 0;
            for (int j = 0; j < k; j++)
                used |= shown[j] == i;
            if (!used && (best < 0 || counts[i] > counts[best])) best = i;
        }
        if (best < 0) break;
        shown[k] = best;
        printf("    %-20s %-14s %9d\n", w->loc_name[best], w->state_name[w->loc_state[best]],
               counts[best]);
    }
    double ard, ardr;
    hs_flight_sim_ard(sim, &ard, &ardr);
    if (ard == ard) printf("  Against UNHCR data: ARD %.3f, rescaled %.3f\n", ard, ardr);
    double ad = hs_flight_sim_agent_days(sim);
    printf("  %.3g agent-days in %.3f s (%.3g per second). Output: %s/\n", ad, wall,
           wall > 0 ? ad / wall : 0.0, out);
}

static int run_flight(hs_flight_case *c, hs_flight_settings *s, const cli_run_opts *o)
{
    hs_error err;
    hs_flight_sim *sim = NULL;
    hs_outdir od;
    char outbuf[4096];
    const char *out = o->out;
    if (!out) {
        snprintf(outbuf, sizeof outbuf, "out/%s", c->name);
        out = outbuf;
    }
    /* Over ranks, every rank runs the day together and rank 0 alone holds the
    ** output folder (the counts, and so the outputs, are whole on every rank). */
    int root = hs_ranks_rank(o->ranks) == 0, rc = CLI_OK;
    /* Checkpoints: DIR.checkpoint, of this case as read, settings, seed, length and version. */
    char ckpath[4200];
    snprintf(ckpath, sizeof ckpath, "%s.checkpoint", out);
    hs_checkpointing ck = {ckpath, o->checkpoint_every, o->resume,
                           hs_flight_fingerprint(c, s, o->seed, o->days)};
    int checkpointing = o->checkpoint_every > 0 || o->resume;
    if (hs_ranks_agree(o->ranks, root ? hs_outdir_open(&od, out, &err) : HS_OK, &err) != HS_OK)
        return cli_report(&err);
    double t0 = hs_clock_seconds();
    hs_status st = hs_flight_sim_create_ranks(&sim, c, s, o->seed, o->ranks, &err);
    if (st == HS_OK) {
        hs_flight_sim_set_threads(sim, (int)o->threads);
        st = hs_flight_run_checkpointed(sim, o->days, checkpointing ? &ck : NULL,
                                        root ? cli_progress : NULL, "day", &err);
    }
    cli_rank_failed(o->ranks, st, &err);
    if ((st = hs_ranks_agree(o->ranks, st, &err)) != HS_OK) goto fail;
    double wall = hs_clock_seconds() - t0;
    if (root) {
        if (hs_flight_sim_write(sim, &od, wall, &err) != HS_OK) goto fail;
        if (hs_outdir_commit(&od, &err) != HS_OK) {
            rc = cli_report(&err);
            hs_flight_sim_free(sim);
            return rc;
        }
        if (checkpointing)
            unlink(ckpath); /* the output is in place: the checkpoint's work is done */
        if (!o->quiet) print_flight_summary(sim, c, out, wall, o->seed);
        if (!o->quiet && hs_ranks_size(o->ranks) > 1)
            printf("  its people spread over %d MPI ranks\n", hs_ranks_size(o->ranks));
    }
    hs_flight_sim_free(sim);
    return CLI_OK;
fail:
    rc = cli_report(&err);
    if (root) {
        char reason[2048];
        hs_error_format(&err, reason, sizeof reason);
        hs_outdir_abandon(&od, reason);
    }
    hs_flight_sim_free(sim);
    return rc;
}

/* The folder a run writes to: -o, else the default of its kind. */
static void run_out(const cli_run_opts *o, const char *scenario, const char *fallback, char *buf,
                    size_t n)
{
    if (o->out)
        snprintf(buf, n, "%s", o->out);
    else if (scenario && !fallback)
        cli_default_out(scenario, buf, n);
    else
        snprintf(buf, n, "%s", fallback ? fallback : "out/default");
}

int cli_run(hs_ranks *r, int argc, char **argv)
{
    cli_run_opts o = {.out = NULL, .seed = 1, .days = -1, .threads = 0, .doctrine = -1, .ranks = r};
    const char *scenario = NULL, *settings = NULL, *source = NULL, *model = DEFAULT_MODEL;
    int report = 0, model_given = 0;
    hs_model model_of_case;
    char out[4096];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int m;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(run_help, stdout);
            return CLI_OK;
        } else if (strcmp(a, "--quiet") == 0) {
            o.quiet = 1;
        } else if (strcmp(a, "--report") == 0) {
            report = 1;
        } else if ((m = cli_opt(argc, argv, &i, "-o", &v)) != 0 ||
                   (m = cli_opt(argc, argv, &i, "--out", &v)) != 0) {
            if (m < 0) return cli_usage_error("run", "%s needs a folder", a);
            o.out = v;
        } else if ((m = cli_opt(argc, argv, &i, "--seed", &v)) != 0) {
            if (m < 0 || cli_parse_u64("run", "--seed", v, &o.seed)) return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--days", &v)) != 0) {
            if (m < 0 || cli_parse_int("run", "--days", v, 1, 1000000, &o.days)) return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--threads", &v)) != 0) {
            if (m < 0 || cli_parse_int("run", "--threads", v, 1, 1024, &o.threads))
                return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--settings", &v)) != 0) {
            if (m < 0) return cli_usage_error("run", "--settings needs a file");
            settings = v;
        } else if ((m = cli_opt(argc, argv, &i, "--model", &v)) != 0) {
            if (m < 0 || (strcmp(v, "flight") != 0 && strcmp(v, "human_security") != 0))
                return cli_usage_error("run", "--model needs flight or human_security");
            model = v;
            model_given = 1;
        } else if ((m = cli_opt(argc, argv, &i, "--doctrine", &v)) != 0) {
            if (m < 0 || (o.doctrine = hs_doctrine_parse(v)) < 0)
                return cli_usage_error("run", "--doctrine needs none, fear, want or mixed");
        } else if ((m = cli_opt(argc, argv, &i, "--checkpoint-every", &v)) != 0) {
            if (m < 0 ||
                cli_parse_int("run", "--checkpoint-every", v, 1, 1000000000, &o.checkpoint_every))
                return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--resume", &v)) != 0) {
            if (m < 0) return cli_usage_error("run", "--resume needs the run's output folder");
            o.out = v;
            o.resume = 1;
        } else if ((m = cli_opt(argc, argv, &i, "--source-data", &v)) != 0) {
            if (m < 0) return cli_usage_error("run", "--source-data needs a folder");
            source = v;
        } else if ((m = cli_opt(argc, argv, &i, "--agents", &v)) != 0) {
            if (m < 0 || cli_parse_int("run", "--agents", v, 1, 100000000, &o.agents))
                return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--scale", &v)) != 0) {
            if (m < 0 || cli_parse_int("run", "--scale", v, 1, 100000000, &o.scale))
                return CLI_USAGE;
        } else if ((m = cli_opt(argc, argv, &i, "--data", &v)) != 0) {
            if (m < 0) return cli_usage_error("run", "--data needs a folder");
            o.data = v;
        } else if (a[0] == '-') {
            return cli_usage_error("run", "unknown option '%s'", a);
        } else if (!scenario) {
            scenario = a;
        } else {
            return cli_usage_error("run", "more than one scenario ('%s', '%s')", scenario, a);
        }
    }

    hs_flight_case c;
    hs_flight_settings s;
    hs_error err;
    int region = scenario && model_given && strcmp(model, "human_security") == 0;
    /* Over ranks: the flight process and the human security world, not civil
    ** violence (its lattice is one process's). */
    if (hs_ranks_size(r) > 1) {
        int spread = !scenario || hs_scenario_model(scenario, &model_of_case, &err) != HS_OK ||
                     model_of_case != HS_MODEL_CIVIL_VIOLENCE;
        if (!spread)
            return cli_usage_error("run", "over several MPI ranks, 'run' runs the flight process "
                                          "and the human security world; civil violence runs "
                                          "on one process");
        if (o.checkpoint_every > 0 || o.resume)
            return cli_usage_error("run", "--checkpoint-every and --resume run on one process: "
                                          "a run over several MPI ranks cannot write or resume "
                                          "a checkpoint");
    }
    if ((o.agents || o.scale || o.data) &&
        (!region || hs_scenario_model(scenario, &model_of_case, &err) != HS_OK ||
         model_of_case != HS_MODEL_FLIGHT))
        return cli_usage_error("run", "--agents, --scale and --data apply to a Flee case run "
                                      "with --model human_security");
    if (!scenario && strcmp(model, "human_security") == 0) {
        int rc = cli_run_human_security(NULL, &o);
        run_out(&o, NULL, NULL, out, sizeof out);
        return rc == CLI_OK && report && hs_ranks_rank(r) == 0 ? cli_write_report(out, o.quiet)
                                                               : rc;
    }
    if (!scenario) {
        if (o.doctrine >= 0)
            return cli_usage_error("run", "--doctrine applies to human_security scenarios");
        if (hs_flight_case_default(&c, &s, &err) != HS_OK) return cli_report(&err);
        if (!o.out) o.out = "out/default";
        int rc = run_flight(&c, &s, &o);
        hs_flight_case_free(&c);
        return rc == CLI_OK && report && hs_ranks_rank(r) == 0 ? cli_write_report(o.out, o.quiet)
                                                               : rc;
    }
    hs_model model_of;
    if (hs_scenario_model(scenario, &model_of, &err) != HS_OK) return cli_report(&err);
    if (o.doctrine >= 0 && model_of != HS_MODEL_WORLD)
        return cli_usage_error("run", "--doctrine applies to human_security scenarios");
    int rc;
    switch (model_of) {
    case HS_MODEL_CIVIL_VIOLENCE:
        rc = cli_run_civil_violence(scenario, &o);
        run_out(&o, scenario, NULL, out, sizeof out);
        return rc == CLI_OK && report ? cli_write_report(out, o.quiet) : rc;
    case HS_MODEL_WORLD:
        rc = cli_run_human_security(scenario, &o);
        run_out(&o, scenario, NULL, out, sizeof out);
        return rc == CLI_OK && report && hs_ranks_rank(r) == 0 ? cli_write_report(out, o.quiet)
                                                               : rc;
    case HS_MODEL_FLIGHT:
        break;
    }
    if (model_given && strcmp(model, "human_security") == 0) {
        /* A Flee case as a human security world (cmd_run_region.c). */
        rc = cli_run_region(scenario, settings, source, &o);
        cli_default_out(scenario, out, sizeof out - 8);
        strcat(out, "-world");
        return rc == CLI_OK && report && hs_ranks_rank(r) == 0
                   ? cli_write_report(o.out ? o.out : out, o.quiet)
                   : rc;
    }
    rc = cli_load_flee_case("run", scenario, settings, source, &c, &s);
    if (rc != CLI_OK) return rc;
    char name[1024];
    snprintf(name, sizeof name, "out/%s", c.name);
    run_out(&o, scenario, name, out, sizeof out);
    rc = run_flight(&c, &s, &o);
    hs_flight_case_free(&c);
    return rc == CLI_OK && report && hs_ranks_rank(r) == 0 ? cli_write_report(out, o.quiet) : rc;
}
