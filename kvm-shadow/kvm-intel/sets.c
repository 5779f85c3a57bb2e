// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-shadow: per-VM shadow field sets.
 *
 * A set is what upstream keeps in globals: the VMREAD and VMWRITE
 * bitmaps that vmcs01 points to (a clear bit lets L1 access the field in
 * the shadow VMCS without exiting) and the lists of fields copied between
 * the shadow VMCS and vmcs12 (read-write ones both ways, read-only ones
 * from vmcs12 only). The "static" set is upstream's own: its lists as
 * init_vmcs_shadow_fields() filtered them and its global bitmaps, so a VM
 * under the static policy runs exactly upstream's code path and data.
 *
 * A set never changes once published; a policy change builds a new one,
 * checked field by field by kvm_shadow_check_field(), and publishes it
 * with a new generation. Each vCPU adopts it from its own thread, on its
 * way into L1 (kvm_shadow_vcpu_apply(), from vmx_prepare_switch_to_guest),
 * and only there, because that is where vmcs01 is loaded and the vCPU's
 * shadow VMCS and vmcs12 can be made coherent without racing L1:
 *
 *  1. vmcs12 takes everything the old set holds: the fields upstream
 *     syncs lazily from vmcs02, then the shadow VMCS's read-write fields,
 *     unless a vmcs12 -> shadow copy is already pending (vmcs12 is then
 *     the newer of the two). A field demoted by the new set is therefore
 *     in vmcs12 before L1 can next touch it, through an exit.
 *  2. vmcs01's bitmaps switch to the new set's pages.
 *  3. A full vmcs12 -> shadow copy is scheduled, so that every promoted
 *     field holds vmcs12's value before L1 can read it without exiting.
 *
 * A vCPU in guest mode (L2 running, vmcs02 loaded) waits for its next
 * nested VM-exit.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/kvm_shadow.h>

#include <asm/vmx.h>

#include "vmx/capabilities.h"
#include "vmx/nested.h"
#include "vmx/vmcs.h"
#include "vmx/vmcs12.h"
#include "vmx/vmx.h"
#include "shadow.h"

/* Upstream's set; its bitmaps are nested.c's global pages. */
static struct kvm_shadow_set kvm_shadow_static = {
	.is_static = true,
};

static bool kvm_shadow_vmcs_on(void)
{
	return kvm_shadow_static.vmread_bitmap;
}

struct kvm_shadow_set *kvm_shadow_static_set(void)
{
	return &kvm_shadow_static;
}

/*
 * Fields upstream copies from vmcs02 to vmcs12 only when L1 exits on one
 * of them (nested.c: is_vmcs12_ext_field(), sync_vmcs02_to_vmcs12_rare()).
 */
static bool kvm_shadow_lazy_field(unsigned long field)
{
	switch (field) {
	case GUEST_ES_SELECTOR:
	case GUEST_CS_SELECTOR:
	case GUEST_SS_SELECTOR:
	case GUEST_DS_SELECTOR:
	case GUEST_FS_SELECTOR:
	case GUEST_GS_SELECTOR:
	case GUEST_LDTR_SELECTOR:
	case GUEST_TR_SELECTOR:
	case GUEST_ES_LIMIT:
	case GUEST_CS_LIMIT:
	case GUEST_SS_LIMIT:
	case GUEST_DS_LIMIT:
	case GUEST_FS_LIMIT:
	case GUEST_GS_LIMIT:
	case GUEST_LDTR_LIMIT:
	case GUEST_TR_LIMIT:
	case GUEST_GDTR_LIMIT:
	case GUEST_IDTR_LIMIT:
	case GUEST_ES_AR_BYTES:
	case GUEST_DS_AR_BYTES:
	case GUEST_FS_AR_BYTES:
	case GUEST_GS_AR_BYTES:
	case GUEST_LDTR_AR_BYTES:
	case GUEST_TR_AR_BYTES:
	case GUEST_ES_BASE:
	case GUEST_CS_BASE:
	case GUEST_SS_BASE:
	case GUEST_DS_BASE:
	case GUEST_FS_BASE:
	case GUEST_GS_BASE:
	case GUEST_LDTR_BASE:
	case GUEST_TR_BASE:
	case GUEST_GDTR_BASE:
	case GUEST_IDTR_BASE:
	case GUEST_PENDING_DBG_EXCEPTIONS:
	case GUEST_BNDCFGS:
		return true;
	default:
		return false;
	}
}

/*
 * Whether the hardware VMCS, as KVM configured the CPU (vmcs_config), has
 * FIELD: a VMREAD or VMWRITE of a field the CPU lacks fails, in L1's
 * shadow VMCS as in KVM's copies. Upstream checks three of these for its
 * own list (init_vmcs_shadow_fields()); the others are the fields of
 * optional VMX features that vmcs12 holds.
 */
static bool kvm_shadow_cpu_has_field(unsigned long field)
{
	switch (field) {
	case GUEST_PML_INDEX:
	case PML_ADDRESS:
		return cpu_has_vmx_pml();
	case VMX_PREEMPTION_TIMER_VALUE:
		return cpu_has_vmx_preemption_timer();
	case GUEST_INTR_STATUS:
	case EOI_EXIT_BITMAP0:
	case EOI_EXIT_BITMAP1:
	case EOI_EXIT_BITMAP2:
	case EOI_EXIT_BITMAP3:
		return cpu_has_vmx_apicv();
	case POSTED_INTR_NV:
	case POSTED_INTR_DESC_ADDR:
		return cpu_has_vmx_posted_intr();
	case GUEST_BNDCFGS:
		return cpu_has_vmx_mpx();
	case TSC_MULTIPLIER:
		return cpu_has_vmx_tsc_scaling();
	case VM_FUNCTION_CONTROL:
	case EPTP_LIST_ADDRESS:
		return cpu_has_vmx_vmfunc();
	case XSS_EXIT_BITMAP:
		return cpu_has_vmx_xsaves();
	case ENCLS_EXITING_BITMAP:
		return cpu_has_vmx_encls_vmexit();
	case EPT_POINTER:
	case GUEST_PDPTR0:
	case GUEST_PDPTR1:
	case GUEST_PDPTR2:
	case GUEST_PDPTR3:
		return cpu_has_vmx_ept();
	case VIRTUAL_PROCESSOR_ID:
		return cpu_has_vmx_vpid();
	case APIC_ACCESS_ADDR:
		return cpu_has_vmx_virtualize_apic_accesses();
	case VIRTUAL_APIC_PAGE_ADDR:
	case TPR_THRESHOLD:
		return cpu_has_vmx_tpr_shadow();
	case SECONDARY_VM_EXEC_CONTROL:
		return cpu_has_secondary_exec_ctrls();
	case MSR_BITMAP:
		return cpu_has_vmx_msr_bitmap();
	case GUEST_IA32_PAT:
	case HOST_IA32_PAT:
		return vmcs_config.vmentry_ctrl & VM_ENTRY_LOAD_IA32_PAT;
	case GUEST_IA32_EFER:
	case HOST_IA32_EFER:
		return cpu_has_load_ia32_efer();
	case GUEST_IA32_PERF_GLOBAL_CTRL:
	case HOST_IA32_PERF_GLOBAL_CTRL:
		return cpu_has_load_perf_global_ctrl();
	default:
		return true;
	}
}

/* L1 may VMWRITE the VM-exit information fields, on every vCPU. */
static bool kvm_shadow_vmwrite_any(struct kvm_shadow_vm *svm)
{
	struct kvm_vcpu *vcpu;
	unsigned long i;

	/* The default for vCPUs created later. */
	if (!(vmcs_config.nested.misc_low &
	      MSR_IA32_VMX_MISC_VMWRITE_SHADOW_RO_FIELDS))
		return false;
	kvm_for_each_vcpu(i, vcpu, svm->kvm)
		if (!nested_cpu_has_vmwrite_any_field(vcpu))
			return false;
	return true;
}

/* Say in svm->error why a policy is refused. */
__printf(2, 3) int kvm_shadow_refuse(struct kvm_shadow_vm *svm,
				     const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(svm->error, sizeof(svm->error), fmt, args);
	va_end(args);
	return -EINVAL;
}

/*
 * The rules no set may break, for one field an admin or a policy asks
 * for, read-only or read-write. On refusal, svm->error says why.
 */
int kvm_shadow_check_field(struct kvm_shadow_vm *svm, unsigned long field,
			   bool rw)
{
	const char *name;
	bool high;

	name = kvm_shadow_field_name(field, &high);
	if (get_vmcs12_field_offset(field) < 0 || !name)
		return kvm_shadow_refuse(svm,
				"0x%lx: no such VMCS field in vmcs12", field);
	/* Both halves or neither: the lists copy the whole field. */
	if (high)
		return kvm_shadow_refuse(svm,
				"%s_HIGH: a high half comes with its field; name %s",
				name, name);
	/*
	 * KVM sets it while emulating L1's VMX instructions (VMfailValid)
	 * in vmcs12 alone; a shadow copy would go stale.
	 */
	if (field == VM_INSTRUCTION_ERROR)
		return kvm_shadow_refuse(svm,
				"%s: KVM writes it behind the shadow VMCS (VMfailValid)", name);
	if (!kvm_shadow_cpu_has_field(field))
		return kvm_shadow_refuse(svm,
				"%s: this CPU's VMCS has no such field", name);
	/* KVM drops their reserved bits on VMWRITE; the CPU would not. */
	if (rw && field >= GUEST_ES_AR_BYTES && field <= GUEST_TR_AR_BYTES)
		return kvm_shadow_refuse(svm,
				"%s: access-rights fields can only be shadowed read-only", name);
	if (rw && vmcs_field_readonly(field) && !kvm_shadow_vmwrite_any(svm))
		return kvm_shadow_refuse(svm,
				"%s: VM-exit information, writable only with \"VMWRITE to any field\"",
				name);
	return 0;
}

void __init kvm_shadow_nested_setup(bool shadow_vmcs,
				    unsigned long *vmread_bitmap,
				    unsigned long *vmwrite_bitmap,
				    const struct shadow_vmcs_field *ro, int nr_ro,
				    const struct shadow_vmcs_field *rw, int nr_rw)
{
	kvm_shadow_nested = true;
	if (!shadow_vmcs)
		return;
	/* nested.c checks at build time that its lists fit. */
	memcpy(kvm_shadow_static.ro, ro, nr_ro * sizeof(*ro));
	memcpy(kvm_shadow_static.rw, rw, nr_rw * sizeof(*rw));
	kvm_shadow_static.nr_ro = nr_ro;
	kvm_shadow_static.nr_rw = nr_rw;
	kvm_shadow_static.vmread_bitmap = vmread_bitmap;
	kvm_shadow_static.vmwrite_bitmap = vmwrite_bitmap;
	refcount_set(&kvm_shadow_static.refs, 1);
}

static struct kvm_shadow_set *kvm_shadow_set_alloc(void)
{
	struct kvm_shadow_set *set;

	set = kzalloc(sizeof(*set), GFP_KERNEL_ACCOUNT);
	if (!set)
		return NULL;
	set->vmread_bitmap = (void *)__get_free_page(GFP_KERNEL_ACCOUNT);
	set->vmwrite_bitmap = (void *)__get_free_page(GFP_KERNEL_ACCOUNT);
	if (!set->vmread_bitmap || !set->vmwrite_bitmap) {
		free_page((unsigned long)set->vmread_bitmap);
		free_page((unsigned long)set->vmwrite_bitmap);
		kfree(set);
		return NULL;
	}
	/* A set bit exits: start from nothing shadowed. */
	memset(set->vmread_bitmap, 0xff, PAGE_SIZE);
	memset(set->vmwrite_bitmap, 0xff, PAGE_SIZE);
	refcount_set(&set->refs, 1);
	return set;
}

static void kvm_shadow_set_get(struct kvm_shadow_set *set)
{
	if (!set->is_static)
		refcount_inc(&set->refs);
}

static void kvm_shadow_set_put(struct kvm_shadow_set *set)
{
	if (!set || set->is_static || !refcount_dec_and_test(&set->refs))
		return;
	free_page((unsigned long)set->vmread_bitmap);
	free_page((unsigned long)set->vmwrite_bitmap);
	kfree(set);
}

/* Upstream's set has FIELD, with write access if RW is asked for. */
bool kvm_shadow_static_has(unsigned long field, bool rw)
{
	const struct kvm_shadow_set *s = &kvm_shadow_static;
	int i;

	for (i = 0; i < s->nr_rw; i++)
		if (s->rw[i].encoding == field)
			return true;
	for (i = 0; !rw && i < s->nr_ro; i++)
		if (s->ro[i].encoding == field)
			return true;
	return false;
}

/* Add a checked FIELD to SET; the caller has made sure it fits. */
static void kvm_shadow_set_add(struct kvm_shadow_set *set,
			       unsigned long field, bool rw)
{
	struct shadow_vmcs_field entry = {
		.encoding = field,
		.offset = get_vmcs12_field_offset(field),
	};
	bool wide = vmcs_field_width(field) == VMCS_FIELD_WIDTH_U64;

	/*
	 * On x86_64 the lists name a 64-bit field once, as upstream's do;
	 * a 32-bit host would need its high half listed too.
	 */
	BUILD_BUG_ON(!IS_ENABLED(CONFIG_X86_64));
	clear_bit(field, set->vmread_bitmap);
	if (wide)
		clear_bit(field + 1, set->vmread_bitmap);
	if (kvm_shadow_lazy_field(field))
		set->sync_rare = true;
	if (!rw) {
		set->ro[set->nr_ro++] = entry;
		return;
	}
	clear_bit(field, set->vmwrite_bitmap);
	if (wide)
		clear_bit(field + 1, set->vmwrite_bitmap);
	/*
	 * Upstream's read-write fields are all copied into vmcs02 at every
	 * nested VM-entry; the others only when vmcs12 is dirty. Those an
	 * upstream filter took out of the static set are no CPU's to shadow.
	 */
	if (!kvm_shadow_static_has(field, true))
		set_bit(set->nr_rw, set->rw_dirties);
	if (vmcs_field_readonly(field))
		set->writes_exit_info = true;
	set->rw[set->nr_rw++] = entry;
}

int kvm_shadow_request_add(struct kvm_shadow_vm *svm,
			   struct kvm_shadow_request *req, int *nr,
			   unsigned long field, bool rw)
{
	int i;

	/* Named twice: read-write wins. */
	for (i = 0; i < *nr; i++) {
		if (req[i].field == field) {
			req[i].rw |= rw;
			return 0;
		}
	}
	if (*nr == KVM_SHADOW_MAX_REQUESTS)
		return kvm_shadow_refuse(svm, "too many fields (%d rw, %d ro at most)",
					 KVM_SHADOW_MAX_FIELDS,
					 KVM_SHADOW_MAX_FIELDS);
	req[*nr].field = field;
	req[*nr].rw = rw;
	(*nr)++;
	return 0;
}

/* Ask for upstream's set. */
int kvm_shadow_request_static(struct kvm_shadow_vm *svm,
			      struct kvm_shadow_request *req, int *nr)
{
	const struct kvm_shadow_set *s = &kvm_shadow_static;
	int i, r = 0;

	for (i = 0; i < s->nr_ro && !r; i++)
		r = kvm_shadow_request_add(svm, req, nr, s->ro[i].encoding,
					   false);
	for (i = 0; i < s->nr_rw && !r; i++)
		r = kvm_shadow_request_add(svm, req, nr, s->rw[i].encoding,
					   true);
	return r;
}

/*
 * One word of a pinned list: "static" (upstream's set), or a field by
 * name or hexadecimal encoding, with ":ro" or ":rw". Without one, a field
 * is read-write unless it is an access-rights or a VM-exit information
 * field, which L1 mostly reads.
 */
static int kvm_shadow_parse_word(struct kvm_shadow_vm *svm, char *word,
				 struct kvm_shadow_request *req, int *nr)
{
	char *access = strchr(word, ':');
	unsigned long field;
	bool rw;
	int r;

	if (!strcmp(word, "static"))
		return kvm_shadow_request_static(svm, req, nr);

	if (access)
		*access++ = '\0';
	if (!strncasecmp(word, "0x", 2)) {
		if (kstrtoul(word + 2, 16, &field))
			return kvm_shadow_refuse(svm,
				"%s: not a field encoding", word);
	} else {
		r = kvm_shadow_field_by_name(word);
		if (r < 0)
			return kvm_shadow_refuse(svm,
				"%s: no such VMCS field", word);
		field = r;
	}

	if (!access)
		rw = !vmcs_field_readonly(field) &&
		     !(field >= GUEST_ES_AR_BYTES && field <= GUEST_TR_AR_BYTES);
	else if (!strcmp(access, "rw"))
		rw = true;
	else if (!strcmp(access, "ro"))
		rw = false;
	else
		return kvm_shadow_refuse(svm,
				"%s:%s: access is ro or rw", word, access);

	return kvm_shadow_request_add(svm, req, nr, field, rw);
}

/*
 * Build the set of a pinned list. Fields from "static" were vetted by
 * upstream's filter and are taken as they are; every other field is
 * checked against the rules.
 */
static struct kvm_shadow_set *kvm_shadow_pinned_set(struct kvm_shadow_vm *svm,
						    char *list, int *err)
{
	struct kvm_shadow_request *req;
	struct kvm_shadow_set *set = NULL;
	int nr = 0, r = 0;
	char *word;

	req = kcalloc(KVM_SHADOW_MAX_REQUESTS, sizeof(*req), GFP_KERNEL);
	if (!req) {
		*err = -ENOMEM;
		return NULL;
	}
	while (!r && (word = strsep(&list, " \t\n"))) {
		if (*word)
			r = kvm_shadow_parse_word(svm, word, req, &nr);
	}
	if (!r)
		set = kvm_shadow_build_set(svm, req, nr, &r);
	kfree(req);
	*err = r;
	return set;
}

/* A set of the NR fields REQ asks for, each checked against the rules. */
struct kvm_shadow_set *kvm_shadow_build_set(struct kvm_shadow_vm *svm,
					    const struct kvm_shadow_request *req,
					    int nr, int *err)
{
	struct kvm_shadow_set *set = NULL;
	int nr_rw = 0, i, r = 0;

	for (i = 0; !r && i < nr; i++) {
		if (req[i].rw)
			nr_rw++;
		if (!kvm_shadow_static_has(req[i].field, req[i].rw))
			r = kvm_shadow_check_field(svm, req[i].field, req[i].rw);
	}
	if (!r && (nr_rw > KVM_SHADOW_MAX_FIELDS ||
		   nr - nr_rw > KVM_SHADOW_MAX_FIELDS))
		r = kvm_shadow_refuse(svm, "too many fields (%d rw, %d ro at most)",
				      KVM_SHADOW_MAX_FIELDS, KVM_SHADOW_MAX_FIELDS);
	if (!r) {
		set = kvm_shadow_set_alloc();
		if (!set)
			r = -ENOMEM;
	}
	for (i = 0; !r && i < nr; i++)
		kvm_shadow_set_add(set, req[i].field, req[i].rw);
	*err = r;
	return set;
}

/* Make SET the VM's; vCPUs adopt it on their way into L1. */
void kvm_shadow_publish(struct kvm_shadow_vm *svm, struct kvm_shadow_set *set,
			enum kvm_shadow_policy policy)
{
	struct kvm_shadow_set *old;

	spin_lock(&svm->set_lock);
	old = svm->set;
	svm->set = set;
	svm->policy = policy;
	WRITE_ONCE(svm->gen, svm->gen + 1);
	spin_unlock(&svm->set_lock);
	kvm_shadow_set_put(old);
}

/* The VM's set, with a reference the caller drops. */
static struct kvm_shadow_set *kvm_shadow_vm_set(struct kvm_shadow_vm *svm,
						unsigned long *gen)
{
	struct kvm_shadow_set *set;

	spin_lock(&svm->set_lock);
	set = svm->set;
	kvm_shadow_set_get(set);
	if (gen)
		*gen = svm->gen;
	spin_unlock(&svm->set_lock);
	return set;
}

/* Called with svm->policy_lock held. */
int kvm_shadow_set_policy(struct kvm_shadow_vm *svm, char *buf)
{
	char *list = strim(buf);
	char *word = strsep(&list, " \t\n");
	struct kvm_shadow_set *set;
	int r;

	svm->error[0] = '\0';
	if (!kvm_shadow_vmcs_on()) {
		snprintf(svm->error, sizeof(svm->error),
			 "VMCS shadowing is off in this kvm_intel (enable_shadow_vmcs)");
		return -EOPNOTSUPP;
	}
	if (!strcmp(word, "static")) {
		if (list && *skip_spaces(list))
			return kvm_shadow_refuse(svm,
				"static takes no fields");
		kvm_shadow_publish(svm, &kvm_shadow_static,
				   KVM_SHADOW_POLICY_STATIC);
		return 0;
	}
	if (!strcmp(word, "adaptive"))
		return kvm_shadow_adapt_start(svm, list ?: "");
	if (strcmp(word, "pinned"))
		return kvm_shadow_refuse(svm,
				"%s: no such policy (static, pinned FIELD[:ro|:rw]..., adaptive)",
				word);
	set = kvm_shadow_pinned_set(svm, list ?: "", &r);
	if (!set)
		return r;
	kvm_shadow_publish(svm, set, KVM_SHADOW_POLICY_PINNED);
	return 0;
}

static const char * const kvm_shadow_policy_names[] = {
	[KVM_SHADOW_POLICY_STATIC] = "static",
	[KVM_SHADOW_POLICY_PINNED] = "pinned",
	[KVM_SHADOW_POLICY_ADAPTIVE] = "adaptive",
};

const char *kvm_shadow_policy_name(enum kvm_shadow_policy policy)
{
	return kvm_shadow_policy_names[policy];
}

static int kvm_shadow_policy_show(struct seq_file *m, void *unused)
{
	struct kvm_shadow_vm *svm = m->private;

	mutex_lock(&svm->policy_lock);
	seq_printf(m, "%s", kvm_shadow_policy_names[svm->policy]);
	if (svm->policy == KVM_SHADOW_POLICY_ADAPTIVE)
		kvm_shadow_adapt_show(m, svm);
	seq_puts(m, "\n");
	if (svm->error[0])
		seq_printf(m, "error: %s\n", svm->error);
	mutex_unlock(&svm->policy_lock);
	return 0;
}

static int kvm_shadow_policy_open(struct inode *inode, struct file *file)
{
	return single_open(file, kvm_shadow_policy_show, inode->i_private);
}

/*
 * "static" or "pinned FIELD[:ro|:rw]...". A refused policy changes
 * nothing; the write fails and reading the file says why.
 */
static ssize_t kvm_shadow_policy_write(struct file *file,
				       const char __user *ubuf, size_t count,
				       loff_t *ppos)
{
	struct kvm_shadow_vm *svm = ((struct seq_file *)file->private_data)->private;
	char *buf, *text;
	int r;

	if (count >= PAGE_SIZE)
		return -E2BIG;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	/* The parser cuts its words in place; keep the original for events. */
	text = kstrdup(buf, GFP_KERNEL);
	if (!text) {
		kfree(buf);
		return -ENOMEM;
	}
	mutex_lock(&svm->policy_lock);
	r = kvm_shadow_set_policy(svm, buf);
	if (!r)
		kvm_shadow_notify(svm, KVM_SHADOW_SOURCE_DEBUGFS, strim(text));
	mutex_unlock(&svm->policy_lock);
	kfree(text);
	kfree(buf);
	return r ?: count;
}

static const struct file_operations kvm_shadow_policy_fops = {
	.owner = THIS_MODULE,
	.open = kvm_shadow_policy_open,
	.read = seq_read,
	.write = kvm_shadow_policy_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static void kvm_shadow_show_list(struct seq_file *m, const char *access,
				 const struct shadow_vmcs_field *list, int nr)
{
	const char *name;
	bool high;
	int i;

	for (i = 0; i < nr; i++) {
		name = kvm_shadow_field_name(list[i].encoding, &high);
		seq_printf(m, "%s %s 0x%04x\n", access, name ?: "unknown",
			   list[i].encoding);
	}
}

/* The VM's set: its policy, then one line per field, rw or ro. */
static int kvm_shadow_set_show(struct seq_file *m, void *unused)
{
	struct kvm_shadow_vm *svm = m->private;
	struct kvm_shadow_set *set;
	enum kvm_shadow_policy policy;

	spin_lock(&svm->set_lock);
	set = svm->set;
	kvm_shadow_set_get(set);
	policy = svm->policy;
	spin_unlock(&svm->set_lock);

	seq_printf(m, "policy %s\n", kvm_shadow_policy_names[policy]);
	kvm_shadow_show_list(m, "rw", set->rw, set->nr_rw);
	kvm_shadow_show_list(m, "ro", set->ro, set->nr_ro);
	kvm_shadow_set_put(set);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kvm_shadow_set);

int kvm_shadow_policy_create(struct kvm_shadow_vm *svm)
{
	debugfs_create_file("policy", 0644, svm->dir, svm,
			    &kvm_shadow_policy_fops);
	debugfs_create_file("set", 0444, svm->dir, svm, &kvm_shadow_set_fops);
	return 0;
}

/* "rw", "ro" or "-": how the VM's current set shadows FIELD. */
const char *kvm_shadow_vm_access(struct kvm_shadow_vm *svm,
				 unsigned long field)
{
	const char *access = "-";
	struct kvm_shadow_set *set;

	set = kvm_shadow_vm_set(svm, NULL);
	if (set->vmread_bitmap && !test_bit(field, set->vmread_bitmap))
		access = test_bit(field, set->vmwrite_bitmap) ? "ro" : "rw";
	kvm_shadow_set_put(set);
	return access;
}

int kvm_shadow_sets_create(struct kvm_shadow_vm *svm)
{
	svm->set = &kvm_shadow_static;
	svm->policy = KVM_SHADOW_POLICY_STATIC;
	kvm_shadow_adapt_init(svm);
	return 0;
}

void kvm_shadow_sets_destroy(struct kvm_shadow_vm *svm)
{
	kvm_shadow_adapt_stop(svm);
	kvm_shadow_set_put(svm->set);
	svm->set = NULL;
}

const struct kvm_shadow_set *kvm_shadow_vcpu_set(struct vcpu_vmx *vmx)
{
	return vmx->nested.shadow.set ?: &kvm_shadow_static;
}

bool kvm_shadow_sync_rare_eagerly(struct vcpu_vmx *vmx)
{
	return kvm_shadow_vcpu_set(vmx)->sync_rare;
}

/* L1 reads FIELD from its shadow VMCS without exiting. */
bool kvm_shadow_field_readable(struct vcpu_vmx *vmx, unsigned long field)
{
	const struct kvm_shadow_set *set = kvm_shadow_vcpu_set(vmx);

	return set->vmread_bitmap && field < PAGE_SIZE * BITS_PER_BYTE &&
	       !test_bit(field, set->vmread_bitmap);
}

void kvm_shadow_vcpu_free(struct vcpu_vmx *vmx)
{
	kvm_shadow_set_put(vmx->nested.shadow.set);
	vmx->nested.shadow.set = NULL;
	kvm_shadow_vcpu_profile_free(&vmx->nested.shadow);
}

/*
 * From vmx_prepare_switch_to_guest(), preemption off, on every entry:
 * adopt the VM's set if it changed (see the top of this file).
 */
void kvm_shadow_vcpu_apply(struct kvm_vcpu *vcpu)
{
	struct kvm_shadow_vm *svm = to_kvm_vmx(vcpu->kvm)->shadow;
	struct vcpu_vmx *vmx = to_vmx(vcpu);
	struct kvm_shadow_vcpu *sv = &vmx->nested.shadow;
	struct kvm_shadow_set *set, *old;
	unsigned long gen;

	if (!svm || likely(READ_ONCE(svm->gen) == sv->seen_gen))
		return;
	/*
	 * The bitmaps are vmcs01's. nested_vmx_check_vmentry_hw() comes
	 * here with vmcs02 loaded before guest mode is set.
	 */
	if (is_guest_mode(vcpu) || vmx->loaded_vmcs != &vmx->vmcs01)
		return;

	set = kvm_shadow_vm_set(svm, &gen);
	sv->seen_gen = gen;
	old = sv->set ?: &kvm_shadow_static;
	/*
	 * The rules were checked for the vCPUs of the time; one created
	 * since, or given other VMX MSRs before VMXON, keeps its set rather
	 * than let L1 write what its VMX_MISC says it cannot.
	 */
	if (set == old || (set->writes_exit_info &&
			   !nested_cpu_has_vmwrite_any_field(vcpu))) {
		if (set != old)
			pr_warn_ratelimited("vCPU %d keeps its shadow set: it lacks \"VMWRITE to any field\"\n",
					    vcpu->vcpu_id);
		kvm_shadow_set_put(set);
		return;
	}

	nested_vmx_shadow_flush(vcpu);
	sv->set = set->is_static ? NULL : set;
	nested_vmx_set_vmcs_shadowing_bitmap(vmx);
	kvm_shadow_set_put(old);
	if (vmx->nested.current_vmptr != INVALID_GPA)
		vmx->nested.need_vmcs12_to_shadow_sync = true;
}
