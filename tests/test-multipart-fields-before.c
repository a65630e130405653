/*
 * Sixteen form fields of 4 KB each before the file part: the file's data
 * starts past the first 64 KiB, and is still located exactly, with every
 * field read, in every block size.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

#define FILEDATA	"k,v\r\nA,4\r\nB,5\r\n"

int
main(void)
{
	static struct multipart	 m;
	static char		 val[TALLY_SPEC_MAX];
	char			 err[TALLY_ERR_MAX], *body = NULL;
	size_t			 len = 0, i;
	long			 off;
	FILE			*f;

	memset(val, 'z', sizeof(val) - 1);
	if ((f = open_memstream(&body, &len)) == NULL)
		return TH_ERROR;
	for (i = 0; i < MULTIPART_FIELDS_MAX; i++)
		fprintf(f, "--B\r\n"
		    "Content-Disposition: form-data; name=\"f%zu\"\r\n\r\n"
		    "%s\r\n", i, val);
	fprintf(f, "--B\r\n"
	    "Content-Disposition: form-data; name=\"file\"; "
	    "filename=\"s.csv\"\r\n\r\n");
	off = ftell(f);
	fprintf(f, FILEDATA "\r\n--B--\r\n");
	if (fclose(f) != 0)
		return TH_ERROR;
	CHECK(off > 64 * 1024);
	if (th_locate_blocks(body, len, "B", &m, err, sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(m.file_off == off);
	CHECK(m.file_len == (off_t)strlen(FILEDATA));
	CHECK_STR(m.filename, "s.csv");
	CHECK(m.nfields == MULTIPART_FIELDS_MAX);
	CHECK_STR(multipart_field(&m, "f7"), val);
	free(body);
	return 0;
}
