// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for lib/ether.c: MAC addresses in and out, the station
 * address checks, and VLAN lists, checked through format_vlan_list() so
 * each case reads as text.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdlib.h>

#include "lib/ether.h"
#include "tap.h"

static void mac_ok(const char *arg, const char *exp)
{
	uint8_t mac[ETH_ALEN];
	char buf[MAC_STR_LEN];
	int ret;

	ret = parse_mac(NULL, arg, mac);
	if (!ret)
		format_mac(buf, mac);
	ok(!ret && !strcmp(buf, exp), "mac '%s' -> %s", arg, exp);
}

static void mac_bad(const char *arg)
{
	uint8_t mac[ETH_ALEN] = { 1, 2, 3, 4, 5, 6 };

	ok(parse_mac(NULL, arg, mac) == -EINVAL && mac[0] == 1 && mac[5] == 6,
	   "mac '%s' -> EINVAL, output untouched", arg);
}

static void test_mac(void)
{
	uint8_t mac[ETH_ALEN];

	mac_ok("52:54:00:12:34:56", "52:54:00:12:34:56");
	mac_ok("52:54:00:AB:cd:Ef", "52:54:00:ab:cd:ef");
	mac_ok("2:0:0:0:0:1", "02:00:00:00:00:01");
	mac_ok("ff:ff:ff:ff:ff:ff", "ff:ff:ff:ff:ff:ff");
	mac_ok("00:00:00:00:00:00", "00:00:00:00:00:00");
	mac_bad("");
	mac_bad("52:54:00:12:34");
	mac_bad("52:54:00:12:34:56:78");
	mac_bad("52:54:00:12:34:56:");
	mac_bad("52-54-00-12-34-56");
	mac_bad("525400123456");
	mac_bad("52:54:00:12:34:567");
	mac_bad("52:54:00:12:34:5g");
	mac_bad("52::00:12:34:56");
	mac_bad(" 52:54:00:12:34:56");
	mac_bad("0x52:54:00:12:34:56");

	ok(!parse_station_mac(NULL, "52:54:00:12:34:56", mac) &&
	   mac[0] == 0x52 && mac[5] == 0x56, "a station address");
	is_int(parse_station_mac(NULL, "00:00:00:00:00:00", mac), -ERANGE,
	       "all zeros is no station address");
	is_int(parse_station_mac(NULL, "01:00:5e:00:00:01", mac), -ERANGE,
	       "a multicast address is none");
	is_int(parse_station_mac(NULL, "ff:ff:ff:ff:ff:ff", mac), -ERANGE,
	       "nor is broadcast");
	is_int(parse_station_mac(NULL, "52:54", mac), -EINVAL,
	       "malformed stays EINVAL");
	ok(!parse_station_mac(NULL, "02:00:00:00:00:00", mac),
	   "a locally administered address is one");

	ok(is_valid_ether_addr((const uint8_t[]){ 2, 0, 0, 0, 0, 1 }),
	   "is_valid_ether_addr: unicast");
	ok(!is_valid_ether_addr((const uint8_t[]){ 3, 0, 0, 0, 0, 1 }),
	   "is_valid_ether_addr: group bit");
	ok(is_zero_ether_addr((const uint8_t[]){ 0, 0, 0, 0, 0, 0 }) &&
	   !is_zero_ether_addr((const uint8_t[]){ 0, 0, 0, 0, 0, 1 }),
	   "is_zero_ether_addr");
}

static void vlans_ok(const char *arg, const char *exp)
{
	unsigned long map[VLAN_BITMAP_LONGS];
	char buf[64] = "";
	int ret;

	ret = parse_vlan_list(NULL, arg, map);
	if (!ret)
		format_vlan_list(buf, sizeof(buf), map);
	ok(!ret && !strcmp(buf, exp), "vlans '%s' -> '%s'", arg, exp);
	if (ret || strcmp(buf, exp))
		printf("#   got %d, '%s'\n", ret, buf);
}

static void vlans_bad(const char *arg, int exp)
{
	unsigned long map[VLAN_BITMAP_LONGS];
	unsigned long zero[VLAN_BITMAP_LONGS] = { 0 };
	int ret;

	ret = parse_vlan_list(NULL, arg, map);
	ok(ret == exp && !memcmp(map, zero, sizeof(map)),
	   "vlans '%s' -> %s, map cleared", arg,
	   exp == -EINVAL ? "EINVAL" : "ERANGE");
	if (ret != exp)
		printf("#   got %d\n", ret);
}

/* What a parser said on stderr, without the program name. */
static const char *vlans_message(const char *arg)
{
	static char text[256];
	unsigned long map[VLAN_BITMAP_LONGS];
	FILE *saved = stderr, *mem;
	char *buf = NULL;
	size_t len;

	mem = open_memstream(&buf, &len);
	stderr = mem;
	parse_vlan_list("trunk", arg, map);
	stderr = saved;
	fclose(mem);
	snprintf(text, sizeof(text), "%s", buf ? buf : "");
	free(buf);
	return text;
}

static void test_vlans(void)
{
	unsigned long map[VLAN_BITMAP_LONGS];
	char *buf;
	int v, len;

	vlans_ok("10", "10");
	vlans_ok("10,20-30", "10,20-30");
	vlans_ok("30,20-29,10", "10,20-30");
	vlans_ok("1-4094", "1-4094");
	vlans_ok("4094,1", "1,4094");
	vlans_ok("5,5,5-5", "5");
	vlans_ok("010", "10");
	vlans_ok("7-8", "7-8");
	vlans_bad("", -EINVAL);
	vlans_bad("0", -ERANGE);
	vlans_bad("4095", -ERANGE);
	vlans_bad("10,4095", -ERANGE);
	vlans_bad("1-4095", -ERANGE);
	vlans_bad("0-10", -ERANGE);
	vlans_bad("99999999999999999999999", -ERANGE);
	vlans_bad("20-10", -EINVAL);
	vlans_bad("10,", -EINVAL);
	vlans_bad(",10", -EINVAL);
	vlans_bad("10,,20", -EINVAL);
	vlans_bad("10-", -EINVAL);
	vlans_bad("-10", -EINVAL);
	vlans_bad("10 20", -EINVAL);
	vlans_bad("10-20:2/4", -EINVAL);
	vlans_bad("0x10", -EINVAL);
	vlans_bad("0-x", -EINVAL);
	vlans_bad("5000x", -EINVAL);
	vlans_bad("none", -EINVAL);

	is_str(vlans_message("10,20-5000"),
	       "test_ether: invalid trunk '10,20-5000': VLAN 5000 is not in 1-4094\n",
	       "the VLAN out of range is named");
	is_str(vlans_message("0-3"),
	       "test_ether: invalid trunk '0-3': VLAN 0 is not in 1-4094\n",
	       "also at the start of a range");
	is_str(vlans_message("30-20"),
	       "test_ether: invalid trunk '30-20': range 30-20 is reversed\n",
	       "a reversed range");
	is_str(vlans_message("10;20"),
	       "test_ether: invalid trunk '10;20': unexpected ';' at offset 2\n",
	       "a stray character");
	is_str(vlans_message("0x10"),
	       "test_ether: invalid trunk '0x10': unexpected 'x' at offset 1\n",
	       "syntax before range");
	is_str(vlans_message("10,x"),
	       "test_ether: invalid trunk '10,x': expected a VLAN ID at offset 3\n",
	       "a missing VID");

	/* The longest list there is fits VLAN_LIST_STR_MAX exactly. */
	memset(map, 0, sizeof(map));
	for (v = VLAN_VID_MIN; v <= VLAN_VID_MAX; v++)
		if (v % 3)
			cpu_set(map, v);
	len = format_vlan_list(NULL, 0, map);
	is_int(len, VLAN_LIST_STR_MAX - 1, "the longest list's length");
	buf = malloc(len + 1);
	format_vlan_list(buf, len + 1, map);
	ok(!strncmp(buf, "1-2,4-5,", 8) &&
	   !strcmp(buf + len - 9, "4093-4094"), "and its text");
	ok(!parse_vlan_list(NULL, buf, map), "which parses back");
	free(buf);

	memset(map, 0, sizeof(map));
	is_int(format_vlan_list(NULL, 0, map), 0, "an empty map is ''");
}

int main(void)
{
	test_mac();
	test_vlans();
	return tap_done();
}
