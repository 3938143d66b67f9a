#!/bin/sh
# Toggling -E re-resolves at once: PYTHONPATH's /extra leaves sys.path on screen.
. "$(dirname "$0")/lib.sh"
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	# the result pane, scrolled to its end: sys.path is on screen
	keys 2 G
	wait_for "pythonpath"
	keys E
	wait_for "removed    - /extra"
	screen | grep -q "pythonpath .*/extra" && fail "$term: /extra still listed as a pythonpath entry"
	wait_for "-E on"
	keys E
	wait_for "+ pythonpath"
	wait_gone "removed    - /extra"
	quit
	echo "ok: $term: -E toggles /extra"
done
