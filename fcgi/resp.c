/*
 * Response writing (see resp.h).  JSON strings are written by
 * json_str() from the jobs library, the one JSON string writer tally has.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "resp.h"

static const struct {
	const char	*code;
	const char	*status;
} errs[RESP__MAX] = {
	{ "bad_request",	"400 Bad Request" },
	{ "bad_header",		"400 Bad Request" },
	{ "empty_upload",	"400 Bad Request" },
	{ "not_csv",		"400 Bad Request" },
	{ "not_found",		"404 Not Found" },
	{ "method_not_allowed",	"405 Method Not Allowed" },
	{ "conflict",		"409 Conflict" },
	{ "queue_full",		"429 Too Many Requests" },
	{ "internal",		"500 Internal Server Error" },
	{ "unavailable",	"503 Service Unavailable" },
};

int
resp_begin(struct resp *r)
{
	r->buf = NULL;
	r->len = 0;
	r->f = open_memstream(&r->buf, &r->len);
	return r->f == NULL ? -1 : 0;
}

int
resp_send(struct resp *r, FCGX_Request *req, const char *status,
    const char *headers)
{
	int	 rc = 0;

	if (fclose(r->f) == EOF) {
		free(r->buf);
		resp_empty(req, "500 Internal Server Error", NULL);
		return -1;
	}
	if (FCGX_FPrintF(req->out, "Status: %s\r\n"
	    "Content-Type: application/json\r\n"
	    "Cache-Control: no-store\r\n"
	    "Content-Length: %lu\r\n%s\r\n", status, (unsigned long)r->len,
	    headers != NULL ? headers : "") < 0 ||
	    FCGX_PutStr(r->buf, (int)r->len, req->out) < 0)
		rc = -1;
	free(r->buf);
	r->buf = NULL;
	return rc;
}

void
resp_error(FCGX_Request *req, enum resp_err e, const char *msg)
{
	struct resp	 r;

	if (resp_begin(&r) == -1) {
		resp_empty(req, "500 Internal Server Error", NULL);
		return;
	}
	fprintf(r.f, "{\"error\":{\"code\":\"%s\",\"message\":",
	    errs[e].code);
	json_str(r.f, msg);
	fputs("}}\n", r.f);
	resp_send(&r, req, errs[e].status, e == RESP_METHOD ?
	    "Allow: GET, POST, PUT, DELETE\r\n" : NULL);
}

const char *
resp_status(enum resp_err e)
{
	return errs[e].status;
}

void
resp_empty(FCGX_Request *req, const char *status, const char *headers)
{
	FCGX_FPrintF(req->out, "Status: %s\r\nCache-Control: no-store\r\n"
	    "%s\r\n", status, headers != NULL ? headers : "");
}
