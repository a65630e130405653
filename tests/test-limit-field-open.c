/*
 * A quote that never closes ("x" y on line 3: the quote after x is taken
 * as data, as libcsv does, and the field goes on) swallows the records
 * after it until the field is longer than TALLY_FIELD_MAX, far down the
 * file.  The error then names that line and also the line the quote
 * opened on, which is where the file is wrong: the same message from
 * libcsv and from the fast scanner, on 1 and 2 threads.  A long field
 * with no open quote (here in a second thread's part) says nothing of one.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"

int
main(void)
{
	static const enum engine_parser parsers[] = { ENGINE_PARSER_LIBCSV,
	    ENGINE_PARSER_FAST };
	struct engine_opts	 o;
	struct engine_result	 res;
	char			 err[TALLY_ERR_MAX], first[TALLY_ERR_MAX];
	char			 tail[TALLY_ERR_MAX];
	char			*csv, *p, *out;
	size_t			 i, t, rows = TALLY_FIELD_MAX / 4;
	unsigned long		 line, got;

	if ((csv = malloc(rows * 12 + 64)) == NULL)
		return TH_ERROR;
	p = csv + sprintf(csv, "a,b\n1,2\n\"x\" y,3\n");
	for (i = 0; i < rows; i++)
		p += sprintf(p, "%zu,%zu\n", i % 7, i % 1000);
	/*
	 * The field passes the limit on this line (the parsers may stop a
	 * little later, where their buffer is full): every run must name
	 * the same line, at or after it, and line 3.
	 */
	{
		size_t	 n = strlen("x\" y,3\n");
		char	 row[32];

		line = 3;
		for (i = 0; n <= TALLY_FIELD_MAX; i++) {
			n += (size_t)sprintf(row, "%zu,%zu\n", i % 7, i % 1000);
			line++;
		}
	}
	snprintf(tail, sizeof(tail), ": field 1 is longer than %d bytes: it "
	    "is quoted from line 3 on, and that quote may never close",
	    TALLY_FIELD_MAX);
	first[0] = '\0';
	for (i = 0; i < 2; i++)
		for (t = 1; t <= 2; t++) {
			memset(&o, 0, sizeof(o));
			o.parser = parsers[i];
			o.threads = (int)t;
			o.split_min = 1;
			o.groups = "a";
			o.aggs = "sum:b";
			out = th_run(csv, (size_t)(p - csv), &o, &res, err,
			    sizeof(err));
			CHECK(out == NULL);
			CHECK(res.data_error == 1);
			CHECK(sscanf(err, "line %lu", &got) == 1);
			CHECK(got >= line && got < line + 100);
			CHECK(strstr(err, tail) != NULL);
			if (first[0] == '\0')
				snprintf(first, sizeof(first), "%s", err);
			CHECK_STR(err, first);
			engine_result_free(&res);
		}

	/*
	 * A long field that is not quoted, in the second thread's half,
	 * says nothing of a quote.
	 */
	p = csv;
	for (i = 0; i < 200000; i++)
		p += sprintf(p, "%zu,%zu\n", i % 7, i % 1000);
	memset(p, 'x', TALLY_FIELD_MAX + 1);
	p += TALLY_FIELD_MAX + 1;
	p += sprintf(p, ",3\n1,2\n");
	memset(&o, 0, sizeof(o));
	o.threads = 2;
	o.split_min = 1;
	o.no_header = 1;
	o.groups = "1";
	o.aggs = "sum:2";
	out = th_run(csv, (size_t)(p - csv), &o, &res, err, sizeof(err));
	CHECK(out == NULL);
	snprintf(first, sizeof(first), "line 200001: field 1 is longer than %d "
	    "bytes", TALLY_FIELD_MAX);
	CHECK_STR(err, first);
	engine_result_free(&res);
	free(csv);
	return 0;
}
