#!/bin/sh
# tests/run.sh [SUITE...] - runs pathscope's test suites and prints one
# closing line "N passed, N failed, N skipped" (each suite counts its own
# tests; a suite that cannot run here is skipped with the reason).
#
# Suites: lint unit scenarios cli diff tui fuzz (default: all of them).
# Environment: BUILD (build directory), PYTHON, SANITIZE.
set -u
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
PATHSCOPE=$BUILD/pathscope
export BUILD PYTHON PATHSCOPE
passed=0 failed=0 skipped=0
failures=""

# Each suite prints its own lines and ends with "RESULT passed failed skipped".
tally() {
	suite=$1; shift
	out=$("$@" 2>&1); rc=$?
	printf '%s\n' "$out"
	res=$(printf '%s\n' "$out" | grep '^RESULT ' | tail -n 1)
	if [ -n "$res" ]; then
		set -- $res
		passed=$((passed + $2)); failed=$((failed + $3)); skipped=$((skipped + $4))
		[ "$3" -gt 0 ] && failures="$failures $suite"
		[ "$3" -eq 0 ] && [ $rc -ne 0 ] && { failed=$((failed + 1)); failures="$failures $suite(exit $rc)"; }
	elif [ $rc -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1)); failures="$failures $suite"
	fi
}

suite_lint() {
	# style §1: the engine is a pure library
	bad=$(grep -nE '#include *[<"](n?curses|ncursesw/)|\b(printf|puts|fprintf|exit|getenv|setenv|chdir)\s*\(' \
		engine/*.c engine/*.h | grep -v 'snprintf\|vsnprintf' | grep -vE '^[^:]+:[0-9]+:\s*(/?\*|//)')
	os=$(grep -nE '(^|[^>._a-zA-Z0-9])(open|opendir|stat|lstat|readlink|fopen|access|getcwd|realpath)\s*\(' engine/*.c | grep -v '^engine/fs_posix.c:' | grep -vE '^[^:]+:[0-9]+:\s*(/?\*|//)' | cut -d: -f1 | sort -u)
	p=0 f=0
	if [ -z "$bad" ]; then p=$((p+1)); echo "lint: engine prints/exits/reads env nowhere: ok"; else f=$((f+1)); echo "lint: engine purity:"; echo "$bad"; fi
	if [ -z "$os" ]; then p=$((p+1)); echo "lint: only fs_posix.c calls the OS: ok"; else f=$((f+1)); echo "lint: OS calls outside fs_posix.c: $os"; fi
	echo "RESULT $p $f 0"
}

suite_unit() {
	p=0 f=0
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		if "$t" 2>&1; then p=$((p+1)); else f=$((f+1)); echo "FAILED: $t"; fi
	done
	echo "RESULT $p $f 0"
}

suite_scenarios() {
	set -- tests/scenarios/*.yaml
	[ -e "$1" ] || { echo "RESULT 0 0 1"; return; }
	"$PATHSCOPE" check "$@"
	rc=$?
	n=$#
	if [ $rc -eq 0 ]; then echo "RESULT $n 0 0"; else
		# FAIL lines are mismatches; "pathscope: FILE:..." lines are files that did not load (exit 2)
		bad=$("$PATHSCOPE" check "$@" 2>&1 | grep -c '^FAIL\|^pathscope: ')
		[ "$bad" -gt 0 ] || bad=1
		echo "RESULT $((n - bad)) $bad 0"; fi
}

suite_py() {
	# every tests/<dir>/test_*.py prints its own RESULT line
	dir=$1
	p=0 f=0 s=0
	for t in tests/$dir/test_*.py; do
		[ -f "$t" ] || continue
		out=$("$PYTHON" "$t" 2>&1); rc=$?
		printf '%s\n' "$out"
		res=$(printf '%s\n' "$out" | grep '^RESULT ' | tail -n 1)
		if [ -n "$res" ]; then set -- $res; p=$((p+$2)); f=$((f+$3)); s=$((s+$4));
			[ $rc -ne 0 ] && [ "$3" -eq 0 ] && f=$((f+1))
		elif [ $rc -eq 0 ]; then p=$((p+1)); else f=$((f+1)); fi
	done
	echo "RESULT $p $f $s"
}

suite_tui() {
	p=0 f=0 s=0
	for t in tests/tui/test_*.sh; do
		[ -f "$t" ] || continue
		out=$(sh "$t" 2>&1); rc=$?
		printf '%s\n' "$out"
		case $rc in 0) p=$((p+1));; 77) s=$((s+1));; *) f=$((f+1)); echo "FAILED: $t";; esac
	done
	echo "RESULT $p $f $s"
}

suite_fuzz() {
	p=0 f=0
	for h in "$BUILD"/fuzz/fuzz_*; do
		[ -x "$h" ] || continue
		name=$(basename "$h")
		corpus=tests/fuzz/corpus/${name#fuzz_}
		[ -d "$corpus" ] || continue
		if "$h" "$corpus"/* >/dev/null 2>&1; then p=$((p+1)); echo "fuzz replay $name: ok";
		else f=$((f+1)); echo "fuzz replay $name: FAILED"; fi
	done
	echo "RESULT $p $f 0"
}

[ $# -gt 0 ] || set -- lint unit scenarios cli diff tui fuzz
for s in "$@"; do
	echo "=== $s"
	case $s in
	lint) tally lint suite_lint ;;
	unit) tally unit suite_unit ;;
	scenarios) tally scenarios suite_scenarios ;;
	cli) tally cli suite_py cli ;;
	diff) tally diff suite_py diff ;;
	tui) tally tui suite_tui ;;
	fuzz) tally fuzz suite_fuzz ;;
	*) echo "unknown suite $s"; failed=$((failed+1)) ;;
	esac
done
echo
[ -n "$failures" ] && echo "failing suites:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
