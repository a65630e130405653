/*
 * A worker's connections from nginx, kept open between requests (see
 * conn.c): the worker waits on the listening socket and on every
 * connection it holds at once, and answers whichever has a request.
 */
#ifndef TALLY_CONN_H
#define TALLY_CONN_H

#include <fcgiapp.h>

/* The connections one worker may hold at once. */
#define CONN_MAX	64

struct conn_set;

/*
 * A worker's set of connections, accepting from the listening socket
 * sock (which conn_listen() made non-blocking).  NULL if out of memory.
 * The caller frees it with conn_free().
 */
struct conn_set	*conn_new(int sock);

/*
 * Make the listening socket sock non-blocking, once, before the workers
 * start, so that the workers that lose a race for a new connection go
 * back to waiting.  0, or -1 with errno set.
 */
int		 conn_listen(int sock);

/*
 * Wait for the next request on any connection of cs, accepting new
 * connections meanwhile.  Returns 1 with *req set to it (valid until
 * conn_done()), 0 when a signal interrupted the wait (the caller checks
 * its flags and calls again), or -1 on an error that ends the worker.
 */
int		 conn_next(struct conn_set *cs, FCGX_Request **req);

/*
 * End the request conn_next() gave: the rest of its body is read (so
 * that the connection is ready for the next request), its output is
 * flushed, and the connection is kept if nginx asked for that
 * (FCGI_KEEP_CONN), closed otherwise.
 */
void		 conn_done(struct conn_set *cs, FCGX_Request *req);

/* Close every connection of cs and free it.  NULL-safe. */
void		 conn_free(struct conn_set *cs);

#endif
