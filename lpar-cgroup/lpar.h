/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lpar-cgroup: internal interfaces between the ledger, the memory pools,
 * the netlink family, sysfs and CPU hotplug.
 */
#ifndef _LPAR_H
#define _LPAR_H

#include <linux/cpumask.h>
#include <linux/kobject.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/nodemask.h>
#include <linux/spinlock.h>
#include <linux/lpar.h>

#include "nl_extack.h"

struct lpar_pool;

#define LPAR_REASON_MAX	96

/*
 * A slice in the ledger. Its fields change only under lpar_lock; its
 * kobject owns the memory, so sysfs readers may outlive its removal.
 */
struct lpar_slice {
	struct list_head list;
	char name[LPAR_SLICE_NAME_MAX];
	cpumask_var_t cpus;
	nodemask_t nodes;
	enum lpar_slice_mode mode;
	enum lpar_slice_state state;
	/* pool bytes taken from each node of the ledger */
	u64 *node_bytes;
	struct lpar_pool *pool;
	/* the cgroup confining its tasks (binding.c), 0 if unbound */
	u64 cgroup_id;
	unsigned int tasks;
	char reason[LPAR_REASON_MAX];
	struct kobject kobj;
	bool in_sysfs;
};

/* The host's side of the ledger. */
struct lpar_host {
	cpumask_var_t housekeeping;
	/* union of every slice's CPUs */
	cpumask_var_t assigned;
	/* per node id: bytes kept for the host, bytes held by slices */
	u64 *reserve;
	u64 *held;
	struct list_head slices;
	unsigned int nr_slices;
};

extern struct mutex lpar_lock;
/*
 * Taken besides lpar_lock by writers of what sysfs shows: sysfs readers
 * cannot take lpar_lock, which is held while slices leave sysfs.
 */
extern spinlock_t lpar_show_lock;
extern struct lpar_host lpar_host;

/* ledger.c: every change to slices goes through these, under lpar_lock. */
int lpar_ledger_init(const char *housekeeping, unsigned int reserve_percent);
void lpar_ledger_exit(void);
u64 lpar_node_total(int nid);
struct lpar_slice *lpar_slice_find(const char *name);
int lpar_slice_new(const char *name, const struct cpumask *cpus,
		   const nodemask_t *nodes, u64 bytes,
		   enum lpar_slice_mode mode, struct netlink_ext_ack *extack);
int lpar_slice_del(struct lpar_slice *s, bool force,
		   struct netlink_ext_ack *extack);
int lpar_slice_resize(struct lpar_slice *s, const struct cpumask *cpus,
		      u64 bytes, struct netlink_ext_ack *extack);
int lpar_host_set_reserve(int nid, u64 bytes, struct netlink_ext_ack *extack);
bool lpar_name_valid(const char *name);

/* pool.c: pinned pages and their device node. */
struct lpar_pool *lpar_pool_create(const char *name);
int lpar_pool_grow(struct lpar_pool *pool, int nid, u64 bytes);
int lpar_pool_shrink(struct lpar_pool *pool, u64 bytes, u64 *slice_bytes,
		     u64 *host_bytes, bool force);
void lpar_pool_destroy(struct lpar_pool *pool);
u64 lpar_pool_bytes(struct lpar_pool *pool);
unsigned int lpar_pool_mappings(struct lpar_pool *pool);
const char *lpar_pool_devname(struct lpar_pool *pool);

/* binding.c: the slice's cgroup, and the checks of what it achieves. */
void lpar_binding_init(void);
void lpar_binding_exit(void);
int lpar_slice_bind(struct lpar_slice *s, int fd, struct netlink_ext_ack *extack);
void lpar_check_slices(void);
void lpar_slice_update_state(struct lpar_slice *s, int down_cpu);

/* irq.c: device interrupts off dedicated slices' CPUs */
int lpar_irqs_init(void);
void lpar_irqs_exit(void);
void lpar_irqs_update(void);
int lpar_slice_check_irqs(const struct lpar_slice *s, const unsigned long *irqs,
			  unsigned int nbits, struct netlink_ext_ack *extack);
int lpar_slice_set_irqs(struct lpar_slice *s, const unsigned long *irqs,
			unsigned int nbits);
void lpar_slice_drop_irqs(struct lpar_slice *s);
int lpar_slice_irqs_print(const struct lpar_slice *s, char *buf, size_t size);
int lpar_irqs_moved_print(char *buf, size_t size);

/* netlink.c */
int lpar_netlink_init(void);
void lpar_netlink_exit(void);
void lpar_notify(enum lpar_event event, const struct lpar_slice *s, int cpu);

/* sysfs.c */
int lpar_sysfs_init(void);
void lpar_sysfs_exit(void);
int lpar_sysfs_add_slice(struct lpar_slice *s);
void lpar_sysfs_del_slice(struct lpar_slice *s);
void lpar_slice_put(struct lpar_slice *s);
extern const char * const lpar_mode_names[];
extern const char * const lpar_state_names[];

/* hotplug.c */
int lpar_hotplug_init(void);
void lpar_hotplug_exit(void);

#endif /* _LPAR_H */
