/*
 * Encodings to UTF-8.  The single-byte encodings go through one 256-entry
 * table each (every byte's UTF-8 form, at most 3 bytes, stored as a 32-bit
 * word so a byte costs one load and one store), with runs of ASCII copied
 * 8 bytes at a time.  UTF-16 is decoded by hand, one 16-bit unit at a time,
 * pairing surrogates; a block that ends in the middle of a unit or between
 * the two halves of a pair leaves them in the converter for the next.
 * This file owns the encoding names and the detection rule; it does not
 * read files.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source.h"
#include "transcode.h"

const char *const transcode_names[SOURCE_ENC__MAX] = {
	"auto", "utf-8", "utf-16", "utf-16le", "utf-16be", "latin-1",
	"windows-1252"
};

/* windows-1252's 0x80-0x9F; the five holes keep their C1 code points. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178
};

/*
 * One table entry: the UTF-8 bytes in the low bytes of a little-endian
 * word (written with memcpy, so any byte order works), and their count.
 */
struct glyph {
	uint8_t		 b[4];
	uint8_t		 n;
};

static struct glyph	 tab_latin1[256], tab_cp1252[256];
static pthread_once_t	 tab_once = PTHREAD_ONCE_INIT;

struct transcode {
	enum source_enc	 enc;
	const struct glyph	*tab;		/* single-byte encodings */
	int			 first;		/* no byte seen yet */
	int			 odd;		/* a held byte, or -1 */
	unsigned		 high;		/* a held high surrogate, or 0 */
};

/* Write code point c as UTF-8 at out; returns the byte count. */
static size_t
put_utf8(unsigned c, unsigned char *out)
{
	if (c < 0x80) {
		out[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (unsigned char)(0xc0 | c >> 6);
		out[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (unsigned char)(0xe0 | c >> 12);
		out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | c >> 18);
	out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

static void
tab_init(void)
{
	unsigned	 i, c;

	for (i = 0; i < 256; i++) {
		tab_latin1[i].n = (uint8_t)put_utf8(i, tab_latin1[i].b);
		c = i >= 0x80 && i < 0xa0 ? cp1252_high[i - 0x80] : i;
		tab_cp1252[i].n = (uint8_t)put_utf8(c, tab_cp1252[i].b);
	}
}

static const struct glyph *
table(enum source_enc enc)
{
	pthread_once(&tab_once, tab_init);
	return enc == SOURCE_ENC_LATIN1 ? tab_latin1 : tab_cp1252;
}

int
transcode_parse(const char *s)
{
	static const struct {
		const char		*name;
		enum source_enc	 enc;
	} alias[] = {
		{ "utf8", SOURCE_ENC_UTF8 },
		{ "utf16", SOURCE_ENC_UTF16 },
		{ "utf-16-le", SOURCE_ENC_UTF16LE },
		{ "utf-16-be", SOURCE_ENC_UTF16BE },
		{ "latin1", SOURCE_ENC_LATIN1 },
		{ "iso-8859-1", SOURCE_ENC_LATIN1 },
		{ "iso8859-1", SOURCE_ENC_LATIN1 },
		{ "cp1252", SOURCE_ENC_CP1252 },
		{ "windows1252", SOURCE_ENC_CP1252 },
	};
	size_t	 i;

	for (i = 0; i < SOURCE_ENC__MAX; i++)
		if (strcasecmp(s, transcode_names[i]) == 0)
			return (int)i;
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcasecmp(s, alias[i].name) == 0)
			return (int)alias[i].enc;
	return -1;
}

/*
 * The length of the valid UTF-8 prefix of [p, e): stops before the first
 * byte that starts no valid character.
 */
static size_t
utf8_prefix(const unsigned char *s, size_t len)
{
	const unsigned char	*p = s, *e = s + len;
	uint64_t		 w;
	unsigned		 c, need, min;

	while (p < e) {
		/* Runs of ASCII, 8 bytes at a time. */
		while (e - p >= 8) {
			memcpy(&w, p, 8);
			if (w & 0x8080808080808080ULL)
				break;
			p += 8;
		}
		if (p == e)
			break;
		c = *p;
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			min = 0x80;
			c &= 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			min = 0x800;
			c &= 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			min = 0x10000;
			c &= 0x07;
		} else
			break;
		if ((size_t)(e - p) <= need)
			break;
		{
			unsigned	 k;

			for (k = 1; k <= need; k++) {
				if ((p[k] & 0xc0) != 0x80)
					break;
				c = c << 6 | (p[k] & 0x3f);
			}
			if (k <= need || c < min || c > 0x10ffff ||
			    (c >= 0xd800 && c <= 0xdfff))
				break;
		}
		p += need + 1;
	}
	return (size_t)(p - s);
}

int
transcode_utf8_valid(const char *s, size_t len)
{
	return utf8_prefix((const unsigned char *)s, len) == len;
}

size_t
transcode_utf8_repair(const char *s, size_t len, char *out)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		*o = (unsigned char *)out;
	size_t			 v;

	while (len > 0) {
		v = utf8_prefix(p, len);
		memcpy(o, p, v);
		o += v;
		p += v;
		len -= v;
		if (len > 0) {
			o += put_utf8(0xfffd, o);
			p++;
			len--;
		}
	}
	return (size_t)(o - (unsigned char *)out);
}

/*
 * Whether [s, s + len) ends in the first bytes of a valid character that
 * was cut: a lead byte and fewer continuation bytes than it needs.
 */
static int
cut_char(const unsigned char *s, size_t len)
{
	size_t	 i, k, need;

	for (k = 1; k <= 3 && k <= len; k++) {
		i = len - k;
		if ((s[i] & 0xc0) == 0x80)
			continue;
		need = s[i] >= 0xf0 && s[i] <= 0xf4 ? 3 :
		    s[i] >= 0xe0 ? 2 : s[i] >= 0xc2 ? 1 : 0;
		return need >= k && s[i] <= 0xf4;
	}
	return 0;
}

enum source_enc
transcode_detect(const char *buf, size_t len, int at_eof)
{
	const unsigned char	*b = (const unsigned char *)buf;
	size_t			 n = len < TRANSCODE_SNIFF ? len :
				    TRANSCODE_SNIFF, i, v, zeven = 0, zodd = 0;

	if (len >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
		return SOURCE_ENC_UTF8;
	if (len >= 2 && b[0] == 0xff && b[1] == 0xfe)
		return SOURCE_ENC_UTF16LE;
	if (len >= 2 && b[0] == 0xfe && b[1] == 0xff)
		return SOURCE_ENC_UTF16BE;
	/* UTF-16 without a mark: ASCII text has a NUL in every other byte. */
	for (i = 0; i + 1 < n; i += 2) {
		zeven += b[i] == 0;
		zodd += b[i + 1] == 0;
	}
	if (n >= 4 && zodd * 2 >= n / 2 && zeven == 0)
		return SOURCE_ENC_UTF16LE;
	if (n >= 4 && zeven * 2 >= n / 2 && zodd == 0)
		return SOURCE_ENC_UTF16BE;
	v = utf8_prefix(b, n);
	if (v == n || ((!at_eof || n < len) && cut_char(b + v, n - v) &&
	    n - v <= 3))
		return SOURCE_ENC_UTF8;
	return SOURCE_ENC_CP1252;
}

enum source_enc
transcode_resolve(enum source_enc want, const char *buf, size_t len,
    int at_eof)
{
	const unsigned char	*b = (const unsigned char *)buf;

	switch (want) {
	case SOURCE_ENC_AUTO:
		return transcode_detect(buf, len, at_eof);
	case SOURCE_ENC_UTF16:
		if (len >= 2 && b[0] == 0xfe && b[1] == 0xff)
			return SOURCE_ENC_UTF16BE;
		return SOURCE_ENC_UTF16LE;
	default:
		return want;
	}
}

int
transcode_is_stream(enum source_enc enc)
{
	return enc == SOURCE_ENC_UTF16 || enc == SOURCE_ENC_UTF16LE ||
	    enc == SOURCE_ENC_UTF16BE;
}

/* The single-byte conversion of blocks: out has TRANSCODE_OUT_MAX room. */
static size_t
single(const struct glyph *tab, const unsigned char *p, size_t len,
    unsigned char *out)
{
	const unsigned char	*e = p + len;
	unsigned char		*o = out;
	uint64_t		 w;

	while (p < e) {
		if (e - p >= 8) {
			memcpy(&w, p, 8);
			if (!(w & 0x8080808080808080ULL)) {
				memcpy(o, &w, 8);
				p += 8;
				o += 8;
				continue;
			}
		}
		/* Up to 3 bytes of UTF-8 and one of slack. */
		memcpy(o, tab[*p].b, 4);
		o += tab[*p++].n;
	}
	return (size_t)(o - out);
}

size_t
transcode_cell(enum source_enc enc, const char *in, size_t len, char *out)
{
	const unsigned char	*p = (const unsigned char *)in;
	unsigned char		*o = (unsigned char *)out;
	const struct glyph	*tab = table(enc);
	size_t			 i;

	/* Cells are short and out has no slack: one byte at a time. */
	for (i = 0; i < len; i++) {
		memcpy(o, tab[p[i]].b, tab[p[i]].n);
		o += tab[p[i]].n;
	}
	return (size_t)(o - (unsigned char *)out);
}

struct transcode *
transcode_new(enum source_enc enc)
{
	struct transcode	*t;

	if (enc == SOURCE_ENC_AUTO || enc >= SOURCE_ENC__MAX)
		return NULL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->enc = enc;
	t->first = 1;
	t->odd = -1;
	if (enc == SOURCE_ENC_LATIN1 || enc == SOURCE_ENC_CP1252)
		t->tab = table(enc);
	return t;
}

void
transcode_free(struct transcode *t)
{
	free(t);
}

/* One UTF-16 unit u: pair surrogates, write what is complete. */
static size_t
unit16(struct transcode *t, unsigned u, unsigned char *o)
{
	size_t	 n = 0;

	if (t->high != 0) {
		if (u >= 0xdc00 && u <= 0xdfff) {
			u = 0x10000 + ((t->high - 0xd800) << 10) +
			    (u - 0xdc00);
			t->high = 0;
			return put_utf8(u, o);
		}
		/* A high surrogate with no low one after it. */
		t->high = 0;
		n = put_utf8(0xfffd, o);
	}
	if (u >= 0xd800 && u <= 0xdbff) {
		t->high = u;
		return n;
	}
	if (u >= 0xdc00 && u <= 0xdfff)
		u = 0xfffd;
	return n + put_utf8(u, o + n);
}

size_t
transcode_block(struct transcode *t, const char *in, size_t len, char *out)
{
	const unsigned char	*p = (const unsigned char *)in;
	const unsigned char	*e = p + len;
	unsigned char		*o = (unsigned char *)out;
	int			 be, hi, lo;
	unsigned		 u;

	if (len == 0)
		return 0;
	switch (t->enc) {
	case SOURCE_ENC_LATIN1:
	case SOURCE_ENC_CP1252:
		return single(t->tab, p, len, o);
	case SOURCE_ENC_UTF16:
		/* The first two bytes say which; little endian if no mark. */
		if (t->first && t->odd < 0 && len < 2) {
			t->odd = *p;
			t->first = 0;
			return 0;
		}
		{
			unsigned	 b0 = t->odd >= 0 ? (unsigned)t->odd :
					    p[0];
			unsigned	 b1 = t->odd >= 0 ? p[0] : p[1];

			t->enc = b0 == 0xfe && b1 == 0xff ? SOURCE_ENC_UTF16BE :
			    SOURCE_ENC_UTF16LE;
		}
		break;
	case SOURCE_ENC_UTF16LE:
	case SOURCE_ENC_UTF16BE:
		break;
	default:
		memcpy(o, p, len);
		return len;
	}
	t->first = 0;
	be = t->enc == SOURCE_ENC_UTF16BE;
	hi = be ? 0 : 1;
	lo = be ? 1 : 0;
	if (t->odd >= 0) {
		u = be ? (unsigned)t->odd << 8 | *p : (unsigned)*p << 8 |
		    (unsigned)t->odd;
		t->odd = -1;
		p++;
		o += unit16(t, u, o);
	}
	while (e - p >= 2) {
		/* Runs of ASCII units, 4 at a time. */
		while (t->high == 0 && e - p >= 8 && (p[hi] | p[hi + 2] |
		    p[hi + 4] | p[hi + 6]) == 0 && ((p[lo] | p[lo + 2] |
		    p[lo + 4] | p[lo + 6]) & 0x80) == 0) {
			o[0] = p[lo];
			o[1] = p[lo + 2];
			o[2] = p[lo + 4];
			o[3] = p[lo + 6];
			o += 4;
			p += 8;
		}
		if (e - p < 2)
			break;
		u = (unsigned)p[hi] << 8 | p[lo];
		o += unit16(t, u, o);
		p += 2;
	}
	if (p < e)
		t->odd = *p;
	return (size_t)(o - (unsigned char *)out);
}

size_t
transcode_end(struct transcode *t, char *out)
{
	unsigned char	*o = (unsigned char *)out;
	size_t		 n = 0;

	if (t->high != 0) {
		n += put_utf8(0xfffd, o + n);
		t->high = 0;
	}
	if (t->odd >= 0) {
		n += put_utf8(0xfffd, o + n);
		t->odd = -1;
	}
	return n;
}

/* ---------------------------------------------------------------------
 * The source's transcoding stages (see struct source_stage).
 */

/*
 * A stage's state: the converter, and what was converted but did not fit
 * an output buffer smaller than TRANSCODE_OUT_MAX of one unit.
 */
struct stage {
	struct transcode	*t;
	char			 pend[32];
	size_t			 npend, at;
	int			 ended;
};

static void *
stage_open(enum source_enc enc)
{
	struct stage	*st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	if ((st->t = transcode_new(enc)) == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

static void *
open_utf16(void)
{
	return stage_open(SOURCE_ENC_UTF16);
}

static void *
open_utf16le(void)
{
	return stage_open(SOURCE_ENC_UTF16LE);
}

static void *
open_utf16be(void)
{
	return stage_open(SOURCE_ENC_UTF16BE);
}

/* Hand out what waits in st->pend, as much as fits in out. */
static size_t
drain(struct stage *st, char *out, size_t outsz)
{
	size_t	 m = st->npend - st->at < outsz ? st->npend - st->at : outsz;

	memcpy(out, st->pend + st->at, m);
	st->at += m;
	return m;
}

static ssize_t
stage_run(void *arg, const char *in, size_t inlen, size_t *used, char *out,
    size_t outsz, int at_eof, char *err, size_t errsz)
{
	struct stage	*st = arg;
	size_t		 n, w = 0;

	*used = 0;
	if (st->at < st->npend)
		return (ssize_t)drain(st, out, outsz);
	st->at = st->npend = 0;
	if (inlen > 0) {
		if (outsz >= 64) {
			/* As much input as surely fits, and room to end. */
			n = inlen;
			if (TRANSCODE_OUT_MAX(n) + 8 > outsz)
				n = (outsz - 16) / 3;
			w = transcode_block(st->t, in, n, out);
		} else {
			/* A few bytes at a time through pend. */
			n = inlen < 4 ? inlen : 4;
			st->npend = transcode_block(st->t, in, n, st->pend);
			w = drain(st, out, outsz);
		}
		*used = n;
	}
	if (at_eof && *used == inlen && !st->ended) {
		if (st->t->odd >= 0) {
			snprintf(err, errsz, "the input ends in the middle of "
			    "a UTF-16 character (an odd number of bytes)");
			return -1;
		}
		st->ended = 1;
		if (st->at < st->npend || outsz - w < 8) {
			/* pend is busy or out is short: end into pend. */
			n = transcode_end(st->t, st->pend + st->npend);
			st->npend += n;
			if (w < outsz)
				w += drain(st, out + w, outsz - w);
		} else
			w += transcode_end(st->t, out + w);
	}
	return (ssize_t)w;
}

static void
stage_close(void *arg)
{
	struct stage	*st = arg;

	if (st == NULL)
		return;
	transcode_free(st->t);
	free(st);
}

const struct source_stage transcode_stage_utf16 = {
	"utf-16", open_utf16, stage_run, stage_close
};
const struct source_stage transcode_stage_utf16le = {
	"utf-16le", open_utf16le, stage_run, stage_close
};
const struct source_stage transcode_stage_utf16be = {
	"utf-16be", open_utf16be, stage_run, stage_close
};
