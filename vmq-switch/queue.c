// SPDX-License-Identifier: GPL-2.0
/*
 * Receive queues served by a chosen CPU.
 *
 * The CPU that classifies a frame is the one its NIC interrupted; the CPU
 * that delivers it (runs the port's stack, the VM's vhost work) should be
 * the port's own, so that one CPU does not serve every VM. A queue is a
 * bounded skb list drained by a NAPI context, which must be scheduled on
 * the serving CPU. As RPS does with its backlogs, a producer on another
 * CPU puts the queue on that CPU's list of queues to schedule and sends
 * an IPI only if the list was empty: with many ports on one CPU, one IPI
 * serves a batch of them, not one each.
 */

#include <linux/llist.h>
#include <linux/smp.h>

#include "vmq.h"

enum { VMQ_QUEUE_KICKED };	/* NAPI scheduled, or about to be */

/* Per CPU: the queues other CPUs want scheduled here. */
struct vmq_kicks {
	struct llist_head	queues;
	call_single_data_t	csd;
};

static DEFINE_PER_CPU(struct vmq_kicks, vmq_kicks);

static int vmq_queue_poll(struct napi_struct *napi, int budget)
{
	struct vmq_queue *q = container_of(napi, struct vmq_queue, napi);
	struct sk_buff *skb;
	int done = 0;

	while (done < budget && (skb = skb_dequeue(&q->skbs))) {
		vmq_queue_count(q);
		q->deliver(q, skb);
		done++;
	}
	if (done < budget && napi_complete_done(napi, done)) {
		clear_bit(VMQ_QUEUE_KICKED, &q->kicked);
		/* Pairs with the producer's test_and_set_bit(). */
		smp_mb__after_atomic();
		if (!skb_queue_empty_lockless(&q->skbs) &&
		    !test_and_set_bit(VMQ_QUEUE_KICKED, &q->kicked))
			napi_schedule(napi);
	}
	return done;
}

/* Schedule every queue on @kicks here; the IPI's handler. */
static void vmq_kicks_run(void *data)
{
	struct vmq_kicks *kicks = data;
	struct vmq_queue *q, *tmp;
	struct llist_node *list;

	list = llist_del_all(&kicks->queues);
	llist_for_each_entry_safe(q, tmp, list, kick_node) {
		napi_schedule(&q->napi);
		/* vmq_queue_stop() may free @q once this drops to 0. */
		atomic_dec_return_release(&q->remote);
	}
}

/* The CPU serving @q now: the first online one of its set, or -1. */
int vmq_queue_cpu(const struct vmq_queue *q)
{
	/*
	 * The set changes under RTNL while the data path reads it; a torn
	 * read picks a CPU of the old set or the new one, and either is
	 * checked online before use.
	 */
	unsigned int cpu = cpumask_first_and(q->cpus, cpu_online_mask);

	return cpu < nr_cpu_ids ? (int)cpu : -1;
}

/* Whether frames enqueued here now would be delivered by this CPU. */
bool vmq_queue_local(const struct vmq_queue *q)
{
	int cpu = vmq_queue_cpu(q);

	return cpu < 0 || cpu == smp_processor_id();
}

static void vmq_queue_kick(struct vmq_queue *q)
{
	struct vmq_kicks *kicks;
	int cpu;

	if (test_and_set_bit(VMQ_QUEUE_KICKED, &q->kicked))
		return;
	cpu = vmq_queue_cpu(q);
	if (cpu < 0 || cpu == smp_processor_id()) {
		napi_schedule(&q->napi);
		return;
	}
	kicks = per_cpu_ptr(&vmq_kicks, cpu);
	atomic_inc(&q->remote);
	if (llist_add(&q->kick_node, &kicks->queues) &&
	    smp_call_function_single_async(cpu, &kicks->csd))
		/* The CPU went offline: run its list here. */
		vmq_kicks_run(kicks);
}

/*
 * Queue @skb for delivery by @q's CPU. Consumes @skb; false if it was
 * dropped (queue stopped or full), which is counted.
 */
bool vmq_queue_enqueue(struct vmq_queue *q, struct sk_buff *skb)
{
	struct vmq_queue_pcpu *st;

	if (unlikely(!READ_ONCE(q->running) ||
		     skb_queue_len_lockless(&q->skbs) >= READ_ONCE(q->limit))) {
		st = this_cpu_ptr(q->stats);
		vmq_stats_inc(&st->syncp, &st->drops, NULL, 0);
		kfree_skb(skb);
		return false;
	}
	skb_queue_tail(&q->skbs, skb);
	vmq_queue_kick(q);
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

int vmq_queue_init(struct vmq_queue *q, struct net_device *dev, u32 limit,
		   void (*deliver)(struct vmq_queue *q, struct sk_buff *skb))
{
	if (!zalloc_cpumask_var(&q->cpus, GFP_KERNEL))
		return -ENOMEM;
	q->stats = netdev_alloc_pcpu_stats(struct vmq_queue_pcpu);
	if (!q->stats) {
		free_cpumask_var(q->cpus);
		return -ENOMEM;
	}
	skb_queue_head_init(&q->skbs);
	q->limit = limit;
	q->deliver = deliver;
	netif_napi_add(dev, &q->napi, vmq_queue_poll);
	return 0;
}

void vmq_queue_start(struct vmq_queue *q)
{
	napi_enable(&q->napi);
	WRITE_ONCE(q->running, true);
}

/*
 * Stop delivering: no producer enqueues once this returns, nothing waits
 * in the queue, and no IPI still points at it.
 */
void vmq_queue_stop(struct vmq_queue *q)
{
	WRITE_ONCE(q->running, false);
	synchronize_net();
	napi_disable(&q->napi);
	/* A kick already sent still runs; napi_schedule() then does nothing. */
	while (atomic_read_acquire(&q->remote))
		cpu_relax();
	skb_queue_purge(&q->skbs);
	clear_bit(VMQ_QUEUE_KICKED, &q->kicked);
}

void vmq_queue_destroy(struct vmq_queue *q)
{
	netif_napi_del(&q->napi);
	free_percpu(q->stats);
	free_cpumask_var(q->cpus);
}

void vmq_queues_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct vmq_kicks *kicks = per_cpu_ptr(&vmq_kicks, cpu);

		init_llist_head(&kicks->queues);
		INIT_CSD(&kicks->csd, vmq_kicks_run, kicks);
	}
}
