#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# No shell sees a path: the vm backend makes its temporary directory under
# $TMPDIR and removes it afterwards, whatever the name holds. A TMPDIR
# with quotes in it must not make the cleanup delete a sibling directory,
# nor run a command; SB_QEMU=/bin/false makes the boot fail at once, so the
# backend cleans up after one failed point.
# Usage: test_vm_tmpdir.sh BINDIR
set -u
bin=$1/syncbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
[ -x /bin/busybox ] || { echo "SKIP: no /bin/busybox"; exit 77; }

: >"$tmp/vmlinuz-fake"
: >"$tmp/fake.ko"
# run_vm NAME TMPDIR: one vm point that fails at boot, store $tmp/NAME.
run_vm() {
	SB_QEMU=/bin/false TMPDIR=$2 "$bin" run --backend vm --vm-accel tcg \
		--vm-cpus 1 --vm-kernel "$tmp/vmlinuz-fake" \
		--vm-module "$tmp/fake.ko" --duration 20ms --warmup 0ms \
		--timeout 1s -q -o "$tmp/$1" >"$tmp/$1.log" 2>&1
	rc=$?
	cat "$tmp/$1.log"
	[ $rc -eq 1 ] || fail "$1: exit $rc, want 1 (the boot fails)"
	grep -q '"status":"failed"' "$tmp/$1/points.jsonl" ||
		fail "$1: the failed boot was not stored as a failed point"
}

# rm -rf '$tmp/t' '/y/syncbench-vm.XXXXXX' through a shell would delete t.
mkdir -p "$tmp/t' '/y" "$tmp/t"
: >"$tmp/t/keep"
run_vm quote "$tmp/t' '/y"
[ -f "$tmp/t/keep" ] || fail "a TMPDIR with quotes deleted the sibling $tmp/t"
[ -d "$tmp/t' '/y" ] || fail "the TMPDIR itself was deleted"
[ -z "$(ls -A "$tmp/t' '/y")" ] ||
	fail "the vm backend's temporary directory was left: $(ls -A "$tmp/t' '/y")"

# '; touch ...; ' in the name would run touch through a shell.
evil="$tmp/x'; touch $tmp/pwned; '"
mkdir -p "$evil"
run_vm inject "$evil"
[ ! -e "$tmp/pwned" ] || fail "a TMPDIR holding '; cmd; ' ran the command"
[ -z "$(ls -A "$evil")" ] ||
	fail "the vm backend's temporary directory was left: $(ls -A "$evil")"
# A comma in the store path and in TMPDIR: QEMU splits an option's value
# at commas, so "-chardev file,path=.../spin,mutex/..." failed every point
# with an empty console log (and could inject an option). With commas
# escaped QEMU gets as far as the (fake) kernel, and the failed record
# carries QEMU's own words for why the VM exited.
if command -v qemu-system-x86_64 >/dev/null; then
	mkdir -p "$tmp/t,mp"
	TMPDIR="$tmp/t,mp" timeout 60 "$bin" run --backend vm --vm-accel tcg \
		--vm-cpus 1 --vm-kernel "$tmp/vmlinuz-fake" \
		--vm-module "$tmp/fake.ko" --duration 20ms --warmup 0ms \
		--timeout 1s --repeat 1 -q -o "$tmp/spin,mutex" \
		>"$tmp/comma.log" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "comma: exit $rc, want 1 (the fake kernel): $(cat "$tmp/comma.log")"
	reason=$(grep -o '"reason":"[^"]*"' "$tmp/spin,mutex/points.jsonl")
	echo "comma: $reason"
	case $reason in
	*"Invalid parameter"*|*"mutex/vm-console"*"Invalid"*)
		fail "comma: QEMU split a path at its comma: $reason" ;;
	*"qemu"*"kernel"*) ;;
	*) fail "comma: the record lacks QEMU's own error: $reason" ;;
	esac
	[ -z "$(ls -A "$tmp/t,mp")" ] ||
		fail "comma: the temporary directory was left: $(ls -A "$tmp/t,mp")"
fi
echo "PASS: a TMPDIR with quotes removes only the backend's own directory; commas reach QEMU escaped"
