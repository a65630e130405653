/*
 * Multipart locator test helpers (see locate.h).  The body goes through a
 * real file so that the locator's pread() of its blocks is what runs.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "locate.h"

int
th_locate(const char *body, size_t len, const char *boundary,
    struct multipart *m, char *err, size_t errsz)
{
	int	 fd = th_file(body, len), rc;

	rc = multipart_locate(fd, (off_t)len, boundary, m, err, errsz);
	close(fd);
	return rc;
}

void
th_locate_bad(const char *const *bodies, size_t n, const char *boundary,
    const char *part)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (th_locate(bodies[i], strlen(bodies[i]), boundary, &m, err,
		    sizeof(err)) != -1)
			th_fail(__FILE__, __LINE__, "body %zu accepted", i);
		CHECK_HAS(err, part);
	}
}

/* The two results agree in every field a caller reads. */
static int
same(const struct multipart *a, const struct multipart *b)
{
	size_t	 i;

	if (a->has_file != b->has_file || a->file_off != b->file_off ||
	    a->file_len != b->file_len || a->nfields != b->nfields ||
	    strcmp(a->filename, b->filename) != 0)
		return 0;
	for (i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i].name, b->fields[i].name) != 0 ||
		    strcmp(a->fields[i].value, b->fields[i].value) != 0)
			return 0;
	return 1;
}

/* Locate in one block size and compare with the default's result. */
static void
one_block(int fd, size_t len, const char *boundary, size_t bs, int rc,
    const struct multipart *m, const char *err)
{
	static struct multipart	 b;
	char			 berr[TALLY_ERR_MAX];
	int			 brc;

	berr[0] = '\0';
	brc = multipart_locate_block(fd, (off_t)len, boundary, bs, &b, berr,
	    sizeof(berr));
	if (brc != rc || (rc == 0 && !same(m, &b)) ||
	    (rc == -1 && strcmp(err, berr) != 0))
		th_fail(__FILE__, __LINE__, "block size %zu: %d \"%s\" "
		    "(default: %d \"%s\")", bs, brc, berr, rc, err);
}

int
th_locate_blocks(const char *body, size_t len, const char *boundary,
    struct multipart *m, char *err, size_t errsz)
{
	static const size_t	 big[] = { 511, 4096, 65535, 65536, 65537,
	    MULTIPART_BLOCK, MULTIPART_BLOCK + 1 };
	size_t			 bs, i, small = len <= 1024 ? len + 1 : 300;
	int			 fd = th_file(body, len), rc;

	err[0] = '\0';
	rc = multipart_locate(fd, (off_t)len, boundary, m, err, errsz);
	if (rc == -1 && err[0] == '\0')
		th_fail(__FILE__, __LINE__, "-1 without a message");
	/* Large bodies: fewer small sizes, each costs len / bs reads. */
	for (bs = 1; bs <= small; bs += len > 16384 ? 1 + bs / 2 : 1)
		one_block(fd, len, boundary, bs, rc, m, err);
	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		one_block(fd, len, boundary, big[i], rc, m, err);
		if (big[i] > len)
			break;
	}
	close(fd);
	return rc;
}
