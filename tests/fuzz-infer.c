/*
 * libFuzzer target for type inference: any bytes, with and without the
 * decimal comma.  What infer_cell() calls a number must be what
 * dec_parse() reads (an integer the same value at scale 0), what it calls
 * a date must be ten bytes that infer_date() accepts, a boolean one of
 * the four words in some case, and a code (text with a leading zero) a
 * number dec_parse() reads as the same value.
 *
 *	make fuzz && tests/fuzz-infer -max_total_time=60 tests/corpus/infer
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dec.h"
#include "infer.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*s = (const char *)data, *why;
	struct infer_value	 v;
	struct dec		 d;
	enum infer_type		 t;
	int64_t			 days;
	int			 dc;

	if (size == 0)
		return 0;
	for (dc = 0; dc < 2; dc++) {
		t = infer_cell(s, size, dc, &v);
		if (t >= INFER__MAX)
			abort();
		switch (t) {
		case INFER_INTEGER:
			if (dec_parse(s, size, &d, &why) != DEC_OK ||
			    dec_cmp(&d, &v.num) != 0 || v.num.scale != 0 ||
			    v.num.v > INT64_MAX || v.num.v < INT64_MIN)
				abort();
			break;
		case INFER_DATE:
			if (size != 10 || !infer_date(s, &days) ||
			    days * 86400 != v.secs)
				abort();
			break;
		case INFER_BOOLEAN:
			if (size < 2 || size > 5)
				abort();
			break;
		case INFER_TIMESTAMP:
			if (size < 16 || !infer_date(s, &days))
				abort();
			break;
		case INFER_TEXT:
			/* A code is a number dec_parse() reads, zero-padded. */
			if (v.code && !dc && (dec_parse(s, size, &d, &why) !=
			    DEC_OK || dec_cmp(&d, &v.num) != 0))
				abort();
			break;
		default:
			break;
		}
	}
	return 0;
}
