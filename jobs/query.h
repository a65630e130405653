/*
 * A query: which columns form the group key and which aggregates to compute,
 * parsed from the user's text ("region,department" and
 * "sum:number_of_sales,count,mean:unit_price") and bound to the columns of
 * one header.
 */
#ifndef TALLY_QUERY_H
#define TALLY_QUERY_H

#include <stddef.h>

#include "bounds.h"

struct header;

enum agg_kind {
	AGG_COUNT,	/* rows in the group, or non-empty cells of a column */
	AGG_SUM,
	AGG_MIN,	/* numbers before text, as SQLite orders them */
	AGG_MAX,
	AGG_MEAN,
	AGG_DISTINCT,	/* exact count of distinct non-empty values */
	AGG_APPROX_DISTINCT, /* HyperLogLog (hll.c) */
	AGG_QUANTILE,	/* median, pNN, quantile:COL:Q (kll.c) */
	AGG_STDDEV,	/* sample, exact (moments.c) */
	AGG_VAR,
	AGG__MAX
};

/*
 * What an aggregate asks of its value column's cells, ORed over every
 * aggregate of the column into query.needs[]: whether a cell must be a
 * number (else the row is bad), whether text cells' bytes are kept, and
 * which per-group sketches the column carries.
 */
#define QUERY_NEED_NUMBER	0x01
#define QUERY_NEED_TEXT		0x02
#define QUERY_NEED_SQ		0x04
#define QUERY_NEED_DISTINCT	0x08
#define QUERY_NEED_HLL		0x10
#define QUERY_NEED_KLL		0x20
#define QUERY_NEED_EXTREMES	0x40	/* smallest and largest text kept */
/*
 * Which parts of a column's per-group state the aggregates read, so the
 * group table (agg.c) keeps only those: the exact sum (sum, mean, stddev,
 * var), the numeric extremes (min, max), and the count of non-number
 * cells (count:COL).  The count of numbers is always kept.
 */
#define QUERY_NEED_SUM		0x80
#define QUERY_NEED_MINMAX	0x100
#define QUERY_NEED_CELLS	0x200

/* The names users write for each kind, indexed by enum agg_kind. */
extern const char *const agg_kind_names[AGG__MAX];

struct query_agg {
	enum agg_kind	 kind;
	int		 col;		/* header column, or -1 for count of rows */
	int		 val;		/* index into query.vals, or -1 */
	double		 q;		/* AGG_QUANTILE: in [0, 1] */
	char		 name[96];	/* output column name, "sum_number_of_sales" */
};

struct query {
	size_t		 nkeys;
	int		 keys[TALLY_GROUP_COLS_MAX];	/* header columns */
	/*
	 * 0, or n when a key's header name was already another key's
	 * output name: its output name is then the header name, "_", n.
	 */
	int		 keydup[TALLY_GROUP_COLS_MAX];
	size_t		 naggs;
	struct query_agg aggs[TALLY_AGGS_MAX];
	size_t		 nvals;
	int		 vals[TALLY_AGGS_MAX];		/* distinct value columns */
	unsigned	 needs[TALLY_AGGS_MAX];		/* QUERY_NEED_*, per val */
};

/*
 * What a job asks beyond groups and aggregates: its --where conditions and
 * how the result is shaped (--limit, --others, --total).  The service
 * keeps it in the job's record (store.c); jobs made by a tally before
 * that kept it in their folder as a small text file, one item a line
 * ("where EXPR", "limit N", "others", "total"), which
 * query_shape_read() still reads.
 */
#define QUERY_WHERE_MAX	32
struct query_shape {
	size_t		 nwhere;
	const char	*where[QUERY_WHERE_MAX];	/* into text */
	size_t		 limit;		/* 0: every group */
	int		 others;
	int		 total;
	char		 text[TALLY_SPEC_MAX];
	size_t		 used;		/* bytes of text in use */
};

/*
 * Append a condition to s (copied).  Returns 0, or -1 with err set if there
 * are too many, they are too long together, or expr holds a control
 * character (a line break would end it in the file).
 */
int		 query_shape_where(struct query_shape *s, const char *expr,
		    char *err, size_t errsz);

/*
 * Read an old job's shape file at path into s.  A missing file gives an
 * empty shape.  Returns 0, or -1 with err set.
 */
int		 query_shape_read(struct query_shape *s, const char *path,
		    char *err, size_t errsz);

/* Whether aggregates of kind k add up across groups (--others, --total). */
int		 query_additive(enum agg_kind k);

/* Group by this when the user names nothing: the first that exists. */
#define QUERY_DEFAULT_GROUPS	"department"
#define QUERY_DEFAULT_GROUPS_ALT "department name"
#define QUERY_DEFAULT_AGGS	"sum:number_of_sales"

/*
 * Check the syntax of group-by and aggregate texts without a header, so the
 * service can refuse a bad option before touching the upload.  NULL means
 * the default.  Returns 0, or -1 with a message in err.
 */
int		 query_check(const char *groups, const char *aggs, char *err,
		    size_t errsz);

/*
 * Parse groups and aggs (NULL for the defaults) and bind every column to h.
 * Returns 0 with q filled, or -1 with a message in err naming the bad part
 * and, for an unknown column, listing the header's columns.  Output names
 * all differ (a JSON row is an object, a Parquet schema has one field a
 * name): a name already taken by an earlier key or aggregate gets "_2",
 * "_3"... (keydup for a key, in the name for an aggregate).
 */
int		 query_bind(struct query *q, const char *groups, const char *aggs,
		    const struct header *h, char *err, size_t errsz);

#endif /* TALLY_QUERY_H */
