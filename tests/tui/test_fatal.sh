#!/bin/sh
# PYTHONHOME edited to a path without the stdlib: the fatal banner appears.
. "$(dirname "$0")/lib.sh"
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	# the inputs pane starts on -E; PYTHONHOME is the first variable, after the 5 flags
	keys j j j j j
	wait_for "PYTHONHOME is unset"
	keys Enter
	wait_for "PYTHONHOME="
	keys -l "/opt/bad"
	keys Enter
	wait_for "Python would not start"
	wait_for "cause:"
	keys d
	wait_gone "Python would not start"
	quit
	echo "ok: $term: fatal banner"
done
