/*
 * At most MULTIPART_FIELDS_MAX form fields, counted on both sides of the
 * file: that many are taken, one more is an error.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

static struct multipart	 m;
static char		 err[TALLY_ERR_MAX];

/* A form with nbefore fields before the file and nafter after it. */
static int
form(int nbefore, int nafter)
{
	char	*body = NULL;
	size_t	 len = 0;
	FILE	*f;
	int	 fd, rc, i;

	if ((f = open_memstream(&body, &len)) == NULL)
		exit(TH_ERROR);
	for (i = 0; i < nbefore + nafter; i++) {
		if (i == nbefore)
			fprintf(f, "--B\r\nContent-Disposition: form-data; "
			    "name=\"f\"; filename=\"f.csv\"\r\n\r\nx\r\n1\r\n");
		fprintf(f, "--B\r\nContent-Disposition: form-data; "
		    "name=\"n%d\"\r\n\r\n%d\r\n", i, i);
	}
	if (nafter == 0)
		fprintf(f, "--B\r\nContent-Disposition: form-data; "
		    "name=\"f\"; filename=\"f.csv\"\r\n\r\nx\r\n1\r\n");
	fprintf(f, "--B--\r\n");
	if (fclose(f) != 0)
		exit(TH_ERROR);
	fd = th_file(body, len);
	rc = multipart_locate(fd, (off_t)len, "B", &m, err, sizeof(err));
	close(fd);
	free(body);
	return rc;
}

int
main(void)
{
	CHECK(form(MULTIPART_FIELDS_MAX, 0) == 0);
	CHECK(m.nfields == MULTIPART_FIELDS_MAX);
	CHECK_STR(multipart_field(&m, "n15"), "15");
	CHECK(form(10, MULTIPART_FIELDS_MAX - 10) == 0);
	CHECK(m.nfields == MULTIPART_FIELDS_MAX);
	CHECK(form(MULTIPART_FIELDS_MAX + 1, 0) == -1);
	CHECK_HAS(err, "form fields");
	CHECK(form(10, MULTIPART_FIELDS_MAX + 1 - 10) == -1);
	CHECK_HAS(err, "form fields");
	CHECK(form(0, MULTIPART_FIELDS_MAX + 1) == -1);
	return 0;
}
