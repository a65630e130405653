/*
 * A filtered run gives the same groups, filtered and rejected counts on 1
 * and 4 threads.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static char *
run(const char *csv, size_t len, int threads, uint64_t *filtered)
{
	static const char *const where[] = { "r in North|East", "v>=10" };
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	memset(&o, 0, sizeof(o));
	o.groups = "k";
	o.aggs = "count,sum:v,median:v";
	o.where = where;
	o.nwhere = 2;
	o.threads = threads;
	o.split_min = 4096;
	if ((out = th_run(csv, len, &o, &res, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	*filtered = res.filtered;
	engine_result_free(&res);
	return out;
}

int
main(void)
{
	static const char *const rs[] = { "North", "South", "East", "West" };
	char		*csv, *one, *four;
	size_t		 len, cap = 2 * 1024 * 1024;
	uint64_t	 j, f1, f4;

	if ((csv = malloc(cap)) == NULL)
		return TH_ERROR;
	len = (size_t)snprintf(csv, cap, "k,r,v\n");
	for (j = 0; j < 50000; j++)
		len += (size_t)snprintf(csv + len, cap - len, "k%llu,%s,%llu\n",
		    (unsigned long long)(j * 7 % 97), rs[j * 13 % 4],
		    (unsigned long long)(j * 31 % 40));
	one = run(csv, len, 1, &f1);
	four = run(csv, len, 4, &f4);
	CHECK_STR(four, one);
	CHECK(f1 == f4);
	CHECK(f1 > 0);
	free(one);
	free(four);
	free(csv);
	return 0;
}
