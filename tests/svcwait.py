#!/usr/bin/env python3
# Wait on a job's record in the store, from one process, for the shell
# tests (see service.sh): an event, polled every few milliseconds, never a
# guessed delay.  The limit only bounds a test that would otherwise hang.
#
#	svcwait.py DB ID state STATE LIMIT	# until the job is in STATE
#	svcwait.py DB ID runner LIMIT		# until it runs; prints the pid
#
# Exits 0 when it happens, 2 if the job ends in another state first (or
# does not exist), 3 at the limit; says why on stderr.
import sqlite3
import sys
import time

END = ("done", "failed", "cancelled")


def main():
    db, job, what = sys.argv[1:4]
    want = sys.argv[4] if what == "state" else None
    limit = float(sys.argv[5] if what == "state" else sys.argv[4])
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
    deadline = time.monotonic() + limit
    last = None
    while time.monotonic() < deadline:
        try:
            row = con.execute("SELECT state, pid FROM jobs WHERE id = ?",
                              (job,)).fetchone()
        except sqlite3.OperationalError as e:
            last = str(e)
            time.sleep(0.01)
            continue
        if row is None:
            print("job %s is not in the store" % job, file=sys.stderr)
            return 2
        state, pid = row
        last = state
        if what == "state" and state == want:
            return 0
        if what == "runner" and state == "running" and pid and pid > 0:
            print(pid)
            return 0
        if state in END:
            print("job %s is %s, not %s" % (job, state, want or "running"),
                  file=sys.stderr)
            return 2
        time.sleep(0.005)
    print("job %s still %s after %g s" % (job, last, limit), file=sys.stderr)
    return 3


sys.exit(main())
