/*
 * The two clocks (see clock.h), so that no file keeps its own copy of
 * clock_gettime() arithmetic.
 */
#include "config.h"

#include <time.h>

#include "clock.h"

static double
seconds(clockid_t id)
{
	struct timespec	 ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
clock_wall(void)
{
	return seconds(CLOCK_REALTIME);
}

double
clock_mono(void)
{
	return seconds(CLOCK_MONOTONIC);
}
