/*
 * Scheduling jobs: at most max_running run at once, the rest wait queued
 * and start oldest first.  There is one mechanism, sched_kick(), called
 * wherever a slot may have opened (a job was created, a runner finished,
 * the daemon's periodic tick), and one recovery, sched_recover(), for
 * runners that died without saying so.
 */
#ifndef TALLY_SCHED_H
#define TALLY_SCHED_H

#include <stddef.h>

struct store;

/* What the scheduler and the runner need to know, for their lifetime. */
struct sched_conf {
	const char	*db;		/* the store's path */
	const char	*jobs;		/* the jobs folder */
	const char	*tally;		/* the tally binary, for `tally job` */
	const char	*log;		/* runners' stderr, or NULL */
	int		 max_running;	/* K */
	int		 keep_input;	/* keep inputs after jobs end */
	int		 threads;	/* engine threads per job, 0: default */
	int		 max_mbps;	/* read rate cap per job, 0: none */
	size_t		 max_memory;	/* per job, bytes; 0: TALLY_MEMORY_MAX */
	size_t		 max_result;	/* result bytes per file; 0: TALLY_RESULT_MAX */
};

/*
 * Start queued jobs while fewer than max_running run: each is claimed in
 * the store, then a detached `tally job` is spawned for it.  A job whose
 * runner cannot be started goes back to the queue and the kick stops.
 * Returns how many started, or -1 with err set.
 */
int		 sched_kick(struct store *s, const struct sched_conf *c,
		    char *err, size_t errsz);

/*
 * The wake-up: a FIFO beside the store, named after it with the suffix
 * SCHED_WAKE_SUFFIX (tally.db-wake, like SQLite's -wal), which the
 * daemon reads and a finishing runner writes one byte to, so that the
 * next queued job starts as soon as a slot is free rather than on the
 * daemon's tick.  A sandboxed runner may not start processes, so it
 * cannot start the next job itself; writing to a file it may.
 */
#define SCHED_WAKE_SUFFIX	"-wake"

/*
 * The daemon's end: make the FIFO beside the store db if it is not there (a FIFO left
 * by an earlier daemon is reused: a runner may hold it open), and open it
 * without blocking.  Returns the descriptor (close-on-exec), or -1 with
 * err set.
 */
int		 sched_wake_listen(const char *db, char *err, size_t errsz);

/*
 * Wait up to ms milliseconds for a wake-up on fd (from
 * sched_wake_listen()), or a signal.  Returns 1 if woken (every pending
 * byte is read), 0 otherwise.
 */
int		 sched_wake_wait(int fd, int ms);

/*
 * The runner's end: say that a slot is free.  Never blocks and never
 * fails loudly: with no daemon listening, its next start-up kicks anyway.
 */
void		 sched_wake(const char *db);

/*
 * Mark failed ("interrupted") every running job whose runner is gone: its
 * lock (lock.c) is free, and it recorded a pid or was claimed more than
 * grace seconds ago.  Its folder is cleared (results, temporary files, the
 * input unless kept).  Returns how many were marked, or -1 with err set.
 */
int		 sched_recover(struct store *s, const struct sched_conf *c,
		    double grace, char *err, size_t errsz);

#endif /* TALLY_SCHED_H */
