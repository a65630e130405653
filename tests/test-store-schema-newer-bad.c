/*
 * A database written by a newer tally (user_version above ours) is refused
 * with a message, and left as it was.
 */
#include "config.h"

#include <stdio.h>

#include <sqlite3.h>

#include "harness.h"
#include "store.h"

int
main(void)
{
	char		 path[4096], err[TALLY_ERR_MAX];
	struct store	*s;
	sqlite3		*db;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-schema-newer-bad"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	store_close(s);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return TH_ERROR;
	sqlite3_close(db);

	err[0] = '\0';
	CHECK(store_open(path, err, sizeof(err)) == NULL);
	CHECK_HAS(err, "schema version 99 is newer");
	return 0;
}
