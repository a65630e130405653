/*
 * store_submit keeps both caps exactly, even with processes submitting at
 * once: 6 processes each submit 10 jobs of their own owner with a
 * per-owner cap of 3, and exactly 3 of each are queued; then the global cap
 * of 20 lets 2 more in and no third.  Running jobs count against neither
 * cap.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "harness.h"
#include "store.h"

#define PROCS	6
#define EACH	10

static int
none(void *arg, const struct store_job *j)
{
	(void)arg;
	(void)j;
	return 0;
}

int
main(void)
{
	static struct store_job	 j;
	char			 path[4096], err[TALLY_ERR_MAX];
	char			 owner[32];
	struct store		*s;
	int64_t			 counts[JOB_STATE__MAX], total;
	int			 p, i, status, rc;
	pid_t			 pids[PROCS];

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-submit-cap"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	/* A running job of owner p0 counts against nothing. */
	strcpy(j.id, "ffffffffffffffffffffffffffffffff");
	strcpy(j.owner, "p0");
	j.state = JOB_RUNNING;
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	store_close(s);

	for (p = 0; p < PROCS; p++) {
		if ((pids[p] = fork()) == 0) {
			if ((s = store_open(path, err, sizeof(err))) == NULL)
				_exit(99);
			for (i = 0; i < EACH; i++) {
				memset(&j, 0, sizeof(j));
				snprintf(j.id, sizeof(j.id), "%016x%016x", p, i);
				snprintf(j.owner, sizeof(j.owner), "p%d", p);
				j.state = JOB_QUEUED;
				rc = store_submit(s, &j, 20, 3, err,
				    sizeof(err));
				if (rc == -1)
					_exit(99);
			}
			store_close(s);
			_exit(0);
		}
		CHECK(pids[p] > 0);
	}
	for (p = 0; p < PROCS; p++) {
		CHECK(waitpid(pids[p], &status, 0) == pids[p]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(store_counts(s, counts, err, sizeof(err)) == 0);
	/* 6 owners of 3 each is 18, under the global 20. */
	CHECK(counts[JOB_QUEUED] == 18);
	for (p = 0; p < PROCS; p++) {
		snprintf(owner, sizeof(owner), "p%d", p);
		CHECK(store_list(s, owner, 200, 0, none, NULL, &total, err,
		    sizeof(err)) == 0);
		CHECK(total == (p == 0 ? 4 : 3));
	}
	/* The global cap: owner "q" may add 2 more, not 3. */
	memset(&j, 0, sizeof(j));
	strcpy(j.owner, "q");
	j.state = JOB_QUEUED;
	strcpy(j.id, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee1");
	CHECK(store_submit(s, &j, 20, 3, err, sizeof(err)) ==
	    STORE_SUBMIT_ADDED);
	strcpy(j.id, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee2");
	CHECK(store_submit(s, &j, 20, 3, err, sizeof(err)) ==
	    STORE_SUBMIT_ADDED);
	strcpy(j.id, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee3");
	CHECK(store_submit(s, &j, 20, 3, err, sizeof(err)) ==
	    STORE_SUBMIT_QUEUE_FULL);
	strcpy(j.owner, "p1");
	CHECK(store_submit(s, &j, 30, 3, err, sizeof(err)) ==
	    STORE_SUBMIT_OWNER_FULL);
	store_close(s);
	return 0;
}
