/*
 * tally-fcgi --config FILE: the file's options come first and the command
 * line's after them (so the command line wins), comments and blank lines
 * are skipped, a flag stands alone or says yes/no, values keep their
 * spaces and # signs, --config=FILE works, and without --config the
 * vector is argv itself.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "conffile.h"
#include "harness.h"

static const struct option longopts[] = {
	{ "socket",	required_argument, NULL, 's' },
	{ "workers",	required_argument, NULL, 'w' },
	{ "keep-input",	no_argument,	   NULL, 'k' },
	{ "admin",	no_argument,	   NULL, 'A' },
	{ "log",	required_argument, NULL, 'L' },
	{ "config",	required_argument, NULL, 'C' },
	{ NULL,		0,		   NULL, 0 }
};

int
main(void)
{
	char		 path[4096], arg[4200], err[256];
	char		*argv[8], **v;
	const char	*dir = th_tmpdir("conffile-args");
	FILE		*f;
	int		 n;

	snprintf(path, sizeof(path), "%s/tally-fcgi.conf", dir);
	CHECK((f = fopen(path, "w")) != NULL);
	fputs("# tally-fcgi options\n"
	    "\n"
	    "  socket   /run/tally/tally.sock  \n"
	    "workers 3\r\n"
	    "\t# an indented comment\n"
	    "keep-input\n"
	    "admin no\n"
	    "log /var/log/my logs/#1.log\n", f);
	CHECK(fclose(f) == 0);

	argv[0] = "tally-fcgi";
	argv[1] = "--workers";
	argv[2] = "5";
	argv[3] = "--config";
	argv[4] = path;
	argv[5] = "--db";
	argv[6] = "x.db";
	argv[7] = NULL;
	CHECK(conffile_args(7, argv, longopts, &n, &v, err,
	    sizeof(err)) == 0);
	CHECK(n == 12);
	CHECK_STR(v[0], "tally-fcgi");
	CHECK_STR(v[1], "--socket");
	CHECK_STR(v[2], "/run/tally/tally.sock");
	CHECK_STR(v[3], "--workers");
	CHECK_STR(v[4], "3");
	CHECK_STR(v[5], "--keep-input");
	CHECK_STR(v[6], "--log");
	CHECK_STR(v[7], "/var/log/my logs/#1.log");
	/* The command line after the file, without --config FILE. */
	CHECK_STR(v[8], "--workers");
	CHECK_STR(v[9], "5");
	CHECK_STR(v[10], "--db");
	CHECK_STR(v[11], "x.db");
	CHECK(v[12] == NULL);

	snprintf(arg, sizeof(arg), "--config=%s", path);
	argv[1] = arg;
	argv[2] = NULL;
	CHECK(conffile_args(2, argv, longopts, &n, &v, err, sizeof(err)) == 0);
	CHECK(n == 8 && v[8] == NULL);
	CHECK_STR(v[7], "/var/log/my logs/#1.log");

	argv[1] = "--workers";
	argv[2] = "5";
	argv[3] = NULL;
	CHECK(conffile_args(3, argv, longopts, &n, &v, err, sizeof(err)) == 0);
	CHECK(n == 3 && v == argv);
	return 0;
}
