# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the nested tests that need a VM to look at (POSIX sh: the
# Bochs lane's shell is busybox's).
#
# vm_hold_start HOLD DBG: start HOLD (vm_hold: a VM with no vCPU, held
# until killed) in the background, and wait up to 10 s for it to have
# its VM. Sets hpid to its pid and vm to the VM's name under DBG
# (kvm_shadow's debugfs, PID-N), empty if it has none.
vm_hold_start() {
	"$1" > /tmp/vm_hold.out &
	hpid=$!
	i=0
	while ! grep -q ready /tmp/vm_hold.out 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	vm=
	for d in "$2/$hpid"-*; do
		[ -d "$d" ] && vm=${d##*/} && break
	done
}
