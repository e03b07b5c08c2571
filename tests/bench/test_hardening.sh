#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.hardening: inputs an adversarial pass found mishandled (issue 11),
# each refused at once with one line on stderr and exit status 2.
#   test_hardening.sh BIN_DIR
set -u
sb=$1/syncbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# refused DESC CMD...: exit 2 within 10 s, exactly one line on stderr,
# nothing on stdout.
refused() {
	desc=$1
	shift
	timeout 10 "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 2 ] || [ -s "$tmp/out" ] ||
	   [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
		fail "$desc: exit $rc (want 2), stdout $(wc -c <"$tmp/out") bytes," \
			"stderr: $(head -c 300 "$tmp/err")"
	else
		printf 'ok: %s: %s\n' "$desc" "$(cat "$tmp/err")"
	fi
}

# Item 8: a synthetic topology is counted before hwloc builds it.
refused "a million-CPU synthetic topology" \
	"$sb" topo --synthetic "pack:1000 core:1000 pu:10"
refused "2000 CPUs, beyond the 1024 a CPU list can name" \
	"$sb" topo --synthetic "pack:2 core:1000 pu:1"
timeout 10 "$sb" topo --synthetic "pack:2 core:512 pu:1" >/dev/null 2>&1 ||
	fail "1024 CPUs exactly must load"

# Item 5: a point the catalogue forbids (an interrupt contender on a
# primitive without the irq capability) never becomes a failed record: the
# plan leaves it out and says so, and a matrix of nothing else is refused
# with nothing created.
refused "a matrix of impossible points only" \
	"$sb" run --prim spin,mutex --irq-hz 1000 -o "$tmp/impossible"
[ -e "$tmp/impossible" ] && fail "an impossible matrix created its store"
"$sb" run --prim spin,spin_irqsave --irq-hz 0,1000 --dry-run \
	-o "$tmp/mixed" >"$tmp/out" 2>&1 || fail "a mixed matrix: $(cat "$tmp/out")"
grep -q '^plan: 3 points' "$tmp/out" || fail "mixed matrix: $(head -1 "$tmp/out")"
grep -q '^excluded: 1 impossible point, e.g. user/spin/.*/irq1000: prim=spin' \
	"$tmp/out" || fail "the plan does not say what it left out"
grep -v '^excluded' "$tmp/out" | grep -q '/spin/.*irq1000' &&
	fail "spin with irq1000 is in the plan"

# Item 4: --resume may add repeats, never drop them, and never extends a
# store of a newer schema; a matrix dimension added since the store was
# written is the same matrix at its default.
r=$tmp/resume
set -- run --repeat 1 --prim spin --duration 10ms --warmup 5ms -q -o "$r"
run() {
	"$sb" "$@"
}
run "$@" --repeat 2 >/dev/null 2>&1 ||
	fail "the first run of the resume store"
refused "--resume with fewer repeats than stored" \
	"$sb" "$@" --repeat 1 --resume
grep -q '"repeat": 2' "$r/meta.json" || fail "meta.json's repeat was rewritten"
sed 's/"schema": 1,/"schema": 9,/' "$r/meta.json" >"$tmp/m" &&
	cp "$tmp/m" "$r/meta.json"
refused "--resume of a store of a newer schema" \
	"$sb" "$@" --repeat 2 --resume
sed 's/"schema": 9,/"schema": 1,/' "$r/meta.json" >"$tmp/m" &&
	cp "$tmp/m" "$r/meta.json"
# The store as a syncbench without --irq-hz wrote it.
awk '/^    "irq_hz": \[/ { skip = 3 } skip { skip--; next } { print }' \
	"$r/meta.json" >"$tmp/m" && cp "$tmp/m" "$r/meta.json"
grep -q '"irq_hz"' "$r/meta.json" && fail "could not remove irq_hz"
run "$@" --repeat 3 --resume >/dev/null 2>"$tmp/err" ||
	fail "--resume after a new dimension at its default: $(cat "$tmp/err")"
[ "$(wc -l <"$r/points.jsonl")" -eq 3 ] || fail "resume did not add repeat 3"
refused "--resume with another value of the new dimension" \
	"$sb" "$@" --repeat 3 --irq-hz 0,100 --resume

# Item 11: a store that cannot be written at the start (here a file-size
# limit, as a full disk does) gets one line, exit 1, and no partial file.
(
	trap '' XFSZ
	ulimit -f 4
	exec "$sb" run --duration 10ms --warmup 5ms -o "$tmp/full"
) >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ] ||
	fail "an unwritable store: exit $rc, stderr: $(cat "$tmp/err")"
[ -e "$tmp/full/topology.xml" ] && fail "a partial topology.xml was left"
[ -e "$tmp/full/meta.json" ] && fail "a partial meta.json was left"

# Item 10: a value with control bytes is shown escaped, on one line.
refused "a store path with a newline" \
	"$sb" plot "$(printf '/nonexistent/a\nb')"
grep -q 'a\\nb' "$tmp/err" || fail "the newline is not shown as \\n"
refused "--set with an escape byte" \
	"$sb" run --set "$(printf 'seed=1\033[31m')" -o "$tmp/esc"
grep -q '\\x1b' "$tmp/err" || fail "the escape byte is not shown as \\x1b"

# Issue 21 item 17: a setup every point would fail on is refused before
# the first point, exit 2 naming the cause, nothing written (it was stored
# as failed measurements, exit 1).
: >"$tmp/vmlinuz-fake"
: >"$tmp/fake.ko"
refused "the vm backend with a TMPDIR that does not exist" \
	env SB_QEMU=/bin/false TMPDIR="$tmp/no-such-dir" "$sb" run \
	--backend vm --vm-accel tcg --vm-cpus 1 --vm-kernel "$tmp/vmlinuz-fake" \
	--vm-module "$tmp/fake.ko" --duration 20ms --warmup 0ms --repeat 1 \
	-q -o "$tmp/notmp"
grep -q "TMPDIR" "$tmp/err" || fail "the TMPDIR is not named"
[ -e "$tmp/notmp" ] && fail "a missing TMPDIR still wrote the store"
refused "too few file descriptors (ulimit -n 16)" \
	sh -c 'ulimit -n 16 && exec "$0" run --prim spin --threads 1 \
		--duration 20ms --warmup 0ms --repeat 1 -q -o "$1"' \
	"$sb" "$tmp/nofd"
grep -q "file descriptors.*ulimit -n" "$tmp/err" ||
	fail "the descriptor limit is not named"
[ -e "$tmp/nofd" ] && fail "too few descriptors still wrote the store"

[ $fails -eq 0 ] || exit 1
echo "PASS"
