// SPDX-License-Identifier: GPL-2.0
/*
 * CPU hotplug: a slice that loses a CPU keeps running on the rest but is
 * degraded, and says so on the events group (the CPU's event, then the
 * slice's change of state); when every CPU it holds is back, it is whole
 * again.
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
		lpar_notify(LPAR_EVENT_CPU_ONLINE, s, cpu);
		lpar_slice_update_state(s, -1);
	}
	mutex_unlock(&lpar_lock);
	return 0;
}

/* Runs while @cpu is still in cpu_online_mask. */
static int lpar_cpu_offline(unsigned int cpu)
{
	struct lpar_slice *s;

	mutex_lock(&lpar_lock);
	s = slice_of(cpu);
	if (s) {
		lpar_notify(LPAR_EVENT_CPU_OFFLINE, s, cpu);
		lpar_slice_update_state(s, cpu);
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
