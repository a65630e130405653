/*
 * agg_gather() moves the groups of several tables into one, the records by
 * remapping whole pages and copying the rest: every group arrives with its
 * key (short keys in the record, long ones in the key arena), row count
 * and accumulators, for records that fill pages evenly (64 bytes) and
 * records that do not (a column with min and max), for tables too small
 * to own a whole page and tables of many pages.  Tables whose slots are
 * mapped hand them over for the sort, which orders the gathered groups
 * the same.  The gathered table then takes new rows, new keys and old, as
 * one that saw every row itself.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "agg.h"
#include "query.h"

#define NSRC	5

/* Group k's key: a key cell of 6 or of 40 bytes. */
static size_t
key_of(size_t k, char *buf)
{
	size_t	 len = k % 3 == 0 ? 40 : 6;

	buf[0] = (char)len;
	buf[1] = 0;
	snprintf(buf + 2, 41, "%06zu%s", k, len == 40 ?
	    "-a-long-key-kept-in-the-arena-xx" : "");
	return len + 2;
}

/* Add group k's i-th row to a: values k and -i, at scale 1. */
static void
add(struct agg *a, size_t k, size_t i)
{
	struct dec	 vals[2];
	unsigned char	 present[2] = { 1, 1 };
	char		 key[48];
	size_t		 len = key_of(k, key), bad;

	vals[0].v = (__int128)k;
	vals[0].scale = 1;
	vals[1].v = -(__int128)i;
	vals[1].scale = 1;
	CHECK(agg_add(a, key, len, vals, present, NULL, NULL, &bad) ==
	    AGG_ADD_OK);
}

/* Whether a and b hold the same groups with the same state, by key. */
static void
same(struct agg *a, struct agg *b, size_t nvals)
{
	struct agg_acc	 x, y;
	const char	*ka, *kb;
	size_t		 i, v, la, lb;

	CHECK(agg_count(a) == agg_count(b));
	CHECK(agg_sort(a, AGG_ORDER_KEY, NULL, NULL, 1) == 0);
	CHECK(agg_sort(b, AGG_ORDER_KEY, NULL, NULL, 2) == 0);
	for (i = 0; i < agg_count(a); i++) {
		ka = agg_key(a, i, &la);
		kb = agg_key(b, i, &lb);
		CHECK(la == lb && memcmp(ka, kb, la) == 0);
		CHECK(agg_rows(a, i) == agg_rows(b, i));
		for (v = 0; v < nvals; v++) {
			agg_acc(a, i, v, &x);
			agg_acc(b, i, v, &y);
			CHECK(x.n == y.n && x.sum.v == y.sum.v &&
			    x.sum.scale == y.sum.scale);
			CHECK(x.min.v == y.min.v && x.max.v == y.max.v);
		}
	}
}

static void
run(const unsigned *needs, const size_t *sizes)
{
	struct agg	*src[NSRC], *dst, *ref;
	size_t		 s, k, i, next = 0;

	CHECK((ref = agg_new(2, 1000000, NULL)) != NULL);
	CHECK(agg_set_needs(ref, needs, 1) == 0);
	CHECK((dst = agg_new(2, 1000000, NULL)) != NULL);
	CHECK(agg_set_needs(dst, needs, 1) == 0);
	for (s = 0; s < NSRC; s++) {
		CHECK((src[s] = agg_new(2, 1000000, NULL)) != NULL);
		CHECK(agg_set_needs(src[s], needs, 1) == 0);
		for (k = next; k < next + sizes[s]; k++)
			for (i = 0; i <= k % 3; i++) {
				add(src[s], k, i);
				add(ref, k, i);
			}
		next += sizes[s];
	}
	CHECK(agg_gather(dst, src, NSRC) == AGG_ADD_OK);
	for (s = 0; s < NSRC; s++)
		CHECK(agg_count(src[s]) == 0);
	same(dst, ref, 2);

	/* More rows: old keys, and new ones that make the records grow. */
	for (k = 0; k < next + next / 2 + 100; k += 7) {
		add(dst, k, 5);
		add(ref, k, 5);
	}
	same(dst, ref, 2);
	for (s = 0; s < NSRC; s++)
		agg_free(src[s]);
	agg_free(dst);
	agg_free(ref);
}

int
main(void)
{
	/* A sum alone: 64-byte records, 64 to a page. */
	static const unsigned	 sum[2] = { QUERY_NEED_SUM, QUERY_NEED_SUM };
	/* A sum with min and max: records that straddle pages. */
	static const unsigned	 mm[2] = { QUERY_NEED_SUM | QUERY_NEED_MINMAX,
				    QUERY_NEED_SUM };
	static const size_t	 small[NSRC] = { 0, 1, 63, 64, 65 };
	static const size_t	 big[NSRC] = { 4000, 0, 700, 10000, 130 };
	/* Slots of 2 MB and more: kept for the sort that follows. */
	static const size_t	 huge[NSRC] = { 140000, 0, 70000, 0, 0 };

	run(sum, small);
	run(sum, big);
	run(mm, small);
	run(mm, big);
	run(sum, huge);
	return 0;
}
