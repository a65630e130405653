/*
 * A quantile sketch of up to KLL_K values keeps them all: every quantile
 * is the exact value at rank ceil(n * q) - 1, and the sketch says it is
 * exact.  At KLL_K values it compacts, and exact_only refuses that.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "harness.h"
#include "kll.h"

int
main(void)
{
	struct kll	*k = NULL;
	struct dec	 d, out;
	size_t		 bytes = 0;
	uint64_t	 j;
	double		 q;

	for (j = 0; j < KLL_K - 1; j++) {
		d.v = (__int128)((j * 7919) % (KLL_K - 1));
		d.scale = 0;
		CHECK(kll_add(&k, &d, 1, NULL, &bytes) == KLL_OK);
	}
	CHECK(kll_exact(k));
	for (q = 0; q <= 1; q += 0.01) {
		uint64_t	 r = (uint64_t)ceil((double)(KLL_K - 1) * q);

		CHECK(kll_quantile(k, q, &out) == 0);
		CHECK(out.v == (__int128)(r > 0 ? r - 1 : 0));
	}
	d.v = 5;
	CHECK(kll_add(&k, &d, 1, NULL, &bytes) == KLL_INEXACT);
	CHECK(kll_count(k) == KLL_K - 1);
	CHECK(kll_add(&k, &d, 0, NULL, &bytes) == KLL_OK);
	CHECK(!kll_exact(k));
	CHECK(bytes == kll_bytes(k));
	kll_free(k, NULL);
	return 0;
}
