#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The lanes' judge must fail a run for each way a guest can go wrong:
# a failing test, a kernel warning or oops while every test passed, a
# guest that never reached the end. And it must pass a clean run, even
# with the boot-time notices that merely contain the word "WARNING".
# Host-side, on synthetic console logs; the guest-side counterpart is
# lane_selftest.sh.

set -u
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0

console() {	# extra-dmesg-line tap-line [end-marker]
	printf '%s\n' "$MARK_BEGIN" "$2" "$MARK_DMESG_BEGIN" \
		"[    1.692436] RETBleed: WARNING: Spectre v2 mitigation leaves CPU vulnerable to RETBleed attacks, data leaks possible!" \
		"$1" "$MARK_DMESG_END"
	[ "${3:-yes}" = yes ] && echo "$MARK_END"
}

expect() {	# description expected-rc expected-line log
	local rc
	n=$((n + 1))
	# The lanes call the judge under errexit and pipefail.
	(set -eo pipefail; lane_judge t "$4" "$tmp/r.tap") > "$tmp/out" 2>&1
	rc=$?
	if [ $rc -eq "$2" ] && grep -qxF "$3" "$tmp/out"; then
		echo "ok $n $1"
	else
		echo "not ok $n $1 (rc $rc)"
		sed 's/^/# /' "$tmp/out"
		failed=$((failed + 1))
	fi
}

echo "TAP version 13"
echo "1..9"

console "[    2.0] lo: up" "ok 1 a_test" > "$tmp/clean"
expect "clean run passes" 0 "ok t: kernel log clean" "$tmp/clean"

console "[    2.0] lo: up" "not ok 1 a_test" > "$tmp/fail"
expect "failing test fails the run" 1 "not ok t: a_test" "$tmp/fail"

console "[    3.1] WARNING: CPU: 1 PID: 7 at mod.c:12 f+0x1/0x2" "ok 1 a_test" > "$tmp/warn"
expect "WARN fails a passing run" 1 "not ok t: kernel log clean" "$tmp/warn"

console "[    3.1] BUG: kernel NULL pointer dereference, address: 0" "ok 1 a_test" > "$tmp/oops"
expect "oops fails a passing run" 1 "not ok t: kernel log clean" "$tmp/oops"

console "[    3.1] watchdog: BUG: soft lockup - CPU#0 stuck for 22s!" "ok 1 a_test" > "$tmp/lockup"
expect "soft lockup fails a passing run" 1 "not ok t: kernel log clean" "$tmp/lockup"

console "[    3.1] Call Trace:" "ok 1 a_test" > "$tmp/trace"
expect "a stack dump fails a passing run" 1 "not ok t: kernel log clean" "$tmp/trace"

console "$(printf '%s\n' "[    6.8] tail invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0" \
	"[    6.8] CPU: 2 PID: 234 Comm: tail" "[    6.8] Hardware name: QEMU" \
	"[    6.8] Call Trace:")" "ok 1 a_test" > "$tmp/oom"
expect "an OOM kill's report passes" 0 "ok t: kernel log clean" "$tmp/oom"

console "" "ok 1 a_test" no > "$tmp/dead"
expect "guest that never finished fails" 1 "not ok t: guest finished (no end marker, see $tmp/dead)" "$tmp/dead"

printf '%s\n' "[    0.1] Linux version 6.1.0" "lane-init: cannot mount the host root" > "$tmp/early"
expect "guest that died before any test fails" 1 "not ok t: guest finished (no end marker, see $tmp/early)" "$tmp/early"

[ $failed -eq 0 ]
