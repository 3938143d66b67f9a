#!/bin/sh
# The issue's "done means", at 80x24 with no manual: open a venv, see every
# sys.path entry and why it is there, step through the landmark search, try
# -I and a bad PYTHONHOME (cause and fix on screen), and see what changed.
. "$(dirname "$0")/lib.sh"
VENV=$HERE/venv.yaml
for term in $TERMS; do
	start "$term" -- --scenario "$VENV"
	# every entry on the first screen, '' as the working directory
	wait_for "✓ '' (the cwd: /home/me/proj)"
	wait_for "/usr/lib/python312.zip"
	wait_for "/usr/lib/python3.12/lib-dynload"
	wait_for "/home/me/proj/…on3.12/site-packages"
	# flags are not cut at 80 columns
	wait_for "[ ] -P safe path"
	# why is site-packages there: the footer says, Enter shows the step
	keys 2 G
	wait_for "venv site-packages of prefix"
	keys Enter
	wait_for "state as of step"
	wait_for "sys.path so far"
	# stepping from the start: the values fill in, the note is readable
	keys g
	wait_for "state as of step 1 of"
	keys p
	wait_for "decided prefix"
	wait_for "~ prefix"
	keys x
	wait_for "decided exec_prefix"
	# -I: '' goes, the implied flags say so
	keys 1 I
	wait_for "-I on"
	wait_for "[I] -E ignore PYTHON*"
	wait_for "removed    - ''"
	keys I
	# a bad PYTHONHOME: the banner with its cause and fix
	keys 1 g j j j j j Enter
	wait_for "PYTHONHOME="
	wait_for "Esc cancel"
	keys -l "/nowhere"
	keys Enter
	wait_for "Python would not start"
	wait_for "cause: PYTHONHOME is set to /nowhere"
	wait_for "fix: Unset PYTHONHOME"
	# what changed since the start
	keys D
	wait_for "~ PYTHONHOME: (unset) → /nowhere"
	wait_for "q close"
	keys q
	wait_gone "changes since the start"
	# Ctrl-C restores the terminal
	keys C-c
	wait_for "EXITED rc=130"
	screen | grep -q "PYTHONHOME" && fail "$term: screen not restored after Ctrl-C"
	echo "ok: $term: newcomer at 80x24 (entries, why, stepping, -I, PYTHONHOME, diff, Ctrl-C)"
done
