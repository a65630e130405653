/*
 * moments_add_square() at the sum's own scale adds in 256 bits directly;
 * it must give what the general path (moments_merge() of the same square,
 * rescaled by 10^0 in 512 bits) gives: the same limbs and scale, and -1
 * with the sum unchanged where 256 bits overflow.  Random sums and squares,
 * carries through every limb, the sum one below, at and past 2^256, and
 * a square at another scale (the general path, both ways).
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "moments.h"

static uint64_t	 state = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	return th_rand(&state);
}

/* Add sq at scale to a copy of m both ways; they must agree. */
static int
both(const struct moments *m, unsigned __int128 sq, int scale)
{
	struct moments	 a = *m, b = *m, o;
	int		 ra, rb;

	memset(&o, 0, sizeof(o));
	o.sq[0] = (uint64_t)sq;
	o.sq[1] = (uint64_t)(sq >> 64);
	o.scale = scale;
	ra = moments_add_square(&a, sq, scale);
	rb = moments_merge(&b, &o);
	CHECK(ra == rb);
	CHECK(memcmp(a.sq, b.sq, sizeof(a.sq)) == 0);
	CHECK(a.scale == b.scale);
	if (ra == -1)
		CHECK(memcmp(a.sq, m->sq, sizeof(a.sq)) == 0 &&
		    a.scale == m->scale);
	return ra;
}

int
main(void)
{
	struct moments		 m;
	unsigned __int128	 all = ~(unsigned __int128)0;
	int			 i, k, overflows = 0;

	for (i = 0; i < 200000; i++) {
		memset(&m, 0, sizeof(m));
		/* Limbs that are often all ones, so that carries run. */
		for (k = 0; k < 4; k++)
			m.sq[k] = next() % 3 == 0 ? ~(uint64_t)0 : next();
		m.scale = (int)(next() % 5);
		overflows += both(&m, (unsigned __int128)next() << 64 | next(),
		    i % 7 == 0 ? (int)(next() % 5) : m.scale) == -1;
	}
	CHECK(overflows > 0);

	/* 2^256 - 1 - all: one add fits exactly, and the next overflows. */
	memset(&m, 0, sizeof(m));
	m.sq[0] = 0;
	m.sq[1] = 0;
	m.sq[2] = ~(uint64_t)0;
	m.sq[3] = ~(uint64_t)0;
	CHECK(both(&m, all, 0) == 0);
	CHECK(moments_add_square(&m, all, 0) == 0);
	CHECK(m.sq[0] == ~(uint64_t)0 && m.sq[3] == ~(uint64_t)0);
	CHECK(both(&m, 1, 0) == -1);
	CHECK(both(&m, 0, 0) == 0);

	/* A carry from the lowest limb to the highest. */
	memset(&m, 0, sizeof(m));
	m.sq[0] = m.sq[1] = m.sq[2] = ~(uint64_t)0;
	m.scale = 2;
	CHECK(both(&m, 1, 2) == 0);
	CHECK(moments_add_square(&m, 1, 2) == 0);
	CHECK(m.sq[0] == 0 && m.sq[1] == 0 && m.sq[2] == 0 && m.sq[3] == 1);

	/* Another scale: the sum is rescaled (here by 10^2) first. */
	memset(&m, 0, sizeof(m));
	m.sq[0] = 5;
	CHECK(both(&m, 3, 2) == 0);
	CHECK(moments_add_square(&m, 3, 2) == 0);
	CHECK(m.sq[0] == 503 && m.scale == 2);
	CHECK(both(&m, 7, 0) == 0);
	return 0;
}
