/*
 * The filter before a sketch's counters (freq.c) keeps, at the end of
 * each span, the bits of the values that have counters and only those:
 * a value with a counter loses no cell to a span's end, whether its
 * counter was opened, or rebuilt by a purge, and a value whose counter a
 * purge dropped has its first cell after a span's end taken again.  The
 * values' hashes are chosen so that only the values meant to meet in the
 * filter do: a filler's bit is its own (bits 18 to 33 of the hash), so
 * that every count below is known exactly.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freq.h"
#include "harness.h"

/* The next filter bit of a filler, and the cells a span takes. */
static uint64_t	 pattern = 2;
#define SPAN	(65536 / 8)

/* A hash whose filter bit is p (p below 65,536). */
static uint64_t
hash_of(uint64_t p)
{
	return p << 18 | (th_hash(p) & ~(((uint64_t)1 << 34) - 1)) | 1;
}

static void
add(struct freq *f, uint64_t h, const char *text)
{
	CHECK(freq_sketch_add(f, h, text, strlen(text)) == 0);
}

/* n values of their own bit, once each: first cells the filter takes. */
static void
fill(struct freq *f, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		CHECK(pattern < 65536);
		add(f, hash_of(pattern++), "filler");
	}
}

/* A sketch with dense registers, no counter, and an offset of 1. */
static struct freq *
sketch(void)
{
	struct freq	*f;
	size_t		 i;

	CHECK((f = freq_new(4000)) != NULL);
	for (i = 0; i < 3000; i++)
		CHECK(freq_add(f, hash_of(pattern++), "once", 4) == 1);
	CHECK(freq_sketch(f) == 0);
	CHECK(freq_top(f, NULL, 0, &(int){0}) == 0);
	return f;
}

/* The count of the first value listed, which must be text. */
static uint64_t
top_count(struct freq *f, const char *text)
{
	struct freq_item	 top[1];
	int			 exact;

	CHECK(freq_top(f, top, 1, &exact) == 1 && !exact);
	CHECK(top[0].len == strlen(text) &&
	    memcmp(top[0].text, text, top[0].len) == 0);
	return top[0].count;
}

int
main(void)
{
	struct freq	*f;
	uint64_t	 x = hash_of(1), d, truth = 0;
	size_t		 i, k;

	/*
	 * X among fillers over three spans: its first cell is the filter's,
	 * the second opens its counter, and no other cell is lost.
	 */
	f = sketch();
	for (i = 0; i < 3 * SPAN; i++) {
		if (i % 10 == 0) {
			add(f, x, "X");
			truth++;
		} else
			fill(f, 1);
	}
	CHECK(top_count(f, "X") == truth - 1);
	/*
	 * 1,023 values twice: counters of 1 and X's fill the table, and
	 * the next opens a purge, which rebuilds X's counter (one less) and
	 * drops the others.  X goes on over two more spans.
	 */
	for (k = 0; k < 1024; k++) {
		d = hash_of(pattern++);
		add(f, d, "twice");
		add(f, d, "twice");
	}
	for (i = 0; i < 2 * SPAN; i++) {
		if (i % 10 == 0) {
			add(f, x, "X");
			truth++;
		} else
			fill(f, 1);
	}
	CHECK(top_count(f, "X") == truth - 2);
	freq_free(f);

	/*
	 * Counters of 1 only: the purge empties the table.  D, one of them,
	 * then meets the filter anew after a span: its first cell is taken
	 * (its bit went with its counter), the rest counted.
	 */
	pattern = 2;
	f = sketch();
	for (k = 0; k < 1025; k++) {
		d = hash_of(pattern++);
		add(f, d, "D");
		add(f, d, "D");
	}
	d = hash_of(pattern - 1025);
	fill(f, SPAN);
	for (i = 0; i < 50; i++)
		add(f, d, "D");
	CHECK(top_count(f, "D") == 49);
	freq_free(f);
	return 0;
}
