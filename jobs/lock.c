/*
 * Job locks (see lock.h).  The lock is an flock on an open file
 * description: it goes with the runner's descriptor, is not inherited
 * across exec (O_CLOEXEC), and the kernel drops it when the runner dies,
 * even by SIGKILL.  A lock file is never held before it names its holder:
 * it is written and locked under a temporary name, then renamed.  A probe takes the lock without waiting and drops it at
 * once; a probe never creates the file, so it cannot bring back a folder
 * that was removed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>

#include "job.h"
#include "lock.h"

unsigned long long
lock_proc_start(long pid)
{
	char			 path[64], buf[1024], *p;
	unsigned long long	 start = 0;
	ssize_t			 n;
	int			 fd, field;

	if (pid <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* "pid (comm) S ppid ...": comm may hold spaces and parentheses. */
	if ((p = strrchr(buf, ')')) == NULL)
		return 0;
	/* p + 2 is field 3; walk to field 22. */
	for (p += 2, field = 3; field < 22 && *p != '\0'; p++)
		if (*p == ' ')
			field++;
	if (field != 22 || sscanf(p, "%llu", &start) != 1)
		return 0;
	return start;
}

static int
lock_path(char *buf, size_t sz, const char *root, const char *id)
{
	return job_path(buf, sz, root, id, JOB_FILE_LOCK);
}

int
lock_take(const char *root, const char *id, char *err, size_t errsz)
{
	char	 path[JOB_PATH_MAX], tmp[JOB_PATH_MAX], line[64];
	int	 fd = -1, n;

	if (lock_path(path, sizeof(path), root, id) == -1 ||
	    snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >=
	    (int)sizeof(tmp)) {
		snprintf(err, errsz, "bad job id");
		return -1;
	}
	/*
	 * Named, then held, then published: the file gets this process's
	 * pid and start time and its flock under a name nobody looks at,
	 * and rename() puts it in place in one step.  So whoever finds
	 * "lock" held finds it naming its holder: there is no moment when a
	 * cancel sees a holder it cannot name.  (A file from a dead process
	 * that had this pid is replaced.)
	 */
	(void)unlink(tmp);
	if ((fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0644)) == -1) {
		snprintf(err, errsz, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	n = snprintf(line, sizeof(line), "%ld %llu\n", (long)getpid(),
	    lock_proc_start((long)getpid()));
	if (pwrite(fd, line, (size_t)n, 0) != n) {
		snprintf(err, errsz, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	/* Nobody else knows this file: the lock is had at once. */
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		snprintf(err, errsz, "%s: flock: %s", tmp, strerror(errno));
		goto fail;
	}
	if (rename(tmp, path) == -1) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto fail;
	}
	return fd;
fail:
	close(fd);
	(void)unlink(tmp);
	return -1;
}

/*
 * Open job id's lock file and try it.  Returns LOCK_HELD with the file
 * open in *fdp (the caller closes it), LOCK_FREE (nothing open), or
 * LOCK_ERROR.
 */
static enum lock_state
probe(const char *root, const char *id, int *fdp)
{
	char	 path[JOB_PATH_MAX];
	int	 fd;

	*fdp = -1;
	if (lock_path(path, sizeof(path), root, id) == -1)
		return LOCK_ERROR;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return errno == ENOENT ? LOCK_FREE : LOCK_ERROR;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		close(fd);
		return LOCK_FREE;
	}
	if (errno != EWOULDBLOCK) {
		close(fd);
		return LOCK_ERROR;
	}
	*fdp = fd;
	return LOCK_HELD;
}

enum lock_state
lock_held(const char *root, const char *id)
{
	enum lock_state	 st;
	int		 fd;

	st = probe(root, id, &fd);
	if (fd != -1)
		close(fd);
	return st;
}

int
lock_signal(const char *root, const char *id, int sig)
{
	unsigned long long	 start = 0;
	char			 buf[64];
	long			 pid = 0;
	ssize_t			 n;
	int			 fd, rc = 0;

	if (probe(root, id, &fd) != LOCK_HELD)
		return 0;
	if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) <= 0)
		goto out;
	buf[n] = '\0';
	if (sscanf(buf, "%ld %llu", &pid, &start) != 2 || pid <= 0 ||
	    start == 0)
		goto out;
	/*
	 * The lock is held and its file names pid: if pid still started at
	 * that time it is the holder (a process that took the pid over
	 * later started later).
	 */
	if (lock_proc_start(pid) == start && kill((pid_t)pid, sig) == 0)
		rc = 1;
out:
	close(fd);
	return rc;
}

int
lock_stop(const char *root, const char *id, int wait_ms)
{
	struct timespec	 ts = { 0, 10 * 1000 * 1000 };
	int		 waited;

	/*
	 * A held lock always names its holder (lock_take()); should the
	 * holder's /proc entry be unreadable for an instant, ask again.
	 */
	for (waited = 0; lock_signal(root, id, SIGTERM) == 0; waited += 10) {
		if (lock_held(root, id) != LOCK_HELD)
			return 0;
		if (waited >= wait_ms)
			return -1;
		nanosleep(&ts, NULL);
	}
	/* A runner held with SIGSTOP must run to see the SIGTERM. */
	(void)lock_signal(root, id, SIGCONT);
	for (; waited < wait_ms; waited += 10) {
		if (lock_held(root, id) != LOCK_HELD)
			return 0;
		nanosleep(&ts, NULL);
	}
	(void)lock_signal(root, id, SIGKILL);
	/* SIGKILL cannot be held off; the kernel frees the lock at exit. */
	for (waited = 0; waited < 5000; waited += 10) {
		if (lock_held(root, id) != LOCK_HELD)
			return 0;
		nanosleep(&ts, NULL);
	}
	return -1;
}
