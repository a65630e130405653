/*
 * A job's lock names its holder by pid and start time: lock_held() is true
 * exactly while a live process holds it, lock_signal() reaches that
 * process, and a lock file that names a process that did not take it
 * (another start time: a reused pid) gets no signal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"
#include "job.h"
#include "lock.h"

#define ID	"000123456789abcdef0123456789abcdef"

int
main(void)
{
	char		 dir[4096], path[4200], err[TALLY_ERR_MAX], line[64];
	const char	*root = th_tmpdir("test-lock-signal");
	int		 p[2], fd, status;
	struct stat	 st;
	pid_t		 pid;
	char		 c;

	CHECK(lock_proc_start((long)getpid()) > 0);
	CHECK(lock_proc_start(0) == 0);
	snprintf(dir, sizeof(dir), "%s/%s", root, ID);
	CHECK(mkdir(dir, 0755) == 0);

	/* No file, no holder. */
	CHECK(lock_held(root, ID) == LOCK_FREE);
	CHECK(lock_signal(root, ID, SIGTERM) == 0);

	/* A child takes the lock and waits. */
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
	CHECK(lock_held(root, ID) == LOCK_HELD);
	/* The probe did not take it away. */
	CHECK(lock_held(root, ID) == LOCK_HELD);

	/*
	 * The file names a pid that is alive (ours) with a start time that
	 * is not its own, as when a pid was reused after the holder died:
	 * it is not signalled.
	 */
	snprintf(path, sizeof(path), "%s/lock", dir);
	CHECK((fd = open(path, O_RDWR)) != -1);
	snprintf(line, sizeof(line), "%ld %llu\n", (long)getpid(),
	    lock_proc_start((long)getpid()) + 12345);
	CHECK(ftruncate(fd, 0) == 0);
	CHECK(pwrite(fd, line, strlen(line), 0) == (ssize_t)strlen(line));
	CHECK(lock_signal(root, ID, SIGTERM) == 0);
	/* Put back what the child wrote: now it is signalled. */
	snprintf(line, sizeof(line), "%ld %llu\n", (long)pid,
	    lock_proc_start((long)pid));
	CHECK(ftruncate(fd, 0) == 0);
	CHECK(pwrite(fd, line, strlen(line), 0) == (ssize_t)strlen(line));
	close(fd);
	CHECK(lock_signal(root, ID, SIGKILL) == 1);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	/* Killed: the kernel released the lock. */
	CHECK(lock_held(root, ID) == LOCK_FREE);
	CHECK(lock_signal(root, ID, SIGTERM) == 0);

	/* lock_stop(): SIGTERM, then the lock is free. */
	CHECK(truncate(path, 0) == 0);
	if ((pid = fork()) == 0) {
		if (lock_take(root, ID, err, sizeof(err)) == -1)
			_exit(2);
		pause();
		_exit(3);
	}
	/*
	 * Held, and (written just after the flock) naming its holder: the
	 * event is that signal 0 reaches it through the lock file.
	 */
	while (lock_held(root, ID) != LOCK_HELD || stat(path, &st) == -1 ||
	    st.st_size == 0 || lock_signal(root, ID, 0) != 1)
		usleep(1000);
	CHECK(lock_stop(root, ID, 5000) == 0);
	CHECK(lock_held(root, ID) == LOCK_FREE);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	return 0;
}
