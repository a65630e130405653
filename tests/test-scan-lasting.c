/*
 * A profile's scanner (every column in its own slot, cells asked for)
 * gives the rows its fast path takes as lasting (reader_row.lasting):
 * their cells stay readable, unchanged, until the release callback, those
 * with doubled quotes too (undoubled into the scanner's buffer for the
 * block, short ones and ones past 32 bytes alike), while later rows come
 * and go.  Rows the byte machine reads (a quote inside an unquoted field)
 * are not lasting.  For the AVX2 build where there is one and the other,
 * and block sizes from small (read) to large (mapped).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "reader.h"
#include "scan.h"
#include "source.h"

#define NCOLS	4
#define HELD	64		/* cells of lasting rows kept to check */
#define KEEP	48		/* bytes of each kept */

struct held {
	const char	*s;
	size_t		 n;
	char		 copy[KEEP];
};

struct check {
	struct held	 held[HELD];
	size_t		 nheld, next;
	size_t		 lasting_dq;	/* lasting rows with a quote in a cell */
	size_t		 passing;	/* rows not lasting */
	size_t		 releases;
};

/* Every held cell still says what it said. */
static void
verify(const struct check *k)
{
	size_t	 i;

	for (i = 0; i < k->nheld; i++)
		if (memcmp(k->held[i].s, k->held[i].copy, k->held[i].n) != 0)
			th_fail(__FILE__, __LINE__, "a lasting cell changed: "
			    "\"%.*s\" is now \"%.*s\"", (int)k->held[i].n,
			    k->held[i].copy, (int)k->held[i].n, k->held[i].s);
}

static int
on_row(void *arg, const struct reader_row *r, char *err, size_t errsz)
{
	struct check	*k = arg;
	struct held	*h;
	size_t		 c, n;
	int		 dq = 0;

	(void)err;
	(void)errsz;
	verify(k);
	if (!r->lasting) {
		k->passing++;
		return 0;
	}
	for (c = 0; c < NCOLS && c < r->nfields; c++) {
		n = r->cells[c].len < KEEP ? r->cells[c].len : KEEP;
		h = &k->held[k->next];
		k->next = (k->next + 1) % HELD;
		if (k->nheld < HELD)
			k->nheld++;
		h->s = r->cells[c].s;
		h->n = n;
		memcpy(h->copy, h->s, n);
		dq |= memchr(h->s, '"', n) != NULL;
	}
	k->lasting_dq += dq;
	return 0;
}

static int
on_release(void *arg, char *err, size_t errsz)
{
	struct check	*k = arg;

	(void)err;
	(void)errsz;
	verify(k);
	k->nheld = k->next = 0;
	k->releases++;
	return 0;
}

static void
scan_check(const char *csv, size_t len, size_t block, struct check *k)
{
	static const int	 all[NCOLS] = { 0, 1, 2, 3 };
	struct scan_conf	 sc;
	struct scan_result	 res;
	struct source		*src;
	struct scan		*s;
	char			 err[TALLY_ERR_MAX];
	int			 fd = th_file(csv, len);

	memset(k, 0, sizeof(*k));
	src = th_source(fd, block);
	memset(&sc, 0, sizeof(sc));
	sc.delim = ',';
	sc.block_size = block;
	sc.ncols = NCOLS;
	sc.slot_of = all;
	sc.nslots = NCOLS;
	sc.row = on_row;
	sc.release = on_release;
	sc.point = 1;
	sc.arg = k;
	CHECK((s = scan_new(&sc)) != NULL);
	if (scan_run(s, src, 0, NULL, 0, 1, NULL, 0, &res, err,
	    sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "scan: %s", err);
	CHECK(res.stop == SCAN_STOP_END);
	scan_free(s);
	source_close(src);
	close(fd);
}

int
main(void)
{
	static const size_t	 blocks[] = { 64, 100, 4096, 0 };
	struct check		*k;
	char			*csv, x[64];
	size_t			 len = 0, cap = 1 << 20, i, b;
	int			 wide;

	CHECK((csv = malloc(cap)) != NULL);
	CHECK((k = malloc(sizeof(*k))) != NULL);
	memset(x, 'x', sizeof(x));
	for (i = 0; i < 3000; i++) {
		if (i % 5 == 4)
			/* A quote inside an unquoted field: the byte machine. */
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,a\"b,c,d\n", i);
		else
			/* Undoubled in 2 to 47 bytes, and others. */
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,\"%.*s\"\"%zu\"\"\",\"q, %zu\",%s\n", i,
			    (int)(i % 41), x, i, i,
			    i % 3 ? "\"\"\"\"" : "plain");
		CHECK(len + 200 < cap);
	}
	for (wide = 1; wide >= 0; wide--) {
		(void)scan_wide(wide);
		for (b = 0; b < sizeof(blocks) / sizeof(blocks[0]); b++) {
			scan_check(csv, len, blocks[b], k);
			/*
			 * Rows last, their doubled quotes undoubled: most of
			 * them in blocks that hold many rows.
			 */
			if (k->lasting_dq < (blocks[b] == 0 ||
			    blocks[b] >= 4096 ? 2000 : 10))
				th_fail(__FILE__, __LINE__, "block %zu: %zu "
				    "lasting rows with doubled quotes",
				    blocks[b], k->lasting_dq);
			CHECK(k->passing >= 600);
			CHECK(k->releases > 0);
		}
	}
	free(k);
	free(csv);
	return 0;
}
