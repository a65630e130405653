/*
 * A form field value holds at most TALLY_SPEC_MAX - 1 bytes: that many
 * are taken, one more is an error, before the file and after it.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

#define PART(name) \
	"--B\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n"
#define FILEPART \
	"--B\r\nContent-Disposition: form-data; name=\"f\"; " \
	"filename=\"f.csv\"\r\n\r\nx\r\n1\r\n"

static struct multipart	 m;
static char		 err[TALLY_ERR_MAX];

/* A form with a field of vlen bytes before (after = 0) or after the file. */
static int
form(size_t vlen, int after)
{
	char	*body = NULL, *v;
	size_t	 len = 0;
	FILE	*f;
	int	 fd, rc;

	if ((v = malloc(vlen + 1)) == NULL ||
	    (f = open_memstream(&body, &len)) == NULL)
		exit(TH_ERROR);
	memset(v, 'v', vlen);
	v[vlen] = '\0';
	if (after)
		fprintf(f, FILEPART PART("agg") "%s\r\n--B--\r\n", v);
	else
		fprintf(f, PART("agg") "%s\r\n" FILEPART "--B--\r\n", v);
	if (fclose(f) != 0)
		exit(TH_ERROR);
	fd = th_file(body, len);
	rc = multipart_locate(fd, (off_t)len, "B", &m, err, sizeof(err));
	close(fd);
	free(body);
	free(v);
	return rc;
}

int
main(void)
{
	CHECK(form(TALLY_SPEC_MAX - 1, 0) == 0);
	CHECK(strlen(multipart_field(&m, "agg")) == TALLY_SPEC_MAX - 1);
	CHECK(form(TALLY_SPEC_MAX - 1, 1) == 0);
	CHECK(strlen(multipart_field(&m, "agg")) == TALLY_SPEC_MAX - 1);
	CHECK(form(TALLY_SPEC_MAX, 0) == -1);
	CHECK_HAS(err, "longer than");
	CHECK(form(TALLY_SPEC_MAX, 1) == -1);
	CHECK_HAS(err, "longer than");
	return 0;
}
