#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# syncbench's bad input: every case exits 2 with one clear message naming
# the fix, and writes nothing. Also --help/--version, and that a result
# directory of another run is refused without --resume and left untouched.
# Usage: test_cli.sh BINDIR
set -u
bin=$1/syncbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# expect_bad WHAT-IN-STDERR ARGS...: exit 2, nothing on stdout, the message
# as the one line on stderr, no directory.
expect_bad() {
	want=$1
	shift
	out=$tmp/out
	"$bin" "$@" >"$tmp/stdout" 2>"$out"
	rc=$?
	if [ $rc -ne 2 ]; then
		echo "FAIL: syncbench $*: exit $rc, want 2"; cat "$tmp/stdout" "$out"
		fails=$((fails + 1))
	elif [ -s "$tmp/stdout" ]; then
		echo "FAIL: syncbench $*: wrote to stdout:"; cat "$tmp/stdout"
		fails=$((fails + 1))
	elif ! grep -q -- "$want" "$out"; then
		echo "FAIL: syncbench $*: message lacks '$want':"; cat "$out"
		fails=$((fails + 1))
	elif [ "$(wc -l <"$out")" -ne 1 ]; then
		echo "FAIL: syncbench $*: want one line on stderr:"; cat "$out"
		fails=$((fails + 1))
	elif [ "$nodir" = 1 ] && [ -e "$tmp/r" ]; then
		echo "FAIL: syncbench $*: wrote $tmp/r"
		fails=$((fails + 1))
	else
		echo "ok: $* -> $(cat "$out")"
	fi
}

r=$tmp/r
nodir=1
many=$(( $(nproc) + 1 ))
expect_bad "empty item" run --threads 1,,2 -o "$r"
expect_bad "unknown primitive 'foo'" run --prim spin,foo -o "$r"
expect_bad "can place at most" run --threads $many -o "$r"
expect_bad "at most" run --placement cores --threads 1,$many -o "$r"
expect_bad "unknown policy 'numa'" run --placement numa -o "$r"
# the backend table refuses a name it lacks, naming the ones it has
expect_bad "unknown backend 'qemu'; use user, kernel or vm" \
	run --backend qemu -o "$r"
expect_bad "unknown backend 'VM'" run --backend user,VM -o "$r"
# needs_root, asked of the descriptor before the backend's own check
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$bin" run --backend kernel --dry-run -o "$r" \
		>"$tmp/stdout" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 2 ] || ! grep -q \
	   "^syncbench run: kernel backend: needs root: run syncbench as root, or use --backend vm$" \
	   "$tmp/err"; then
		echo "FAIL: kernel backend as uid 65534: exit $rc:"
		cat "$tmp/err"
		fails=$((fails + 1))
	else
		echo "ok: kernel backend as uid 65534 -> $(cat "$tmp/err")"
	fi
fi
expect_bad "needs --cpus" run --placement explicit -o "$r"
expect_bad "user backend: --cpus: explicit CPU 1000 is not an online CPU of this topology (accepted: " \
	run --cpus 1000 -o "$r"
expect_bad "--cpus '1-': cpus: malformed CPU list" run --cpus 1- -o "$r"
expect_bad "with a unit" run --duration 5 -o "$r"
# Past the config key's range: the option is named, not duration_ms.
expect_bad "^syncbench run: --duration 90s: at most 60000ms" run --duration 90s -o "$r"
expect_bad "^syncbench run: --warmup 20s: at most 10000ms" run --warmup 20s -o "$r"
expect_bad "^syncbench run: --set 'rcu_free=sync,': empty item" run --set rcu_free=sync, -o "$r"
expect_bad "given twice" run --set seed=1 --set seed=2 -o "$r"
expect_bad "^syncbench compare: --threshold x: expected a percentage" compare --threshold x a b
expect_bad "update_pct" run --update-pct 150 -o "$r"
# A matrix list is checked against its config key's range as it is read.
expect_bad "^syncbench run: --list-len: list_len: '0' is not an integer in \[1, " \
	run --list-len 0 -o "$r"
expect_bad "^syncbench run: --mem: bad memory policy 'bogus'" run --mem bogus -o "$r"
expect_bad "update_pct" run --set update_pct=500 -o "$r"
# Matrix keys through --set would run under a point id that says otherwise.
expect_bad "use --prim" run --set 'rcu_free=async prim=mutex' -o "$r"
expect_bad "use --update-pct" run --set update_pct=50 -o "$r"
expect_bad "no NUMA node 9" run --mem node=9 -o "$r"
expect_bad "pass -o" run --prim spin
expect_bad "unknown or incomplete option" run --bogus -o "$r"
expect_bad "unexpected argument" run extra -o "$r"
expect_bad "unknown command" frobnicate
# -o naming a file: say so, not "in use by another run".
: >"$tmp/file"
# (No -q: the store is opened before the plan line, so the error is alone.)
expect_bad "cannot create $tmp/file/.lock: Not a directory" run -o "$tmp/file"
expect_bad "cannot create /proc/syncbench-test" run -o /proc/syncbench-test
expect_bad "cannot create /proc/no-dir/r: No such file" run -o /proc/no-dir/r
expect_bad "empty directory name" run -o ""
# A directory with other files and no run (-o results, not results/NAME).
mkdir -p "$tmp/other/notes"
expect_bad "$tmp/other is not empty (notes) and holds no syncbench run" \
	run -o "$tmp/other"
expect_bad "holds no syncbench run" run --resume -o "$tmp/other"
[ "$(ls -A "$tmp/other")" = notes ] ||
	{ echo "FAIL: wrote into $tmp/other"; fails=$((fails + 1)); }
expect_bad "use it with --resume" run --retry-failed -o "$r"

expect_bad "synthetic" topo --synthetic "pack:x"
expect_bad "lstopo" topo --topology "$tmp/none.xml"
# topo --cpus: a CPU this topology lacks, or a malformed list.
expect_bad "^syncbench topo: --cpus: explicit CPU 1000 is not an online CPU of this topology (accepted: " \
	topo --cpus 0,1000
expect_bad "CPU 5 is not an online CPU of this topology (accepted: 0-3;" \
	topo --synthetic "pack:2 core:2 pu:1" --cpus 5
expect_bad "malformed CPU list '1-'" topo --cpus 1-
expect_bad "malformed CPU list 'x'" topo --cpus x
expect_bad "reversed" topo --cpus 3-1
# Missing pieces of the vm backend: QEMU, kernel image, module/headers.
SB_QEMU=/nonexistent/qemu expect_bad "apt-get install qemu-system-x86" \
	run --backend vm -o "$r"
expect_bad "linux-image-amd64" run --backend vm --vm-kernel "$tmp/vmlinuz" \
	-o "$r"
expect_bad "linux-headers" run --backend vm --vm-module "$tmp/none.ko" \
	-o "$r"
expect_bad "multiple" run --backend vm --vm-cpus 3 --vm-numa 2 -o "$r"
expect_bad "user backend" run --backend vm --mem interleave -o "$r"

for c in "--help" "--version" "run --help" "topo --help"; do
	# shellcheck disable=SC2086
	if ! "$bin" $c >"$tmp/out" 2>&1 || ! [ -s "$tmp/out" ]; then
		echo "FAIL: syncbench $c"; fails=$((fails + 1))
	fi
done
# --help says what the exit status means.
for c in run topo compare; do
	"$bin" $c --help | grep -qi "exit status" ||
		{ echo "FAIL: $c --help lists no exit status"; fails=$((fails + 1)); }
done
# run --help lists every matrix option with its default (dims.c's rows).
for o in 'backend LIST .*\[user\]' 'prim LIST .*\[spin\]' \
	 'threads LIST .*\[1\]' 'placement LIST .*\[compact\]' 'cpus CPULIST' \
	 'mem LIST .*\[local\]' 'update-pct LIST .*\[10\]' \
	 'list-len LIST .*\[64\]' 'cs-ns LIST .*\[0\]' 'think-ns LIST .*\[0\]' \
	 'irq-hz LIST .*\[0\]'; do
	"$bin" run --help | grep -q -- "^  --$o" ||
		{ echo "FAIL: run --help lacks --$o"; fails=$((fails + 1)); }
done
# run --help lists the keys --set takes, and not the matrix's own.
if ! "$bin" run --help | grep -q '^  rcu_free ' ||
   "$bin" run --help | grep -q '^  update_pct '; then
	echo "FAIL: run --help: --set keys"; fails=$((fails + 1))
fi

# A directory holding a run: refused without --resume, left as it was.
if "$bin" run --repeat 1 --duration 20ms --warmup 0ms -q -o "$r" >"$tmp/out" 2>&1; then
	before=$(cksum <"$r/points.jsonl")
	nodir=0
	expect_bad "pass --resume" run --repeat 1 --duration 20ms --warmup 0ms -o "$r"
	expect_bad "another matrix" run --repeat 1 --duration 30ms --resume -o "$r"
	# A meta.json that cannot be read cannot be checked, nor overwritten.
	cp "$r/meta.json" "$tmp/meta.json"
	echo garbage >"$r/meta.json"
	expect_bad "cannot read $r/meta.json: .*restore it" \
		run --repeat 1 --duration 20ms --warmup 0ms --resume -o "$r"
	[ "$(cat "$r/meta.json")" = garbage ] ||
		{ echo "FAIL: a damaged meta.json was overwritten"; fails=$((fails + 1)); }
	cp "$tmp/meta.json" "$r/meta.json"
	[ "$(cksum <"$r/points.jsonl")" = "$before" ] ||
		{ echo "FAIL: the stored run changed"; fails=$((fails + 1)); }
else
	echo "FAIL: a one-point user run failed:"; cat "$tmp/out"
	fails=$((fails + 1))
fi

# A store that cannot be written is not bad input: exit 1, not 2; and it is
# found before the plan line, so the error is the only line.
mkdir -p "$tmp/nometa/.meta.json.tmp"
"$bin" run --repeat 1 --duration 20ms --warmup 0ms -o "$tmp/nometa" >"$tmp/stdout" \
	2>"$tmp/out"
rc=$?
if [ $rc -ne 1 ] || [ -s "$tmp/stdout" ] ||
   [ "$(cat "$tmp/out")" != "syncbench run: cannot write $tmp/nometa/meta.json: Is a directory" ]; then
	echo "FAIL: meta.json not writable: exit $rc, want 1 and one line:"
	cat "$tmp/stdout" "$tmp/out"
	fails=$((fails + 1))
fi
# Output that cannot be written (a full disk: /dev/full) is a failure said
# on stderr, exit 1, never a silent 0 or a bare 2.
if [ -w /dev/full ]; then
	"$bin" run --backend user --prim spin --threads 1 --duration 20ms \
		--warmup 0ms --repeat 1 -q -o "$tmp/full" >/dev/null 2>&1 ||
		{ echo "FAIL: the store for the /dev/full cases"; fails=$((fails + 1)); }
	for c in "show $tmp/full" "compare $tmp/full $tmp/full" topo \
		 "plot $tmp/full -o $tmp/fullplot" prims \
		 "run --dry-run --prim spin" "run --help" --help --version; do
		# shellcheck disable=SC2086 # the words of $c are the arguments
		"$bin" $c >/dev/full 2>"$tmp/fullerr"
		rc=$?
		if [ $rc -ne 1 ] ||
		   ! grep -q "cannot write standard output" "$tmp/fullerr"; then
			echo "FAIL: syncbench $c >/dev/full: exit $rc, want 1 and the reason: $(cat "$tmp/fullerr")"
			fails=$((fails + 1))
		else
			echo "ok: $c >/dev/full -> $(tail -n 1 "$tmp/fullerr")"
		fi
	done
fi

echo "$fails failure(s)"
[ $fails -eq 0 ]
