/*
 * Messages cut between UTF-8 characters: the column list of an "unknown
 * column" error, too long for the message, is cut before a character,
 * never inside one, for names of 2-, 3- and 4-byte characters after every
 * ASCII offset; the unknown name itself, cut to 64 bytes, is too.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "utf8.h"

static void
valid(const char *s)
{
	size_t	 k, n, len = strlen(s);

	for (k = 0; k < len; k += n)
		if ((n = utf8_char(s + k, len - k)) == 0)
			th_fail(__FILE__, __LINE__, "not UTF-8 at %zu of %s", k,
			    s);
}

int
main(void)
{
	static const char *const ch[] = { "\xc3\xa9", "\xe2\x82\xac",
	    "\xf0\x9f\x98\x80" };
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 csv[8192], want[256], err[TALLY_ERR_MAX];
	size_t			 c, pre, i, k;
	FILE			*f;

	for (c = 0; c < 3; c++)
		for (pre = 0; pre < 4; pre++) {
			if ((f = fmemopen(csv, sizeof(csv), "w")) == NULL)
				return TH_ERROR;
			for (i = 0; i < 40; i++) {
				fprintf(f, "%s%.*s", i ? "," : "", (int)pre,
				    "xyz");
				for (k = 0; k < 5; k++)
					fputs(ch[c], f);
			}
			fputs("\n1\n", f);
			fclose(f);
			f = fmemopen(want, sizeof(want), "w");
			fprintf(f, "%.*s", (int)pre, "xyz");
			for (k = 0; k < 40; k++)
				fputs(ch[c], f);
			fclose(f);
			o.groups = want;
			o.aggs = "count";
			CHECK(th_run(csv, strlen(csv), &o, &res, err,
			    sizeof(err)) == NULL);
			CHECK_HAS(err, "unknown column");
			CHECK_HAS(err, "...");
			valid(err);
			engine_result_free(&res);
		}
	return 0;
}
