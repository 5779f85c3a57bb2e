// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-shadow: VMCS field names, for the profile and for the policies an
 * admin writes. The list is the fields vmcs12 holds in this kernel
 * (vmx/vmcs12.c); a 64-bit field is listed once and its high half is
 * named <field>_HIGH. Encodings outside it exist in no vmcs12, so no
 * policy can name them.
 */

#include <linux/kernel.h>
#include <linux/string.h>

#include <asm/vmx.h>

#include "shadow.h"

#define F(x) { x, #x }

static const struct kvm_shadow_field_name {
	u16 encoding;
	const char *name;
} kvm_shadow_field_names[] = {
	F(VIRTUAL_PROCESSOR_ID),
	F(POSTED_INTR_NV),
	F(GUEST_ES_SELECTOR),
	F(GUEST_CS_SELECTOR),
	F(GUEST_SS_SELECTOR),
	F(GUEST_DS_SELECTOR),
	F(GUEST_FS_SELECTOR),
	F(GUEST_GS_SELECTOR),
	F(GUEST_LDTR_SELECTOR),
	F(GUEST_TR_SELECTOR),
	F(GUEST_INTR_STATUS),
	F(GUEST_PML_INDEX),
	F(HOST_ES_SELECTOR),
	F(HOST_CS_SELECTOR),
	F(HOST_SS_SELECTOR),
	F(HOST_DS_SELECTOR),
	F(HOST_FS_SELECTOR),
	F(HOST_GS_SELECTOR),
	F(HOST_TR_SELECTOR),
	F(IO_BITMAP_A),
	F(IO_BITMAP_B),
	F(MSR_BITMAP),
	F(VM_EXIT_MSR_STORE_ADDR),
	F(VM_EXIT_MSR_LOAD_ADDR),
	F(VM_ENTRY_MSR_LOAD_ADDR),
	F(PML_ADDRESS),
	F(TSC_OFFSET),
	F(TSC_MULTIPLIER),
	F(VIRTUAL_APIC_PAGE_ADDR),
	F(APIC_ACCESS_ADDR),
	F(POSTED_INTR_DESC_ADDR),
	F(VM_FUNCTION_CONTROL),
	F(EPT_POINTER),
	F(EOI_EXIT_BITMAP0),
	F(EOI_EXIT_BITMAP1),
	F(EOI_EXIT_BITMAP2),
	F(EOI_EXIT_BITMAP3),
	F(EPTP_LIST_ADDRESS),
	F(VMREAD_BITMAP),
	F(VMWRITE_BITMAP),
	F(XSS_EXIT_BITMAP),
	F(ENCLS_EXITING_BITMAP),
	F(GUEST_PHYSICAL_ADDRESS),
	F(VMCS_LINK_POINTER),
	F(GUEST_IA32_DEBUGCTL),
	F(GUEST_IA32_PAT),
	F(GUEST_IA32_EFER),
	F(GUEST_IA32_PERF_GLOBAL_CTRL),
	F(GUEST_PDPTR0),
	F(GUEST_PDPTR1),
	F(GUEST_PDPTR2),
	F(GUEST_PDPTR3),
	F(GUEST_BNDCFGS),
	F(HOST_IA32_PAT),
	F(HOST_IA32_EFER),
	F(HOST_IA32_PERF_GLOBAL_CTRL),
	F(PIN_BASED_VM_EXEC_CONTROL),
	F(CPU_BASED_VM_EXEC_CONTROL),
	F(EXCEPTION_BITMAP),
	F(PAGE_FAULT_ERROR_CODE_MASK),
	F(PAGE_FAULT_ERROR_CODE_MATCH),
	F(CR3_TARGET_COUNT),
	F(VM_EXIT_CONTROLS),
	F(VM_EXIT_MSR_STORE_COUNT),
	F(VM_EXIT_MSR_LOAD_COUNT),
	F(VM_ENTRY_CONTROLS),
	F(VM_ENTRY_MSR_LOAD_COUNT),
	F(VM_ENTRY_INTR_INFO_FIELD),
	F(VM_ENTRY_EXCEPTION_ERROR_CODE),
	F(VM_ENTRY_INSTRUCTION_LEN),
	F(TPR_THRESHOLD),
	F(SECONDARY_VM_EXEC_CONTROL),
	F(VM_INSTRUCTION_ERROR),
	F(VM_EXIT_REASON),
	F(VM_EXIT_INTR_INFO),
	F(VM_EXIT_INTR_ERROR_CODE),
	F(IDT_VECTORING_INFO_FIELD),
	F(IDT_VECTORING_ERROR_CODE),
	F(VM_EXIT_INSTRUCTION_LEN),
	F(VMX_INSTRUCTION_INFO),
	F(GUEST_ES_LIMIT),
	F(GUEST_CS_LIMIT),
	F(GUEST_SS_LIMIT),
	F(GUEST_DS_LIMIT),
	F(GUEST_FS_LIMIT),
	F(GUEST_GS_LIMIT),
	F(GUEST_LDTR_LIMIT),
	F(GUEST_TR_LIMIT),
	F(GUEST_GDTR_LIMIT),
	F(GUEST_IDTR_LIMIT),
	F(GUEST_ES_AR_BYTES),
	F(GUEST_CS_AR_BYTES),
	F(GUEST_SS_AR_BYTES),
	F(GUEST_DS_AR_BYTES),
	F(GUEST_FS_AR_BYTES),
	F(GUEST_GS_AR_BYTES),
	F(GUEST_LDTR_AR_BYTES),
	F(GUEST_TR_AR_BYTES),
	F(GUEST_INTERRUPTIBILITY_INFO),
	F(GUEST_ACTIVITY_STATE),
	F(GUEST_SYSENTER_CS),
	F(HOST_IA32_SYSENTER_CS),
	F(VMX_PREEMPTION_TIMER_VALUE),
	F(CR0_GUEST_HOST_MASK),
	F(CR4_GUEST_HOST_MASK),
	F(CR0_READ_SHADOW),
	F(CR4_READ_SHADOW),
	F(EXIT_QUALIFICATION),
	F(GUEST_LINEAR_ADDRESS),
	F(GUEST_CR0),
	F(GUEST_CR3),
	F(GUEST_CR4),
	F(GUEST_ES_BASE),
	F(GUEST_CS_BASE),
	F(GUEST_SS_BASE),
	F(GUEST_DS_BASE),
	F(GUEST_FS_BASE),
	F(GUEST_GS_BASE),
	F(GUEST_LDTR_BASE),
	F(GUEST_TR_BASE),
	F(GUEST_GDTR_BASE),
	F(GUEST_IDTR_BASE),
	F(GUEST_DR7),
	F(GUEST_RSP),
	F(GUEST_RIP),
	F(GUEST_RFLAGS),
	F(GUEST_PENDING_DBG_EXCEPTIONS),
	F(GUEST_SYSENTER_ESP),
	F(GUEST_SYSENTER_EIP),
	F(HOST_CR0),
	F(HOST_CR3),
	F(HOST_CR4),
	F(HOST_FS_BASE),
	F(HOST_GS_BASE),
	F(HOST_TR_BASE),
	F(HOST_GDTR_BASE),
	F(HOST_IDTR_BASE),
	F(HOST_IA32_SYSENTER_ESP),
	F(HOST_IA32_SYSENTER_EIP),
	F(HOST_RSP),
	F(HOST_RIP),
};

/* Name of ENCODING, or NULL: a high half is its field's name + "_HIGH". */
const char *kvm_shadow_field_name(unsigned long encoding, bool *high)
{
	unsigned long full = encoding & ~1UL;
	int i;

	*high = false;
	for (i = 0; i < ARRAY_SIZE(kvm_shadow_field_names); i++) {
		if (kvm_shadow_field_names[i].encoding == encoding)
			return kvm_shadow_field_names[i].name;
		/* Only a 64-bit field (width bits 14:13 = 1) has a high half. */
		if ((encoding & 1) && ((full >> 13) & 3) == 1 &&
		    kvm_shadow_field_names[i].encoding == full) {
			*high = true;
			return kvm_shadow_field_names[i].name;
		}
	}
	return NULL;
}

/* Encoding named NAME (case-insensitive, "_HIGH" allowed), or -ENOENT. */
int kvm_shadow_field_by_name(const char *name)
{
	size_t len = strlen(name);
	bool high = false;
	int i;

	if (len > 5 && !strcasecmp(name + len - 5, "_HIGH")) {
		high = true;
		len -= 5;
	}
	for (i = 0; i < ARRAY_SIZE(kvm_shadow_field_names); i++) {
		const char *n = kvm_shadow_field_names[i].name;
		u16 enc = kvm_shadow_field_names[i].encoding;

		if (strlen(n) != len || strncasecmp(n, name, len))
			continue;
		if (!high)
			return enc;
		if (((enc >> 13) & 3) == 1)
			return enc + 1;
	}
	return -ENOENT;
}
