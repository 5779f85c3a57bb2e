# SPDX-License-Identifier: GPL-2.0
#
# KTAP helpers for shell selftests, POSIX sh so that tests also run under
# busybox in the Bochs lane's initramfs. A test sources this, states its
# plan, reports each case, and ends with ktap_finished, which exits as
# kselftest expects: 0 all passed, 1 any failed, 4 all skipped.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

__ktap_n=0
__ktap_pass=0
__ktap_fail=0
__ktap_skip=0

ktap_print_header() {
	echo "TAP version 13"
}

ktap_set_plan() {	# count
	echo "1..$1"
}

ktap_test_pass() {	# description
	__ktap_n=$((__ktap_n + 1))
	__ktap_pass=$((__ktap_pass + 1))
	echo "ok $__ktap_n $*"
}

ktap_test_fail() {	# description
	__ktap_n=$((__ktap_n + 1))
	__ktap_fail=$((__ktap_fail + 1))
	echo "not ok $__ktap_n $*"
}

ktap_test_skip() {	# description
	__ktap_n=$((__ktap_n + 1))
	__ktap_skip=$((__ktap_skip + 1))
	echo "ok $__ktap_n $* # SKIP"
}

# ktap_expect_eq description expected actual
ktap_expect_eq() {
	if [ "$2" = "$3" ]; then
		ktap_test_pass "$1"
	else
		echo "# $1: expected '$2', got '$3'"
		ktap_test_fail "$1"
	fi
}

ktap_skip_all() {	# reason
	echo "1..0 # SKIP $*"
	exit $KSFT_SKIP
}

ktap_finished() {
	echo "# totals: pass:$__ktap_pass fail:$__ktap_fail skip:$__ktap_skip"
	[ $__ktap_fail -gt 0 ] && exit $KSFT_FAIL
	[ $__ktap_pass -eq 0 ] && [ $__ktap_skip -gt 0 ] && exit $KSFT_SKIP
	exit $KSFT_PASS
}
