/*
 * The sniffer: what tally makes of the first bytes of a file, before the
 * upload, as one JSON document.  It reads them through the source layer
 * (so a gzip or zstd prefix is decompressed, as far as it goes, and the
 * encoding is detected the same way), then finds the delimiter and the
 * header with header.c and parses the first rows with libcsv, exactly as
 * a job would.  POST /api/sniff answers with it and the page shows it, so
 * the browser and the engine can never disagree.  It writes JSON; it does
 * not speak HTTP.
 */
#ifndef TALLY_SNIFF_H
#define TALLY_SNIFF_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "source.h"

/* The first bytes looked at: the page sends at most this much. */
#define SNIFF_INPUT_MAX		(1024 * 1024)

/* Rows of the preview, and bytes of each cell shown. */
#define SNIFF_ROWS		20
#define SNIFF_CELL_MAX		200

/* What the user chose; zero for "decide". */
struct sniff_opts {
	enum source_enc	 enc;		/* SOURCE_ENC_AUTO: detect */
	char		 delim;		/* 0: sniff */
	int		 header;	/* -1 decide, 0 none, 1 the first line */
	int		 decimal_comma;
	int		 trim;
};

/*
 * Sniff len bytes of fd from offset off (the start of a file, possibly
 * cut anywhere) and write the JSON document to f:
 *
 *	{"compression":"gzip","encoding":"windows-1252","delimiter":";",
 *	 "header":true,"header_guessed":true,"columns":["a","b"],
 *	 "rows":[["x","1,5"]],"truncated":true,
 *	 "default_query":{"group_by":"a","agg":"sum:b"},
 *	 "default_query_error":null,"decimal":"comma","trim":false}
 *
 * Returns 0, or -1 with a message in err and *why saying whether the bytes
 * are not CSV (SOURCE_FAIL_NOT_CSV), otherwise unreadable
 * (SOURCE_FAIL_DATA) or the failure not theirs (SOURCE_FAIL_IO).
 */
int		 sniff_json(int fd, off_t off, off_t len,
		    const struct sniff_opts *o, FILE *f,
		    enum source_fail *why, char *err, size_t errsz);

#endif /* TALLY_SNIFF_H */
