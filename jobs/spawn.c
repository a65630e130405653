/*
 * Detaching a process, the classic way (tmux job_run, redis redisFork):
 * block signals, fork, setsid, fork again, reset signals, reopen 0-2, close
 * everything else, exec.  Every failure in a child is _exit().  No SQLite
 * call happens between fork and exec, so no handle crosses fork().
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "spawn.h"

/* Close every descriptor from 3 up. */
static void
close_from_3(void)
{
	long	 max, fd;

#ifdef HAVE_CLOSE_RANGE
	if (close_range(3, ~0U, 0) == 0)
		return;
#endif
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = 3; fd < max; fd++)
		close((int)fd);
}

static void
child(char *const argv[], const char *logpath, const sigset_t *old)
{
	struct sigaction	 sa;
	int			 fd, sig;

	if (setsid() == -1)
		_exit(127);
	switch (fork()) {
	case -1:
		_exit(127);
	case 0:
		break;
	default:
		_exit(0);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++)
		(void)sigaction(sig, &sa, NULL);
	if ((fd = open("/dev/null", O_RDWR)) == -1)
		_exit(127);
	if (dup2(fd, STDIN_FILENO) == -1 || dup2(fd, STDOUT_FILENO) == -1)
		_exit(127);
	if (logpath == NULL ||
	    (fd = open(logpath, O_WRONLY | O_APPEND | O_CREAT, 0644)) == -1)
		fd = open("/dev/null", O_WRONLY);
	if (fd == -1 || dup2(fd, STDERR_FILENO) == -1)
		_exit(127);
	close_from_3();
	/* The runner starts with nothing blocked, whatever the caller had. */
	(void)old;
	sigemptyset(&sa.sa_mask);
	sigprocmask(SIG_SETMASK, &sa.sa_mask, NULL);
	/*
	 * No ambient capability crosses exec (tally-fcgi.service gives the
	 * daemon CAP_CHOWN that way): a program started by a user other than
	 * root then starts with none.  EINVAL: a kernel without them.
	 */
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	execv(argv[0], argv);
	_exit(127);
}

int
spawn_detached(char *const argv[], const char *logpath, char *err,
    size_t errsz)
{
	sigset_t	 all, old;
	pid_t		 pid;
	int		 status;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid = fork();
	if (pid == 0)
		child(argv, logpath, &old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid == -1) {
		snprintf(err, errsz, "fork: %s", strerror(errno));
		return -1;
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			snprintf(err, errsz, "waitpid: %s", strerror(errno));
			return -1;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(err, errsz, "could not detach the runner");
		return -1;
	}
	return 0;
}

int
spawn_alive(long pid)
{
	char	 path[64], buf[512], *p;
	ssize_t	 n;
	int	 fd;

	if (pid <= 0 || (kill((pid_t)pid, 0) == -1 && errno != EPERM))
		return 0;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : 1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	/* "pid (comm) S ...": the state follows the last parenthesis. */
	if ((p = strrchr(buf, ')')) == NULL || p[1] != ' ')
		return 1;
	return p[2] != 'Z' && p[2] != 'X';
}
