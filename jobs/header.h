/*
 * The header line of an input: finding where it ends, stripping a UTF-8
 * BOM, sniffing the delimiter, splitting it into column names with libcsv,
 * and matching column names the way users write them.
 */
#ifndef TALLY_HEADER_H
#define TALLY_HEADER_H

#include <stddef.h>

struct header {
	char		  delim;	/* the delimiter in use */
	size_t		  ncols;	/* columns in the header */
	char		**names;	/* ncols NUL-terminated names, owned */
	size_t		  skip;		/* bytes before the header (BOM, blank lines) */
	size_t		  len;		/* bytes from the input start to the first data byte */
	unsigned long	  lines;	/* newlines consumed up to the first data byte */
};

/* The result of header_parse(). */
enum header_parse {
	HEADER_OK,	/* h is filled and must be freed with header_free() */
	HEADER_MORE,	/* buf holds no complete header line yet */
	HEADER_ERR,	/* err says why */
	HEADER_NOT_CSV,	/* NUL bytes: a binary file; err says so */
	HEADER__MAX
};

/*
 * Look for the header line at the start of buf (len bytes, the very first
 * bytes of the input).  at_eof says no more bytes will follow, so an
 * unterminated line is the whole header.  delim is the delimiter to use, or
 * 0 to sniff one among ',' ';' TAB and '|' (the most frequent outside
 * quotes wins; ties go in that order; none found means ',').  A leading
 * UTF-8 BOM and leading blank lines are skipped.  A NUL byte in the header
 * line (or before its end has arrived) means a binary file, not text.  The
 * caller owns buf.
 */
enum header_parse header_parse(struct header *h, const char *buf, size_t len,
		    int at_eof, char delim, char *err, size_t errsz);

/*
 * For an input without a header line: make the first line, which
 * header_parse() found in buf, data, and name its columns 1, 2, ...
 * Returns 0, or -1 with err set if memory is short.
 */
int		 header_number(struct header *h, const char *buf, char *err,
		    size_t errsz);

/* Release what header_parse() stored in h.  Safe on a zeroed header. */
void		 header_free(struct header *h);

/*
 * Fold a column name for matching: ASCII letters lowered, spaces, tabs,
 * dashes and underscores dropped.  Writes at most sz - 1 bytes and a NUL.
 */
void		 header_fold(const char *name, char *out, size_t sz);

/*
 * Find the column that spec names: the one header name equal to it byte
 * for byte, else the one that folds equal to it, else a 1-based column
 * number.  Returns the 0-based index, or -1 with a message in err that
 * lists the header's columns, or that names the columns spec could mean
 * when several do (a header with "a" twice, or "Sales" and "sales"): a
 * guess there could total the wrong column.
 */
int		 header_find(const struct header *h, const char *spec, char *err,
		    size_t errsz);

/*
 * Write the header's column names into buf as a comma-separated list for
 * messages, truncated with "..." if it does not fit.
 */
void		 header_list(const struct header *h, char *buf, size_t sz);

#endif /* TALLY_HEADER_H */
