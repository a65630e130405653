/*
 * The test harness: run the engine on bytes held in memory, the way the
 * command line runs it on a file, and compare what it prints.  Every C test
 * links this and the in-tree jobs library, never an installed copy.
 */
#ifndef TALLY_HARNESS_H
#define TALLY_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine.h"

/* Automake's exit statuses. */
#define TH_PASS		0
#define TH_SKIP		77
#define TH_ERROR	99

/* Fail the test (exit 1) with a message naming the source line. */
#define CHECK(c) do { if (!(c)) th_fail(__FILE__, __LINE__, \
	"check failed: %s", #c); } while (0)
#define CHECK_STR(got, want) th_check_str(__FILE__, __LINE__, (got), (want))
#define CHECK_HAS(got, part) th_check_has(__FILE__, __LINE__, (got), (part))

void		 th_fail(const char *file, int line, const char *fmt, ...)
		    __attribute__((noreturn, format(printf, 3, 4)));
void		 th_check_str(const char *file, int line, const char *got,
		    const char *want);
void		 th_check_has(const char *file, int line, const char *got,
		    const char *part);

/*
 * SplitMix64 of z: the tests' seeded, reproducible pseudo-random numbers
 * (th_mix(i) for i = 0, 1, 2, ...).
 */
uint64_t	 th_mix(uint64_t z);

/*
 * The next number of the splitmix64 sequence at *state, which it
 * advances: th_mix(*state), *state then one step on.
 */
uint64_t	 th_rand(uint64_t *state);

/*
 * Another fixed 64-bit mix of j (murmur-like finalizer constants), for
 * tests that take a value's hash from its number: th_hash(v).
 */
uint64_t	 th_hash(uint64_t j);

/*
 * Write len bytes into an unlinked temporary file and return its
 * descriptor, positioned at 0.  Exits 99 on failure.
 */
int		 th_file(const char *data, size_t len);

/*
 * Run the engine over data with opts, sort by key and return the CSV it
 * prints (malloc'd, caller frees), or NULL with err set if the run failed.
 * res, if not NULL, receives the result, which the caller frees with
 * engine_result_free(); otherwise it is freed here.
 */
char		*th_run(const char *data, size_t len,
		    const struct engine_opts *opts, struct engine_result *res,
		    char *err, size_t errsz);

/* th_run() with a NUL-terminated input and only -g/-a options. */
char		*th_agg(const char *csv, const char *groups, const char *aggs,
		    char *err, size_t errsz);

/*
 * Run csv grouped by groups with aggs, sort it (by the first aggregate
 * when by_value, else by key), shape it as --limit, --others and --total
 * do, and return the CSV it prints (malloc'd, caller frees).  res, if not
 * NULL, receives the shaped result, which the caller frees with
 * engine_result_free().  Exits 1 naming the failing step.
 */
char		*th_shaped(const char *csv, const char *groups,
		    const char *aggs, int by_value, size_t limit, int others,
		    int total, struct engine_result *res);
/*
 * Run data in every block size from 1 to its length and check each gives
 * the same as the default block size: the same CSV or the same error, row
 * counts, delimiter and bad-row records; then the same gzipped and
 * zstd-compressed, in every block size too.  If want is not NULL the default
 * block size must also succeed with exactly want as its CSV.  Exits 1
 * naming the first block size that differs.
 */
void		 th_sweep(const char *data, size_t len,
		    const struct engine_opts *opts, const char *want);

/*
 * Run csv with opts (NULL: the defaults) and check that it succeeds giving
 * want, with exactly one bad row: the record starting on line rline, at
 * column (1-based, or 0 for the whole row) named colname, holding value,
 * rejected for reason.  colname and value are not checked if NULL.  Exits 1
 * naming the caller's line on any difference.
 */
#define CHECK_BAD_ROW(csv, opts, want, rline, column, colname, value, \
	reason) th_check_bad_row(__FILE__, __LINE__, (csv), (opts), (want), \
	(rline), (column), (colname), (value), (reason))
void		 th_check_bad_row(const char *file, int line, const char *csv,
		    const struct engine_opts *opts, const char *want,
		    unsigned long rline, int column, const char *colname,
		    const char *value, const char *reason);

/*
 * A scratch folder for this test under tests/tmp, created empty.  The path
 * is static storage.
 */
const char	*th_tmpdir(const char *name);
/* Create (or empty) the file dir/name; exits TH_ERROR on failure. */
void		 th_touch(const char *dir, const char *name);

/*
 * A source of fd from its start, in blocks of block bytes (0: the
 * default), decoded as source_open() decides; the test fails if it
 * cannot be opened.  source_close() it.
 */
struct source	*th_source(int fd, size_t block);

/*
 * Profile data with opts (NULL: the defaults) and return the JSON it
 * writes (malloc'd, caller frees), or NULL with err set if the run failed.
 */
char		*th_profile(const char *data, size_t len,
		    const struct engine_opts *opts, char *err, size_t errsz);

/*
 * th_profile() of len bytes at data on threads threads, in blocks of
 * block bytes (0: the default), split from split_min bytes, in encoding
 * enc; the test fails if the run does.
 */
char		*th_profile_at(const char *data, size_t len, int threads,
		    size_t block, size_t split_min, enum source_enc enc);

/*
 * th_profile() of the string csv with the defaults; the test fails if
 * the run does.
 */
char		*th_profile_csv(const char *csv);

#endif /* TALLY_HARNESS_H */
