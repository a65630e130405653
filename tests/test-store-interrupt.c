/*
 * store_interrupt fails a running job only if its pid matches (0 for a
 * runner that never recorded one); another pid, or a job that is not
 * running, is left alone.
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
	int			 i;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-interrupt"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	for (i = 1; i <= 3; i++) {
		snprintf(j.id, sizeof(j.id), "%034x", i);
		CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	}
	CHECK(store_claim(s, 2, id, err, sizeof(err)) == 1);
	CHECK(store_set_pid(s, ID(1), 100, err, sizeof(err)) == 1);
	CHECK(store_claim(s, 2, id, err, sizeof(err)) == 1);

	CHECK(store_interrupt(s, ID(1), 200, "gone", err, sizeof(err)) == 0);
	CHECK(store_interrupt(s, ID(1), 0, "gone", err, sizeof(err)) == 0);
	CHECK(store_get(s, ID(1), &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_RUNNING);
	store_job_free(&g);
	CHECK(store_interrupt(s, ID(1), 100, "the runner died", err,
	    sizeof(err)) == 1);
	CHECK(store_get(s, ID(1), &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_FAILED && g.finished > 0);
	CHECK_STR(g.error, "the runner died");
	store_job_free(&g);
	CHECK(store_interrupt(s, ID(1), 100, "again", err, sizeof(err)) == 0);

	/* Running without a recorded pid: 0 matches it, 100 does not. */
	CHECK(store_interrupt(s, ID(2), 100, "x", err, sizeof(err)) == 0);
	CHECK(store_interrupt(s, ID(2), 0, "never started", err,
	    sizeof(err)) == 1);
	/* Queued: never interrupted. */
	CHECK(store_interrupt(s, ID(3), 0, "x", err, sizeof(err)) == 0);
	CHECK(store_get(s, ID(3), &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_QUEUED);
	store_job_free(&g);
	store_close(s);
	return 0;
}
