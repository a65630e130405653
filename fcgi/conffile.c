/*
 * tally-fcgi's options file (see conffile.h): read FILE line by line,
 * check each name against getopt's table, and splice the options in
 * front of the command line's.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"

/*
 * The vector built, kept reachable for the process's life.  volatile: a
 * store the program never reads back is otherwise optimised away, and
 * LeakSanitizer then reports the vector as lost at exit.
 */
static char	**volatile kept;
static int		 kept_n;	/* its copies: entries 1 to kept_n */

/* Free a vector and the copies it holds (entries 1 to ncopies). */
static void
drop(char **v, int ncopies)
{
	int	 i;

	if (v == NULL)
		return;
	for (i = 1; i <= ncopies; i++)
		free(v[i]);
	free(v);
}

static const struct option *
find(const struct option *longopts, const char *name)
{
	for (; longopts->name != NULL; longopts++)
		if (strcmp(longopts->name, name) == 0)
			return longopts;
	return NULL;
}

/* Append a copy of s to v (n entries, room for CONFFILE_ARGS_MAX). */
static int
push(char **v, int *n, const char *s)
{
	if (*n >= CONFFILE_ARGS_MAX || (v[*n] = strdup(s)) == NULL)
		return -1;
	(*n)++;
	return 0;
}

/*
 * Read path's options into v after its *n entries.  0 or -1 with err.
 */
static int
read_file(const char *path, const struct option *longopts, char **v, int *n,
    char *err, size_t errsz)
{
	FILE			*f;
	const struct option	*o;
	char			 line[CONFFILE_LINE_MAX + 2], opt[128];
	char			*name, *val;
	int			 lineno = 0, rc = -1, on;
	size_t			 len;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsz, "--config %s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		len = strlen(line);
		if (len > CONFFILE_LINE_MAX ||
		    (len > 0 && line[len - 1] != '\n' && !feof(f))) {
			snprintf(err, errsz, "%s:%d: the line is longer than "
			    "%d bytes", path, lineno, CONFFILE_LINE_MAX);
			goto out;
		}
		while (len > 0 && strchr(" \t\r\n", line[len - 1]) != NULL)
			line[--len] = '\0';
		name = line + strspn(line, " \t");
		if (*name == '\0' || *name == '#')
			continue;
		val = name + strcspn(name, " \t");
		if (*val != '\0') {
			*val++ = '\0';
			val += strspn(val, " \t");
		}
		if (strcmp(name, "config") == 0 ||
		    (o = find(longopts, name)) == NULL) {
			snprintf(err, errsz, "%s:%d: unknown option \"%.64s\"%s",
			    path, lineno, name, strncmp(name, "--", 2) == 0 ?
			    " (write names without dashes)" : "");
			goto out;
		}
		snprintf(opt, sizeof(opt), "--%s", name);
		if (o->has_arg == no_argument) {
			on = *val == '\0' || strcmp(val, "yes") == 0 ||
			    strcmp(val, "true") == 0 || strcmp(val, "1") == 0;
			if (!on && strcmp(val, "no") != 0 &&
			    strcmp(val, "false") != 0 && strcmp(val, "0") != 0) {
				snprintf(err, errsz, "%s:%d: %s is a flag: "
				    "write it alone, or yes or no", path,
				    lineno, name);
				goto out;
			}
			if (on && push(v, n, opt) == -1)
				goto full;
			continue;
		}
		if (*val == '\0') {
			snprintf(err, errsz, "%s:%d: %s needs a value", path,
			    lineno, name);
			goto out;
		}
		/* Trailing comments are not stripped: a value may hold #. */
		if (push(v, n, opt) == -1 || push(v, n, val) == -1)
			goto full;
	}
	if (ferror(f)) {
		snprintf(err, errsz, "--config %s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;
full:
	snprintf(err, errsz, "%s:%d: more than %d options, or out of memory",
	    path, lineno, CONFFILE_ARGS_MAX / 2);
out:
	fclose(f);
	return rc;
}

int
conffile_args(int argc, char *argv[], const struct option *longopts,
    int *nargc, char ***nargv, char *err, size_t errsz)
{
	const char	*path = NULL;
	char		**v;
	int		 i, n = 0, skip = -1, skipn = 0;

	*nargc = argc;
	*nargv = argv;
	for (i = 1; i < argc && path == NULL; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--config=", 9) == 0) {
			path = argv[i] + 9;
			skip = i, skipn = 1;
		} else if (strcmp(argv[i], "--config") == 0) {
			if (i + 1 >= argc) {
				snprintf(err, errsz, "--config needs a file");
				return -1;
			}
			path = argv[i + 1];
			skip = i, skipn = 2;
		}
	}
	if (path == NULL)
		return 0;
	if ((v = calloc(CONFFILE_ARGS_MAX + (size_t)argc + 1,
	    sizeof(*v))) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	v[n++] = argv[0];
	/* push() copies; the file's entries are counted against the cap. */
	if (read_file(path, longopts, v, &n, err, errsz) == -1) {
		drop(v, n - 1);
		return -1;
	}
	/* A vector of an earlier call is replaced (tests call this often). */
	drop(kept, kept_n);
	kept = v;
	kept_n = n - 1;
	for (i = 1; i < argc; i++) {
		if (i >= skip && i < skip + skipn)
			continue;
		v[n++] = argv[i];
	}
	v[n] = NULL;
	*nargc = n;
	*nargv = v;
	return 0;
}
