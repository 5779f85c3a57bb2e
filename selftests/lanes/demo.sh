#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: set up what is missing, build the suite, boot the stock
# Debian kernel in QEMU, load the suite and show what it does; then boot
# it in Bochs, which emulates VMCS shadowing, for kvm-shadow's part.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

say() { echo "demo: $*"; }

say "installing missing packages (Debian 12)"
"$LANES_DIR/deps.sh" build qemu bochs
say "stock kernel: linux-image-$("$LANES_DIR/stock-kernel.sh" version) (fetched once into build/stock)"
say "building the modules and tools"
make -C "$TOP" -s modules tools >/dev/null
say "booting it under QEMU (TCG, 4 vCPUs, 2 NUMA nodes); the guest's output follows"
"$LANES_DIR/qemu-lane.sh" -d -o "$BUILD/demo" -s "$LANES_DIR/demo-guest.sh"
say "booting it under Bochs (a Skylake-X with VMX and VMCS shadowing; about a minute"
say "to boot) for kvm-shadow's kvm_intel; the guest's output follows"
"$LANES_DIR/bochs-lane.sh" -d -o "$BUILD/demo-bochs" \
	-s "$TOP/selftests/kvm-shadow/demo/nested_demo.sh"
