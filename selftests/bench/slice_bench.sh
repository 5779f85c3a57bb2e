#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lpar-cgroup slices, two benchmarks.
#
# slice-latency: wakeup latency on CPU 2 (cyclictest, one thread, -i
# BENCH_CYCLIC_INTERVAL us for BENCH_CYCLIC_SECONDS s a case, latency
# percentiles from its 1 us histogram in its JSON output), for
#   unpartitioned  no slices: cyclictest pinned to CPU 2 with taskset (in
#                  a plain cgroup of its own), the stressors unpinned, as
#                  on a host without partitions: the baseline
#   slices         slice a (CPU 2) and slice b (CPU 3), both bound (cpuset
#                  partitions); cyclictest runs in a (lparctl exec), the
#                  neighbour's stressors in b (lparctl exec), the host's
#                  in the root cgroup, which the partitions leave the
#                  housekeeping CPU
# in the cases (BENCH_CYCLIC_CASES)
#   idle           nothing else runs
#   neighbour      stress-ng --cpu BENCH_STRESS_WORKERS (default: one per
#                  CPU): the same load in both variants, placed by them
#   host           stress-ng --cpu BENCH_HOST_WORKERS (default 2), started
#                  by the host
#   neighbour+host both
# Figures: p50, p99 and max latency (us); wakeups (fewer than seconds /
# interval when wakeups came so late that whole periods were skipped);
# cpu_wait_ms, cyclictest's cgroup's CPU pressure ("some" total): how
# long the guest kept it runnable with another task on its CPU; and each
# loaded case's ratio to idle in the same variant ("neighbour/idle").
# cyclictest runs SCHED_OTHER, as a VMM's vCPU threads do, unless
# BENCH_CYCLIC_PRIO gives a SCHED_FIFO priority (for all its threads).
#
# lpar-pool: BENCH_POOL_MB MiB of guest RAM made ready for a VMM, then
# touched once per page as a booting guest does (pool_touch), for
#   anon           private anonymous memory (QEMU's memory-backend-ram;
#                  THP as the guest's policy says): the baseline
#   anon-nothp     the same, MADV_NOHUGEPAGE: 4 KiB faults only
#   anon-populate  anonymous with MAP_POPULATE (QEMU's prealloc=on)
#   pool           a slice's pool: lparctl create p cpus 1 memory N (the
#                  module allocates, zeroes and pins it there), then
#                  /dev/lpar/p mapped shared (memory-backend-file)
# Figures, per GiB: alloc ms (the create, less that of a slice without
# memory), map ms (mmap()), touch ms, ready ms (the three together), and
# the page faults (minor + major) taken by mmap() and by the touching,
# "after start": the goal for a pool is none. Everything runs on CPU 1,
# the pool comes from its node. Medians of BENCH_RUNS runs, the variants
# taking turns.
#
# Under TCG every figure is emulated (4 vCPUs on the host's cores, and
# QEMU backs guest RAM on first use): compare figures within one run, as
# ratios, never as absolute values. With more busy vCPUs than host cores,
# a vCPU also waits for the host, which no guest partition can prevent;
# so make bench gives CPU 2, the measured one, a host core of its own,
# as a partition's CPU is a core of its own (the line below; both
# variants run in that guest). Latency that grows while cpu_wait_ms does
# not is still the emulator's: the other three vCPUs share the other
# host core, and one of them can be descheduled by the host while it
# holds QEMU's global lock.
# Nothing passes or fails on a figure.
#
# bench-pin: 2

. "$(dirname "$0")/lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
here=$(dirname "$(realpath "$0")")
lparctl=$top/tools/build/bin/lparctl
pool_touch=$here/pool_touch
cg=/sys/fs/cgroup
sys=/sys/kernel/lpar
# the unpartitioned control's cyclictest: a plain group, for its pressure
ctl_cg=$cg/slice-bench

seconds=${BENCH_CYCLIC_SECONDS:-10}
interval=${BENCH_CYCLIC_INTERVAL:-1000}
prio=${BENCH_CYCLIC_PRIO:-0}
workers=${BENCH_STRESS_WORKERS:-$(nproc)}
host_workers=${BENCH_HOST_WORKERS:-2}
pool_mb=${BENCH_POOL_MB:-512}
runs=${BENCH_RUNS:-3}
cases=${BENCH_CYCLIC_CASES:-idle neighbour host neighbour+host}
# Buckets of 1 us up to 100 ms: TCG's worst cases stay inside.
hist_us=100000

for t in "$lparctl" "$pool_touch" cyclictest stress-ng jq taskset chrt; do
	command -v "$t" >/dev/null || { echo "# slice_bench: $t missing" >&2; exit 1; }
done
[ -d $sys ] || { echo "# slice_bench: lpar_cgroup not loaded" >&2; exit 1; }

stressors=()

stop_stressors() {
	local pid

	for pid in "${stressors[@]}"; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${stressors[@]}"; do
		wait "$pid" 2>/dev/null
	done
	stressors=()
}

cleanup() {	# trap EXIT
	local s

	stop_stressors
	for s in a b p; do
		[ -d $sys/slices/$s ] && "$lparctl" destroy $s >/dev/null
	done
	# The parent partition lparctl bind made: its CPUs go back to the
	# root cgroup, for the benchmarks that follow in this guest.
	[ -d $cg/lpar ] && rmdir $cg/lpar
	[ -d $ctl_cg ] && rmdir $ctl_cg
	return 0
}
trap cleanup EXIT

# fmt EXPR: evaluate an awk arithmetic expression, 2 decimals at most
fmt() {
	awk "BEGIN { v = $1; printf \"%s\\n\", (v == int(v)) ? v : sprintf(\"%.2f\", v) }"
}

# ratio A B: A / B, or "-" when either is not a number (a percentile
# beyond the histogram)
ratio() {
	[[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ] || { echo -; return; }
	fmt "$1 / $2"
}

# --- lpar-pool -------------------------------------------------------------

# ms_between START_US END_US
ms_between() { fmt "($2 - $1) / 1000"; }

# create_ms ARGS...: the time lparctl create takes, run on CPU 1
create_ms() {
	local t0=${EPOCHREALTIME/./}

	taskset -c 1 "$lparctl" create p cpus 1 "$@" || return 1
	ms_between "$t0" "${EPOCHREALTIME/./}"
}

# pool_run VARIANT: one run; prints "alloc_ms map_us touch_us map_faults
# touch_faults"
pool_run() {
	local variant=$1 bytes=$((pool_mb << 20)) empty full out

	if [ "$variant" = pool ]; then
		empty=$(create_ms) || return 1
		"$lparctl" destroy p
		full=$(create_ms memory "$bytes") || return 1
		out=$(taskset -c 1 "$pool_touch" pool "$bytes" /dev/lpar/p) || return 1
		"$lparctl" destroy p
		full=$(fmt "$full - $empty")
	else
		full=0
		out=$(taskset -c 1 "$pool_touch" "$variant" "$bytes") || return 1
	fi
	# map_us=N touch_us=N map_faults=N touch_faults=N
	echo "$full $(sed 's/[a-z_]*=//g' <<< "$out")"
}

# field N RUN...: the median of field N of runs given as "a,m,t,mf,tf"
field() {
	local n=$1 v

	shift
	mapfile -t v < <(printf '%s\n' "$@" | cut -d, -f"$n")
	median "${v[@]}"
}

pool_bench() {
	local bench=lpar-pool variants variant i a m t mf tf case=size=${pool_mb}M
	local runs_of
	local -A r

	read -ra variants <<< "${BENCH_POOL_VARIANTS:-anon anon-nothp anon-populate pool}"
	echo "# lpar-pool: ${pool_mb} MiB, THP: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)"
	# QEMU backs guest RAM on its first use, which an emulated guest
	# sees as slow memory: one untimed pass first, then the variants
	# in turn, so that none is alone in meeting fresh RAM.
	taskset -c 1 "$pool_touch" anon-nothp $((pool_mb << 20)) >/dev/null || return 1
	for i in $(seq "$runs"); do
		for variant in "${variants[@]}"; do
			read -r a m t mf tf <<< "$(pool_run "$variant")"
			if [ -z "$tf" ]; then
				echo "# lpar-pool $variant: run $i failed" >&2
				return 1
			fi
			echo "# lpar-pool $variant run $i: alloc $a ms, map $m us, touch $t us, faults $mf + $tf"
			r[$variant]+="$a,$m,$t,$mf,$tf "
		done
	done
	bench_baseline $bench anon
	for variant in "${variants[@]}"; do
		read -ra runs_of <<< "${r[$variant]}"
		a=$(field 1 "${runs_of[@]}") m=$(field 2 "${runs_of[@]}")
		t=$(field 3 "${runs_of[@]}") mf=$(field 4 "${runs_of[@]}")
		tf=$(field 5 "${runs_of[@]}")
		bench_result $bench "$case" "$variant" alloc_ms_per_gib "$(fmt "$a * 1024 / $pool_mb")"
		bench_result $bench "$case" "$variant" map_ms_per_gib "$(fmt "$m * 1024 / $pool_mb / 1000")"
		bench_result $bench "$case" "$variant" touch_ms_per_gib "$(fmt "$t * 1024 / $pool_mb / 1000")"
		bench_result $bench "$case" "$variant" ready_ms_per_gib \
			"$(fmt "($a * 1000 + $m + $t) * 1024 / $pool_mb / 1000")"
		bench_result $bench "$case" "$variant" map_faults_per_gib "$(fmt "$mf * 1024 / $pool_mb")"
		bench_result $bench "$case" "$variant" touch_faults_per_gib "$(fmt "$tf * 1024 / $pool_mb")"
	done
}

# --- slice-latency ---------------------------------------------------------

# stress WHERE N: start N CPU stressors, in slice b (WHERE=b) or in the
# caller's cgroup (WHERE=host); lparctl exec forwards SIGTERM to them.
stress() {
	local cmd=(stress-ng --quiet --temp-path /tmp --cpu "$2"
		   --timeout $((seconds * 2 + 30))s)

	[ "$2" -gt 0 ] || return 0
	if [ "$1" = b ]; then
		"$lparctl" exec b -- "${cmd[@]}" &
	else
		"${cmd[@]}" &
	fi
	stressors+=($!)
}

# psi_wait_us CGROUP: CPU pressure's "some" total (us) of CGROUP: how long
# one of its tasks was runnable while another task held its CPU
psi_wait_us() {
	sed -n 's/^some .*total=//p' "$1/cpu.pressure"
}

# cyclic VARIANT: run cyclictest on CPU 2 in its own cgroup (slice a's,
# or a plain one); prints "p50 p99 max cycles overflows wait_us", wait_us
# being the time the guest kept cyclictest runnable but off its CPU.
cyclic() {
	local json=/tmp/slice_bench.json grp=$cg/lpar/a w0 w1
	local args=(-m -q -a 2 -D "$seconds" -i "$interval" -h "$hist_us"
		    --histfile=/dev/null "--json=$json")
	local ct=(cyclictest)

	# SCHED_FIFO: its main thread too, so that the pressure is the
	# real-time threads' only.
	if [ "$prio" -gt 0 ]; then
		args+=(-p "$prio")
		ct=(chrt -f "$prio" cyclictest)
	fi
	rm -f $json
	[ "$1" = slices ] || grp=$ctl_cg
	w0=$(psi_wait_us $grp)
	if [ "$1" = slices ]; then
		"$lparctl" exec a -- "${ct[@]}" "${args[@]}"
	else
		# shellcheck disable=SC2016
		sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$grp" \
			taskset -c 2 "${ct[@]}" "${args[@]}"
	fi | grep -v '^# /dev/cpu_dma_latency' >&2
	w1=$(psi_wait_us $grp)
	[ -s $json ] && [ -n "$w1" ] || return 1
	# Percentiles from the 1 us histogram; beyond it, "over".
	jq -r --arg w $((w1 - w0)) '
	.thread["0"] as $t | $t.cycles as $n
	| [$t.histogram | to_entries[] | {b: (.key | tonumber), c: .value}]
	| sort_by(.b) as $h
	| def pct(q): (($n * q) | ceil) as $k
		| reduce $h[] as $e ({s: 0, v: null};
			if .v == null then
				.s += $e.c | (if .s >= $k then .v = $e.b else . end)
			else . end)
		| .v // "over";
	"\(pct(0.5)) \(pct(0.99)) \($t.max) \($n) \($n - ([$h[].c] | add // 0)) \($w)"
	' $json
}

latency_variant() {	# variant
	local variant=$1 bench=slice-latency c p50 p99 max n over wait where=host
	local i50 i99 imax
	local -A r

	if [ "$variant" = slices ]; then
		"$lparctl" create a cpus 2 || return 1
		"$lparctl" create b cpus 3 || return 1
		"$lparctl" bind a >/dev/null || return 1
		"$lparctl" bind b >/dev/null || return 1
		where=b
		echo "# slices: a $(cat $sys/slices/a/state), b $(cat $sys/slices/b/state)"
	else
		mkdir -p $ctl_cg || return 1
	fi
	for c in $cases; do
		case $c in
		neighbour) stress $where "$workers" ;;
		host) stress host "$host_workers" ;;
		neighbour+host) stress $where "$workers"; stress host "$host_workers" ;;
		esac
		# Let the stressors start (forks under TCG take a while).
		[ $c = idle ] || sleep 2
		read -r p50 p99 max n over wait <<< "$(cyclic "$variant")"
		stop_stressors
		if [ -z "$wait" ]; then
			echo "# slice-latency $variant $c: cyclictest failed" >&2
			return 1
		fi
		echo "# slice-latency $variant $c: $n wakeups, $over beyond $hist_us us, waited for CPU 2 $wait us"
		bench_result $bench $c $variant p50_us "$p50"
		bench_result $bench $c $variant p99_us "$p99"
		bench_result $bench $c $variant max_us "$max"
		# Fewer than seconds / interval: wakeups so late that whole
		# periods were skipped.
		bench_result $bench $c $variant wakeups "$n"
		bench_result $bench $c $variant cpu_wait_ms "$(fmt "$wait / 1000")"
		r[$c]="$p50 $p99 $max"
	done
	read -r i50 i99 imax <<< "${r[idle]}"
	for c in $cases; do
		[ $c = idle ] && continue
		read -r p50 p99 max <<< "${r[$c]}"
		bench_result $bench "$c/idle" $variant p50_x "$(ratio "$p50" "$i50")"
		bench_result $bench "$c/idle" $variant p99_x "$(ratio "$p99" "$i99")"
		bench_result $bench "$c/idle" $variant max_x "$(ratio "$max" "$imax")"
	done
	if [ "$variant" = slices ]; then
		echo "# slices after: a $(cat $sys/slices/a/state), b $(cat $sys/slices/b/state)"
		"$lparctl" destroy a && "$lparctl" destroy b
	else
		rmdir $ctl_cg
	fi
}

latency_bench() {
	local variant

	echo "# slice-latency: ${seconds} s a case, interval ${interval} us, $([ "$prio" -gt 0 ] && echo "SCHED_FIFO $prio" || echo SCHED_OTHER), $workers neighbour and $host_workers host stressors"
	bench_baseline slice-latency unpartitioned
	# No partition may exist for the control: it goes first.
	for variant in unpartitioned slices; do
		latency_variant $variant || return 1
	done
}

rc=0
# The pool runs on CPU 1, which a bound slice's parent partition takes
# from the root cgroup: before the slices.
pool_bench || rc=1
latency_bench || rc=1
exit $rc
