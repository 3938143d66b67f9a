#!/bin/sh
# Stepping through the trace: the result pane replays the state as of the step.
. "$(dirname "$0")/lib.sh"
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	keys 3
	wait_for "result at step 1/"
	keys g j
	wait_for "result at step 2/"
	keys k
	wait_for "result at step 1/"
	keys p
	wait_for "decided prefix"
	wait_for "~ prefix"
	keys G
	wait_for "result at step 57/57"
	keys Tab
	wait_for "sys.path ("
	quit
	echo "ok: $term: trace stepping"
done
