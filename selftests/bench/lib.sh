# SPDX-License-Identifier: GPL-2.0
#
# Helpers for guest-side benchmarks. A benchmark prints one line per
# figure, which the host (lanes/bench.sh) turns into a table:
#
#   BENCH <benchmark> <case> <variant> <metric> <value>
#   BENCH-BASELINE <benchmark> <variant>
#
# Ratios are taken against the baseline variant of the same benchmark,
# case and metric, in the same guest run.

bench_result() {	# benchmark case variant metric value
	echo "BENCH $*"
}

bench_baseline() {	# benchmark variant
	echo "BENCH-BASELINE $*"
}

# median of the numbers given
median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# pktgen_run DEV COUNT DST_MAC MAC_COUNT: inject COUNT frames into DEV's
# receive path (xmit_mode netif_receive) from one kernel thread, the
# destination MAC walking MAC_COUNT addresses from DST_MAC. Prints the
# run's duration in microseconds.
pktgen_run() {
	local dev=$1 count=$2 mac=$3 nmac=$4 pg=/proc/net/pktgen
	modprobe pktgen || return 1
	echo rem_device_all > $pg/kpktgend_0
	echo "add_device $dev" > $pg/kpktgend_0
	for cmd in "count $count" "pkt_size 60" "clone_skb 0" "burst 1" \
		   "xmit_mode netif_receive" "dst_mac $mac" \
		   "dst_mac_count $nmac" "dst 198.18.0.1" "src_min 198.18.1.1" \
		   "src_max 198.18.1.1"; do
		echo "$cmd" > "$pg/$dev"
	done
	echo start > $pg/pgctrl
	sed -n 's/^Result: OK: \([0-9]*\)(.*/\1/p' "$pg/$dev"
	echo rem_device_all > $pg/kpktgend_0
}

# sum_stat STAT DEV...: sum a statistics counter over devices, with
# bash's read: no process per device.
sum_stat() {
	local stat=$1 sum=0 d v
	shift
	for d in "$@"; do
		read -r v < "/sys/class/net/$d/statistics/$stat"
		sum=$((sum + v))
	done
	echo $sum
}

# port_mac I: the MAC of port I (1-based), sequential as pktgen walks them
port_mac() {
	printf '02:00:00:00:%02x:%02x' $(($1 >> 8)) $(($1 & 255))
}
