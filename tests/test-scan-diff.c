/*
 * The fast scanner against libcsv: on adversarial and seeded random inputs
 * (quotes at every position, CR/LF mixes, quoted newlines where threads
 * split, empty fields, ragged rows, bad numbers, blanks around quotes,
 * stray quotes, the field, key and number limits at N and N+1, overflow and
 * the group limit) both parsers print the same result and report the same
 * bad rows and errors, for 1 to 4 threads and several block sizes, with
 * blanks kept as written and with --trim; and so does each input gzipped,
 * zstd-compressed and (valid UTF-8 ones) transcoded from UTF-16 (diff.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diff.h"
#include "harness.h"
#include "reader.h"

/* A growing byte buffer. */
struct buf {
	char	*p;
	size_t	 len, cap;
};

static uint64_t	 rng_state = 42;
static size_t	 ncases;

static uint64_t
rng(void)
{
	return th_rand(&rng_state);
}

static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		if ((b->p = realloc(b->p, b->cap)) == NULL) {
			perror("realloc");
			exit(TH_ERROR);
		}
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void
putc_(struct buf *b, char c)
{
	put(b, &c, 1);
}

/* The queries every input is run with. */
struct query_case {
	const char	*groups, *aggs;
	int		 strict;
	size_t		 max_groups;
};

static const struct query_case queries[] = {
	{ "k", "sum:v,count,min:w,max:w,mean:v", 0, 0 },
	{ "k", "sum:v", 1, 0 },
	{ "k,w", "count,count:v", 0, 3 },
};

static const size_t	 blocks_all[] = { 0, 1, 2, 3, 5, 16, 63, 64, 65, 4096 };

/*
 * Run one input with queries [q0, q1) and up to maxthreads threads; exit 1
 * on the first difference.
 */
static void
check_q(const char *what, const char *data, size_t len, char delim,
    const size_t *blocks, size_t nblocks, size_t q0, size_t q1,
    int maxthreads)
{
	struct engine_opts	 o;
	char			 why[8192];
	size_t			 q;

	for (q = q0; q < q1; q++) {
		memset(&o, 0, sizeof(o));
		o.groups = queries[q].groups;
		o.aggs = queries[q].aggs;
		o.strict = queries[q].strict;
		o.max_groups = queries[q].max_groups;
		o.delim = delim;
		/* Blanks as written and trimmed, on alternate queries. */
		o.trim = (int)(ncases & 1);
		ncases++;
		if (diff_run(data, len, &o, blocks, nblocks, maxthreads, why,
		    sizeof(why)) == -1) {
			fprintf(stderr, "%s, query %zu, input (%zu bytes):\n",
			    what, q, len);
			fwrite(data, 1, len < 2000 ? len : 2000, stderr);
			fprintf(stderr, "\n=> %s\n", why);
			exit(1);
		}
	}
}

#define NQUERIES	(sizeof(queries) / sizeof(queries[0]))
#define NBLOCKS		(sizeof(blocks_all) / sizeof(blocks_all[0]))

/* Every query, every block size. */
static void
check_str(const char *what, const char *data)
{
	check_q(what, data, strlen(data), 0, blocks_all, NBLOCKS, 0, NQUERIES,
	    4);
}

/* One query and three block sizes, at random, and the default. */
static void
check_some(const char *what, const char *data, size_t len, char delim)
{
	size_t	 b[4], i, q = rng() % NQUERIES;

	b[0] = 0;
	for (i = 1; i < 4; i++)
		b[i] = blocks_all[1 + rng() % (NBLOCKS - 1)];
	check_q(what, data, len, delim, b, 4, q, q + 1, 4);
}

/* Hand-written corner cases of libcsv's grammar. */
static const char *const fixed[] = {
	"k,v,w\n",
	"k,v,w",
	"k,v,w\na,1,2",
	"k,v,w\na,1,2\n",
	"k,v,w\r\na,1,2\r\nb,3,4\r\n",
	"k,v,w\ra,1,2\rb,3,4\r",
	"k,v,w\n\n\na,1,2\n\r\n  \n\t\nb,2,3\n",
	"k,v,w\n a , 1 , 2 \n",
	"k,v,w\n\"a\",\"1\",\"2\"\n",
	"k,v,w\n\"a\" ,\"1\"  ,\"2\"\t\n",
	"k,v,w\n \"a\",1,2\n",
	"k,v,w\n\"a\"b,1,2\n",
	"k,v,w\n\"a\" b,1,2\n",
	"k,v,w\na\"b,1,2\n",
	"k,v,w\na\"\"b,1,2\n",
	"k,v,w\n\"a\"\"b\",1,2\n",
	"k,v,w\n\"a\" \"b,1,2\n",
	"k,v,w\n\"a\" \",1,2\n",
	"k,v,w\n\"a\" \"\",1,2\n",
	"k,v,w\n\"\",1,2\n",
	"k,v,w\n\"\"\"\",1,2\n",
	"k,v,w\n\"a\nb\",1,2\n\"c\rd\",3,4\n",
	"k,v,w\n\"a\r\nb\",1,2\r\n",
	"k,v,w\na,1\nb,2,3,4\n,,\n",
	"k,v,w\n,,\n,\n\n",
	"k,v,w\na,1,2\n\"open",
	"k,v,w\na,1,2\n\"open\nmore\nlines",
	"k,v,w\na,1,2\n\"closed\"",
	"k,v,w\na,1,2\n\"closed\"   ",
	"k,v,w\na,1,2\nb,3,4   ",
	"k,v,w\na,1,2\n   ",
	"k,v,w\na,1,2\nx",
	"k,v,w\na,\"1\"\"\",2\n",
	"k,v,w\na,1 2,3\n",
	"k,v,w\na,1,5\na,-1.50,2\na,.5,3\na,5.,4\na,+2,5\na,1e3,6\n",
	"k,v,w\na,1e99999,2\na,--1,2\na,1.2.3,2\na,1,5,2\na,abc,2\n",
	"k,v,w\na,0.0000000000000000001,1\na,1234567890123456789,2\n",
	"k,v,w\na,123456789012345678901234567890123456789,1\n",
	"k,v,w\na,0.00000000000000000000,1\nb,1.000000000000000000000,2\n",
	"k,v,w\na,-0,1\na,-0.0,2\na,0.10,3\n",
	"k,v,w\n=cmd,1,2\n+x,1,2\n@y,1,2\n",
	"k,v,w\na, ,2\na,\" \",2\na,\"\",2\n",
	"\xef\xbb\xbfk,v,w\na,1,2\n",
	"\n\nk,v,w\na,1,2\n",
	"\"k\nk\",v,w\na,1,2\nb,x,3\n",
	"k;v;w\na;1;2\nb;2;3\n",
	"k\tv\tw\na\t1\t2\n b \t 2 \t 3 \n",
	"k|v|w\n\"a|b\"|1|2\n",
	"k,v,w\na,99999999999999999999999999999999999999,1\n"
	    "a,99999999999999999999999999999999999999,1\n",
	"k,v,w\na,99999999999999999999999999999999999999,1\n"
	    "a,-99999999999999999999999999999999999999,1\n"
	    "a,99999999999999999999999999999999999999,1\n",
	"k,v,w\na,90000000000000000000000000000000000000,1\n"
	    "a,90000000000000000000000000000000000000,1\n"
	    "b,1,1\nb,2,2\nb,3,3\nb,4,4\nb,5,5\nb,6,6\n"
	    "a,-90000000000000000000000000000000000000,1\n",
	"k,v,w\na,1,1\nb,1,1\nc,1,1\nd,1,1\ne,1,1\na,1,2\n",
	"k,v,w\na,1,1\na,1,2\na,1,3\na,1,4\na,bad,5\n",
};

/* A field of a random kind, for a column holding keys or numbers. */
static void
random_field(struct buf *b, char delim)
{
	static const char *const keys[] = {
		"a", "b", "\"a\"", "\"Books\nand Media\"", "\"x,y\"",
		"\"q\"\"q\"", " a", "a ", "\"a\" ", "A",
	};
	static const char *const nums[] = {
		"1", "-2", "3.5", "-0.25", "\"7\"", " 8 ", "1e2", "x", "1,5",
		"\"1,5\"", "", "\"\"", ".", "-", "12345678901234567890",
		"0.000", "\" 9 \"", "9\"", "\"9\"x",
	};
	char	 tmp[64];

	switch (rng() % 12) {
	case 0:
		puts_(b, keys[rng() % (sizeof(keys) / sizeof(keys[0]))]);
		break;
	case 1:
	case 2:
	case 3:
		puts_(b, nums[rng() % (sizeof(nums) / sizeof(nums[0]))]);
		break;
	case 4:
		/* A quoted field with newlines, doubled quotes, delimiters. */
		putc_(b, '"');
		{
			size_t	 n = rng() % 12, i;

			for (i = 0; i < n; i++)
				switch (rng() % 6) {
				case 0:
					putc_(b, '\n');
					break;
				case 1:
					puts_(b, "\"\"");
					break;
				case 2:
					putc_(b, delim);
					break;
				case 3:
					putc_(b, '\r');
					break;
				default:
					putc_(b, (char)('a' + rng() % 3));
					break;
				}
		}
		putc_(b, '"');
		break;
	case 5:
		/* Stray or misplaced quotes and blanks. */
		puts_(b, (const char *[]){ "a\"b", "\"a\"b", " \"a\"",
		    "\"a\"  ", "\"a\" \"b", "\"\"\"", "a \"b\"", "\t\"x\"\t"
		    }[rng() % 8]);
		break;
	default:
		snprintf(tmp, sizeof(tmp), "%s%d", rng() % 5 ? "" : "-",
		    (int)(rng() % 20));
		puts_(b, tmp);
		break;
	}
}

static const char *const eols[] = { "\n", "\r\n", "\r", "\n\n", " \n" };

/* A header and rows of random fields, sometimes ragged. */
static void
random_rows(struct buf *b, char delim, size_t rows)
{
	size_t	 r, f, n;

	b->len = 0;
	puts_(b, "k");
	putc_(b, delim);
	puts_(b, "v");
	putc_(b, delim);
	puts_(b, "w\n");
	for (r = 0; r < rows; r++) {
		n = rng() % 10 == 0 ? rng() % 5 : 3;
		for (f = 0; f < n; f++) {
			if (f > 0)
				putc_(b, delim);
			random_field(b, delim);
		}
		puts_(b, eols[rng() % 10 < 6 ? 0 : rng() % 5]);
	}
	if (rng() % 4 == 0 && b->len > 0)
		b->len--;	/* no final line end */
}

/* Bytes from an alphabet of the characters that matter. */
static void
random_soup(struct buf *b, size_t n)
{
	static const char	 alpha[] = "\"\"\",,,\r\n\n  \t1a-.";
	size_t			 i;

	b->len = 0;
	puts_(b, "k,v,w\n");
	for (i = 0; i < n; i++)
		putc_(b, alpha[rng() % (sizeof(alpha) - 1)]);
}

/* Records with one field of exactly n bytes in several shapes. */
static void
long_fields(size_t n)
{
	static const char *const shapes[] = {
		"k,v,w\na,1,%s\nb,2,3\n",
		"k,v,w\na,1,\"%s\"\nb,2,3\n",
		"k,v,w\na,1,\"%s\"  \nb,2,3\n",
		"k,v,w\na,1,%s   \nb,2,3\n",
		"k,v,w\na,1,%s",
		"k,v,w\na,1,\"%s\"",
		"k,v,w\na,1,\"%s\"x\n",
		"k,v,w\na,1,\"%s",
		"k,v,w\n%s,1,2\n",
	};
	static const size_t	 blocks[] = { 65536, 4 << 20 };
	struct buf		 b = { NULL, 0, 0 };
	char			*field, what[64];
	size_t			 s, i;

	if ((field = malloc(n + 1)) == NULL)
		exit(TH_ERROR);
	for (i = 0; i < n; i++)
		field[i] = i % 1000 == 999 ? '\n' : 'x';
	field[n] = '\0';
	for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
		const char	*at = strstr(shapes[s], "%s");

		b.len = 0;
		put(&b, shapes[s], (size_t)(at - shapes[s]));
		/* Unquoted fields end at a line end: keep them on one line. */
		if (at[-1] != '"')
			for (i = 999; i < n; i += 1000)
				field[i] = 'y';
		puts_(&b, field);
		puts_(&b, at + 2);
		snprintf(what, sizeof(what), "field of %zu, shape %zu", n, s);
		check_q(what, b.p, b.len, 0, blocks, 2, 0, 1, 2);
		for (i = 999; i < n; i += 1000)
			field[i] = '\n';
	}
	free(field);
	free(b.p);
}

/* With DIFF_TIMES set, say how long each part took. */
static void
lap(const char *what)
{
	static struct timespec	 t0;
	struct timespec		 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	if (getenv("DIFF_TIMES") != NULL && t0.tv_sec != 0)
		fprintf(stderr, "%s: %.2f s\n", what,
		    (double)(t.tv_sec - t0.tv_sec) +
		    (double)(t.tv_nsec - t0.tv_nsec) / 1e9);
	t0 = t;
}

int
main(void)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 what[64];
	size_t		 i, j, n;
	const char	*base;

	lap("start");
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		snprintf(what, sizeof(what), "fixed case %zu", i);
		check_str(what, fixed[i]);
	}
	/*
	 * NUL bytes: auto-detection may read the plain input as UTF-16
	 * without a BOM, so it has no UTF-16 twin to compare (fuzz-scan
	 * found this and the PDF below).
	 */
	check_q("NULs, no header", "\0d\0-", 4, 0, blocks_all, NBLOCKS, 0,
	    NQUERIES, 2);
	check_q("a NUL in a row", "k,v,w\na\0,1,2\n", 14, 0, blocks_all,
	    NBLOCKS, 0, NQUERIES, 2);
	/* A PDF's magic refuses the plain file, not its UTF-16 twin. */
	check_str("a PDF magic", "%PDF-,d\n");
	lap("fixed");

	/* A quote, a CR and an LF at every position of a tricky input. */
	base = "k,v,w\n\"a\nb\",1,\"x\"\"y\"\n c ,2, \"z\" \r\n\"d\"e,3,4\n";
	n = strlen(base);
	for (i = 0; i <= n; i++) {
		static const char	 ins[] = { '"', '\r', '\n' };

		for (j = 0; j < sizeof(ins); j++) {
			b.len = 0;
			put(&b, base, i);
			putc_(&b, ins[j]);
			puts_(&b, base + i);
			snprintf(what, sizeof(what), "0x%02x at %zu", ins[j], i);
			check_some(what, b.p, b.len, 0);
		}
	}

	lap("positions");
	/* Seeded random rows, mostly comma-separated. */
	for (i = 0; i < 250; i++) {
		static const char	 delims[] = { ',', ',', ',', ';', '\t',
		    ' ' };
		char			 d = delims[rng() % sizeof(delims)];

		random_rows(&b, d, 1 + rng() % 40);
		snprintf(what, sizeof(what), "random rows %zu", i);
		check_some(what, b.p, b.len, d == ' ' ? ' ' : 0);
	}
	for (i = 0; i < 150; i++) {
		random_soup(&b, rng() % 200);
		snprintf(what, sizeof(what), "random soup %zu", i);
		check_some(what, b.p, b.len, 0);
	}

	lap("random");
	/* Long inputs where thread seams fall inside quoted newlines. */
	for (i = 0; i < 4; i++) {
		random_rows(&b, ',', 3000);
		snprintf(what, sizeof(what), "long random rows %zu", i);
		check_some(what, b.p, b.len, 0);
	}

	/*
	 * A quoted field holding CSV of its own: a chunk that starts inside
	 * it reads its lines as records, so its seam must be refused.
	 */
	b.len = 0;
	puts_(&b, "k,v,w\na,1,2\nb,\"");
	for (i = 0; i < 2000; i++)
		puts_(&b, i % 3 ? "\"\"x\"\",\"\"1\"\",2\n" : "a,1,2\r\n");
	puts_(&b, "\",3\nc,4,5\n");
	for (i = 0; i < 500; i++)
		puts_(&b, "d,1,2\n");
	check_q("CSV in a quoted field", b.p, b.len, 0, blocks_all, 4, 0, 1,
	    4);
	lap("long random");
	/* Keys and numbers at their limits. */
	for (n = TALLY_KEY_MAX - 1; n <= TALLY_KEY_MAX + 2; n++) {
		b.len = 0;
		puts_(&b, "k,v,w\n");
		for (i = 0; i < n; i++)
			putc_(&b, 'k');
		puts_(&b, ",1,2\n\"");
		for (i = 0; i < n; i++)
			putc_(&b, i % 2 ? '"' : 'k');
		puts_(&b, "\",1,2\n");
		snprintf(what, sizeof(what), "key of %zu", n);
		check_some(what, b.p, b.len, 0);
	}
	for (n = 126; n <= 130; n++) {
		b.len = 0;
		puts_(&b, "k,v,w\na,");
		for (i = 0; i < n; i++)
			putc_(&b, '1');
		puts_(&b, ",2\na,\"   ");
		for (i = 0; i < n + READER_SLOT_BYTES; i++)
			putc_(&b, ' ');
		puts_(&b, "\",2\n");
		snprintf(what, sizeof(what), "number of %zu", n);
		check_some(what, b.p, b.len, 0);
	}

	lap("keys and numbers");
	/* Fields at TALLY_FIELD_MAX and at libcsv's buffer limit. */
	long_fields(TALLY_FIELD_MAX);
	long_fields(TALLY_FIELD_MAX + 1);
	long_fields(READER_FIELD_CAP - 1);
	long_fields(READER_FIELD_CAP);
	long_fields(READER_FIELD_CAP + 1);

	lap("fields");
	fprintf(stderr, "%zu inputs agree\n", ncases);
	free(b.p);
	return 0;
}
