#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A synthetic store of RECORDS records over POINTS points, made from one
# real record of results/example (its keys and types, so every reader takes
# it): the points differ in primitive, update rate and list length, the
# repeats in their numbers. For the scale benchmark and test of plot,
# report and compare.
#   make_big_store.sh SOURCE_DIR OUT_DIR RECORDS POINTS [SEED]
set -eu
src=$1 out=$2 n=$3 npoints=$4 seed=${5:-1}
mkdir -p "$out"
cp "$src/results/example/meta.json" "$out/meta.json"
head -n 1 "$src/results/example/points.jsonl" |
awk -v n="$n" -v np="$npoints" -v seed="$seed" '
{ tpl = $0 }
END {
	srand(seed)
	split("spin spin_irqsave mutex rcu none", prim, " ")
	for (i = 0; i < n; i++) {
		p = i % np
		r = int(i / np)
		pr = prim[p % 5 + 1]
		u = int(p / 5) % 101
		l = 1 + int(p / 505)
		id = "user/" pr "/t1/compact/u" u "/l" l "/cs0/th0"
		ops = int(1000000 + 9000000 * rand())
		s = tpl
		sub(/"prim":"[a-z_]*"/, "\"prim\":\"" pr "\"", s)
		sub(/"update_pct":[0-9]*/, "\"update_pct\":" u, s)
		sub(/"list_len":[0-9]*/, "\"list_len\":" l, s)
		sub(/"final_len":[0-9]*/, "\"final_len\":" l, s)
		sub(/"ops_per_sec":[0-9]*/, "\"ops_per_sec\":" ops, s)
		sub(/"point":"[^"]*"/, "\"point\":\"" id "\"", s)
		sub(/"repeat":[0-9]*/, "\"repeat\":" r, s)
		print s
	}
}' >"$out/points.jsonl"
