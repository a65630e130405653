/*
 * A long bad value is cut to TALLY_BADVALUE_SHOW bytes between UTF-8
 * characters, for characters of 2, 3 and 4 bytes after every ASCII prefix
 * length, so that the sample and its JSON stay valid UTF-8; a long
 * header name is cut the same way.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "utf8.h"

static void
valid(const char *s, size_t len)
{
	size_t	 k, n;

	for (k = 0; k < len; k += n)
		if ((n = utf8_char(s + k, len - k)) == 0)
			th_fail(__FILE__, __LINE__, "not UTF-8 at %zu of %.*s",
			    k, (int)len, s);
}

int
main(void)
{
	static const char *const ch[] = { "\xc3\xa9", "\xe2\x82\xac",
	    "\xf0\x9f\x98\x80" };
	struct engine_opts	 o = { 0 };
	struct engine_result	 res;
	char			 csv[1024], err[TALLY_ERR_MAX], *out;
	size_t			 c, pre, i, n, vl;
	FILE			*f;

	for (c = 0; c < 3; c++)
		for (pre = 0; pre < 4; pre++) {
			if ((f = fmemopen(csv, sizeof(csv), "w")) == NULL)
				return TH_ERROR;
			fputs("k,", f);
			for (i = 0; i < 30; i++)
				fputs(ch[c], f);
			fputs("\nA,", f);
			for (i = 0; i < pre; i++)
				fputc('x', f);
			for (i = 0; i < 40; i++)
				fputs(ch[c], f);
			fputs("\nA,1\n", f);
			fclose(f);
			o.groups = "k";
			o.aggs = "sum:2";
			out = th_run(csv, strlen(csv), &o, &res, err,
			    sizeof(err));
			if (out == NULL)
				th_fail(__FILE__, __LINE__, "%s", err);
			CHECK(res.nrejects == 1);
			vl = res.rejects[0].value_len;
			CHECK(vl > 3 && memcmp(res.rejects[0].value + vl - 3,
			    "...", 3) == 0);
			n = vl - 3;
			CHECK(n <= TALLY_BADVALUE_SHOW);
			CHECK(n > TALLY_BADVALUE_SHOW - strlen(ch[c]));
			valid(res.rejects[0].value, vl);
			n = strlen(res.rejects[0].colname);
			CHECK(n > 0 && n < sizeof(res.rejects[0].colname));
			valid(res.rejects[0].colname, n);
			free(out);
			engine_result_free(&res);
		}
	return 0;
}
