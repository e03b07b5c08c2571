#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.docs: the README's primitive table is the catalogue's
# (`syncbench prims --markdown`), so the two cannot drift apart.
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
