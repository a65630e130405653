/*
 * A worker's connections from nginx.  nginx keeps its FastCGI
 * connections open between requests (fastcgi_keep_conn and an upstream
 * keepalive pool), which spares both sides a connect, an accept, a
 * lingering close and two wake-ups per request.  libfcgi's own loop
 * cannot serve that safely with preforked workers: FCGX_Accept_r() on a
 * kept connection blocks until nginx sends the next request on it, and
 * nginx may leave it idle in its pool for a minute while new connections
 * wait in the listening socket's backlog for a worker that never comes.
 *
 * So a worker polls the listening socket and every connection it holds
 * at once, accepts new connections itself and hands a connection to
 * FCGX_Accept_r() only when it has a request waiting; libfcgi still
 * reads and writes every record.  A worker holds at most CONN_MAX
 * connections and stops accepting when full, so another worker takes the
 * next; nginx keeps far fewer idle ones (the keepalive in nginx's
 * config), and closes the rest after each request.  The price: a request
 * that nginx sends on a connection whose worker is busy answering another
 * waits for that answer, where a new connection would have gone to any
 * idle worker; answers take milliseconds, but a cluster's list, which
 * asks the peers, may take up to --peer-timeout.
 *
 * libfcgi 2.4 has no call that accepts a connection it did not make or
 * that names a request's connection: this file sets and reads the
 * request's ipcFd and keepConnection, members fcgiapp.h lists after
 * "Don't use anything below here".  The structure has not changed since
 * libfcgi 2.4.0; nothing else in tally touches those members.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "conn.h"

struct conn_set {
	int		 sock;		/* the listening socket */
	int		 inet;		/* sock is TCP: no Nagle */
	int		 live[CONN_MAX];	/* slot i holds a connection */
	FCGX_Request	 req[CONN_MAX];
	int		 nlive;
	/* Slots whose connection had something to read at the last poll. */
	int		 ready[CONN_MAX];
	int		 nready, next;
	struct pollfd	 pfd[CONN_MAX + 1];
	int		 slot[CONN_MAX + 1];	/* pfd[k] is slot[k], or -1 */
};

int
conn_listen(int sock)
{
	int	 fl;

	if ((fl = fcntl(sock, F_GETFL)) == -1 ||
	    fcntl(sock, F_SETFL, fl | O_NONBLOCK) == -1)
		return -1;
	return 0;
}

struct conn_set *
conn_new(int sock)
{
	struct conn_set		*cs;
	struct sockaddr_storage	 sa;
	socklen_t		 len = sizeof(sa);

	if ((cs = calloc(1, sizeof(*cs))) == NULL)
		return NULL;
	cs->sock = sock;
	if (getsockname(sock, (struct sockaddr *)&sa, &len) == 0)
		cs->inet = sa.ss_family == AF_INET ||
		    sa.ss_family == AF_INET6;
	return cs;
}

static void
drop(struct conn_set *cs, int i)
{
	cs->live[i] = 0;
	cs->nlive--;
}

/* Take a new connection from the listening socket, if one is waiting. */
static int
take(struct conn_set *cs)
{
	int	 fd, i, one = 1;

	if ((fd = accept4(cs->sock, NULL, NULL, SOCK_CLOEXEC)) == -1) {
		/* Another worker won it, or the client gave up. */
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ||
		    errno == ECONNABORTED || errno == EPROTO)
			return 0;
		return -1;
	}
	/* The connection itself blocks: libfcgi reads it so. */
	if (cs->inet)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	for (i = 0; i < CONN_MAX && cs->live[i]; i++)
		continue;
	/*
	 * A listening socket of -1 makes libfcgi fail at once, instead of
	 * blocking in accept(), when it closes this connection and would
	 * look for another.  keepConnection set: no previous request to
	 * end and close.
	 */
	FCGX_InitRequest(&cs->req[i], -1, 0);
	cs->req[i].ipcFd = fd;
	cs->req[i].keepConnection = 1;
	cs->live[i] = 1;
	cs->nlive++;
	return 0;
}

int
conn_next(struct conn_set *cs, FCGX_Request **req)
{
	int	 i, k;

	for (;;) {
		while (cs->next < cs->nready) {
			i = cs->ready[cs->next++];
			if (FCGX_Accept_r(&cs->req[i]) >= 0) {
				*req = &cs->req[i];
				return 1;
			}
			/* Closed by nginx, or broken: libfcgi closed it. */
			drop(cs, i);
		}
		k = 0;
		if (cs->nlive < CONN_MAX) {
			cs->pfd[k].fd = cs->sock;
			cs->pfd[k].events = POLLIN;
			cs->slot[k++] = -1;
		}
		for (i = 0; i < CONN_MAX; i++)
			if (cs->live[i]) {
				cs->pfd[k].fd = cs->req[i].ipcFd;
				cs->pfd[k].events = POLLIN;
				cs->slot[k++] = i;
			}
		if (poll(cs->pfd, (nfds_t)k, -1) == -1)
			return errno == EINTR ? 0 : -1;
		cs->nready = cs->next = 0;
		for (i = 0; i < k; i++) {
			if (cs->pfd[i].revents == 0)
				continue;
			if (cs->slot[i] >= 0)
				cs->ready[cs->nready++] = cs->slot[i];
			else if (take(cs) == -1)
				return -1;
		}
	}
}

void
conn_done(struct conn_set *cs, FCGX_Request *req)
{
	char	 buf[4096];
	int	 i = (int)(req - cs->req);

	/* The next request starts after the end of this one's body. */
	if (req->keepConnection)
		while (FCGX_GetStr(buf, sizeof(buf), req->in) > 0)
			continue;
	FCGX_Finish_r(req);
	if (req->ipcFd < 0)
		drop(cs, i);
}

void
conn_free(struct conn_set *cs)
{
	int	 i;

	if (cs == NULL)
		return;
	/* At exit: no lingering close, nginx sees the end at once. */
	for (i = 0; i < CONN_MAX; i++)
		if (cs->live[i]) {
			FCGX_Free(&cs->req[i], 0);
			close(cs->req[i].ipcFd);
		}
	free(cs);
}
