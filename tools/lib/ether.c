// SPDX-License-Identifier: GPL-2.0
/*
 * Ethernet addresses and VLAN lists; see ether.h.
 *
 * Hand-rolled for the reasons opts.c gives: ether_aton() takes what no
 * user means (no way to tell "1:2:3:4:5:6x" from a typo) and says
 * nothing about why it refused.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compiler.h"
#include "ether.h"

static void __printf(3, 4)
ether_err(const char *what, const char *arg, const char *fmt, ...)
{
	va_list ap;

	if (!what)
		return;
	fprintf(stderr, "%s: invalid %s '%s': ", program_invocation_short_name,
		what, arg);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int parse_mac(const char *what, const char *arg, uint8_t mac[ETH_ALEN])
{
	uint8_t out[ETH_ALEN];
	const char *p = arg;
	int i, d;

	for (i = 0; i < ETH_ALEN; i++) {
		if (i && *p++ != ':')
			goto bad;
		d = hexval(*p++);
		if (d < 0)
			goto bad;
		out[i] = d;
		d = hexval(*p);
		if (d >= 0) {
			out[i] = out[i] << 4 | d;
			p++;
		}
	}
	if (*p)
		goto bad;
	memcpy(mac, out, ETH_ALEN);
	return 0;
bad:
	ether_err(what, arg,
		  "expected six hex octets separated by ':', as in 52:54:00:12:34:56");
	return -EINVAL;
}

int parse_station_mac(const char *what, const char *arg,
		      uint8_t mac[ETH_ALEN])
{
	uint8_t out[ETH_ALEN];
	int ret;

	ret = parse_mac(what, arg, out);
	if (ret)
		return ret;
	if (is_zero_ether_addr(out)) {
		ether_err(what, arg, "all zeros");
		return -ERANGE;
	}
	if (is_multicast_ether_addr(out)) {
		ether_err(what, arg,
			  "a multicast address (the first octet is odd)");
		return -ERANGE;
	}
	memcpy(mac, out, ETH_ALEN);
	return 0;
}

void format_mac(char *buf, const uint8_t mac[ETH_ALEN])
{
	snprintf(buf, MAC_STR_LEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

/*
 * A VID at *pp: decimal digits only.  -EINVAL if there are none; a
 * number too long to be a VID is -ERANGE without overflowing.
 */
static int get_vid(const char **pp, unsigned int *vid)
{
	const char *p = *pp;
	unsigned int v = 0;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++)
		if (v <= VLAN_VID_MAX)
			v = v * 10 + (*p - '0');
	*pp = p;
	*vid = v;
	return v >= VLAN_VID_MIN && v <= VLAN_VID_MAX ? 0 : -ERANGE;
}

/* "VLAN 5000 is not in 1-4094", the VID as the user wrote it. */
static int vid_range_err(const char *what, const char *arg, const char *vid,
			 const char *end)
{
	ether_err(what, arg, "VLAN %.*s is not in %d-%d", (int)(end - vid), vid,
		  VLAN_VID_MIN, VLAN_VID_MAX);
	return -ERANGE;
}

/*
 * Syntax first, then ranges: "0x10" is a typo at the 'x', whatever the
 * "0" before it.
 */
int parse_vlan_list(const char *what, const char *arg, unsigned long *map)
{
	size_t bytes = VLAN_BITMAP_LONGS * sizeof(*map);
	const char *p = arg, *v1, *e1, *v2 = NULL, *e2 = NULL;
	unsigned int first, last, v;
	int r1, r2, ret;

	memset(map, 0, bytes);
	if (!*p) {
		ether_err(what, arg, "empty VLAN list");
		return -EINVAL;
	}
	for (;;) {
		v1 = p;
		r1 = get_vid(&p, &first);
		e1 = p;
		last = first;
		r2 = 0;
		if (r1 != -EINVAL && *p == '-') {
			v2 = ++p;
			r2 = get_vid(&p, &last);
			e2 = p;
		}
		if (r1 == -EINVAL || r2 == -EINVAL) {
			ether_err(what, arg, "expected a VLAN ID at offset %td",
				  p - arg);
			ret = -EINVAL;
			break;
		}
		if (*p && *p != ',') {
			ether_err(what, arg, "unexpected '%c' at offset %td",
				  *p, p - arg);
			ret = -EINVAL;
			break;
		}
		if (r1) {
			ret = vid_range_err(what, arg, v1, e1);
			break;
		}
		if (r2) {
			ret = vid_range_err(what, arg, v2, e2);
			break;
		}
		if (first > last) {
			ether_err(what, arg, "range %u-%u is reversed", first,
				  last);
			ret = -EINVAL;
			break;
		}
		for (v = first; v <= last; v++)
			cpu_set(map, v);
		if (!*p++)
			return 0;
	}
	/* Don't leave a half-parsed list behind. */
	memset(map, 0, bytes);
	return ret;
}

/* The same canonical form as a cpulist's, VID 0 never being set. */
int format_vlan_list(char *buf, size_t size, const unsigned long *map)
{
	return format_cpulist(buf, size, map, VLAN_N_VID);
}
