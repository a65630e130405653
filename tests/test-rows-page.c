/*
 * Paged reading through the row index (rows.c), on a million-group result
 * shaped as output.c writes it (a kind column, others and total rows, a
 * quoted cell with a comma, quotes and a line end): page 10,000 (offset
 * 999,900) holds exactly its rows and reads no more bytes than the first
 * page does (a seek, not a scan: both under 16 KiB and 2L + 8 reads);
 * every order (keys either way, the first aggregate either way, empty
 * cells and the others/total rows last); a page past the end; a column
 * that cannot be sorted by; a job without an index.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "rows.h"

#define N	1000000

static char	 csv[4096], idx[4096], val[4096];

/* The text of row i's sum ("" every 1000th row: a missing value). */
static void
sum_text(long i, char *buf, size_t sz)
{
	long long	 v = (long long)((i * 7919LL) % 1000003) - 500000;

	if (i % 1000 == 999)
		buf[0] = '\0';
	else
		snprintf(buf, sz, i % 2 ? "%lld.5" : "%lld", v);
}

/* The page as JSON text; st gets what it read. */
static char *
page(uint64_t off, uint64_t lim, const char *sort, struct rows_stats *st,
    enum rows_status want)
{
	char		 err[256], *buf = NULL;
	size_t		 len = 0;
	FILE		*f;
	enum rows_status rc;

	memset(st, 0, sizeof(*st));
	if ((f = open_memstream(&buf, &len)) == NULL)
		exit(TH_ERROR);
	rc = rows_page(csv, idx, val, off, lim, sort, f, st, err,
	    sizeof(err));
	fclose(f);
	if (rc != want)
		th_fail(__FILE__, __LINE__, "rows_page %s: %d (%s)",
		    sort ? sort : "", (int)rc, err);
	if (rc != ROWS_OK) {
		free(buf);
		return strdup(err);
	}
	return buf;
}

static void
want_row(const char *doc, long i)
{
	char	 s[64], row[160];

	sum_text(i, s, sizeof(s));
	if (i == 100000)
		snprintf(row, sizeof(row), "[\"group\",\"k%07ld\",\"%s\","
		    "\"a,\\\"b\\\"\\nc\"]", i, s);
	else
		snprintf(row, sizeof(row), "[\"group\",\"k%07ld\",\"%s\","
		    "\"n%ld\"]", i, s, i % 7);
	CHECK_HAS(doc, row);
}

int
main(void)
{
	struct rows_stats	 st, first;
	const char		*dir = th_tmpdir("rows-page");
	char			 err[256], s[64], *doc;
	double			 v, max = -1e18, min = 1e18;
	long			 i, imax = 0, imin = 0;
	FILE			*f;

	snprintf(csv, sizeof(csv), "%s/result.csv", dir);
	snprintf(idx, sizeof(idx), "%s/result.idx", dir);
	snprintf(val, sizeof(val), "%s/result.byvalue", dir);
	if ((f = fopen(csv, "w")) == NULL)
		return TH_ERROR;
	fputs("kind,key,sum_v,note\n", f);
	for (i = 0; i < N; i++) {
		sum_text(i, s, sizeof(s));
		if (i == 100000)
			fprintf(f, "group,k%07ld,%s,\"a,\"\"b\"\"\nc\"\n", i, s);
		else
			fprintf(f, "group,k%07ld,%s,n%ld\n", i, s, i % 7);
		if (s[0] == '\0')
			continue;
		v = strtod(s, NULL);
		if (v > max)
			max = v, imax = i;
		if (v < min)
			min = v, imin = i;
	}
	fputs("others,,5,x\ntotal,,10,y\n", f);
	if (fclose(f) != 0)
		return TH_ERROR;
	if (rows_index(csv, idx, val, 1, 2, 2, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);

	/* The first page and page 10,000 cost the same few reads. */
	doc = page(0, 100, NULL, &first, ROWS_OK);
	CHECK_HAS(doc, "{\"total\":1000002,\"offset\":0,\"limit\":100,"
	    "\"sort\":null,\"columns\":[\"kind\",\"key\",\"sum_v\",\"note\"],"
	    "\"rows\":[\n[\"group\",\"k0000000\",\"-500000\",\"n0\"],\n");
	want_row(doc, 99);
	CHECK(strstr(doc, "k0000100") == NULL);
	free(doc);
	doc = page(999900, 100, NULL, &st, ROWS_OK);
	want_row(doc, 999900);
	want_row(doc, 999999);
	CHECK(strstr(doc, "k0999899") == NULL && strstr(doc, "others") == NULL);
	free(doc);
	CHECK(first.bytes_read < 16384 && st.bytes_read < 16384);
	CHECK(st.bytes_read <= first.bytes_read + 400);
	CHECK(first.reads <= 2 * 100 + 8 && st.reads <= 2 * 100 + 8);

	/* The quoted cell, and the others and total rows at the end. */
	doc = page(100000, 1, "", &st, ROWS_OK);
	want_row(doc, 100000);
	free(doc);
	doc = page(999999, 10, NULL, &st, ROWS_OK);
	want_row(doc, 999999);
	CHECK_HAS(doc, "[\"others\",\"\",\"5\",\"x\"],\n[\"total\",\"\",\"10\","
	    "\"y\"]]}");
	free(doc);
	doc = page(1000002, 10, NULL, &st, ROWS_OK);
	CHECK_HAS(doc, "\"rows\":[]}");
	free(doc);

	/* Keys descending: the file backwards, extra rows still last. */
	doc = page(0, 2, "-key", &st, ROWS_OK);
	CHECK_HAS(doc, "\"sort\":\"-key\"");
	want_row(doc, 999999);
	want_row(doc, 999998);
	free(doc);
	doc = page(999999, 2, "-key", &st, ROWS_OK);
	want_row(doc, 0);
	CHECK_HAS(doc, "[\"others\"");
	free(doc);

	/* The first aggregate, largest first and smallest first. */
	doc = page(0, 1, "-sum_v", &st, ROWS_OK);
	want_row(doc, imax);
	free(doc);
	CHECK(st.bytes_read < 1024);
	doc = page(0, 1, "sum_v", &st, ROWS_OK);
	want_row(doc, imin);
	free(doc);
	/* 1000 empty sums, last in both orders, in row order. */
	doc = page(N - 1000, 2, "sum_v", &st, ROWS_OK);
	want_row(doc, 999);
	want_row(doc, 1999);
	free(doc);
	doc = page(N - 1000, 1, "-sum_v", &st, ROWS_OK);
	want_row(doc, 999);
	free(doc);

	/* Exact order on a small result: texts above numbers (as min and
	 * max order them), numbers as decimals, empty cells last. */
	if ((f = fopen(csv, "w")) == NULL)
		return TH_ERROR;
	fputs("key,max_v\na,2\nb,1.50\nc,-3\nd,\ne,-3.5\nf,10\ng,abc\n"
	    "h,0010.0\ni,-0.5\n", f);
	if (fclose(f) != 0)
		return TH_ERROR;
	if (rows_index(csv, idx, val, 0, 1, 0, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	doc = page(0, 9, "-max_v", &st, ROWS_OK);
	CHECK_HAS(doc, "[\"g\",\"abc\"],\n[\"f\",\"10\"],\n[\"h\",\"0010.0\"],"
	    "\n[\"a\",\"2\"],\n[\"b\",\"1.50\"],\n[\"i\",\"-0.5\"],\n"
	    "[\"c\",\"-3\"],\n[\"e\",\"-3.5\"],\n[\"d\",\"\"]]}");
	free(doc);
	doc = page(0, 9, "max_v", &st, ROWS_OK);
	CHECK_HAS(doc, "[\"e\",\"-3.5\"],\n[\"c\",\"-3\"],\n[\"i\",\"-0.5\"],"
	    "\n[\"b\",\"1.50\"],\n[\"a\",\"2\"],\n[\"h\",\"0010.0\"],\n"
	    "[\"f\",\"10\"],\n[\"g\",\"abc\"],\n[\"d\",\"\"]]}");
	free(doc);

	/* Refusals. */
	doc = page(0, 1, "note", &st, ROWS_BAD_SORT);
	CHECK_HAS(doc, "sort takes key or max_v");
	free(doc);
	snprintf(idx, sizeof(idx), "%s/none.idx", dir);
	doc = page(0, 1, NULL, &st, ROWS_NO_INDEX);
	free(doc);
	return 0;
}
