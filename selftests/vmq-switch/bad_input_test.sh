#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bad input is refused with a clear message and changes nothing.

. "$(dirname "$0")/lib.sh"

vmq_require
ktap_print_header
ktap_set_plan 10

# refused DESC PATTERN CMD...: CMD fails and says PATTERN.
refused() {
	local desc=$1 pattern=$2 out
	shift 2
	if out=$("$@" 2>&1); then
		ktap_test_fail "$desc (it was accepted)"
	elif grep -q -- "$pattern" <<<"$out"; then
		ktap_test_pass "$desc"
	else
		echo "# $desc: said '$out', not '$pattern'"
		ktap_test_fail "$desc"
	fi
}

vmq_topology
ip link add link vmq0 name p1 address "$(mac_of 1)" type vmqport

refused "a multicast MAC" "unicast, non-zero MAC" \
	ip link add link vmq0 name bad address 01:00:5e:00:00:01 type vmqport
refused "a zero MAC" "unicast, non-zero MAC" \
	ip link add link vmq0 name bad address 00:00:00:00:00:00 type vmqport
refused "a MAC + VLAN another port has" "is port p1's" \
	ip link add link vmq0 name bad address "$(mac_of 1)" type vmqport
ip link add link vmq0 name p2 address "$(mac_of 2)" type vmqport
refused "a port taking another port's MAC" "File exists" \
	ip link set p2 address "$(mac_of 1)"
refused "a switch as an uplink" "a switch cannot be an uplink" \
	ip link add link vmq0 name vmq1 type vmqsw
refused "a port as an uplink" "a port cannot be an uplink" \
	ip link add link p1 name vmq1 type vmqsw
refused "a port on something not a switch" "not a vmqsw switch" \
	ip link add link up0 name bad type vmqport
refused "a second switch on one uplink" "receive handler already" \
	ip link add link up0 name vmq1 type vmqsw
refused "a switch without an uplink" "needs its uplink" \
	ip link add name vmq1 type vmqsw
ktap_expect_eq "nothing changed" "2 $(mac_of 2) absent" \
	"$(cat /sys/class/net/vmq0/vmq/ports) $(cat /sys/class/net/p2/address) $(ip link show bad >/dev/null 2>&1 && echo present || echo absent)"
ktap_finished
