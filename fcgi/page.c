/*
 * The server-rendered job page (see page.h).  Everything that comes from
 * the job record (its name, error, the bad rows' values) is HTML-escaped
 * by html() before it reaches the page.  The bad-row samples are stored
 * as the JSON array the runner wrote (output_rejects()); rejects_rows()
 * reads that one known shape, and nothing else, back into table rows.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "page.h"
#include "resp.h"
#include "store.h"

#define PAGE_CELL_MAX	1024	/* a bad row's value, shown truncated */

/* Write s (len bytes) with &, <, >, " and ' escaped. */
static void
html(FILE *f, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		switch (s[i]) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(s[i], f); break;
		}
}

static void
htmls(FILE *f, const char *s)
{
	html(f, s, strlen(s));
}

static void
head(FILE *f, const char *title, int refresh)
{
	fputs("<!doctype html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width,"
	    "initial-scale=1\">", f);
	if (refresh)
		fputs("<meta http-equiv=\"refresh\" content=\"2\">", f);
	fputs("<title>", f);
	htmls(f, title);
	fputs(" - tally</title>"
	    "<link rel=\"stylesheet\" href=\"/app.css\"></head>\n<body>"
	    "<header class=\"top\"><a class=\"brand\" href=\"/\">tally</a>"
	    "</header>\n<main id=\"main\" class=\"job-page\">\n", f);
}

static void
foot(FILE *f)
{
	fputs("<p class=\"nav\"><a href=\"/\">Upload another file</a></p>\n"
	    "</main></body></html>\n", f);
}

/* Send the page built in r as text/html. */
static void
send_html(FCGX_Request *req, struct resp *r, const char *status)
{
	if (fclose(r->f) == EOF) {
		free(r->buf);
		resp_empty(req, "500 Internal Server Error", NULL);
		return;
	}
	if (FCGX_FPrintF(req->out, "Status: %s\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Cache-Control: no-store\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "Content-Length: %lu\r\n\r\n", status,
	    (unsigned long)r->len) >= 0)
		FCGX_PutStr(r->buf, (int)r->len, req->out);
	free(r->buf);
	r->buf = NULL;
}

void
page_error(FCGX_Request *req, const char *status, const char *msg)
{
	struct resp	 r;

	if (resp_begin(&r) == -1) {
		resp_empty(req, "500 Internal Server Error", NULL);
		return;
	}
	head(r.f, status, 0);
	fputs("<h1>", r.f);
	htmls(r.f, status);
	fputs("</h1>\n<p class=\"error\" role=\"alert\">", r.f);
	htmls(r.f, msg);
	fputs("</p>\n", r.f);
	foot(r.f);
	send_html(req, &r, status);
}

/* Bytes as "12.3 MB" (decimal units, like the API's MB/s). */
static void
bytes(FILE *f, int64_t n)
{
	if (n < 1000)
		fprintf(f, "%lld bytes", (long long)n);
	else if (n < 1000000)
		fprintf(f, "%.1f kB", (double)n / 1e3);
	else if (n < 1000000000)
		fprintf(f, "%.1f MB", (double)n / 1e6);
	else
		fprintf(f, "%.2f GB", (double)n / 1e9);
}

static void
when(FILE *f, double t)
{
	char		 buf[32];
	struct tm	 tm;
	time_t		 secs = (time_t)t;

	gmtime_r(&secs, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm);
	fputs(buf, f);
}

static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	return p;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode the JSON string that starts at p (its opening quote) into buf,
 * truncated to fit.  Returns the byte after the closing quote, or NULL if
 * the text is not a string.
 */
static const char *
jstring(const char *p, char *buf, size_t sz)
{
	size_t	 n = 0;
	char	 c, out[4];
	int	 k, h, olen;
	unsigned u;

	if (*p++ != '"')
		return NULL;
	while ((c = *p++) != '"') {
		if (c == '\0')
			return NULL;
		olen = 1;
		out[0] = c;
		if (c == '\\') {
			switch ((c = *p++)) {
			case 'n': out[0] = '\n'; break;
			case 'r': out[0] = '\r'; break;
			case 't': out[0] = '\t'; break;
			case 'b': out[0] = '\b'; break;
			case 'f': out[0] = '\f'; break;
			case '"': case '\\': case '/': out[0] = c; break;
			case 'u':
				for (u = 0, k = 0; k < 4; k++) {
					if ((h = hexval(*p++)) < 0)
						return NULL;
					u = u << 4 | (unsigned)h;
				}
				if (u == 0) {
					/* Shown, not cut: U+2400 (NUL). */
					memcpy(out, "\xe2\x90\x80", 3);
					olen = 3;
				} else if (u < 0x80)
					out[0] = (char)u;
				else if (u < 0x800) {
					out[0] = (char)(0xc0 | u >> 6);
					out[1] = (char)(0x80 | (u & 0x3f));
					olen = 2;
				} else {
					out[0] = (char)(0xe0 | u >> 12);
					out[1] = (char)(0x80 | (u >> 6 & 0x3f));
					out[2] = (char)(0x80 | (u & 0x3f));
					olen = 3;
				}
				break;
			default:
				return NULL;
			}
		}
		if (n + (size_t)olen < sz) {
			memcpy(buf + n, out, (size_t)olen);
			n += (size_t)olen;
		}
	}
	buf[n] = '\0';
	return p;
}

/* Copy a bare token (a number, null, true, false) into buf. */
static const char *
jtoken(const char *p, char *buf, size_t sz)
{
	size_t	 n = 0;

	while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
	    *p == '-' || *p == '+' || *p == '.') {
		if (n + 1 < sz)
			buf[n++] = *p;
		p++;
	}
	buf[n] = '\0';
	return n > 0 ? p : NULL;
}

struct reject {
	char	 line[32];
	char	 column[32];
	char	 colname[PAGE_CELL_MAX];
	char	 value[PAGE_CELL_MAX];
	char	 reason[PAGE_CELL_MAX];
};

static void
reject_row(FILE *f, const struct reject *r)
{
	fputs("<tr><td>", f);
	htmls(f, r->line);
	fputs("</td><td>", f);
	if (strcmp(r->column, "0") == 0 || r->column[0] == '\0')
		fputs("(whole row)", f);
	else {
		htmls(f, r->column);
		if (strcmp(r->colname, "null") != 0 && r->colname[0] != '\0') {
			fputs(" (", f);
			htmls(f, r->colname);
			fputc(')', f);
		}
	}
	fputs("</td><td><code>", f);
	if (strcmp(r->value, "null") != 0)
		htmls(f, r->value);
	fputs("</code></td><td>", f);
	htmls(f, r->reason);
	fputs("</td></tr>\n", f);
}

/*
 * Write one table row per bad-row sample in the JSON array text: objects
 * with line, column, column_name, value and reason.  Returns the number
 * of rows, or -1 if the text is not of that shape.
 */
static int
rejects_rows(FILE *f, const char *text)
{
	struct reject	*r;
	char		 key[32], *dst;
	const char	*p = skip_ws(text);
	size_t		 dsz;
	int		 n = 0;

	if (*p++ != '[' || (r = malloc(sizeof(*r))) == NULL)
		return -1;
	p = skip_ws(p);
	while (*p == '{') {
		memset(r, 0, sizeof(*r));
		p = skip_ws(p + 1);
		while (*p == '"') {
			if ((p = jstring(p, key, sizeof(key))) == NULL)
				goto bad;
			p = skip_ws(p);
			if (*p++ != ':')
				goto bad;
			p = skip_ws(p);
			dst = r->reason;	/* unknown keys: overwritten */
			dsz = sizeof(r->reason);
			if (strcmp(key, "line") == 0)
				dst = r->line, dsz = sizeof(r->line);
			else if (strcmp(key, "column") == 0)
				dst = r->column, dsz = sizeof(r->column);
			else if (strcmp(key, "column_name") == 0)
				dst = r->colname, dsz = sizeof(r->colname);
			else if (strcmp(key, "value") == 0)
				dst = r->value, dsz = sizeof(r->value);
			else if (strcmp(key, "reason") != 0)
				goto bad;
			p = *p == '"' ? jstring(p, dst, dsz) :
			    jtoken(p, dst, dsz);
			if (p == NULL)
				goto bad;
			p = skip_ws(p);
			if (*p == ',')
				p = skip_ws(p + 1);
		}
		if (*p++ != '}')
			goto bad;
		reject_row(f, r);
		n++;
		p = skip_ws(p);
		if (*p == ',')
			p = skip_ws(p + 1);
	}
	if (*p != ']')
		goto bad;
	free(r);
	return n;
bad:
	free(r);
	return -1;
}

static void
body(FILE *f, const struct store_job *j)
{
	const char	*state = job_state_names[j->state];
	int64_t		 total = j->input_len >= 0 ? j->input_len :
			    j->input_size;
	double		 pct = 0;
	int		 live;

	live = j->state == JOB_QUEUED || j->state == JOB_RUNNING;

	if (total > 0)
		pct = 100.0 * (double)j->bytes_done / (double)total;
	if (j->state == JOB_DONE || pct > 100)
		pct = 100;

	fputs("<h1>Job <span class=\"name\">", f);
	htmls(f, j->name);
	fprintf(f, "</span></h1>\n<p class=\"state\" id=\"state\">State: "
	    "<strong class=\"badge state-%s\">%s</strong></p>\n", state,
	    state);
	fputs("<dl class=\"facts\"><dt>Job id</dt><dd><code>", f);
	htmls(f, j->id);
	fputs("</code></dd><dt>Created</dt><dd>", f);
	when(f, j->created);
	fputs("</dd><dt>Group by</dt><dd>", f);
	htmls(f, j->groups[0] != '\0' ? j->groups : "department (default)");
	fputs("</dd><dt>Aggregates</dt><dd>", f);
	htmls(f, j->aggs[0] != '\0' ? j->aggs :
	    "sum:number_of_sales (default)");
	fputs("</dd></dl>\n", f);

	fputs("<section aria-labelledby=\"h-progress\"><h2 id=\"h-progress\">"
	    "Progress</h2>\n", f);
	fprintf(f, "<progress id=\"progress\" max=\"100\" value=\"%.1f\">"
	    "%.1f%%</progress>\n<p>%.1f%%: ", pct, pct, pct);
	bytes(f, j->bytes_done);
	fputs(" of ", f);
	bytes(f, total);
	fprintf(f, ", %lld rows read.</p>\n", (long long)j->rows_done);
	if (live)
		fputs("<p class=\"hint\">This page refreshes itself every 2 "
		    "seconds until the job ends.</p>\n", f);
	fputs("</section>\n", f);

	if (j->error[0] != '\0' && j->state != JOB_DONE) {
		fputs("<p class=\"error\" role=\"alert\" id=\"error\">", f);
		htmls(f, j->error);
		fputs("</p>\n", f);
	}

	if (j->has_metrics) {
		fputs("<section aria-labelledby=\"h-metrics\"><h2 "
		    "id=\"h-metrics\">Metrics</h2>\n<dl class=\"metrics\">", f);
		fprintf(f, "<dt>Rows</dt><dd id=\"m-rows\">%lld</dd>"
		    "<dt>Rejected rows</dt><dd id=\"m-rejected\">%lld</dd>"
		    "<dt>Groups</dt><dd id=\"m-groups\">%lld</dd>"
		    "<dt>Time</dt><dd>%.3f s</dd>"
		    "<dt>Throughput</dt><dd>%.1f MB/s</dd>"
		    "<dt>Peak memory</dt><dd>%.1f MB</dd></dl></section>\n",
		    (long long)j->rows, (long long)j->rejected,
		    (long long)j->groups_n, j->seconds, j->mb_per_s,
		    (double)j->peak_rss_kb / 1024.0);
	}

	if (j->state == JOB_DONE) {
		fprintf(f, "<section aria-labelledby=\"h-result\"><h2 "
		    "id=\"h-result\">Result</h2>\n<p class=\"downloads\">"
		    "<a class=\"button\" id=\"dl-csv\" "
		    "href=\"/jobs/%s/result.csv\" download>Download CSV</a> "
		    "<a class=\"button\" id=\"dl-json\" "
		    "href=\"/jobs/%s/result.json\" download>Download JSON</a> "
		    "<a class=\"button\" id=\"dl-parquet\" "
		    "href=\"/jobs/%s/result.parquet\" download>Download "
		    "Parquet</a>"
		    "</p>\n<p><a href=\"/?job=%s\">See the table and chart"
		    "</a> (needs JavaScript).</p></section>\n",
		    j->id, j->id, j->id, j->id);
	}

	if (j->rejects != NULL && strcmp(j->rejects, "[]") != 0) {
		fputs("<section aria-labelledby=\"h-bad\"><h2 id=\"h-bad\">"
		    "Bad rows</h2>\n<div class=\"scroll\"><table "
		    "id=\"bad-rows\"><thead><tr><th scope=\"col\">Line</th>"
		    "<th scope=\"col\">Column</th><th scope=\"col\">Value</th>"
		    "<th scope=\"col\">Reason</th></tr></thead><tbody>\n", f);
		if (rejects_rows(f, j->rejects) == -1)
			fputs("<tr><td colspan=\"4\">The bad-row details "
			    "cannot be read.</td></tr>\n", f);
		fputs("</tbody></table></div></section>\n", f);
	}
}

void
page_job(FCGX_Request *req, const char *id, struct store *s)
{
	struct store_job	*j;
	struct resp		 r;
	char			 err[TALLY_ERR_MAX], title[300];
	int			 rc;

	if ((j = calloc(1, sizeof(*j))) == NULL) {
		page_error(req, "500 Internal Server Error", "out of memory");
		return;
	}
	if ((rc = store_get(s, id, j, err, sizeof(err))) == 1) {
		page_error(req, "404 Not Found", "There is no such job: it "
		    "may have been deleted.");
		free(j);
		return;
	}
	if (rc == -1) {
		page_error(req, "503 Service Unavailable", err);
		free(j);
		return;
	}
	if (resp_begin(&r) == -1)
		page_error(req, "500 Internal Server Error", "out of memory");
	else {
		snprintf(title, sizeof(title), "%s (%s)", j->name,
		    job_state_names[j->state]);
		head(r.f, title, j->state == JOB_QUEUED ||
		    j->state == JOB_RUNNING);
		body(r.f, j);
		foot(r.f);
		send_html(req, &r, "200 OK");
	}
	store_job_free(j);
	free(j);
}
