#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.backend_names (issue 22 item 3): no code of bench/ outside
# bench/backend/ branches on a backend's name; it asks the descriptor
# (bench/backend/desc.h). Flagged, for each name of desc.c's table:
#   - a string compare against the name's literal: str*cmp(x, "vm"), also
#     with the literal on the line after the call's opening;
#   - a lookup of a literal name: sb_backend_find("vm"), and meta.json's
#     backends object read by a literal name: json_object_get(o, "vm"),
#     also with the literal on the line after the call's opening;
#   - a line with two names' literals or more: a list of backends kept
#     apart from the table (an order, a name array);
#   - the old enum constants (SB_BK_VM) and the backend objects
#     (sb_backend_vm), whose use is a name test by another spelling.
# Reading a name as data (a record's "backend", point ids, writing a
# name) is not flagged: it is not a compare against a literal.
# ALLOWED lists the hits that are not about backends, by file and a
# fragment of the line: the words "user" and "kernel" are also the two
# sides (syncbench prims --side, a record's "side" as the runners write
# it) and meta.json's "kernel" key (the host's kernel version). An entry that no longer matches anything fails the
# test too, so the list cannot go stale and hide a new hit.
# The detector first checks itself on a planted line (it must flag it).
#   test_backend_names.sh SOURCE_DIR
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ALLOWED='bench/cmd/prims.c|strcmp(optarg, "user")
bench/cmd/prims.c|strcmp(optarg, "kernel")
bench/report/html.c|strcmp(keys[i][0], "kernel")
bench/report/cmp_match.c|strcmp(k[0], "kernel")
bench/cmd/prims.c|sides & SB_SIDE_KERNEL ? "kernel" : "user"
bench/store/record.c|side == SB_SIDE_USER ? "user" : "kernel"'

names=$(sed -n 's/^[[:space:]]*\.name = "\([a-z0-9_]*\)".*/\1/p' \
	"$src/bench/backend/desc.c")
if [ -z "$names" ]; then
	echo "FAIL: no backend name found in bench/backend/desc.c"
	exit 1
fi

# scan ROOT: every hit as file:line:text (file relative to ROOT), on stdout.
scan() {
	(cd "$1" && find bench -name '*.[ch]' ! -path 'bench/backend/*' |
		LC_ALL=C sort) >"$tmp/files"
	for n in $names; do
		up=$(echo "$n" | tr 'a-z' 'A-Z')
		while IFS= read -r f; do
			awk -v n="\"$n\"" -v up="$up" -v low="$n" -v f="$f" \
			    -v all="$names" '
			function has(s, lit) { return index(s, lit) > 0 }
			BEGIN { nall = split(all, each, /[[:space:]]+/) }
			{
				hit = 0
				lits = 0
				for (i = 1; i <= nall; i++)
					if (each[i] != "" && has($0, "\"" each[i] "\""))
						lits++
				if (lits >= 2 && has($0, n))
					hit = 1
				if ($0 ~ /str(n|case|ncase)?cmp[[:space:]]*\(/ && has($0, n))
					hit = 1
				if (prev ~ /str(n|case|ncase)?cmp[[:space:]]*\([^)]*$/ && has($0, n))
					hit = 1
				if ($0 ~ /sb_backend_(find|lookup|rank|side)[[:space:]]*\([[:space:]]*"/ && has($0, n))
					hit = 1
				if ((prev $0) ~ /json_object_get[[:space:]]*\(/ &&
				    has($0, n ")"))
					hit = 1
				if ($0 ~ ("SB_BK_" up "([^A-Z_]|$)"))
					hit = 1
				if ($0 ~ ("sb_backend_" low "([^a-z0-9_]|$)"))
					hit = 1
				if (hit)
					print f ":" FNR ":" $0
				prev = $0
			}' "$1/$f"
		done <"$tmp/files"
	done | LC_ALL=C sort -u
}

# drop the ALLOWED hits (stdin), noting which entries were used
filter() {
	: >"$tmp/used"
	while IFS= read -r hit; do
		ok=0
		file=${hit%%:*}
		while IFS= read -r e; do
			[ -n "$e" ] || continue
			ef=${e%%|*}
			frag=${e#*|}
			if [ "$file" = "$ef" ]; then
				case $hit in
				*"$frag"*) ok=1; echo "$e" >>"$tmp/used" ;;
				esac
			fi
		done <<EOT
$ALLOWED
EOT
		[ $ok = 1 ] || echo "$hit"
	done
}

fails=0
# 1. the detector flags a planted name test of each kind
mkdir -p "$tmp/plant/bench/plot" "$tmp/plant/bench/backend"
first=$(echo "$names" | head -n 1)
up=$(echo "$first" | tr 'a-z' 'A-Z')
cat >"$tmp/plant/bench/plot/x.c" <<EOP
if (!strcmp(g->backend, "$first"))
if (strcmp(g->backend,
	   "$first"))
d = sb_backend_find("$first");
o = json_object_get(bk, "$first");
if (p->backend == SB_BK_$up)
b = &sb_backend_$first;
o = json_object_get(json_object_get(meta,
		   "backends"), "$first");
static const char *const order[] = { $(echo "$names" | sed 's/.*/"&"/' | paste -sd, -) };
ok = !strcmp(g->backend, g2->backend);
EOP
echo 'if (!strcmp(name, "'"$first"'"))' >"$tmp/plant/bench/backend/x.c"
scan "$tmp/plant" >"$tmp/planted"
if [ "$(wc -l <"$tmp/planted")" -ne 8 ] ||
   grep -q 'g2->backend\|bench/backend/' "$tmp/planted"; then
	echo "FAIL: the detector missed a planted name test, or flagged data:"
	cat "$tmp/planted"
	fails=$((fails + 1))
fi

# 2. the tree
scan "$src" >"$tmp/hits"
filter <"$tmp/hits" >"$tmp/bad"
if [ -s "$tmp/bad" ]; then
	echo "FAIL: code outside bench/backend/ tests a backend by name;"
	echo "ask its descriptor (bench/backend/desc.h) instead:"
	cat "$tmp/bad"
	fails=$((fails + 1))
fi
while IFS= read -r e; do
	[ -n "$e" ] || continue
	grep -qxF "$e" "$tmp/used" || {
		echo "FAIL: stale ALLOWED entry (matches nothing): $e"
		fails=$((fails + 1))
	}
done <<EOT
$ALLOWED
EOT
echo "name tests outside bench/backend/: $(wc -l <"$tmp/hits") found," \
     "$(wc -l <"$tmp/bad") not allowed"
[ $fails = 0 ] && echo "PASS" && exit 0
exit 1
