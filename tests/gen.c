/*
 * The seeded sales generator.  It writes a sales CSV of any size with the
 * awkward parts real exports have (quoted commas, doubled quotes, embedded
 * newlines, optional CRLF and BOM) and, beside it, the exact totals tally
 * must produce, computed with integers as the rows are written.  The same
 * seed always gives the same bytes.  Tests, `make run` and the benchmarks
 * use it; nothing here is linked into tally.
 *
 *	gen [-n rows] [-s seed] [-g groups] [-S shape] [--crlf] [--bom]
 *	    [--email] [-o out.csv] [-t truth.csv] [-T truth-full.csv]
 *
 * Shapes: sales (10 columns), narrow (department,number_of_sales),
 * longtext (sales with 1-4 KB quoted descriptions), keys (narrow, with
 * every department name 20 bytes long, for millions of groups) and brc (the
 * One Billion Row Challenge's `station;temp`: 413 station names of 3-25
 * UTF-8 bytes unless -g says otherwise, temperatures -99.9..99.9 with one
 * decimal, a header line).  truth.csv is `department,sum_number_of_sales`
 * (for brc `station,min_temp,mean_temp,max_temp`, the mean printed as
 * `tally agg` prints it: rounded half away from zero to 7 decimals, trailing
 * zeros dropped); truth-full.csv is `region,department,
 * sum_number_of_sales,count,min_unit_price,max_unit_price`, both sorted by
 * key as `tally agg` prints them.
 *
 * --email (sales shapes) adds a last column, customer_email, derived from
 * the customer's number and drawing nothing from the generator, so every
 * other cell is the same byte for byte as without it: 100,000 customers,
 * each with one address, "c042137@mail.example.org" and the like.
 */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum shape {
	SHAPE_SALES,
	SHAPE_NARROW,
	SHAPE_LONGTEXT,
	SHAPE_KEYS,
	SHAPE_BRC,
	SHAPE__MAX
};

static const char *const shape_names[SHAPE__MAX] = {
	"sales", "narrow", "longtext", "keys", "brc"
};

/* Letters a station name is made of: ASCII and a few 2-byte UTF-8 ones. */
static const char *const brc_letters[] = {
	"a", "e", "i", "o", "u", "n", "r", "s", "t", "l", "k", "m", "d", "b",
	"\xc3\xa9", "\xc3\xb6", "\xc3\xbc", "\xc3\xb1", "\xc3\xa5", " ", "-",
};
#define NBRC_LETTERS	(sizeof(brc_letters) / sizeof(brc_letters[0]))

/* Named departments first; beyond them, "Dept 000042". */
static const char *const depts[] = {
	"Electronics", "Home, Garden", "Toys \"R\" Fun", "Books\nand Media",
	"Grocery", "Clothing", "Sports", "Automotive", "Health & Beauty",
	"Office",
};
#define NDEPTS	(sizeof(depts) / sizeof(depts[0]))

static const char *const regions[] = {
	"North", "South", "East", "West", "Central, Inner",
};
#define NREGIONS	(sizeof(regions) / sizeof(regions[0]))

static const char *const words[] = {
	"deluxe", "compact", "\"premium\"", "eco", "refurbished", "a, b",
	"classic", "x\"y", "bundle", "limited",
};
#define NWORDS	(sizeof(words) / sizeof(words[0]))

static const char *const mail_domains[] = {
	"mail.example.org", "example.com", "post.example.net",
};
#define NDOMAINS	(sizeof(mail_domains) / sizeof(mail_domains[0]))

struct cell {
	int64_t		 sum;		/* number_of_sales */
	uint64_t	 count;
	int64_t		 minp, maxp;	/* unit_price in cents */
};

static uint64_t	 rng_state;

static uint64_t
rng(void)
{
	uint64_t	 z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * A station name of 3-25 bytes (85% of them 3-8): a capital, then letters;
 * never ends in a space or dash.  Drawn from the generator, so names depend on the seed.
 */
static void
brc_name(char *buf, size_t sz)
{
	size_t	 target, n = 1;

	/* Mostly short names, as the challenge's (about 1.3 GB per 100M). */
	if (rng() % 100 < 85)
		target = 3 + (size_t)(rng() % 6);
	else
		target = 9 + (size_t)(rng() % 17);

	buf[0] = (char)('A' + rng() % 26);
	while (n < target && n + 2 < sz) {
		const char	*l = brc_letters[rng() % NBRC_LETTERS];
		size_t		 ll = strlen(l);

		if (n + ll > target || ((*l == ' ' || *l == '-') &&
		    (n + 1 == target || buf[n - 1] == ' ' || buf[n - 1] == '-')))
			l = "a", ll = 1;
		memcpy(buf + n, l, ll);
		n += ll;
	}
	buf[n] = '\0';
}

/* A 20-byte name for the keys shape: 14 letters mixed from i, then i. */
static void
key_name(size_t i, char *buf, size_t sz)
{
	uint64_t	 h = (uint64_t)i * 0x9e3779b97f4a7c15ULL;
	size_t		 k;

	if (sz < 21)
		return;
	for (k = 0; k < 14; k++) {
		buf[k] = (char)('a' + (h >> 59) % 26);
		h = (h << 5) | (h >> 59);
		h ^= h >> 17;
		h *= 0xbf58476d1ce4e5b9ULL;
	}
	for (k = 20; k > 14; k--) {
		buf[k - 1] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 36];
		i /= 36;
	}
	buf[20] = '\0';
}

/* Print tenths/10 rounded half away from zero to 7 decimals, as tally. */
static void
put_mean(FILE *f, int64_t tenths, uint64_t n)
{
	unsigned __int128	 num = (unsigned __int128)(tenths < 0 ?
				     -(uint64_t)tenths : (uint64_t)tenths) *
				     1000000;
	unsigned __int128	 q = num / n, r = num % n;
	char			 frac[8];
	int			 k;

	if (2 * r >= n)
		q++;
	for (k = 6; k >= 0; k--) {
		frac[k] = (char)('0' + (int)(q % 10));
		q /= 10;
	}
	frac[7] = '\0';
	for (k = 6; k >= 0 && frac[k] == '0'; k--)
		frac[k] = '\0';
	fprintf(f, "%s%" PRIu64 "%s%s", tenths < 0 && (q > 0 || k >= 0) ?
	    "-" : "", (uint64_t)q, k >= 0 ? "." : "", frac);
}

/* Print tenths as a number with one decimal. */
static void
put_tenths(FILE *f, int64_t t)
{
	fprintf(f, "%s%" PRId64 ".%" PRId64, t < 0 ? "-" : "",
	    (t < 0 ? -t : t) / 10, (t < 0 ? -t : t) % 10);
}

/*
 * Write rows of the brc shape with a hand-rolled buffer (fprintf would
 * take minutes for a billion rows) and the truth beside them.
 */
static int
brc_rows(FILE *f, uint64_t rows, size_t groups, char **names,
    struct cell *cells, const char *eol)
{
	static char	 out[1 << 16];
	size_t		 used = 0, *lens, i, el = strlen(eol);
	uint64_t	 r;

	if ((lens = calloc(groups, sizeof(*lens))) == NULL)
		return -1;
	for (i = 0; i < groups; i++)
		lens[i] = strlen(names[i]);
	for (r = 0; r < rows; r++) {
		size_t		 d = (size_t)(rng() % groups);
		int64_t		 t = (int64_t)(rng() % 1999) - 999;
		uint64_t	 a = (uint64_t)(t < 0 ? -t : t);
		struct cell	*ce = &cells[d];
		char		*p;

		if (ce->count == 0 || t < ce->minp)
			ce->minp = t;
		if (ce->count == 0 || t > ce->maxp)
			ce->maxp = t;
		ce->sum += t;
		ce->count++;
		if (used + 64 > sizeof(out)) {
			if (fwrite(out, 1, used, f) != used)
				goto fail;
			used = 0;
		}
		p = out + used;
		memcpy(p, names[d], lens[d]);
		p += lens[d];
		*p++ = ';';
		if (t < 0)
			*p++ = '-';
		if (a >= 100)
			*p++ = (char)('0' + a / 100);
		*p++ = (char)('0' + a / 10 % 10);
		*p++ = '.';
		*p++ = (char)('0' + a % 10);
		memcpy(p, eol, el);
		p += el;
		used = (size_t)(p - out);
	}
	if (fwrite(out, 1, used, f) != used)
		goto fail;
	free(lens);
	return 0;
fail:
	free(lens);
	return -1;
}

static void
dept_name(size_t i, char *buf, size_t sz)
{
	if (i < NDEPTS)
		snprintf(buf, sz, "%s", depts[i]);
	else
		snprintf(buf, sz, "Dept %06zu", i);
}

/* Write s as a CSV cell, quoted when it must be, as tally writes cells. */
static void
put_cell(FILE *f, const char *s)
{
	size_t	 len = strlen(s);

	if (strpbrk(s, ",\"\n\r") != NULL ||
	    (len > 0 && (s[0] == ' ' || s[len - 1] == ' ' || s[0] == '\t'))) {
		fputc('"', f);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else
		fputs(s, f);
}

static void
put_price(FILE *f, int64_t cents)
{
	fprintf(f, "%s%" PRId64 ".%02" PRId64, cents < 0 ? "-" : "",
	    (cents < 0 ? -cents : cents) / 100, (cents < 0 ? -cents : cents) % 100);
}

static void
description(FILE *f, enum shape shape)
{
	size_t	 n, i, target;

	fputc('"', f);
	target = shape == SHAPE_LONGTEXT ? 1024 + rng() % 3072 : 3 + rng() % 5;
	for (n = 0, i = 0; n < target; i++) {
		const char	*w = words[rng() % NWORDS], *p;

		if (i > 0) {
			fputc(' ', f);
			n++;
		}
		for (p = w; *p != '\0'; p++, n++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		if (shape != SHAPE_LONGTEXT && i > 3)
			break;
	}
	/* One row in fifty has a line break inside its description. */
	if (rng() % 50 == 0)
		fputs("\nsecond line", f);
	fputc('"', f);
}

static int
cmp_name(const void *a, const void *b, void *arg)
{
	char	**names = arg;
	size_t	 i = *(const size_t *)a, j = *(const size_t *)b;

	return strcmp(names[i], names[j]);
}

int
main(int argc, char *argv[])
{
	static const struct option	 longopts[] = {
		{ "rows",	required_argument, NULL, 'n' },
		{ "seed",	required_argument, NULL, 's' },
		{ "groups",	required_argument, NULL, 'g' },
		{ "shape",	required_argument, NULL, 'S' },
		{ "out",	required_argument, NULL, 'o' },
		{ "truth",	required_argument, NULL, 't' },
		{ "truth-full",	required_argument, NULL, 'T' },
		{ "crlf",	no_argument,	   NULL, 'c' },
		{ "bom",	no_argument,	   NULL, 'b' },
		{ "email",	no_argument,	   NULL, 'E' },
		{ NULL,		0,		   NULL, 0 }
	};
	enum shape	 shape = SHAPE_SALES;
	uint64_t	 rows = 1000, seed = 1, r;
	size_t		 groups = NDEPTS, i, j, *order = NULL;
	const char	*out = NULL, *truth = NULL, *full = NULL, *eol = "\n";
	char		**names = NULL, buf[64];
	int64_t		*sums = NULL;
	unsigned char	*drawn = NULL;
	struct cell	*cells = NULL;
	FILE		*f = stdout, *t;
	int		 c, bom = 0, email = 0, gset = 0;

	while ((c = getopt_long(argc, argv, "n:s:g:S:o:t:T:cbE", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'n':
			rows = strtoull(optarg, NULL, 10);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 'g':
			groups = strtoull(optarg, NULL, 10);
			gset = 1;
			break;
		case 'S':
			for (i = 0; i < SHAPE__MAX; i++)
				if (strcmp(optarg, shape_names[i]) == 0)
					break;
			if (i == SHAPE__MAX) {
				fprintf(stderr, "gen: unknown shape %s\n",
				    optarg);
				return 1;
			}
			shape = (enum shape)i;
			break;
		case 'o':
			out = optarg;
			break;
		case 't':
			truth = optarg;
			break;
		case 'T':
			full = optarg;
			break;
		case 'c':
			eol = "\r\n";
			break;
		case 'b':
			bom = 1;
			break;
		case 'E':
			email = 1;
			break;
		default:
			fprintf(stderr, "usage: gen [-n rows] [-s seed] "
			    "[-g groups] [-S sales|narrow|longtext|keys|brc] "
			    "[--crlf] [--bom] [--email] [-o out] [-t truth] "
			    "[-T truth-full]\n");
			return 1;
		}
	}
	if (shape == SHAPE_BRC && !gset)
		groups = 413;
	if (groups == 0 || groups > 50000000) {
		fprintf(stderr, "gen: groups must be 1..50000000\n");
		return 1;
	}
	if (full != NULL && groups > 100000) {
		fprintf(stderr, "gen: --truth-full needs at most 100000 "
		    "groups\n");
		return 1;
	}
	rng_state = seed;
	if ((names = calloc(groups, sizeof(*names))) == NULL ||
	    (sums = calloc(groups, sizeof(*sums))) == NULL ||
	    (order = calloc(groups, sizeof(*order))) == NULL ||
	    (drawn = calloc(groups, 1)) == NULL ||
	    ((full != NULL || shape == SHAPE_BRC) &&
	    (cells = calloc(groups * NREGIONS,
	    sizeof(*cells))) == NULL)) {
		fprintf(stderr, "gen: out of memory\n");
		return 1;
	}
	for (i = 0; i < groups; i++) {
		if (shape == SHAPE_BRC) {
			/* Draw again until the name is new. */
			do {
				brc_name(buf, sizeof(buf));
				for (j = 0; j < i; j++)
					if (strcmp(names[j], buf) == 0)
						break;
			} while (j < i);
		} else if (shape == SHAPE_KEYS)
			key_name(i, buf, sizeof(buf));
		else
			dept_name(i, buf, sizeof(buf));
		if ((names[i] = strdup(buf)) == NULL)
			return 1;
		order[i] = i;
	}
	if (out != NULL && (f = fopen(out, "w")) == NULL) {
		perror(out);
		return 1;
	}

	if (bom)
		fputs("\xef\xbb\xbf", f);
	if (shape == SHAPE_BRC) {
		fprintf(f, "station;temp%s", eol);
		if (brc_rows(f, rows, groups, names, cells, eol) == -1) {
			perror(out != NULL ? out : "stdout");
			return 1;
		}
		rows = 0;
	} else if (shape == SHAPE_NARROW || shape == SHAPE_KEYS)
		fprintf(f, "department,number_of_sales%s", eol);
	else
		fprintf(f, "id,date,region,department,product,description,"
		    "unit_price,number_of_sales,customer,channel%s%s",
		    email ? ",customer_email" : "", eol);

	for (r = 0; r < rows; r++) {
		const char	*chan;
		int		 cust;
		size_t	 d = (size_t)(rng() % groups);
		size_t	 reg = (size_t)(rng() % NREGIONS);
		int64_t	 n = (int64_t)(rng() % 500) + 1;
		int64_t	 cents = (int64_t)(rng() % 99999) + 1;

		if (rng() % 100 == 0)
			n = -n;	/* returns */
		sums[d] += n;
		drawn[d] = 1;
		if (cells != NULL) {
			struct cell	*ce = &cells[d * NREGIONS + reg];

			if (ce->count == 0 || cents < ce->minp)
				ce->minp = cents;
			if (ce->count == 0 || cents > ce->maxp)
				ce->maxp = cents;
			ce->sum += n;
			ce->count++;
		}
		if (shape == SHAPE_NARROW || shape == SHAPE_KEYS) {
			put_cell(f, names[d]);
			fprintf(f, ",%" PRId64 "%s", n, eol);
			continue;
		}
		fprintf(f, "%" PRIu64 ",2024-%02d-%02d,", r + 1,
		    (int)(rng() % 12) + 1, (int)(rng() % 28) + 1);
		put_cell(f, regions[reg]);
		fputc(',', f);
		put_cell(f, names[d]);
		fprintf(f, ",SKU-%06d,", (int)(rng() % 1000000));
		description(f, shape);
		fputc(',', f);
		put_price(f, cents);
		/* The channel is drawn before the customer, as it always was. */
		chan = rng() % 2 ? "online" : "store";
		cust = (int)(rng() % 100000);
		fprintf(f, ",%" PRId64 ",Customer %d,%s", n, cust, chan);
		if (email)
			fprintf(f, ",c%06d@%s", cust, mail_domains[cust %
			    NDOMAINS]);
		fputs(eol, f);
	}
	if (fflush(f) == EOF || ferror(f)) {
		perror(out != NULL ? out : "stdout");
		return 1;
	}
	if (f != stdout)
		fclose(f);

	qsort_r(order, groups, sizeof(*order), cmp_name, names);
	if (truth != NULL && shape == SHAPE_BRC) {
		if ((t = fopen(truth, "w")) == NULL) {
			perror(truth);
			return 1;
		}
		fputs("station,min_temp,mean_temp,max_temp\n", t);
		for (i = 0; i < groups; i++) {
			struct cell	*ce = &cells[order[i]];

			if (ce->count == 0)
				continue;
			put_cell(t, names[order[i]]);
			fputc(',', t);
			put_tenths(t, ce->minp);
			fputc(',', t);
			put_mean(t, ce->sum, ce->count);
			fputc(',', t);
			put_tenths(t, ce->maxp);
			fputc('\n', t);
		}
		fclose(t);
	} else if (truth != NULL) {
		if ((t = fopen(truth, "w")) == NULL) {
			perror(truth);
			return 1;
		}
		fputs("department,sum_number_of_sales\n", t);
		for (i = 0; i < groups; i++) {
			/* A department no row drew is not a group. */
			if (!drawn[order[i]])
				continue;
			put_cell(t, names[order[i]]);
			fprintf(t, ",%" PRId64 "\n", sums[order[i]]);
		}
		fclose(t);
	}
	if (full != NULL) {
		size_t	 rorder[NREGIONS];

		if ((t = fopen(full, "w")) == NULL) {
			perror(full);
			return 1;
		}
		for (j = 0; j < NREGIONS; j++)
			rorder[j] = j;
		qsort_r(rorder, NREGIONS, sizeof(*rorder), cmp_name,
		    (void *)regions);
		fputs("region,department,sum_number_of_sales,count,"
		    "min_unit_price,max_unit_price\n", t);
		for (j = 0; j < NREGIONS; j++)
			for (i = 0; i < groups; i++) {
				struct cell	*ce =
				    &cells[order[i] * NREGIONS + rorder[j]];

				if (ce->count == 0)
					continue;
				put_cell(t, regions[rorder[j]]);
				fputc(',', t);
				put_cell(t, names[order[i]]);
				fprintf(t, ",%" PRId64 ",%" PRIu64 ",",
				    ce->sum, ce->count);
				put_price(t, ce->minp);
				fputc(',', t);
				put_price(t, ce->maxp);
				fputc('\n', t);
			}
		fclose(t);
	}
	for (i = 0; i < groups; i++)
		free(names[i]);
	free(names);
	free(sums);
	free(order);
	free(drawn);
	free(cells);
	return 0;
}
