/*
 * Test harness helpers (see harness.h).  Inputs go through real files so
 * that the engine's pread path is the one tested; outputs go through
 * open_memstream so tests compare exact bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "harness.h"
#include "profile.h"
#include "pack.h"
#include "output.h"

void
th_fail(const char *file, int line, const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void
th_check_str(const char *file, int line, const char *got, const char *want)
{
	if (got == NULL)
		th_fail(file, line, "got NULL, want:\n%s", want);
	if (strcmp(got, want) != 0)
		th_fail(file, line, "got:\n%s\nwant:\n%s", got, want);
}

void
th_check_has(const char *file, int line, const char *got, const char *part)
{
	if (got == NULL || strstr(got, part) == NULL)
		th_fail(file, line, "\"%s\" does not contain \"%s\"",
		    got ? got : "(null)", part);
}

uint64_t
th_hash(uint64_t j)
{
	j = (j ^ (j >> 31)) * 0x7fb5d329728ea185ULL;
	j = (j ^ (j >> 27)) * 0x81dadef4bc2dd44dULL;
	return j ^ (j >> 33);
}

uint64_t
th_mix(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t
th_rand(uint64_t *state)
{
	uint64_t	 z = th_mix(*state);

	*state += 0x9e3779b97f4a7c15ULL;
	return z;
}

int
th_file(const char *data, size_t len)
{
	char	 path[] = "/tmp/tally-test.XXXXXX";
	int	 fd;

	if ((fd = mkstemp(path)) == -1) {
		perror("mkstemp");
		exit(TH_ERROR);
	}
	unlink(path);
	if (len > 0 && write(fd, data, len) != (ssize_t)len) {
		perror("write");
		exit(TH_ERROR);
	}
	return fd;
}

char *
th_run(const char *data, size_t len, const struct engine_opts *opts,
    struct engine_result *res, char *err, size_t errsz)
{
	struct engine_result	 mine;
	char			*out = NULL;
	size_t			 outlen = 0;
	FILE			*f;
	int			 fd = th_file(data, len);

	if (res == NULL)
		res = &mine;
	if (engine_run(opts, fd, 0, -1, res, err, errsz) == -1) {
		close(fd);
		if (res == &mine)
			engine_result_free(res);
		return NULL;
	}
	close(fd);
	if (engine_sort(res, 0) == -1 ||
	    (f = open_memstream(&out, &outlen)) == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(TH_ERROR);
	}
	if (output_csv(f, res, 0) == -1 || fclose(f) == EOF) {
		fprintf(stderr, "output_csv failed\n");
		exit(TH_ERROR);
	}
	if (res == &mine)
		engine_result_free(res);
	return out;
}

char *
th_agg(const char *csv, const char *groups, const char *aggs, char *err,
    size_t errsz)
{
	struct engine_opts	 o;

	memset(&o, 0, sizeof(o));
	o.groups = groups;
	o.aggs = aggs;
	return th_run(csv, strlen(csv), &o, NULL, err, errsz);
}

char *
th_shaped(const char *csv, const char *groups, const char *aggs,
    int by_value, size_t limit, int others, int total,
    struct engine_result *res)
{
	struct engine_opts	 o;
	struct engine_result	 mine;
	char			 err[TALLY_ERR_MAX], *out = NULL;
	size_t			 outlen = 0;
	FILE			*f;
	int			 fd = th_file(csv, strlen(csv));

	if (res == NULL)
		res = &mine;
	memset(&o, 0, sizeof(o));
	o.groups = groups;
	o.aggs = aggs;
	if (engine_run(&o, fd, 0, -1, res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "engine_run: %s", err);
	close(fd);
	if (engine_sort(res, by_value) == -1)
		th_fail(__FILE__, __LINE__, "engine_sort failed");
	if (engine_shape(res, limit, others, total, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "engine_shape: %s", err);
	if ((f = open_memstream(&out, &outlen)) == NULL ||
	    output_csv(f, res, 0) == -1 || fclose(f) == EOF)
		th_fail(__FILE__, __LINE__, "output_csv failed");
	if (res == &mine)
		engine_result_free(res);
	return out;
}

/*
 * One run for th_sweep(): everything a block size must not change, as one
 * malloc'd string: the CSV (or the error), the row counts, the delimiter
 * and the bad-row records.  *csv gets the CSV alone (NULL on error).
 */
static char *
sweep_one(const char *data, size_t len, const struct engine_opts *o,
    char **csv)
{
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *sig = NULL;
	size_t			 siglen = 0;
	FILE			*f;

	*csv = th_run(data, len, o, &res, err, sizeof(err));
	if ((f = open_memstream(&sig, &siglen)) == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(TH_ERROR);
	}
	fprintf(f, "%s\n-- rows %llu, rejected %llu, delim %d, data_error "
	    "%d\n", *csv != NULL ? *csv : err, (unsigned long long)res.rows,
	    (unsigned long long)res.rejected, res.delim, res.data_error);
	if (output_rejects(f, &res) == -1 || fclose(f) == EOF) {
		fprintf(stderr, "output_rejects failed\n");
		exit(TH_ERROR);
	}
	engine_result_free(&res);
	return sig;
}

void
th_sweep(const char *data, size_t len, const struct engine_opts *opts,
    const char *want)
{
	struct engine_opts	 o = *opts;
	char			*ref, *got, *csv, *z;
	size_t			 b, zlen;
	int			 k;

	o.block_size = 0;
	ref = sweep_one(data, len, &o, &csv);
	if (want != NULL && (csv == NULL || strcmp(csv, want) != 0)) {
		fprintf(stderr, "default block size: got:\n%s\nwant:\n%s\n",
		    ref, want);
		exit(1);
	}
	free(csv);
	for (b = 1; b <= len; b++) {
		o.block_size = b;
		got = sweep_one(data, len, &o, &csv);
		free(csv);
		if (strcmp(ref, got) != 0) {
			fprintf(stderr, "block size %zu differs:\n%s\n"
			    "reference:\n%s\n", b, got, ref);
			exit(1);
		}
		free(got);
	}
	/* Compressed, the same in every block size. */
	for (k = 0; k < 2; k++) {
		z = k == 0 ? pack_gzip(data, len, &zlen) :
		    pack_zstd(data, len, &zlen);
		for (b = 0; b <= len; b++) {
			o.block_size = b;
			got = sweep_one(z, zlen, &o, &csv);
			free(csv);
			if (strcmp(ref, got) != 0) {
				fprintf(stderr, "%s, block size %zu "
				    "differs:\n%s\nreference:\n%s\n",
				    k == 0 ? "gzip" : "zstd", b, got, ref);
				exit(1);
			}
			free(got);
		}
		free(z);
	}
	free(ref);
}

void
th_check_bad_row(const char *file, int line, const char *csv,
    const struct engine_opts *opts, const char *want, unsigned long rline,
    int column, const char *colname, const char *value, const char *reason)
{
	struct engine_opts		 o;
	struct engine_result		 res;
	const struct engine_reject	*r;
	char				 err[TALLY_ERR_MAX], *out;

	if (opts == NULL) {
		memset(&o, 0, sizeof(o));
		opts = &o;
	}
	if ((out = th_run(csv, strlen(csv), opts, &res, err,
	    sizeof(err))) == NULL)
		th_fail(file, line, "run failed: %s", err);
	th_check_str(file, line, out, want);
	if (res.rejected != 1 || res.nrejects != 1)
		th_fail(file, line, "%llu bad rows (%zu recorded), want 1",
		    (unsigned long long)res.rejected, res.nrejects);
	r = &res.rejects[0];
	if (r->line != rline || r->column != column)
		th_fail(file, line, "bad row at line %lu, column %d; want "
		    "line %lu, column %d", r->line, r->column, rline, column);
	if (colname != NULL)
		th_check_str(file, line, r->colname, colname);
	if (value != NULL)
		th_check_str(file, line, r->value, value);
	th_check_str(file, line, r->reason, reason);
	free(out);
	engine_result_free(&res);
}

const char *
th_tmpdir(const char *name)
{
	static char	 path[4096];
	const char	*top = getenv("top_builddir");
	char		 cmd[8400];

	snprintf(path, sizeof(path), "%s/tests/tmp/%s", top ? top : ".",
	    name);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s'", path,
	    path);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot create %s\n", path);
		exit(TH_ERROR);
	}
	return path;
}

void
th_touch(const char *dir, const char *name)
{
	char	 path[4096];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL || fclose(f) != 0) {
		fprintf(stderr, "cannot create %s\n", path);
		exit(TH_ERROR);
	}
}

struct source *
th_source(int fd, size_t block)
{
	struct source_opts	 so;
	struct source		*src;
	enum source_fail	 why;
	char			 err[TALLY_ERR_MAX];

	memset(&so, 0, sizeof(so));
	so.block_size = block;
	if ((src = source_open(fd, 0, -1, &so, &why, err,
	    sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	return src;
}

char *
th_profile(const char *data, size_t len, const struct engine_opts *opts,
    char *err, size_t errsz)
{
	struct engine_opts	 o;
	struct profile		 p;
	char			*buf = NULL;
	size_t			 n = 0;
	FILE			*f;
	int			 fd = th_file(data, len), rc;

	if (opts != NULL)
		o = *opts;
	else
		memset(&o, 0, sizeof(o));
	rc = profile_run(&o, fd, 0, -1, &p, err, errsz);
	close(fd);
	if (rc == 0) {
		if ((f = open_memstream(&buf, &n)) == NULL)
			th_fail(__FILE__, __LINE__, "open_memstream");
		if (profile_json(f, &p) == -1)
			th_fail(__FILE__, __LINE__, "profile_json");
		fclose(f);
	}
	profile_free(&p);
	return buf;
}

char *
th_profile_at(const char *data, size_t len, int threads, size_t block,
    size_t split_min, enum source_enc enc)
{
	struct engine_opts	 o;
	char			 err[TALLY_ERR_MAX], *js;

	memset(&o, 0, sizeof(o));
	o.threads = threads;
	o.block_size = block;
	o.split_min = split_min;
	o.source.enc = enc;
	if ((js = th_profile(data, len, &o, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	return js;
}

char *
th_profile_csv(const char *csv)
{
	char	 err[TALLY_ERR_MAX], *js;

	if ((js = th_profile(csv, strlen(csv), NULL, err,
	    sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	return js;
}
