/*
 * A key sort of many groups (the radix pass, then buckets sorted on one
 * thread or two) orders every group once, by key cells in byte order:
 * keys that tie in their first 12 bytes, first cells of 0 and 1 bytes,
 * bytes of 0x00 and 0xff, and keys of several cells; one thread and two
 * give the same order, and a table of few groups (introsort alone) agrees
 * with them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "agg.h"
#include "query.h"

#define NGROUPS	70000

/* Append a cell of len bytes to key at *pos. */
static void
cell(char *key, size_t *pos, const char *b, size_t len)
{
	key[(*pos)++] = (char)(len & 0xff);
	key[(*pos)++] = (char)(len >> 8);
	memcpy(key + *pos, b, len);
	*pos += len;
}

/* Group k's key, of one or two cells, into key; returns its length. */
static size_t
key_of(size_t k, char *key)
{
	char	 b[64];
	size_t	 pos = 0, i;
	uint32_t x = (uint32_t)(k * 2654435761u);

	switch (k % 5) {
	case 0:		/* ties in the first 12 bytes */
		snprintf(b, sizeof(b), "same-prefix-%08zu", k);
		cell(key, &pos, b, strlen(b));
		break;
	case 1:		/* a 1-byte first cell, then a second */
		b[0] = (char)(k % 251);
		cell(key, &pos, b, 1);
		snprintf(b, sizeof(b), "%zu", k);
		cell(key, &pos, b, strlen(b));
		break;
	case 2:		/* any bytes, 0x00 and 0xff among them */
		for (i = 0; i < 16; i++)
			b[i] = (char)(x >> (i % 4 * 8) ^ (uint32_t)(i * 37));
		b[0] = (char)(k % 3 == 0 ? 0xff : k % 3 == 1 ? 0 : b[0]);
		memcpy(b + 12, &k, 4);
		cell(key, &pos, b, 16);
		break;
	case 3:		/* an empty first cell */
		cell(key, &pos, b, 0);
		snprintf(b, sizeof(b), "%zu", k);
		cell(key, &pos, b, strlen(b));
		break;
	default:	/* a name of 1 to 30 letters */
		for (i = 0; i < 1 + x % 30; i++)
			b[i] = (char)('a' + (x >> (i % 8)) % 26);
		snprintf(b + i, sizeof(b) - i, "%zu", k);
		cell(key, &pos, b, strlen(b));
		break;
	}
	return pos;
}

/* Key cells compared in byte order, as agg.c's sort promises. */
static int
cmp(const char *a, size_t al, const char *b, size_t bl)
{
	size_t		 pa = 0, pb = 0, la, lb;
	const char	*ca, *cb;
	int		 c;

	for (;;) {
		ca = agg_key_cell(a, al, &pa, &la);
		cb = agg_key_cell(b, bl, &pb, &lb);
		if (ca == NULL || cb == NULL)
			return (ca != NULL) - (cb != NULL);
		if ((c = memcmp(ca, cb, la < lb ? la : lb)) != 0)
			return c;
		if (la != lb)
			return la < lb ? -1 : 1;
	}
}

static struct agg *
table(size_t n)
{
	static const unsigned	 needs[1] = { QUERY_NEED_SUM };
	struct agg		*a;
	struct dec		 v = { 1, 0 };
	unsigned char		 present = 1;
	char			 key[128];
	size_t			 k, len, bad;

	CHECK((a = agg_new(1, NGROUPS, NULL)) != NULL);
	CHECK(agg_set_needs(a, needs, 1) == 0);
	for (k = 0; k < n; k++) {
		len = key_of(k, key);
		CHECK(agg_add(a, key, len, &v, &present, NULL, NULL, &bad) ==
		    AGG_ADD_OK);
	}
	return a;
}

int
main(void)
{
	struct agg	*a, *small;
	const char	*k, *prev;
	size_t		 i, len, plen = 0, j;
	uint64_t	 seen = 0;
	unsigned	 t;

	a = table(NGROUPS);
	for (t = 1; t <= 2; t++) {
		CHECK(agg_sort(a, AGG_ORDER_KEY, NULL, NULL, t) == 0);
		CHECK(agg_count(a) == NGROUPS);
		prev = NULL;
		for (i = 0; i < NGROUPS; i++) {
			k = agg_key(a, i, &len);
			/* Strictly increasing: each key once, in order. */
			if (prev != NULL)
				CHECK(cmp(prev, plen, k, len) < 0);
			prev = k;
			plen = len;
			seen += agg_rows(a, i);
		}
	}
	CHECK(seen == 2 * NGROUPS);

	/* Few groups: introsort alone, the same relative order. */
	small = table(5000);
	CHECK(agg_sort(small, AGG_ORDER_KEY, NULL, NULL, 2) == 0);
	for (i = 0, j = 0; i < agg_count(small); i++) {
		k = agg_key(small, i, &len);
		for (; j < NGROUPS; j++) {
			size_t		 l2;
			const char	*k2 = agg_key(a, j, &l2);

			if (l2 == len && memcmp(k2, k, len) == 0)
				break;
			/* A key of small not met yet sorts after this one. */
			CHECK(cmp(k2, l2, k, len) < 0);
		}
		CHECK(j < NGROUPS);
	}
	agg_free(small);
	agg_free(a);
	return 0;
}
