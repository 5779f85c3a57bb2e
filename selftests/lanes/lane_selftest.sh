#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The QEMU lane, end to end, must fail a run in which a test asserts a
# wrong value, and one in which a module WARNs while every test passes.
# Both faults are injected in one guest boot (faults/), and the judge's
# verdict on each is checked separately.

set -uo pipefail
. "$(dirname "$0")/lib.sh"

faults=$LANES_DIR/faults
out=$BUILD/lane-selftest
kdir=${KDIR:-$(ls -d /lib/modules/"$(uname -r)"/build 2>/dev/null ||
	"$LANES_DIR/stock-kernel.sh" headers)}
make -s -C "$kdir" M="$faults" modules >/dev/null || exit 1

"$LANES_DIR/qemu-lane.sh" -o "$out" -m "$faults/lane_warn.ko" \
	"$faults/wrong_value_test.sh" > "$out.log" 2>&1
rc=$?
make -s -C "$kdir" M="$faults" clean >/dev/null

echo "TAP version 13"
echo "1..4"
n=0 failed=0
check() {	# description condition...
	local d=$1
	shift
	n=$((n + 1))
	if "$@"; then echo "ok $n $d"; else echo "not ok $n $d"; failed=$((failed + 1)); fi
}
check "the lane exits non-zero" test $rc -ne 0
check "the WARN module loaded" grep -qx "ok qemu: insmod lane_warn" "$out/results.tap"
check "the wrong value fails its test" grep -qx "not ok qemu: lanes/faults/wrong_value_test.sh" "$out/results.tap"
check "the WARN fails the kernel log check" grep -qx "not ok qemu: kernel log clean" "$out/results.tap"
[ $failed -eq 0 ] || sed 's/^/# /' "$out.log"
[ $failed -eq 0 ]
