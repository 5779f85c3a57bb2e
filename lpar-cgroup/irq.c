// SPDX-License-Identifier: GPL-2.0
/*
 * Device interrupts off dedicated slices' CPUs.
 *
 * A dedicated slice's CPUs run its tasks and nothing else; an interrupt
 * of some other tenant's device landing there steals the time cpusets
 * cannot. So the module keeps every interrupt it may move off the CPUs of
 * dedicated slices, except those an administrator gave to a slice (the
 * queue interrupt of one of the slice's vmq-switch ports, say), which go
 * to that slice's CPUs.
 *
 * It may move an interrupt whose affinity the kernel lets anyone change:
 * not per-CPU, not "no balancing", not kernel-managed (the affinity of a
 * managed queue interrupt is the driver's and the kernel's, and follows
 * CPU hotplug by itself), on a chip that can set affinity. Moving is a
 * mask change, as writing /proc/irq/N/smp_affinity is.
 *
 * The affinity an interrupt had before the module first moved it is kept
 * and comes back once none of its CPUs is fenced any more. Interrupts
 * allocated later, or pointed at a slice's CPUs through /proc, are caught
 * by the next sweep: on every change of the ledger and every second.
 */

#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "lpar.h"

/* IRQ number -> the slice it was given to */
static DEFINE_XARRAY(irq_owner);
/* IRQ number -> its affinity before the module first moved it */
static DEFINE_XARRAY(irq_saved);

static cpumask_var_t fenced, allowed, cur, target;

/*
 * Whether the module may move @irq; its affinity into @mask if so. A
 * descriptor is freed after an RCU grace period, so it can be read here.
 */
static bool irq_movable(unsigned int irq, struct cpumask *mask)
{
	struct irq_data *d;
	struct irq_chip *chip;
	bool ok;

	rcu_read_lock();
	d = irq_get_irq_data(irq);
	chip = d ? irq_data_get_irq_chip(d) : NULL;
	ok = chip && chip->irq_set_affinity && irqd_can_balance(d) &&
	     !irqd_affinity_is_managed(d);
	if (ok && mask)
		cpumask_copy(mask, irq_data_get_affinity_mask(d));
	rcu_read_unlock();
	return ok;
}

static int save_affinity(unsigned int irq, const struct cpumask *mask)
{
	struct cpumask *saved;
	int err;

	if (xa_load(&irq_saved, irq))
		return 0;
	saved = kmalloc(cpumask_size(), GFP_KERNEL);
	if (!saved)
		return -ENOMEM;
	cpumask_copy(saved, mask);
	err = xa_err(xa_store(&irq_saved, irq, saved, GFP_KERNEL));
	if (err)
		kfree(saved);
	return err;
}

static void drop_saved(unsigned int irq)
{
	kfree(xa_erase(&irq_saved, irq));
}

static void set_affinity(unsigned int irq, const struct cpumask *mask)
{
	if (!cpumask_equal(cur, mask))
		irq_set_affinity(irq, mask);
}

static void sweep_one(unsigned int irq)
{
	const struct lpar_slice *owner = xa_load(&irq_owner, irq);
	const struct cpumask *saved = xa_load(&irq_saved, irq);

	if (!irq_movable(irq, cur))
		return;
	if (owner) {
		if (cpumask_and(target, owner->cpus, cpu_online_mask))
			set_affinity(irq, target);
		return;
	}
	if (cpumask_intersects(cur, fenced)) {
		if (save_affinity(irq, cur))
			return;
		/* Keep what the admin chose of the host's CPUs, if any. */
		if (!cpumask_and(target, cur, allowed) &&
		    !(saved && cpumask_and(target, saved, allowed)))
			cpumask_copy(target, allowed);
		set_affinity(irq, target);
	} else if (saved && !cpumask_intersects(saved, fenced)) {
		/* Its own CPUs are free again. */
		if (cpumask_and(target, saved, cpu_online_mask))
			set_affinity(irq, target);
		drop_saved(irq);
	}
}

/* Move interrupts as the ledger now says; under lpar_lock. */
void lpar_irqs_update(void)
{
	const struct lpar_slice *s;
	unsigned int irq;

	lockdep_assert_held(&lpar_lock);
	cpumask_clear(fenced);
	list_for_each_entry(s, &lpar_host.slices, list)
		if (s->mode == LPAR_MODE_DEDICATED)
			cpumask_or(fenced, fenced, s->cpus);
	/* The housekeeping CPUs are never fenced, so this is never empty. */
	cpumask_andnot(allowed, cpu_online_mask, fenced);
	for (irq = 0; irq < nr_irqs; irq++)
		sweep_one(irq);
}

/*
 * Check that every IRQ of @irqs (a bitmap of @nbits) can be given to slice
 * @s: it exists, the module may move it, no other slice has it.
 */
int lpar_slice_check_irqs(const struct lpar_slice *s, const unsigned long *irqs,
			  unsigned int nbits, struct netlink_ext_ack *extack)
{
	const struct lpar_slice *owner;
	unsigned int irq;

	lockdep_assert_held(&lpar_lock);
	for_each_set_bit(irq, irqs, nbits) {
		if (!irq_movable(irq, NULL)) {
			nl_extack_fmt(extack,
				      "IRQ %u does not exist, or its affinity is per-CPU, fixed or kernel-managed",
				      irq);
			return -EINVAL;
		}
		owner = xa_load(&irq_owner, irq);
		if (owner && owner != s) {
			nl_extack_fmt(extack, "IRQ %u is slice %s's", irq,
				      owner->name);
			return -EBUSY;
		}
	}
	return 0;
}

/*
 * Give slice @s exactly the IRQs of @irqs (checked): those it had besides
 * go back to the host's rules. An IRQ's affinity before is kept, for when
 * it leaves the slice.
 */
int lpar_slice_set_irqs(struct lpar_slice *s, const unsigned long *irqs,
			unsigned int nbits)
{
	unsigned long irq;
	void *owner;
	int err = 0;

	lockdep_assert_held(&lpar_lock);
	for_each_set_bit(irq, irqs, nbits) {
		if (xa_load(&irq_owner, irq) == s || !irq_movable(irq, cur))
			continue;
		err = save_affinity(irq, cur);
		if (!err)
			err = xa_err(xa_store(&irq_owner, irq, s, GFP_KERNEL));
		if (err)
			break;
	}
	xa_for_each(&irq_owner, irq, owner)
		if (owner == s && !err && (irq >= nbits || !test_bit(irq, irqs)))
			xa_erase(&irq_owner, irq);
	lpar_irqs_update();
	return err;
}

/* Slice @s is going: its IRQs return to the host's rules. */
void lpar_slice_drop_irqs(struct lpar_slice *s)
{
	unsigned long irq;
	void *owner;

	lockdep_assert_held(&lpar_lock);
	xa_for_each(&irq_owner, irq, owner)
		if (owner == s)
			xa_erase(&irq_owner, irq);
}

static int print_range(char *buf, size_t size, unsigned long first,
		       unsigned long last, const char *sep)
{
	if (first == last)
		return scnprintf(buf, size, "%s%lu", sep, first);
	return scnprintf(buf, size, "%s%lu-%lu", sep, first, last);
}

/* Print the IRQs of @xa (those whose entry @match accepts) as a list. */
static int print_irqs(char *buf, size_t size, struct xarray *xa,
		      bool (*match)(void *entry, const void *arg),
		      const void *arg)
{
	unsigned long irq, first = 0, last = 0;
	bool open = false;
	int n = 0;
	void *entry;

	xa_for_each(xa, irq, entry) {
		if (!match(entry, arg))
			continue;
		if (open && irq == last + 1) {
			last = irq;
			continue;
		}
		if (open)
			n += print_range(buf + n, size - n, first, last,
					 n ? "," : "");
		first = irq;
		last = irq;
		open = true;
	}
	if (open)
		n += print_range(buf + n, size - n, first, last, n ? "," : "");
	return n;
}

static bool owned_by(void *entry, const void *slice)
{
	return entry == slice;
}

static bool moved_only(void *entry, const void *arg)
{
	return true;
}

/* The IRQs given to slice @s, as a list ("24,30-31"). */
int lpar_slice_irqs_print(const struct lpar_slice *s, char *buf, size_t size)
{
	buf[0] = '\0';
	return print_irqs(buf, size, &irq_owner, owned_by, s);
}

/*
 * The IRQs whose affinity the module changed and keeps to give back
 * (moved off slices' CPUs, or given to a slice), as a list.
 */
int lpar_irqs_moved_print(char *buf, size_t size)
{
	buf[0] = '\0';
	return print_irqs(buf, size, &irq_saved, moved_only, NULL);
}

int lpar_irqs_init(void)
{
	if (!zalloc_cpumask_var(&fenced, GFP_KERNEL) ||
	    !zalloc_cpumask_var(&allowed, GFP_KERNEL) ||
	    !zalloc_cpumask_var(&cur, GFP_KERNEL) ||
	    !zalloc_cpumask_var(&target, GFP_KERNEL)) {
		lpar_irqs_exit();
		return -ENOMEM;
	}
	return 0;
}

/* Every slice is gone: give every moved IRQ its affinity back. */
void lpar_irqs_exit(void)
{
	unsigned long irq;
	void *saved;

	xa_for_each(&irq_saved, irq, saved) {
		if (irq_movable(irq, NULL) &&
		    cpumask_intersects(to_cpumask(saved), cpu_online_mask))
			irq_set_affinity(irq, to_cpumask(saved));
		drop_saved(irq);
	}
	xa_destroy(&irq_saved);
	xa_destroy(&irq_owner);
	free_cpumask_var(target);
	free_cpumask_var(cur);
	free_cpumask_var(allowed);
	free_cpumask_var(fenced);
}
