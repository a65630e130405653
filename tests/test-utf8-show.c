/*
 * utf8_show() makes a message's copy of a value: NUL and control
 * characters are shown as \u0000, invalid bytes as U+FFFD, and a copy too
 * long for its buffer is cut between characters and ends in "...", for
 * every buffer size.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "utf8.h"

static const char	 v[] = "3\0\x01\xc3\xa9\xff\xe2\x82\xac" "z";
static const char	 full[] = "3\\u0000\\u0001\xc3\xa9\xef\xbf\xbd"
    "\xe2\x82\xac" "z";

int
main(void)
{
	char	 buf[64];
	size_t	 sz, n, k;

	n = utf8_show(buf, sizeof(buf), v, sizeof(v) - 1);
	CHECK_STR(buf, full);
	CHECK(n == strlen(full));
	for (sz = 8; sz <= sizeof(full); sz++) {
		n = utf8_show(buf, sz, v, sizeof(v) - 1);
		CHECK(n < sz && buf[n] == '\0');
		CHECK(n >= 3 && strcmp(buf + n - 3, "...") == 0);
		/* A prefix of the full copy, ending between characters. */
		CHECK(memcmp(buf, full, n - 3) == 0);
		for (k = 0; k < n; k += utf8_char(buf + k, n - k))
			if (utf8_char(buf + k, n - k) == 0)
				th_fail(__FILE__, __LINE__, "size %zu: not "
				    "UTF-8 at %zu", sz, k);
	}
	return 0;
}
