/*
 * store_open creates the database with the jobs table at schema version 6,
 * and opening it again keeps the version and the rows.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "harness.h"
#include "store.h"

static int
user_version(const char *path)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		exit(TH_ERROR);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

int
main(void)
{
	char			 path[4096], err[TALLY_ERR_MAX];
	struct store		*s;
	struct store_job	 j;
	int64_t			 counts[JOB_STATE__MAX];

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-schema"));
	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(store_ping(s, err, sizeof(err)) == 0);
	memset(&j, 0, sizeof(j));
	strcpy(j.id, "0123456789abcdef0123456789abcdef");
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	store_close(s);
	CHECK(user_version(path) == 6);

	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(store_counts(s, counts, err, sizeof(err)) == 0);
	CHECK(counts[JOB_QUEUED] == 1);
	store_close(s);
	CHECK(user_version(path) == 6);
	return 0;
}
