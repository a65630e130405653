/*
 * Header handling: where the first line ends, which delimiter it uses and
 * what its columns are called.  libcsv splits the line, so the names are
 * exactly what the data parser will see.  This file does not read files; its
 * callers hand it the first bytes of the input.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "header.h"
#include "bounds.h"
#include "utf8.h"

struct split {
	struct header	*h;
	int		 failed;	/* 1: too many columns, 2: no memory */
	int		 rows;		/* records seen: must be exactly one */
};

static void
split_field(void *data, size_t len, void *arg)
{
	struct split	*s = arg;
	char		**names, *name;

	if (s->failed || s->rows > 0)
		return;
	if (s->h->ncols >= TALLY_COLUMNS_MAX) {
		s->failed = 1;
		return;
	}
	names = realloc(s->h->names, (s->h->ncols + 1) * sizeof(*names));
	if (names == NULL) {
		s->failed = 2;
		return;
	}
	s->h->names = names;
	if ((name = malloc(len + 1)) == NULL) {
		s->failed = 2;
		return;
	}
	memcpy(name, data, len);
	name[len] = '\0';
	s->h->names[s->h->ncols++] = name;
}

static void
split_row(int c, void *arg)
{
	struct split	*s = arg;

	(void)c;
	s->rows++;
}

/*
 * Find the end of the first line that starts at buf[0], outside quotes.
 * Returns the index of its terminator, or -1 if there is none in len bytes.
 */
static long
line_end(const char *buf, size_t len)
{
	size_t	 i;
	int	 inq = 0;

	for (i = 0; i < len; i++) {
		if (buf[i] == '"')
			inq = !inq;
		else if (!inq && (buf[i] == '\n' || buf[i] == '\r'))
			return (long)i;
	}
	return -1;
}

static char
sniff(const char *line, size_t len)
{
	static const char	 cand[] = { ',', ';', '\t', '|' };
	size_t			 count[sizeof(cand)] = { 0 };
	size_t			 i, j, best = 0;
	int			 inq = 0;

	for (i = 0; i < len; i++) {
		if (line[i] == '"') {
			inq = !inq;
			continue;
		}
		if (inq)
			continue;
		for (j = 0; j < sizeof(cand); j++)
			if (line[i] == cand[j])
				count[j]++;
	}
	for (j = 1; j < sizeof(cand); j++)
		if (count[j] > count[best])
			best = j;
	return cand[best];
}

/*
 * Whether buf starts with a "sep=X" line (any case, X one byte that is not
 * a quote or a line end, then LF, CR LF, CR or the end of the input): its
 * length with the line end, and X in *sep; 0 if it is not one; -1 if more
 * bytes are needed to tell.
 */
static long
sep_line(const char *buf, size_t len, int at_eof, char *sep)
{
	size_t		 n;
	unsigned char	 c;

	for (n = 0; n < 5; n++) {
		if (n == len)
			return at_eof ? 0 : -1;
		if (n < 4 && tolower((unsigned char)buf[n]) != "sep="[n])
			return 0;
	}
	c = (unsigned char)buf[4];
	if (c == '"' || c == '\r' || c == '\n' || c == '\0')
		return 0;
	if (len == 5) {
		if (!at_eof)
			return -1;
		*sep = (char)c;
		return 5;
	}
	if (buf[5] != '\n' && buf[5] != '\r')
		return 0;
	if (buf[5] == '\r' && len == 6 && !at_eof)
		return -1;
	*sep = (char)c;
	return buf[5] == '\r' && len > 6 && buf[6] == '\n' ? 7 : 6;
}

enum header_parse
header_parse(struct header *h, const char *buf, size_t len, int at_eof,
    char delim, char *err, size_t errsz)
{
	struct csv_parser	 p;
	struct split		 s;
	size_t			 start = 0, lineend, next;
	unsigned long		 lines = 0;
	long			 e;
	char			 sep = 0;

	memset(h, 0, sizeof(*h));

	/* A BOM may be split across reads: wait until three bytes are in. */
	if (len < 3 && !at_eof && memcmp(buf, "\xef\xbb\xbf", len) == 0)
		return HEADER_MORE;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		start = 3;

	/*
	 * Excel's "sep=;" first line names the delimiter and is not the
	 * header: it is skipped (counted as a line), and its delimiter is
	 * used unless one was given.
	 */
	if ((e = sep_line(buf + start, len - start, at_eof, &sep)) < 0)
		goto more;
	if (e > 0) {
		start += (size_t)e;
		lines += buf[start - 1] == '\n';
	}

	/* Skip blank lines (only spaces, tabs and line ends). */
	for (;;) {
		size_t	 i = start;

		while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		if (i < len && (buf[i] == '\n' || buf[i] == '\r')) {
			if (buf[i] == '\n')
				lines++;
			start = i + 1;
			continue;
		}
		if (i == len) {
			if (!at_eof)
				goto more;
			snprintf(err, errsz, "empty input: no header line");
			return HEADER_ERR;
		}
		break;
	}

	e = line_end(buf + start, len - start);
	if (memchr(buf + start, '\0', e < 0 ? len - start : (size_t)e) !=
	    NULL) {
		if (len >= 2 && (memcmp(buf, "\xff\xfe", 2) == 0 ||
		    memcmp(buf, "\xfe\xff", 2) == 0))
			snprintf(err, errsz, "the header line holds NUL bytes: "
			    "this looks like UTF-16 text; save it as UTF-8");
		else
			snprintf(err, errsz, "the header line holds NUL bytes: "
			    "this is a binary file, not CSV");
		return HEADER_NOT_CSV;
	}
	if (e < 0) {
		if (!at_eof)
			goto more;
		if (memchr(buf + start, '"', len - start) != NULL &&
		    line_end(buf + start, len - start) < 0) {
			/* Count quotes: an odd number means unterminated. */
			size_t	 i, q = 0;

			for (i = start; i < len; i++)
				q += buf[i] == '"';
			if (q % 2) {
				snprintf(err, errsz, "line %lu: unterminated "
				    "quoted field in the header", lines + 1);
				return HEADER_ERR;
			}
		}
		lineend = len;
		next = len;
	} else {
		lineend = start + (size_t)e;
		next = lineend + 1;
		if (buf[lineend] == '\r') {
			/* CRLF: the LF may not have arrived yet. */
			if (next == len && !at_eof)
				goto more;
			if (next < len && buf[next] == '\n')
				next++;
		}
	}
	/* Newlines inside quoted header names count as lines too. */
	{
		size_t	 i;

		for (i = start; i < next; i++)
			lines += buf[i] == '\n';
	}

	h->delim = delim ? delim : sep ? sep : sniff(buf + start,
	    lineend - start);
	h->skip = start;
	h->len = next;
	h->lines = lines;

	memset(&s, 0, sizeof(s));
	s.h = h;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		snprintf(err, errsz, "out of memory");
		return HEADER_ERR;
	}
	csv_set_delim(&p, (unsigned char)h->delim);
	if (csv_parse(&p, buf + start, lineend - start, split_field,
	    split_row, &s) != lineend - start ||
	    csv_fini(&p, split_field, split_row, &s) != 0) {
		csv_free(&p);
		snprintf(err, errsz, "header: %s", csv_strerror(csv_error(&p)));
		header_free(h);
		return HEADER_ERR;
	}
	csv_free(&p);
	if (s.failed == 2) {
		snprintf(err, errsz, "header: out of memory");
		header_free(h);
		return HEADER_ERR;
	}
	if (s.failed) {
		snprintf(err, errsz, "header: more than %d columns, the most "
		    "tally reads", TALLY_COLUMNS_MAX);
		header_free(h);
		return HEADER_ERR;
	}
	return HEADER_OK;
more:
	if (len >= TALLY_HEADER_MAX) {
		snprintf(err, errsz, "header line longer than %d bytes",
		    TALLY_HEADER_MAX);
		return HEADER_ERR;
	}
	return HEADER_MORE;
}

int
header_number(struct header *h, const char *buf, char *err, size_t errsz)
{
	char	 num[24];
	size_t	 i;

	for (i = 0; i < h->ncols; i++) {
		snprintf(num, sizeof(num), "%zu", i + 1);
		free(h->names[i]);
		if ((h->names[i] = strdup(num)) == NULL) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
	}
	/* The data starts where the first line does. */
	h->len = h->skip;
	h->lines = 0;
	for (i = 0; i < h->skip; i++)
		h->lines += buf[i] == '\n';
	return 0;
}

void
header_free(struct header *h)
{
	size_t	 i;

	for (i = 0; i < h->ncols; i++)
		free(h->names[i]);
	free(h->names);
	h->names = NULL;
	h->ncols = 0;
}

void
header_fold(const char *name, char *out, size_t sz)
{
	size_t	 n = 0;

	if (sz == 0)
		return;
	for (; *name != '\0' && n + 1 < sz; name++) {
		unsigned char	 c = (unsigned char)*name;

		if (c == ' ' || c == '\t' || c == '-' || c == '_')
			continue;
		out[n++] = (char)tolower(c);
	}
	out[n] = '\0';
}

void
header_list(const struct header *h, char *buf, size_t sz)
{
	size_t	 i, n = 0;

	if (sz == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < h->ncols; i++) {
		int	 w = snprintf(buf + n, sz - n, "%s%s", i ? ", " : "",
		    h->names[i]);

		if (w < 0 || (size_t)w >= sz - n) {
			/* Cut between characters, never inside one. */
			if (sz > 4) {
				n = utf8_cut(buf, strlen(buf), sz - 4);
				memcpy(buf + n, "...", 4);
			}
			return;
		}
		n += (size_t)w;
	}
}

int
header_find(const struct header *h, const char *spec, char *err, size_t errsz)
{
	char		 want[256], have[256], list[TALLY_ERR_MAX / 2];
	const char	*p;
	size_t		 i;
	unsigned long	 idx;
	size_t		 nexact = 0, nfold = 0, exact = 0, fold = 0, first = 0;

	header_fold(spec, want, sizeof(want));
	if (want[0] != '\0')
		for (i = 0; i < h->ncols; i++) {
			header_fold(h->names[i], have, sizeof(have));
			if (strcmp(want, have) != 0)
				continue;
			if (nfold++ == 0)
				first = i;
			fold = i;
			if (strcmp(spec, h->names[i]) == 0 && nexact++ == 0)
				exact = i;
		}
	if (nexact == 1)
		return (int)exact;
	if (nfold == 1)
		return (int)fold;
	if (nfold > 1) {
		snprintf(err, errsz, "column \"%.*s\" is ambiguous: columns "
		    "%zu (%.*s) and %zu (%.*s) both match it; name it by "
		    "number", (int)utf8_cut(spec, strlen(spec), 64), spec,
		    first + 1, (int)utf8_cut(h->names[first],
		    strlen(h->names[first]), 64), h->names[first], fold + 1,
		    (int)utf8_cut(h->names[fold], strlen(h->names[fold]), 64),
		    h->names[fold]);
		return -1;
	}
	for (p = spec; *p >= '0' && *p <= '9'; p++)
		continue;
	if (p != spec && *p == '\0' && p - spec < 6) {
		idx = strtoul(spec, NULL, 10);
		if (idx >= 1 && idx <= h->ncols)
			return (int)(idx - 1);
	}
	header_list(h, list, sizeof(list));
	snprintf(err, errsz, "unknown column \"%.*s\"; the header has: %s",
	    (int)utf8_cut(spec, strlen(spec), 64), spec, list);
	return -1;
}
