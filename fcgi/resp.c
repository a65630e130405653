/*
 * Response building and the one sender (see resp.h).  JSON strings are
 * written by json_str() from the jobs library, the one JSON string writer
 * tally has.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "resp.h"

static const struct {
	const char	*code;
	int		 status;
} errs[RESP__MAX] = {
	{ "bad_request",	400 },
	{ "bad_header",		400 },
	{ "empty_upload",	400 },
	{ "not_csv",		400 },
	{ "unauthorized",	401 },
	{ "forbidden",		403 },
	{ "not_found",		404 },
	{ "method_not_allowed",	405 },
	{ "conflict",		409 },
	{ "queue_full",		429 },
	{ "owner_queue_full",	429 },
	{ "internal",		500 },
	{ "unavailable",	503 },
	{ "insufficient_storage", 507 },
};

static const struct {
	int		 status;
	const char	*reason;
} reasons[] = {
	{ 200, "OK" }, { 202, "Accepted" }, { 204, "No Content" },
	{ 303, "See Other" }, { 400, "Bad Request" },
	{ 401, "Unauthorized" }, { 403, "Forbidden" }, { 404, "Not Found" },
	{ 405, "Method Not Allowed" }, { 409, "Conflict" },
	{ 429, "Too Many Requests" }, { 500, "Internal Server Error" },
	{ 503, "Service Unavailable" }, { 507, "Insufficient Storage" },
};

/*
 * The body's stream.  Only this process's one thread writes it, so stdio
 * need not lock it for every fputs() of a JSON answer.
 */
static int
body_open(struct resp *r)
{
	if ((r->f = open_memstream(&r->buf, &r->len)) == NULL)
		return -1;
	__fsetlocking(r->f, FSETLOCKING_BYCALLER);
	return 0;
}

int
resp_open(struct resp *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->error = -1;
	r->type = "application/json";
	return body_open(r);
}

int
resp_reset(struct resp *r)
{
	if (r->f != NULL)
		fclose(r->f);
	free(r->buf);
	r->buf = NULL;
	r->len = 0;
	return body_open(r);
}

void
resp_header(struct resp *r, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 room = sizeof(r->headers) - r->hlen;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(r->headers + r->hlen, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n + 2 >= room) {
		r->headers[r->hlen] = '\0';
		return;
	}
	memcpy(r->headers + r->hlen + n, "\r\n", 3);
	r->hlen += (size_t)n + 2;
}

int
resp_error(struct resp *r, enum resp_err e, const char *msg)
{
	r->status = errs[e].status;
	r->error = (int)e;
	r->type = "application/json";
	if (resp_reset(r) == -1)
		return r->status;
	fprintf(r->f, "{\"error\":{\"code\":\"%s\",\"message\":",
	    errs[e].code);
	json_str(r->f, msg);
	fputs("}}\n", r->f);
	return r->status;
}

int
resp_err_status(enum resp_err e)
{
	return errs[e].status;
}

const char *
resp_err_code(enum resp_err e)
{
	return errs[e].code;
}

const char *
resp_reason(int status)
{
	size_t	 i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}

int
resp_send(FCGX_Request *req, struct resp *r)
{
	int	 rc = 0, ok;

	ok = r->f != NULL && fclose(r->f) != EOF;
	r->f = NULL;
	if (!ok) {
		FCGX_FPrintF(req->out, "Status: 500 Internal Server Error\r\n"
		    "Cache-Control: no-store\r\n\r\n");
		resp_free(r);
		return -1;
	}
	if (FCGX_FPrintF(req->out, "Status: %d %s\r\n"
	    "Cache-Control: no-store\r\n%s", r->status,
	    resp_reason(r->status), r->headers) < 0)
		rc = -1;
	else if (r->type == NULL || r->status == 204) {
		if (FCGX_FPrintF(req->out, "\r\n") < 0)
			rc = -1;
	} else if (FCGX_FPrintF(req->out, "Content-Type: %s\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "Content-Length: %lu\r\n\r\n", r->type,
	    (unsigned long)r->len) < 0 ||
	    FCGX_PutStr(r->buf, (int)r->len, req->out) < 0)
		rc = -1;
	resp_free(r);
	return rc;
}

void
resp_free(struct resp *r)
{
	if (r->f != NULL)
		fclose(r->f);
	r->f = NULL;
	free(r->buf);
	r->buf = NULL;
	r->len = 0;
}
