// SPDX-License-Identifier: GPL-2.0
/*
 * vmqctl port irq PORT: point the interrupt of a port's hardware queue
 * at the port's CPUs, so that the CPUs that serve the port's frames in
 * software also take the NIC's interrupt for them.
 *
 * The kernel (6.1) has no interface that names the interrupt of a ring;
 * drivers name their MSI-X vectors after the device and the ring, which
 * /proc/interrupts shows, and /proc/irq/N/smp_affinity_list moves one.
 * Where an interrupt goes is policy, as irqbalance's, so it is done here
 * rather than in the module. The names known, for ring R of UPLINK, whose
 * PCI address is BUS:
 *
 *   UPLINK-TxRx-R		ixgbe, igb, fm10k, ice
 *   i40e-UPLINK-TxRx-R		i40e
 *   mlx5_compR@pci:BUS		mlx5 (completion vector R serves channel R,
 *				the RX queue a flow rule steers to)
 *
 * VMQCTL_PROC and VMQCTL_SYS name another /proc and /sys (for tests).
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmqctl.h"

/* What "port irq" needs of the port and its switch. */
struct irq_port {
	bool		found;
	uint32_t	binding;
	bool		has_ring;
	uint32_t	ring;
	uint32_t	sw_ifindex;
	char		cpus[4096];
	char		uplink[IFNAMSIZ];
};

static int irq_port_cb(struct nl_msg *msg, void *arg)
{
	struct irq_port *p = arg;
	struct vmq_obj o;
	int ret;

	ret = vmq_parse_port(msg, &o);
	if (ret || o.cmd != VMQ_CMD_PORT_GET)
		return ret;
	p->found = true;
	if (o.tb[VMQ_A_PORT_BINDING])
		p->binding = nla_get_u32(o.tb[VMQ_A_PORT_BINDING]);
	if (o.queue[VMQ_A_QUEUE_HW_INDEX]) {
		p->has_ring = true;
		p->ring = nla_get_u32(o.queue[VMQ_A_QUEUE_HW_INDEX]);
	}
	if (o.tb[VMQ_A_SWITCH_IFINDEX])
		p->sw_ifindex = nla_get_u32(o.tb[VMQ_A_SWITCH_IFINDEX]);
	if (o.tb[VMQ_A_PORT_CPUS])
		snprintf(p->cpus, sizeof(p->cpus), "%s",
			 nla_get_string(o.tb[VMQ_A_PORT_CPUS]));
	return 0;
}

static int irq_switch_cb(struct nl_msg *msg, void *arg)
{
	struct irq_port *p = arg;
	struct vmq_obj o;
	int ret;

	ret = vmq_parse_switch(msg, &o);
	if (ret || o.cmd != VMQ_CMD_SWITCH_GET)
		return ret;
	if (o.tb[VMQ_A_SWITCH_UPLINK_NAME])
		snprintf(p->uplink, sizeof(p->uplink), "%s",
			 nla_get_string(o.tb[VMQ_A_SWITCH_UPLINK_NAME]));
	return 0;
}

/* The port, and its switch's uplink, from the kernel. */
static int irq_port_get(const struct port_ref *ref, struct irq_port *p)
{
	struct gnl *g;
	int ret;

	if (vmq_open(&g))
		return VMQCTL_EXIT_ERR;
	ret = vmq_get_port(g, ref, irq_port_cb, p);
	if (!ret && p->found && p->sw_ifindex)
		ret = vmq_get(g, VMQ_CMD_SWITCH_GET, 0, p->sw_ifindex,
			      irq_switch_cb, p);
	gnl_close(g);
	if (ret)
		return fail(ret, "port irq '%s'", ref->arg);
	if (!p->found || !p->uplink[0])
		return fail(-EBADMSG, "port irq '%s'", ref->arg);
	return 0;
}

static const char *root(const char *env, const char *dflt)
{
	const char *r = getenv(env);

	return r && *r ? r : dflt;
}

/* UPLINK's PCI address ("0000:03:00.0"), or "" if it has none. */
static void uplink_bus(const char *uplink, char *bus, size_t size)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/class/net/%s/device",
		 root("VMQCTL_SYS", "/sys"), uplink);
	n = readlink(path, target, sizeof(target) - 1);
	bus[0] = '\0';
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	/* A PCI address is short; anything longer is not one. */
	if (strlen(base) < size)
		memcpy(bus, base, strlen(base) + 1);
}

/*
 * The interrupt whose action is named for ring @ring of @uplink: its
 * number, and its name in @name; -ENOENT if none is.
 */
#define IRQ_NAME_MAX	128

static int irq_find(const char *uplink, uint32_t ring,
		    char name[IRQ_NAME_MAX])
{
	char path[PATH_MAX], want[3][IRQ_NAME_MAX], bus[64], line[4096];
	char *last, *end;
	unsigned long irq;
	FILE *f;
	int i;

	uplink_bus(uplink, bus, sizeof(bus));
	snprintf(want[0], sizeof(want[0]), "%s-TxRx-%u", uplink, ring);
	snprintf(want[1], sizeof(want[1]), "i40e-%s-TxRx-%u", uplink, ring);
	snprintf(want[2], sizeof(want[2]), "mlx5_comp%u@pci:%s", ring,
		 bus[0] ? bus : "-");
	snprintf(path, sizeof(path), "%s/interrupts",
		 root("VMQCTL_PROC", "/proc"));
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		errno = 0;
		irq = strtoul(line, &end, 10);
		if (errno || end == line || *end != ':')
			continue;
		/* The action's name is the line's last word. */
		last = strrchr(line, ' ');
		last = last ? last + 1 : line;
		for (i = 0; i < 3; i++) {
			if (!strcmp(last, want[i])) {
				memcpy(name, want[i], IRQ_NAME_MAX);
				fclose(f);
				return irq > INT_MAX ? -ERANGE : (int)irq;
			}
		}
	}
	fclose(f);
	return -ENOENT;
}

static int irq_set_cpus(int irq, const char *cpus)
{
	char path[PATH_MAX], text[4100];
	int fd, ret = 0, len;

	snprintf(path, sizeof(path), "%s/irq/%d/smp_affinity_list",
		 root("VMQCTL_PROC", "/proc"), irq);
	len = snprintf(text, sizeof(text), "%s\n", cpus);
	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -errno;
	errno = 0;
	if (write(fd, text, len) != len)
		ret = errno ? -errno : -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

int cmd_port_irq(const struct vmqctl_opts *opts, int argc, char **argv)
{
	struct irq_port *p;
	struct port_ref ref;
	struct out out;
	char name[IRQ_NAME_MAX];
	int ret, irq;

	if (argc < 2)
		return usage_error("port irq", "which port?");
	if (argc > 2)
		return usage_error("port irq", "unknown argument '%s'", argv[2]);
	ret = parse_port_ref(argv[1], &ref);
	if (ret)
		return ret;
	p = calloc(1, sizeof(*p));
	if (!p)
		return fail(-ENOMEM, "port irq");
	ret = irq_port_get(&ref, p);
	if (ret)
		goto out_free;
	ret = VMQCTL_EXIT_ERR;
	if ((p->binding != VMQ_BINDING_HW_POOL &&
	     p->binding != VMQ_BINDING_HW_FLOW) || !p->has_ring) {
		fprintf(stderr,
			"%s: port '%s' has no hardware queue (its binding is %s): software serves it, no interrupt does\n",
			program_invocation_short_name, ref.arg,
			binding_name(p->binding) ?: "unknown");
		goto out_free;
	}
	if (!p->cpus[0]) {
		fprintf(stderr,
			"%s: port '%s' has no CPUs to point its interrupt at: port set %s cpus LIST\n",
			program_invocation_short_name, ref.arg, ref.arg);
		goto out_free;
	}
	irq = irq_find(p->uplink, p->ring, name);
	if (irq == -ENOENT) {
		fprintf(stderr,
			"%s: no interrupt named for ring %u of %s in /proc/interrupts (its driver's naming is not one vmqctl knows)\n",
			program_invocation_short_name, p->ring, p->uplink);
		goto out_free;
	}
	if (irq < 0) {
		ret = fail(irq, "read the interrupts");
		goto out_free;
	}
	ret = irq_set_cpus(irq, p->cpus);
	if (ret) {
		/* The kernel manages some interrupts' affinity itself. */
		ret = fail(ret, "point IRQ %d (%s) at CPUs %s", irq, name,
			   p->cpus);
		goto out_free;
	}
	ret = out_open(&out, opts);
	if (ret) {
		ret = fail(ret, "port irq");
		goto out_free;
	}
	if (out.j) {
		json_object_start(out.j);
		json_field_string(out.j, "port", ref.arg);
		json_field_u64(out.j, "irq", irq);
		json_field_string(out.j, "name", name);
		json_field_string(out.j, "uplink", p->uplink);
		json_field_u64(out.j, "ring", p->ring);
		json_field_string(out.j, "cpus", p->cpus);
		json_object_end(out.j);
	} else {
		fprintf(out.f, "%s: IRQ %d (%s), ring %u of %s, now on CPUs %s\n",
			ref.arg, irq, name, p->ring, p->uplink, p->cpus);
	}
	ret = out_close(&out, 0);
out_free:
	free(p);
	return ret;
}
