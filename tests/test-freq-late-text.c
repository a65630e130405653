/*
 * A sketch's counter that a cell opens once the offset is above 0 takes
 * its text from the value's next cell: a heavy hitter first seen late is
 * listed with its text and a count within freq_error() of the truth; a
 * merge gives a counter without text the text the other side has; and a
 * long text merged from an exact table into a sketch keeps its "cut".
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freq.h"
#include "harness.h"

/* Count value v in sketch f, shown as text. */
static void
put(struct freq *f, uint64_t v, const char *text)
{
	CHECK(freq_sketch_add(f, th_hash(v), text, strlen(text)) == 0);
}

static void
uniques(struct freq *f, uint64_t from, uint64_t n)
{
	char	 t[32];
	uint64_t j;

	for (j = from; j < from + n; j++) {
		snprintf(t, sizeof(t), "u%llu", (unsigned long long)j);
		put(f, 1000000 + j, t);
	}
}

int
main(void)
{
	struct freq		*a, *b;
	struct freq_item	 top[2];
	char			 longtext[200];
	uint64_t		 j;
	int			 exact;

	/* Unique values first, so that the offset is above 0 ... */
	CHECK((a = freq_new(16)) != NULL);
	uniques(a, 0, 5000);
	CHECK(freq_error(a) > 0);
	/*
	 * ... then a heavy hitter, its first cell spelled otherwise: the
	 * counter it opens waits for a text, which its next cell gives.
	 */
	put(a, 7, "7.00");
	for (j = 0; j < 3000; j++) {
		put(a, 7, "7");
		uniques(a, 10000 + 2 * j, 2);
	}
	CHECK(freq_top(a, top, 2, &exact) == 1 && !exact);
	CHECK(top[0].len == 1 && memcmp(top[0].text, "7", 1) == 0 &&
	    !top[0].cut);
	CHECK(top[0].count <= 3001 && top[0].count + freq_error(a) >= 3001);

	/* A counter without text takes the other side's in a merge. */
	CHECK((b = freq_new(16)) != NULL);
	uniques(b, 100000, 5000);
	put(b, 9, "nine");	/* opened late: no text yet */
	freq_free(a);
	CHECK((a = freq_new(16)) != NULL);
	for (j = 0; j < 4000; j++)
		put(a, 9, "nine");
	uniques(a, 200000, 3000);
	CHECK(freq_merge(b, a) == 0);
	CHECK(freq_top(b, top, 1, &exact) == 1 && !exact);
	CHECK(top[0].len == 4 && memcmp(top[0].text, "nine", 4) == 0);
	CHECK(top[0].count <= 4001 && top[0].count + freq_error(b) >= 4001);
	freq_free(a);
	freq_free(b);

	/* A cut text from an exact table into a sketch stays cut. */
	memset(longtext, 'x', sizeof(longtext));
	CHECK((a = freq_new(16)) != NULL && (b = freq_new(16)) != NULL);
	uniques(a, 300000, 5000);
	for (j = 0; j < 500; j++)
		CHECK(freq_add(b, th_hash(11), longtext, sizeof(longtext)) != -1);
	CHECK(freq_merge(a, b) == 0);
	CHECK(freq_top(a, top, 1, &exact) == 1 && !exact);
	CHECK(top[0].cut && top[0].len == FREQ_TEXT &&
	    top[0].count + freq_error(a) >= 500);
	freq_free(a);
	freq_free(b);
	return 0;
}
