#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# test-tooling.sh - the contract of kmod/vm/mkinitramfs and kmod/vm/boot,
# which the VM test and the driver's vm backend both build on, without the
# module: usage errors, --add/--add-binary, the data port, the guest's exit
# status, NUMA topology, and boot's exit status on timeout and on a panic.
#
#   test-tooling.sh HOST_DYNAMIC_BINARY WORKDIR
#
# HOST_DYNAMIC_BINARY is any dynamically linked program that prints its
# usage and exits non-zero without arguments (ctest passes sb-write).
set -u

here=$(cd "$(dirname "$0")" && pwd)
vm=$here/../../kmod/vm
bin=${1:?usage: test-tooling.sh HOST_DYNAMIC_BINARY WORKDIR}
work=${2:?usage: test-tooling.sh HOST_DYNAMIC_BINARY WORKDIR}
failed=0
mkdir -p "$work"

ok() { echo "ok   $*"; }
bad() {
	echo "FAIL $*"
	failed=1
}
# expect_rc WANT WHAT CMD...: CMD's exit status must be WANT.
expect_rc() {
	_want=$1
	_what=$2
	shift 2
	"$@" >"$work/out" 2>&1
	_rc=$?
	if [ "$_rc" = "$_want" ]; then
		ok "$_what: exit $_rc"
	else
		bad "$_what: exit $_rc, want $_want: $(head -c 300 "$work/out")"
	fi
}

# Usage errors are refused before anything boots.
printf 'true\n' >"$work/true.sh"
expect_rc 1 "mkinitramfs without --out" \
	"$vm/mkinitramfs" --init-script "$work/true.sh"
expect_rc 1 "mkinitramfs with a missing script" \
	"$vm/mkinitramfs" --out "$work/x.cpio.gz" --init-script "$work/nope.sh"
expect_rc 1 "mkinitramfs --add without a guest path" \
	"$vm/mkinitramfs" --out "$work/x.cpio.gz" \
	--init-script "$work/true.sh" --add "$work/true.sh"
expect_rc 1 "mkinitramfs with an unknown option" \
	"$vm/mkinitramfs" --out "$work/x.cpio.gz" \
	--init-script "$work/true.sh" --bogus
expect_rc 2 "boot without --initrd" "$vm/boot"
"$vm/mkinitramfs" --out "$work/true.cpio.gz" --init-script "$work/true.sh" ||
	bad "mkinitramfs of a trivial guest"
expect_rc 2 "boot --smp 3 --numa 2" \
	"$vm/boot" --initrd "$work/true.cpio.gz" --smp 3 --numa 2
expect_rc 2 "boot --accel warp" \
	"$vm/boot" --initrd "$work/true.cpio.gz" --accel warp
expect_rc 2 "boot --timeout 0" \
	"$vm/boot" --initrd "$work/true.cpio.gz" --timeout 0
expect_rc 2 "boot --kernel missing" \
	"$vm/boot" --initrd "$work/true.cpio.gz" --kernel /nonexistent

# One NUMA boot checks the image's contents, the data port and the exit
# status the guest script reports.
echo "payload-$$" >"$work/payload"
cat >"$work/guest.sh" <<'EOF'
echo "cpus=$(grep -c ^processor /proc/cpuinfo)"
echo "nodes=$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)"
echo "debugfs=$(grep -c ' /sys/kernel/debug debugfs ' /proc/mounts)"
echo "payload=$(cat /extra/payload)"
/bin/dyn >/dev/null 2>&1
echo "dyn=$?"
echo "data-port-ok $SB_DATA" >"$SB_DATA"
exit 7
EOF
"$vm/mkinitramfs" --out "$work/guest.cpio.gz" --init-script "$work/guest.sh" \
	--add "$work/payload:/extra/payload" --add-binary "$bin:/bin/dyn" ||
	bad "mkinitramfs with --add and --add-binary"
expect_rc 0 "boot --smp 4 --numa 2 powers off" \
	"$vm/boot" --initrd "$work/guest.cpio.gz" --smp 4 --numa 2 \
	--timeout 120 --console-log "$work/console" --data-out "$work/data" \
	--quiet
for want in cpus=4 nodes=2 debugfs=1 "payload=payload-$$" dyn=2 \
	    "SB-GUEST-EXIT 7"; do
	if tr -d '\r' <"$work/console" | grep -qx "$want"; then
		ok "guest console: $want"
	else
		bad "guest console lacks '$want'"
	fi
done
for want in "data-port-ok /dev/ttyS1" "SB-GUEST-EXIT 7"; do
	if tr -d '\r' <"$work/data" | grep -qx "$want"; then
		ok "data port: $want"
	else
		bad "data port lacks '$want'"
	fi
done
if grep -q 'lpj=[1-9]' "$work/console" &&
   grep -q 'tsc=reliable' "$work/console"; then
	ok "guest command line has lpj= and tsc=reliable"
else
	bad "guest command line lacks lpj= or tsc=reliable"
fi

# A guest that never powers off: boot gives up at --timeout with 124.
printf 'sleep 600\n' >"$work/sleep.sh"
"$vm/mkinitramfs" --out "$work/sleep.cpio.gz" --init-script "$work/sleep.sh"
expect_rc 124 "boot of a guest that hangs, --timeout 8" \
	"$vm/boot" --initrd "$work/sleep.cpio.gz" --timeout 8 --quiet

# A kernel panic: boot says 3, and the log scanner would see it.
printf 'echo 1 >/proc/sys/kernel/sysrq\necho c >/proc/sysrq-trigger\n' \
	>"$work/panic.sh"
"$vm/mkinitramfs" --out "$work/panic.cpio.gz" --init-script "$work/panic.sh"
expect_rc 3 "boot of a guest that panics" \
	"$vm/boot" --initrd "$work/panic.cpio.gz" --timeout 120 --quiet

if [ "$failed" = 0 ]; then
	echo "PASSED: kmod/vm tooling"
else
	echo "FAILED: kmod/vm tooling"
fi
exit "$failed"
