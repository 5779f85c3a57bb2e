#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run TAP test programs and add them up.  A program that exits non-zero,
# dies, or runs a different number of tests than its plan says counts as
# a failure even if every line it printed said "ok": a crash halfway
# must not look like a short, clean run.
#
# Usage: run-tests.sh TEST...   (last line: "N passed, N failed")

pass=0
fail=0
skip=0
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT

for t in "$@"; do
	echo "# $t"
	"$t" >"$out" 2>&1
	rc=$?
	cat "$out"

	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	s=$(grep -c '^ok [0-9]* # SKIP' "$out")
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$out" | tail -n 1)

	if [ -z "$plan" ] || [ $((p + f)) -ne "$plan" ]; then
		echo "not ok - $t: ran $((p + f)) tests, plan says ${plan:-nothing}"
		f=$((f + 1))
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $t: exit status $rc"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
done

[ "$skip" -eq 0 ] || echo "# $skip skipped (counted as passed)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
