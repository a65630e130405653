/*
 * The server-rendered job page (see page.h).  Everything that comes from
 * the job record (its name, error, the bad rows' values) is HTML-escaped
 * by html() before it reaches the page.  The bad-row samples come from the
 * store as rows, so nothing here parses JSON.
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
		/* Shown, not cut: U+2400 (the NUL symbol). */
		case '\0': fputs("\xe2\x90\x80", f); break;
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

int
page_error(struct resp *r, int status, const char *msg)
{
	char	 title[64];

	snprintf(title, sizeof(title), "%d %s", status, resp_reason(status));
	r->status = status;
	r->type = "text/html; charset=utf-8";
	if (resp_reset(r) == -1)
		return status;
	head(r->f, title, 0);
	fputs("<h1>", r->f);
	htmls(r->f, title);
	fputs("</h1>\n<p class=\"error\" role=\"alert\">", r->f);
	htmls(r->f, msg);
	fputs("</p>\n", r->f);
	foot(r->f);
	return status;
}

/*
 * A number's text with the page's thousands separators in its integer
 * part, "1,234,567.5", as the script's fmtDec() writes it: every number
 * on both pages looks alike.
 */
static void
grouped(FILE *f, const char *t)
{
	size_t	 i, len;

	if (*t == '-')
		fputc(*t++, f);
	len = strspn(t, "0123456789");
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			fputc(',', f);
		fputc(t[i], f);
	}
	fputs(t + len, f);
}

static void
count(FILE *f, int64_t n)
{
	char	 t[24];

	snprintf(t, sizeof(t), "%lld", (long long)n);
	grouped(f, t);
}

/* v with one digit after the point, grouped. */
static void
decimal1(FILE *f, double v)
{
	char	 t[64];

	snprintf(t, sizeof(t), "%.1f", v);
	grouped(f, t);
}

/* Bytes as "12.3 MB" (decimal units, like the API's MB/s). */
static void
bytes(FILE *f, int64_t n)
{
	if (n < 1000)
	{
		count(f, n);
		fputs(" bytes", f);
	}
	else if (n < 1000000)
		fprintf(f, "%.1f kB", (double)n / 1e3);
	else if (n < 1000000000)
		fprintf(f, "%.1f MB", (double)n / 1e6);
	else {
		char	 t[64];

		snprintf(t, sizeof(t), "%.2f", (double)n / 1e9);
		grouped(f, t);
		fputs(" GB", f);
	}
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

static void
reject_row(FILE *f, const struct store_reject *r)
{
	fprintf(f, "<tr><td>%lld</td><td>", (long long)r->line);
	if (r->column <= 0)
		fputs("(whole row)", f);
	else {
		fprintf(f, "%d", r->column);
		if (r->colname[0] != '\0') {
			fputs(" (", f);
			htmls(f, r->colname);
			fputc(')', f);
		}
	}
	fputs("</td><td><code>", f);
	if (r->column > 0)
		html(f, r->value, r->value_len);
	fputs("</code></td><td>", f);
	htmls(f, r->reason);
	fputs("</td></tr>\n", f);
}

/*
 * One sentence over the bad rows, as the JavaScript page says it: a job
 * that failed on them stopped at a line (its error's "stopped at line N",
 * or the last sample's), nothing was skipped; a done job skipped them.
 */
static void
bad_summary(FILE *f, const struct store_job *j)
{
	long long	 n = j->has_metrics ? (long long)j->rejected :
			    (long long)j->nrejects;
	long long	 at = j->rejects[j->nrejects - 1].line;
	const char	*p;

	fputs("<p id=\"bad-summary\">", f);
	if (j->state == JOB_FAILED) {
		if ((p = strstr(j->error, "stopped at line ")) != NULL)
			at = strtoll(p + 16, NULL, 10);
		fprintf(f, "Stopped at line %lld, with %lld bad row%s.", at, n,
		    n == 1 ? "" : "s");
	} else
		fprintf(f, "%lld row%s skipped.", n, n == 1 ? " was" :
		    "s were");
	if (n > (long long)j->nrejects)
		fprintf(f, " The first %zu are listed:", j->nrejects);
	fputs("</p>\n", f);
}

static void
body(FILE *f, const struct store_job *j)
{
	const char	*state = job_state_names[j->state];
	int64_t		 total = j->input_len >= 0 ? j->input_len :
			    j->input_size;
	double		 pct = 0;
	size_t		 i;
	int		 live, warned;

	live = j->state == JOB_QUEUED || j->state == JOB_RUNNING;
	/* Done with bad rows is done, but not silently (as the API's
	 * "warnings" and the JavaScript page). */
	warned = j->state == JOB_DONE && j->has_metrics && j->rejected > 0;

	if (total > 0)
		pct = 100.0 * (double)j->bytes_done / (double)total;
	if (j->state == JOB_DONE || pct > 100)
		pct = 100;

	fputs("<h1>Job <span class=\"name\">", f);
	htmls(f, j->name);
	if (warned)
		fputs("</span></h1>\n<p class=\"state\" id=\"state\">State: "
		    "<strong class=\"badge state-done state-warning\">done "
		    "with warnings</strong></p>\n", f);
	else
		fprintf(f, "</span></h1>\n<p class=\"state\" id=\"state\">"
		    "State: <strong class=\"badge state-%s\">%s</strong>"
		    "</p>\n", state, state);
	fputs("<dl class=\"facts\"><dt>Job id</dt><dd><code>", f);
	htmls(f, j->id);
	fputs("</code></dd><dt>Created</dt><dd>", f);
	when(f, j->created);
	fputs("</dd><dt>Group by</dt><dd>", f);
	htmls(f, j->groups[0] != '\0' ? j->groups : "department (default)");
	fputs("</dd><dt>Aggregates</dt><dd>", f);
	htmls(f, j->aggs[0] != '\0' ? j->aggs :
	    "sum:number_of_sales (default)");
	if (j->shape.nwhere > 0) {
		fputs("</dd><dt>Where</dt><dd id=\"where\">", f);
		for (i = 0; i < j->shape.nwhere; i++) {
			fputs(i > 0 ? " and <code>" : "<code>", f);
			htmls(f, j->shape.where[i]);
			fputs("</code>", f);
		}
	}
	if (j->shape.limit > 0)
		fprintf(f, "</dd><dt>Limit</dt><dd>%zu groups%s%s", j->shape.limit,
		    j->shape.others ? ", with others" : "",
		    j->shape.total ? ", with a total" : "");
	fputs("</dd></dl>\n", f);

	fputs("<section aria-labelledby=\"h-progress\"><h2 id=\"h-progress\">"
	    "Progress</h2>\n", f);
	fprintf(f, "<progress id=\"progress\" max=\"100\" value=\"%.1f\">"
	    "%.1f%%</progress>\n<p>%.1f%%: ", pct, pct, pct);
	bytes(f, j->bytes_done);
	fputs(" of ", f);
	bytes(f, total);
	fputs(", ", f);
	count(f, j->rows_done);
	fputs(" rows read.</p>\n", f);
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
		fputs("<dt>Rows</dt><dd id=\"m-rows\">", f);
		count(f, j->rows);
		fputs("</dd><dt>Rejected rows</dt><dd id=\"m-rejected\">", f);
		count(f, j->rejected);
		if (j->shape.nwhere > 0) {
			fputs("</dd><dt>Filtered out (where)</dt>"
			    "<dd id=\"m-filtered\">", f);
			count(f, j->filtered);
		}
		fputs("</dd><dt>Groups</dt><dd id=\"m-groups\">", f);
		count(f, j->groups_n);
		fprintf(f, "</dd><dt>Time</dt><dd>%.3f s</dd>"
		    "<dt>Throughput</dt><dd>", j->seconds);
		decimal1(f, j->mb_per_s);
		fputs(" MB/s</dd><dt>Peak memory</dt><dd>", f);
		decimal1(f, (double)j->peak_rss_kb / 1024.0);
		fputs(" MB</dd></dl></section>\n", f);
	}

	if (j->state == JOB_DONE) {
		fputs("<section aria-labelledby=\"h-result\"><h2 "
		    "id=\"h-result\">Result</h2>\n", f);
		if (warned)
			fprintf(f, "<p class=\"warning\" role=\"status\" "
			    "id=\"result-warning\">%lld of %lld row%s "
			    "rejected: <a id=\"see-why\" "
			    "href=\"/jobs/%s/rejects.csv\" download>see why</a>"
			    "</p>\n", (long long)j->rejected,
			    (long long)j->rows, j->rows == 1 ? "" : "s", j->id);
		fprintf(f, "<p class=\"downloads\">"
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

	if (j->nrejects > 0) {
		fputs("<section aria-labelledby=\"h-bad\"><h2 id=\"h-bad\">"
		    "Bad rows</h2>\n", f);
		bad_summary(f, j);
		fputs("<div class=\"scroll\"><table "
		    "id=\"bad-rows\"><thead><tr><th scope=\"col\">Line</th>"
		    "<th scope=\"col\">Column</th><th scope=\"col\">Value</th>"
		    "<th scope=\"col\">Reason</th></tr></thead><tbody>\n", f);
		for (i = 0; i < j->nrejects; i++)
			reject_row(f, &j->rejects[i]);
		fputs("</tbody></table></div>\n", f);
		if ((j->state == JOB_DONE || j->state == JOB_FAILED) &&
		    j->has_metrics && j->rejected > 0)
			fprintf(f, "<p><a id=\"dl-rejects\" "
			    "href=\"/jobs/%s/rejects.csv\" download>Download "
			    "every rejected row (CSV)</a></p>\n", j->id);
		fputs("</section>\n", f);
	}
}

int
page_job(struct resp *r, const struct store_job *j)
{
	char	 title[300];

	r->status = 200;
	r->type = "text/html; charset=utf-8";
	if (resp_reset(r) == -1)
		return 200;
	snprintf(title, sizeof(title), "%s (%s)", j->name,
	    job_state_names[j->state]);
	head(r->f, title, j->state == JOB_QUEUED || j->state == JOB_RUNNING);
	body(r->f, j);
	foot(r->f);
	return 200;
}
