/*
 * The two-column loop's reader of numbers (pair_tenths()) against
 * dec_parse_fixed() at scale 1: every string of up to 6 bytes over an
 * alphabet of digits, the point, signs, blanks, the neighbours of '0' and
 * '9', a CR, an LF, a quote and a byte above 0x7f, followed by every kind
 * of byte.  What pair_tenths() takes, dec_parse_fixed() must take with the
 * same value; and every -?d?d.d must be taken, so the loop's shortcut is
 * used where it can be.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dec.h"
#include "harness.h"
#include "pair.h"

static const char	 alpha[] = "0159.-+ /:\r\n\"\xc3";
#define NALPHA		(sizeof(alpha) - 1)

/* Whether s (n bytes) is -?d?d.d. */
static int
shape(const char *s, size_t n)
{
	size_t	 i = 0, d = 0;

	if (n > 0 && s[0] == '-')
		i = 1;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	return d >= 1 && d <= 2 && i + 2 == n && s[i] == '.' &&
	    s[i + 1] >= '0' && s[i + 1] <= '9';
}

int
main(void)
{
	char		 s[16];
	size_t		 n, i, k, idx[6], taken = 0;
	int64_t		 v, w;
	int		 a, b;

	for (n = 0; n <= 6; n++) {
		memset(idx, 0, sizeof(idx));
		for (;;) {
			for (i = 0; i < n; i++)
				s[i] = alpha[idx[i]];
			/* Whatever follows the number must not matter. */
			for (k = 0; k < 3; k++) {
				memset(s + n, "\n;\xff"[k], sizeof(s) - n);
				v = w = 12345;
				a = pair_tenths(s, n, &v);
				b = dec_parse_fixed(s, n, 1, &w);
				if (a && (!b || v != w))
					th_fail(__FILE__, __LINE__, "'%.*s': "
					    "%lld, dec_parse_fixed %d %lld",
					    (int)n, s, (long long)v, b,
					    (long long)w);
				if (!a && shape(s, n))
					th_fail(__FILE__, __LINE__, "'%.*s' "
					    "not taken", (int)n, s);
				taken += (size_t)a;
			}
			/* The next string of n bytes. */
			for (i = 0; i < n && ++idx[i] == NALPHA; i++)
				idx[i] = 0;
			if (i == n)
				break;
		}
	}
	/* d.d, dd.d, -d.d, -dd.d over 0159: 16 + 64 + 16 + 64, thrice. */
	CHECK(taken == 3 * 160);
	return 0;
}
