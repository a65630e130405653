/*
 * The fast record scanner: the same records, fields, line numbers and
 * field-length failures as the libcsv reader (reader.c), found with SIMD
 * masks instead of a byte-stepped state machine.  It reads a range in
 * blocks (windows of a plain file mapped where it lies in the page cache,
 * TALLY_MAP_WINDOW bytes each; anything else read into a buffer of
 * TALLY_BLOCK_SIZE bytes), keeps only the fields its caller asks for, and
 * hands each record to a row callback as a struct reader_row.  It does not read
 * the header (reader_read_header() does) and does not interpret fields.
 */
#ifndef TALLY_SCAN_H
#define TALLY_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "reader.h"
#include "source.h"

struct scan;

/* The most columns a file may have for scan_conf.cells to be used. */
#define SCAN_CELLS_MAX	8

/* Bytes readable after the end that scan_conf.pairs is given. */
#define SCAN_PAIR_REACH	64

/* Why scan_run() returned. */
enum scan_stop {
	SCAN_STOP_END,		/* the end of the range: every record seen */
	SCAN_STOP_SEAM,		/* a record boundary at seams[seam] */
	SCAN_STOP_ROW,		/* the row callback returned -1 */
	SCAN_STOP_LONG,		/* a field over TALLY_FIELD_MAX */
	SCAN_STOP_OPEN,		/* a quoted field still open at the end */
	SCAN_STOP_QUIT,		/* the block callback asked to stop */
	SCAN_STOP_IO,		/* the source failed: see source_why() */
	SCAN_STOP__MAX
};

struct scan_conf {
	char		 delim;		/* not a quote, CR or LF */
	int		 trim;		/* blanks around fields are not data */
	size_t		 block_size;	/* 0 for TALLY_BLOCK_SIZE */
	size_t		 ncols;		/* columns in the header */
	const int	*slot_of;	/* per column: its slot, or -1 */
	size_t		 nslots;	/* slots; 0 for READER_SLOTS_MAX */
	/* One record; r->line counts from line0.  Return 0, or -1 to stop. */
	int		(*row)(void *arg, const struct reader_row *r, char *err,
			    size_t errsz);
	/*
	 * Optional, for files of at most SCAN_CELLS_MAX columns without trim:
	 * a record of exactly ncols fields with no quote and no CR in or near
	 * it, given as cell[c] (a pointer into the block, with at least 64
	 * readable bytes after it) and len[c] for each column c, before any
	 * copy is made.  Return 1 if the record was taken, 0 to have it go to
	 * row() as usual, -1 to stop (as row() returning -1).
	 */
	int		(*cells)(void *arg, const char *const *cell,
			    const size_t *len, char *err, size_t errsz);
	/*
	 * Optional, for files of exactly two columns without trim: the
	 * two-column loop (pair.h), given *pp, a record boundary, and end,
	 * with SCAN_PAIR_REACH readable bytes after it.  It takes whole
	 * records of one line each in [*pp, end) for as long as it can and
	 * returns how many, with *pp moved past them; or -1 if it will take
	 * none for the rest of the run.  Records it leaves go to cells()
	 * and row() as usual.
	 */
	long		(*pairs)(void *arg, unsigned char delim,
			    const char **pp, const char *end);
	/*
	 * Give every record's kept fields as reader_row.cell and .len too
	 * (nslots of them).  A scanner that keeps every column in its own
	 * slot without trim (slot_of[c] == c: a profile's) then copies only
	 * the quoted fields with doubled quotes: the others point into the
	 * block, their quotes left out.
	 */
	int		 point;
	/*
	 * After every block, with the range position read up to.  Return 0
	 * to go on, anything else to stop (SCAN_STOP_QUIT).  May be NULL.
	 */
	int		(*block)(void *arg, uint64_t pos);
	/*
	 * Before the bytes of a block go (unmapped or overwritten), and so
	 * before the run returns: the cells of rows given as lasting
	 * (reader_row.lasting) are read for the last time.  Return 0, or -1
	 * with err set to stop (as row() returning -1).  May be NULL.
	 */
	int		(*release)(void *arg, char *err, size_t errsz);
	void		*arg;
};

struct scan_result {
	enum scan_stop	 stop;
	size_t		 seam;		/* SCAN_STOP_SEAM: the index in seams */
	uint64_t	 end;		/* range position it stopped at */
	unsigned long	 line;		/* the line at end, counted from line0 */
	unsigned long	 err_line;	/* LONG: where; OPEN: the last line */
	unsigned long	 err_line2;	/* OPEN, and LONG inside a quoted field
					   still open: the line its quote
					   opened on (else 0) */
	size_t		 err_field;	/* LONG: the 1-based field */
};

/*
 * A scanner for conf, which is copied (slot_of is not: it must outlive the
 * scanner).  Returns NULL if memory is short.
 */
struct scan	*scan_new(const struct scan_conf *conf);

/*
 * Whether scanners made from now on may take fast()'s AVX2 build (for a
 * scanner that keeps every column, a profile's) where the processor has
 * AVX2, PCLMUL and POPCNT: want 1 (the default) or 0 (tests, to run the
 * other build), or -1 to ask.  Returns whether they will.  Results do
 * not depend on it.
 */
int		 scan_wide(int want);

/* Free a scanner.  NULL is fine. */
void		 scan_free(struct scan *s);

/*
 * Scan src from decoded position start, which must be a record boundary,
 * to its end (a source that is not splittable must be at start).  The first
 * prelen bytes at start are taken from pre instead of being read.  Lines
 * count from line0 at start.  If seams (nseams ascending range positions)
 * is given, the scan stops at the first seams[i] that it reaches at a
 * record boundary, having counted every record before it.  Fills res; err
 * gets a message only for SCAN_STOP_IO (and whatever the row callback
 * wrote).  Returns 0 for SCAN_STOP_END and SCAN_STOP_SEAM, -1 otherwise.
 */
int		 scan_run(struct scan *s, struct source *src, uint64_t start,
		    const char *pre, size_t prelen, unsigned long line0, const uint64_t *seams, size_t nseams,
		    struct scan_result *res, char *err, size_t errsz);

/*
 * Choose a seam near range position from, for splitting [from, end) among
 * threads: a position just after a line end where a parse that starts at
 * the first line end at or after from, and then runs window more bytes, is
 * between records.  It is only a guess, which scan_run() checks when the
 * chunk before reaches it.  src must be splittable.  Returns 0 with *at
 * set, 1 if no such position lies before end, or -1 with err set on a read
 * error.
 */
int		 scan_seam(struct source *src, uint64_t from, uint64_t end,
		    size_t window, char delim, uint64_t *at, char *err,
		    size_t errsz);

/* The message for a SCAN_STOP_LONG or SCAN_STOP_OPEN result, into err. */
void		 scan_message(const struct scan_result *res, char *err,
		    size_t errsz);

#endif /* TALLY_SCAN_H */
