/*
 * Download names (see download.h).  Pure string work: bounded buffers, no
 * allocation.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "download.h"

/* The length of the UTF-8 character at s (n bytes left), or 0 if bad. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t		 len, k;
	unsigned	 c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[k] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	return len;
}

/* Whether the stem ends in suffix (ASCII, any case); drop it if so. */
static int
drop_suffix(char *s, size_t *n, const char *suffix)
{
	size_t	 k = strlen(suffix), i;

	if (*n < k)
		return 0;
	for (i = 0; i < k; i++) {
		char	 c = s[*n - k + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return 0;
	}
	*n -= k;
	s[*n] = '\0';
	return 1;
}

void
download_stem(const char *name, char *ascii, char *pct)
{
	static const char	 hex[] = "0123456789ABCDEF";
	static const char	 attr[] = "!#$&+-.^_`|~";
	const unsigned char	*p;
	const char		*base, *slash;
	char			 stem[DOWNLOAD_STEM_MAX + 1];
	size_t			 n = 0, len, i, a = 0, q = 0;
	int			 space = 0;

	/* The last path component: browsers send C:\path\name too. */
	base = name;
	if ((slash = strrchr(base, '/')) != NULL)
		base = slash + 1;
	if ((slash = strrchr(base, '\\')) != NULL)
		base = slash + 1;
	p = (const unsigned char *)base;
	len = strlen(base);
	for (i = 0; i < len; ) {
		size_t	 cl = utf8_len(p + i, len - i);
		char	 c;

		if (cl == 0) {
			i++;		/* not UTF-8: dropped */
			continue;
		}
		if (cl > 1) {
			if (n + cl > DOWNLOAD_STEM_MAX)
				break;
			memcpy(stem + n, p + i, cl);
			n += cl;
			i += cl;
			space = 0;
			continue;
		}
		c = (char)p[i++];
		if (c == ' ' || c == '\t') {
			if (space || n == 0)
				continue;
			space = 1;
			c = ' ';
		} else {
			space = 0;
			if ((unsigned char)c < 0x20 || c == 0x7f ||
			    strchr("/\\:*?\"<>|%;", c) != NULL)
				c = '_';
		}
		if (n + 1 > DOWNLOAD_STEM_MAX)
			break;
		stem[n++] = c;
	}
	stem[n] = '\0';
	while (n > 0 && stem[n - 1] == ' ')
		stem[--n] = '\0';
	while (drop_suffix(stem, &n, ".gz") || drop_suffix(stem, &n, ".zst"))
		continue;
	if (!drop_suffix(stem, &n, ".csv") && !drop_suffix(stem, &n, ".tsv"))
		(void)drop_suffix(stem, &n, ".txt");
	while (n > 0 && (stem[n - 1] == ' ' || stem[n - 1] == '.'))
		stem[--n] = '\0';
	for (i = 0; i < n && (stem[i] == '.' || stem[i] == ' '); i++)
		continue;
	if (i == n) {
		snprintf(stem, sizeof(stem), "result");
		i = 0;
		n = strlen(stem);
	}
	for (; i < n; i++) {
		unsigned char	 c = (unsigned char)stem[i];

		if (c >= 0x80) {
			/* One "_" per character, on its lead byte. */
			if ((c & 0xc0) != 0x80)
				ascii[a++] = '_';
		} else
			ascii[a++] = (char)c;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c != 0 && strchr(attr, c)))
			pct[q++] = (char)c;
		else {
			pct[q++] = '%';
			pct[q++] = hex[c >> 4];
			pct[q++] = hex[c & 15];
		}
	}
	ascii[a] = '\0';
	pct[q] = '\0';
}

/* Each served file and the end of its download name. */
static const char *const suffixes[][2] = {
	{ "result.csv", "totals.csv" },
	{ "result.json", "totals.json" },
	{ "result.parquet", "totals.parquet" },
	{ "rejects.csv", "rejects.csv" },
};

int
download_name(const char *name, const char *file, char *ascii, char *pct)
{
	char	 a[DOWNLOAD_TEXT_MAX], p[DOWNLOAD_TEXT_MAX];
	size_t	 i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (strcmp(file, suffixes[i][0]) == 0)
			break;
	if (i == sizeof(suffixes) / sizeof(suffixes[0]))
		return -1;
	download_stem(name, a, p);
	snprintf(ascii, DOWNLOAD_NAME_MAX, "%s.%s", a, suffixes[i][1]);
	snprintf(pct, DOWNLOAD_NAME_MAX, "%s.%s", p, suffixes[i][1]);
	return 0;
}
