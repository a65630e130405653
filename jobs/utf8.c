/*
 * UTF-8 boundaries and printable copies (see utf8.h).  The validation is
 * RFC 3629's table: what a JSON parser or a browser accepts, so that what
 * tally passes on unchanged is valid everywhere.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

size_t
utf8_char(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xbf;
	size_t			 n, i;

	if (len == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		n = 2;
	else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		n = 3;
		if (u[0] == 0xe0)
			lo = 0xa0;		/* overlong */
		else if (u[0] == 0xed)
			hi = 0x9f;		/* surrogates */
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		n = 4;
		if (u[0] == 0xf0)
			lo = 0x90;		/* overlong */
		else if (u[0] == 0xf4)
			hi = 0x8f;		/* past U+10FFFF */
	} else
		return 0;
	if (len < n)
		return 0;
	if (u[1] < lo || u[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (u[i] < 0x80 || u[i] > 0xbf)
			return 0;
	return n;
}

size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	size_t	 i = 0, k;

	if (len <= max)
		return len;
	while (i < len) {
		if ((k = utf8_char(s + i, len - i)) == 0)
			k = 1;
		if (i + k > max)
			break;
		i += k;
	}
	return i;
}

size_t
utf8_show(char *dst, size_t sz, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	char			 one[8];
	size_t			 i = 0, n = 0, k, w;

	if (sz == 0)
		return 0;
	while (i < len) {
		if (u[i] < 0x20 || u[i] == 0x7f) {
			snprintf(one, sizeof(one), "\\u%04x", u[i]);
			w = 6;
			k = 1;
		} else if ((k = utf8_char(s + i, len - i)) == 0) {
			memcpy(one, "\xef\xbf\xbd", 3);	/* U+FFFD */
			w = 3;
			k = 1;
		} else {
			memcpy(one, s + i, k);
			w = k;
		}
		/*
		 * Room for this and for "..." if anything follows: so when
		 * a character does not fit, "..." still does.
		 */
		if (n + w + (i + k < len ? 3 : 0) >= sz) {
			if (n + 3 < sz) {
				memcpy(dst + n, "...", 3);
				n += 3;
			}
			break;
		}
		memcpy(dst + n, one, w);
		n += w;
		i += k;
	}
	dst[n] = '\0';
	return n;
}
