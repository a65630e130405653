/*
 * A runner that finishes a job cancelled meanwhile must not overwrite the
 * cancellation: store_finish returns 0 and the record keeps its state,
 * error and (absent) metrics.
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
	char			 id[JOB_ID_LEN + 1];
	struct store		*s;
	enum job_state		 was;
	int64_t			 pid;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-finish-cancelled-bad"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	strcpy(j.id, "00112233445566778899aabbccddeeff");
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	CHECK(store_claim(s, 1, id, err, sizeof(err)) == 1);
	CHECK(store_cancel(s, id, &was, &pid, err, sizeof(err)) == 1);

	j.state = JOB_DONE;
	j.has_metrics = 1;
	j.rows = 10;
	strcpy(j.error, "");
	CHECK(store_finish(s, &j, err, sizeof(err)) == 0);
	CHECK(store_get(s, id, &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_CANCELLED);
	CHECK_STR(g.error, "cancelled");
	CHECK(g.has_metrics == 0 && g.rows == 0);
	store_job_free(&g);

	/* Nor a deleted one. */
	CHECK(store_delete(s, id, err, sizeof(err)) == 0);
	CHECK(store_finish(s, &j, err, sizeof(err)) == 0);
	CHECK(store_get(s, id, &g, err, sizeof(err)) == 1);
	store_close(s);
	return 0;
}
