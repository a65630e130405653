/*
 * Result writers.  CSV cells go through libcsv's csv_fwrite() when they
 * need quoting; JSON strings are escaped here.  This file decides the
 * shape of result.csv and result.json and nothing else: the numbers come
 * from engine_cell().
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <csv.h>
#include <zlib.h>

#include "agg.h"
#include "bounds.h"
#include "dec.h"
#include "engine.h"
#include "json.h"
#include "mem.h"
#include "output.h"
#include "parquet.h"
#include "query.h"

const char *const output_format_names[OUTPUT__MAX] = {
	"csv",
	"json",
	"parquet",
};

static int
needs_quotes(const char *s, size_t len)
{
	size_t	 i;

	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' ' || s[0] == '\t'))
		return 1;
	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			return 1;
	return 0;
}

static int
csv_cell(FILE *f, const char *s, size_t len)
{
	if (needs_quotes(s, len))
		return csv_fwrite(f, s, len) == 0 ? 0 : -1;
	return fwrite_unlocked(s, 1, len, f) == len ? 0 : -1;
}

/* A key cell, guarded against formula injection unless raw. */
static int
csv_key(FILE *f, const char *s, size_t len, int raw)
{
	char	*tmp;
	int	 rc;

	/* strchr() finds the terminating NUL too: a NUL byte is no sign. */
	if (raw || len == 0 || s[0] == '\0' ||
	    strchr("=+-@\t\r", s[0]) == NULL)
		return csv_cell(f, s, len);
	/* A leading quote makes spreadsheets read the cell as text. */
	if ((tmp = malloc(len + 1)) == NULL)
		return -1;
	tmp[0] = '\'';
	memcpy(tmp + 1, s, len);
	rc = csv_fwrite(f, tmp, len + 1) == 0 ? 0 : -1;
	free(tmp);
	return rc;
}

/*
 * Row r of the printed result: groups first (as many as engine_shape()
 * kept), then the extra rows (others, total).  row_cell() is engine_cell()
 * for either; row_kind() says which kind a row is.
 */
static int
row_cell(const struct engine_result *res, size_t r, size_t j, char *buf,
    size_t sz)
{
	size_t	 n = engine_groups(res);

	return r < n ? engine_cell(res, r, j, buf, sz) :
	    engine_extra_cell(res, r - n, j, buf, sz);
}

static enum engine_row
row_kind(const struct engine_result *res, size_t r)
{
	size_t	 n = engine_groups(res);

	return r < n ? ENGINE_ROW_GROUP : res->extra[r - n];
}

/* Print rows [from, to) of res as CSV lines to f (locked by the caller). */
static int
rows_csv(FILE *f, const struct engine_result *res, size_t from, size_t to,
    int raw_keys)
{
	char		 cell[ENGINE_CELL_MAX];
	const char	*k;
	size_t		 i, j, g, pos, klen;

	for (g = from; g < to; g++) {
		enum engine_row	 kind = row_kind(res, g);

		if (res->marked && fprintf(f, "%s,",
		    engine_row_names[kind]) < 0)
			return -1;
		k = kind == ENGINE_ROW_GROUP ? agg_key(res->agg, g, &klen) :
		    NULL;
		pos = 0;
		for (i = 0; i < res->q.nkeys; i++) {
			size_t		 clen;
			const char	*c = k == NULL ? NULL :
					    agg_key_cell(k, klen, &pos, &clen);

			if (i > 0 && putc_unlocked(',', f) == EOF)
				return -1;
			if (c != NULL && csv_key(f, c, clen, raw_keys) == -1)
				return -1;
		}
		for (j = 0; j < res->q.naggs; j++) {
			/* A text (a min or max) is guarded like a key. */
			if (row_cell(res, g, j, cell, sizeof(cell)) == 2) {
				if (putc_unlocked(',', f) == EOF || csv_key(f,
				    cell, strlen(cell), raw_keys) == -1)
					return -1;
			} else if (putc_unlocked(',', f) == EOF ||
			    fputs_unlocked(cell, f) == EOF)
				return -1;
		}
		if (putc_unlocked('\n', f) == EOF)
			return -1;
	}
	return 0;
}

/*
 * Many groups are printed by two threads: the rows go in chunks of
 * OUT_CHUNK, the even ones printed straight to the stream by the caller,
 * the odd ones into one of two buffers by a helper meanwhile, and written
 * after the chunk before them.  A million groups took ~85 ms on one
 * thread (a cache miss to each record in key order, then the numbers'
 * digits).  The two buffers are OUT_BUF bytes each, charged to the run's
 * memory budget before they are allocated (no helper if the budget
 * refuses them); a chunk that does not fit in its buffer (wide keys) ends
 * the helper, and the caller prints that chunk and the rest itself.  Only
 * where reading a group changes nothing: no quantiles.
 */
#define OUT_PAR_MIN	65536
#define OUT_CHUNK	16384
#define OUT_BUF		TALLY_OUTPUT_BUF

struct out_buf {
	char		*p;		/* OUT_BUF bytes */
	size_t		 len;
	int		 full;		/* printed, not yet written */
};

struct out_par {
	const struct engine_result *res;
	int		 raw_keys;
	size_t		 n;		/* group rows */
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct out_buf	 buf[2];
	int		 stop;		/* the writer is done or gave up */
	int		 ended;		/* the helper prints no more chunks */
};

/*
 * Print rows [from, to) of res into b's OUT_BUF bytes.  0, or -1 if they
 * do not fit (or the stream fails).
 */
static int
chunk_print(struct out_buf *b, const struct engine_result *res,
    size_t from, size_t to, int raw_keys)
{
	FILE	*m;
	long	 len;
	int	 rc;

	if ((m = fmemopen(b->p, OUT_BUF, "w")) == NULL)
		return -1;
	/* Past OUT_BUF, a flush fails: the stream's error, or fclose()'s. */
	rc = rows_csv(m, res, from, to, raw_keys);
	if (rc == 0 && (ferror(m) || (len = ftell(m)) < 0 ||
	    (size_t)len >= OUT_BUF))
		rc = -1;
	if (fclose(m) != 0)
		rc = -1;
	if (rc == 0)
		b->len = (size_t)len;
	return rc;
}

/* The helper: odd chunks, chunk 2k + 1 into buffer k % 2. */
static void *
out_helper(void *arg)
{
	struct out_par	*op = arg;
	struct out_buf	*b;
	size_t		 c, from, k;
	int		 rc;

	for (k = 0; (from = (2 * k + 1) * OUT_CHUNK) < op->n; k++) {
		b = &op->buf[k % 2];
		pthread_mutex_lock(&op->mu);
		while (b->full && !op->stop)
			pthread_cond_wait(&op->cv, &op->mu);
		rc = op->stop;
		pthread_mutex_unlock(&op->mu);
		if (rc)
			break;
		c = op->n - from < OUT_CHUNK ? op->n - from : OUT_CHUNK;
		rc = chunk_print(b, op->res, from, from + c, op->raw_keys);
		pthread_mutex_lock(&op->mu);
		if (rc == 0)
			b->full = 1;
		pthread_cond_broadcast(&op->cv);
		pthread_mutex_unlock(&op->mu);
		if (rc != 0)
			break;
	}
	pthread_mutex_lock(&op->mu);
	op->ended = 1;
	pthread_cond_broadcast(&op->cv);
	pthread_mutex_unlock(&op->mu);
	return NULL;
}

/*
 * Print the n group rows of res to f with a helper thread.  Returns 0, -1
 * on a failure, or 1 if no helper could be had (nothing printed).
 */
static int
rows_csv_par(FILE *f, const struct engine_result *res, size_t n,
    int raw_keys)
{
	struct out_par	 op;
	struct out_buf	*b;
	pthread_t	 tid;
	size_t		 c, from, k;
	int		 rc = 1, mine = 0, full;

	memset(&op, 0, sizeof(op));
	op.res = res;
	op.raw_keys = raw_keys;
	op.n = n;
	if (mem_charge(res->mem, 2 * OUT_BUF) == -1)
		return 1;
	if ((op.buf[0].p = malloc(OUT_BUF)) == NULL ||
	    (op.buf[1].p = malloc(OUT_BUF)) == NULL)
		goto out;
	if (pthread_mutex_init(&op.mu, NULL) != 0)
		goto out;
	if (pthread_cond_init(&op.cv, NULL) != 0) {
		pthread_mutex_destroy(&op.mu);
		goto out;
	}
	if (pthread_create(&tid, NULL, out_helper, &op) != 0) {
		pthread_cond_destroy(&op.cv);
		pthread_mutex_destroy(&op.mu);
		goto out;
	}
	rc = 0;
	for (k = 0; (from = k * OUT_CHUNK) < n && rc == 0; k++) {
		c = n - from < OUT_CHUNK ? n - from : OUT_CHUNK;
		if (k % 2 == 0 || mine) {
			rc = rows_csv(f, res, from, from + c, raw_keys);
			continue;
		}
		b = &op.buf[k / 2 % 2];
		pthread_mutex_lock(&op.mu);
		while (!b->full && !op.ended)
			pthread_cond_wait(&op.cv, &op.mu);
		full = b->full;
		pthread_mutex_unlock(&op.mu);
		if (!full) {
			/* The helper stopped short: the rest is the caller's. */
			mine = 1;
			rc = rows_csv(f, res, from, from + c, raw_keys);
			continue;
		}
		if (fwrite_unlocked(b->p, 1, b->len, f) != b->len)
			rc = -1;
		pthread_mutex_lock(&op.mu);
		b->full = 0;
		pthread_cond_broadcast(&op.cv);
		pthread_mutex_unlock(&op.mu);
	}
	pthread_mutex_lock(&op.mu);
	op.stop = 1;
	pthread_cond_broadcast(&op.cv);
	pthread_mutex_unlock(&op.mu);
	pthread_join(tid, NULL);
	pthread_cond_destroy(&op.cv);
	pthread_mutex_destroy(&op.mu);
out:
	free(op.buf[0].p);
	free(op.buf[1].p);
	mem_release(res->mem, 2 * OUT_BUF);
	return rc;
}

/* Whether printing res's groups reads them only (see rows_csv_par()). */
static int
read_only(const struct engine_result *res)
{
	size_t	 v;

	/* A quantile sorts its sketch when asked (kll_quantile()). */
	for (v = 0; v < res->q.nvals; v++)
		if (res->q.needs[v] & QUERY_NEED_KLL)
			return 0;
	return 1;
}

int
output_csv(FILE *f, const struct engine_result *res, int raw_keys)
{
	size_t		 i, j, n, groups;
	int		 rc = 1;

	/*
	 * A million groups make millions of writes: lock the stream once for
	 * all of them rather than once each.
	 */
	flockfile(f);
	/*
	 * With others or total rows, a first column "kind" tells them from
	 * groups (whose keys may well be "others"); their key cells are
	 * empty.
	 */
	if (res->marked && fputs("kind,", f) == EOF)
		goto fail;
	for (i = 0; i < res->q.nkeys; i++) {
		if (i > 0 && fputc(',', f) == EOF)
			goto fail;
		if (csv_cell(f, res->keynames[i], strlen(res->keynames[i])))
			goto fail;
	}
	/* Aggregate names come from the header too: quote them as cells. */
	for (j = 0; j < res->q.naggs; j++)
		if (fputc(',', f) == EOF || csv_cell(f, res->q.aggs[j].name,
		    strlen(res->q.aggs[j].name)) == -1)
			goto fail;
	if (fputs("\n", f) == EOF)
		goto fail;

	groups = engine_groups(res);
	n = groups + res->nextra;
	/* Only a run that had threads (-j 1 means none) gets a helper. */
	if (groups >= OUT_PAR_MIN && res->threads > 1 && res->agg != NULL &&
	    read_only(res))
		rc = rows_csv_par(f, res, groups, raw_keys);
	if (rc == -1 || rows_csv(f, res, rc == 0 ? groups : 0, n,
	    raw_keys) == -1)
		goto fail;
	funlockfile(f);
	return ferror(f) ? -1 : 0;
fail:
	funlockfile(f);
	return -1;
}

int
output_metrics(FILE *f, const struct engine_result *res)
{
	double	 mbs = res->seconds > 0 ?
	    (double)res->bytes / 1e6 / res->seconds : 0;

	/* bytes: of the file as read (compressed); bytes_decoded: of CSV. */
	fprintf(f, "{\"rows\":%llu,\"rejected\":%llu,\"groups\":%zu,"
	    "\"filtered\":%llu,"
	    "\"bytes\":%llu,\"compression\":\"%s\",\"bytes_decoded\":%llu,"
	    "\"seconds\":%.3f,\"mb_per_s\":%.1f,\"peak_rss_kb\":%ld}",
	    (unsigned long long)res->rows, (unsigned long long)res->rejected,
	    res->agg != NULL ? agg_count(res->agg) : 0,
	    (unsigned long long)res->filtered,
	    (unsigned long long)res->bytes, source_comp_name(res->comp),
	    (unsigned long long)res->bytes_out, res->seconds, mbs,
	    res->peak_rss_kb);
	return ferror(f) ? -1 : 0;
}

int
output_rejects(FILE *f, const struct engine_result *res)
{
	size_t	 i;

	fputc('[', f);
	for (i = 0; i < res->nrejects; i++) {
		const struct engine_reject	*r = &res->rejects[i];

		fprintf(f, "%s{\"line\":%lu,\"column\":%d,\"column_name\":",
		    i ? "," : "", r->line, r->column);
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
	return ferror(f) ? -1 : 0;
}

int
output_json(FILE *f, const struct engine_result *res)
{
	return output_json_with(f, res, NULL);
}

int
output_json_with(FILE *f, const struct engine_result *res,
    const struct output_opts *o)
{
	char		 cell[ENGINE_CELL_MAX];
	int		 strings = o != NULL && o->json_strings;
	const char	*k;
	size_t		 i, j, g, n, pos, klen;

	fputs("{\"columns\":[", f);
	if (res->marked)
		fputs("\"kind\",", f);
	for (i = 0; i < res->q.nkeys; i++) {
		if (i > 0)
			fputc(',', f);
		json_str(f, res->keynames[i]);
	}
	for (j = 0; j < res->q.naggs; j++) {
		fputc(',', f);
		json_str(f, res->q.aggs[j].name);
	}
	fputs("],\"rows\":[", f);

	n = engine_groups(res) + res->nextra;
	for (g = 0; g < n; g++) {
		enum engine_row	 rk = row_kind(res, g);

		fputs(g ? ",\n{" : "\n{", f);
		/* Others and total rows: "kind" says so, their keys are null. */
		if (res->marked)
			fprintf(f, "\"kind\":\"%s\",", engine_row_names[rk]);
		k = rk == ENGINE_ROW_GROUP ? agg_key(res->agg, g, &klen) : NULL;
		pos = 0;
		for (i = 0; i < res->q.nkeys; i++) {
			size_t		 clen;
			const char	*c = k == NULL ? NULL :
					    agg_key_cell(k, klen, &pos, &clen);

			if (i > 0)
				fputc(',', f);
			json_str(f, res->keynames[i]);
			fputc(':', f);
			if (k == NULL)
				fputs("null", f);
			else
				json_strn(f, c != NULL ? c : "",
				    c != NULL ? clen : 0);
		}
		for (j = 0; j < res->q.naggs; j++) {
			int	 kind = row_cell(res, g, j, cell, sizeof(cell));

			fputc(',', f);
			json_str(f, res->q.aggs[j].name);
			fputc(':', f);
			/* A text (a min or max) is always a string. */
			if (kind == 1)
				fputs("null", f);
			else if (kind == 2)
				json_str(f, cell);
			else if (strings && res->q.aggs[j].kind != AGG_COUNT)
				fprintf(f, "\"%s\"", cell);
			else
				fputs(cell, f);
		}
		fputc('}', f);
	}
	fputs("],\n\"metrics\":", f);
	output_metrics(f, res);
	fputs(",\n\"rejected\":", f);
	output_rejects(f, res);
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}

int
output_write(FILE *f, const struct engine_result *res, enum output_format fmt,
    const struct output_opts *o, char *err, size_t errsz)
{
	static const struct output_opts	 defaults;
	int				 rc;

	if (o == NULL)
		o = &defaults;
	switch (fmt) {
	case OUTPUT_PARQUET:
		return parquet_write(f, res, (enum parquet_codec)o->codec, err,
		    errsz);
	case OUTPUT_JSON:
		rc = output_json_with(f, res, o);
		break;
	default:
		rc = output_csv(f, res, o->raw_keys);
		break;
	}
	if (rc == -1)
		snprintf(err, errsz, "%s", strerror(errno));
	return rc;
}

int
output_open(const char *path, char *tmp, size_t tmpsz, char *err,
    size_t errsz)
{
	struct stat	 st;
	int		 fd, n;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		tmp[0] = '\0';
		if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
			snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return fd;
	}
	n = snprintf(tmp, tmpsz, "%s.tmp.XXXXXX", path);
	if (n < 0 || (size_t)n >= tmpsz) {
		tmp[0] = '\0';
		snprintf(err, errsz, "%s: path too long", path);
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		snprintf(err, errsz, "%s: %s", tmp, strerror(errno));
		tmp[0] = '\0';
		return -1;
	}
	(void)fchmod(fd, 0644);
	return fd;
}

int
output_file(const char *path, const struct engine_result *res,
    enum output_format fmt, const struct output_opts *o, char *err,
    size_t errsz)
{
	char	 why[TALLY_ERR_MAX];
	char	 tmp[4096];
	FILE	*f = NULL;
	int	 fd = -1, rc = -1;

	if ((fd = output_open(path, tmp, sizeof(tmp), err, errsz)) == -1)
		return -1;
	if ((f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errsz, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (output_write(f, res, fmt, o, why, sizeof(why)) == -1) {
		snprintf(err, errsz, "%s: %s", path, why);
		goto out;
	}
	if (fflush(f) == EOF || (tmp[0] != '\0' && fsync(fileno(f)) == -1)) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fclose(f) == EOF) {
		f = NULL;
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	f = NULL;
	if (tmp[0] != '\0' && rename(tmp, path) == -1) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	if (fd != -1)
		close(fd);
	if (rc == -1 && tmp[0] != '\0')
		unlink(tmp);
	return rc;
}

int
output_gzip(const char *path, const char *dst, char *err, size_t errsz)
{
	char		 gz[4096], tmp[4096 + 16], buf[64 * 1024];
	gzFile		 g = NULL;
	ssize_t		 n;
	int		 in = -1, fd = -1, rc = -1;

	if ((size_t)snprintf(gz, sizeof(gz), "%s", dst) >= sizeof(gz) ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", gz) >=
	    sizeof(tmp)) {
		snprintf(err, errsz, "%s: path too long", path);
		return -1;
	}
	if ((in = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		snprintf(err, errsz, "%s: %s", tmp, strerror(errno));
		close(in);
		return -1;
	}
	(void)fchmod(fd, 0644);
	if ((g = gzdopen(fd, "wb6")) == NULL) {
		snprintf(err, errsz, "%s: out of memory", gz);
		goto out;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (gzwrite(g, buf, (unsigned)n) != (int)n) {
			snprintf(err, errsz, "%s: %s", gz, strerror(errno));
			goto out;
		}
	if (n < 0) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	/* The stream ends here; the bytes reach the disk before the name. */
	if (gzflush(g, Z_FINISH) != Z_OK || fsync(fd) == -1) {
		snprintf(err, errsz, "%s: %s", gz, strerror(errno));
		goto out;
	}
	n = gzclose(g);
	g = NULL;
	fd = -1;
	if (n != Z_OK) {
		snprintf(err, errsz, "%s: %s", gz, strerror(errno));
		goto out;
	}
	if (rename(tmp, gz) == -1) {
		snprintf(err, errsz, "%s: %s", gz, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (g != NULL)
		(void)gzclose(g);	/* closes fd too */
	else if (fd != -1)
		close(fd);
	close(in);
	if (rc == -1)
		unlink(tmp);
	return rc;
}
