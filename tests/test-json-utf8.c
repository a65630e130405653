/*
 * json_strn() always writes valid UTF-8: valid characters of every length
 * are kept, bytes that are not UTF-8 (stray continuations, overlongs,
 * surrogates, past U+10FFFF, a character cut short) become \ufffd each,
 * NUL and the other control characters are escaped and never cut.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json.h"
#include "utf8.h"

static const struct {
	const char	*in;
	size_t		 len;
	const char	*want;
} cases[] = {
	{ "abc", 3, "\"abc\"" },
	{ "3\0", 2, "\"3\\u0000\"" },
	{ "a\0b\0", 4, "\"a\\u0000b\\u0000\"" },
	{ "\"\\\n\r\t\x01\x1f\x7f", 8,
	    "\"\\\"\\\\\\n\\r\\t\\u0001\\u001f\\u007f\"" },
	{ "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9,
	    "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"" },
	{ "\xff\xfe", 2, "\"\\ufffd\\ufffd\"" },
	{ "a\x80z", 3, "\"a\\ufffdz\"" },
	{ "\xc0\xaf", 2, "\"\\ufffd\\ufffd\"" },		/* overlong / */
	{ "\xe0\x80\xaf", 3, "\"\\ufffd\\ufffd\\ufffd\"" },
	{ "\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"" },	/* surrogate */
	{ "\xf4\x90\x80\x80", 4,
	    "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },		/* > U+10FFFF */
	{ "x\xe2\x82", 3, "\"x\\ufffd\\ufffd\"" },		/* cut short */
	{ "\xf0\x9f\x98", 3, "\"\\ufffd\\ufffd\\ufffd\"" },
};

int
main(void)
{
	char	*buf = NULL;
	size_t	 len = 0, i, k;
	FILE	*f;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if ((f = open_memstream(&buf, &len)) == NULL)
			return TH_ERROR;
		CHECK(json_strn(f, cases[i].in, cases[i].len) == 0);
		fclose(f);
		if (len != strlen(cases[i].want) ||
		    memcmp(buf, cases[i].want, len) != 0)
			th_fail(__FILE__, __LINE__, "case %zu: got %s, want %s",
			    i, buf, cases[i].want);
		for (k = 0; k < len; k += utf8_char(buf + k, len - k))
			if (utf8_char(buf + k, len - k) == 0)
				th_fail(__FILE__, __LINE__, "case %zu: invalid "
				    "UTF-8 at %zu", i, k);
		free(buf);
		buf = NULL;
	}
	return 0;
}
