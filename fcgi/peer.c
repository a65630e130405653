/*
 * Asking the other nodes (see peer.h).  One non-blocking socket per peer,
 * all driven by one poll(2) loop against one deadline; HTTP/1.0 with
 * "Connection: close", so an answer ends where its connection does and no
 * chunked decoding is needed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "num.h"
#include "peer.h"

#define REQUEST_MAX	8192

/* Where one peer's exchange is. */
enum step {
	STEP_CONNECT,
	STEP_SEND,
	STEP_READ,
	STEP_DONE,
	STEP__MAX
};

struct conn {
	int		 fd;
	enum step	 step;
	char		 req[REQUEST_MAX];
	size_t		 reqlen, sent;
	char		*buf;
	size_t		 len, cap;
};

int
peer_parse(const char *spec, struct peer *p, char *err, size_t errsz)
{
	struct addrinfo	 hints, *res = NULL;
	const char	*eq, *hp, *colon;
	char		 num[8], port[8];
	long long	 n;
	size_t		 hl;
	int		 rc;

	memset(p, 0, sizeof(*p));
	if ((eq = strchr(spec, '=')) == NULL || (size_t)(eq - spec) >=
	    sizeof(num)) {
		snprintf(err, errsz, "\"%s\" is not NODE=http://HOST:PORT",
		    spec);
		return -1;
	}
	memcpy(num, spec, (size_t)(eq - spec));
	num[eq - spec] = '\0';
	if (num_int(num, 0, 255, &n, err, errsz) == -1) {
		snprintf(err, errsz, "\"%s\": the node is a number from 0 to "
		    "255", spec);
		return -1;
	}
	p->node = (unsigned)n;
	if (strncmp(eq + 1, "http://", 7) != 0) {
		snprintf(err, errsz, "\"%s\": the address must start with "
		    "http://", spec);
		return -1;
	}
	hp = eq + 8;
	if ((colon = strrchr(hp, ':')) == NULL || colon == hp ||
	    (size_t)(colon - hp) >= sizeof(p->host) ||
	    strlen(colon + 1) == 0 || strlen(colon + 1) >= sizeof(port) ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1)) {
		snprintf(err, errsz, "\"%s\": the address must be "
		    "http://HOST:PORT, with no path", spec);
		return -1;
	}
	hl = (size_t)(colon - hp);
	memcpy(p->host, hp, hl);
	p->host[hl] = '\0';
	snprintf(port, sizeof(port), "%s", colon + 1);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(p->host, port, &hints, &res)) != 0) {
		snprintf(err, errsz, "\"%s\": %s", spec, gai_strerror(rc));
		return -1;
	}
	memcpy(&p->addr, res->ai_addr, res->ai_addrlen);
	p->addrlen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* End c's exchange: failed (ok 0) or with the whole answer in buf. */
static void
finish(struct conn *c, struct peer_reply *r, int ok)
{
	const char	*p, *end;
	int		 status = 0;

	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
	c->step = STEP_DONE;
	if (!ok || c->buf == NULL)
		return;
	c->buf[c->len] = '\0';
	if (c->len < 12 || strncmp(c->buf, "HTTP/1.", 7) != 0 ||
	    c->buf[8] != ' ')
		return;
	for (p = c->buf + 9; p < c->buf + 12; p++) {
		if (*p < '0' || *p > '9')
			return;
		status = status * 10 + (*p - '0');
	}
	if ((end = strstr(c->buf, "\r\n\r\n")) == NULL)
		return;
	end += 4;
	r->len = c->len - (size_t)(end - c->buf);
	memmove(c->buf, end, r->len + 1);
	r->body = c->buf;
	c->buf = NULL;
	r->status = status;
	r->ok = 1;
}

/* Read what c's peer sent; 0 while more may come, 1 at its end. */
static int
take(struct conn *c, struct peer_reply *r)
{
	ssize_t	 got;
	char	*nb;

	for (;;) {
		if (c->cap - c->len < 4096 + 1) {
			if (c->cap >= PEER_BODY_MAX) {
				finish(c, r, 0);
				return 1;
			}
			c->cap = c->cap == 0 ? 16384 : c->cap * 2;
			if ((nb = realloc(c->buf, c->cap)) == NULL) {
				finish(c, r, 0);
				return 1;
			}
			c->buf = nb;
		}
		got = read(c->fd, c->buf + c->len, c->cap - c->len - 1);
		if (got > 0) {
			c->len += (size_t)got;
			continue;
		}
		if (got == 0) {
			finish(c, r, 1);
			return 1;
		}
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return 0;
		finish(c, r, 0);
		return 1;
	}
}

void
peer_get_all(const struct peer *peers, size_t n, const char *path,
    const char *headers, int timeout_ms, struct peer_reply *replies)
{
	struct conn	*cs;
	struct pollfd	 pfd[PEERS_MAX];
	size_t		 i, k, map[PEERS_MAX];
	double		 deadline = now_ms() + timeout_ms, left;
	ssize_t		 w;
	int		 e, rc;
	socklen_t	 el;

	memset(replies, 0, n * sizeof(*replies));
	if (n > PEERS_MAX)
		n = PEERS_MAX;
	if ((cs = calloc(n, sizeof(*cs))) == NULL)
		return;
	for (i = 0; i < n; i++) {
		struct conn	*c = &cs[i];
		int		 len;

		c->step = STEP_DONE;
		len = snprintf(c->req, sizeof(c->req), "GET %s HTTP/1.0\r\n"
		    "Host: %s\r\nConnection: close\r\n%s\r\n", path,
		    peers[i].host, headers);
		if (len < 0 || (size_t)len >= sizeof(c->req))
			continue;
		c->reqlen = (size_t)len;
		c->fd = socket(peers[i].addr.ss_family, SOCK_STREAM |
		    SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (c->fd == -1)
			continue;
		if (connect(c->fd, (const struct sockaddr *)&peers[i].addr,
		    peers[i].addrlen) == 0)
			c->step = STEP_SEND;
		else if (errno == EINPROGRESS)
			c->step = STEP_CONNECT;
		else {
			close(c->fd);
			c->fd = -1;
		}
	}
	for (;;) {
		for (k = 0, i = 0; i < n; i++) {
			if (cs[i].step == STEP_DONE)
				continue;
			pfd[k].fd = cs[i].fd;
			pfd[k].events = cs[i].step == STEP_READ ? POLLIN :
			    POLLOUT;
			pfd[k].revents = 0;
			map[k++] = i;
		}
		if (k == 0 || (left = deadline - now_ms()) <= 0)
			break;
		rc = poll(pfd, k, (int)left + 1);
		if (rc == -1 && errno == EINTR)
			continue;
		if (rc <= 0)
			break;
		for (i = 0; i < k; i++) {
			struct conn		*c = &cs[map[i]];
			struct peer_reply	*r = &replies[map[i]];

			if (pfd[i].revents == 0)
				continue;
			if (c->step == STEP_CONNECT) {
				el = sizeof(e);
				if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e,
				    &el) == -1 || e != 0) {
					finish(c, r, 0);
					continue;
				}
				c->step = STEP_SEND;
			}
			if (c->step == STEP_SEND) {
				w = send(c->fd, c->req + c->sent,
				    c->reqlen - c->sent, MSG_NOSIGNAL);
				if (w < 0 && errno != EAGAIN &&
				    errno != EINTR) {
					finish(c, r, 0);
					continue;
				}
				if (w > 0)
					c->sent += (size_t)w;
				if (c->sent == c->reqlen)
					c->step = STEP_READ;
				continue;
			}
			if (c->step == STEP_READ)
				take(c, r);
		}
	}
	for (i = 0; i < n; i++) {
		if (cs[i].step != STEP_DONE)
			finish(&cs[i], &replies[i], 0);
		free(cs[i].buf);
	}
	free(cs);
}

void
peer_replies_free(struct peer_reply *replies, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(replies[i].body);
		replies[i].body = NULL;
	}
}
