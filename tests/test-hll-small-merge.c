/*
 * An approx_distinct sketch is a plain array of up to 8 hashes, then a
 * hashed set, then 2^14 registers, each one slab block.  Merging any two
 * forms, both ways round, gives the estimate and form of one sketch fed
 * every hash, as thread merges must.
 */
#include "config.h"

#include <stdint.h>

#include "harness.h"
#include "hll.h"
#include "slab.h"

static uint64_t
hash(uint64_t j)
{
	j = (j + 1) * 0x9e3779b97f4a7c15ULL;
	j = (j ^ (j >> 31)) * 0x7fb5d329728ea185ULL;
	j = (j ^ (j >> 27)) * 0x81dadef4bc2dd44dULL;
	return j ^ (j >> 33);
}

/* A sketch of hashes from, from + n, with every third one twice. */
static struct hll *
build(uint64_t from, uint64_t n, struct slab *sl)
{
	struct hll	*h = NULL;
	size_t		 bytes = 0;
	uint64_t	 j;

	for (j = from; j < from + n; j++) {
		CHECK(hll_add(&h, hash(j), sl, &bytes) == 0);
		if (j % 3 == 0)
			CHECK(hll_add(&h, hash(j), sl, &bytes) == 0);
	}
	return h;
}

int
main(void)
{
	static const uint64_t	 sizes[] = { 0, 1, 3, 4, 5, 8, 9, 100,
				    2047, 2048, 2049, 5000 };
	struct slab		*sl;
	struct hll		*a, *b, *all;
	size_t			 x, y, bytes = 0;
	int			 j;

	if ((sl = slab_new()) == NULL)
		return TH_ERROR;
	for (x = 0; x < sizeof(sizes) / sizeof(sizes[0]); x++)
		for (y = 0; y < sizeof(sizes) / sizeof(sizes[0]); y++) {
			/* The two sketches share 2 hashes when they can. */
			uint64_t	 bfrom = sizes[x] >= 2 ?
					    sizes[x] - 2 : sizes[x];

			all = build(0, bfrom + sizes[y] > sizes[x] ?
			    bfrom + sizes[y] : sizes[x], sl);
			for (j = 0; j < 2; j++) {
				a = build(0, sizes[x], sl);
				b = build(bfrom, sizes[y], sl);
				CHECK(hll_merge(j == 0 ? &a : &b, j == 0 ? b :
				    a, sl, &bytes) == 0);
				CHECK(hll_estimate(j == 0 ? a : b) ==
				    hll_estimate(all));
				CHECK(hll_dense(j == 0 ? a : b) ==
				    hll_dense(all));
				hll_free(a, sl);
				hll_free(b, sl);
			}
			if (!hll_dense(all))
				CHECK(hll_estimate(all) == (bfrom + sizes[y] >
				    sizes[x] ? bfrom + sizes[y] : sizes[x]));
			hll_free(all, sl);
		}
	slab_destroy(sl);
	return 0;
}
