/*
 * The source: the input's one home.  A byte range of a file or a pipe,
 * then, if its first bytes say so, decompression (gzip, zstd), then, if the
 * options ask for it, a transcoding stage to UTF-8, yielding the decoded
 * bytes in order together with how many bytes of the range are behind
 * them (for progress).  The sniffer (header.c, through reader.c), both
 * parsers (reader.c, scan.c) and the thread splitter (engine.c) read only
 * through it.  It refuses, at open, input that is plainly not CSV (a ZIP,
 * PDF, Parquet or SQLite file, an image, an executable...).  It does not
 * parse CSV.
 *
 * Two ways of reading.  A plain seekable file with nothing to decode is
 * "splittable": any position can be read at any time, from any thread
 * (pread), which is what lets engine.c cut it into chunks, or mapped a
 * window at a time (source_map()).  Everything else
 * (a pipe, a compressed file, a transcoded file) is read in order from one
 * thread; when there is something to decode, a thread of the source's own
 * decodes ahead into a ring of SOURCE_RING blocks, so that decoding and
 * parsing overlap.  The decoded data is never held whole: the memory is
 * the ring, one raw block and the decoder's state, whatever the input's
 * size.
 */
#ifndef TALLY_SOURCE_H
#define TALLY_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct source;

/* Decoded blocks in flight between the decoder thread and the parser. */
#define SOURCE_RING	3

/*
 * Bytes of decoded input looked at before the first block is handed out:
 * to recognise a binary format inside a compressed file, and for the
 * transcoding stage's auto-detection.
 */
#define SOURCE_HEAD	(64 * 1024)

/* The compression of an input, recognised by its magic bytes only. */
enum source_comp {
	SOURCE_COMP_NONE,
	SOURCE_COMP_GZIP,	/* 1f 8b: one member or several */
	SOURCE_COMP_ZSTD,	/* 28 b5 2f fd: one frame or several */
	SOURCE_COMP__MAX
};

/*
 * The encoding of the (decompressed) input.  SOURCE_ENC_AUTO decides from
 * the first SOURCE_HEAD bytes (source_detect()); SOURCE_ENC_UTF8 passes the
 * bytes through.  Encodings with a transcoding stage are added after
 * SOURCE_ENC_UTF8, each with its entry in source.c's table of stages.
 */
enum source_enc {
	SOURCE_ENC_AUTO,
	SOURCE_ENC_UTF8,
	SOURCE_ENC_UTF16,	/* a BOM says which; little endian without */
	SOURCE_ENC_UTF16LE,
	SOURCE_ENC_UTF16BE,
	SOURCE_ENC_LATIN1,	/* ISO-8859-1: byte n is U+00nn */
	SOURCE_ENC_CP1252,	/* windows-1252: latin-1 but 0x80-0x9F */
	SOURCE_ENC__MAX
};

/* Why a source could not be opened or read further. */
enum source_fail {
	SOURCE_FAIL_NONE,
	SOURCE_FAIL_NOT_CSV,	/* a binary format: err names it */
	SOURCE_FAIL_DATA,	/* a corrupt or truncated stream, bad bytes */
	SOURCE_FAIL_IO,		/* a read error or no memory: not the input */
	SOURCE_FAIL__MAX
};

/*
 * A transcoding stage: a stateful block transformer from the input's
 * encoding to UTF-8.  jobs/transcode.c defines one per encoding; source.c
 * keeps them in a table indexed by enum source_enc (NULL: no stage).  The
 * stage runs on the decoder thread, after decompression, so it sees the
 * decompressed bytes in order and in blocks of any size, cut anywhere.
 */
struct source_stage {
	const char	*name;		/* "windows-1252", for messages */
	/* A new state, or NULL if memory is short. */
	void		*(*open)(void);
	/*
	 * Convert in (inlen bytes) into out (outsz bytes, never fewer than
	 * SOURCE_STAGE_OUT_MIN).  Consume as much input as fits, set *used to
	 * the input bytes consumed, and return the bytes written.  A partial
	 * character at the end of in is consumed and kept in the state, to be
	 * completed by the next call.  at_eof says no input follows in: a
	 * partial character still kept then is an error.  Returns -1 with a
	 * message in err for input that cannot be converted; the source
	 * then fails with SOURCE_FAIL_DATA.  Must make progress: with
	 * inlen > 0 it consumes at least one byte or writes at least one.
	 */
	ssize_t		(*run)(void *st, const char *in, size_t inlen,
			    size_t *used, char *out, size_t outsz, int at_eof,
			    char *err, size_t errsz);
	/* Release the state.  NULL is fine. */
	void		(*close)(void *st);
};

/* The smallest output buffer a stage is given. */
#define SOURCE_STAGE_OUT_MIN	64

struct source_opts {
	enum source_enc	 enc;		/* 0: SOURCE_ENC_AUTO */
	size_t		 block_size;	/* bytes per read; 0: TALLY_BLOCK_SIZE */
	/*
	 * Tests and fuzzing: decode gzip with zlib even where ISA-L is built
	 * in, and decode on the caller's thread instead of a thread of the
	 * source's own.  Results do not depend on either.
	 */
	int		 zlib;
	int		 inline_decode;
};

/*
 * Open the range of fd: len bytes from offset off (len < 0: to the end; a
 * pipe is read from where it is, and off is ignored).  Reads the first
 * bytes to recognise compression and, after decoding the first
 * SOURCE_HEAD bytes, refuses input that is not CSV.  fd stays the
 * caller's.  Returns the source, or NULL with a message in err and the
 * reason in *why.
 */
struct source	*source_open(int fd, off_t off, off_t len,
		    const struct source_opts *opts, enum source_fail *why,
		    char *err, size_t errsz);

/* Stop the decoder thread and release everything.  NULL is fine. */
void		 source_close(struct source *s);

/*
 * Read up to want decoded bytes at decoded position pos.  A splittable
 * source reads any position, from any thread.  Any other is read in order
 * from one thread: pos must be where the previous read ended (0 at first).
 * Returns the count, 0 at the end, or -1 with err set (and
 * source_why() saying why).
 */
ssize_t		 source_read(struct source *s, uint64_t pos, char *buf,
		    size_t want, char *err, size_t errsz);

struct window;

/*
 * Map up to want bytes of a splittable regular file at position pos
 * instead of reading them (window.h), with pad more bytes readable after
 * them.  Returns the count mapped, at w->p; or 0 if this range is to be
 * read with source_read() instead (not splittable, the end of the input,
 * padding that would reach past the file's last page, or a mapping the
 * system refused); or -1 with err set.  The calling thread holds the
 * window until source_unmap(), and holds one window at a time.
 */
ssize_t		 source_map(struct source *s, uint64_t pos, size_t want,
		    size_t pad, struct window *w, char *err, size_t errsz);

/*
 * Release a window of source_map().  Returns 0, or -1 with err set (and
 * source_why() SOURCE_FAIL_IO) if the file shrank while the window was
 * read: what was made of the window's bytes is then wrong.
 */
int		 source_unmap(struct source *s, struct window *w, char *err,
		    size_t errsz);

/* Whether positions can be read in any order, from threads (see above). */
int		 source_splittable(const struct source *s);

/*
 * The length of the range in bytes, if known (a regular file), else 0.
 * For a splittable source it is also the decoded length.
 */
uint64_t	 source_size(const struct source *s);

/*
 * Bytes of the range behind the decoded bytes read up to position pos:
 * pos itself without decoding, else the compressed bytes consumed to
 * produce the blocks handed out so far (pos is then the position the last
 * read ended at).  At the end of the input it is exactly the range's size,
 * so progress reaches 100%.
 */
uint64_t	 source_progress(const struct source *s, uint64_t pos);

/* The compression recognised at open. */
enum source_comp source_comp(const struct source *s);

/* The encoding in use (never SOURCE_ENC_AUTO once open). */
enum source_enc	 source_enc(const struct source *s);

/* Why the last failing call failed (SOURCE_FAIL_NONE if none did). */
enum source_fail source_why(const struct source *s);

/* "none", "gzip", "zstd". */
const char	*source_comp_name(enum source_comp c);

/*
 * Recognise a binary format from the first len bytes of a (decompressed)
 * input.  Returns NULL for what may be text, else a sentence that names the
 * format and says what to do ("this is a ZIP archive, for example an
 * Excel .xlsx workbook: save it as CSV first").
 */
const char	*source_binary(const char *buf, size_t len);

/*
 * Choose an encoding from the first len bytes of the decompressed input
 * (at_eof: that is all of it).  For SOURCE_ENC_AUTO.
 */
enum source_enc	 source_detect(const char *buf, size_t len, int at_eof);

#endif /* TALLY_SOURCE_H */
