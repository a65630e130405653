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
 * Mark failed ("interrupted") every running job whose runner is gone: its
 * lock (lock.c) is free, and it recorded a pid or was claimed more than
 * grace seconds ago.  Its folder is cleared (results, temporary files, the
 * input unless kept).  Returns how many were marked, or -1 with err set.
 */
int		 sched_recover(struct store *s, const struct sched_conf *c,
		    double grace, char *err, size_t errsz);

#endif /* TALLY_SCHED_H */
