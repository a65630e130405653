/*
 * The API routes:
 *
 *	POST	/api/jobs		create a job from the uploaded body
 *	PUT	/api/jobs		the same (curl -T)
 *	GET	/api/jobs		list jobs, newest first (limit, offset)
 *	GET	/api/jobs/{id}		one job: state, progress, metrics, ...
 *	DELETE	/api/jobs/{id}		cancel if needed, remove files and record
 *	POST	/api/jobs/{id}/cancel	cancel, keeping the record
 *	GET	/api/health		database, workers, running and queued
 *	GET	/job/{id}		the job as an HTML page (see page.h)
 *
 * nginx has already stored the body in a file and passes its path as
 * REQUEST_BODY_FILE; creating a job renames that file into the job's
 * folder.  Every failure before that rename unlinks it, so rejected
 * uploads leave nothing behind.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "clock.h"
#include "api.h"
#include "form.h"
#include "header.h"
#include "job.h"
#include "json.h"
#include "lock.h"
#include "multipart.h"
#include "output.h"
#include "page.h"
#include "query.h"
#include "reader.h"
#include "resp.h"
#include "spawn.h"
#include "store.h"

#define LIST_LIMIT_DEFAULT	20
#define LIST_LIMIT_MAX		200
#define CANCEL_WAIT_MS		2000

/* What the route needs from the request, copied out of the FCGX params. */
struct req {
	char	 method[16];
	char	 path[512];
	char	 query[FORM_TEXT_MAX + 1];
	char	 ctype[4096];	/* long but legal: many parameters */
	char	 body[1024];	/* REQUEST_BODY_FILE */
	char	 accept[256];	/* its start: the rest is never read */
	int	 too_long;	/* a parameter did not fit */
};

/* The options of a new job, validated. */
struct opts {
	char	 groups[TALLY_SPEC_MAX];
	char	 aggs[TALLY_SPEC_MAX];
	char	 delim;
	int	 strict;
	char	 name[256];
};

static const char *const opt_names[] = {
	"group_by", "agg", "delimiter", "strict", "name", NULL
};

static void
param(FCGX_Request *r, const char *name, char *buf, size_t sz, int *too_long)
{
	const char	*v = FCGX_GetParam(name, r->envp);
	size_t		 n;

	buf[0] = '\0';
	if (v == NULL)
		return;
	if ((n = strlen(v)) >= sz) {
		*too_long = 1;
		return;
	}
	memcpy(buf, v, n + 1);
}

static void
json_time(FILE *f, double t)
{
	char		 buf[32];
	struct tm	 tm;
	time_t		 secs = (time_t)t;

	if (t <= 0) {
		fputs("null", f);
		return;
	}
	gmtime_r(&secs, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(f, "\"%s\"", buf);
}

/* The job object, as GET /api/jobs/{id} answers it. */
static void
json_job(FILE *f, const struct store_job *j, int full)
{
	double	 el, pct = 0, rate = 0, eta = -1;
	int64_t	 total = j->input_len >= 0 ? j->input_len : j->input_size;

	fputs("{\"id\":", f);
	json_str(f, j->id);
	fprintf(f, ",\"state\":\"%s\",\"name\":", job_state_names[j->state]);
	json_str(f, j->name);
	fputs(",\"created\":", f);
	json_time(f, j->created);
	fputs(",\"started\":", f);
	json_time(f, j->started);
	fputs(",\"finished\":", f);
	json_time(f, j->finished);
	fputs(",\"options\":{\"group_by\":", f);
	if (j->groups[0] != '\0')
		json_str(f, j->groups);
	else
		fputs("null", f);
	fputs(",\"agg\":", f);
	if (j->aggs[0] != '\0')
		json_str(f, j->aggs);
	else
		fputs("null", f);
	fputs(",\"delimiter\":", f);
	if (j->delim != 0) {
		char	 d[2] = { j->delim, '\0' };

		json_str(f, d);
	} else
		fputs("null", f);
	fprintf(f, ",\"strict\":%s},\"input_size\":%lld",
	    j->strict ? "true" : "false", (long long)total);

	if (total > 0)
		pct = 100.0 * (double)j->bytes_done / (double)total;
	if (j->state == JOB_DONE)
		pct = 100;
	if (j->state == JOB_RUNNING && j->started > 0 &&
	    (el = clock_wall() - j->started) > 0) {
		rate = (double)j->bytes_done / el;
		if (rate > 0)
			eta = (double)(total - j->bytes_done) / rate;
	}
	fprintf(f, ",\"progress\":{\"bytes_done\":%lld,\"bytes_total\":%lld,"
	    "\"rows_done\":%lld,\"percent\":%.1f,\"mb_per_s\":%.1f,"
	    "\"eta_seconds\":", (long long)j->bytes_done, (long long)total,
	    (long long)j->rows_done, pct > 100 ? 100 : pct, rate / 1e6);
	if (eta >= 0)
		fprintf(f, "%.1f}", eta);
	else
		fputs("null}", f);

	fputs(",\"metrics\":", f);
	if (j->has_metrics)
		fprintf(f, "{\"rows\":%lld,\"rejected\":%lld,\"groups\":%lld,"
		    "\"seconds\":%.3f,\"mb_per_s\":%.1f,\"peak_rss_kb\":%lld}",
		    (long long)j->rows, (long long)j->rejected,
		    (long long)j->groups_n, j->seconds, j->mb_per_s,
		    (long long)j->peak_rss_kb);
	else
		fputs("null", f);
	fputs(",\"error\":", f);
	if (j->error[0] != '\0' && j->state != JOB_DONE)
		json_str(f, j->error);
	else
		fputs("null", f);
	if (full)
		fprintf(f, ",\"rejected_samples\":%s",
		    j->rejects != NULL ? j->rejects : "[]");
	/* Done with bad rows is done, but not silently. */
	fputs(",\"warnings\":[", f);
	if (j->state == JOB_DONE && j->has_metrics && j->rejected > 0)
		fprintf(f, "{\"code\":\"rows_rejected\",\"count\":%lld,"
		    "\"rows\":%lld,\"message\":\"%lld of %lld row%s "
		    "rejected\"}", (long long)j->rejected, (long long)j->rows,
		    (long long)j->rejected, (long long)j->rows,
		    j->rows == 1 ? "" : "s");
	fputc(']', f);
	fputs(",\"rejects_url\":", f);
	if ((j->state == JOB_DONE || j->state == JOB_FAILED) &&
	    j->has_metrics && j->rejected > 0)
		fprintf(f, "\"/jobs/%s/rejects.csv\"", j->id);
	else
		fputs("null", f);
	fprintf(f, ",\"status_url\":\"/api/jobs/%s\",\"result_urls\":", j->id);
	if (j->state == JOB_DONE)
		fprintf(f, "{\"csv\":\"/jobs/%s/result.csv\","
		    "\"json\":\"/jobs/%s/result.json\","
		    "\"parquet\":\"/jobs/%s/result.parquet\"}", j->id, j->id,
		    j->id);
	else
		fputs("null", f);
	fputc('}', f);
}

/* Parse "1", "true", "on", "yes" and their opposites; -1 for others. */
static int
parse_bool(const char *v)
{
	static const char *const yes[] = { "1", "true", "on", "yes", NULL };
	static const char *const no[] = { "0", "false", "off", "no", "", NULL };
	size_t	 i;

	for (i = 0; yes[i] != NULL; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	for (i = 0; no[i] != NULL; i++)
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	return -1;
}

/*
 * Fill o from the value getter (query string, then form fields over it).
 * Returns 0, or -1 with a message in err.
 */
static int
set_opt(struct opts *o, const char *name, const char *v, char *err,
    size_t errsz)
{
	const char	*p;
	int		 b;

	if (strcmp(name, "group_by") == 0)
		snprintf(o->groups, sizeof(o->groups), "%s", v);
	else if (strcmp(name, "agg") == 0)
		snprintf(o->aggs, sizeof(o->aggs), "%s", v);
	else if (strcmp(name, "delimiter") == 0) {
		if (v[0] == '\0' || strcmp(v, "auto") == 0)
			o->delim = 0;
		else if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0)
			o->delim = '\t';
		else if (strlen(v) == 1 && v[0] != '"' && v[0] != '\n' &&
		    v[0] != '\r')
			o->delim = v[0];
		else {
			snprintf(err, errsz, "delimiter must be one "
			    "character, \"tab\" or \"auto\"");
			return -1;
		}
	} else if (strcmp(name, "strict") == 0) {
		if ((b = parse_bool(v)) < 0) {
			snprintf(err, errsz, "strict must be true or false");
			return -1;
		}
		o->strict = b;
	} else if (strcmp(name, "name") == 0) {
		if (strlen(v) >= sizeof(o->name)) {
			snprintf(err, errsz, "name longer than %zu bytes",
			    sizeof(o->name) - 1);
			return -1;
		}
		for (p = v; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20) {
				snprintf(err, errsz, "name has a control "
				    "character");
				return -1;
			}
		snprintf(o->name, sizeof(o->name), "%s", v);
	}
	return 0;
}

static int
known_opt(const char *name)
{
	size_t	 i;

	for (i = 0; opt_names[i] != NULL; i++)
		if (strcmp(name, opt_names[i]) == 0)
			return 1;
	return 0;
}

/*
 * A create() error: JSON for API clients, an HTML page for a browser
 * posting the plain form (its Accept starts with text/html), so that a
 * person without JavaScript reads a sentence, not a JSON body.
 */
static void
create_error(FCGX_Request *req, const struct req *rq, enum resp_err e,
    const char *msg)
{
	if (strncmp(rq->accept, "text/html", 9) == 0)
		page_error(req, resp_status(e), msg);
	else
		resp_error(req, e, msg);
}

/*
 * POST /api/jobs.  Validate the options and the CSV header, move the body
 * into a new job folder, record the job, kick the scheduler, answer 202.
 */
static void
create(FCGX_Request *req, const struct req *rq, struct store *s,
    const struct api_conf *c)
{
	struct form	 qf;
	struct multipart *mp = NULL;
	struct opts	 o;
	struct header	 h;
	struct query	 q;
	struct store_job *j = NULL;
	struct stat	 st;
	struct resp	 r;
	enum source_fail why;
	char		 boundary[MULTIPART_BOUNDARY_MAX + 1];
	char		 err[TALLY_ERR_MAX], dir[JOB_PATH_MAX];
	char		 input[JOB_PATH_MAX], hdrs[256];
	int64_t		 counts[JOB_STATE__MAX];
	off_t		 off = 0, len;
	size_t		 i;
	int		 fd = -1, moved = 0, rc, made_dir = 0;

	memset(&o, 0, sizeof(o));
	memset(&h, 0, sizeof(h));

	if (rq->body[0] == '\0') {
		create_error(req, rq, RESP_EMPTY_UPLOAD, "the upload is "
		    "empty: send a CSV file as the request body or a form's "
		    "file field");
		return;
	}
	if (form_parse(rq->query, &qf, err, sizeof(err)) == -1) {
		create_error(req, rq, RESP_BAD_REQUEST, err);
		goto out;
	}
	for (i = 0; i < qf.n; i++) {
		if (!known_opt(qf.pairs[i].name)) {
			snprintf(err, sizeof(err), "unknown option \"%s\"; "
			    "use group_by, agg, delimiter, strict or name",
			    qf.pairs[i].name);
			create_error(req, rq, RESP_BAD_REQUEST, err);
			goto out;
		}
		if (set_opt(&o, qf.pairs[i].name, qf.pairs[i].value, err,
		    sizeof(err)) == -1) {
			create_error(req, rq, RESP_BAD_REQUEST, err);
			goto out;
		}
	}
	if ((fd = open(rq->body, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		snprintf(err, sizeof(err), "the stored upload cannot be "
		    "read: %s", strerror(errno));
		create_error(req, rq, RESP_INTERNAL, err);
		goto out;
	}
	len = st.st_size;
	if (len == 0) {
		create_error(req, rq, RESP_EMPTY_UPLOAD, "the upload is empty");
		goto out;
	}
	switch (multipart_boundary(rq->ctype, boundary, sizeof(boundary), err,
	    sizeof(err))) {
	case -1:
		create_error(req, rq, RESP_BAD_REQUEST, err);
		goto out;
	case 1:
		if ((mp = malloc(sizeof(*mp))) == NULL) {
			create_error(req, rq, RESP_INTERNAL, "out of memory");
			goto out;
		}
		if (multipart_locate(fd, st.st_size, boundary, mp, err,
		    sizeof(err)) == -1) {
			create_error(req, rq, RESP_BAD_REQUEST, err);
			goto out;
		}
		for (i = 0; i < mp->nfields; i++) {
			if (!known_opt(mp->fields[i].name)) {
				snprintf(err, sizeof(err), "unknown form field "
				    "\"%s\"; use group_by, agg, delimiter, "
				    "strict or name", mp->fields[i].name);
				create_error(req, rq, RESP_BAD_REQUEST, err);
				goto out;
			}
			if (set_opt(&o, mp->fields[i].name,
			    mp->fields[i].value, err, sizeof(err)) == -1) {
				create_error(req, rq, RESP_BAD_REQUEST, err);
				goto out;
			}
		}
		/* The file's name is checked like a name= field. */
		if (o.name[0] == '\0' && set_opt(&o, "name", mp->filename,
		    err, sizeof(err)) == -1) {
			create_error(req, rq, RESP_BAD_REQUEST, err);
			goto out;
		}
		off = mp->file_off;
		len = mp->file_len;
		if (len == 0) {
			create_error(req, rq, RESP_EMPTY_UPLOAD, "the "
			    "uploaded file is empty");
			goto out;
		}
		break;
	default:
		break;
	}
	if (o.name[0] == '\0')
		snprintf(o.name, sizeof(o.name), "upload.csv");
	if (query_check(o.groups[0] ? o.groups : NULL,
	    o.aggs[0] ? o.aggs : NULL, err, sizeof(err)) == -1) {
		create_error(req, rq, RESP_BAD_REQUEST, err);
		goto out;
	}
	/* The header now, so a bad column is a 400 and not a failed job. */
	if (reader_header(fd, off, len, o.delim, &h, &why, err,
	    sizeof(err)) == -1) {
		create_error(req, rq, why == SOURCE_FAIL_NOT_CSV ?
		    RESP_NOT_CSV : RESP_BAD_HEADER, err);
		goto out;
	}
	if (query_bind(&q, o.groups[0] ? o.groups : NULL,
	    o.aggs[0] ? o.aggs : NULL, &h, err, sizeof(err)) == -1) {
		create_error(req, rq, RESP_BAD_HEADER, err);
		goto out;
	}
	if (store_counts(s, counts, err, sizeof(err)) == -1) {
		create_error(req, rq, RESP_UNAVAILABLE, err);
		goto out;
	}
	if (counts[JOB_QUEUED] >= c->max_queued) {
		snprintf(err, sizeof(err), "the queue is full (%d jobs "
		    "waiting); try again later", c->max_queued);
		create_error(req, rq, RESP_QUEUE_FULL, err);
		goto out;
	}

	if ((j = calloc(1, sizeof(*j))) == NULL) {
		create_error(req, rq, RESP_INTERNAL, "out of memory");
		goto out;
	}
	if (job_id_new(j->id, err, sizeof(err)) == -1 ||
	    job_path(dir, sizeof(dir), c->sched.jobs, j->id, -1) == -1 ||
	    job_path(input, sizeof(input), c->sched.jobs, j->id,
	    JOB_FILE_INPUT) == -1) {
		create_error(req, rq, RESP_INTERNAL, "cannot name the job");
		goto out;
	}
	if (mkdir(dir, 0755) == -1) {
		snprintf(err, sizeof(err), "cannot make the job folder: %s",
		    strerror(errno));
		create_error(req, rq, RESP_INTERNAL, err);
		goto out;
	}
	made_dir = 1;
	/* Never a copy: the body moves, or the request fails. */
	if (rename(rq->body, input) == -1) {
		snprintf(err, sizeof(err), "moving the upload into the job "
		    "folder: %s", strerror(errno));
		create_error(req, rq, RESP_INTERNAL, err);
		goto out;
	}
	moved = 1;
	j->state = JOB_QUEUED;
	snprintf(j->name, sizeof(j->name), "%s", o.name);
	snprintf(j->groups, sizeof(j->groups), "%s", o.groups);
	snprintf(j->aggs, sizeof(j->aggs), "%s", o.aggs);
	j->delim = o.delim;
	j->strict = o.strict;
	j->input_size = st.st_size;
	j->input_off = off;
	j->input_len = len;
	j->created = clock_wall();
	if (store_insert(s, j, err, sizeof(err)) == -1) {
		create_error(req, rq, RESP_UNAVAILABLE, err);
		goto out;
	}
	if ((rc = sched_kick(s, &c->sched, err, sizeof(err))) == -1)
		fprintf(stderr, "tally-fcgi: scheduling: %s\n", err);
	/* Answer with the record as it is now: queued, or already running. */
	store_job_free(j);
	if (store_get(s, j->id, j, err, sizeof(err)) != 0) {
		create_error(req, rq, RESP_INTERNAL, "the new job vanished");
		made_dir = 0;
		goto out;
	}
	made_dir = 0;
	if (resp_begin(&r) == -1) {
		create_error(req, rq, RESP_INTERNAL, "out of memory");
		goto out;
	}
	json_job(r.f, j, 0);
	fputc('\n', r.f);
	snprintf(hdrs, sizeof(hdrs), "Location: /api/jobs/%s\r\n", j->id);
	if (strncmp(rq->accept, "text/html", 9) == 0) {
		/* A plain HTML form: send the browser to the job's page. */
		fclose(r.f);
		free(r.buf);
		snprintf(hdrs, sizeof(hdrs), "Location: /job/%s\r\n",
		    j->id);
		resp_empty(req, "303 See Other", hdrs);
	} else
		resp_send(&r, req, "202 Accepted", hdrs);
out:
	if (fd != -1)
		close(fd);
	if (!moved && rq->body[0] != '\0')
		unlink(rq->body);
	if (made_dir) {
		/* The job was not recorded: remove what was made for it. */
		if (j != NULL)
			job_remove(c->sched.jobs, j->id, err, sizeof(err));
	}
	header_free(&h);
	if (j != NULL) {
		store_job_free(j);
		free(j);
	}
	free(mp);
}

struct list {
	FILE	*f;
	int	 n;
};

static int
list_one(void *arg, const struct store_job *j)
{
	struct list	*l = arg;

	if (l->n++ > 0)
		fputc(',', l->f);
	json_job(l->f, j, 0);
	return 0;
}

static int
parse_int(const char *v, int lo, int hi, int *out)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

static void
list(FCGX_Request *req, const struct req *rq, struct store *s)
{
	struct form	 qf;
	struct resp	 r;
	struct list	 l;
	const char	*v;
	char		 err[TALLY_ERR_MAX];
	int64_t		 total;
	int		 limit = LIST_LIMIT_DEFAULT, offset = 0;
	size_t		 i;

	if (form_parse(rq->query, &qf, err, sizeof(err)) == -1) {
		resp_error(req, RESP_BAD_REQUEST, err);
		return;
	}
	for (i = 0; i < qf.n; i++)
		if (strcmp(qf.pairs[i].name, "limit") != 0 &&
		    strcmp(qf.pairs[i].name, "offset") != 0) {
			snprintf(err, sizeof(err), "unknown parameter \"%s\"; "
			    "use limit and offset", qf.pairs[i].name);
			resp_error(req, RESP_BAD_REQUEST, err);
			return;
		}
	if ((v = form_get(&qf, "limit")) != NULL &&
	    parse_int(v, 1, LIST_LIMIT_MAX, &limit) == -1) {
		snprintf(err, sizeof(err), "limit must be 1 to %d",
		    LIST_LIMIT_MAX);
		resp_error(req, RESP_BAD_REQUEST, err);
		return;
	}
	if ((v = form_get(&qf, "offset")) != NULL &&
	    parse_int(v, 0, 1 << 30, &offset) == -1) {
		resp_error(req, RESP_BAD_REQUEST, "offset must be a number "
		    "from 0");
		return;
	}
	if (resp_begin(&r) == -1) {
		resp_error(req, RESP_INTERNAL, "out of memory");
		return;
	}
	l.f = r.f;
	l.n = 0;
	fputs("{\"jobs\":[", r.f);
	if (store_list(s, limit, offset, list_one, &l, &total, err,
	    sizeof(err)) == -1) {
		fclose(r.f);
		free(r.buf);
		resp_error(req, RESP_UNAVAILABLE, err);
		return;
	}
	fprintf(r.f, "],\"total\":%lld,\"limit\":%d,\"offset\":%d}\n",
	    (long long)total, limit, offset);
	resp_send(&r, req, "200 OK", NULL);
}

static void
get(FCGX_Request *req, const char *id, struct store *s)
{
	struct store_job	*j;
	struct resp		 r;
	char			 err[TALLY_ERR_MAX];
	int			 rc;

	if ((j = calloc(1, sizeof(*j))) == NULL) {
		resp_error(req, RESP_INTERNAL, "out of memory");
		return;
	}
	if ((rc = store_get(s, id, j, err, sizeof(err))) == 1)
		resp_error(req, RESP_NOT_FOUND, "no such job");
	else if (rc == -1)
		resp_error(req, RESP_UNAVAILABLE, err);
	else if (resp_begin(&r) == -1)
		resp_error(req, RESP_INTERNAL, "out of memory");
	else {
		json_job(r.f, j, 1);
		fputc('\n', r.f);
		resp_send(&r, req, "200 OK", NULL);
	}
	store_job_free(j);
	free(j);
}

/*
 * Cancel a queued or running job.  Returns 1 if it was, 0 if it had
 * already ended, -1 with err set on a database error.
 */
static int
cancel(const char *id, struct store *s, const struct api_conf *c, char *err,
    size_t errsz)
{
	enum job_state	 was;
	int64_t		 pid = 0;
	int		 rc;

	if ((rc = store_cancel(s, id, &was, &pid, err, errsz)) <= 0)
		return rc;
	/*
	 * Only the process that holds the job's lock is signalled; once the
	 * lock is free nothing writes in the folder, so clear it.
	 */
	if (was == JOB_RUNNING)
		(void)lock_stop(c->sched.jobs, id, CANCEL_WAIT_MS);
	job_clear(c->sched.jobs, id, c->sched.keep_input ?
	    JOB_KEEP(JOB_FILE_INPUT) : 0);
	return 1;
}

static void
del(FCGX_Request *req, const char *id, struct store *s,
    const struct api_conf *c)
{
	struct store_job	*j;
	char			 err[TALLY_ERR_MAX];
	int			 rc;

	if ((j = calloc(1, sizeof(*j))) == NULL) {
		resp_error(req, RESP_INTERNAL, "out of memory");
		return;
	}
	if ((rc = store_get(s, id, j, err, sizeof(err))) == 1) {
		resp_error(req, RESP_NOT_FOUND, "no such job");
		goto out;
	}
	if (rc == -1 || cancel(id, s, c, err, sizeof(err)) == -1) {
		resp_error(req, RESP_UNAVAILABLE, err);
		goto out;
	}
	if (store_delete(s, id, err, sizeof(err)) == -1) {
		resp_error(req, RESP_UNAVAILABLE, err);
		goto out;
	}
	if (job_remove(c->sched.jobs, id, err, sizeof(err)) == -1)
		fprintf(stderr, "tally-fcgi: %s\n", err);
	resp_empty(req, "204 No Content", NULL);
	/* A slot may be free now. */
	if (sched_kick(s, &c->sched, err, sizeof(err)) == -1)
		fprintf(stderr, "tally-fcgi: scheduling: %s\n", err);
out:
	store_job_free(j);
	free(j);
}

static void
cancel_route(FCGX_Request *req, const char *id, struct store *s,
    const struct api_conf *c)
{
	char	 err[TALLY_ERR_MAX];
	int	 rc;

	if ((rc = cancel(id, s, c, err, sizeof(err))) == -1) {
		resp_error(req, RESP_UNAVAILABLE, err);
		return;
	}
	if (rc == 0) {
		struct store_job	 j;

		if ((rc = store_get(s, id, &j, err, sizeof(err))) == 1) {
			resp_error(req, RESP_NOT_FOUND, "no such job");
			return;
		}
		if (rc == -1) {
			resp_error(req, RESP_UNAVAILABLE, err);
			return;
		}
		if (rc == 0)
			store_job_free(&j);
		resp_error(req, RESP_CONFLICT, "the job has already ended");
		return;
	}
	if (sched_kick(s, &c->sched, err, sizeof(err)) == -1)
		fprintf(stderr, "tally-fcgi: scheduling: %s\n", err);
	get(req, id, s);
}

static void
health(FCGX_Request *req, struct store *s, const struct api_conf *c)
{
	struct resp	 r;
	char		 err[TALLY_ERR_MAX];
	int64_t		 counts[JOB_STATE__MAX];
	int		 dbok, ok;

	dbok = s != NULL && store_ping(s, err, sizeof(err)) == 0 &&
	    store_counts(s, counts, err, sizeof(err)) == 0;
	if (!dbok)
		memset(counts, 0, sizeof(counts));
	ok = dbok && !c->pool->stopping && c->pool->alive > 0;
	if (resp_begin(&r) == -1) {
		resp_error(req, RESP_INTERNAL, "out of memory");
		return;
	}
	fprintf(r.f, "{\"status\":\"%s\",\"database\":\"%s\","
	    "\"workers\":{\"alive\":%d,\"configured\":%d},"
	    "\"jobs\":{\"running\":%lld,\"queued\":%lld,"
	    "\"max_running\":%d,\"max_queued\":%d}}\n",
	    ok ? "ok" : "unavailable", dbok ? "ok" : "unreachable",
	    c->pool->alive, c->pool->configured,
	    (long long)counts[JOB_RUNNING], (long long)counts[JOB_QUEUED],
	    c->sched.max_running, c->max_queued);
	resp_send(&r, req, ok ? "200 OK" : "503 Service Unavailable", NULL);
}

void
api_handle(FCGX_Request *req, struct store *s, const struct api_conf *c)
{
	struct req	*rq;
	const char	*rest;
	char		 id[JOB_ID_LEN + 1];
	size_t		 n;

	if ((rq = calloc(1, sizeof(*rq))) == NULL) {
		resp_error(req, RESP_INTERNAL, "out of memory");
		return;
	}
	param(req, "REQUEST_METHOD", rq->method, sizeof(rq->method),
	    &rq->too_long);
	param(req, "DOCUMENT_URI", rq->path, sizeof(rq->path), &rq->too_long);
	param(req, "QUERY_STRING", rq->query, sizeof(rq->query),
	    &rq->too_long);
	param(req, "CONTENT_TYPE", rq->ctype, sizeof(rq->ctype),
	    &rq->too_long);
	param(req, "REQUEST_BODY_FILE", rq->body, sizeof(rq->body),
	    &rq->too_long);
	/* Only its start matters, however long the header is. */
	snprintf(rq->accept, sizeof(rq->accept), "%s",
	    FCGX_GetParam("HTTP_ACCEPT", req->envp) != NULL ?
	    FCGX_GetParam("HTTP_ACCEPT", req->envp) : "");

	/*
	 * The body file must be one nginx stored in its temp folder, named
	 * as configured or as resolved (the path may pass through links).
	 */
	if (rq->body[0] != '\0') {
		size_t	 bl = strlen(c->body_temp);
		size_t	 gl = strlen(c->body_temp_given);
		int	 in_real = strncmp(rq->body, c->body_temp, bl) == 0 &&
			    rq->body[bl] == '/';
		int	 in_given = strncmp(rq->body, c->body_temp_given,
			    gl) == 0 && rq->body[gl] == '/';

		if ((!in_real && !in_given) || strstr(rq->body, "/..") != NULL) {
			rq->body[0] = '\0';
			resp_error(req, RESP_INTERNAL, "the upload was not "
			    "stored in the configured body temp folder");
			goto out;
		}
	}
	if (rq->too_long) {
		resp_error(req, RESP_BAD_REQUEST, "a request parameter is "
		    "too long");
		goto out;
	}
	if (s == NULL || c->pool->stopping) {
		if (strcmp(rq->path, "/api/health") == 0 && s == NULL)
			health(req, s, c);
		else
			resp_error(req, RESP_UNAVAILABLE, s == NULL ?
			    "the database is not reachable" :
			    "the service is shutting down");
		goto out;
	}

	if (strcmp(rq->path, "/api/health") == 0) {
		if (strcmp(rq->method, "GET") == 0)
			health(req, s, c);
		else
			resp_error(req, RESP_METHOD, "use GET");
	} else if (strcmp(rq->path, "/api/jobs") == 0 ||
	    strcmp(rq->path, "/api/jobs/") == 0) {
		if (strcmp(rq->method, "POST") == 0 ||
		    strcmp(rq->method, "PUT") == 0) {
			/* create() moves or removes the body itself. */
			create(req, rq, s, c);
			rq->body[0] = '\0';
		} else if (strcmp(rq->method, "GET") == 0)
			list(req, rq, s);
		else
			resp_error(req, RESP_METHOD, "use GET, POST or PUT");
	} else if (strncmp(rq->path, "/api/jobs/", 10) == 0) {
		rest = rq->path + 10;
		n = strcspn(rest, "/");
		if (n != JOB_ID_LEN) {
			resp_error(req, RESP_NOT_FOUND, "no such job: a job "
			    "id is 32 lowercase hex digits");
			goto out;
		}
		memcpy(id, rest, n);
		id[n] = '\0';
		if (!job_id_valid(id)) {
			resp_error(req, RESP_NOT_FOUND, "no such job: a job "
			    "id is 32 lowercase hex digits");
			goto out;
		}
		rest += n;
		if (*rest == '\0') {
			if (strcmp(rq->method, "GET") == 0)
				get(req, id, s);
			else if (strcmp(rq->method, "DELETE") == 0)
				del(req, id, s, c);
			else
				resp_error(req, RESP_METHOD, "use GET or "
				    "DELETE");
		} else if (strcmp(rest, "/cancel") == 0) {
			if (strcmp(rq->method, "POST") == 0)
				cancel_route(req, id, s, c);
			else
				resp_error(req, RESP_METHOD, "use POST");
		} else
			resp_error(req, RESP_NOT_FOUND, "no such route");
	} else if (strncmp(rq->path, "/job/", 5) == 0) {
		/* The HTML page: the id is checked exactly as above. */
		rest = rq->path + 5;
		if (strlen(rest) != JOB_ID_LEN || !job_id_valid(rest))
			page_error(req, "404 Not Found", "There is no such "
			    "job: a job id is 32 lowercase hex digits.");
		else if (strcmp(rq->method, "GET") != 0 &&
		    strcmp(rq->method, "HEAD") != 0)
			page_error(req, "405 Method Not Allowed", "Use GET.");
		else
			page_job(req, rest, s);
	} else
		resp_error(req, RESP_NOT_FOUND, "no such route");
out:
	/* A body nginx stored for a request that did not take it. */
	if (rq->body[0] != '\0')
		unlink(rq->body);
	free(rq);
}
