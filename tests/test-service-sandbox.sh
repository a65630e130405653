#!/bin/sh
# The runner's sandbox: after it has opened its input, store and folder, a
# runner cannot open a socket, start a program or fork; the calls fail
# with EPERM and the runner still records its failure.  The test-only
# switch TALLY_SANDBOX_TEST (in the daemon's environment, which no request
# reaches) makes each runner try one such call and fail its job with the
# outcome.  A job without the switch is done inside the same sandbox.
name=sandbox
. "$top_srcdir/tests/service.sh"
printf 'department,number_of_sales\nA,1\nB,2\nA,3\n' > "$VAR/s.csv"

for call in socket execve fork ptrace; do
	TALLY_SANDBOX_TEST=$call
	export TALLY_SANDBOX_TEST
	svc_start
	a=$(upload "$VAR/s.csv")
	wait_state "$a" failed 60
	msg=$(json "$VAR/job.out" 'j["error"]')
	[ "$msg" = "sandbox test: $call: Operation not permitted" ] ||
	    fail "$call inside the runner: $msg"
	stack_stop
done

unset TALLY_SANDBOX_TEST
svc_start
a=$(upload "$VAR/s.csv")
wait_state "$a" done 60
curl -sS -o "$VAR/r.csv" "$BASE/jobs/$a/result.csv"
printf 'department,sum_number_of_sales\nA,4\nB,2\n' | cmp - "$VAR/r.csv" ||
    fail "result inside the sandbox: $(cat "$VAR/r.csv")"
! grep -q 'seccomp\|NO_NEW_PRIVS' "$VAR/logs/tally.log" ||
    fail "sandbox errors: $(grep 'seccomp\|NO_NEW_PRIVS' "$VAR/logs/tally.log")"
