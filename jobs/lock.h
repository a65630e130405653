/*
 * A runner's hold on its job: an flock(2) on the file "lock" in the job
 * folder, taken before the runner records itself running and released by
 * the kernel when the process ends, however it ends.  The file also names
 * the holder: its pid and its start time (field 22 of /proc/PID/stat),
 * so that a signal reaches that process and never one that later got its
 * pid.  Recovery and cancel ask this file, never a bare pid.
 */
#ifndef TALLY_LOCK_H
#define TALLY_LOCK_H

#include <stddef.h>

/* Whether a job's lock is held, as lock_held() answers. */
enum lock_state {
	LOCK_FREE,		/* no process holds it (or there is no file) */
	LOCK_HELD,		/* a live process holds it */
	LOCK_ERROR,		/* the file could not be asked */
	LOCK_STATE__MAX
};

/*
 * Take job id's lock for this process: a new lock file that names this
 * process's pid and start time, locked, then renamed into place (over any
 * earlier one), so that the lock is never seen held by nobody named.  The
 * job folder must exist.  Returns the descriptor to keep open for the
 * life of the job (close-on-exec), or -1 with err set.
 */
int		 lock_take(const char *root, const char *id, char *err,
		    size_t errsz);

/* Whether job id's lock is held by a live process. */
enum lock_state	 lock_held(const char *root, const char *id);

/*
 * Send sig to the process holding job id's lock, only if the lock is held
 * and the process named in the file is still the one that took it (same
 * pid, same start time).  Returns 1 if signalled, 0 if no such process.
 */
int		 lock_signal(const char *root, const char *id, int sig);

/*
 * Stop the holder of job id's lock: SIGTERM (and SIGCONT, should it be
 * stopped), then wait up to wait_ms for
 * the lock to be free, then SIGKILL (to the same verified process) and
 * wait for the kernel to release it.  Returns 0 once the lock is free (or
 * was), -1 if it is still held.
 */
int		 lock_stop(const char *root, const char *id, int wait_ms);

/*
 * The start time of process pid, in clock ticks after boot (field 22 of
 * /proc/PID/stat), or 0 if there is no such process.
 */
unsigned long long lock_proc_start(long pid);

#endif /* TALLY_LOCK_H */
