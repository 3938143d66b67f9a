#!/bin/sh
# Mouse: a click (SGR 1006 report, as xterm sends it) on the trace pane
# focuses it (the trace then grows, full width); a click on its third row
# selects step 3; with --no-mouse clicks do nothing.
. "$(dirname "$0")/lib.sh"
click() { keys -l "$(printf '\033[<0;%d;%dM' "$1" "$2")"; keys -l "$(printf '\033[<0;%d;%dm' "$1" "$2")"; }
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	# at 80x24 the trace box starts on line 17 (1-based): a click there focuses it
	click 41 19
	wait_for "state as of step 1 of"
	# focused, it takes the full width below the state: its rows start on line 15
	click 41 17
	wait_for "state as of step 3 of"
	# wheel down over the trace: three steps on
	keys -l "$(printf '\033[<65;41;17M')"
	wait_for "state as of step 6 of"
	quit
	start "$term" -- --scenario "$SCEN" --no-mouse
	click 41 19
	# the keys after it still work, and the click changed nothing
	keys 3
	wait_for "state as of step 1 of"
	quit
	echo "ok: $term: mouse click, wheel, --no-mouse"
done
