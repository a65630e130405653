"""Compare one peer's result with the generator's truth.

    check.py TRUTH GOT NORM

TRUTH is gen's `department,sum_number_of_sales`; GOT is what a tool printed:
CSV with a header row, the key in the first column and the total in the
last, in any order and with any column names.  Totals are normalised to
integers ("12.0" and "1.2e1" are 12; "12.5" stays wrong) and the rows sorted
by key; that normalised form goes to NORM so a WRONG row can be inspected.
Prints "exact" and exits 0 when every key and every total match, else
prints "WRONG: <why>" and exits 1.  Nothing is forgiven: a missing, extra,
duplicated or misspelled key is wrong, and so is any total off by one.
"""
import csv
import sys
from decimal import Decimal, InvalidOperation


def load(path):
    """Return ({key: int or raw string}, [problems]) for the CSV at path."""
    table, problems = {}, []
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        rows = list(csv.reader(f))
    for n, row in enumerate(rows[1:], start=2):
        if len(row) < 2:
            problems.append("record %d has %d field(s)" % (n, len(row)))
            continue
        key, raw = row[0], row[-1].strip()
        try:
            d = Decimal(raw)
            value = int(d) if d == d.to_integral_value() else raw
        except (InvalidOperation, ValueError):
            value = raw
        if key in table:
            problems.append("key %r appears twice" % key)
        table[key] = value
    return table, problems


def main(argv):
    if len(argv) != 4:
        print("usage: check.py TRUTH GOT NORM", file=sys.stderr)
        return 2
    truth, _ = load(argv[1])
    got, problems = load(argv[2])
    with open(argv[3], "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["department", "sum_number_of_sales"])
        for key in sorted(got):
            w.writerow([key, got[key]])

    missing = [k for k in truth if k not in got]
    extra = [k for k in got if k not in truth]
    differ = [k for k in truth if k in got and got[k] != truth[k]]
    if not got and not problems:
        problems.append("no result rows")
    if missing:
        problems.append("%d of %d keys missing, e.g. %r"
                        % (len(missing), len(truth), missing[0]))
    if extra:
        problems.append("%d unexpected keys, e.g. %r" % (len(extra), extra[0]))
    if differ:
        k = differ[0]
        problems.append("%d of %d totals differ, e.g. %r: %s, want %s"
                        % (len(differ), len(truth), k, got[k], truth[k]))
    if problems:
        print("WRONG: " + "; ".join(problems[:3]))
        return 1
    print("exact")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
