/*
 * Log lines of tally-fcgi and of its job runners, which share one log
 * file (--log): one line per event, a UTC timestamp then key=value pairs,
 * so that grep, awk and log shippers read them without guessing:
 *
 *	2026-12-01T16:45:00.123Z level=error prog=tally-job pid=4242 job=003f9c6a1be0d84c2aa51f0e6c2b9d71e1 msg="the gzip stream ends early"
 *
 * level is info, warn or error; job is there when the line is about one
 * job; msg is always last and always quoted (" and \ escaped, control
 * characters as \n, \t or \xHH).  A line is written with one write(2) to
 * standard error, which the daemon and runners open with O_APPEND, so
 * lines of different processes never interleave.  The command line tool
 * does not log: it talks to a person.
 */
#ifndef TALLY_LOG_H
#define TALLY_LOG_H

#define LOG_LINE_MAX	4096	/* a longer message is cut, ending in ... */

enum log_level {
	LOG_LEVEL_INFO,
	LOG_LEVEL_WARN,
	LOG_LEVEL_ERROR,
	LOG_LEVEL__MAX
};

/* Name the program in every line from now on (default "tally"). */
void		 log_init(const char *prog);

/*
 * Write one line at level lv about job (NULL: none) with the message fmt
 * formats.  Never fails loudly: a line that cannot be written is lost.
 */
void		 log_msg(enum log_level lv, const char *job, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/*
 * Format the line log_msg() writes into buf (bufsz bytes, at least 64),
 * with the time t (seconds since the epoch) and pid; returns its length,
 * newline included.  For tests.
 */
int		 log_format(char *buf, size_t bufsz, double t, int pid,
		    enum log_level lv, const char *job, const char *msg);

#endif /* TALLY_LOG_H */
