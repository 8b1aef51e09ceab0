/*
** measure.h - measuring human security from real indicator data.
**
** Three pieces, each usable without the others:
**   hs_frame    indicator data read from a file: units (a country, or a country in
**               a year) by variables, in UNDP's wide panel layout, a plain wide
**               table (INFORM, FSI) or a tidy long table (iso3,year,indicator,value);
**   hs_index    an index definition read from YAML: a tree of indicators and
**               aggregates (the shipped HDI, IHDI, GDI, INFORM, FSI and profile
**               definitions are built in; see docs/assess.md for the format);
**   hs_result   an index evaluated on a frame: every node's value for every unit,
**               the rank and the class of the top node.
** The methods the tree is made of (normalisation, aggregation, imputation, outlier
** treatment, PCA weights) are also exposed one by one, so that they can be checked
** by hand. On a result: Owen's thresholds (critical, pervasive, hotspots), the
** Monte Carlo uncertainty and sensitivity analysis, and checks against the
** published values the data carries.
**
** Ownership: every hs_*_free releases what the matching read/load/assess made.
** A result points into the index and the frame it was computed from: free it
** before them. Nothing here prints; errors name file, line and field.
*/
#ifndef HUMSEC_MEASURE_H
#define HUMSEC_MEASURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <humsec/error.h>

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* ------------------------------------------------------------------ frame */

typedef enum hs_frame_layout {
    HS_FRAME_PANEL = 1, /* wide, one column per variable and year ("le_2022"): UNDP HDR */
    HS_FRAME_WIDE = 2,  /* wide, one column per variable, one row per unit: INFORM, FSI */
    HS_FRAME_TIDY = 3,  /* long: iso3, [year,] indicator, value */
} hs_frame_layout;

typedef enum hs_cell_state {
    HS_CELL_MISSING = 0, /* empty, or a missing-value mark ("x", "NA", "..", "#VALUE!") */
    HS_CELL_NUMBER = 1,
    HS_CELL_TEXT = 2, /* present but not a number: an error if an index uses it as one */
} hs_cell_state;

typedef struct hs_frame_opts {
    int year;                /* only this year (panel and tidy, or a "year" column); 0: all */
    int keep_aggregates;     /* keep UNDP's regional and world rows (iso3 "ZZ..."); default no */
    const char *const *vars; /* NULL-terminated: keep only these variables (the rest of the
                                file is parsed as CSV but not converted); NULL: all */
} hs_frame_opts;

typedef struct hs_frame {
    char *path; /* file name used in messages (owned) */
    hs_frame_layout layout;
    int latin1; /* the file was not UTF-8 and was read as Latin-1 */
    size_t nunits;
    char **iso3; /* per unit; "" when the file has no code for it (owned) */
    char **name; /* per unit country name, or "" (owned) */
    int *year;   /* per unit, 0 when the data has no year */
    long *line;  /* per unit, the line its row starts on (wide layouts) */
    int nvars;
    char **vars;             /* variable names: column names, year suffix removed (owned) */
    double *value;           /* nunits * nvars, row-major; NAN unless HS_CELL_NUMBER */
    unsigned char *state;    /* nunits * nvars hs_cell_state */
    const char **text;       /* nunits * nvars raw cell text or NULL (points into table) */
    long *cell_line;         /* nunits * nvars line of each cell (0: no cell), in tidy and
                                joined frames; NULL when a unit's row line says it */
    unsigned char *var_year; /* per var: 1 if its columns carry a year suffix ("le_2022") */
    const char **var_path;   /* per var: file it came from (joined frames; else the path) */
    void *table;             /* the hs_table the text points into (owned; NULL if joined:
                                a joined frame points into its sources, free it first) */
} hs_frame;

/* Read a data file, detecting the layout from its header and the encoding from its
** bytes (UTF-8, with or without BOM, else Latin-1). opts may be NULL. */
hs_status hs_frame_read(hs_frame *f, const char *path, const hs_frame_opts *opts, hs_error *err);
/* The same from text in memory; name stands for the file in messages. */
hs_status hs_frame_read_text(hs_frame *f, const char *name, const char *text,
                             const hs_frame_opts *opts, hs_error *err);
void hs_frame_free(hs_frame *f);

/* Index of a variable, or -1. */
int hs_frame_var(const hs_frame *f, const char *name);
/* Line and column name of a cell, for messages (buf of size n). */
long hs_frame_cell_where(const hs_frame *f, size_t unit, int var, char *buf, size_t n);
/* A variable as numbers for every unit (NAN when missing). A text cell is an error
** naming its file, line and column. out holds nunits values. */
hs_status hs_frame_numbers(const hs_frame *f, int var, double *out, hs_error *err);

/*
** Join frames on iso3 (and year when both have one): the result has the units of
** the first frame and every variable of every frame; a later frame's variable
** whose name is already taken is renamed "<name>@<k>" (k = frame position).
** Units of later frames without a match in the first are left out.
*/
hs_status hs_frame_join(hs_frame *out, const hs_frame *frames, int n, hs_error *err);

/* ISO 3166-1 alpha-3 code of a country name (English short, official or common
** name, or one of the variants that FSI, INFORM and UNDP use), or NULL. */
const char *hs_country_iso3(const char *name);

/* ------------------------------------------------------------ the methods */

typedef enum hs_norm_method {
    HS_NORM_NONE = 0,
    HS_NORM_GOALPOSTS,   /* (x - lo)/(hi - lo), truncated to [0, 1] unless truncate is off */
    HS_NORM_MINMAX,      /* (x - min)/(max - min) over the units */
    HS_NORM_ZSCORE,      /* (x - mean)/sd over the units (sample sd) */
    HS_NORM_RANK,        /* rank over the units, 1 = lowest, ties share their mean rank */
    HS_NORM_PERCENTILE,  /* (rank - 1)/(n - 1) with the ranks above */
    HS_NORM_BORDA,       /* number of units with a lower value */
    HS_NORM_DIST_MAX,    /* x / max: distance to the best unit, 1 - (max - x)/max */
    HS_NORM_DIST_TARGET, /* 1 - (target - x)/(target - min), capped at 1 when x passes target */
    HS_NORM_DIST_REF,    /* x / x_ref: distance to a reference unit, 1 - (x_ref - x)/x_ref */
} hs_norm_method;

typedef enum hs_transform {
    HS_TRANSFORM_NONE = 0,
    HS_TRANSFORM_LN,
    HS_TRANSFORM_LOG10
} hs_transform;

typedef struct hs_norm {
    hs_norm_method method;
    double lo, hi; /* goalposts (in the data's units, before any transform) */
    double target; /* HS_NORM_DIST_TARGET */
    int truncate;  /* goalposts: clamp to [0, 1] (default on) */
    double scale;  /* multiply the result (e.g. 100 or 10); 0 means 1 */
    long ref_unit; /* HS_NORM_DIST_REF: index of the reference unit */
} hs_norm;

/* Normalise n values (NAN = missing, left missing). direction -1 turns the scale
** round (a high value is bad). The transform applies to the values and goalposts. */
hs_status hs_norm_apply(const hs_norm *nm, hs_transform tr, int direction, const double *in,
                        double *out, size_t n, hs_error *err);
/* Method from its name in a definition ("goalposts", "minmax", ...): 0, or -1 if unknown. */
int hs_norm_from_name(const char *name, hs_norm_method *out);
const char *hs_norm_name(hs_norm_method m);

typedef enum hs_agg_method {
    HS_AGG_ARITHMETIC = 0, /* sum w x / sum w */
    HS_AGG_GEOMETRIC,      /* prod x^(w / sum w) */
    HS_AGG_HARMONIC,       /* sum w / sum (w / x) */
    HS_AGG_POWER,          /* generalised mean (sum w x^p / sum w)^(1/p) */
    HS_AGG_REFLECTED,      /* reflected geometric mean R - prod (R - x)^(w / sum w) (INFORM) */
    HS_AGG_MAX,            /* max w x */
    HS_AGG_MIN,            /* min w x */
    HS_AGG_SUM,            /* sum w x, weights not renormalised */
    HS_AGG_PRODUCT,        /* prod x^w */
    HS_AGG_RATIO,          /* x1 / x2 */
} hs_agg_method;

typedef struct hs_agg {
    hs_agg_method method;
    double p;         /* HS_AGG_POWER */
    double reflect;   /* HS_AGG_REFLECTED: R (INFORM uses 11 on its 0-10 scale) */
    double min_share; /* share of inputs (by count) that must be present, (0, 1] */
} hs_agg;

/* Aggregate n inputs x (NAN = missing) with weights w (NULL = all 1). Missing inputs
** are left out and the weights of the rest renormalised; the result is NAN when
** fewer than min_share of the inputs are present, or when the method needs every
** input (ratio) or an input is out of its domain (a negative value in a geometric mean). */
double hs_agg_apply(const hs_agg *a, const double *x, const double *w, int n);
int hs_agg_from_name(const char *name, hs_agg_method *out);
const char *hs_agg_name(hs_agg_method m);

typedef enum hs_impute_method {
    HS_IMPUTE_NONE = 0,
    HS_IMPUTE_MEAN, /* mean of the present values (of the same year) */
    HS_IMPUTE_MEDIAN,
    HS_IMPUTE_GROUP_MEAN, /* mean within the unit's group (e.g. region) and year */
    HS_IMPUTE_GROUP_MEDIAN,
    HS_IMPUTE_LATEST, /* the same unit's latest earlier value within max_years */
} hs_impute_method;

typedef struct hs_impute {
    hs_impute_method method;
    int max_years; /* HS_IMPUTE_LATEST */
    char by[64];   /* group variable (GROUP_*) */
} hs_impute;

/* Fill missing values of x in place. key/year/group describe the units (group
** and key may be NULL when the method needs none). Returns how many were filled. */
size_t hs_impute_apply(const hs_impute *im, double *x, size_t n, const char *const *key,
                       const int *year, const char *const *group);
int hs_impute_from_name(const char *name, hs_impute_method *out);

typedef struct hs_treat {
    int on;          /* 0: no treatment */
    double max_skew; /* |skewness| above this ... (COINr: 2) */
    double max_kurt; /* ... and excess kurtosis above this means outliers (COINr: 3.5) */
    int max_points;  /* winsorise at most this many points (COINr: 5) */
} hs_treat;

typedef struct hs_treat_report {
    int winsorised;    /* points winsorised */
    int logged;        /* 1 if winsorising could not fix it and a log transform was used */
    double skew, kurt; /* after treatment */
} hs_treat_report;

/* Outlier treatment in place: while |skew| > max_skew and kurtosis > max_kurt,
** winsorise the most extreme point on the side of the skew (set it to the next
** value in), up to max_points; if that does not suffice, undo it and take logs
** instead (log(x - min + 1), sign-flipped for negative skew). HS_ERR_NOMEM
** leaves x as it was. */
hs_status hs_treat_apply(const hs_treat *t, double *x, size_t n, hs_treat_report *rep,
                         hs_error *err);

/* Sample skewness and excess kurtosis of the present values (GSL's
** definitions; 0 and 0 for fewer than 3 values or no spread). */
hs_status hs_treat_moments(const double *x, size_t n, double *skew, double *kurt, hs_error *err);

/*
** Weights from the first principal component of k indicators over n units (x is
** n rows of k values, row-major; rows with a missing value are left out): the
** squared loadings of the component with the largest eigenvalue of the
** correlation matrix, which sum to 1 (JRC/OECD handbook, section 6.1). Needs at
** least k + 1 complete rows. *explained receives that component's share of the
** variance (may be NULL).
*/
hs_status hs_weights_pca(const double *x, size_t n, int k, double *w, double *explained,
                         hs_error *err);

/* ------------------------------------------------------------- the index */

typedef enum hs_node_kind { HS_NODE_INDICATOR = 1, HS_NODE_AGGREGATE = 2 } hs_node_kind;

typedef struct hs_node {
    char *id;     /* (owned) */
    char *label;  /* display name (owned) */
    char *column; /* data variable: the input of an indicator, or the
                     published value of an aggregate; may be NULL (owned) */
    hs_node_kind kind;
    long line; /* where the node is defined */
    /* indicator */
    int direction; /* +1 or -1 */
    hs_transform transform;
    hs_norm norm;
    char reference[16]; /* HS_NORM_DIST_REF: iso3 of the reference unit */
    hs_impute impute;
    hs_treat treat;
    /* aggregate */
    hs_agg agg;
    int nchildren;
    int *children;   /* node indices (owned) */
    double *weights; /* per child, or NULL for equal weights (owned) */
    int pca_weights; /* weights from the first principal component of the children */
    int decimals;    /* reported value rounded half-up to this many; -1: not rounded */
    /* Owen's threshold definition (owen.c): critical beyond a threshold */
    double crit_above; /* critical when value >= this; NAN: no threshold */
    double crit_below; /* critical when value <= this; NAN: no threshold */
    int freedom;       /* HS_FREEDOM_FEAR / HS_FREEDOM_WANT for a profile dimension, or 0 */
} hs_node;

enum hs_freedom {
    HS_FREEDOM_NONE = 0,
    HS_FREEDOM_FEAR = 1,
    HS_FREEDOM_WANT = 2,
    HS_FREEDOM_BOTH = 3
};

typedef struct hs_band {
    char label[64];
    double min, max; /* inclusive; -INFINITY/INFINITY when open */
} hs_band;

typedef struct hs_index {
    char *path; /* definition file, or "builtin:hdi" (owned) */
    char *id, *name, *source;
    int nnodes;
    hs_node *nodes; /* (owned) */
    int *order;     /* node indices, children before parents (owned) */
    int root;
    int use_published;  /* a parent takes a child's published value (its column) if present */
    int rank_ascending; /* rank 1 = lowest instead of highest */
    /* classes of the top (or another) node */
    int class_node;             /* -1: none */
    double class_distance_from; /* classify |x - this| instead of x (GDI); NAN: off */
    int nbands;
    hs_band *bands;        /* first band that holds the (rounded) value wins (owned) */
    char class_column[64]; /* the data column with the published class, or "" */
    /* Owen: a threat is pervasive when this share of units (or of population) is critical */
    double pervasive_share;
    char population[64]; /* population column weighting the share, or "" */
    int ncritical;       /* nodes with a critical threshold */
} hs_index;

/* Names of the built-in definitions, NULL-terminated. */
const char *const *hs_index_builtins(void);
/* The YAML text of a built-in definition, or NULL. */
const char *hs_index_builtin_text(const char *name);
/* A built-in definition as one edition of its source defines it: for inform,
** 2016 (no Epidemic hazard, no published class) or 2020 (the default); 0 is
** the default edition of any built-in. NULL for an edition there is not. */
const char *hs_index_builtin_edition_text(const char *name, int edition);
/* The edition of a built-in that a data file is, recognised from its header:
** for inform, 2020 when an Epidemic column is there beside INFORM RISK, 2016
** when it is not; 0 for any other file or index (use the default). */
hs_status hs_index_edition_of(const char *name, const char *path, int *edition, hs_error *err);
/* Load a definition: a built-in name (hdi, ihdi, gdi, inform, fsi, profile) or a
** YAML file. A cycle, an unknown child or an unknown method is an error naming
** file, line and field. */
hs_status hs_index_load(hs_index *ix, const char *name_or_path, hs_error *err);
hs_status hs_index_load_text(hs_index *ix, const char *name, const char *yaml, hs_error *err);
void hs_index_free(hs_index *ix);
/* Node index by id, or -1. */
int hs_index_node(const hs_index *ix, const char *id);
/* The data variables an index reads (node columns, imputation groups, the published
** class, the population), NULL-terminated, for hs_frame_opts.vars. The strings
** belong to ix; free the array with free(). NULL when out of memory. */
const char **hs_index_columns(const hs_index *ix);

/* ------------------------------------------------------------ evaluation */

typedef struct hs_mc hs_mc; /* uncertainty analysis, below */

typedef struct hs_result {
    const hs_index *index; /* not owned */
    const hs_frame *frame; /* not owned */
    size_t nunits;
    int nnodes;
    double *value;     /* nunits * nnodes, unrounded (NAN missing) (owned) */
    double *reported;  /* the same rounded as the definition says (owned) */
    double *published; /* a node's published value from the data, or NAN (owned) */
    long *rank;        /* per unit rank of the top node within its year, 0 if none (owned) */
    int *band;         /* per unit class index into index->bands, -1 if none (owned) */
    double *weights;   /* per node per child the weights used (PCA weights: those of
                          the last year evaluated), at wofs[node] (owned) */
    size_t *wofs;      /* per node offset into weights (owned) */
    size_t nscored;    /* units with a top-node value */
    int class_var;     /* frame variable with the published class, or -1 */
    int latest_year;   /* the frame's latest year (0 if none) */
    /* Owen's thresholds, when the index sets any (else NULL): */
    signed char *critical; /* nunits * nnodes: 1 critical, 0 not, -1 no threshold or value */
    int *hotspots;         /* per unit: number of critical nodes */
    int *insecurity;       /* per unit: enum hs_freedom, which kind of threat dominates */
    double *share;         /* per node: share of units with a value that are critical */
    double *pop_share;     /* per node: the same weighted by population (NAN without) */
    int *pervasive;        /* per node: share (or pop_share when known) >= pervasive_share */
    long *together;        /* nnodes * nnodes: units critical on both nodes (the diagonal:
                              on that node), Owen's co-occurrence of threats */
} hs_result;

/* Round half away from zero to d decimals (the published convention). */
double hs_round(double x, int decimals);

/* Evaluate an index on a frame. A variable the index needs that the frame lacks,
** or a text cell where a number is needed, is an error naming file, line, field. */
hs_status hs_assess(hs_result *r, const hs_index *ix, const hs_frame *f, hs_error *err);
void hs_result_free(hs_result *r);
/* Class label of a unit, or "" */
const char *hs_result_class(const hs_result *r, size_t unit);
/* The class the data publishes for a unit, or NULL. A panel's class column without
** a year (UNDP's hdicode) describes the latest year only. */
const char *hs_result_published_class(const hs_result *r, size_t unit);

/* Write the result as a tidy CSV (one row per unit and year, one column per
** variable: iso3, country, year, the top node, rank, class, then every other
** node, Owen's flags, and with mc the median rank and its 5-95% interval; missing
** values are NA), readable as is by pandas and R. mc may be NULL. */
hs_status hs_result_write_csv(const hs_result *r, const hs_mc *mc, FILE *out, const char *name,
                              hs_error *err);

/*
** Owen's threshold definition of human security (Security Dialogue 35(3), 2004):
** a unit is critical on a node when its value is beyond the node's threshold; a
** threat is pervasive when the share of units - or of people, with a population
** column - that are critical reaches the index's pervasive share; a unit's
** hotspot count is how many nodes are critical at once. Its insecurity is
** mainly fear or want by the share of its fear (personal, political) and want
** (the other five) dimensions that are critical: more of one than of the other;
** both when equal and nonzero; none when nothing is critical. Called by
** hs_assess when the definition sets thresholds; fills the Owen fields of r.
*/
hs_status hs_owen_apply(hs_result *r, hs_error *err);
const char *hs_freedom_name(int freedom);

/* ------------------------------------------------------------ uncertainty */

/*
** Monte Carlo over the analyst's choices (JRC/OECD handbook, ch. 7): in each
** draw, every aggregate's weights are multiplied by U(1 - spread, 1 + spread);
** the normalisation of every normalised indicator is the definition's own,
** min-max or percentile rank; every arithmetic, geometric, harmonic or power mean
** is the definition's own, arithmetic or geometric (other methods - max, sum,
** ratio, reflected - are part of what an index means and are kept). Published
** intermediate values are not used, so that every choice reaches the top.
**
** Sensitivity: first-order (Saltelli 2010) and total (Jansen) variance-based
** indices of each unit's rank for the three factors, averaged over units,
** estimated with N (2 + 3) evaluations. Draw j of sample A uses the stream
** (seed, j, 0, HS_RNG_MEASURE) and of sample B (seed, j, 1, ...): the analysis
** is a pure function of the seed.
*/
enum { HS_MC_WEIGHTS = 0, HS_MC_NORMALISATION = 1, HS_MC_AGGREGATION = 2, HS_MC_FACTORS = 3 };

typedef struct hs_mc_opts {
    long draws; /* N */
    uint64_t seed;
    double spread; /* weight perturbation; 0 means the default 0.25 */
} hs_mc_opts;

struct hs_mc {
    size_t nunits;
    long draws;
    double *median_rank; /* per unit, over the N draws of sample A (NAN if never ranked) (owned) */
    double *p05, *p95;   /* 5% and 95% quantiles of the rank (owned) */
    double first[HS_MC_FACTORS]; /* first-order index, mean over units */
    double total[HS_MC_FACTORS]; /* total-effect index, mean over units */
};

const char *hs_mc_factor_name(int factor);
/* Run the analysis for index ix on frame f. progress (may be NULL) is called with ctx
** after each draw. */
hs_status hs_mc_run(hs_mc *mc, const hs_index *ix, const hs_frame *f, const hs_mc_opts *o,
                    void (*progress)(void *ctx, long done, long total), void *ctx, hs_error *err);
void hs_mc_free(hs_mc *mc);

/* ------------------------------------------------- checks against the data */

typedef struct hs_check {
    size_t n;        /* units with a published value of the node */
    size_t exact;    /* computed value rounded like the published one equals it */
    size_t within;   /* published value inside the rounded interval the computed value
                        can take when each published input is only known to its
                        rounding (0 if the interval cannot be computed) */
    long first_miss; /* first unit outside the interval, or -1 */
} hs_check;

/*
** Compare a node's computed value with the value the data publishes for it.
** Published inputs are rounded: an input shown as 8.8 lies in [8.75, 8.85], and
** an input column's precision is the most decimals any of its cells shows
** (publishers trim trailing zeros). The node's value is evaluated on the ends
** of those intervals (every aggregation here is monotone in each input; a
** ratio takes the opposite ends of its denominator) and the published value,
** with its own decimals, must lie within the rounded interval. That is "equal
** to within the published rounding", made exact.
*/
hs_status hs_check_published(const hs_result *r, int node, hs_check *out, hs_error *err);

#pragma GCC visibility pop

#endif
