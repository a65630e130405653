/*
 * nginx's refusals log counted across rotations, exactly (refusals.c):
 * lines nginx adds to the renamed file before it reopens its logs are
 * counted once, the new file from its start, nothing twice across
 * scrapes; a rotated file already gone leaves the new one counted from
 * its start; a file cut short is counted from its start.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "refusals.h"

static char		 path[4096], moved[4200];
static struct refusals	 r;

/* Append text to file (created if missing). */
static void
add(const char *file, const char *text)
{
	FILE	*f;

	if ((f = fopen(file, "a")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) == EOF)
		th_fail(__FILE__, __LINE__, "%s: cannot append", file);
}

/* A scrape: counts of 413, 429, 400 and 408 after it. */
static void
scrape(int line, unsigned long n413, unsigned long n429, unsigned long n400,
    unsigned long n408)
{
	char	 err[256];

	if (refusals_update(&r, path, err, sizeof(err)) == -1)
		th_fail(__FILE__, line, "%s", err);
	if (r.count[REFUSAL_TOO_LARGE] != n413 ||
	    r.count[REFUSAL_RATE_LIMITED] != n429 ||
	    r.count[REFUSAL_BAD_REQUEST] != n400 ||
	    r.count[REFUSAL_TIMEOUT] != n408)
		th_fail(__FILE__, line, "413 %lu 429 %lu 400 %lu 408 %lu, not "
		    "%lu %lu %lu %lu", r.count[REFUSAL_TOO_LARGE],
		    r.count[REFUSAL_RATE_LIMITED], r.count[REFUSAL_BAD_REQUEST],
		    r.count[REFUSAL_TIMEOUT], n413, n429, n400, n408);
}

int
main(void)
{
	const char	*dir = th_tmpdir("refusals-rotate");
	int		 fd;

	snprintf(path, sizeof(path), "%s/nginx.log", dir);
	snprintf(moved, sizeof(moved), "%s/nginx.log.1", dir);
	unlink(path);
	unlink(moved);

	scrape(__LINE__, 0, 0, 0, 0);
	add(path, "413\n429\n41");
	scrape(__LINE__, 1, 1, 0, 0);
	add(path, "3\n");
	scrape(__LINE__, 2, 1, 0, 0);

	/* logrotate renames the log and creates an empty one; nginx still
	 * writes the old file until it reopens its logs. */
	CHECK(rename(path, moved) == 0);
	add(path, "");
	add(moved, "429\n");
	scrape(__LINE__, 2, 2, 0, 0);
	add(moved, "413\n");
	scrape(__LINE__, 3, 2, 0, 0);
	/* nginx reopens: the old file's last lines, then the new one. */
	add(moved, "408\n");
	add(path, "400\n413\n");
	scrape(__LINE__, 4, 2, 1, 1);
	scrape(__LINE__, 4, 2, 1, 1);
	add(path, "429\n");
	scrape(__LINE__, 4, 3, 1, 1);

	/* Rotated again with no scrape between the rename and the reopen:
	 * both files' new lines, once. */
	add(path, "408\n");
	CHECK(rename(path, moved) == 0);
	add(moved, "413\n");
	add(path, "400\n");
	scrape(__LINE__, 5, 3, 2, 2);
	scrape(__LINE__, 5, 3, 2, 2);

	/* The rotated file is gone from the folder (compressed, removed)
	 * before a scrape: the new file from its start.  It is held open
	 * meanwhile, so that the new file cannot take its inode number. */
	CHECK(rename(path, moved) == 0);
	if ((fd = open(moved, O_RDONLY)) == -1)
		return TH_ERROR;
	CHECK(unlink(moved) == 0);
	add(path, "429\n429\n");
	scrape(__LINE__, 5, 5, 2, 2);
	close(fd);

	/* Cut short in place: from its start. */
	CHECK(truncate(path, 0) == 0);
	add(path, "413\n");
	scrape(__LINE__, 6, 5, 2, 2);
	scrape(__LINE__, 6, 5, 2, 2);
	return 0;
}
