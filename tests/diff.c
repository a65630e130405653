/*
 * Differential runs (see diff.h).  Inputs go through a real file, so that
 * the threaded path (which needs pread) is the one tested, and once through
 * a pipe fed by a writer thread, for the one-thread path that cannot seek.
 * Results are printed with output_csv() and compared as bytes.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"
#include "harness.h"
#include "output.h"

struct outcome {
	char			*out;		/* the printed result, or NULL */
	char			 err[TALLY_ERR_MAX];
	struct engine_result	 res;
};

struct feed {
	int		 fd;
	const char	*data;
	size_t		 len;
};

static void *
feed_pipe(void *arg)
{
	struct feed	*f = arg;
	size_t		 off = 0;
	ssize_t		 n;

	while (off < f->len &&
	    (n = write(f->fd, f->data + off, f->len - off)) > 0)
		off += (size_t)n;
	close(f->fd);
	return NULL;
}

/* Run o on data, from the file file or (file = -1) from a pipe. */
static void
run_one(const char *data, size_t len, const struct engine_opts *o,
    int file, struct outcome *oc)
{
	struct feed	 f;
	pthread_t	 tid;
	size_t		 outlen = 0;
	FILE		*mf;
	int		 fd = file, p[2];

	memset(oc, 0, sizeof(*oc));
	if (file == -1) {
		if (pipe(p) == -1) {
			perror("pipe");
			exit(TH_ERROR);
		}
		f.fd = p[1];
		f.data = data;
		f.len = len;
		if (pthread_create(&tid, NULL, feed_pipe, &f) != 0) {
			perror("pthread_create");
			exit(TH_ERROR);
		}
		fd = p[0];
	}
	if (engine_run(o, fd, 0, -1, &oc->res, oc->err,
	    sizeof(oc->err)) == 0) {
		if (engine_sort(&oc->res, 0) == -1 ||
		    (mf = open_memstream(&oc->out, &outlen)) == NULL ||
		    output_csv(mf, &oc->res, 0) == -1 || fclose(mf) == EOF) {
			fprintf(stderr, "diff: cannot print a result\n");
			exit(TH_ERROR);
		}
	}
	if (file == -1) {
		close(fd);
		pthread_join(tid, NULL);
	}
	engine_result_free(&oc->res);
}

/* Compare got with the reference; 0 if they agree. */
static int
agree(const struct outcome *ref, const struct outcome *got, char *why,
    size_t whysz)
{
	const struct engine_reject	*a, *b;
	size_t				 i;

	if ((ref->out == NULL) != (got->out == NULL)) {
		snprintf(why, whysz, "libcsv %s, fast %s", ref->out ? "passed" :
		    ref->err, got->out ? "passed" : got->err);
		return -1;
	}
	if (ref->out != NULL && strcmp(ref->out, got->out) != 0) {
		snprintf(why, whysz, "results differ:\n--- libcsv\n%s--- "
		    "fast\n%s", ref->out, got->out);
		return -1;
	}
	if (ref->out == NULL && strcmp(ref->err, got->err) != 0) {
		snprintf(why, whysz, "errors differ:\nlibcsv: %s\nfast:   %s",
		    ref->err, got->err);
		return -1;
	}
	if (ref->res.rows != got->res.rows ||
	    ref->res.rejected != got->res.rejected ||
	    ref->res.nrejects != got->res.nrejects ||
	    ref->res.data_error != got->res.data_error ||
	    ref->res.cancelled != got->res.cancelled ||
	    (ref->out != NULL && ref->res.bytes != got->res.bytes)) {
		snprintf(why, whysz, "metrics differ: rows %llu/%llu, "
		    "rejected %llu/%llu, kept %zu/%zu, data_error %d/%d, "
		    "bytes %llu/%llu",
		    (unsigned long long)ref->res.rows,
		    (unsigned long long)got->res.rows,
		    (unsigned long long)ref->res.rejected,
		    (unsigned long long)got->res.rejected,
		    ref->res.nrejects, got->res.nrejects,
		    ref->res.data_error, got->res.data_error,
		    (unsigned long long)ref->res.bytes,
		    (unsigned long long)got->res.bytes);
		return -1;
	}
	for (i = 0; i < ref->res.nrejects; i++) {
		a = &ref->res.rejects[i];
		b = &got->res.rejects[i];
		if (a->line != b->line || a->column != b->column ||
		    strcmp(a->colname, b->colname) != 0 ||
		    a->value_len != b->value_len ||
		    memcmp(a->value, b->value, a->value_len) != 0 ||
		    strcmp(a->reason, b->reason) != 0) {
			snprintf(why, whysz, "bad row %zu differs:\nlibcsv: "
			    "line %lu col %d (%s) \"%s\": %s\nfast:   line %lu "
			    "col %d (%s) \"%s\": %s", i, a->line, a->column,
			    a->colname, a->value, a->reason, b->line,
			    b->column, b->colname, b->value, b->reason);
			return -1;
		}
	}
	return 0;
}

int
diff_run(const char *data, size_t len, const struct engine_opts *opts,
    const size_t *blocks, size_t nblocks, int maxthreads, char *why,
    size_t whysz)
{
	static const size_t	 splits[] = { 1, 64 };
	struct engine_opts	 o = *opts;
	struct outcome		 ref, got;
	char			 what[TALLY_ERR_MAX * 3];
	size_t			 b, s;
	int			 t, rc = 0, fd = th_file(data, len);

	o.parser = ENGINE_PARSER_LIBCSV;
	o.threads = 1;
	o.split_min = 0;
	o.block_size = 0;
	run_one(data, len, &o, fd, &ref);
	o.parser = ENGINE_PARSER_FAST;
	for (b = 0; b < nblocks && rc == 0; b++) {
		o.block_size = blocks[b];
		o.threads = 1;
		if (b == 0) {
			run_one(data, len, &o, -1, &got);
			if ((rc = agree(&ref, &got, what, sizeof(what))) == -1)
				snprintf(why, whysz, "pipe, block %zu: %s",
				    blocks[b], what);
			free(got.out);
		}
		for (t = 1; t <= maxthreads && rc == 0; t++)
			for (s = 0; s < (t == 1 ? 1 : sizeof(splits) /
			    sizeof(splits[0])) && rc == 0; s++) {
				o.threads = t;
				o.split_min = splits[s];
				run_one(data, len, &o, fd, &got);
				if ((rc = agree(&ref, &got, what,
				    sizeof(what))) == -1)
					snprintf(why, whysz, "file, block %zu, "
					    "%d threads, split_min %zu: %s",
					    blocks[b], t, splits[s], what);
				free(got.out);
			}
	}
	free(ref.out);
	close(fd);
	return rc;
}
