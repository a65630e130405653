/*
 * A column's exact table counts a value seen before without looking at
 * it, and adds up types and sums from its entries when it becomes a
 * sketch or at the end; whatever the split of the input among threads,
 * a column gives what one column fed everything gives.  Split points that
 * matter: a column past its bound on one part and exact on the other
 * (either way round), two exact parts whose union passes the bound, two
 * that together stay within it, and a type spoiled after many distinct
 * values, while exact and once sketched.  Numbers are written two ways
 * ("7" and "7.0") so that a value has two spellings.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "column.h"
#include "harness.h"

#define BOUND	1000

/* The value of cell i of a test column (NULL: empty). */
typedef const char *(*value_fn)(size_t i, char *buf, size_t sz);

static const char *
numbers(size_t i, char *buf, size_t sz)
{
	if (i % 13 == 0)
		return NULL;
	/* 1500 values (of which 300 also as "n.0"), repeated. */
	snprintf(buf, sz, i % 5 == 0 ? "%zu.0" : "%zu", (i * 7919) % 1500);
	return buf;
}

static const char *
spoiled_late(size_t i, char *buf, size_t sz)
{
	if (i == 1700 || i == 2500)
		return "n/a";
	snprintf(buf, sz, "%zu", i);
	return buf;
}

static const char *
spoiled_exact(size_t i, char *buf, size_t sz)
{
	if (i == 900)
		return "2024-01-01";
	snprintf(buf, sz, "-%zu", i % 950);
	return buf;
}

static const char *
texts(size_t i, char *buf, size_t sz)
{
	snprintf(buf, sz, "w%zu", (i * 31) % 1400);
	return buf;
}

static void
feed(struct column *c, value_fn fn, size_t from, size_t to)
{
	char		 buf[64];
	const char	*s;
	size_t		 i;

	for (i = from; i < to; i++) {
		s = fn(i, buf, sizeof(buf));
		CHECK(column_add(c, s ? s : "", s ? strlen(s) : 0,
		    s ? strlen(s) : 0, 1 + i, 0) == 0);
	}
}

/* Everything a profile prints of c, as text. */
static void
summary(struct column *c, char *out, size_t sz)
{
	struct freq_item	 top[5];
	char			 sum[DEC_TEXT_MAX], mn[DEC_TEXT_MAX],
				 mx[DEC_TEXT_MAX];
	size_t			 n = 0, k, ntop;
	uint64_t		 d;
	int			 exact, texact;

	CHECK(column_finish(c) == 0);
	d = freq_distinct(c->freq, &exact);
	ntop = freq_top(c->freq, top, 5, &texact);
	dec_format(&c->sum, 0, sum, sizeof(sum));
	mn[0] = mx[0] = '\0';
	if (c->nmin.set)
		dec_format(&c->nmin.v.num, 0, mn, sizeof(mn));
	if (c->nmax.set)
		dec_format(&c->nmax.v.num, 0, mx, sizeof(mx));
	n += (size_t)snprintf(out + n, sz - n, "count %llu empty %llu nnum "
	    "%llu sum %s/%d sq %llx.%llx.%llx.%llx@%d min %s max %s "
	    "smin %.*s smax %.*s len %llu-%llu scale %d digits %d type %s "
	    "distinct %llu%s", (unsigned long long)c->count,
	    (unsigned long long)c->empty, (unsigned long long)c->nnum, sum,
	    c->sum_over, (unsigned long long)c->sq.sq[3],
	    (unsigned long long)c->sq.sq[2], (unsigned long long)c->sq.sq[1],
	    (unsigned long long)c->sq.sq[0], c->sq.scale, mn, mx,
	    (int)c->smin.len, c->smin.text, (int)c->smax.len, c->smax.text,
	    (unsigned long long)c->minlen, (unsigned long long)c->maxlen,
	    c->scale, c->intdigits, infer_names[column_type(c)],
	    (unsigned long long)d, exact ? "" : "~");
	for (k = 0; k < INFER__MAX; k++)
		n += (size_t)snprintf(out + n, sz - n, " n%zu=%llu", k,
		    (unsigned long long)c->nclass[k]);
	for (k = 0; k < INFER_TEXT; k++)
		if (c->missed & (1u << k))
			n += (size_t)snprintf(out + n, sz - n, " miss%zu@%llu:"
			    "%.*s", k, (unsigned long long)c->miss[k].line,
			    (int)c->miss[k].len, c->miss[k].value);
	/* An estimated top list depends on the order; an exact one not. */
	for (k = 0; texact && k < ntop; k++)
		n += (size_t)snprintf(out + n, sz - n, " top %.*s=%llu",
		    (int)top[k].len, top[k].text,
		    (unsigned long long)top[k].count);
}

/*
 * fn's cells [0, n) into one column, and split at the points cut[]
 * (ncut of them) into parts merged in order: the same summary.
 */
static void
same(const char *what, value_fn fn, size_t n, const size_t *cut,
    size_t ncut, const char *want)
{
	struct column	 one, all, part;
	char		 a[2048], b[2048];
	size_t		 k, from = 0;

	CHECK(column_init(&one, BOUND) == 0);
	feed(&one, fn, 0, n);
	summary(&one, a, sizeof(a));
	CHECK(column_init(&all, BOUND) == 0);
	for (k = 0; k <= ncut; k++) {
		CHECK(column_init(&part, BOUND) == 0);
		feed(&part, fn, from, k < ncut ? cut[k] : n);
		from = k < ncut ? cut[k] : n;
		CHECK(column_merge(&all, &part) == 0);
		column_free(&part);
	}
	summary(&all, b, sizeof(b));
	if (strcmp(a, b) != 0)
		th_fail(__FILE__, __LINE__, "%s: split differs:\n%s\n%s", what,
		    a, b);
	if (want != NULL && strstr(a, want) == NULL)
		th_fail(__FILE__, __LINE__, "%s: no %s in\n%s", what, want, a);
	column_free(&one);
	column_free(&all);
}

int
main(void)
{
	/* Past the bound on the first part only, then on the last only. */
	static const size_t	 late[] = { 3000 }, early[] = { 200 };
	/* Exact parts whose union passes the bound, and one that does not. */
	static const size_t	 halves[] = { 700 }, within[] = { 300 };
	static const size_t	 three[] = { 500, 1000 }, split[] = { 1600 };
	struct column		 c;
	char			 s[2048], want[64];
	size_t			 i, nv = 0;
	unsigned char		 seen[1500];

	same("bound late", numbers, 3500, late, 1, " type decimal ");
	same("bound early", numbers, 3500, early, 1, "distinct 1500~");
	same("union past", texts, 1400, halves, 1, "distinct 1400~");
	same("union within", texts, 900, halves, 1, "distinct 900 ");
	same("union within numbers", numbers, 600, within, 1, NULL);
	same("three", texts, 1300, three, 2, "distinct 1300~");
	/* "5.0" and "5" are one value: counted by value while exact. */
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 1000; i++)
		if (i % 13 != 0 && !seen[(i * 7919) % 1500]++)
			nv++;
	CHECK(column_init(&c, BOUND) == 0);
	feed(&c, numbers, 0, 1000);
	summary(&c, s, sizeof(s));
	snprintf(want, sizeof(want), "distinct %zu ", nv);
	CHECK_HAS(s, want);
	column_free(&c);
	/* The spoilers: once sketched, and while exact. */
	same("spoiled late", spoiled_late, 3000, late, 1,
	    "miss1@1701:n/a miss2@1701:n/a");
	same("spoiled late split", spoiled_late, 3000, split, 1,
	    " n1=2998 n2=0 n3=0 n4=0 n5=2 miss0@1:0 miss1@1701:n/a");
	same("spoiled exact", spoiled_exact, 1000, halves, 1,
	    "miss1@901:2024-01-01");
	same("spoiled exact one", spoiled_exact, 1000, NULL, 0,
	    " type text distinct 950 ");
	return 0;
}
