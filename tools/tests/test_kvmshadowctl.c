// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for kvmshadowctl, whole commands included, against a fake kernel.
 *
 * As for vmqctl (test_vmqctl.c): kvmshadowctl's source is built into
 * this test with the generic netlink calls renamed, by macro, to fakes.
 * The fake kernel checks each request as kvm-shadow's kvm_intel would
 * (which attributes a command takes, their types), records it, and
 * answers from two VMs: "134-1" (static, two vCPUs) and "207-2"
 * (adaptive). Argument checks, requests, reply parsing and output run
 * as shipped.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/msg.h>
#include <linux/kvm_shadow.h>

#include "lib/genl.h"
#include "lib/json.h"

#define FAKE_GENL_NAME		KVM_SHADOW_GENL_NAME
#define FAKE_GENL_VERSION	KVM_SHADOW_GENL_VERSION
#define FAKE_GENL_MCGRP		KVM_SHADOW_MCGRP_EVENTS
#include "fake_genl.h"

#define main		kvmshadowctl_main

#include "kvmshadowctl/main.c"

#undef main

#include "capture.h"
#include "tap.h"

/* --- the fake kernel's VMs --------------------------------------------- */

struct fake_field {
	uint32_t	encoding;
	const char	*name;
	uint64_t	vmread, vmwrite;
	uint32_t	access;
};

struct fake_profile {
	uint64_t			sync[4];
	uint64_t			unknown[2];
	const struct fake_field		*fields;
	int				nr;
};

static const struct fake_field vm1_fields[] = {
	{ 0x680e, "GUEST_FS_BASE", 110, 111, KVM_SHADOW_ACCESS_NONE },
	{ 0x2010, "TSC_OFFSET", 220, 220, KVM_SHADOW_ACCESS_NONE },
	{ 0x6c16, "HOST_RIP", 0, 5, KVM_SHADOW_ACCESS_NONE },
	{ 0x4814, "GUEST_ES_AR_BYTES", 30, 0, KVM_SHADOW_ACCESS_RO },
};

static const struct fake_field vcpu1_fields[] = {
	{ 0x6c16, "HOST_RIP", 0, 110, KVM_SHADOW_ACCESS_NONE },
};

static const struct fake_profile vm1_profile = {
	.sync = { 200, 4600, 201, 6834 }, .unknown = { 1, 2 },
	.fields = vm1_fields, .nr = ARRAY_SIZE(vm1_fields),
};

/* vCPU 0: no exit counted yet; vCPU 1: one field, 7 exits untracked. */
static const struct fake_profile vcpu_profiles[] = {
	{ .sync = { 90, 2070, 91, 3094 } },
	{ .sync = { 110, 2530, 110, 3740 },
	  .fields = vcpu1_fields, .nr = ARRAY_SIZE(vcpu1_fields) },
};

static const struct fake_field set_fields[] = {
	{ 0x681e, "GUEST_RIP", 0, 0, KVM_SHADOW_ACCESS_RW },
	{ 0x4402, "VM_EXIT_REASON", 0, 0, KVM_SHADOW_ACCESS_RO },
};

static const struct {
	uint32_t	id;
	const char	*name;
	uint32_t	pid;
	uint32_t	policy;
	int		vcpus;
} vms[] = {
	{ 1, "134-1", 134, KVM_SHADOW_POLICY_KIND_STATIC, 2 },
	{ 2, "207-2", 207, KVM_SHADOW_POLICY_KIND_ADAPTIVE, 1 },
};

static void put_field(struct nl_msg *m, const struct fake_field *f, bool counts)
{
	struct nlattr *nest = nla_nest_start(m, KVM_SHADOW_A_FIELD);

	nla_put_u32(m, KVM_SHADOW_A_FIELD_ENCODING, f->encoding);
	nla_put_string(m, KVM_SHADOW_A_FIELD_NAME, f->name);
	if (counts) {
		nla_put_u64(m, KVM_SHADOW_A_FIELD_VMREAD, f->vmread);
		nla_put_u64(m, KVM_SHADOW_A_FIELD_VMWRITE, f->vmwrite);
	}
	nla_put_u32(m, KVM_SHADOW_A_FIELD_ACCESS, f->access);
	nla_nest_end(m, nest);
}

static void put_sync(struct nl_msg *m, const uint64_t *sync)
{
	nla_put_u64(m, KVM_SHADOW_A_SYNC_TO_VMCS12, sync[0]);
	nla_put_u64(m, KVM_SHADOW_A_SYNC_TO_VMCS12_FIELDS, sync[1]);
	nla_put_u64(m, KVM_SHADOW_A_SYNC_TO_SHADOW, sync[2]);
	nla_put_u64(m, KVM_SHADOW_A_SYNC_TO_SHADOW_FIELDS, sync[3]);
}

/* --- the fake kernel's side of a request ------------------------------- */

#define A(x)	(1ULL << (x))

static uint64_t kernel_allowed(uint8_t cmd)
{
	switch (cmd) {
	case KVM_SHADOW_CMD_VM_GET:
	case KVM_SHADOW_CMD_SET_GET:
	case KVM_SHADOW_CMD_POLICY_GET:
		return A(KVM_SHADOW_A_VM_ID);
	case KVM_SHADOW_CMD_PROFILE_GET:
		return A(KVM_SHADOW_A_VM_ID) | A(KVM_SHADOW_A_VCPU_ID);
	case KVM_SHADOW_CMD_POLICY_SET:
		return A(KVM_SHADOW_A_VM_ID) | A(KVM_SHADOW_A_POLICY_TEXT);
	}
	return 0;
}

static const struct nla_policy kernel_policy[KVM_SHADOW_A_MAX + 1] = {
	[KVM_SHADOW_A_VM_ID]	   = { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[KVM_SHADOW_A_VCPU_ID]	   = { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[KVM_SHADOW_A_POLICY_TEXT] = { .type = NLA_STRING },
};

static int vm_index(struct nlattr **tb)
{
	size_t i;

	if (!tb[KVM_SHADOW_A_VM_ID])
		return -1;
	for (i = 0; i < ARRAY_SIZE(vms); i++)
		if (vms[i].id == nla_get_u32(tb[KVM_SHADOW_A_VM_ID]))
			return i;
	return -1;
}

/* A profile in two messages, as a dump that filled its first skb. */
static void answer_profile(struct nlattr **tb, int vm, struct fake_replies *r)
{
	const struct fake_profile *p = &vm1_profile;
	bool vcpu = tb[KVM_SHADOW_A_VCPU_ID];
	uint32_t id = vcpu ? nla_get_u32(tb[KVM_SHADOW_A_VCPU_ID]) : 0;
	struct nl_msg *m;
	int i, half;

	if (vcpu && id >= (uint32_t)vms[vm].vcpus) {
		r->err = -ENOENT;
		return;
	}
	if (vcpu)
		p = &vcpu_profiles[id];
	half = p->nr / 2;
	m = fake_msg(KVM_SHADOW_CMD_PROFILE_GET);
	nla_put_u32(m, KVM_SHADOW_A_VM_ID, vms[vm].id);
	if (vcpu) {
		nla_put_u32(m, KVM_SHADOW_A_VCPU_ID, id);
		nla_put_u64(m, KVM_SHADOW_A_VCPU_UNTRACKED, id ? 7 : 0);
	}
	put_sync(m, p->sync);
	nla_put_u64(m, KVM_SHADOW_A_UNKNOWN_VMREAD, p->unknown[0]);
	nla_put_u64(m, KVM_SHADOW_A_UNKNOWN_VMWRITE, p->unknown[1]);
	for (i = 0; i < half; i++)
		put_field(m, &p->fields[i], true);
	fake_reply(r, m);
	m = fake_msg(KVM_SHADOW_CMD_PROFILE_GET);
	nla_put_u32(m, KVM_SHADOW_A_VM_ID, vms[vm].id);
	for (i = half; i < p->nr; i++)
		put_field(m, &p->fields[i], true);
	fake_reply(r, m);
}

static void fake_kernel_answer(const struct nlmsghdr *nlh,
			       struct fake_replies *r)
{
	const struct genlmsghdr *gnlh = nlmsg_data(nlh);
	bool dump = nlh->nlmsg_flags & NLM_F_DUMP;
	struct nlattr *tb[KVM_SHADOW_A_MAX + 1];
	struct nlattr *pos;
	struct nl_msg *m;
	int rem, vm;
	size_t i;

	/* Strict validation: every attribute known, and known here. */
	nla_for_each_attr(pos, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem) {
		if (nla_type(pos) > KVM_SHADOW_A_MAX ||
		    !(kernel_allowed(gnlh->cmd) & A(nla_type(pos)))) {
			r->err = -EINVAL;
			return;
		}
	}
	if (nlh->nlmsg_type != FAKE_FAMILY || rem ||
	    genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, KVM_SHADOW_A_MAX,
			  (struct nla_policy *)kernel_policy)) {
		r->err = -EINVAL;
		return;
	}
	if (gnlh->cmd == KVM_SHADOW_CMD_VM_GET && dump) {
		for (i = 0; i < ARRAY_SIZE(vms); i++) {
			m = fake_msg(gnlh->cmd);
			nla_put_u32(m, KVM_SHADOW_A_VM_ID, vms[i].id);
			nla_put_string(m, KVM_SHADOW_A_VM_NAME, vms[i].name);
			nla_put_u32(m, KVM_SHADOW_A_PID, vms[i].pid);
			nla_put_u32(m, KVM_SHADOW_A_POLICY, vms[i].policy);
			fake_reply(r, m);
		}
		return;
	}
	vm = vm_index(tb);
	if (vm < 0) {
		r->err = -ENOENT;
		return;
	}
	switch (gnlh->cmd) {
	case KVM_SHADOW_CMD_PROFILE_GET:
		if (!dump)
			r->err = -EOPNOTSUPP;
		else
			answer_profile(tb, vm, r);
		return;
	case KVM_SHADOW_CMD_SET_GET:
		m = fake_msg(gnlh->cmd);
		nla_put_u32(m, KVM_SHADOW_A_VM_ID, vms[vm].id);
		nla_put_u32(m, KVM_SHADOW_A_POLICY, vms[vm].policy);
		put_sync(m, vm1_profile.sync);
		for (i = 0; i < ARRAY_SIZE(set_fields); i++)
			put_field(m, &set_fields[i], false);
		fake_reply(r, m);
		return;
	case KVM_SHADOW_CMD_POLICY_GET:
		m = fake_msg(gnlh->cmd);
		nla_put_u32(m, KVM_SHADOW_A_VM_ID, vms[vm].id);
		nla_put_u32(m, KVM_SHADOW_A_POLICY, vms[vm].policy);
		if (vms[vm].policy == KVM_SHADOW_POLICY_KIND_ADAPTIVE) {
			nla_put_u32(m, KVM_SHADOW_A_ADAPT_WINDOW_MS, 100);
			nla_put_u32(m, KVM_SHADOW_A_ADAPT_LEARNED, 12);
			nla_put_u64(m, KVM_SHADOW_A_ADAPT_PROMOTED, 13);
		}
		fake_reply(r, m);
		return;
	case KVM_SHADOW_CMD_POLICY_SET:
		if (!tb[KVM_SHADOW_A_POLICY_TEXT] ||
		    strncmp(nla_get_string(tb[KVM_SHADOW_A_POLICY_TEXT]), "pinned ", 7))
			r->err = -EINVAL;
		return;
	}
	r->err = -EOPNOTSUPP;
}

/* --- monitor's events ------------------------------------------------- */

static struct nl_msg *event(uint32_t source, const char *text, bool adaptive)
{
	struct nl_msg *m = fake_msg(KVM_SHADOW_CMD_POLICY_EVENT);

	nla_put_u32(m, KVM_SHADOW_A_VM_ID, 2);
	nla_put_string(m, KVM_SHADOW_A_VM_NAME, "207-2");
	nla_put_u32(m, KVM_SHADOW_A_PID, 207);
	nla_put_u32(m, KVM_SHADOW_A_POLICY, KVM_SHADOW_POLICY_KIND_ADAPTIVE);
	nla_put_u32(m, KVM_SHADOW_A_EVENT_SOURCE, source);
	if (text)
		nla_put_string(m, KVM_SHADOW_A_POLICY_TEXT, text);
	if (adaptive) {
		nla_put_u32(m, KVM_SHADOW_A_ADAPT_LEARNED, 4);
		nla_put_u64(m, KVM_SHADOW_A_ADAPT_PROMOTED, 5);
		nla_put_u64(m, KVM_SHADOW_A_ADAPT_DEMOTED, 1);
	}
	return m;
}

/* Queue the two events monitor will be given. */
static void queue_events(void)
{
	fake_genl.events[fake_genl.nevents++] =
		event(KVM_SHADOW_SOURCE_DEBUGFS, "adaptive max=4", true);
	fake_genl.events[fake_genl.nevents++] = event(KVM_SHADOW_SOURCE_ADAPTIVE, NULL, true);
}

/* --- running kvmshadowctl ---------------------------------------------- */

/* Run "kvmshadowctl ARGS..." on a fresh fake kernel, events queued. */
static int ctl(const char *arg, ...)
{
	va_list ap;
	int rc;

	fake_genl_reset();
	queue_events();
	va_start(ap, arg);
	rc = capture_main(kvmshadowctl_main, "kvmshadowctl", arg, ap);
	va_end(ap);
	return rc;
}

/* Request @i's command and top-level attributes. */
static uint8_t req_attrs(int i, struct nlattr **tb)
{
	memset(tb, 0, (KVM_SHADOW_A_MAX + 1) * sizeof(*tb));
	if (i >= fake_genl.nreq)
		return 0;
	genlmsg_parse(fake_genl.req[i], 0, tb, KVM_SHADOW_A_MAX, NULL);
	return ((struct genlmsghdr *)nlmsg_data(fake_genl.req[i]))->cmd;
}

/* --- the tests --------------------------------------------------------- */

static void test_vms(void)
{
	ok(ctl("vms", NULL) == 0, "vms: exit 0");
	is_str(run.out,
	       "VM                     ID      PID  POLICY\n"
	       "134-1                   1      134  static\n"
	       "207-2                   2      207  adaptive\n",
	       "vms: one line per VM");
	ctl("-j", "vms", NULL);
	is_str(run.out,
	       cat("[{\"vm\":\"134-1\",\"id\":1,\"pid\":134,\"policy\":\"static\"},",
		   "{\"vm\":\"207-2\",\"id\":2,\"pid\":207,\"policy\":\"adaptive\"}]\n",
		   NULL),
	       "vms -j: an array of VMs");
}

static void test_profile(void)
{
	struct nlattr *tb[KVM_SHADOW_A_MAX + 1];

	ok(ctl("profile", "134-1", "--top", "2", NULL) == 0,
	   "profile: exit 0");
	ok(req_attrs(0, tb) == KVM_SHADOW_CMD_PROFILE_GET &&
	   tb[KVM_SHADOW_A_VM_ID] && nla_get_u32(tb[KVM_SHADOW_A_VM_ID]) == 1 &&
	   !tb[KVM_SHADOW_A_VCPU_ID],
	   "profile: asks for VM 1's, no vCPU");
	is_str(run.out,
	       "sync shadow-to-vmcs12         200 syncs         4600 fields    23.00 per sync\n"
	       "sync vmcs12-to-shadow         201 syncs         6834 fields    34.00 per sync\n"
	       "unknown encodings: vmread 1 vmwrite 2\n"
	       "4 field(s) trapped, the top ones:\n"
	       "FIELD                                ENCODING     VMREAD    VMWRITE  SHADOW\n"
	       "TSC_OFFSET                             0x2010        220        220  -\n"
	       "GUEST_FS_BASE                          0x680e        110        111  -\n",
	       "profile --top 2: both messages' fields, most exits first");

	ok(ctl("profile", "1", "--vcpu", "1", NULL) == 0,
	   "profile --vcpu: exit 0");
	ok(req_attrs(0, tb) == KVM_SHADOW_CMD_PROFILE_GET &&
	   tb[KVM_SHADOW_A_VCPU_ID] && nla_get_u32(tb[KVM_SHADOW_A_VCPU_ID]) == 1,
	   "profile --vcpu 1: asks for vCPU 1");
	is_str(run.out,
	       "vCPU 1\n"
	       "sync shadow-to-vmcs12         110 syncs         2530 fields    23.00 per sync\n"
	       "sync vmcs12-to-shadow         110 syncs         3740 fields    34.00 per sync\n"
	       "untracked exits (no memory for the vCPU's counters): 7\n"
	       "unknown encodings: vmread 0 vmwrite 0\n"
	       "1 field(s) trapped\n"
	       "FIELD                                ENCODING     VMREAD    VMWRITE  SHADOW\n"
	       "HOST_RIP                               0x6c16          0        110  -\n",
	       "profile --vcpu 1: that vCPU's profile");

	ctl("-j", "profile", "1", "--vcpu", "0", "--top", "0", NULL);
	is_str(run.out,
	       cat("{\"id\":1,\"vcpu\":0,\"untracked\":0,",
		   "\"sync\":{\"shadow_to_vmcs12\":{\"syncs\":90,\"fields\":2070},",
		   "\"vmcs12_to_shadow\":{\"syncs\":91,\"fields\":3094}},",
		   "\"unknown\":{\"vmread\":0,\"vmwrite\":0},",
		   "\"trapping_fields\":0,\"fields\":[]}\n", NULL),
	       "profile -j --vcpu 0: a vCPU without exits, in JSON");

	ok(ctl("profile", "1", "--vcpu", "5", NULL) == 1,
	   "profile --vcpu 5: a vCPU the VM lacks fails");
	is_str(run.err,
	       "kvmshadowctl: profile of vCPU 5 of VM 1: No such file or directory\n",
	       "profile --vcpu 5: says which");
}

static void test_bad_arguments(void)
{
	static const char * const bad[][4] = {
		{ "profile", NULL },
		{ "profile", "x", NULL },
		{ "profile", "1", "--vcpu", NULL },
		{ "profile", "1", "--vcpu", "x" },
		{ "profile", "1", "--vcpu", "-1" },
		{ "profile", "1", "--vcpu", "4294967296" },
		{ "profile", "1", "--top", "many" },
		{ "profile", "1", "--color", "auto" },
		{ "set", NULL },
		{ "vms", "all", NULL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		int rc = ctl(bad[i][0], bad[i][1], bad[i][2], bad[i][3], NULL);

		ok(rc == 2 && fake_genl.nreq == 0 && !run.out[0] &&
		   strstr(run.err, "Try 'kvmshadowctl help'."),
		   "usage error, nothing sent: %s %s %s %s", bad[i][0],
		   bad[i][1] ?: "", bad[i][1] && bad[i][2] ? bad[i][2] : "",
		   bad[i][1] && bad[i][2] && bad[i][3] ? bad[i][3] : "");
	}
	ok(ctl("profile", "9", NULL) == 1 &&
	   strstr(run.err, "profile of VM 9: No such file or directory"),
	   "a VM that does not exist: the kernel's ENOENT, named");
}

static void test_set_and_policy(void)
{
	struct nlattr *tb[KVM_SHADOW_A_MAX + 1];

	ok(ctl("set", "134-1", NULL) == 0, "set: exit 0");
	is_str(run.out,
	       "policy static\n"
	       "sync shadow-to-vmcs12         200 syncs         4600 fields    23.00 per sync\n"
	       "sync vmcs12-to-shadow         201 syncs         6834 fields    34.00 per sync\n"
	       "rw GUEST_RIP                            0x681e\n"
	       "ro VM_EXIT_REASON                       0x4402\n",
	       "set: policy, cost, fields");

	ok(ctl("policy", "2", NULL) == 0, "policy: exit 0");
	is_str(run.out, "adaptive window=100 learned=12 promoted=13\n",
	       "policy: the adaptive policy with its figures");

	ok(ctl("policy", "1", "pinned", "static", "GUEST_FS_BASE", NULL) == 0,
	   "policy set: exit 0");
	ok(req_attrs(0, tb) == KVM_SHADOW_CMD_POLICY_SET &&
	   tb[KVM_SHADOW_A_POLICY_TEXT] &&
	   !strcmp(nla_get_string(tb[KVM_SHADOW_A_POLICY_TEXT]),
	   "pinned static GUEST_FS_BASE") &&
	   req_attrs(1, tb) == KVM_SHADOW_CMD_POLICY_GET,
	   "policy set: the words joined as the kernel parses them, then read back");

	ok(ctl("policy", "1", "sometimes", NULL) == 1 && fake_genl.nreq == 1 &&
	   strstr(run.err, "set policy of VM 1: Invalid argument"),
	   "policy refused: the kernel's EINVAL, nothing read back");
}

static void test_monitor(void)
{
	ctl("monitor", NULL);
	is_str(run.out,
	       cat("policy 207-2 adaptive (debugfs): adaptive max=4, learned=4 ",
		   "promoted=5 demoted=1\n",
		   "policy 207-2 adaptive (adaptive): learned=4 promoted=5 demoted=1\n",
		   NULL),
	       "monitor: each event with its source");
	ok(run.rc == 1 && strstr(run.err, "events were lost"),
	   "monitor: an overrun is reported, and the end is a failure");
	ctl("-j", "monitor", NULL);
	is_str(run.out,
	       cat("{\"event\":\"policy\",\"vm\":\"207-2\",\"policy\":\"adaptive\",",
		   "\"source\":\"debugfs\",\"text\":\"adaptive max=4\",\"learned\":4,",
		   "\"promoted\":5,\"demoted\":1}\n",
		   "{\"event\":\"policy\",\"vm\":\"207-2\",\"policy\":\"adaptive\",",
		   "\"source\":\"adaptive\",\"learned\":4,\"promoted\":5,\"demoted\":1}\n",
		   NULL),
	       "monitor -j: one object per event, no text for adaptive's own");
}

int main(void)
{
	/* As the tool names itself in its messages. */
	program_invocation_short_name = "kvmshadowctl";
	test_vms();
	test_profile();
	test_bad_arguments();
	test_set_and_policy();
	test_monitor();
	fake_genl_reset();
	return tap_done();
}
