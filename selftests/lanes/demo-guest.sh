#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The guest half of `make demo`: run each part of the demo (demo.d/, in
# order; each module adds its own) and narrate as it goes. The suite's
# modules are already loaded by the lane runner.

set -u
demo_dir=$(dirname "$(realpath "$0")")/demo.d
export TOP
TOP=$(cd "$demo_dir/../../.." && pwd)

rc=0
for part in "$demo_dir"/*.sh; do
	echo
	echo "=== $(sed -n 's/^# demo: //p' "$part" | head -n1)"
	bash "$part" || { echo "!!! $(basename "$part") failed"; rc=1; }
done
exit $rc
