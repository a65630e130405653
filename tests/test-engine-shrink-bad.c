/*
 * A plain file cut short while the fast scanner reads it in mapped
 * windows: after the first block the progress callback truncates the file
 * to a tenth, so the next window lies past its end.  The run must fail
 * with a read error that says the file shrank, never crash or print a
 * result made of the missing bytes.  Then the same with the file cut
 * inside a window, and inside the last page of a file, which reads as
 * zeros without any SIGBUS.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "harness.h"

#define ROWS	20000

static int	 fd = -1;
static off_t	 cut;
static int	 calls;

static int
cut_short(void *arg, uint64_t bytes, uint64_t rows, uint64_t filtered)
{
	(void)arg;
	(void)bytes;
	(void)rows;
	(void)filtered;
	if (calls++ == 0 && ftruncate(fd, cut) != 0) {
		perror("ftruncate");
		exit(TH_ERROR);
	}
	return 0;
}

static void
one(const char *csv, size_t len, off_t at, const char *aggs)
{
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX];

	memset(&o, 0, sizeof(o));
	o.groups = "station";
	o.aggs = aggs;
	o.threads = 1;
	o.block_size = 4096;
	o.progress = cut_short;
	fd = th_file(csv, len);
	cut = at;
	calls = 0;
	CHECK(engine_run(&o, fd, 0, -1, &res, err, sizeof(err)) == -1);
	CHECK(calls >= 1);
	CHECK_HAS(err, "shrank while it was read");
	engine_result_free(&res);
	close(fd);
}

int
main(void)
{
	char	*csv;
	size_t	 len = 0, cap = ROWS * 24 + 64;
	int	 i;

	if ((csv = malloc(cap)) == NULL)
		return TH_ERROR;
	len += (size_t)snprintf(csv, cap, "station;temp\n");
	for (i = 0; i < ROWS; i++)
		len += (size_t)snprintf(csv + len, cap - len, "s%d;%d.%d\n",
		    i % 413, i % 199 - 99, i % 10);
	/* The two-column loop, then the general fast path. */
	one(csv, len, (off_t)(len / 10), "min:temp,mean:temp,max:temp");
	one(csv, len, (off_t)(len / 10), "count:station,sum:temp");
	/* A cut inside the second window, not at its start. */
	one(csv, len, 4096 + 4096 + 100, "max:temp");
	/* Cut inside the last page: no SIGBUS, the tail reads as zeros. */
	one(csv, 6000, 5000, "max:temp");
	free(csv);
	return 0;
}
