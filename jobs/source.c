/*
 * The source (see source.h): raw reads of a range, decompression, the
 * transcoding stage, the decoder thread and its ring, and the refusal of
 * binary formats.  Compression is recognised from the first bytes only,
 * never from a file name.
 *
 * gzip is decoded with ISA-L's igzip inflate (several times faster than
 * zlib) where configure found it, else with zlib; a gzip file may hold
 * several members one after the other (`cat a.gz b.gz`), each with its own
 * header and checksum, so after each member ends the decoder starts again
 * on the bytes that follow.  zstd is decoded with libzstd's bufferless API
 * straight into a round buffer of the source's own that keeps the frame's
 * window, and decoded blocks are handed out where they lie in it: libzstd's
 * streaming API would decode into a window of its own and copy every byte
 * out again, which cost a sixth of the decoder thread (see zstd_fill()).
 * Either way a stream that stops in the middle of a member or frame is
 * "truncated" and bytes that do not decode are "corrupt", each naming how
 * many compressed bytes were read.
 *
 * Layers inside one source, each pulling from the one below:
 *
 *	raw_read()	the range: first the bytes read at open, then the fd
 *	unpack()	decompressed bytes: first the head, then the decoder
 *	produce()	the transcoding stage, if any, over unpack()
 *	source_read()	the caller: pread, or in order from the ring
 *
 * The head is the first SOURCE_HEAD decompressed bytes, decoded at open to
 * look for binary formats and to choose an encoding; it is handed out
 * first.  With something to decode, produce() runs on the source's own
 * thread, which fills SOURCE_RING blocks ahead of the reader; each block
 * carries the compressed bytes consumed up to its end, for progress.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <zlib.h>
/* The bufferless decoder: exported by libzstd, declared as experimental. */
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zstd_errors.h>
#ifdef HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include "bounds.h"
#include "source.h"
#include "transcode.h"
#include "window.h"

/* The smallest page size there is: mappings round to it. */
#define SOURCE_PAGE	4096

/*
 * The transcoding stages, by encoding.  NULL: the bytes pass through.
 * jobs/transcode.c provides the others.  latin-1 and windows-1252 keep
 * every CSV byte where it was, so they pass through (a plain file stays
 * splittable) and the engine converts the cells it keeps.
 */
static const struct source_stage *const stages[SOURCE_ENC__MAX] = {
	[SOURCE_ENC_AUTO] = NULL,
	[SOURCE_ENC_UTF8] = NULL,
	[SOURCE_ENC_UTF16] = &transcode_stage_utf16,
	[SOURCE_ENC_UTF16LE] = &transcode_stage_utf16le,
	[SOURCE_ENC_UTF16BE] = &transcode_stage_utf16be,
	[SOURCE_ENC_LATIN1] = NULL,
	[SOURCE_ENC_CP1252] = NULL,
};

static const char *const comp_names[SOURCE_COMP__MAX] = {
	[SOURCE_COMP_NONE] = "none",
	[SOURCE_COMP_GZIP] = "gzip",
	[SOURCE_COMP_ZSTD] = "zstd",
};

/*
 * One decoded block in the ring: at buf, its own, or, for zstd, where it
 * lies in the round buffer.
 */
struct block {
	char		*own;		/* SOURCE_RING blocks' storage */
	char		*buf;
	size_t		 len;
	uint64_t	 raw;		/* compressed bytes behind its end */
};

struct source {
	int			 fd;
	off_t			 off;
	off_t			 len;		/* < 0: to the end */
	int			 seekable;
	uint64_t		 size;		/* of the range, if known */
	uint64_t		 mappable;	/* file offsets readable mapped */
	size_t			 block;
	enum source_comp	 comp;
	enum source_enc		 enc;
	enum source_fail	 why;
	int			 splittable;
	int			 decoded;	/* comp or stage */

	/* The range, read in order. */
	uint64_t		 raw_pos;	/* bytes of the range read */
	char			 pre[8];	/* read at open, for the magic */
	size_t			 npre, pre_at;
	char			*raw;		/* the decoder's input block */
	size_t			 raw_len, raw_at;
	int			 raw_eof;

	/* The decoder. */
	int			 zlib;
	int			 in_member;	/* a member or frame is open */
	int			 z_inited;
	z_stream		 z;
#ifdef HAVE_ISAL
	struct inflate_state	*isal;
#endif
	/* zstd: the bufferless decoder and its round buffer. */
	ZSTD_DCtx		*zd;
	char			*zbuf;
	size_t			 zsize;		/* of zbuf */
	size_t			 zat;		/* where the next block goes */
	size_t			 zbmax;		/* the frame's largest block */
	char			*zin;		/* input gathered for one call */
	size_t			 zin_len, zin_at;
	char			*zp;		/* decoded, not yet handed out */
	size_t			 zn;

	/* The first decompressed bytes. */
	char			*head;
	size_t			 nhead, head_at;
	int			 head_eof;	/* the head is all there is */

	/* The stage and its input. */
	const struct source_stage *stage;
	void			*stage_st;
	char			*mid;
	size_t			 nmid, mid_at;
	int			 mid_eof;
	int			 done;		/* produce() saw the end */

	/* The ring, filled by the thread (or inline by the reader). */
	int			 threaded;
	int			 waits;		/* the decoder thread may wait */
	pthread_t		 tid;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct block		 ring[SOURCE_RING];
	size_t			 rhead, rcount;
	int			 rdone;		/* the producer finished */
	int			 rstop;		/* the reader closed */
	uint64_t		 rend;		/* compressed bytes at the end */
	enum source_fail	 twhy;
	char			 terr[TALLY_ERR_MAX];

	/* The reader's side. */
	struct block		*cur;
	size_t			 cur_at;
	uint64_t		 out_pos;	/* decoded bytes handed out */
	uint64_t		 raw_done;	/* compressed bytes behind them */
};

const char *
source_comp_name(enum source_comp c)
{
	return c < SOURCE_COMP__MAX ? comp_names[c] : "?";
}

/* ---------------------------------------------------------------------
 * Binary formats.
 */

struct magic {
	size_t		 off;
	size_t		 len;
	const char	*bytes;
	const char	*what;
};

static const struct magic magics[] = {
	{ 0, 4, "PK\x03\x04", "this is a ZIP archive, for example an Excel "
	    ".xlsx workbook: save it as CSV first" },
	{ 0, 4, "PK\x05\x06", "this is an empty ZIP archive, not CSV" },
	{ 0, 4, "PK\x07\x08", "this is a ZIP archive, for example an Excel "
	    ".xlsx workbook: save it as CSV first" },
	{ 0, 8, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "this is an old "
	    "Microsoft Office file, for example an Excel .xls workbook: save "
	    "it as CSV first" },
	{ 0, 5, "%PDF-", "this is a PDF document, not CSV: export its table "
	    "as CSV first" },
	{ 0, 4, "PAR1", "this is a Parquet file, not CSV: convert it to CSV "
	    "first" },
	{ 0, 16, "SQLite format 3\0", "this is an SQLite database, not CSV: "
	    "export a table as CSV first (sqlite3 -csv)" },
	{ 0, 6, "ARROW1", "this is an Arrow (Feather) file, not CSV: convert "
	    "it to CSV first" },
	{ 0, 4, "Obj\x01", "this is an Avro file, not CSV: convert it to CSV "
	    "first" },
	{ 0, 8, "\x89PNG\r\n\x1a\n", "this is a PNG image, not CSV" },
	{ 0, 3, "\xff\xd8\xff", "this is a JPEG image, not CSV" },
	{ 0, 6, "GIF87a", "this is a GIF image, not CSV" },
	{ 0, 6, "GIF89a", "this is a GIF image, not CSV" },
	{ 0, 4, "\x7f" "ELF", "this is a program (an ELF executable), not "
	    "CSV" },
	{ 0, 2, "\x1f\x8b", "this is gzip data inside a compressed file "
	    "(compressed twice): decompress it once first" },
	{ 0, 4, "\x28\xb5\x2f\xfd", "this is zstd data inside a compressed "
	    "file (compressed twice): decompress it once first" },
	{ 0, 6, "\xfd" "7zXZ\0", "this is xz-compressed: tally reads gzip "
	    "and zstd, so recompress it with one of them" },
	{ 4, 6, "1AY&SY", "this is bzip2-compressed: tally reads gzip and "
	    "zstd, so recompress it with one of them" },
	{ 0, 6, "7z\xbc\xaf\x27\x1c", "this is a 7-Zip archive, not CSV: "
	    "extract the CSV first" },
	{ 0, 6, "Rar!\x1a\x07", "this is a RAR archive, not CSV: extract the "
	    "CSV first" },
};

const char *
source_binary(const char *buf, size_t len)
{
	size_t	 i;

	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		const struct magic	*m = &magics[i];

		if (len >= m->off + m->len &&
		    memcmp(buf + m->off, m->bytes, m->len) == 0) {
			/* bzip2: "BZh", a block size digit, then the magic. */
			if (m->off == 4 && (memcmp(buf, "BZh", 3) != 0 ||
			    buf[3] < '1' || buf[3] > '9'))
				continue;
			return m->what;
		}
	}
	return NULL;
}

enum source_enc
source_detect(const char *buf, size_t len, int at_eof)
{
	return transcode_detect(buf, len, at_eof);
}

/* ---------------------------------------------------------------------
 * The range.
 */

/* Fail with why and a message.  Returns -1. */
static int
fail(struct source *s, enum source_fail why, char *err, size_t errsz,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
fail(struct source *s, enum source_fail why, char *err, size_t errsz,
    const char *fmt, ...)
{
	va_list	 ap;

	s->why = why;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -1;
}

/* A regular file that ended before the size it had at open. */
static int
shrank(struct source *s, char *err, size_t errsz)
{
	return fail(s, SOURCE_FAIL_IO, err, errsz, "read: the file shrank "
	    "while it was read (it had %llu bytes)",
	    (unsigned long long)s->size);
}

/* pread or read at most want bytes of the range at position pos. */
static ssize_t
range_read(struct source *s, uint64_t pos, char *buf, size_t want,
    char *err, size_t errsz)
{
	ssize_t	 n;

	if (s->len >= 0) {
		if (pos >= (uint64_t)s->len)
			return 0;
		if ((uint64_t)s->len - pos < want)
			want = (size_t)((uint64_t)s->len - pos);
	}
	do {
		n = s->seekable ? pread(s->fd, buf, want, s->off + (off_t)pos) :
		    read(s->fd, buf, want);
	} while (n == -1 && errno == EINTR);
	if (n == -1)
		return fail(s, SOURCE_FAIL_IO, err, errsz, "read: %s",
		    strerror(errno));
	return n;
}

/* The next raw bytes in order: the magic bytes first, then the range. */
static ssize_t
raw_read(struct source *s, char *buf, size_t want, char *err, size_t errsz)
{
	ssize_t	 n;

	if (s->pre_at < s->npre) {
		n = (ssize_t)(s->npre - s->pre_at < want ? s->npre - s->pre_at :
		    want);
		memcpy(buf, s->pre + s->pre_at, (size_t)n);
		s->pre_at += (size_t)n;
		return n;
	}
	if ((n = range_read(s, s->raw_pos, buf, want, err, errsz)) > 0)
		s->raw_pos += (uint64_t)n;
	return n;
}

/* Refill the decoder's input block if it is used up.  0 or -1. */
static int
raw_fill(struct source *s, char *err, size_t errsz)
{
	ssize_t	 n;

	if (s->raw_at < s->raw_len || s->raw_eof)
		return 0;
	if ((n = raw_read(s, s->raw, s->block, err, errsz)) < 0)
		return -1;
	s->raw_at = 0;
	s->raw_len = (size_t)n;
	if (n == 0)
		s->raw_eof = 1;
	return 0;
}

/* Compressed bytes the decoder has consumed. */
static uint64_t
raw_used(const struct source *s)
{
	return s->raw_pos - (uint64_t)(s->npre - s->pre_at) -
	    (uint64_t)(s->raw_len - s->raw_at);
}

/* ---------------------------------------------------------------------
 * Decoders.  Each writes up to cap decompressed bytes into out and returns
 * the count, 0 at the clean end of the stream, or -1 with err set.
 */

static int
ended_early(struct source *s, char *err, size_t errsz)
{
	return fail(s, SOURCE_FAIL_DATA, err, errsz, "the %s stream ends "
	    "early, after %llu compressed bytes", comp_names[s->comp],
	    (unsigned long long)raw_used(s));
}

/*
 * The decoder failed on what, with held bytes consumed from the input but
 * not decoded yet (in its bit buffer): the message counts the bytes up to
 * the failure, whatever the size of the reads that fed it.
 */
static int
corrupt_held(struct source *s, const char *what, uint64_t held, char *err,
    size_t errsz)
{
	uint64_t	 used = raw_used(s);

	return fail(s, SOURCE_FAIL_DATA, err, errsz, "the %s stream is "
	    "corrupt after %llu compressed bytes (%s)", comp_names[s->comp],
	    (unsigned long long)(used > held ? used - held : 0), what);
}

static int
corrupt(struct source *s, const char *what, char *err, size_t errsz)
{
	return corrupt_held(s, what, 0, err, errsz);
}

#ifdef HAVE_ISAL
static const char *
isal_what(int rc)
{
	switch (rc) {
	case ISAL_INVALID_WRAPPER:
		return "not a gzip header";
	case ISAL_UNSUPPORTED_METHOD:
		return "unknown compression method";
	case ISAL_INCORRECT_CHECKSUM:
		return "wrong checksum";
	case ISAL_INVALID_LOOKBACK:
		return "invalid distance";
	case ISAL_INVALID_SYMBOL:
		return "invalid code";
	default:
		return "invalid block";
	}
}

static ssize_t
gunzip_isal(struct source *s, char *out, size_t cap, char *err, size_t errsz)
{
	struct inflate_state	*st = s->isal;
	size_t			 before, made;
	int			 rc, stall = 0;

	for (;;) {
		if (raw_fill(s, err, errsz) == -1)
			return -1;
		if (!s->in_member) {
			if (s->raw_at == s->raw_len)
				return 0;
			isal_inflate_reset(st);
			st->crc_flag = ISAL_GZIP;
			s->in_member = 1;
		}
		/* With no input left, a call may still flush output. */
		st->next_in = (uint8_t *)s->raw + s->raw_at;
		st->avail_in = (uint32_t)(s->raw_len - s->raw_at);
		st->next_out = (uint8_t *)out;
		st->avail_out = (uint32_t)cap;
		before = s->raw_len - s->raw_at;
		rc = isal_inflate(st);
		s->raw_at = s->raw_len - st->avail_in;
		made = cap - st->avail_out;
		/* ISA-L reads ahead into its bit buffer: not counted. */
		if (rc < 0)
			return corrupt_held(s, isal_what(rc),
			    st->read_in_length > 0 ? (uint64_t)st->read_in_length
			    / 8 : 0, err, errsz);
		if (st->block_state == ISAL_BLOCK_FINISH)
			s->in_member = 0;
		if (made > 0)
			return (ssize_t)made;
		if (s->in_member && s->raw_at == s->raw_len && s->raw_eof)
			return ended_early(s, err, errsz);
		/* Neither input nor output moved: the data cannot go on. */
		if (s->in_member && before > 0 && st->avail_in == before &&
		    ++stall > 2)
			return corrupt(s, "no progress", err, errsz);
	}
}
#endif

static ssize_t
gunzip_zlib(struct source *s, char *out, size_t cap, char *err, size_t errsz)
{
	z_stream	*z = &s->z;
	size_t		 made;
	int		 rc;

	for (;;) {
		if (raw_fill(s, err, errsz) == -1)
			return -1;
		if (!s->in_member) {
			if (s->raw_at == s->raw_len)
				return 0;
			if (inflateReset(z) != Z_OK)
				return corrupt(s, "reset", err, errsz);
			s->in_member = 1;
		}
		z->next_in = (Bytef *)s->raw + s->raw_at;
		z->avail_in = (uInt)(s->raw_len - s->raw_at);
		z->next_out = (Bytef *)out;
		z->avail_out = (uInt)cap;
		rc = inflate(z, Z_NO_FLUSH);
		s->raw_at = s->raw_len - z->avail_in;
		made = cap - z->avail_out;
		switch (rc) {
		case Z_STREAM_END:
			s->in_member = 0;
			break;
		case Z_OK:
		case Z_BUF_ERROR:
			break;
		case Z_MEM_ERROR:
			return fail(s, SOURCE_FAIL_IO, err, errsz, "out of "
			    "memory");
		default:
			return corrupt(s, z->msg != NULL ? z->msg :
			    "invalid data", err, errsz);
		}
		if (made > 0)
			return (ssize_t)made;
		if (s->in_member && s->raw_at == s->raw_len && s->raw_eof)
			return ended_early(s, err, errsz);
	}
}

/* ---------------------------------------------------------------------
 * zstd, decoded in place.
 *
 * A frame is decoded block by block with ZSTD_decompressContinue() into
 * zbuf, which holds the frame's window (ZSTD_decodingBufferSize_min())
 * and room for the blocks in flight.  The next block goes right after the
 * previous one, or back at the start of zbuf when fewer than the frame's
 * largest block are left, as libzstd's streaming API does in its own
 * buffer, so the window a block refers to is always intact.  The reader's
 * blocks point into zbuf; before a block is decoded over bytes that a block
 * in the ring still holds, the decoder waits for the reader to give it
 * back (zstd_wait()).
 */

/* The largest window accepted: libzstd's streaming default, 128 MiB. */
#define ZSTD_WINDOW_MAX	(1ULL << ZSTD_WINDOWLOG_LIMIT_DEFAULT)
/* The most input one call takes: a block, or a frame header. */
#define ZSTD_IN_MAX	(ZSTD_BLOCKSIZE_MAX + 64)

/* Whether a block in the ring holds bytes of [a, a + n) of zbuf. */
static int
zstd_held(const struct source *s, size_t a, size_t n)
{
	const struct block	*b;
	size_t			 i, lo;

	for (i = 0; i < s->rcount; i++) {
		b = &s->ring[(s->rhead + i) % SOURCE_RING];
		if (b->buf < s->zbuf || b->buf >= s->zbuf + s->zsize)
			continue;
		lo = (size_t)(b->buf - s->zbuf);
		if (lo < a + n && a < lo + b->len)
			return 1;
	}
	return 0;
}

/*
 * Wait until no block in the ring holds bytes of [a, a + n) of zbuf, or
 * with all, until the ring is empty.  Only the decoder thread waits: read
 * inline, the reader holds no block while the decoder runs.  Returns 0, or
 * -1 if the reader closed the source meanwhile.
 */
static int
zstd_wait(struct source *s, size_t a, size_t n, int all, char *err,
    size_t errsz)
{
	int	 stop;

	if (!s->waits)
		return 0;
	pthread_mutex_lock(&s->mu);
	while (!s->rstop && (all ? s->rcount > 0 : zstd_held(s, a, n)))
		pthread_cond_wait(&s->cv, &s->mu);
	stop = s->rstop;
	pthread_mutex_unlock(&s->mu);
	if (stop)
		return fail(s, SOURCE_FAIL_IO, err, errsz, "closed");
	return 0;
}

/*
 * The next need compressed bytes, in one piece: in the raw block where
 * they are whole, else gathered into zin.  Returns 1 with *src set, 0 if
 * the input ends first, or -1 with err set.
 */
static int
zstd_input(struct source *s, size_t need, const char **src, char *err,
    size_t errsz)
{
	size_t	 n;

	if (s->zin_at == s->zin_len) {
		s->zin_at = s->zin_len = 0;
		if (raw_fill(s, err, errsz) == -1)
			return -1;
		if (s->raw_len - s->raw_at >= need) {
			*src = s->raw + s->raw_at;
			s->raw_at += need;
			return 1;
		}
	} else if (s->zin_len - s->zin_at >= need) {
		*src = s->zin + s->zin_at;
		s->zin_at += need;
		return 1;
	}
	if (need > ZSTD_IN_MAX)
		return corrupt(s, "block too large", err, errsz);
	memmove(s->zin, s->zin + s->zin_at, s->zin_len - s->zin_at);
	s->zin_len -= s->zin_at;
	s->zin_at = 0;
	while (s->zin_len < need) {
		if (raw_fill(s, err, errsz) == -1)
			return -1;
		if (s->raw_at == s->raw_len)
			return 0;
		n = need - s->zin_len < s->raw_len - s->raw_at ?
		    need - s->zin_len : s->raw_len - s->raw_at;
		memcpy(s->zin + s->zin_len, s->raw + s->raw_at, n);
		s->zin_len += n;
		s->raw_at += n;
	}
	*src = s->zin;
	s->zin_at = need;
	return 1;
}

/*
 * Start the next frame: skip skippable frames, read the frame header's
 * window size and make zbuf big enough for it.  Returns 1 in a frame, 0
 * at the clean end of the input, or -1 with err set.
 */
static int
zstd_frame(struct source *s, char *err, size_t errsz)
{
	ZSTD_frameHeader	 h;
	unsigned long long	 skip;
	size_t			 rc, need, n;

	for (;;) {
		/* The header's bytes, looked at before they are decoded. */
		memmove(s->zin, s->zin + s->zin_at, s->zin_len - s->zin_at);
		s->zin_len -= s->zin_at;
		s->zin_at = 0;
		while (s->zin_len < ZSTD_FRAMEHEADERSIZE_MAX) {
			if (raw_fill(s, err, errsz) == -1)
				return -1;
			if (s->raw_at == s->raw_len)
				break;
			n = ZSTD_FRAMEHEADERSIZE_MAX - s->zin_len <
			    s->raw_len - s->raw_at ? ZSTD_FRAMEHEADERSIZE_MAX -
			    s->zin_len : s->raw_len - s->raw_at;
			memcpy(s->zin + s->zin_len, s->raw + s->raw_at, n);
			s->zin_len += n;
			s->raw_at += n;
		}
		if (s->zin_len == 0)
			return 0;
		rc = ZSTD_getFrameHeader(&h, s->zin, s->zin_len);
		if (ZSTD_isError(rc))
			return corrupt(s, ZSTD_getErrorName(rc), err, errsz);
		if (rc > 0)
			return ended_early(s, err, errsz);
		if (h.frameType == ZSTD_skippableFrame) {
			/* Skipped whole, without the decoder. */
			s->zin_at = h.headerSize;
			for (skip = h.frameContentSize; skip > 0; skip -= n) {
				if (s->zin_at < s->zin_len) {
					n = skip < s->zin_len - s->zin_at ?
					    (size_t)skip : s->zin_len -
					    s->zin_at;
					s->zin_at += n;
					continue;
				}
				if (raw_fill(s, err, errsz) == -1)
					return -1;
				if (s->raw_at == s->raw_len)
					return ended_early(s, err, errsz);
				n = skip < s->raw_len - s->raw_at ?
				    (size_t)skip : s->raw_len - s->raw_at;
				s->raw_at += n;
			}
			continue;
		}
		if (h.windowSize > ZSTD_WINDOW_MAX)
			return corrupt(s, ZSTD_getErrorString(
			    ZSTD_error_frameParameter_windowTooLarge), err,
			    errsz);
		need = ZSTD_decodingBufferSize_min(h.windowSize,
		    ZSTD_CONTENTSIZE_UNKNOWN);
		if (ZSTD_isError(need))
			return corrupt(s, ZSTD_getErrorName(need), err, errsz);
		/* Room for the ring's blocks and one being decoded. */
		need += (SOURCE_RING + 1) * (s->block + h.blockSizeMax);
		if (need > s->zsize) {
			if (zstd_wait(s, 0, 0, 1, err, errsz) == -1)
				return -1;
			free(s->zbuf);
			s->zsize = 0;
			if ((s->zbuf = malloc(need)) == NULL)
				return fail(s, SOURCE_FAIL_IO, err, errsz,
				    "out of memory");
			s->zsize = need;
			s->zat = 0;
		}
		s->zbmax = h.blockSizeMax;
		if (ZSTD_isError(ZSTD_decompressBegin(s->zd)))
			return fail(s, SOURCE_FAIL_IO, err, errsz, "out of "
			    "memory");
		s->in_member = 1;
		return 1;
	}
}

/*
 * Decode blocks in place into zbuf from zat on, one after the other, until
 * s->block bytes are there, the frame ends or zbuf must wrap; *out points
 * at them.  Returns the count, 0 at the clean end of the input, or -1 with
 * err set.
 */
static ssize_t
zstd_fill(struct source *s, char **out, char *err, size_t errsz)
{
	ZSTD_nextInputType_e	 t;
	const char		*src = NULL;
	size_t			 need, cap, rc, made = 0;

	for (;;) {
		if (!s->in_member) {
			/* A new frame may want a bigger buffer. */
			if (made > 0)
				break;
			switch (zstd_frame(s, err, errsz)) {
			case -1:
				return -1;
			case 0:
				return 0;
			default:
				break;
			}
		}
		if ((need = ZSTD_nextSrcSizeToDecompress(s->zd)) == 0) {
			s->in_member = 0;
			continue;
		}
		t = ZSTD_nextInputType(s->zd);
		cap = 0;
		if (t == ZSTDnit_block || t == ZSTDnit_lastBlock) {
			if (s->zat + s->zbmax > s->zsize) {
				if (made > 0)
					break;
				s->zat = 0;
			}
			cap = s->zbmax;
			if (zstd_wait(s, s->zat, cap, 0, err, errsz) == -1)
				return -1;
		}
		switch (zstd_input(s, need, &src, err, errsz)) {
		case -1:
			return -1;
		case 0:
			return ended_early(s, err, errsz);
		default:
			break;
		}
		rc = ZSTD_decompressContinue(s->zd, s->zbuf + s->zat, cap, src,
		    need);
		if (ZSTD_isError(rc))
			return corrupt(s, ZSTD_getErrorName(rc), err, errsz);
		s->zat += rc;
		made += rc;
		if (made >= s->block)
			break;
	}
	*out = s->zbuf + s->zat - made;
	return (ssize_t)made;
}

/* zstd_fill(), copied out into out (cap bytes): for the head and stages. */
static ssize_t
unzstd(struct source *s, char *out, size_t cap, char *err, size_t errsz)
{
	ssize_t	 n;
	size_t	 m;

	if (s->zn == 0) {
		if ((n = zstd_fill(s, &s->zp, err, errsz)) <= 0)
			return n;
		s->zn = (size_t)n;
	}
	m = s->zn < cap ? s->zn : cap;
	memcpy(out, s->zp, m);
	s->zp += m;
	s->zn -= m;
	return (ssize_t)m;
}

/* Decompressed bytes in order from the decoder (or the range). */
static ssize_t
decode(struct source *s, char *out, size_t cap, char *err, size_t errsz)
{
	switch (s->comp) {
	case SOURCE_COMP_GZIP:
#ifdef HAVE_ISAL
		if (!s->zlib)
			return gunzip_isal(s, out, cap, err, errsz);
#endif
		return gunzip_zlib(s, out, cap, err, errsz);
	case SOURCE_COMP_ZSTD:
		return unzstd(s, out, cap, err, errsz);
	default:
		return raw_read(s, out, cap, err, errsz);
	}
}

/* Decompressed bytes in order: the head, then the decoder. */
static ssize_t
unpack(struct source *s, char *out, size_t cap, char *err, size_t errsz)
{
	size_t	 n;

	if (s->head_at < s->nhead) {
		n = s->nhead - s->head_at < cap ? s->nhead - s->head_at : cap;
		memcpy(out, s->head + s->head_at, n);
		s->head_at += n;
		return (ssize_t)n;
	}
	if (s->head_eof)
		return 0;
	return decode(s, out, cap, err, errsz);
}

/* Decoded bytes in order: the stage over unpack(), or unpack() itself. */
static ssize_t
produce(struct source *s, char *out, size_t cap, char *err, size_t errsz)
{
	ssize_t	 n;
	size_t	 used;

	if (s->done)
		return 0;
	if (s->stage == NULL) {
		if ((n = unpack(s, out, cap, err, errsz)) == 0)
			s->done = 1;
		return n;
	}
	for (;;) {
		if (s->mid_at == s->nmid && !s->mid_eof) {
			if ((n = unpack(s, s->mid, s->block, err, errsz)) < 0)
				return -1;
			s->mid_at = 0;
			s->nmid = (size_t)n;
			s->mid_eof = n == 0;
		}
		used = 0;
		if ((n = s->stage->run(s->stage_st, s->mid + s->mid_at,
		    s->nmid - s->mid_at, &used, out, cap, s->mid_eof, err,
		    errsz)) < 0) {
			s->why = SOURCE_FAIL_DATA;
			return -1;
		}
		s->mid_at += used;
		if (n > 0)
			return n;
		if (s->mid_eof && s->mid_at == s->nmid) {
			s->done = 1;
			return 0;
		}
	}
}

/*
 * The next decoded block into b: for zstd with nothing between the decoder
 * and the reader (no stage, the head handed out), where it was decoded,
 * without a copy; else produce()d into b's own storage.
 */
static ssize_t
next_decoded(struct source *s, struct block *b, char *err, size_t errsz)
{
	ssize_t	 n;

	b->buf = b->own;
	if (s->comp != SOURCE_COMP_ZSTD || s->stage != NULL ||
	    s->head_at < s->nhead || s->head_eof || s->done)
		return produce(s, b->own, s->block, err, errsz);
	if (s->zn > 0) {
		/* Decoded for the head, beyond it. */
		b->buf = s->zp;
		n = (ssize_t)s->zn;
		s->zp += s->zn;
		s->zn = 0;
		return n;
	}
	if ((n = zstd_fill(s, &b->buf, err, errsz)) == 0)
		s->done = 1;
	return n;
}

/* ---------------------------------------------------------------------
 * The decoder thread.
 */

static void *
decoder_main(void *arg)
{
	struct source	*s = arg;
	struct block	*b;
	ssize_t		 n;

	for (;;) {
		pthread_mutex_lock(&s->mu);
		while (s->rcount == SOURCE_RING && !s->rstop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->rstop) {
			pthread_mutex_unlock(&s->mu);
			return NULL;
		}
		b = &s->ring[(s->rhead + s->rcount) % SOURCE_RING];
		pthread_mutex_unlock(&s->mu);

		n = next_decoded(s, b, s->terr, sizeof(s->terr));

		pthread_mutex_lock(&s->mu);
		if (n > 0) {
			b->len = (size_t)n;
			b->raw = raw_used(s);
			s->rcount++;
		} else {
			s->rdone = 1;
			s->rend = raw_used(s);
			s->twhy = n < 0 ? s->why : SOURCE_FAIL_NONE;
		}
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		if (n <= 0)
			return NULL;
	}
}

/*
 * The next decoded block for the reader, from the ring (threaded) or made
 * here.  Returns 1 with s->cur set, 0 at the end, or -1 with err set.
 */
static int
next_block(struct source *s, char *err, size_t errsz)
{
	ssize_t	 n;

	if (!s->threaded) {
		n = next_decoded(s, &s->ring[0], err, errsz);
		if (n < 0)
			return -1;
		if (n == 0) {
			s->raw_done = raw_used(s);
			return 0;
		}
		s->ring[0].len = (size_t)n;
		s->ring[0].raw = raw_used(s);
		s->cur = &s->ring[0];
		s->cur_at = 0;
		return 1;
	}
	pthread_mutex_lock(&s->mu);
	while (s->rcount == 0 && !s->rdone)
		pthread_cond_wait(&s->cv, &s->mu);
	if (s->rcount == 0) {
		pthread_mutex_unlock(&s->mu);
		if (s->twhy != SOURCE_FAIL_NONE) {
			s->why = s->twhy;
			snprintf(err, errsz, "%s", s->terr);
			return -1;
		}
		s->raw_done = s->rend;
		return 0;
	}
	s->cur = &s->ring[s->rhead];
	s->cur_at = 0;
	pthread_mutex_unlock(&s->mu);
	return 1;
}

/* Give the reader's block back to the ring. */
static void
release_block(struct source *s)
{
	s->raw_done = s->cur->raw;
	s->cur = NULL;
	if (!s->threaded)
		return;
	pthread_mutex_lock(&s->mu);
	s->rhead = (s->rhead + 1) % SOURCE_RING;
	s->rcount--;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* ---------------------------------------------------------------------
 * The source.
 */

/* Read the first raw bytes, for the magic.  0 or -1. */
static int
read_magic(struct source *s, char *err, size_t errsz)
{
	ssize_t	 n;

	while (s->npre < sizeof(s->pre)) {
		if ((n = range_read(s, s->raw_pos, s->pre + s->npre,
		    sizeof(s->pre) - s->npre, err, errsz)) < 0)
			return -1;
		if (n == 0)
			break;
		s->npre += (size_t)n;
		s->raw_pos += (uint64_t)n;
	}
	return 0;
}

static int
decoder_init(struct source *s, char *err, size_t errsz)
{
	switch (s->comp) {
	case SOURCE_COMP_GZIP:
#ifdef HAVE_ISAL
		if (!s->zlib) {
			if ((s->isal = malloc(sizeof(*s->isal))) == NULL)
				goto nomem;
			isal_inflate_init(s->isal);
			break;
		}
#endif
		memset(&s->z, 0, sizeof(s->z));
		if (inflateInit2(&s->z, 15 + 16) != Z_OK)
			goto nomem;
		s->z_inited = 1;
		break;
	case SOURCE_COMP_ZSTD:
		if ((s->zd = ZSTD_createDCtx()) == NULL ||
		    (s->zin = malloc(ZSTD_IN_MAX)) == NULL)
			goto nomem;
		break;
	default:
		break;
	}
	return 0;
nomem:
	return fail(s, SOURCE_FAIL_IO, err, errsz, "out of memory");
}

/* Fill the head with the first decompressed bytes.  0 or -1. */
static int
read_head(struct source *s, char *err, size_t errsz)
{
	ssize_t	 n;

	if (s->splittable) {
		/* A look only: reads go to the file itself. */
		while (s->nhead < SOURCE_HEAD) {
			if ((n = range_read(s, s->nhead, s->head + s->nhead,
			    SOURCE_HEAD - s->nhead, err, errsz)) < 0)
				return -1;
			if (n == 0)
				break;
			s->nhead += (size_t)n;
		}
		return 0;
	}
	s->head_eof = 0;
	while (s->nhead < SOURCE_HEAD) {
		n = decode(s, s->head + s->nhead, SOURCE_HEAD - s->nhead, err,
		    errsz);
		if (n < 0)
			return -1;
		if (n == 0) {
			s->head_eof = 1;
			break;
		}
		s->nhead += (size_t)n;
	}
	s->head_at = 0;
	return 0;
}

struct source *
source_open(int fd, off_t off, off_t len, const struct source_opts *opts,
    enum source_fail *why, char *err, size_t errsz)
{
	struct source	*s;
	struct stat	 st;
	const char	*what;
	size_t		 i;

	*why = SOURCE_FAIL_IO;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	s->fd = fd;
	s->off = off;
	s->len = len;
	s->block = opts->block_size ? opts->block_size : TALLY_BLOCK_SIZE;
	s->zlib = opts->zlib;
	s->seekable = lseek(fd, 0, SEEK_CUR) != (off_t)-1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		/* Mapped, the bytes of the last page past the end are zeros. */
		s->mappable = ((uint64_t)st.st_size + SOURCE_PAGE - 1) &
		    ~(uint64_t)(SOURCE_PAGE - 1);
		if (len < 0 && st.st_size > off)
			s->size = (uint64_t)(st.st_size - off);
	}
	if (len >= 0)
		s->size = (uint64_t)len;

	if (read_magic(s, err, errsz) == -1)
		goto bad;
	if (s->npre >= 2 && memcmp(s->pre, "\x1f\x8b", 2) == 0)
		s->comp = SOURCE_COMP_GZIP;
	else if (s->npre >= 4 && memcmp(s->pre, "\x28\xb5\x2f\xfd", 4) == 0)
		s->comp = SOURCE_COMP_ZSTD;
	if ((s->head = malloc(SOURCE_HEAD)) == NULL ||
	    (s->raw = malloc(s->block)) == NULL) {
		fail(s, SOURCE_FAIL_IO, err, errsz, "out of memory");
		goto bad;
	}
	if (decoder_init(s, err, errsz) == -1)
		goto bad;
	/* Splittable unless a stage turns out to be needed. */
	s->enc = opts->enc;
	s->splittable = s->seekable && s->comp == SOURCE_COMP_NONE &&
	    stages[s->enc] == NULL;
	if (read_head(s, err, errsz) == -1)
		goto bad;
	if ((what = source_binary(s->head, s->nhead)) != NULL) {
		fail(s, SOURCE_FAIL_NOT_CSV, err, errsz, "%s", what);
		goto bad;
	}
	if (s->enc == SOURCE_ENC_AUTO)
		s->enc = source_detect(s->head, s->nhead, s->splittable ?
		    s->nhead < SOURCE_HEAD : s->head_eof);
	s->stage = stages[s->enc];
	if (s->stage != NULL) {
		if (s->splittable) {
			/* Transcoded input is read in order: head first. */
			s->splittable = 0;
			s->raw_pos = s->nhead;
			s->npre = s->pre_at = 0;
			s->head_at = 0;
			s->head_eof = s->nhead < SOURCE_HEAD;
		}
		if ((s->stage_st = s->stage->open()) == NULL ||
		    (s->mid = malloc(s->block)) == NULL) {
			fail(s, SOURCE_FAIL_IO, err, errsz, "out of memory");
			goto bad;
		}
	}
	s->decoded = s->comp != SOURCE_COMP_NONE || s->stage != NULL;
	if (s->splittable)
		return s;

	/* The ring: one block read inline, or SOURCE_RING ahead. */
	for (i = 0; i < SOURCE_RING; i++)
		if ((s->ring[i].own = malloc(s->block)) == NULL) {
			fail(s, SOURCE_FAIL_IO, err, errsz, "out of memory");
			goto bad;
		}
	/* Without a thread (or mutexes) the reader decodes inline. */
	if (s->decoded && !opts->inline_decode &&
	    pthread_mutex_init(&s->mu, NULL) == 0) {
		if (pthread_cond_init(&s->cv, NULL) == 0) {
			/* Set first: the thread may look at once. */
			s->waits = 1;
			if (pthread_create(&s->tid, NULL, decoder_main,
			    s) == 0)
				s->threaded = 1;
			else {
				s->waits = 0;
				pthread_cond_destroy(&s->cv);
			}
		}
		if (!s->threaded)
			pthread_mutex_destroy(&s->mu);
	}
	return s;
bad:
	*why = s->why != SOURCE_FAIL_NONE ? s->why : SOURCE_FAIL_IO;
	source_close(s);
	return NULL;
}

void
source_close(struct source *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	if (s->threaded) {
		pthread_mutex_lock(&s->mu);
		s->rstop = 1;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->tid, NULL);
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->mu);
	}
	if (s->stage != NULL)
		s->stage->close(s->stage_st);
#ifdef HAVE_ISAL
	free(s->isal);
#endif
	if (s->z_inited)
		inflateEnd(&s->z);
	ZSTD_freeDCtx(s->zd);
	free(s->zbuf);
	free(s->zin);
	for (i = 0; i < SOURCE_RING; i++)
		free(s->ring[i].own);
	free(s->mid);
	free(s->head);
	free(s->raw);
	free(s);
}

ssize_t
source_read(struct source *s, uint64_t pos, char *buf, size_t want,
    char *err, size_t errsz)
{
	size_t	 n;
	ssize_t	 got;

	if (s->splittable) {
		got = range_read(s, pos, buf, want, err, errsz);
		if (got == 0 && s->mappable > 0 && pos < s->size)
			return shrank(s, err, errsz);
		return got;
	}
	(void)pos;
	if (!s->decoded) {
		/* A plain pipe: the head, then the pipe. */
		if ((got = unpack(s, buf, want, err, errsz)) > 0)
			s->out_pos += (uint64_t)got;
		return got;
	}
	if (s->cur == NULL) {
		switch (next_block(s, err, errsz)) {
		case -1:
			return -1;
		case 0:
			return 0;
		default:
			break;
		}
	}
	n = s->cur->len - s->cur_at < want ? s->cur->len - s->cur_at : want;
	memcpy(buf, s->cur->buf + s->cur_at, n);
	s->cur_at += n;
	s->out_pos += n;
	if (s->cur_at == s->cur->len)
		release_block(s);
	return (ssize_t)n;
}

ssize_t
source_map(struct source *s, uint64_t pos, size_t want, size_t pad,
    struct window *w, char *err, size_t errsz)
{
	uint64_t	 at;
	size_t		 n;
	char		 e[TALLY_ERR_MAX];

	(void)err;
	(void)errsz;
	w->map = NULL;
	if (!s->splittable || s->mappable == 0 || pos >= s->size || want == 0)
		return 0;
	n = s->size - pos < want ? (size_t)(s->size - pos) : want;
	at = (uint64_t)s->off + pos;
	if (at + n + pad > s->mappable)
		return 0;
	/* A mapping refused (address space, say) is read instead. */
	if (window_map(w, s->fd, (off_t)at, n, pad, e, sizeof(e)) == -1)
		return 0;
	return (ssize_t)n;
}

int
source_unmap(struct source *s, struct window *w, char *err, size_t errsz)
{
	struct stat	 st;
	char		 e[TALLY_ERR_MAX];
	int		 mapped = w->map != NULL;

	if (window_unmap(w, e, sizeof(e)) == -1)
		return shrank(s, err, errsz);
	/* Cut inside its last page, a file reads as zeros with no SIGBUS. */
	if (mapped && fstat(s->fd, &st) == 0 &&
	    (uint64_t)st.st_size < (uint64_t)s->off + s->size)
		return shrank(s, err, errsz);
	return 0;
}

int
source_splittable(const struct source *s)
{
	return s->splittable;
}

uint64_t
source_size(const struct source *s)
{
	return s->size;
}

uint64_t
source_progress(const struct source *s, uint64_t pos)
{
	if (!s->decoded)
		return pos;
	return s->raw_done;
}

enum source_comp
source_comp(const struct source *s)
{
	return s->comp;
}

enum source_enc
source_enc(const struct source *s)
{
	return s->enc;
}

enum source_fail
source_why(const struct source *s)
{
	return s->why;
}
