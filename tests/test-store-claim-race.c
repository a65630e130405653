/*
 * Claims racing from several processes, each with its own handle opened
 * after fork(): with K slots, no more than K jobs ever run, and no job is
 * claimed twice.  In each of several rounds, 4 processes race 20 claims
 * for 3 free slots without finishing anything, and exactly 3 win; then
 * they drain the queue, holding each job a moment before finishing it,
 * and every job is run once.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "harness.h"
#include "store.h"

#define PROCS	4
#define JOBS	20
#define K	3
#define ROUNDS	10
#define TOTAL	(ROUNDS * K + JOBS)	/* jobs in the queue at first */

static char	 path[4096];

/*
 * One claiming process: open the store, wait on go, then claim (up to tries times, or
 * until the queue is empty when drain is set), write each claimed id to
 * out.  Exits 0, 1 if more than K jobs ran at some point, 99 on error.
 */
static void
claimer(int go, int out, int tries, int drain)
{
	static struct store_job	 j;
	char			 err[TALLY_ERR_MAX], id[JOB_ID_LEN + 1];
	char			 line[JOB_ID_LEN + 1];
	int64_t			 counts[JOB_STATE__MAX];
	struct store		*s;
	int			 i, rc;

	if ((s = store_open(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		_exit(TH_ERROR);
	}
	if (read(go, line, 1) != 0)
		_exit(TH_ERROR);
	for (i = 0; drain || i < tries; i++) {
		if ((rc = store_claim(s, K, id, err, sizeof(err))) == -1 ||
		    store_counts(s, counts, err, sizeof(err)) == -1) {
			fprintf(stderr, "%s\n", err);
			_exit(TH_ERROR);
		}
		if (counts[JOB_RUNNING] > K) {
			fprintf(stderr, "%lld jobs running\n",
			    (long long)counts[JOB_RUNNING]);
			_exit(1);
		}
		if (rc == 0) {
			if (drain && counts[JOB_QUEUED] == 0)
				break;
			usleep(500);
			continue;
		}
		memcpy(line, id, JOB_ID_LEN);
		line[JOB_ID_LEN] = '\n';
		if (write(out, line, sizeof(line)) != sizeof(line))
			_exit(TH_ERROR);
		if (drain) {
			usleep(2000);
			memcpy(j.id, id, sizeof(j.id));
			j.state = JOB_DONE;
			if (store_finish(s, &j, err, sizeof(err)) != 1) {
				fprintf(stderr, "finish %s failed\n", id);
				_exit(1);
			}
		}
	}
	store_close(s);
	_exit(0);
}

/* Run PROCS claimers at once; return how many claims they made in all. */
static int
race(int tries, int drain, char ids[][JOB_ID_LEN + 1], int max)
{
	char	 line[JOB_ID_LEN + 1];
	int	 go[2], out[2], i, n = 0, status;
	ssize_t	 got;
	pid_t	 pids[PROCS];

	if (pipe(go) == -1 || pipe(out) == -1)
		exit(TH_ERROR);
	for (i = 0; i < PROCS; i++) {
		if ((pids[i] = fork()) == -1)
			exit(TH_ERROR);
		if (pids[i] == 0) {
			close(go[1]);
			close(out[0]);
			claimer(go[0], out[1], tries, drain);
		}
	}
	close(go[0]);
	close(out[1]);
	close(go[1]);		/* Start them all. */
	while ((got = read(out[0], line, sizeof(line))) != 0) {
		if (got == -1 && errno == EINTR)
			continue;
		if (got != sizeof(line) || n == max)
			exit(TH_ERROR);
		memcpy(ids[n], line, JOB_ID_LEN);
		ids[n++][JOB_ID_LEN] = '\0';
	}
	close(out[0]);
	for (i = 0; i < PROCS; i++) {
		if (waitpid(pids[i], &status, 0) == -1 || !WIFEXITED(status))
			exit(TH_ERROR);
		if (WEXITSTATUS(status) != 0)
			th_fail(__FILE__, __LINE__, "claimer %d exited %d", i,
			    WEXITSTATUS(status));
	}
	return n;
}

int
main(void)
{
	static struct store_job	 j;
	char			 err[TALLY_ERR_MAX];
	char			 ids[PROCS * JOBS][JOB_ID_LEN + 1];
	int64_t			 counts[JOB_STATE__MAX];
	struct store		*s;
	int			 i, k, n, r;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-claim-race"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	for (i = 0; i < TOTAL; i++) {
		snprintf(j.id, sizeof(j.id), "%034x", i + 1);
		CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	}
	store_close(s);		/* Nothing open across fork(). */

	/* Rounds of JOBS claims for K free slots, each freed after. */
	for (r = 0; r < ROUNDS; r++) {
		n = race(JOBS / PROCS, 0, ids, PROCS * JOBS);
		if (n != K)
			th_fail(__FILE__, __LINE__, "round %d: %d claims won",
			    r, n);
		for (i = 0; i < n; i++)
			for (k = 0; k < i; k++)
				CHECK(strcmp(ids[i], ids[k]) != 0);
		if ((s = store_open(path, err, sizeof(err))) == NULL)
			th_fail(__FILE__, __LINE__, "%s", err);
		CHECK(store_counts(s, counts, err, sizeof(err)) == 0);
		CHECK(counts[JOB_RUNNING] == K);
		CHECK(counts[JOB_QUEUED] == TOTAL - (r + 1) * K);
		for (i = 0; i < n; i++) {
			memcpy(j.id, ids[i], sizeof(j.id));
			j.state = JOB_DONE;
			CHECK(store_finish(s, &j, err, sizeof(err)) == 1);
		}
		store_close(s);
	}

	/* Drain the queue. */
	n = race(0, 1, ids, PROCS * JOBS);
	CHECK(n == TOTAL - ROUNDS * K);
	for (i = 0; i < n; i++)
		for (k = 0; k < i; k++)
			CHECK(strcmp(ids[i], ids[k]) != 0);
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(store_counts(s, counts, err, sizeof(err)) == 0);
	CHECK(counts[JOB_DONE] == TOTAL && counts[JOB_RUNNING] == 0);
	store_close(s);
	return 0;
}
