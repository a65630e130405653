/*
 * The rejects.csv writer (see rejects.h).  Cells go through libcsv's
 * csv_fwrite() when they need quoting.  This file decides the shape of
 * rejects.csv; which rows are bad is the engine's business.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <csv.h>

#include "engine.h"
#include "output.h"
#include "rejects.h"

struct rejects {
	FILE			*f;
	char			 path[4096];
	char			 tmp[4096 + 16];
	unsigned long long	 n;
	int			 werr;		/* errno of a failed write */
};

/*
 * One cell of len bytes, after a comma.  Every byte is written, NULs
 * included: a cell that holds a NUL (or a comma, quote, line end, or
 * spaces at an end) is quoted, so that CSV readers that keep quoted bytes
 * as they are (Python's csv, DuckDB, Polars) read the value back whole.
 */
static void
cell(struct rejects *w, const char *s, size_t len)
{
	size_t	 i;
	int	 quote = 0;

	fputc(',', w->f);
	if (len > 0 && strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0') {
		/* As in results: no formulas in spreadsheets. */
		char	*t = malloc(len + 1);

		if (t == NULL) {
			w->werr = ENOMEM;
			return;
		}
		t[0] = '\'';
		memcpy(t + 1, s, len);
		csv_fwrite(w->f, t, len + 1);
		free(t);
		return;
	}
	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '\0')
			quote = 1;
	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))
		quote = 1;
	if (quote)
		csv_fwrite(w->f, s, len);
	else
		fwrite(s, 1, len, w->f);
}

struct rejects *
rejects_open(const char *path, char *err, size_t errsz)
{
	struct rejects	*w;
	int		 fd;

	if ((w = calloc(1, sizeof(*w))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	if (strlen(path) >= sizeof(w->path)) {
		snprintf(err, errsz, "%s: path too long", path);
		free(w);
		return NULL;
	}
	snprintf(w->path, sizeof(w->path), "%s", path);
	/* A temporary file renamed into place, or a device written in place. */
	if ((fd = output_open(path, w->tmp, sizeof(w->tmp), err,
	    errsz)) == -1) {
		free(w);
		return NULL;
	}
	if ((w->f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		close(fd);
		if (w->tmp[0] != '\0')
			unlink(w->tmp);
		free(w);
		return NULL;
	}
	fputs("line,offset,column,column_name,value,reason,record\n", w->f);
	return w;
}

void
rejects_add(void *arg, const struct engine_reject *rj)
{
	struct rejects	*w = arg;

	if (w->werr != 0)
		return;
	w->n++;
	fprintf(w->f, "%lu,", rj->line);
	if (rj->offset != UINT64_MAX)
		fprintf(w->f, "%llu", (unsigned long long)rj->offset);
	fputc(',', w->f);
	if (rj->column > 0)
		fprintf(w->f, "%d", rj->column);
	if (rj->column > 0) {
		cell(w, rj->colname, strlen(rj->colname));
		cell(w, rj->value, rj->value_len);
	} else {
		cell(w, "", 0);
		cell(w, "", 0);
	}
	cell(w, rj->reason, strlen(rj->reason));
	cell(w, rj->record, rj->record_len);
	fputc('\n', w->f);
	if (ferror(w->f))
		w->werr = errno ? errno : EIO;
}

unsigned long long
rejects_count(const struct rejects *w)
{
	return w->n;
}

int
rejects_close(struct rejects *w, int keep, char *err, size_t errsz)
{
	int	 rc = -1;

	if (w == NULL)
		return 0;
	if (!keep) {
		fclose(w->f);
		if (w->tmp[0] != '\0')
			unlink(w->tmp);
		free(w);
		return 0;
	}
	if (w->werr == 0 && (fflush(w->f) == EOF || (w->tmp[0] != '\0' &&
	    fsync(fileno(w->f)) == -1)))
		w->werr = errno;
	if (fclose(w->f) == EOF && w->werr == 0)
		w->werr = errno;
	if (w->werr == 0 && w->tmp[0] != '\0' &&
	    rename(w->tmp, w->path) == -1)
		w->werr = errno;
	if (w->werr != 0) {
		snprintf(err, errsz, "%s: %s", w->path, strerror(w->werr));
		if (w->tmp[0] != '\0')
			unlink(w->tmp);
	} else
		rc = 0;
	free(w);
	return rc;
}
