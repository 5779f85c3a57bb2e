#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: run the named benchmarks (all by default; BENCH="l2_rx
# vmcs_shadow ..." to choose), each lane's in one guest so that every
# variant is measured side by side in the same run, and write a markdown
# table with each figure's ratio to its benchmark's baseline to
# build/bench.md. Benchmarks report figures, never pass/fail on them.
#
#   selftests/bench/*_bench.sh             QEMU lane (TCG, 4 vCPUs); a
#                                          script with a line
#                                          "# bench-pin: CPU" runs in a
#                                          guest of its own whose CPU
#                                          has a host core to itself
#                                          (qemu-lane.sh -p CPU)
#   selftests/kvm-shadow/bench/*_bench.sh  Bochs lane (nested VMX), with
#                                          the KVM-selftest programs (*.c)
#                                          beside them, which the lane
#                                          always builds

set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$LANES_DIR/deps.sh" build qemu
make -C "$TOP" -s modules tools >/dev/null

qemu_dir=$TOP/selftests/bench
bochs_dir=$TOP/selftests/kvm-shadow/bench
qemu_scripts=()
bochs_scripts=()
if [ -n "${BENCH:-}" ]; then
	for b in $BENCH; do
		n=${b%_bench}_bench.sh
		if [ -x "$qemu_dir/$n" ]; then
			qemu_scripts+=(-s "$qemu_dir/$n")
		elif [ -x "$bochs_dir/$n" ]; then
			bochs_scripts+=(-s "$bochs_dir/$n")
		else
			lane_die "no benchmark $b (no $n in $qemu_dir or $bochs_dir)"
		fi
	done
else
	for f in "$qemu_dir"/*_bench.sh; do
		qemu_scripts+=(-s "$f")
	done
	for f in "$bochs_dir"/*_bench.sh; do
		bochs_scripts+=(-s "$f")
	done
fi

# One guest run for the QEMU scripts that want no pinning, one for each
# guest CPU that some want pinned.
declare -A qemu_runs=()
for ((i = 1; i < ${#qemu_scripts[@]}; i += 2)); do
	f=${qemu_scripts[i]}
	pin=$(sed -n 's/^# bench-pin: *\([0-9]\+\)$/\1/p' "$f" | head -n 1)
	qemu_runs[${pin:-none}]+=" $f"
done

rc=0
logs=()
for pin in "${!qemu_runs[@]}"; do
	args=()
	dir=$BUILD/bench
	if [ "$pin" != none ]; then
		args=(-p "$pin")
		dir=$BUILD/bench-pin$pin
	fi
	for f in ${qemu_runs[$pin]}; do
		args+=(-s "$f")
	done
	"$LANES_DIR/qemu-lane.sh" -o "$dir" "${args[@]}" | sed 's/^/# /'
	[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
	logs+=("$dir/console.log")
done
if [ ${#bochs_scripts[@]} -gt 0 ]; then
	"$LANES_DIR/deps.sh" bochs
	"$LANES_DIR/bochs-lane.sh" -o "$BUILD/bench-bochs" "${bochs_scripts[@]}" |
		sed 's/^/# /'
	[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
	logs+=("$BUILD/bench-bochs/console.log")
fi

table=$BUILD/bench.md
awk -v kver="$(basename "$(ls -d "$BUILD"/stock/*/ | head -n1)")" '
{ sub(/\r$/, "") }
$1 == "BENCH-BASELINE" {
	base[$2] = $3
	lane[$2] = FILENAME ~ /bench-bochs/ ? "bochs" : "qemu"
	if (match(FILENAME, /bench-pin[0-9]+/))
		pin[$2] = substr(FILENAME, RSTART + 9, RLENGTH - 9)
	next
}
$1 == "BENCH" {
	key = $2 SUBSEP $3 SUBSEP $5
	if (!(key in seen)) { seen[key] = 1; order[++n] = key }
	val[key, $4] = $6
	if (!(($2, $4) in hasv)) { hasv[$2, $4] = 1; vars[$2] = vars[$2] " " $4 }
}
END {
	desc["qemu"] = "one QEMU TCG guest (stock " kver ", 4 vCPUs, 2 NUMA nodes)"
	desc["bochs"] = "one Bochs guest (stock " kver ", a Skylake-X with VMX and VMCS shadowing, 1 CPU, 50 M instructions per second of guest time)"
	print "# Benchmarks\n"
	print "Each table comes from one guest run, all its variants side by side."
	print "Absolute figures are emulated and only comparable within a table:"
	print "read the ratios."
	for (i = 1; i <= n; i++) {
		split(order[i], k, SUBSEP)
		b = k[1]
		if (b != last) {
			split(substr(vars[b], 2), v, " ")
			hdr = "| case | metric |"; sep = "|---|---|"
			for (j = 1; j in v; j++) { hdr = hdr " " v[j] " |"; sep = sep "---:|" }
			for (j = 1; j in v; j++) if (v[j] != base[b]) {
				hdr = hdr " " v[j] "/" base[b] " |"; sep = sep "---:|" }
			where = desc[lane[b]]
			if (b in pin)
				where = where ", its CPU " pin[b] " alone on a host core (qemu-lane.sh -p " pin[b] ")"
			printf "\n## %s (baseline: %s)\n\nIn %s.\n\n%s\n%s\n", b, base[b], where, hdr, sep
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
}' "${logs[@]}" > "$table"
cat "$table"
echo "bench: table written to $table"
exit "$rc"
