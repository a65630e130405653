/*
 * A min, max or quantile over the same number written at different
 * scales ("0" and "0.000") shows the spelling with the most decimals,
 * whichever came first, so the answer is the same in any row order, on 1
 * thread and 4, with few groups or with enough to shard them between
 * threads.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define AGGS	"min:v,max:v,median:v,p90:v"

static char *
run(const char *csv, size_t len, int threads)
{
	struct engine_opts	 o;
	char			 err[TALLY_ERR_MAX], *out;

	memset(&o, 0, sizeof(o));
	o.groups = "g";
	o.aggs = AGGS;
	o.threads = threads;
	o.split_min = 4096;
	if ((out = th_run(csv, len, &o, NULL, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	return out;
}

int
main(void)
{
	static const char *const sp[] = { "0", "0.000", "0.0", "2.5", "2.50" };
	const char	*small = "g,v\n"
			    "a,0\na,0.000\na,5\na,5.0\n"
			    "b,0.00\nb,0\n"
			    "c,-1.5\nc,-1.50\nc,-3\nc,-3.0\n";
	const char	*reversed = "g,v\n"
			    "c,-3.0\nc,-3\nc,-1.50\nc,-1.5\n"
			    "b,0\nb,0.00\n"
			    "a,5.0\na,5\na,0.000\na,0\n";
	const char	*want = "g,min_v,max_v,median_v,p90_v\n"
			    "a,0.000,5.0,0.000,5.0\nb,0.00,0.00,0.00,0.00\n"
			    "c,-3.0,-1.50,-3.0,-1.50\n";
	char		*one, *four, *csv;
	size_t		 len, cap = 8 * 1024 * 1024;
	uint64_t	 j, r;

	one = run(small, strlen(small), 1);
	CHECK_STR(one, want);
	four = run(small, strlen(small), 4);
	CHECK_STR(four, one);
	free(one);
	free(four);
	/* Groups print in first-seen order: c, b, a. */
	one = run(reversed, strlen(reversed), 1);
	CHECK_HAS(one, "a,0.000,5.0,0.000,5.0\n");
	CHECK_HAS(one, "b,0.00,0.00,0.00,0.00\n");
	CHECK_HAS(one, "c,-3.0,-1.50,-3.0,-1.50\n");
	free(one);

	/* Enough groups for the threads to shard them. */
	if ((csv = malloc(cap)) == NULL)
		return TH_ERROR;
	len = (size_t)snprintf(csv, cap, "g,v\n");
	for (j = 0; j < 400000; j++) {
		r = th_mix(j);
		len += (size_t)snprintf(csv + len, cap - len, "k%llu,%s\n",
		    (unsigned long long)(r % 90000), sp[(r >> 32) % 5]);
	}
	one = run(csv, len, 1);
	four = run(csv, len, 4);
	CHECK_STR(four, one);
	free(one);
	free(four);
	free(csv);
	return 0;
}
