#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debug-kmod.sh - the debug kernel NAME and syncbench.ko built against it.
#
#   tests/vm/debug-kmod.sh NAME OUTDIR
#
# NAME is a kmod/vm/kconfig/ fragment (debug, kcsan). The kernel must be
# built already (scripts/build-debug-kernel NAME; scripts/test does it):
# a VM test must not spend 20 minutes in a build it did not ask for, and
# fails, never skips, when it is missing. The module is built against that
# tree by the project's own `kmod` target, in a CMake build of its own
# (OUTDIR/kbuild-NAME, -DKDIR=the tree), so the copy-and-Kbuild recipe stays
# kmod/CMakeLists.txt's. Prints two lines on stdout: the kernel image, the
# module.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
die() {
	echo "debug-kmod: FAIL: $*" >&2
	exit 1
}
[ $# -eq 2 ] || die "usage: debug-kmod.sh NAME OUTDIR"
name=$1
out=$2
kdir=$("$root/scripts/build-debug-kernel" --cached-only "$name") ||
	die "no $name kernel built: run scripts/build-debug-kernel $name" \
		"(about 18 min of CPU once; scripts/test does it)"
image=$kdir/arch/x86/boot/bzImage
kb=$out/kbuild-$name
mkdir -p "$kb"
cmake -S "$root" -B "$kb" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DKDIR="$kdir" -DSYNCBENCH_VM_TESTS=OFF >"$kb/configure.log" 2>&1 ||
	die "cmake for the $name module failed (see $kb/configure.log)"
cmake --build "$kb" --target kmod >"$kb/kmod.log" 2>&1 ||
	{ tail -n 30 "$kb/kmod.log" >&2; die "syncbench.ko against $kdir failed"; }
printf '%s\n%s\n' "$image" "$kb/kmod/syncbench.ko"
