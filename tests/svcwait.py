#!/usr/bin/env python3
# Wait on a job's record in the store, from one process, for the shell
# tests (see service.sh): an event, polled every few milliseconds, never a
# guessed delay.  The limit only bounds a test that would otherwise hang.
#
#	svcwait.py DB ID state STATE LIMIT	# until the job is in STATE
#	svcwait.py DB ID runner LIMIT		# until it runs; prints the pid
#	svcwait.py DB ID hold LIMIT		# the same, then SIGSTOP
#	svcwait.py DB - hold-next LIMIT READY	# SIGSTOP the runner of the
#						# next job to start; prints
#						# "ID PID"; READY is created
#						# once it watches
#
# hold and hold-next stop the runner from this process the moment its pid
# is in the store, so a short job cannot end between the test seeing it
# and stopping it.  hold-next is started before the upload, so that not
# even the upload's answer has to come first; a job that still ends
# between two looks at the store (or one that ends without running) is
# its second event: it says so at once instead of waiting for the limit.
#
# Exits 0 when it happens, 2 if the job ends in another state first (or
# does not exist), 3 at the limit; says why on stderr.
import os
import signal
import sqlite3
import sys
import time

END = ("done", "failed", "cancelled")


def connect(db):
    return sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)


def query(con, sql, args=()):
    """Rows of sql, or None while the store is busy or locked."""
    try:
        return con.execute(sql, args).fetchall()
    except sqlite3.OperationalError:
        return None


def stop(pid):
    try:
        os.kill(pid, signal.SIGSTOP)
        return True
    except ProcessLookupError:
        return False


def hold_next(db, limit, ready):
    con = connect(db)
    seen = None
    while seen is None:
        seen = query(con, "SELECT id FROM jobs WHERE pid > 0 OR state "
                     "IN ('done', 'failed', 'cancelled')")
    seen = set(r[0] for r in seen)
    open(ready, "w").close()
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        rows = query(con, "SELECT id, state, pid FROM jobs WHERE (state = "
                     "'running' AND pid > 0) OR state IN ('done', "
                     "'failed', 'cancelled')") or []
        new = [r for r in rows if r[0] not in seen]
        for job, state, pid in new:
            if state == "running":
                if not stop(pid):
                    print("runner %d of job %s is gone" % (pid, job),
                          file=sys.stderr)
                    return 2
                print(job, pid)
                return 0
        for job, state, pid in new:
            print("job %s is %s, ended before its runner was seen running "
                  "(too short to hold, or it never ran)" % (job, state),
                  file=sys.stderr)
            return 2
        time.sleep(0.002)
    print("no new job ran in %g s" % limit, file=sys.stderr)
    return 3


def main():
    db, job, what = sys.argv[1:4]
    if what == "hold-next":
        return hold_next(db, float(sys.argv[4]), sys.argv[5])
    want = sys.argv[4] if what == "state" else None
    limit = float(sys.argv[5] if what == "state" else sys.argv[4])
    con = connect(db)
    deadline = time.monotonic() + limit
    last = None
    while time.monotonic() < deadline:
        rows = query(con, "SELECT state, pid FROM jobs WHERE id = ?", (job,))
        if rows is None:
            time.sleep(0.005)
            continue
        if not rows:
            print("job %s is not in the store" % job, file=sys.stderr)
            return 2
        state, pid = rows[0]
        last = state
        if what == "state" and state == want:
            return 0
        if what in ("runner", "hold") and state == "running" and pid > 0:
            if what == "hold" and not stop(pid):
                print("runner %d of job %s is gone" % (pid, job),
                      file=sys.stderr)
                return 2
            print(pid)
            return 0
        if state in END:
            print("job %s is %s, not %s" % (job, state, want or "running"),
                  file=sys.stderr)
            return 2
        time.sleep(0.002 if what == "hold" else 0.005)
    print("job %s still %s after %g s" % (job, last, limit), file=sys.stderr)
    return 3


sys.exit(main())
