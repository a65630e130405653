/*
 * The scheduler's wake-up (a FIFO beside the store): after sched_wake_listen(), a runner's
 * sched_wake() makes sched_wake_wait() return 1 at once, and every byte is
 * read, so the next wait times out (0); many wake-ups before a wait are
 * one.  A wake-up with nobody listening, or no FIFO at all, does nothing
 * and does not block.  A file in the FIFO's place is refused.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "harness.h"
#include "sched.h"

int
main(void)
{
	char		 db[4096], path[4200], err[TALLY_ERR_MAX], other[4096];
	const char	*root = th_tmpdir("test-sched-wake");
	struct stat	 st;
	int		 fd, fd2, i;

	/* Nobody listens yet: no FIFO, nothing happens. */
	snprintf(db, sizeof(db), "%s/tally.db", root);
	sched_wake(db);
	snprintf(path, sizeof(path), "%s%s", db, SCHED_WAKE_SUFFIX);
	CHECK(access(path, F_OK) == -1);

	CHECK((fd = sched_wake_listen(db, err, sizeof(err))) != -1);
	CHECK(stat(path, &st) == 0 && S_ISFIFO(st.st_mode));
	CHECK(sched_wake_wait(fd, 0) == 0);
	sched_wake(db);
	CHECK(sched_wake_wait(fd, 10000) == 1);
	CHECK(sched_wake_wait(fd, 0) == 0);
	/* Many wake-ups, far more than a pipe holds: one wait, then none. */
	for (i = 0; i < 100000; i++)
		sched_wake(db);
	CHECK(sched_wake_wait(fd, 10000) == 1);
	CHECK(sched_wake_wait(fd, 0) == 0);

	/* A second daemon reuses the FIFO; a runner reaches whichever reads. */
	CHECK((fd2 = sched_wake_listen(db, err, sizeof(err))) != -1);
	close(fd);
	sched_wake(db);
	CHECK(sched_wake_wait(fd2, 10000) == 1);
	close(fd2);
	/* No reader left: the FIFO stays, a wake-up neither blocks nor fails. */
	sched_wake(db);

	/* Something else in its place is not used. */
	snprintf(other, sizeof(other), "%s/other.db", root);
	snprintf(path, sizeof(path), "%s%s", other, SCHED_WAKE_SUFFIX);
	CHECK((fd = open(path, O_WRONLY | O_CREAT, 0600)) != -1);
	close(fd);
	CHECK(sched_wake_listen(other, err, sizeof(err)) == -1);
	CHECK(strstr(err, "not a FIFO") != NULL);
	return 0;
}
