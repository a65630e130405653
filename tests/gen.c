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
 * Shapes: sales (10 columns), narrow (department,number_of_sales) and
 * longtext (sales with 1-4 KB quoted descriptions).  truth.csv is
 * `department,sum_number_of_sales`; truth-full.csv is `region,department,
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
	SHAPE__MAX
};

static const char *const shape_names[SHAPE__MAX] = {
	"sales", "narrow", "longtext"
};

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
	int		 c, bom = 0, email = 0;

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
			    "[-g groups] [-S sales|narrow|longtext] [--crlf] "
			    "[--bom] [--email] [-o out] [-t truth] "
			    "[-T truth-full]\n");
			return 1;
		}
	}
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
	    (full != NULL && (cells = calloc(groups * NREGIONS,
	    sizeof(*cells))) == NULL)) {
		fprintf(stderr, "gen: out of memory\n");
		return 1;
	}
	for (i = 0; i < groups; i++) {
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
	if (shape == SHAPE_NARROW)
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
		if (shape == SHAPE_NARROW) {
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
	if (truth != NULL) {
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
