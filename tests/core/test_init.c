/*
** test_init.c - the library turns GSL's aborting error handler off by itself:
** a program that never calls hs_init (this one) gets statuses, not abort(),
** once it reaches GSL through the library. Its own process, so that nothing
** else has set the handler first.
*/
#include "testutil.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <humsec/error.h>
#include <humsec/measure.h>

static void the_library_turns_gsl_abort_off(void **state)
{
    (void)state;
    /* A fresh process has GSL's default handler (NULL: abort). */
    gsl_error_handler_t *before = gsl_set_error_handler(NULL);
    assert_null(before);
    /* PCA weights reach GSL; two indicators that never vary are refused. */
    double x[] = {1, 2, 1, 2, 1, 2, 1, 2};
    double w[2];
    hs_error e;
    assert_int_equal(hs_weights_pca(x, 4, 2, w, NULL, &e), HS_ERR_INVALID);
    gsl_error_handler_t *after = gsl_set_error_handler(NULL);
    assert_non_null(after);
    gsl_set_error_handler(after);
    /* A GSL error now returns instead of aborting the process. */
    gsl_matrix *a = gsl_matrix_calloc(1, 1), *b = gsl_matrix_calloc(2, 2);
    assert_int_equal(gsl_matrix_memcpy(a, b), GSL_EBADLEN);
    gsl_matrix_free(a);
    gsl_matrix_free(b);
    /* And hs_init is safe to call again. */
    hs_init();
    hs_init();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_library_turns_gsl_abort_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
