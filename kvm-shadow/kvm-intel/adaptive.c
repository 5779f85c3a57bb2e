// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-shadow: the adaptive policy.
 *
 * Every window the VM's trap profile is sampled. A field that made L1
 * exit at least "promote" times in the window is shadowed on top of
 * upstream's set: read-write if L1 wrote it, read-only if it only read
 * it or the rules allow no more; at most "max" such fields, which bounds
 * what the set adds to every shadow <-> vmcs12 copy. A shadowed field
 * no longer exits, so its use cannot be seen any more: after "age"
 * windows it is demoted, and comes back at the next window if L1 still
 * uses it that much. A field nobody uses any more thus stops costing a
 * copy per round trip after at most "age" windows.
 *
 * Each change builds a new set, checked by the same rules as a pinned
 * list, and publishes it like any other policy (sets.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kvm_shadow.h>

#include "vmx/vmcs.h"
#include "vmx/vmx.h"
#include "shadow.h"

#define KVM_SHADOW_ADAPT_WINDOW_MS	100
#define KVM_SHADOW_ADAPT_PROMOTE	16
#define KVM_SHADOW_ADAPT_AGE		50

static int kvm_shadow_adapt_find(struct kvm_shadow_adapt *a,
				 unsigned long field)
{
	int i;

	for (i = 0; i < a->nr; i++)
		if (a->learned[i].field == field)
			return i;
	return -1;
}

/* Consider FIELD, which exited READS and WRITES times in the window. */
static bool kvm_shadow_adapt_promote(struct kvm_shadow_vm *svm,
				     unsigned long field, long reads,
				     long writes)
{
	struct kvm_shadow_adapt *a = &svm->adapt;
	bool rw = writes > 0;

	/* A 64-bit field is shadowed whole, whichever half exited. */
	if ((field & 1) && vmcs_field_width(field & ~1UL) == VMCS_FIELD_WIDTH_U64)
		field &= ~1UL;
	if (a->nr >= a->max || kvm_shadow_adapt_find(a, field) >= 0 ||
	    kvm_shadow_static_has(field, rw))
		return false;
	if (kvm_shadow_check_field(svm, field, rw)) {
		/* Refused read-write: reading without exits still pays. */
		if (!rw || !reads || kvm_shadow_check_field(svm, field, false))
			return false;
		rw = false;
	}
	a->learned[a->nr].field = field;
	a->learned[a->nr].rw = rw;
	a->learned[a->nr].age = 0;
	a->nr++;
	a->promoted++;
	return true;
}

/* A field that exited at least "promote" times in the window. */
struct kvm_shadow_adapt_candidate {
	int slot;
	long reads, writes;
};

/*
 * Keep the window's KVM_SHADOW_ADAPT_MAX hottest candidates in TOP, most
 * exits first: when fewer places are free than fields qualify, the
 * hottest get them, not the first in encoding order (L1's one-off setup
 * writes would otherwise crowd out the fields it touches every exit).
 */
static int kvm_shadow_adapt_rank(struct kvm_shadow_adapt_candidate *top,
				 int nr, int slot, long reads, long writes)
{
	int i = min(nr, KVM_SHADOW_ADAPT_MAX - 1);

	if (nr == KVM_SHADOW_ADAPT_MAX &&
	    reads + writes <= top[i].reads + top[i].writes)
		return nr;
	for (; i > 0 && top[i - 1].reads + top[i - 1].writes < reads + writes; i--)
		top[i] = top[i - 1];
	top[i].slot = slot;
	top[i].reads = reads;
	top[i].writes = writes;
	return min(nr + 1, KVM_SHADOW_ADAPT_MAX);
}

/* One window: age, sample, promote. True if the set must change. */
static bool kvm_shadow_adapt_step(struct kvm_shadow_vm *svm)
{
	struct kvm_shadow_adapt_candidate top[KVM_SHADOW_ADAPT_MAX];
	struct kvm_shadow_adapt *a = &svm->adapt;
	bool changed = false;
	int i, slot, nr = 0;

	for (i = 0; i < a->nr;) {
		if (++a->learned[i].age > a->age) {
			a->learned[i] = a->learned[--a->nr];
			a->demoted++;
			changed = true;
		} else {
			i++;
		}
	}

	for (slot = 0; slot < KVM_SHADOW_NR_SLOTS; slot++) {
		long r = atomic_long_read(&svm->traps.exits[slot][KVM_SHADOW_VMREAD]);
		long w = atomic_long_read(&svm->traps.exits[slot][KVM_SHADOW_VMWRITE]);
		long dr = r - a->last[slot][KVM_SHADOW_VMREAD];
		long dw = w - a->last[slot][KVM_SHADOW_VMWRITE];

		a->last[slot][KVM_SHADOW_VMREAD] = r;
		a->last[slot][KVM_SHADOW_VMWRITE] = w;
		if (dr + dw >= a->promote)
			nr = kvm_shadow_adapt_rank(top, nr, slot, dr, dw);
	}
	for (i = 0; i < nr; i++)
		if (kvm_shadow_adapt_promote(svm, kvm_shadow_slot_field(top[i].slot),
					     top[i].reads, top[i].writes))
			changed = true;
	return changed;
}

/* Upstream's set plus the learned fields. */
static int kvm_shadow_adapt_publish(struct kvm_shadow_vm *svm)
{
	struct kvm_shadow_adapt *a = &svm->adapt;
	struct kvm_shadow_request *req;
	struct kvm_shadow_set *set;
	int nr = 0, i, r;

	if (!a->nr) {
		kvm_shadow_publish(svm, kvm_shadow_static_set(),
				   KVM_SHADOW_POLICY_ADAPTIVE);
		return 0;
	}
	req = kcalloc(KVM_SHADOW_MAX_REQUESTS, sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	r = kvm_shadow_request_static(svm, req, &nr);
	for (i = 0; !r && i < a->nr; i++)
		r = kvm_shadow_request_add(svm, req, &nr, a->learned[i].field,
					   a->learned[i].rw);
	set = r ? NULL : kvm_shadow_build_set(svm, req, nr, &r);
	kfree(req);
	if (set)
		kvm_shadow_publish(svm, set, KVM_SHADOW_POLICY_ADAPTIVE);
	return r;
}

static void kvm_shadow_adapt_work(struct work_struct *work)
{
	struct kvm_shadow_vm *svm = container_of(to_delayed_work(work),
						 struct kvm_shadow_vm,
						 adapt.work);
	struct kvm_shadow_adapt *a = &svm->adapt;
	char error[sizeof(svm->error)];

	mutex_lock(&svm->policy_lock);
	/* Another policy was set since: stop here. */
	if (svm->policy != KVM_SHADOW_POLICY_ADAPTIVE)
		goto out;
	/* The admin's last refusal, not the fields we passed over. */
	memcpy(error, svm->error, sizeof(error));
	if (kvm_shadow_adapt_step(svm)) {
		if (kvm_shadow_adapt_publish(svm))
			pr_warn_ratelimited("VM %d-%u: adaptive set not built, keeping the last one\n",
					    svm->pid, svm->id);
		else
			kvm_shadow_notify(svm, KVM_SHADOW_SOURCE_ADAPTIVE, NULL);
	}
	memcpy(svm->error, error, sizeof(error));
	schedule_delayed_work(&a->work, msecs_to_jiffies(a->window_ms));
out:
	mutex_unlock(&svm->policy_lock);
}

void kvm_shadow_adapt_init(struct kvm_shadow_vm *svm)
{
	INIT_DELAYED_WORK(&svm->adapt.work, kvm_shadow_adapt_work);
}

/* "adaptive [window=MS] [promote=EXITS] [max=FIELDS] [age=WINDOWS]" */
int kvm_shadow_adapt_start(struct kvm_shadow_vm *svm, char *args)
{
	struct kvm_shadow_adapt *a = &svm->adapt;
	unsigned int window = KVM_SHADOW_ADAPT_WINDOW_MS;
	unsigned int promote = KVM_SHADOW_ADAPT_PROMOTE;
	unsigned int max = KVM_SHADOW_ADAPT_MAX / 2;
	unsigned int age = KVM_SHADOW_ADAPT_AGE;
	char *word, *val;
	unsigned int *dst;
	int slot, r;

	while ((word = strsep(&args, " \t\n"))) {
		if (!*word)
			continue;
		val = strchr(word, '=');
		if (val)
			*val++ = '\0';
		if (!strcmp(word, "window"))
			dst = &window;
		else if (!strcmp(word, "promote"))
			dst = &promote;
		else if (!strcmp(word, "max"))
			dst = &max;
		else if (!strcmp(word, "age"))
			dst = &age;
		else
			return kvm_shadow_refuse(svm,
				"%s: adaptive takes window=MS promote=EXITS max=FIELDS age=WINDOWS",
				word);
		if (!val || kstrtouint(val, 0, dst))
			return kvm_shadow_refuse(svm, "%s: not a number", word);
	}
	if (window < 10 || window > 60000 || !promote || !max ||
	    max > KVM_SHADOW_ADAPT_MAX || !age)
		return kvm_shadow_refuse(svm,
				"adaptive: window 10..60000 ms, promote >= 1, max 1..%d, age >= 1",
				KVM_SHADOW_ADAPT_MAX);

	if (!a->last) {
		a->last = kvcalloc(KVM_SHADOW_NR_SLOTS, sizeof(*a->last),
				   GFP_KERNEL_ACCOUNT);
		if (!a->last)
			return -ENOMEM;
	}
	/* Learn from what happens from now on, starting from upstream's set. */
	for (slot = 0; slot < KVM_SHADOW_NR_SLOTS; slot++) {
		a->last[slot][KVM_SHADOW_VMREAD] =
			atomic_long_read(&svm->traps.exits[slot][KVM_SHADOW_VMREAD]);
		a->last[slot][KVM_SHADOW_VMWRITE] =
			atomic_long_read(&svm->traps.exits[slot][KVM_SHADOW_VMWRITE]);
	}
	a->window_ms = window;
	a->promote = promote;
	a->max = max;
	a->age = age;
	a->nr = 0;
	a->promoted = 0;
	a->demoted = 0;
	r = kvm_shadow_adapt_publish(svm);
	if (!r)
		schedule_delayed_work(&a->work, msecs_to_jiffies(window));
	return r;
}

/* At VM destruction: no window may run once the VM's state is freed. */
void kvm_shadow_adapt_stop(struct kvm_shadow_vm *svm)
{
	mutex_lock(&svm->policy_lock);
	svm->policy = KVM_SHADOW_POLICY_STATIC;
	mutex_unlock(&svm->policy_lock);
	cancel_delayed_work_sync(&svm->adapt.work);
	kvfree(svm->adapt.last);
	svm->adapt.last = NULL;
}

void kvm_shadow_adapt_show(struct seq_file *m, struct kvm_shadow_vm *svm)
{
	struct kvm_shadow_adapt *a = &svm->adapt;

	seq_printf(m, " window=%u promote=%u max=%u age=%u learned=%d promoted=%lu demoted=%lu",
		   a->window_ms, a->promote, a->max, a->age, a->nr,
		   a->promoted, a->demoted);
}
