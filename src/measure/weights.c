/*
** weights.c - weights derived from the data: the first principal component.
**
** Equal and manual weights need no code (they are numbers in the definition).
** PCA weights say how much each indicator shares in the main common variation
** of the set; they reward redundancy rather than importance, which is why the
** handbook recommends them as a check, not a default. The eigen-decomposition
** is GSL's (gsl_eigen_symmv) on the correlation matrix of the complete rows.
*/
#include <humsec/measure.h>

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_vector.h>

hs_status hs_weights_pca(const double *x, size_t n, int k, double *w, double *explained,
                         hs_error *err)
{
    hs_init();
    if (k < 1) return hs_error_set(err, HS_ERR_USAGE, NULL, 0, "weights", "no indicators");
    if (k == 1) {
        w[0] = 1;
        if (explained) *explained = 1;
        return HS_OK;
    }
    size_t m = 0;
    double *cols = malloc((size_t)k * (n ? n : 1) * sizeof *cols);
    if (!cols) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (size_t r = 0; r < n; r++) {
        int ok = 1;
        for (int j = 0; j < k && ok; j++)
            ok = !isnan(x[r * (size_t)k + (size_t)j]);
        if (!ok) continue;
        for (int j = 0; j < k; j++)
            cols[(size_t)j * n + m] = x[r * (size_t)k + (size_t)j];
        m++;
    }
    if (m < (size_t)k + 1) {
        free(cols);
        return hs_error_set(err, HS_ERR_INVALID, NULL, 0, "weights",
                            "PCA weights need at least %d units with every indicator, not %zu",
                            k + 1, m);
    }
    gsl_matrix *c = gsl_matrix_alloc((size_t)k, (size_t)k);
    gsl_matrix *vec = gsl_matrix_alloc((size_t)k, (size_t)k);
    gsl_vector *val = gsl_vector_alloc((size_t)k);
    gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc((size_t)k);
    hs_status st = HS_OK;
    if (!c || !vec || !val || !ws) {
        st = hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        goto done;
    }
    for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++) {
            double r =
                i == j ? 1.0
                       : gsl_stats_correlation(cols + (size_t)i * n, 1, cols + (size_t)j * n, 1, m);
            if (!isfinite(r)) {
                st = hs_error_set(err, HS_ERR_INVALID, NULL, 0, "weights",
                                  "an indicator is constant: no correlation, no PCA weights");
                goto done;
            }
            gsl_matrix_set(c, (size_t)i, (size_t)j, r);
        }
    if (gsl_eigen_symmv(c, val, vec, ws) != 0) {
        st = hs_error_set(err, HS_ERR_INVALID, NULL, 0, "weights",
                          "the correlation matrix has no eigen decomposition");
        goto done;
    }
    gsl_eigen_symmv_sort(val, vec, GSL_EIGEN_SORT_VAL_DESC);
    double total = 0;
    for (int i = 0; i < k; i++)
        total += gsl_vector_get(val, (size_t)i);
    for (int i = 0; i < k; i++) {
        double l = gsl_matrix_get(vec, (size_t)i, 0);
        w[i] = l * l; /* a unit eigenvector: the squares sum to 1 */
    }
    if (explained) *explained = total > 0 ? gsl_vector_get(val, 0) / total : NAN;
done:
    gsl_eigen_symmv_free(ws);
    gsl_vector_free(val);
    gsl_matrix_free(vec);
    gsl_matrix_free(c);
    free(cols);
    return st;
}
