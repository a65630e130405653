/*
 * The runner's sandbox: once a runner has opened its input, its store and
 * its job folder, it gives up what it does not need to finish the job.
 * PR_SET_NO_NEW_PRIVS, then a seccomp filter that allows a fixed list of
 * system calls (files, memory, threads, time, signals to itself) and
 * answers every other one with EPERM, so a runner subverted by its input
 * cannot start programs, open sockets, trace or mount, and a runner that
 * meets a refusal can still record its failure.
 */
#ifndef TALLY_SANDBOX_H
#define TALLY_SANDBOX_H

#include <stddef.h>

/*
 * Drop every capability this process holds: the ambient set, the
 * bounding set as far as this process may (shrinking it needs CAP_SETPCAP,
 * which tally-fcgi.service never grants: there the bounding set stays the
 * unit's, CAP_CHOWN alone, which no_new_privs keeps any exec from
 * granting), then the inheritable, permitted and effective sets.  A runner
 * calls it first: tally-fcgi may hold CAP_CHOWN to take over nginx's
 * uploads, and a runner needs none.  Returns 0, or -1 with err set.
 */
int		 sandbox_caps_drop(char *err, size_t errsz);

/*
 * Enter the sandbox for the rest of this process (and its threads).
 * Returns 0, or -1 with err set (then nothing was installed, or only
 * no_new_privs).
 */
int		 sandbox_enter(char *err, size_t errsz);

/*
 * The test hook: if the environment variable TALLY_SANDBOX_TEST names a
 * call ("socket", "execve", "connect", "ptrace"), try it and describe the
 * outcome in buf ("socket: Operation not permitted") and return 1; else
 * return 0.  Only the daemon's environment reaches a runner, never a
 * request.
 */
int		 sandbox_probe(char *buf, size_t sz);

#endif /* TALLY_SANDBOX_H */
