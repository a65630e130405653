/*
 * A new store is its owner's alone, whatever the umask: under umask 022
 * (SQLite's own default would give 0644), tally.db and the -wal and -shm
 * files SQLite makes beside it are created 0600.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "store.h"

static void
want_mode(const char *path)
{
	struct stat	 st;

	if (stat(path, &st) == -1)
		th_fail(__FILE__, __LINE__, "%s is missing", path);
	if ((st.st_mode & 07777) != 0600)
		th_fail(__FILE__, __LINE__, "%s: mode %04o, not 0600", path,
		    (unsigned)(st.st_mode & 07777));
}

int
main(void)
{
	static struct store_job	 j;
	char			 path[4096], side[4200], err[TALLY_ERR_MAX];
	struct store		*s;

	umask(022);
	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-mode"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	/* A write, so that the -wal file holds something. */
	snprintf(j.id, sizeof(j.id), "%034x", 1);
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	want_mode(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	want_mode(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	want_mode(side);
	store_close(s);
	return 0;
}
