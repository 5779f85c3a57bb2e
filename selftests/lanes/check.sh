#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: install what is missing (Debian 12, as root), build the
# modules warning-free with W=1 and sparse-clean, build and unit-test the
# tools, prove the lanes' judge, then run the QEMU lane, the QEMU lane
# with SMT threads (qemu-smt: the tests of SMT rules, selftests/*/smt/)
# and the Bochs lane.
# Every step and every guest test is one TAP result; the run ends with
# "N passed, N failed, N skipped" and exits non-zero on any failure.
#
# LANES="qemu" (or "qemu-smt", "bochs", "") limits which guest lanes run.

set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=$BUILD/check
mkdir -p "$out"
results=$out/results.tap
: > "$results"
lanes=${LANES-qemu qemu-smt bochs}
t0=$SECONDS

record() {	# status name
	if [ "$1" -eq 0 ]; then
		echo "ok $2" | tee -a "$results"
	else
		echo "not ok $2" | tee -a "$results"
	fi
}

# step NAME LOG CMD...: run a build step, keep its log, show the tail on
# failure.
step() {
	local name=$1 log=$out/$2 rc
	shift 2
	"$@" > "$log" 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		tail -n 30 "$log" | sed 's/^/# /'
	fi
	record $rc "$name"
	return $rc
}

# no_diagnostics LOG: a compiler or sparse diagnostic fails the step.
no_diagnostics() {
	! grep -E '(warning|error):' "$1" | sed 's/^/# /' | grep .
}

echo "# make check: deps"
"$LANES_DIR/deps.sh" all || { echo "0 passed, 1 failed"; exit 1; }

echo "# make check: build"
make -s clean >/dev/null 2>&1
if step "build: modules W=1" build-w1.log make W=1 modules; then
	record "$(no_diagnostics "$out/build-w1.log"; echo $?)" "build: modules W=1 warning-free"
fi
# kvm-shadow's kvm-intel.ko: distro source + our patches. Upstream KVM is
# built without W=1 and sparse (not ours to fix); our files in it are
# held to both by the script itself.
step "build: kvm-intel.ko from the distro source + kvm-shadow patches" \
	kvm-intel.log make kvm-intel
make -s clean >/dev/null 2>&1
if step "build: modules C=1 (sparse)" build-sparse.log make C=1 modules; then
	record "$(no_diagnostics "$out/build-sparse.log"; echo $?)" "build: sparse clean"
fi
step "build: tools" tools.log make tools
stage=$out/stage
rm -rf "$stage"
if step "install: make install into a staging root" install.log \
	make -s modules_install INSTALL_MOD_PATH="$stage"; then
	n=$(grep -c '^updates/.*\.ko:' "$stage"/lib/modules/*/modules.dep)
	built=$(cd "$TOP" && ls lpar-cgroup/*.ko vmq-switch/*.ko kvm-shadow/*.ko \
		build/kvm-intel/tree/arch/x86/kvm/kvm-intel.ko 2>/dev/null | wc -l)
	record "$([ "$n" -eq "$built" ]; echo $?)" "install: depmod lists every built module under updates/"
fi
if make -C "$TOP/tools" -s check > "$out/tools-check.log" 2>&1; then rc=0; else rc=1; fi
grep -E '^(not )?ok [0-9]+ ' "$out/tools-check.log" |
	sed -E 's/^((not )?ok) [0-9]+ (- )?/\1 tools: /' | tee -a "$results"
[ $rc -eq 0 ] || { tail -n 20 "$out/tools-check.log" | sed 's/^/# /'; record 1 "tools: unit tests"; }

echo "# make check: lane judge"
step "lanes: judge catches failures and kernel warnings" judge.log \
	"$LANES_DIR/judge_test.sh"

for lane in $lanes; do
	echo "# make check: $lane lane"
	s=$SECONDS
	case $lane in
	qemu-smt)
		mapfile -t smt < <(find "$TOP/selftests" -path '*/smt/*_test*' -type f -perm -u+x | sort)
		"$LANES_DIR/qemu-lane.sh" -S -o "$BUILD/$lane" "${smt[@]}"
		;;
	*)
		"$LANES_DIR/$lane-lane.sh" -o "$BUILD/$lane"
		;;
	esac > "$out/$lane.log" 2>&1
	grep -E '^#' "$out/$lane.log" | grep -v '^# \[' | head -n 5
	grep -E '^(not )?ok ' "$BUILD/$lane/results.tap" 2>/dev/null | tee -a "$results"
	grep -qE '^(not )?ok ' "$BUILD/$lane/results.tap" 2>/dev/null ||
		record 1 "$lane: lane ran (see $out/$lane.log)"
	# Show what a failing guest test printed.
	lane_failed_output "$lane" "$BUILD/$lane/console.log" \
		"$BUILD/$lane/results.tap" 2>/dev/null | sed 's/^/#   /'
	if grep -q "^not ok $lane: guest finished" "$BUILD/$lane/results.tap"; then
		tail -n 30 "$BUILD/$lane/console.log" | sed 's/^/#   /'
	fi
	echo "# $lane lane: $((SECONDS - s)) s wall"
	if [ "$lane" = qemu ]; then
		step "lanes: a wrong value or a WARN in the guest fails the QEMU lane" \
			lane-selftest.log "$LANES_DIR/lane_selftest.sh"
	fi
done

pass=$(grep -c '^ok ' "$results" | tr -d ' ')
skip=$(grep -c '^ok .*# SKIP' "$results" | tr -d ' ')
fail=$(grep -c '^not ok ' "$results" | tr -d ' ')
pass=$((pass - skip))
echo "# make check: $((SECONDS - t0)) s wall"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
