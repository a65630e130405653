/*
 * libFuzzer target for dec_parse(), the parser of every number in an
 * upload.  It must never crash on any bytes, must say why it refuses one,
 * and whatever it accepts must survive printing: dec_format() then
 * dec_parse() gives the same digits and scale, printing at a finer scale
 * gives an equal value, the mean printer agrees with dec_format() for a
 * count of one and prints plain trimmed numbers for other counts, and
 * x + (-x) is zero.  Any broken invariant aborts.
 *
 * Built with clang by `make fuzz`; tests/fuzz-main.c runs the seed corpus
 * through it in `make check`.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dec.h"
#include "bounds.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(c) do { if (!(c)) { fprintf(stderr, \
	"%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* Parse text that must be accepted. */
static struct dec
reparse(const char *text)
{
	struct dec	 d;
	const char	*why = NULL;

	if (dec_parse(text, strlen(text), &d, &why) != DEC_OK) {
		fprintf(stderr, "printed \"%s\" does not parse: %s\n", text,
		    why ? why : "(empty)");
		abort();
	}
	return d;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dec	 d, e, z;
	const char	*why = NULL;
	char		 buf[DEC_TEXT_MAX], buf2[DEC_TEXT_MAX];
	uint64_t	 n;
	int		 len;

	switch (dec_parse((const char *)data, size, &d, &why)) {
	case DEC_OK:
		break;
	case DEC_EMPTY:
		return 0;
	case DEC_BAD:
		FUZZ_CHECK(why != NULL && why[0] != '\0');
		return 0;
	default:
		abort();
	}
	FUZZ_CHECK(d.scale >= 0 && d.scale <= TALLY_SCALE_MAX);

	/* Its own digits round-trip exactly. */
	len = dec_format(&d, 0, buf, sizeof(buf));
	FUZZ_CHECK(len > 0 && (size_t)len == strlen(buf));
	e = reparse(buf);
	FUZZ_CHECK(e.v == d.v && e.scale == d.scale);
	FUZZ_CHECK(dec_cmp(&d, &e) == 0);

	/*
	 * A finer scale is the same value, unless the padding takes it past
	 * the digits dec_parse() accepts.
	 */
	FUZZ_CHECK(dec_format(&d, TALLY_SCALE_MAX, buf2, sizeof(buf2)) > 0);
	switch (dec_parse(buf2, strlen(buf2), &e, &why)) {
	case DEC_OK:
		FUZZ_CHECK(dec_cmp(&d, &e) == 0 && dec_cmp(&e, &d) == 0);
		FUZZ_CHECK(e.scale == TALLY_SCALE_MAX);
		break;
	case DEC_BAD:
		FUZZ_CHECK(strcmp(why, "too many digits") == 0);
		break;
	default:
		abort();
	}

	/* The mean of one value prints like the value. */
	FUZZ_CHECK(dec_format_div(&d, 1, d.scale, d.scale, buf2,
	    sizeof(buf2)) > 0);
	FUZZ_CHECK(strcmp(buf, buf2) == 0);
	FUZZ_CHECK(dec_format_div(&d, 1, 0, d.scale + TALLY_MEAN_EXTRA, buf2,
	    sizeof(buf2)) > 0);
	e = reparse(buf2);
	FUZZ_CHECK(dec_cmp(&d, &e) == 0);

	/*
	 * Means of more values print as a plain number: an optional minus,
	 * digits, and a point only before digits that do not end in zero.
	 */
	for (n = 2; n <= 7; n++) {
		const char	*p = buf2;

		len = dec_format_div(&d, n, 0, d.scale + TALLY_MEAN_EXTRA,
		    buf2, sizeof(buf2));
		FUZZ_CHECK(len > 0 && (size_t)len == strlen(buf2));
		if (*p == '-')
			p++;
		FUZZ_CHECK(*p >= '0' && *p <= '9');
		FUZZ_CHECK(strcmp(buf2, "-0") != 0);
		p += strspn(p, "0123456789");
		if (*p == '.') {
			p++;
			FUZZ_CHECK(strspn(p, "0123456789") == strlen(p));
			FUZZ_CHECK(*p != '\0' && buf2[len - 1] != '0');
			FUZZ_CHECK(strlen(p) <= (size_t)d.scale +
			    TALLY_MEAN_EXTRA);
		} else
			FUZZ_CHECK(*p == '\0');
	}

	/* x + (-x) is zero, at x's scale. */
	z = d;
	z.v = -z.v;
	FUZZ_CHECK(dec_add(&z, &d) == 0);
	FUZZ_CHECK(z.v == 0 && z.scale == d.scale);
	FUZZ_CHECK(dec_cmp(&d, &d) == 0);
	return 0;
}
