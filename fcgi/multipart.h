/*
 * Finding the file inside a stored multipart/form-data body without
 * copying it: the body is scanned once in bounded blocks for its
 * delimiters, the form fields are read out, and the file part is then a
 * byte range that the engine aggregates in place.
 */
#ifndef TALLY_MULTIPART_H
#define TALLY_MULTIPART_H

#include <stddef.h>
#include <sys/types.h>

#include "bounds.h"

/* A part's headers, blank line included, must fit in this many bytes. */
#define MULTIPART_HEAD_MAX	(64 * 1024)
/* Bytes read at a time while scanning a body for its delimiters. */
#define MULTIPART_BLOCK		(128 * 1024)
#define MULTIPART_BOUNDARY_MAX	70	/* RFC 2046 */
#define MULTIPART_FIELDS_MAX	16
#define MULTIPART_NAME_MAX	64

struct multipart_field {
	char	 name[MULTIPART_NAME_MAX];
	char	 value[TALLY_SPEC_MAX];
};

struct multipart {
	int			 has_file;
	off_t			 file_off;	/* first byte of the file's data */
	off_t			 file_len;
	char			 filename[256];
	size_t			 nfields;
	struct multipart_field	 fields[MULTIPART_FIELDS_MAX];
};

/*
 * Take the boundary out of a Content-Type value
 * ("multipart/form-data; boundary=xyz", quoted or not).  Returns 1 and the
 * boundary in out (sz >= MULTIPART_BOUNDARY_MAX + 1) for multipart/form-data,
 * 0 for any other type, -1 with err set for a multipart type without a
 * usable boundary.
 */
int		 multipart_boundary(const char *content_type, char *out,
		    size_t sz, char *err, size_t errsz);

/*
 * Locate the single file part and the form fields of the body stored in
 * fd (size bytes), wherever they are: every byte is scanned once for
 * delimiters.  Returns 0 with m filled, or -1 with err set if the body
 * is malformed (a part that does not end, no closing delimiter, a line
 * that starts with the boundary but is no delimiter), has no file part or
 * more than one, or a field is too long, or if boundary is not 1 to
 * MULTIPART_BOUNDARY_MAX characters.  The located range never holds a
 * line that starts with "--" boundary.
 */
int		 multipart_locate(int fd, off_t size, const char *boundary,
		    struct multipart *m, char *err, size_t errsz);

/*
 * multipart_locate() reading block bytes at a time (0: MULTIPART_BLOCK),
 * so that tests can put a delimiter across every block edge.
 */
int		 multipart_locate_block(int fd, off_t size,
		    const char *boundary, size_t block, struct multipart *m,
		    char *err, size_t errsz);

/* The value of field name, or NULL if the form did not carry it. */
const char	*multipart_field(const struct multipart *m, const char *name);

#endif /* TALLY_MULTIPART_H */
