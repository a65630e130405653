/*
 * Credentials from request headers (see cred.h).  Each scan is bounded by
 * the header's NUL and the caller's buffer.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "cred.h"

int
cred_cookie(const char *header, const char *name, char *buf, size_t sz)
{
	const char	*p = header, *v, *e;
	size_t		 nlen = strlen(name), vlen;

	if (p == NULL || sz == 0)
		return 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			v = p + nlen + 1;
			e = v + strcspn(v, ";");
			while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			if (e - v >= 2 && *v == '"' && e[-1] == '"')
				v++, e--;
			vlen = (size_t)(e - v);
			if (vlen >= sz)
				return 0;
			memcpy(buf, v, vlen);
			buf[vlen] = '\0';
			return 1;
		}
		p += strcspn(p, ";");
	}
	return 0;
}

/* RFC 7235 token68: ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/", "=" */
static int
token68(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("-._~+/=", c) != NULL;
}

int
cred_bearer(const char *header, char *buf, size_t sz)
{
	const char	*p = header;
	size_t		 n = 0;

	if (p == NULL)
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return 0;
	if (strncasecmp(p, "Bearer", 6) != 0 || (p[6] != ' ' && p[6] != '\t'))
		return -1;
	p += 6;
	while (*p == ' ' || *p == '\t')
		p++;
	while (*p != '\0' && *p != ' ' && *p != '\t') {
		if (!token68(*p) || n + 1 >= sz)
			return -1;
		buf[n++] = *p++;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (n == 0 || *p != '\0')
		return -1;
	buf[n] = '\0';
	return 1;
}
