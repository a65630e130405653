/*
 * Every SQL statement of tally lives here, prepared once per handle and
 * indexed by enum stmt.  The schema is versioned with PRAGMA user_version;
 * store_open() migrates forward.  Read-modify-write steps (claiming a job,
 * cancelling one) run inside BEGIN IMMEDIATE so that two processes never
 * both win.  Nothing here knows about HTTP or CSV.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "clock.h"
#include "store.h"

#define SCHEMA_VERSION	6

const char *const job_state_names[JOB_STATE__MAX] = {
	"queued", "running", "done", "failed", "cancelled",
};

/* The columns every job-reading statement selects, in this order. */
#define JOB_COLS \
	"id, state, created, started, finished, name, groups, aggs, delim, " \
	"strict, input_size, input_off, input_len, pid, bytes_done, " \
	"rows_done, has_metrics, rows, rejected, groups_n, seconds, " \
	"mb_per_s, peak_rss_kb, error, owner, json_strings, max_bad, kind, " \
	"encoding, trim, no_header, decimal_comma, compression, bytes_decoded, " \
	"shape_limit, shape_others, shape_total, filtered"

enum stmt {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_INSERT,
	STMT_GET,
	STMT_LIST,
	STMT_TOTAL,
	STMT_LIST_OWNER,
	STMT_TOTAL_OWNER,
	STMT_QUEUED,
	STMT_REJECT_ADD,
	STMT_REJECTS,
	STMT_OWNER,
	STMT_DELETE,
	STMT_COUNTS,
	STMT_RUNNING_COUNT,
	STMT_OLDEST_QUEUED,
	STMT_MARK_RUNNING,
	STMT_SET_PID,
	STMT_PROGRESS,
	STMT_FINISH,
	STMT_STATE_OF,
	STMT_CANCEL,
	STMT_RUNNING,
	STMT_INTERRUPT,
	STMT_PING,
	STMT_REQUEUE,
	STMT_EXPIRED,
	STMT_WHERE_ADD,
	STMT_WHERES,
	STMT_SAVE,
	STMT_RELEASE,
	STMT_UNDO,
	STMT_COUNTERS,
	STMT_READ,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	/* STMT_BEGIN */
	"BEGIN IMMEDIATE",
	/* STMT_COMMIT */
	"COMMIT",
	/* STMT_ROLLBACK */
	"ROLLBACK",
	/* STMT_INSERT */
	"INSERT INTO jobs (id, state, created, name, groups, aggs, delim, "
	"strict, input_size, input_off, input_len, owner, json_strings, "
	"max_bad, kind, encoding, trim, no_header, decimal_comma, "
	"shape_limit, shape_others, shape_total) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* STMT_GET */
	"SELECT " JOB_COLS " FROM jobs WHERE id = ?",
	/* STMT_LIST */
	"SELECT " JOB_COLS " FROM jobs ORDER BY seq DESC LIMIT ? OFFSET ?",
	/* STMT_TOTAL */
	"SELECT count(*) FROM jobs",
	/* STMT_LIST_OWNER */
	"SELECT " JOB_COLS " FROM jobs WHERE owner = ? "
	"ORDER BY seq DESC LIMIT ? OFFSET ?",
	/* STMT_TOTAL_OWNER */
	"SELECT count(*) FROM jobs WHERE owner = ?",
	/* STMT_QUEUED: all queued jobs, and those of one owner */
	"SELECT count(*), coalesce(sum(owner = ?), 0) FROM jobs "
	"WHERE state = 'queued'",
	/* STMT_REJECT_ADD */
	"INSERT INTO rejects (job, n, line, col, col_name, value, reason) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
	/* STMT_REJECTS */
	"SELECT line, col, col_name, value, reason FROM rejects "
	"WHERE job = ? ORDER BY n",
	/* STMT_OWNER */
	"SELECT owner, state, name FROM jobs WHERE id = ?",
	/* STMT_DELETE */
	"DELETE FROM jobs WHERE id = ?",
	/* STMT_COUNTS */
	"SELECT state, count(*) FROM jobs GROUP BY state",
	/* STMT_RUNNING_COUNT */
	"SELECT count(*) FROM jobs WHERE state = 'running'",
	/* STMT_OLDEST_QUEUED */
	"SELECT id FROM jobs WHERE state = 'queued' ORDER BY seq LIMIT 1",
	/* STMT_MARK_RUNNING */
	"UPDATE jobs SET state = 'running', started = ?, pid = 0 "
	"WHERE id = ? AND state = 'queued'",
	/* STMT_SET_PID */
	"UPDATE jobs SET pid = ? WHERE id = ? AND state = 'running'",
	/* STMT_PROGRESS */
	"UPDATE jobs SET bytes_done = ?, rows_done = ?, filtered = ? "
	"WHERE id = ? AND state = 'running'",
	/* STMT_FINISH */
	"UPDATE jobs SET state = ?, finished = ?, bytes_done = ?, "
	"rows_done = ?, has_metrics = ?, rows = ?, rejected = ?, "
	"groups_n = ?, seconds = ?, mb_per_s = ?, peak_rss_kb = ?, "
	"error = ?, compression = ?, bytes_decoded = ?, filtered = ? "
	"WHERE id = ? AND state = 'running'",
	/* STMT_STATE_OF */
	"SELECT state, pid FROM jobs WHERE id = ?",
	/* STMT_CANCEL */
	"UPDATE jobs SET state = 'cancelled', finished = ?, "
	"error = 'cancelled' WHERE id = ? AND state IN ('queued', 'running')",
	/* STMT_RUNNING */
	"SELECT id, pid, started FROM jobs WHERE state = 'running'",
	/* STMT_INTERRUPT */
	"UPDATE jobs SET state = 'failed', finished = ?, error = ? "
	"WHERE id = ? AND state = 'running' AND pid = ?",
	/* STMT_PING */
	"SELECT 1",
	/* STMT_REQUEUE */
	"UPDATE jobs SET state = 'queued', started = NULL "
	"WHERE id = ? AND state = 'running' AND pid = 0",
	/* STMT_EXPIRED */
	"SELECT id FROM jobs WHERE state IN ('done', 'failed', 'cancelled') "
	"AND coalesce(finished, created) < ? ORDER BY seq LIMIT 256",
	/* STMT_WHERE_ADD */
	"INSERT INTO job_where (job, n, expr) VALUES (?, ?, ?)",
	/* STMT_WHERES */
	"SELECT expr FROM job_where WHERE job = ? ORDER BY n",
	/* STMT_SAVE: store_insert() is one step inside or outside BEGIN */
	"SAVEPOINT job_insert",
	/* STMT_RELEASE */
	"RELEASE job_insert",
	/* STMT_UNDO */
	"ROLLBACK TO job_insert",
	/* STMT_COUNTERS */
	"SELECT name, label, value FROM counters ORDER BY name, "
	"CASE label WHEN '+Inf' THEN 1e308 ELSE CAST(label AS REAL) END, "
	"label",
	/* STMT_READ: store_get()'s reads see one snapshot, in one lock */
	"BEGIN",
};

static const char schema_v1[] =
	"CREATE TABLE IF NOT EXISTS jobs ("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	" id TEXT NOT NULL UNIQUE,"
	" state TEXT NOT NULL CHECK (state IN"
	"  ('queued', 'running', 'done', 'failed', 'cancelled')),"
	" created REAL NOT NULL,"
	" started REAL,"
	" finished REAL,"
	" name TEXT NOT NULL DEFAULT '',"
	" groups TEXT NOT NULL DEFAULT '',"
	" aggs TEXT NOT NULL DEFAULT '',"
	" delim INTEGER NOT NULL DEFAULT 0,"
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
	" error TEXT NOT NULL DEFAULT '',"
	" rejects TEXT);"
	"CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, seq);";

/*
 * Version 2: every job has an owner (listing filters on it), and bad-row
 * samples are rows of their own; the old rejects column is left unused.
 */
static const char schema_v2[] =
	"ALTER TABLE jobs ADD COLUMN owner TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX IF NOT EXISTS jobs_owner ON jobs (owner, seq);"
	"CREATE TABLE IF NOT EXISTS rejects ("
	" job TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,"
	" n INTEGER NOT NULL,"
	" line INTEGER NOT NULL,"
	" col INTEGER NOT NULL,"
	" col_name TEXT NOT NULL,"
	" value BLOB NOT NULL,"
	" reason TEXT NOT NULL,"
	" PRIMARY KEY (job, n)) WITHOUT ROWID;";

/*
 * Version 3: how results are written (decimals as JSON strings) and the
 * limit on bad rows ("", "N" or "P%"), per job.
 */
static const char schema_v3[] =
	"ALTER TABLE jobs ADD COLUMN json_strings INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE jobs ADD COLUMN max_bad TEXT NOT NULL DEFAULT '';";

/* Version 4: what a job computes (enum job_kind by name). */
static const char schema_v4[] =
	"ALTER TABLE jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'agg';";

/*
 * Version 5: the dialect of the input as the user chose it (encoding,
 * trimmed keys, no header line, decimal commas), and what the runner
 * found: the compression and the decoded bytes behind bytes_done.
 */
static const char schema_v5[] =
	"ALTER TABLE jobs ADD COLUMN encoding TEXT NOT NULL DEFAULT 'auto';"
	"ALTER TABLE jobs ADD COLUMN trim INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE jobs ADD COLUMN no_header INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE jobs ADD COLUMN decimal_comma INTEGER NOT NULL "
	"DEFAULT 0;"
	"ALTER TABLE jobs ADD COLUMN compression TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE jobs ADD COLUMN bytes_decoded INTEGER NOT NULL "
	"DEFAULT 0;";

/*
 * Version 6: the query as run beyond groups and aggregates (--limit,
 * --others, --total in the row, each --where condition a row of its own,
 * in order) and the rows that failed the filter.  Jobs made before keep
 * an empty shape here; their runner reads the old jobs/<id>/query file.
 */
static const char schema_v6[] =
	"ALTER TABLE jobs ADD COLUMN shape_limit INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE jobs ADD COLUMN shape_others INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE jobs ADD COLUMN shape_total INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE jobs ADD COLUMN filtered INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE IF NOT EXISTS job_where ("
	" job TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,"
	" n INTEGER NOT NULL,"
	" expr TEXT NOT NULL,"
	" PRIMARY KEY (job, n)) WITHOUT ROWID;";

/*
 * The service's counters (GET /api/metrics), kept by triggers on jobs so
 * that every process that changes a job's state counts it in the same
 * transaction, and the counts survive restarts and outlive the jobs that
 * retention removes.  Not a numbered version: it is created where missing
 * (IF NOT EXISTS), whatever the schema version, and seeded once from the
 * jobs already there (INSERT OR IGNORE).  A row is (name, label, value);
 * job_seconds_bucket rows are a histogram, label the upper bound.  The
 * failure reason is read from the error text: interrupted, memory,
 * result_size, bad_rows, input (anything else).
 */
#define COUNTER_REASON(e) \
	"CASE WHEN " e " LIKE 'interrupted%' THEN 'interrupted' " \
	"WHEN " e " LIKE '%memory%' THEN 'memory' " \
	"WHEN " e " LIKE '%max-result-size%' THEN 'result_size' " \
	"WHEN " e " LIKE '%rejected%' OR " e " LIKE '%bad row%' " \
	"THEN 'bad_rows' ELSE 'input' END"
#define COUNTER_BUCKETS \
	"('0.1'),('0.5'),('1'),('5'),('10'),('30'),('60'),('300')," \
	"('1800'),('3600'),('+Inf')"
static const char schema_counters[] =
	"CREATE TABLE IF NOT EXISTS counters ("
	" name TEXT NOT NULL, label TEXT NOT NULL, value REAL NOT NULL,"
	" PRIMARY KEY (name, label)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO counters SELECT 'submitted', '', count(*) "
	" FROM jobs;"
	"INSERT OR IGNORE INTO counters SELECT 'started', '', count(*) "
	" FROM jobs WHERE started IS NOT NULL;"
	"INSERT OR IGNORE INTO counters SELECT 'finished', s, "
	" (SELECT count(*) FROM jobs WHERE state = s) FROM (SELECT 'done' AS s"
	" UNION ALL SELECT 'failed' UNION ALL SELECT 'cancelled');"
	"INSERT OR IGNORE INTO counters SELECT 'failed', r, (SELECT count(*)"
	" FROM jobs WHERE state = 'failed' AND " COUNTER_REASON("error")
	" = r) FROM (SELECT 'interrupted' AS r UNION ALL SELECT 'memory'"
	" UNION ALL SELECT 'result_size' UNION ALL SELECT 'bad_rows'"
	" UNION ALL SELECT 'input');"
	"INSERT OR IGNORE INTO counters SELECT n, '', (SELECT"
	" coalesce(sum(CASE n WHEN 'rows' THEN rows WHEN 'bytes' THEN"
	" bytes_done ELSE rejected END), 0) FROM jobs WHERE state IN"
	" ('done', 'failed')) FROM (SELECT 'rows' AS n UNION ALL SELECT"
	" 'bytes' UNION ALL SELECT 'rejected');"
	"INSERT OR IGNORE INTO counters SELECT 'job_seconds_bucket', le,"
	" (SELECT count(*) FROM jobs WHERE state IN ('done', 'failed') AND"
	" started IS NOT NULL AND (le = '+Inf' OR finished - started <="
	" CAST(le AS REAL))) FROM (SELECT column1 AS le FROM (VALUES "
	COUNTER_BUCKETS "));"
	"INSERT OR IGNORE INTO counters SELECT 'job_seconds_sum', '',"
	" coalesce(sum(finished - started), 0) FROM jobs WHERE state IN"
	" ('done', 'failed') AND started IS NOT NULL;"
	"CREATE TRIGGER IF NOT EXISTS counters_submitted AFTER INSERT ON jobs"
	" BEGIN UPDATE counters SET value = value + 1"
	" WHERE name = 'submitted'; END;"
	"CREATE TRIGGER IF NOT EXISTS counters_started AFTER UPDATE OF state"
	" ON jobs WHEN old.state = 'queued' AND new.state = 'running'"
	" BEGIN UPDATE counters SET value = value + 1"
	" WHERE name = 'started'; END;"
	"CREATE TRIGGER IF NOT EXISTS counters_finished AFTER UPDATE OF state"
	" ON jobs WHEN old.state IN ('queued', 'running') AND new.state IN"
	" ('done', 'failed', 'cancelled') BEGIN"
	" UPDATE counters SET value = value + 1"
	"  WHERE name = 'finished' AND label = new.state;"
	" UPDATE counters SET value = value + 1 WHERE name = 'failed' AND"
	"  new.state = 'failed' AND label = " COUNTER_REASON("new.error") ";"
	" UPDATE counters SET value = value + CASE name"
	"  WHEN 'rows' THEN coalesce(new.rows, 0)"
	"  WHEN 'bytes' THEN new.bytes_done"
	"  ELSE coalesce(new.rejected, 0) END"
	"  WHERE name IN ('rows', 'bytes', 'rejected') AND new.state IN"
	"  ('done', 'failed');"
	" UPDATE counters SET value = value + 1"
	"  WHERE name = 'job_seconds_bucket' AND new.state IN ('done',"
	"  'failed') AND new.started IS NOT NULL AND (label = '+Inf' OR"
	"  new.finished - new.started <= CAST(label AS REAL));"
	" UPDATE counters SET value = value + new.finished - new.started"
	"  WHERE name = 'job_seconds_sum' AND new.state IN ('done',"
	"  'failed') AND new.started IS NOT NULL;"
	" END;";

struct store {
	sqlite3		*db;
	sqlite3_stmt	*st[STMT__MAX];
};

static int
fail(struct store *s, char *err, size_t errsz, const char *what)
{
	snprintf(err, errsz, "database: %s: %s", what, sqlite3_errmsg(s->db));
	return -1;
}

/* Reset a statement for its next use and clear its bindings. */
static sqlite3_stmt *
use(struct store *s, enum stmt k)
{
	sqlite3_reset(s->st[k]);
	sqlite3_clear_bindings(s->st[k]);
	return s->st[k];
}

/* Step a statement that returns no rows.  0 or -1. */
static int
run(struct store *s, enum stmt k, char *err, size_t errsz)
{
	int	 rc = sqlite3_step(s->st[k]);

	sqlite3_reset(s->st[k]);
	if (rc != SQLITE_DONE)
		return fail(s, err, errsz, stmts[k]);
	return 0;
}

static void
rollback(struct store *s)
{
	sqlite3_step(use(s, STMT_ROLLBACK));
	sqlite3_reset(s->st[STMT_ROLLBACK]);
}

static int
migrate(struct store *s, char *err, size_t errsz)
{
	sqlite3_stmt	*st = NULL;
	int		 version = 0;
	char		*msg = NULL;
	char		 sql[64];

	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, &msg) !=
	    SQLITE_OK)
		goto fail;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (version > SCHEMA_VERSION) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		snprintf(err, errsz, "database: schema version %d is newer "
		    "than this tally (%d)", version, SCHEMA_VERSION);
		return -1;
	}
	if (version < 1 && sqlite3_exec(s->db, schema_v1, NULL, NULL,
	    &msg) != SQLITE_OK)
		goto fail;
	if (version < 2 && sqlite3_exec(s->db, schema_v2, NULL, NULL,
	    &msg) != SQLITE_OK)
		goto fail;
	if (version < 3 && sqlite3_exec(s->db, schema_v3, NULL, NULL,
	    &msg) != SQLITE_OK)
		goto fail;
	if (version < 4 && sqlite3_exec(s->db, schema_v4, NULL, NULL,
	    &msg) != SQLITE_OK)
		goto fail;
	if (version < 5 && sqlite3_exec(s->db, schema_v5, NULL, NULL,
	    &msg) != SQLITE_OK)
		goto fail;
	if (version < 6 && sqlite3_exec(s->db, schema_v6, NULL, NULL,
	    &msg) != SQLITE_OK)
		goto fail;
	if (sqlite3_exec(s->db, schema_counters, NULL, NULL,
	    &msg) != SQLITE_OK)
		goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    SCHEMA_VERSION);
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(s->db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	snprintf(err, errsz, "database: schema: %s",
	    msg != NULL ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

struct store *
store_open(const char *path, char *err, size_t errsz)
{
	static int	 configured;
	struct store	*s;
	char		*msg = NULL;
	size_t		 i;
	int		 fd;

	/*
	 * No allocation statistics (nothing here reads them): SQLite then
	 * takes no global mutex on every malloc.  Only possible before
	 * the library initializes, so the process's first store does it.
	 */
	if (!configured) {
		configured = 1;
		(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	/*
	 * Other people's jobs are no one else's to read, whatever the
	 * umask: a new store is made 0600 here (SQLite would make it 0644),
	 * and SQLite gives its -wal and -shm files the database's mode.
	 * An existing file (or a link to one) keeps its own.
	 */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) != -1)
		close(fd);
	else if (errno != EEXIST) {
		snprintf(err, errsz, "database: %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "database: %s: %s", path,
		    s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(s->db, 5000);
	if (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA foreign_keys = ON;", NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errsz, "database: %s: %s", path, msg);
		sqlite3_free(msg);
		goto out;
	}
	if (migrate(s, err, errsz) == -1)
		goto out;
	for (i = 0; i < STMT__MAX; i++)
		if (sqlite3_prepare_v3(s->db, stmts[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
			fail(s, err, errsz, stmts[i]);
			goto out;
		}
	return s;
out:
	store_close(s);
	return NULL;
}

void
store_close(struct store *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	free(s);
}

void
store_job_free(struct store_job *j)
{
	free(j->rejects);
	j->rejects = NULL;
	j->nrejects = 0;
}

static enum job_state
state_of(const unsigned char *t)
{
	size_t	 i;

	for (i = 0; t != NULL && i < JOB_STATE__MAX; i++)
		if (strcmp((const char *)t, job_state_names[i]) == 0)
			return (enum job_state)i;
	return JOB_FAILED;
}

/*
 * Column col as text into buf, cut to sz - 1 bytes; no printf, as a
 * job's row has a dozen text columns and every status request reads one.
 */
static void
text(sqlite3_stmt *st, int col, char *buf, size_t sz)
{
	const unsigned char	*t = sqlite3_column_text(st, col);
	size_t			 n = 0;

	if (t != NULL && (n = (size_t)sqlite3_column_bytes(st, col)) >= sz)
		n = sz - 1;
	if (n > 0)
		memcpy(buf, t, n);
	buf[n] = '\0';
}

/* Fill j from a row of JOB_COLS (without its rejects). */
static void
load(sqlite3_stmt *st, struct store_job *j)
{
	memset(j, 0, sizeof(*j));
	text(st, 0, j->id, sizeof(j->id));
	j->state = state_of(sqlite3_column_text(st, 1));
	j->created = sqlite3_column_double(st, 2);
	j->started = sqlite3_column_double(st, 3);
	j->finished = sqlite3_column_double(st, 4);
	text(st, 5, j->name, sizeof(j->name));
	text(st, 6, j->groups, sizeof(j->groups));
	text(st, 7, j->aggs, sizeof(j->aggs));
	j->delim = (char)sqlite3_column_int(st, 8);
	j->strict = sqlite3_column_int(st, 9);
	j->input_size = sqlite3_column_int64(st, 10);
	j->input_off = sqlite3_column_int64(st, 11);
	j->input_len = sqlite3_column_int64(st, 12);
	j->pid = sqlite3_column_int64(st, 13);
	j->bytes_done = sqlite3_column_int64(st, 14);
	j->rows_done = sqlite3_column_int64(st, 15);
	j->has_metrics = sqlite3_column_int(st, 16);
	j->rows = sqlite3_column_int64(st, 17);
	j->rejected = sqlite3_column_int64(st, 18);
	j->groups_n = sqlite3_column_int64(st, 19);
	j->seconds = sqlite3_column_double(st, 20);
	j->mb_per_s = sqlite3_column_double(st, 21);
	j->peak_rss_kb = sqlite3_column_int64(st, 22);
	text(st, 23, j->error, sizeof(j->error));
	text(st, 24, j->owner, sizeof(j->owner));
	j->json_strings = sqlite3_column_int(st, 25);
	text(st, 26, j->max_bad, sizeof(j->max_bad));
	{
		const char	*k = (const char *)sqlite3_column_text(st, 27);

		for (j->kind = 0; j->kind < JOB_KIND__MAX; j->kind++)
			if (k != NULL && strcmp(k, job_kind_names[j->kind]) == 0)
				break;
		if (j->kind == JOB_KIND__MAX)
			j->kind = JOB_KIND_AGG;
	}
	text(st, 28, j->encoding, sizeof(j->encoding));
	j->trim = sqlite3_column_int(st, 29);
	j->no_header = sqlite3_column_int(st, 30);
	j->decimal_comma = sqlite3_column_int(st, 31);
	text(st, 32, j->compression, sizeof(j->compression));
	j->bytes_decoded = sqlite3_column_int64(st, 33);
	j->shape.limit = (size_t)sqlite3_column_int64(st, 34);
	j->shape.others = sqlite3_column_int(st, 35);
	j->shape.total = sqlite3_column_int(st, 36);
	j->filtered = sqlite3_column_int64(st, 37);
}

/*
 * Load job id's where conditions into j->shape, in their order.  0 or -1.
 * Uses its own statement, so it may run while a list is being stepped.
 */
static int
load_where(struct store *s, const char *id, struct store_job *j,
    char *err, size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_WHERES);
	const char	*t;
	int		 rc;

	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		if (query_shape_where(&j->shape, t != NULL ? t : "", err,
		    errsz) == -1) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return fail(s, err, errsz, "where");
	return 0;
}

/* Load job id's bad-row samples into j.  0 or -1. */
static int
load_rejects(struct store *s, const char *id, struct store_job *j,
    char *err, size_t errsz)
{
	sqlite3_stmt		*st = use(s, STMT_REJECTS);
	struct store_reject	*r;
	int			 rc;

	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (j->nrejects >= TALLY_BADROWS_KEEP)
			continue;
		if ((r = realloc(j->rejects, (j->nrejects + 1) *
		    sizeof(*r))) == NULL) {
			sqlite3_reset(st);
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		j->rejects = r;
		r += j->nrejects++;
		memset(r, 0, sizeof(*r));
		r->line = sqlite3_column_int64(st, 0);
		r->column = sqlite3_column_int(st, 1);
		text(st, 2, r->colname, sizeof(r->colname));
		/* A blob: the value may hold NULs. */
		r->value_len = (size_t)sqlite3_column_bytes(st, 3);
		if (r->value_len >= sizeof(r->value))
			r->value_len = sizeof(r->value) - 1;
		if (r->value_len > 0)
			memcpy(r->value, sqlite3_column_blob(st, 3),
			    r->value_len);
		text(st, 4, r->reason, sizeof(r->reason));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return fail(s, err, errsz, "rejects");
	return 0;
}

int
store_insert(struct store *s, const struct store_job *j, char *err,
    size_t errsz)
{
	sqlite3_stmt	*st;
	size_t		 i;

	use(s, STMT_SAVE);
	if (run(s, STMT_SAVE, err, errsz) == -1)
		return -1;
	st = use(s, STMT_INSERT);
	sqlite3_bind_text(st, 1, j->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, job_state_names[j->state], -1,
	    SQLITE_STATIC);
	sqlite3_bind_double(st, 3, j->created > 0 ? j->created : clock_wall());
	sqlite3_bind_text(st, 4, j->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, j->groups, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, j->aggs, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, (unsigned char)j->delim);
	sqlite3_bind_int(st, 8, j->strict);
	sqlite3_bind_int64(st, 9, j->input_size);
	sqlite3_bind_int64(st, 10, j->input_off);
	sqlite3_bind_int64(st, 11, j->input_len);
	sqlite3_bind_text(st, 12, j->owner, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 13, j->json_strings);
	sqlite3_bind_text(st, 14, j->max_bad, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, job_kind_names[j->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 16, j->encoding[0] != '\0' ? j->encoding :
	    "auto", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 17, j->trim);
	sqlite3_bind_int(st, 18, j->no_header);
	sqlite3_bind_int(st, 19, j->decimal_comma);
	sqlite3_bind_int64(st, 20, (int64_t)j->shape.limit);
	sqlite3_bind_int(st, 21, j->shape.others);
	sqlite3_bind_int(st, 22, j->shape.total);
	if (run(s, STMT_INSERT, err, errsz) == -1)
		goto fail;
	for (i = 0; i < j->shape.nwhere; i++) {
		st = use(s, STMT_WHERE_ADD);
		sqlite3_bind_text(st, 1, j->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		sqlite3_bind_text(st, 3, j->shape.where[i], -1, SQLITE_STATIC);
		if (run(s, STMT_WHERE_ADD, err, errsz) == -1)
			goto fail;
	}
	use(s, STMT_RELEASE);
	if (run(s, STMT_RELEASE, err, errsz) == -1)
		goto fail;
	return 0;
fail:
	/* Undo the job row with its conditions, then leave the savepoint. */
	sqlite3_step(use(s, STMT_UNDO));
	sqlite3_reset(s->st[STMT_UNDO]);
	sqlite3_step(use(s, STMT_RELEASE));
	sqlite3_reset(s->st[STMT_RELEASE]);
	return -1;
}

int
store_submit(struct store *s, const struct store_job *j, int max_queued,
    int max_owner, char *err, size_t errsz)
{
	sqlite3_stmt	*st;
	int64_t		 all, mine;
	int		 rc;

	if (run(s, STMT_BEGIN, err, errsz) == -1)
		return -1;
	st = use(s, STMT_QUEUED);
	sqlite3_bind_text(st, 1, j->owner, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		fail(s, err, errsz, "queued count");
		sqlite3_reset(st);
		rollback(s);
		return -1;
	}
	all = sqlite3_column_int64(st, 0);
	mine = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (all >= max_queued)
		rc = STORE_SUBMIT_QUEUE_FULL;
	else if (max_owner > 0 && mine >= max_owner)
		rc = STORE_SUBMIT_OWNER_FULL;
	else if (store_insert(s, j, err, errsz) == -1) {
		rollback(s);
		return -1;
	} else
		rc = STORE_SUBMIT_ADDED;
	if (run(s, STMT_COMMIT, err, errsz) == -1) {
		rollback(s);
		return -1;
	}
	return rc;
}

int
store_get(struct store *s, const char *id, struct store_job *j, char *err,
    size_t errsz)
{
	sqlite3_stmt	*st;
	int		 rc, txn = 0;

	/*
	 * The job, its filters and its bad rows in one read transaction:
	 * one snapshot, and one WAL read lock instead of three (a job's
	 * status is the service's most frequent request).  Inside a
	 * caller's transaction, that one.
	 */
	if (sqlite3_get_autocommit(s->db)) {
		if (run(s, STMT_READ, err, errsz) == -1)
			return -1;
		txn = 1;
	}
	st = use(s, STMT_GET);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		rc = 1;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		fail(s, err, errsz, "get");
		sqlite3_reset(st);
		rc = -1;
		goto out;
	}
	load(st, j);
	sqlite3_reset(st);
	rc = 0;
	/*
	 * Bad-row samples are recorded with the job's end, in the same
	 * transaction (store_finish()): a queued or running job has none,
	 * and the progress polls of a running job skip their query.
	 */
	if (load_where(s, id, j, err, errsz) == -1 ||
	    (j->state != JOB_QUEUED && j->state != JOB_RUNNING &&
	    load_rejects(s, id, j, err, errsz) == -1)) {
		store_job_free(j);
		rc = -1;
	}
out:
	if (txn && run(s, STMT_COMMIT, err, errsz) == -1) {
		rollback(s);
		if (rc == 0)
			store_job_free(j);
		rc = -1;
	}
	return rc;
}

int
store_list(struct store *s, const char *owner, int limit, int offset,
    int (*fn)(void *, const struct store_job *), void *arg, int64_t *total,
    char *err, size_t errsz)
{
	struct store_job	 j;
	sqlite3_stmt		*st;
	int			 rc, stop = 0, a = 1;

	st = use(s, owner != NULL ? STMT_TOTAL_OWNER : STMT_TOTAL);
	if (owner != NULL)
		sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return fail(s, err, errsz, "count");
	}
	*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);

	st = use(s, owner != NULL ? STMT_LIST_OWNER : STMT_LIST);
	if (owner != NULL)
		sqlite3_bind_text(st, a++, owner, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, a++, limit);
	sqlite3_bind_int(st, a, offset);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		load(st, &j);
		if (load_where(s, j.id, &j, err, errsz) == -1) {
			sqlite3_reset(st);
			return -1;
		}
		stop = fn(arg, &j) != 0;
		store_job_free(&j);
	}
	if (!stop && rc != SQLITE_DONE) {
		fail(s, err, errsz, "list");
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

int
store_delete(struct store *s, const char *id, char *err, size_t errsz)
{
	sqlite3_bind_text(use(s, STMT_DELETE), 1, id, -1, SQLITE_STATIC);
	return run(s, STMT_DELETE, err, errsz);
}

int
store_counts(struct store *s, int64_t *counts, char *err, size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_COUNTS);
	int		 rc;

	memset(counts, 0, JOB_STATE__MAX * sizeof(*counts));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		counts[state_of(sqlite3_column_text(st, 0))] +=
		    sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return fail(s, err, errsz, "counts");
	return 0;
}

int
store_counters(struct store *s,
    int (*fn)(void *, const char *, const char *, double), void *arg,
    char *err, size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_COUNTERS);
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(arg, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_double(st, 2)) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return fail(s, err, errsz, "counters");
	return 0;
}

int
store_claim(struct store *s, int max_running, char id[JOB_ID_LEN + 1],
    char *err, size_t errsz)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (run(s, STMT_BEGIN, err, errsz) == -1)
		return -1;
	st = use(s, STMT_RUNNING_COUNT);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	rc = sqlite3_column_int(st, 0) < max_running;
	sqlite3_reset(st);
	if (!rc)
		goto none;
	st = use(s, STMT_OLDEST_QUEUED);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		goto none;
	}
	if (rc != SQLITE_ROW)
		goto fail;
	text(st, 0, id, JOB_ID_LEN + 1);
	sqlite3_reset(st);
	st = use(s, STMT_MARK_RUNNING);
	sqlite3_bind_double(st, 1, clock_wall());
	sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
	if (run(s, STMT_MARK_RUNNING, err, errsz) == -1 ||
	    run(s, STMT_COMMIT, err, errsz) == -1) {
		rollback(s);
		return -1;
	}
	return 1;
none:
	if (run(s, STMT_COMMIT, err, errsz) == -1) {
		rollback(s);
		return -1;
	}
	return 0;
fail:
	fail(s, err, errsz, "claim");
	sqlite3_reset(st);
	rollback(s);
	return -1;
}

int
store_set_pid(struct store *s, const char *id, pid_t pid, char *err,
    size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_SET_PID);

	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	if (run(s, STMT_SET_PID, err, errsz) == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int
store_progress(struct store *s, const char *id, int64_t bytes, int64_t rows,
    int64_t filtered, char *err, size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_PROGRESS);

	sqlite3_bind_int64(st, 1, bytes);
	sqlite3_bind_int64(st, 2, rows);
	sqlite3_bind_int64(st, 3, filtered);
	sqlite3_bind_text(st, 4, id, -1, SQLITE_STATIC);
	return run(s, STMT_PROGRESS, err, errsz);
}

int
store_finish(struct store *s, const struct store_job *j, char *err,
    size_t errsz)
{
	const struct store_reject	*r;
	sqlite3_stmt			*st;
	size_t				 i;
	int				 changed;

	if (run(s, STMT_BEGIN, err, errsz) == -1)
		return -1;
	st = use(s, STMT_FINISH);

	sqlite3_bind_text(st, 1, job_state_names[j->state], -1,
	    SQLITE_STATIC);
	sqlite3_bind_double(st, 2, clock_wall());
	sqlite3_bind_int64(st, 3, j->bytes_done);
	sqlite3_bind_int64(st, 4, j->rows_done);
	sqlite3_bind_int(st, 5, j->has_metrics);
	if (j->has_metrics) {
		sqlite3_bind_int64(st, 6, j->rows);
		sqlite3_bind_int64(st, 7, j->rejected);
		sqlite3_bind_int64(st, 8, j->groups_n);
		sqlite3_bind_double(st, 9, j->seconds);
		sqlite3_bind_double(st, 10, j->mb_per_s);
		sqlite3_bind_int64(st, 11, j->peak_rss_kb);
	}
	sqlite3_bind_text(st, 12, j->error, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, j->compression, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 14, j->bytes_decoded);
	sqlite3_bind_int64(st, 15, j->filtered);
	sqlite3_bind_text(st, 16, j->id, -1, SQLITE_STATIC);
	if (run(s, STMT_FINISH, err, errsz) == -1)
		goto fail;
	changed = sqlite3_changes(s->db) > 0;
	for (i = 0; changed && i < j->nrejects; i++) {
		r = &j->rejects[i];
		st = use(s, STMT_REJECT_ADD);
		sqlite3_bind_text(st, 1, j->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		sqlite3_bind_int64(st, 3, r->line);
		sqlite3_bind_int(st, 4, r->column);
		sqlite3_bind_text(st, 5, r->colname, -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 6, r->value, (int)r->value_len,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 7, r->reason, -1, SQLITE_STATIC);
		if (run(s, STMT_REJECT_ADD, err, errsz) == -1)
			goto fail;
	}
	if (run(s, STMT_COMMIT, err, errsz) == -1)
		goto fail;
	return changed;
fail:
	rollback(s);
	return -1;
}

int
store_cancel(struct store *s, const char *id, enum job_state *was,
    int64_t *pid, char *err, size_t errsz)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (run(s, STMT_BEGIN, err, errsz) == -1)
		return -1;
	st = use(s, STMT_STATE_OF);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		run(s, STMT_COMMIT, err, errsz);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		fail(s, err, errsz, "cancel");
		sqlite3_reset(st);
		rollback(s);
		return -1;
	}
	*was = state_of(sqlite3_column_text(st, 0));
	*pid = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	st = use(s, STMT_CANCEL);
	sqlite3_bind_double(st, 1, clock_wall());
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	if (run(s, STMT_CANCEL, err, errsz) == -1) {
		rollback(s);
		return -1;
	}
	rc = sqlite3_changes(s->db) > 0;
	if (run(s, STMT_COMMIT, err, errsz) == -1) {
		rollback(s);
		return -1;
	}
	return rc;
}

int
store_running(struct store *s, int (*fn)(void *, const char *, int64_t,
    double), void *arg, char *err, size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_RUNNING);
	char		 id[JOB_ID_LEN + 1];
	int		 rc;

	/*
	 * Collect first, then call: fn may write to the database, which it
	 * cannot do while this statement is open in the same handle safely.
	 */
	struct item {
		char	 id[JOB_ID_LEN + 1];
		int64_t	 pid;
		double	 started;
	}		*items = NULL, *p;
	size_t		 n = 0, i;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((p = realloc(items, (n + 1) * sizeof(*items))) == NULL) {
			free(items);
			sqlite3_reset(st);
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		items = p;
		text(st, 0, id, sizeof(id));
		memcpy(items[n].id, id, sizeof(id));
		items[n].pid = sqlite3_column_int64(st, 1);
		items[n].started = sqlite3_column_double(st, 2);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(items);
		return fail(s, err, errsz, "running");
	}
	for (i = 0; i < n; i++)
		if (fn(arg, items[i].id, items[i].pid, items[i].started) != 0)
			break;
	free(items);
	return 0;
}

int
store_interrupt(struct store *s, const char *id, int64_t pid,
    const char *msg, char *err, size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_INTERRUPT);

	sqlite3_bind_double(st, 1, clock_wall());
	sqlite3_bind_text(st, 2, msg, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, pid);
	if (run(s, STMT_INTERRUPT, err, errsz) == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int
store_owner(struct store *s, const char *id, char owner[STORE_OWNER_MAX],
    enum job_state *state, char *name, size_t namesz, char *err,
    size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_OWNER);
	int		 rc;

	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		text(st, 0, owner, STORE_OWNER_MAX);
		*state = state_of(sqlite3_column_text(st, 1));
		if (name != NULL)
			text(st, 2, name, namesz);
	} else if (rc != SQLITE_DONE)
		fail(s, err, errsz, "owner");
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int
store_ping(struct store *s, char *err, size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_PING);
	int		 rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return fail(s, err, errsz, "ping");
	return 0;
}

int
store_requeue(struct store *s, const char *id, char *err, size_t errsz)
{
	sqlite3_bind_text(use(s, STMT_REQUEUE), 1, id, -1, SQLITE_STATIC);
	return run(s, STMT_REQUEUE, err, errsz);
}

int
store_expired(struct store *s, double before,
    int (*fn)(void *, const char *), void *arg, char *err, size_t errsz)
{
	sqlite3_stmt	*st = use(s, STMT_EXPIRED);
	char		(*ids)[JOB_ID_LEN + 1] = NULL;
	size_t		 n = 0, i;
	int		 rc;

	/* Collect first: fn deletes, which must not run under this read. */
	if ((ids = calloc(256, sizeof(*ids))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	sqlite3_bind_double(st, 1, before);
	while (n < 256 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		text(st, 0, ids[n++], sizeof(ids[0]));
	sqlite3_reset(st);
	if (n < 256 && rc != SQLITE_DONE) {
		free(ids);
		return fail(s, err, errsz, "expired");
	}
	for (i = 0; i < n; i++)
		if (fn(arg, ids[i]) != 0)
			break;
	free(ids);
	return (int)n;
}

int
store_adopt_ids(struct store *s, const char *prefix, char *err, size_t errsz)
{
	static const char *const sql[] = {
		"UPDATE rejects SET job = ?1 || job WHERE length(job) = 32",
		"UPDATE jobs SET id = ?1 || id WHERE length(id) = 32",
	};
	sqlite3_stmt	*st;
	size_t		 i;
	int		 n = 0;

	if (run(s, STMT_BEGIN, err, errsz) == -1)
		return -1;
	/* The two tables are renamed apart: check their link at COMMIT. */
	if (sqlite3_exec(s->db, "PRAGMA defer_foreign_keys = ON", NULL, NULL,
	    NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		if (sqlite3_prepare_v2(s->db, sql[i], -1, &st, NULL) !=
		    SQLITE_OK)
			goto fail;
		sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			goto fail;
		}
		sqlite3_finalize(st);
		n = sqlite3_changes(s->db);
	}
	if (run(s, STMT_COMMIT, err, errsz) == -1) {
		rollback(s);
		return -1;
	}
	return n;
fail:
	fail(s, err, errsz, "adopting old job ids");
	rollback(s);
	return -1;
}
