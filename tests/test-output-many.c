/*
 * A result of many groups is printed by two threads in chunks (output.c):
 * the CSV is every group once, in key order, each line as one thread would
 * print it (keys that need quotes, keys guarded against formulas), with
 * the last chunk falling to either thread; with --limit, --others and
 * --total the extra rows follow the printed groups.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

struct line {
	char	 key[32];	/* as in the input */
	char	 text[96];	/* the line expected */
};

static int
by_key(const void *a, const void *b)
{
	return strcmp(((const struct line *)a)->key,
	    ((const struct line *)b)->key);
}

/* The input for n groups, and the lines expected, in key order. */
static char *
make(size_t n, struct line *ln)
{
	char	*csv, *p;
	size_t	 k;

	if ((csv = malloc(n * 64 + 16)) == NULL)
		exit(TH_ERROR);
	p = csv + sprintf(csv, "key,v\n");
	for (k = 0; k < n; k++) {
		if (k % 1000 == 7) {
			snprintf(ln[k].key, sizeof(ln[k].key), "k,%06zu", k);
			snprintf(ln[k].text, sizeof(ln[k].text),
			    "\"k,%06zu\",%zu.5,2,%s", k, k, "");
		} else if (k % 777 == 5) {
			snprintf(ln[k].key, sizeof(ln[k].key), "=%06zu", k);
			snprintf(ln[k].text, sizeof(ln[k].text),
			    "\"'=%06zu\",%zu.5,2,%s", k, k, "");
		} else {
			snprintf(ln[k].key, sizeof(ln[k].key), "k%06zu", k);
			snprintf(ln[k].text, sizeof(ln[k].text),
			    "k%06zu,%zu.5,2,%s", k, k, "");
		}
		/* The max: k, or 0.5 for k = 0. */
		snprintf(ln[k].text + strlen(ln[k].text),
		    sizeof(ln[k].text) - strlen(ln[k].text), "%s",
		    k == 0 ? "0.5" : "");
		if (k > 0)
			snprintf(ln[k].text + strlen(ln[k].text),
			    sizeof(ln[k].text) - strlen(ln[k].text), "%zu", k);
		p += sprintf(p, "%s%s%s,%zu\n", k % 1000 == 7 ? "\"" : "",
		    ln[k].key, k % 1000 == 7 ? "\"" : "", k);
	}
	/* The second rows, backwards, so no group's rows are together. */
	for (k = n; k-- > 0;)
		p += sprintf(p, "%s%s%s,0.5\n", k % 1000 == 7 ? "\"" : "",
		    ln[k].key, k % 1000 == 7 ? "\"" : "");
	qsort(ln, n, sizeof(*ln), by_key);
	return csv;
}

static void
check(size_t n)
{
	struct line	*ln;
	char		*csv, *out, *want, *w, *shaped;
	char		 err[256];
	size_t		 k, limit = n - 1000;

	if ((ln = calloc(n, sizeof(*ln))) == NULL ||
	    (want = malloc(n * 100 + 64)) == NULL)
		exit(TH_ERROR);
	csv = make(n, ln);
	w = want + sprintf(want, "key,sum_v,count,max_v\n");
	for (k = 0; k < n; k++)
		w += sprintf(w, "%s\n", ln[k].text);
	out = th_agg(csv, "key", "sum:v,count,max:v", err, sizeof(err));
	if (out == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK_STR(out, want);

	/* The first limit groups, then others and total. */
	shaped = th_shaped(csv, "key", "sum:v,count,max:v", 0, limit, 1, 1,
	    NULL);
	w = want + sprintf(want, "kind,key,sum_v,count,max_v\n");
	for (k = 0; k < limit; k++)
		w += sprintf(w, "group,%s\n", ln[k].text);
	CHECK(strncmp(shaped, want, strlen(want)) == 0);
	CHECK_HAS(shaped + strlen(want), "others,,");
	CHECK_HAS(shaped + strlen(want), "total,,");
	free(shaped);
	free(out);
	free(want);
	free(csv);
	free(ln);
}

int
main(void)
{
	/* Five chunks of 16384, the last (even) the caller's... */
	check(70001);
	/* ...and six, the last (odd) the helper's. */
	check(85000);
	return 0;
}
