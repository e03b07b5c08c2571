# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.workloads guest: the read-mostly workload keys on every primitive of
# the catalogue's kernel rows (/lib/sb/prims.txt), 2 threads each:
#   roles   updaters=1: thread 0 only updates, thread 1 only looks up (the
#           host checks every thread kept to its role)
#   paced   the same with update_interval_ns=200000 (call_rcu-style frees
#           where there are grace periods): at most 5000 updates a second
#           (a deadline schedule cannot run ahead); the harness (null)
#           reaches at least half of it, a lock may hold its writer back
#           (a reader-busy rwlock does, some 350 a second under TCG)
#   fine    update_pct=0.5, a rate an integer percent could not say
#   hold    hold_ns=1000: each lookup keeps reading its entry 1 us
#   churn   update_op=delete_insert (rows with the churn capability): every
#           update unlinks its entry and links a fresh one, under the same
#           key (key_space = list_len) and then over key_space=128, where
#           lookups must miss (lookup_misses > 0) and the list must keep
#           its length, its keys distinct and its sum; a row without the
#           capability refuses delete_insert (EINVAL)
#   buckets buckets=4: four lists, each with its own lock (or update-side
#           lock and RCU head), the invariants checked per bucket; with
#           the interrupt or softirq contender where the row has one (its
#           lookups take the bucket's lock too), with rcu_free=kfree_rcu
#           where the row frees so (one pending count for every
#           bucket's updaters), and, on rows with the
#           churn capability, delete_insert over key_space=128 (a fresh key
#           stays in its bucket); buckets=list_len (64 locks: every key its
#           own); more buckets than entries is refused (EINVAL)
#   ref     ref=refcount (rows with the ref capability): lookups take a
#           reference, leave the section, use the entry 500 ns and drop it,
#           while updates free entries at their last reference (RCU-like
#           rows with deferred frees, lock rows with delete_insert); a row
#           without it refuses ref=refcount, and a lock row refuses it with
#           in-place updates (EINVAL)
# A broken primitive races by design once it updates; vm.race judges it.
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

W="cpus=0-1 duration_ms=200 warmup_ms=20"

load_module || guest_done
while read -r prim caps; do
	expect=ok
	free=
	case ",$caps," in
	*,broken,*) expect=nolock ;;
	esac
	# A synchronous free waits a grace period per update (some 30 ms under
	# TCG): the pace would be the grace period's, not the interval's.
	case ",$caps," in
	*,grace,*) free=rcu_free=async ;;
	esac
	run_point "$prim/roles" "$expect" \
		"prim=$prim $W update_pct=0 updaters=1"
	run_point "$prim/paced" "$expect" \
		"prim=$prim $W update_pct=0 updaters=1 update_interval_ns=200000 $free"
	# The pace is a ceiling for every primitive; where nothing else
	# holds the updater back (the harness: no lock) it is also the rate.
	_u=$(result_value updates_per_sec)
	_min=1
	case ",$caps," in
	*,harness,*) _min=2500 ;;
	esac
	if [ "${_u:-0}" -le 5250 ] && [ "${_u:-0}" -ge "$_min" ]; then
		pass "$prim: paced updater at $_u updates/s (asked 5000, at least $_min)"
	else
		fail "$prim: paced updater at ${_u:-?} updates/s (asked 5000, at least $_min)"
	fi
	run_point "$prim/fine" "$expect" "prim=$prim $W update_pct=0.5"
	run_point "$prim/hold" "$expect" \
		"prim=$prim $W update_pct=10 hold_ns=1000"
	run_point "$prim/buckets" "$expect" \
		"prim=$prim $W update_pct=20 buckets=4 cs_ns=200 $free"
	run_point "$prim/buckets64" "$expect" \
		"prim=$prim $W update_pct=20 buckets=64 list_len=64 $free"
	case ",$caps," in
	*,irq,*|*,softirq,*)
		run_point "$prim/buckets-irq" "$expect" \
			"prim=$prim $W update_pct=20 buckets=4 irq_hz=2000 $free"
		;;
	esac
	# kfree_rcu's pending count is shared by every bucket's updaters
	case ",$caps," in
	*,kfree,*)
		run_point "$prim/buckets-kfree" "$expect" \
			"prim=$prim $W update_pct=20 buckets=4 rcu_free=kfree_rcu"
		;;
	esac
	case ",$caps," in
	*,ref,*grace,*|*,grace,*ref,*)
		run_point "$prim/ref" "$expect" \
			"prim=$prim $W update_pct=20 ref=refcount hold_ns=500 $free"
		;;
	*,ref,*)
		run_point "$prim/ref" "$expect" \
			"prim=$prim $W update_pct=20 ref=refcount hold_ns=500 update_op=delete_insert"
		expect_err EINVAL "$prim refuses ref=refcount with replace" \
			config "prim=$prim update_op=replace ref=refcount
"
		;;
	*)
		expect_err EINVAL "$prim refuses ref=refcount" config \
			"prim=$prim ref=refcount
"
		;;
	esac
	case ",$caps," in
	*,churn,*) ;;
	*)
		expect_err EINVAL "$prim refuses delete_insert" config \
			"prim=$prim update_op=delete_insert
"
		continue
		;;
	esac
	run_point "$prim/churn" "$expect" \
		"prim=$prim $W update_pct=20 update_op=delete_insert $free"
	run_point "$prim/churn-b4" "$expect" \
		"prim=$prim $W update_pct=20 update_op=delete_insert key_space=128 buckets=4 $free"
	run_point "$prim/churn-ks128" "$expect" \
		"prim=$prim $W update_pct=20 update_op=delete_insert key_space=128 $free"
	_m=$(result_value lookup_misses)
	case ",$caps," in
	*,harness,*) ;;	# no list walk: nothing to miss
	*)
		if [ "${_m:-0}" -gt 0 ]; then
			pass "$prim: delete_insert over 128 keys: $_m lookups missed"
		else
			fail "$prim: delete_insert over 128 keys: lookup_misses=${_m:-?}"
		fi
		;;
	esac
done </lib/sb/prims.txt
# The roles' bad input: more updaters than threads, and update_pct with
# roles, each refused whole (EINVAL, the config unchanged).
expect_err EINVAL "updaters above the thread count" config \
	"prim=spin cpus=0-1 update_pct=0 updaters=3
"
expect_err EINVAL "update_pct with updaters" config \
	"prim=spin cpus=0-1 update_pct=10 updaters=1
"
expect_err EINVAL "update_pct with a fourth decimal" config \
	"update_pct=0.0001
"
expect_err EINVAL "more buckets than list entries" config \
	"list_len=64 buckets=65
"
unload_module
guest_done
