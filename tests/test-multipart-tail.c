/*
 * A file part of several blocks: the fields after it are found, and the
 * range covers the file's bytes exactly.  The file comes from a seeded
 * generator.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "multipart.h"

#define FILE_LEN	(3 * MULTIPART_BLOCK + 12345)

/* CSV-ish lines that never hold "--". */
static void
gen(char *p, size_t len)
{
	uint64_t	 x = 0x9e3779b97f4a7c15ULL;
	size_t		 i;

	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		switch (x % 16) {
		case 0:
			p[i] = '\r';
			if (i + 1 < len)
				p[++i] = '\n';
			break;
		case 1:
			p[i] = ',';
			break;
		default:
			p[i] = (char)('a' + x % 26);
		}
	}
}

int
main(void)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX], *body = NULL, *data;
	size_t			 len = 0;
	long			 off;
	FILE			*f;
	int			 fd;

	if ((data = malloc(FILE_LEN)) == NULL ||
	    (f = open_memstream(&body, &len)) == NULL)
		return TH_ERROR;
	gen(data, FILE_LEN);
	fprintf(f, "--tail-boundary\r\n"
	    "Content-Disposition: form-data; name=\"group_by\"\r\n\r\n"
	    "b\r\n--tail-boundary\r\n"
	    "Content-Disposition: form-data; name=\"upload\"; "
	    "filename=\"big.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\n");
	off = ftell(f);
	fwrite(data, 1, FILE_LEN, f);
	fprintf(f, "\r\n--tail-boundary\r\n"
	    "Content-Disposition: form-data; name=\"agg\"\r\n\r\n"
	    "sum(c)\r\n--tail-boundary\r\n"
	    "Content-Disposition: form-data; name=\"strict\"\r\n\r\n"
	    "1\r\n--tail-boundary--\r\n");
	if (fclose(f) != 0)
		return TH_ERROR;

	fd = th_file(body, len);
	if (multipart_locate(fd, (off_t)len, "tail-boundary", &m, err,
	    sizeof(err)) != 0)
		th_fail(__FILE__, __LINE__, "%s", err);
	close(fd);
	CHECK(m.file_off == off);
	CHECK(m.file_len == FILE_LEN);
	CHECK(memcmp(body + m.file_off, data, FILE_LEN) == 0);
	CHECK_STR(m.filename, "big.csv");
	CHECK(m.nfields == 3);
	CHECK_STR(multipart_field(&m, "group_by"), "b");
	CHECK_STR(multipart_field(&m, "agg"), "sum(c)");
	CHECK_STR(multipart_field(&m, "strict"), "1");
	free(body);
	free(data);
	return 0;
}
