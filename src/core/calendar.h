/* calendar.h -- civil dates as day numbers (proleptic Gregorian), after
 * Howard Hinnant's days_from_civil / civil_from_days. */
#ifndef TD_CORE_CALENDAR_H
#define TD_CORE_CALENDAR_H

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31). */
long td__days_from_civil(int y, int m, int d);

/* The civil date of a day number. */
void td__civil_from_days(long z, int *y, int *m, int *d);

#endif
