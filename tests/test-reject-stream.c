/*
 * The reject callback sees every bad row, in input order, with its line,
 * byte offset and raw record (cut at TALLY_REJECT_RECORD bytes on a UTF-8
 * boundary): far more than the TALLY_BADROWS_KEEP kept in the result, and
 * the same on one thread, on many (small chunks force seams, and so a
 * redo on one thread), and through a pipe-sized block that splits records.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define BAD	1000

struct seen {
	size_t			 n;
	unsigned long		 line[BAD + 1];
	uint64_t		 off[BAD + 1];
	char			 rec[4][TALLY_REJECT_RECORD + 4];
};

static void
on_reject(void *arg, const struct engine_reject *rj)
{
	struct seen	*s = arg;

	if (s->n < BAD + 1) {
		s->line[s->n] = rj->line;
		s->off[s->n] = rj->offset;
		if (s->n < 4)
			memcpy(s->rec[s->n], rj->record, sizeof(s->rec[0]));
	}
	s->n++;
}

static char	 csv[BAD * 64 + 4096];
static size_t	 offs[BAD + 1];
static char	 longrec[4096];

static void
run(int threads, size_t block, size_t n)
{
	static struct seen	 s;
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;
	size_t			 i;

	memset(&s, 0, sizeof(s));
	memset(&o, 0, sizeof(o));
	o.threads = threads;
	o.split_min = 4096;
	o.block_size = block;
	o.reject = on_reject;
	o.reject_arg = &s;
	if ((out = th_run(csv, n, &o, &res, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK_STR(out, "department,sum_number_of_sales\nA,2002\n");
	CHECK(res.rejected == BAD + 1);
	CHECK(s.n == BAD + 1);
	for (i = 0; i < BAD + 1; i++) {
		unsigned long	 want = 3 + 2 * i + (i >= 2);

		if (s.line[i] != want || s.off[i] != offs[i])
			th_fail(__FILE__, __LINE__, "threads %d block %zu: "
			    "bad row %zu at line %lu offset %llu, not %zu %zu",
			    threads, block, i, s.line[i],
			    (unsigned long long)s.off[i], (size_t)want,
			    offs[i]);
	}
	CHECK_STR(s.rec[0], "A,x0");
	CHECK_STR(s.rec[1], "\"A\",\"x\n1\"");
	/* The long record: 255 bytes of "a", then a 2-byte é is cut. */
	CHECK(strlen(s.rec[2]) == 255 + 3);
	CHECK(strncmp(s.rec[2], longrec, 255) == 0);
	CHECK_STR(s.rec[2] + 255, "...");
	free(out);
	engine_result_free(&res);
}

int
main(void)
{
	size_t	 n, i;

	n = (size_t)snprintf(csv, sizeof(csv), "department,number_of_sales\n");
	for (i = 0; i < BAD + 1; i++) {
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "A,2\n");
		offs[i] = n;
		if (i == 1)
			n += (size_t)snprintf(csv + n, sizeof(csv) - n,
			    "\"A\",\"x\n1\"\n");
		else if (i == 2) {
			memset(longrec, 'a', 255);
			strcpy(longrec + 255, "\xc3\xa9,x");
			n += (size_t)snprintf(csv + n, sizeof(csv) - n,
			    "%s\n", longrec);
		} else
			n += (size_t)snprintf(csv + n, sizeof(csv) - n,
			    "A,x%zu\n", i);
	}
	/* The quoted record spans two lines: later lines shift by one. */
	run(1, 0, n);
	run(8, 0, n);
	run(1, 7, n);
	run(8, 300, n);
	return 0;
}
