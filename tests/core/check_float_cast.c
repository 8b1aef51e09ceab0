/*
** check_float_cast.c - the sanitizer build must catch a double converted to an
** integer type that cannot hold it (undefined behaviour: float-cast-overflow,
** which gcc's -fsanitize=undefined leaves out). Built only in that build, as
** ctest's sanitize_float_cast, which passes when this program is stopped.
*/
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    (void)argv;
    volatile double big = argc > 0 ? 1e308 : 0; /* not known to the compiler */
    long n = (long)big;
    printf("converted 1e308 to %ld: the sanitizer did not stop it\n", n);
    return 0;
}
