/*
 * The server-rendered job page, GET /job/{id}: what a browser without
 * JavaScript sees after posting the upload form.  It shows the job's
 * state, progress, metrics, error, bad rows and download links, and
 * refreshes itself while the job is queued or running.  It reads the job
 * through the store; it never touches SQL, CSV or the job folder.
 */
#ifndef TALLY_PAGE_H
#define TALLY_PAGE_H

#include <fcgiapp.h>

struct store;

/*
 * Answer GET /job/{id} with an HTML page; id must already be valid (see
 * job_id_valid()).  An unknown job is a 404 page, a database error a 503
 * page: HTML in every case, never a raw error.
 */
void		 page_job(FCGX_Request *req, const char *id, struct store *s);

/* Send a small HTML page with status (e.g. "404 Not Found") and message. */
void		 page_error(FCGX_Request *req, const char *status,
		    const char *msg);

#endif /* TALLY_PAGE_H */
