/*
 * libFuzzer target for the CSV engine, the parser of untrusted uploads.
 * Arbitrary bytes go through a real file and engine_run() with a few
 * option sets (index and default columns, strict mode, a forced delimiter
 * and a tiny group limit), then through sorting and both writers.  Nothing
 * may crash or leak, and the counts must agree with each other.  Small
 * inputs are also read in every block size from 1 to their length (with
 * one of the option sets), which must not change the outcome.  Any broken
 * invariant aborts.
 *
 * Built with clang by `make fuzz`; tests/fuzz-main.c runs the seed corpus
 * through it in `make check`.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agg.h"
#include "harness.h"
#include "output.h"

/* Inputs up to this many bytes are swept through every block size. */
#define SWEEP_MAX	64

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct engine_opts	 sets[] = {
	{ .groups = "1", .aggs = "count,sum:2,min:2,max:2,mean:2,count:2" },
	{ .groups = NULL, .aggs = NULL },
	{ .groups = "2,1", .aggs = "sum:1,mean:3", .strict = 1 },
	{ .groups = "1", .aggs = "count", .delim = ';', .max_groups = 2 },
};
#define NSETS	(sizeof(sets) / sizeof(sets[0]))

#define FUZZ_CHECK(c) do { if (!(c)) { fprintf(stderr, \
	"%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/*
 * Run the engine on fd and return, malloc'd, everything the block size
 * must not change: the CSV sorted by key (or the error), the counts and the
 * bad-row records.  Also checks what must hold of any result.
 */
static char *
run(int fd, const struct engine_opts *opts, size_t block)
{
	struct engine_opts	 o = *opts;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *sig = NULL;
	size_t			 siglen = 0, i;
	FILE			*f, *json;
	int			 rc;

	o.block_size = block;
	err[0] = '\0';
	rc = engine_run(&o, fd, 0, -1, &res, err, sizeof(err));
	FUZZ_CHECK(res.rejected <= res.rows);
	FUZZ_CHECK(res.nrejects <= TALLY_BADROWS_KEEP);
	FUZZ_CHECK(res.nrejects == res.rejected ||
	    res.nrejects == TALLY_BADROWS_KEEP);
	for (i = 0; i < res.nrejects; i++) {
		FUZZ_CHECK(res.rejects[i].line >= 1);
		FUZZ_CHECK(i == 0 ||
		    res.rejects[i].line >= res.rejects[i - 1].line);
	}
	if ((f = open_memstream(&sig, &siglen)) == NULL)
		abort();
	if (rc == 0) {
		FUZZ_CHECK(res.agg != NULL);
		FUZZ_CHECK(agg_count(res.agg) <= res.rows - res.rejected);
		FUZZ_CHECK(o.max_groups == 0 ||
		    agg_count(res.agg) <= o.max_groups);
		FUZZ_CHECK(engine_sort(&res, 1) == 0);
		if ((json = fopen("/dev/null", "w")) == NULL)
			abort();
		FUZZ_CHECK(output_json(json, &res) == 0);
		FUZZ_CHECK(output_csv(json, &res, 1) == 0);
		fclose(json);
		FUZZ_CHECK(engine_sort(&res, 0) == 0);
		FUZZ_CHECK(output_csv(f, &res, 0) == 0);
	} else {
		FUZZ_CHECK(rc == -1);
		FUZZ_CHECK(err[0] != '\0' && memchr(err, '\0', sizeof(err)));
		fprintf(f, "error: %s\n", err);
	}
	fprintf(f, "rows %llu, rejected %llu, data_error %d\n",
	    (unsigned long long)res.rows, (unsigned long long)res.rejected,
	    res.data_error);
	FUZZ_CHECK(output_rejects(f, &res) == 0);
	fclose(f);
	engine_result_free(&res);
	return sig;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*ref, *got;
	size_t	 i, b;
	int	 fd;

	fd = th_file((const char *)data, size);
	for (i = 0; i < NSETS; i++) {
		ref = run(fd, &sets[i], 0);
		/*
		 * The sweep costs a run per byte: do it for one option set,
		 * picked by the length so that every set gets its turn.
		 */
		for (b = 1; size <= SWEEP_MAX && i == size % NSETS && b <= size;
		    b++) {
			got = run(fd, &sets[i], b);
			if (strcmp(ref, got) != 0) {
				fprintf(stderr, "option set %zu, block size "
				    "%zu:\n%s\ndiffers from:\n%s\n", i, b,
				    got, ref);
				abort();
			}
			free(got);
		}
		free(ref);
	}
	close(fd);
	return 0;
}
