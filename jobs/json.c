/*
 * JSON strings (see json.h).  Valid UTF-8 is copied as it is (JSON allows
 * it raw), so names and keys in any script read naturally in the files.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

int
json_strn(FILE *f, const char *s, size_t len)
{
	size_t	 i = 0, k;

	if (fputc('"', f) == EOF)
		return -1;
	while (i < len) {
		unsigned char	 c = (unsigned char)s[i];

		/* A run of printable ASCII needs no escape: one write. */
		for (k = i; k < len && (unsigned char)s[k] >= 0x20 &&
		    (unsigned char)s[k] < 0x7f && s[k] != '"' && s[k] != '\\';
		    k++)
			continue;
		if (k > i) {
			fwrite(s + i, 1, k - i, f);
			i = k;
			continue;
		}
		k = 1;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else if (c < 0x80)
			fputc(c, f);
		else if ((k = utf8_char(s + i, len - i)) == 0) {
			fputs("\\ufffd", f);
			k = 1;
		} else
			fwrite(s + i, 1, k, f);
		i += k;
	}
	if (fputc('"', f) == EOF)
		return -1;
	return ferror(f) ? -1 : 0;
}

int
json_str(FILE *f, const char *s)
{
	return json_strn(f, s, strlen(s));
}
