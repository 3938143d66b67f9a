#!/bin/sh
# The headless script mode (--script-keys): keys in, text dump of the view
# model out, no terminal needed; runs twice to show the dump is deterministic.
PATHSCOPE=${PATHSCOPE:-${BUILD:-build}/pathscope}
HERE=$(cd "$(dirname "$0")" && pwd)
[ -x "$PATHSCOPE" ] || { echo "skip: $PATHSCOPE not built"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat > "$TMP/keys" <<'KEYS'
# toggle -E, look at the result (the message lasts until the next key), then search the trace
key E
dump
key 3 /
type lib-dynload
key Enter
KEYS
LC_ALL=C.UTF-8 "$PATHSCOPE" --scenario "$HERE/basic.yaml" --script-keys "$TMP/keys" </dev/null >"$TMP/out1" 2>&1 ||
	fail "exit status $?"
LC_ALL=C.UTF-8 "$PATHSCOPE" --scenario "$HERE/basic.yaml" --script-keys "$TMP/keys" </dev/null >"$TMP/out2" 2>&1
cmp -s "$TMP/out1" "$TMP/out2" || fail "two runs gave different dumps"
grep -q "^.\* \[x\] -E" "$TMP/out1" || fail "-E not shown as set and edited"
grep -q "^ - removed    - /extra" "$TMP/out1" || fail "/extra not marked removed"
grep -q "^status: -E on" "$TMP/out1" || fail "no status after the toggle"
grep -q "== trace: .*\[focus\]" "$TMP/out1" || fail "trace pane not focused at the end"
grep -q "^status: /lib-dynload/: match 1 of" "$TMP/out1" || fail "search status missing"
[ "$(grep -c '^####' "$TMP/out1")" = 2 ] || fail "expected two dumps (explicit + final)"

# a bad script: FILE:LINE: message, exit 2
printf 'key E\nfrobnicate\n' > "$TMP/bad"
"$PATHSCOPE" --scenario "$HERE/basic.yaml" --script-keys "$TMP/bad" >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] || fail "bad script: exit status not 2"
grep -q "$TMP/bad:2: unknown command 'frobnicate'" "$TMP/err" || fail "bad script: $(cat "$TMP/err")"
echo "ok: script mode"
