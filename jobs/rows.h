/*
 * Paged reading of a finished job's result: the runner indexes result.csv
 * once (rows_index()), and GET /api/jobs/{id}/rows answers any page of it
 * with a few positioned reads (rows_page()), never reading the rest of
 * the result, so the 10,000th page of a million groups costs what the
 * first does.
 *
 * result.idx, beside result.csv, is fixed-width and little-endian:
 *
 *	"TLYROWS1"			8 bytes, the magic
 *	u64 nrows			data rows (the header row excluded)
 *	u64 nextra			of which the last are others/total rows
 *	u32 keycol, u32 valcol		the first key column, the first
 *					aggregate column (UINT32_MAX: none)
 *	u64 off[nrows + 1]		where each data row starts in
 *					result.csv; off[nrows] is its size
 *
 * result.byvalue, beside it when the result has an aggregate column, is
 * the order of the groups by that column, largest first (numbers compare
 * as exact decimals and before texts, texts by bytes, empty cells last):
 *
 *	u64 nvalued			groups with a value (not empty)
 *	u32 row[ngroups]		row numbers, in that order
 *
 * Orders a page may ask for (sort): none (the result's own order: keys
 * ascending), the first key column ascending or descending (the file read
 * forwards or backwards), and the first aggregate column descending or
 * ascending (result.byvalue read forwards, or its valued part backwards);
 * empty cells and the others/total rows stay last in every order.  Other
 * columns are refused: sorting them would cost a pass over the result.
 * This file reads what output.c wrote; it parses no one else's CSV.
 */
#ifndef TALLY_ROWS_H
#define TALLY_ROWS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What a page read cost, for tests and metrics. */
struct rows_stats {
	uint64_t	 bytes_read;	/* from the three files */
	uint64_t	 reads;		/* pread() calls */
};

/* Outcomes of rows_page(). */
enum rows_status {
	ROWS_OK,
	ROWS_BAD_SORT,		/* sort names no indexed column: err says */
	ROWS_NO_INDEX,		/* the job has no result.idx */
	ROWS_ERROR,		/* a read failed or a file is damaged */
	ROWS_STATUS__MAX
};

/*
 * Index the result.csv at csv: write idx (and, if valcol is not
 * UINT32_MAX, byvalue) for a result whose last nextra rows are others or
 * total rows, whose first key column is keycol and first aggregate column
 * valcol.  The files are written as given (callers pass temporary names
 * and publish them with the result).  Reads csv once; memory is one cell
 * per group for byvalue.  Returns 0, or -1 with err set.
 */
int		 rows_index(const char *csv, const char *idx,
		    const char *byvalue, uint32_t keycol, uint32_t valcol,
		    uint64_t nextra, char *err, size_t errsz);

/*
 * Write rows [offset, offset + limit) of the indexed result in the order
 * sort asks ("" or NULL: the result's own; "NAME" ascending, "-NAME"
 * descending, NAME a column of the header) to out as
 *
 *	{"total":N,"offset":O,"limit":L,"sort":S,"columns":[...],
 *	 "rows":[["cell",...],...]}
 *
 * with every cell the text result.csv holds (unquoted; an empty cell is
 * ""), and add what it read to st (may be NULL).  An offset past the end
 * gives no rows.  Returns a rows_status; on ROWS_OK out holds the
 * document, otherwise err says why and out may hold part of one.
 */
enum rows_status rows_page(const char *csv, const char *idx,
		    const char *byvalue, uint64_t offset, uint64_t limit,
		    const char *sort, FILE *out, struct rows_stats *st,
		    char *err, size_t errsz);

#endif /* TALLY_ROWS_H */
