/*
 * Type inference for one cell: which of tally's column types a value
 * fits, and its typed value for comparisons.  The types, narrowest first:
 * boolean (true/false, yes/no, any case), integer (a signed 64-bit
 * number), decimal (tally's exact numbers, dec.h), date (YYYY-MM-DD, a
 * real calendar date), timestamp (an ISO 8601 date, T or a space, a time
 * with optional seconds, fraction and zone), else text.  An integer also
 * fits decimal and a date also fits timestamp.  This file looks at one
 * value at a time; the column's verdict is column.c's.
 */
#ifndef TALLY_INFER_H
#define TALLY_INFER_H

#include <stddef.h>
#include <stdint.h>

#include "dec.h"

enum infer_type {
	INFER_BOOLEAN,
	INFER_INTEGER,
	INFER_DECIMAL,
	INFER_DATE,
	INFER_TIMESTAMP,
	INFER_TEXT,
	INFER__MAX
};

/* "boolean", "integer", "decimal", "date", "timestamp", "text". */
extern const char *const infer_names[INFER__MAX];

/*
 * Whether a value of type v also fits a column of type t: every value
 * fits text, an integer fits decimal, a date fits timestamp.
 */
int		 infer_fits(enum infer_type v, enum infer_type t);

/*
 * The same as bits: bit t of infer_fits_bits[v] is infer_fits(v, t).  The
 * entry for INFER__MAX (an empty cell) has none.
 */
extern const unsigned infer_fits_bits[INFER__MAX + 1];

/* A cell's typed value, as far as its type has one. */
struct infer_value {
	int		 truth;		/* BOOLEAN: 1 for true/yes */
	struct dec	 num;		/* INTEGER, DECIMAL */
	/*
	 * DATE, TIMESTAMP: seconds since 1970-01-01T00:00:00Z (a time
	 * without a zone is taken as UTC) and nanoseconds.
	 */
	int64_t		 secs;
	int32_t		 nanos;
	/*
	 * TEXT: 1 if a number with a redundant leading zero (a code, see
	 * infer_padded()), whose value is then in num; else 0.
	 */
	int		 code;
};

/*
 * The narrowest type the len bytes at s (not NUL-terminated, not empty)
 * fit, with the typed value in *out.  A number with a redundant leading
 * zero is text (infer_padded()), with out->code set and its value in
 * out->num.  decimal_comma: numbers are written
 * "1,5" and a point is a thousands separator (refused), as dec_parse()
 * reads them after the comma and point swap places.
 */
enum infer_type	 infer_cell(const char *s, size_t len, int decimal_comma,
		    struct infer_value *out);

/*
 * Whether infer_cell() of the len bytes at s says text whatever follows
 * the first byte: a letter that no boolean of len bytes starts with, or
 * anything above 'Z' but such a letter (every other type starts with a
 * digit, a sign, a point or a blank).  0 means infer_cell() decides.
 */
static inline int
infer_text_lead(const char *s, size_t len, int decimal_comma)
{
	unsigned char	 c = (unsigned char)s[0];

	(void)decimal_comma;	/* a comma is below 'A' */
	if (c < 'A')
		return 0;
	return len > 5 || (unsigned)((c | 0x20) - 'f') > (unsigned)('y' - 'f');
}

/*
 * Whether the len bytes at s, a number to dec_parse() (blanks already
 * skipped), are written with a redundant leading zero: a 0 followed by a
 * digit after an optional sign ("007", "-05", "00.5"; not "0", "0.5" or
 * "-0.25").  Such a value is a code (ZIP, account, part number), not a
 * quantity: infer_cell() calls it text, as DuckDB's sniffer does, and
 * the profile keeps its zeros.  (`tally agg` still sums it.)
 */
static inline int
infer_padded(const char *s, size_t len)
{
	size_t	 i = s[0] == '-' || s[0] == '+';

	return i + 1 < len && s[i] == '0' &&
	    (unsigned)(s[i + 1] - '0') <= 9;
}

/*
 * Whether the 10 bytes at s are a date YYYY-MM-DD that exists (years
 * 0001 to 9999, leap years as in the Gregorian calendar).  Returns 1 with
 * *days set to the days since 1970-01-01, or 0.
 */
int		 infer_date(const char *s, int64_t *days);

/*
 * Compare two typed values of the same kind: numbers (INTEGER, DECIMAL)
 * exactly, instants (DATE, TIMESTAMP) by time, booleans false first.
 * Returns <0, 0 or >0.
 */
int		 infer_cmp(enum infer_type t, const struct infer_value *a,
		    const struct infer_value *b);

#endif /* TALLY_INFER_H */
