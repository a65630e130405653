/*
 * The life of a job through the store: claimed, given a pid and progress,
 * then finished with metrics, an error text and bad-row samples (rows of
 * their own), all of which store_get returns.  Finishing it twice changes nothing the second time.
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
	struct store_reject	 rj = { 2, 3, "number_of_sales", "a\0c", 3,
				    "not a number" };
	char			 path[4096], err[TALLY_ERR_MAX];
	char			 id[JOB_ID_LEN + 1];
	struct store		*s;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-finish"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	strcpy(j.id, "00112233445566778899aabbccddeeff");
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	CHECK(store_claim(s, 1, id, err, sizeof(err)) == 1);
	CHECK_STR(id, j.id);
	CHECK(store_set_pid(s, id, 4242, err, sizeof(err)) == 1);
	CHECK(store_progress(s, id, 5000000000LL, 123456, 789, err,
	    sizeof(err)) == 0);
	CHECK(store_get(s, id, &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_RUNNING);
	CHECK(g.started > 1600000000.0);
	CHECK(g.pid == 4242);
	CHECK(g.bytes_done == 5000000000LL && g.rows_done == 123456);
	CHECK(g.filtered == 789);
	store_job_free(&g);

	j.state = JOB_DONE;
	j.bytes_done = 6000000000LL;
	j.rows_done = 200000;
	j.has_metrics = 1;
	j.rows = 200003;
	j.rejected = 3;
	j.groups_n = 17;
	j.seconds = 1.5;
	j.mb_per_s = 3814.75;
	j.peak_rss_kb = 20480;
	j.filtered = 1234;
	strcpy(j.error, "3 rows rejected");
	j.rejects = &rj;
	j.nrejects = 1;
	CHECK(store_finish(s, &j, err, sizeof(err)) == 1);
	CHECK(store_get(s, id, &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_DONE);
	CHECK(g.finished >= g.started);
	CHECK(g.pid == 4242);
	CHECK(g.bytes_done == 6000000000LL && g.rows_done == 200000);
	CHECK(g.has_metrics == 1);
	CHECK(g.rows == 200003 && g.rejected == 3 && g.groups_n == 17);
	CHECK(g.seconds == 1.5 && g.mb_per_s == 3814.75);
	CHECK(g.peak_rss_kb == 20480);
	CHECK(g.filtered == 1234);
	CHECK_STR(g.error, "3 rows rejected");
	CHECK(g.nrejects == 1 && g.rejects[0].line == 2 &&
	    g.rejects[0].column == 3);
	CHECK_STR(g.rejects[0].colname, "number_of_sales");
	CHECK(g.rejects[0].value_len == 3 &&
	    memcmp(g.rejects[0].value, "a\0c", 3) == 0);
	CHECK_STR(g.rejects[0].reason, "not a number");
	store_job_free(&g);

	/* No longer running: a second finish is refused. */
	j.state = JOB_FAILED;
	CHECK(store_finish(s, &j, err, sizeof(err)) == 0);
	CHECK(store_get(s, id, &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_DONE);
	store_job_free(&g);
	store_close(s);
	return 0;
}
