/*
 * Every field store_insert takes comes back from store_get unchanged
 * (text at its full length, 64-bit sizes, the delimiter byte), and the
 * fields it does not take come back as their defaults.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "store.h"

int
main(void)
{
	static struct store_job	 j, g;
	char			 path[4096], err[TALLY_ERR_MAX];
	struct store		*s;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-roundtrip"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);

	strcpy(j.id, "00112233445566778899aabbccddeeff");
	j.state = JOB_QUEUED;
	j.created = 1700000000.25;
	strcpy(j.name, "ventes \"2024\" \xc3\xa9t\xc3\xa9.csv");
	strcpy(j.groups, "department,region");
	memset(j.aggs, 'a', sizeof(j.aggs) - 1);
	j.delim = '\t';
	j.strict = 1;
	j.input_size = 10LL * 1024 * 1024 * 1024 + 7;
	j.input_off = 187;
	j.input_len = 10LL * 1024 * 1024 * 1024 - 300;
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	/* The same id again is an error. */
	CHECK(store_insert(s, &j, err, sizeof(err)) == -1);

	memset(&g, 0x55, sizeof(g));
	g.rejects = NULL;
	CHECK(store_get(s, j.id, &g, err, sizeof(err)) == 0);
	CHECK_STR(g.id, j.id);
	CHECK(g.state == JOB_QUEUED);
	CHECK(g.created == j.created);
	CHECK_STR(g.name, j.name);
	CHECK_STR(g.groups, j.groups);
	CHECK_STR(g.aggs, j.aggs);
	CHECK(g.delim == '\t');
	CHECK(g.strict == 1);
	CHECK(g.input_size == j.input_size);
	CHECK(g.input_off == j.input_off);
	CHECK(g.input_len == j.input_len);
	CHECK(g.started == 0 && g.finished == 0);
	CHECK(g.pid == 0 && g.bytes_done == 0 && g.rows_done == 0);
	CHECK(g.has_metrics == 0 && g.rows == 0 && g.peak_rss_kb == 0);
	CHECK_STR(g.error, "");
	CHECK(g.rejects == NULL);
	store_job_free(&g);

	/* A delimiter byte above 127 and a zero created time. */
	strcpy(j.id, "ffeeddccbbaa99887766554433221100");
	j.delim = (char)0xfe;
	j.created = 0;
	j.aggs[0] = '\0';
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	CHECK(store_get(s, j.id, &g, err, sizeof(err)) == 0);
	CHECK(g.delim == (char)0xfe);
	CHECK(g.created > 1600000000.0);
	CHECK_STR(g.aggs, "");
	store_job_free(&g);

	CHECK(store_get(s, "0123456789abcdef0123456789abcdef", &g, err,
	    sizeof(err)) == 1);
	store_close(s);
	return 0;
}
