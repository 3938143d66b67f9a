#!/bin/sh
# The regex filter: matches, smart case, an invalid pattern keeps the old one.
. "$(dirname "$0")/lib.sh"
for term in $TERMS; do
	start "$term" -- --scenario "$SCEN"
	keys 2 /
	wait_for "/"
	keys -l "dynload"
	keys Enter
	wait_for "/dynload/: match 1 of"
	keys f
	wait_for "showing only rows matching /dynload/"
	wait_gone "/usr/bin/python3.12"
	keys f
	wait_for "showing all rows"
	keys / C-u
	keys -l "lib["
	keys Enter
	wait_for "regex error at offset 4"
	# an error takes the whole status line: PCRE2's message is not cut
	wait_for "missing terminating ] for character class"
	keys n
	wait_for "/dynload/: match 1 of"
	quit
	echo "ok: $term: filter"
done
