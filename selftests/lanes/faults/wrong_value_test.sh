#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A selftest that asserts a wrong value. Only the lanes' own self-test
# runs it, to prove that a failing guest test fails the run.

. "$(dirname "$0")/../../lib/ktap.sh"

ktap_print_header
ktap_set_plan 1
ktap_expect_eq "CPUs online" 5 "$(nproc)"
ktap_finished
