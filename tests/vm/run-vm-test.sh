#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-vm-test.sh - one VM test scenario, as ctest runs it.
#
#   run-vm-test.sh --scenario NAME --ko SYNCBENCH_KO --checker CHECK_RECORDS
#                  --sb-write SB_WRITE --workdir DIR [--smp N] [--numa N]
#                  [--mem MiB] [--timeout S] [--min-results N] [--min-checks N]
#                  [--prims FILE] [--add-binary HOSTBIN:GUESTPATH ...]
#                  [--debug-kernel NAME] [--mem MiB]
#
# --mem MiB: the guest's memory (kmod/vm/boot's default when not given).
# --prims FILE: the catalogue's kernel rows ("name cap,cap" a line, written
# by cmake/SbPrims.cmake), /lib/sb/prims.txt in the guest: the module must
# offer exactly these, and the guest scripts loop over them.
# Builds an initramfs (kmod/vm/mkinitramfs) holding the module, sb-write,
# tests/vm/guest-NAME.sh with guest-lib.sh and any --add-binary program
# (with its libraries: the userspace mirror, say), boots the kernel whose
# version is the module's vermagic (kmod/vm/boot; accel from SB_VM_ACCEL,
# default tcg), and judges the guest's records and kernel log with
# check_records.
# Everything stays in DIR: NAME.console (guest console), NAME.data (records).
# Every tests/vm/guest-*.sh is in the guest's /lib/sb/, so a scenario can run
# others' scripts (guest-debug.sh runs them all).
#
# --debug-kernel NAME: boot the kernel scripts/build-debug-kernel NAME built
# (kmod/vm/kconfig/NAME.config) instead of the module's distribution kernel,
# with the module rebuilt against it (tests/vm/debug-kmod.sh; --ko is then
# unused). --mem MiB: the guest's memory (kmod/vm/boot's default otherwise).
#
# Fails, never skips: a missing module, kernel image or tool is an error
# with the command that fixes it (CI installs them all).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
vm=$here/../../kmod/vm
die() {
	echo "vm-test: FAIL: $*" >&2
	exit 1
}

scenario='' ko='' checker='' sbwrite='' workdir='' prims=''
smp=2 numa=0 mem='' timeout=240 min_results=0 min_checks=0
bins=
debug_kernel=''
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || die "$1 needs a value"
	case $1 in
	--scenario) scenario=$2 ;;
	--ko) ko=$2 ;;
	--checker) checker=$2 ;;
	--sb-write) sbwrite=$2 ;;
	--workdir) workdir=$2 ;;
	--smp) smp=$2 ;;
	--numa) numa=$2 ;;
	--mem) mem=$2 ;;
	--timeout) timeout=$2 ;;
	--min-results) min_results=$2 ;;
	--min-checks) min_checks=$2 ;;
	--prims) prims=$2 ;;
	--add-binary) bins="$bins $2" ;;
	--debug-kernel) debug_kernel=$2 ;;
	*) die "unknown argument '$1'" ;;
	esac
	shift 2
done
[ -n "$scenario" ] && [ -n "$ko" ] && [ -n "$checker" ] &&
	[ -n "$sbwrite" ] && [ -n "$workdir" ] || die "missing arguments (see the header)"
guest=$here/guest-$scenario.sh
[ -f "$guest" ] || die "no guest script $guest"
mkdir -p "$workdir"
kernel=
if [ -n "$debug_kernel" ]; then
	built=$("$here/debug-kmod.sh" "$debug_kernel" "$workdir") ||
		die "no $debug_kernel kernel or module (see above)"
	kernel=$(printf '%s\n' "$built" | sed -n 1p)
	ko=$(printf '%s\n' "$built" | sed -n 2p)
fi
[ -f "$ko" ] || die "module $ko not built: cmake --build <build> --target kmod" \
	"(needs linux-headers-amd64)"
[ -x "$checker" ] || die "checker $checker not built"
[ -x "$sbwrite" ] || die "sb-write $sbwrite not built"
[ -z "$prims" ] || [ -r "$prims" ] || die "no primitive list $prims"
command -v modinfo >/dev/null || die "modinfo missing: apt-get install kmod"

# The module only loads into the kernel it was built for: boot exactly that.
kver=$(modinfo -F vermagic "$ko" | awk '{ print $1 }')
[ -n "$kver" ] || die "no vermagic in $ko"
if [ -z "$kernel" ]; then
	kernel=/boot/vmlinuz-$kver
	[ -r "$kernel" ] || die "module built for $kver but $kernel is missing:" \
		"apt-get install linux-image-$kver"
fi
initrd=$workdir/$scenario.cpio.gz
console=$workdir/$scenario.console
data=$workdir/$scenario.data
rm -f "$console" "$data"
set -- --add-binary "$sbwrite:/bin/sb-write"
[ -z "$prims" ] || set -- "$@" --add "$prims:/lib/sb/prims.txt"
for b in $bins; do
	set -- "$@" --add-binary "$b"
done
for g in "$here"/guest-*.sh; do
	set -- "$@" --add "$g:/lib/sb/${g##*/}"
done
"$vm/mkinitramfs" --out "$initrd" --init-script "$guest" --module "$ko" \
	--add "$here/guest-lib.sh:/lib/sb/guest-lib.sh" "$@" ||
	die "mkinitramfs failed"

echo "vm-test: $scenario: booting $kver ($kernel), smp $smp, numa $numa," \
	"${mem:+mem ${mem} MiB, }timeout ${timeout}s"
set --
[ -z "$mem" ] || set -- --mem "$mem"
start=$(date +%s)
rc=0
"$vm/boot" "$@" --kernel "$kernel" --initrd "$initrd" --smp "$smp" \
	--numa "$numa" --accel "${SB_VM_ACCEL:-tcg}" --timeout "$timeout" \
	--console-log "$console" --data-out "$data" --quiet || rc=$?
echo "vm-test: $scenario: guest ran $(($(date +%s) - start)) s, boot exit $rc"

# What the guest said it did (the console keeps the kernel log as well).
grep -aE '^(sbvm:|SB-GUEST|Linux version|\[ *[0-9.]+\] Linux version)' \
	"$console" || true

crc=0
"$checker" --min-results "$min_results" --min-checks "$min_checks" \
	"$data" "$console" || crc=$?
if [ "$rc" -ne 0 ] || [ "$crc" -ne 0 ]; then
	echo "vm-test: $scenario: last console lines:"
	tail -n 40 "$console"
	case $rc in
	0) ;;
	124) die "$scenario: the guest timed out after ${timeout}s" ;;
	3) die "$scenario: the guest kernel panicked" ;;
	*) die "$scenario: boot exited $rc" ;;
	esac
	die "$scenario: check_records found failures (files in $workdir)"
fi
echo "vm-test: $scenario: PASSED"
