#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The adaptive policy's two bounds, with l1_pattern's L1 (../bench):
#
#  - places: with max=4, the four fields L1 touches most are shadowed,
#    not fields it wrote once while setting its VMCS up (which also pass
#    a low promote threshold): of the foreign pattern's 20 exits per
#    round trip, the 4 read-write fields' 8 go, 12 stay.
#  - copy cost: once L1 stops touching the fields adaptive promoted (it
#    changes to the kvm-like pattern), they are demoted after "age"
#    windows, and the fields copied per round trip come back down to
#    what upstream's set copies, plus at most the 2 read-write fields
#    the kvm-like pattern still traps on (4 copies).
#  - events: kvmshadowctl monitor sees the policy written to debugfs,
#    then each window that changed the set, with the learned count.

. "$(dirname "$0")/../../lib/ktap.sh"
set -u

l1=$(dirname "$0")/../bench/l1_pattern
ctl=${KVMSHADOWCTL_BIN:-$(dirname "$0")/../../../bin}/kvmshadowctl
[ -f /sys/module/kvm_intel/parameters/kvm_shadow ] ||
	ktap_skip_all "kvm_intel is not kvm-shadow's"
[ -x "$l1" ] || ktap_skip_all "no $l1"

# stretch OUTPUT STEP FIELD: a figure of one stretch's line
#   FIELD exits: its VMREAD/VMWRITE exits; copies: fields copied per rt
stretch() {
	case $3 in
	exits) sed -n "s/^[a-z-]* step $2: .*, \([0-9]*\) VMREAD\/VMWRITE exits.*/\1/p" "$1" ;;
	copies) sed -n "s/^[a-z-]* step $2: .*, \([0-9.]*\) fields copied per round trip/\1/p" "$1" ;;
	esac
}

ktap_print_header
ktap_set_plan 8

"$l1" -p foreign -w 1 -n 100 -s 4 -P static > /tmp/static.out 2>&1
ktap_expect_eq "static: the foreign pattern exits 20 times per round trip" \
	2000 "$(stretch /tmp/static.out 4 exits)"
static_copies=$(stretch /tmp/static.out 4 copies)

"$ctl" -j monitor > /tmp/events.out 2>&1 &
mpid=$!
sleep 1
"$l1" -p foreign -w 1 -n 100 -s 6 -P "adaptive window=50 promote=2 max=4" \
	> /tmp/places.out 2>&1
sleep 1
kill $mpid
wait $mpid 2>/dev/null
sed 's/^/# /' /tmp/places.out
sed 's/^/# /' /tmp/events.out
ktap_expect_eq "max=4: the 4 hottest fields shadowed, 12 exits per round trip left" \
	1200 "$(stretch /tmp/places.out 6 exits)"
ktap_expect_eq "max=4: 4 fields learned" yes \
	"$(grep -q '^policy: adaptive .* learned=4 ' /tmp/places.out && echo yes)"
ktap_expect_eq "event: the policy l1_pattern wrote to debugfs" 1 \
	"$(grep -c '"policy":"adaptive","source":"debugfs","text":"adaptive window=50 promote=2 max=4","learned":0,' /tmp/events.out)"
ktap_expect_eq "events: the windows that changed the set, the last with 4 learned" yes \
	"$(grep '"source":"adaptive"' /tmp/events.out | tail -n 1 | grep -q '"learned":4,' && echo yes)"

"$l1" -p foreign -x 4 -w 1 -n 100 -s 24 -P "adaptive window=50 promote=2 age=4" \
	> /tmp/age.out 2>&1
sed 's/^/# /' /tmp/age.out
learned=$(stretch /tmp/age.out 3 copies)
last=$(stretch /tmp/age.out 24 copies)
echo "# fields copied per round trip: static $static_copies, adaptive on foreign $learned, after the change $last"
ktap_expect_eq "while L1 uses them, the foreign fields are shadowed (copies up by 16 or more)" yes \
	"$(awk -v a="$learned" -v s="$static_copies" 'BEGIN { print (a >= s + 16) ? "yes" : "no" }')"
ktap_expect_eq "once it stops, they are demoted: copies back within 4 of static's" yes \
	"$(awk -v a="$last" -v s="$static_copies" 'BEGIN { print (a >= s && a <= s + 4) ? "yes" : "no" }')"
ktap_expect_eq "demotions counted" yes \
	"$(sed -n 's/^policy: adaptive .* demoted=\([0-9]*\).*/\1/p' /tmp/age.out |
	   awk '{ print ($1 >= 10) ? "yes" : "no" }')"
ktap_finished
