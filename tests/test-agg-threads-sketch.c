/*
 * Every new aggregate gives the same answer on 1 and 4 threads: exact
 * distinct counts, HyperLogLog estimates (dense and sparse), quantiles
 * (exact groups, and a group past KLL_K values, which makes the run go
 * back to one thread), variances and text extremes.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static char *
run(const char *csv, size_t len, int threads, const char *aggs)
{
	struct engine_opts	 o;
	char			 err[TALLY_ERR_MAX], *out;

	memset(&o, 0, sizeof(o));
	o.groups = "g";
	o.aggs = aggs;
	o.threads = threads;
	o.split_min = 4096;
	if ((out = th_run(csv, len, &o, NULL, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	return out;
}

static void
same(const char *csv, size_t len, const char *aggs)
{
	char	*one = run(csv, len, 1, aggs), *four = run(csv, len, 4, aggs);

	CHECK_STR(four, one);
	free(one);
	free(four);
}

int
main(void)
{
	char		*csv;
	size_t		 len = 0, cap = 4 * 1024 * 1024;
	uint64_t	 j, r;

	if ((csv = malloc(cap)) == NULL)
		return TH_ERROR;
	len += (size_t)snprintf(csv, cap, "g,v,t\n");
	/* Many small groups: each chunk's sketches stay exact. */
	for (j = 0; j < 40000; j++) {
		r = th_mix(j);
		len += (size_t)snprintf(csv + len, cap - len, "k%llu,%llu.%02llu,"
		    "%s%llu\n", (unsigned long long)(r % 3000),
		    (unsigned long long)(r >> 20) % 1000,
		    (unsigned long long)(r >> 40) % 100,
		    r % 7 == 0 ? "" : "t", (unsigned long long)(r >> 8) % 50);
	}
	same(csv, len, "count,distinct:t,approx_distinct:t,median:v,p90:v,"
	    "var:v,stddev:v,min:t,max:t,count:t");
	/* One big group: dense HyperLogLog, a compacting sketch. */
	len = (size_t)snprintf(csv, cap, "g,v,t\n");
	for (j = 0; j < 60000; j++) {
		r = th_mix(j);
		len += (size_t)snprintf(csv + len, cap - len, "%s,%llu,%llu\n",
		    j % 5 ? "big" : "small", (unsigned long long)(r % 100000),
		    (unsigned long long)(r >> 30) % 20000);
	}
	same(csv, len, "median:v,quantile:v:0.999,approx_distinct:t,"
	    "distinct:t,var:v");
	free(csv);
	return 0;
}
