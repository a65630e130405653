/*
 * The streaming converter gives the same UTF-8 whatever the block sizes it
 * is fed in: every fixture (UTF-16 LE and BE with and without a mark,
 * surrogate pairs, unpaired surrogates, an odd final byte, latin-1 and
 * windows-1252 over all 256 bytes) is converted in every block size from 1
 * to its length and compared with the known UTF-8.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "transcode.h"

struct fixture {
	const char		*name;
	enum source_enc	 enc;
	const char		*in;
	size_t			 inlen;
	const char		*want;
	size_t			 wantlen;
};

/* Convert in, fed block bytes at a time, into a malloc'd buffer. */
static char *
convert(enum source_enc enc, const char *in, size_t len, size_t block,
    size_t *outlen)
{
	struct transcode	*t;
	char			*out;
	size_t			 n = 0, i, k;

	if ((t = transcode_new(enc)) == NULL ||
	    (out = malloc(TRANSCODE_OUT_MAX(len) + 16)) == NULL)
		exit(TH_ERROR);
	for (i = 0; i < len; i += k) {
		k = len - i < block ? len - i : block;
		n += transcode_block(t, in + i, k, out + n);
	}
	n += transcode_end(t, out + n);
	transcode_free(t);
	*outlen = n;
	return out;
}

#define S(x)	x, sizeof(x) - 1

int
main(void)
{
	static char	 all[256], latin1[512], cp1252[1024];
	struct fixture	 f[] = {
		{ "utf-16le bom", SOURCE_ENC_UTF16,
		  S("\xff\xfe" "a\0,\0\xe9\0\n\0" "1\0,\0\xac\x20\n\0"),
		  S("\xef\xbb\xbf" "a,\xc3\xa9\n1,\xe2\x82\xac\n") },
		{ "utf-16be bom", SOURCE_ENC_UTF16,
		  S("\xfe\xff" "\0a\0,\0\xe9\0\n" "\0\x31\0,\x20\xac\0\n"),
		  S("\xef\xbb\xbf" "a,\xc3\xa9\n1,\xe2\x82\xac\n") },
		{ "utf-16 no bom", SOURCE_ENC_UTF16,
		  S("k\0e\0y\0s\0,\0v\0a\0l\0u\0e\0\n\0"),
		  S("keys,value\n") },
		{ "utf-16le pair", SOURCE_ENC_UTF16LE,
		  S("x\0\x3d\xd8\x00\xdey\0"),
		  S("x\xf0\x9f\x98\x80y") },
		{ "utf-16be pair", SOURCE_ENC_UTF16BE,
		  S("\0x\xd8\x3d\xde\x00\0y"),
		  S("x\xf0\x9f\x98\x80y") },
		{ "utf-16le lone surrogates", SOURCE_ENC_UTF16LE,
		  S("\x3d\xd8" "a\0" "\x00\xde" "\x3d\xd8"),
		  S("\xef\xbf\xbd" "a" "\xef\xbf\xbd" "\xef\xbf\xbd") },
		{ "utf-16le odd byte", SOURCE_ENC_UTF16LE,
		  S("a\0b\0c"), S("ab\xef\xbf\xbd") },
		{ "utf-16le long ascii", SOURCE_ENC_UTF16LE,
		  S("d\0e\0p\0a\0r\0t\0m\0e\0n\0t\0,\0s\0\xe9\0l\0e\0s\0\n\0"),
		  S("department,s\xc3\xa9les\n") },
		{ "windows-1252 words", SOURCE_ENC_CP1252,
		  S("Caf\xe9,5\x80,\x93q\x94,\x9f\n"),
		  S("Caf\xc3\xa9,5\xe2\x82\xac,\xe2\x80\x9cq\xe2\x80\x9d,"
		    "\xc5\xb8\n") },
		{ "latin-1 all", SOURCE_ENC_LATIN1, all, 256, latin1, 0 },
		{ "windows-1252 all", SOURCE_ENC_CP1252, all, 256, cp1252, 0 },
		{ "utf-8 copy", SOURCE_ENC_UTF8, S("a\xc3\xa9"),
		  S("a\xc3\xa9") },
	};
	size_t		 i, j, block, n, k;
	char		*out;

	/* The whole-byte tables, built here the slow, obvious way. */
	for (i = 0; i < 256; i++)
		all[i] = (char)i;
	for (i = 0, n = 0, k = 0; i < 256; i++) {
		unsigned	 c = (unsigned)i;
		static const unsigned hi[32] = {
			0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020,
			0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
			0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
			0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
			0x153, 0x9d, 0x17e, 0x178
		};

		if (c < 0x80)
			latin1[n++] = (char)c;
		else {
			latin1[n++] = (char)(0xc0 | c >> 6);
			latin1[n++] = (char)(0x80 | (c & 0x3f));
		}
		if (c >= 0x80 && c < 0xa0)
			c = hi[c - 0x80];
		if (c < 0x80)
			cp1252[k++] = (char)c;
		else if (c < 0x800) {
			cp1252[k++] = (char)(0xc0 | c >> 6);
			cp1252[k++] = (char)(0x80 | (c & 0x3f));
		} else {
			cp1252[k++] = (char)(0xe0 | c >> 12);
			cp1252[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
			cp1252[k++] = (char)(0x80 | (c & 0x3f));
		}
	}
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (f[i].in == all)
			f[i].wantlen = f[i].want == latin1 ? n : k;
		for (block = 1; block <= f[i].inlen; block++) {
			out = convert(f[i].enc, f[i].in, f[i].inlen, block, &j);
			if (j != f[i].wantlen ||
			    memcmp(out, f[i].want, j) != 0)
				th_fail(__FILE__, __LINE__, "%s: block size "
				    "%zu gives %zu bytes, want %zu", f[i].name,
				    block, j, f[i].wantlen);
			CHECK(transcode_utf8_valid(out, j));
			free(out);
		}
	}
	/* The euro sign, one cell at a time, as the engine converts keys. */
	{
		char	 cell[16];

		n = transcode_cell(SOURCE_ENC_CP1252, "5\x80", 2, cell);
		CHECK(n == 4 && memcmp(cell, "5\xe2\x82\xac", 4) == 0);
		n = transcode_cell(SOURCE_ENC_LATIN1, "\x80\xe9", 2, cell);
		CHECK(n == 4 && memcmp(cell, "\xc2\x80\xc3\xa9", 4) == 0);
	}
	return 0;
}
