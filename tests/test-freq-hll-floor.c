/*
 * A sketch reads no HLL register for a hash whose rank is not above the
 * registers' minimum (hll_reg_add_over(), with the floor that freq.c
 * takes from hll_reg_min() at the end of each span of its filter): such
 * a hash would raise none.  Registers fed that way, the floor refreshed
 * as they fill, equal registers fed every hash; hll_reg_min() is their
 * minimum; and a sketch's distinct estimate after 1,000,000 values (the
 * floor then above 1) is the estimate of an HLL given the same hashes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "freq.h"
#include "harness.h"
#include "hll.h"

#define VALUES	1000000

static uint8_t
plain_min(const uint8_t *reg)
{
	uint8_t	 m = UINT8_MAX;
	size_t	 i;

	for (i = 0; i < HLL_M; i++)
		if (reg[i] < m)
			m = reg[i];
	return m;
}

int
main(void)
{
	static uint8_t	 all[HLL_M], over[HLL_M];
	struct hll	*ref = NULL;
	struct freq	*f;
	uint64_t	 j, h;
	size_t		 bytes = 0;
	uint8_t		 floor = 0;
	int		 exact;
	char		 t[32];

	/* Registers: every hash, or only those above a refreshed floor. */
	for (j = 0; j < VALUES; j++) {
		h = th_hash(j);
		hll_reg_add(all, h);
		hll_reg_add_over(over, h, floor);
		if (j % 4096 == 4095) {
			CHECK(hll_reg_min(over) == plain_min(over));
			floor = hll_reg_min(over);
		}
	}
	CHECK(floor >= 2);
	CHECK(memcmp(all, over, sizeof(all)) == 0);

	/* A sketch's estimate, against an HLL of the same hashes. */
	CHECK((f = freq_new(16)) != NULL);
	for (j = 0; j < VALUES; j++) {
		h = th_hash(j + 7);
		snprintf(t, sizeof(t), "v%llu", (unsigned long long)j);
		CHECK(freq_sketch_add(f, h, t, strlen(t)) == 0);
		CHECK(hll_add(&ref, h, NULL, &bytes) == 0);
	}
	CHECK(hll_reg_min(hll_registers(ref)) >= 2);
	CHECK(freq_distinct(f, &exact) == hll_estimate(ref));
	CHECK(!exact);
	freq_free(f);
	hll_free(ref, NULL);
	return 0;
}
