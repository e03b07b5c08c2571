#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel backend as a user runs it on a machine that can load the module,
# played inside a QEMU guest: `syncbench run --backend kernel` before insmod
# must refuse with the fix (exit 2, nothing written), after insmod it must
# store one ok record per point.
# Usage: test_kernel_vm.sh SRCDIR BINDIR path/to/syncbench.ko
set -u
src=$1
bin=$2/syncbench
ko=$3
[ -r "$ko" ] || {
	echo "FAIL: $ko not built: cmake --build build --target kmod"
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	[ -f "$tmp/console" ] && tail -30 "$tmp/console"
	exit 1
}
cat >"$tmp/guest.sh" <<'EOG'
out=${SB_DATA:-/dev/ttyS1}
{
	/bin/syncbench run --backend kernel -o /tmp/r0 2>&1
	echo "rc-before=$?"
	[ -e /tmp/r0 ] && echo "r0-exists"
	insmod /syncbench.ko
	/bin/syncbench run --repeat 1 --backend kernel --prim spin,mutex,rcu \
		--threads 1,2 --duration 100ms --warmup 0ms -q -o /tmp/r 2>&1
	echo "rc-run=$?"
	echo "jsonl-begin"
	cat /tmp/r/points.jsonl
	echo "jsonl-end"
	grep -c '"module_version": "syncbench' /tmp/r/meta.json
	# the module's calibrate file, stored beside the runs, as numbers
	grep -q '"spin_ns": [0-9]' /tmp/r/meta.json && echo "calibration-stored"
} >"$out"
EOG
"$src/kmod/vm/mkinitramfs" --out "$tmp/initrd.cpio.gz" \
	--init-script "$tmp/guest.sh" --module "$ko" \
	--add-binary "$bin:/bin/syncbench" || fail "mkinitramfs"
"$src/kmod/vm/boot" --initrd "$tmp/initrd.cpio.gz" --smp 2 --accel tcg \
	--timeout 240 --console-log "$tmp/console" --data-out "$tmp/data" \
	--quiet || fail "boot exited $?"
tr -d '\r' <"$tmp/data" >"$tmp/out"
cat "$tmp/out" | grep -v '^{'
grep -q "the syncbench module is not loaded.*insmod" "$tmp/out" ||
	fail "no 'module not loaded' message before insmod"
grep -q "^rc-before=2$" "$tmp/out" || fail "exit status before insmod"
grep -q "^r0-exists" "$tmp/out" && fail "refused run wrote its directory"
grep -q "^rc-run=0$" "$tmp/out" || fail "kernel backend run failed"
sed -n '/^jsonl-begin$/,/^jsonl-end$/p' "$tmp/out" | grep '^{' >"$tmp/jsonl"
[ "$(wc -l <"$tmp/jsonl")" -eq 6 ] || fail "$(wc -l <"$tmp/jsonl") records, want 6"
[ "$(grep -c '"status":"ok".*"backend":"kernel"' "$tmp/jsonl")" -eq 6 ] ||
	fail "not 6 ok kernel records"
[ "$(grep -c '"side":"kernel"' "$tmp/jsonl")" -eq 6 ] || fail "side"
grep -q "^calibration-stored$" "$tmp/out" ||
	fail "meta.json lacks the module's calibrate figures"
grep '"point":"kernel/rcu/t2/' "$tmp/jsonl" | grep -q '"cpus":"0-1"' ||
	fail "rcu t2 not on CPUs 0-1"
echo "PASS: kernel backend refuses without the module, runs 6 points with it"
