/*
 * freq_probe_hit() reads a table a cache line at a time (freq.h): a value
 * whose home line is full is found on the next one, the last line of the
 * table goes on at the first, and a value that is not there is told from
 * one that is by the line that is not full.  Hashes below 2^29 have the
 * home line of their low bits, so these are made to crowd one line: the
 * table's last of 64 slots, then, grown, its first.  Each hit counts once
 * in its own slot; misses change nothing; a hash of 0 is the value 1; a
 * value alone on the line after its full home line is found.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freq.h"
#include "harness.h"

/* The k-th hash whose home is slot 'home' of a table of cap slots. */
static uint64_t
at(size_t home, size_t cap, uint64_t k)
{
	return home + k * cap;
}

/* Count of the entry whose note starts with the byte tag, or -1. */
static int64_t
count_of(const struct freq *f, unsigned char tag)
{
	const void	*note;
	uint64_t	 count;
	size_t		 i;

	for (i = 0; i < freq_slots(f); i++)
		if (freq_entry(f, i, &count, &note) &&
		    *(const unsigned char *)note == tag)
			return (int64_t)count;
	return -1;
}

static void
put(struct freq *f, uint64_t h, unsigned char tag)
{
	void	*note;
	char	 t[8];

	snprintf(t, sizeof(t), "t%u", tag);
	CHECK(!freq_hit(f, h));
	CHECK(freq_put(f, h, h, t, strlen(t), &note) == 1);
	*(unsigned char *)note = tag;
}

int
main(void)
{
	struct freq_probe	*p;
	struct freq		*f;
	uint64_t		 k;
	int			 n;

	/* 64 slots: ten values of the last line fill it and wrap round. */
	CHECK((f = freq_new(1000)) != NULL);
	p = freq_probe(f);
	CHECK(p->mask == 63 && ((uintptr_t)p->slot & 63) == 0);
	CHECK(freq_home(at(61, 64, 3), 63) == 60);
	for (k = 0; k < 10; k++)
		put(f, at(60 + k % 4, 64, k), (unsigned char)(1 + k));
	/* One of the first line's own, behind the six that wrapped. */
	put(f, at(1, 64, 1), 20);
	/* A hash of 0 is stored as 1, a value of the first line too. */
	put(f, 0, 21);
	CHECK(freq_hit(f, 1));
	CHECK(p->mask == 63);
	for (n = 0; n < 3; n++) {
		for (k = 0; k < 10; k++)
			CHECK(freq_probe_hit(p, at(60 + k % 4, 64, k)));
		CHECK(freq_probe_hit(p, at(1, 64, 1)));
		CHECK(freq_probe_hit(p, 0));
	}
	/* Not there: past full lines to one with room. */
	CHECK(!freq_probe_hit(p, at(60, 64, 10)));
	CHECK(!freq_probe_hit(p, at(2, 64, 7)));
	CHECK(!freq_probe_hit(p, at(8, 64, 0)));
	for (k = 0; k < 10; k++)
		CHECK(count_of(f, (unsigned char)(1 + k)) == 4);
	CHECK(count_of(f, 20) == 4);
	CHECK(count_of(f, 21) == 5);

	/* Grown to 128 slots and more (half full), the same counts. */
	for (k = 0; k < 40; k++)
		put(f, at(124, 128, 100 + k), (unsigned char)(30 + k));
	CHECK(p->mask >= 127 && ((uintptr_t)p->slot & 63) == 0);
	for (k = 0; k < 10; k++)
		CHECK(freq_probe_hit(p, at(60 + k % 4, 64, k)));
	for (k = 0; k < 40; k++) {
		CHECK(freq_probe_hit(p, at(124, 128, 100 + k)));
		CHECK(count_of(f, (unsigned char)(30 + k)) == 2);
	}
	for (k = 0; k < 10; k++)
		CHECK(count_of(f, (unsigned char)(1 + k)) == 5);
	CHECK(!freq_probe_hit(p, at(124, 128, 140)));
	CHECK(freq_distinct(f, &n) == 52 && n);

	/* A sketch's probe finds nothing. */
	CHECK(freq_sketch(f) == 0);
	p = freq_probe(f);
	CHECK(!freq_probe_hit(p, at(60, 64, 0)) && !freq_probe_hit(p, 0));
	freq_free(f);

	/* A value alone on the line after its full home line. */
	CHECK((f = freq_new(1000)) != NULL);
	p = freq_probe(f);
	for (k = 0; k < 5; k++)
		put(f, at(20, 64, k), (unsigned char)(1 + k));
	for (k = 0; k < 5; k++)
		CHECK(freq_probe_hit(p, at(20, 64, k)));
	CHECK(!freq_probe_hit(p, at(20, 64, 5)));
	CHECK(!freq_probe_hit(p, at(24, 64, 1)));
	CHECK(count_of(f, 5) == 2);
	/* And the line's own value after it. */
	put(f, at(24, 64, 1), 6);
	CHECK(freq_probe_hit(p, at(24, 64, 1)) && count_of(f, 6) == 2);
	CHECK(freq_probe_hit(p, at(20, 64, 4)) && count_of(f, 5) == 3);
	CHECK(freq_sketch(f) == 0);
	p = freq_probe(f);
	CHECK(!freq_probe_hit(p, at(60, 64, 0)) && !freq_probe_hit(p, 0));
	freq_free(f);
	return 0;
}
