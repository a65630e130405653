/*
 * A scanner that keeps every column in its own slot without trim (a
 * profile's) takes fast()'s own builds for it (with AVX2 where the
 * processor has it, and without): each hands over the same
 * records, fields, lengths and line numbers as a scanner that keeps the
 * same columns in other slots (the general build), on quoted fields,
 * doubled quotes, quoted newlines, CR LF, empty fields, blanks around
 * fields, rows of too few and too many fields, fields longer than a
 * slot's short copy and longer than a slot, for block sizes from small
 * (read) to large (mapped).  Asked for cells (scan_conf.point), each build
 * hands over the same fields again as pointers.
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

/* A growing transcript of what a scanner handed over. */
struct log {
	char	*p;
	size_t	 len, cap;
	int	 slot_of[NCOLS];
	int	 point;		/* read the row's cells, not its slots */
};

static void
put(struct log *l, const char *s, size_t n)
{
	if (l->len + n + 1 > l->cap) {
		l->cap = (l->len + n + 1) * 2;
		if ((l->p = realloc(l->p, l->cap)) == NULL)
			th_fail(__FILE__, __LINE__, "out of memory");
	}
	memcpy(l->p + l->len, s, n);
	l->len += n;
	l->p[l->len] = '\0';
}

/* Each record as its line, field count and kept fields, by column. */
static int
on_row(void *arg, const struct reader_row *r, char *err, size_t errsz)
{
	struct log	*l = arg;
	const char	*s;
	char		 head[64];
	size_t		 c, n, full;

	put(l, head, (size_t)snprintf(head, sizeof(head), "%lu:%zu",
	    r->line, r->nfields));
	for (c = 0; c < NCOLS && c < r->nfields; c++) {
		if (l->point) {
			CHECK(r->cells != NULL);
			s = r->cells[l->slot_of[c]].s;
			full = r->cells[l->slot_of[c]].len;
		} else {
			CHECK(r->cells == NULL);
			s = r->slots[l->slot_of[c]].buf;
			full = r->slots[l->slot_of[c]].len;
		}
		n = full < READER_SLOT_BYTES ? full : READER_SLOT_BYTES;
		put(l, head, (size_t)snprintf(head, sizeof(head), "|%zu=",
		    full));
		put(l, s, n);
	}
	put(l, "\n", 1);
	return 0;
}

static char *
scan_with(const char *csv, size_t len, size_t block, const int *slot_of,
    int point)
{
	struct scan_conf	 sc;
	struct scan_result	 res;
	struct source		*src;
	struct scan		*s;
	struct log		 l;
	char			 err[TALLY_ERR_MAX];
	int			 fd = th_file(csv, len);

	memset(&l, 0, sizeof(l));
	memcpy(l.slot_of, slot_of, sizeof(l.slot_of));
	l.point = point;
	put(&l, "", 0);
	src = th_source(fd, block);
	memset(&sc, 0, sizeof(sc));
	sc.delim = ',';
	sc.block_size = block;
	sc.ncols = NCOLS;
	sc.slot_of = slot_of;
	sc.nslots = NCOLS;
	sc.row = on_row;
	sc.point = point;
	sc.arg = &l;
	CHECK((s = scan_new(&sc)) != NULL);
	if (scan_run(s, src, 0, NULL, 0, 1, NULL, 0, &res, err,
	    sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "scan: %s", err);
	CHECK(res.stop == SCAN_STOP_END);
	scan_free(s);
	source_close(src);
	close(fd);
	return l.p;
}

int
main(void)
{
	static const int	 all[NCOLS] = { 0, 1, 2, 3 };
	static const int	 some[NCOLS] = { 3, 1, 0, 2 };
	static const size_t	 blocks[] = { 64, 100, 4096, 0 };
	char			*csv, *a, *b, *c, *pa, *pc, *pb;
	char			 longer[2 * READER_SLOT_BYTES];
	char			 want[64];
	size_t			 len = 0, cap = 1 << 20, i, k;

	CHECK((csv = malloc(cap)) != NULL);
	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	for (i = 0; len + sizeof(longer) + 200 < cap && i < 3000; i++) {
		switch (i % 9) {
		case 0:
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,\"q, %zu\",\"a \"\"b\"\" c\",x\n", i, i);
			break;
		case 1:
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,\"two\nlines\",,\r\n", i);
			break;
		case 2:
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,short\n", i);
			break;
		case 3:
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,a,b,c,d,e\n", i);
			break;
		case 4:
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,a field longer than thirty-two bytes %zu,"
			    "\"\",\"\"\"\"\n", i, i);
			break;
		case 5:
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,%s,y,z\n", i, i % 2 ? longer : "w");
			break;
		case 6:
			/* Blanks are data, kept as written. */
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu, padded ,\t tab\t,  \n", i);
			break;
		case 7:
			/*
			 * Doubled quotes, 7 to 43 bytes and 6 to 34 bytes
			 * between the quotes: undoubled from one compare up
			 * to 32, by keep() past it.
			 */
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,\"%.*s\"\"b\"\"\"\"\",\"\"\"\"\"%.*s\"\"\","
			    "z\n", i, (int)(i % 37), longer, (int)(i % 29),
			    longer);
			break;
		default:
			len += (size_t)snprintf(csv + len, cap - len,
			    "%zu,%zu.5,SKU-%06zu,Customer %zu\n", i, i % 7,
			    i * 7919 % 1000000, i % 100);
			break;
		}
	}
	/* The last record without its line end. */
	len += (size_t)snprintf(csv + len, cap - len, "end,\"x\",,last");
	for (k = 0; k < sizeof(blocks) / sizeof(blocks[0]); k++) {
		/* The AVX2 build where there is one, then the other. */
		(void)scan_wide(1);
		a = scan_with(csv, len, blocks[k], all, 0);
		pa = scan_with(csv, len, blocks[k], all, 1);
		CHECK(scan_wide(0) == 0);
		c = scan_with(csv, len, blocks[k], all, 0);
		pc = scan_with(csv, len, blocks[k], all, 1);
		b = scan_with(csv, len, blocks[k], some, 0);
		pb = scan_with(csv, len, blocks[k], some, 1);
		/* The transcript says something: every record, in full. */
		CHECK_HAS(a, "1:4|1=0|4=q, 0|7=a \"b\" c|1=x\n");
		CHECK_HAS(a, ":4|3=end|1=x|0=|4=last\n");
		CHECK_HAS(a, "|8= padded |6=\t tab\t|2=  \n");
		/*
		 * Doubled quotes undoubled, as cells, on each side of 32
		 * bytes between the quotes: x * 20 "" b "" "" (27 bytes)
		 * and x * 30 (37); "" "" x * 26 "" (32) and x * 27 (33).
		 */
		for (i = 0; i < 2; i++) {
			snprintf(want, sizeof(want), "|%zu=%.*s\"b\"\"|",
			    24 + 10 * i, (int)(20 + 10 * i), longer);
			CHECK_HAS(pa, want);
			CHECK_HAS(pc, want);
			snprintf(want, sizeof(want), "|%zu=\"\"%.*s\"|", 29 + i,
			    (int)(26 + i), longer);
			CHECK_HAS(pa, want);
			CHECK_HAS(pc, want);
		}
		/* A field past a slot: its length, its first bytes. */
		snprintf(want, sizeof(want), "|%zu=xxxx", sizeof(longer) - 1);
		CHECK_HAS(a, want);
		if (strcmp(a, b) != 0 || strcmp(c, b) != 0)
			th_fail(__FILE__, __LINE__, "block %zu: the builds "
			    "differ", blocks[k]);
		/* Cells (scan_conf.point): the same fields, as pointers. */
		if (strcmp(pa, b) != 0 || strcmp(pc, b) != 0 ||
		    strcmp(pb, b) != 0)
			th_fail(__FILE__, __LINE__, "block %zu: the cells "
			    "differ from the slots", blocks[k]);
		free(a);
		free(b);
		free(c);
		free(pa);
		free(pb);
		free(pc);
	}
	free(csv);
	return 0;
}
