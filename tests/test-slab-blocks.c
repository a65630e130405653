/*
 * The slab's blocks: zeroed, 16-byte aligned, a freed block is the next
 * one of its class (and comes back zeroed), growing keeps the bytes and
 * zeroes the rest, across the SLAB_BLOCK_MAX edge both ways, and a NULL
 * slab is plain malloc.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "slab.h"

static int
zero(const unsigned char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

int
main(void)
{
	struct slab	*s;
	unsigned char	*p, *q, *r;
	size_t		 i;
	int		 k;

	for (k = 0; k < 2; k++) {
		s = k == 0 ? slab_new() : NULL;
		CHECK(k == 1 || s != NULL);
		for (i = 1; i <= SLAB_BLOCK_MAX + 40; i += 7) {
			p = slab_alloc(s, i);
			CHECK(p != NULL && (uintptr_t)p % 16 == 0);
			CHECK(zero(p, i));
			memset(p, 0xa5, i);
			slab_free(s, p, i);
		}
		/* A freed block is reused by its class, zeroed again. */
		p = slab_alloc(s, 40);
		memset(p, 0x5a, 40);
		slab_free(s, p, 40);
		q = slab_alloc(s, 48);
		CHECK(k == 1 || q == p);
		CHECK(zero(q, 48));
		/* Growth keeps the bytes and zeroes what is new. */
		for (i = 0; i < 48; i++)
			q[i] = (unsigned char)i;
		r = slab_realloc(s, q, 48, 200);
		CHECK(r != NULL);
		for (i = 0; i < 48; i++)
			CHECK(r[i] == (unsigned char)i);
		CHECK(zero(r + 48, 200 - 48));
		q = slab_realloc(s, r, 200, SLAB_BLOCK_MAX + 100);
		CHECK(q != NULL && q[47] == 47 && zero(q + 48,
		    SLAB_BLOCK_MAX + 100 - 48));
		r = slab_realloc(s, q, SLAB_BLOCK_MAX + 100, 64);
		CHECK(r != NULL && r[47] == 47);
		/* Shrunk then grown in one class: the tail is zero again. */
		memset(r, 0xff, 64);
		r = slab_realloc(s, r, 64, 50);
		r = slab_realloc(s, r, 50, 60);
		CHECK(r[49] == 0xff && zero(r + 50, 10));
		slab_free(s, r, 60);
		slab_destroy(s);
	}
	return 0;
}
