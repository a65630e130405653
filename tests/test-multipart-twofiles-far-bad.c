/*
 * A second file part far from both ends of the body (between two files of
 * 200 KB) is found and refused, in every block size.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

#define FILL	(200 * 1024)

int
main(void)
{
	static struct multipart	 m;
	static char		 fill[FILL + 1];
	char			 err[TALLY_ERR_MAX], *body = NULL;
	size_t			 len = 0;
	FILE			*f;

	memset(fill, 'x', FILL);
	if ((f = open_memstream(&body, &len)) == NULL)
		return TH_ERROR;
	fprintf(f, "--B\r\n"
	    "Content-Disposition: form-data; name=\"a\"; "
	    "filename=\"a.csv\"\r\n\r\nk\r\n%s"
	    "\r\n--B\r\n"
	    "Content-Disposition: form-data; name=\"b\"; "
	    "filename=\"b.csv\"\r\n\r\nk\r\n%s"
	    "\r\n--B\r\n"
	    "Content-Disposition: form-data; name=\"agg\"\r\n\r\ncount"
	    "\r\n--B--\r\n", fill, fill);
	if (fclose(f) != 0)
		return TH_ERROR;
	CHECK(th_locate_blocks(body, len, "B", &m, err, sizeof(err)) == -1);
	CHECK_HAS(err, "only one file part");
	free(body);
	return 0;
}
