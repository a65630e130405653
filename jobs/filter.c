/*
 * Parsing, binding and testing --where conditions (see filter.h for the
 * grammar).  Parsing is one left-to-right pass over the expression that
 * remembers where it is, so each error can point at its byte.  This file
 * knows nothing of how rows are read or grouped.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter.h"
#include "header.h"
#include "bounds.h"
#include "reader.h"

/* Operators, longest first so "<=" is not read as "<". */
static const struct {
	const char	*text;
	enum filter_op	 op;
} ops[] = {
	{ "!=", FILTER_NE }, { "<=", FILTER_LE }, { ">=", FILTER_GE },
	{ "^=", FILTER_PREFIX }, { "=", FILTER_EQ }, { "<", FILTER_LT },
	{ ">", FILTER_GT }, { "~", FILTER_CONTAINS },
};

/*
 * The error: a sentence, then the expression and a caret under byte at.
 * Expressions too long to show are cut around the caret.
 */
static int
fail(const char *expr, size_t at, const char *what, char *err, size_t errsz)
{
	size_t	 len = strlen(expr), from = 0, show;

	if (at > len)
		at = len;
	if (at > 60)
		from = at - 40;
	show = len - from < 100 ? len - from : 100;
	snprintf(err, errsz, "--where \"%.*s%s\": %s\n  %s%.*s%s\n  %*s^",
	    len > 60 ? 60 : (int)len, expr, len > 60 ? "..." : "", what,
	    from > 0 ? "..." : "", (int)show, expr + from,
	    from + show < len ? "..." : "",
	    (int)(at - from + (from > 0 ? 3 : 0)), "");
	return -1;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Read a value at *pp: a quoted string (doubled quotes inside) or bare
 * bytes up to stop (NUL, or '|' inside an "in" list), spaces trimmed.
 * Returns a malloc'd copy with its length in *len, or NULL with err set.
 */
static char *
read_value(const char *expr, const char **pp, int in_list, size_t *len,
    char *err, size_t errsz)
{
	const char	*p = *pp, *start, *end;
	char		*out, *o;

	while (is_space(*p))
		p++;
	if ((out = malloc(strlen(p) + 1)) == NULL) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	o = out;
	if (*p == '"') {
		start = p++;
		for (;;) {
			if (*p == '\0') {
				free(out);
				fail(expr, (size_t)(start - expr), "this quote "
				    "is never closed", err, errsz);
				return NULL;
			}
			if (*p == '"' && p[1] == '"') {
				*o++ = '"';
				p += 2;
				continue;
			}
			if (*p == '"')
				break;
			*o++ = *p++;
		}
		p++;
		while (is_space(*p))
			p++;
		if (*p != '\0' && !(in_list && *p == '|')) {
			free(out);
			fail(expr, (size_t)(p - expr), in_list ? "expected | or "
			    "the end after a quoted value" : "expected the end "
			    "after a quoted value", err, errsz);
			return NULL;
		}
	} else {
		start = p;
		while (*p != '\0' && !(in_list && *p == '|')) {
			if (*p == '"') {
				free(out);
				fail(expr, (size_t)(p - expr), "a quote inside "
				    "a bare value: quote the whole value",
				    err, errsz);
				return NULL;
			}
			p++;
		}
		end = p;
		while (end > start && is_space(end[-1]))
			end--;
		memcpy(o, start, (size_t)(end - start));
		o += end - start;
	}
	*o = '\0';
	*len = (size_t)(o - out);
	*pp = p;
	return out;
}

static void
cond_free(struct filter_cond *c)
{
	size_t	 i;

	free(c->colspec);
	for (i = 0; i < c->nvals; i++)
		free(c->vals[i].text);
	free(c->vals);
	memset(c, 0, sizeof(*c));
}

static int
add_value(struct filter_cond *c, char *text, size_t len)
{
	struct filter_value	*v;
	const char		*why;

	if ((v = realloc(c->vals, (c->nvals + 1) * sizeof(*v))) == NULL)
		return -1;
	c->vals = v;
	v = &c->vals[c->nvals++];
	v->text = text;
	v->len = len;
	v->isnum = dec_parse(text, len, &v->num, &why) == DEC_OK;
	return 0;
}

int
filter_parse(struct filter *f, const char *expr, char *err, size_t errsz)
{
	struct filter_cond	 c;
	const char		*p = expr, *cs, *ce, *q;
	char			*val, *name = NULL, *o;
	size_t			 i, len, oplen = 0;
	int			 found = 0;

	memset(&c, 0, sizeof(c));
	c.col = -1;
	if (strlen(expr) >= TALLY_SPEC_MAX) {
		snprintf(err, errsz, "--where: longer than %d characters",
		    TALLY_SPEC_MAX - 1);
		return -1;
	}
	if (f->n == FILTER_CONDS_MAX) {
		snprintf(err, errsz, "--where: more than %d conditions",
		    FILTER_CONDS_MAX);
		return -1;
	}
	while (is_space(*p))
		p++;
	/*
	 * The column: quoted (a quote inside doubled, as in CSV), or up to
	 * the first operator or " in ".
	 */
	if (*p == '"') {
		if ((name = malloc(strlen(p) + 1)) == NULL)
			goto nomem;
		o = name;
		for (q = p + 1; ; q++) {
			if (*q == '\0') {
				free(name);
				return fail(expr, (size_t)(p - expr), "this "
				    "quote is never closed", err, errsz);
			}
			if (*q == '"' && q[1] == '"')
				*o++ = *q++;
			else if (*q == '"')
				break;
			else
				*o++ = *q;
		}
		*o = '\0';
		cs = p + 1;
		ce = cs + (o - name);
		p = q + 1;
		while (is_space(*p))
			p++;
	} else {
		cs = p;
		for (; *p != '\0'; p++) {
			if (strchr("=!<>~^", *p) != NULL)
				break;
			if (is_space(*p) && strncasecmp(p + 1, "in", 2) == 0 &&
			    is_space(p[3]))
				break;
			if (*p == '"')
				return fail(expr, (size_t)(p - expr), "a quote "
				    "inside a column name: quote the whole "
				    "name", err, errsz);
		}
		ce = p;
		while (ce > cs && is_space(ce[-1]))
			ce--;
		while (is_space(*p))
			p++;
	}
	if (ce == cs) {
		free(name);
		return fail(expr, (size_t)(cs - expr), "expected a column "
		    "name", err, errsz);
	}
	/* The operator. */
	if (strncasecmp(p, "in", 2) == 0 && (is_space(p[2]) ||
	    p[2] == '"')) {
		c.op = FILTER_IN;
		oplen = 2;
		found = 1;
	} else
		for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			if (strncmp(p, ops[i].text, strlen(ops[i].text)) == 0) {
				c.op = ops[i].op;
				oplen = strlen(ops[i].text);
				found = 1;
				break;
			}
	if (!found) {
		free(name);
		return fail(expr, (size_t)(p - expr), "expected an operator: "
		    "=, !=, <, <=, >, >=, ~ (contains), ^= (starts with) or "
		    "in", err, errsz);
	}
	q = p;
	p += oplen;
	if (name == NULL && (name = strndup(cs, (size_t)(ce - cs))) == NULL)
		goto nomem;
	c.colspec = name;
	for (;;) {
		const char	*at = p;

		while (is_space(*at))
			at++;
		if ((val = read_value(expr, &p, c.op == FILTER_IN, &len, err,
		    errsz)) == NULL)
			goto bad;
		if (add_value(&c, val, len) == -1) {
			free(val);
			goto nomem;
		}
		if (len == 0 && *at != '"' && c.op != FILTER_EQ &&
		    c.op != FILTER_NE) {
			fail(expr, (size_t)(at - expr), c.op == FILTER_IN ?
			    "expected a value (an empty one is \"\")" :
			    "expected a value after the operator (only = and "
			    "!= test for an empty cell)", err, errsz);
			goto bad;
		}
		if (c.op != FILTER_IN || *p != '|')
			break;
		if (c.nvals == FILTER_IN_MAX) {
			fail(expr, (size_t)(p - expr), "too many values for "
			    "in", err, errsz);
			goto bad;
		}
		p++;
	}
	(void)q;
	f->c[f->n++] = c;
	return 0;
nomem:
	snprintf(err, errsz, "out of memory");
bad:
	cond_free(&c);
	return -1;
}

int
filter_bind(struct filter *f, const struct header *h, char *err,
    size_t errsz)
{
	char	 why[TALLY_ERR_MAX];
	size_t	 i;
	int	 col;

	for (i = 0; i < f->n; i++) {
		if ((col = header_find(h, f->c[i].colspec, why,
		    sizeof(why))) < 0) {
			snprintf(err, errsz, "--where: %s", why);
			return -1;
		}
		f->c[i].col = col;
	}
	return 0;
}

/*
 * Compare a non-empty cell with a value by min and max's order: numbers
 * as numbers, every number before every text, texts by bytes (the cell's
 * kept bytes; a longer cell sorts after a value it starts with).
 */
static int
compare(const struct reader_slot *s, const struct filter_value *v)
{
	struct dec	 d;
	const char	*why;
	size_t		 n = s->len < sizeof(s->buf) ? s->len : sizeof(s->buf);
	int		 cnum, c;

	cnum = s->len <= sizeof(s->buf) &&
	    dec_parse(s->buf, s->len, &d, &why) == DEC_OK;
	if (cnum && v->isnum)
		return dec_cmp(&d, &v->num);
	if (cnum != v->isnum)
		return cnum ? -1 : 1;
	c = memcmp(s->buf, v->text, n < v->len ? n : v->len);
	if (c != 0)
		return c;
	return s->len < v->len ? -1 : s->len > v->len;
}

/* Whether a cell equals a value: as numbers if both are, else bytes. */
static int
equal(const struct reader_slot *s, const struct filter_value *v)
{
	if (!v->isnum)
		return s->len == v->len && memcmp(s->buf, v->text,
		    v->len) == 0;
	return compare(s, v) == 0;
}

static int
empty(const struct reader_slot *s)
{
	size_t	 i;

	if (s->len > sizeof(s->buf))
		return 0;
	for (i = 0; i < s->len; i++)
		if (!is_space(s->buf[i]))
			return 0;
	return 1;
}

static int
cond_match(const struct filter_cond *c, const struct reader_slot *s)
{
	const struct filter_value	*v = &c->vals[0];
	size_t				 i, n;

	if (empty(s)) {
		/* Only "COL=" and "COL!=" say anything about empty cells. */
		if (v->len == 0 && (c->op == FILTER_EQ || c->op == FILTER_NE))
			return c->op == FILTER_EQ;
		if (c->op == FILTER_IN)
			for (i = 0; i < c->nvals; i++)
				if (c->vals[i].len == 0)
					return 1;
		return 0;
	}
	switch (c->op) {
	case FILTER_EQ:
		return v->len != 0 && equal(s, v);
	case FILTER_NE:
		return v->len == 0 || !equal(s, v);
	case FILTER_LT:
		return compare(s, v) < 0;
	case FILTER_LE:
		return compare(s, v) <= 0;
	case FILTER_GT:
		return compare(s, v) > 0;
	case FILTER_GE:
		return compare(s, v) >= 0;
	case FILTER_CONTAINS:
		n = s->len < sizeof(s->buf) ? s->len : sizeof(s->buf);
		return memmem(s->buf, n, v->text, v->len) != NULL;
	case FILTER_PREFIX:
		return s->len >= v->len && v->len <= sizeof(s->buf) &&
		    memcmp(s->buf, v->text, v->len) == 0;
	default:
		for (i = 0; i < c->nvals; i++)
			if (c->vals[i].len != 0 && equal(s, &c->vals[i]))
				return 1;
		return 0;
	}
}

int
filter_match(const struct filter *f, const struct reader_slot *slots)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (!cond_match(&f->c[i], &slots[f->c[i].slot]))
			return 0;
	return 1;
}

void
filter_free(struct filter *f)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		cond_free(&f->c[i]);
	f->n = 0;
}
