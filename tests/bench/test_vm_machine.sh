#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The vm guest's machine (bench/store/machine.h), sent as a @@machine frame
# and stored as meta.json's backends.vm.guest_machine: every field typed,
# as on the host; the guest kernel's config, which the initramfs lacks,
# from the host's /boot/config of the release the guest booted (null with
# a reason where the host has none). One point, one boot.
# Usage: test_vm_machine.sh BINDIR path/to/syncbench.ko
set -u
bin=$1/syncbench
cj=$1/check_json
ko=$2
. "$(dirname "$0")/machine_fields.sh"
[ -r "$ko" ] || { echo "FAIL: $ko not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	[ -f "$tmp/r/vm-console.log" ] && tail -20 "$tmp/r/vm-console.log"
	exit 1
}
"$bin" run --backend vm --vm-accel tcg --vm-cpus 2 --vm-module "$ko" \
	--prim spin --threads 1 --duration 50ms --warmup 10ms --repeat 1 \
	-q -o "$tmp/r" >"$tmp/log" 2>&1 || fail "run: $(cat "$tmp/log")"
"$cj" "$tmp/r/meta.json" backends.vm.guest_machine=object ||
	fail "no guest machine in meta.json"
machine_check "$tmp/r/meta.json" backends.vm.guest_machine ||
	fail "the guest's machine"
rel=$("$cj" "$tmp/r/meta.json" backends.vm.guest_machine.kernel_release)
[ -n "$rel" ] || fail "no guest kernel release"
if [ -r "/boot/config-$rel" ]; then
	"$cj" "$tmp/r/meta.json" \
		"backends.vm.guest_machine.kernel_config.source=string" ||
		fail "the host has /boot/config-$rel, the guest's record no config"
fi
echo "ok: the guest's machine is typed (kernel $rel, config $("$cj" "$tmp/r/meta.json" backends.vm.guest_machine.kernel_config.source), HZ $("$cj" "$tmp/r/meta.json" backends.vm.guest_machine.hz))"
