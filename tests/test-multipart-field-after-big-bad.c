/*
 * The reported wrong total: a text field of "A,1000" lines, larger than
 * 64 KiB, after the file part.  The old locator read only the last 64 KiB,
 * missed the field's delimiter and took the field for CSV.  Now the field
 * is found wherever it is, and refused as too long, naming it; the file's
 * own bytes are never extended into it.  Every block size gives the same.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

int
main(void)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX], *body = NULL;
	size_t			 len = 0, i;
	FILE			*f;

	if ((f = open_memstream(&body, &len)) == NULL)
		return TH_ERROR;
	fprintf(f, "--B\r\n"
	    "Content-Disposition: form-data; name=\"file\"; "
	    "filename=\"s.csv\"\r\n\r\n"
	    "k,v\r\nA,4\r\n"
	    "\r\n--B\r\n"
	    "Content-Disposition: form-data; name=\"note\"\r\n\r\n");
	for (i = 0; i < 10000; i++)
		fputs("A,1000\r\n", f);
	fputs("\r\n--B--\r\n", f);
	if (fclose(f) != 0)
		return TH_ERROR;
	CHECK(len > 64 * 1024 + 1000);
	CHECK(th_locate_blocks(body, len, "B", &m, err, sizeof(err)) == -1);
	CHECK_HAS(err, "form field \"note\" longer than");
	free(body);
	return 0;
}
