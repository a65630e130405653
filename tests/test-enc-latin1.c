/*
 * A latin-1 export: accented keys and header names come out in UTF-8,
 * both when named (--encoding latin-1) and when detected (auto reads it as
 * windows-1252, which agrees on these bytes), and a rejected value is shown
 * in UTF-8 too.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "transcode.h"

int
main(void)
{
	const char		*csv = "r\xe9gion;ventes\n"
	    "Z\xfcrich;1\n"
	    "Z\xfcrich;2\n"
	    "S\xe8te;4\n"
	    "S\xe8te;\xe9\n";
	const char		*want = "r\xc3\xa9gion,sum_ventes\n"
	    "S\xc3\xa8te,4\n"
	    "Z\xc3\xbcrich,3\n";
	struct engine_opts	 o = { .groups = "r\xe9gion", .aggs = "sum:2" };
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], *out;

	/* auto: the header names are matched once converted. */
	o.groups = "1";
	out = th_run(csv, strlen(csv), &o, &res, err, sizeof(err));
	CHECK_STR(out, want);
	CHECK(res.nrejects == 1);
	CHECK_STR(res.rejects[0].value, "\xc3\xa9");
	CHECK_STR(res.keynames[0], "r\xc3\xa9gion");
	engine_result_free(&res);
	free(out);
	o.source.enc = SOURCE_ENC_LATIN1;
	o.groups = "r\xc3\xa9gion";
	th_sweep(csv, strlen(csv), &o, want);
	return 0;
}
