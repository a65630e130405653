"""Compare one peer's result with the generator's truth.

    check.py TRUTH GOT NORM
    check.py --brc TRUTH GOT NORM
    check.py --brc-peer TRUTH GOT NORM

TRUTH is gen's `department,sum_number_of_sales`; GOT is what a tool printed:
CSV with a header row, the key in the first column and the total in the
last, in any order and with any column names.  Totals are normalised to
integers ("12.0" and "1.2e1" are 12; "12.5" stays wrong) and the rows sorted
by key; that normalised form goes to NORM so a WRONG row can be inspected.
Prints "exact" and exits 0 when every key and every total match, else
prints "WRONG: <why>" and exits 1.  Nothing is forgiven: a missing, extra,
duplicated or misspelled key is wrong, and so is any total off by one.

With --brc, TRUTH is gen's `station,min_temp,mean_temp,max_temp` (the
mean rounded half away from zero to 7 decimals) and GOT a CSV of station,
min, mean, max: min and max must be equal, and the mean equal once rounded
the same way (a double's mean is 15 digits, which that rounding absorbs).
With --brc-peer, GOT is a One Billion Row Challenge program's output,
`{name=min/mean/max, ...}` with one decimal: min and max must be equal and
the mean within 0.1 of the truth's (the challenge rounds as it likes).
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


def round7(d):
    """d rounded half away from zero to 7 decimals, as tally prints means."""
    from decimal import ROUND_HALF_UP
    return d.quantize(Decimal("0.0000001"), rounding=ROUND_HALF_UP)


def brc_truth(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    return {r[0]: (Decimal(r[1]), Decimal(r[2]), Decimal(r[3]))
            for r in rows}


def brc_main(mode, truth_path, got_path, norm_path):
    truth = brc_truth(truth_path)
    got, problems = {}, []
    with open(got_path, newline="", encoding="utf-8",
              errors="replace") as f:
        text = f.read()
    if mode == "--brc-peer":
        body = text.strip()
        if body.startswith("{") and body.endswith("}"):
            body = body[1:-1]
        for item in body.split(", ") if body else []:
            name, _, vals = item.rpartition("=")
            try:
                mn, mean, mx = (Decimal(x) for x in vals.split("/"))
            except (InvalidOperation, ValueError):
                problems.append("cannot read %r" % item[:60])
                continue
            got[name] = (mn, mean, mx)
    else:
        for n, row in enumerate(list(csv.reader(text.splitlines()))[1:],
                                start=2):
            try:
                got[row[0]] = tuple(Decimal(x) for x in row[1:4])
            except (InvalidOperation, ValueError, IndexError):
                problems.append("record %d unreadable" % n)
    with open(norm_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["station", "min_temp", "mean_temp", "max_temp"])
        for k in sorted(got):
            w.writerow([k] + [str(x) for x in got[k]])
    missing = [k for k in truth if k not in got]
    extra = [k for k in got if k not in truth]
    differ = []
    for k in truth:
        if k not in got:
            continue
        (tmn, tmean, tmx), (gmn, gmean, gmx) = truth[k], got[k]
        if mode == "--brc-peer":
            ok = abs(gmean - tmean) <= Decimal("0.1")
        else:
            ok = round7(gmean) == tmean
        if gmn != tmn or gmx != tmx or not ok:
            differ.append(k)
    if not got and not problems:
        problems.append("no result rows")
    if missing:
        problems.append("%d of %d stations missing, e.g. %r"
                        % (len(missing), len(truth), missing[0]))
    if extra:
        problems.append("%d unexpected stations, e.g. %r"
                        % (len(extra), extra[0]))
    if differ:
        k = differ[0]
        problems.append("%d of %d stations differ, e.g. %r: %s, want %s"
                        % (len(differ), len(truth), k, got[k], truth[k]))
    if problems:
        print("WRONG: " + "; ".join(problems[:3]))
        return 1
    print("exact" if mode == "--brc" else "exact (mean to 0.1)")
    return 0


def main(argv):
    if len(argv) == 5 and argv[1] in ("--brc", "--brc-peer"):
        return brc_main(*argv[1:])
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
