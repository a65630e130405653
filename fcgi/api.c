/*
 * The API: one routes table, the request's owner, and a handler per route
 * that parses, calls the jobs library and fills a response.
 *
 *	GET	/api/health		database, workers, running and queued
 *	GET	/api/metrics		Prometheus metrics, for an admin key
 *	GET	/api/openapi.json	the API's description (doc/openapi.json)
 *	POST	/api/jobs		create a job from the uploaded body
 *	PUT	/api/jobs		the same (curl -T)
 *	GET	/api/jobs		the caller's jobs, newest first (on
 *					every node of a cluster)
 *	GET	/api/jobs/{id}		one job: state, progress, metrics, ...
 *	DELETE	/api/jobs/{id}		cancel if needed, remove files and record
 *	POST	/api/jobs/{id}/cancel	cancel, keeping the record
 *	POST	/api/sniff		what tally makes of a file's first bytes
 *	GET	/job/{id}		the job as an HTML page (see page.h)
 *	GET	/_tally/auth/{id}	nginx's auth_request before a download
 *
 * Every job belongs to an owner: a key's (Authorization: Bearer) or a
 * browser cookie's (tally_owner), which any response but health and the
 * auth check sets when the request lacks one.  Another owner's job is a
 * 404 on every route, exactly like a job that does not exist.
 *
 * nginx has already stored the body in a file and passes its path as
 * REQUEST_BODY_FILE; submit_job() renames that file into the job's folder.
 * Every request that does not, unlinks it, so rejected uploads leave
 * nothing behind.
 *
 * In a cluster (--node and --peer), an id names its node in its first
 * digits: a node answers 404 for another's, which the front nginx never
 * sends it.  The list and health ask the peers too (peer.c), passing the
 * caller's credential along, and merge (joblist.c).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "clock.h"
#include "api.h"
#include "download.h"
#include "engine.h"
#include "filter.h"
#include "cred.h"
#include "form.h"
#include "job.h"
#include "joblist.h"
#include "body.h"
#include "bounds.h"
#include "json.h"
#include "metrics.h"
#include "multipart.h"
#include "openapi.h"
#include "num.h"
#include "output.h"
#include "owner.h"
#include "page.h"
#include "peer.h"
#include "resp.h"
#include "route.h"
#include "rows.h"
#include "sniff.h"
#include "transcode.h"
#include "store.h"
#include "submit.h"

#define LIST_LIMIT_DEFAULT	20
#define LIST_LIMIT_MAX		200
#define OWNER_COOKIE		"tally_owner"
#define OWNER_COOKIE_AGE	(400 * 24 * 3600)	/* browsers' cap */

/* What the routes need from the request, copied out of the FCGX params. */
struct req {
	char	 method[16];
	char	 path[512];
	char	 query[FORM_TEXT_MAX + 1];
	char	 ctype[4096];	/* long but legal: many parameters */
	char	 body[1024];	/* REQUEST_BODY_FILE */
	char	 file[64];	/* TALLY_FILE: the download auth() checks */
	int	 too_long;	/* a parameter did not fit */
};

/* One request being answered. */
struct call {
	FCGX_Request		*req;	/* for a body nginx kept in memory */
	struct req		 rq;
	struct store		*s;
	const struct api_conf	*c;
	char			 id[ROUTE_ARG_MAX];	/* the {id}, checked */
	struct owner		 who;
	char			 cred[512];	/* who, as a header for peers */
	int			 html;	/* a browser's plain form */
	int			 upload; /* POST or PUT /api/jobs */
};

static const char *const opt_names[] = {
	"group_by", "agg", "delimiter", "strict", "name", "where", "limit",
	"others", "total", "json_numbers", "max_bad", "kind", "encoding",
	"trim", "header", "decimal", NULL
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

/* An integer, without printf: a job's JSON has a dozen. */
static void
json_int(FILE *f, long long v)
{
	char			 b[24], *p = b + sizeof(b);
	unsigned long long	 u = v < 0 ? 0ULL - (unsigned long long)v :
				    (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	fwrite(p, 1, (size_t)(b + sizeof(b) - p), f);
}

/* n as exactly w digits at p. */
static void
digits(char *p, unsigned long long n, int w)
{
	while (w-- > 0) {
		p[w] = (char)('0' + n % 10);
		n /= 10;
	}
}

/*
 * Epoch seconds as "YYYY-MM-DDTHH:MM:SSZ" (UTC), or null for none.  The
 * civil date comes from the day number by Howard Hinnant's
 * civil_from_days, not gmtime_r() and strftime(), which take the time
 * zone's lock and a format apart three times for every job answered.
 */
static void
json_time(FILE *f, double t)
{
	char		 buf[] = "\"0000-00-00T00:00:00Z\"";
	long long	 secs = (long long)t, z, era, y;
	unsigned	 doe, yoe, doy, mp, m, d;

	if (t <= 0 || secs > 253402300799LL) {	/* after 9999: null */
		fputs("null", f);
		return;
	}
	z = secs / 86400 + 719468;
	era = z / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = (long long)yoe + era * 400 + (m <= 2);
	digits(buf + 1, (unsigned long long)y, 4);
	digits(buf + 6, m, 2);
	digits(buf + 9, d, 2);
	digits(buf + 12, (unsigned long long)(secs % 86400 / 3600), 2);
	digits(buf + 15, (unsigned long long)(secs % 3600 / 60), 2);
	digits(buf + 18, (unsigned long long)(secs % 60), 2);
	fwrite(buf, 1, sizeof(buf) - 1, f);
}

/* The bad-row samples, as the CLI's JSON writes them. */
static void
json_rejects(FILE *f, const struct store_job *j)
{
	const struct store_reject	*r;
	size_t				 i;

	fputs(",\"rejected_samples\":[", f);
	for (i = 0; i < j->nrejects; i++) {
		r = &j->rejects[i];
		fputs(i ? ",{\"line\":" : "{\"line\":", f);
		json_int(f, r->line);
		fputs(",\"column\":", f);
		json_int(f, r->column);
		fputs(",\"column_name\":", f);
		if (r->column > 0) {
			json_str(f, r->colname);
			fputs(",\"value\":", f);
			json_strn(f, r->value, r->value_len);
		} else
			fputs("null,\"value\":null", f);
		fputs(",\"reason\":", f);
		json_str(f, r->reason);
		fputc('}', f);
	}
	fputc(']', f);
}

/* A string member's value, or null when it is empty. */
static void
json_str_or_null(FILE *f, const char *s)
{
	if (s[0] != '\0')
		json_str(f, s);
	else
		fputs("null", f);
}

/* A job's URL, /PREFIX/ID/SUFFIX, in quotes (ids are hex: no escapes). */
static void
json_url(FILE *f, const char *prefix, const char *id, const char *suffix)
{
	fputc('"', f);
	fputs(prefix, f);
	fputs(id, f);
	fputs(suffix, f);
	fputc('"', f);
}

/*
 * The job object, as GET /api/jobs/{id} answers it.  Literals and
 * integers are written without printf, the service's most frequent
 * answer being this one; only the decimals go through it.
 */
static void
json_job(FILE *f, const struct store_job *j, int full)
{
	double	 el, pct = 0, rate = 0, eta = -1;
	int64_t	 total = j->input_len >= 0 ? j->input_len : j->input_size;
	size_t	 i;

	fputs("{\"id\":", f);
	json_str(f, j->id);
	fputs(",\"node\":\"node", f);
	json_int(f, job_id_node(j->id));
	fputs("\",\"state\":\"", f);
	fputs(job_state_names[j->state], f);
	fputs("\",\"kind\":\"", f);
	fputs(job_kind_names[j->kind], f);
	fputs("\",\"name\":", f);
	json_str(f, j->name);
	fputs(",\"created\":", f);
	json_time(f, j->created);
	fputs(",\"started\":", f);
	json_time(f, j->started);
	fputs(",\"finished\":", f);
	json_time(f, j->finished);
	fputs(",\"options\":{\"group_by\":", f);
	json_str_or_null(f, j->groups);
	fputs(",\"agg\":", f);
	json_str_or_null(f, j->aggs);
	fputs(",\"delimiter\":", f);
	if (j->delim != 0) {
		char	 d[2] = { j->delim, '\0' };

		json_str(f, d);
	} else
		fputs("null", f);
	fputs(j->strict ? ",\"strict\":true" : ",\"strict\":false", f);
	fputs(j->json_strings ? ",\"json_numbers\":\"string\"" :
	    ",\"json_numbers\":\"number\"", f);
	fputs(",\"max_bad\":", f);
	json_str_or_null(f, j->max_bad);
	/* The query as run: every where condition, then the shaping. */
	fputs(",\"where\":[", f);
	for (i = 0; i < j->shape.nwhere; i++) {
		if (i > 0)
			fputc(',', f);
		json_str(f, j->shape.where[i]);
	}
	fputs("],\"limit\":", f);
	if (j->shape.limit > 0)
		json_int(f, (long long)j->shape.limit);
	else
		fputs("null", f);
	fputs(j->shape.others ? ",\"others\":true" : ",\"others\":false", f);
	fputs(j->shape.total ? ",\"total\":true" : ",\"total\":false", f);
	fputs(",\"encoding\":", f);
	json_str(f, j->encoding[0] != '\0' ? j->encoding : "auto");
	fputs(j->no_header ? ",\"header\":false" : ",\"header\":true", f);
	fputs(j->decimal_comma ? ",\"decimal\":\"comma\"" :
	    ",\"decimal\":\"point\"", f);
	fputs(j->trim ? ",\"trim\":true" : ",\"trim\":false", f);
	fputs("},\"input_size\":", f);
	json_int(f, (long long)total);

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
	fputs(",\"progress\":{\"bytes_done\":", f);
	json_int(f, (long long)j->bytes_done);
	fputs(",\"bytes_total\":", f);
	json_int(f, (long long)total);
	fputs(",\"rows_done\":", f);
	json_int(f, (long long)j->rows_done);
	fputs(",\"rows_filtered\":", f);
	json_int(f, (long long)j->filtered);
	fprintf(f, ",\"percent\":%.1f,\"mb_per_s\":%.1f,\"eta_seconds\":",
	    pct > 100 ? 100 : pct, rate / 1e6);
	if (eta >= 0)
		fprintf(f, "%.1f}", eta);
	else
		fputs("null}", f);

	fputs(",\"metrics\":", f);
	if (j->has_metrics) {
		fputs("{\"rows\":", f);
		json_int(f, (long long)j->rows);
		fputs(",\"rejected\":", f);
		json_int(f, (long long)j->rejected);
		fputs(",\"filtered\":", f);
		json_int(f, (long long)j->filtered);
		fputs(",\"groups\":", f);
		json_int(f, (long long)j->groups_n);
		fprintf(f, ",\"seconds\":%.3f,\"mb_per_s\":%.1f", j->seconds,
		    j->mb_per_s);
		fputs(",\"peak_rss_kb\":", f);
		json_int(f, (long long)j->peak_rss_kb);
		/*
		 * The input's bytes read (compressed, for a compressed
		 * input) and the CSV bytes they decoded to.
		 */
		fputs(",\"compression\":", f);
		json_str_or_null(f, j->compression);
		fputs(",\"bytes_read\":", f);
		json_int(f, (long long)j->bytes_done);
		fputs(",\"bytes_decoded\":", f);
		json_int(f, (long long)j->bytes_decoded);
		fputc('}', f);
	} else
		fputs("null", f);
	fputs(",\"error\":", f);
	if (j->error[0] != '\0' && j->state != JOB_DONE)
		json_str(f, j->error);
	else
		fputs("null", f);
	if (full)
		json_rejects(f, j);
	/* Done with bad rows is done, but not silently. */
	fputs(",\"warnings\":[", f);
	if (j->state == JOB_DONE && j->has_metrics && j->rejected > 0) {
		fputs("{\"code\":\"rows_rejected\",\"count\":", f);
		json_int(f, (long long)j->rejected);
		fputs(",\"rows\":", f);
		json_int(f, (long long)j->rows);
		fputs(",\"message\":\"", f);
		json_int(f, (long long)j->rejected);
		fputs(" of ", f);
		json_int(f, (long long)j->rows);
		fputs(j->rows == 1 ? " row rejected\"}" : " rows rejected\"}", f);
	}
	fputc(']', f);
	fputs(",\"rejects_url\":", f);
	if ((j->state == JOB_DONE || j->state == JOB_FAILED) &&
	    j->has_metrics && j->rejected > 0)
		json_url(f, "/jobs/", j->id, "/rejects.csv");
	else
		fputs("null", f);
	fputs(",\"status_url\":", f);
	json_url(f, "/api/jobs/", j->id, "");
	fputs(",\"result_urls\":", f);
	if (j->state == JOB_DONE) {
		fputs("{\"csv\":", f);
		json_url(f, "/jobs/", j->id, "/result.csv");
		fputs(",\"json\":", f);
		json_url(f, "/jobs/", j->id, "/result.json");
		if (j->kind != JOB_KIND_PROFILE) {
			fputs(",\"parquet\":", f);
			json_url(f, "/jobs/", j->id, "/result.parquet");
		}
		fputc('}', f);
	} else
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
 * Set option name of o to v (query string first, then form fields over
 * it).  Returns 0, or -1 with a message in err.
 */
static int
set_opt(struct submit_opts *o, const char *name, const char *v, char *err,
    size_t errsz)
{
	const char	*p;
	int		 b;

	if (strcmp(name, "where") == 0) {
		/* Repeatable; the syntax is checked here, columns later. */
		struct filter	 f;

		if (v[0] == '\0')
			return 0;
		memset(&f, 0, sizeof(f));
		if (filter_parse(&f, v, err, errsz) == -1 ||
		    query_shape_where(&o->shape, v, err, errsz) == -1) {
			filter_free(&f);
			return -1;
		}
		filter_free(&f);
	} else if (strcmp(name, "limit") == 0) {
		long long	 n;

		if (v[0] == '\0')
			o->shape.limit = 0;
		else if (num_int(v, 1, 1LL << 40, &n, err, errsz) == -1)
			return -1;
		else
			o->shape.limit = (size_t)n;
	} else if (strcmp(name, "others") == 0 ||
	    strcmp(name, "total") == 0) {
		if ((b = v[0] == '\0' ? 0 : parse_bool(v)) < 0) {
			snprintf(err, errsz, "%s must be true or false", name);
			return -1;
		}
		*(name[0] == 'o' ? &o->shape.others : &o->shape.total) = b;
	} else if (strcmp(name, "group_by") == 0)
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
	} else if (strcmp(name, "json_numbers") == 0) {
		if (v[0] == '\0' || strcmp(v, "number") == 0)
			o->json_strings = 0;
		else if (strcmp(v, "string") == 0)
			o->json_strings = 1;
		else {
			snprintf(err, errsz, "json_numbers must be number or "
			    "string");
			return -1;
		}
	} else if (strcmp(name, "max_bad") == 0) {
		struct engine_opts	 eo;

		memset(&eo, 0, sizeof(eo));
		if (v[0] != '\0' && (strlen(v) >= sizeof(o->max_bad) ||
		    engine_parse_max_bad(v, &eo) == -1)) {
			snprintf(err, errsz, "max_bad must be a number of rows "
			    "or a percentage such as 5%%");
			return -1;
		}
		snprintf(o->max_bad, sizeof(o->max_bad), "%s", v);
	} else if (strcmp(name, "encoding") == 0) {
		if (v[0] == '\0')
			o->enc = SOURCE_ENC_AUTO;
		else if ((b = transcode_parse(v)) < 0) {
			snprintf(err, errsz, "encoding must be auto, utf-8, "
			    "utf-16, latin-1 or windows-1252");
			return -1;
		} else
			o->enc = (enum source_enc)b;
	} else if (strcmp(name, "trim") == 0) {
		if ((b = parse_bool(v)) < 0) {
			snprintf(err, errsz, "trim must be true or false");
			return -1;
		}
		o->trim = b;
	} else if (strcmp(name, "header") == 0) {
		/* The default is a header line: "" is true here. */
		if ((b = v[0] == '\0' ? 1 : parse_bool(v)) < 0) {
			snprintf(err, errsz, "header must be true or false");
			return -1;
		}
		o->no_header = !b;
	} else if (strcmp(name, "decimal") == 0) {
		if (v[0] == '\0' || strcmp(v, "point") == 0)
			o->decimal_comma = 0;
		else if (strcmp(v, "comma") == 0)
			o->decimal_comma = 1;
		else {
			snprintf(err, errsz, "decimal must be point or comma");
			return -1;
		}
	} else if (strcmp(name, "kind") == 0) {
		/* agg (the default) or profile. */
		if (v[0] == '\0')
			o->kind = JOB_KIND_AGG;
		else {
			for (o->kind = 0; o->kind < JOB_KIND__MAX; o->kind++)
				if (strcmp(v, job_kind_names[o->kind]) == 0)
					break;
			if (o->kind == JOB_KIND__MAX) {
				snprintf(err, errsz, "kind must be agg or "
				    "profile");
				return -1;
			}
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
static int
create_error(struct call *x, struct resp *r, enum resp_err e,
    const char *msg)
{
	if (x->html)
		return page_error(r, resp_err_status(e), msg);
	return resp_error(r, e, msg);
}

/*
 * Apply one name=value pair of what ("option", "form field") to o.
 * Returns 0, or -1 with *status the error r now holds.
 */
static int
apply_opt(struct call *x, struct resp *r, struct submit_opts *o,
    const char *name, const char *value, const char *what, int *status)
{
	char	 err[TALLY_ERR_MAX];

	if (!known_opt(name)) {
		snprintf(err, sizeof(err), "unknown %s \"%s\"; use group_by, "
		    "agg, where, limit, others, total, delimiter, encoding, "
		    "header, decimal, trim, strict, json_numbers, max_bad, kind "
		    "or name", what, name);
		*status = create_error(x, r, RESP_BAD_REQUEST, err);
		return -1;
	}
	if (set_opt(o, name, value, err, sizeof(err)) == -1) {
		*status = create_error(x, r, RESP_BAD_REQUEST, err);
		return -1;
	}
	return 0;
}

/* The submit outcomes as errors. */
static const enum resp_err submit_errs[SUBMIT__MAX] = {
	[SUBMIT_OK] = RESP_INTERNAL,
	[SUBMIT_BAD_OPTION] = RESP_BAD_REQUEST,
	[SUBMIT_BAD_HEADER] = RESP_BAD_HEADER,
	[SUBMIT_NOT_CSV] = RESP_NOT_CSV,
	[SUBMIT_QUEUE_FULL] = RESP_QUEUE_FULL,
	[SUBMIT_OWNER_FULL] = RESP_OWNER_FULL,
	[SUBMIT_NO_SPACE] = RESP_NO_SPACE,
	[SUBMIT_UNAVAILABLE] = RESP_UNAVAILABLE,
	[SUBMIT_INTERNAL] = RESP_INTERNAL,
};

/*
 * POST /api/jobs.  Parse the options and locate the CSV in the body, then
 * submit_job() does the rest; answer 202 with the new job (or 303 to its
 * page for a plain HTML form).
 */
static int
create(struct call *x, struct resp *r)
{
	struct form		 qf;
	struct multipart	*mp = NULL;
	struct submit_opts	 o;
	struct store_job	*j = NULL;
	struct stat		 st;
	char			 boundary[MULTIPART_BOUNDARY_MAX + 1];
	char			 err[TALLY_ERR_MAX], id[JOB_ID_LEN + 1];
	off_t			 off = 0, len;
	size_t			 i;
	enum submit_outcome	 so;
	int			 fd = -1, status = 500;

	memset(&o, 0, sizeof(o));
	if (x->rq.body[0] == '\0')
		return create_error(x, r, RESP_EMPTY_UPLOAD, "the upload is "
		    "empty: send a CSV file as the request body or a form's "
		    "file field");
	if (form_parse(x->rq.query, &qf, err, sizeof(err)) == -1)
		return create_error(x, r, RESP_BAD_REQUEST, err);
	for (i = 0; i < qf.n; i++)
		if (apply_opt(x, r, &o, qf.pairs[i].name, qf.pairs[i].value,
		    "option", &status) == -1)
			return status;
	if ((fd = body_open(x->rq.body, err, sizeof(err))) == -1) {
		status = create_error(x, r, RESP_INTERNAL, err);
		goto out;
	}
	if (fstat(fd, &st) == -1) {
		snprintf(err, sizeof(err), "the stored upload cannot be "
		    "read: %s", strerror(errno));
		status = create_error(x, r, RESP_INTERNAL, err);
		goto out;
	}
	len = st.st_size;
	if (len == 0) {
		status = create_error(x, r, RESP_EMPTY_UPLOAD, "the upload "
		    "is empty");
		goto out;
	}
	switch (multipart_boundary(x->rq.ctype, boundary, sizeof(boundary),
	    err, sizeof(err))) {
	case -1:
		status = create_error(x, r, RESP_BAD_REQUEST, err);
		goto out;
	case 1:
		if ((mp = malloc(sizeof(*mp))) == NULL) {
			status = create_error(x, r, RESP_INTERNAL, "out of "
			    "memory");
			goto out;
		}
		if (multipart_locate(fd, st.st_size, boundary, mp, err,
		    sizeof(err)) == -1) {
			status = create_error(x, r, RESP_BAD_REQUEST, err);
			goto out;
		}
		for (i = 0; i < mp->nfields; i++)
			if (apply_opt(x, r, &o, mp->fields[i].name,
			    mp->fields[i].value, "form field", &status) == -1)
				goto out;
		/* The file's name is checked like a name= field. */
		if (o.name[0] == '\0' && set_opt(&o, "name", mp->filename,
		    err, sizeof(err)) == -1) {
			status = create_error(x, r, RESP_BAD_REQUEST, err);
			goto out;
		}
		off = mp->file_off;
		len = mp->file_len;
		if (len == 0) {
			status = create_error(x, r, RESP_EMPTY_UPLOAD, "the "
			    "uploaded file is empty");
			goto out;
		}
		break;
	default:
		break;
	}
	so = submit_job(x->s, &x->c->submit, x->rq.body, fd, off, len, &o,
	    x->who.id, id, err, sizeof(err));
	if (so != SUBMIT_OK) {
		status = create_error(x, r, submit_errs[so], err);
		goto out;
	}
	/* The body is the job's input now. */
	x->rq.body[0] = '\0';
	if (x->html) {
		/* A plain HTML form: send the browser to the job's page. */
		r->status = 303;
		r->type = NULL;
		resp_header(r, "Location: /job/%s", id);
		status = 303;
		goto out;
	}
	/* Answer with the record as it is now: queued, or already running. */
	if ((j = calloc(1, sizeof(*j))) == NULL ||
	    store_get(x->s, id, j, err, sizeof(err)) != 0) {
		free(j);
		j = NULL;
		status = resp_error(r, RESP_INTERNAL, "the new job cannot be "
		    "read back");
		goto out;
	}
	json_job(r->f, j, 0);
	fputc('\n', r->f);
	resp_header(r, "Location: /api/jobs/%s", id);
	r->status = status = 202;
out:
	if (fd != -1)
		close(fd);
	if (j != NULL) {
		store_job_free(j);
		free(j);
	}
	free(mp);
	return status;
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

/* Did the caller ask for this node's part only (a peer asking)? */
static int
local_only(const struct form *qf)
{
	const char	*v = form_get(qf, "local");

	return v != NULL && parse_bool(v) == 1;
}

/* The merged list's writer: item it of list k. */
struct merged {
	FILE			*f;
	const struct joblist	*lists;
	int			 n;
};

static void
merged_one(void *arg, size_t k, const struct joblist_item *it)
{
	struct merged	*m = arg;

	if (m->n++ > 0)
		fputc(',', m->f);
	fwrite(m->lists[k].body + it->off, 1, it->len, m->f);
}

/*
 * GET /api/jobs on a node of a cluster: this node's list and every peer's
 * (asked with local=1 and the caller's credential), merged newest first.
 * A peer that does not answer is named in "unavailable".
 */
static int
list_all(struct call *x, struct resp *r, long long limit, long long offset)
{
	const struct api_conf	*c = x->c;
	struct peer_reply	 rep[PEERS_MAX];
	struct joblist		 lists[PEERS_MAX + 1];
	struct merged		 m;
	struct list		 l;
	char			 path[128], hdr[1024], err[TALLY_ERR_MAX];
	char			*mine = NULL;
	unsigned		 nodes[PEERS_MAX + 1];
	size_t			 minelen = 0, i, k, nl = 0, nu = 0;
	long long		 want = limit + offset, total = 0;
	const char		*ra = FCGX_GetParam("REMOTE_ADDR", x->req->envp);
	int64_t			 mytotal;

	if (want > JOBLIST_ITEMS_MAX) {
		snprintf(err, sizeof(err), "on a cluster, offset + limit "
		    "must be at most %d", JOBLIST_ITEMS_MAX);
		return resp_error(r, RESP_BAD_REQUEST, err);
	}
	if ((l.f = open_memstream(&mine, &minelen)) == NULL)
		return resp_error(r, RESP_INTERNAL, "out of memory");
	l.n = 0;
	fputs("{\"jobs\":[", l.f);
	if (store_list(x->s, x->who.admin ? NULL : x->who.id, (int)want, 0,
	    list_one, &l, &mytotal, err, sizeof(err)) == -1) {
		fclose(l.f);
		free(mine);
		return resp_error(r, RESP_UNAVAILABLE, err);
	}
	fprintf(l.f, "],\"total\":%lld}", (long long)mytotal);
	fclose(l.f);
	if (joblist_parse(mine, minelen, &lists[nl]) == -1) {
		free(mine);
		return resp_error(r, RESP_INTERNAL, "cannot read this node's "
		    "own job list");
	}
	nl++;

	snprintf(path, sizeof(path), "/api/jobs?local=1&limit=%lld", want);
	snprintf(hdr, sizeof(hdr), "%sX-Real-IP: %s\r\n", x->cred,
	    ra != NULL && strlen(ra) < 64 ? ra : "");
	peer_get_all(c->peers, c->npeers, path, hdr, c->peer_timeout_ms,
	    rep);
	nodes[0] = c->node;
	for (i = 0; i < c->npeers; i++)
		if (rep[i].ok && rep[i].status == 200 &&
		    joblist_parse(rep[i].body, rep[i].len, &lists[nl]) == 0)
			nodes[nl++] = c->peers[i].node;
		else
			rep[i].ok = 0;
	/*
	 * Times have whole seconds: ties go to the lower node, whichever
	 * node answers, so that pages never overlap.
	 */
	for (i = 1; i < nl; i++)
		for (k = i; k > 0 && nodes[k - 1] > nodes[k]; k--) {
			struct joblist	 t = lists[k];
			unsigned	 tn = nodes[k];

			lists[k] = lists[k - 1];
			nodes[k] = nodes[k - 1];
			lists[k - 1] = t;
			nodes[k - 1] = tn;
		}
	for (i = 0; i < nl; i++)
		total += lists[i].total;
	m.f = r->f;
	m.lists = lists;
	m.n = 0;
	fputs("{\"jobs\":[", r->f);
	joblist_merge(lists, nl, (size_t)offset, (size_t)limit, merged_one,
	    &m);
	fprintf(r->f, "],\"total\":%lld,\"limit\":%lld,\"offset\":%lld,"
	    "\"unavailable\":[", total, limit, offset);
	for (i = 0; i < c->npeers; i++)
		if (!rep[i].ok)
			fprintf(r->f, "%s\"node%u\"", nu++ ? "," : "",
			    c->peers[i].node);
	fputs("]}\n", r->f);
	for (i = 0; i < nl; i++)
		joblist_free(&lists[i]);
	peer_replies_free(rep, c->npeers);
	free(mine);
	return 200;
}

/* GET /api/jobs: the caller's jobs (every job for an admin key). */
static int
list(struct call *x, struct resp *r)
{
	struct form	 qf;
	struct list	 l;
	const char	*v;
	char		 err[TALLY_ERR_MAX];
	int64_t		 total;
	long long	 limit = LIST_LIMIT_DEFAULT, offset = 0;
	size_t		 i;

	if (form_parse(x->rq.query, &qf, err, sizeof(err)) == -1)
		return resp_error(r, RESP_BAD_REQUEST, err);
	for (i = 0; i < qf.n; i++)
		if (strcmp(qf.pairs[i].name, "limit") != 0 &&
		    strcmp(qf.pairs[i].name, "offset") != 0 &&
		    strcmp(qf.pairs[i].name, "local") != 0) {
			snprintf(err, sizeof(err), "unknown parameter \"%s\"; "
			    "use limit and offset", qf.pairs[i].name);
			return resp_error(r, RESP_BAD_REQUEST, err);
		}
	if ((v = form_get(&qf, "limit")) != NULL &&
	    num_int(v, 1, LIST_LIMIT_MAX, &limit, err, sizeof(err)) == -1) {
		snprintf(err, sizeof(err), "limit must be 1 to %d",
		    LIST_LIMIT_MAX);
		return resp_error(r, RESP_BAD_REQUEST, err);
	}
	if ((v = form_get(&qf, "offset")) != NULL &&
	    num_int(v, 0, 1 << 30, &offset, err, sizeof(err)) == -1)
		return resp_error(r, RESP_BAD_REQUEST, "offset must be a "
		    "number from 0");
	if (x->c->npeers > 0 && !local_only(&qf))
		return list_all(x, r, limit, offset);
	l.f = r->f;
	l.n = 0;
	fputs("{\"jobs\":[", r->f);
	if (store_list(x->s, x->who.admin ? NULL : x->who.id, (int)limit,
	    (int)offset, list_one, &l, &total, err, sizeof(err)) == -1)
		return resp_error(r, RESP_UNAVAILABLE, err);
	fprintf(r->f, "],\"total\":%lld,\"limit\":%lld,\"offset\":%lld}\n",
	    (long long)total, limit, offset);
	return 200;
}

/*
 * Load the call's job into j if the caller may see it.  Returns 0, or the
 * status of the error r now holds (404 for another owner's job, exactly as
 * for a missing one).  On 0 the caller must store_job_free(j).
 */
static int
load_job(struct call *x, struct resp *r, struct store_job *j)
{
	char	 err[TALLY_ERR_MAX];
	int	 rc;

	if ((rc = store_get(x->s, x->id, j, err, sizeof(err))) == -1)
		return resp_error(r, RESP_UNAVAILABLE, err);
	if (rc == 0 && !owner_may(&x->who, j->owner)) {
		store_job_free(j);
		rc = 1;
	}
	if (rc == 1)
		return resp_error(r, RESP_NOT_FOUND, "no such job");
	return 0;
}

static int
get(struct call *x, struct resp *r)
{
	struct store_job	*j;
	int			 status;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return resp_error(r, RESP_INTERNAL, "out of memory");
	if ((status = load_job(x, r, j)) == 0) {
		json_job(r->f, j, 1);
		fputc('\n', r->f);
		store_job_free(j);
		status = 200;
	}
	free(j);
	return status;
}

/* Check that the caller may touch the call's job.  0 or an error status. */
static int
may_touch(struct call *x, struct resp *r)
{
	struct store_job	*j;
	int			 status;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return resp_error(r, RESP_INTERNAL, "out of memory");
	if ((status = load_job(x, r, j)) == 0)
		store_job_free(j);
	free(j);
	return status;
}

/*
 * DELETE /api/jobs/{id} and POST /api/jobs/{id}/cancel: end the caller's
 * job through jobs/ (job_delete() or job_cancel(), given as end).  They
 * differ only in the answer: a delete is 204 with no body, a cancel the
 * job as it now stands, or 409 if it had already ended (job_delete()
 * never says so: deleting an ended job is what a delete is for).
 */
static int
end_job(struct call *x, struct resp *r, int (*end)(struct store *,
    const struct sched_conf *, const char *, char *, size_t))
{
	char	 err[TALLY_ERR_MAX];
	int	 status;

	if ((status = may_touch(x, r)) != 0)
		return status;
	switch (end(x->s, &x->c->sched, x->id, err, sizeof(err))) {
	case -1:
		return resp_error(r, RESP_UNAVAILABLE, err);
	case JOB_END_ABSENT:
		return resp_error(r, RESP_NOT_FOUND, "no such job");
	case JOB_END_ENDED:
		return resp_error(r, RESP_CONFLICT, "the job has already "
		    "ended");
	default:
		break;
	}
	if (end == job_cancel)
		return get(x, r);
	r->type = NULL;
	return r->status = 204;
}

static int
del(struct call *x, struct resp *r)
{
	return end_job(x, r, job_delete);
}

static int
cancel(struct call *x, struct resp *r)
{
	return end_job(x, r, job_cancel);
}

/*
 * GET /api/jobs/{id}/rows?offset=O&limit=L&sort=S: a page of a done job's
 * result, read through its row index (rows.h) with a few positioned reads.
 */
static int
rows(struct call *x, struct resp *r)
{
	struct store_job	*j;
	struct form		 qf;
	const char		*v, *sort = NULL;
	char			 err[TALLY_ERR_MAX], csv[JOB_PATH_MAX];
	char			 idx[JOB_PATH_MAX], val[JOB_PATH_MAX];
	long long		 limit = TALLY_ROWS_PAGE_DEFAULT, offset = 0;
	enum job_state		 state;
	size_t			 i;
	int			 status;

	if (form_parse(x->rq.query, &qf, err, sizeof(err)) == -1)
		return resp_error(r, RESP_BAD_REQUEST, err);
	for (i = 0; i < qf.n; i++)
		if (strcmp(qf.pairs[i].name, "limit") != 0 &&
		    strcmp(qf.pairs[i].name, "offset") != 0 &&
		    strcmp(qf.pairs[i].name, "sort") != 0) {
			snprintf(err, sizeof(err), "unknown parameter \"%s\"; "
			    "use offset, limit and sort", qf.pairs[i].name);
			return resp_error(r, RESP_BAD_REQUEST, err);
		}
	if ((v = form_get(&qf, "limit")) != NULL && v[0] != '\0' &&
	    num_int(v, 1, TALLY_ROWS_PAGE_MAX, &limit, err,
	    sizeof(err)) == -1) {
		snprintf(err, sizeof(err), "limit must be a whole number from "
		    "1 to %d", TALLY_ROWS_PAGE_MAX);
		return resp_error(r, RESP_BAD_REQUEST, err);
	}
	if ((v = form_get(&qf, "offset")) != NULL && v[0] != '\0' &&
	    num_int(v, 0, INT64_MAX / 2, &offset, err, sizeof(err)) == -1)
		return resp_error(r, RESP_BAD_REQUEST, "offset must be a "
		    "whole number from 0");
	sort = form_get(&qf, "sort");

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return resp_error(r, RESP_INTERNAL, "out of memory");
	if ((status = load_job(x, r, j)) != 0) {
		free(j);
		return status;
	}
	state = j->state;
	store_job_free(j);
	free(j);
	if (state != JOB_DONE) {
		snprintf(err, sizeof(err), "the job is %s: its rows can be "
		    "read once it is done", job_state_names[state]);
		return resp_error(r, RESP_CONFLICT, err);
	}
	if (job_path(csv, sizeof(csv), x->c->sched.jobs, x->id,
	    JOB_FILE_CSV) == -1 || job_path(idx, sizeof(idx),
	    x->c->sched.jobs, x->id, JOB_FILE_ROWS) == -1 ||
	    job_path(val, sizeof(val), x->c->sched.jobs, x->id,
	    JOB_FILE_BYVALUE) == -1)
		return resp_error(r, RESP_NOT_FOUND, "no such job");
	switch (rows_page(csv, idx, val, (uint64_t)offset, (uint64_t)limit,
	    sort, r->f, NULL, err, sizeof(err))) {
	case ROWS_OK:
		return r->status = 200;
	case ROWS_BAD_SORT:
		return resp_error(r, RESP_BAD_REQUEST, err);
	case ROWS_NO_INDEX:
		return resp_error(r, RESP_CONFLICT, "this job's result has "
		    "no row index (it was made before paged results); "
		    "download it instead");
	default:
		return resp_error(r, RESP_INTERNAL, err);
	}
}

/* GET /job/{id}: the HTML page, with HTML errors. */
static int
page(struct call *x, struct resp *r)
{
	struct store_job	*j;
	int			 status;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return page_error(r, 500, "out of memory");
	if ((status = load_job(x, r, j)) == 0) {
		status = page_job(r, j);
		store_job_free(j);
	} else if (status == 404)
		status = page_error(r, 404, "There is no such job: it may "
		    "have been deleted.");
	else
		status = page_error(r, status, "The job cannot be read now; "
		    "try again in a moment.");
	free(j);
	return status;
}

/*
 * GET /_tally/auth/{id}: nginx asks before it serves a job's file (named
 * by TALLY_FILE).  204 if the caller owns the job and it is done (or, for
 * rejects.csv, done or failed: the bad rows of a job that failed on them),
 * 403 otherwise, which nginx answers the client as a 404.  One indexed
 * lookup.
 */
static int
auth(struct call *x, struct resp *r)
{
	char		 owner[STORE_OWNER_MAX], err[TALLY_ERR_MAX];
	char		 name[256], ascii[DOWNLOAD_NAME_MAX];
	char		 pct[DOWNLOAD_NAME_MAX];
	enum job_state	 state;
	int		 rc, ready;

	r->type = NULL;
	if ((rc = store_owner(x->s, x->id, owner, &state, name, sizeof(name),
	    err, sizeof(err))) == -1)
		return resp_error(r, RESP_UNAVAILABLE, err);
	ready = state == JOB_DONE || (state == JOB_FAILED &&
	    strcmp(x->rq.file, "rejects.csv") == 0);
	if (rc != 0 || !ready || !owner_may(&x->who, owner))
		return r->status = 403;
	/*
	 * The download's name, after the job's (nginx puts it in
	 * Content-Disposition): ASCII for filename=, UTF-8 for filename*=.
	 */
	if (download_name(name, x->rq.file, ascii, pct) == 0) {
		resp_header(r, "X-Tally-Download: %s", ascii);
		resp_header(r, "X-Tally-Download-UTF8: %s", pct);
	}
	return r->status = 204;
}

/*
 * One dialect option of /api/sniff (and the names the page sends):
 * encoding, delimiter, header, decimal, trim.  Returns 1 if name is one of
 * them (0 otherwise) and fills o, or -1 with err set for a bad value.
 */
static int
dialect_opt(const char *name, const char *v, struct sniff_opts *o,
    char *err, size_t errsz)
{
	int	 e;

	if (strcmp(name, "encoding") == 0) {
		if ((e = transcode_parse(v)) < 0) {
			snprintf(err, errsz, "encoding must be auto, utf-8, "
			    "utf-16, latin-1 or windows-1252");
			return -1;
		}
		o->enc = (enum source_enc)e;
	} else if (strcmp(name, "delimiter") == 0) {
		if (v[0] == '\0')
			o->delim = 0;
		else if (strcmp(v, "tab") == 0 || strcmp(v, "\t") == 0)
			o->delim = '\t';
		else if (strlen(v) == 1 && v[0] != '"' && v[0] != '\r' &&
		    v[0] != '\n')
			o->delim = v[0];
		else {
			snprintf(err, errsz, "delimiter must be one "
			    "character or tab");
			return -1;
		}
	} else if (strcmp(name, "header") == 0) {
		if (strcmp(v, "true") == 0)
			o->header = 1;
		else if (strcmp(v, "false") == 0)
			o->header = 0;
		else if (strcmp(v, "auto") == 0 || v[0] == '\0')
			o->header = -1;
		else {
			snprintf(err, errsz, "header must be true, false or "
			    "auto");
			return -1;
		}
	} else if (strcmp(name, "decimal") == 0) {
		if (strcmp(v, "comma") == 0)
			o->decimal_comma = 1;
		else if (strcmp(v, "point") == 0 || v[0] == '\0')
			o->decimal_comma = 0;
		else {
			snprintf(err, errsz, "decimal must be point or comma");
			return -1;
		}
	} else if (strcmp(name, "trim") == 0) {
		if (strcmp(v, "true") == 0)
			o->trim = 1;
		else if (strcmp(v, "false") == 0)
			o->trim = 0;
		else {
			snprintf(err, errsz, "trim must be true or false");
			return -1;
		}
	} else
		return 0;
	return 1;
}

/*
 * POST /api/sniff: the body (the first bytes of a file, at most
 * SNIFF_INPUT_MAX) is in the file nginx stored, or, if nginx kept it in
 * memory, on the FastCGI input, from which it is copied into an anonymous
 * file.  The options come in the query string.  It needs no owner: it
 * stores nothing and answers only about the bytes it was sent.
 */
static int
sniff(struct call *x, struct resp *r)
{
	struct sniff_opts	 o;
	struct form		 qf;
	enum source_fail	 why;
	char			 err[TALLY_ERR_MAX], *buf = NULL;
	size_t			 i;
	int			 fd = -1, n, rc;

	memset(&o, 0, sizeof(o));
	o.header = -1;
	if (form_parse(x->rq.query, &qf, err, sizeof(err)) == -1)
		return resp_error(r, RESP_BAD_REQUEST, err);
	for (i = 0; i < qf.n; i++) {
		if ((n = dialect_opt(qf.pairs[i].name, qf.pairs[i].value, &o,
		    err, sizeof(err))) == 1)
			continue;
		if (n == 0)
			snprintf(err, sizeof(err), "unknown parameter \"%s\"; "
			    "use encoding, delimiter, header, decimal or trim",
			    qf.pairs[i].name);
		return resp_error(r, RESP_BAD_REQUEST, err);
	}
	if (x->rq.body[0] != '\0') {
		if ((fd = body_open(x->rq.body, err, sizeof(err))) == -1)
			return resp_error(r, RESP_INTERNAL, err);
	} else if ((buf = malloc(SNIFF_INPUT_MAX)) != NULL &&
	    (fd = memfd_create("sniff", MFD_CLOEXEC)) != -1) {
		n = FCGX_GetStr(buf, SNIFF_INPUT_MAX, x->req->in);
		if (n < 0 || write(fd, buf, (size_t)n) != n) {
			close(fd);
			fd = -1;
		}
	}
	free(buf);
	if (fd == -1)
		return resp_error(r, RESP_INTERNAL, "cannot read the request "
		    "body");
	rc = sniff_json(fd, 0, -1, &o, r->f, &why, err, sizeof(err));
	close(fd);
	if (rc == -1) {
		resp_reset(r);
		return resp_error(r, why == SOURCE_FAIL_NOT_CSV ? RESP_NOT_CSV :
		    why == SOURCE_FAIL_IO ? RESP_INTERNAL :
		    strstr(err, "empty") != NULL ? RESP_EMPTY_UPLOAD :
		    RESP_BAD_REQUEST, err);
	}
	return r->status = 200;
}

/*
 * The peers' health, as "nodes": each peer's own answer (asked with
 * local=1), or {"node": ..., "status": "unavailable"}.
 */
static void
health_peers(struct call *x, struct resp *r)
{
	const struct api_conf	*c = x->c;
	struct peer_reply	 rep[PEERS_MAX];
	size_t			 i;
	const char		*b;

	peer_get_all(c->peers, c->npeers, "/api/health?local=1", "",
	    c->peer_timeout_ms, rep);
	fputs(",\"nodes\":[", r->f);
	for (i = 0; i < c->npeers; i++) {
		if (i > 0)
			fputc(',', r->f);
		b = rep[i].ok ? rep[i].body : NULL;
		/* Our own format, but from the network: an object or not. */
		if (b != NULL && (rep[i].status == 200 ||
		    rep[i].status == 503) && rep[i].len > 2 &&
		    joblist_object(b, rep[i].len - 1))
			fwrite(b, 1, rep[i].len - 1, r->f);
		else
			fprintf(r->f, "{\"node\":\"node%u\",\"status\":"
			    "\"unavailable\"}", c->peers[i].node);
	}
	fputc(']', r->f);
	peer_replies_free(rep, c->npeers);
}

static int
health(struct call *x, struct resp *r)
{
	const struct api_conf	*c = x->c;
	char			 err[TALLY_ERR_MAX];
	int64_t			 counts[JOB_STATE__MAX];
	int			 dbok, ok;

	dbok = x->s != NULL && store_ping(x->s, err, sizeof(err)) == 0 &&
	    store_counts(x->s, counts, err, sizeof(err)) == 0;
	if (!dbok)
		memset(counts, 0, sizeof(counts));
	ok = dbok && !c->pool->stopping && c->pool->alive > 0;
	fprintf(r->f, "{\"status\":\"%s\",\"node\":\"node%u\","
	    "\"database\":\"%s\","
	    "\"workers\":{\"alive\":%d,\"configured\":%d},"
	    "\"jobs\":{\"running\":%lld,\"queued\":%lld,"
	    "\"max_running\":%d,\"max_queued\":%d}",
	    ok ? "ok" : "unavailable", c->node, dbok ? "ok" : "unreachable",
	    c->pool->alive, c->pool->configured,
	    (long long)counts[JOB_RUNNING], (long long)counts[JOB_QUEUED],
	    c->sched.max_running, c->submit.max_queued);
	if (c->npeers > 0 && strstr(x->rq.query, "local=1") == NULL)
		health_peers(x, r);
	fputs("}\n", r->f);
	return r->status = ok ? 200 : 503;
}

/*
 * The Prometheus metrics, for an admin key only: they show every owner's
 * activity in aggregate, and a scraper sends its key like any client
 * (Prometheus's authorization: credentials_file).
 */
static int
metrics(struct call *x, struct resp *r)
{
	char	 err[TALLY_ERR_MAX];

	if (!x->who.admin) {
		if (x->who.id[0] != '\0')
			return resp_error(r, RESP_FORBIDDEN, "the metrics "
			    "need an admin key");
		resp_header(r, "WWW-Authenticate: Bearer");
		return resp_error(r, RESP_UNAUTHORIZED, "the metrics need "
		    "an admin key: Authorization: Bearer KEY");
	}
	if (metrics_write(r->f, x->s, x->c, err, sizeof(err)) == -1) {
		resp_reset(r);
		return resp_error(r, RESP_UNAVAILABLE, err);
	}
	r->type = "text/plain; version=0.0.4; charset=utf-8";
	return r->status = 200;
}

/* GET /api/openapi.json: the document built in (openapi.h). */
static int
openapi(struct call *x, struct resp *r)
{
	const char	*doc;
	size_t		 len;

	(void)x;
	doc = openapi_doc(&len);
	if (fwrite(doc, 1, len, r->f) != len)
		return resp_error(r, RESP_INTERNAL, "out of memory");
	return r->status = 200;
}

/* The handlers, by the routes table's handler numbers. */
enum handler {
	H_HEALTH,
	H_CREATE,
	H_LIST,
	H_GET,
	H_DELETE,
	H_CANCEL,
	H_PAGE,
	H_AUTH,
	H_SNIFF,
	H_ROWS,
	H_METRICS,
	H_OPENAPI,
	H__MAX
};

static const struct {
	int	(*fn)(struct call *, struct resp *);
	int	 id;		/* takes a job id */
	int	 owner;		/* needs to know the caller */
	int	 mint;		/* gives a new caller a cookie */
	int	 html;		/* answers errors as HTML */
} handlers[H__MAX] = {
	[H_HEALTH] = { health, 0, 0, 0, 0 },
	[H_CREATE] = { create, 0, 1, 1, 0 },
	[H_LIST] = { list, 0, 1, 1, 0 },
	[H_GET] = { get, 1, 1, 1, 0 },
	[H_DELETE] = { del, 1, 1, 1, 0 },
	[H_CANCEL] = { cancel, 1, 1, 1, 0 },
	[H_PAGE] = { page, 1, 1, 1, 1 },
	[H_AUTH] = { auth, 1, 1, 0, 0 },
	[H_SNIFF] = { sniff, 0, 0, 0, 0 },
	[H_ROWS] = { rows, 1, 1, 1, 0 },
	[H_METRICS] = { metrics, 0, 1, 0, 0 },
	[H_OPENAPI] = { openapi, 0, 0, 0, 0 },
};

static const struct route routes[] = {
	{ "GET",	"/api/health",			H_HEALTH },
	{ "POST",	"/api/jobs",			H_CREATE },
	{ "PUT",	"/api/jobs",			H_CREATE },
	{ "GET",	"/api/jobs",			H_LIST },
	{ "GET",	"/api/jobs/{id}",		H_GET },
	{ "DELETE",	"/api/jobs/{id}",		H_DELETE },
	{ "POST",	"/api/jobs/{id}/cancel",	H_CANCEL },
	{ "GET",	"/job/{id}",			H_PAGE },
	{ "HEAD",	"/job/{id}",			H_PAGE },
	{ "GET",	"/_tally/auth/{id}",		H_AUTH },
	{ "POST",	"/api/sniff",			H_SNIFF },
	{ "GET",	"/api/jobs/{id}/rows",		H_ROWS },
	{ "GET",	"/api/metrics",			H_METRICS },
	{ "GET",	"/api/openapi.json",		H_OPENAPI },
};

/*
 * Who is asking: a key, a cookie, or (when mint) a new cookie set on r.
 * Returns 0, or the status of the error r now holds.
 */
static int
identify(FCGX_Request *req, struct call *x, struct resp *r, int mint)
{
	const char	*v;
	char		 token[OWNER_KEY_LEN * 2], cookie[OWNER_COOKIE_LEN + 1];
	char		 err[TALLY_ERR_MAX];
	int		 rc;

	memset(&x->who, 0, sizeof(x->who));
	switch (cred_bearer(FCGX_GetParam("HTTP_AUTHORIZATION", req->envp),
	    token, sizeof(token))) {
	case -1:
		resp_header(r, "WWW-Authenticate: Bearer");
		return resp_error(r, RESP_UNAUTHORIZED, "the Authorization "
		    "header must be \"Bearer KEY\" with a key from "
		    "`tally-fcgi key add`");
	case 1:
		rc = x->c->keys == NULL ? 1 : owner_from_key(x->c->keys,
		    token, &x->who, err, sizeof(err));
		if (rc == -1)
			return resp_error(r, RESP_INTERNAL, err);
		if (rc == 1) {
			resp_header(r, "WWW-Authenticate: Bearer "
			    "error=\"invalid_token\"");
			return resp_error(r, RESP_UNAUTHORIZED, "unknown key");
		}
		/* token68 only (cred_bearer checked): safe in a header. */
		snprintf(x->cred, sizeof(x->cred), "Authorization: Bearer "
		    "%s\r\n", token);
		return 0;
	default:
		break;
	}
	v = FCGX_GetParam("HTTP_COOKIE", req->envp);
	if (cred_cookie(v, OWNER_COOKIE, cookie, sizeof(cookie)) == 1 &&
	    owner_from_cookie(cookie, &x->who) == 0) {
		/* Hex digits only (owner_from_cookie checked). */
		snprintf(x->cred, sizeof(x->cred), "Cookie: %s=%s\r\n",
		    OWNER_COOKIE, cookie);
		return 0;
	}
	if (!mint)
		return 0;	/* nobody: owns nothing */
	if (owner_cookie_new(cookie, err, sizeof(err)) == -1 ||
	    owner_from_cookie(cookie, &x->who) == -1)
		return resp_error(r, RESP_INTERNAL, err);
	snprintf(x->cred, sizeof(x->cred), "Cookie: %s=%s\r\n", OWNER_COOKIE,
	    cookie);
	v = FCGX_GetParam("HTTPS", req->envp);
	resp_header(r, "Set-Cookie: %s=%s; Path=/; Max-Age=%d; HttpOnly; "
	    "SameSite=Lax%s", OWNER_COOKIE, cookie, OWNER_COOKIE_AGE,
	    v != NULL && strcasecmp(v, "on") == 0 ? "; Secure" : "");
	return 0;
}

/* Route the call and run its handler.  Returns the status r holds. */
static int
dispatch(FCGX_Request *req, struct call *x, struct resp *r)
{
	char		 allow[64], arg[ROUTE_ARG_MAX], msg[128];
	size_t		 k = 0;
	int		 h, status;

	switch (route_find(routes, sizeof(routes) / sizeof(routes[0]),
	    x->rq.method, x->rq.path, &k, arg, allow, sizeof(allow))) {
	case ROUTE_NO_PATH:
		return resp_error(r, RESP_NOT_FOUND, "no such route");
	case ROUTE_NO_METHOD:
		resp_header(r, "Allow: %s", allow);
		snprintf(msg, sizeof(msg), "use %s", allow);
		return resp_error(r, RESP_METHOD, msg);
	default:
		break;
	}
	h = routes[k].handler;
	x->upload = h == H_CREATE;
	if (handlers[h].id) {
		if (!job_id_valid(arg)) {
			if (handlers[h].html)
				return page_error(r, 404, "There is no such "
				    "job: a job id is 34 lowercase hex "
				    "digits.");
			return resp_error(r, RESP_NOT_FOUND, "no such job: a "
			    "job id is 34 lowercase hex digits");
		}
		/* Another node's job is not here, whoever asks. */
		if (job_id_node(arg) != x->c->node) {
			if (handlers[h].html)
				return page_error(r, 404, "There is no such "
				    "job on this node.");
			return resp_error(r, RESP_NOT_FOUND, "no such job on "
			    "this node");
		}
		memcpy(x->id, arg, sizeof(x->id));
	}
	if (x->s == NULL || x->c->pool->stopping) {
		if (h == H_HEALTH)
			return health(x, r);
		return resp_error(r, RESP_UNAVAILABLE, x->s == NULL ?
		    "the database is not reachable" :
		    "the service is shutting down");
	}
	if (handlers[h].owner &&
	    (status = identify(req, x, r, handlers[h].mint)) != 0)
		return status;
	return handlers[h].fn(x, r);
}

/*
 * The body file must be one nginx stored in its temp folder, named as
 * configured or as resolved (the path may pass through links).
 */
static int
body_ours(const struct api_conf *c, const char *body)
{
	size_t	 bl = strlen(c->body_temp), gl = strlen(c->body_temp_given);
	int	 in_real = strncmp(body, c->body_temp, bl) == 0 &&
		    body[bl] == '/';
	int	 in_given = strncmp(body, c->body_temp_given, gl) == 0 &&
		    body[gl] == '/';

	return (in_real || in_given) && strstr(body, "/..") == NULL;
}


void
api_handle(FCGX_Request *req, struct store *s, const struct api_conf *c)
{
	struct call	*x;
	struct resp	 r;
	const char	*v;

	if (resp_open(&r) == -1 || (x = calloc(1, sizeof(*x))) == NULL) {
		resp_send(req, &r);
		return;
	}
	x->s = s;
	x->c = c;
	x->req = req;
	param(req, "REQUEST_METHOD", x->rq.method, sizeof(x->rq.method),
	    &x->rq.too_long);
	param(req, "DOCUMENT_URI", x->rq.path, sizeof(x->rq.path),
	    &x->rq.too_long);
	param(req, "QUERY_STRING", x->rq.query, sizeof(x->rq.query),
	    &x->rq.too_long);
	param(req, "CONTENT_TYPE", x->rq.ctype, sizeof(x->rq.ctype),
	    &x->rq.too_long);
	param(req, "REQUEST_BODY_FILE", x->rq.body, sizeof(x->rq.body),
	    &x->rq.too_long);
	param(req, "TALLY_FILE", x->rq.file, sizeof(x->rq.file),
	    &x->rq.too_long);
	/* Only its start matters, however long the header is. */
	v = FCGX_GetParam("HTTP_ACCEPT", req->envp);
	x->html = v != NULL && strncmp(v, "text/html", 9) == 0;

	if (x->rq.body[0] != '\0' && !body_ours(c, x->rq.body)) {
		x->rq.body[0] = '\0';
		resp_error(&r, RESP_INTERNAL, "the upload was not stored in "
		    "the configured body temp folder");
	} else if (x->rq.too_long)
		resp_error(&r, RESP_BAD_REQUEST, "a request parameter is too "
		    "long");
	else
		dispatch(req, x, &r);
	/* Refused uploads, counted for the metrics. */
	if (x->upload && r.status >= 400 && r.error >= 0)
		__atomic_add_fetch(&c->pool->refused[r.error], 1,
		    __ATOMIC_RELAXED);
	resp_send(req, &r);
	/* A body nginx stored for a request that did not take it. */
	if (x->rq.body[0] != '\0')
		unlink(x->rq.body);
	free(x);
}
