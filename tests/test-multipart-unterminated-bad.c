/*
 * A file part that does not end is refused wherever the body stops: no
 * delimiter after the file at all, a delimiter that is not the closing one
 * at the very end, a field after the file that does not end; small and
 * with a file larger than one block.  Every block size gives the same.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

static const char	*ends[] = {
	"",
	"\r\n",
	"\r\n--B",
	"\r\n--B\r\n",
	"\r\n--B\r\nContent-Disposition: form-data; name=\"agg\"\r\n\r\n"
	    "count",
	"\r\n--B\r\nContent-Disposition: form-data; name=\"agg\"\r\n\r\n"
	    "count\r\n--B",
};

static const char	*why[] = {
	"does not end",
	"does not end",
	"ends without the closing boundary",
	"headers do not end",
	"does not end",
	"ends without the closing boundary",
};

static void
one(size_t fill, size_t e)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX], *body = NULL;
	size_t			 len = 0, i;
	FILE			*f;

	if ((f = open_memstream(&body, &len)) == NULL)
		exit(TH_ERROR);
	fprintf(f, "--B\r\n"
	    "Content-Disposition: form-data; name=\"file\"; "
	    "filename=\"s.csv\"\r\n\r\nk,v\r\n");
	for (i = 0; i < fill; i++)
		fputs("A,1\r\n", f);
	fputs(ends[e], f);
	if (fclose(f) != 0)
		exit(TH_ERROR);
	if (th_locate_blocks(body, len, "B", &m, err, sizeof(err)) != -1)
		th_fail(__FILE__, __LINE__, "end %zu accepted", e);
	if (strstr(err, why[e]) == NULL)
		th_fail(__FILE__, __LINE__, "end %zu: \"%s\", not \"%s\"", e,
		    err, why[e]);
	free(body);
}

int
main(void)
{
	size_t	 e;

	CHECK(sizeof(ends) / sizeof(ends[0]) == sizeof(why) / sizeof(why[0]));
	for (e = 0; e < sizeof(ends) / sizeof(ends[0]); e++) {
		one(1, e);
		one(2 * MULTIPART_BLOCK / 5, e);
	}
	return 0;
}
