#!/bin/sh
# Stepping through the trace: the result pane replays the state as of the step.
. "$(dirname "$0")/lib.sh"
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	keys 3
	wait_for "state as of step 1 of"
	keys g j
	wait_for "state as of step 2 of"
	keys k
	wait_for "state as of step 1 of"
	keys p
	wait_for "decided prefix"
	wait_for "~ prefix"
	keys G
	wait_for "state as of step 57 of 57"
	keys Tab
	wait_for "sys.path ("
	quit
	echo "ok: $term: trace stepping"
done
