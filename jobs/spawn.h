/*
 * Starting a detached process: the job runner must outlive the FastCGI
 * worker that started it, hold none of its descriptors and belong to no
 * terminal or process group of the daemon's.
 */
#ifndef TALLY_SPAWN_H
#define TALLY_SPAWN_H

#include <stddef.h>

/*
 * Run argv (argv[0] is a path) fully detached: signals blocked around a
 * fork, setsid() in the child, a second fork so the runner is re-parented
 * to init, signal dispositions and mask reset, standard input and output
 * on /dev/null, standard error appended to logpath (or /dev/null if NULL),
 * every other descriptor closed, then execv().  The intermediate child is
 * reaped here.  Returns 0 once the intermediate child has exited cleanly,
 * or -1 with err set.  Failures after the fork are reported by the runner's
 * absence: the scheduler marks such a job failed.
 */
int		 spawn_detached(char *const argv[], const char *logpath,
		    char *err, size_t errsz);

/*
 * Return 1 if process pid exists and is not a zombie, else 0.  A detached
 * runner that exited stays a zombie until init reaps it, which may take a
 * while; for tally it is gone the moment it exits.
 */
int		 spawn_alive(long pid);

#endif /* TALLY_SPAWN_H */
