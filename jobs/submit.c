/*
 * Submitting a job (see submit.h).  The order matters: everything that can
 * refuse the request (options, header, disk) runs before anything is made,
 * and once the body has been renamed into the job folder, a failure to
 * record the job moves it back, so that the caller's cleanup of the body
 * path removes it and no folder without a record is left behind.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "clock.h"
#include "filter.h"
#include "header.h"
#include "num.h"
#include "query.h"
#include "reader.h"
#include "store.h"
#include "submit.h"
#include "transcode.h"

int
submit_min_free(const char *v, struct submit_conf *c, char *err,
    size_t errsz)
{
	char		 num[32];
	size_t		 n = strlen(v), bytes;
	long long	 pct;

	if (n > 0 && v[n - 1] == '%') {
		if (n - 1 >= sizeof(num)) {
			snprintf(err, errsz, "--min-free: \"%.40s\" is too "
			    "long", v);
			return -1;
		}
		memcpy(num, v, n - 1);
		num[n - 1] = '\0';
		if (num_int(num, 0, 100, &pct, err, errsz) == -1)
			return -1;
		c->min_free_pct = (double)pct;
		c->min_free_bytes = 0;
		return 0;
	}
	if (num_size(v, &bytes, err, errsz) == -1)
		return -1;
	c->min_free_pct = 0;
	c->min_free_bytes = (int64_t)bytes;
	return 0;
}

/*
 * The disk guard.  Returns 0 if the jobs filesystem has room, or -1 with
 * err set (a sentence for the client) if it has not or cannot be asked.
 */
static int
disk_room(const struct submit_conf *c, char *err, size_t errsz)
{
	struct statvfs	 sv;
	double		 avail, total;

	if (c->min_free_pct <= 0 && c->min_free_bytes <= 0)
		return 0;
	if (statvfs(c->sched->jobs, &sv) == -1) {
		snprintf(err, errsz, "the jobs folder's free space cannot be "
		    "read: %s", strerror(errno));
		return -1;
	}
	avail = (double)sv.f_bavail * (double)sv.f_frsize;
	total = (double)sv.f_blocks * (double)sv.f_frsize;
	if ((c->min_free_pct > 0 &&
	    (total <= 0 || 100.0 * avail / total < c->min_free_pct)) ||
	    (c->min_free_bytes > 0 && avail < (double)c->min_free_bytes)) {
		snprintf(err, errsz, "the server is short of disk space (%.0f "
		    "MB free); uploads are refused until jobs are removed or "
		    "space is added, and running jobs go on", avail / 1e6);
		return -1;
	}
	return 0;
}

/*
 * Bind the where conditions of o to h (their syntax was checked when they
 * were set).  Returns 0, or -1 with err naming an unknown column.
 */
static int
where_bind(const struct submit_opts *o, const struct header *h, char *err,
    size_t errsz)
{
	struct filter	 f;
	size_t		 i;
	int		 rc = 0;

	memset(&f, 0, sizeof(f));
	for (i = 0; rc == 0 && i < o->shape.nwhere; i++)
		rc = filter_parse(&f, o->shape.where[i], err, errsz);
	if (rc == 0)
		rc = filter_bind(&f, h, err, errsz);
	filter_free(&f);
	return rc;
}

enum submit_outcome
submit_job(struct store *s, const struct submit_conf *c, const char *path,
    int fd, off_t off, off_t len, const struct submit_opts *o,
    const char *owner, char id[JOB_ID_LEN + 1], char *err, size_t errsz)
{
	struct store_job	*j = NULL;
	struct header		 h;
	struct query		 q;
	struct stat		 st;
	char			 dir[JOB_PATH_MAX], input[JOB_PATH_MAX];
	char			 msg[TALLY_ERR_MAX];	/* not the client's */
	const char		*groups = o->groups[0] ? o->groups : NULL;
	const char		*aggs = o->aggs[0] ? o->aggs : NULL;
	enum submit_outcome	 rc = SUBMIT_INTERNAL;
	enum source_fail	 why;
	int			 made_dir = 0, moved = 0;
	size_t			 i;

	memset(&h, 0, sizeof(h));
	if (query_check(groups, aggs, err, errsz) == -1)
		return SUBMIT_BAD_OPTION;
	if (disk_room(c, err, errsz) == -1)
		return SUBMIT_NO_SPACE;
	if (fstat(fd, &st) == -1) {
		snprintf(err, errsz, "the stored upload: %s", strerror(errno));
		return SUBMIT_INTERNAL;
	}
	/* The header now, so a bad column is a 400 and not a failed job. */
	if (reader_header(fd, off, len, o->delim, o->enc, o->no_header, &h,
	    &why, err, errsz) == -1) {
		rc = why == SOURCE_FAIL_NOT_CSV ? SUBMIT_NOT_CSV :
		    SUBMIT_BAD_HEADER;
		goto out;
	}
	if (o->kind == JOB_KIND_PROFILE && (groups != NULL || aggs != NULL ||
	    o->shape.nwhere > 0 || o->shape.limit > 0 || o->shape.others ||
	    o->shape.total)) {
		snprintf(err, errsz, "a profile looks at every column and "
		    "row: it takes no group_by, agg, where, limit, others or "
		    "total");
		rc = SUBMIT_BAD_OPTION;
		goto out;
	}
	if (o->kind != JOB_KIND_PROFILE && (query_bind(&q, groups, aggs, &h,
	    err, errsz) == -1 || where_bind(o, &h, err, errsz) == -1)) {
		rc = SUBMIT_BAD_HEADER;
		goto out;
	}
	if ((j = calloc(1, sizeof(*j))) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	if (job_id_new(c->node, j->id, err, errsz) == -1)
		goto out;
	if (job_path(dir, sizeof(dir), c->sched->jobs, j->id, -1) == -1 ||
	    job_path(input, sizeof(input), c->sched->jobs, j->id,
	    JOB_FILE_INPUT) == -1) {
		snprintf(err, errsz, "cannot name the job's folder");
		goto out;
	}
	if (mkdir(dir, 0755) == -1) {
		snprintf(err, errsz, "cannot make the job folder: %s",
		    strerror(errno));
		goto out;
	}
	made_dir = 1;
	/* Never a copy: the body moves, or the request fails. */
	if (rename(path, input) == -1) {
		snprintf(err, errsz, "moving the upload into the job folder: "
		    "%s", strerror(errno));
		goto out;
	}
	moved = 1;
	j->state = JOB_QUEUED;
	snprintf(j->name, sizeof(j->name), "%s", o->name[0] != '\0' ?
	    o->name : "upload.csv");
	snprintf(j->groups, sizeof(j->groups), "%s", o->groups);
	snprintf(j->aggs, sizeof(j->aggs), "%s", o->aggs);
	snprintf(j->owner, sizeof(j->owner), "%s", owner);
	j->delim = o->delim;
	j->strict = o->strict;
	j->json_strings = o->json_strings;
	j->kind = o->kind;
	snprintf(j->max_bad, sizeof(j->max_bad), "%s", o->max_bad);
	/* The where conditions and shaping, for the record and the runner. */
	for (i = 0; i < o->shape.nwhere; i++)
		if (query_shape_where(&j->shape, o->shape.where[i], err,
		    errsz) == -1)
			goto out;
	j->shape.limit = o->shape.limit;
	j->shape.others = o->shape.others;
	j->shape.total = o->shape.total;
	snprintf(j->encoding, sizeof(j->encoding), "%s",
	    transcode_names[o->enc]);
	j->trim = o->trim;
	j->no_header = o->no_header;
	j->decimal_comma = o->decimal_comma;
	j->input_size = st.st_size;
	j->input_off = off;
	j->input_len = len;
	j->created = clock_wall();
	switch (store_submit(s, j, c->max_queued, c->max_queued_owner, err,
	    errsz)) {
	case STORE_SUBMIT_ADDED:
		break;
	case STORE_SUBMIT_QUEUE_FULL:
		snprintf(err, errsz, "the queue is full (%d jobs waiting); "
		    "try again later", c->max_queued);
		rc = SUBMIT_QUEUE_FULL;
		goto out;
	case STORE_SUBMIT_OWNER_FULL:
		snprintf(err, errsz, "you have %d jobs waiting already, the "
		    "most one owner may queue; try again when one has "
		    "started", c->max_queued_owner);
		rc = SUBMIT_OWNER_FULL;
		goto out;
	default:
		rc = SUBMIT_UNAVAILABLE;
		goto out;
	}
	made_dir = moved = 0;
	memcpy(id, j->id, JOB_ID_LEN + 1);
	rc = SUBMIT_OK;
	/* The job is recorded; if no runner starts now, one will on a tick. */
	if (sched_kick(s, c->sched, msg, sizeof(msg)) == -1)
		fprintf(stderr, "tally: scheduling: %s\n", msg);
out:
	/* Not recorded: the body goes back, and the folder goes. */
	if (moved && rename(input, path) == -1)
		unlink(input);
	if (made_dir)
		job_remove(c->sched->jobs, j->id, msg, sizeof(msg));
	header_free(&h);
	free(j);
	return rc;
}
