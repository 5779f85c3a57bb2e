// SPDX-License-Identifier: GPL-2.0
/*
 * How switches, ports and queues are printed: a block of "  key: value"
 * lines per object, the members of a JSON object, or "key value" pairs
 * on one line for monitor.  Each prints what the message carries and
 * skips the rest: a _DEL event carries little, and another version of
 * the module may leave out what this one knows.
 *
 * Text speaks the command line's words ("vlan: none", "cpus: any",
 * "vmq: on").  JSON keeps the attributes' values (0, "", -1, true),
 * which scripts compare without knowing the words, under the
 * attributes' names in snake_case less the object's own prefix.
 */
#include "lib/ether.h"
#include "lib/netdev.h"
#include "vmqctl.h"

/* A port's counters, in the order of the header. */
static const struct {
	int		attr;
	const char	*text;
	const char	*json;
} stats_keys[] = {
	{ VMQ_A_STATS_RX_PACKETS,	 "rx-packets",	     "rx_packets" },
	{ VMQ_A_STATS_RX_BYTES,		 "rx-bytes",	     "rx_bytes" },
	{ VMQ_A_STATS_TX_PACKETS,	 "tx-packets",	     "tx_packets" },
	{ VMQ_A_STATS_TX_BYTES,		 "tx-bytes",	     "tx_bytes" },
	{ VMQ_A_STATS_RX_DROPS,		 "rx-drops",	     "rx_drops" },
	{ VMQ_A_STATS_TX_DROPS,		 "tx-drops",	     "tx_drops" },
	{ VMQ_A_STATS_RX_HW_STEERED,	 "rx-hw-steered",    "rx_hw_steered" },
	{ VMQ_A_STATS_RX_SW_CLASSIFIED, "rx-sw-classified", "rx_sw_classified" },
	{ VMQ_A_STATS_RX_BCAST,		 "rx-bcast",	     "rx_bcast" },
	{ VMQ_A_STATS_BCAST_LIMIT_DROPS, "bcast-limit-drops", "bcast_limit_drops" },
};

static const char *on_off(const struct nlattr *attr)
{
	return nla_get_u8(attr) ? "on" : "off";
}

static void text_cpu(FILE *f, int32_t cpu)
{
	/* -1 is "the CPU that received the frame", as "any" sets it. */
	if (cpu < 0)
		fputs("any", f);
	else
		fprintf(f, "%d", cpu);
}

/* "key: name", or the number of a value this vmqctl doesn't know. */
static void text_enum(FILE *f, const char *key, const char *name, uint32_t v)
{
	if (name)
		fprintf(f, "%s: %s\n", key, name);
	else
		fprintf(f, "%s: unknown (%u)\n", key, v);
}

static void json_enum(struct json *j, const char *key, const char *name,
		      uint32_t v)
{
	if (name)
		json_field_string(j, key, name);
	else
		json_field_u64(j, key, v);
}

static void text_u32(FILE *f, const char *key, const struct nlattr *attr)
{
	if (attr)
		fprintf(f, "%s: %u\n", key, nla_get_u32(attr));
}

static void text_u64(FILE *f, const char *key, const struct nlattr *attr)
{
	if (attr)
		fprintf(f, "%s: %llu\n", key,
			(unsigned long long)nla_get_u64(attr));
}

static void json_attr_u32(struct json *j, const char *key,
			  const struct nlattr *attr)
{
	if (attr)
		json_field_u64(j, key, nla_get_u32(attr));
}

static void json_attr_u64(struct json *j, const char *key,
			  const struct nlattr *attr)
{
	if (attr)
		json_field_u64(j, key, nla_get_u64(attr));
}

static void json_attr_str(struct json *j, const char *key,
			  const struct nlattr *attr)
{
	if (attr)
		json_field_string(j, key, nla_get_string(attr));
}

static void json_attr_flag(struct json *j, const char *key,
			   const struct nlattr *attr)
{
	if (attr)
		json_field_bool(j, key, nla_get_u8(attr));
}

static void json_attr_cpu(struct json *j, const char *key,
			  const struct nlattr *attr)
{
	if (attr)
		json_field_s64(j, key, nla_get_s32(attr));
}

/* Entries of a per-CPU nest vmq_parse_queue() accepted: CPU + 1 => u64. */
static bool per_cpu_entry(const struct nlattr *pos)
{
	/* An empty one is padding. */
	return nla_len(pos) == sizeof(uint64_t);
}

/*
 * "0:1000 2:234": CPU and frames, for the CPUs that delivered any, after
 * @prefix; nothing at all if there are none.  Returns whether it printed.
 */
bool print_per_cpu_text(FILE *f, const char *prefix,
			const struct nlattr *nest)
{
	struct nlattr *pos;
	bool any = false;
	int rem;

	nla_for_each_nested(pos, nest, rem) {
		if (!per_cpu_entry(pos))
			continue;
		fprintf(f, "%s%d:%llu", any ? " " : prefix, nla_type(pos) - 1,
			(unsigned long long)nla_get_u64(pos));
		any = true;
	}
	return any;
}

/* JSON object keys are strings: {"0": 1000, "2": 234}. */
static void print_per_cpu_json(struct json *j, const struct nlattr *nest)
{
	struct nlattr *pos;
	char key[16];
	int rem;

	json_object_start(j);
	nla_for_each_nested(pos, nest, rem) {
		if (!per_cpu_entry(pos))
			continue;
		snprintf(key, sizeof(key), "%d", nla_type(pos) - 1);
		json_field_u64(j, key, nla_get_u64(pos));
	}
	json_object_end(j);
}

static void print_queue_text(FILE *f, const char *title,
			     struct nlattr * const *q)
{
	fprintf(f, "  %s:\n", title);
	if (q[VMQ_A_QUEUE_CPU]) {
		fputs("    cpu: ", f);
		text_cpu(f, nla_get_s32(q[VMQ_A_QUEUE_CPU]));
		fputc('\n', f);
	}
	text_u32(f, "    hw-index", q[VMQ_A_QUEUE_HW_INDEX]);
	text_u32(f, "    limit", q[VMQ_A_QUEUE_LIMIT]);
	text_u32(f, "    length", q[VMQ_A_QUEUE_LENGTH]);
	text_u64(f, "    packets", q[VMQ_A_QUEUE_PACKETS]);
	text_u64(f, "    drops", q[VMQ_A_QUEUE_DROPS]);
	if (q[VMQ_A_QUEUE_PER_CPU] &&
	    print_per_cpu_text(f, "    per-cpu-packets: ",
			       q[VMQ_A_QUEUE_PER_CPU]))
		fputc('\n', f);
}

/* The members of a queue's object; the caller names and opens it. */
void print_queue_json(struct json *j, struct nlattr * const *q)
{
	json_attr_cpu(j, "cpu", q[VMQ_A_QUEUE_CPU]);
	json_attr_u32(j, "hw_index", q[VMQ_A_QUEUE_HW_INDEX]);
	json_attr_u32(j, "limit", q[VMQ_A_QUEUE_LIMIT]);
	json_attr_u32(j, "length", q[VMQ_A_QUEUE_LENGTH]);
	json_attr_u64(j, "packets", q[VMQ_A_QUEUE_PACKETS]);
	json_attr_u64(j, "drops", q[VMQ_A_QUEUE_DROPS]);
	if (q[VMQ_A_QUEUE_PER_CPU]) {
		json_name(j, "per_cpu");
		print_per_cpu_json(j, q[VMQ_A_QUEUE_PER_CPU]);
	}
}

/* --- switches ---------------------------------------------------------- */

void print_switch_text(FILE *f, const struct vmq_obj *o)
{
	struct nlattr * const *tb = o->tb;
	uint32_t v;

	if (tb[VMQ_A_SWITCH_NAME])
		fprintf(f, "switch %s\n", nla_get_string(tb[VMQ_A_SWITCH_NAME]));
	else
		fprintf(f, "switch (ifindex %u)\n",
			nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]));
	text_u32(f, "  ifindex", tb[VMQ_A_SWITCH_IFINDEX]);
	if (tb[VMQ_A_SWITCH_UPLINK_NAME])
		fprintf(f, "  uplink: %s\n",
			nla_get_string(tb[VMQ_A_SWITCH_UPLINK_NAME]));
	else if (tb[VMQ_A_SWITCH_UPLINK_IFINDEX])
		fprintf(f, "  uplink: ifindex %u\n",
			nla_get_u32(tb[VMQ_A_SWITCH_UPLINK_IFINDEX]));
	if (tb[VMQ_A_SWITCH_BACKEND]) {
		v = nla_get_u32(tb[VMQ_A_SWITCH_BACKEND]);
		text_enum(f, "  backend", binding_name(v), v);
	}
	if (tb[VMQ_A_SWITCH_VMQ])
		fprintf(f, "  vmq: %s\n", on_off(tb[VMQ_A_SWITCH_VMQ]));
	text_u32(f, "  default-queue-len", tb[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN]);
	if (tb[VMQ_A_SWITCH_DEFAULT_CPU]) {
		fputs("  default-cpu: ", f);
		text_cpu(f, nla_get_s32(tb[VMQ_A_SWITCH_DEFAULT_CPU]));
		fputc('\n', f);
	}
	if (tb[VMQ_A_SWITCH_UNKNOWN_UNICAST]) {
		v = nla_get_u32(tb[VMQ_A_SWITCH_UNKNOWN_UNICAST]);
		text_enum(f, "  unknown-unicast", unknown_unicast_name(v), v);
	}
	text_u32(f, "  ports", tb[VMQ_A_SWITCH_PORT_COUNT]);
	if (tb[VMQ_A_SWITCH_DEFAULT_QUEUE])
		print_queue_text(f, "default-queue", o->queue);
}

void print_switch_json(struct json *j, const struct vmq_obj *o)
{
	struct nlattr * const *tb = o->tb;
	uint32_t v;

	json_attr_u32(j, "ifindex", tb[VMQ_A_SWITCH_IFINDEX]);
	json_attr_str(j, "name", tb[VMQ_A_SWITCH_NAME]);
	json_attr_u32(j, "uplink_ifindex", tb[VMQ_A_SWITCH_UPLINK_IFINDEX]);
	json_attr_str(j, "uplink_name", tb[VMQ_A_SWITCH_UPLINK_NAME]);
	if (tb[VMQ_A_SWITCH_BACKEND]) {
		v = nla_get_u32(tb[VMQ_A_SWITCH_BACKEND]);
		json_enum(j, "backend", binding_name(v), v);
	}
	json_attr_flag(j, "vmq", tb[VMQ_A_SWITCH_VMQ]);
	json_attr_u32(j, "default_queue_len", tb[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN]);
	json_attr_cpu(j, "default_cpu", tb[VMQ_A_SWITCH_DEFAULT_CPU]);
	if (tb[VMQ_A_SWITCH_UNKNOWN_UNICAST]) {
		v = nla_get_u32(tb[VMQ_A_SWITCH_UNKNOWN_UNICAST]);
		json_enum(j, "unknown_unicast", unknown_unicast_name(v), v);
	}
	json_attr_u32(j, "port_count", tb[VMQ_A_SWITCH_PORT_COUNT]);
	if (tb[VMQ_A_SWITCH_DEFAULT_QUEUE]) {
		json_field_object(j, "default_queue");
		print_queue_json(j, o->queue);
		json_object_end(j);
	}
}

/* The settings, not the counters: a line per event must stay short. */
void print_switch_line(FILE *f, const struct vmq_obj *o)
{
	struct nlattr * const *tb = o->tb;
	uint32_t v;

	if (tb[VMQ_A_SWITCH_NAME])
		fprintf(f, " %s", nla_get_string(tb[VMQ_A_SWITCH_NAME]));
	else
		fprintf(f, " ifindex %u", nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]));
	if (tb[VMQ_A_SWITCH_UPLINK_NAME])
		fprintf(f, " uplink %s",
			nla_get_string(tb[VMQ_A_SWITCH_UPLINK_NAME]));
	if (tb[VMQ_A_SWITCH_BACKEND]) {
		v = nla_get_u32(tb[VMQ_A_SWITCH_BACKEND]);
		if (binding_name(v))
			fprintf(f, " backend %s", binding_name(v));
		else
			fprintf(f, " backend %u", v);
	}
	if (tb[VMQ_A_SWITCH_VMQ])
		fprintf(f, " vmq %s", on_off(tb[VMQ_A_SWITCH_VMQ]));
	if (tb[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN])
		fprintf(f, " default-queue-len %u",
			nla_get_u32(tb[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN]));
	if (tb[VMQ_A_SWITCH_DEFAULT_CPU]) {
		fputs(" default-cpu ", f);
		text_cpu(f, nla_get_s32(tb[VMQ_A_SWITCH_DEFAULT_CPU]));
	}
	if (tb[VMQ_A_SWITCH_UNKNOWN_UNICAST]) {
		v = nla_get_u32(tb[VMQ_A_SWITCH_UNKNOWN_UNICAST]);
		if (unknown_unicast_name(v))
			fprintf(f, " unknown-unicast %s",
				unknown_unicast_name(v));
		else
			fprintf(f, " unknown-unicast %u", v);
	}
	if (tb[VMQ_A_SWITCH_PORT_COUNT])
		fprintf(f, " ports %u",
			nla_get_u32(tb[VMQ_A_SWITCH_PORT_COUNT]));
}

/* --- ports ------------------------------------------------------------- */

/*
 * The switch a port is on, by name: the reply's, else its ifindex's in
 * this namespace, else @fallback (the switch the request named); NULL
 * when nothing says.
 */
const char *port_switch_name(const struct vmq_obj *o, const char *fallback,
			     char *buf)
{
	const char *name = NULL;

	if (o->tb[VMQ_A_SWITCH_NAME])
		return nla_get_string(o->tb[VMQ_A_SWITCH_NAME]);
	if (o->tb[VMQ_A_SWITCH_IFINDEX])
		name = netdev_name(nla_get_u32(o->tb[VMQ_A_SWITCH_IFINDEX]),
				   buf);
	return name ?: fallback;
}

static void port_mac(const struct vmq_obj *o, char *buf)
{
	format_mac(buf, nla_data(o->tb[VMQ_A_PORT_MAC]));
}

static const char *port_binding_reason(const struct vmq_obj *o)
{
	struct nlattr *attr = o->tb[VMQ_A_PORT_BINDING_REASON];

	return attr ? nla_get_string(attr) : "";
}

/*
 * How a port is named in a heading: its device, else SWITCH:ID as the
 * command line takes it, else what is left.
 */
static void port_title(FILE *f, const struct vmq_obj *o, const char *sw)
{
	struct nlattr * const *tb = o->tb;

	if (tb[VMQ_A_PORT_NAME])
		fputs(nla_get_string(tb[VMQ_A_PORT_NAME]), f);
	else if (sw && tb[VMQ_A_PORT_ID])
		fprintf(f, "%s:%u", sw, nla_get_u32(tb[VMQ_A_PORT_ID]));
	else if (tb[VMQ_A_PORT_ID])
		fprintf(f, "id %u", nla_get_u32(tb[VMQ_A_PORT_ID]));
	else
		fprintf(f, "ifindex %u", nla_get_u32(tb[VMQ_A_PORT_IFINDEX]));
}

void print_port_text(FILE *f, const struct vmq_obj *o, const char *sw)
{
	struct nlattr * const *tb = o->tb;
	char mac[MAC_STR_LEN];
	const char *reason;
	uint32_t v;
	size_t i;

	fputs("port ", f);
	port_title(f, o, sw);
	fputc('\n', f);
	if (sw)
		fprintf(f, "  switch: %s\n", sw);
	else if (tb[VMQ_A_SWITCH_IFINDEX])
		fprintf(f, "  switch: ifindex %u\n",
			nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]));
	text_u32(f, "  id", tb[VMQ_A_PORT_ID]);
	if (tb[VMQ_A_PORT_IFINDEX]) {
		v = nla_get_u32(tb[VMQ_A_PORT_IFINDEX]);
		if (v)
			fprintf(f, "  ifindex: %u\n", v);
		else
			fputs("  ifindex: none (in another namespace)\n", f);
	}
	if (tb[VMQ_A_PORT_MAC]) {
		port_mac(o, mac);
		fprintf(f, "  mac: %s\n", mac);
	}
	if (tb[VMQ_A_PORT_VLAN]) {
		v = nla_get_u16(tb[VMQ_A_PORT_VLAN]);
		if (v)
			fprintf(f, "  vlan: %u\n", v);
		else
			fputs("  vlan: none\n", f);
	}
	if (tb[VMQ_A_PORT_TRUNK])
		fprintf(f, "  trunk: %s\n",
			*nla_get_string(tb[VMQ_A_PORT_TRUNK]) ?
			nla_get_string(tb[VMQ_A_PORT_TRUNK]) : "none");
	if (tb[VMQ_A_PORT_CPUS])
		fprintf(f, "  cpus: %s\n",
			*nla_get_string(tb[VMQ_A_PORT_CPUS]) ?
			nla_get_string(tb[VMQ_A_PORT_CPUS]) : "any");
	if (tb[VMQ_A_PORT_VMQ])
		fprintf(f, "  vmq: %s\n", on_off(tb[VMQ_A_PORT_VMQ]));
	if (tb[VMQ_A_PORT_BCAST_LIMIT]) {
		v = nla_get_u32(tb[VMQ_A_PORT_BCAST_LIMIT]);
		if (v)
			fprintf(f, "  bcast-limit: %u/s\n", v);
		else
			fputs("  bcast-limit: none\n", f);
	}
	if (tb[VMQ_A_PORT_BINDING]) {
		v = nla_get_u32(tb[VMQ_A_PORT_BINDING]);
		reason = port_binding_reason(o);
		if (binding_name(v))
			fprintf(f, "  binding: %s", binding_name(v));
		else
			fprintf(f, "  binding: unknown (%u)", v);
		if (*reason)
			fprintf(f, " (%s)", reason);
		fputc('\n', f);
	}
	if (tb[VMQ_A_PORT_UP])
		fprintf(f, "  up: %s\n",
			nla_get_u8(tb[VMQ_A_PORT_UP]) ? "yes" : "no");
	if (tb[VMQ_A_PORT_QUEUE])
		print_queue_text(f, "queue", o->queue);
	if (!tb[VMQ_A_PORT_STATS])
		return;
	fputs("  stats:\n", f);
	for (i = 0; i < ARRAY_SIZE(stats_keys); i++)
		if (o->stats[stats_keys[i].attr])
			fprintf(f, "    %s: %llu\n", stats_keys[i].text,
				(unsigned long long)
				nla_get_u64(o->stats[stats_keys[i].attr]));
}

void print_port_json(struct json *j, const struct vmq_obj *o, const char *sw)
{
	struct nlattr * const *tb = o->tb;
	char mac[MAC_STR_LEN];
	uint32_t v;
	size_t i;

	json_attr_u32(j, "switch_ifindex", tb[VMQ_A_SWITCH_IFINDEX]);
	if (sw)
		json_field_string(j, "switch_name", sw);
	json_attr_u32(j, "id", tb[VMQ_A_PORT_ID]);
	json_attr_u32(j, "ifindex", tb[VMQ_A_PORT_IFINDEX]);
	json_attr_str(j, "name", tb[VMQ_A_PORT_NAME]);
	if (tb[VMQ_A_PORT_MAC]) {
		port_mac(o, mac);
		json_field_string(j, "mac", mac);
	}
	if (tb[VMQ_A_PORT_VLAN])
		json_field_u64(j, "vlan", nla_get_u16(tb[VMQ_A_PORT_VLAN]));
	json_attr_str(j, "trunk", tb[VMQ_A_PORT_TRUNK]);
	json_attr_str(j, "cpus", tb[VMQ_A_PORT_CPUS]);
	json_attr_flag(j, "vmq", tb[VMQ_A_PORT_VMQ]);
	json_attr_u32(j, "bcast_limit", tb[VMQ_A_PORT_BCAST_LIMIT]);
	if (tb[VMQ_A_PORT_BINDING]) {
		v = nla_get_u32(tb[VMQ_A_PORT_BINDING]);
		json_enum(j, "binding", binding_name(v), v);
		/* Always there with a binding, so scripts need no key check. */
		json_field_string(j, "binding_reason", port_binding_reason(o));
	}
	json_attr_flag(j, "up", tb[VMQ_A_PORT_UP]);
	if (tb[VMQ_A_PORT_QUEUE]) {
		json_field_object(j, "queue");
		print_queue_json(j, o->queue);
		json_object_end(j);
	}
	if (tb[VMQ_A_PORT_STATS]) {
		json_field_object(j, "stats");
		for (i = 0; i < ARRAY_SIZE(stats_keys); i++)
			json_attr_u64(j, stats_keys[i].json,
				      o->stats[stats_keys[i].attr]);
		json_object_end(j);
	}
}

/* The settings and the binding, not the counters, as for a switch. */
void print_port_line(FILE *f, const struct vmq_obj *o, const char *sw)
{
	struct nlattr * const *tb = o->tb;
	char mac[MAC_STR_LEN];
	const char *s;
	uint32_t v;

	if (tb[VMQ_A_PORT_NAME])
		fprintf(f, " %s", nla_get_string(tb[VMQ_A_PORT_NAME]));
	if (sw)
		fprintf(f, " switch %s", sw);
	else if (tb[VMQ_A_SWITCH_IFINDEX])
		fprintf(f, " switch-ifindex %u",
			nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]));
	if (tb[VMQ_A_PORT_ID])
		fprintf(f, " id %u", nla_get_u32(tb[VMQ_A_PORT_ID]));
	if (!tb[VMQ_A_PORT_NAME] && tb[VMQ_A_PORT_IFINDEX])
		fprintf(f, " ifindex %u", nla_get_u32(tb[VMQ_A_PORT_IFINDEX]));
	if (tb[VMQ_A_PORT_MAC]) {
		port_mac(o, mac);
		fprintf(f, " mac %s", mac);
	}
	if (tb[VMQ_A_PORT_VLAN]) {
		v = nla_get_u16(tb[VMQ_A_PORT_VLAN]);
		if (v)
			fprintf(f, " vlan %u", v);
		else
			fputs(" vlan none", f);
	}
	if (tb[VMQ_A_PORT_TRUNK]) {
		s = nla_get_string(tb[VMQ_A_PORT_TRUNK]);
		fprintf(f, " trunk %s", *s ? s : "none");
	}
	if (tb[VMQ_A_PORT_CPUS]) {
		s = nla_get_string(tb[VMQ_A_PORT_CPUS]);
		fprintf(f, " cpus %s", *s ? s : "any");
	}
	if (tb[VMQ_A_PORT_VMQ])
		fprintf(f, " vmq %s", on_off(tb[VMQ_A_PORT_VMQ]));
	if (tb[VMQ_A_PORT_BCAST_LIMIT]) {
		v = nla_get_u32(tb[VMQ_A_PORT_BCAST_LIMIT]);
		if (v)
			fprintf(f, " bcast-limit %u", v);
		else
			fputs(" bcast-limit none", f);
	}
	if (tb[VMQ_A_PORT_BINDING]) {
		v = nla_get_u32(tb[VMQ_A_PORT_BINDING]);
		if (binding_name(v))
			fprintf(f, " binding %s", binding_name(v));
		else
			fprintf(f, " binding %u", v);
		s = port_binding_reason(o);
		if (*s)
			fprintf(f, " (%s)", s);
	}
	if (tb[VMQ_A_PORT_UP])
		fprintf(f, " up %s", nla_get_u8(tb[VMQ_A_PORT_UP]) ? "yes" : "no");
}
