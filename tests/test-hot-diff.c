/*
 * The hot path (the hot-group cache, hot.c, and the scanner's narrow path
 * for plain records) against libcsv, on inputs of the One Billion Row
 * Challenge's shape that aim at what it specialises: station names of 1
 * byte and of 100 (past what the cache holds), names sharing their first
 * 16 bytes, UTF-8 names, 64-bit sums that overflow into the table's 128
 * bits in the middle of the file, a group's sum growing past 2^126 (the
 * cache lets it go) and then past 2^127 (an error at one line), and dialect
 * changes the narrow path must refuse: a quoted field, CRLF line ends, a
 * row with another field count, a blank line, numbers at another scale or
 * not plain ("12", "+1.5", " 1.5", "1e1", "1.50"), an empty value and a key
 * that is not UTF-8.  Every input runs with 1 to 4 threads and every block
 * size in the list, and must give what libcsv gives.
 *
 * The two-column loop (pair.c) adds its own: keys of 29 to 33 bytes around
 * the longest it takes (30), an empty key, numbers it must leave to
 * dec_parse_fixed() (leading zeros, three digits before the point, other
 * scales, 8 and 9 bytes), a comma delimiter, the key in the second column,
 * cache entries whose sums near 2^63 between its calls, CRLF line ends all
 * through (which it takes) with a lone CR, a CR in a key, a CR before the
 * delimiter and blank lines among them (which it must not), and cached
 * keys holding a quote or a CR met again unquoted.  The loop is built for
 * several instruction sets (pair_use()): every case runs with the best the
 * processor has, then again, in fewer block sizes, with each lesser one.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "harness.h"
#include "pair.h"

struct buf {
	char	*p;
	size_t	 len, cap;
};

static uint64_t	 rng_state = 7;

static uint64_t
rng(void)
{
	return th_rand(&rng_state);
}

static void
put(struct buf *b, const char *s)
{
	size_t	 n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		if ((b->p = realloc(b->p, b->cap)) == NULL) {
			perror("realloc");
			exit(TH_ERROR);
		}
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
}

/* Station names: short, long, colliding in their first 16 bytes, UTF-8. */
static const char *names[8];

static void
make_names(void)
{
	static char	 longname[101], c1[32], c2[32];

	memset(longname, 'L', 100);
	longname[100] = '\0';
	snprintf(c1, sizeof(c1), "%s", "Sixteen byte pfxA");
	snprintf(c2, sizeof(c2), "%s", "Sixteen byte pfxB");
	names[0] = "X";
	names[1] = longname;
	names[2] = c1;
	names[3] = c2;
	names[4] = "Z\xc3\xbcrich";
	names[5] = "Abc";
	names[6] = "S\xc3\xa3o Paulo";
	names[7] = "Sixteen byte pfx";
}

/* A plain temperature, -99.9 to 99.9. */
static void
temp(struct buf *b)
{
	char	 t[16];
	int	 v = (int)(rng() % 1999) - 999;

	snprintf(t, sizeof(t), "%s%d.%d", v < 0 ? "-" : "", abs(v) / 10,
	    abs(v) % 10);
	put(b, t);
}

/* n plain rows over the names, separated by d, lines ending in eol. */
static void
rows(struct buf *b, size_t n, const char *d, const char *eol)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		put(b, names[rng() % 8]);
		put(b, d);
		temp(b);
		put(b, eol);
	}
}

static const size_t	 all_blocks[] = { 0, 1, 7, 63, 64, 65, 200, 4096 };
static const size_t	 few_blocks[] = { 0, 7, 65 };
static const size_t	*blocks = all_blocks;
static size_t		 nblocks = sizeof(all_blocks) / sizeof(all_blocks[0]);

static void
check(const char *what, const struct buf *b, char delim, const char *groups,
    const char *aggs)
{
	struct engine_opts	 o;
	char			 why[8192];

	memset(&o, 0, sizeof(o));
	o.groups = groups;
	o.aggs = aggs;
	o.delim = delim;
	if (diff_run(b->p, b->len, &o, blocks, nblocks, 4, why,
	    sizeof(why)) == -1) {
		fprintf(stderr, "%s (%zu bytes): %s\n", what, b->len, why);
		exit(1);
	}
}

/* Every case, with the blocks and instruction set set by main(). */
static void
cases(void)
{
	static const char *const odd[] = {
		"\"Abc\";1.5\n", "Abc;1.5\r\n", "Abc;1.5;2\n", "\n",
		"Abc;12\n", "Abc;+1.5\n", "Abc; 1.5\n", "Abc;1e1\n",
		"Abc;1.50\n", "Abc;\n", "\xff\xfe;1.5\n", "X;-0.0\n",
		"Abc;-\n", "Abc;.5\n", "X\n", "Abc;05.3\n", "Abc;-05.3\n",
		"Abc;100.5\n", "Abc;-100.5\n", "Abc;-.5\n", "Abc;1.\n",
		"Abc;--1.5\n", "Abc;1..5\n", ";1.5\n", "Abc;1.5\n\n",
	};
	static const char *const scaled[] = {
		"12", "-7", "0.25", "-12.75", "1234.5678", "-9999999",
		"99999999", "999999999", "-99999999",
	};
	char		 key[40];
	size_t		 j;
	struct buf	 b = { NULL, 0, 0 };
	char		 what[64];
	size_t		 i;

	/* Plain rows: the narrow path and the cache all the way. */
	put(&b, "station;temp\n");
	rows(&b, 400, ";", "\n");
	check("plain", &b, ';', "station", "min:temp,mean:temp,max:temp");
	check("plain, count and sum", &b, ';', "station", "count,sum:temp");

	/* Each dialect change in the middle of plain rows. */
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		b.len = 0;
		put(&b, "station;temp\n");
		rows(&b, 60, ";", "\n");
		put(&b, odd[i]);
		rows(&b, 60, ";", "\n");
		snprintf(what, sizeof(what), "dialect change %zu", i);
		check(what, &b, ';', "station", "min:temp,mean:temp,max:temp");
	}

	/* Another delimiter, two value columns, two key columns. */
	b.len = 0;
	put(&b, "station,temp,rain\n");
	for (i = 0; i < 300; i++) {
		put(&b, names[rng() % 8]);
		put(&b, ",");
		temp(&b);
		put(&b, i % 50 == 7 ? ",\n" : ",0.25\n");
	}
	check("two values", &b, ',', "station", "sum:temp,max:rain,mean:rain");
	check("two keys", &b, ',', "station,rain", "sum:temp,min:temp");

	/*
	 * 64-bit sums overflowing mid-file: 18-digit values, so each
	 * group's partial sum leaves 64 bits every few rows.
	 */
	b.len = 0;
	put(&b, "station;temp\n");
	for (i = 0; i < 200; i++) {
		put(&b, names[rng() % 8]);
		put(&b, i % 3 ? ";99999999999999999.9\n" :
		    ";-99999999999999999.9\n");
	}
	check("64-bit overflow", &b, ';', "station", "sum:temp,mean:temp");

	/*
	 * One group's sum past 2^126 (from 38-digit values, which take the
	 * general path) and then past 2^127, with cached rows between.
	 */
	b.len = 0;
	put(&b, "station;temp\n");
	rows(&b, 100, ";", "\n");
	for (i = 0; i < 4; i++) {
		put(&b, "Abc;7000000000000000000000000000000000000.0\n");
		rows(&b, 100, ";", "\n");
	}
	check("128-bit overflow", &b, ';', "station", "sum:temp");

	/* Keys around the longest the two-column loop takes. */
	b.len = 0;
	put(&b, "station;temp\n");
	for (i = 0; i < 400; i++) {
		j = 29 + rng() % 5;
		memset(key, 'a' + (int)(rng() % 3), j);
		key[j] = '\0';
		put(&b, key);
		put(&b, ";");
		temp(&b);
		put(&b, "\n");
	}
	check("keys of 29 to 33 bytes", &b, ';', "station",
	    "min:temp,mean:temp,max:temp");

	/* An empty key, a comma, the key in the second column. */
	b.len = 0;
	put(&b, "station,temp\n");
	for (i = 0; i < 300; i++) {
		put(&b, i % 7 == 3 ? "" : names[rng() % 8]);
		put(&b, ",");
		temp(&b);
		put(&b, "\n");
	}
	check("comma, empty key", &b, ',', "station", "count,min:temp,max:temp");
	check("key second", &b, ',', "temp", "count,min:station");

	/* Each scale and length, alone and mixed with plain rows. */
	for (i = 0; i < sizeof(scaled) / sizeof(scaled[0]); i++) {
		b.len = 0;
		put(&b, "station;temp\n");
		for (j = 0; j < 200; j++) {
			put(&b, names[rng() % 8]);
			put(&b, ";");
			if (j % 50 == 49)
				temp(&b);
			else
				put(&b, scaled[i]);
			put(&b, "\n");
		}
		snprintf(what, sizeof(what), "scale of %s", scaled[i]);
		check(what, &b, ';', "station", "sum:temp,min:temp,max:temp");
	}

	/*
	 * Cache entries whose 64-bit sums near 2^63 from values the general
	 * path adds, between plain rows the two-column loop adds.
	 */
	b.len = 0;
	put(&b, "station;temp\n");
	for (i = 0; i < 400; i++) {
		put(&b, names[rng() % 8]);
		if (i % 2)
			put(&b, i % 6 == 1 ? ";-99999999999999999.9\n" :
			    ";99999999999999999.9\n");
		else {
			put(&b, ";");
			temp(&b);
			put(&b, "\n");
		}
	}
	check("64-bit overflow, mixed", &b, ';', "station",
	    "sum:temp,mean:temp,min:temp,max:temp");

	/* CRLF all through, then with each odd CR or LF in the middle. */
	b.len = 0;
	put(&b, "station;temp\r\n");
	rows(&b, 300, ";", "\r\n");
	check("CRLF", &b, ';', "station", "min:temp,mean:temp,max:temp");
	{
		static const char *const crs[] = {
			"Abc;1.5\r", "Ab\rc;1.5\r\n", "Abc\r;1.5\r\n",
			"\r\n", "\n", "Abc;1.5\r\r\n", "Abc;1.5\n",
			"Abc;\r\n", "Abc;1.5\r\n\r\n\n",
		};

		for (i = 0; i < sizeof(crs) / sizeof(crs[0]); i++) {
			b.len = 0;
			put(&b, "station;temp\r\n");
			rows(&b, 80, ";", "\r\n");
			put(&b, crs[i]);
			rows(&b, 80, ";", "\r\n");
			snprintf(what, sizeof(what), "CRLF change %zu", i);
			check(what, &b, ';', "station",
			    "count,min:temp,mean:temp,max:temp");
		}
	}

	/* A cached key with a CR in it (it was quoted), then bare. */
	b.len = 0;
	put(&b, "station;temp\r\n\"Ab\rc\";2.5\r\n");
	rows(&b, 80, ";", "\r\n");
	put(&b, "Ab\rc;1.5\r\n");
	rows(&b, 80, ";", "\r\n");
	check("CR in a cached key", &b, ';', "station",
	    "count,min:temp,mean:temp,max:temp");

	/*
	 * Cached keys with quotes in them (they were quoted), then bare,
	 * where libcsv reads them as other keys or as the same.
	 */
	b.len = 0;
	put(&b, "station;temp\n\"\"\"Abc\"\"\";2.5\n\"Ab\"\"c\";3.5\n");
	rows(&b, 80, ";", "\n");
	put(&b, "\"Abc\";1.5\nAb\"c;1.5\n");
	rows(&b, 80, ";", "\n");
	check("quotes in a cached key", &b, ';', "station",
	    "count,min:temp,mean:temp,max:temp");
	free(b.p);
}

int
main(void)
{
	enum pair_isa	 top = pair_use(PAIR_ISA__MAX - 1), isa;

	make_names();
	cases();
	/* The loop built for each lesser set: the same code, fewer blocks. */
	blocks = few_blocks;
	nblocks = sizeof(few_blocks) / sizeof(few_blocks[0]);
	for (isa = 0; isa < top; isa++) {
		if (pair_use(isa) != isa)
			return TH_ERROR;
		cases();
	}
	return TH_PASS;
}
