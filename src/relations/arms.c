/*
** arms.c - Richardson's arms race (M10; relations.h): one day of the
** linear system, and the two-state equilibrium with its stability.
*/
#include <math.h>
#include <string.h>
#include <humsec/relations.h>

void hs_arms_step(int n, const double *react, const double *fatigue, const double *grievance,
                  double *stock, double *scratch)
{
    for (int i = 0; i < n; i++) {
        double d = grievance[i] - fatigue[i] * stock[i];
        for (int j = 0; j < n; j++)
            if (j != i) d += react[i * n + j] * stock[j];
        scratch[i] = stock[i] + d;
    }
    memcpy(stock, scratch, (size_t)n * sizeof *stock);
}

int hs_arms_equilibrium2(double a, double b, double m, double n, double g, double h, double *x,
                         double *y)
{
    double det = m * n - a * b;
    if (det == 0.0) {
        *x = *y = NAN;
        return 0;
    }
    *x = (a * h + n * g) / det;
    *y = (b * g + m * h) / det;
    /* The Jacobian [[-m, a], [b, -n]] has trace -(m + n) <= 0 and determinant m n - a b:
    ** both eigenvalues are negative exactly when the determinant is positive. */
    return det > 0.0 && m + n > 0.0;
}
