/*
** heavy_ukraine.c - ukraine2022 (camp series reaching 23 million people, 554
** days) over 10 seeds at hasten 10 with FabFlee's validation settings: the
** mean ARD within 0.02 of the 10-seed mean humsec gave when every person drew
** every morning (0.589, issue 14; the same model, issue 17). No Flee figure
** exists here to hold it to (Flee takes about 10 minutes per 70 simulated
** days). A program of its own so that ctest runs it beside heavy_fabflee.
** Needs ../shared/validation/flee; skips cleanly without it.
*/
#include "fabflee_cases.h"

#define SEEDS 10

static void ukraine2022_is_the_same_model(void **state)
{
    (void)state;
    const char *root = test_require_shared("validation/flee");
    double sd, secs;
    double ard = fab_run_case(root, fab_ukraine.name, fab_ukraine.base, SEEDS, &sd, &secs);
    print_message("  %s: %+.4f from the sweep's %.4f (within %.2f)\n", fab_ukraine.name,
                  ard - fab_ukraine.sweep_h10, fab_ukraine.sweep_h10, SAME);
    assert_true(isfinite(ard));
    assert_true(fabs(ard - fab_ukraine.sweep_h10) <= SAME);
}

int main(void)
{
    test_require_shared("validation/flee/ukraine2022");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ukraine2022_is_the_same_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
