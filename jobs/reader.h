/*
 * The streaming reader: bytes of a source (source.h) in, CSV records out,
 * through libcsv.  It reads fixed-size blocks, never the whole input,
 * handles the header (BOM, delimiter), knows the line each record starts
 * on, and enforces the field-length limit.  It keeps only the fields its
 * caller asks for, and those only up to a bounded length.
 */
#ifndef TALLY_READER_H
#define TALLY_READER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "header.h"
#include "bounds.h"
#include "source.h"

/* How many bytes of a kept field are stored; its full length is in len. */
#define READER_SLOT_BYTES	(TALLY_KEY_MAX + 1)

/* The most fields a caller may keep per row. */
#define READER_SLOTS_MAX	(TALLY_GROUP_COLS_MAX + TALLY_AGGS_MAX)

/*
 * libcsv's field buffer is capped a little above TALLY_FIELD_MAX (it may hold
 * a closing quote and trailing spaces beyond the field) and grows in steps of
 * READER_FIELD_STEP.  The fast scanner (scan.c) derives from these two the
 * exact field length at which libcsv gives up, so both fail alike.
 */
#define READER_FIELD_CAP	(TALLY_FIELD_MAX + 64)
#define READER_FIELD_STEP	(16 * 1024)

struct reader_slot {
	size_t		 len;			/* the field's full length */
	char		 buf[READER_SLOT_BYTES];/* its first bytes */
};

/*
 * A kept field where it lies: len is its full length, and its first
 * min(len, READER_SLOT_BYTES) bytes at s are readable.
 */
struct reader_cell {
	const char	*s;
	size_t		 len;
};

/* A record's position when the parser does not know it (libcsv). */
#define READER_OFF_NONE		UINT64_MAX

struct reader_row {
	unsigned long		 line;		/* 1-based line the record starts on */
	size_t			 nfields;	/* fields in the record */
	const struct reader_slot *slots;	/* kept fields, by slot */
	/*
	 * Where the record is in the range: [off, end), its line end
	 * excluded, or READER_OFF_NONE.  raw points at those bytes while
	 * the callback runs if they are all in the parser's buffer, else it
	 * is NULL (a record across two blocks, or libcsv).
	 */
	uint64_t		 off;
	uint64_t		 end;
	const char		*raw;
	/*
	 * The kept fields again, by slot, for a fast scanner asked for
	 * them (scan_conf.point), else NULL: each pointing into the
	 * scanner's block where the field needs no copy, else into its
	 * slot.
	 */
	const struct reader_cell *cells;
	/*
	 * 1 if every one of cells points into the scanner's block, where it
	 * stays readable after the callback returns, until the scanner's
	 * release callback (scan_conf.release); else 0: the cells that
	 * point at their slot's buf live only while the callback runs, the
	 * others last as above.
	 */
	int			 lasting;
};

struct reader_cb {
	/*
	 * The header is known.  Fill slot_of[c] for each of the h->ncols
	 * columns with the slot to keep it in, or -1 to skip it.  Return 0,
	 * or -1 with err set to stop.
	 */
	int	(*header)(void *arg, const struct header *h, int *slot_of,
		    char *err, size_t errsz);
	/* One record.  Return 0, or -1 with err set to stop. */
	int	(*row)(void *arg, const struct reader_row *r, char *err,
		    size_t errsz);
	/*
	 * bytes of the range consumed so far; called after every block.
	 * Return 0, or -1 with err set to stop.  May be NULL.
	 */
	int	(*progress)(void *arg, uint64_t bytes, char *err, size_t errsz);
	void	*arg;
};

struct reader_opts {
	char		 delim;		/* 0 to sniff from the header */
	size_t		 block_size;	/* 0 for TALLY_BLOCK_SIZE */
	/*
	 * Blanks (spaces, tabs) around a field are libcsv's to drop, as
	 * its default does; otherwise they are part of the field, as RFC
	 * 4180 says (a field is its bytes as written).
	 */
	int		 trim;
	int		 no_header;	/* the first line is data */
};

/*
 * The message for a field longer than TALLY_FIELD_MAX, into err: on the
 * given line, the 1-based field; opened, if not 0, is the line a quoted
 * field still open began on (a quote that never closes swallows the rest
 * of the file until a field is too long, far from the quote).
 */
void		 reader_long_message(char *err, size_t errsz,
		    unsigned long line, size_t field, unsigned long opened);

/*
 * Read src in order from its start and hand the header and every record to
 * cb; the progress callback gets decoded positions.  *bytes gets the
 * decoded bytes consumed.  Returns 0, or -1 with a message in err: a bad
 * header, input that is not CSV, a field over TALLY_FIELD_MAX, an
 * unterminated quote at the end, a corrupt compressed stream, or whatever a
 * callback said.  Returns -2 instead for what is not the input's fault: a
 * read error or memory exhaustion.
 */
int		 reader_run(struct source *src, const struct reader_opts *opts,
		    const struct reader_cb *cb, uint64_t *bytes, char *err,
		    size_t errsz);

/*
 * Convert the names of h, read from an input in enc, to UTF-8 in place if
 * enc is a single-byte encoding (whose cells the parsers leave as they
 * are); other encodings are UTF-8 already.  Returns 0, or -1 with err set
 * if memory is short.
 */
int		 reader_names_utf8(const struct header *h, enum source_enc enc,
		    char *err, size_t errsz);

/*
 * Read only the header of the range of fd (len < 0: to the end),
 * decompressing and transcoding it from enc (SOURCE_ENC_AUTO: detect) if
 * need be, as reader_run() would see it; with no_header, the first line is
 * data and the columns are named 1, 2, ...  On 0, h must
 * be freed with header_free().  Returns -1 with err set otherwise, and
 * *why says whether the input is not CSV at all (SOURCE_FAIL_NOT_CSV),
 * bad in another way (SOURCE_FAIL_DATA: a bad header, a corrupt stream)
 * or could not be read (SOURCE_FAIL_IO).
 */
int		 reader_header(int fd, off_t off, off_t len, char delim,
		    enum source_enc enc, int no_header, struct header *h, enum source_fail *why, char *err,
		    size_t errsz);

/*
 * Read the header at the start of src into hbuf (TALLY_HEADER_MAX bytes),
 * reading block bytes at a time, exactly as reader_run() does.  On 0, h is
 * filled (free it with header_free()) and *have says how many bytes hbuf
 * holds, header and beyond.  Returns -1 with err set and *why as for
 * reader_header() otherwise.
 */
int		 reader_read_header(struct source *src, size_t block,
		    char delim, struct header *h, char *hbuf, size_t *have,
		    enum source_fail *why, char *err, size_t errsz);

#endif /* TALLY_READER_H */
