/*
 * The frequency table is exact up to its bound and an estimate one past
 * it: the distinct count within three standard errors (2.43%), the heavy
 * hitters still first with counts at most freq_error() below the truth,
 * and a column of unique values lists no top values at all.  Merging two
 * exact halves gives what one table fed everything gives, and counts
 * of hundreds of thousands add up through a merge and into the sketch.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freq.h"
#include "harness.h"

static void
add(struct freq *f, uint64_t v)
{
	char	 t[32];

	snprintf(t, sizeof(t), "v%llu", (unsigned long long)v);
	CHECK(freq_add(f, th_hash(v), t, strlen(t)) != -1);
}

int
main(void)
{
	struct freq		*f, *a, *b;
	struct freq_item	 top[3];
	uint64_t		 j, d;
	int			 exact;

	/* At the bound: exact. */
	CHECK((f = freq_new(1000)) != NULL);
	for (j = 0; j < 1000; j++)
		add(f, j);
	/* Known values say so while the table is exact. */
	CHECK(freq_add(f, th_hash(7), "v7", 2) == 0);
	add(f, 7);
	add(f, 3);
	CHECK(freq_distinct(f, &exact) == 1000 && exact);
	CHECK(freq_top(f, top, 3, &exact) == 3 && exact);
	CHECK(top[0].count == 3 && top[0].len == 2 &&
	    memcmp(top[0].text, "v7", 2) == 0);
	CHECK(top[1].count == 2 && memcmp(top[1].text, "v3", 2) == 0);
	/* Ties go by text. */
	CHECK(top[2].count == 1 && memcmp(top[2].text, "v0", 2) == 0);
	/* One past: an estimate, where nothing is known to be old. */
	CHECK(freq_add(f, th_hash(1000), "v1000", 5) == 1);
	CHECK(freq_add(f, th_hash(7), "v7", 2) == 1);
	d = freq_distinct(f, &exact);
	CHECK(!exact);
	CHECK(d > 1001 * 0.97 && d < 1001 * 1.03);
	freq_free(f);

	/* Many values, two heavy hitters. */
	CHECK((f = freq_new(1000)) != NULL);
	for (j = 0; j < 200000; j++) {
		add(f, j % 5 == 0 ? 1 : j % 7 == 0 ? 2 : 1000 + j);
	}
	d = freq_distinct(f, &exact);
	CHECK(!exact && d > 2 && (double)d > 137145 * 0.9757 &&
	    (double)d < 137145 * 1.0243);
	CHECK(freq_top(f, top, 2, &exact) == 2 && !exact);
	CHECK(memcmp(top[0].text, "v1", 2) == 0 && top[0].len == 2);
	CHECK(top[0].count <= 40000 && top[0].count + freq_error(f) >= 40000);
	CHECK(memcmp(top[1].text, "v2", 2) == 0 && top[1].len == 2);
	CHECK(top[1].count <= 22857 && top[1].count + freq_error(f) >= 22857);
	CHECK(freq_error(f) < 2 * 200000 / FREQ_COUNTERS);
	freq_free(f);

	/* Unique values: none is known to be frequent. */
	CHECK((f = freq_new(1000)) != NULL);
	for (j = 0; j < 50000; j++)
		add(f, j);
	CHECK(freq_top(f, top, 3, &exact) == 0 && !exact);
	freq_free(f);

	/* Two exact halves merge to the whole. */
	CHECK((a = freq_new(1000)) != NULL && (b = freq_new(1000)) != NULL);
	for (j = 0; j < 900; j++)
		add(j < 450 ? a : b, j % 300);
	CHECK(freq_merge(a, b) == 0);
	CHECK(freq_distinct(a, &exact) == 300 && exact);
	CHECK(freq_top(a, top, 1, &exact) == 1 && top[0].count == 3);
	freq_free(b);
	/* ... and past the bound together. */
	CHECK((b = freq_new(1000)) != NULL);
	for (j = 0; j < 900; j++)
		add(b, 5000 + j);
	CHECK(freq_merge(a, b) == 0);
	d = freq_distinct(a, &exact);
	CHECK(!exact && d > 1200 * 0.97 && d < 1200 * 1.03);
	freq_free(a);
	freq_free(b);

	/* Large counts, exact, merged and then sketched. */
	CHECK((a = freq_new(1000)) != NULL && (b = freq_new(1000)) != NULL);
	for (j = 0; j < 200000; j++) {
		add(a, 1);
		add(b, j % 3 == 0 ? 1 : 2);
	}
	CHECK(freq_merge(a, b) == 0);
	CHECK(freq_top(a, top, 2, &exact) == 2 && exact);
	CHECK(top[0].count == 266667 && memcmp(top[0].text, "v1", 2) == 0);
	CHECK(top[1].count == 133333 && memcmp(top[1].text, "v2", 2) == 0);
	for (j = 0; j < 100000; j++)
		add(a, j % 2 == 0 ? 1 : 10 + j);
	CHECK(freq_top(a, top, 2, &exact) == 2 && !exact);
	CHECK(top[0].count <= 316667 &&
	    top[0].count + freq_error(a) >= 316667);
	CHECK(top[1].count <= 133333 &&
	    top[1].count + freq_error(a) >= 133333);
	freq_free(a);
	freq_free(b);
	return 0;
}
