/*
 * The tally command.  `tally agg` runs the engine on a local file or
 * standard input and prints or writes the result; `tally job` is the job
 * runner the service starts (see jobs/runner.c).  This file parses the
 * command line and maps outcomes to exit statuses: 0 done, 1 usage or
 * system error, 2 the input was bad (strict mode, limits, overflow).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "bar.h"
#include "engine.h"
#include "filter.h"
#include "bounds.h"
#include "num.h"
#include "output.h"
#include "parquet.h"
#include "profile.h"
#include "rejects.h"
#include "runner.h"
#include "sched.h"
#include "log.h"
#include "transcode.h"
#include "utf8.h"

#define EXIT_USAGE	1
#define EXIT_DATA	2

/* Inputs smaller than this get no progress bar. */
#define BAR_MIN_BYTES	(8 * 1024 * 1024)

static const char usage_main[] =
"usage: tally agg [options] FILE|-\n"
"       tally profile [options] FILE|-\n"
"       tally --help | --version\n"
"\n"
"tally aggregates huge CSV files in one pass and constant memory.\n"
"\n"
"commands:\n"
"  agg    group the rows of a CSV file and total their numbers\n"
"  profile  the types, counts, ranges and frequent values of every column\n"
"\n"
"Run 'tally agg --help' for its options.  Example:\n"
"  tally agg sales.csv          total number_of_sales per department\n";

static const char usage_agg[] =
"usage: tally agg [options] FILE|-\n"
"\n"
"Group the records of FILE (or standard input for -) by key columns and\n"
"compute aggregates, exactly, in one pass.  Columns are header names,\n"
"matched ignoring case, spaces, dashes and underscores, or 1-based numbers.\n"
"\n"
"options:\n"
"  -g, --group-by COLS   key columns, comma-separated\n"
"                        (default: department, or \"Department Name\")\n"
"                        e.g. -g region,department\n"
"  -a, --agg AGGS        aggregates, comma-separated: count, count:COL,\n"
"                        sum:COL, min:COL, max:COL, mean:COL, distinct:COL,\n"
"                        approx_distinct:COL, median:COL, p90:COL (any\n"
"                        pNN), quantile:COL:Q, stddev:COL, var:COL\n"
"                        (default: sum:number_of_sales)\n"
"                        e.g. -a sum:number_of_sales,count,mean:unit_price\n"
"  -w, --where EXPR      count only rows where EXPR holds (repeatable, all\n"
"                        must hold): COL=V COL!=V COL<V COL<=V COL>V COL>=V\n"
"                        COL~TEXT (contains) COL^=TEXT (starts with)\n"
"                        \"COL in A|B|C\" COL= (empty) COL!= (not empty);\n"
"                        quote values with \" for spaces and operators\n"
"      --limit N         keep the first N groups after sorting\n"
"      --others          add a row \"others\" over the groups --limit left\n"
"                        out (distinct counts and quantiles left empty)\n"
"      --total           add a last row \"total\" over every group\n"
"                        (with --others or --total, a first column \"kind\"\n"
"                        says group, others or total)\n"
"  -d, --delimiter C     field delimiter: a character, or tab\n"
"                        (default: sniffed from the header among , ; tab |)\n"
"  -o, --output PATH     write the result to PATH atomically (temporary\n"
"                        file, then rename) instead of standard output\n"
"  -f, --format FMT      csv (default), json or parquet (Parquet needs -o\n"
"                        or a pipe, never a terminal)\n"
"      --compression C   Parquet pages: zstd (default) or none\n"
"      --json-numbers N  JSON decimals as number (default) or string, for\n"
"                        readers whose numbers are doubles\n"
"  -s, --sort ORDER      key (default, ascending) or value (the first\n"
"                        aggregate, largest first)\n"
"  -e, --encoding ENC    auto (default), utf-8, utf-16, latin-1 or\n"
"                        windows-1252; auto: a byte-order mark decides,\n"
"                        else valid UTF-8 in the first 64 KiB is UTF-8 and\n"
"                        anything else windows-1252\n"
"      --no-header       the first line is data; columns are 1, 2, ...\n"
"      --decimal-comma   numbers are written 1,5 (not with a comma\n"
"                        delimiter); a point is a thousands separator\n"
"      --trim            drop spaces and tabs around key cells (by\n"
"                        default a key is its bytes as written: \" x\",\n"
"                        \"x\" and \"x \" are three groups)\n"
"      --strict          stop at the first bad row with exit status 2\n"
"      --max-bad N|P%    stop with exit status 2 past N bad rows, or fail\n"
"                        if more than P percent of the rows were bad\n"
"      --rejects FILE    write every bad row to FILE as CSV: line, offset,\n"
"                        column, column_name, value, reason, record\n"
"      --raw-keys        do not guard key cells that start with = + - @\n"
"                        TAB or CR against spreadsheet formula injection\n"
"      --metrics         print rows, rejected rows, groups, bytes (read,\n"
"                        and decoded from gzip/zstd), seconds, MB/s and\n"
"                        peak RSS as JSON on standard error\n"
"      --no-progress     never draw the progress bar\n"
"      --block-size N    bytes per read (default 262144)\n"
"      --max-groups N    fail beyond N distinct groups (default 16777216)\n"
"      --max-memory SIZE fail when the groups need more than SIZE bytes\n"
"                        (K, M or G suffix; default 1G)\n"
"  -j, --threads N       threads for a regular file (default: one per\n"
"                        core; 1 for none); pipes always use one\n"
"      --parser P        fast (default) or libcsv, the reference parser\n"
"                        it must agree with: a debugging aid\n"
"  -h, --help            this text\n"
"\n"
"Bad rows (wrong field count, a value that is not a number, a key over\n"
"1024 bytes) are skipped and counted; the first few are reported on\n"
"standard error with their line, column and value.  Empty cells are\n"
"missing values, not zeros.\n"
"\n"
"gzip and zstd input (a file or standard input) is recognised by its\n"
"first bytes and decompressed as it is read; ZIP (.xlsx), PDF, Parquet,\n"
"SQLite and other binary files are refused with exit status 2.\n"
"\n"
"examples:\n"
"  tally agg sales.csv\n"
"  tally agg sales.csv -g region,department \\\n"
"      -a sum:number_of_sales,count,mean:unit_price,min:unit_price,max:unit_price\n"
"  tally agg - < sales.csv -o totals.csv\n"
"  tally agg sales.csv.gz\n"
"  tally agg sales.csv --format json --metrics\n"
"\n"
"exit status: 0 done, 1 usage or system error, 2 bad input\n";

enum opt {
	OPT_STRICT = 256,
	OPT_RAW_KEYS,
	OPT_METRICS,
	OPT_NO_PROGRESS,
	OPT_BLOCK_SIZE,
	OPT_MAX_GROUPS,
	OPT_MAX_MEMORY,
	OPT_PARSER,
	OPT_NO_HEADER,
	OPT_DECIMAL_COMMA,
	OPT_TRIM,
	OPT_COMPRESSION,
	OPT_JSON_NUMBERS,
	OPT_MAX_BAD,
	OPT_REJECTS,
	OPT_LIMIT,
	OPT_OTHERS,
	OPT_TOTAL,
	OPT__MAX
};

/* A positive count; the messages are the callers'. */
static int
parse_size(const char *s, size_t *out)
{
	char		 err[TALLY_ERR_MAX];
	long long	 v;

	if (num_int(s, 1, (long long)(SIZE_MAX >> 1), &v, err,
	    sizeof(err)) == -1)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int
parse_delim(const char *s, char *out)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0) {
		*out = '\t';
		return 0;
	}
	if (strlen(s) != 1 || s[0] == '"' || s[0] == '\n' || s[0] == '\r')
		return -1;
	*out = s[0];
	return 0;
}

/*
 * The options that say how the input is read, shared by agg and profile:
 * -d, -e, -j, --no-header, --decimal-comma, --trim, --block-size,
 * --metrics and --no-progress.
 */
struct input {
	int	 metrics;	/* --metrics */
	int	 progress;	/* 0 after --no-progress */
	int	 fd;		/* the open input, or -1 */
	struct bar bar;
};

/*
 * Apply option c (its value in arg) to eo and in if it is an input
 * option.  Returns 1 when it was one, 0 when it is not, and -1 after
 * saying on standard error why its value is wrong.
 */
static int
input_option(int c, const char *arg, struct engine_opts *eo,
    struct input *in)
{
	size_t	 n;
	int	 enc;

	switch (c) {
	case 'd':
		if (parse_delim(arg, &eo->delim) == -1) {
			fprintf(stderr, "tally: --delimiter must be one "
			    "character (or \"tab\"), not a quote or a line "
			    "end\n");
			return -1;
		}
		return 1;
	case 'e':
		if ((enc = transcode_parse(arg)) < 0) {
			fprintf(stderr, "tally: --encoding is auto, utf-8, "
			    "utf-16, latin-1 or windows-1252, not \"%s\"\n",
			    arg);
			return -1;
		}
		eo->source.enc = (enum source_enc)enc;
		return 1;
	case 'j':
		if (parse_size(arg, &n) == -1 || n > TALLY_THREADS_MAX) {
			fprintf(stderr, "tally: --threads takes a number "
			    "from 1 to %d\n", TALLY_THREADS_MAX);
			return -1;
		}
		eo->threads = (int)n;
		return 1;
	case OPT_NO_HEADER:
		eo->no_header = 1;
		return 1;
	case OPT_DECIMAL_COMMA:
		eo->decimal_comma = 1;
		return 1;
	case OPT_TRIM:
		eo->trim = 1;
		return 1;
	case OPT_METRICS:
		in->metrics = 1;
		return 1;
	case OPT_NO_PROGRESS:
		in->progress = 0;
		return 1;
	case OPT_BLOCK_SIZE:
		if (parse_size(arg, &eo->block_size) == -1) {
			fprintf(stderr, "tally: --block-size takes a positive "
			    "number of bytes\n");
			return -1;
		}
		return 1;
	default:
		return 0;
	}
}

/*
 * After the options: check what they say together, then open the one
 * operand (a file, or - for standard input) into in->fd and start the
 * progress bar on eo.  Returns 0, or -1 after saying why on standard
 * error (with usage for a wrong operand count).
 */
static int
input_open(int argc, char *argv[], const char *cmd, const char *usage,
    struct engine_opts *eo, struct input *in)
{
	struct stat	 st;
	const char	*path;

	in->fd = -1;
	if (argc - optind != 1) {
		fprintf(stderr, "tally: %s takes one input file (or - for "
		    "standard input)\n\n%s", cmd, usage);
		return -1;
	}
	path = argv[optind];
	if (strcmp(path, "-") == 0)
		in->fd = STDIN_FILENO;
	else if ((in->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		fprintf(stderr, "tally: %s: %s\n", path, strerror(errno));
		return -1;
	}
	bar_init(&in->bar, fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode) ?
	    (uint64_t)st.st_size : 0,
	    in->progress ? BAR_MIN_BYTES : UINT64_MAX);
	if (in->bar.on) {
		eo->progress = bar_update;
		eo->progress_arg = &in->bar;
	}
	return 0;
}

/* The name of the input for messages. */
static const char *
input_name(const struct input *in, char *argv[])
{

	return in->fd == STDIN_FILENO ? "standard input" : argv[optind];
}

/*
 * One line on standard error for a run with bad rows: how many of how
 * many, and where to see them (the rejects file, or the first one).
 */
static void
warn_rejects(const struct engine_result *res, const char *rejects)
{
	const struct engine_reject	*r = &res->rejects[0];
	char				 shown[TALLY_BADVALUE_SHOW * 6 + 8];

	if (res->rejected == 0)
		return;
	utf8_show(shown, sizeof(shown), r->value, r->value_len);
	fprintf(stderr, "tally: %llu of %llu rows rejected (%llu bad row%s "
	    "skipped)", (unsigned long long)res->rejected,
	    (unsigned long long)res->rows, (unsigned long long)res->rejected,
	    res->rejected == 1 ? "" : "s");
	if (rejects != NULL)
		fprintf(stderr, "; every one is in %s\n", rejects);
	else if (res->nrejects > 0 && r->column > 0)
		fprintf(stderr, "; the first: line %lu, column %d (%s), value "
		    "\"%s\": %s; --rejects FILE lists them all\n", r->line,
		    r->column, r->colname, shown, r->reason);
	else if (res->nrejects > 0)
		fprintf(stderr, "; the first: line %lu: %s; --rejects FILE "
		    "lists them all\n", r->line, r->reason);
	else
		fputc('\n', stderr);
	/* An empty result must not pass for an answer. */
	if (res->rejected == res->rows)
		fprintf(stderr, "tally: warning: every row was a bad row, so "
		    "the result is empty\n");
}

static int
cmd_agg(int argc, char *argv[])
{
	static const struct option	 longopts[] = {
		{ "group-by",	required_argument, NULL, 'g' },
		{ "agg",	required_argument, NULL, 'a' },
		{ "delimiter",	required_argument, NULL, 'd' },
		{ "output",	required_argument, NULL, 'o' },
		{ "format",	required_argument, NULL, 'f' },
		{ "sort",	required_argument, NULL, 's' },
		{ "strict",	no_argument,	   NULL, OPT_STRICT },
		{ "raw-keys",	no_argument,	   NULL, OPT_RAW_KEYS },
		{ "metrics",	no_argument,	   NULL, OPT_METRICS },
		{ "no-progress", no_argument,	   NULL, OPT_NO_PROGRESS },
		{ "block-size",	required_argument, NULL, OPT_BLOCK_SIZE },
		{ "max-groups",	required_argument, NULL, OPT_MAX_GROUPS },
		{ "max-memory",	required_argument, NULL, OPT_MAX_MEMORY },
		{ "threads",	required_argument, NULL, 'j' },
		{ "parser",	required_argument, NULL, OPT_PARSER },
		{ "encoding",	required_argument, NULL, 'e' },
		{ "no-header",	no_argument,	   NULL, OPT_NO_HEADER },
		{ "decimal-comma", no_argument,	   NULL, OPT_DECIMAL_COMMA },
		{ "trim",	no_argument,	   NULL, OPT_TRIM },
		{ "compression", required_argument, NULL, OPT_COMPRESSION },
		{ "json-numbers", required_argument, NULL, OPT_JSON_NUMBERS },
		{ "max-bad",	required_argument, NULL, OPT_MAX_BAD },
		{ "rejects",	required_argument, NULL, OPT_REJECTS },
		{ "where",	required_argument, NULL, 'w' },
		{ "limit",	required_argument, NULL, OPT_LIMIT },
		{ "others",	no_argument,	   NULL, OPT_OTHERS },
		{ "total",	no_argument,	   NULL, OPT_TOTAL },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL,		0,		   NULL, 0 }
	};
	struct output_opts	 oo;
	struct engine_opts	 eo;
	struct engine_result	 res;
	struct input		 in;
	enum output_format	 fmt = OUTPUT_CSV;
	const char		*out = NULL, *rpath = NULL;
	struct rejects		*rw = NULL;
	char			 err[TALLY_ERR_MAX];
	int			 c, w, rc = EXIT_USAGE, by_value = 0;
	const char		*where[FILTER_CONDS_MAX];
	size_t			 nwhere = 0, limit = 0;
	int			 others = 0, total = 0;

	memset(&oo, 0, sizeof(oo));
	memset(&eo, 0, sizeof(eo));
	memset(&res, 0, sizeof(res));
	memset(&in, 0, sizeof(in));
	in.progress = 1;
	in.fd = -1;
	eo.memory_option = "--max-memory";
	optind = 1;
	while ((c = getopt_long(argc, argv, "g:a:d:o:f:s:j:e:w:h", longopts,
	    NULL)) != -1) {
		if ((w = input_option(c, optarg, &eo, &in)) == -1)
			return EXIT_USAGE;
		if (w == 1)
			continue;
		switch (c) {
		case 'w':
			if (nwhere == FILTER_CONDS_MAX) {
				fprintf(stderr, "tally: more than %d --where\n",
				    FILTER_CONDS_MAX);
				return EXIT_USAGE;
			}
			where[nwhere++] = optarg;
			break;
		case OPT_LIMIT: {
			long long	 v;

			if (num_int(optarg, 1, (long long)(SIZE_MAX >> 1), &v,
			    err, sizeof(err)) == -1) {
				fprintf(stderr, "tally: --limit: %s\n", err);
				return EXIT_USAGE;
			}
			limit = (size_t)v;
			break;
		}
		case OPT_OTHERS:
			others = 1;
			break;
		case OPT_TOTAL:
			total = 1;
			break;
		case 'g':
			eo.groups = optarg;
			break;
		case 'a':
			eo.aggs = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			for (fmt = 0; fmt < OUTPUT__MAX; fmt++)
				if (strcmp(optarg, output_format_names[fmt]) == 0)
					break;
			if (fmt == OUTPUT__MAX) {
				fprintf(stderr, "tally: --format is csv, json "
				    "or parquet, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_COMPRESSION:
			for (oo.codec = 0; oo.codec < PARQUET_CODEC__MAX;
			    oo.codec++)
				if (strcmp(optarg,
				    parquet_codec_names[oo.codec]) == 0)
					break;
			if (oo.codec == PARQUET_CODEC__MAX) {
				fprintf(stderr, "tally: --compression is zstd "
				    "or none, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_JSON_NUMBERS:
			if (strcmp(optarg, "number") == 0)
				oo.json_strings = 0;
			else if (strcmp(optarg, "string") == 0)
				oo.json_strings = 1;
			else {
				fprintf(stderr, "tally: --json-numbers is "
				    "number or string, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 's':
			if (strcmp(optarg, "key") == 0)
				by_value = 0;
			else if (strcmp(optarg, "value") == 0)
				by_value = 1;
			else {
				fprintf(stderr, "tally: --sort is key or "
				    "value, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_STRICT:
			eo.strict = 1;
			break;
		case OPT_MAX_BAD:
			if (engine_parse_max_bad(optarg, &eo) == -1) {
				fprintf(stderr, "tally: --max-bad takes a "
				    "number of rows or a percentage (\"5%%\")"
				    "\n");
				return EXIT_USAGE;
			}
			break;
		case OPT_REJECTS:
			rpath = optarg;
			break;
		case OPT_RAW_KEYS:
			oo.raw_keys = 1;
			break;
		case OPT_MAX_GROUPS:
			if (parse_size(optarg, &eo.max_groups) == -1) {
				fprintf(stderr, "tally: --max-groups takes a "
				    "positive number\n");
				return EXIT_USAGE;
			}
			break;
		case OPT_MAX_MEMORY:
			if (num_size(optarg, &eo.max_memory, err,
			    sizeof(err)) == -1) {
				fprintf(stderr, "tally: --max-memory: %s\n",
				    err);
				return EXIT_USAGE;
			}
			/* 0 would mean the default. */
			if (eo.max_memory == 0)
				eo.max_memory = 1;
			break;
		case OPT_PARSER:
			if (strcmp(optarg, "fast") == 0)
				eo.parser = ENGINE_PARSER_FAST;
			else if (strcmp(optarg, "libcsv") == 0)
				eo.parser = ENGINE_PARSER_LIBCSV;
			else {
				fprintf(stderr, "tally: --parser is fast or "
				    "libcsv, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			fputs(usage_agg, stdout);
			return 0;
		default:
			fputs(usage_agg, stderr);
			return EXIT_USAGE;
		}
	}
	{
		char	 scratch[TALLY_ERR_MAX];

		struct filter	 f;
		size_t		 i;

		if (query_check(eo.groups, eo.aggs, scratch,
		    sizeof(scratch)) == -1) {
			fprintf(stderr, "tally: %s\n", scratch);
			return EXIT_USAGE;
		}
		memset(&f, 0, sizeof(f));
		for (i = 0; i < nwhere; i++)
			if (filter_parse(&f, where[i], scratch,
			    sizeof(scratch)) == -1) {
				filter_free(&f);
				fprintf(stderr, "tally: %s\n", scratch);
				return EXIT_USAGE;
			}
		filter_free(&f);
		eo.where = where;
		eo.nwhere = nwhere;
	}
	if (fmt == OUTPUT_PARQUET && out == NULL && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "tally: Parquet is binary: write it with -o "
		    "FILE or into a pipe, not to a terminal\n");
		return EXIT_USAGE;
	}
	if (input_open(argc, argv, "agg", usage_agg, &eo, &in) == -1)
		return EXIT_USAGE;
	if (rpath != NULL) {
		if ((rw = rejects_open(rpath, err, sizeof(err))) == NULL) {
			fprintf(stderr, "tally: %s\n", err);
			goto out;
		}
		eo.reject = rejects_add;
		eo.reject_arg = rw;
	}
	if (engine_run(&eo, in.fd, 0, -1, &res, err, sizeof(err)) == -1) {
		char	 rerr[TALLY_ERR_MAX];

		bar_done(&in.bar);
		fprintf(stderr, "tally: %s: %s", input_name(&in, argv), err);
		/* The bad rows so far say why: keep them. */
		if (rw != NULL && rejects_close(rw, 1, rerr,
		    sizeof(rerr)) == 0 && res.rejected > 0)
			fprintf(stderr, "; the rejected rows are in %s", rpath);
		else if (rw == NULL && eo.max_bad != ENGINE_MAX_BAD_NONE)
			fprintf(stderr, "; --rejects FILE lists them all");
		fputc('\n', stderr);
		rw = NULL;
		rc = res.data_error && !res.usage_error ? EXIT_DATA :
		    EXIT_USAGE;
		goto out;
	}
	bar_done(&in.bar);
	if (rw != NULL) {
		int	 bad = rejects_close(rw, 1, err, sizeof(err));

		rw = NULL;
		if (bad == -1) {
			fprintf(stderr, "tally: %s\n", err);
			goto out;
		}
	}
	if (engine_sort(&res, by_value) == -1) {
		fprintf(stderr, "tally: out of memory\n");
		goto out;
	}
	if (engine_shape(&res, limit, others, total, err, sizeof(err)) == -1) {
		fprintf(stderr, "tally: %s\n", err);
		rc = EXIT_DATA;
		goto out;
	}
	if (out != NULL) {
		if (output_file(out, &res, fmt, &oo, err, sizeof(err)) == -1) {
			fprintf(stderr, "tally: %s\n", err);
			goto out;
		}
	} else if (output_write(stdout, &res, fmt, &oo, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "tally: standard output: %s\n", err);
		goto out;
	} else if (fflush(stdout) == EOF) {
		fprintf(stderr, "tally: standard output: %s\n",
		    strerror(errno));
		goto out;
	}
	warn_rejects(&res, rpath);
	rc = 0;
out:
	if (rw != NULL)
		(void)rejects_close(rw, 0, err, sizeof(err));
	if (in.metrics) {
		res.peak_rss_kb = engine_peak_rss_kb();
		output_metrics(stderr, &res);
		fputc('\n', stderr);
	}
	engine_result_free(&res);
	if (in.fd > STDIN_FILENO)
		close(in.fd);
	return rc;
}

static const char usage_profile[] =
"usage: tally profile [options] FILE|-\n"
"\n"
"Profile FILE (or standard input for -) in one pass: for every column its\n"
"type (boolean, integer, decimal, date, timestamp or text, the narrowest\n"
"that every non-empty value fits), the count of values and of empty cells,\n"
"distinct values (exact up to 100000, then estimated within 0.81%),\n"
"typed min and max, exact mean and standard deviation of numbers, lengths\n"
"in characters, the 10 most frequent values, and the values that spoiled\n"
"a type most values had; then the first 20 records.\n"
"\n"
"options:\n"
"  -f, --format FMT      table (default on a terminal), json (default\n"
"                        otherwise), csv (one row per column) or parquet\n"
"                        (the csv's columns, typed; needs -o or a pipe)\n"
"  -o, --output PATH     write to PATH atomically instead of standard output\n"
"  -d, --delimiter C     field delimiter: a character, or tab\n"
"                        (default: sniffed from the header among , ; tab |)\n"
"  -e, --encoding ENC    auto (default), utf-8, utf-16, latin-1 or\n"
"                        windows-1252\n"
"      --no-header       the first line is data; columns are 1, 2, ...\n"
"      --decimal-comma   numbers are written 1,5 (not with a comma\n"
"                        delimiter)\n"
"      --trim            drop spaces and tabs around fields\n"
"      --metrics         print rows, bytes, seconds and peak RSS as JSON on\n"
"                        standard error\n"
"      --no-progress     never draw the progress bar\n"
"      --block-size N    bytes per read (default 262144)\n"
"  -j, --threads N       threads for a regular file (default: one per core)\n"
"  -h, --help            this text\n"
"\n"
"examples:\n"
"  tally profile sales.csv\n"
"  tally profile sales.csv.gz --format json -o profile.json\n"
"  zstdcat x.zst | tally profile - --format csv\n"
"\n"
"exit status: 0 done, 1 usage or system error, 2 bad input\n";

enum profile_format {
	PROFILE_FMT_TABLE,
	PROFILE_FMT_JSON,
	PROFILE_FMT_CSV,
	PROFILE_FMT_PARQUET,
	PROFILE_FMT__MAX
};

static const char *const profile_format_names[PROFILE_FMT__MAX] = {
	"table", "json", "csv", "parquet"
};

static int
cmd_profile(int argc, char *argv[])
{
	static const struct option	 longopts[] = {
		{ "format",	required_argument, NULL, 'f' },
		{ "output",	required_argument, NULL, 'o' },
		{ "delimiter",	required_argument, NULL, 'd' },
		{ "encoding",	required_argument, NULL, 'e' },
		{ "no-header",	no_argument,	   NULL, OPT_NO_HEADER },
		{ "decimal-comma", no_argument,	   NULL, OPT_DECIMAL_COMMA },
		{ "trim",	no_argument,	   NULL, OPT_TRIM },
		{ "metrics",	no_argument,	   NULL, OPT_METRICS },
		{ "no-progress", no_argument,	   NULL, OPT_NO_PROGRESS },
		{ "block-size",	required_argument, NULL, OPT_BLOCK_SIZE },
		{ "threads",	required_argument, NULL, 'j' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL,		0,		   NULL, 0 }
	};
	struct engine_opts	 eo;
	struct profile		 p;
	struct input		 in;
	enum profile_format	 fmt = PROFILE_FMT__MAX;
	const char		*out = NULL;
	char			 err[TALLY_ERR_MAX];
	int			 c, rc = EXIT_USAGE, w;

	memset(&eo, 0, sizeof(eo));
	memset(&p, 0, sizeof(p));
	memset(&in, 0, sizeof(in));
	in.progress = 1;
	in.fd = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:d:e:j:h", longopts,
	    NULL)) != -1) {
		if ((w = input_option(c, optarg, &eo, &in)) == -1)
			return EXIT_USAGE;
		if (w == 1)
			continue;
		switch (c) {
		case 'f':
			for (fmt = 0; fmt < PROFILE_FMT__MAX; fmt++)
				if (strcmp(optarg,
				    profile_format_names[fmt]) == 0)
					break;
			if (fmt == PROFILE_FMT__MAX) {
				fprintf(stderr, "tally: --format is table, "
				    "json, csv or parquet, not \"%s\"\n",
				    optarg);
				return EXIT_USAGE;
			}
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			fputs(usage_profile, stdout);
			return 0;
		default:
			fputs(usage_profile, stderr);
			return EXIT_USAGE;
		}
	}
	if (fmt == PROFILE_FMT__MAX)
		fmt = out == NULL && isatty(STDOUT_FILENO) ?
		    PROFILE_FMT_TABLE : PROFILE_FMT_JSON;
	if (fmt == PROFILE_FMT_PARQUET && out == NULL &&
	    isatty(STDOUT_FILENO)) {
		fprintf(stderr, "tally: Parquet is binary: write it with -o "
		    "FILE or into a pipe, not to a terminal\n");
		return EXIT_USAGE;
	}
	if (input_open(argc, argv, "profile", usage_profile, &eo, &in) == -1)
		return EXIT_USAGE;
	if (profile_run(&eo, in.fd, 0, -1, &p, err, sizeof(err)) == -1) {
		bar_done(&in.bar);
		fprintf(stderr, "tally: %s: %s\n", input_name(&in, argv), err);
		rc = p.data_error ? EXIT_DATA : EXIT_USAGE;
		goto out;
	}
	bar_done(&in.bar);
	if (out != NULL) {
		if (fmt == PROFILE_FMT_TABLE) {
			FILE	*f;

			if ((f = fopen(out, "w")) == NULL ||
			    profile_table(f, &p) == -1 || fclose(f) == EOF) {
				fprintf(stderr, "tally: %s: %s\n", out,
				    strerror(errno));
				goto out;
			}
		} else if (profile_file(out, &p, fmt == PROFILE_FMT_PARQUET ?
		    PROFILE_OUT_PARQUET : fmt == PROFILE_FMT_JSON ?
		    PROFILE_OUT_JSON : PROFILE_OUT_CSV, err,
		    sizeof(err)) == -1) {
			fprintf(stderr, "tally: %s\n", err);
			goto out;
		}
	} else {
		w = fmt == PROFILE_FMT_TABLE ? profile_table(stdout, &p) :
		    fmt == PROFILE_FMT_JSON ? profile_json(stdout, &p) :
		    fmt == PROFILE_FMT_PARQUET ? profile_parquet(stdout, &p,
		    err, sizeof(err)) : profile_csv(stdout, &p);
		if (w == -1 || fflush(stdout) == EOF) {
			fprintf(stderr, "tally: standard output: %s\n",
			    strerror(errno));
			goto out;
		}
	}
	if (p.rejected > 0)
		fprintf(stderr, "tally: %llu of %llu rows had the wrong number "
		    "of fields and were skipped; the first: line %llu (%zu "
		    "fields, the header has %zu)%s\n",
		    (unsigned long long)p.rejected,
		    (unsigned long long)p.rows,
		    (unsigned long long)p.bad_line, p.bad_fields, p.ncols,
		    eo.decimal_comma && p.delim == ',' && p.bad_fields >
		    p.ncols ? "; a decimal comma must be quoted: \"1,5\"" :
		    "");
	rc = 0;
out:
	if (in.metrics)
		fprintf(stderr, "{\"rows\":%llu,\"rejected\":%llu,\"bytes\":"
		    "%llu,\"seconds\":%.3f,\"peak_rss_kb\":%ld}\n",
		    (unsigned long long)p.rows, (unsigned long long)p.rejected,
		    (unsigned long long)p.bytes, p.seconds,
		    engine_peak_rss_kb());
	profile_free(&p);
	if (in.fd > STDIN_FILENO)
		close(in.fd);
	return rc;
}

static const char usage_job[] =
"usage: tally job --db PATH --jobs DIR [--max-running K] [--threads N]\n"
"                 [--keep-input] [--log FILE] [--max-mbps N]\n"
"                 [--max-memory SIZE] [--max-result SIZE] ID\n"
"\n"
"Run job ID of the service: the FastCGI daemon starts this, detached, for\n"
"each job it schedules.  It is not meant to be run by hand.\n";

static int
cmd_job(int argc, char *argv[])
{
	static const struct option	 longopts[] = {
		{ "db",		 required_argument, NULL, 'D' },
		{ "jobs",	 required_argument, NULL, 'J' },
		{ "max-running", required_argument, NULL, 'K' },
		{ "threads",	 required_argument, NULL, 'T' },
		{ "keep-input",	 no_argument,	    NULL, 'k' },
		{ "log",	 required_argument, NULL, 'L' },
		{ "max-mbps",	 required_argument, NULL, 'R' },
		{ "max-memory",	 required_argument, NULL, 'M' },
		{ "max-result",	 required_argument, NULL, 'O' },
		{ "help",	 no_argument,	    NULL, 'h' },
		{ NULL,		 0,		    NULL, 0 }
	};
	struct sched_conf	 c;
	char			 self[4096], err[TALLY_ERR_MAX];
	ssize_t			 n;
	long long		 v;
	int			 ch;

	memset(&c, 0, sizeof(c));
	c.max_running = 1;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'D':
			c.db = optarg;
			break;
		case 'J':
			c.jobs = optarg;
			break;
		case 'K':
			if (num_int(optarg, 1, 1024, &v, err, sizeof(err)) == -1)
				goto bad;
			c.max_running = (int)v;
			break;
		case 'T':
			if (num_int(optarg, 0, 256, &v, err, sizeof(err)) == -1)
				goto bad;
			c.threads = (int)v;
			break;
		case 'k':
			c.keep_input = 1;
			break;
		case 'L':
			c.log = optarg;
			break;
		case 'R':
			if (num_int(optarg, 0, 1000000, &v, err,
			    sizeof(err)) == -1)
				goto bad;
			c.max_mbps = (int)v;
			break;
		case 'M':
			if (num_size(optarg, &c.max_memory, err,
			    sizeof(err)) == -1)
				goto bad;
			break;
		case 'O':
			if (num_size(optarg, &c.max_result, err,
			    sizeof(err)) == -1)
				goto bad;
			break;
		case 'h':
			fputs(usage_job, stdout);
			return 0;
		default:
			fputs(usage_job, stderr);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1 || c.db == NULL || c.jobs == NULL ||
	    c.max_running < 1) {
		fputs(usage_job, stderr);
		return EXIT_USAGE;
	}
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) < 0) {
		fprintf(stderr, "tally job: /proc/self/exe: %s\n",
		    strerror(errno));
		return EXIT_USAGE;
	}
	self[n] = '\0';
	c.tally = self;
	log_init("tally-job");
	return runner_main(&c, argv[optind]) == 0 ? 0 : EXIT_USAGE;
bad:
	fprintf(stderr, "tally job: %s\n", err);
	return EXIT_USAGE;
}

int
main(int argc, char *argv[])
{
	if (argc < 2) {
		fputs(usage_main, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts(PACKAGE_STRING);
		return 0;
	}
	if (strcmp(argv[1], "agg") == 0)
		return cmd_agg(argc - 1, argv + 1);
	if (strcmp(argv[1], "profile") == 0)
		return cmd_profile(argc - 1, argv + 1);
	if (strcmp(argv[1], "job") == 0)
		return cmd_job(argc - 1, argv + 1);
	fprintf(stderr, "tally: unknown command \"%s\"\n\n%s", argv[1],
	    usage_main);
	return EXIT_USAGE;
}
