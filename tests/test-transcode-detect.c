/*
 * auto: a byte-order mark decides (UTF-8, UTF-16 LE, UTF-16 BE); without
 * one, valid UTF-8 in the first 64 KiB is UTF-8 (a character cut by the
 * 64 KiB window too), anything else windows-1252, and ASCII with a NUL in
 * every other byte UTF-16.  Encoding names parse with their aliases.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "transcode.h"

#define D(s, eof)	transcode_detect(s, sizeof(s) - 1, eof)

int
main(void)
{
	char	*big;

	CHECK(D("\xef\xbb\xbf" "a,b\n", 1) == SOURCE_ENC_UTF8);
	CHECK(D("\xff\xfe" "a\0", 1) == SOURCE_ENC_UTF16LE);
	CHECK(D("\xfe\xff" "\0a", 1) == SOURCE_ENC_UTF16BE);
	CHECK(D("a\0,\0b\0\n\0", 1) == SOURCE_ENC_UTF16LE);
	CHECK(D("\0a\0,\0b\0\n", 1) == SOURCE_ENC_UTF16BE);
	CHECK(D("d,n\nCaf\xc3\xa9,1\n", 1) == SOURCE_ENC_UTF8);
	CHECK(D("d,n\nCaf\xe9,1\n", 1) == SOURCE_ENC_CP1252);
	CHECK(D("d,n\n5\x80,1\n", 1) == SOURCE_ENC_CP1252);
	CHECK(D("d,n\n\xed\xa0\x80,1\n", 1) == SOURCE_ENC_CP1252);
	CHECK(D("d,n\n\xc0\xaf,1\n", 1) == SOURCE_ENC_CP1252);
	CHECK(D("plain ascii\n", 1) == SOURCE_ENC_UTF8);
	/* A cut character is fine only where the input goes on. */
	CHECK(D("d,n\nCaf\xc3", 0) == SOURCE_ENC_UTF8);
	CHECK(D("d,n\nCaf\xc3", 1) == SOURCE_ENC_CP1252);

	/* Only the first 64 KiB count, and a character cut there is fine. */
	if ((big = malloc(TRANSCODE_SNIFF + 16)) == NULL)
		return TH_ERROR;
	memset(big, 'a', TRANSCODE_SNIFF + 16);
	memcpy(big + TRANSCODE_SNIFF - 1, "\xe2\x82\xac", 3);
	CHECK(transcode_detect(big, TRANSCODE_SNIFF + 16, 1) ==
	    SOURCE_ENC_UTF8);
	big[TRANSCODE_SNIFF + 5] = '\xe9';
	CHECK(transcode_detect(big, TRANSCODE_SNIFF + 16, 1) ==
	    SOURCE_ENC_UTF8);
	big[TRANSCODE_SNIFF - 5] = '\xe9';
	CHECK(transcode_detect(big, TRANSCODE_SNIFF + 16, 1) ==
	    SOURCE_ENC_CP1252);
	free(big);

	CHECK(transcode_resolve(SOURCE_ENC_UTF16, "\xfe\xff", 2, 1) ==
	    SOURCE_ENC_UTF16BE);
	CHECK(transcode_resolve(SOURCE_ENC_UTF16, "a\0", 2, 1) ==
	    SOURCE_ENC_UTF16LE);
	CHECK(transcode_resolve(SOURCE_ENC_LATIN1, "\xef\xbb\xbf", 3, 1) ==
	    SOURCE_ENC_LATIN1);
	CHECK(transcode_parse("windows-1252") == SOURCE_ENC_CP1252);
	CHECK(transcode_parse("CP1252") == SOURCE_ENC_CP1252);
	CHECK(transcode_parse("Latin-1") == SOURCE_ENC_LATIN1);
	CHECK(transcode_parse("utf-16") == SOURCE_ENC_UTF16);
	CHECK(transcode_parse("auto") == SOURCE_ENC_AUTO);
	CHECK(transcode_parse("ebcdic") == -1);
	CHECK(transcode_utf8_valid("\xf4\x8f\xbf\xbf", 4));
	CHECK(!transcode_utf8_valid("\xf4\x90\x80\x80", 4));
	CHECK(!transcode_utf8_valid("\xe0\x80\x80", 3));
	return 0;
}
