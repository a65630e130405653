/*
 * Query parsing and binding.  The grammar is small:
 *
 *	groups	= column *("," column)
 *	aggs	= agg *("," agg)
 *	agg	= "count" / kind ":" column
 *	kind	= "count" / "sum" / "min" / "max" / "mean"
 *
 * A column is a header name (matched after folding case, spaces, dashes and
 * underscores) or a 1-based number.  This file checks and binds; it does not
 * aggregate.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "header.h"
#include "query.h"

const char *const agg_kind_names[AGG__MAX] = {
	"count", "sum", "min", "max", "mean",
};

/*
 * Split text at commas into items, trimming spaces.  Returns the number of
 * items, or -1 with err set if one is empty or there are more than max.
 * Items point into buf, which must hold TALLY_SPEC_MAX bytes.
 */
static int
split(const char *text, const char *what, char *buf, char **items, size_t max,
    char *err, size_t errsz)
{
	size_t	 n = 0, len = strlen(text);
	char	*p, *next;

	if (len >= TALLY_SPEC_MAX) {
		snprintf(err, errsz, "%s: longer than %d characters", what,
		    TALLY_SPEC_MAX - 1);
		return -1;
	}
	memcpy(buf, text, len + 1);
	for (p = buf; p != NULL; p = next) {
		char	*end;

		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		while (*p == ' ')
			p++;
		end = p + strlen(p);
		while (end > p && end[-1] == ' ')
			*--end = '\0';
		if (*p == '\0') {
			snprintf(err, errsz, "%s: empty item in \"%.64s\"",
			    what, text);
			return -1;
		}
		if (n == max) {
			snprintf(err, errsz, "%s: more than %zu items", what,
			    max);
			return -1;
		}
		items[n++] = p;
	}
	return (int)n;
}

/* Parse one agg item into kind and column text (NULL for count of rows). */
static int
parse_agg(char *item, enum agg_kind *kind, char **col, char *err, size_t errsz)
{
	char	*colon = strchr(item, ':');
	size_t	 i;

	if (colon != NULL)
		*colon = '\0';
	for (i = 0; i < AGG__MAX; i++)
		if (strcasecmp(item, agg_kind_names[i]) == 0)
			break;
	if (i == AGG__MAX) {
		snprintf(err, errsz, "unknown aggregate \"%.32s\"; use count, "
		    "sum, min, max or mean", item);
		return -1;
	}
	*kind = (enum agg_kind)i;
	*col = NULL;
	if (colon != NULL) {
		*col = colon + 1;
		while (**col == ' ')
			(*col)++;
		if (**col == '\0') {
			snprintf(err, errsz, "aggregate \"%s:\" names no "
			    "column", item);
			return -1;
		}
	} else if (*kind != AGG_COUNT) {
		snprintf(err, errsz, "aggregate \"%s\" needs a column, as in "
		    "%s:number_of_sales", item, item);
		return -1;
	}
	return 0;
}

int
query_check(const char *groups, const char *aggs, char *err, size_t errsz)
{
	char		 buf[TALLY_SPEC_MAX], *items[TALLY_AGGS_MAX];
	enum agg_kind	 kind;
	char		*col;
	int		 n, i;

	if (groups != NULL && split(groups, "group_by", buf, items,
	    TALLY_GROUP_COLS_MAX, err, errsz) < 0)
		return -1;
	if (aggs == NULL)
		return 0;
	if ((n = split(aggs, "agg", buf, items, TALLY_AGGS_MAX, err,
	    errsz)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (parse_agg(items[i], &kind, &col, err, errsz) < 0)
			return -1;
	return 0;
}

/* Output name: kind, "_", the column name in lower snake case. */
static void
agg_name(struct query_agg *a, const char *colname)
{
	size_t	 n;
	int	 under = 0;

	if (colname == NULL) {
		snprintf(a->name, sizeof(a->name), "%s",
		    agg_kind_names[a->kind]);
		return;
	}
	n = (size_t)snprintf(a->name, sizeof(a->name), "%s_",
	    agg_kind_names[a->kind]);
	for (; *colname != '\0' && n + 1 < sizeof(a->name); colname++) {
		unsigned char	 c = (unsigned char)*colname;

		if (c == ' ' || c == '-' || c == '_' || c == '\t') {
			under = 1;
			continue;
		}
		if (under && a->name[n - 1] != '_')
			a->name[n++] = '_';
		under = 0;
		if (n + 1 < sizeof(a->name))
			a->name[n++] = (char)tolower(c);
	}
	a->name[n] = '\0';
}

int
query_bind(struct query *q, const char *groups, const char *aggs,
    const struct header *h, char *err, size_t errsz)
{
	char		 buf[TALLY_SPEC_MAX], *items[TALLY_AGGS_MAX];
	char		 scratch[TALLY_ERR_MAX];
	enum agg_kind	 kind;
	char		*colname;
	int		 n, i, col;
	size_t		 v;

	memset(q, 0, sizeof(*q));

	if (groups == NULL) {
		/* The classic sales job: "department" or "Department Name". */
		if ((col = header_find(h, QUERY_DEFAULT_GROUPS, scratch,
		    sizeof(scratch))) < 0 && (col = header_find(h,
		    QUERY_DEFAULT_GROUPS_ALT, scratch, sizeof(scratch))) < 0) {
			char	 list[TALLY_ERR_MAX / 2];

			header_list(h, list, sizeof(list));
			snprintf(err, errsz, "no \"department\" or \"Department "
			    "Name\" column to group by by default (name one "
			    "with group_by); the header has: %s", list);
			return -1;
		}
		q->keys[q->nkeys++] = col;
	} else {
		if ((n = split(groups, "group_by", buf, items,
		    TALLY_GROUP_COLS_MAX, err, errsz)) < 0)
			return -1;
		for (i = 0; i < n; i++) {
			if ((col = header_find(h, items[i], err, errsz)) < 0)
				return -1;
			q->keys[q->nkeys++] = col;
		}
	}

	if ((n = split(aggs != NULL ? aggs : QUERY_DEFAULT_AGGS, "agg", buf,
	    items, TALLY_AGGS_MAX, err, errsz)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct query_agg	*a = &q->aggs[q->naggs++];

		if (parse_agg(items[i], &kind, &colname, err, errsz) < 0)
			return -1;
		a->kind = kind;
		a->col = -1;
		a->val = -1;
		if (colname != NULL) {
			if ((col = header_find(h, colname, scratch,
			    sizeof(scratch))) < 0) {
				snprintf(err, errsz, "%s", scratch);
				return -1;
			}
			a->col = col;
			for (v = 0; v < q->nvals; v++)
				if (q->vals[v] == col)
					break;
			if (v == q->nvals)
				q->vals[q->nvals++] = col;
			a->val = (int)v;
		}
		agg_name(a, a->col < 0 ? NULL : h->names[a->col]);
	}
	return 0;
}
