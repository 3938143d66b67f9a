#!/bin/sh
# The help screen comes from the key table; q closes it, q again quits; the
# terminal is restored on exit and on SIGTERM.
. "$(dirname "$0")/lib.sh"
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	keys ?
	wait_for "Everywhere"
	wait_for "toggle -E (ignore PYTHON* variables)"
	keys PgDn PgDn
	wait_for "Trace pane"
	keys q
	wait_gone "Trace pane"
	wait_for "PYTHONHOME"
	quit
	# SIGTERM: the explorer restores the terminal and exits 128+15
	start "$term" -- --scenario "$SCEN"
	pid=$(pgrep -n -f "pathscope --scenario $SCEN") || fail "no pid"
	kill -TERM "$pid"
	wait_for "EXITED rc=143"
	screen | grep -q "PYTHONHOME" && fail "$term: screen not restored after SIGTERM"
	echo "ok: $term: help, quit, SIGTERM"
done
