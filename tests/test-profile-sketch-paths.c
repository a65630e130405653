/*
 * A column past its bound counts a cell through quick paths
 * (column_count_hashed(): a number at the last number's scale, a short
 * ASCII text between the extremes) that must give what the general path
 * gives.  Generated columns whose values turn every way those paths test
 * (ids up and down, signs, scales and digits that change, squares that
 * carry out of 128 bits, numbers past 64 bits, texts of every length with
 * new extremes, non-ASCII ones between them, spoilers, booleans and
 * dates) are fed four
 * ways: as profile.c's count_row() does (column_count_hashed() while the
 * table is exact, then column_count_sketched(), which hashes a cell's
 * bytes only where a text needs it) into a column of bound 16 and into
 * an exact one, through column_count_hashed() alone into another of bound
 * 16, through column_add() (the general path) into a fourth, and as
 * profile.c's blocks do once a sketch (column_count_sketched_n(), on
 * blocks of 1 to 160 cells) into a fifth.  The four sketches print the
 * same in everything, estimates too, and the exact column the same in
 * everything exact.  A column of cells cut to READER_SLOT_BYTES and of
 * sums near 2^127 tests the edges of the blocks' runs.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "column.h"
#include "harness.h"
#include "hash.h"

#define CELLS	30000

typedef const char *(*value_fn)(size_t i, char *buf, size_t sz);

/* Ids up, then down, then up past where they were. */
static const char *
ids(size_t i, char *buf, size_t sz)
{
	long long	 v = i < 10000 ? (long long)i + 1 : i < 20000 ?
			    20000 - (long long)i : (long long)i * 3;

	snprintf(buf, sz, "%lld", v);
	return buf;
}

/* Numbers whose sign, digits and scale change; a few past 64 bits. */
static const char *
numbers(size_t i, char *buf, size_t sz)
{
	uint64_t	 r = th_hash(i);
	long long	 v = (long long)(r % 100000) - 50000;

	if (i % 997 == 0)
		return NULL;
	if (i % 4001 == 0) {
		snprintf(buf, sz, "123456789012345678901%zu", i);
		return buf;
	}
	/* Squares of about 10^36 carry out of 128 bits every 340 cells. */
	if (i >= 1000 && i < 2000) {
		snprintf(buf, sz, "%lld", 999999999999999999LL - (long long)i);
		return buf;
	}
	switch (i / 2500 % 4) {
	case 0:
		snprintf(buf, sz, "%lld", v);
		break;
	case 1:
		snprintf(buf, sz, "%s%lld.%02lld", v < 0 ? "-" : "",
		    (v < 0 ? -v : v) / 100, (v < 0 ? -v : v) % 100);
		break;
	case 2:
		/* Longer ones now and then: more digits before the point. */
		snprintf(buf, sz, "%lld.%03lld", i % 101 == 0 ? v * 1000000 :
		    v / 1000, (v < 0 ? -v : v) % 1000);
		break;
	default:
		snprintf(buf, sz, "%lld", i % 211 == 0 ? v * 100000000LL : v);
		break;
	}
	return buf;
}

/* Texts of every length, new extremes now and then, some not ASCII. */
static const char *
texts(size_t i, char *buf, size_t sz)
{
	uint64_t	 r = th_hash(i + 77);

	switch (r % 16) {
	case 0:
		snprintf(buf, sz, "ab%zu", i % 7);
		break;
	case 1:
		snprintf(buf, sz, "SKU-\xc3\xa9t\xc3\xa9-%06zu", i);
		break;
	case 2:
		snprintf(buf, sz, "SKU-%06llu-and-a-long-tail",
		    (unsigned long long)(r >> 8) % 1000000);
		break;
	case 3:
		/* A new smallest or largest now and then. */
		snprintf(buf, sz, i % 2 ? "A-min-%05zu" : "zz-max-%05zu",
		    i % 2 ? CELLS - i : i);
		break;
	default:
		snprintf(buf, sz, "SKU-%06llu",
		    (unsigned long long)(r >> 8) % 1000000);
		break;
	}
	return buf;
}

/*
 * Texts of 8 to 16 bytes between the extremes, the longest in characters
 * ASCII and the shortest not.
 */
static const char *
accents(size_t i, char *buf, size_t sz)
{
	if (i == 0)
		return "A-first-min";
	if (i == 1)
		return "zz-last-max";
	if (i % 3 == 0)
		snprintf(buf, sz, "M\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		    "\xc3\xa9\xc3\xa9%zu", i % 10);
	else
		snprintf(buf, sz, "M-%09zu", i);
	return buf;
}

/*
 * Texts of 11 bytes between the extremes, then of 10 to 14 (the shortest
 * and the longest come in blocks' runs of texts), and of 15 bytes with
 * two characters of two bytes at the end (13 characters).
 */
static const char *
lengths(size_t i, char *buf, size_t sz)
{
	if (i == 0)
		return "A-first-min";
	if (i == 1)
		return "zz-last-max";
	if (i >= 1000 && i % 7 == 0)
		snprintf(buf, sz, "M-%09zu\xc3\xa9\xc3\xa9", i);
	else
		snprintf(buf, sz, "M-%0*zu", i < 1000 ? 9 : (int)(8 + i % 5),
		    i);
	return buf;
}

/*
 * Numbers with a decimal comma, and now and then one with a point, which
 * is no number where the comma is the decimal one (the second round).
 */
static const char *
commas(size_t i, char *buf, size_t sz)
{
	uint64_t	 r = th_hash(i + 3);

	snprintf(buf, sz, "%llu%c%02llu", (unsigned long long)(r % 1000),
	    i % 50 == 49 ? '.' : ',', (unsigned long long)(r >> 20) % 100);
	return buf;
}

/* Numbers, spoiled by texts, booleans and dates, then numbers again. */
static const char *
spoiled(size_t i, char *buf, size_t sz)
{
	if (i == 5000)
		return "n/a";
	if (i >= 9000 && i < 9100)
		return i % 2 ? "TRUE" : "no";
	if (i >= 12000 && i < 12050) {
		snprintf(buf, sz, "2024-03-%02zu", 1 + i % 28);
		return buf;
	}
	if (i >= 15000 && i < 15010)
		return "Missing value";
	snprintf(buf, sz, "%zu", th_hash(i) % 1000000);
	return buf;
}

/*
 * Integers, and from cell 3000 codes among them (a redundant leading
 * zero, "-05" too): text, with codes ordered among the numbers by value.
 */
static const char *
codes(size_t i, char *buf, size_t sz)
{
	long long	 v = (long long)(th_hash(i + 5) % 90000) + 10;

	if (i >= 3000 && i % 5 == 0)
		snprintf(buf, sz, i % 3 ? "%06lld" : "-%06lld", v);
	else
		snprintf(buf, sz, "%lld", v);
	return buf;
}

/*
 * Ids, cells cut to READER_SLOT_BYTES now and then (of digits too), an
 * empty one, and new smallest numbers of one digit more each.  Cell
 * SUM_CELL finds the sum set near 2^127 (the ids that follow pass it).
 */
#define SUM_CELL	20000

static const char *
edges(size_t i, char *buf, size_t sz)
{
	if (i % 1000 == 7) {
		memset(buf, i / 1000 % 2 ? '1' : 'A' + (int)(i % 26),
		    READER_SLOT_BYTES + 40);
		snprintf(buf + READER_SLOT_BYTES + 40, 8, "%zu", i % 3);
		return buf;
	}
	if (i == 100)
		return "";
	if (i >= 5000 && i < 5017) {
		snprintf(buf, sz, "-1%0*d", (int)(i - 5000), 0);
		return buf;
	}
	snprintf(buf, sz, "%zu", i);
	return buf;
}

/* How feed() counts a cell. */
enum way {
	WAY_PROFILE,	/* as count_row() */
	WAY_HASHED,	/* column_count_hashed() even once a sketch */
	WAY_GENERAL,	/* column_add() */
	WAY_BLOCK,	/* column_count_sketched_n() once a sketch */
	WAY__MAX
};

/* The cells of a block, their bytes where a scanner's slots would be. */
#define BLOCK_MAX	160
#define CELL_BYTES	(READER_SLOT_BYTES + 64)

static char			 bytes[BLOCK_MAX][CELL_BYTES];
static struct column_span	 span[BLOCK_MAX];
static uint64_t			 lines[BLOCK_MAX];

/* Cells read with a decimal comma (in the second round). */
static int			 dc;

/* Feed cell i of fn into c the given way. */
static void
feed(struct column *c, value_fn fn, enum way way)
{
	char			 buf[CELL_BYTES], cell[CELL_BYTES];
	struct column_cell	 cc;
	const char		*s;
	size_t			 i, len, cl, held = 0, want = 1;
	uint64_t		 h;

	for (i = 0; i < CELLS; i++) {
		if (fn == edges && i == SUM_CELL) {
			/* A sum 10^6 below 2^127 (after any held cells). */
			if (held > 0)
				CHECK(column_count_sketched_n(c, span, lines,
				    held, dc) == 0);
			held = 0;
			c->sum.v = (__int128)(~(unsigned __int128)0 >> 1) -
			    1000000;
		}
		s = fn(i, buf, sizeof(buf));
		len = s != NULL ? strlen(s) : 0;
		cl = len < READER_SLOT_BYTES ? len : READER_SLOT_BYTES;
		if (way == WAY_GENERAL) {
			CHECK(column_add(c, s ? s : "", cl, len, 1 + i,
			    dc) == 0);
			continue;
		}
		if (way == WAY_BLOCK && c->sketch) {
			/* Blocks of 1 to BLOCK_MAX cells, as they come. */
			memset(bytes[held], 'x', CELL_BYTES);
			memcpy(bytes[held], s ? s : "", cl);
			span[held].s = bytes[held];
			span[held].raw = (uint32_t)len;
			span[held].cl = (uint32_t)cl;
			lines[held] = 1 + i;
			if (++held == want || i + 1 == CELLS) {
				CHECK(column_count_sketched_n(c, span, lines,
				    held, dc) == 0);
				held = 0;
				want = 1 + (want * 37 + 11) % BLOCK_MAX;
			}
			continue;
		}
		if (len == 0) {
			c->empty++;
			continue;
		}
		/* At least 8 readable bytes, as a scanner's slot has. */
		memset(cell, 'x', sizeof(cell));
		memcpy(cell, s, cl);
		if (len > cl) {
			/* Cut, as profile.c's count_cell() reads it. */
			column_read(c, cell, cl, len, dc, &cc);
			CHECK(column_count(c, &cc, 1 + i, dc) == 0);
			continue;
		}
		c->count++;
		if (way != WAY_HASHED && c->sketch) {
			CHECK(column_count_sketched(c, cell, len, 1 + i,
			    dc) == 0);
			continue;
		}
		h = hash_bytes(cell, len);
		if (freq_probe_hit(c->probe, h))
			continue;
		CHECK(column_count_hashed(c, cell, len, h, 1 + i, dc) ==
		    0);
	}
}

/* What a profile prints of c, as text; estimates only if asked. */
static void
summary(struct column *c, int estimates, char *out, size_t sz)
{
	struct freq_item	 top[5];
	char			 sum[DEC_TEXT_MAX], mn[DEC_TEXT_MAX],
				 mx[DEC_TEXT_MAX];
	size_t			 n = 0, k, ntop;
	uint64_t		 d;
	int			 exact, texact;

	CHECK(column_finish(c) == 0);
	/* A sum past 128 bits is no number (and stops where it went over). */
	if (c->sum_over)
		snprintf(sum, sizeof(sum), "over");
	else
		dec_format(&c->sum, 0, sum, sizeof(sum));
	mn[0] = mx[0] = '\0';
	if (c->nmin.set)
		dec_format(&c->nmin.v.num, 0, mn, sizeof(mn));
	if (c->nmax.set)
		dec_format(&c->nmax.v.num, 0, mx, sizeof(mx));
	n += (size_t)snprintf(out + n, sz - n, "count %llu empty %llu nnum "
	    "%llu sum %s/%d sq %llx.%llx.%llx.%llx@%d/%d min %s %.*s max %s "
	    "%.*s smin %.*s smax %.*s len %llu-%llu scale %d digits %d "
	    "type %s", (unsigned long long)c->count,
	    (unsigned long long)c->empty, (unsigned long long)c->nnum, sum,
	    c->sum_over, (unsigned long long)c->sq.sq[3],
	    (unsigned long long)c->sq.sq[2], (unsigned long long)c->sq.sq[1],
	    (unsigned long long)c->sq.sq[0], c->sq.scale, c->sq_over, mn,
	    (int)c->nmin.len, c->nmin.text, mx, (int)c->nmax.len,
	    c->nmax.text, (int)c->smin.len, c->smin.text, (int)c->smax.len,
	    c->smax.text, (unsigned long long)c->minlen,
	    (unsigned long long)c->maxlen, c->scale, c->intdigits,
	    infer_names[column_type(c)]);
	for (k = 0; k < INFER__MAX; k++)
		n += (size_t)snprintf(out + n, sz - n, " n%zu=%llu", k,
		    (unsigned long long)c->nclass[k]);
	for (k = 0; k < INFER_TEXT; k++)
		if (c->missed & (1u << k))
			n += (size_t)snprintf(out + n, sz - n, " miss%zu@%llu:"
			    "%.*s", k, (unsigned long long)c->miss[k].line,
			    (int)c->miss[k].len, c->miss[k].value);
	if (!estimates)
		return;
	d = freq_distinct(c->freq, &exact);
	ntop = freq_top(c->freq, top, 5, &texact);
	n += (size_t)snprintf(out + n, sz - n, " distinct %llu%s error %llu",
	    (unsigned long long)d, exact ? "" : "~",
	    (unsigned long long)freq_error(c->freq));
	for (k = 0; k < ntop; k++)
		n += (size_t)snprintf(out + n, sz - n, " top %.*s=%llu",
		    (int)top[k].len, top[k].text,
		    (unsigned long long)top[k].count);
}

static void
same(const char *what, value_fn fn, const char *want)
{
	struct column	 quick, hashed, general, block, exact;
	char		 a[4096], b[4096], c[4096];

	CHECK(column_init(&quick, 16) == 0);
	CHECK(column_init(&hashed, 16) == 0);
	CHECK(column_init(&general, 16) == 0);
	CHECK(column_init(&block, 16) == 0);
	CHECK(column_init(&exact, CELLS) == 0);
	feed(&quick, fn, WAY_PROFILE);
	feed(&hashed, fn, WAY_HASHED);
	feed(&general, fn, WAY_GENERAL);
	feed(&block, fn, WAY_BLOCK);
	feed(&exact, fn, WAY_PROFILE);
	CHECK(quick.sketch && hashed.sketch && general.sketch &&
	    block.sketch && !exact.sketch);
	summary(&hashed, 1, a, sizeof(a));
	summary(&general, 1, b, sizeof(b));
	if (strcmp(a, b) != 0)
		th_fail(__FILE__, __LINE__, "%s: hashed and general paths "
		    "differ:\n%s\n%s", what, a, b);
	summary(&quick, 1, a, sizeof(a));
	if (strcmp(a, b) != 0)
		th_fail(__FILE__, __LINE__, "%s: unhashed and general paths "
		    "differ:\n%s\n%s", what, a, b);
	summary(&block, 1, c, sizeof(c));
	if (strcmp(c, b) != 0)
		th_fail(__FILE__, __LINE__, "%s: blocks and general path "
		    "differ:\n%s\n%s", what, c, b);
	summary(&quick, 0, a, sizeof(a));
	summary(&exact, 0, c, sizeof(c));
	if (strcmp(a, c) != 0)
		th_fail(__FILE__, __LINE__, "%s: sketch and exact differ:\n"
		    "%s\n%s", what, a, c);
	if (!dc && strstr(a, want) == NULL)
		th_fail(__FILE__, __LINE__, "%s: no %s in\n%s", what, want, a);
	column_free(&quick);
	column_free(&hashed);
	column_free(&general);
	column_free(&block);
	column_free(&exact);
}

/* Every column; what it shows is checked without a decimal comma. */
static void
all(void)
{
	same("ids", ids, "min 1 1 max 89997 89997 ");
	same("numbers", numbers, " type decimal ");
	same("texts", texts, " smin A-min-00015 smax zz-max-29986 ");
	same("accents", accents, " len 9-11 ");
	same("lengths", lengths, " len 10-14 ");
	same("spoiled", spoiled, "miss1@5001:n/a");
	same("codes", codes, "miss1@3001:-0");
	same("commas", commas, " type text ");
	same("edges", edges, " sum over/1 sq 0.0.4faed3d3a42.968a283378f32acb@0/0 "
	    "min -10000000000000000 ");
}

int
main(void)
{
	/* Each column twice: then read with a decimal comma, as it reads. */
	for (dc = 0; dc <= 1; dc++)
		all();
	return 0;
}
