/*
 * Exact distinct sets merge by union: any split of the values into two
 * sets, merged either way, counts what one set fed everything counts, and
 * the bytes reported are the bytes held.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "distinct.h"
#include "harness.h"

int
main(void)
{
	char		 v[32];
	size_t		 bytes = 0, n, cut;
	uint64_t	 j, h;

	for (cut = 0; cut <= 3000; cut += 750) {
		struct distinct	*a = NULL, *b = NULL, *m = NULL;

		for (j = 0; j < 3000; j++) {
			n = (size_t)snprintf(v, sizeof(v), "v%llu",
			    (unsigned long long)(j % 1000));
			/* A weak hash on purpose: collisions must not merge. */
			h = j % 1000 % 37;
			CHECK(distinct_add(j < cut ? &a : &b, v, n, h,
			    NULL, &bytes) == 0);
		}
		CHECK(distinct_merge(&m, a, NULL, &bytes) == 0);
		CHECK(distinct_merge(&m, b, NULL, &bytes) == 0);
		CHECK(distinct_count(m) == 1000);
		CHECK(distinct_merge(&b, a, NULL, &bytes) == 0);
		CHECK(distinct_count(b) == 1000);
		CHECK(bytes == distinct_bytes(a) + distinct_bytes(b) +
		    distinct_bytes(m));
		distinct_free(a, NULL);
		distinct_free(b, NULL);
		distinct_free(m, NULL);
		bytes = 0;
	}
	return 0;
}
