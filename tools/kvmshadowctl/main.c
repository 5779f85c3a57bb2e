// SPDX-License-Identifier: GPL-2.0
/*
 * kvmshadowctl: kvm-shadow's per-VM VMCS shadowing, over the "kvm_shadow"
 * generic netlink family (uapi/linux/kvm_shadow.h): the VMs, a VM's top
 * trapping fields, its current set and sync cost, and its policy.
 *
 * Output goes to a buffer and reaches stdout only once every request has
 * succeeded, so a failure never leaves half a listing (or half a JSON
 * document) behind. Exit status: 0, 1 when something failed (after
 * saying what on stderr, the kernel's extack message included), 2 for a
 * wrong command line.
 */
#define _GNU_SOURCE		/* open_memstream, program_invocation_short_name */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kvm_shadow.h>

#include "lib/compiler.h"
#include "lib/genl.h"
#include "lib/json.h"
#include "lib/msg.h"

#define EXIT_ERR	1
#define EXIT_USAGE	2

static const char usage_text[] =
	"Usage: %s [-j] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n"
	"  vms                     list the VMs of kvm-shadow's kvm_intel\n"
	"  profile VM [--top N] [--vcpu ID]\n"
	"                          the N fields (default 10, 0: all) that made L1\n"
	"                          exit most, by name, and the sync cost; of the\n"
	"                          VM, or of one of its vCPUs\n"
	"  set VM                  the VM's current shadow set and its sync cost\n"
	"  policy VM               the VM's policy\n"
	"  policy VM static|pinned FIELD[:ro|:rw]...|adaptive [window=MS]\n"
	"         [promote=EXITS] [max=FIELDS] [age=WINDOWS]\n"
	"                          set the VM's policy (FIELD: a name, 0xENCODING\n"
	"                          or static for upstream's set)\n"
	"  monitor                 print policy and set changes (through netlink,\n"
	"                          debugfs, or by the adaptive policy) as they\n"
	"                          happen, until killed\n"
	"  help                    show this help\n"
	"\n"
	"Options:\n"
	"  -j, --json              JSON output (monitor: one object per line)\n"
	"\n"
	"VM is the VM's debugfs name, PID-N (/sys/kernel/debug/kvm_shadow/), or N.\n";

static const struct nla_policy ks_policy[KVM_SHADOW_A_MAX + 1] = {
	[KVM_SHADOW_A_VM_ID]			= { .type = NLA_U32 },
	[KVM_SHADOW_A_VM_NAME]			= { .type = NLA_STRING },
	[KVM_SHADOW_A_PID]			= { .type = NLA_U32 },
	[KVM_SHADOW_A_POLICY]			= { .type = NLA_U32 },
	[KVM_SHADOW_A_POLICY_TEXT]		= { .type = NLA_STRING },
	[KVM_SHADOW_A_POLICY_ERROR]		= { .type = NLA_STRING },
	[KVM_SHADOW_A_SYNC_TO_VMCS12]		= { .type = NLA_U64 },
	[KVM_SHADOW_A_SYNC_TO_VMCS12_FIELDS]	= { .type = NLA_U64 },
	[KVM_SHADOW_A_SYNC_TO_SHADOW]		= { .type = NLA_U64 },
	[KVM_SHADOW_A_SYNC_TO_SHADOW_FIELDS]	= { .type = NLA_U64 },
	[KVM_SHADOW_A_UNKNOWN_VMREAD]		= { .type = NLA_U64 },
	[KVM_SHADOW_A_UNKNOWN_VMWRITE]		= { .type = NLA_U64 },
	[KVM_SHADOW_A_VCPU_ID]			= { .type = NLA_U32 },
	[KVM_SHADOW_A_VCPU_UNTRACKED]		= { .type = NLA_U64 },
	[KVM_SHADOW_A_EVENT_SOURCE]		= { .type = NLA_U32 },
	[KVM_SHADOW_A_FIELD]			= { .type = NLA_NESTED },
	[KVM_SHADOW_A_ADAPT_WINDOW_MS]		= { .type = NLA_U32 },
	[KVM_SHADOW_A_ADAPT_PROMOTE]		= { .type = NLA_U32 },
	[KVM_SHADOW_A_ADAPT_MAX]		= { .type = NLA_U32 },
	[KVM_SHADOW_A_ADAPT_AGE]		= { .type = NLA_U32 },
	[KVM_SHADOW_A_ADAPT_LEARNED]		= { .type = NLA_U32 },
	[KVM_SHADOW_A_ADAPT_PROMOTED]		= { .type = NLA_U64 },
	[KVM_SHADOW_A_ADAPT_DEMOTED]		= { .type = NLA_U64 },
};

static const struct nla_policy ks_field_policy[KVM_SHADOW_A_FIELD_MAX + 1] = {
	[KVM_SHADOW_A_FIELD_ENCODING]	= { .type = NLA_U32 },
	[KVM_SHADOW_A_FIELD_NAME]	= { .type = NLA_STRING },
	[KVM_SHADOW_A_FIELD_VMREAD]	= { .type = NLA_U64 },
	[KVM_SHADOW_A_FIELD_VMWRITE]	= { .type = NLA_U64 },
	[KVM_SHADOW_A_FIELD_ACCESS]	= { .type = NLA_U32 },
};

struct field {
	uint32_t	encoding;
	char		name[64];
	uint64_t	vmread, vmwrite;
	uint32_t	access;
};

/* What one command gathers from its replies. */
struct ctx {
	FILE		*f;
	struct json	*j;		/* NULL for text */
	unsigned int	count;
	uint64_t	sync[4];	/* to vmcs12, fields, to shadow, fields */
	uint64_t	unknown[2];
	uint64_t	untracked;	/* a vCPU's exits its counters missed */
	uint32_t	policy;
	struct field	*fields;
	size_t		nr, cap;
};

static int fail(int err, const char *fmt, ...) __printf(2, 3);
static int fail(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_verr(err, fmt, ap);
	va_end(ap);
	return EXIT_ERR;
}

static int usage_error(const char *fmt, ...) __printf(1, 2);
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s help'.\n", program_invocation_short_name);
	return EXIT_USAGE;
}

static const char *policy_name(uint32_t p)
{
	switch (p) {
	case KVM_SHADOW_POLICY_KIND_STATIC:	return "static";
	case KVM_SHADOW_POLICY_KIND_PINNED:	return "pinned";
	case KVM_SHADOW_POLICY_KIND_ADAPTIVE:	return "adaptive";
	}
	return "unknown";
}

static const char *source_name(uint32_t src)
{
	switch (src) {
	case KVM_SHADOW_SOURCE_NETLINK:		return "netlink";
	case KVM_SHADOW_SOURCE_DEBUGFS:		return "debugfs";
	case KVM_SHADOW_SOURCE_ADAPTIVE:	return "adaptive";
	}
	return "unknown";
}

static const char *access_name(uint32_t a)
{
	switch (a) {
	case KVM_SHADOW_ACCESS_RW:	return "rw";
	case KVM_SHADOW_ACCESS_RO:	return "ro";
	}
	return "-";
}

/* "PID-N" or "N" to N. */
static bool parse_vm(const char *arg, uint32_t *id)
{
	const char *n = strrchr(arg, '-');
	unsigned long v;
	char *end;

	n = n ? n + 1 : arg;
	errno = 0;
	v = strtoul(n, &end, 10);
	if (!*n || *end || errno || v == 0 || v > UINT32_MAX) {
		usage_error("'%s' is not a VM (PID-N or N, as in /sys/kernel/debug/kvm_shadow/)",
			    arg);
		return false;
	}
	*id = v;
	return true;
}

static uint64_t get_u64(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u64(tb[type]) : 0;
}

static int open_family(struct gnl **gp)
{
	int ret = gnl_open(gp, KVM_SHADOW_GENL_NAME, KVM_SHADOW_GENL_VERSION);

	/* genl.c has already said the family is missing, and why. */
	if (ret && ret != -ENOENT)
		fail(ret, "open generic netlink family '%s'",
		     KVM_SHADOW_GENL_NAME);
	return ret;
}

/*
 * Send CMD about VM (0: none), its vCPU VCPU (-1: none), with optional
 * policy TEXT; CB per reply.
 */
static int request(uint8_t cmd, int flags, uint32_t vm, int64_t vcpu,
		   const char *text, gnl_msg_cb_t cb, void *arg)
{
	struct nl_msg *msg;
	struct gnl *g;
	int ret;

	ret = open_family(&g);
	if (ret)
		return ret;
	msg = gnl_msg_new(g, cmd, flags);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	if ((vm && nla_put_u32(msg, KVM_SHADOW_A_VM_ID, vm)) ||
	    (vcpu >= 0 && nla_put_u32(msg, KVM_SHADOW_A_VCPU_ID, vcpu)) ||
	    (text && nla_put_string(msg, KVM_SHADOW_A_POLICY_TEXT, text))) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out;
	}
	ret = gnl_request(g, msg, cb, arg);
out:
	gnl_close(g);
	return ret;
}

static void print_sync(struct ctx *c)
{
	static const char * const dir[] = { "shadow-to-vmcs12", "vmcs12-to-shadow" };
	int i;

	for (i = 0; i < 2; i++) {
		uint64_t n = c->sync[2 * i], fields = c->sync[2 * i + 1];

		if (c->j) {
			json_field_object(c->j, i ? "vmcs12_to_shadow" : "shadow_to_vmcs12");
			json_field_u64(c->j, "syncs", n);
			json_field_u64(c->j, "fields", fields);
			json_object_end(c->j);
		} else {
			fprintf(c->f, "sync %-17s %10llu syncs %12llu fields %8.2f per sync\n",
				dir[i], (unsigned long long)n,
				(unsigned long long)fields,
				n ? (double)fields / n : 0.0);
		}
	}
}

static void take_sync(struct ctx *c, struct nlattr **tb)
{
	c->sync[0] = get_u64(tb, KVM_SHADOW_A_SYNC_TO_VMCS12);
	c->sync[1] = get_u64(tb, KVM_SHADOW_A_SYNC_TO_VMCS12_FIELDS);
	c->sync[2] = get_u64(tb, KVM_SHADOW_A_SYNC_TO_SHADOW);
	c->sync[3] = get_u64(tb, KVM_SHADOW_A_SYNC_TO_SHADOW_FIELDS);
}

/* Every KVM_SHADOW_A_FIELD nest of a reply into c->fields. */
static int take_fields(struct ctx *c, struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[KVM_SHADOW_A_FIELD_MAX + 1];
	struct nlattr *a;
	struct field *f;
	int rem, ret;

	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if (nla_type(a) != KVM_SHADOW_A_FIELD)
			continue;
		ret = nla_parse_nested(tb, KVM_SHADOW_A_FIELD_MAX, a,
				       (struct nla_policy *)ks_field_policy);
		if (ret)
			return gnl_errno(ret);
		if (!tb[KVM_SHADOW_A_FIELD_ENCODING])
			return -EBADMSG;
		if (c->nr == c->cap) {
			size_t cap = c->cap ? 2 * c->cap : 64;

			f = realloc(c->fields, cap * sizeof(*f));
			if (!f)
				return -ENOMEM;
			c->fields = f;
			c->cap = cap;
		}
		f = &c->fields[c->nr++];
		memset(f, 0, sizeof(*f));
		f->encoding = nla_get_u32(tb[KVM_SHADOW_A_FIELD_ENCODING]);
		snprintf(f->name, sizeof(f->name), "%s",
			 tb[KVM_SHADOW_A_FIELD_NAME] ?
			 nla_get_string(tb[KVM_SHADOW_A_FIELD_NAME]) : "unknown");
		f->vmread = get_u64(tb, KVM_SHADOW_A_FIELD_VMREAD);
		f->vmwrite = get_u64(tb, KVM_SHADOW_A_FIELD_VMWRITE);
		if (tb[KVM_SHADOW_A_FIELD_ACCESS])
			f->access = nla_get_u32(tb[KVM_SHADOW_A_FIELD_ACCESS]);
	}
	return 0;
}

/* --- vms ------------------------------------------------------------- */

static int vms_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[KVM_SHADOW_A_MAX + 1];
	struct ctx *c = arg;
	uint32_t policy;
	int ret;

	ret = gnl_parse(msg, tb, KVM_SHADOW_A_MAX, ks_policy);
	if (ret)
		return ret;
	if (!tb[KVM_SHADOW_A_VM_ID] || !tb[KVM_SHADOW_A_VM_NAME])
		return -EBADMSG;
	policy = tb[KVM_SHADOW_A_POLICY] ? nla_get_u32(tb[KVM_SHADOW_A_POLICY]) : ~0u;
	if (c->j) {
		json_object_start(c->j);
		json_field_string(c->j, "vm", nla_get_string(tb[KVM_SHADOW_A_VM_NAME]));
		json_field_u64(c->j, "id", nla_get_u32(tb[KVM_SHADOW_A_VM_ID]));
		json_field_u64(c->j, "pid", tb[KVM_SHADOW_A_PID] ?
			       nla_get_u32(tb[KVM_SHADOW_A_PID]) : 0);
		json_field_string(c->j, "policy", policy_name(policy));
		json_object_end(c->j);
	} else {
		if (!c->count)
			fprintf(c->f, "%-16s %8s %8s  %s\n", "VM", "ID", "PID", "POLICY");
		fprintf(c->f, "%-16s %8u %8u  %s\n",
			nla_get_string(tb[KVM_SHADOW_A_VM_NAME]),
			nla_get_u32(tb[KVM_SHADOW_A_VM_ID]),
			tb[KVM_SHADOW_A_PID] ? nla_get_u32(tb[KVM_SHADOW_A_PID]) : 0,
			policy_name(policy));
	}
	c->count++;
	return 0;
}

static int cmd_vms(struct ctx *c, int argc, char **argv)
{
	int ret;

	if (argc > 1)
		return usage_error("vms: unknown argument '%s'", argv[1]);
	if (c->j)
		json_array_start(c->j);
	ret = request(KVM_SHADOW_CMD_VM_GET, NLM_F_DUMP, 0, -1, NULL, vms_cb, c);
	if (c->j)
		json_array_end(c->j);
	else if (!ret && !c->count)
		fputs("no VMs\n", c->f);
	return ret ? fail(ret, "list VMs") : 0;
}

/* --- profile --------------------------------------------------------- */

static int profile_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[KVM_SHADOW_A_MAX + 1];
	struct ctx *c = arg;
	int ret;

	ret = gnl_parse(msg, tb, KVM_SHADOW_A_MAX, ks_policy);
	if (ret)
		return ret;
	if (tb[KVM_SHADOW_A_SYNC_TO_VMCS12]) {
		take_sync(c, tb);
		c->unknown[0] = get_u64(tb, KVM_SHADOW_A_UNKNOWN_VMREAD);
		c->unknown[1] = get_u64(tb, KVM_SHADOW_A_UNKNOWN_VMWRITE);
		c->untracked = get_u64(tb, KVM_SHADOW_A_VCPU_UNTRACKED);
		c->count++;
	}
	return take_fields(c, msg);
}

static int by_exits(const void *a, const void *b)
{
	const struct field *x = a, *y = b;
	uint64_t ex = x->vmread + x->vmwrite, ey = y->vmread + y->vmwrite;

	if (ex != ey)
		return ex < ey ? 1 : -1;
	return x->encoding < y->encoding ? -1 : x->encoding > y->encoding;
}

/* "--top N" or "--vcpu N": N as an unsigned number up to MAX. */
static bool parse_number(const char *opt, const char *arg, unsigned long max,
			 unsigned long *val)
{
	char *end;

	errno = 0;
	*val = strtoul(arg, &end, 10);
	if (!*arg || *end || errno || *val > max || *arg == '-') {
		usage_error("profile: %s takes a number, not '%s'", opt, arg);
		return false;
	}
	return true;
}

static int cmd_profile(struct ctx *c, int argc, char **argv)
{
	unsigned long top = 10, id;
	int64_t vcpu = -1;
	uint32_t vm;
	size_t i, n;
	int ret, a;

	if (argc < 2)
		return usage_error("profile: no VM given");
	if (!parse_vm(argv[1], &vm))
		return EXIT_USAGE;
	for (a = 2; a < argc; a += 2) {
		if (!strcmp(argv[a], "--top") && a + 1 < argc) {
			if (!parse_number("--top", argv[a + 1], ULONG_MAX, &top))
				return EXIT_USAGE;
		} else if (!strcmp(argv[a], "--vcpu") && a + 1 < argc) {
			if (!parse_number("--vcpu", argv[a + 1], UINT32_MAX, &id))
				return EXIT_USAGE;
			vcpu = id;
		} else {
			return usage_error("profile: unknown argument '%s'", argv[a]);
		}
	}
	ret = request(KVM_SHADOW_CMD_PROFILE_GET, NLM_F_DUMP, vm, vcpu, NULL,
		      profile_cb, c);
	if (ret && vcpu >= 0)
		return fail(ret, "profile of vCPU %lld of VM %s",
			    (long long)vcpu, argv[1]);
	if (ret)
		return fail(ret, "profile of VM %s", argv[1]);
	if (!c->count)
		return fail(-EBADMSG, "profile of VM %s", argv[1]);
	/* No field: no array (qsort() wants one all the same). */
	if (c->nr)
		qsort(c->fields, c->nr, sizeof(*c->fields), by_exits);
	n = top && top < c->nr ? top : c->nr;
	if (c->j) {
		json_object_start(c->j);
		json_field_u64(c->j, "id", vm);
		if (vcpu >= 0) {
			json_field_u64(c->j, "vcpu", vcpu);
			json_field_u64(c->j, "untracked", c->untracked);
		}
		json_field_object(c->j, "sync");
		print_sync(c);
		json_object_end(c->j);
		json_field_object(c->j, "unknown");
		json_field_u64(c->j, "vmread", c->unknown[0]);
		json_field_u64(c->j, "vmwrite", c->unknown[1]);
		json_object_end(c->j);
		json_field_u64(c->j, "trapping_fields", c->nr);
		json_field_array(c->j, "fields");
		for (i = 0; i < n; i++) {
			json_object_start(c->j);
			json_field_string(c->j, "name", c->fields[i].name);
			json_name(c->j, "encoding");
			json_stringf(c->j, "0x%04x", c->fields[i].encoding);
			json_field_u64(c->j, "vmread", c->fields[i].vmread);
			json_field_u64(c->j, "vmwrite", c->fields[i].vmwrite);
			json_field_string(c->j, "shadow",
					  access_name(c->fields[i].access));
			json_object_end(c->j);
		}
		json_array_end(c->j);
		json_object_end(c->j);
		return 0;
	}
	if (vcpu >= 0)
		fprintf(c->f, "vCPU %lld\n", (long long)vcpu);
	print_sync(c);
	if (c->untracked)
		fprintf(c->f, "untracked exits (no memory for the vCPU's counters): %llu\n",
			(unsigned long long)c->untracked);
	fprintf(c->f, "unknown encodings: vmread %llu vmwrite %llu\n",
		(unsigned long long)c->unknown[0],
		(unsigned long long)c->unknown[1]);
	fprintf(c->f, "%zu field(s) trapped%s\n", c->nr,
		n < c->nr ? ", the top ones:" : "");
	if (n)
		fprintf(c->f, "%-36s %8s %10s %10s  %s\n", "FIELD", "ENCODING",
			"VMREAD", "VMWRITE", "SHADOW");
	for (i = 0; i < n; i++)
		fprintf(c->f, "%-36s   0x%04x %10llu %10llu  %s\n",
			c->fields[i].name, c->fields[i].encoding,
			(unsigned long long)c->fields[i].vmread,
			(unsigned long long)c->fields[i].vmwrite,
			access_name(c->fields[i].access));
	return 0;
}

/* --- set ------------------------------------------------------------- */

static int set_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[KVM_SHADOW_A_MAX + 1];
	struct ctx *c = arg;
	int ret;

	ret = gnl_parse(msg, tb, KVM_SHADOW_A_MAX, ks_policy);
	if (ret)
		return ret;
	take_sync(c, tb);
	c->policy = tb[KVM_SHADOW_A_POLICY] ? nla_get_u32(tb[KVM_SHADOW_A_POLICY]) : ~0u;
	c->count++;
	return take_fields(c, msg);
}

static int cmd_set(struct ctx *c, int argc, char **argv)
{
	uint32_t vm;
	size_t i;
	int ret;

	if (argc != 2)
		return usage_error(argc < 2 ? "set: no VM given" :
				   "set: unknown argument");
	if (!parse_vm(argv[1], &vm))
		return EXIT_USAGE;
	ret = request(KVM_SHADOW_CMD_SET_GET, 0, vm, -1, NULL, set_cb, c);
	if (ret)
		return fail(ret, "set of VM %s", argv[1]);
	if (c->j) {
		json_object_start(c->j);
		json_field_u64(c->j, "id", vm);
		json_field_string(c->j, "policy", policy_name(c->policy));
		json_field_object(c->j, "sync");
		print_sync(c);
		json_object_end(c->j);
		json_field_array(c->j, "fields");
		for (i = 0; i < c->nr; i++) {
			json_object_start(c->j);
			json_field_string(c->j, "name", c->fields[i].name);
			json_name(c->j, "encoding");
			json_stringf(c->j, "0x%04x", c->fields[i].encoding);
			json_field_string(c->j, "access",
					  access_name(c->fields[i].access));
			json_object_end(c->j);
		}
		json_array_end(c->j);
		json_object_end(c->j);
		return 0;
	}
	fprintf(c->f, "policy %s\n", policy_name(c->policy));
	print_sync(c);
	for (i = 0; i < c->nr; i++)
		fprintf(c->f, "%s %-36s 0x%04x\n", access_name(c->fields[i].access),
			c->fields[i].name, c->fields[i].encoding);
	return 0;
}

/* --- policy ---------------------------------------------------------- */

static const struct {
	int		type;
	const char	*name;
} adapt_attrs[] = {
	{ KVM_SHADOW_A_ADAPT_WINDOW_MS,	"window" },
	{ KVM_SHADOW_A_ADAPT_PROMOTE,	"promote" },
	{ KVM_SHADOW_A_ADAPT_MAX,	"max" },
	{ KVM_SHADOW_A_ADAPT_AGE,	"age" },
	{ KVM_SHADOW_A_ADAPT_LEARNED,	"learned" },
	{ KVM_SHADOW_A_ADAPT_PROMOTED,	"promoted" },
	{ KVM_SHADOW_A_ADAPT_DEMOTED,	"demoted" },
};

static int policy_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[KVM_SHADOW_A_MAX + 1];
	struct ctx *c = arg;
	uint32_t policy;
	uint64_t v;
	size_t i;
	int ret;

	ret = gnl_parse(msg, tb, KVM_SHADOW_A_MAX, ks_policy);
	if (ret)
		return ret;
	policy = tb[KVM_SHADOW_A_POLICY] ? nla_get_u32(tb[KVM_SHADOW_A_POLICY]) : ~0u;
	if (c->j) {
		json_object_start(c->j);
		json_field_u64(c->j, "id", tb[KVM_SHADOW_A_VM_ID] ?
			       nla_get_u32(tb[KVM_SHADOW_A_VM_ID]) : 0);
		json_field_string(c->j, "policy", policy_name(policy));
	} else {
		fputs(policy_name(policy), c->f);
	}
	for (i = 0; i < ARRAY_SIZE(adapt_attrs); i++) {
		struct nlattr *a = tb[adapt_attrs[i].type];

		if (!a)
			continue;
		v = nla_len(a) == 8 ? nla_get_u64(a) : nla_get_u32(a);
		if (c->j)
			json_field_u64(c->j, adapt_attrs[i].name, v);
		else
			fprintf(c->f, " %s=%llu", adapt_attrs[i].name,
				(unsigned long long)v);
	}
	if (c->j) {
		json_field_string(c->j, "error", tb[KVM_SHADOW_A_POLICY_ERROR] ?
				  nla_get_string(tb[KVM_SHADOW_A_POLICY_ERROR]) : "");
		json_object_end(c->j);
	} else {
		fputc('\n', c->f);
		if (tb[KVM_SHADOW_A_POLICY_ERROR])
			fprintf(c->f, "error: %s\n",
				nla_get_string(tb[KVM_SHADOW_A_POLICY_ERROR]));
	}
	return 0;
}

static int cmd_policy(struct ctx *c, int argc, char **argv)
{
	char text[KVM_SHADOW_POLICY_TEXT_MAX];
	size_t len = 0;
	uint32_t vm;
	int i, ret;

	if (argc < 2)
		return usage_error("policy: no VM given");
	if (!parse_vm(argv[1], &vm))
		return EXIT_USAGE;
	if (argc > 2) {
		/* The kernel parses and checks it, as the debugfs file does. */
		for (i = 2; i < argc; i++) {
			ret = snprintf(text + len, sizeof(text) - len, "%s%s",
				       i > 2 ? " " : "", argv[i]);
			if (ret < 0 || (size_t)ret >= sizeof(text) - len)
				return usage_error("policy: too long");
			len += ret;
		}
		ret = request(KVM_SHADOW_CMD_POLICY_SET, 0, vm, -1, text, NULL, NULL);
		if (ret)
			return fail(ret, "set policy of VM %s", argv[1]);
	}
	ret = request(KVM_SHADOW_CMD_POLICY_GET, 0, vm, -1, NULL, policy_cb, c);
	return ret ? fail(ret, "policy of VM %s", argv[1]) : 0;
}

/* --- monitor --------------------------------------------------------- */

/* One line per policy event, flushed at once so a pipe sees it. */
static int event_cb(struct nl_msg *msg, void *arg)
{
	const struct genlmsghdr *gnlh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[KVM_SHADOW_A_MAX + 1];
	bool *json = arg;
	const char *vm, *text, *source;
	uint32_t policy;
	bool adaptive;
	struct json j;
	int ret;

	/* A malformed event is skipped, not a reason to stop listening. */
	ret = gnl_parse(msg, tb, KVM_SHADOW_A_MAX, ks_policy);
	if (ret || gnlh->cmd != KVM_SHADOW_CMD_POLICY_EVENT ||
	    !tb[KVM_SHADOW_A_VM_NAME])
		return 0;
	vm = nla_get_string(tb[KVM_SHADOW_A_VM_NAME]);
	text = tb[KVM_SHADOW_A_POLICY_TEXT] ?
	       nla_get_string(tb[KVM_SHADOW_A_POLICY_TEXT]) : NULL;
	policy = tb[KVM_SHADOW_A_POLICY] ? nla_get_u32(tb[KVM_SHADOW_A_POLICY]) : ~0u;
	source = tb[KVM_SHADOW_A_EVENT_SOURCE] ?
		 source_name(nla_get_u32(tb[KVM_SHADOW_A_EVENT_SOURCE])) : "unknown";
	adaptive = !!tb[KVM_SHADOW_A_ADAPT_LEARNED];
	if (*json) {
		json_init(&j, stdout, false);
		json_object_start(&j);
		json_field_string(&j, "event", "policy");
		json_field_string(&j, "vm", vm);
		json_field_string(&j, "policy", policy_name(policy));
		json_field_string(&j, "source", source);
		if (text)
			json_field_string(&j, "text", text);
		if (adaptive) {
			json_field_u64(&j, "learned",
				       nla_get_u32(tb[KVM_SHADOW_A_ADAPT_LEARNED]));
			json_field_u64(&j, "promoted",
				       get_u64(tb, KVM_SHADOW_A_ADAPT_PROMOTED));
			json_field_u64(&j, "demoted",
				       get_u64(tb, KVM_SHADOW_A_ADAPT_DEMOTED));
		}
		json_object_end(&j);
		ret = json_finish(&j);
	} else {
		printf("policy %s %s (%s)", vm, policy_name(policy), source);
		if (text)
			printf(": %s", text);
		if (adaptive)
			printf("%s learned=%u promoted=%llu demoted=%llu",
			       text ? "," : ":",
			       nla_get_u32(tb[KVM_SHADOW_A_ADAPT_LEARNED]),
			       (unsigned long long)get_u64(tb, KVM_SHADOW_A_ADAPT_PROMOTED),
			       (unsigned long long)get_u64(tb, KVM_SHADOW_A_ADAPT_DEMOTED));
		printf("\n");
	}
	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout))
		return ret ?: (errno ? -errno : -EIO);
	return ret;
}

/* Until killed; not buffered like the other commands' output. */
static int cmd_monitor(bool json, int argc, char **argv)
{
	struct gnl *g;
	int ret;

	if (argc > 1)
		return usage_error("monitor: unknown argument '%s'", argv[1]);
	if (open_family(&g))
		return EXIT_ERR;
	ret = gnl_subscribe(g, KVM_SHADOW_MCGRP_EVENTS);
	if (ret) {
		gnl_close(g);
		return fail(ret, "subscribe to '%s'", KVM_SHADOW_MCGRP_EVENTS);
	}
	for (;;) {
		ret = gnl_listen(g, event_cb, &json);
		/* The socket overran: say so, and carry on with what comes. */
		if (ret != -ENOBUFS)
			break;
		fprintf(stderr, "%s: events were lost: %s\n",
			program_invocation_short_name, strerror(ENOBUFS));
	}
	gnl_close(g);
	return fail(ret ?: -EPIPE, "monitor events");
}

int main(int argc, char **argv)
{
	struct ctx c = { 0 };
	bool json = false;
	struct json j;
	char *buf = NULL;
	size_t len;
	int ret, err = 0, i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf(usage_text, program_invocation_short_name);
			return 0;
		}
		if (strcmp(argv[i], "-j") && strcmp(argv[i], "--json"))
			return usage_error("unknown option '%s'", argv[i]);
		json = true;
	}
	if (i == argc)
		return usage_error("no command given");
	if (!strcmp(argv[i], "help")) {
		printf(usage_text, program_invocation_short_name);
		return 0;
	}
	if (!strcmp(argv[i], "monitor"))
		return cmd_monitor(json, argc - i, argv + i);

	c.f = open_memstream(&buf, &len);
	if (!c.f)
		return fail(-errno, "output");
	if (json) {
		json_init(&j, c.f, false);
		c.j = &j;
	}
	if (!strcmp(argv[i], "vms"))
		ret = cmd_vms(&c, argc - i, argv + i);
	else if (!strcmp(argv[i], "profile"))
		ret = cmd_profile(&c, argc - i, argv + i);
	else if (!strcmp(argv[i], "set"))
		ret = cmd_set(&c, argc - i, argv + i);
	else if (!strcmp(argv[i], "policy"))
		ret = cmd_policy(&c, argc - i, argv + i);
	else
		ret = usage_error("unknown command '%s'", argv[i]);
	if (json && !ret)
		err = json_finish(&j);
	if (fclose(c.f) && !err)
		err = -errno;
	if (!ret && !err)
		fwrite(buf, 1, len, stdout);
	free(buf);
	free(c.fields);
	if (!ret && err)
		return fail(err, "format output");
	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout))
		return ret ?: fail(errno ? -errno : -EIO, "write output");
	return ret;
}
