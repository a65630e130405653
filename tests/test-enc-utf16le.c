/*
 * A UTF-16 little-endian file with a byte-order mark (what Excel saves as
 * "Unicode text") is read as its text: the header names match, accented
 * keys and a key outside the BMP (a surrogate pair) come out in UTF-8, and
 * the progress bytes are the file's own.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "transcode.h"

/* UTF-16 LE of an ASCII-or-Latin-1 string s, with a BOM, into out. */
static size_t
le(const char *s, char *out)
{
	size_t	 n = 0;

	out[n++] = '\xff';
	out[n++] = '\xfe';
	for (; *s; s++) {
		out[n++] = *s;
		out[n++] = '\0';
	}
	return n;
}

int
main(void)
{
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 in[512], err[TALLY_ERR_MAX], *out;
	size_t			 n;

	n = le("department\tnumber_of_sales\r\nCaf\xe9\t1\r\nCaf\xe9\t2\r\n"
	    "X\t4\r\n", in);
	/* Replace X with U+1F600 (a surrogate pair). */
	{
		char	*x = memchr(in + 2, 'X', n - 2);

		memmove(x + 4, x + 2, (size_t)(in + n - (x + 2)));
		memcpy(x, "\x3d\xd8\x00\xde", 4);
		n += 2;
	}
	out = th_run(in, n, &o, &res, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "Caf\xc3\xa9,3\n"
	    "\xf0\x9f\x98\x80,4\n");
	CHECK(res.bytes == n);
	CHECK(res.delim == '\t');
	engine_result_free(&res);
	free(out);
	/* Named, not detected. */
	o.source.enc = SOURCE_ENC_UTF16;
	th_sweep(in, n, &o, "department,sum_number_of_sales\n"
	    "Caf\xc3\xa9,3\n"
	    "\xf0\x9f\x98\x80,4\n");
	return 0;
}
