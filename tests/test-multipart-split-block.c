/*
 * Delimiters across block edges: a form with the longest boundary and a
 * file holding near misses (lines that start with all of the boundary but
 * its last character) is located the same in every block size from 1 to
 * past its length, so that each delimiter is split at every offset.
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
	char			 b[MULTIPART_BOUNDARY_MAX + 1], near[80];
	char			 data[512], err[TALLY_ERR_MAX], *body = NULL;
	size_t			 len = 0, i;
	long			 off;
	FILE			*f;

	for (i = 0; i < MULTIPART_BOUNDARY_MAX; i++)
		b[i] = "0123456789abcdef"[i % 16];
	b[i] = '\0';
	snprintf(near, sizeof(near), "--%.*s", MULTIPART_BOUNDARY_MAX - 1, b);
	snprintf(data, sizeof(data), "k,v\r\n%s,1\r\n\r\n%s\r\n-\r\n--\r\n"
	    "%s\r\nA,2", near, near, b);
	if ((f = open_memstream(&body, &len)) == NULL)
		return TH_ERROR;
	fprintf(f, "--%s\r\n"
	    "Content-Disposition: form-data; name=\"agg\"\r\n\r\ncount"
	    "\r\n--%s\r\n"
	    "Content-Disposition: form-data; name=\"file\"; "
	    "filename=\"s.csv\"\r\n\r\n", b, b);
	off = ftell(f);
	fprintf(f, "%s\r\n--%s\r\n"
	    "Content-Disposition: form-data; name=\"group_by\"\r\n\r\nk"
	    "\r\n--%s--\r\n", data, b, b);
	if (fclose(f) != 0)
		return TH_ERROR;
	CHECK(len <= 1024);
	if (th_locate_blocks(body, len, b, &m, err, sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(m.file_off == off);
	CHECK(m.file_len == (off_t)strlen(data));
	CHECK(memcmp(body + off, data, strlen(data)) == 0);
	CHECK_STR(multipart_field(&m, "agg"), "count");
	CHECK_STR(multipart_field(&m, "group_by"), "k");
	free(body);
	return 0;
}
