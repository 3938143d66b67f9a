#!/bin/sh
# Colour tiers: 256 colours on xterm-256color, 8 on xterm, none with NO_COLOR
# (but --color=always beats NO_COLOR).
. "$(dirname "$0")/lib.sh"
sgr() { T capture-pane -p -e; }
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	case $term in
	*256color) sgr | grep -q '38;5;' || fail "$term: no 256-colour codes"
	   # the text itself takes its role's colours, not only the padding around it:
	   # the title and the cursor row (-E) have their background right before the text
	   sgr | grep -qE '48;5;[0-9]+m pathscope' || fail "$term: title text without its colours"
	   sgr | grep -qE '48;5;[0-9]+m +\[ \] -E' || fail "$term: cursor row text without its colours" ;;
	*) sgr | grep -qE '\[([0-9;]*;)?3[0-7][;m]' || fail "$term: no 8-colour codes"
	   sgr | grep -q '38;5;' && fail "$term: 256-colour codes on an 8-colour terminal" ;;
	esac
	quit
	start "$term" NO_COLOR=1 -- --scenario "$SCEN"
	sgr | grep -qE '\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5|48;5)[;m]' && fail "$term: colours despite NO_COLOR"
	# still readable: the cursor row is shown in reverse video
	sgr | grep -q '\[7m' || fail "$term: no reverse video in mono"
	quit
	# --color=never: no colours either, the cursor row still reversed
	start "$term" -- --scenario "$SCEN" --color=never
	sgr | grep -qE '\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5|48;5)[;m]' && fail "$term: colours despite --color=never"
	sgr | grep -q '\[7m' || fail "$term: no reverse video with --color=never"
	quit
	start "$term" NO_COLOR=1 -- --scenario "$SCEN" --color=always
	sgr | grep -qE '\[([0-9;]*;)?(3[0-7]|38;5)[;m]' || fail "$term: --color=always did not beat NO_COLOR"
	quit
	echo "ok: $term: colour tiers and NO_COLOR"
done
