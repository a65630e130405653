"""The Python csv-module peer: print department,sum_number_of_sales as CSV.

    pycsv_agg.py FILE
    pycsv_agg.py --version

The loop a Python programmer writes with only the standard library:
csv.reader (which handles quoted commas, doubled quotes and embedded
newlines when the file is opened with newline=''), a dict of int totals,
csv.writer for the result.  Python ints are exact at any size.
"""
import csv
import sys


def main(argv):
    if argv[1:] == ["--version"]:
        print("Python %s csv" % sys.version.split()[0])
        return 0
    if len(argv) != 2:
        print("usage: pycsv_agg.py FILE | --version", file=sys.stderr)
        return 1
    totals = {}
    with open(argv[1], newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        k = header.index("department")
        v = header.index("number_of_sales")
        for row in rows:
            totals[row[k]] = totals.get(row[k], 0) + int(row[v])
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["department", "sum_number_of_sales"])
    for key in sorted(totals):
        w.writerow([key, totals[key]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
