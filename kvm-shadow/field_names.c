// SPDX-License-Identifier: GPL-2.0
/* The VMCS field names of kvm-intel's kvm-shadow, for the profiler too. */
#include "kvm-intel/fields.c"
