/*
 * freq_fold() keys an exact table by value: two spellings of one value
 * become one entry with both counts, shown by the spelling seen first and
 * keeping its note, whatever the order of the slots.  A table folded as it
 * turns sketch keeps counting right: its folded entries stay in the
 * entry array beside the dropped ones, and new counters go after both.
 * freq_each() visits the entries that have slots in the order they
 * came, with their counts, before a fold (both spellings) and after it
 * (the first, with both counts).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freq.h"
#include "harness.h"

#define VALUES	300

/* Spelling s (0 first, 1 later) of value v, seen n times. */
static void
spell(struct freq *f, uint64_t v, int s, int n)
{
	char		 t[32];
	unsigned char	*note;
	void		*p;

	snprintf(t, sizeof(t), "%c%llu", s == 0 ? 'a' : 'b',
	    (unsigned long long)v);
	CHECK(freq_put(f, th_hash(2 * v + (uint64_t)s), th_hash(1000000 + v), t,
	    strlen(t), &p) == 1);
	note = p;
	memcpy(note, &v, sizeof(v));
	note[8] = (unsigned char)s;
	while (--n > 0)
		CHECK(freq_hit(f, th_hash(2 * v + (uint64_t)s)));
}

/* Each value's spellings, interleaved: a, then b (1 + v % 5 times). */
static struct freq *
spellings(void)
{
	struct freq	*f;
	uint64_t	 v;

	CHECK((f = freq_new(1000)) != NULL);
	for (v = 0; v < VALUES; v++) {
		spell(f, v, 0, 1);
		spell(f, v, 1, 1 + (int)(v % 5));
	}
	return f;
}

/* What freq_each() visited: each entry's value, spelling and count. */
static struct visit {
	uint64_t	 v, count;
	int		 s;
}			 visits[2 * VALUES + 1];
static size_t		 nvisits;

static void
visit(void *arg, const void *p, uint64_t count)
{
	const unsigned char	*note = p;

	(void)arg;
	CHECK(nvisits < 2 * VALUES);
	memcpy(&visits[nvisits].v, note, sizeof(uint64_t));
	visits[nvisits].s = note[8];
	visits[nvisits++].count = count;
}

/* Whether item it says what its text says: "a<v>", "u<k>" or "hh". */
static int
consistent(const struct freq_item *it)
{
	char	 t[32];
	unsigned long long v;

	if (it->len >= sizeof(t))
		return 0;
	memcpy(t, it->text, it->len);
	t[it->len] = '\0';
	if (strcmp(t, "hh") == 0)
		return it->count == 5000;
	if (sscanf(t, "u%llu", &v) == 1)
		return it->count == 1;
	if (sscanf(t, "a%llu", &v) == 1)
		return v < VALUES && it->count == 2 + v % 5;
	return 0;
}

int
main(void)
{
	static struct freq_item	 top[2000];
	struct freq		*f;
	const unsigned char	*note;
	const void		*p;
	char			 t[32];
	uint64_t		 count, v;
	size_t			 i, n, seen = 0;
	int			 exact;

	f = spellings();
	CHECK(freq_distinct(f, &exact) == 2 * VALUES && exact);
	/* Both spellings, in the order they came: a0, b0, a1, b1... */
	CHECK(freq_each(f, visit, NULL) == 0 && nvisits == 2 * VALUES);
	for (i = 0; i < nvisits; i++)
		CHECK(visits[i].v == i / 2 && visits[i].s == (int)(i % 2) &&
		    visits[i].count == (i % 2 ? 1 + visits[i].v % 5 : 1));
	CHECK(freq_fold(f) == 0);
	CHECK(freq_distinct(f, &exact) == VALUES && exact);
	/* Folded: the first spellings, with both counts. */
	nvisits = 0;
	CHECK(freq_each(f, visit, NULL) == 0 && nvisits == VALUES);
	for (i = 0; i < nvisits; i++)
		CHECK(visits[i].v == i && visits[i].s == 0 &&
		    visits[i].count == 2 + i % 5);
	for (i = 0; i < freq_slots(f); i++) {
		if (!freq_entry(f, i, &count, &p))
			continue;
		note = p;
		memcpy(&v, note, sizeof(v));
		CHECK(v < VALUES && count == 2 + v % 5);
		CHECK(note[8] == 0);	/* the note of the first seen */
		seen++;
	}
	CHECK(seen == VALUES);
	/* The most frequent (6), ties by text: a104 before a14. */
	CHECK(freq_top(f, top, 2, &exact) == 2 && exact);
	CHECK(top[0].len == 4 && memcmp(top[0].text, "a104", 4) == 0 &&
	    top[0].count == 6);
	CHECK(top[1].len == 4 && memcmp(top[1].text, "a109", 4) == 0);
	freq_free(f);

	/* Folded as it turns sketch, then counting new values. */
	f = spellings();
	CHECK(freq_sketch(f) == 0);
	for (v = 0; v < 5000; v++)
		CHECK(freq_sketch_add(f, th_hash(7), "hh", 2) == 0);
	for (v = 0; v < 500; v++) {
		snprintf(t, sizeof(t), "u%llu", (unsigned long long)v);
		CHECK(freq_sketch_add(f, th_hash(5000000 + v), t,
		    strlen(t)) == 0);
	}
	CHECK(freq_error(f) == 0);
	n = freq_top(f, top, sizeof(top) / sizeof(top[0]), &exact);
	CHECK(n == VALUES + 501 && !exact);
	for (i = 0; i < n; i++)
		CHECK(consistent(&top[i]));
	CHECK(top[0].count == 5000);
	freq_free(f);
	return 0;
}
