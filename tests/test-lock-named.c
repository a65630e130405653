/*
 * A job's lock is never held before its file names the holder: a cancel
 * that finds the lock held can always signal the holder.  First, a lock
 * file left without a name (empty, as a holder killed mid-write once left
 * it) is never the one held: lock_take() puts a named file in its place,
 * and the old one stays free.  Then a child takes and releases the lock
 * over and over, as runners do (each removing its file at the end), while
 * this process watches: every time it finds the lock held, the file names
 * the child with its start time, and lock_stop() then stops the child.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"
#include "job.h"
#include "lock.h"

#define ID	"0000000000000000000000000000000abc"
#define ROUNDS	1000

/* Who the lock file at path names, if it is held: 1 held, 0 free. */
static int
held_by(const char *path, long *pid, unsigned long long *start)
{
	char	 buf[64];
	ssize_t	 n;
	int	 fd, rc = 0;

	*pid = 0;
	*start = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	if (flock(fd, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK) {
		rc = 1;
		if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) > 0) {
			buf[n] = '\0';
			(void)sscanf(buf, "%ld %llu", pid, start);
		}
	}
	close(fd);
	return rc;
}

int
main(void)
{
	char			 dir[4096], path[4200], err[TALLY_ERR_MAX];
	const char		*root = th_tmpdir("test-lock-named");
	unsigned long long	 start, cstart = 0;
	long			 who;
	int			 p[2], old, fd, status, i, j, seen = 0;
	pid_t			 pid;
	char			 c;

	snprintf(dir, sizeof(dir), "%s/%s", root, ID);
	CHECK(mkdir(dir, 0755) == 0);
	snprintf(path, sizeof(path), "%s/lock", dir);

	/* An unnamed lock file is there; this process keeps it open. */
	CHECK((old = open(path, O_RDWR | O_CREAT, 0644)) != -1);
	CHECK((fd = lock_take(root, ID, err, sizeof(err))) != -1);
	CHECK(held_by(path, &who, &start) == 1 && who == (long)getpid());
	close(fd);
	CHECK(pipe(p) == 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		if (lock_take(root, ID, err, sizeof(err)) == -1)
			_exit(2);
		(void)write(p[1], "x", 1);
		pause();
		_exit(3);
	}
	close(p[1]);
	CHECK(read(p[0], &c, 1) == 1);
	close(p[0]);
	/* The file held is a named one; the unnamed one was never held. */
	CHECK(held_by(path, &who, &start) == 1);
	CHECK(who == (long)pid && start == lock_proc_start((long)pid));
	CHECK(flock(old, LOCK_EX | LOCK_NB) == 0);
	close(old);
	CHECK(lock_stop(root, ID, 5000) == 0);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);

	/* Over and over: held always means named. */
	(void)unlink(path);
	CHECK(pipe(p) == 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		for (i = 0; i < ROUNDS; i++) {
			if ((fd = lock_take(root, ID, err, sizeof(err))) == -1)
				_exit(2);
			/* A little work while held, as a runner does. */
			for (j = 0; j < 10; j++)
				(void)lock_proc_start((long)getpid());
			close(fd);
			unlink(path);
		}
		/* The last one stays, to be stopped. */
		if (lock_take(root, ID, err, sizeof(err)) == -1)
			_exit(2);
		(void)write(p[1], "x", 1);
		pause();
		_exit(3);
	}
	close(p[1]);
	CHECK(fcntl(p[0], F_SETFL, O_NONBLOCK) == 0);
	for (;;) {
		if (held_by(path, &who, &start)) {
			if (cstart == 0)
				cstart = lock_proc_start((long)pid);
			CHECK(who == (long)pid && start == cstart);
			seen++;
		}
		if (read(p[0], &c, 1) == 1)
			break;
		CHECK(waitpid(pid, &status, WNOHANG) == 0);
	}
	fprintf(stderr, "saw the lock held %d times\n", seen);
	CHECK(lock_stop(root, ID, 5000) == 0);
	CHECK(lock_held(root, ID) == LOCK_FREE);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	return 0;
}
