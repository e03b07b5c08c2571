#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.docs: the README's primitive table is the catalogue's
# (`syncbench prims --markdown`), so the two cannot drift apart; and every
# file that cites the design document cites the one in the repository.
#   test_docs.sh BIN_DIR README
set -eu
bin=$1 readme=$2
want=$(mktemp) have=$(mktemp)
trap 'rm -f "$want" "$have"' EXIT
"$bin/syncbench" prims --markdown >"$want"
sed -n '/^<!-- prims:begin -->$/,/^<!-- prims:end -->$/p' "$readme" |
	sed '1d;$d' >"$have"
[ -s "$have" ] || { echo "FAIL: no prims:begin/end block in $readme"; exit 1; }
if ! diff -u "$want" "$have"; then
	echo "FAIL: the README's primitive table is not the catalogue's;" \
		"paste \`syncbench prims --markdown\` between the markers"
	exit 1
fi
echo "ok: README primitive table = syncbench prims --markdown"

root=$(dirname "$readme")
[ -s "$root/docs/DESIGN.md" ] || { echo "FAIL: no docs/DESIGN.md"; exit 1; }
bad=$(cd "$root" && git ls-files -co --exclude-standard |
	grep -v '^docs/DESIGN.md$' | grep -v '^tests/bench/test_docs.sh$' |
	xargs grep -n 'DESIGN' 2>/dev/null |
	grep -v 'docs/DESIGN\.md' || true)
if [ -n "$bad" ]; then
	echo "FAIL: these cite a design document other than docs/DESIGN.md:"
	echo "$bad"
	exit 1
fi
echo "ok: every design citation points at docs/DESIGN.md"
