// SPDX-License-Identifier: GPL-2.0
/*
 * Receive queues served by a chosen CPU.
 *
 * The CPU that classifies a frame is the one its NIC interrupted; the CPU
 * that delivers it (runs the port's stack, the VM's vhost work) should be
 * the port's own, so that one CPU does not serve every VM. Each port has
 * a queue of its own, bounded, with its own counters. Each CPU has one
 * NAPI context, its server, that drains the queues it serves in turn, a
 * quantum at a time, as Hyper-V maps several VMQs to one processor.
 *
 * A producer puts a queue that was idle on its serving CPU's ready list
 * and kicks that CPU with an IPI if its server was idle, as RPS does with
 * its backlogs: many ports on one CPU share one NAPI context and one IPI
 * per batch, not one each.
 */

#include <linux/delay.h>
#include <linux/llist.h>
#include <linux/slab.h>
#include <linux/smp.h>

#include "vmq.h"

/* Frames a queue delivers before the next queue of its CPU has a turn. */
#define VMQ_QUANTUM	16

enum { VMQ_QUEUE_READY };	/* q->state: some CPU's server holds it */
enum { VMQ_SERVER_KICKED };	/* server->state: NAPI scheduled, or soon */

struct vmq_server {
	struct napi_struct	napi;
	struct llist_head	ready;		/* from any CPU */
	struct list_head	active;		/* this server's NAPI only */
	unsigned long		state;
	call_single_data_t	csd;
	struct net_device	napi_dev;	/* NAPI needs one; a dummy */
};

static struct vmq_server **vmq_servers;	/* by CPU */

/* The CPU serving @q now: the first online one of its set, or -1. */
int vmq_queue_cpu(const struct vmq_queue *q)
{
	/*
	 * The set changes under RTNL while the data path reads it; a torn
	 * read picks a CPU of the old set or the new one, and either is
	 * checked online before use.
	 */
	int first = READ_ONCE(q->first_cpu);
	unsigned int cpu;

	if (first < 0 || likely(cpu_online(first)))
		return first;
	cpu = cpumask_first_and(q->cpus, cpu_online_mask);
	return cpu < nr_cpu_ids ? (int)cpu : -1;
}

/* Whether frames enqueued here now would be delivered by this CPU. */
bool vmq_queue_local(const struct vmq_queue *q)
{
	int cpu = vmq_queue_cpu(q);

	return cpu < 0 || cpu == smp_processor_id();
}

static void vmq_server_ipi(void *data)
{
	struct vmq_server *s = data;

	napi_schedule(&s->napi);
}

static void vmq_server_kick(struct vmq_server *s, int cpu)
{
	if (test_and_set_bit(VMQ_SERVER_KICKED, &s->state))
		return;
	/* An offline CPU's server runs here; its NAPI is anyone's. */
	if (cpu == smp_processor_id() ||
	    smp_call_function_single_async(cpu, &s->csd))
		napi_schedule(&s->napi);
}

/* Done with @q: let it go, unless frames came in meanwhile. */
static void vmq_server_release(struct vmq_server *s, struct vmq_queue *q)
{
	list_del(&q->active_node);
	clear_bit(VMQ_QUEUE_READY, &q->state);
	/* Pairs with the producer's test_and_set_bit() after queueing. */
	smp_mb__after_atomic();
	if (!skb_queue_empty_lockless(&q->skbs) &&
	    !test_and_set_bit(VMQ_QUEUE_READY, &q->state)) {
		list_add_tail(&q->active_node, &s->active);
		return;
	}
	/* The last touch: vmq_queue_stop() may free @q after this. */
	atomic_dec_return_release(&q->held);
}

static int vmq_server_poll(struct napi_struct *napi, int budget)
{
	struct vmq_server *s = container_of(napi, struct vmq_server, napi);
	struct llist_node *ready;
	struct vmq_queue *q, *tmp;
	struct sk_buff *skb;
	int done = 0, n;

	ready = llist_reverse_order(llist_del_all(&s->ready));
	llist_for_each_entry_safe(q, tmp, ready, ready_node)
		list_add_tail(&q->active_node, &s->active);

	while (done < budget && !list_empty(&s->active)) {
		q = list_first_entry(&s->active, struct vmq_queue, active_node);
		for (n = 0; n < VMQ_QUANTUM && done < budget; n++, done++) {
			skb = skb_dequeue(&q->skbs);
			if (!skb)
				break;
			vmq_queue_count(q);
			q->deliver(q, skb);
		}
		if (skb_queue_empty_lockless(&q->skbs))
			vmq_server_release(s, q);
		else
			list_move_tail(&q->active_node, &s->active);
	}
	if (done >= budget || !list_empty(&s->active) ||
	    !llist_empty(&s->ready))
		return budget;

	if (napi_complete_done(napi, done)) {
		clear_bit(VMQ_SERVER_KICKED, &s->state);
		/* Pairs with llist_add() before a producer's kick. */
		smp_mb__after_atomic();
		if (!llist_empty(&s->ready) &&
		    !test_and_set_bit(VMQ_SERVER_KICKED, &s->state))
			napi_schedule(napi);
	}
	return done;
}

/*
 * Queue @skb for delivery by @q's CPU. Consumes @skb; false if it was
 * dropped (queue stopped or full), which is counted.
 */
bool vmq_queue_enqueue(struct vmq_queue *q, struct sk_buff *skb)
{
	struct vmq_queue_pcpu *st;
	struct vmq_server *s;
	int cpu;

	if (unlikely(!READ_ONCE(q->running) ||
		     skb_queue_len_lockless(&q->skbs) >= READ_ONCE(q->limit))) {
		st = this_cpu_ptr(q->stats);
		vmq_stats_inc(&st->syncp, &st->drops, NULL, 0);
		kfree_skb(skb);
		return false;
	}
	skb_queue_tail(&q->skbs, skb);
	/* Pairs with vmq_server_release(). */
	smp_mb__before_atomic();
	if (test_and_set_bit(VMQ_QUEUE_READY, &q->state))
		return true;
	atomic_inc(&q->held);
	cpu = vmq_queue_cpu(q);
	if (cpu < 0)
		cpu = smp_processor_id();
	s = vmq_servers[cpu];
	llist_add(&q->ready_node, &s->ready);
	vmq_server_kick(s, cpu);
	return true;
}

/* Count a frame delivered from @q by this CPU. */
void vmq_queue_count(struct vmq_queue *q)
{
	struct vmq_queue_pcpu *st = this_cpu_ptr(q->stats);

	vmq_stats_inc(&st->syncp, &st->packets, NULL, 0);
}

static void vmq_queue_read(const struct vmq_queue *q, int cpu, u64 *packets,
			   u64 *drops)
{
	const struct vmq_queue_pcpu *st = per_cpu_ptr(q->stats, cpu);
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&st->syncp);
		*packets = u64_stats_read(&st->packets);
		*drops = u64_stats_read(&st->drops);
	} while (u64_stats_fetch_retry(&st->syncp, start));
}

u64 vmq_queue_cpu_packets(const struct vmq_queue *q, int cpu)
{
	u64 packets, drops;

	vmq_queue_read(q, cpu, &packets, &drops);
	return packets;
}

void vmq_queue_totals(const struct vmq_queue *q, u64 *packets, u64 *drops)
{
	u64 p, d;
	int cpu;

	*packets = 0;
	*drops = 0;
	for_each_possible_cpu(cpu) {
		vmq_queue_read(q, cpu, &p, &d);
		*packets += p;
		*drops += d;
	}
}

/*
 * @stats: the queue's per-CPU counters inside its owner's, or NULL for
 * counters of its own.
 */
int vmq_queue_init(struct vmq_queue *q, u32 limit,
		   void (*deliver)(struct vmq_queue *q, struct sk_buff *skb),
		   struct vmq_queue_pcpu __percpu *stats)
{
	if (!zalloc_cpumask_var(&q->cpus, GFP_KERNEL))
		return -ENOMEM;
	q->first_cpu = -1;
	q->own_stats = !stats;
	q->stats = stats ?: netdev_alloc_pcpu_stats(struct vmq_queue_pcpu);
	if (!q->stats) {
		free_cpumask_var(q->cpus);
		return -ENOMEM;
	}
	skb_queue_head_init(&q->skbs);
	INIT_LIST_HEAD(&q->active_node);
	q->limit = limit;
	q->deliver = deliver;
	return 0;
}

/* The CPUs that serve @q (empty: the receiving CPU); under RTNL. */
void vmq_queue_set_cpus(struct vmq_queue *q, const struct cpumask *cpus)
{
	unsigned int first = cpumask_first(cpus);

	cpumask_copy(q->cpus, cpus);
	WRITE_ONCE(q->first_cpu, first < nr_cpu_ids ? (int)first : -1);
}

/* One CPU serves @q, or none (-1): the receiving CPU. Under RTNL. */
void vmq_queue_set_cpu(struct vmq_queue *q, int cpu)
{
	cpumask_clear(q->cpus);
	if (cpu >= 0)
		cpumask_set_cpu(cpu, q->cpus);
	WRITE_ONCE(q->first_cpu, cpu);
}

void vmq_queue_start(struct vmq_queue *q)
{
	WRITE_ONCE(q->running, true);
}

/*
 * Stop delivering: once this returns no producer enqueues, no server
 * holds the queue, and nothing waits in it. The server drains what is
 * left (the deliver callback drops frames for a port that is down).
 */
void vmq_queue_stop(struct vmq_queue *q)
{
	WRITE_ONCE(q->running, false);
	synchronize_net();
	while (atomic_read_acquire(&q->held))
		usleep_range(100, 200);
	skb_queue_purge(&q->skbs);
}

void vmq_queue_destroy(struct vmq_queue *q)
{
	if (q->own_stats)
		free_percpu(q->stats);
	free_cpumask_var(q->cpus);
}

void vmq_queues_exit(void)
{
	int cpu;

	if (!vmq_servers)
		return;
	for_each_possible_cpu(cpu) {
		struct vmq_server *s = vmq_servers[cpu];

		if (!s)
			continue;
		napi_disable(&s->napi);
		netif_napi_del(&s->napi);
		kfree(s);
	}
	kfree(vmq_servers);
	vmq_servers = NULL;
}

int vmq_queues_init(void)
{
	struct vmq_server *s;
	int cpu;

	vmq_servers = kcalloc(nr_cpu_ids, sizeof(*vmq_servers), GFP_KERNEL);
	if (!vmq_servers)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		s = kzalloc_node(sizeof(*s), GFP_KERNEL, cpu_to_node(cpu));
		if (!s) {
			vmq_queues_exit();
			return -ENOMEM;
		}
		init_llist_head(&s->ready);
		INIT_LIST_HEAD(&s->active);
		INIT_CSD(&s->csd, vmq_server_ipi, s);
		init_dummy_netdev(&s->napi_dev);
		netif_napi_add(&s->napi_dev, &s->napi, vmq_server_poll);
		napi_enable(&s->napi);
		vmq_servers[cpu] = s;
	}
	return 0;
}
