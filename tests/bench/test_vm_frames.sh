#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The vm backend's host side without QEMU: stand-in kmod/vm tools
# ($SYNCBENCH_VM_TOOLS) whose "guest" writes frames to --data-out the way
# `syncbench guest-run` does, chosen by each point's update_pct:
#   u1  a real record, in two pieces with CRLF line ends (a partial frame);
#   u2  @@failed with a reason;
#   u3  nothing: the guest hangs, the point times out, the "VM" is stopped
#       and booted again for the rest;
#   u4  a real record, from the second boot.
# Then a hung boot and SIGTERM to the driver: exit 130 at once, VM gone.
# Usage: test_vm_frames.sh BINDIR
set -u
bin=$1/syncbench
user=$1/syncbench-user
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
[ -x /bin/busybox ] || { echo "SKIP: no /bin/busybox"; exit 77; }

mkdir "$tmp/tools"
cat >"$tmp/tools/mkinitramfs" <<'EOF'
#!/bin/sh
# The "initrd" is the point list.
while [ $# -gt 0 ]; do
	case "$1" in
	--out) out=$2; shift ;;
	--add) pts=${2%%:*}; shift ;;
	--*) shift ;;
	esac
	shift
done
cp "$pts" "$out"
EOF
cat >"$tmp/tools/boot" <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do
	case "$1" in
	--data-out) data=$2; shift ;;
	--initrd) pts=$2; shift ;;
	--console-log) : >"$2"; shift ;;
	--quiet) ;;
	--*) shift ;;
	esac
	shift
done
echo $$ >"$SB_FAKE_DIR/boot.pid"
[ "${SB_FAKE_HANG:-}" ] && exec sleep 300
tab=$(printf '\t')
while IFS="$tab" read -r id rep cfg; do
	case "$cfg" in
	*update_pct=1\ *)
		# shellcheck disable=SC2086
		"$SB_FAKE_USER" $cfg >"$SB_FAKE_DIR/rec" || exit 1
		n=$(wc -l <"$SB_FAKE_DIR/rec")
		{ printf '@@point %s %s\r\n' "$id" "$rep"
		  head -n $((n / 2)) "$SB_FAKE_DIR/rec" | sed 's/$/\r/'
		} >>"$data"
		sleep 1
		{ tail -n +$((n / 2 + 1)) "$SB_FAKE_DIR/rec" | sed 's/$/\r/'
		  printf '@@end\r\n'
		} >>"$data" ;;
	*update_pct=2\ *)
		printf '@@failed %s %s fake guest failure\n' "$id" "$rep" >>"$data" ;;
	*update_pct=4\ *)
		# shellcheck disable=SC2086
		"$SB_FAKE_USER" $cfg >"$SB_FAKE_DIR/rec" || exit 1
		{ printf '@@point %s %s\n' "$id" "$rep"
		  cat "$SB_FAKE_DIR/rec"
		  printf '@@end\n'
		} >>"$data" ;;
	*) exec sleep 300 ;;
	esac
done <"$pts"
EOF
chmod +x "$tmp/tools/boot" "$tmp/tools/mkinitramfs"
: >"$tmp/vmlinuz-fake"
: >"$tmp/fake.ko"
export SYNCBENCH_VM_TOOLS="$tmp/tools" SB_QEMU=/bin/true SB_FAKE_DIR="$tmp" \
	SB_FAKE_USER="$user"
set -- run --repeat 1 --backend vm --vm-accel tcg --vm-cpus 1 --vm-kernel "$tmp/vmlinuz-fake" \
	--vm-module "$tmp/fake.ko" --duration 20ms --warmup 0ms --timeout 1s

"$bin" "$@" --update-pct 1,2,3,4 -o "$tmp/r" >"$tmp/log" 2>&1
rc=$?
cat "$tmp/log"
[ $rc -eq 1 ] || fail "exit $rc, want 1 (a point failed)"
[ "$(wc -l <"$tmp/r/points.jsonl")" -eq 4 ] || fail "not 4 records"
grep '/u1/' "$tmp/r/points.jsonl" | grep -q '"status":"ok"' ||
	fail "a frame in two pieces with CRLF was not stored as ok"
grep '/u2/' "$tmp/r/points.jsonl" | grep -q '"reason":"fake guest failure"' ||
	fail "@@failed: reason not kept"
secs=$(grep '/u3/' "$tmp/r/points.jsonl" |
	sed -n 's/.*"reason":"timeout: no record from the VM in \([0-9]*\) s.*/\1/p')
[ -n "$secs" ] || fail "hung guest: no timeout reason"
# 20 ms + --timeout 1s + 10 s of slack were waited, and the reason says so.
[ "$secs" -ge 10 ] || fail "the timeout reason says $secs s, but >= 11 s were waited"
grep '/u3/' "$tmp/r/points.jsonl" | grep -q 'see [^"]*/r/vm-console.log"' ||
	fail "hung guest: the reason does not name the first boot's console"
# One hung point costs one point: the VM is booted again for the rest.
grep '/u4/' "$tmp/r/points.jsonl" | grep -q '"status":"ok"' ||
	fail "the point after a hung one did not run in a second boot"
grep -q '"boots": 2' "$tmp/r/meta.json" || fail "meta.json: not 2 boots"
[ -f "$tmp/r/vm-console.2.log" ] || fail "no vm-console.2.log for the second boot"
kill -0 "$(cat "$tmp/boot.pid")" 2>/dev/null && fail "the stand-in VM still runs"

# A guest that never answers, and the driver is told to stop.
rm -f "$tmp/boot.pid"
SB_FAKE_HANG=1 "$bin" "$@" -q -o "$tmp/r2" >"$tmp/log2" 2>&1 &
pid=$!
i=0
while [ ! -s "$tmp/boot.pid" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -s "$tmp/boot.pid" ] || fail "the stand-in VM never started: $(cat "$tmp/log2")"
kill -TERM $pid
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
if kill -0 $pid 2>/dev/null; then
	kill -KILL $pid
	fail "SIGTERM while waiting for the VM: still running after 5 s"
fi
wait $pid
rc=$?
cat "$tmp/log2"
[ $rc -eq 130 ] || fail "SIGTERM while waiting for the VM: exit $rc, want 130"
[ ! -s "$tmp/r2/points.jsonl" ] || fail "an interrupted point was stored"
kill -0 "$(cat "$tmp/boot.pid")" 2>/dev/null && fail "the stand-in VM outlived the driver"
echo "PASS: partial CRLF frame, @@failed, timeout and reboot, SIGTERM while booting"
