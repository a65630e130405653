/*
 * Reading and merging job lists (see joblist.h).  A small JSON skipper:
 * it knows strings (with escapes), nesting and scalars well enough to find
 * where each value ends, with an explicit depth bound, and nothing else.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "joblist.h"

#define DEPTH_MAX	64

static const char *
ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return p;
}

/* p at '"': the byte after the closing quote, or NULL. */
static const char *
string_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\') {
			if (++p == end)
				return NULL;
		} else if (*p == '"')
			return p + 1;
		else if ((unsigned char)*p < 0x20)
			return NULL;
	}
	return NULL;
}

/* The byte after the value that starts at p, or NULL. */
static const char *
value_end(const char *p, const char *end)
{
	int	 depth = 0;

	p = ws(p, end);
	do {
		if (p == end)
			return NULL;
		switch (*p) {
		case '"':
			if ((p = string_end(p, end)) == NULL)
				return NULL;
			break;
		case '{':
		case '[':
			if (++depth > DEPTH_MAX)
				return NULL;
			p++;
			break;
		case '}':
		case ']':
			if (--depth < 0)
				return NULL;
			p++;
			break;
		case ',':
		case ':':
			if (depth == 0)
				return NULL;
			p++;
			break;
		default:
			if (!((*p >= '0' && *p <= '9') || *p == '-' ||
			    *p == '+' || *p == '.' || *p == 'e' || *p == 'E' ||
			    (*p >= 'a' && *p <= 'z') || *p == ' ' ||
			    *p == '\t' || *p == '\n' || *p == '\r'))
				return NULL;
			p++;
			/* A scalar at the top ends at its first non-scalar. */
			if (depth == 0)
				while (p < end && ((*p >= '0' && *p <= '9') ||
				    *p == '-' || *p == '+' || *p == '.' ||
				    (*p >= 'a' && *p <= 'z') || *p == 'E'))
					p++;
			break;
		}
	} while (depth > 0);
	return p;
}

/* Is the string token at [k, kend) exactly "name"? */
static int
key_is(const char *k, const char *kend, const char *name)
{
	size_t	 n = strlen(name);

	return (size_t)(kend - k) == n + 2 && memcmp(k + 1, name, n) == 0;
}

/*
 * Walk the members of the object at p (at '{'), calling fn(arg, key, kend,
 * value, vend) for each.  The byte after the object, or NULL.
 */
static const char *
members(const char *p, const char *end,
    int (*fn)(void *, const char *, const char *, const char *, const char *),
    void *arg)
{
	const char	*k, *kend, *v, *vend;

	p = ws(p + 1, end);
	if (p < end && *p == '}')
		return p + 1;
	for (;;) {
		if (p == end || *p != '"' || (kend = string_end(p, end)) == NULL)
			return NULL;
		k = p;
		p = ws(kend, end);
		if (p == end || *p != ':')
			return NULL;
		v = ws(p + 1, end);
		if ((vend = value_end(v, end)) == NULL)
			return NULL;
		if (fn != NULL && fn(arg, k, kend, v, vend) == -1)
			return NULL;
		p = ws(vend, end);
		if (p < end && *p == ',') {
			p = ws(p + 1, end);
			continue;
		}
		if (p < end && *p == '}')
			return p + 1;
		return NULL;
	}
}

/* A job object's member: keep "created". */
static int
job_member(void *arg, const char *k, const char *kend, const char *v,
    const char *vend)
{
	struct joblist_item	*it = arg;
	size_t			 n = (size_t)(vend - v);

	if (!key_is(k, kend, "created"))
		return 0;
	if (n == 4 && memcmp(v, "null", 4) == 0) {
		it->created[0] = '\0';
		return 0;
	}
	if (n < 2 || *v != '"' || n - 2 >= sizeof(it->created))
		return -1;
	memcpy(it->created, v + 1, n - 2);
	it->created[n - 2] = '\0';
	return 0;
}

/* The answer's members: "jobs" and "total"; others are passed over. */
static int
list_member(void *arg, const char *k, const char *kend, const char *v,
    const char *vend)
{
	struct joblist		*l = arg;
	struct joblist_item	*it;
	const char		*p, *e;
	char			 num[24];
	size_t			 n;

	if (key_is(k, kend, "total")) {
		n = (size_t)(vend - v);
		if (n == 0 || n >= sizeof(num) ||
		    strspn(v, "0123456789") < n)
			return -1;
		memcpy(num, v, n);
		num[n] = '\0';
		l->total = strtoll(num, NULL, 10);
		return 0;
	}
	if (!key_is(k, kend, "jobs"))
		return 0;
	if (*v != '[')
		return -1;
	p = ws(v + 1, vend);
	if (p < vend && *p == ']')
		return 0;
	for (;;) {
		if (p == vend || *p != '{' || l->n == JOBLIST_ITEMS_MAX)
			return -1;
		it = &l->items[l->n];
		memset(it, 0, sizeof(*it));
		if ((e = members(p, vend, job_member, it)) == NULL)
			return -1;
		it->off = (size_t)(p - l->body);
		it->len = (size_t)(e - p);
		l->n++;
		p = ws(e, vend);
		if (p < vend && *p == ',') {
			p = ws(p + 1, vend);
			continue;
		}
		return p < vend && *p == ']' ? 0 : -1;
	}
}

int
joblist_parse(const char *body, size_t len, struct joblist *l)
{
	const char	*end = body + len, *p;

	memset(l, 0, sizeof(*l));
	l->body = body;
	if ((l->items = calloc(JOBLIST_ITEMS_MAX, sizeof(*l->items))) == NULL)
		return -1;
	p = ws(body, end);
	if (p == end || *p != '{' ||
	    (p = members(p, end, list_member, l)) == NULL ||
	    ws(p, end) != end) {
		joblist_free(l);
		return -1;
	}
	return 0;
}

int
joblist_object(const char *s, size_t len)
{
	const char	*end = s + len, *p = ws(s, end);

	return p < end && *p == '{' && (p = members(p, end, NULL, NULL)) !=
	    NULL && ws(p, end) == end;
}

void
joblist_free(struct joblist *l)
{
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void
joblist_merge(const struct joblist *lists, size_t n, size_t offset,
    size_t limit, void (*fn)(void *, size_t, const struct joblist_item *),
    void *arg)
{
	size_t	*at, i, best, seen = 0, given = 0;

	if ((at = calloc(n ? n : 1, sizeof(*at))) == NULL)
		return;
	while (given < limit) {
		best = n;
		for (i = 0; i < n; i++) {
			if (at[i] >= lists[i].n)
				continue;
			/* ISO 8601 in UTC compares as text; newest first. */
			if (best == n || strcmp(lists[i].items[at[i]].created,
			    lists[best].items[at[best]].created) > 0)
				best = i;
		}
		if (best == n)
			break;
		if (seen++ >= offset) {
			fn(arg, best, &lists[best].items[at[best]]);
			given++;
		}
		at[best]++;
	}
	free(at);
}
