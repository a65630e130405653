/*
 * Writing results: CSV through libcsv's writer, JSON, and the metrics
 * object, to a stdio stream, and atomically to a path.  The groups are
 * written in the order the result holds (see engine_sort()).
 */
#ifndef TALLY_OUTPUT_H
#define TALLY_OUTPUT_H

#include <stdio.h>

struct engine_result;

enum output_format {
	OUTPUT_CSV,
	OUTPUT_JSON,
	OUTPUT_PARQUET,		/* see parquet.h */
	OUTPUT__MAX
};

/* The names users write for each format ("csv", "json", "parquet"). */
extern const char *const output_format_names[OUTPUT__MAX];

/* How results are written; a zeroed struct gives the defaults. */
struct output_opts {
	int		 raw_keys;	/* CSV: no formula guard on keys */
	int		 json_strings;	/* JSON: decimals as "strings" */
	int		 codec;		/* Parquet: enum parquet_codec */
};

/*
 * Write one header row (key columns, then one column per aggregate) and one
 * row per group.  Unless raw_keys, a key cell that a spreadsheet would run
 * as a formula (it starts with =, +, -, @, TAB or CR) gets a leading single
 * quote, as OWASP advises against CSV injection.  Returns 0, or -1 on a
 * write error (errno set).
 */
int		 output_csv(FILE *f, const struct engine_result *res,
		    int raw_keys);

/*
 * Write {"columns":[...],"rows":[{...}],"metrics":{...},"rejected":[...]}.
 * Numbers are JSON numbers printed exactly; a missing value is null.
 * Returns 0, or -1 on a write error.
 */
int		 output_json(FILE *f, const struct engine_result *res);

/*
 * output_json() with options: when o->json_strings is set, every decimal
 * (sums, mins, maxes, means: every aggregate but counts) is written as a
 * JSON string holding its exact text, for readers whose numbers are
 * doubles.  o may be NULL.
 */
int		 output_json_with(FILE *f, const struct engine_result *res,
		    const struct output_opts *o);

/*
 * Write the metrics as one JSON object: rows, rejected, groups, bytes,
 * seconds, mb_per_s, peak_rss_kb.  Returns 0, or -1 on a write error.
 */
int		 output_metrics(FILE *f, const struct engine_result *res);

/* Write the bad-row samples as a JSON array.  Returns 0 or -1. */
int		 output_rejects(FILE *f, const struct engine_result *res);

/*
 * Write the result in format fmt to f.  o may be NULL for the defaults.
 * Returns 0, or -1 with err set.
 */
int		 output_write(FILE *f, const struct engine_result *res,
		    enum output_format fmt, const struct output_opts *o,
		    char *err, size_t errsz);

/*
 * Open where a result named path is written: a temporary file in path's
 * folder (mode 0644), its name in tmp, which the caller fsyncs and
 * renames over path; or, when path exists and is not a regular file (a
 * device such as /dev/null, a FIFO, a terminal), path itself, with tmp
 * set to "": renaming over a device would replace it with a plain file,
 * and as root that breaks /dev/null for every process of the machine.
 * Returns a descriptor, or -1 with err set.
 */
int		 output_open(const char *path, char *tmp, size_t tmpsz,
		    char *err, size_t errsz);

/*
 * Write the result to path atomically: a temporary file in the same folder,
 * fsync, then rename over path (a device or FIFO is written in place, see
 * output_open()).  o may be NULL for the defaults.  Returns
 * 0, or -1 with err set; on failure path is untouched and no temporary
 * file remains.
 */
int		 output_file(const char *path, const struct engine_result *res,
		    enum output_format fmt, const struct output_opts *o,
		    char *err, size_t errsz);

/*
 * Write a gzip-compressed copy of the file at path to dst, atomically like
 * output_file(), for nginx's gzip_static.  Returns 0, or -1 with err set
 * (and no temporary file left).
 */
int		 output_gzip(const char *path, const char *dst, char *err,
		    size_t errsz);

#endif /* TALLY_OUTPUT_H */
