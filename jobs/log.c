/*
 * The log line format of the daemon and the runners (see log.h): a
 * timestamp, then level, prog, pid, job and a quoted msg.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char	*prog = "tally";

static const char *const level_names[LOG_LEVEL__MAX] = {
	"info", "warn", "error",
};

void
log_init(const char *name)
{
	prog = name;
}

int
log_format(char *buf, size_t bufsz, double t, int pid, enum log_level lv,
    const char *job, const char *msg)
{
	struct tm	 tm;
	time_t		 secs = (time_t)t;
	size_t		 n;
	int		 w, ms = (int)((t - (double)secs) * 1000.0 + 0.5);
	const unsigned char *p;

	if (ms < 0)
		ms = 0;
	if (ms > 999)	/* rounding never carries into the seconds */
		ms = 999;
	gmtime_r(&secs, &tm);
	n = strftime(buf, bufsz, "%Y-%m-%dT%H:%M:%S", &tm);
	w = snprintf(buf + n, bufsz - n, ".%03dZ level=%s prog=%s pid=%d%s%s "
	    "msg=\"", ms, level_names[lv], prog, pid, job != NULL ? " job=" :
	    "", job != NULL ? job : "");
	if (w < 0 || (size_t)w >= bufsz - n)
		return 0;
	n += (size_t)w;
	/* Room kept for an escape (4), "..." (3), the quote and newline. */
	for (p = (const unsigned char *)msg; *p != '\0'; p++) {
		if (n + 10 >= bufsz) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		if (*p == '"' || *p == '\\') {
			buf[n++] = '\\';
			buf[n++] = (char)*p;
		} else if (*p == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else if (*p == '\t') {
			buf[n++] = '\\';
			buf[n++] = 't';
		} else if (*p < 0x20 || *p == 0x7f)
			n += (size_t)snprintf(buf + n, bufsz - n, "\\x%02x", *p);
		else
			buf[n++] = (char)*p;
	}
	buf[n++] = '"';
	buf[n++] = '\n';
	buf[n] = '\0';
	return (int)n;
}

void
log_msg(enum log_level lv, const char *job, const char *fmt, ...)
{
	char		 msg[LOG_LINE_MAX], line[LOG_LINE_MAX + 256];
	struct timespec	 ts;
	va_list		 ap;
	int		 n;
	ssize_t		 w;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	clock_gettime(CLOCK_REALTIME, &ts);
	n = log_format(line, sizeof(line), (double)ts.tv_sec +
	    (double)ts.tv_nsec / 1e9, (int)getpid(), lv, job, msg);
	if (n > 0)
		w = write(STDERR_FILENO, line, (size_t)n);
	(void)w;
}
