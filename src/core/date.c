/*
** date.c - day numbers for calendar dates. The conversion is the standard
** era-based arithmetic for the proleptic Gregorian calendar (400-year eras of
** 146097 days, years starting in March so that the leap day is last).
*/
#include <humsec/date.h>

#include <ctype.h>
#include <stdio.h>

long hs_date_from_civil(int year, int month, int day)
{
    long y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (month + 9) % 12; /* March = 0 */
    long doy = (153 * mp + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void hs_date_to_civil(long z, int *year, int *month, int *day)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

int hs_date_parse(const char *s, long *day_number)
{
    int y = 0, m = 0, d = 0;
    for (int i = 0; i < 10; i++) {
        char c = s[i];
        if (i == 4 || i == 7) {
            if (c != '-') return -1;
        } else if (!isdigit((unsigned char)c)) {
            return -1;
        }
    }
    const char *rest = s + 10;
    while (*rest == ' ' || *rest == '\r' || *rest == '\t')
        rest++;
    if (*rest) return -1;
    if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3) return -1;
    if (m < 1 || m > 12 || d < 1 || d > 31) return -1;
    long n = hs_date_from_civil(y, m, d);
    int yy, mm, dd;
    hs_date_to_civil(n, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d) return -1; /* e.g. 2013-02-30 */
    *day_number = n;
    return 0;
}

void hs_date_format(long day_number, char *buf)
{
    int y, m, d;
    hs_date_to_civil(day_number, &y, &m, &d);
    /* Years are kept to four digits so the text is always 10 characters. */
    y = ((y % 10000) + 10000) % 10000;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}
