/*
 * Query parsing and binding.  The grammar is small:
 *
 *	groups	= column *("," column)
 *	aggs	= agg *("," agg)
 *	agg	= "count" / kind ":" column / "quantile:" column ":" q
 *	kind	= "count" / "sum" / "min" / "max" / "mean" / "distinct" /
 *		  "approx_distinct" / "median" / "p" 1*2DIGIT / "stddev" /
 *		  "var"
 *	q	= a decimal number from 0 to 1 ("0.999")
 *
 * A column is a header name (matched after folding case, spaces, dashes and
 * underscores) or a 1-based number.  This file checks and binds; it does not
 * aggregate.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "header.h"
#include "query.h"
#include "utf8.h"

const char *const agg_kind_names[AGG__MAX] = {
	"count", "sum", "min", "max", "mean", "distinct", "approx_distinct",
	"quantile", "stddev", "var",
};

/* What each kind asks of its column's cells. */
static const unsigned kind_needs[AGG__MAX] = {
	QUERY_NEED_CELLS,
	QUERY_NEED_NUMBER | QUERY_NEED_SUM,
	QUERY_NEED_TEXT | QUERY_NEED_EXTREMES | QUERY_NEED_MINMAX,
	QUERY_NEED_TEXT | QUERY_NEED_EXTREMES | QUERY_NEED_MINMAX,
	QUERY_NEED_NUMBER | QUERY_NEED_SUM,
	QUERY_NEED_TEXT | QUERY_NEED_DISTINCT,
	QUERY_NEED_TEXT | QUERY_NEED_HLL,
	QUERY_NEED_NUMBER | QUERY_NEED_KLL,
	QUERY_NEED_NUMBER | QUERY_NEED_SQ | QUERY_NEED_SUM,
	QUERY_NEED_NUMBER | QUERY_NEED_SQ | QUERY_NEED_SUM,
};

int
query_additive(enum agg_kind k)
{
	return k != AGG_DISTINCT && k != AGG_APPROX_DISTINCT &&
	    k != AGG_QUANTILE;
}

/*
 * The q of "quantile:COL:Q": digits with at most one point, from 0 to 1.
 * Returns 0, or -1 if text is not such a number.
 */
static int
parse_q(const char *text, double *q)
{
	const char	*p;
	char		*end;
	int		 dot = 0, digits = 0;

	for (p = text; *p != '\0'; p++) {
		if (*p == '.' && !dot)
			dot = 1;
		else if (*p >= '0' && *p <= '9')
			digits++;
		else
			return -1;
	}
	if (digits == 0 || p - text > 20)
		return -1;
	*q = strtod(text, &end);
	return *q >= 0 && *q <= 1 ? 0 : -1;
}

/*
 * Split text at commas into items, trimming spaces.  A comma inside double
 * quotes does not split, so a column named "Revenue, EUR" can be written
 * "\"Revenue, EUR\"" (a quote inside is doubled, as in CSV and --where);
 * the quotes stay in the item for unquote().  Returns the number of items,
 * or -1 with err set if one is empty, a quote is not closed or there are
 * more than max.  Items point into buf, which must hold TALLY_SPEC_MAX
 * bytes.
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
		int	 quoted = 0;

		for (next = p; *next != '\0'; next++)
			if (*next == '"')
				quoted = !quoted;
			else if (*next == ',' && !quoted)
				break;
		if (quoted) {
			snprintf(err, errsz, "%s: a quote is not closed in "
			    "\"%.*s\"", what, (int)utf8_cut(text,
			    strlen(text), 64), text);
			return -1;
		}
		if (*next == ',')
			*next++ = '\0';
		else
			next = NULL;
		while (*p == ' ')
			p++;
		end = p + strlen(p);
		while (end > p && end[-1] == ' ')
			*--end = '\0';
		if (*p == '\0') {
			snprintf(err, errsz, "%s: empty item in \"%.*s\"",
			    what, (int)utf8_cut(text, strlen(text), 64), text);
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

/*
 * If s starts with a double quote, decode the quoted name in place ("" is
 * one quote) and set *rest to what follows the closing quote; otherwise
 * leave s alone and set *rest to NULL.  Returns -1 with err set if the
 * quoted name is empty (split() has already checked the quotes close).
 */
static int
unquote(char *s, char **rest, char *err, size_t errsz)
{
	char	*r, *w;

	*rest = NULL;
	if (*s != '"')
		return 0;
	for (r = s + 1, w = s; *r != '\0'; r++) {
		if (*r == '"') {
			if (r[1] != '"')
				break;
			r++;
		}
		*w++ = *r;
	}
	*w = '\0';
	*rest = *r == '"' ? r + 1 : r;
	if (*s == '\0') {
		snprintf(err, errsz, "an empty quoted column name");
		return -1;
	}
	return 0;
}

/*
 * After an unknown column: if a header name starts with spec and a comma,
 * the list split it there, so say how to write it.  err keeps its message.
 */
static void
comma_hint(const struct header *h, const char *spec, char *err, size_t errsz)
{
	size_t	 i, len = strlen(spec), used = strlen(err);

	for (i = 0; i < h->ncols; i++)
		if (strncmp(h->names[i], spec, len) == 0 &&
		    strchr(h->names[i] + len, ',') != NULL)
			break;
	if (i == h->ncols || used + 1 >= errsz)
		return;
	snprintf(err + used, errsz - used, "; a name with a comma goes in "
	    "double quotes, as in \"%.*s\"", (int)utf8_cut(h->names[i],
	    strlen(h->names[i]), 64), h->names[i]);
}

/* A group item: a name, a number, or a quoted name and nothing after. */
static int
group_item(char *item, char *err, size_t errsz)
{
	char	*rest;

	if (unquote(item, &rest, err, errsz) == -1)
		return -1;
	if (rest != NULL && *rest != '\0') {
		snprintf(err, errsz, "group_by: \"%.*s\" follows the quoted "
		    "column name \"%.*s\"", (int)utf8_cut(rest, strlen(rest),
		    32), rest, (int)utf8_cut(item, strlen(item), 64), item);
		return -1;
	}
	return 0;
}

/*
 * Parse one agg item into kind, quantile, name prefix and column text (NULL
 * for count of rows).  The prefix is what names the output column:
 * "median", "p90", "quantile_0.999" or the kind's own name.
 */
static int
parse_agg(char *item, enum agg_kind *kind, double *q, char *prefix,
    size_t prefixsz, char **col, char *err, size_t errsz)
{
	char	*colon = strchr(item, ':'), *last, *c = NULL, *rest = NULL;
	size_t	 i;

	if (colon != NULL) {
		*colon = '\0';
		for (c = colon + 1; *c == ' '; c++)
			continue;
		if (unquote(c, &rest, err, errsz) == -1)
			return -1;
	}
	*q = 0;
	for (i = 0; i < AGG__MAX; i++)
		if (strcasecmp(item, agg_kind_names[i]) == 0)
			break;
	if (strcasecmp(item, "median") == 0) {
		i = AGG_QUANTILE;
		*q = 0.5;
	} else if ((item[0] == 'p' || item[0] == 'P') &&
	    isdigit((unsigned char)item[1]) && (item[2] == '\0' ||
	    (isdigit((unsigned char)item[2]) && item[3] == '\0')) &&
	    strcmp(item + 1, "0") != 0 && strcmp(item + 1, "00") != 0) {
		i = AGG_QUANTILE;
		*q = atoi(item + 1) / 100.0;
	} else if (i == AGG_QUANTILE) {
		/*
		 * quantile:COL:Q, with Q after the last colon, or after
		 * the closing quote of a quoted COL.
		 */
		if (rest != NULL)
			last = *rest == ':' ? rest : NULL;
		else
			last = colon == NULL ? NULL : strrchr(colon + 1, ':');
		if (last == NULL) {
			snprintf(err, errsz, "aggregate \"quantile\" needs a "
			    "column and a fraction, as in "
			    "quantile:unit_price:0.999");
			return -1;
		}
		*last = '\0';
		if (parse_q(last + 1, q) == -1) {
			snprintf(err, errsz, "quantile \"%.*s\" is not a "
			    "number from 0 to 1", (int)utf8_cut(last + 1,
			    strlen(last + 1), 32), last + 1);
			return -1;
		}
		snprintf(prefix, prefixsz, "quantile_%s", last + 1);
	}
	if (i == AGG__MAX) {
		snprintf(err, errsz, "unknown aggregate \"%.*s\"; use count, "
		    "sum, min, max, mean, distinct, approx_distinct, median, "
		    "p90 (any pNN), quantile:COL:Q, stddev or var",
		    (int)utf8_cut(item, strlen(item), 32), item);
		return -1;
	}
	if (rest != NULL && *rest != '\0') {
		snprintf(err, errsz, "aggregate \"%s\": \"%.*s\" follows the "
		    "quoted column name \"%.*s\"", item, (int)utf8_cut(rest,
		    strlen(rest), 32), rest, (int)utf8_cut(c, strlen(c), 64),
		    c);
		return -1;
	}
	*kind = (enum agg_kind)i;
	if (i != AGG_QUANTILE || strncasecmp(item, "quantile", 8) != 0) {
		size_t	 k;

		snprintf(prefix, prefixsz, "%s", i == AGG_QUANTILE ? item :
		    agg_kind_names[i]);
		for (k = 0; prefix[k] != '\0'; k++)
			prefix[k] = (char)tolower((unsigned char)prefix[k]);
	}
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

/*
 * After parse_agg() refused agg item i as unknown: if it has no colon and
 * the item before named a column (prev), the list may have split a name
 * with a comma there ("sum:Revenue, EUR"), so say how to write it.  err
 * keeps its message.
 */
static void
split_hint(char **items, int i, const char *prev, char *err, size_t errsz)
{
	size_t	 used = strlen(err);

	if (i == 0 || prev == NULL || strchr(items[i], ':') != NULL ||
	    strncmp(err, "unknown aggregate", 17) != 0 || used + 1 >= errsz)
		return;
	snprintf(err + used, errsz - used, "; if \"%.*s\" is part of a "
	    "column name with a comma, quote the name: %.*s:\"%.*s, %.*s\"",
	    (int)utf8_cut(items[i], strlen(items[i]), 64), items[i],
	    (int)utf8_cut(items[i - 1], strlen(items[i - 1]), 32),
	    items[i - 1], (int)utf8_cut(prev, strlen(prev), 64), prev,
	    (int)utf8_cut(items[i], strlen(items[i]), 64), items[i]);
}

int
query_check(const char *groups, const char *aggs, char *err, size_t errsz)
{
	char		 buf[TALLY_SPEC_MAX], *items[TALLY_AGGS_MAX];
	char		 prefix[48];
	enum agg_kind	 kind;
	double		 q;
	char		*col;
	int		 n, i;

	if (groups != NULL) {
		if ((n = split(groups, "group_by", buf, items,
		    TALLY_GROUP_COLS_MAX, err, errsz)) < 0)
			return -1;
		for (i = 0; i < n; i++)
			if (group_item(items[i], err, errsz) == -1)
				return -1;
	}
	if (aggs == NULL)
		return 0;
	if ((n = split(aggs, "agg", buf, items, TALLY_AGGS_MAX, err,
	    errsz)) < 0)
		return -1;
	for (i = 0, col = NULL; i < n; i++) {
		char	*prev = col;

		if (parse_agg(items[i], &kind, &q, prefix, sizeof(prefix),
		    &col, err, errsz) < 0) {
			split_hint(items, i, prev, err, errsz);
			return -1;
		}
	}
	return 0;
}

/*
 * Output name: prefix, "_", the column name in lower snake case: ASCII
 * letters lowered, digits and non-ASCII bytes kept, and every run of other
 * ASCII characters (spaces, punctuation) one "_", none at the end, so that
 * "Price (EUR)" gives sum_price_eur, a name any SQL reader takes bare.  A
 * name of punctuation only keeps its characters, lowered.
 */
static void
agg_name(struct query_agg *a, const char *prefix, const char *colname)
{
	const char	*p;
	size_t		 n, start;
	int		 under = 0;

	if (colname == NULL) {
		snprintf(a->name, sizeof(a->name), "%s", prefix);
		return;
	}
	n = start = (size_t)snprintf(a->name, sizeof(a->name), "%s_", prefix);
	for (p = colname; *p != '\0' && n + 1 < sizeof(a->name); p++) {
		unsigned char	 c = (unsigned char)*p;

		if (c < 0x80 && !isalnum(c)) {
			under = 1;
			continue;
		}
		if (under && n > start && n + 1 < sizeof(a->name))
			a->name[n++] = '_';
		under = 0;
		if (n + 1 < sizeof(a->name))
			a->name[n++] = (char)tolower(c);
	}
	for (p = colname; n == start && *p != '\0' &&
	    n + 1 < sizeof(a->name); p++)
		a->name[n++] = (char)tolower((unsigned char)*p);
	a->name[n] = '\0';
}

/* Whether key i's output name (its header name, "_" keydup) is name. */
static int
key_is(const struct query *q, const struct header *h, size_t i,
    const char *name)
{
	const char	*base = h->names[q->keys[i]];
	size_t		 len = strlen(base);
	char		 tail[16];

	if (q->keydup[i] == 0)
		return strcmp(base, name) == 0;
	snprintf(tail, sizeof(tail), "_%d", q->keydup[i]);
	return strncmp(base, name, len) == 0 && strcmp(name + len, tail) == 0;
}

/* Whether name is the output name of a key before nk or an agg before na. */
static int
taken(const struct query *q, const struct header *h, size_t nk, size_t na,
    const char *name)
{
	size_t	 i;

	for (i = 0; i < nk; i++)
		if (key_is(q, h, i, name))
			return 1;
	for (i = 0; i < na; i++)
		if (strcmp(q->aggs[i].name, name) == 0)
			return 1;
	return 0;
}

/* Give each key and aggregate an output name no earlier one has. */
static int
unique_names(struct query *q, const struct header *h, char *err,
    size_t errsz)
{
	struct query_agg	*a;
	char			*cand = NULL, base[sizeof(a->name)];
	const char		*hn;
	size_t			 i, len;
	int			 n;

	for (i = 0; i < q->nkeys; i++) {
		hn = h->names[q->keys[i]];
		len = strlen(hn) + 16;
		if ((cand = malloc(len)) == NULL) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		snprintf(cand, len, "%s", hn);
		for (n = 2; taken(q, h, i, 0, cand); n++) {
			snprintf(cand, len, "%s_%d", hn, n);
			q->keydup[i] = n;
		}
		free(cand);
	}
	for (i = 0; i < q->naggs; i++) {
		a = &q->aggs[i];
		snprintf(base, sizeof(base), "%s", a->name);
		for (n = 2; taken(q, h, q->nkeys, i, a->name); n++) {
			/* Cut the base, never the suffix, to fit. */
			len = strlen(base);
			if (len > sizeof(a->name) - 16)
				len = sizeof(a->name) - 16;
			snprintf(a->name, sizeof(a->name), "%.*s_%d", (int)len,
			    base, n);
		}
	}
	return 0;
}

int
query_bind(struct query *q, const char *groups, const char *aggs,
    const struct header *h, char *err, size_t errsz)
{
	char		 buf[TALLY_SPEC_MAX], *items[TALLY_AGGS_MAX];
	char		 scratch[TALLY_ERR_MAX], prefix[48];
	enum agg_kind	 kind;
	double		 qv;
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
			if (group_item(items[i], err, errsz) == -1)
				return -1;
			if ((col = header_find(h, items[i], err, errsz)) < 0) {
				comma_hint(h, items[i], err, errsz);
				return -1;
			}
			q->keys[q->nkeys++] = col;
		}
	}

	if ((n = split(aggs != NULL ? aggs : QUERY_DEFAULT_AGGS, "agg", buf,
	    items, TALLY_AGGS_MAX, err, errsz)) < 0)
		return -1;
	for (i = 0, colname = NULL; i < n; i++) {
		struct query_agg	*a = &q->aggs[q->naggs++];
		char			*prev = colname;

		if (parse_agg(items[i], &kind, &qv, prefix, sizeof(prefix),
		    &colname, err, errsz) < 0) {
			split_hint(items, i, prev, err, errsz);
			return -1;
		}
		a->kind = kind;
		a->q = qv;
		a->col = -1;
		a->val = -1;
		if (colname != NULL) {
			if ((col = header_find(h, colname, scratch,
			    sizeof(scratch))) < 0) {
				snprintf(err, errsz, "%s", scratch);
				comma_hint(h, colname, err, errsz);
				return -1;
			}
			a->col = col;
			for (v = 0; v < q->nvals; v++)
				if (q->vals[v] == col)
					break;
			if (v == q->nvals)
				q->vals[q->nvals++] = col;
			a->val = (int)v;
			q->needs[v] |= kind_needs[kind];
		}
		agg_name(a, prefix, a->col < 0 ? NULL : h->names[a->col]);
	}
	return unique_names(q, h, err, errsz);
}

int
query_shape_where(struct query_shape *s, const char *expr, char *err,
    size_t errsz)
{
	size_t		 len = strlen(expr);
	const char	*p;

	for (p = expr; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20) {
			snprintf(err, errsz, "where has a control character");
			return -1;
		}
	if (s->nwhere == QUERY_WHERE_MAX) {
		snprintf(err, errsz, "more than %d where conditions",
		    QUERY_WHERE_MAX);
		return -1;
	}
	if (s->used + len + 1 > sizeof(s->text)) {
		snprintf(err, errsz, "the where conditions are longer than %zu "
		    "bytes together", sizeof(s->text) - 1);
		return -1;
	}
	memcpy(s->text + s->used, expr, len + 1);
	s->where[s->nwhere++] = s->text + s->used;
	s->used += len + 1;
	return 0;
}

int
query_shape_read(struct query_shape *s, const char *path, char *err,
    size_t errsz)
{
	char	 line[TALLY_SPEC_MAX + 16];
	FILE	*f;
	size_t	 len;
	int	 rc = 0;

	memset(s, 0, sizeof(*s));
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (strncmp(line, "where ", 6) == 0)
			rc = query_shape_where(s, line + 6, err, errsz);
		else if (strncmp(line, "limit ", 6) == 0)
			s->limit = (size_t)strtoull(line + 6, NULL, 10);
		else if (strcmp(line, "others") == 0)
			s->others = 1;
		else if (strcmp(line, "total") == 0)
			s->total = 1;
		else {
			snprintf(err, errsz, "%s: unknown line \"%.32s\"",
			    path, line);
			rc = -1;
		}
	}
	fclose(f);
	return rc;
}
