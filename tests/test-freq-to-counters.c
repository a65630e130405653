/*
 * An exact table turned sketch keeps the FREQ_COUNTERS largest counts
 * less the median-of-medians floor, which becomes its error: freq_error()
 * and every listed count must be what the selection over all the counts
 * gives (computed here with qsort), whether most counts are 1 (the table
 * of a column past its bound, whose first median is 1 without looking
 * at an array of them) or not, and with the counts above 1 more or fewer
 * than FREQ_COUNTERS.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "freq.h"
#include "harness.h"

#define VALUES	20000

static int
cmp64(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The floor to_counters() must find: medians until FREQ_COUNTERS left. */
static int64_t
floor_of(const int64_t *counts, size_t n)
{
	int64_t	*c = malloc(n * sizeof(*c)), floor = 0;
	size_t	 i, j;

	CHECK(c != NULL);
	memcpy(c, counts, n * sizeof(*c));
	while (n > FREQ_COUNTERS) {
		qsort(c, n, sizeof(*c), cmp64);
		floor = c[n / 2];
		for (i = j = 0; i < n; i++)
			if (c[i] > floor)
				c[j++] = c[i];
		n = j;
	}
	free(c);
	return floor;
}

/* count(v): value v's cells; the table sketched after all of them. */
static void
check(const char *what, int64_t (*count)(size_t))
{
	static int64_t		 counts[VALUES];
	struct freq		*f;
	struct freq_item	 top[10];
	char			 t[32];
	size_t			 v, k, n;
	int64_t			 floor, want;
	int			 exact;

	CHECK((f = freq_new(VALUES)) != NULL);
	for (v = 0; v < VALUES; v++) {
		counts[v] = count(v);
		snprintf(t, sizeof(t), "%zu", v);
		for (k = 0; k < (size_t)counts[v]; k++)
			CHECK(freq_add(f, th_hash(v), t, strlen(t)) != -1);
	}
	CHECK(!freq_sketched(f));
	CHECK(freq_sketch(f) == 0);
	floor = floor_of(counts, VALUES);
	if ((int64_t)freq_error(f) != floor)
		th_fail(__FILE__, __LINE__, "%s: error %llu, want %lld", what,
		    (unsigned long long)freq_error(f), (long long)floor);
	n = freq_top(f, top, 10, &exact);
	CHECK(!exact);
	CHECK(n > 0);
	for (k = 0; k < n; k++) {
		/* The text is not terminated. */
		CHECK(top[k].len < sizeof(t));
		memcpy(t, top[k].text, top[k].len);
		t[top[k].len] = '\0';
		v = (size_t)strtoull(t, NULL, 10);
		CHECK(v < VALUES);
		want = counts[v] - floor;
		if ((int64_t)top[k].count != want)
			th_fail(__FILE__, __LINE__, "%s: %zu counted %llu, "
			    "want %lld", what, v,
			    (unsigned long long)top[k].count, (long long)want);
	}
	freq_free(f);
}

/* A few heavy hitters, listed above any floor. */
static int64_t
heavy(size_t v)
{
	return 200 + 10 * (int64_t)v;
}

/* Mostly 1, and 3,000 values above it: more than FREQ_COUNTERS. */
static int64_t
many_above(size_t v)
{
	if (v < 5)
		return heavy(v);
	return v % 6 == 0 && v < 18000 ? 2 + (int64_t)(th_hash(v) % 40) : 1;
}

/* Mostly 1, and 500 values above it: fewer than FREQ_COUNTERS. */
static int64_t
few_above(size_t v)
{
	if (v < 5)
		return heavy(v);
	return v % 40 == 0 ? 2 + (int64_t)(th_hash(v) % 40) : 1;
}

/* Exactly half 1: the median is not 1, the array holds every count. */
static int64_t
half_ones(size_t v)
{
	if (v < 6)
		return v % 2 ? 1 : heavy(v);
	return v % 2 ? 1 : 2 + (int64_t)(th_hash(v) % 9);
}

int
main(void)
{
	check("many above 1", many_above);
	check("few above 1", few_above);
	check("half ones", half_ones);
	return 0;
}
