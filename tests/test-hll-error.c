/*
 * approx_distinct's sketch is within its documented standard error: for
 * distinct counts from 3,000 to 2,000,000 (dense sketches), the estimate
 * is within 3 standard errors (3 x 0.81%) of the truth, and the root mean
 * square error over the runs stays under 1%.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "harness.h"
#include "hll.h"

int
main(void)
{
	static const uint64_t	 ns[] = { 3000, 10000, 40000, 100000, 250000,
				    1000000, 2000000 };
	double			 sq = 0, e;
	size_t			 i, bytes = 0, runs = 0;
	uint64_t		 j, seed;

	for (seed = 1; seed <= 4; seed++)
		for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
			struct hll	*h = NULL;

			for (j = 0; j < ns[i]; j++)
				CHECK(hll_add(&h, th_mix(seed << 40 ^ j),
				    NULL, &bytes) == 0);
			CHECK(hll_dense(h));
			e = ((double)hll_estimate(h) - (double)ns[i]) /
			    (double)ns[i];
			if (fabs(e) > 3 * 0.0081)
				th_fail(__FILE__, __LINE__, "n %llu: estimate "
				    "%llu is off by %.2f%%",
				    (unsigned long long)ns[i],
				    (unsigned long long)hll_estimate(h),
				    e * 100);
			sq += e * e;
			runs++;
			hll_free(h, NULL);
		}
	printf("rms error %.3f%% over %zu runs\n", sqrt(sq / runs) * 100,
	    runs);
	CHECK(sqrt(sq / runs) < 0.01);
	return 0;
}
