// SPDX-License-Identifier: GPL-2.0
/*
 * CPU hotplug: a slice that loses a CPU keeps running on the rest but is
 * degraded, and says so on the events group; when every CPU it holds is
 * back, it is whole again.
 */

#include <linux/cpuhotplug.h>

#include "lpar.h"

static enum cpuhp_state lpar_hp_state;

static struct lpar_slice *slice_of(unsigned int cpu)
{
	struct lpar_slice *s;

	list_for_each_entry(s, &lpar_host.slices, list)
		if (cpumask_test_cpu(cpu, s->cpus))
			return s;
	return NULL;
}

static int lpar_cpu_online(unsigned int cpu)
{
	struct lpar_slice *s;

	mutex_lock(&lpar_lock);
	s = slice_of(cpu);
	if (s) {
		spin_lock(&lpar_show_lock);
		/* The callback runs before @cpu is in cpu_online_mask. */
		if (s->state == LPAR_STATE_DEGRADED) {
			unsigned int other;
			bool whole = true;

			for_each_cpu(other, s->cpus)
				if (other != cpu && !cpu_online(other))
					whole = false;
			if (whole)
				s->state = LPAR_STATE_DEFINED;
		}
		spin_unlock(&lpar_show_lock);
		lpar_notify(LPAR_EVENT_CPU_ONLINE, s, cpu);
	}
	mutex_unlock(&lpar_lock);
	return 0;
}

static int lpar_cpu_offline(unsigned int cpu)
{
	struct lpar_slice *s;

	mutex_lock(&lpar_lock);
	s = slice_of(cpu);
	if (s) {
		spin_lock(&lpar_show_lock);
		if (s->state != LPAR_STATE_FAILED)
			s->state = LPAR_STATE_DEGRADED;
		spin_unlock(&lpar_show_lock);
		lpar_notify(LPAR_EVENT_CPU_OFFLINE, s, cpu);
	}
	mutex_unlock(&lpar_lock);
	return 0;
}

int lpar_hotplug_init(void)
{
	int ret;

	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "lpar:online",
					lpar_cpu_online, lpar_cpu_offline);
	if (ret < 0)
		return ret;
	lpar_hp_state = ret;
	return 0;
}

void lpar_hotplug_exit(void)
{
	cpuhp_remove_state_nocalls(lpar_hp_state);
}
