/*
 * The heavy-hitter summary keeps its promise behind its filter (freq.c),
 * checked against exact counts: on a column of generated values, twenty
 * frequent ones at known counts among a quarter million unique ones and
 * some seen twice or thrice far apart, every listed count is at most the
 * truth and at most freq_error() below it, every value more frequent
 * than twice the error is listed (a value more frequent than the error
 * has a counter, whose count may still be within the error and so not
 * shown), and the error stays below 2n /
 * FREQ_COUNTERS; the same for two halves merged.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freq.h"
#include "harness.h"

#define CELLS	400000
#define HEAVY	20

/* The value of cell i: heavy value k (1..HEAVY) or another. */
static uint64_t
value(uint64_t i)
{
	uint64_t	 r = th_hash(i ^ 0x5eed) % 1000, k;

	/* Heavy value k takes 40 / k of every 1000 cells or so. */
	for (k = 1; k <= HEAVY; k++) {
		if (r < 40 / k)
			return k;
		r -= 40 / k;
	}
	/* Some values come back: i, i + 100,000 and i + 200,000. */
	if (r < 100)
		return 1000000 + i % 100000;
	return 2000000 + i;
}

static void
add(struct freq *f, uint64_t v)
{
	char	 t[32];

	snprintf(t, sizeof(t), "v%llu", (unsigned long long)v);
	CHECK(freq_sketch_add(f, th_hash(v), t, strlen(t)) == 0);
}

/* Check f's top list against the true counts of the heavy values. */
static void
check(struct freq *f, const uint64_t *truth, uint64_t n)
{
	struct freq_item	 top[HEAVY + 5];
	uint64_t		 err = freq_error(f), v, k;
	size_t			 got, i;
	int			 exact, listed[HEAVY + 1];
	char			 t[32];

	CHECK(err > 0 && err < 2 * n / FREQ_COUNTERS);
	got = freq_top(f, top, HEAVY + 5, &exact);
	CHECK(!exact && got > 0);
	memset(listed, 0, sizeof(listed));
	for (i = 0; i < got; i++) {
		CHECK(top[i].len < sizeof(t));
		memcpy(t, top[i].text, top[i].len);
		t[top[i].len] = '\0';
		/* Only heavy values can beat the error here. */
		CHECK(sscanf(t, "v%llu", (unsigned long long *)&v) == 1);
		CHECK(v >= 1 && v <= HEAVY);
		CHECK(top[i].count <= truth[v]);
		CHECK(top[i].count + err >= truth[v]);
		CHECK(top[i].count > err);
		listed[v] = 1;
	}
	for (k = 1; k <= HEAVY; k++)
		CHECK(truth[k] <= 2 * err || listed[k]);
}

int
main(void)
{
	struct freq	*f, *a, *b;
	uint64_t	 truth[HEAVY + 1], i, v;

	memset(truth, 0, sizeof(truth));
	CHECK((f = freq_new(16)) != NULL && (a = freq_new(16)) != NULL &&
	    (b = freq_new(16)) != NULL);
	CHECK(freq_sketch(f) == 0 && freq_sketch(a) == 0 &&
	    freq_sketch(b) == 0);
	for (i = 0; i < CELLS; i++) {
		v = value(i);
		if (v <= HEAVY)
			truth[v]++;
		add(f, v);
		add(i < CELLS / 2 ? a : b, v);
	}
	/* The generator's heavy values are what the check expects. */
	CHECK(truth[1] > 15000 && truth[HEAVY] > 500);
	check(f, truth, CELLS);
	CHECK(freq_merge(a, b) == 0);
	check(a, truth, CELLS);
	freq_free(f);
	freq_free(a);
	freq_free(b);
	return 0;
}
