/*
 * Routes as data: a request's method and path are matched against one
 * table of (method, pattern, handler) rows, which also yields 404 (no
 * pattern matches the path) and 405 with the Allow header (a pattern
 * matches, but not for this method).  A pattern is literal segments and
 * {id}, which matches one non-empty segment; the caller checks its form.
 * This file only matches: it knows no handler and no HTTP output.
 */
#ifndef TALLY_ROUTE_H
#define TALLY_ROUTE_H

#include <stddef.h>

#define ROUTE_ARG_MAX	64	/* the longest {id} segment kept */

struct route {
	const char	*method;	/* "GET", "POST", ... */
	const char	*pattern;	/* "/api/jobs/{id}/cancel" */
	int		 handler;	/* the caller's enum */
};

enum route_found {
	ROUTE_FOUND,		/* *which is the row */
	ROUTE_NO_PATH,		/* 404 */
	ROUTE_NO_METHOD,	/* 405; allow lists the methods */
	ROUTE__MAX
};

/*
 * Match method and path against the n rows of table.  One trailing slash
 * of path is ignored.  On ROUTE_FOUND *which is the row's index and arg
 * holds the {id} segment ("" if the pattern has none, or if it is longer
 * than ROUTE_ARG_MAX - 1 bytes, which no valid id is).  On ROUTE_NO_METHOD
 * allow gets "GET, DELETE" (the methods of every row whose pattern
 * matched, in table order, without repeats).
 */
enum route_found route_find(const struct route *table, size_t n,
		    const char *method, const char *path, size_t *which,
		    char arg[ROUTE_ARG_MAX], char *allow, size_t allowsz);

#endif /* TALLY_ROUTE_H */
