/*
 * Printing many groups with a helper thread charges its two buffers to the
 * run's memory budget and gives them back; a budget that refuses them, and
 * keys too wide for them, leave the caller to print: the output is the
 * same bytes as a run on one thread (which never takes a helper) in all
 * three cases.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bounds.h"
#include "engine.h"
#include "harness.h"
#include "mem.h"
#include "output.h"

/* 90,001 groups (six chunks of 16,384 rows), keys padded to width. */
static char *
groups_csv(size_t width, size_t *len)
{
	size_t	 cap = 90001 * (width + 16) + 64, i;
	char	*csv;

	if ((csv = malloc(cap)) == NULL)
		exit(TH_ERROR);
	*len = (size_t)snprintf(csv, cap, "department,number_of_sales\n");
	for (i = 0; i < 90001; i++)
		*len += (size_t)snprintf(csv + *len, cap - *len, "%0*zu,%zu\n",
		    (int)width, i, i % 7);
	return csv;
}

static void
run(const char *csv, size_t len, int threads, struct engine_result *res)
{
	struct engine_opts	 o = { 0 };
	char			 err[TALLY_ERR_MAX];
	int			 fd = th_file(csv, len);

	o.threads = threads;
	o.split_min = 4096;
	if (engine_run(&o, fd, 0, -1, res, err, sizeof(err)) == -1)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	CHECK(engine_groups(res) == 90001);
	/* In key order: the threads' own order differs from one thread's. */
	CHECK(engine_sort(res, 0) == 0);
}

/* What printed() writes to, and the most charged at any write. */
struct sink {
	FILE			*m;
	const struct mem	*mem;
	size_t			 most;
};

static ssize_t
sink_write(void *cookie, const char *buf, size_t len)
{
	struct sink	*k = cookie;

	if (k->mem != NULL && mem_used(k->mem) > k->most)
		k->most = mem_used(k->mem);
	return (ssize_t)fwrite(buf, 1, len, k->m);
}

/*
 * output_csv() of res into a string of *n bytes; *most, the most of res's
 * budget in use at any of its writes.
 */
static char *
printed(struct engine_result *res, size_t *n, size_t *most)
{
	cookie_io_functions_t	 io = { NULL, sink_write, NULL, NULL };
	struct sink		 k = { NULL, res->mem, 0 };
	char			*p = NULL;
	FILE			*f;

	if ((k.m = open_memstream(&p, n)) == NULL ||
	    (f = fopencookie(&k, "w", io)) == NULL)
		exit(TH_ERROR);
	setvbuf(f, NULL, _IOFBF, 4096);
	CHECK(output_csv(f, res, 0) == 0);
	CHECK(fclose(f) == 0);
	CHECK(fclose(k.m) == 0);
	if (most != NULL)
		*most = k.most;
	return p;
}

static void
same(const char *a, size_t alen, const char *b, size_t blen)
{
	CHECK(alen == blen);
	CHECK(memcmp(a, b, alen) == 0);
}

int
main(void)
{
	struct engine_result	 one, two;
	char			*csv, *want, *got;
	size_t			 len, wlen, glen, used, most;

	/* Narrow keys: the helper's buffers are charged, then given back. */
	csv = groups_csv(8, &len);
	run(csv, len, 1, &one);
	want = printed(&one, &wlen, NULL);
	run(csv, len, 2, &two);
	CHECK(two.threads > 1);
	used = mem_used(two.mem);
	got = printed(&two, &glen, &most);
	same(want, wlen, got, glen);
	CHECK(most == used + 2 * TALLY_OUTPUT_BUF);
	CHECK(mem_used(two.mem) == used);
	free(got);

	/* A budget with no room for them: no helper, the same bytes. */
	two.mem->max = used + TALLY_OUTPUT_BUF;
	got = printed(&two, &glen, &most);
	same(want, wlen, got, glen);
	CHECK(most == used);
	free(got);
	engine_result_free(&two);
	engine_result_free(&one);
	free(want);
	free(csv);

	/* Keys so wide that a chunk overflows its buffer: the same bytes. */
	csv = groups_csv(400, &len);
	CHECK(16384 * 400 > TALLY_OUTPUT_BUF);
	run(csv, len, 1, &one);
	want = printed(&one, &wlen, NULL);
	run(csv, len, 2, &two);
	used = mem_used(two.mem);
	got = printed(&two, &glen, &most);
	same(want, wlen, got, glen);
	/* The helper had its buffers (and gave them back), then gave up. */
	CHECK(most == used + 2 * TALLY_OUTPUT_BUF);
	CHECK(mem_used(two.mem) == used);
	free(got);
	engine_result_free(&two);
	engine_result_free(&one);
	free(want);
	free(csv);
	return 0;
}
