"""The pandas peer: print department,sum_number_of_sales as CSV.

    pandas_agg.py FILE             read every column, as a user would
    pandas_agg.py --usecols FILE   read only the two columns the query needs
    pandas_agg.py --version

It is the plain read_csv (the C parser, which handles quoted commas,
doubled quotes and embedded newlines), groupby, sum that a pandas user
writes; no chunks.  number_of_sales is read as int64, so the sum is exact
below 2**63.  pandas' own to_csv writes the result.
"""
import sys

import pandas as pd


def main(argv):
    if argv[1:] == ["--version"]:
        print("pandas %s (Python %s)" % (pd.__version__, sys.version.split()[0]))
        return 0
    usecols = None
    if argv[1:2] == ["--usecols"]:
        usecols = ["department", "number_of_sales"]
        argv = argv[1:]
    if len(argv) != 2:
        print("usage: pandas_agg.py [--usecols] FILE | --version", file=sys.stderr)
        return 1
    df = pd.read_csv(argv[1], usecols=usecols)
    out = df.groupby("department")["number_of_sales"].sum().sort_index()
    out.rename("sum_number_of_sales").to_csv(sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
