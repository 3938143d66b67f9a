# tests/tui/lib.sh - shared by the tmux end-to-end tests of the explorer
# (style §23b): a private tmux server, fixed TERM, 80x24, LANG=C.UTF-8, and
# polling capture-pane until the expected text shows or a timeout hits.
# Sourced by test_*.sh; exit 0 pass, 77 skip, anything else fail.

PATHSCOPE=${PATHSCOPE:-${BUILD:-build}/pathscope}
HERE=$(cd "$(dirname "$0")" && pwd)
SCEN=$HERE/basic.yaml
TIMEOUT=${TUI_TIMEOUT:-10}

command -v tmux >/dev/null 2>&1 || { echo "skip: tmux not installed"; exit 77; }
[ -x "$PATHSCOPE" ] || { echo "skip: $PATHSCOPE not built"; exit 77; }
case $PATHSCOPE in /*) ;; *) PATHSCOPE=$(pwd)/$PATHSCOPE ;; esac

# a fresh private server (socket) for every start: a killed server may linger a moment
RUN=0
SOCK=t$$_0
T() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'T kill-server >/dev/null 2>&1' EXIT INT TERM

fail() { echo "FAIL: $*"; echo "--- screen:"; T capture-pane -p 2>/dev/null; exit 1; }

# start TERM [extra environment assignments] -- pathscope arguments...
start() {
	term=$1; shift
	envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	[ "$1" = "--" ] && shift
	T kill-server >/dev/null 2>&1
	RUN=$((RUN + 1))
	SOCK=t$$_$RUN
	# after pathscope exits, say how, then wait to be killed
	T new-session -d -x 80 -y 24 \
		"env -u NO_COLOR TERM=$term LANG=C.UTF-8 LC_ALL=C.UTF-8 $envs $PATHSCOPE $*; echo EXITED rc=\$?; sleep 600" ||
		fail "tmux did not start"
	T set-option -g window-size manual >/dev/null 2>&1
	wait_for "resolved in"
}

screen() { T capture-pane -p; }

# wait_for TEXT: polls the screen until it contains TEXT (fixed string)
wait_for() {
	end=$(( $(date +%s) + TIMEOUT ))
	while :; do
		screen | grep -qF -- "$1" && return 0
		[ "$(date +%s)" -ge "$end" ] && fail "timed out waiting for '$1'"
		sleep 0.05
	done
}

# wait_gone TEXT: polls until the screen no longer contains TEXT
wait_gone() {
	end=$(( $(date +%s) + TIMEOUT ))
	while :; do
		screen | grep -qF -- "$1" || return 0
		[ "$(date +%s)" -ge "$end" ] && fail "timed out waiting for '$1' to go"
		sleep 0.05
	done
}

keys() { T send-keys "$@"; }

# quit and check the explorer left cleanly
quit() {
	keys q
	wait_for "EXITED rc=0"
}

TERMS=${TUI_TERMS:-"xterm-256color xterm"}
