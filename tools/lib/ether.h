/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ethernet addresses and VLAN IDs on the command line and in output.
 *
 * Parsers follow opts.h: 0 or a negative errno, -EINVAL for malformed
 * input, -ERANGE for well-formed input that is not allowed; with @what
 * not NULL they print "<prog>: invalid <what> '<arg>': <reason>".
 */
#ifndef TOOLS_LIB_ETHER_H
#define TOOLS_LIB_ETHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/if_ether.h>

#include "opts.h"

/* "xx:xx:xx:xx:xx:xx" and its NUL. */
#define MAC_STR_LEN		(3 * ETH_ALEN)

/* 802.1Q reserves VID 0 (priority tag) and 4095. */
#define VLAN_N_VID		4096
#define VLAN_VID_MIN		1
#define VLAN_VID_MAX		4094
#define VLAN_BITMAP_LONGS	CPU_BITMAP_LONGS(VLAN_N_VID)

/*
 * Longest format_vlan_list() result with its NUL: pairs with one VID
 * between them, "1-2,4-5,...,4093-4094", spend the most characters.
 */
#define VLAN_LIST_STR_MAX	12912

/* The kernel's etherdevice.h tests, under the same names. */
static inline bool is_zero_ether_addr(const uint8_t *addr)
{
	return !(addr[0] | addr[1] | addr[2] | addr[3] | addr[4] | addr[5]);
}

static inline bool is_multicast_ether_addr(const uint8_t *addr)
{
	return addr[0] & 0x01;
}

/* An address a station may own: neither a group address nor zero. */
static inline bool is_valid_ether_addr(const uint8_t *addr)
{
	return !is_multicast_ether_addr(addr) && !is_zero_ether_addr(addr);
}

/*
 * Six octets of one or two hex digits separated by ':', as iproute2
 * takes them: "52:54:00:12:34:56", "2:0:0:0:0:1".
 */
int parse_mac(const char *what, const char *arg, uint8_t mac[ETH_ALEN]);

/* parse_mac(), then -ERANGE unless is_valid_ether_addr(). */
int parse_station_mac(const char *what, const char *arg,
		      uint8_t mac[ETH_ALEN]);

/* Lower-case "52:54:00:12:34:56" into @buf of MAC_STR_LEN bytes. */
void format_mac(char *buf, const uint8_t mac[ETH_ALEN]);

/*
 * A list of VLAN IDs, "10,20-30": IDs and ranges separated by commas,
 * each ID in VLAN_VID_MIN..VLAN_VID_MAX, into @map of VLAN_BITMAP_LONGS
 * longs.  No strides and no empty list, unlike a cpulist: a tool asked
 * for VLANs, and "none" is the caller's word to define.
 */
int parse_vlan_list(const char *what, const char *arg, unsigned long *map);

/*
 * Format @map as a canonical list ("10,20-30"; "" if empty).  Returns
 * the length needed, like snprintf(); never more than
 * VLAN_LIST_STR_MAX - 1.
 */
int format_vlan_list(char *buf, size_t size, const unsigned long *map);

#endif /* TOOLS_LIB_ETHER_H */
