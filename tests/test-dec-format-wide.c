/*
 * dec_format() prints the digits of a value that fits 64 bits with 64-bit
 * division and the rest with 128-bit: values on both sides of 2^64, both
 * signs, at scales 0 and 3, print the same digits as a plain 128-bit
 * long division written here.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dec.h"
#include "harness.h"

/* The reference: sign, digits by 128-bit division, the point inserted. */
static void
ref(__int128 v, int scale, char *out)
{
	unsigned __int128	 u = v < 0 ? -(unsigned __int128)v :
				    (unsigned __int128)v;
	char			 tmp[64];
	int			 n = 0, i, len = 0;

	do {
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u != 0);
	while (n <= scale)
		tmp[n++] = '0';
	if (v < 0)
		out[len++] = '-';
	for (i = n - 1; i >= 0; i--) {
		out[len++] = tmp[i];
		if (i == scale && scale > 0)
			out[len++] = '.';
	}
	out[len] = '\0';
}

int
main(void)
{
	const unsigned __int128	 two64 = (unsigned __int128)1 << 64;
	const __int128		 max = (__int128)(~(unsigned __int128)0 >> 1);
	__int128		 vals[] = {
		0, 1, 9, 10, (__int128)UINT64_MAX - 1, (__int128)UINT64_MAX,
		(__int128)two64, (__int128)two64 + 1, (__int128)two64 * 10 - 1,
		max, max - 1, -max, -max - 1,
	};
	char			 got[DEC_TEXT_MAX], want[DEC_TEXT_MAX];
	struct dec		 d;
	size_t			 i;
	int			 s, sign, len;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		for (sign = 0; sign < 2; sign++)
			for (s = 0; s <= 3; s += 3) {
				if (sign && vals[i] == -max - 1)
					continue;	/* no positive twin */
				d.v = sign ? -vals[i] : vals[i];
				d.scale = s;
				len = dec_format(&d, s, got, sizeof(got));
				ref(d.v, s, want);
				CHECK(len == (int)strlen(want));
				CHECK_STR(got, want);
			}
	/* The value 2^64 itself, spelled out. */
	d.v = (__int128)two64;
	d.scale = 0;
	CHECK(dec_format(&d, 0, got, sizeof(got)) > 0);
	CHECK_STR(got, "18446744073709551616");
	d.v = -(__int128)UINT64_MAX;
	d.scale = 2;
	CHECK(dec_format(&d, 2, got, sizeof(got)) > 0);
	CHECK_STR(got, "-184467440737095516.15");
	return 0;
}
