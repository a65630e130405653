/*
 * The REST API under /api/: routing, validation at the edge, and the JSON
 * each route answers.  It calls into the jobs library for everything that
 * is not HTTP (the store, the scheduler, the header check) and never reads
 * an upload body into memory.
 */
#ifndef TALLY_API_H
#define TALLY_API_H

#include <fcgiapp.h>

#include "sched.h"

struct store;

/* What the master shares with its workers (in shared memory). */
struct api_pool {
	volatile int	 alive;		/* workers running now */
	volatile int	 configured;	/* workers wanted */
	volatile int	 stopping;	/* draining for shutdown */
};

/* Process-lifetime configuration of a worker. */
struct api_conf {
	struct sched_conf	 sched;
	const char		*body_temp;	/* nginx's client_body_temp_path */
	const char		*body_temp_given; /* as written, maybe via links */
	int			 max_queued;
	struct api_pool		*pool;
};

/*
 * Answer one request.  s is the worker's own store handle (may be NULL if
 * the database could not be opened: the answer is then 503).  Everything
 * read from the request is copied out before use and freed before return.
 */
void		 api_handle(FCGX_Request *req, struct store *s,
		    const struct api_conf *c);

#endif /* TALLY_API_H */
