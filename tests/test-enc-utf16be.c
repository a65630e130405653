/*
 * A UTF-16 big-endian file with a byte-order mark is read as its text,
 * detected and named, with the libcsv parser too.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "transcode.h"

int
main(void)
{
	static const char	 in[] = "\xfe\xff"
	    "\0d\0e\0p\0a\0r\0t\0m\0e\0n\0t\0;\0n\0\n"
	    "\0\xe9\0t\0\xe9\0;\0\x31\0\n"
	    "\0\xe9\0t\0\xe9\0;\0\x32\0\n";
	struct engine_opts	 o = { .aggs = "sum:n" };
	const char		*want = "department,sum_n\n"
	    "\xc3\xa9t\xc3\xa9,3\n";
	char			 err[TALLY_ERR_MAX], *out;

	out = th_run(in, sizeof(in) - 1, &o, NULL, err, sizeof(err));
	CHECK_STR(out, want);
	free(out);
	o.source.enc = SOURCE_ENC_UTF16;
	o.parser = ENGINE_PARSER_LIBCSV;
	th_sweep(in, sizeof(in) - 1, &o, want);
	return 0;
}
