/*
 * A bad options file is refused with its file name and line: an unknown
 * name (a hint when it was written with dashes), "config" inside the file,
 * a value missing, a flag with a value that is not yes or no, a line over
 * CONFFILE_LINE_MAX bytes, a file that is missing, and --config without
 * its file.  A line of exactly CONFFILE_LINE_MAX bytes is fine.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "conffile.h"
#include "harness.h"

static const struct option longopts[] = {
	{ "socket",	required_argument, NULL, 's' },
	{ "keep-input",	no_argument,	   NULL, 'k' },
	{ "config",	required_argument, NULL, 'C' },
	{ NULL,		0,		   NULL, 0 }
};

static char	 path[4096], err[256];

/* Write text as the file, run --config on it; return conffile_args(). */
static int
try(const char *text)
{
	char	*argv[4], **v;
	FILE	*f;
	int	 n;

	if ((f = fopen(path, "w")) == NULL)
		return 99;
	fputs(text, f);
	fclose(f);
	argv[0] = "tally-fcgi";
	argv[1] = "--config";
	argv[2] = path;
	argv[3] = NULL;
	err[0] = '\0';
	return conffile_args(3, argv, longopts, &n, &v, err, sizeof(err));
}

int
main(void)
{
	static char	 big[CONFFILE_LINE_MAX + 64];
	char		*argv[3], **v;
	const char	*dir = th_tmpdir("conffile-bad");
	int		 n;

	snprintf(path, sizeof(path), "%s/c.conf", dir);
	CHECK(try("# fine\nsocket /x\n\nworkers 4\n") == -1);
	CHECK(strstr(err, "c.conf:4: unknown option \"workers\"") != NULL);
	CHECK(try("--socket /x\n") == -1);
	CHECK(strstr(err, "write names without dashes") != NULL);
	CHECK(try("config /etc/other.conf\n") == -1);
	CHECK(strstr(err, ":1: unknown option \"config\"") != NULL);
	CHECK(try("socket\n") == -1);
	CHECK(strstr(err, ":1: socket needs a value") != NULL);
	CHECK(try("keep-input maybe\n") == -1);
	CHECK(strstr(err, ":1: keep-input is a flag") != NULL);

	/* A line of exactly the limit passes, one byte more does not. */
	memset(big, 'a', sizeof(big));
	memcpy(big, "socket ", 7);
	big[CONFFILE_LINE_MAX - 1] = '\n';
	big[CONFFILE_LINE_MAX] = '\0';
	CHECK(try(big) == 0);
	big[CONFFILE_LINE_MAX - 1] = 'a';
	big[CONFFILE_LINE_MAX] = '\n';
	big[CONFFILE_LINE_MAX + 1] = '\0';
	CHECK(try(big) == -1);
	CHECK(strstr(err, ":1: the line is longer than") != NULL);

	snprintf(path, sizeof(path), "%s/missing.conf", dir);
	argv[0] = "tally-fcgi";
	argv[1] = "--config";
	argv[2] = path;
	CHECK(conffile_args(3, argv, longopts, &n, &v, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "missing.conf: No such file") != NULL);
	CHECK(conffile_args(2, argv, longopts, &n, &v, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "--config needs a file") != NULL);
	return 0;
}
