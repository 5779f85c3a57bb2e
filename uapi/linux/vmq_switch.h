/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vmq-switch: a VMQ-style virtual switch. Received frames are sorted by
 * destination MAC + VLAN into one receive queue per VM port, each queue
 * served by the CPU its port names; a default queue per switch takes
 * broadcast, multicast and (by policy) unmatched frames.
 *
 * Devices (rtnetlink link kinds):
 *
 *   ip link add link eth0 name vmq0 type vmqsw
 *	A switch on uplink eth0 (the physical NIC). The switch takes the
 *	uplink's rx_handler; frames for no port and the uplink's own
 *	traffic still reach the uplink's stack. vmq0 itself carries no
 *	traffic of its own: what it transmits leaves through the uplink.
 *
 *   ip link add link vmq0 name vm1 [address MAC] type vmqport
 *	A VM port on switch vmq0: a netdev with its own MAC that can be
 *	moved into a network namespace (containers, tests). Its VLAN, trunk
 *	list, CPUs and switches are set over generic netlink (vmqctl), or
 *	as IFLA_VMQPORT_* link attributes.
 *
 * Each port queue is bound by one backend, reported per port
 * (VMQ_BINDING_*): hardware pool, hardware flow rule, or software. A port
 * never falls back silently: VMQ_A_PORT_BINDING_REASON says why a port
 * runs in software.
 *
 * Generic netlink family VMQ_GENL_NAME, version VMQ_GENL_VERSION: netns
 * aware; every command needs CAP_NET_ADMIN in the user namespace owning
 * the caller's network namespace (GENL_UNS_ADMIN_PERM). Attributes are
 * validated strictly; errors carry an extack message. A switch is named
 * by its ifindex in the caller's namespace; a port by its switch and its
 * port number (VMQ_A_PORT_ID, stable while the port exists, whichever
 * namespace the port netdev lives in) or by its own ifindex in the
 * caller's namespace.
 *
 * Commands:
 *
 * VMQ_CMD_SWITCH_GET
 *	Request: VMQ_A_SWITCH_IFINDEX, or NLM_F_DUMP for every switch in the
 *	caller's namespace. Reply: every VMQ_A_SWITCH_* attribute.
 *
 * VMQ_CMD_SWITCH_SET
 *	Request: VMQ_A_SWITCH_IFINDEX and any of VMQ_A_SWITCH_VMQ,
 *	VMQ_A_SWITCH_DEFAULT_QUEUE_LEN, VMQ_A_SWITCH_DEFAULT_CPU,
 *	VMQ_A_SWITCH_UNKNOWN_UNICAST. All or nothing.
 *
 * VMQ_CMD_PORT_NEW
 *	Request: VMQ_A_SWITCH_IFINDEX, VMQ_A_PORT_NAME, optional
 *	VMQ_A_PORT_MAC (default: random), VMQ_A_PORT_VLAN, VMQ_A_PORT_TRUNK,
 *	VMQ_A_PORT_CPUS, VMQ_A_PORT_VMQ, VMQ_A_PORT_BCAST_LIMIT. The same as
 *	"ip link add ... type vmqport" with those settings; the port starts
 *	down. Reply: a VMQ_CMD_PORT_GET message, the new port as
 *	VMQ_CMD_PORT_GET gives it.
 *
 * VMQ_CMD_PORT_DEL
 *	Request: a port. Deletes its netdev.
 *
 * VMQ_CMD_PORT_GET
 *	Request: a port, or NLM_F_DUMP with optional VMQ_A_SWITCH_IFINDEX
 *	(then only that switch's ports, NLM_F_DUMP_FILTERED; an ifindex
 *	that is no switch's gives an empty dump). Reply: VMQ_A_SWITCH_IFINDEX
 *	(0 if the switch is in another namespace than the caller) and
 *	VMQ_A_SWITCH_NAME of the port's switch, every VMQ_A_PORT_* attribute,
 *	the port's queue (VMQ_A_PORT_QUEUE) and counters (VMQ_A_PORT_STATS).
 *
 * VMQ_CMD_PORT_SET
 *	Request: a port and any of VMQ_A_PORT_MAC, VMQ_A_PORT_VLAN,
 *	VMQ_A_PORT_TRUNK, VMQ_A_PORT_CPUS, VMQ_A_PORT_VMQ,
 *	VMQ_A_PORT_BCAST_LIMIT. All or nothing: a MAC + VLAN pair another
 *	port of the switch uses is refused (-EEXIST) and changes nothing.
 *
 * Notifications, multicast group VMQ_GENL_MCGRP_EVENTS, in the switch's
 * namespace: VMQ_CMD_SWITCH_NEW/_DEL/_CHANGE and VMQ_CMD_PORT_NEW/_DEL/
 * _CHANGE messages carrying the object's attributes (as GET replies
 * give them; a _DEL carries the identifying attributes only).
 */
#ifndef _UAPI_LINUX_VMQ_SWITCH_H
#define _UAPI_LINUX_VMQ_SWITCH_H

#define VMQ_GENL_NAME		"vmq_switch"
#define VMQ_GENL_VERSION	1
#define VMQ_GENL_MCGRP_EVENTS	"events"

/* Link kinds, as "ip link add ... type KIND" names them. */
#define VMQ_SWITCH_KIND		"vmqsw"
#define VMQ_PORT_KIND		"vmqport"
/* A port whose frames go to a tap character device, /dev/tapN (vmq_tap) */
#define VMQ_TAP_KIND		"vmqtap"

/* Most ports one switch takes. */
#define VMQ_MAX_PORTS		4096

/* Longest VLAN or CPU list string in a request, with its NUL. */
#define VMQ_LIST_MAX		4096

enum vmq_cmd {
	VMQ_CMD_UNSPEC,
	VMQ_CMD_SWITCH_GET,
	VMQ_CMD_SWITCH_SET,
	VMQ_CMD_PORT_NEW,
	VMQ_CMD_PORT_DEL,
	VMQ_CMD_PORT_GET,
	VMQ_CMD_PORT_SET,
	/* Notifications only. */
	VMQ_CMD_SWITCH_NEW,
	VMQ_CMD_SWITCH_DEL,
	VMQ_CMD_SWITCH_CHANGE,
	VMQ_CMD_PORT_CHANGE,
	__VMQ_CMD_MAX,
};

#define VMQ_CMD_MAX (__VMQ_CMD_MAX - 1)

/*
 * How a port's queue is bound.
 *
 * VMQ_BINDING_HW_POOL
 *	A NIC pool (VMDq) through L2 forwarding offload
 *	(ndo_dfwd_add_station): the NIC sorts the port's frames into the
 *	pool's rings and hands them to the port directly.
 * VMQ_BINDING_HW_FLOW
 *	An ethtool RX classification rule (ETHER_FLOW, destination MAC +
 *	VLAN) steers the port's frames to one ring of the uplink.
 * VMQ_BINDING_SW
 *	The switch classifies the port's frames in software and queues them
 *	to the port's CPU.
 * VMQ_BINDING_DEFAULT
 *	VMQ is off for the port (or its switch): its frames are delivered
 *	from the default queue, on the default queue's CPU.
 */
enum vmq_binding {
	VMQ_BINDING_SW,
	VMQ_BINDING_HW_POOL,
	VMQ_BINDING_HW_FLOW,
	VMQ_BINDING_DEFAULT,
};

/* What the switch does with a unicast frame for no port. */
enum vmq_unknown_unicast {
	VMQ_UNKNOWN_UNICAST_HOST,	/* to the uplink's stack (macvlan) */
	VMQ_UNKNOWN_UNICAST_FLOOD,	/* to every port of its VLAN (bridge) */
	VMQ_UNKNOWN_UNICAST_DROP,	/* counted and dropped */
};

enum vmq_attr {
	VMQ_A_UNSPEC,
	VMQ_A_PAD,

	/* u32: the switch's ifindex, in the caller's namespace. */
	VMQ_A_SWITCH_IFINDEX,
	/* string: the switch's name. Reply only. */
	VMQ_A_SWITCH_NAME,
	/* u32: the uplink's ifindex (the switch's namespace). Reply only. */
	VMQ_A_SWITCH_UPLINK_IFINDEX,
	/* string: the uplink's name. Reply only. */
	VMQ_A_SWITCH_UPLINK_NAME,
	/* u32, enum vmq_binding: what the uplink offers its ports. Reply only. */
	VMQ_A_SWITCH_BACKEND,
	/* u8 0/1: VMQ on for the uplink (off: every frame takes the default
	 * queue). Default 1.
	 */
	VMQ_A_SWITCH_VMQ,
	/* u32: the default queue's length; frames beyond it are dropped and
	 * counted. 1..65536, default 1000 (macvlan's bc_queue_len).
	 */
	VMQ_A_SWITCH_DEFAULT_QUEUE_LEN,
	/* s32: the CPU serving the default queue; -1: the receiving CPU
	 * (default).
	 */
	VMQ_A_SWITCH_DEFAULT_CPU,
	/* u32, enum vmq_unknown_unicast. Default VMQ_UNKNOWN_UNICAST_HOST. */
	VMQ_A_SWITCH_UNKNOWN_UNICAST,
	/* u32: ports on the switch. Reply only. */
	VMQ_A_SWITCH_PORT_COUNT,
	/* nest of VMQ_A_QUEUE_*: the default queue. Reply only. */
	VMQ_A_SWITCH_DEFAULT_QUEUE,

	/* u32: the port's number on its switch, 1..VMQ_MAX_PORTS. */
	VMQ_A_PORT_ID,
	/* u32: the port netdev's ifindex, in the caller's namespace (0 in a
	 * reply when the port lives in a namespace the caller cannot name).
	 */
	VMQ_A_PORT_IFINDEX,
	/* string: the port netdev's name (in its own namespace). */
	VMQ_A_PORT_NAME,
	/* binary, 6 bytes: the port's MAC; unicast, not zero. */
	VMQ_A_PORT_MAC,
	/* u16: the access (untagged, native) VLAN, 1..4094; 0: untagged
	 * frames of the uplink (no VLAN). Default 0.
	 */
	VMQ_A_PORT_VLAN,
	/* string: VLANs also carried tagged, as a list ("10,20-30"), each in
	 * 1..4094; "" clears it. Default: none. At most
	 * VMQ_LIST_MAX - 1 characters.
	 */
	VMQ_A_PORT_TRUNK,
	/* string: the CPUs that serve the port's queue, a cpulist; the first
	 * online one serves it. "": the receiving CPU. Default "". At most
	 * VMQ_LIST_MAX - 1 characters.
	 */
	VMQ_A_PORT_CPUS,
	/* u8 0/1: VMQ on for the port (off: the default queue serves it).
	 * Default 1.
	 */
	VMQ_A_PORT_VMQ,
	/* u32: broadcast and multicast frames per second the port accepts
	 * from the switch; beyond it they are dropped and counted. 0: no
	 * limit (default).
	 */
	VMQ_A_PORT_BCAST_LIMIT,
	/* u32, enum vmq_binding: how the port's queue is bound. Reply only. */
	VMQ_A_PORT_BINDING,
	/* string: why the port is not bound by hardware. Reply only. */
	VMQ_A_PORT_BINDING_REASON,
	/* nest of VMQ_A_QUEUE_*: the port's queue. Reply only. */
	VMQ_A_PORT_QUEUE,
	/* nest of VMQ_A_STATS_*: the port's counters. Reply only. */
	VMQ_A_PORT_STATS,
	/* u8 0/1: the port netdev is up. Reply only. */
	VMQ_A_PORT_UP,
	__VMQ_A_MAX,
};

#define VMQ_A_MAX (__VMQ_A_MAX - 1)

/* A queue: a port's, or a switch's default queue. */
enum vmq_queue_attr {
	VMQ_A_QUEUE_UNSPEC,
	VMQ_A_QUEUE_PAD,
	/* s32: the CPU serving it now; -1: the receiving CPU. */
	VMQ_A_QUEUE_CPU,
	/* u32: the hardware ring or pool behind it; absent in software. */
	VMQ_A_QUEUE_HW_INDEX,
	/* u32: its length limit, and the frames in it now. */
	VMQ_A_QUEUE_LIMIT,
	VMQ_A_QUEUE_LENGTH,
	/* u64: frames it delivered, and dropped because it was full. */
	VMQ_A_QUEUE_PACKETS,
	VMQ_A_QUEUE_DROPS,
	/* nest: one u64 attribute per CPU that delivered frames from the
	 * queue, whose type is the CPU's number + 1 and whose value is the
	 * frames it delivered. Type 0 inside the nest is padding (for the
	 * u64 alignment) and is to be skipped.
	 */
	VMQ_A_QUEUE_PER_CPU,
	__VMQ_A_QUEUE_MAX,
};

#define VMQ_A_QUEUE_MAX (__VMQ_A_QUEUE_MAX - 1)

/* A port's counters, all u64. */
enum vmq_stats_attr {
	VMQ_A_STATS_UNSPEC,
	VMQ_A_STATS_PAD,
	/* Frames and bytes the port received from the switch. */
	VMQ_A_STATS_RX_PACKETS,
	VMQ_A_STATS_RX_BYTES,
	/* Frames the port sent into the switch. */
	VMQ_A_STATS_TX_PACKETS,
	VMQ_A_STATS_TX_BYTES,
	/* Frames for the port dropped (port down, queue full), and frames
	 * the port sent that the switch dropped (VLAN not carried).
	 */
	VMQ_A_STATS_RX_DROPS,
	VMQ_A_STATS_TX_DROPS,
	/* Frames for the port the NIC steered (hardware binding), and the
	 * frames the switch classified in software.
	 */
	VMQ_A_STATS_RX_HW_STEERED,
	VMQ_A_STATS_RX_SW_CLASSIFIED,
	/* Broadcast and multicast frames received, and those dropped by the
	 * port's broadcast limit.
	 */
	VMQ_A_STATS_RX_BCAST,
	VMQ_A_STATS_BCAST_LIMIT_DROPS,
	__VMQ_A_STATS_MAX,
};

#define VMQ_A_STATS_MAX (__VMQ_A_STATS_MAX - 1)

/*
 * rtnetlink IFLA_INFO_DATA of a "vmqport" link: the same settings as the
 * VMQ_A_PORT_* attributes of the same name and type.
 */
enum {
	IFLA_VMQPORT_UNSPEC,
	IFLA_VMQPORT_VLAN,		/* u16 */
	IFLA_VMQPORT_CPUS,		/* string, cpulist */
	IFLA_VMQPORT_VMQ,		/* u8 */
	IFLA_VMQPORT_BCAST_LIMIT,	/* u32 */
	IFLA_VMQPORT_TRUNK,		/* string, VLAN list */
	__IFLA_VMQPORT_MAX,
};

#define IFLA_VMQPORT_MAX (__IFLA_VMQPORT_MAX - 1)

/* rtnetlink IFLA_INFO_DATA of a "vmqsw" link. */
enum {
	IFLA_VMQSW_UNSPEC,
	IFLA_VMQSW_DEFAULT_QUEUE_LEN,	/* u32 */
	IFLA_VMQSW_UNKNOWN_UNICAST,	/* u32, enum vmq_unknown_unicast */
	__IFLA_VMQSW_MAX,
};

#define IFLA_VMQSW_MAX (__IFLA_VMQSW_MAX - 1)

#endif /* _UAPI_LINUX_VMQ_SWITCH_H */
