// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink plumbing over libnl-genl-3; conventions in genl.h.
 *
 * We install our own callbacks for every message kind that ends a
 * request (ACK, error, NLMSG_DONE) rather than relying on libnl's
 * defaults, because the defaults throw away the extended ACK and turn
 * kernel errnos into NLE_* codes that no caller wants to see.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/msg.h>

#include "compiler.h"
#include "genl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/* Big enough that a burst of events doesn't overrun a slow listener. */
#define GNL_LISTEN_RCVBUF	BIT(20)

struct gnl_req {
	struct gnl		*g;
	const struct nlmsghdr	*req;	/* kept to name the offending attr */
	uint32_t		seq;
	uint32_t		port;
	gnl_msg_cb_t		cb;
	void			*arg;
	int			err;	/* first error wins */
	bool			stop;	/* cb is done; drain the rest */
	bool			intr;	/* NLM_F_DUMP_INTR seen */
	bool			done;
};

/* Inverse of libnl's nl_syserr2nlerr(), as far as it is invertible. */
static const struct {
	int nle;
	int err;
} nle_map[] = {
	{ NLE_INTR,		EINTR },
	{ NLE_BAD_SOCK,		EBADF },
	{ NLE_AGAIN,		EAGAIN },
	{ NLE_NOMEM,		ENOMEM },
	{ NLE_EXIST,		EEXIST },
	{ NLE_INVAL,		EINVAL },
	{ NLE_RANGE,		ERANGE },
	{ NLE_MSGSIZE,		EMSGSIZE },
	{ NLE_OPNOTSUPP,	EOPNOTSUPP },
	{ NLE_AF_NOSUPPORT,	EAFNOSUPPORT },
	{ NLE_OBJ_NOTFOUND,	ENOENT },
	{ NLE_NOATTR,		ENOENT },
	{ NLE_MISSING_ATTR,	EINVAL },
	{ NLE_MSG_OVERFLOW,	EOVERFLOW },
	{ NLE_MSG_TRUNC,	EBADMSG },
	{ NLE_MSG_TOOSHORT,	EBADMSG },
	{ NLE_NOADDR,		EADDRNOTAVAIL },
	{ NLE_BUSY,		EBUSY },
	{ NLE_PROTO_MISMATCH,	EPROTONOSUPPORT },
	{ NLE_NOACCESS,		EACCES },
	{ NLE_PERM,		EPERM },
	{ NLE_NODEV,		ENODEV },
	{ NLE_DUMP_INTR,	EAGAIN },
	{ NLE_ATTRSIZE,		EINVAL },
};

int gnl_errno(int nlerr)
{
	size_t i;

	if (nlerr >= 0)
		return 0;
	for (i = 0; i < ARRAY_SIZE(nle_map); i++)
		if (nle_map[i].nle == -nlerr)
			return -nle_map[i].err;
	return -EIO;
}

int gnl_parse_ext_ack(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		      struct gnl_ext_ack *ext)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const char *data = NLMSG_DATA(nlh);
	size_t len, hlen;
	int error;

	memset(ext, 0, sizeof(*ext));
	ext->attr_type = -1;

	if (nlh->nlmsg_len < NLMSG_HDRLEN)
		return ext->error = -EBADMSG;
	len = nlh->nlmsg_len - NLMSG_HDRLEN;

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		struct nlmsgerr e;

		if (len < sizeof(e))
			return ext->error = -EBADMSG;
		memcpy(&e, data, sizeof(e));
		error = e.error;
		hlen = sizeof(e);
		/* Unless capped, the kernel echoes our request back first. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    e.msg.nlmsg_len > NLMSG_HDRLEN)
			hlen += NLMSG_ALIGN(e.msg.nlmsg_len - NLMSG_HDRLEN);
	} else if (nlh->nlmsg_type == NLMSG_DONE) {
		/* A failing dump reports its errno in the DONE payload. */
		if (len < sizeof(error))
			return ext->error = 0;
		memcpy(&error, data, sizeof(error));
		hlen = sizeof(error);
	} else {
		return ext->error = -EINVAL;
	}

	/* The kernel always sends -errno; be lenient with odd senders. */
	ext->error = error > 0 ? -error : error;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || hlen >= len)
		return ext->error;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)(data + hlen),
		      len - hlen, NULL) < 0)
		return ext->error;

	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(ext->msg, tb[NLMSGERR_ATTR_MSG], sizeof(ext->msg));
	if (tb[NLMSGERR_ATTR_OFFS] &&
	    nla_len(tb[NLMSGERR_ATTR_OFFS]) >= (int)sizeof(uint32_t)) {
		ext->has_offs = true;
		ext->offs = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	}
	if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
	    nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= (int)sizeof(uint32_t)) {
		ext->has_miss = true;
		ext->miss_type = nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
	}

	/*
	 * The offset is into the request we sent; a bare byte offset means
	 * nothing to a user, the attribute type at least names the field.
	 */
	if (ext->has_offs && req && ext->offs >= NLMSG_HDRLEN &&
	    (size_t)ext->offs + NLA_HDRLEN <= req->nlmsg_len) {
		struct nlattr nla;

		memcpy(&nla, (const char *)req + ext->offs, sizeof(nla));
		ext->attr_type = nla.nla_type & NLA_TYPE_MASK;
	}
	return ext->error;
}

static void gnl_report(const struct gnl *g, const struct gnl_ext_ack *ext)
{
	char detail[96] = "";
	size_t n = 0;

	if (g->quiet)
		return;
	/* A plain errno is for the caller to print with strerror(). */
	if (!ext->msg[0] && !ext->has_offs && !ext->has_miss)
		return;

	if (ext->has_offs && ext->attr_type >= 0)
		n += snprintf(detail + n, sizeof(detail) - n,
			      "attribute type %d at offset %u",
			      ext->attr_type, ext->offs);
	else if (ext->has_offs)
		n += snprintf(detail + n, sizeof(detail) - n,
			      "attribute at offset %u", ext->offs);
	if (ext->has_miss && n < sizeof(detail))
		snprintf(detail + n, sizeof(detail) - n,
			 "%smissing attribute type %u", n ? ", " : "",
			 ext->miss_type);

	fprintf(stderr, "%s: kernel %s: %s%s%s%s\n",
		program_invocation_short_name,
		ext->error ? "error" : "warning",
		ext->msg[0] ? ext->msg : "invalid request",
		detail[0] ? " (" : "", detail, detail[0] ? ")" : "");
}

/* Replies carry our port and the request's seq; skip anything else. */
static int gnl_seq_check(struct nl_msg *msg, void *arg)
{
	const struct gnl_req *r = arg;
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (nlh->nlmsg_seq != r->seq || nlh->nlmsg_pid != r->port)
		return NL_SKIP;
	return NL_OK;
}

static int gnl_valid(struct nl_msg *msg, void *arg)
{
	struct gnl_req *r = arg;
	int ret;

	if (r->stop || r->err || !r->cb ||
	    nlmsg_hdr(msg)->nlmsg_type != r->g->family)
		return NL_OK;

	ret = r->cb(msg, r->arg);
	if (ret < 0)
		r->err = ret;
	else if (ret > 0)
		r->stop = true;
	/* Keep reading either way: unread parts would poison the socket. */
	return NL_OK;
}

static void gnl_end(struct gnl_req *r, const struct nlmsghdr *nlh)
{
	struct gnl *g = r->g;
	int error;

	error = gnl_parse_ext_ack(nlh, r->req, &g->ext);
	gnl_report(g, &g->ext);
	if (error < 0 && !r->err)
		r->err = error;
	r->done = true;
}

/* ACK with error == 0, possibly carrying an extack warning. */
static int gnl_ack(struct nl_msg *msg, void *arg)
{
	gnl_end(arg, nlmsg_hdr(msg));
	return NL_STOP;
}

static int gnl_finish(struct nl_msg *msg, void *arg)
{
	gnl_end(arg, nlmsg_hdr(msg));
	return NL_STOP;
}

static int gnl_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	/* libnl hands us the payload; the header sits right before it. */
	const struct nlmsghdr *nlh =
		(const void *)((const char *)e - NLMSG_HDRLEN);

	(void)nla;
	gnl_end(arg, nlh);
	return NL_STOP;
}

static int gnl_dump_intr(struct nl_msg *msg, void *arg)
{
	struct gnl_req *r = arg;

	(void)msg;
	r->intr = true;
	return NL_OK;
}

int gnl_open(struct gnl **gp, const char *family, uint8_t version)
{
	struct gnl *g;
	int one = 1;
	int ret;

	*gp = NULL;
	if (strlen(family) >= GENL_NAMSIZ)
		return -ENAMETOOLONG;

	g = calloc(1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	strcpy(g->name, family);
	g->version = version;

	g->sk = nl_socket_alloc();
	if (!g->sk) {
		ret = -ENOMEM;
		goto err;
	}
	ret = genl_connect(g->sk);
	if (ret < 0) {
		ret = gnl_errno(ret);
		goto err;
	}
	/* Dumps can exceed a page per datagram; let libnl size the buffer. */
	nl_socket_enable_msg_peek(g->sk);

	/*
	 * Ask for the kernel's explanation of errors.  Capping the ACK stops
	 * it echoing our request back: we still have it, and it may be big.
	 * Both are best effort; old kernels just say less.
	 */
	setsockopt(nl_socket_get_fd(g->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(g->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));

	ret = genl_ctrl_resolve(g->sk, family);
	if (ret < 0) {
		ret = gnl_errno(ret);
		if (ret == -ENOENT)
			fprintf(stderr,
				"%s: family '%s' not found: is the module loaded?\n",
				program_invocation_short_name, family);
		goto err;
	}
	g->family = ret;
	*gp = g;
	return 0;
err:
	gnl_close(g);
	return ret;
}

void gnl_close(struct gnl *g)
{
	if (!g)
		return;
	nl_socket_free(g->sk);
	free(g);
}

struct nl_msg *gnl_msg_new(struct gnl *g, uint8_t cmd, int flags)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc();
	if (!msg)
		return NULL;
	/* Always ACK a do: it's the only reliable end marker. */
	if (!(flags & NLM_F_DUMP))
		flags |= NLM_F_ACK;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0, flags,
			 cmd, g->version)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int gnl_request(struct gnl *g, struct nl_msg *msg, gnl_msg_cb_t cb, void *arg)
{
	struct gnl_req r = {
		.g	= g,
		.cb	= cb,
		.arg	= arg,
	};
	struct nl_cb *nlcb;
	int ret;

	memset(&g->ext, 0, sizeof(g->ext));
	g->ext.attr_type = -1;

	nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nlcb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_set(nlcb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, gnl_seq_check, &r);
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, gnl_valid, &r);
	nl_cb_set(nlcb, NL_CB_ACK, NL_CB_CUSTOM, gnl_ack, &r);
	nl_cb_set(nlcb, NL_CB_FINISH, NL_CB_CUSTOM, gnl_finish, &r);
	nl_cb_set(nlcb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, gnl_dump_intr, &r);
	nl_cb_err(nlcb, NL_CB_CUSTOM, gnl_error, &r);

	ret = nl_send_auto(g->sk, msg);
	if (ret < 0) {
		r.err = gnl_errno(ret);
		goto out;
	}
	r.req = nlmsg_hdr(msg);
	r.seq = r.req->nlmsg_seq;
	r.port = nl_socket_get_local_port(g->sk);

	while (!r.done) {
		ret = nl_recvmsgs(g->sk, nlcb);
		if (ret < 0 && !r.done) {
			if (!r.err)
				r.err = gnl_errno(ret);
			break;
		}
	}

	if (r.intr && !r.err) {
		if (!g->quiet)
			fprintf(stderr,
				"%s: dump interrupted by a concurrent change, try again\n",
				program_invocation_short_name);
		r.err = -EAGAIN;
	}
out:
	nl_cb_put(nlcb);
	nlmsg_free(msg);
	return r.err;
}

int gnl_parse(struct nl_msg *msg, struct nlattr **tb, int maxtype,
	      const struct nla_policy *policy)
{
	return gnl_errno(genlmsg_parse(nlmsg_hdr(msg), 0, tb, maxtype, policy));
}

int gnl_subscribe(struct gnl *g, const char *group)
{
	int ret;

	ret = genl_ctrl_resolve_grp(g->sk, g->name, group);
	if (ret < 0) {
		ret = gnl_errno(ret);
		if (ret == -ENOENT && !g->quiet)
			fprintf(stderr,
				"%s: family '%s' has no multicast group '%s'\n",
				program_invocation_short_name, g->name, group);
		return ret;
	}
	ret = nl_socket_add_membership(g->sk, ret);
	if (ret < 0)
		return gnl_errno(ret);
	/* Failure only means a smaller buffer and earlier ENOBUFS. */
	nl_socket_set_buffer_size(g->sk, GNL_LISTEN_RCVBUF, 0);
	return 0;
}

struct gnl_listen_ctx {
	struct gnl	*g;
	gnl_msg_cb_t	cb;
	void		*arg;
	int		ret;
};

/* Notifications are unsolicited: any seq and port are fine. */
static int gnl_listen_seq(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static int gnl_listen_valid(struct nl_msg *msg, void *arg)
{
	struct gnl_listen_ctx *l = arg;

	if (nlmsg_hdr(msg)->nlmsg_type != l->g->family)
		return NL_OK;
	l->ret = l->cb(msg, l->arg);
	return l->ret ? NL_STOP : NL_OK;
}

int gnl_listen(struct gnl *g, gnl_msg_cb_t cb, void *arg)
{
	struct gnl_listen_ctx l = { .g = g, .cb = cb, .arg = arg };
	struct nl_cb *nlcb;
	int ret;

	nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nlcb)
		return -ENOMEM;
	nl_cb_set(nlcb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, gnl_listen_seq, NULL);
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, gnl_listen_valid, &l);

	while (!l.ret) {
		ret = nl_recvmsgs(g->sk, nlcb);
		if (ret < 0 && !l.ret) {
			/*
			 * libnl folds ENOBUFS into NLE_NOMEM.  On a listening
			 * socket that is the kernel saying events were lost,
			 * which the caller may want to tell apart.
			 */
			l.ret = ret == -NLE_NOMEM ? -ENOBUFS : gnl_errno(ret);
			break;
		}
	}
	nl_cb_put(nlcb);
	return l.ret < 0 ? l.ret : 0;
}
