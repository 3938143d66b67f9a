#!/bin/sh
# Without a UTF-8 locale: ASCII marks instead of ✓/✗, ACS (or ASCII) lines,
# and the screen still works.
. "$(dirname "$0")/lib.sh"
for term in $TERMS; do
	start "$term" LC_ALL=C -- --scenario "$SCEN"
	keys 2 G
	wait_for "pythonpath + /extra"
	screen | grep -q "✓" && fail "$term: UTF-8 glyphs in the C locale"
	quit
	echo "ok: $term: C locale"
done
