#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.add_prim: the catalogue's promise, kept for real. In a scratch copy
# of the source tree, add a primitive the way the README says (one file per
# side, a copy of spin under the name spin_copy, plus one catalogue row),
# build it, and run it through `syncbench run` on the user backend and on
# the module in a QEMU guest, then `plot` and `report`. Nothing else is
# edited: if another file had to list the primitive, this fails.
#   test_add_prim.sh SOURCE_DIR [KDIR]   (no KDIR: the user half only)
set -u
src=$1 kdir=${2:-}
fail() {
	echo "FAIL: $*"
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
s=$tmp/src b=$tmp/build r=$tmp/results/added p=$tmp/plots/added
mkdir -p "$s"
# The tracked files and the working copies of new ones, not build trees.
(cd "$src" && git ls-files -co --exclude-standard -z) |
	(cd "$src" && xargs -0 cp --parents -t "$s") || fail "copying the tree"

# One file per side: spin's ops table under a new name.
for side in kmod user; do
	sed -e 's/\bsb_prim_spin\b/sb_prim_spin_copy/' \
	    -e 's/\.name = "spin"/.name = "spin_copy"/' \
	    "$s/$side/prim_spin.c" >"$s/$side/prim_spin_copy.c" ||
		fail "writing $side/prim_spin_copy.c"
	grep -q 'sb_prim_spin_copy = {' "$s/$side/prim_spin_copy.c" ||
		fail "$side/prim_spin.c no longer defines sb_prim_spin"
done
# One line: the catalogue row (right after spin's).
cat >>"$s/common/sb_prims.def" <<'ROW'
SB_PRIM(spin_copy, 1, 1, EXCLUSIVE, 0, "#8c564b", "",
	"a copy of spin (test_add_prim.sh)")
ROW

kopt=-DSYNCBENCH_KMOD=OFF
[ -z "$kdir" ] || kopt=-DKDIR=$kdir
cmake -S "$s" -B "$b" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$kopt" \
	-DSYNCBENCH_VM_TESTS=OFF >"$tmp/cmake.log" 2>&1 ||
	{ cat "$tmp/cmake.log"; fail "cmake"; }
targets="syncbench syncbench-user"
[ -z "$kdir" ] || targets="$targets kmod"
for t in $targets; do
	cmake --build "$b" -j2 --target "$t" >"$tmp/build.log" 2>&1 ||
		{ tail -40 "$tmp/build.log"; fail "building $t"; }
done
sb=$b/bin/syncbench

# Both registries took it, and the driver knows it.
"$b/bin/syncbench-user" --list-prims | grep -qx spin_copy ||
	fail "syncbench-user --list-prims lacks spin_copy"
"$sb" prims --names --side kernel | grep -qx spin_copy ||
	fail "syncbench prims lacks spin_copy"
"$sb" run --help | grep -q spin_copy || fail "run --help lacks spin_copy"

backends=user
[ -z "$kdir" ] || backends=user,vm
"$sb" run --repeat 1 --backend "$backends" --prim spin,spin_copy --threads 1,2 \
	--update-pct 10 --duration 100ms --warmup 20ms --vm-accel tcg \
	${kdir:+--vm-module "$b/kmod/syncbench.ko"} -q -o "$r" \
	>"$tmp/run.log" 2>&1 || { cat "$tmp/run.log"; fail "syncbench run"; }
for be in $(echo "$backends" | tr , ' '); do
	for t in 1 2; do
		grep "\"point\":\"$be/spin_copy/t$t/" "$r/points.jsonl" |
			grep '"status":"ok"' | grep -q '"invariants":"ok"' ||
			fail "no ok record of $be/spin_copy/t$t"
	done
done
"$sb" plot "$r" -o "$p" >"$tmp/plot.log" 2>&1 ||
	{ cat "$tmp/plot.log"; fail "syncbench plot"; }
grep -q spin_copy "$p/throughput.dat" 2>/dev/null ||
	grep -rqs spin_copy "$p" || fail "no chart data names spin_copy"
"$sb" report "$r" --plots "$p" -o "$p/report.html" >"$tmp/report.log" 2>&1 ||
	{ cat "$tmp/report.log"; fail "syncbench report"; }
grep -q 'spin_copy' "$p/report.html" || fail "the report lacks spin_copy"
grep -q 'a copy of spin (test_add_prim.sh)' "$p/report.html" ||
	fail "the report lacks the catalogue's help line"
echo "PASS: spin_copy added by one file per side and one catalogue row," \
	"ran on $backends, plotted and reported"
