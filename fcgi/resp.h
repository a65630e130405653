/*
 * HTTP responses over FastCGI.  A handler fills a struct resp (status,
 * extra headers, a body built in memory) and returns its status; one
 * sender, resp_send(), writes it, so a failure half-way never sends half a
 * reply and no handler prints to the stream.
 */
#ifndef TALLY_RESP_H
#define TALLY_RESP_H

#include <stdio.h>

#include <fcgiapp.h>

#define RESP_HEADERS_MAX	1024

/* The error codes of {"error":{"code":...}}, with their HTTP status. */
enum resp_err {
	RESP_BAD_REQUEST,	/* 400 */
	RESP_BAD_HEADER,	/* 400: the CSV header or query */
	RESP_EMPTY_UPLOAD,	/* 400 */
	RESP_NOT_CSV,		/* 400: a binary format, not CSV */
	RESP_UNAUTHORIZED,	/* 401: an unknown key */
	RESP_FORBIDDEN,		/* 403: a known caller, not allowed */
	RESP_NOT_FOUND,		/* 404 */
	RESP_METHOD,		/* 405 */
	RESP_CONFLICT,		/* 409 */
	RESP_QUEUE_FULL,	/* 429 */
	RESP_OWNER_FULL,	/* 429: one owner's share of the queue */
	RESP_INTERNAL,		/* 500 */
	RESP_UNAVAILABLE,	/* 503 */
	RESP_NO_SPACE,		/* 507 */
	RESP__MAX
};

/* A response under construction. */
struct resp {
	int		 status;	/* 200, 404, ... */
	const char	*type;		/* Content-Type, NULL: no body */
	FILE		*f;		/* the body */
	char		*buf;
	size_t		 len;
	char		 headers[RESP_HEADERS_MAX]; /* extra lines, CRLF each */
	size_t		 hlen;
	int		 error;		/* the enum resp_err set, or -1 */
};

/*
 * Start an empty 200 response with a JSON body.  Returns 0, or -1 if memory
 * is short (then resp_send() still answers 500).
 */
int		 resp_open(struct resp *r);

/* Drop the body written so far (to write another).  0 or -1. */
int		 resp_reset(struct resp *r);

/*
 * Add a header line, formatted, without its CRLF.  A line that does not
 * fit is dropped whole.
 */
void		 resp_header(struct resp *r, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * Replace the body with {"error":{"code":...,"message":...}} and set the
 * code's status.  Returns that status, so a handler can end with
 * "return resp_error(r, ...)".
 */
int		 resp_error(struct resp *r, enum resp_err e, const char *msg);

/* The status of an error code, such as 400. */
int		 resp_err_status(enum resp_err e);

/* The name of an error code, such as "bad_header". */
const char	*resp_err_code(enum resp_err e);

/* "Not Found" for 404, and so on. */
const char	*resp_reason(int status);

/*
 * Write r to the request's stream (status, headers, Content-Length, the
 * body unless r->type is NULL) and free it.  Returns 0 or -1.
 */
int		 resp_send(FCGX_Request *req, struct resp *r);

/* Free r without sending it. */
void		 resp_free(struct resp *r);

#endif /* TALLY_RESP_H */
