# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.race guest: `none` (no synchronisation) with updates on 2 CPUs must
# corrupt the list, and the invariant checks must count it.
#
# How the race window is made wide enough to be reliable: every operation is
# an update (update_pct=100) and the list has a single entry (list_len=1), so
# both threads always hit the same entry; cs_ns=2000 puts 2 us of busy work
# inside the unprotected read-modify-write, so the two vCPUs (real host
# threads under TCG thread=multi) overlap in it thousands of times per run.
# One lost update is enough to break the sum-of-values invariant. Three runs
# with different seeds must each show it.
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

load_module || guest_done
for seed in 1 2 3; do
	run_point "none/race/seed$seed" race \
		"prim=none cpus=0-1 update_pct=100 list_len=1 cs_ns=2000 seed=$seed"
done
# Updates that change the list (delete_insert): none's unlocked unlink and
# link race too, and what the list check finds (entries lost or linked
# twice, keys off the bitmap) must count; the module itself stays sound
# (its quarantine keeps every unlinked entry until the run ends).
run_point none/churn race \
	"prim=none cpus=0-1 update_pct=100 list_len=4 key_space=8 update_op=delete_insert cs_ns=2000"
# The same load under a real lock must stay clean: the race is none's alone.
run_point spin/samelist ok \
	"prim=spin cpus=0-1 update_pct=100 list_len=1 cs_ns=2000"
unload_module
guest_done
