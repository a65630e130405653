/*
 * store_cancel turns a queued or a running job into a cancelled one and
 * reports what it was and its runner's pid; a finished, already cancelled
 * or absent job is left alone (0).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "store.h"

#define ID(n)	"000000000000000000000000000000000" #n

int
main(void)
{
	static struct store_job	 j, g;
	char			 path[4096], err[TALLY_ERR_MAX];
	char			 id[JOB_ID_LEN + 1];
	struct store		*s;
	enum job_state		 was;
	int64_t			 pid;
	int			 i;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-cancel"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	for (i = 1; i <= 3; i++) {
		snprintf(j.id, sizeof(j.id), "%034x", i);
		CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	}
	/* 1 runs with a pid, 2 is done, 3 stays queued. */
	CHECK(store_claim(s, 5, id, err, sizeof(err)) == 1);
	CHECK(store_set_pid(s, ID(1), 31337, err, sizeof(err)) == 1);
	CHECK(store_claim(s, 5, id, err, sizeof(err)) == 1);
	strcpy(j.id, ID(2));
	j.state = JOB_DONE;
	CHECK(store_finish(s, &j, err, sizeof(err)) == 1);

	pid = -1;
	CHECK(store_cancel(s, ID(3), &was, &pid, err, sizeof(err)) == 1);
	CHECK(was == JOB_QUEUED && pid == 0);
	CHECK(store_cancel(s, ID(1), &was, &pid, err, sizeof(err)) == 1);
	CHECK(was == JOB_RUNNING && pid == 31337);
	CHECK(store_get(s, ID(1), &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_CANCELLED && g.finished > 0);
	CHECK_STR(g.error, "cancelled");
	store_job_free(&g);
	/* A runner starting after the cancel learns it must not run. */
	CHECK(store_set_pid(s, ID(1), 4711, err, sizeof(err)) == 0);

	CHECK(store_cancel(s, ID(2), &was, &pid, err, sizeof(err)) == 0);
	CHECK(was == JOB_DONE);
	CHECK(store_cancel(s, ID(1), &was, &pid, err, sizeof(err)) == 0);
	CHECK(was == JOB_CANCELLED);
	CHECK(store_cancel(s, ID(9), &was, &pid, err, sizeof(err)) == 0);
	CHECK(store_get(s, ID(2), &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_DONE);
	CHECK_STR(g.error, "");
	store_job_free(&g);

	/* The transaction was closed each time: the store still writes. */
	CHECK(store_claim(s, 5, id, err, sizeof(err)) == 0);
	store_close(s);
	return 0;
}
