/*
 * The statistics of one column of a profile (see profile.h): counts, the
 * types its values fit, typed extremes, exact sum and sum of squares for
 * the mean and standard deviation, lengths, and value frequencies
 * (freq.h).  Every part merges, so threads keep one struct column per
 * column each and fold them in input order.  Memory is bounded by the
 * frequency table's bound, whatever the number of rows.  This file does
 * not parse CSV and does not write results.
 */
#ifndef TALLY_COLUMN_H
#define TALLY_COLUMN_H

#include <stddef.h>
#include <stdint.h>

#include "dec.h"
#include "freq.h"
#include "hash.h"
#include "infer.h"
#include "moments.h"
#include "reader.h"

/* Bytes of a spoiling value kept to show it. */
#define COLUMN_SHOW	64

/* The first value that did not fit one type. */
struct column_miss {
	uint64_t	 line;		/* 0: none yet */
	size_t		 len;
	char		 value[COLUMN_SHOW + 4];
};

/* Extremes of one kind of value: its typed value and its text. */
struct column_ext {
	int		 set;
	struct infer_value v;
	size_t		 len;
	char		 text[READER_SLOT_BYTES];
	/*
	 * Of smin and smax, for a quick test: the first 8 bytes as a
	 * big-endian number (of smin, its complement), or 0 for a text
	 * shorter than 8 bytes (or none).
	 */
	uint64_t	 key;
};

struct column {
	uint64_t	 count;			/* non-empty cells */
	uint64_t	 empty;
	uint64_t	 nclass[INFER__MAX];	/* cells of each narrowest type */
	struct column_miss miss[INFER_TEXT];	/* per type, the first misfit */
	unsigned	 missed;		/* bits of miss[] that are set */
	/* Numbers (INTEGER and DECIMAL values). */
	uint64_t	 nnum;
	struct dec	 sum;
	int		 sum_over;		/* the sum left 128 bits */
	struct moments	 sq;
	int		 sq_over;
	/* Squares of small values at one scale, not yet in sq. */
	unsigned __int128 sqacc;
	int		 sqscale;		/* of sqacc; -1: none */
	int		 scale;			/* largest seen */
	int		 lastscale;		/* of the last number; -1: none */
	int		 intdigits;		/* most before the point */
	struct column_ext nmin, nmax;
	/*
	 * nmin and nmax as 64-bit numbers of one scale, for a quick test:
	 * valid when nscale1, that scale plus one, is above 0.
	 */
	int64_t		 nlo, nhi;
	int		 nscale1;
	/*
	 * A sketch's number at lastscale may take the quick path (column.c:
	 * count_fixed()): the state it tests once was as it needs when the
	 * last cell that took another path was counted.
	 */
	int		 quick;
	/* Dates and timestamps. */
	struct column_ext tmin, tmax;
	/* Booleans. */
	int		 seen_true, seen_false;
	/* Every value, by bytes. */
	struct column_ext smin, smax;
	uint64_t	 minlen, maxlen;	/* characters */
	int		 lenset;		/* minlen and maxlen are */
	/*
	 * Values (freq.h).  While the table is exact, a cell it has costs
	 * one lookup: a value is classified when it is new, and its entry
	 * notes its type and number, from which the types' counts and the
	 * sums are added up when the table becomes a sketch (after which
	 * every cell is classified) or at the end (column_finish()).
	 */
	struct freq	*freq;
	struct freq_probe *probe;		/* freq's */
	int		 sketch;		/* freq is a sketch */
	int		 finished;		/* column_finish() was called */
};

/*
 * Initialise c with a frequency table exact up to bound distinct values.
 * Returns 0, or -1 if memory is short.
 */
int		 column_init(struct column *c, size_t bound);

/* Release what c holds.  Safe on a zeroed column. */
void		 column_free(struct column *c);

/*
 * One cell, read (column_read()): empty or not, the hash of its bytes,
 * and, if typed, its type, typed value and value hash.
 */
struct column_cell {
	enum infer_type	 t;		/* INFER__MAX: an empty cell */
	int		 typed;		/* t, v and vh are known */
	struct infer_value v;
	uint64_t	 h;		/* of the bytes; 0: not taken */
	uint64_t	 vh;		/* of the value */
	const char	*s;		/* borrowed */
	size_t		 len, full;
};

/*
 * Read a cell of column c for column_count(): len bytes of UTF-8 at s, the
 * whole cell unless full is larger (see column_add()), with at least 8
 * bytes readable at s.  s must outlive the count.  A column whose table
 * is exact only hashes the bytes; a sketched column classifies every
 * cell, trying the fixed-point parse at the scale of its last number
 * first (what dec_parse_fixed() reads is a number whatever the column).
 * The caller may then freq_probe_prefetch(c->probe, cell->h), so that
 * the cache misses of a row's columns overlap.
 */
static inline void column_read(const struct column *c, const char *s,
		    size_t len, size_t full, int decimal_comma,
		    struct column_cell *cell);

/* The rest of column_read(): a sketched column, or a cut cell. */
void		 column_read_slow(const struct column *c,
		    struct column_cell *cell, int decimal_comma);

/*
 * column_read() of a whole cell (full is len) whose bytes' hash the
 * caller has: h, hash_bytes() of its len bytes.
 */
static inline void
column_read_hashed(const struct column *c, const char *s, size_t len,
    uint64_t h, int decimal_comma, struct column_cell *cell)
{
	cell->s = s;
	cell->len = len;
	cell->full = len;
	cell->typed = 0;
	cell->h = h;
	cell->t = INFER_TEXT;
	if (!c->sketch)
		return;
	column_read_slow(c, cell, decimal_comma);
}

/* Inline: an exact column's cell is hashed where it is read. */
static inline void
column_read(const struct column *c, const char *s, size_t len, size_t full,
    int decimal_comma, struct column_cell *cell)
{
	cell->s = s;
	cell->len = len;
	cell->full = full;
	cell->typed = 0;
	cell->h = 0;
	if (full == 0) {
		cell->t = INFER__MAX;
		return;
	}
	cell->t = INFER_TEXT;
	if (!c->sketch && full == len) {
		cell->h = hash_bytes(s, len);
		return;
	}
	column_read_slow(c, cell, decimal_comma);
}

/*
 * Count a cell that column_read() read, on line, with the decimal comma
 * it was read with.  Returns 0, or -1 if memory is short.
 */
int		 column_count(struct column *c, const struct column_cell *cell,
		    uint64_t line, int decimal_comma);

/*
 * The rest of column_count() for a non-empty cell that the caller has
 * counted (c->count) and that freq_probe_hit(c->probe, cell->h) did not
 * find.  Returns 0, or -1 if memory is short.
 */
int		 column_count_new(struct column *c,
		    const struct column_cell *cell, uint64_t line,
		    int decimal_comma);

/*
 * column_read_hashed() and column_count_new() in one: len bytes at s, a
 * whole cell (at least 8 readable), hashed to h, that the caller counted
 * (c->count) and freq_probe_hit() did not find.  0, or -1 if memory is
 * short.
 */
int		 column_count_hashed(struct column *c, const char *s,
		    size_t len, uint64_t h, uint64_t line, int decimal_comma);

/*
 * column_count_hashed() of a column that is a sketch (c->sketch), whose
 * cells need no hash of their bytes but a text's (made here when one is
 * needed): len bytes at s, a whole cell (at least 8 readable), that the
 * caller counted (c->count).  0, or -1 if memory is short.
 */
int		 column_count_sketched(struct column *c, const char *s,
		    size_t len, uint64_t line, int decimal_comma);

/*
 * A cell where a scanner's block holds it: raw is its length as scanned
 * (0: empty; above READER_SLOT_BYTES: cut), cl that of its bytes at s
 * (cut to READER_SLOT_BYTES, or converted), at least 8 of them readable.
 */
struct column_span {
	const char	*s;
	uint32_t	 raw;
	uint32_t	 cl;
};

/*
 * n cells of a column that is a sketch (c->sketch), in order, cell k on
 * line[k]: each counted as a caller of column_count_sketched() counts
 * it, empty and cut cells included (the caller counts nothing itself),
 * with what a run of numbers at one scale or of short texts changes
 * held in registers and the values the sketch's filter takes added in
 * one loop.  0, or -1 if memory is short.
 */
int		 column_count_sketched_n(struct column *c,
		    const struct column_span *in, const uint64_t *line,
		    size_t n, int decimal_comma);

/*
 * column_count() of a row: cells[i] into cols[i] for i below n, in one
 * call.  Returns 0, or -1 if memory is short.
 */
int		 column_count_row(struct column *cols,
		    const struct column_cell *cells, size_t n, uint64_t line,
		    int decimal_comma);

/*
 * Count one cell: len bytes of UTF-8 at s, the whole cell unless full is
 * larger (a cell longer than READER_SLOT_BYTES is known by its first
 * bytes and its length, and is text), on line.  Returns 0, or -1 if
 * memory is short.
 */
int		 column_add(struct column *c, const char *s, size_t len,
		    size_t full, uint64_t line, int decimal_comma);

/* Add off to every line number c holds (a chunk's lines to the file's). */
void		 column_shift(struct column *c, uint64_t off);

/*
 * Fold src, which saw the input after dst's, into dst (src may be left
 * with dst's old state: free it either way).  Returns 0, or -1 if memory
 * is short.
 */
int		 column_merge(struct column *dst, struct column *src);

/* Settle what c keeps pending in its running sums. */
void		 column_settle(struct column *c);

/*
 * Add up what c's exact table holds into its statistics and key the
 * table by value, before the statistics are read; after it c takes no
 * more cells or merges.  Returns 0, or -1 if memory is short.
 */
int		 column_finish(struct column *c);

/*
 * The column's type: the narrowest that every non-empty value fits
 * (text for a column with none).
 */
enum infer_type	 column_type(const struct column *c);

/*
 * The narrowest type narrower than the column's own that a majority of its
 * non-empty values fit, whose misfits then "spoiled" it, or INFER_TEXT if
 * there is none.  *misfits gets how many values did not fit it.
 */
enum infer_type	 column_spoiled(const struct column *c, uint64_t *misfits);

/*
 * The decimal precision (digits in all) and scale of a numeric column,
 * as DECIMAL(p, s) would need to hold every value.
 */
void		 column_precision(const struct column *c, int *precision,
		    int *scale);

#endif /* TALLY_COLUMN_H */
