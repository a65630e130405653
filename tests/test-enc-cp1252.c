/*
 * windows-1252, as Excel saves CSV: the euro sign (0x80) and the curly
 * quotes (0x93, 0x94) become their UTF-8 characters, not C1 controls;
 * auto detects it, and latin-1 named gives the C1 code points instead.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "transcode.h"

int
main(void)
{
	const char		*csv = "department,number_of_sales\n"
	    "\x80 zone,1\n"
	    "\x93Quoted\x94,2\n"
	    "\x80 zone,4\n";
	struct engine_opts	 o = { 0 };
	char			 err[TALLY_ERR_MAX], *out;

	th_sweep(csv, strlen(csv), &o, "department,sum_number_of_sales\n"
	    "\xe2\x80\x9cQuoted\xe2\x80\x9d,2\n"
	    "\xe2\x82\xac zone,5\n");
	o.source.enc = SOURCE_ENC_CP1252;
	o.threads = 3;
	o.split_min = 16;
	out = th_run(csv, strlen(csv), &o, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\xe2\x80\x9cQuoted\xe2\x80\x9d,2\n"
	    "\xe2\x82\xac zone,5\n");
	free(out);
	o.source.enc = SOURCE_ENC_LATIN1;
	out = th_run(csv, strlen(csv), &o, NULL, err, sizeof(err));
	CHECK_STR(out, "department,sum_number_of_sales\n"
	    "\xc2\x80 zone,5\n"
	    "\xc2\x93Quoted\xc2\x94,2\n");
	free(out);
	return 0;
}
