/*
 * Download names: the files of a job are served under the job's name, so
 * that downloads of different jobs do not overwrite each other:
 * "march-sales.csv" gives march-sales.totals.csv, .totals.json,
 * .totals.parquet and march-sales.rejects.csv.  This file turns a job's
 * recorded name (an upload's file name, or name=) into the stem of those
 * names, sanitised, in the two forms a Content-Disposition header needs
 * (RFC 6266): an ASCII fallback for filename="..." and the UTF-8 name
 * percent-encoded for filename*=UTF-8''...  It knows nothing of HTTP.
 */
#ifndef TALLY_DOWNLOAD_H
#define TALLY_DOWNLOAD_H

#include <stddef.h>

/* The longest stem, in bytes of UTF-8, before encoding. */
#define DOWNLOAD_STEM_MAX	100

/* Enough for either form of a stem of DOWNLOAD_STEM_MAX bytes. */
#define DOWNLOAD_TEXT_MAX	(3 * DOWNLOAD_STEM_MAX + 1)

/*
 * The stem of name: its last path component, without a trailing .csv,
 * .tsv or .txt (and .gz, .zst before them), with control characters,
 * quotes, backslashes and the characters Windows refuses in file names
 * (/ \ : * ? " < > |) turned into "_", runs of spaces into one, spaces
 * and dots trimmed at both ends, invalid UTF-8 bytes dropped, and cut at
 * DOWNLOAD_STEM_MAX bytes on a character boundary; "result" if nothing
 * is left.  ascii gets the stem with every non-ASCII character as "_"
 * (safe inside a quoted-string), pct the stem's UTF-8 with every byte
 * outside RFC 5987's attr-char percent-encoded.  Both buffers must hold
 * DOWNLOAD_TEXT_MAX bytes.
 */
void		 download_stem(const char *name, char *ascii, char *pct);

/* Enough for either form of a whole download name. */
#define DOWNLOAD_NAME_MAX	(DOWNLOAD_TEXT_MAX + 32)

/*
 * The download name of a job's file (result.csv, result.json,
 * result.parquet, rejects.csv) for a job called name, in both forms as
 * download_stem() gives them: "march-sales.totals.csv",
 * "march-sales.rejects.csv".  Both buffers must hold DOWNLOAD_NAME_MAX
 * bytes.  Returns 0, or -1 if file is none of those.
 */
int		 download_name(const char *name, const char *file, char *ascii,
		    char *pct);

#endif /* TALLY_DOWNLOAD_H */
