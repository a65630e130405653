/*
 * utf8_cut() never cuts inside a character and keeps as many whole
 * characters as fit, at every limit over text mixing 1- to 4-byte
 * characters and invalid bytes (which count as one character each).
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "utf8.h"

/* Character starts (1) of s: "a" "é" "€" "😀" 0xff "b". */
static const char	 s[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff" "b";
static const int	 start[] = { 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1 };

int
main(void)
{
	size_t	 len = sizeof(s) - 1, max, n, k;

	CHECK(sizeof(start) / sizeof(start[0]) == len + 1);
	for (max = 0; max <= len + 2; max++) {
		n = utf8_cut(s, len, max);
		if (n > max || n > len || !start[n])
			th_fail(__FILE__, __LINE__, "max %zu: cut at %zu", max,
			    n);
		/* Maximal: the next boundary is past max. */
		for (k = n + 1; k <= len && !start[k]; k++)
			continue;
		if (n < len && k <= max)
			th_fail(__FILE__, __LINE__, "max %zu: cut at %zu, "
			    "%zu fits", max, n, k);
	}
	CHECK(utf8_char("\xc3\xa9", 2) == 2);
	CHECK(utf8_char("\xc3\xa9", 1) == 0);
	CHECK(utf8_char("\xed\x9f\xbf", 3) == 3);	/* U+D7FF */
	CHECK(utf8_char("\xed\xa0\x80", 3) == 0);	/* U+D800 */
	CHECK(utf8_char("\xf4\x8f\xbf\xbf", 4) == 4);	/* U+10FFFF */
	CHECK(utf8_char("\xc1\xbf", 2) == 0);		/* overlong */
	return 0;
}
