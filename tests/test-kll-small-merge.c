/*
 * A quantile sketch is small (values packed in one slab block) up to 16
 * values, then full.  Merging gives the same answers whichever forms meet,
 * as thread merges do: small into small, small into full and full into
 * small, both ways round, answer exactly what one sorted array of all the
 * values answers while there are fewer than KLL_K; a merge that would make
 * a sketch compact is refused in exact_only mode and leaves it unchanged.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dec.h"
#include "harness.h"
#include "kll.h"
#include "slab.h"

#define NMAX	5000

static struct dec	 vals[2 * NMAX];

static int
cmp(const void *x, const void *y)
{
	return dec_cmp(x, y);
}

/* A sketch of vals[from, from + n) (NULL for none). */
static struct kll *
build(size_t from, size_t n, struct slab *sl)
{
	struct kll	*k = NULL;
	size_t		 bytes = 0, i;

	for (i = from; i < from + n; i++)
		CHECK(kll_add(&k, &vals[i], 0, sl, &bytes) == KLL_OK);
	return k;
}

int
main(void)
{
	static const size_t	 sizes[] = { 0, 1, 3, 4, 5, 16, 17, 100, 2000,
				    4000 };
	static const double	 qs[] = { 0, 0.1, 0.5, 0.9, 0.999, 1 };
	static struct dec	 sorted[2 * NMAX];
	struct slab		*sl;
	struct kll		*a, *b;
	struct dec		 got;
	uint64_t		 z = 7;
	size_t			 i, j, x, y, n, bytes = 0, r;

	if ((sl = slab_new()) == NULL)
		return TH_ERROR;
	/* Mixed scales, negatives and duplicates. */
	for (i = 0; i < 2 * NMAX; i++) {
		z = z * 6364136223846793005ULL + 1442695040888963407ULL;
		vals[i].v = (__int128)(int64_t)(z >> 40) % 100000 - 50000;
		vals[i].scale = (int)(z >> 20 & 3);
	}
	for (x = 0; x < sizeof(sizes) / sizeof(sizes[0]); x++)
		for (y = 0; y < sizeof(sizes) / sizeof(sizes[0]); y++) {
			n = sizes[x] + sizes[y];
			if (n == 0 || n >= KLL_K)
				continue;
			memcpy(sorted, vals, n * sizeof(*sorted));
			qsort(sorted, n, sizeof(*sorted), cmp);
			/* Both ways round: a holds the first values. */
			for (j = 0; j < 2; j++) {
				a = build(0, sizes[x], sl);
				b = build(sizes[x], sizes[y], sl);
				if (j == 0)
					CHECK(kll_merge(&a, b, 1, sl,
					    &bytes) == KLL_OK);
				else {
					CHECK(kll_merge(&b, a, 1, sl,
					    &bytes) == KLL_OK);
					kll_free(a, sl);
					a = b;
					b = NULL;
				}
				CHECK(kll_count(a) == n);
				CHECK(kll_exact(a));
				for (i = 0; i < sizeof(qs) / sizeof(qs[0]);
				    i++) {
					r = (size_t)ceil((double)n * qs[i]);
					r = r > 0 ? r - 1 : 0;
					CHECK(kll_quantile(a, qs[i], &got) == 0);
					CHECK(dec_cmp(&got, &sorted[r]) == 0);
				}
				kll_free(a, sl);
				kll_free(b, sl);
			}
		}

	/* 4000 and 100 would compact: refused whole in exact_only mode. */
	a = build(0, 4000, sl);
	b = build(4000, 100, sl);
	CHECK(kll_merge(&a, b, 1, sl, &bytes) == KLL_INEXACT);
	CHECK(kll_count(a) == 4000 && kll_exact(a));
	CHECK(kll_merge(&b, a, 1, sl, &bytes) == KLL_INEXACT);
	CHECK(kll_count(b) == 100 && kll_exact(b));
	/* Without it, the merge compacts and keeps every value's weight. */
	CHECK(kll_merge(&b, a, 0, sl, &bytes) == KLL_OK);
	CHECK(kll_count(b) == 4100 && !kll_exact(b));
	kll_free(a, sl);
	kll_free(b, sl);
	slab_destroy(sl);
	return 0;
}
