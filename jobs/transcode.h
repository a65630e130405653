/*
 * Text encodings: which one an input is in, and turning it into UTF-8.
 * tally reads UTF-8 (the default and the output), UTF-16 little and big
 * endian, ISO-8859-1 (latin-1) and windows-1252, the encoding Excel saves
 * "CSV" in on Western Windows machines.  The single-byte encodings keep
 * every CSV byte (quote, delimiter, CR, LF) where it was, so the parsers
 * run on the raw bytes and only the cells tally keeps are converted
 * (transcode_cell()); UTF-16 does not, so it is converted as a stream
 * (transcode_block()) before any parser sees it.  This file knows nothing
 * of CSV or files.
 */
#ifndef TALLY_TRANSCODE_H
#define TALLY_TRANSCODE_H

#include <stddef.h>

#include "source.h"

/* The name users write for each encoding ("windows-1252"). */
extern const char *const transcode_names[SOURCE_ENC__MAX];

/*
 * How many bytes of an input's start transcode_detect() looks at for
 * telling UTF-8 from windows-1252.
 */
#define TRANSCODE_SNIFF		(64 * 1024)

/*
 * The most UTF-8 bytes transcode_block() writes for len input bytes:
 * a single-byte character becomes at most 3 bytes; a UTF-16 unit (2 bytes)
 * at most 3, a surrogate pair (4 bytes) 4; a unit held from the block
 * before adds at most 4.
 */
#define TRANSCODE_OUT_MAX(len)	(3 * (len) + 8)

/*
 * The encoding named by s ("utf-8", "latin-1", ...; case is ignored and a
 * few aliases such as "utf8", "iso-8859-1" and "cp1252" are accepted), or
 * -1 if none is.
 */
int		 transcode_parse(const char *s);

/*
 * Decide the encoding of an input from its first len bytes (at most
 * TRANSCODE_SNIFF are looked at; at_eof says the input ends there): a
 * UTF-8, UTF-16 LE or UTF-16 BE byte-order mark decides; otherwise
 * SOURCE_ENC_UTF8 if the bytes are valid UTF-8 (a character cut at the end
 * of a longer input is fine), else SOURCE_ENC_CP1252.  Never returns
 * SOURCE_ENC_AUTO or SOURCE_ENC_UTF16.
 */
enum source_enc transcode_detect(const char *buf, size_t len, int at_eof);

/*
 * Make want concrete for an input starting with buf (len bytes):
 * SOURCE_ENC_AUTO is detected as above, SOURCE_ENC_UTF16 becomes LE or BE by
 * its byte-order mark (LE without one); the rest are returned as they are.
 */
enum source_enc transcode_resolve(enum source_enc want, const char *buf,
		    size_t len, int at_eof);

/* Whether an input in enc must be converted before a CSV parser sees it. */
int		 transcode_is_stream(enum source_enc enc);

/*
 * Whether len bytes at s are valid UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF).  Returns 1 or 0.
 */
int		 transcode_utf8_valid(const char *s, size_t len);

/*
 * Copy len bytes at s into out (room for 3 * len bytes) with each byte that
 * starts no valid UTF-8 character replaced by U+FFFD.  Returns the bytes
 * written.
 */
size_t		 transcode_utf8_repair(const char *s, size_t len, char *out);

/*
 * Convert one cell of a single-byte encoding (SOURCE_ENC_LATIN1 or
 * SOURCE_ENC_CP1252) into out, which must hold 3 * len bytes.  Returns the
 * bytes written.
 */
size_t		 transcode_cell(enum source_enc enc, const char *in,
		    size_t len, char *out);

/*
 * A streaming converter to UTF-8 for enc (any but SOURCE_ENC_AUTO; a UTF-8
 * input is copied through).  It keeps what a block ends in the middle of
 * (an odd byte, a high surrogate) for the next.  Returns NULL if memory is
 * short.
 */
struct transcode *transcode_new(enum source_enc enc);

/* Free a converter.  NULL is fine. */
void		 transcode_free(struct transcode *t);

/*
 * Convert len bytes at in, appending to out, which must have room for
 * TRANSCODE_OUT_MAX(len) bytes.  Every input byte is consumed.  Returns the
 * bytes written.  Unpaired surrogates become U+FFFD.
 */
size_t		 transcode_block(struct transcode *t, const char *in,
		    size_t len, char *out);

/*
 * The input ended: write what is held (a dangling odd byte or high
 * surrogate becomes U+FFFD) into out (room for 8 bytes).  Returns the bytes
 * written.
 */
size_t		 transcode_end(struct transcode *t, char *out);

/*
 * The source's transcoding stages for UTF-16 (source.c's table of stages):
 * with a BOM deciding, little endian and big endian.  An odd byte at the
 * end of the input is an error; an unpaired surrogate becomes U+FFFD.
 * latin-1 and windows-1252 need no stage: their bytes stay in place and
 * the engine converts the cells it keeps (transcode_cell()), which keeps a
 * plain file splittable among threads.
 */
extern const struct source_stage transcode_stage_utf16;
extern const struct source_stage transcode_stage_utf16le;
extern const struct source_stage transcode_stage_utf16be;

#endif /* TALLY_TRANSCODE_H */
