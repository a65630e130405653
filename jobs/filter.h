/*
 * Row filters: the --where conditions (API `where`), parsed from the
 * user's text, bound to one header's columns, and tested against a row's
 * kept cells.  Every condition must hold.  The grammar:
 *
 *	cond	= column op value / column " in " value *("|" value)
 *	op	= "=" / "!=" / "<" / "<=" / ">" / ">=" / "~" / "^="
 *	value	= bare / DQUOTE *(any but DQUOTE / 2DQUOTE) DQUOTE
 *
 * A column is named as for -g (header name, folded, or a 1-based number;
 * in double quotes if it holds an operator).  Spaces around the column,
 * the operator and a bare value are dropped; a quoted value keeps them.
 * "=" and "<" ... compare two numbers as numbers and anything else by
 * bytes, every number before every text (min and max's order); "~" is
 * "contains" and "^=" "starts with", on bytes.  "COL=" holds for an empty
 * cell and "COL!=" for a non-empty one; every other condition fails on an
 * empty cell, as SQL's comparisons with NULL do.
 */
#ifndef TALLY_FILTER_H
#define TALLY_FILTER_H

#include <stddef.h>

#include "dec.h"

struct header;
struct reader_slot;

/* The most conditions, and the most values of one "in". */
#define FILTER_CONDS_MAX	32
#define FILTER_IN_MAX		256

enum filter_op {
	FILTER_EQ,
	FILTER_NE,
	FILTER_LT,
	FILTER_LE,
	FILTER_GT,
	FILTER_GE,
	FILTER_CONTAINS,	/* ~ */
	FILTER_PREFIX,		/* ^= */
	FILTER_IN,
	FILTER__MAX
};

struct filter_value {
	char		*text;		/* owned, NUL-terminated */
	size_t		 len;
	int		 isnum;		/* text is a number: num */
	struct dec	 num;
};

struct filter_cond {
	enum filter_op	 op;
	char		*colspec;	/* as written, owned */
	int		 col;		/* header column, once bound; else -1 */
	int		 slot;		/* where the engine keeps its cell */
	size_t		 nvals;
	struct filter_value *vals;	/* owned */
};

struct filter {
	size_t		 n;
	struct filter_cond c[FILTER_CONDS_MAX];
};

/*
 * Parse one condition and append it to f.  Returns 0, or -1 with a
 * message in err that quotes the expression and puts a caret under the
 * problem (the message then holds newlines).  f is unchanged on -1.
 */
int		 filter_parse(struct filter *f, const char *expr, char *err,
		    size_t errsz);

/*
 * Bind every condition's column to h.  Returns 0, or -1 with err naming
 * the expression and listing the header's columns.
 */
int		 filter_bind(struct filter *f, const struct header *h, char *err,
		    size_t errsz);

/*
 * Whether the row whose cells for condition i are slots[f->c[i].slot]
 * passes every condition.
 */
int		 filter_match(const struct filter *f,
		    const struct reader_slot *slots);

/* Free what the conditions own and empty f.  Safe on a zeroed filter. */
void		 filter_free(struct filter *f);

#endif /* TALLY_FILTER_H */
