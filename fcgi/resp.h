/*
 * HTTP responses over FastCGI: a status line, headers and a JSON body
 * built in memory first (so a failure half-way never sends half a reply).
 */
#ifndef TALLY_RESP_H
#define TALLY_RESP_H

#include <stdio.h>

#include <fcgiapp.h>

/* The error codes of {"error":{"code":...}}, with their HTTP status. */
enum resp_err {
	RESP_BAD_REQUEST,	/* 400 */
	RESP_BAD_HEADER,	/* 400: the CSV header or query */
	RESP_EMPTY_UPLOAD,	/* 400 */
	RESP_NOT_CSV,		/* 400: a binary format, not CSV */
	RESP_NOT_FOUND,		/* 404 */
	RESP_METHOD,		/* 405 */
	RESP_CONFLICT,		/* 409 */
	RESP_QUEUE_FULL,	/* 429 */
	RESP_INTERNAL,		/* 500 */
	RESP_UNAVAILABLE,	/* 503 */
	RESP__MAX
};

/* A JSON body under construction. */
struct resp {
	FILE	*f;
	char	*buf;
	size_t	 len;
};

/* Start a body.  Returns 0, or -1 if memory is short. */
int		 resp_begin(struct resp *r);

/*
 * Send status (e.g. "202 Accepted"), extra header lines (each ending in
 * CRLF, or NULL) and the body, then free it.  Returns 0 or -1.
 */
int		 resp_send(struct resp *r, FCGX_Request *req, const char *status,
		    const char *headers);

/* Send {"error":{"code":...,"message":...}} with the code's status. */
void		 resp_error(FCGX_Request *req, enum resp_err e, const char *msg);

/* The HTTP status line of an error code, such as "400 Bad Request". */
const char	*resp_status(enum resp_err e);

/* Send a bodiless response, such as "204 No Content". */
void		 resp_empty(FCGX_Request *req, const char *status,
		    const char *headers);

#endif /* TALLY_RESP_H */
