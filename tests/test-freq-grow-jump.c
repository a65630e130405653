/*
 * An exact table whose first 16,385 values came with hardly a repeat (an
 * id) grows at once to its full size (131,072 slots for a bound of
 * 100,000) instead of doubling twice more, and keeps every count; one
 * whose values repeat (1 cell in 60 here) doubles as before, and so
 * does one whose bound the next size holds, or one of 3,000 values
 * listed once before any repeat (a sorted file).  Either
 * way it stays exact to its bound and counts every value's cells.
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

/*
 * Values 0 to n - 1, each had once, once more: n values, exact, the
 * first two (by text) counted twice, or three times if asked.
 */
static void
counted(struct freq *f, uint64_t n, uint64_t twice)
{
	struct freq_item	 top[2];
	uint64_t		 j;
	int			 exact;

	for (j = 0; j < n; j++)
		add(f, j);
	CHECK(freq_distinct(f, &exact) == n && exact);
	CHECK(freq_top(f, top, 2, &exact) == 2 && exact);
	CHECK(top[0].count == twice && top[1].count == twice);
	CHECK(memcmp(top[0].text, "v0", 2) == 0 && top[0].len == 2);
	CHECK(memcmp(top[1].text, "v1", 2) == 0 && top[1].len == 2);
}

int
main(void)
{
	struct freq	*f;
	uint64_t	 j;

	/* Unique: full size at the 16,385th value. */
	CHECK((f = freq_new(100000)) != NULL);
	for (j = 0; j < 16384; j++)
		add(f, j);
	CHECK(freq_slots(f) == 32768);
	add(f, 16384);
	CHECK(freq_slots(f) == 131072);
	counted(f, 16385, 2);
	/* And on, exact to the bound, the table no bigger. */
	for (j = 16385; j < 100000; j++)
		add(f, j);
	CHECK(freq_slots(f) == 131072);
	counted(f, 100000, 3);
	freq_free(f);

	/* Values that repeat: 273 of the first 16,658 cells. */
	CHECK((f = freq_new(100000)) != NULL);
	for (j = 0; j < 16385; j++) {
		add(f, j);
		if (j % 60 == 59)
			add(f, j);
	}
	CHECK(freq_slots(f) == 65536);
	freq_free(f);

	/* 3,000 values once each, then repeats: as small as it was. */
	CHECK((f = freq_new(100000)) != NULL);
	for (j = 0; j < 3000; j++)
		add(f, j);
	for (j = 0; j < 20000; j++)
		add(f, j % 3000);
	CHECK(freq_slots(f) == 8192);
	freq_free(f);

	/* A bound that one doubling holds at 4/5: nothing to jump to. */
	CHECK((f = freq_new(6000)) != NULL);
	for (j = 0; j < 6000; j++)
		add(f, j);
	CHECK(freq_slots(f) == 8192);
	counted(f, 6000, 2);
	freq_free(f);
	return 0;
}
