#!/bin/sh
# tests/bench/run.sh - the explorer's speed and footprint (issue 4):
#   - a toggle re-resolves and redraws in < 2 ms on a normal install and
#     < 20 ms with 5,000 .pth files in site-packages (bench_explore);
#   - no CPU while idle and RSS < 16 MiB (the real explorer in tmux).
# Prints measurements with "met"/"MISSED"; never fails on timing.
set -u
BUILD=${BUILD:-build}
B=$BUILD/bench/bench_explore
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"; [ -n "${SOCK:-}" ] && tmux -L "$SOCK" kill-server >/dev/null 2>&1' EXIT

[ -x "$B" ] || { echo "bench: $B not built"; exit 1; }

# a normal install (scenario) and the same with 5,000 .pth files
NORMAL=$HERE/../tui/basic.yaml
MANY=$TMP/many-pth.yaml
{
	sed '/^files:/,$d' "$NORMAL"
	echo "files:"
	sed -n '/^files:/,$p' "$NORMAL" | sed 1d
	i=0
	while [ $i -lt 5000 ]; do
		printf '  /usr/lib/python3.12/site-packages/p%04d.pth: {content: "/opt/p%04d\\n"}\n' $i $i
		i=$((i + 1))
	done
	echo "  /opt: dir"
} > "$MANY"

# the same 5,000 .pth files, each naming a directory that exists: 5,000
# sys.path entries (known_paths and every later pass over sys.path)
EXIST=$TMP/many-pth-exist.yaml
{
	sed '/^files:/,$d' "$NORMAL"
	echo "files:"
	sed -n '/^files:/,$p' "$NORMAL" | sed 1d
	i=0
	while [ $i -lt 5000 ]; do
		printf '  /usr/lib/python3.12/site-packages/p%04d.pth: {content: "/opt/p%04d\\n"}\n  /opt/p%04d: dir\n' $i $i $i
		i=$((i + 1))
	done
} > "$EXIST"

# the engine alone (ps_compute, wall and CPU time)
E=$BUILD/bench/bench_engine
if [ -x "$E" ]; then
	"$E" "engine: normal install" 2 "$NORMAL" 2000
	"$E" "engine: 5000 .pth files" 20 "$MANY" 200
	"$E" "engine: 5000 .pth, dirs exist" 20 "$EXIST" 50
fi

# loading a scenario scales linearly with its size (a captured tree holds
# tens of thousands of paths): 10x the files should take about 10x the time
for n in 4000 40000; do
	F=$TMP/files-$n.yaml
	awk -v n=$n 'BEGIN { print "name: x\npython: {version: \"3.12\"}\nfiles:";
		for (i = 0; i < n; i++) printf "  /d/f%d: file\n", i }' > "$F"
	t0=$(date +%s%N)
	"$BUILD/pathscope" resolve --scenario "$F" >/dev/null 2>&1
	t1=$(date +%s%N)
	echo "scenario load: $n files: $(( (t1 - t0) / 1000000 )) ms"
done

"$B" "normal install (scenario)" 2 --scenario "$NORMAL"
"$B" "5000 .pth files (scenario)" 20 --scenario "$MANY"
# the real filesystem, when this machine has a Python
for py in /usr/bin/python3 python3; do
	if command -v "$py" >/dev/null 2>&1; then
		"$B" "real: $py" 2 --python "$py" && break
	fi
done

# idle CPU and RSS of the real explorer
if command -v tmux >/dev/null 2>&1 && [ -x "$BUILD/pathscope" ]; then
	SOCK=bench$$
	P=$(cd "$(dirname "$BUILD/pathscope")" && pwd)/pathscope
	tmux -L "$SOCK" -f /dev/null new-session -d -x 80 -y 24 \
		"env TERM=xterm-256color LANG=C.UTF-8 $P --scenario $NORMAL; sleep 60"
	pid=""
	n=0
	while [ -z "$pid" ] && [ $n -lt 100 ]; do
		pid=$(pgrep -n -f "$P --scenario $NORMAL" || true)
		tmux -L "$SOCK" capture-pane -p | grep -q "resolved in" || pid=""
		n=$((n + 1)); sleep 0.05
	done
	if [ -n "$pid" ]; then
		t0=$(awk '{print $14 + $15}' /proc/$pid/stat)
		sleep 3
		t1=$(awk '{print $14 + $15}' /proc/$pid/stat)
		rss=$(awk '/^VmRSS:/ {print $2}' /proc/$pid/status)
		idle=$((t1 - t0))
		echo "idle explorer: $idle CPU ticks in 3 s (target 0: $([ $idle -eq 0 ] && echo met || echo MISSED)); RSS $rss KiB (target < 16384 KiB: $([ "$rss" -lt 16384 ] && echo met || echo MISSED))"
	else
		echo "idle explorer: could not start it in tmux"
	fi
else
	echo "idle explorer: skipped (no tmux or no $BUILD/pathscope)"
fi
