// SPDX-License-Identifier: GPL-2.0
/*
 * A slice's binding to the cgroup v2 directory that confines its tasks.
 *
 * Userspace (lparctl) makes that cgroup a cpuset partition; the module does
 * not read or write cgroupfs, it checks what the partition must achieve,
 * on the tasks themselves: the cgroup still exists, none of its tasks may
 * run outside the slice's CPUs, and, for a dedicated slice, no user task
 * outside it may run on them. It checks every second and on request; a
 * slice that holds is "active", one that does not is "failed" with the
 * reason, and every change of state is an event.
 */

#include <linux/cgroup.h>
#include <linux/sched/signal.h>
#include <linux/workqueue.h>

#include "lpar.h"

#define LPAR_CHECK_PERIOD	HZ

static void lpar_check_work(struct work_struct *work);
static DECLARE_DELAYED_WORK(lpar_check_dwork, lpar_check_work);

/* The state the facts say a slice is in; @down_cpu is going offline. */
static enum lpar_slice_state slice_state(const struct lpar_slice *s,
					 int down_cpu)
{
	unsigned int cpu;

	if (s->cgroup_id && s->reason[0])
		return LPAR_STATE_FAILED;
	for_each_cpu(cpu, s->cpus)
		if (cpu == down_cpu || !cpu_online(cpu))
			return LPAR_STATE_DEGRADED;
	return s->cgroup_id ? LPAR_STATE_ACTIVE : LPAR_STATE_DEFINED;
}

/* Re-evaluate @s's state; announce a change. */
void lpar_slice_update_state(struct lpar_slice *s, int down_cpu)
{
	enum lpar_slice_state state;
	bool changed;

	lockdep_assert_held(&lpar_lock);
	spin_lock(&lpar_show_lock);
	state = slice_state(s, down_cpu);
	changed = state != s->state;
	s->state = state;
	spin_unlock(&lpar_show_lock);
	if (changed)
		lpar_notify(LPAR_EVENT_SLICE_CHANGE, s, -1);
}

struct slice_check {
	struct lpar_slice *s;
	struct cgroup *cg;
	unsigned int tasks;
	char reason[LPAR_REASON_MAX];
};

static void check_task(struct task_struct *p, struct slice_check *c)
{
	const struct lpar_slice *s = c->s;
	bool inside = cgroup_is_descendant(task_dfl_cgroup(p), c->cg);

	if (inside)
		c->tasks++;
	if (c->reason[0])
		return;
	if (inside && !cpumask_subset(p->cpus_ptr, s->cpus))
		snprintf(c->reason, sizeof(c->reason),
			 "task %d (%s) in the slice may run on CPUs %*pbl",
			 task_pid_nr(p), p->comm, cpumask_pr_args(p->cpus_ptr));
	else if (!inside && s->mode == LPAR_MODE_DEDICATED &&
		 cpumask_intersects(p->cpus_ptr, s->cpus))
		snprintf(c->reason, sizeof(c->reason),
			 "task %d (%s) outside the slice may run on its CPUs",
			 task_pid_nr(p), p->comm);
}

/* Check every bound slice in one pass over the tasks; under lpar_lock. */
void lpar_check_slices(void)
{
	struct task_struct *g, *p;
	struct slice_check *checks;
	struct lpar_slice *s;
	unsigned int n = 0, i;

	lockdep_assert_held(&lpar_lock);
	checks = kcalloc(lpar_host.nr_slices, sizeof(*checks), GFP_KERNEL);
	if (!checks)
		return;
	list_for_each_entry(s, &lpar_host.slices, list) {
		struct cgroup *cg;

		if (!s->cgroup_id)
			continue;
		cg = cgroup_get_from_id(s->cgroup_id);
		checks[n].s = s;
		if (IS_ERR(cg))
			snprintf(checks[n].reason, LPAR_REASON_MAX,
				 "its cgroup is gone");
		else
			checks[n].cg = cg;
		n++;
	}
	if (!n)
		goto out;

	rcu_read_lock();
	for_each_process_thread(g, p) {
		/* Per-CPU kthreads run everywhere by design. */
		if (p->flags & PF_KTHREAD)
			continue;
		for (i = 0; i < n; i++)
			if (checks[i].cg)
				check_task(p, &checks[i]);
	}
	rcu_read_unlock();

	for (i = 0; i < n; i++) {
		s = checks[i].s;
		if (checks[i].cg)
			cgroup_put(checks[i].cg);
		spin_lock(&lpar_show_lock);
		s->tasks = checks[i].tasks;
		strscpy(s->reason, checks[i].reason, sizeof(s->reason));
		spin_unlock(&lpar_show_lock);
		lpar_slice_update_state(s, -1);
	}
out:
	kfree(checks);
}

int lpar_slice_bind(struct lpar_slice *s, int fd, struct netlink_ext_ack *extack)
{
	struct lpar_slice *other;
	struct cgroup *cg;
	u64 id;

	lockdep_assert_held(&lpar_lock);
	cg = cgroup_get_from_fd(fd);
	if (IS_ERR(cg)) {
		NL_SET_ERR_MSG(extack, "not an fd of a cgroup v2 directory");
		return PTR_ERR(cg);
	}
	id = cgroup_id(cg);
	cgroup_put(cg);
	list_for_each_entry(other, &lpar_host.slices, list) {
		if (other != s && other->cgroup_id == id) {
			nl_extack_fmt(extack, "that cgroup confines slice %s",
				      other->name);
			return -EBUSY;
		}
	}
	s->cgroup_id = id;
	/* The check announces the new state. */
	lpar_check_slices();
	return 0;
}

static void lpar_check_work(struct work_struct *work)
{
	mutex_lock(&lpar_lock);
	lpar_check_slices();
	/* New interrupts, and any pointed at a slice's CPUs through /proc. */
	lpar_irqs_update();
	mutex_unlock(&lpar_lock);
	schedule_delayed_work(&lpar_check_dwork, LPAR_CHECK_PERIOD);
}

void lpar_binding_init(void)
{
	schedule_delayed_work(&lpar_check_dwork, LPAR_CHECK_PERIOD);
}

void lpar_binding_exit(void)
{
	cancel_delayed_work_sync(&lpar_check_dwork);
}
