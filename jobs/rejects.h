/*
 * rejects.csv: every bad row of a run, streamed to a file as the engine
 * finds them (engine_opts.reject), so memory stays flat however many
 * there are.  One header row, then one row per bad row:
 *
 *	line,offset,column,column_name,value,reason,record
 *
 * line is where the record starts (1-based), offset its byte offset from
 * the start of the input (empty if unknown: the libcsv parser), column
 * the 1-based column at fault (empty when the whole row is), value the
 * offending value (its first 64 bytes), and record the raw record, line
 * end excluded, cut at TALLY_REJECT_RECORD bytes on a UTF-8 character
 * boundary with "..." marking the cut.  Cells a spreadsheet would run as
 * formulas get a leading single quote, as in results.  Values and records
 * keep every byte: a NUL is written as it is, inside a quoted field (a
 * value "3<NUL>" is the 4 bytes "3<NUL>" between quotes), which Python's
 * csv, DuckDB and Polars read back as the 2-byte value.  The file is
 * written under a temporary name and renamed into place when closed.
 */
#ifndef TALLY_REJECTS_H
#define TALLY_REJECTS_H

#include <stddef.h>

struct engine_reject;
struct rejects;

/*
 * Start writing path (through a temporary file beside it).  Returns a
 * writer, or NULL with err set.
 */
struct rejects	*rejects_open(const char *path, char *err, size_t errsz);

/*
 * Append one bad row.  arg is the writer: this is the engine's reject
 * callback.  A write error is kept for rejects_close().
 */
void		 rejects_add(void *arg, const struct engine_reject *rj);

/* How many rows were added. */
unsigned long long rejects_count(const struct rejects *w);

/*
 * Finish: with keep, flush, fsync and rename into place; without, remove
 * the temporary file.  Frees w (NULL is fine).  Returns 0, or -1 with err
 * set if a write failed (then nothing is left behind).
 */
int		 rejects_close(struct rejects *w, int keep, char *err,
		    size_t errsz);

#endif /* TALLY_REJECTS_H */
