/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lpar-cgroup: LPAR-like slices of a host, with dedicated CPUs and a
 * pinned, NUMA-local memory pool each.
 *
 * The module keeps the ledger: which CPUs the host keeps for itself
 * (housekeeping), how much memory each node keeps in reserve, and the
 * slices, whose CPU sets never overlap, never split an SMT core, and whose
 * memory fits each node's capacity less its reserve. Enforcement on tasks
 * is cgroup v2's (cpuset partitions, memory), set up by userspace
 * (lparctl); the module records each slice's cgroup and checks it.
 *
 * Generic netlink family LPAR_GENL_NAME, version LPAR_GENL_VERSION. Every
 * command needs CAP_NET_ADMIN in the initial user namespace
 * (GENL_ADMIN_PERM); attributes are validated strictly and errors carry an
 * extack message. CPU sets travel as cpulist strings ("2-3,6"), as in
 * sysfs and cgroupfs.
 *
 * Commands:
 *
 * LPAR_CMD_HOST_GET
 *	Request: nothing. Reply: LPAR_A_HOST_CPUS, LPAR_A_SLICE_COUNT,
 *	LPAR_A_HOST_IRQS_MOVED and one LPAR_A_NODE nest per online node.
 *
 * LPAR_CMD_HOST_SET
 *	Request: LPAR_A_NODE nests with LPAR_A_NODE_ID and
 *	LPAR_A_NODE_RESERVE_BYTES: memory of that node never given to slices.
 *	Refused (-EBUSY) when the slices already hold more than the new
 *	reserve would leave.
 *
 * LPAR_CMD_SLICE_NEW
 *	Request: LPAR_A_SLICE_NAME, LPAR_A_SLICE_CPUS, optional
 *	LPAR_A_SLICE_NODES (default: the nodes of its CPUs),
 *	LPAR_A_SLICE_MEMORY_BYTES (default 0: no pool), LPAR_A_SLICE_MODE
 *	(default dedicated). The pool is allocated before the reply, spread
 *	evenly over the slice's nodes; the slice starts "defined".
 *	Until it is bound to a cgroup, nothing confines tasks to it.
 *
 * LPAR_CMD_SLICE_DEL
 *	Request: LPAR_A_SLICE_NAME, optional LPAR_A_FORCE. Refused (-EBUSY)
 *	while the slice's pool is mapped or its cgroup holds tasks, unless
 *	forced: a forced slice leaves the ledger at once (its CPUs and name
 *	are free again), its tasks are left where they are (their cgroup is
 *	userspace's), and its pool pages are freed when the last mapping
 *	goes.
 *
 * LPAR_CMD_SLICE_GET
 *	Request: LPAR_A_SLICE_NAME, or NLM_F_DUMP for every slice. Reply:
 *	every LPAR_A_SLICE_* attribute of the slice.
 *
 * LPAR_CMD_SLICE_SET
 *	Request: LPAR_A_SLICE_NAME and any of LPAR_A_SLICE_CPUS,
 *	LPAR_A_SLICE_MEMORY_BYTES: resize while running; LPAR_A_SLICE_IRQS:
 *	the device interrupts given to the slice. All or nothing.
 *
 * Interrupts: the module keeps every device interrupt whose affinity may
 * be changed (not per-CPU, not fixed, not kernel-managed) off the CPUs of
 * dedicated slices, except those given to a slice, which it points at
 * that slice's CPUs. It sweeps on every change and every second, and
 * gives each moved interrupt its former affinity back once its CPUs are
 * no slice's any more, or when the module is unloaded.
 *
 * LPAR_CMD_SLICE_BIND
 *	Request: LPAR_A_SLICE_NAME, LPAR_A_SLICE_CGROUP_FD: an fd of the
 *	cgroup v2 directory that confines the slice's tasks (set up by
 *	userspace: a cpuset partition holding exactly the slice's CPUs and
 *	nodes). The module records the cgroup's id and from then on checks,
 *	every second and on every request, what the partition must achieve:
 *	the cgroup exists, no task in it may run outside the slice's CPUs,
 *	and, for a dedicated slice, no user task outside it may run on
 *	them. The slice is "active" while that holds and "failed" (with an
 *	event) when it does not. A slice is bound to one cgroup; binding it
 *	again replaces the binding.
 *
 * Events (multicast group LPAR_MCGRP_EVENTS): LPAR_CMD_SLICE_EVENT with
 * LPAR_A_EVENT, LPAR_A_SLICE_NAME and, for LPAR_EVENT_CPU_OFFLINE and
 * LPAR_EVENT_CPU_ONLINE, LPAR_A_CPU.
 */
#ifndef _UAPI_LINUX_LPAR_H
#define _UAPI_LINUX_LPAR_H

#define LPAR_GENL_NAME		"lpar"
#define LPAR_GENL_VERSION	1
#define LPAR_MCGRP_EVENTS	"events"

/* A slice name: [a-z0-9_-], starting with a letter, at most 31 chars. */
#define LPAR_SLICE_NAME_MAX	32

enum lpar_slice_mode {
	/* Its CPUs run nothing but the slice's tasks. */
	LPAR_MODE_DEDICATED,
	/* Its CPUs are a pool shared under cpu.max/cpu.weight. */
	LPAR_MODE_SHARED,
};

enum lpar_slice_state {
	/* In the ledger, pool allocated; not bound to a cgroup yet. */
	LPAR_STATE_DEFINED,
	/* Bound to a valid cpuset partition holding exactly its CPUs. */
	LPAR_STATE_ACTIVE,
	/* One of its CPUs went offline; the rest still serve it. */
	LPAR_STATE_DEGRADED,
	/* Its cgroup is gone or its partition became invalid. */
	LPAR_STATE_FAILED,
};

enum lpar_event {
	LPAR_EVENT_SLICE_NEW,
	LPAR_EVENT_SLICE_DEL,
	LPAR_EVENT_SLICE_CHANGE,	/* resized, bound, state changed */
	LPAR_EVENT_CPU_OFFLINE,		/* LPAR_A_CPU went offline */
	LPAR_EVENT_CPU_ONLINE,		/* LPAR_A_CPU came back */
};

enum lpar_cmd {
	LPAR_CMD_UNSPEC,
	LPAR_CMD_HOST_GET,
	LPAR_CMD_HOST_SET,
	LPAR_CMD_SLICE_NEW,
	LPAR_CMD_SLICE_DEL,
	LPAR_CMD_SLICE_GET,
	LPAR_CMD_SLICE_SET,
	LPAR_CMD_SLICE_EVENT,
	LPAR_CMD_SLICE_BIND,

	__LPAR_CMD_MAX
};

#define LPAR_CMD_MAX (__LPAR_CMD_MAX - 1)

enum lpar_attr {
	LPAR_A_UNSPEC,
	LPAR_A_PAD,
	/* string: the housekeeping CPUs, never given to a slice */
	LPAR_A_HOST_CPUS,
	/* u32: number of slices */
	LPAR_A_SLICE_COUNT,
	/* nest of LPAR_A_NODE_*: one NUMA node */
	LPAR_A_NODE,
	/* string, LPAR_SLICE_NAME_MAX with the NUL */
	LPAR_A_SLICE_NAME,
	/* string: cpulist of the slice's CPUs */
	LPAR_A_SLICE_CPUS,
	/* string: nodelist the slice's memory comes from */
	LPAR_A_SLICE_NODES,
	/* u64: size of the slice's pool, a multiple of the page size */
	LPAR_A_SLICE_MEMORY_BYTES,
	/* u32, enum lpar_slice_mode */
	LPAR_A_SLICE_MODE,
	/* u32, enum lpar_slice_state (replies only) */
	LPAR_A_SLICE_STATE,
	/* u32: live mappings of the pool (replies only) */
	LPAR_A_SLICE_MAPPINGS,
	/* string: the pool's device node, "lpar/<name>" (replies only) */
	LPAR_A_SLICE_DEVICE,
	/* flag: LPAR_CMD_SLICE_DEL even when busy */
	LPAR_A_FORCE,
	/* u32, enum lpar_event */
	LPAR_A_EVENT,
	/* u32: a CPU number */
	LPAR_A_CPU,
	/* s32: fd of a cgroup v2 directory (LPAR_CMD_SLICE_BIND) */
	LPAR_A_SLICE_CGROUP_FD,
	/* u64: id of the bound cgroup, 0 if none (replies only) */
	LPAR_A_SLICE_CGROUP_ID,
	/* u32: tasks in the bound cgroup and its descendants (replies only) */
	LPAR_A_SLICE_TASKS,
	/* string: why a slice failed, empty otherwise (replies only) */
	LPAR_A_SLICE_REASON,
	/*
	 * string: list of IRQ numbers given to the slice ("24,30-31"; empty:
	 * none); LPAR_CMD_SLICE_SET replaces the slice's set with it
	 */
	LPAR_A_SLICE_IRQS,
	/*
	 * string: list of the IRQs whose affinity the module changed and
	 * will give back (replies to LPAR_CMD_HOST_GET only)
	 */
	LPAR_A_HOST_IRQS_MOVED,

	__LPAR_A_MAX
};

#define LPAR_A_MAX (__LPAR_A_MAX - 1)

enum lpar_node_attr {
	LPAR_A_NODE_UNSPEC,
	LPAR_A_NODE_PAD,
	/* u32 */
	LPAR_A_NODE_ID,
	/* u64: the node's memory (MemTotal) */
	LPAR_A_NODE_TOTAL_BYTES,
	/* u64: kept for the host, never given to slices */
	LPAR_A_NODE_RESERVE_BYTES,
	/* u64: held by slices' pools */
	LPAR_A_NODE_SLICES_BYTES,

	__LPAR_A_NODE_MAX
};

#define LPAR_A_NODE_MAX (__LPAR_A_NODE_MAX - 1)

#endif /* _UAPI_LINUX_LPAR_H */
