/*
** test_calendar.c - the calendar of morning moves (src/flight/calendar.c) is
** the same model as a daily draw for every person: the days on which people
** first move follow the law of daily Bernoulli draws, also when the chance of
** their location changes on the way (a camp closed into a town), and match
** what the morning sweep (move.c, one draw a person a day) gives.
**
** Goodness of fit: N people stand at one location whose only route is long
** enough that whoever leaves is still on it at the end; each person's first
** move day T is read from the run. Under daily Bernoulli draws with chance p_t
** on day t, P(T = t) = p_t prod_{s<t} (1 - p_s). Pearson's chi-square over
** the days 0..DAYS-1 and a last cell for "not moved yet" must stay below the
** 0.999 quantile of chi-square with that many cells less one (gsl), so a
** correct sampler fails this test one time in a thousand seeds; the seeds are
** fixed, so the test is deterministic. The same holds against the sweep's
** counts (a two-sample chi-square, homogeneity of two multinomials).
*/
#include "flight_fixture.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define PEOPLE 200000
#define DAYS 20
#define CLOSE_DAY 6      /* the camp becomes a town on this day */
#define CAMP_CHANCE 0.05 /* camp_movechance before */
#define TOWN_CHANCE 0.3  /* default_movechance after */

/* A camp A and, 20,000 km away, a town B: who leaves A is on the link for
** weeks. With closures, A is closed into a town on CLOSE_DAY. */
static const hs_flight_embedded_file far_case[] = {
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,30\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,camp,,10000000\n"
     "B,r,Home,0,1,town,,1000\n"},
    {"input_csv/routes.csv", "#name1,name2,distance\nA,B,20000\n"},
    {NULL, NULL}};

static const hs_flight_embedded_file far_case_closed[] = {
    {"input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,30\n"},
    {"input_csv/locations.csv",
     "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
     "A,r,Home,0,0,camp,,10000000\n"
     "B,r,Home,0,1,town,,1000\n"},
    {"input_csv/routes.csv", "#name1,name2,distance\nA,B,20000\n"},
    {"input_csv/closures.csv", "#closure_type,name1,name2,closure_start,closure_end\n"
                               "camp,A,,6,-1\n"},
    {NULL, NULL}};

/* First-move days of PEOPLE people placed at A: hist[t] for t < DAYS, and
** hist[DAYS] for those still at A. sweep: by the morning sweep (one draw a
** person a day), else by the calendar. */
static void first_moves(const hs_flight_embedded_file *files, uint64_t seed, int sweep, int threads,
                        long *hist)
{
    hs_flight_settings s;
    fixture_no_spawning(&s);
    s.camp_movechance = CAMP_CHANCE;
    s.default_movechance = TOWN_CHANCE;
    hs_flight_case c;
    fixture_load(&c, &s, files);
    hs_flight_sim *sim = fixture_sim(&c, &s, seed);
    hs_flight_sim_set_threads(sim, threads);
    hs_error err;
    size_t first;
    /* Each sampler on its own (a run chooses by the day's share of movers). */
    sim->cal_policy = sweep ? HS_FLIGHT_SAMPLER_SWEEP : HS_FLIGHT_SAMPLER_CALENDAR;
    assert_int_equal(hs_people_add(&sim->people, PEOPLE, 0, &first, &err), HS_OK);
    sim->count[0] += PEOPLE;
    int32_t *moved = malloc(PEOPLE * sizeof *moved);
    for (long i = 0; i < PEOPLE; i++)
        moved[i] = DAYS;
    for (long d = 0; d < DAYS; d++) {
        fixture_step(sim);
        const hs_people *p = hs_flight_sim_people(sim);
        for (long i = 0; i < PEOPLE; i++)
            if (moved[i] == DAYS && (p->link[first + i] >= 0 || p->loc[first + i] != 0))
                moved[i] = (int32_t)d;
    }
    for (long t = 0; t <= DAYS; t++)
        hist[t] = 0;
    for (long i = 0; i < PEOPLE; i++)
        hist[moved[i]]++;
    free(moved);
    hs_flight_sim_free(sim);
    hs_flight_case_free(&c);
}

/* P(first move on day t) under daily Bernoulli draws, the camp closed into a
** town on close_day (or never: close_day < 0); cell DAYS: not yet moved. */
static void expected(long close_day, double *prob)
{
    double stay = 1.0;
    for (long t = 0; t < DAYS; t++) {
        double p = close_day >= 0 && t >= close_day ? TOWN_CHANCE : CAMP_CHANCE;
        prob[t] = stay * p;
        stay *= 1.0 - p;
    }
    prob[DAYS] = stay;
}

/* Pearson's chi-square of counts against probabilities; returns the statistic
** and checks it against the 0.999 quantile. */
static double fit(const char *what, const long *hist, const double *prob)
{
    double chi2 = 0.0;
    for (long t = 0; t <= DAYS; t++) {
        double e = prob[t] * PEOPLE;
        assert_true(e >= 5.0); /* every cell large enough for the chi-square law */
        chi2 += (hist[t] - e) * (hist[t] - e) / e;
    }
    double crit = gsl_cdf_chisq_Qinv(0.001, DAYS);
    print_message("%s: chi-square %.1f over %d cells (0.999 quantile %.1f)\n", what, chi2, DAYS + 1,
                  crit);
    assert_true(chi2 < crit);
    return chi2;
}

static void first_moves_are_geometric(void **state)
{
    (void)state;
    long hist[DAYS + 1];
    double prob[DAYS + 1];
    expected(-1, prob);
    first_moves(far_case, 11, 0, 1, hist);
    fit("calendar, camp chance 0.05", hist, prob);
}

static void a_changed_chance_is_drawn_again(void **state)
{
    (void)state;
    long hist[DAYS + 1];
    double prob[DAYS + 1];
    expected(CLOSE_DAY, prob);
    first_moves(far_case_closed, 12, 0, 2, hist);
    fit("calendar, camp closed into a town on day 6", hist, prob);
    /* The days before the closure follow the camp's chance, the days after the town's. */
    long tail_before = 0;
    for (long t = CLOSE_DAY; t <= DAYS; t++)
        tail_before += hist[t];
    assert_true(fabs((double)hist[CLOSE_DAY] / (double)tail_before - TOWN_CHANCE) < 0.01);
}

/* The sweep (daily draws, as every run made them before the calendar) obeys
** the same law, and the two samples agree with each other. */
static void calendar_and_sweep_agree(void **state)
{
    (void)state;
    long cal[DAYS + 1], sweep[DAYS + 1];
    double prob[DAYS + 1];
    expected(CLOSE_DAY, prob);
    first_moves(far_case_closed, 13, 0, 1, cal);
    first_moves(far_case_closed, 13, 1, 1, sweep);
    fit("sweep (daily draws), camp closed into a town on day 6", sweep, prob);
    double chi2 = 0.0;
    for (long t = 0; t <= DAYS; t++) {
        double pooled = (double)(cal[t] + sweep[t]) / (2.0 * PEOPLE);
        double e = pooled * PEOPLE;
        chi2 += (cal[t] - e) * (cal[t] - e) / e + (sweep[t] - e) * (sweep[t] - e) / e;
    }
    double crit = gsl_cdf_chisq_Qinv(0.001, DAYS);
    print_message("calendar against sweep: chi-square %.1f (0.999 quantile %.1f)\n", chi2, crit);
    assert_true(chi2 < crit);
}

/* Threads do not change who moves when. */
static void calendar_is_thread_independent(void **state)
{
    (void)state;
    long one[DAYS + 1], two[DAYS + 1];
    first_moves(far_case_closed, 14, 0, 1, one);
    first_moves(far_case_closed, 14, 0, 2, two);
    for (long t = 0; t <= DAYS; t++)
        assert_int_equal(one[t], two[t]);
}

/* The automatic choice: many on links -> the sweep, few -> the calendar
** again; the switches depend on the people only, never on threads. */
static void automatic_choice_switches(void **state)
{
    (void)state;
    long hist[2][DAYS + 1];
    for (int t = 1; t <= 2; t++) {
        hs_flight_settings s;
        fixture_no_spawning(&s);
        s.camp_movechance = CAMP_CHANCE;
        s.default_movechance = TOWN_CHANCE;
        hs_flight_case c;
        fixture_load(&c, &s, far_case_closed);
        hs_flight_sim *sim = fixture_sim(&c, &s, 15);
        hs_flight_sim_set_threads(sim, t);
        hs_error err;
        size_t first;
        assert_int_equal(hs_people_add(&sim->people, PEOPLE, 0, &first, &err), HS_OK);
        sim->count[0] += PEOPLE;
        int switched = 0;
        for (long d = 0; d < DAYS; d++) {
            fixture_step(sim);
            /* Camp chance 0.05: the calendar while those on the (weeks long)
            ** link are fewer than a fifth of the people (days 0-2: at most
            ** 1 - 0.95^3); then the sweep, which stays while they are many. */
            if (d <= 2) assert_int_equal(sim->cal_sweeping, 0);
            switched |= sim->cal_sweeping;
        }
        assert_true(switched && sim->cal_sweeping);
        for (long k = 0; k <= DAYS; k++)
            hist[t - 1][k] = hs_flight_sim_counts(sim, k < DAYS ? k : DAYS - 1)[0];
        hs_flight_sim_free(sim);
        hs_flight_case_free(&c);
    }
    for (long k = 0; k <= DAYS; k++)
        assert_int_equal(hist[0][k], hist[1][k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_moves_are_geometric),
        cmocka_unit_test(a_changed_chance_is_drawn_again),
        cmocka_unit_test(calendar_and_sweep_agree),
        cmocka_unit_test(calendar_is_thread_independent),
        cmocka_unit_test(automatic_choice_switches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
