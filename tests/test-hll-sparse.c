/*
 * A small approx_distinct sketch is sparse: it counts exactly, costs a few
 * bytes per value rather than the dense 16 KiB, and turns dense only past
 * HLL_SPARSE_MAX distinct hashes.
 */
#include "config.h"

#include <stdint.h>

#include "harness.h"
#include "hll.h"

int
main(void)
{
	struct hll	*h = NULL;
	size_t		 bytes = 0;
	uint64_t	 j;

	for (j = 0; j < 10; j++)
		CHECK(hll_add(&h, (j % 5) * 0x9e3779b97f4a7c15ULL + 1,
		    NULL, &bytes) == 0);
	CHECK(hll_estimate(h) == 5);
	CHECK(!hll_dense(h));
	CHECK(hll_bytes(h) < 200);
	CHECK(bytes == hll_bytes(h));
	for (j = 5; j < HLL_SPARSE_MAX; j++)
		CHECK(hll_add(&h, j * 0x9e3779b97f4a7c15ULL + 1, NULL, &bytes) == 0);
	CHECK(!hll_dense(h));
	CHECK(hll_estimate(h) == HLL_SPARSE_MAX);
	CHECK(hll_add(&h, j * 0x9e3779b97f4a7c15ULL + 1, NULL, &bytes) == 0);
	CHECK(hll_dense(h));
	CHECK(bytes >= hll_bytes(h));
	hll_free(h, NULL);
	return 0;
}
