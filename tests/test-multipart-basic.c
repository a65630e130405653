/*
 * The usual browser upload: a field before the file, the file, a field
 * after it.  The located range covers exactly the file's bytes, both fields
 * are read, and the file name is taken from filename=.
 */
#include "config.h"

#include <string.h>

#include "harness.h"
#include "locate.h"
#include "multipart.h"

#define FILEDATA "id,department,number_of_sales\r\n1,Toys,3\r\n2,Books,4\r\n"

static const char body[] =
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"group_by\"\r\n"
    "\r\n"
    "department\r\n"
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"file\"; "
    "filename=\"sales.csv\"\r\n"
    "Content-Type: text/csv\r\n"
    "\r\n"
    FILEDATA
    "\r\n--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"agg\"\r\n"
    "\r\n"
    "sum(number_of_sales)\r\n"
    "--AaB03x--\r\n";

int
main(void)
{
	static struct multipart	 m;
	char			 err[TALLY_ERR_MAX];
	const char		*want = strstr(body, FILEDATA);

	CHECK(th_locate(body, sizeof(body) - 1, "AaB03x", &m, err,
	    sizeof(err)) == 0);
	CHECK(m.has_file);
	CHECK(m.file_off == want - body);
	CHECK(m.file_len == (off_t)strlen(FILEDATA));
	CHECK(memcmp(body + m.file_off, FILEDATA, strlen(FILEDATA)) == 0);
	CHECK_STR(m.filename, "sales.csv");
	CHECK(m.nfields == 2);
	CHECK_STR(m.fields[0].name, "group_by");
	CHECK_STR(multipart_field(&m, "group_by"), "department");
	CHECK_STR(multipart_field(&m, "agg"), "sum(number_of_sales)");
	CHECK(multipart_field(&m, "file") == NULL);
	CHECK(multipart_field(&m, "delimiter") == NULL);
	return 0;
}
