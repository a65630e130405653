/*
 * The scheduler (see sched.h).  Claims go through store_claim(), whose
 * immediate transaction makes the running count exact across every worker
 * and runner process; spawning goes through spawn_detached().  The
 * wake-up FIFO carries no data: any byte means "kick".
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "clock.h"
#include "job.h"
#include "lock.h"
#include "sched.h"
#include "spawn.h"
#include "store.h"

int
sched_kick(struct store *s, const struct sched_conf *c, char *err,
    size_t errsz)
{
	char	 id[JOB_ID_LEN + 1], kbuf[16], tbuf[16], rbuf[16];
	char	 mbuf[32], obuf[32], why[TALLY_ERR_MAX];
	char	*argv[24];
	int	 n = 0, rc, a;

	for (;;) {
		if ((rc = store_claim(s, c->max_running, id, err,
		    errsz)) <= 0)
			return rc == 0 ? n : -1;
		snprintf(kbuf, sizeof(kbuf), "%d", c->max_running);
		snprintf(tbuf, sizeof(tbuf), "%d", c->threads);
		a = 0;
		argv[a++] = (char *)c->tally;
		argv[a++] = (char *)"job";
		argv[a++] = (char *)"--db";
		argv[a++] = (char *)c->db;
		argv[a++] = (char *)"--jobs";
		argv[a++] = (char *)c->jobs;
		argv[a++] = (char *)"--max-running";
		argv[a++] = kbuf;
		argv[a++] = (char *)"--threads";
		argv[a++] = tbuf;
		if (c->keep_input)
			argv[a++] = (char *)"--keep-input";
		if (c->max_mbps > 0) {
			snprintf(rbuf, sizeof(rbuf), "%d", c->max_mbps);
			argv[a++] = (char *)"--max-mbps";
			argv[a++] = rbuf;
		}
		if (c->max_memory > 0) {
			snprintf(mbuf, sizeof(mbuf), "%zu", c->max_memory);
			argv[a++] = (char *)"--max-memory";
			argv[a++] = mbuf;
		}
		if (c->max_result > 0) {
			snprintf(obuf, sizeof(obuf), "%zu", c->max_result);
			argv[a++] = (char *)"--max-result";
			argv[a++] = obuf;
		}
		if (c->log != NULL) {
			argv[a++] = (char *)"--log";
			argv[a++] = (char *)c->log;
		}
		argv[a++] = id;
		argv[a] = NULL;
		if (spawn_detached(argv, c->log, why, sizeof(why)) == -1) {
			/*
			 * Not the job's fault (no processes left, say): back
			 * in the queue, and no more claims until next time.
			 */
			if (store_requeue(s, id, err, errsz) == 0)
				snprintf(err, errsz, "could not start the "
				    "runner: %s", why);
			return -1;
		}
		n++;
	}
}

struct recover {
	struct store		*s;
	const struct sched_conf	*c;
	double			 grace;
	int			 n;
	int			 failed;
	char			*err;
	size_t			 errsz;
};

/*
 * A running job has a runner exactly while its lock is held.  A free lock
 * with no pid recorded may be a runner on its way (it takes the lock
 * before it records its pid), so that case waits out the grace.
 */
static int
recover_one(void *arg, const char *id, int64_t pid, double started)
{
	struct recover	*r = arg;
	int		 rc;

	switch (lock_held(r->c->jobs, id)) {
	case LOCK_HELD:
		return 0;
	case LOCK_ERROR:
		/* Cannot tell: never interrupt a job that may be alive. */
		return 0;
	default:
		break;
	}
	if (pid == 0 && clock_wall() - started < r->grace)
		return 0;
	rc = store_interrupt(r->s, id, pid, "interrupted: the job's process "
	    "ended without finishing", r->err, r->errsz);
	if (rc == -1) {
		r->failed = 1;
		return 1;
	}
	if (rc == 1) {
		job_clear(r->c->jobs, id, r->c->keep_input ?
		    JOB_KEEP(JOB_FILE_INPUT) : 0);
		r->n++;
	}
	return 0;
}

int
sched_recover(struct store *s, const struct sched_conf *c, double grace,
    char *err, size_t errsz)
{
	struct recover	 r = { s, c, grace, 0, 0, err, errsz };

	if (store_running(s, recover_one, &r, err, errsz) == -1 || r.failed)
		return -1;
	return r.n;
}

static int
wake_path(char *buf, size_t sz, const char *db)
{
	int	 n = snprintf(buf, sz, "%s%s", db, SCHED_WAKE_SUFFIX);

	return n < 0 || (size_t)n >= sz ? -1 : 0;
}

int
sched_wake_listen(const char *db, char *err, size_t errsz)
{
	char		 path[JOB_PATH_MAX];
	struct stat	 st;
	int		 fd;

	if (wake_path(path, sizeof(path), db) == -1) {
		snprintf(err, errsz, "the database's path is too long");
		return -1;
	}
	if (mkfifo(path, 0600) == -1 && errno != EEXIST) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	/*
	 * Read and write: the daemon is then a writer too, so the FIFO never
	 * reads as hung up once a runner has closed its end.
	 */
	if ((fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC |
	    O_NOFOLLOW)) == -1) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISFIFO(st.st_mode)) {
		snprintf(err, errsz, "%s is not a FIFO; remove it", path);
		close(fd);
		return -1;
	}
	return fd;
}

int
sched_wake_wait(int fd, int ms)
{
	struct pollfd	 p = { fd, POLLIN, 0 };
	char		 buf[64];
	int		 woken = 0;

	if (poll(&p, 1, ms) != 1 || !(p.revents & POLLIN))
		return 0;
	while (read(fd, buf, sizeof(buf)) > 0)
		woken = 1;
	return woken;
}

void
sched_wake(const char *db)
{
	char	 path[JOB_PATH_MAX];
	int	 fd;

	if (wake_path(path, sizeof(path), db) == -1)
		return;
	/* No reader (ENXIO), no FIFO (ENOENT): nobody to wake. */
	if ((fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC |
	    O_NOFOLLOW)) == -1)
		return;
	if (write(fd, "k", 1) == -1) {
		/*
		 * A full FIFO (EAGAIN) already holds a wake-up; any other
		 * failure leaves it to the scheduler's periodic pass.  (A
		 * (void) cast does not silence warn_unused_result, which
		 * glibc's write() carries under _FORTIFY_SOURCE.)
		 */
	}
	close(fd);
}
