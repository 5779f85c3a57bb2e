#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every module of the suite, as built in this tree, loads and unloads
# cleanly and repeatedly on the stock kernel, holds no references when
# idle, and taints the kernel with nothing but "out-of-tree" (O) and
# "unsigned" (E).

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
mapfile -t kos < <(find "$top/lpar-cgroup" "$top/vmq-switch" "$top/kvm-shadow" \
			-maxdepth 1 -name '*.ko' | sort)
[ ${#kos[@]} -gt 0 ] || ktap_skip_all "no modules built (make)"

cycles=3
ktap_print_header
ktap_set_plan $((${#kos[@]} * 3 + 1))

for ko in "${kos[@]}"; do
	m=$(basename "$ko" .ko)
	# Modules that use this one (vmq_tap uses vmq_switch) go first and
	# come back after.
	holders=$(ls "/sys/module/$m/holders" 2>/dev/null)
	for h in $holders; do
		rmmod "$h"
	done
	rmmod "$m" 2>/dev/null
	ok=1
	for _ in $(seq $cycles); do
		insmod "$ko" && [ -d "/sys/module/$m" ] || { ok=0; break; }
		rmmod "$m" && [ ! -d "/sys/module/$m" ] || { ok=0; break; }
	done
	if [ $ok -eq 1 ]; then
		ktap_test_pass "$m: $cycles load/unload cycles"
	else
		ktap_test_fail "$m: $cycles load/unload cycles"
	fi

	insmod "$ko"
	ktap_expect_eq "$m: idle reference count" 0 \
		"$(cat "/sys/module/$m/refcnt" 2>/dev/null)"
	ktap_expect_eq "$m: initstate" live \
		"$(cat "/sys/module/$m/initstate" 2>/dev/null)"
	for h in $holders; do
		insmod "$(dirname "$ko")/$h.ko"
	done
done

# Tainted flags of the whole kernel: /proc/sys/kernel/tainted bits.
# 12 = O (out-of-tree), 13 = E (unsigned); a WARN would set 9 (W).
taint=$(cat /proc/sys/kernel/tainted)
ktap_expect_eq "kernel taint is only out-of-tree|unsigned" 0 \
	$((taint & ~((1 << 12) | (1 << 13))))
ktap_finished
