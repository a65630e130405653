/*
 * mem_charge(): charges up to the budget exactly are taken, the first byte
 * past it is refused and charges nothing; releases make room again; a NULL
 * budget or a budget of 0 never refuses; the peak is kept.
 */
#include "config.h"

#include <stdint.h>

#include "harness.h"
#include "mem.h"

int
main(void)
{
	struct mem	 m;

	mem_init(&m, 1000);
	CHECK(mem_charge(&m, 600) == 0);
	CHECK(mem_charge(&m, 400) == 0);
	CHECK(mem_used(&m) == 1000);
	CHECK(mem_charge(&m, 1) == -1);
	CHECK(mem_used(&m) == 1000);
	mem_release(&m, 400);
	CHECK(mem_used(&m) == 600);
	CHECK(mem_charge(&m, 401) == -1);
	CHECK(mem_charge(&m, 400) == 0);
	CHECK(mem_peak(&m) == 1000);
	mem_release(&m, 1000);
	CHECK(mem_used(&m) == 0);
	CHECK(mem_peak(&m) == 1000);
	/* A charge that would wrap around is refused, not admitted. */
	CHECK(mem_charge(&m, SIZE_MAX) == -1);
	CHECK(mem_used(&m) == 0);

	mem_init(&m, 0);
	CHECK(mem_charge(&m, (size_t)1 << 40) == 0);
	mem_release(&m, (size_t)1 << 40);
	CHECK(mem_charge(NULL, SIZE_MAX) == 0);
	mem_release(NULL, 5);
	CHECK(mem_used(NULL) == 0);
	return 0;
}
