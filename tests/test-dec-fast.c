/*
 * dec_parse()'s shortcut for plain numbers changes nothing: on seeded
 * random texts and on every plain form near the shortcut's bounds (18 and
 * 19 digits, 18 and 19 decimals, signs, points at each end), dec_parse()
 * and dec_parse_full() give the same outcome, value, scale and reason.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dec.h"
#include "harness.h"

static uint64_t	 rng_state = 7;
static size_t	 nchecked;

static uint64_t
rng(void)
{
	return th_rand(&rng_state);
}

static void
same(const char *s, size_t len)
{
	struct dec		 a, b;
	const char		*wa = NULL, *wb = NULL;
	enum dec_parse		 ra, rb;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ra = dec_parse(s, len, &a, &wa);
	rb = dec_parse_full(s, len, &b, &wb);
	nchecked++;
	if (ra != rb || (ra == DEC_OK && (a.v != b.v || a.scale != b.scale)) ||
	    (ra == DEC_BAD && strcmp(wa, wb) != 0))
		th_fail(__FILE__, __LINE__, "\"%.*s\": %d (%lld, %d, %s) vs "
		    "%d (%lld, %d, %s)", (int)len, s, ra, (long long)a.v,
		    a.scale, ra == DEC_BAD ? wa : "", rb, (long long)b.v,
		    b.scale, rb == DEC_BAD ? wb : "");
}

int
main(void)
{
	static const char	 alpha[] = "0123456789000999..--+ e";
	char			 s[64];
	size_t			 i, j, len, nd, pt;

	for (i = 0; i < 200000; i++) {
		len = rng() % 24;
		for (j = 0; j < len; j++)
			s[j] = alpha[rng() % (sizeof(alpha) - 1)];
		same(s, len);
	}
	/* Plain numbers of 1 to 22 digits, with the point anywhere. */
	for (nd = 1; nd <= 22; nd++)
		for (pt = 0; pt <= nd + 1; pt++)
			for (i = 0; i < 40; i++) {
				len = 0;
				if (i % 2)
					s[len++] = '-';
				for (j = 0; j < nd; j++) {
					if (j == pt)
						s[len++] = '.';
					s[len++] = (char)('0' + (i % 4 == 3 ?
					    9 : rng() % 10));
				}
				if (pt == nd)
					s[len++] = '.';
				same(s, len);
			}
	fprintf(stderr, "%zu texts agree\n", nchecked);
	return 0;
}
