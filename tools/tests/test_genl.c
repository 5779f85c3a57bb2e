// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for lib/genl.c.
 *
 * The extack decoder is tested on hand-built messages, so every layout
 * (capped or echoed request, NLMSG_DONE, warnings) is covered whatever
 * the host kernel does.  The request loop is then exercised live against
 * the always-present "nlctrl" family; those tests are skipped if this
 * host won't give us a generic netlink socket.
 */
#define _GNU_SOURCE		/* open_memstream */
#include <errno.h>
#include <stdlib.h>

#include <netlink/msg.h>

#include "lib/genl.h"
#include "tap.h"

#define REQ_ATTR_A	1
#define REQ_ATTR_B	2

/* A request with two u32 attributes; *offs_b gets B's offset. */
static struct nl_msg *fake_request(uint32_t *offs_b)
{
	struct nl_msg *req = nlmsg_alloc();

	genlmsg_put(req, 1234, 7, 0x42, 0, NLM_F_ACK, 1, 1);
	nla_put_u32(req, REQ_ATTR_A, 1);
	*offs_b = nlmsg_hdr(req)->nlmsg_len;
	nla_put_u32(req, REQ_ATTR_B, 2);
	return req;
}

/* An NLMSG_ERROR for @req, as the kernel builds it in netlink_ack(). */
static struct nl_msg *fake_error(struct nl_msg *req, int error, bool capped,
				 const char *text, const uint32_t *offs)
{
	const struct nlmsghdr *rh = nlmsg_hdr(req);
	int flags = NLM_F_ACK_TLVS | (capped ? NLM_F_CAPPED : 0);
	struct nl_msg *m = nlmsg_alloc_simple(NLMSG_ERROR, flags);
	struct nlmsgerr e = { .error = error, .msg = *rh };

	nlmsg_append(m, &e, sizeof(e), NLMSG_ALIGNTO);
	if (!capped)
		nlmsg_append(m, nlmsg_data(rh), nlmsg_datalen(rh), NLMSG_ALIGNTO);
	if (text)
		nla_put_string(m, NLMSGERR_ATTR_MSG, text);
	if (offs)
		nla_put_u32(m, NLMSGERR_ATTR_OFFS, *offs);
	return m;
}

static void test_errno(void)
{
	is_int(gnl_errno(0), 0, "gnl_errno(0) is 0");
	is_int(gnl_errno(5), 0, "gnl_errno(positive) is 0");
	is_int(gnl_errno(-NLE_OBJ_NOTFOUND), -ENOENT, "NLE_OBJ_NOTFOUND -> ENOENT");
	is_int(gnl_errno(-NLE_PERM), -EPERM, "NLE_PERM -> EPERM");
	is_int(gnl_errno(-NLE_NOMEM), -ENOMEM, "NLE_NOMEM -> ENOMEM");
	is_int(gnl_errno(-NLE_FAILURE), -EIO, "unmapped -> EIO");
}

static void test_ext_ack(void)
{
	struct gnl_ext_ack ext;
	struct nl_msg *req, *m;
	uint32_t offs;
	int ret;

	req = fake_request(&offs);

	m = fake_error(req, -ERANGE, true, "weight out of range", &offs);
	ret = gnl_parse_ext_ack(nlmsg_hdr(m), nlmsg_hdr(req), &ext);
	is_int(ret, -ERANGE, "capped: error returned");
	is_str(ext.msg, "weight out of range", "capped: message");
	ok(ext.has_offs && ext.offs == offs, "capped: offset %u", offs);
	is_int(ext.attr_type, REQ_ATTR_B, "capped: offending attribute named");
	ok(!ext.has_miss, "capped: no missing attribute");
	nlmsg_free(m);

	m = fake_error(req, -EINVAL, false, "bad", &offs);
	ret = gnl_parse_ext_ack(nlmsg_hdr(m), nlmsg_hdr(req), &ext);
	is_int(ret, -EINVAL, "echoed request: error returned");
	is_str(ext.msg, "bad", "echoed request: TLVs found after the echo");
	is_int(ext.attr_type, REQ_ATTR_B, "echoed request: attribute named");
	nlmsg_free(m);

	m = fake_error(req, -EINVAL, true, NULL, &offs);
	gnl_parse_ext_ack(nlmsg_hdr(m), NULL, &ext);
	ok(!ext.msg[0] && ext.has_offs && ext.attr_type == -1,
	   "offset without message or request: type unknown");
	nlmsg_free(m);

	offs = 4096;
	m = fake_error(req, -EINVAL, true, "x", &offs);
	gnl_parse_ext_ack(nlmsg_hdr(m), nlmsg_hdr(req), &ext);
	is_int(ext.attr_type, -1, "offset past the request is not dereferenced");
	nlmsg_free(m);

	m = fake_error(req, -EINVAL, true, NULL, NULL);
	nla_put_u32(m, NLMSGERR_ATTR_MISS_TYPE, 5);
	gnl_parse_ext_ack(nlmsg_hdr(m), nlmsg_hdr(req), &ext);
	ok(ext.has_miss && ext.miss_type == 5, "missing attribute type");
	nlmsg_free(m);

	m = fake_error(req, 0, true, "deprecated knob", NULL);
	ret = gnl_parse_ext_ack(nlmsg_hdr(m), nlmsg_hdr(req), &ext);
	ok(ret == 0 && !strcmp(ext.msg, "deprecated knob"),
	   "ACK with a warning message");
	nlmsg_free(m);

	/* No NLM_F_ACK_TLVS: whatever follows must be ignored. */
	m = fake_error(req, -EPERM, true, "ignored", NULL);
	nlmsg_hdr(m)->nlmsg_flags &= ~NLM_F_ACK_TLVS;
	ret = gnl_parse_ext_ack(nlmsg_hdr(m), nlmsg_hdr(req), &ext);
	ok(ret == -EPERM && !ext.msg[0], "TLVs ignored without NLM_F_ACK_TLVS");
	nlmsg_free(m);

	/* A dump that fails part way reports in NLMSG_DONE. */
	{
		int err = -ENOBUFS;

		m = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS);
		nlmsg_append(m, &err, sizeof(err), NLMSG_ALIGNTO);
		nla_put_string(m, NLMSGERR_ATTR_MSG, "dump failed");
		ret = gnl_parse_ext_ack(nlmsg_hdr(m), NULL, &ext);
		ok(ret == -ENOBUFS && !strcmp(ext.msg, "dump failed"),
		   "NLMSG_DONE error and message");
		nlmsg_free(m);
	}

	/* Truncated NLMSG_ERROR. */
	m = nlmsg_alloc_simple(NLMSG_ERROR, 0);
	nla_put_u32(m, 1, 0);	/* 8 bytes < sizeof(struct nlmsgerr) */
	is_int(gnl_parse_ext_ack(nlmsg_hdr(m), NULL, &ext), -EBADMSG,
	       "truncated NLMSG_ERROR rejected");
	nlmsg_free(m);

	nlmsg_free(req);
}

struct fam_seen {
	int	count;
	int	nlctrl_id;
};

static int family_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct fam_seen *seen = arg;
	int ret;

	ret = gnl_parse(msg, tb, CTRL_ATTR_MAX, NULL);
	if (ret)
		return ret;
	seen->count++;
	if (tb[CTRL_ATTR_FAMILY_NAME] && tb[CTRL_ATTR_FAMILY_ID] &&
	    !strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), "nlctrl"))
		seen->nlctrl_id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	return 0;
}

static int stop_cb(struct nl_msg *msg, void *arg)
{
	(void)msg;
	++*(int *)arg;
	return 1;
}

static int fail_cb(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return -EPROTO;
}

static void test_live(void)
{
	struct fam_seen seen = { 0 };
	char long_name[64];
	FILE *saved = stderr, *mem;
	char *buf = NULL;
	size_t len;
	struct nl_msg *msg;
	struct gnl *g;
	int ret, n;

	ret = gnl_open(&g, "nlctrl", 2);
	if (ret) {
		tap_skip("live nlctrl tests: gnl_open: %s", strerror(-ret));
		return;
	}
	ok(g->family == GENL_ID_CTRL, "nlctrl resolves to GENL_ID_CTRL");
	g->quiet = true;

	msg = gnl_msg_new(g, CTRL_CMD_GETFAMILY, 0);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	ret = gnl_request(g, msg, family_cb, &seen);
	ok(!ret && seen.count == 1 && seen.nlctrl_id == GENL_ID_CTRL,
	   "do: one reply, then the ACK ends it");

	seen = (struct fam_seen){ 0 };
	msg = gnl_msg_new(g, CTRL_CMD_GETFAMILY, NLM_F_DUMP);
	ret = gnl_request(g, msg, family_cb, &seen);
	ok(!ret && seen.count >= 1 && seen.nlctrl_id == GENL_ID_CTRL,
	   "dump: %d families, NLMSG_DONE ends it", seen.count);

	n = 0;
	msg = gnl_msg_new(g, CTRL_CMD_GETFAMILY, NLM_F_DUMP);
	ret = gnl_request(g, msg, stop_cb, &n);
	ok(!ret && n == 1, "dump: callback stops early, rest drained");

	msg = gnl_msg_new(g, CTRL_CMD_GETFAMILY, NLM_F_DUMP);
	ret = gnl_request(g, msg, fail_cb, NULL);
	is_int(ret, -EPROTO, "dump: callback error is returned");

	seen = (struct fam_seen){ 0 };
	msg = gnl_msg_new(g, CTRL_CMD_GETFAMILY, 0);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	ret = gnl_request(g, msg, family_cb, &seen);
	ok(!ret && seen.count == 1, "socket still in sync after early stops");

	msg = gnl_msg_new(g, CTRL_CMD_GETFAMILY, 0);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nosuchfamily");
	is_int(gnl_request(g, msg, NULL, NULL), -ENOENT,
	       "do: kernel errno returned as-is");

	/* Too long for the policy: the kernel points at the attribute. */
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	msg = gnl_msg_new(g, CTRL_CMD_GETFAMILY, 0);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, long_name);
	g->quiet = false;
	mem = open_memstream(&buf, &len);
	stderr = mem;
	ret = gnl_request(g, msg, NULL, NULL);
	stderr = saved;
	fclose(mem);
	g->quiet = true;
	ok(ret < 0, "policy violation fails (%d)", ret);
	if (g->ext.msg[0]) {
		ok(g->ext.has_offs && g->ext.attr_type == CTRL_ATTR_FAMILY_NAME,
		   "extack names the offending attribute (type %d)",
		   g->ext.attr_type);
		ok(buf && strstr(buf, "kernel error: ") &&
		   strstr(buf, g->ext.msg) &&
		   strstr(buf, "(attribute type 2 at offset"),
		   "extack printed with attribute");
		printf("#   %s", buf ? buf : "(nothing)\n");
	} else {
		tap_skip("host kernel sent no extack message");
		tap_skip("host kernel sent no extack message");
	}
	free(buf);

	ok(!gnl_subscribe(g, "notify"), "subscribe to nlctrl 'notify'");
	is_int(gnl_subscribe(g, "no-such-group"), -ENOENT,
	       "subscribe to a missing group");
	gnl_close(g);

	buf = NULL;
	mem = open_memstream(&buf, &len);
	stderr = mem;
	ret = gnl_open(&g, "nosuchfamily", 1);
	stderr = saved;
	fclose(mem);
	ok(ret == -ENOENT && !g, "missing family: -ENOENT");
	ok(buf && strstr(buf, "family 'nosuchfamily' not found: is the module loaded?"),
	   "missing family: hint printed");
	free(buf);

	is_int(gnl_open(&g, "this-name-is-longer-than-GENL_NAMSIZ", 1),
	       -ENAMETOOLONG, "over-long family name");
}

int main(void)
{
	test_errno();
	test_ext_ack();
	test_live();
	return tap_done();
}
