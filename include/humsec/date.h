/*
** date.h - calendar dates as day numbers (days since 1970-01-01, proleptic
** Gregorian), so that "days between" is a subtraction.
*/
#ifndef HUMSEC_DATE_H
#define HUMSEC_DATE_H

/* Everything declared here is the public API: exported from libhumsec. */
#pragma GCC visibility push(default)

/* Parse "YYYY-MM-DD" (exactly; the day must exist). 0 on success, -1 otherwise. */
int hs_date_parse(const char *s, long *day_number);

/* Day number of a calendar date (month 1-12, day 1-31, not checked). */
long hs_date_from_civil(int year, int month, int day);

/* Calendar date of a day number. */
void hs_date_to_civil(long day_number, int *year, int *month, int *day);

/* Format a day number as "YYYY-MM-DD" into buf (at least 11 bytes). */
void hs_date_format(long day_number, char *buf);

#pragma GCC visibility pop

#endif
