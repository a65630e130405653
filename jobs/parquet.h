/*
 * Writing a result as an Apache Parquet file, for analysts who load results
 * into DuckDB, Polars, pandas or Spark and want exact decimals and types.
 * The writer is written from the specification (parquet-format's
 * parquet.thrift and its Encodings.md), without a Parquet library: Debian
 * ships none for C.  It writes format version 1 files: PLAIN-encoded data
 * pages (v1), definition levels in the RLE/bit-packed hybrid, pages
 * compressed with zstd or not at all, row groups of at most
 * TALLY_PARQUET_GROUP_ROWS rows, and the footer in the Thrift compact
 * protocol (thrift.c).  Memory is one page buffer whatever the result's
 * size.  It does not write statistics, dictionaries or page indexes.
 *
 * Types, decided per column by the aggregate kind and the values:
 * - key columns: BYTE_ARRAY with the STRING logical type (and the legacy
 *   UTF8 converted type), the cells as the engine grouped them (never the
 *   CSV writer's formula guard); a key column holding bytes that are not
 *   UTF-8 is plain BYTE_ARRAY instead;
 * - counts (count, distinct, approx_distinct): INT64;
 * - every other aggregate (sums, mins, maxes, means, quantiles, stddev,
 *   var, and kinds added later): DECIMAL(38, s) in FIXED_LEN_BYTE_ARRAY(16), big-endian two's
 *   complement, where s is the largest number of digits after the point
 *   that the column prints, so each value equals the CSV's text exactly;
 * - a column whose printed values are not all decimals, or need more than
 *   38 digits at that scale, falls back to BYTE_ARRAY STRING holding the
 *   CSV's text;
 * - a missing value (an empty CSV cell) is a null; only columns that have
 *   one are OPTIONAL.
 * An empty result is a valid file with the schema and no row groups.
 * A result shaped with others or total rows (engine_shape()) gets, as in
 * CSV, a first column "kind" (STRING: group, others, total), and those
 * rows' keys are nulls (the key columns are then OPTIONAL).
 */
#ifndef TALLY_PARQUET_H
#define TALLY_PARQUET_H

#include <stdio.h>

struct engine_result;

/* How data pages are compressed. */
enum parquet_codec {
	PARQUET_ZSTD,		/* the default */
	PARQUET_NONE,
	PARQUET_CODEC__MAX
};

/* The names users write for each codec ("zstd", "none"). */
extern const char *const parquet_codec_names[PARQUET_CODEC__MAX];

/*
 * Write res (in the order it holds: see engine_sort()) as a Parquet file
 * to f, which need not be seekable.  Returns 0, or -1 with err set on a
 * write error (errno kept) or when memory is short.
 */
int		 parquet_write(FILE *f, const struct engine_result *res,
		    enum parquet_codec codec, char *err, size_t errsz);

#endif /* TALLY_PARQUET_H */
