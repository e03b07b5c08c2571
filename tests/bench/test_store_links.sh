#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.store_links (issue 21 item 3): a store directory is data another
# user may have prepared. Nothing in it is opened through a symbolic link
# (the temporaries .meta.json.tmp, .summary.json.tmp, .points.csv.tmp, the
# .lock), a directory holding dot files of others is not empty, a store
# directory of another user is refused with exit 2 and the reason, and the
# vm backend's KVM-probe cache (kmod/vm/boot) is never written or trusted
# through a link. Each victim is a file the run must leave as it was.
#   test_store_links.sh BIN_DIR SOURCE_DIR
set -u
sb=$1/syncbench
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
run() {
	"$sb" run --prim spin --duration 10ms --warmup 5ms --repeat 1 -q "$@"
}
victim=$tmp/victim
reset_victim() {
	rm -f "$victim"
	echo "root-only contents" >"$victim"
	chmod 600 "$victim"
}
victim_intact() {
	[ "$(cat "$victim" 2>/dev/null)" = "root-only contents" ] ||
		fail "$1: the file a link pointed to was written"
}
# refused DESC WANT CMD...: exit 2 and WANT on stderr.
refused() {
	desc=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 2 ] || ! grep -q -- "$want" "$tmp/err"; then
		fail "$desc: exit $rc (want 2 saying '$want'): $(cat "$tmp/err")"
	else
		echo "ok: $desc: $(cat "$tmp/err")"
	fi
}

# A fresh -o whose only entries are links under the names of the store's
# temporaries and lock: not empty, refused, nothing written through them.
for name in .meta.json.tmp .summary.json.tmp .points.csv.tmp .lock; do
	reset_victim
	d=$tmp/fresh$name
	mkdir "$d"
	ln -s "$victim" "$d/$name"
	refused "a new store holding a link $name" "is not empty ($name)" \
		run -o "$d"
	victim_intact "link $name in a new store"
done
# A lock link to a file that does not exist yet: never created as us.
d=$tmp/freshlock2
mkdir "$d"
ln -s "$tmp/created-by-run" "$d/.lock"
refused "a new store holding a dangling .lock link" "is not empty (.lock)" \
	run -o "$d"
[ -e "$tmp/created-by-run" ] && fail "the .lock link's target was created"
# A dot file that is no temporary of ours makes the directory not empty.
d=$tmp/dotonly
mkdir "$d"
: >"$d/.other.tmp"
refused "a directory holding only a dot file" "is not empty (.other.tmp)" \
	run -o "$d"

# An existing store of ours, resumed with links planted under the names of
# its temporaries: each temporary is made new (O_EXCL|O_NOFOLLOW) beside
# the link, which is replaced, never followed.
st=$tmp/store
run -o "$st" >/dev/null 2>&1 || fail "the first run of the resume store"
for name in .meta.json.tmp .summary.json.tmp .points.csv.tmp; do
	reset_victim
	ln -s "$victim" "$st/$name"
	run -o "$st" --repeat 1 --resume >/dev/null 2>"$tmp/err" ||
		fail "--resume with a link $name: $(cat "$tmp/err")"
	victim_intact "--resume with a link $name"
	[ -L "$st/$name" ] && fail "--resume left the link $name"
done
# The lock of an existing store replaced by a link: refused, not followed.
reset_victim
rm -f "$st/.lock"
ln -s "$victim" "$st/.lock"
refused "--resume with .lock a link" "symbolic link" \
	run -o "$st" --repeat 1 --resume
victim_intact "--resume with .lock a link"
rm -f "$st/.lock"

# A directory of another user: refused before anything is read or written,
# as root too (root can make one to test with).
if [ "$(id -u)" -eq 0 ]; then
	d=$tmp/theirs
	mkdir "$d"
	chown 65534 "$d"
	refused "a store directory of another user" "belongs to user 65534" \
		run -o "$d"
	[ -z "$(ls -A "$d")" ] || fail "the other user's directory was written"
	cp -r "$st" "$tmp/theirs2"
	chown -R 65534 "$tmp/theirs2"
	refused "--resume of another user's store" "belongs to user 65534" \
		run -o "$tmp/theirs2" --repeat 2 --resume
	ln -s "$st" "$tmp/theirlink"
	chown -h 65534 "$tmp/theirlink"
	refused "-o a link of another user" "symbolic link of user 65534" \
		run -o "$tmp/theirlink" --repeat 2 --resume
else
	echo "skip: the other-user cases need root"
fi

# kmod/vm/boot --accel auto: its KVM-probe cache under XDG_CACHE_HOME. A
# stand-in qemu answers --version and exits; the probe's answer is written.
boot=$src/kmod/vm/boot
fq=$tmp/fake-qemu
printf '#!/bin/sh\n[ "$1" = --version ] && echo "QEMU fake 1.0"\nexit 0\n' \
	>"$fq"
chmod +x "$fq"
: >"$tmp/initrd"
: >"$tmp/kernel"
boot_auto() {
	XDG_CACHE_HOME=$1 SB_QEMU=$fq "$boot" --initrd "$tmp/initrd" \
		--kernel "$tmp/kernel" --accel auto --quiet --timeout 5 \
		>/dev/null 2>"$tmp/boot.err" ||
		fail "boot --accel auto: $(cat "$tmp/boot.err")"
}
# The cache file a link: replaced by a file of ours, its target untouched.
reset_victim
mkdir -p "$tmp/cache1/syncbench"
ln -s "$victim" "$tmp/cache1/syncbench/kvm-probe"
boot_auto "$tmp/cache1"
victim_intact "the KVM-probe cache a link"
[ -L "$tmp/cache1/syncbench/kvm-probe" ] && fail "the cache link was kept"
[ "$(sed -n 2p "$tmp/cache1/syncbench/kvm-probe")" = tcg ] ||
	[ "$(sed -n 2p "$tmp/cache1/syncbench/kvm-probe")" = kvm ] ||
	fail "the probe's answer was not cached"
# The cache directory a link to a directory of the victim's: not written.
mkdir "$tmp/elsewhere" "$tmp/cache2"
ln -s "$tmp/elsewhere" "$tmp/cache2/syncbench"
boot_auto "$tmp/cache2"
[ -z "$(ls -A "$tmp/elsewhere")" ] ||
	fail "the cache was written through a directory link"
# A planted cache (a link holding an answer) is not trusted.
key=$(printf '%s %s\n' "$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)" \
	"QEMU fake 1.0")
printf '%s\nkvm\n' "$key" >"$tmp/planted"
mkdir -p "$tmp/cache3/syncbench"
ln -s "$tmp/planted" "$tmp/cache3/syncbench/kvm-probe"
boot_auto "$tmp/cache3"
grep -q "cached in" "$tmp/boot.err" &&
	fail "a cache link's answer was trusted: $(cat "$tmp/boot.err")"

if [ $fails -ne 0 ]; then
	echo "$fails failure(s)"
	exit 1
fi
echo "PASS: no link in a store or the KVM cache was followed"
