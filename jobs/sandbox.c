/*
 * The runner's sandbox (see sandbox.h), with libseccomp.  The list is an
 * allow-list: a call not named here fails with EPERM.  clone() is allowed
 * only with CLONE_THREAD (threads, never a new process); clone3(), whose
 * flags seccomp cannot see, answers ENOSYS so that glibc falls back to
 * clone().
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <linux/capability.h>
#include <seccomp.h>

#include "sandbox.h"

/* What a runner does after the sandbox closes: read, write, rename,
 * remove its own files, SQLite, threads, time, memory. */
static const char *const allowed[] = {
	"read", "write", "readv", "writev", "pread64", "pwrite64",
	"lseek", "close", "fstat", "newfstatat", "stat", "lstat", "statx",
	"openat", "open", "access", "faccessat", "faccessat2",
	"fcntl", "flock", "fsync", "fdatasync", "ftruncate", "fallocate",
	"fchmod", "fchown", "rename", "renameat", "renameat2", "unlink",
	"unlinkat", "rmdir", "getdents64", "readlink", "readlinkat", "getcwd",
	"mmap", "munmap", "mremap", "mprotect", "madvise", "brk",
	"futex", "set_robust_list", "get_robust_list", "rseq",
	"sched_yield", "sched_getaffinity", "getcpu",
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack",
	"nanosleep", "clock_nanosleep", "clock_gettime", "clock_getres",
	"gettimeofday", "time",
	"getpid", "gettid", "getppid", "getuid", "geteuid", "getgid",
	"getegid", "getrusage", "getrlimit", "setrlimit", "prlimit64",
	"sysinfo", "uname", "getrandom", "membarrier",
	"exit", "exit_group", "restart_syscall",
	NULL
};

int
sandbox_caps_drop(char *err, size_t errsz)
{
	struct __user_cap_header_struct	 h;
	struct __user_cap_data_struct	 d[_LINUX_CAPABILITY_U32S_3];
	int				 cap, held = 0;
	size_t				 i;

	/* Kernels before 4.3 have no ambient set (EINVAL): nothing to do. */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1 &&
	    errno != EINVAL) {
		snprintf(err, errsz, "PR_CAP_AMBIENT_CLEAR_ALL: %s",
		    strerror(errno));
		return -1;
	}
	/* EPERM: no CAP_SETPCAP, the bounding set stays as it is. */
	for (cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		(void)prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
	memset(&h, 0, sizeof(h));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) == -1) {
		snprintf(err, errsz, "capget: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
		held |= d[i].effective | d[i].permitted | d[i].inheritable;
	/* None held: done, even where a filter forbids capset(). */
	if (!held)
		return 0;
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capset, &h, d) == -1) {
		snprintf(err, errsz, "dropping capabilities (capset): %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
sandbox_enter(char *err, size_t errsz)
{
	scmp_filter_ctx	 ctx = NULL;
	size_t		 i;
	int		 nr, rc = -1, e;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		snprintf(err, errsz, "PR_SET_NO_NEW_PRIVS: %s",
		    strerror(errno));
		return -1;
	}
	if ((ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM))) == NULL) {
		snprintf(err, errsz, "seccomp_init failed");
		return -1;
	}
	for (i = 0; allowed[i] != NULL; i++) {
		/* A name this kernel's architecture lacks is skipped. */
		if ((nr = seccomp_syscall_resolve_name(allowed[i])) ==
		    __NR_SCMP_ERROR)
			continue;
		if ((e = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0)) < 0) {
			snprintf(err, errsz, "seccomp: %s: %s", allowed[i],
			    strerror(-e));
			goto out;
		}
	}
	/* Signals only to this process (raise, abort). */
	if ((e = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
	    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid()))) < 0 ||
	    (e = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(kill), 1,
	    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid()))) < 0 ||
	    /* Threads, never processes. */
	    (e = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
	    SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD))) < 0 ||
	    (e = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
	    SCMP_SYS(clone3), 0)) < 0) {
		snprintf(err, errsz, "seccomp: %s", strerror(-e));
		goto out;
	}
	if ((e = seccomp_load(ctx)) < 0) {
		snprintf(err, errsz, "seccomp_load: %s", strerror(-e));
		goto out;
	}
	rc = 0;
out:
	seccomp_release(ctx);
	return rc;
}

int
sandbox_probe(char *buf, size_t sz)
{
	const char	*what = getenv("TALLY_SANDBOX_TEST");
	char *const	 argv[] = { (char *)"/bin/true", NULL };
	int		 r, fd;

	if (what == NULL || *what == '\0')
		return 0;
	errno = 0;
	if (strcmp(what, "socket") == 0) {
		if ((r = fd = socket(AF_INET, SOCK_STREAM, 0)) != -1)
			close(fd);
	} else if (strcmp(what, "execve") == 0)
		r = execve(argv[0], argv, NULL);
	else if (strcmp(what, "connect") == 0)
		r = connect(-1, NULL, 0);
	else if (strcmp(what, "ptrace") == 0)
		r = (int)ptrace(PTRACE_TRACEME, 0, NULL, NULL);
	else if (strcmp(what, "fork") == 0) {
		if ((r = fork()) == 0)
			_exit(0);
	} else {
		snprintf(buf, sz, "sandbox test: unknown call \"%.40s\"", what);
		return 1;
	}
	snprintf(buf, sz, "sandbox test: %s: %s", what, r == -1 ?
	    strerror(errno) : "allowed");
	return 1;
}
