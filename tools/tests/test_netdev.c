// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for lib/netdev.c: which names could name a device, the
 * messages for those that can't and for those nothing answers to, and a
 * lookup both ways of the one device every namespace has, "lo".
 */
#define _GNU_SOURCE		/* open_memstream */
#include <errno.h>
#include <stdlib.h>

#include "lib/netdev.h"
#include "tap.h"

/* What a call said on stderr; valid until the next call. */
static char said[256];

static int index_said(const char *name, unsigned int *ifindex)
{
	FILE *saved = stderr, *mem;
	char *buf = NULL;
	size_t len;
	int ret;

	mem = open_memstream(&buf, &len);
	stderr = mem;
	ret = netdev_index("switch", name, ifindex);
	stderr = saved;
	fclose(mem);
	snprintf(said, sizeof(said), "%s", buf ? buf : "");
	free(buf);
	return ret;
}

static void test_names(void)
{
	static const char * const good[] = {
		"eth0", "vmq0", "a", "123456789012345", "v-m_q.0", "..a", "é",
	};
	static const char * const bad[] = {
		"", ".", "..", "1234567890123456", "a/b", "vmq0:1", "a b",
		"a\tb", "a\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		is_int(check_ifname(NULL, good[i]), 0, "'%s' could be a device",
		       good[i]);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		is_int(check_ifname(NULL, bad[i]), -EINVAL,
		       "'%s' could not", bad[i]);
}

static void test_lookup(void)
{
	unsigned int ifindex = 0;
	char buf[IFNAMSIZ];
	int ret;

	ret = index_said("lo", &ifindex);
	if (ret) {
		tap_skip("this host has no 'lo' here: %s", strerror(-ret));
	} else {
		ok(ifindex > 0, "lo has ifindex %u", ifindex);
		is_str(netdev_name(ifindex, buf), "lo", "and back to its name");
	}
	ok(!netdev_name(0, buf), "ifindex 0 names nothing");

	ifindex = 12345;
	is_int(index_said("vmqnosuch0", &ifindex), -ENODEV,
	       "a device that isn't there");
	is_str(said,
	       "test_netdev: switch 'vmqnosuch0': no such network device in this namespace\n",
	       "says where it looked");
	is_int(ifindex, 12345, "and leaves the index alone");

	is_int(index_said("a:b", &ifindex), -EINVAL, "a name that can't be");
	is_str(said,
	       "test_netdev: invalid switch 'a:b': no '/', ':' or white space allowed\n",
	       "says why");
	index_said("1234567890123456", &ifindex);
	is_str(said,
	       "test_netdev: invalid switch '1234567890123456': longer than 15 characters\n",
	       "too long");
	index_said("", &ifindex);
	is_str(said, "test_netdev: invalid switch '': empty\n", "empty");
}

int main(void)
{
	test_names();
	test_lookup();
	return tap_done();
}
