/*
 * A database made at schema version 3 (before where, limit, others, total
 * and filtered were recorded) opens at version 6: its jobs keep every
 * field, read back with an empty shape and nothing filtered, and a new job
 * records its shape beside them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "harness.h"
#include "store.h"

/* The jobs table as version 3 left it (schema_v1 to v3 of store.c). */
static const char v3[] =
	"CREATE TABLE jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	" id TEXT NOT NULL UNIQUE, state TEXT NOT NULL,"
	" created REAL NOT NULL, started REAL, finished REAL,"
	" name TEXT NOT NULL DEFAULT '', groups TEXT NOT NULL DEFAULT '',"
	" aggs TEXT NOT NULL DEFAULT '', delim INTEGER NOT NULL DEFAULT 0,"
	" strict INTEGER NOT NULL DEFAULT 0,"
	" input_size INTEGER NOT NULL DEFAULT 0,"
	" input_off INTEGER NOT NULL DEFAULT 0,"
	" input_len INTEGER NOT NULL DEFAULT -1,"
	" pid INTEGER NOT NULL DEFAULT 0,"
	" bytes_done INTEGER NOT NULL DEFAULT 0,"
	" rows_done INTEGER NOT NULL DEFAULT 0,"
	" has_metrics INTEGER NOT NULL DEFAULT 0,"
	" rows INTEGER, rejected INTEGER, groups_n INTEGER,"
	" seconds REAL, mb_per_s REAL, peak_rss_kb INTEGER,"
	" error TEXT NOT NULL DEFAULT '', rejects TEXT,"
	" owner TEXT NOT NULL DEFAULT '',"
	" json_strings INTEGER NOT NULL DEFAULT 0,"
	" max_bad TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE rejects (job TEXT NOT NULL, n INTEGER NOT NULL,"
	" line INTEGER NOT NULL, col INTEGER NOT NULL,"
	" col_name TEXT NOT NULL, value BLOB NOT NULL,"
	" reason TEXT NOT NULL, PRIMARY KEY (job, n)) WITHOUT ROWID;"
	"INSERT INTO jobs (id, state, created, name, groups, aggs, owner,"
	" has_metrics, rows, rejected, groups_n, max_bad) VALUES"
	" ('0123456789abcdef0123456789abcdef01', 'done', 1700000000, 'old.csv',"
	" 'region', 'count', 'alice', 1, 120, 3, 4, '5%');"
	"PRAGMA user_version = 3;";

int
main(void)
{
	static struct store_job	 j, g;
	char			 path[4096], err[TALLY_ERR_MAX];
	struct store		*s;
	sqlite3			*db;

	snprintf(path, sizeof(path), "%s/tally.db",
	    th_tmpdir("test-store-migrate"));
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, v3, NULL, NULL, NULL) != SQLITE_OK)
		th_fail(__FILE__, __LINE__, "v3: %s", sqlite3_errmsg(db));
	sqlite3_close(db);

	if ((s = store_open(path, err, sizeof(err))) == NULL)
		th_fail(__FILE__, __LINE__, "%s", err);
	CHECK(store_get(s, "0123456789abcdef0123456789abcdef01", &g, err,
	    sizeof(err)) == 0);
	CHECK(g.state == JOB_DONE && g.rows == 120 && g.rejected == 3 &&
	    g.groups_n == 4);
	CHECK_STR(g.name, "old.csv");
	CHECK_STR(g.owner, "alice");
	CHECK_STR(g.max_bad, "5%");
	CHECK(g.shape.nwhere == 0 && g.shape.limit == 0 &&
	    !g.shape.others && !g.shape.total && g.filtered == 0);
	store_job_free(&g);

	strcpy(j.id, "fedcba9876543210fedcba9876543210fe");
	CHECK(query_shape_where(&j.shape, "region=North", err,
	    sizeof(err)) == 0);
	j.shape.total = 1;
	CHECK(store_insert(s, &j, err, sizeof(err)) == 0);
	CHECK(store_get(s, j.id, &g, err, sizeof(err)) == 0);
	CHECK(g.shape.nwhere == 1 && g.shape.total == 1);
	CHECK_STR(g.shape.where[0], "region=North");
	store_job_free(&g);
	store_close(s);
	return 0;
}
