#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark (Bochs lane): what VMCS shadowing saves an L1 hypervisor, per
# access pattern (l1_pattern.c: kvm-like, foreign), in one guest run:
#
#   off       stock kvm_intel, enable_shadow_vmcs=0: every access exits
#   stock     stock kvm_intel: upstream's static shadow list
#   static    kvm-shadow's kvm_intel, policy static (upstream's list)
#   adaptive  kvm-shadow's kvm_intel, policy adaptive (its defaults)
#
# Each variant runs BENCH_WARMUP round trips, then BENCH_ROUNDS measured
# ones: VMREAD/VMWRITE exits per 1,000 round trips, fields copied between
# shadow VMCS and vmcs12 per round trip (kvm-shadow's kvm_intel counts
# them; the stock one cannot), and round trips per second of guest time.
# Rates are taken with no profiler loaded; the stock module's exits are
# counted by kvm_shadow_profile in a second run of the same length.
#
# Two tables: vmcs_shadow (baseline static, upstream's behaviour) and
# shadowing_on_off (baseline off, as Hitachi's on/off figures).
#
# POSIX sh: the Bochs guest has busybox only.

set -u
dir=$(cd "$(dirname "$0")" && pwd)
l1=$dir/l1_pattern
kos=${KVM_INTEL_DIR:-/lib/kvm-intel}
params=/sys/module/kvm_intel/parameters
profiler=/lane/modules/kvm_shadow_profile.ko
warmup=${BENCH_WARMUP:-500}
rounds=${BENCH_ROUNDS:-1000}

if [ ! -f "$kos/stock.ko" ] || [ ! -f "$kos/ours.ko" ]; then
	echo "vmcs_shadow: needs $kos/stock.ko and ours.ko (the Bochs lane's)"
	exit 4
fi

first=stock
[ -f "$params/kvm_shadow" ] && first=ours
had_profiler=0
[ -d /sys/module/kvm_shadow_profile ] && had_profiler=1

load() {	# stock|ours [parameters]
	ko=$1
	shift
	rmmod kvm_intel 2>/dev/null
	insmod "$kos/$ko.ko" nested=1 "$@" || exit 1
}

profiler() {	# on|off
	if [ "$1" = on ]; then
		[ -d /sys/module/kvm_shadow_profile ] || insmod "$profiler" || exit 1
	else
		[ ! -d /sys/module/kvm_shadow_profile ] || rmmod kvm_shadow_profile || exit 1
	fi
}

# run VARIANT PATTERN [-P POLICY]: keep the figures the run can give
run() {
	variant=$1 pattern=$2
	shift 2
	echo "# $variant, $pattern:"
	"$l1" -p "$pattern" -w "$warmup" -n "$rounds" "$@" > /tmp/l1.out 2>&1 ||
		{ sed 's/^/#   /' /tmp/l1.out; echo "vmcs_shadow: $variant $pattern failed"; exit 1; }
	grep -v '^RESULT' /tmp/l1.out | sed 's/^/#   /'
	sed -n "s/^RESULT $pattern //p" /tmp/l1.out >> "/tmp/bench.$variant.$pattern"
}

report() {	# benchmark variant pattern
	while read -r metric value; do
		echo "BENCH $1 $3 $2 $metric $value"
	done < "/tmp/bench.$2.$3"
}

rm -f /tmp/bench.*
profiler off
for variant in off stock static adaptive; do
	case $variant in
	off) load stock enable_shadow_vmcs=0 ;;
	stock) load stock ;;
	static|adaptive) load ours ;;
	esac
	for pattern in kvm-like foreign; do
		case $variant in
		off|stock)
			run "$variant" "$pattern"
			profiler on
			run "$variant" "$pattern"
			profiler off
			# The first run's rate, the second's exits.
			awk '!seen[$1]++' "/tmp/bench.$variant.$pattern" > /tmp/bench.tmp
			mv /tmp/bench.tmp "/tmp/bench.$variant.$pattern"
			grep -q exits_per_1k_rt "/tmp/bench.$variant.$pattern" ||
				{ echo "vmcs_shadow: no exit counts from kvm_shadow_profile"; exit 1; }
			;;
		static) run "$variant" "$pattern" -P static ;;
		adaptive) run "$variant" "$pattern" -P adaptive ;;
		esac
	done
done

bench_baseline() { echo "BENCH-BASELINE $*"; }
bench_baseline vmcs_shadow static
bench_baseline shadowing_on_off off
for pattern in kvm-like foreign; do
	for variant in stock static adaptive; do
		report vmcs_shadow "$variant" "$pattern"
	done
done
for pattern in kvm-like foreign; do
	for variant in off stock adaptive; do
		grep -v copies_per_rt "/tmp/bench.$variant.$pattern" > /tmp/bench.tmp
		mv /tmp/bench.tmp "/tmp/bench.$variant.$pattern"
		report shadowing_on_off "$variant" "$pattern"
	done
done

load $first
[ $had_profiler = 0 ] || profiler on
