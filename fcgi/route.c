/*
 * Route matching (see route.h).  Paths are compared segment by segment,
 * in place, with no copies and no allocation.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "route.h"

/*
 * Does path (len bytes) match pattern?  If so, copy the {id} segment into
 * arg (or "" if too long).
 */
static int
match(const char *pattern, const char *path, size_t len,
    char arg[ROUTE_ARG_MAX])
{
	const char	*p = pattern, *q = path, *end = path + len;
	size_t		 pn, qn;

	arg[0] = '\0';
	for (;;) {
		if (*p == '\0' || q == end)
			return *p == '\0' && q == end;
		if (*p != '/' || *q != '/')
			return 0;
		p++, q++;
		pn = strcspn(p, "/");
		for (qn = 0; q + qn < end && q[qn] != '/'; qn++)
			continue;
		if (pn == 4 && strncmp(p, "{id}", 4) == 0) {
			if (qn == 0)
				return 0;
			if (qn < ROUTE_ARG_MAX) {
				memcpy(arg, q, qn);
				arg[qn] = '\0';
			}
		} else if (pn != qn || strncmp(p, q, pn) != 0)
			return 0;
		p += pn;
		q += qn;
	}
}

enum route_found
route_find(const struct route *table, size_t n, const char *method,
    const char *path, size_t *which, char arg[ROUTE_ARG_MAX], char *allow,
    size_t allowsz)
{
	char	 a[ROUTE_ARG_MAX];
	size_t	 i, j, len = strlen(path), used = 0;
	int	 seen = 0, dup;

	if (len > 1 && path[len - 1] == '/')
		len--;
	if (allowsz > 0)
		allow[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!match(table[i].pattern, path, len, a))
			continue;
		if (strcmp(table[i].method, method) == 0) {
			*which = i;
			memcpy(arg, a, sizeof(a));
			return ROUTE_FOUND;
		}
		for (dup = 0, j = 0; j < i && !dup; j++)
			dup = strcmp(table[j].method, table[i].method) == 0 &&
			    match(table[j].pattern, path, len, a);
		if (dup)
			continue;
		if (used < allowsz) {
			int	 w = snprintf(allow + used, allowsz - used,
				    "%s%s", seen ? ", " : "", table[i].method);

			if (w > 0)
				used += (size_t)w;
		}
		seen = 1;
	}
	return seen ? ROUTE_NO_METHOD : ROUTE_NO_PATH;
}
