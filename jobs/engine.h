/*
 * The aggregation engine: one pass over a byte range of a file descriptor,
 * grouping records by key and folding numbers exactly.  This is the library
 * entry point that the tally command, the job runner and the tests share.
 * It has no global state: everything lives in the result it fills.
 */
#ifndef TALLY_ENGINE_H
#define TALLY_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "agg.h"
#include "bounds.h"
#include "query.h"
#include "source.h"

struct filter;
struct mem;

/* Which CSV parser reads the records. */
enum engine_parser {
	ENGINE_PARSER_FAST,	/* the SIMD scanner (scan.c): the default */
	ENGINE_PARSER_LIBCSV,	/* libcsv (reader.c): the reference */
	ENGINE_PARSER__MAX
};

/* One bad row. */
struct engine_reject {
	unsigned long	 line;		/* where the record starts, 1-based */
	int		 column;	/* 1-based, or 0 for the whole row */
	char		 colname[64];	/* the header's name, cut (UTF-8) */
	char		 value[TALLY_BADVALUE_SHOW + 4]; /* cut, "...", NULs */
	size_t		 value_len;	/* bytes in value, NULs included */
	char		 reason[96];
	/*
	 * The record's byte offset in the input (decompressed and decoded
	 * to UTF-8, if it was), or UINT64_MAX if unknown (the libcsv parser),
	 * and its first TALLY_REJECT_RECORD bytes, line end excluded, cut on
	 * a UTF-8 character boundary with "..." added when cut.  Empty if
	 * the bytes could not be had (a pipe, across two read blocks).  NUL
	 * bytes are kept: record_len counts every byte ("..." included).
	 */
	uint64_t	 offset;
	char		 record[TALLY_REJECT_RECORD + 4];
	size_t		 record_len;
};

/* Kinds of limit on bad rows (engine_opts.max_bad). */
enum engine_max_bad {
	ENGINE_MAX_BAD_NONE,
	ENGINE_MAX_BAD_ROWS,
	ENGINE_MAX_BAD_PERCENT,
	ENGINE_MAX_BAD__MAX
};

struct engine_opts {
	const char	*groups;	/* "region,department"; NULL: default */
	const char	*aggs;		/* "sum:x,count"; NULL: default */
	/*
	 * --where conditions (filter.h), all of which a row must pass to
	 * count; a bad one fails the run with data_error unset.
	 */
	const char *const *where;
	size_t		 nwhere;
	char		 delim;		/* 0: sniff from the header */
	int		 strict;	/* stop at the first bad row */
	size_t		 block_size;	/* 0: TALLY_BLOCK_SIZE */
	size_t		 max_groups;	/* 0: TALLY_GROUPS_MAX */
	/*
	 * The run's memory budget in bytes for what grows with the input
	 * (group tables, per thread and merged); 0: TALLY_MEMORY_MAX.  The
	 * first allocation past it stops the run with "the job needs more
	 * than 1 GiB of memory for its groups (N groups so far); raise
	 * OPTION", where OPTION is memory_option (NULL: "--max-job-memory").
	 */
	size_t		 max_memory;
	const char	*memory_option;
	/*
	 * Called after every block with the bytes of the range consumed, the
	 * records seen and how many of those failed the where conditions.
	 * Return 0 to go on, -1 to cancel the run (which then fails with
	 * "cancelled").  May be NULL.
	 */
	int		(*progress)(void *arg, uint64_t bytes, uint64_t rows,
			    uint64_t filtered);
	void		*progress_arg;
	enum engine_parser parser;	/* 0: ENGINE_PARSER_FAST */
	/*
	 * Threads for a seekable input: 0 for one per online core, 1 for
	 * none.  Pipes and the libcsv parser always use one.  Results,
	 * bad rows and errors do not depend on it.
	 */
	int		 threads;
	/*
	 * The smallest chunk worth a thread; 0 for TALLY_SPLIT_MIN.  Tests
	 * lower it to put chunk seams into small inputs.
	 */
	size_t		 split_min;
	/*
	 * Groups a thread's own table holds before its rows go to the
	 * shared table (part.h) instead; 0 for the default.  Tests lower it
	 * to run small inputs through the shared table.
	 */
	size_t		 big_groups;
	/*
	 * The dialect.  A key cell is its bytes as written (RFC 4180: blanks
	 * are part of a field) unless trim, which drops blanks around fields
	 * as libcsv's default does.  no_header: the first line is data and
	 * the columns are named 1, 2, ...  decimal_comma: "1,5" is 1.5 and a
	 * point is a thousands separator (refused); the caller refuses it
	 * with a comma delimiter.  The encoding is source.enc.
	 */
	int		 trim;
	int		 no_header;
	int		 decimal_comma;
	/*
	 * Called with every bad row, in input order, from the calling
	 * thread, whatever the thread count (a threaded run whose chunks
	 * rejected more rows than they keep is redone on one thread).  The
	 * row is only valid during the call.  May be NULL.
	 */
	void		(*reject)(void *arg, const struct engine_reject *rj);
	void		*reject_arg;
	/*
	 * The most bad rows a run may have: none (the default), a count
	 * (the run stops at the row past it) or a percentage of the rows
	 * read (judged at the end of the input).  Crossing it fails the run
	 * as bad input, with a message that says how many rows were
	 * rejected out of how many read.
	 */
	enum engine_max_bad max_bad;
	uint64_t	 max_bad_rows;
	double		 max_bad_percent;
	/*
	 * How the input is decoded (source.h): the encoding, and test knobs.
	 * Its block_size is ignored: block_size above is used.
	 */
	struct source_opts source;
};

struct engine_result {
	struct query		 q;
	char			*keynames[TALLY_GROUP_COLS_MAX]; /* owned */
	struct agg		*agg;		/* owned */
	struct mem		*mem;		/* owned: agg's budget */
	struct filter		*filter;	/* owned: the bound --where */
	/* Set by engine_shape(). */
	size_t			 shown;		/* groups printed; 0 before */
	int			 shaped;
	int			 marked;	/* rows carry a kind column */
	struct agg		*shape;		/* owned: others and total */
	size_t			 nextra;
	enum engine_row {
		ENGINE_ROW_GROUP,
		ENGINE_ROW_OTHERS,
		ENGINE_ROW_TOTAL,
		ENGINE_ROW__MAX
	}			 extra[2];	/* the kinds of the extra rows */
	char			 delim;		/* the delimiter used */
	uint64_t		 rows;		/* records after the header */
	uint64_t		 rejected;	/* of which were bad */
	uint64_t		 filtered;	/* of which failed --where */
	uint64_t		 bytes;		/* of the range consumed */
	uint64_t		 bytes_out;	/* decoded bytes consumed */
	enum source_comp	 comp;		/* the input's compression */
	int			 not_csv;	/* refused: a binary format */
	double			 seconds;
	unsigned		 threads;	/* that ran it; sorts may use them */
	long			 peak_rss_kb;	/* of this process, so far */
	int			 data_error;	/* failed because of the input */
	int			 cancelled;	/* failed because progress said so */
	int			 usage_error;	/* failed on a bad --where */
	size_t			 nrejects;
	struct engine_reject	 rejects[TALLY_BADROWS_KEEP];
};

/*
 * Aggregate len bytes of fd from offset off (len < 0: to the end; a pipe is
 * read from where it is), decompressing gzip or zstd (see source.h).  A
 * plain regular file is split among opts->threads threads; the progress callback is still called from the calling thread
 * only.  On 0, res holds the groups (in first-seen order)
 * and metrics.  On -1, err says what went wrong, naming the line, column and
 * value where there is one, and res still holds the metrics, the bad rows
 * and the flags data_error, not_csv and cancelled.  Either way the caller must call
 * engine_result_free().
 */
int		 engine_run(const struct engine_opts *opts, int fd, off_t off,
		    off_t len, struct engine_result *res, char *err,
		    size_t errsz);

/*
 * Parse a limit on bad rows as users write it: "N" rows (0 allowed) or
 * "P%" with P from 0 to 100 (decimals allowed), into o's max_bad fields.
 * Returns 0, or -1 (o unchanged) if s is neither.
 */
int		 engine_parse_max_bad(const char *s, struct engine_opts *o);

/* Release what engine_run() stored in res.  Safe on a zeroed result. */
void		 engine_result_free(struct engine_result *res);

/*
 * Order the groups: by key ascending, or (by_value) by the first aggregate
 * largest first with ties by key.  Returns 0, or -1 if memory is short.
 */
int		 engine_sort(struct engine_result *res, int by_value);

/*
 * The text of aggregate j for group i, as tally prints it, into buf
 * (ENGINE_CELL_MAX bytes is always enough).  Returns 0 for a number, 1 if
 * the value is missing (no non-missing input values: printed as an empty
 * cell or JSON null), or 2 for a text (a min or max of text cells: a JSON
 * string).
 */
#define ENGINE_CELL_MAX	(TALLY_KEY_MAX + 200)
int		 engine_cell(const struct engine_result *res, size_t i,
		    size_t j, char *buf, size_t sz);

/*
 * Shape the sorted result: keep the first limit groups (0: all of them),
 * and add a row "others" folding every group left out (others) and a last
 * row "total" folding every group (total).  Those rows are exact for
 * counts, sums, extremes, means, variances; distinct counts and quantiles
 * do not add up and are left empty.  Returns 0, or -1 with err set if a
 * folded sum overflows.
 */
int		 engine_shape(struct engine_result *res, size_t limit,
		    int others, int total, char *err, size_t errsz);

/* The names of the row kinds, for the "kind" column: group, others... */
extern const char *const engine_row_names[ENGINE_ROW__MAX];

/* The groups to print: all of them, or as many as engine_shape() kept. */
size_t		 engine_groups(const struct engine_result *res);

/* engine_cell() for extra row k (0 <= k < res->nextra). */
int		 engine_extra_cell(const struct engine_result *res, size_t k,
		    size_t j, char *buf, size_t sz);

/*
 * For other passes over the same input (profile.c): the seams for up to n
 * chunks of [from, end) of a splittable source, chosen as engine_run()
 * chooses them, into seams (n - 1 entries).  Returns how many (possibly
 * none), or -1 with err set on a read error.
 */
long		 engine_seams(const struct engine_opts *opts,
		    struct source *src, char delim, uint64_t from,
		    uint64_t end, size_t n, uint64_t *seams, char *err,
		    size_t errsz);

/* The online cores, 1 to TALLY_THREADS_MAX: threads = 0's meaning. */
int		 engine_cores(void);

/* Peak resident set size of this process in KiB, from getrusage(). */
long		 engine_peak_rss_kb(void);

#endif /* TALLY_ENGINE_H */
