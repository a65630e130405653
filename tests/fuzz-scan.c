/*
 * libFuzzer target: the fast scanner must agree with libcsv (see diff.h)
 * on any input.  The first byte picks the configuration: the query, strict
 * mode, the thread count, a delimiter, and whether the rest is the whole
 * input or the data after a fixed "k,v,w" header; the second picks a block
 * size and whether blanks are trimmed (--trim) or kept as written.  A disagreement aborts with both outcomes on standard error.  Each
 * comma-separated piece of the input also goes through dec_parse() and
 * dec_parse_full(), which must agree too.
 *
 *	make fuzz-scan
 *	tests/fuzz-scan -max_total_time=300 tests/tmp/fuzz-scan
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dec.h"
#include "diff.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* dec_parse()'s shortcut against the whole grammar, on one text. */
static void
numbers(const char *s, size_t len)
{
	struct dec	 a, b;
	const char	*wa = "", *wb = "";
	enum dec_parse	 ra, rb;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ra = dec_parse(s, len, &a, &wa);
	rb = dec_parse_full(s, len, &b, &wb);
	if (ra != rb || (ra == DEC_OK && (a.v != b.v || a.scale != b.scale)) ||
	    (ra == DEC_BAD && strcmp(wa, wb) != 0)) {
		fprintf(stderr, "fuzz-scan: \"%.*s\": dec_parse %d, "
		    "dec_parse_full %d\n", (int)len, s, ra, rb);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const groups[] = { "k", "k", "k,w", "v" };
	static const char *const aggs[] = {
		"sum:v,count,min:w,max:w,mean:v", "sum:v", "count,count:v",
		"sum:w,min:k"
	};
	static const char	 delims[] = { ',', ';', '\t', ' ', '|', ',' };
	static const char	 hdr[] = "k,v,w\n";
	struct engine_opts	 o;
	unsigned char		 cfg, bsel;
	size_t			 blocks[2], len;
	char			*buf, why[8192];
	int			 q;

	if (size < 2)
		return 0;
	cfg = data[0];
	bsel = data[1];
	data += 2;
	size -= 2;

	memset(&o, 0, sizeof(o));
	q = cfg & 3;
	o.groups = groups[q];
	o.aggs = aggs[q];
	o.strict = (cfg >> 2) & 1;
	o.max_groups = (cfg >> 3) & 1 ? 3 : 0;
	if ((cfg >> 4) & 1)
		o.delim = delims[bsel % sizeof(delims)];
	blocks[0] = 1 + bsel % 67;
	o.trim = (bsel >> 7) & 1;
	blocks[1] = 0;

	{
		const char	*p = (const char *)data, *e = p + size, *c;

		for (; p < e; p = c + 1) {
			if ((c = memchr(p, ',', (size_t)(e - p))) == NULL)
				c = e;
			numbers(p, (size_t)(c - p));
		}
	}
	if ((buf = malloc(sizeof(hdr) + size)) == NULL)
		return 0;
	len = 0;
	if (!((cfg >> 5) & 1)) {
		memcpy(buf, hdr, sizeof(hdr) - 1);
		if (o.delim != 0) {
			buf[1] = o.delim;
			buf[3] = o.delim;
		}
		len = sizeof(hdr) - 1;
	}
	memcpy(buf + len, data, size);
	len += size;
	if (diff_run(buf, len, &o, blocks, 2, 1 + (cfg >> 6), why,
	    sizeof(why)) == -1) {
		fprintf(stderr, "fuzz-scan: cfg 0x%02x block %zu: %s\n", cfg,
		    blocks[0], why);
		abort();
	}
	free(buf);
	return 0;
}
