#!/bin/sh
# Resize at any time: 60x15 still works, below the minimum a notice, back to 80x24.
. "$(dirname "$0")/lib.sh"
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	T resize-window -x 60 -y 15
	wait_for "? help"
	[ "$(screen | wc -l)" -le 15 ] || fail "$term: more than 15 lines at 60x15"
	# tmux alone guarantees the line count; that the explorer laid itself
	# out again shows in its key footer moving to the last line, line 15
	end=$(( $(date +%s) + TIMEOUT ))
	until screen | sed -n 15p | grep -q "q: quit"; do
		[ "$(date +%s)" -ge "$end" ] && fail "$term: key footer not on line 15 at 60x15"
		sleep 0.05
	done
	wait_for "inputs"
	wait_for "trace"
	T resize-window -x 30 -y 8
	wait_for "terminal too small"
	T resize-window -x 80 -y 24
	wait_for "resolved in"
	wait_gone "terminal too small"
	wait_for "PYTHONPATH"
	quit
	echo "ok: $term: resize"
done
