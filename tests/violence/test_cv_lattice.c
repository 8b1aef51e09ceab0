/*
** test_cv_lattice.c - the lattice: byte-identical results with 1, 2 and 3
** threads and OpenMP's default (each lattice's own count, set per object),
** conservation of agents, deceptive behaviour (targeted), scheduled cop
** changes, and the commands' output folders.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/violence.h>

static hs_cv_series run_threads(const hs_cv_params *p, uint64_t seed, int threads)
{
    hs_cv_series s;
    hs_error e;
    if (hs_cv_run(p, seed, threads, &s, &e) != HS_OK) fail_msg("run: %s", e.message);
    return s;
}

/* One step, which must succeed. */
static void step(hs_cv_lattice *lat)
{
    hs_error e;
    if (hs_cv_lattice_step(lat, &e) != HS_OK) fail_msg("step: %s", e.message);
}

/* The run on 1 thread, the same on 2 and 3 threads (3: an odd number of
** blocks) and on OpenMP's default (0). */
static void assert_same_runs(const hs_cv_params *p, uint64_t seed)
{
    hs_cv_series a = run_threads(p, seed, 1);
    for (int threads = 0; threads <= 3; threads++) {
        if (threads == 1) continue;
        hs_cv_series b = run_threads(p, seed, threads);
        assert_int_equal(a.n, b.n);
        assert_memory_equal(a.rows, b.rows, (size_t)a.n * sizeof *a.rows);
        assert_true(a.digest == b.digest);
        hs_cv_series_free(&b);
    }
    /* And the run did something. */
    long arrests = 0;
    for (long i = 0; i < a.n; i++)
        arrests += a.rows[i].arrests;
    assert_true(arrests > 0);
    hs_cv_series_free(&a);
}

/* Lattices large enough (>= 16384 cells) that the phases run in parallel. */
static void one_and_two_threads_are_byte_identical(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.width = p.height = 160;
    p.steps = 25;
    p.legitimacy = 0.7;
    p.nchanges = 2;
    p.changes[0] = (hs_cv_change){HS_CV_P_COP_DENSITY, 10, 10, 0.02};
    p.changes[1] = (hs_cv_change){HS_CV_P_LEGITIMACY, 12, 20, 0.6};
    assert_same_runs(&p, 3);
    p.jail = HS_CV_JAIL_STAY;
    p.vision_shape = HS_CV_DIAMOND;
    p.rounding = HS_CV_ROUND;
    assert_same_runs(&p, 4);
    p.decide_rounds = 4;
    assert_same_runs(&p, 6);
    p.self_counted_twice = 1;
    assert_same_runs(&p, 7);
    /* A vision wider than half a block of rows: claims near the blocks' edges
    ** are then atomic, and every move waits for the second pass. */
    p.vision = 12;
    assert_same_runs(&p, 8);
    hs_cv_params_default(&p, 2);
    p.width = p.height = 150;
    p.steps = 25;
    p.cop_density = 0.04;
    assert_same_runs(&p, 5);
}

static void agents_are_conserved_in_model_i(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.width = p.height = 50;
    p.steps = 300;
    for (int mode = 0; mode < 2; mode++) {
        p.jail = mode ? HS_CV_JAIL_STAY : HS_CV_JAIL_REMOVE;
        hs_cv_series s = run_threads(&p, 11, 1);
        long citizens = lround(0.7 * 2500), cops = lround(0.04 * 2500);
        long jailed_max = 0;
        for (long i = 0; i < s.n; i++) {
            const hs_cv_counts *r = &s.rows[i];
            assert_int_equal(r->quiet + r->active + r->jailed, citizens);
            assert_int_equal(r->cops, cops);
            if (r->jailed > jailed_max) jailed_max = r->jailed;
            assert_true(r->arrests <= cops);
        }
        assert_true(jailed_max > 0);
        hs_cv_series_free(&s);
    }
}

static hs_cv_lattice *empty_lattice(long side, double vision, hs_cv_vision_shape shape)
{
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.width = p.height = side;
    p.vision = vision;
    p.vision_shape = shape;
    p.legitimacy = 0.5;
    p.citizens_move = 0;
    p.nchanges = 1;
    p.changes[0] = (hs_cv_change){HS_CV_P_COP_DENSITY, 5, 5, 0.0}; /* all cops leave at step 5 */
    hs_cv_lattice *lat;
    hs_error e;
    if (hs_cv_lattice_create_empty(&lat, &p, 9, &e) != HS_OK) fail_msg("%s", e.message);
    return lat;
}

/* The counts a step reports against a look at every cell (Model I keeps them
** from step to step without one): both jail modes, scheduled cop changes and a
** legitimacy ramp, sub-rounds of decisions, citizens placed mid-run, a lattice
** large enough for the threads. */
static void counts_agree_with_the_cells(void **state)
{
    (void)state;
    for (int cfg = 0; cfg < 4; cfg++) {
        hs_cv_params p;
        hs_cv_params_default(&p, 1);
        p.width = p.height = cfg < 2 ? 60 : 160;
        p.jail = cfg & 1 ? HS_CV_JAIL_STAY : HS_CV_JAIL_REMOVE;
        p.legitimacy = 0.7;
        p.nchanges = 3;
        p.changes[0] = (hs_cv_change){HS_CV_P_COP_DENSITY, 20, 20, 0.01};
        p.changes[1] = (hs_cv_change){HS_CV_P_COP_DENSITY, 60, 60, 0.08};
        p.changes[2] = (hs_cv_change){HS_CV_P_LEGITIMACY, 30, 80, 0.5};
        if (cfg == 2) p.decide_rounds = 3;
        hs_cv_lattice *lat;
        hs_error e;
        assert_int_equal(hs_cv_lattice_create(&lat, &p, 7, &e), HS_OK);
        hs_cv_lattice_set_threads(lat, 2);
        long jailed_seen = 0;
        for (int t = 1; t <= 120; t++) {
            if (t == 50)
                for (long x = 0; x < p.width; x++)
                    hs_cv_lattice_place(lat, HS_CV_CITIZEN, x, 3, 0.9, 0.1, 1);
            step(lat);
            long quiet = 0, active = 0, jailed = 0, cops = 0;
            for (long y = 0; y < p.height; y++)
                for (long x = 0; x < p.width; x++) {
                    hs_cv_cell c;
                    hs_cv_lattice_cell(lat, x, y, &c);
                    quiet += c.kind == HS_CV_CITIZEN && !c.active;
                    active += c.kind == HS_CV_CITIZEN && c.active;
                    jailed += c.kind == HS_CV_JAILED;
                    cops += c.kind == HS_CV_COP;
                }
            const hs_cv_counts k = hs_cv_lattice_counts(lat);
            assert_int_equal(k.quiet, quiet);
            assert_int_equal(k.active, active);
            assert_int_equal(k.cops, cops);
            assert_int_equal(k.green, 0); /* Model I has one group */
            if (p.jail == HS_CV_JAIL_STAY) assert_int_equal(k.jailed, jailed);
            assert_int_equal(k.blue, k.quiet + k.active + k.jailed);
            jailed_seen += k.jailed;
        }
        assert_true(jailed_seen > 0);
        hs_cv_lattice_free(lat);
    }
}

/* Deceptive behaviour, targeted: on a 15 x 15 torus a square vision of 7 sees
** every cell, so the one cop is always in sight until the schedule removes it.
** An aggrieved citizen (G = 0.5 > T) stays quiet while it is there (N = R P =
** 0.9), then turns active; a content one (G = 0.05) never does. */
static void aggrieved_citizens_hide_until_the_cops_leave(void **state)
{
    (void)state;
    hs_cv_lattice *lat = empty_lattice(15, 7, HS_CV_SQUARE);
    assert_true(hs_cv_lattice_place(lat, HS_CV_CITIZEN, 3, 3, 1.0, 1.0, 0) >= 0);
    assert_true(hs_cv_lattice_place(lat, HS_CV_CITIZEN, 9, 9, 0.1, 0.0, 0) >= 0);
    assert_true(hs_cv_lattice_place(lat, HS_CV_COP, 12, 3, 0, 0, 0) >= 0);
    assert_int_equal(hs_cv_lattice_place(lat, HS_CV_COP, 12, 3, 0, 0, 0), -1); /* taken */
    for (int t = 1; t <= 10; t++) {
        step(lat);
        hs_cv_counts c = hs_cv_lattice_counts(lat);
        hs_cv_cell a, b;
        hs_cv_lattice_cell(lat, 3, 3, &a);
        hs_cv_lattice_cell(lat, 9, 9, &b);
        assert_int_equal(a.kind, HS_CV_CITIZEN);
        assert_int_equal(b.kind, HS_CV_CITIZEN);
        assert_int_equal(c.cops, t < 5 ? 1 : 0);
        assert_int_equal(a.active, t < 5 ? 0 : 1);
        assert_int_equal(b.active, 0);
        assert_int_equal(c.arrests, 0);
    }
    hs_cv_lattice_free(lat);
}

static int cop_in_disk(long cx, long cy, long x, long y, long side, double v)
{
    long dx = labs(cx - x), dy = labs(cy - y);
    if (dx > side / 2) dx = side - dx;
    if (dy > side / 2) dy = side - dy;
    return (double)(dx * dx + dy * dy) <= v * v + 1e-9;
}

/* The same with a moving cop: the citizen is active exactly when the cop is
** out of its vision, so it is never caught. */
static void a_citizen_turns_active_when_the_cop_walks_away(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.width = p.height = 31;
    p.legitimacy = 0.5;
    p.citizens_move = 0;
    hs_cv_lattice *lat;
    hs_error e;
    assert_int_equal(hs_cv_lattice_create_empty(&lat, &p, 4, &e), HS_OK);
    hs_cv_lattice_place(lat, HS_CV_CITIZEN, 15, 15, 1.0, 1.0, 0);
    hs_cv_lattice_place(lat, HS_CV_COP, 18, 15, 0, 0, 0);
    int seen = 0, away = 0;
    for (int t = 1; t <= 400; t++) {
        step(lat);
        long cx = -1, cy = -1;
        for (long y = 0; y < 31; y++)
            for (long x = 0; x < 31; x++) {
                hs_cv_cell c;
                hs_cv_lattice_cell(lat, x, y, &c);
                if (c.kind == HS_CV_COP) cx = x, cy = y;
            }
        hs_cv_cell me;
        hs_cv_lattice_cell(lat, 15, 15, &me);
        assert_int_equal(me.kind, HS_CV_CITIZEN);
        int in = cop_in_disk(cx, cy, 15, 15, 31, 7);
        assert_int_equal(me.active, !in);
        seen += in;
        away += !in;
    }
    assert_true(seen >= 20 && away >= 20);
    hs_cv_lattice_free(lat);
}

/* NetLogo's count. An active citizen alone with one cop: counted once, A = 1,
** floor(1/1) = 1, P = 0.9 and it turns quiet (G - R P = 0.5 - 0.9 < T);
** counted twice, A = 2, floor(1/2) = 0, P = 0: it stays active and the cop,
** which sees the whole torus, arrests it. */
static void self_counted_twice_lowers_the_risk_of_actives(void **state)
{
    (void)state;
    for (int twice = 0; twice < 2; twice++) {
        hs_cv_params p;
        hs_cv_params_default(&p, 1);
        p.width = p.height = 15;
        p.vision_shape = HS_CV_SQUARE; /* sees the whole 15 x 15 torus */
        p.legitimacy = 0.5;
        p.citizens_move = 0;
        p.self_counted_twice = twice;
        p.nchanges = 1;
        p.changes[0] = (hs_cv_change){HS_CV_P_COP_DENSITY, 2, 2, 1.0 / 225}; /* a cop at step 2 */
        hs_cv_lattice *lat;
        hs_error e;
        assert_int_equal(hs_cv_lattice_create_empty(&lat, &p, 1, &e), HS_OK);
        hs_cv_lattice_place(lat, HS_CV_CITIZEN, 3, 3, 1.0, 1.0, 0); /* G = 0.5 */
        step(lat);                                                  /* no cops: active */
        hs_cv_cell c;
        hs_cv_lattice_cell(lat, 3, 3, &c);
        assert_int_equal(c.active, 1);
        step(lat); /* the cop appears */
        hs_cv_counts k = hs_cv_lattice_counts(lat);
        assert_int_equal(k.cops, 1);
        if (twice) {
            /* Still active, and so arrested by one of the cops that sees it. */
            assert_int_equal(k.arrests, 1);
        } else {
            hs_cv_lattice_cell(lat, 3, 3, &c);
            assert_int_equal(c.kind, HS_CV_CITIZEN);
            assert_int_equal(c.active, 0);
            assert_int_equal(k.arrests, 0);
        }
        hs_cv_lattice_free(lat);
    }
}

/* Rule M is uniform over the empty cells in vision: a lone cop on a 21 x 21
** torus (disk of 7: 148 cells, all empty) steps to each offset equally often.
** Chi-square over the 148 offsets, 147 degrees of freedom (mean 147, sd 17):
** tolerance 250, six standard deviations. */
static void moves_are_uniform_over_the_cells_in_vision(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.width = p.height = 21;
    hs_cv_lattice *lat;
    hs_error e;
    assert_int_equal(hs_cv_lattice_create_empty(&lat, &p, 13, &e), HS_OK);
    hs_cv_lattice_place(lat, HS_CV_COP, 10, 10, 0, 0, 0);
    static long seen[15][15];
    memset(seen, 0, sizeof seen);
    long px = 10, py = 10;
    const long n = 148 * 60;
    for (long t = 0; t < n; t++) {
        step(lat);
        long cx = -1, cy = -1;
        for (long y = 0; y < 21 && cx < 0; y++)
            for (long x = 0; x < 21; x++) {
                hs_cv_cell c;
                hs_cv_lattice_cell(lat, x, y, &c);
                if (c.kind == HS_CV_COP) {
                    cx = x;
                    cy = y;
                    break;
                }
            }
        long dx = (cx - px + 21 + 10) % 21 - 10, dy = (cy - py + 21 + 10) % 21 - 10;
        assert_true(dx * dx + dy * dy <= 49 && (dx || dy));
        seen[dy + 7][dx + 7]++;
        px = cx;
        py = cy;
    }
    double chi2 = 0, expect = (double)n / 148;
    int cells = 0;
    for (int y = 0; y < 15; y++)
        for (int x = 0; x < 15; x++) {
            long dx = x - 7, dy = y - 7;
            if (dx * dx + dy * dy > 49 || (!dx && !dy)) {
                assert_int_equal(seen[y][x], 0);
                continue;
            }
            cells++;
            chi2 += ((double)seen[y][x] - expect) * ((double)seen[y][x] - expect) / expect;
        }
    assert_int_equal(cells, 148);
    printf("moves: chi-square %.1f over 148 offsets (147 degrees of freedom)\n", chi2);
    assert_true(chi2 < 250);
    hs_cv_lattice_free(lat);
}

static void cops_follow_the_schedule(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.steps = 60;
    p.nchanges = 2;
    p.changes[0] = (hs_cv_change){HS_CV_P_COP_DENSITY, 10, 10, 0.02};
    p.changes[1] = (hs_cv_change){HS_CV_P_COP_DENSITY, 30, 50, 0.06};
    hs_cv_series s = run_threads(&p, 2, 1);
    assert_int_equal(s.rows[9].cops, 64);
    assert_int_equal(s.rows[10].cops, 32);
    assert_int_equal(s.rows[30].cops, 32);
    assert_int_equal(s.rows[40].cops, 64); /* halfway: 0.04 * 1600 */
    assert_int_equal(s.rows[50].cops, 96);
    assert_int_equal(s.rows[60].cops, 96);
    for (long i = 0; i < s.n; i++)
        assert_int_equal(s.rows[i].quiet + s.rows[i].active + s.rows[i].jailed, 1120);
    hs_cv_series_free(&s);
}

/* A schedule of J_max: from step 20 terms are 0, so whoever is arrested in a
** step is back the next (bar the rare one with no empty cell to return to). */
static void jail_terms_follow_the_schedule(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.steps = 120;
    p.legitimacy = 0.7;
    p.nchanges = 1;
    p.changes[0] = (hs_cv_change){HS_CV_P_MAX_JAIL_TERM, 20, 20, 0};
    hs_cv_series s = run_threads(&p, 5, 1);
    long arrests = 0;
    for (long t = 60; t < s.n; t++) {
        assert_true(s.rows[t].jailed >= s.rows[t].arrests);
        assert_true(s.rows[t].jailed - s.rows[t].arrests <= 2);
        arrests += s.rows[t].arrests;
    }
    assert_true(arrests > 0);
    hs_cv_series_free(&s);
}

static void model_ii_books_balance(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 2);
    p.steps = 200;
    p.cop_density = 0.04;
    hs_cv_series s = run_threads(&p, 8, 1);
    for (long i = 1; i < s.n; i++) {
        const hs_cv_counts *a = &s.rows[i - 1], *b = &s.rows[i];
        /* living(t) = living(t-1) + births - deaths by age - kills */
        assert_int_equal(b->blue + b->green, a->blue + a->green + b->births - b->deaths - b->kills);
        assert_int_equal(b->quiet + b->active + b->jailed, b->blue + b->green);
        assert_true(b->quiet + b->active + b->cops <= 1600); /* the jailed are off the lattice */
    }
    hs_cv_series_free(&s);
}

/* An ensemble's seed i is the run hs_cv_run(seed0 + i) and its mean series the
** mean of those runs, whatever the threads. */
static void ensembles_agree_with_single_runs(void **state)
{
    (void)state;
    hs_cv_params p;
    hs_cv_params_default(&p, 1);
    p.steps = 150;
    const long n = 4;
    hs_cv_stats per[4];
    double mean[3 * 151];
    hs_error e;
    hs_cv_outburst *ob[4];
    long nob[4];
    assert_int_equal(hs_cv_ensemble(&p, 10, n, 2, per, mean, ob, nob, NULL, NULL, &e), HS_OK);
    double sum_active_100 = 0;
    for (long i = 0; i < n; i++) {
        hs_cv_series s = run_threads(&p, 10 + (uint64_t)i, 1);
        hs_cv_stats st;
        hs_cv_stats_compute(&p, &s, &st);
        for (int k = 0; k < HS_CV_NSTATS; k++) {
            double a = hs_cv_stats_value(&st, k), b = hs_cv_stats_value(&per[i], k);
            assert_true((isnan(a) && isnan(b)) || a == b);
        }
        sum_active_100 += (double)s.rows[100].active;
        assert_int_equal(nob[i], st.outbursts);
        free(ob[i]);
        hs_cv_series_free(&s);
    }
    assert_true(mean[3 * 100] == sum_active_100 / (double)n);
    hs_cv_spread sp;
    assert_int_equal(hs_cv_spread_of(per, n, 0, &sp, &e), HS_OK);
    assert_int_equal(sp.n, n);
    assert_true(sp.min <= sp.median && sp.median <= sp.max);
}

static void commands_write_complete_output_folders(void **state)
{
    (void)state;
    const char *src = getenv("HUMSEC_SOURCE");
    char scen[4096], out[8192], dir[4096], path[8400];
    snprintf(scen, sizeof scen, "%s/scenarios/civil-violence/epstein-run2.yml", src ? src : ".");
    snprintf(dir, sizeof dir, "%s", test_tmpdir("cv-cli"));

    int rc =
        test_humsec(out, sizeof out, "ensemble '%s' --seeds 4 --steps 120 -o '%s/ens'", scen, dir);
    if (rc != 0) fail_msg("ensemble failed: %s", out);
    assert_non_null(strstr(out, "outbursts"));
    const char *files[] = {"seeds.csv",   "series_mean.csv", "outbursts.csv",
                           "params.json", "summary.json",    ".humsec-output"};
    for (int i = 0; i < 6; i++) {
        snprintf(path, sizeof path, "%s/ens/%s", dir, files[i]);
        if (!test_exists(path)) fail_msg("missing %s", path);
    }
    snprintf(path, sizeof path, "%s/ens/seeds.csv", dir);
    char *csv = test_read(path);
    int lines = 0;
    for (char *c = csv; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 5);
    assert_true(strncmp(csv, "seed,outbursts,", 15) == 0);
    free(csv);
    snprintf(path, sizeof path, "%s/ens/summary.json", dir);
    char *js = test_read(path);
    assert_non_null(strstr(js, "\"version\""));
    assert_non_null(strstr(js, "\"first_seed\""));
    assert_non_null(strstr(js, "\"pooled_waits\""));
    assert_non_null(strstr(js, "\"rounding\": \"floor\""));
    free(js);

    rc = test_humsec(out, sizeof out, "ensemble /nonexistent/cv.yml");
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(out, "/nonexistent/cv.yml"));
    rc = test_humsec(out, sizeof out, "ensemble '%s' --seeds 0", scen);
    assert_int_equal(rc, 2);

    rc = test_humsec(out, sizeof out, "run '%s' --days 80 --seed 3 --threads 2 -o '%s/run2'", scen,
                     dir);
    if (rc != 0 && strstr(out, "not implemented")) {
        printf("note: 'humsec run' does not dispatch scenario files yet; run output not checked\n");
        return;
    }
    if (rc != 0) fail_msg("run failed: %s", out);
    rc = test_humsec(out, sizeof out, "run '%s' --days 80 --seed 3 --threads 1 -o '%s/run1'", scen,
                     dir);
    assert_int_equal(rc, 0);
    const char *rfiles[] = {"series.csv", "outbursts.csv", "params.json", "summary.json"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/run2/%s", dir, rfiles[i]);
        if (!test_exists(path)) fail_msg("missing %s", path);
    }
    snprintf(path, sizeof path, "%s/run1/series.csv", dir);
    char *a = test_read(path);
    snprintf(path, sizeof path, "%s/run2/series.csv", dir);
    char *b = test_read(path);
    assert_non_null(a);
    assert_string_equal(a, b);
    assert_true(strncmp(a, "step,legitimacy,cops,quiet,active,jailed,arrests\n0,", 51) == 0);
    free(a);
    free(b);
    snprintf(path, sizeof path, "%s/run2/params.json", dir);
    char *pj = test_read(path);
    assert_non_null(strstr(pj, "\"seed\": 3"));
    assert_non_null(strstr(pj, "\"steps\": 80"));
    free(pj);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_and_two_threads_are_byte_identical),
        cmocka_unit_test(agents_are_conserved_in_model_i),
        cmocka_unit_test(counts_agree_with_the_cells),
        cmocka_unit_test(aggrieved_citizens_hide_until_the_cops_leave),
        cmocka_unit_test(a_citizen_turns_active_when_the_cop_walks_away),
        cmocka_unit_test(self_counted_twice_lowers_the_risk_of_actives),
        cmocka_unit_test(moves_are_uniform_over_the_cells_in_vision),
        cmocka_unit_test(cops_follow_the_schedule),
        cmocka_unit_test(jail_terms_follow_the_schedule),
        cmocka_unit_test(model_ii_books_balance),
        cmocka_unit_test(ensembles_agree_with_single_runs),
        cmocka_unit_test(commands_write_complete_output_folders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
