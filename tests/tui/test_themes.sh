#!/bin/sh
# Every shipped theme loads (no "built-in theme" fallback), colours the text
# itself, and looks different from the others; mono has no colours at all.
. "$(dirname "$0")/lib.sh"
THEMES="default light high-contrast mono"
for th in $THEMES; do
	[ -f "$HERE/../../themes/$th.yaml" ] || fail "themes/$th.yaml missing"
done
term=xterm-256color
SEEN=$(mktemp)
trap 'rm -f "$SEEN"; T kill-server >/dev/null 2>&1' EXIT INT TERM
for th in $THEMES; do
	start "$term" -- --scenario "$SCEN" --theme "$HERE/../../themes/$th.yaml"
	screen | grep -q "built-in theme" && fail "$th: fell back to the built-in theme"
	title=$(T capture-pane -p -e | head -n 1 | sed 's/pathscope.*//')
	case $th in
	mono) printf '%s' "$title" | grep -qE '(38|48);5;' && fail "mono: colours in the title" ;;
	*) printf '%s' "$title" | grep -qE '48;5;[0-9]+m' || fail "$th: title text without a background colour" ;;
	esac
	printf '%s\n' "$title" | grep -qxFf "$SEEN" && fail "$th: title looks like another theme's"
	printf '%s\n' "$title" >> "$SEEN"
	quit
	echo "ok: $term: theme $th"
done
