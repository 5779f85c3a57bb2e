// SPDX-License-Identifier: GPL-2.0
/*
 * The unbound workqueues' CPUs (/sys/devices/virtual/workqueue/cpumask):
 * work the kernel queues on no CPU in particular (writeback, crypto,
 * most of the kernel's deferred work) must not land on a dedicated
 * slice's CPUs, whose time is its tenant's. The kernel keeps that mask
 * in workqueue_set_unbound_cpumask(), which modules cannot call, and in
 * the file above: it is policy, set here as a slice's CPUs come and go.
 *
 * Only the CPUs a change concerns move: CPUs an administrator took out
 * of the mask for reasons of their own stay out.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/opts.h"
#include "cgroup.h"
#include "lparctl.h"

#define WQ_CPUMASK	"/sys/devices/virtual/workqueue/cpumask"

/* A mask as the kernel prints it ("ff,ffffffff") into @map. */
static int parse_mask(const char *s, unsigned long *map)
{
	size_t len = strcspn(s, "\n");
	unsigned int bit = 0;
	int v;

	memset(map, 0, CPU_BITMAP_LONGS(LIST_BITS) * sizeof(*map));
	while (len--) {
		if (s[len] == ',')
			continue;
		if (!isxdigit((unsigned char)s[len]))
			return -EINVAL;
		v = isdigit((unsigned char)s[len]) ? s[len] - '0' :
			tolower((unsigned char)s[len]) - 'a' + 10;
		for (int i = 0; i < 4; i++, bit++)
			if ((v >> i) & 1) {
				if (bit >= LIST_BITS)
					return -ERANGE;
				cpu_set(map, bit);
			}
	}
	return 0;
}

/* @map as the kernel parses a mask: hex, in 32-bit groups from the top. */
static void format_mask(char *buf, size_t size, const unsigned long *map)
{
	unsigned int top = 0, word, i;
	size_t n = 0;

	for (i = 0; i < LIST_BITS; i++)
		if (cpu_test(map, i))
			top = i;
	for (word = top / 32 + 1; word-- > 0;) {
		uint32_t v = 0;

		for (i = 0; i < 32; i++)
			if (cpu_test(map, word * 32 + i))
				v |= 1u << i;
		n += snprintf(buf + n, size - n, n ? ",%08x" : "%x", v);
		if (n >= size)
			return;
	}
}

/*
 * Take the CPUs of @exclude (a cpulist, or NULL) out of the unbound
 * workqueues' mask and give those of @include back, in one write.
 * A kernel without the file has nothing to keep apart: not an error.
 */
int wq_update(const char *exclude, const char *include)
{
	unsigned long mask[CPU_BITMAP_LONGS(LIST_BITS)];
	unsigned long ex[CPU_BITMAP_LONGS(LIST_BITS)] = { 0 };
	unsigned long in[CPU_BITMAP_LONGS(LIST_BITS)] = { 0 };
	static char now[CG_VALUE_MAX], next[CG_VALUE_MAX];
	bool empty = true;
	size_t i;
	int ret;

	if (access(WQ_CPUMASK, F_OK))
		return 0;
	ret = cg_read(WQ_CPUMASK, now, sizeof(now));
	if (ret)
		return ret;
	if (parse_mask(now, mask) ||
	    (exclude && parse_cpulist(NULL, exclude, ex, LIST_BITS)) ||
	    (include && parse_cpulist(NULL, include, in, LIST_BITS))) {
		fprintf(stderr, "%s: cannot parse the workqueue mask '%s'\n",
			program_invocation_short_name, now);
		return -EINVAL;
	}
	for (i = 0; i < CPU_BITMAP_LONGS(LIST_BITS); i++) {
		mask[i] = (mask[i] | in[i]) & ~ex[i];
		empty &= !mask[i];
	}
	if (empty) {
		fprintf(stderr,
			"%s: %s would leave unbound workqueues no CPU: left as it is\n",
			program_invocation_short_name, WQ_CPUMASK);
		return -EINVAL;
	}
	format_mask(next, sizeof(next), mask);
	now[strcspn(now, "\n")] = '\0';
	if (!strcmp(next, now))
		return 0;
	ret = cg_write(WQ_CPUMASK, next);
	return ret < 0 ? ret : 0;
}

struct slice_cpus {
	char		*cpus;
	size_t		size;
	uint32_t	mode;
	bool		found;
};

static int slice_cpus_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[LPAR_A_MAX + 1];
	struct slice_cpus *sc = arg;
	int ret;

	ret = gnl_parse(msg, tb, LPAR_A_MAX, lpar_policy);
	if (ret)
		return ret;
	if (lpar_msg_cmd(msg) != LPAR_CMD_SLICE_GET)
		return 0;
	if (!tb[LPAR_A_SLICE_CPUS] || !tb[LPAR_A_SLICE_MODE])
		return -EBADMSG;
	snprintf(sc->cpus, sc->size, "%s", nla_get_string(tb[LPAR_A_SLICE_CPUS]));
	sc->mode = nla_get_u32(tb[LPAR_A_SLICE_MODE]);
	sc->found = true;
	return 0;
}

/*
 * The CPUs of slice @name, if it is dedicated (else ""), into @cpus:
 * those to keep unbound work off. Errors are said.
 */
int wq_slice_cpus(const char *name, char *cpus, size_t size)
{
	struct slice_cpus sc = { .cpus = cpus, .size = size };
	struct nl_msg *msg;
	struct gnl *g;
	int ret;

	if (lpar_open(&g))
		return -EIO;
	msg = gnl_msg_new(g, LPAR_CMD_SLICE_GET, 0);
	if (!msg || nla_put_string(msg, LPAR_A_SLICE_NAME, name)) {
		if (msg)
			nlmsg_free(msg);
		gnl_close(g);
		fail(-ENOMEM, "get slice '%s'", name);
		return -ENOMEM;
	}
	ret = gnl_request(g, msg, slice_cpus_cb, &sc);
	gnl_close(g);
	if (!ret && !sc.found)
		ret = -EBADMSG;
	if (ret) {
		fail(ret, "get slice '%s'", name);
		return ret;
	}
	if (sc.mode != LPAR_MODE_DEDICATED)
		cpus[0] = '\0';
	return 0;
}
