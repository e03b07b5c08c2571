#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-kcsan-test.sh - vm.kcsan: every kernel primitive under the KCSAN
# kernel (kmod/vm/kconfig/kcsan.config), through the driver end to end.
#
#   run-kcsan-test.sh --syncbench BIN --checker CHECK_KCSAN --prims FILE
#                     --workdir DIR [--timeout S]
#
# The kernel must be built (scripts/build-debug-kernel kcsan; scripts/test
# does it); the module is rebuilt against it (debug-kmod.sh). One
# `syncbench run --backend vm` of every row of FILE (the catalogue's kernel
# rows) on 2 guest CPUs, 2 threads, half the operations updates on a short
# list, with and without a 20 us delay in 10% of the windows, 2 repeats, so
# the broken rows race (KCSAN samples: one 1 s window may miss rcu_nogp's
# rarer overlap, four have not); each record carries kcsan_reports. Then
# check_kcsan judges the store (sound rows 0, broken rows > 0, nothing else
# in the consoles) and `syncbench report` must show the KCSAN table and say
# the timings are not representative. The store stays in DIR/store.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
die() {
	echo "vm-kcsan: FAIL: $*" >&2
	exit 1
}
bin='' checker='' prims='' workdir='' timeout=900
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || die "$1 needs a value"
	case $1 in
	--syncbench) bin=$2 ;;
	--checker) checker=$2 ;;
	--prims) prims=$2 ;;
	--workdir) workdir=$2 ;;
	--timeout) timeout=$2 ;;
	*) die "unknown argument '$1'" ;;
	esac
	shift 2
done
[ -x "$bin" ] && [ -x "$checker" ] && [ -r "$prims" ] && [ -n "$workdir" ] ||
	die "missing arguments (see the header)"
mkdir -p "$workdir"
built=$("$here/debug-kmod.sh" kcsan "$workdir") ||
	die "no kcsan kernel or module (see above)"
kernel=$(printf '%s\n' "$built" | sed -n 1p)
ko=$(printf '%s\n' "$built" | sed -n 2p)
list=$(cut -d' ' -f1 "$prims" | paste -sd, -)
store=$workdir/store
rm -rf "$store"

echo "vm-kcsan: $list under $kernel"
start=$(date +%s)
rc=0
timeout -k 10 "$timeout" "$bin" run --backend vm --vm-kernel "$kernel" \
	--vm-module "$ko" --vm-accel "${SB_VM_ACCEL:-tcg}" --vm-cpus 2 \
	--prim "$list" --threads 2 --update-pct 50 --list-len 4 \
	--perturb off,delay --perturb-pct 10 --perturb-ns 20000 \
	--duration 1s --warmup 50ms --repeat 2 -o "$store" || rc=$?
echo "vm-kcsan: the run took $(($(date +%s) - start)) s, exit $rc"
[ "$rc" -le 1 ] || die "syncbench run exited $rc"

crc=0
"$checker" --prims "$prims" "$store" || crc=$?

"$bin" report "$store" -o "$workdir/report.html" --plots "$workdir/plots" \
	>"$workdir/report.log" 2>&1 || die "syncbench report failed:" \
	"$(tail -n 3 "$workdir/report.log")"
grep -q '<h3>KCSAN</h3>' "$workdir/report.html" ||
	die "the report has no KCSAN table ($workdir/report.html)"
grep -q 'not representative' "$workdir/report.html" ||
	die "the report does not say the timings are not representative"
echo "vm-kcsan: report $workdir/report.html: KCSAN table, debug-kernel note"
[ "$crc" -eq 0 ] || die "check_kcsan found failures (store in $store)"
[ "$rc" -eq 0 ] || die "some point failed (store in $store)"
echo "vm-kcsan: PASSED"
