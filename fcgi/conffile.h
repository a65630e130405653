/*
 * tally-fcgi's options file (--config FILE): one option a line, named as
 * on the command line without its dashes, then its value:
 *
 *	# a comment; blank lines are fine
 *	socket /run/tally/tally.sock
 *	max-running 4
 *	keep-input
 *
 * A flag stands alone (or is followed by yes/true/1, or no/false/0 to
 * leave it out).  The file's options come first in the argument vector,
 * the command line's after them, so the command line wins for any option
 * given in both.  This file reads and checks the file; it knows nothing of
 * what the options mean.
 */
#ifndef TALLY_CONFFILE_H
#define TALLY_CONFFILE_H

#include <stddef.h>
#include <getopt.h>

#define CONFFILE_LINE_MAX	4096	/* a longer line is an error */
#define CONFFILE_ARGS_MAX	512	/* options a file may hold */

/*
 * If argv holds --config FILE (or --config=FILE; the first one counts),
 * build in *nargv (with *nargc entries and a NULL after them) argv[0],
 * then FILE's options as "--name" and "value" entries, then the rest of
 * argv without the --config option.  Without --config, *nargv is argv
 * itself.  longopts is getopt_long()'s table: it says which names exist
 * and which take a value; "config" itself may not appear in the file.
 * The new vector lives until the process exits or the next call that
 * builds one (it stays reachable; the next call frees it).  Returns 0, or -1 with a message naming the file and
 * line in err.
 */
int		 conffile_args(int argc, char *argv[],
		    const struct option *longopts, int *nargc, char ***nargv,
		    char *err, size_t errsz);

#endif /* TALLY_CONFFILE_H */
