/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvm-shadow's side of kvm-intel.ko: what the patched VMX code calls.
 *
 * kvm-shadow builds kvm-intel.ko from the distro's kernel source plus a
 * small patch series; the logic of the suite lives in these files rather
 * than in the patches, so the patches stay short and rebase easily.
 */
#ifndef KVM_SHADOW_SHADOW_H
#define KVM_SHADOW_SHADOW_H

#include <linux/init.h>

#define KVM_SHADOW_VERSION	"0.1"

void __init kvm_shadow_hardware_setup(void);

#endif /* KVM_SHADOW_SHADOW_H */
