/*
 * The server-rendered job page, GET /job/{id}: what a browser without
 * JavaScript sees after posting the upload form.  It shows the job's
 * state, progress, metrics, error, bad rows and download links, and
 * refreshes itself while the job is queued or running.  It renders a job
 * the caller loaded (and checked the owner of); it never touches SQL, CSV
 * or the job folder.
 */
#ifndef TALLY_PAGE_H
#define TALLY_PAGE_H

#include "resp.h"
#include "store.h"

/*
 * Fill r with the HTML page of job j, which the caller has loaded and may
 * show.  Returns the status (200).
 */
int		 page_job(struct resp *r, const struct store_job *j);

/*
 * Fill r with a small HTML page saying msg, with status (e.g. 404).
 * Returns status.
 */
int		 page_error(struct resp *r, int status, const char *msg);

#endif /* TALLY_PAGE_H */
