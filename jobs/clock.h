/*
 * Time as tally uses it: wall-clock seconds for what is recorded and shown
 * (job created, started, finished) and monotonic seconds for what is
 * measured (durations, rates, throttles).
 */
#ifndef TALLY_CLOCK_H
#define TALLY_CLOCK_H

/* Seconds since the Unix epoch, with sub-second precision. */
double		 clock_wall(void);

/* Seconds on a clock that never jumps: only differences mean anything. */
double		 clock_mono(void);

#endif /* TALLY_CLOCK_H */
