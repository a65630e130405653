/*
 * Merging approx_distinct sketches gives the same estimate whatever the
 * split and order: sparse with sparse, sparse with dense, dense with dense
 * all equal one sketch fed every hash.
 */
#include "config.h"

#include <stdint.h>

#include "harness.h"
#include "hll.h"

int
main(void)
{
	static const uint64_t	 cuts[] = { 0, 100, 1500, 2047, 2049, 3000,
				    9999, 10000 };
	struct hll		*all = NULL;
	size_t			 bytes = 0, i;
	uint64_t		 j, n = 10000;

	for (j = 0; j < n; j++)
		CHECK(hll_add(&all, th_hash(j % 2500 * 7 + j / 2500), NULL, &bytes) == 0);
	for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		struct hll	*a = NULL, *b = NULL, *m1 = NULL, *m2 = NULL;

		for (j = 0; j < n; j++)
			CHECK(hll_add(j < cuts[i] ? &a : &b,
			    th_hash(j % 2500 * 7 + j / 2500), NULL, &bytes) == 0);
		CHECK(hll_merge(&m1, a, NULL, &bytes) == 0);
		CHECK(hll_merge(&m1, b, NULL, &bytes) == 0);
		CHECK(hll_merge(&m2, b, NULL, &bytes) == 0);
		CHECK(hll_merge(&m2, a, NULL, &bytes) == 0);
		CHECK(hll_estimate(m1) == hll_estimate(all));
		CHECK(hll_estimate(m2) == hll_estimate(all));
		CHECK(hll_dense(m1) == hll_dense(all));
		hll_free(a, NULL);
		hll_free(b, NULL);
		hll_free(m1, NULL);
		hll_free(m2, NULL);
	}
	hll_free(all, NULL);
	return 0;
}
