#!/bin/sh
# Mouse: a click (SGR 1006 report, as xterm sends it) on the trace pane's
# third row focuses the pane and selects step 3; with --no-mouse it does not.
. "$(dirname "$0")/lib.sh"
# at 80x24 the trace box starts on line 16 (1-based), its rows on line 17
click() { keys -l "$(printf '\033[<0;%d;%dM' "$1" "$2")"; keys -l "$(printf '\033[<0;%d;%dm' "$1" "$2")"; }
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	click 41 19
	wait_for "result at step 3/"
	# wheel down over the trace: three steps on
	keys -l "$(printf '\033[<65;41;19M')"
	wait_for "result at step 6/"
	quit
	start "$term" -- --scenario "$SCEN" --no-mouse
	click 41 19
	# the keys after it still work, and the click changed nothing
	keys 3
	wait_for "result at step 1/"
	quit
	echo "ok: $term: mouse click, wheel, --no-mouse"
done
