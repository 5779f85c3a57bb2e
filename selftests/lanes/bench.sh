#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: run the named benchmarks (selftests/bench/*_bench.sh, all by
# default; BENCH="l2_rx ..." to choose) in one QEMU guest, so every variant
# is measured side by side in the same run, and write a markdown table
# with each figure's ratio to its benchmark's baseline to build/bench.md.
# Benchmarks report figures, never pass/fail on them.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$LANES_DIR/deps.sh" build qemu
make -C "$TOP" -s modules tools >/dev/null

scripts=()
if [ -n "${BENCH:-}" ]; then
	for b in $BENCH; do
		f=$TOP/selftests/bench/${b%_bench}_bench.sh
		[ -x "$f" ] || lane_die "no benchmark $b ($f)"
		scripts+=(-s "$f")
	done
else
	for f in "$TOP"/selftests/bench/*_bench.sh; do
		scripts+=(-s "$f")
	done
fi

out=$BUILD/bench
"$LANES_DIR/qemu-lane.sh" -o "$out" "${scripts[@]}" | sed 's/^/# /'
rc=${PIPESTATUS[0]}

table=$BUILD/bench.md
tr -d '\r' < "$out/console.log" | awk -v kver="$(basename "$(ls -d "$BUILD"/stock/*/ | head -n1)")" '
$1 == "BENCH-BASELINE" { base[$2] = $3; next }
$1 == "BENCH" {
	key = $2 SUBSEP $3 SUBSEP $5
	if (!(key in seen)) { seen[key] = 1; order[++n] = key }
	val[key, $4] = $6
	if (!(($2, $4) in hasv)) { hasv[$2, $4] = 1; vars[$2] = vars[$2] " " $4 }
}
END {
	print "# Benchmarks\n"
	print "One QEMU TCG guest (stock " kver ", 4 vCPUs); absolute figures are"
	print "emulated and only comparable within this table: read the ratios.\n"
	for (i = 1; i <= n; i++) {
		split(order[i], k, SUBSEP)
		b = k[1]
		if (b != last) {
			split(substr(vars[b], 2), v, " ")
			hdr = "| case | metric |"; sep = "|---|---|"
			for (j = 1; j in v; j++) { hdr = hdr " " v[j] " |"; sep = sep "---:|" }
			for (j = 1; j in v; j++) if (v[j] != base[b]) {
				hdr = hdr " " v[j] "/" base[b] " |"; sep = sep "---:|" }
			printf "\n## %s (baseline: %s)\n\n%s\n%s\n", b, base[b], hdr, sep
			last = b
		}
		row = "| " k[2] " | " k[3] " |"
		for (j = 1; j in v; j++) row = row " " val[order[i], v[j]] " |"
		bv = val[order[i], base[b]]
		for (j = 1; j in v; j++) if (v[j] != base[b]) {
			x = val[order[i], v[j]]
			row = row " " ((bv > 0 && x != "") ? sprintf("%.2fx", x / bv) : "-") " |"
		}
		print row
	}
}' > "$table"
cat "$table"
echo "bench: table written to $table"
exit "$rc"
