/*
 * The other nodes of a cluster, as one node sees them: each named by its
 * number and reached over its own nginx (plain HTTP, usually a private
 * network).  A node asks all of them at once, for the caller's job list or
 * their health, and waits a bounded time: a peer that does not answer in
 * time is reported unavailable, never waited for.
 */
#ifndef TALLY_PEER_H
#define TALLY_PEER_H

#include <stddef.h>
#include <sys/socket.h>

#define PEERS_MAX	64
#define PEER_BODY_MAX	(4 * 1024 * 1024)

struct peer {
	unsigned		 node;		/* its number, as in job ids */
	char			 host[256];	/* for the Host header */
	struct sockaddr_storage	 addr;
	socklen_t		 addrlen;
};

/* What one peer answered. */
struct peer_reply {
	int	 ok;		/* a whole HTTP answer arrived in time */
	int	 status;	/* its status code */
	char	*body;		/* its body, NUL-terminated; free() it */
	size_t	 len;
};

/*
 * Parse "N=http://HOST:PORT" (N a node number 0 to 255, HOST a name or an
 * address, resolved now) into p.  Returns 0, or -1 with err set.
 */
int		 peer_parse(const char *spec, struct peer *p, char *err,
		    size_t errsz);

/*
 * GET path (with its query) from the n peers at once, adding headers (each
 * line ended by "\r\n", or "") to the request, and wait at most timeout_ms
 * in all.  Bodies are bounded by PEER_BODY_MAX.  replies[i] tells what
 * peers[i] answered; free them with peer_replies_free().
 */
void		 peer_get_all(const struct peer *peers, size_t n,
		    const char *path, const char *headers, int timeout_ms,
		    struct peer_reply *replies);

void		 peer_replies_free(struct peer_reply *replies, size_t n);

#endif /* TALLY_PEER_H */
