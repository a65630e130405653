/*
 * Profiling a file: in one streaming pass, each column's inferred type,
 * counts, distinct values, typed range, mean and standard deviation,
 * lengths, most frequent values and the values that spoiled a narrower
 * type (column.h), with the dialect and the first records as a preview.
 * The input is read as engine_run() reads it (source.h: pipes,
 * compression, encodings; the header, --no-header, the delimiter) and a
 * regular file is split among threads the same way, each thread keeping
 * its own columns, folded in input order.  Memory is bounded by the number
 * of columns (TALLY_PROFILE_ENTRIES), never by the number of rows.  This
 * file runs the pass and writes the result as JSON, CSV or a table.
 */
#ifndef TALLY_PROFILE_H
#define TALLY_PROFILE_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "column.h"
#include "engine.h"
#include "source.h"

/* Records in the preview, and values in a column's top list. */
#define PROFILE_PREVIEW	20
#define PROFILE_TOP	10

/* One record of the preview: its first fields (at most the header's). */
struct profile_rec {
	size_t		 n;
	char		**cells;	/* UTF-8, NUL-terminated, owned */
	size_t		*lens;
};

struct profile {
	size_t		 ncols;
	char		**names;	/* ncols, UTF-8, owned */
	struct column	*cols;		/* ncols, owned */
	size_t		 bound;		/* exact distinct values per column */
	char		 delim;
	int		 header;	/* the first line named the columns */
	enum source_enc	 enc;
	enum source_comp comp;
	uint64_t	 rows;		/* records after the header */
	uint64_t	 rejected;	/* of which had the wrong field count */
	uint64_t	 bad_line;	/* the first of those, or 0 */
	size_t		 bad_fields;	/* its field count */
	size_t		 npreview;
	struct profile_rec preview[PROFILE_PREVIEW];
	uint64_t	 bytes;		/* of the range consumed */
	double		 seconds;
	long		 peak_rss_kb;
	int		 data_error;	/* failed because of the input */
	int		 not_csv;
	int		 cancelled;
};

/*
 * Profile len bytes of fd from off (len < 0: to the end; a pipe from where
 * it is), with opts' delimiter, encoding, header, trim, decimal comma,
 * threads, block size and progress callback (groups, aggregates, filters
 * and bad-row limits are ignored: a row with the wrong number of fields is
 * counted in rejected and otherwise skipped).  Returns 0 with p filled,
 * or -1 with err set and p's flags saying why.  Either way the caller
 * must call profile_free().
 */
int		 profile_run(const struct engine_opts *opts, int fd, off_t off,
		    off_t len, struct profile *p, char *err, size_t errsz);

/* Release what p holds.  Safe on a zeroed profile. */
void		 profile_free(struct profile *p);

/*
 * Whether profiles from now on keep a memo (memo.h) for each column of
 * few short values: want 1 (the default) or 0 (tests, to run without),
 * or -1 to ask.  Returns whether they will.  Results do not depend on it.
 */
int		 profile_memo(int want);

/*
 * Write p as the JSON document the README describes:
 * {"dialect", "rows", "rejected", "columns": [...], "preview": [[...]]}.
 * Returns 0, or -1 on a write error.
 */
int		 profile_json(FILE *f, const struct profile *p);

/*
 * Write p as CSV, one row per column (the top values as a JSON array in
 * one cell).  Text cells that a spreadsheet would run as a formula get a
 * leading quote, as in results.  Returns 0, or -1 on a write error.
 */
int		 profile_csv(FILE *f, const struct profile *p);

/* Write p as a table for people.  Returns 0, or -1 on a write error. */
int		 profile_table(FILE *f, const struct profile *p);

/*
 * Write p as a Parquet file (zstd) with the columns of profile_csv(), one
 * row per input column: counts INT64, mean and stddev DECIMAL(38, s), the
 * rest STRING (min and max as written, the flags "true"/"false", top as
 * its JSON array), an empty CSV cell a null, no formula guard.  Returns
 * 0, or -1 with err set.
 */
int		 profile_parquet(FILE *f, const struct profile *p, char *err,
		    size_t errsz);

/* What profile_file() writes (0 and 1 keep CSV and JSON as before). */
enum profile_out {
	PROFILE_OUT_CSV,
	PROFILE_OUT_JSON,
	PROFILE_OUT_PARQUET,
	PROFILE_OUT__MAX
};

/*
 * Write p to path atomically (a temporary file, fsync, rename), as the
 * enum profile_out json says: CSV, JSON or Parquet.  Returns 0, or -1
 * with err set and path untouched.
 */
int		 profile_file(const char *path, const struct profile *p,
		    int json, char *err, size_t errsz);

#endif /* TALLY_PROFILE_H */
