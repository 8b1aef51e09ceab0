/*
** design.h - uncertain parameters, the designs that sample them, and what is
** read from the runs afterwards: Sobol and Morris sensitivity indices and PRIM
** boxes (issue 12; ../shared/reference/compare.md; docs/compare.md).
**
** A design is a list of points in the unit cube [0,1]^k, one row of k numbers
** per point; hs_param_value turns a coordinate into a parameter's value through
** the inverse of its distribution. Random choices (Latin hypercube strata,
** Morris trajectories, bootstrap resamples) come from counter-based streams
** keyed by the seed, so a design and its intervals are a pure function of
** (seed, k, n): the same on any number of threads or machines.
**
**   Latin hypercube (HS_DESIGN_LHS): n points; each parameter's range cut into
**     n strata of equal probability, one point in each (McKay, Beckman and
**     Conover 1979).
**   Sobol (HS_DESIGN_SOBOL): Saltelli's scheme for Sobol indices. Matrices A and
**     B of n points each, the two halves of a 2k-dimensional Sobol sequence
**     (GSL's gsl_qrng_sobol, so k <= 20); then for each parameter i the matrix
**     AB_i, A with column i taken from B. Rows: A (0..n-1), B (n..2n-1), AB_0,
**     ..., AB_{k-1}: n (k + 2) points in all (Saltelli et al. 2010).
**   Morris (HS_DESIGN_MORRIS): n trajectories of k + 1 points on a grid of p
**     levels (p even); each step moves one parameter by delta = p / (2 (p - 1)),
**     every parameter once per trajectory in a random order (Morris 1991;
**     Campolongo, Cariboni and Saltelli 2007): n (k + 1) points.
*/
#ifndef HUMSEC_DESIGN_H
#define HUMSEC_DESIGN_H

#include <stdint.h>
#include <humsec/error.h>

#pragma GCC visibility push(default)

#define HS_DESIGN_MAX_PARAMS 20

typedef enum hs_dist {
    HS_DIST_UNIFORM = 0,     /* on [low, high] */
    HS_DIST_LOG_UNIFORM = 1, /* log uniform on [low, high], 0 < low */
    HS_DIST_TRIANGULAR = 2,  /* on [low, high] with its peak at mode */
    HS_DIST_COUNT = 3
} hs_dist;
const char *hs_dist_name(int dist);
int hs_dist_parse(const char *s); /* -1 when not a distribution's name */

typedef struct hs_param {
    char name[64]; /* e.g. "war.offence_defence" (world.h hs_world_params_set) */
    int dist;      /* hs_dist */
    double low, high, mode;
} hs_param;

/* The value at coordinate u in [0, 1] (the inverse of the distribution). */
double hs_param_value(const hs_param *p, double u);

typedef enum hs_design {
    HS_DESIGN_NONE = 0,
    HS_DESIGN_LHS = 1,
    HS_DESIGN_SOBOL = 2,
    HS_DESIGN_MORRIS = 3,
    HS_DESIGN_COUNT = 4
} hs_design;
const char *hs_design_name(int design);
int hs_design_parse(const char *s); /* -1 when not a design's name */

/* How many points the design has for k parameters and size n (samples for LHS,
** base points for Sobol, trajectories for Morris), or -1 when it cannot be made
** (k out of range, n < 1 or too many points). */
long hs_design_count(int design, int k, long n);

/* The design's points, row after row, into u (hs_design_count x k numbers).
** levels: Morris's p (even, >= 2; ignored otherwise). */
hs_status hs_design_points(int design, int k, long n, int levels, uint64_t seed, double *u,
                           hs_error *err);

/* Sobol indices of each of k parameters from outputs y in the Sobol design's
** row order (n (k + 2) values): first order S1 by Saltelli's 2010 estimator
** (mean of y_B (y_ABi - y_A) over the variance of A and B's outputs together)
** and total order ST by Jansen's (mean of (y_A - y_ABi)^2 / 2, over the same
** variance); 95% percentile intervals from nboot bootstrap resamples of the n
** rows. Indices are NAN when the outputs do not vary. */
typedef struct hs_sobol_index {
    double s1, s1_lo, s1_hi;
    double st, st_lo, st_hi;
} hs_sobol_index;
hs_status hs_sobol_indices(int k, long n, const double *y, long nboot, uint64_t seed,
                           hs_sobol_index *out, hs_error *err);

/* Morris's elementary effects from the Morris design's points u and outputs y
** (n trajectories): for each parameter the mean effect mu, the mean absolute
** effect mu_star (its 95% bootstrap interval over trajectories) and the
** standard deviation sigma; effects are per unit of the parameter's coordinate
** (a move of delta in u is an effect of (y' - y) / delta). */
typedef struct hs_morris_index {
    double mu, mu_star, mu_star_lo, mu_star_hi, sigma;
} hs_morris_index;
hs_status hs_morris_indices(int k, long n, const double *u, const double *y, long nboot,
                            uint64_t seed, hs_morris_index *out, hs_error *err);

/*
** PRIM, the patient rule induction method (Friedman and Fisher 1999), for
** scenario discovery (Bryant and Lempert 2010): the region of parameter space
** where a case of interest (y = 1: "arm A beats arm B") is dense. From the box
** holding every point it peels, step by step, the alpha share of the points in
** the box at the low or the high end of one parameter - the peel that leaves
** the highest share of cases of interest - until fewer than min_mass of all
** points remain. Of the boxes on that trajectory it returns the first (the
** largest) whose density reaches threshold, or else the densest. No pasting.
**   coverage: the cases of interest inside the box over all cases of interest;
**   density: the cases of interest inside over all points inside;
**   mass: the points inside over all points.
** A parameter is restricted when the box cuts its observed range.
*/
typedef struct hs_prim_box {
    double low[HS_DESIGN_MAX_PARAMS], high[HS_DESIGN_MAX_PARAMS];
    int restricted[HS_DESIGN_MAX_PARAMS];
    long n_in_box, n_of_interest_in_box;
    double coverage, density, mass;
    int steps; /* peels from the whole space to this box */
} hs_prim_box;
hs_status hs_prim(int k, long n, const double *x, const int *y, double alpha, double min_mass,
                  double threshold, hs_prim_box *out, hs_error *err);

#pragma GCC visibility pop

#endif
