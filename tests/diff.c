/*
 * Differential runs (see diff.h).  Inputs go through a real file, so that
 * the threaded path (which needs pread) is the one tested, and once through
 * a pipe fed by a writer thread, for the one-thread path that cannot seek.
 * Results are printed with output_csv() and compared as bytes.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"
#include "harness.h"
#include "output.h"
#include "pack.h"
#include "reader.h"
#include "scan.h"
#include "transcode.h"

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
		/* A run that stops early leaves the writer an EPIPE. */
		signal(SIGPIPE, SIG_IGN);
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

/*
 * Compare got with the reference; 0 if they agree.  packed is the length
 * of the compressed input got read, or 0: then its decoded bytes must
 * match the reference's bytes, and its bytes must be all of packed.
 */
static int
agree(const struct outcome *ref, const struct outcome *got, size_t packed,
    char *why, size_t whysz)
{
	uint64_t	 gotbytes = packed ? got->res.bytes_out : got->res.bytes;

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
	    (ref->out != NULL && ref->res.bytes != gotbytes) ||
	    (ref->out != NULL && packed && got->res.bytes != packed)) {
		snprintf(why, whysz, "metrics differ: rows %llu/%llu, "
		    "rejected %llu/%llu, kept %zu/%zu, data_error %d/%d, "
		    "bytes %llu/%llu (read %llu of %zu compressed)",
		    (unsigned long long)ref->res.rows,
		    (unsigned long long)got->res.rows,
		    (unsigned long long)ref->res.rejected,
		    (unsigned long long)got->res.rejected,
		    ref->res.nrejects, got->res.nrejects,
		    ref->res.data_error, got->res.data_error,
		    (unsigned long long)ref->res.bytes,
		    (unsigned long long)gotbytes,
		    (unsigned long long)got->res.bytes, packed);
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

/* The ways of compressing an input that diff_packed() tries. */
enum packing {
	PACK_GZIP,		/* one gzip member */
	PACK_GZIP2,		/* two members, cut in the middle */
	PACK_ZSTD,
	PACK_UTF16,		/* transcoded: UTF-16 LE with a BOM */
	PACK__MAX
};

static const char *const packing_names[PACK__MAX] = {
	"gzip", "gzip in two members", "zstd", "UTF-16LE"
};

/*
 * data, valid UTF-8, as UTF-16 LE with a byte-order mark, for the
 * transcoding stage.  Returns a malloc'd buffer of *outlen bytes.
 */
static char *
pack_utf16(const char *data, size_t len, size_t *outlen)
{
	const unsigned char	*s = (const unsigned char *)data;
	unsigned char		*out;
	size_t			 i = 0, n = 0;
	uint32_t		 c;

	if ((out = malloc(4 * len + 2)) == NULL)
		exit(TH_ERROR);
	out[n++] = 0xff;
	out[n++] = 0xfe;
	while (i < len) {
		if (s[i] < 0x80)
			c = s[i++];
		else if (s[i] < 0xe0) {
			c = (s[i] & 0x1fu) << 6 | (s[i + 1] & 0x3fu);
			i += 2;
		} else if (s[i] < 0xf0) {
			c = (s[i] & 0x0fu) << 12 | (s[i + 1] & 0x3fu) << 6 |
			    (s[i + 2] & 0x3fu);
			i += 3;
		} else {
			c = (s[i] & 0x07u) << 18 | (s[i + 1] & 0x3fu) << 12 |
			    (s[i + 2] & 0x3fu) << 6 | (s[i + 3] & 0x3fu);
			i += 4;
		}
		if (c >= 0x10000) {
			c -= 0x10000;
			out[n++] = (unsigned char)((0xd800 | c >> 10) & 0xff);
			out[n++] = (unsigned char)((0xd800 | c >> 10) >> 8);
			c = 0xdc00 | (c & 0x3ff);
		}
		out[n++] = (unsigned char)(c & 0xff);
		out[n++] = (unsigned char)(c >> 8);
	}
	*outlen = n;
	return (char *)out;
}

/*
 * The UTF-16 stage writes the byte-order mark as UTF-8's (three bytes,
 * which the header skips): not counted against the plain reference.
 */
static void
unbom(enum packing k, struct outcome *got)
{
	if (k == PACK_UTF16 && got->res.bytes_out >= 3)
		got->res.bytes_out -= 3;
}

/*
 * The same input compressed, through the fast scanner in every block size
 * and thread count, through a pipe, through libcsv, with zlib instead of
 * ISA-L and decoded inline: every run must agree with the plain reference.
 */
static int
diff_packed(const char *data, size_t len, const struct engine_opts *opts,
    const struct outcome *ref, const size_t *blocks, size_t nblocks,
    int maxthreads, char *why, size_t whysz)
{
	struct engine_opts	 o = *opts;
	struct outcome		 got;
	enum packing		 k;
	char			 what[TALLY_ERR_MAX * 3], *z;
	size_t			 zlen, b, v;
	int			 fd, t, rc = 0;

	/*
	 * A fixture that is gzip or zstd itself would be compressed twice,
	 * which the source refuses by design: nothing to compare.
	 */
	if ((len >= 2 && memcmp(data, "\x1f\x8b", 2) == 0) ||
	    (len >= 4 && memcmp(data, "\x28\xb5\x2f\xfd", 4) == 0))
		return 0;
	for (k = 0; k < PACK__MAX && rc == 0; k++) {
		switch (k) {
		case PACK_GZIP:
			z = pack_gzip(data, len, &zlen);
			break;
		case PACK_GZIP2:
			z = pack_gzip2(data, len, len / 2, &zlen);
			break;
		case PACK_UTF16:
			/*
			 * Only what auto-detection reads as UTF-8 has the
			 * same meaning in UTF-16 (and a UTF-8 BOM would stay).
			 * NUL bytes can make it read the plain input as UTF-16
			 * without a BOM ("\0d\0-" is "d-" there, fuzz-scan
			 * found), while its UTF-16 twin holds a real NUL.
			 * And a file refused by its first bytes' magic
			 * ("%PDF-") is refused before it is decoded: its
			 * twin's decoded "%PDF-" is a header cell.
			 */
			if (opts->source.enc != SOURCE_ENC_AUTO ||
			    !transcode_utf8_valid(data, len) ||
			    memchr(data, '\0', len) != NULL || ref->res.not_csv ||
			    (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0))
				continue;
			z = pack_utf16(data, len, &zlen);
			break;
		default:
			z = pack_zstd(data, len, &zlen);
			break;
		}
		fd = th_file(z, zlen);
		o.parser = ENGINE_PARSER_FAST;
		o.split_min = 64;
		/*
		 * Compressed input is never split, so threads beyond one
		 * are tried only at the first block size.
		 */
		for (b = 0; b < nblocks && rc == 0; b++)
			for (t = 1; t <= (b == 0 ? maxthreads : 1) && rc == 0;
			    t++) {
				o.block_size = blocks[b];
				o.threads = t;
				run_one(z, zlen, &o, fd, &got);
				unbom(k, &got);
				if ((rc = agree(ref, &got, zlen, what,
				    sizeof(what))) == -1)
					snprintf(why, whysz, "%s file, block "
					    "%zu, %d threads: %s",
					    packing_names[k], blocks[b], t,
					    what);
				free(got.out);
			}
		/* A pipe, libcsv, zlib, inline: at the default block size. */
		for (v = 0; v < 4 && rc == 0; v++) {
			o = *opts;
			o.parser = v == 1 ? ENGINE_PARSER_LIBCSV :
			    ENGINE_PARSER_FAST;
			o.source.zlib = v == 2;
			o.source.inline_decode = v == 3;
			run_one(z, zlen, &o, v == 0 ? -1 : fd, &got);
			unbom(k, &got);
			if ((rc = agree(ref, &got, zlen, what,
			    sizeof(what))) == -1)
				snprintf(why, whysz, "%s, %s: %s",
				    packing_names[k], v == 0 ? "pipe" :
				    v == 1 ? "libcsv" : v == 2 ? "zlib" :
				    "inline", what);
			free(got.out);
		}
		close(fd);
		free(z);
	}
	return rc;
}

/* What a scanner handed over, as text: see cells_row(). */
struct transcript {
	char		*p;
	size_t		 len, cap;
	int		 point;
	const int	*slot_of;
	int		 nomem;
};

#define CELLS_NCOLS	3

static void
tput(struct transcript *t, const char *s, size_t n)
{
	char	*np;

	if (t->nomem)
		return;
	if (t->len + n + 1 > t->cap) {
		if ((np = realloc(t->p, (t->len + n + 1) * 2)) == NULL) {
			t->nomem = 1;
			return;
		}
		t->p = np;
		t->cap = (t->len + n + 1) * 2;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

/*
 * A record as its line, field count and place, then each kept field's
 * length and bytes: from the row's cells for a point scanner, else from
 * the slots.
 */
static int
cells_row(void *arg, const struct reader_row *r, char *err, size_t errsz)
{
	struct transcript	*t = arg;
	char			 head[96];
	const char		*s;
	size_t			 c, n, full;

	tput(t, head, (size_t)snprintf(head, sizeof(head), "%lu:%zu:%llu:%llu",
	    r->line, r->nfields, (unsigned long long)r->off,
	    (unsigned long long)r->end));
	for (c = 0; c < CELLS_NCOLS && c < r->nfields; c++) {
		if (t->point) {
			s = r->cells[t->slot_of[c]].s;
			full = r->cells[t->slot_of[c]].len;
		} else {
			s = r->slots[t->slot_of[c]].buf;
			full = r->slots[t->slot_of[c]].len;
		}
		n = full < READER_SLOT_BYTES ? full : READER_SLOT_BYTES;
		tput(t, head, (size_t)snprintf(head, sizeof(head), "|%zu=",
		    full));
		tput(t, s, n);
	}
	tput(t, "\n", 1);
	return 0;
}

/* Scan the file fd from its start keeping CELLS_NCOLS columns. */
static char *
scan_cells(int fd, size_t block, char delim, int trim, int point,
    const int *slot_of)
{
	struct source_opts	 so;
	struct scan_conf	 sc;
	struct scan_result	 res;
	struct source		*src;
	struct scan		*sn = NULL;
	struct transcript	 t;
	enum source_fail	 why;
	char			 err[TALLY_ERR_MAX], tail[256];

	memset(&t, 0, sizeof(t));
	t.point = point;
	t.slot_of = slot_of;
	tput(&t, "", 0);
	memset(&so, 0, sizeof(so));
	so.block_size = block;
	if ((src = source_open(fd, 0, -1, &so, &why, err,
	    sizeof(err))) == NULL) {
		tput(&t, err, strlen(err));
		return t.p;
	}
	memset(&sc, 0, sizeof(sc));
	sc.delim = delim;
	sc.trim = trim;
	sc.block_size = block;
	sc.ncols = CELLS_NCOLS;
	sc.slot_of = slot_of;
	sc.nslots = CELLS_NCOLS;
	sc.point = point;
	sc.row = cells_row;
	sc.arg = &t;
	if ((sn = scan_new(&sc)) == NULL)
		t.nomem = 1;
	else {
		(void)scan_run(sn, src, 0, NULL, 0, 1, NULL, 0, &res, err,
		    sizeof(err));
		tput(&t, tail, (size_t)snprintf(tail, sizeof(tail),
		    "stop %d end %llu line %lu err %lu/%lu field %zu\n",
		    (int)res.stop, (unsigned long long)res.end, res.line,
		    res.err_line, res.err_line2, res.err_field));
	}
	scan_free(sn);
	source_close(src);
	if (t.nomem) {
		free(t.p);
		return NULL;
	}
	return t.p;
}

/*
 * The records and fields a point scanner hands over as cells (every
 * column kept: the profile's, in its AVX2 build and without; and some
 * kept, in slots of another order) must be those of the general build's
 * slots, for each block size.  0, or -1 with why set.
 */
static int
diff_cells(int fd, const struct engine_opts *opts, const size_t *blocks,
    size_t nblocks, char *why, size_t whysz)
{
	static const int	 all[CELLS_NCOLS] = { 0, 1, 2 };
	static const int	 some[CELLS_NCOLS] = { 2, 0, 1 };
	char			 delim = opts->delim ? opts->delim : ',';
	char			*ref, *got[3];
	size_t			 b, k;
	int			 rc = 0, wide = scan_wide(-1);

	for (b = 0; b < nblocks && rc == 0; b++) {
		ref = scan_cells(fd, blocks[b], delim, opts->trim, 0, some);
		(void)scan_wide(1);
		got[0] = scan_cells(fd, blocks[b], delim, opts->trim, 1, all);
		(void)scan_wide(0);
		got[1] = scan_cells(fd, blocks[b], delim, opts->trim, 1, all);
		got[2] = scan_cells(fd, blocks[b], delim, opts->trim, 1, some);
		(void)scan_wide(wide);
		for (k = 0; k < 3 && rc == 0; k++)
			if (ref != NULL && got[k] != NULL &&
			    strcmp(ref, got[k]) != 0) {
				snprintf(why, whysz, "cells, block %zu, %s: "
				    "the point scanner differs from the "
				    "slots", blocks[b], k == 0 ? "wide" :
				    k == 1 ? "narrow" : "some");
				rc = -1;
			}
		free(ref);
		for (k = 0; k < 3; k++)
			free(got[k]);
	}
	return rc;
}

int
diff_run(const char *data, size_t len, const struct engine_opts *opts,
    const size_t *blocks, size_t nblocks, int maxthreads, char *why,
    size_t whysz)
{
	/*
	 * Chunk sizes, and the group count past which a thread's rows go
	 * to the shared table (0: the default; 1: from the first block).
	 */
	static const struct {
		size_t	 split, big;
	}			 splits[] = { { 1, 0 }, { 64, 0 }, { 64, 1 } };
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
			if ((rc = agree(&ref, &got, 0, what, sizeof(what))) == -1)
				snprintf(why, whysz, "pipe, block %zu: %s",
				    blocks[b], what);
			free(got.out);
		}
		for (t = 1; t <= maxthreads && rc == 0; t++)
			for (s = 0; s < (t == 1 ? 1 : sizeof(splits) /
			    sizeof(splits[0])) && rc == 0; s++) {
				o.threads = t;
				o.split_min = splits[s].split;
				o.big_groups = splits[s].big;
				run_one(data, len, &o, fd, &got);
				if ((rc = agree(&ref, &got, 0, what,
				    sizeof(what))) == -1)
					snprintf(why, whysz, "file, block %zu, "
					    "%d threads, split_min %zu, big "
					    "%zu: %s", blocks[b], t,
					    splits[s].split, splits[s].big, what);
				free(got.out);
			}
	}
	if (rc == 0)
		rc = diff_packed(data, len, opts, &ref, blocks, nblocks,
		    maxthreads, why, whysz);
	if (rc == 0)
		rc = diff_cells(fd, opts, blocks, nblocks, why, whysz);
	free(ref.out);
	close(fd);
	return rc;
}
