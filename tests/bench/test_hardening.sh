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
		echo "ok: $desc: $(cat "$tmp/err")"
	fi
}

# Item 8: a synthetic topology is counted before hwloc builds it.
refused "a million-CPU synthetic topology" \
	"$sb" topo --synthetic "pack:1000 core:1000 pu:10"
refused "2000 CPUs, beyond the 1024 a CPU list can name" \
	"$sb" topo --synthetic "pack:2 core:1000 pu:1"
timeout 10 "$sb" topo --synthetic "pack:2 core:512 pu:1" >/dev/null 2>&1 ||
	fail "1024 CPUs exactly must load"

[ $fails -eq 0 ] || exit 1
echo "PASS"
