/*
 * Every bound tally enforces, in one place.  Each limit exists so that a
 * hostile or broken upload costs a known amount of memory and time, and each
 * one, when crossed, produces an error message that names it.  Nothing here
 * allocates; this header only names numbers.
 */
#ifndef TALLY_BOUNDS_H
#define TALLY_BOUNDS_H

/*
 * Bytes read from the input per read(2)/pread(2).  The input is never loaded
 * or mapped whole: this buffer (or a mapped window, below) and the parser's
 * field buffer are the only memory that the input itself occupies.
 */
#define TALLY_BLOCK_SIZE	(256 * 1024)

/*
 * Bytes of a plain file the fast scanner maps at a time, a window per
 * thread (jobs/window.h), instead of reading them into its block: the
 * copy read(2) makes was most of the system time of a run.  A mapped page
 * counts in the resident set only while it is mapped, so this is the
 * resident cost of the input per thread.
 */
#define TALLY_MAP_WINDOW	(1024 * 1024)

/*
 * A block smaller than this is read, never mapped: a mapping costs four
 * system calls (mmap, madvise, munmap and the fstat that checks the file
 * did not shrink) and cannot be smaller than a page, so mapping blocks of
 * a few bytes (the tests' seams) made a run spend its time in the kernel.
 */
#define TALLY_MAP_MIN		4096

/*
 * The longest field, in bytes after unquoting.  libcsv's field buffer is
 * capped a little above this through csv_set_realloc_func(), so a 2 GB quoted
 * field fails here instead of asking for 2 GB.
 */
#define TALLY_FIELD_MAX		(1024 * 1024)

/* The longest header line, BOM and terminator included. */
#define TALLY_HEADER_MAX	(256 * 1024)

/* The most columns a header (and so a row) may have. */
#define TALLY_COLUMNS_MAX	4096

/*
 * The longest key cell, in bytes.  A row whose key cell is longer is a bad
 * row (skipped and counted), not a fatal error.
 */
#define TALLY_KEY_MAX		1024

/*
 * The default most distinct groups.  Crossing it stops the run: the memory a
 * run uses is proportional to this number.  Callers may lower it.
 */
#define TALLY_GROUPS_MAX	(16 * 1024 * 1024)

/*
 * The default memory budget of one run (engine_opts.max_memory,
 * --max-job-memory, --max-memory): the bytes its group tables may hold at
 * once, counted in jobs/mem.c.  The runner's address-space limit sits
 * above it by TALLY_MEMORY_MARGIN, for threads, stacks, buffers and the
 * libraries, as a backstop that nothing in a healthy run reaches.
 */
#define TALLY_MEMORY_MAX	((size_t)1024 * 1024 * 1024)
#define TALLY_MEMORY_MARGIN	((size_t)512 * 1024 * 1024)

/*
 * The default most bytes of one result file (--max-result-size).  The
 * runner writes its results under an RLIMIT_FSIZE of this size, so a job
 * whose result would be larger fails with a sentence instead of filling
 * the disk.
 */
#define TALLY_RESULT_MAX	((size_t)1024 * 1024 * 1024)

/*
 * Paged results (rows.c, GET /api/jobs/{id}/rows): a page has at most
 * TALLY_ROWS_PAGE_MAX rows (TALLY_ROWS_PAGE_DEFAULT when not asked), and a
 * result row longer than TALLY_ROWS_RECORD_MAX bytes (16 keys of 1 KiB and
 * 64 aggregates fit in far less) is taken for a damaged index.
 */
#define TALLY_ROWS_PAGE_MAX	1000
#define TALLY_ROWS_PAGE_DEFAULT	100
#define TALLY_ROWS_RECORD_MAX	(1024 * 1024)
/*
 * A page sorted by a column other than the first key and the first
 * aggregate needs that column's order, which the daemon makes on the
 * first such request (one pass over the result, a cell per group in
 * memory: about 100 MB for 2M groups); past TALLY_ROWS_SORT_MAX rows it
 * refuses instead.
 */
#define TALLY_ROWS_SORT_MAX	2000000

/* The most group-by columns and the most aggregates in one query. */
#define TALLY_GROUP_COLS_MAX	16
#define TALLY_AGGS_MAX		64

/* The longest query specification string (-g or -a). */
#define TALLY_SPEC_MAX		4096

/*
 * The most digits after the decimal point in an accepted number, and the
 * most significant digits in total.  Sums are kept in 128 bits at the
 * column's largest scale, so these bound the headroom left for sums.
 */
#define TALLY_SCALE_MAX		18
#define TALLY_DIGITS_MAX	38

/* The most characters of a number (spaces and exponent included). */
#define TALLY_NUMBER_MAX	128

/* Bad rows recorded in detail; the rest are only counted. */
#define TALLY_BADROWS_KEEP	100

/* Bytes of an offending value kept in a bad-row record. */
#define TALLY_BADVALUE_SHOW	64

/*
 * Bytes of a bad row's raw record written to rejects.csv (cut on a UTF-8
 * character boundary, "..." marking the cut).
 */
#define TALLY_REJECT_RECORD	256

/* Fractional digits printed for a mean beyond the column's own scale. */
#define TALLY_MEAN_EXTRA	6

/*
 * Threads.  A seekable input is split into at most TALLY_THREADS_MAX
 * chunks, none smaller than TALLY_SPLIT_MIN bytes; each thread holds one
 * block buffer and its own group table, so memory grows with the thread
 * count, not with the input.  At each chunk seam the next thread first
 * parses TALLY_SEAM_WINDOW bytes without counting them, so that a seam that
 * falls inside a quoted field has room to resynchronise (see engine.c).
 */
#define TALLY_THREADS_MAX	64
#define TALLY_SPLIT_MIN		(1024 * 1024)
#define TALLY_SEAM_WINDOW	(64 * 1024)

/*
 * Parquet results (parquet.c).  A row group holds at most GROUP_ROWS rows,
 * so readers can work a group at a time; a data page is cut when its
 * values pass PAGE_BYTES or it has PAGE_ROWS rows.  The writer's memory is
 * about one page (its values, levels and compressed copy) plus one small
 * record per column chunk, whatever the size of the result.
 */
#define TALLY_PARQUET_GROUP_ROWS	(128 * 1024)
#define TALLY_PARQUET_PAGE_BYTES	(1024 * 1024)
#define TALLY_PARQUET_PAGE_ROWS		(64 * 1024)

/*
 * CSV results of many groups after a run with threads (output.c): a
 * helper thread prints every other chunk of rows into one of two buffers
 * of TALLY_OUTPUT_BUF bytes, charged to the run's memory budget; without
 * them (the budget refuses) or past them (wide keys), the caller prints.
 */
#define TALLY_OUTPUT_BUF	(2 * 1024 * 1024)

/*
 * Profiles (profile.c).  A column counts its distinct values exactly, with
 * a count and the first bytes of each, up to TALLY_PROFILE_DISTINCT of
 * them, then estimates (HyperLogLog, 0.81% standard error) and keeps the
 * heavy hitters in a sketch.  All the columns of one thread share
 * TALLY_PROFILE_ENTRIES exact entries (about 200 bytes each at most: a
 * slot, the entry with its value's type and number, the key bytes), so
 * a wide file gets a lower bound per column, never below 1024.
 */
#define TALLY_PROFILE_DISTINCT	100000
#define TALLY_PROFILE_ENTRIES	(2 * 1024 * 1024)

/* Length of an error message buffer. */
#define TALLY_ERR_MAX		512

#endif /* TALLY_BOUNDS_H */
