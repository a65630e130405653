/*
 * libFuzzer target for filter_parse(), the parser of --where expressions
 * (and the API's `where` parameters, which come from anyone).  It must
 * never crash or leak on any bytes; a refusal must say why, with a caret
 * line; an accepted condition must have a column, an operator and at least
 * one value, and must test any cell without crashing.
 *
 * Built with clang by `make fuzz`; tests/fuzz-main.c runs the seed corpus
 * through it in `make check`.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "bounds.h"
#include "reader.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(c) do { if (!(c)) { fprintf(stderr, \
	"%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct reader_slot	 slot;
	struct filter			 f;
	char				 err[TALLY_ERR_MAX], *expr;
	size_t				 i, half = size / 2;

	if ((expr = malloc(size + 1)) == NULL)
		return 0;
	memcpy(expr, data, size);
	expr[size] = '\0';
	memset(&f, 0, sizeof(f));
	err[0] = '\0';
	if (filter_parse(&f, expr, err, sizeof(err)) == -1) {
		FUZZ_CHECK(f.n == 0);
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(strlen(expr) >= TALLY_SPEC_MAX ||
		    strstr(err, "out of memory") != NULL ||
		    strstr(err, "\n  ") != NULL);
	} else {
		FUZZ_CHECK(f.n == 1);
		FUZZ_CHECK(f.c[0].colspec != NULL && f.c[0].colspec[0] != '\0');
		FUZZ_CHECK(f.c[0].op < FILTER__MAX);
		FUZZ_CHECK(f.c[0].nvals >= 1);
		/* Test the second half of the bytes as a cell. */
		slot.len = size - half;
		memcpy(slot.buf, data + half, slot.len < sizeof(slot.buf) ?
		    slot.len : sizeof(slot.buf));
		for (i = 0; i < f.n; i++)
			f.c[i].slot = 0;
		(void)filter_match(&f, &slot);
	}
	filter_free(&f);
	free(expr);
	return 0;
}
