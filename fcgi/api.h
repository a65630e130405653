/*
 * The REST API under /api/, the job page and nginx's download check:
 * routing, the caller's owner, validation at the edge, and the answer of
 * each route.  It calls into the jobs library for everything that is not
 * HTTP (submitting, cancelling, the store) and never reads an upload body
 * into memory.
 */
#ifndef TALLY_API_H
#define TALLY_API_H

#include <fcgiapp.h>

#include "peer.h"
#include "resp.h"
#include "refusals.h"
#include "sched.h"
#include "submit.h"

struct owner_keys;
struct store;

/* What the master shares with its workers (in shared memory). */
struct api_pool {
	volatile int	 alive;		/* workers running now */
	volatile int	 configured;	/* workers wanted */
	volatile int	 stopping;	/* draining for shutdown */
	volatile int	 restarted;	/* workers replaced since start */
	double		 started;	/* the daemon's start, epoch seconds */
	/* Uploads refused by error code since start (atomic adds). */
	unsigned long	 refused[RESP__MAX];
	/* Requests nginx refused itself, from its log (refusals.c). */
	struct refusals	 nginx;
};

/* Process-lifetime configuration of a worker. */
struct api_conf {
	struct sched_conf	 sched;
	struct submit_conf	 submit;	/* submit.sched is &sched */
	const char		*body_temp;	/* nginx's client_body_temp_path */
	const char		*body_temp_given; /* as written, maybe via links */
	const char		*refusals_log;	/* --nginx-refusals, or NULL */
	struct owner_keys	*keys;		/* --keys, or NULL: none */
	unsigned		 node;		/* --node: ids start with it */
	struct peer		*peers;		/* --peer: the other nodes */
	size_t			 npeers;
	int			 peer_timeout_ms;
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
