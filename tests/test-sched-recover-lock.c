/*
 * Recovery asks the job's lock, not its pid: a running job whose recorded
 * pid belongs to a live but unrelated process (here, this test) and whose
 * lock is free is marked failed "interrupted", with the result files it
 * had in place removed and its folder gone; a job whose lock is held stays
 * running; a claimed job with no pid and a free lock waits out the grace.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"
#include "job.h"
#include "lock.h"
#include "sched.h"
#include "store.h"

#define ID(n)	"000000000000000000000000000000000" #n

static void
touch(const char *root, const char *id, const char *name)
{
	char	 path[4096];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s/%s", root, id, name);
	if ((f = fopen(path, "w")) == NULL)
		th_fail(__FILE__, __LINE__, "%s", path);
	fputs("x\n", f);
	fclose(f);
}

int
main(void)
{
	static struct store_job	 j, g;
	struct sched_conf	 c;
	struct store		*s;
	char			 db[4096], dir[4096], err[TALLY_ERR_MAX];
	char			 id[JOB_ID_LEN + 1];
	const char		*root = th_tmpdir("test-sched-recover-lock");
	int			 i, p[2], status;
	pid_t			 pid;
	char			 ch;

	snprintf(db, sizeof(db), "%s/tally.db", root);
	if ((s = store_open(db, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.jobs = root;
	for (i = 1; i <= 3; i++) {
		snprintf(j.id, sizeof(j.id), "%034x", i);
		CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
		snprintf(dir, sizeof(dir), "%s/%s", root, j.id);
		CHECK(mkdir(dir, 0755) == 0);
		CHECK(store_claim(s, 3, id, err, sizeof(err)) == 1);
	}

	/* 1: the pid of a live process that is not its runner. */
	CHECK(store_set_pid(s, ID(1), getpid(), err, sizeof(err)) == 1);
	touch(root, ID(1), "result.csv");
	touch(root, ID(1), "result.json.tmp.set");
	touch(root, ID(1), "input");

	/* 2: a live runner holding the lock. */
	CHECK(pipe(p) == 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		if (lock_take(root, ID(2), err, sizeof(err)) == -1)
			_exit(2);
		(void)write(p[1], "x", 1);
		pause();
		_exit(3);
	}
	close(p[1]);
	CHECK(read(p[0], &ch, 1) == 1);
	CHECK(store_set_pid(s, ID(2), pid, err, sizeof(err)) == 1);

	/* 3: claimed, no pid yet, lock free: within the grace. */
	CHECK(sched_recover(s, &c, 60.0, err, sizeof(err)) == 1);

	CHECK(store_get(s, ID(1), &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_FAILED);
	CHECK(strncmp(g.error, "interrupted", 11) == 0);
	store_job_free(&g);
	snprintf(dir, sizeof(dir), "%s/%s", root, ID(1));
	CHECK(access(dir, F_OK) == -1);

	CHECK(store_get(s, ID(2), &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_RUNNING);
	store_job_free(&g);
	CHECK(store_get(s, ID(3), &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_RUNNING);
	store_job_free(&g);

	/* The runner dies; the claim without a pid passes its grace. */
	kill(pid, SIGKILL);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(sched_recover(s, &c, 0.0, err, sizeof(err)) == 2);
	CHECK(store_get(s, ID(2), &g, err, sizeof(err)) == 0);
	CHECK(g.state == JOB_FAILED);
	store_job_free(&g);
	snprintf(dir, sizeof(dir), "%s/%s", root, ID(2));
	CHECK(access(dir, F_OK) == -1);
	store_close(s);
	return 0;
}
