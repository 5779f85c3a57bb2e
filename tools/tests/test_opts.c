// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for lib/opts.c: number and size parsing and the cpulist
 * parser, checked through format_cpulist() so each case reads as text.
 */
#define _GNU_SOURCE		/* open_memstream */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "lib/opts.h"
#include "tap.h"

#define NBITS	64

static void u32_ok(const char *arg, uint32_t min, uint32_t max, uint32_t exp)
{
	uint32_t v = 0;
	int ret = parse_u32(NULL, arg, min, max, &v);

	ok(!ret && v == exp, "u32 '%s' in [%u, %u] -> %u", arg, min, max, exp);
}

static void u32_bad(const char *arg, uint32_t min, uint32_t max, int exp)
{
	uint32_t v = 12345;
	int ret = parse_u32(NULL, arg, min, max, &v);

	ok(ret == exp && v == 12345, "u32 '%s' in [%u, %u] -> %s", arg, min,
	   max, exp == -EINVAL ? "EINVAL" : "ERANGE");
}

static void test_numbers(void)
{
	uint64_t v = 0;

	u32_ok("0", 0, UINT32_MAX, 0);
	u32_ok("42", 0, 100, 42);
	u32_ok("0x2a", 0, 100, 42);
	u32_ok("0X2A", 0, 100, 42);
	u32_ok("010", 0, 100, 10);	/* decimal, not octal */
	u32_ok("4294967295", 0, UINT32_MAX, UINT32_MAX);
	u32_ok("1", 1, 1, 1);
	u32_bad("4294967296", 0, UINT32_MAX, -ERANGE);
	u32_bad("0", 1, 100, -ERANGE);
	u32_bad("101", 1, 100, -ERANGE);
	u32_bad("", 0, 100, -EINVAL);
	u32_bad("-1", 0, 100, -EINVAL);
	u32_bad("+1", 0, 100, -EINVAL);
	u32_bad(" 1", 0, 100, -EINVAL);
	u32_bad("1 ", 0, 100, -EINVAL);
	u32_bad("12a", 0, 100, -EINVAL);
	u32_bad("0x", 0, 100, -EINVAL);
	u32_bad("0xg", 0, 100, -EINVAL);
	u32_bad("1.5", 0, 100, -EINVAL);

	ok(!parse_u64(NULL, "18446744073709551615", 0, UINT64_MAX, &v) &&
	   v == UINT64_MAX, "u64 max");
	ok(!parse_u64(NULL, "0xffffffffffffffff", 0, UINT64_MAX, &v) &&
	   v == UINT64_MAX, "u64 max in hex");
	is_int(parse_u64(NULL, "18446744073709551616", 0, UINT64_MAX, &v),
	       -ERANGE, "u64 max + 1 overflows");
	is_int(parse_u64(NULL, "0x10000000000000000", 0, UINT64_MAX, &v),
	       -ERANGE, "u64 hex overflow");
	is_int(parse_u64(NULL, "99999999999999999999999", 0, UINT64_MAX, &v),
	       -ERANGE, "u64 far overflow");
}

static void size_ok(const char *arg, uint64_t exp)
{
	uint64_t v = 0;
	int ret = parse_size(NULL, arg, &v);

	ok(!ret && v == exp, "size '%s' -> %llu", arg, (unsigned long long)exp);
	if (ret || v != exp)
		printf("#   got %d, %llu\n", ret, (unsigned long long)v);
}

static void size_bad(const char *arg, int exp)
{
	uint64_t v = 12345;
	int ret = parse_size(NULL, arg, &v);

	ok(ret == exp && v == 12345, "size '%s' -> %s", arg,
	   exp == -EINVAL ? "EINVAL" : "ERANGE");
	if (ret != exp)
		printf("#   got %d\n", ret);
}

static void test_size(void)
{
	size_ok("0", 0);
	size_ok("1000", 1000);
	size_ok("0K", 0);
	size_ok("1k", 1024);
	size_ok("1K", 1024);
	size_ok("512M", 512ULL << 20);
	size_ok("512m", 512ULL << 20);
	size_ok("64M", 64ULL << 20);
	size_ok("3G", 3ULL << 30);
	size_ok("2t", 2ULL << 40);
	size_ok("010M", 10ULL << 20);		/* decimal, not octal */
	size_ok("0x1000", 4096);
	size_ok("0x10M", 16ULL << 20);
	size_ok("0xB", 11);			/* a hex digit, not a suffix */
	size_ok("18446744073709551615", UINT64_MAX);
	size_ok("16777215T", 16777215ULL << 40);
	size_ok("17179869183G", 17179869183ULL << 30);

	size_bad("", -EINVAL);
	size_bad("M", -EINVAL);
	size_bad("-1", -EINVAL);
	size_bad("+1", -EINVAL);
	size_bad(" 1", -EINVAL);
	size_bad("1 ", -EINVAL);
	size_bad("1 M", -EINVAL);
	size_bad("1.5G", -EINVAL);
	size_bad("1MB", -EINVAL);
	size_bad("1MiB", -EINVAL);
	size_bad("1KK", -EINVAL);
	size_bad("1P", -EINVAL);
	size_bad("1b", -EINVAL);
	size_bad("12abc", -EINVAL);
	size_bad("0x", -EINVAL);
	size_bad("0xM", -EINVAL);
	size_bad("18446744073709551616", -ERANGE);
	size_bad("16777216T", -ERANGE);
	size_bad("17179869184G", -ERANGE);
	size_bad("0x40000000000000000K", -ERANGE);
	size_bad("99999999999999999999999M", -ERANGE);
}

/* Parse then format, so expectations are canonical cpulists. */
static void cpulist_ok(const char *arg, unsigned int nbits, const char *exp)
{
	unsigned long map[CPU_BITMAP_LONGS(128)];
	char buf[256];
	int ret;

	ret = parse_cpulist(NULL, arg, map, nbits);
	if (ret) {
		ok(0, "cpulist '%s' -> '%s' (got error %d)", arg, exp, ret);
		return;
	}
	format_cpulist(buf, sizeof(buf), map, nbits);
	is_str(buf, exp, "cpulist '%s' -> '%s'", arg, exp);
}

static void cpulist_bad(const char *arg, unsigned int nbits, int exp)
{
	unsigned long map[CPU_BITMAP_LONGS(128)];
	bool clear = true;
	size_t i;
	int ret;

	ret = parse_cpulist(NULL, arg, map, nbits);
	for (i = 0; i < CPU_BITMAP_LONGS(nbits); i++)
		clear &= !map[i];
	ok(ret == exp && clear, "cpulist '%s' (nbits %u) -> %s, mask cleared",
	   arg, nbits, exp == -EINVAL ? "EINVAL" : "ERANGE");
	if (ret != exp)
		printf("#   got %d\n", ret);
}

static void test_cpulist(void)
{
	cpulist_ok("0", NBITS, "0");
	cpulist_ok("0-3", NBITS, "0-3");
	cpulist_ok("1,3-5", NBITS, "1,3-5");
	cpulist_ok("2-3,5", NBITS, "2-3,5");
	cpulist_ok("5-5", NBITS, "5");
	cpulist_ok("3,1,2", NBITS, "1-3");
	cpulist_ok("0-3,2-5", NBITS, "0-5");
	cpulist_ok("007", NBITS, "7");
	cpulist_ok("63", NBITS, "63");
	cpulist_ok("60-67", 128, "60-67");		/* crosses a long */
	cpulist_ok("0-127", 128, "0-127");
	cpulist_ok("0-7:2/4", NBITS, "0-1,4-5");	/* bitmap_parselist stride */
	cpulist_ok("0-9:1/3", NBITS, "0,3,6,9");
	cpulist_ok("2-12:3/5", NBITS, "2-4,7-9,12");	/* last group clipped */
	cpulist_ok("0-3:4/4", NBITS, "0-3");
	cpulist_ok("0-3:1/100", NBITS, "0");

	cpulist_bad("", NBITS, -EINVAL);
	cpulist_bad("3-1", NBITS, -EINVAL);
	cpulist_bad("a", NBITS, -EINVAL);
	cpulist_bad("1,,2", NBITS, -EINVAL);
	cpulist_bad("1,", NBITS, -EINVAL);
	cpulist_bad(",1", NBITS, -EINVAL);
	cpulist_bad("1-", NBITS, -EINVAL);
	cpulist_bad("-1", NBITS, -EINVAL);
	cpulist_bad("1 2", NBITS, -EINVAL);
	cpulist_bad(" 1", NBITS, -EINVAL);
	cpulist_bad("1\n", NBITS, -EINVAL);
	cpulist_bad("1-2-3", NBITS, -EINVAL);
	cpulist_bad("0x1", NBITS, -EINVAL);
	cpulist_bad("3:1/2", NBITS, -EINVAL);		/* stride needs a range */
	cpulist_bad("0-7:2", NBITS, -EINVAL);
	cpulist_bad("0-7:2/", NBITS, -EINVAL);
	cpulist_bad("0-7:/4", NBITS, -EINVAL);
	cpulist_bad("0-7:0/4", NBITS, -EINVAL);
	cpulist_bad("0-7:5/4", NBITS, -EINVAL);
	cpulist_bad("0-7:1/0", NBITS, -EINVAL);
	cpulist_bad("8", 8, -ERANGE);
	cpulist_bad("0-8", 8, -ERANGE);
	cpulist_bad("1,64", NBITS, -ERANGE);
	cpulist_bad("0", 0, -ERANGE);
	cpulist_bad("99999999999999999999999", NBITS, -ERANGE);
}

static void test_format(void)
{
	unsigned long map[CPU_BITMAP_LONGS(NBITS)] = { 0 };
	char buf[8];
	int n;

	is_int(format_cpulist(buf, sizeof(buf), map, NBITS), 0,
	       "format empty mask: length 0");
	is_str(buf, "", "format empty mask: empty string");

	parse_cpulist(NULL, "0-3,10,20-21", map, NBITS);
	n = format_cpulist(buf, sizeof(buf), map, NBITS);
	is_int(n, 12, "format returns the full length when truncated");
	is_str(buf, "0-3,10,", "format truncates like snprintf");
	is_int(format_cpulist(NULL, 0, map, NBITS), 12, "format sizing call");
}

/* The message is the point of passing @what; check it reads well. */
static void test_message(void)
{
	unsigned long map[CPU_BITMAP_LONGS(NBITS)];
	FILE *saved = stderr, *mem;
	char *buf = NULL, *line;
	uint64_t size;
	size_t len;

	mem = open_memstream(&buf, &len);
	if (!mem) {
		tap_skip("open_memstream failed");
		return;
	}
	stderr = mem;
	parse_cpulist("CPU list", "0-3,9", map, 8);
	stderr = saved;
	fclose(mem);
	ok(buf && strstr(buf, "invalid CPU list '0-3,9': CPU numbers must be below 8"),
	   "error names the argument and the reason");
	if (buf)
		printf("#   %s", buf);
	free(buf);

	buf = NULL;
	mem = open_memstream(&buf, &len);
	if (!mem) {
		tap_skip("open_memstream failed");
		return;
	}
	stderr = mem;
	parse_size("memory size", "12X", &size);
	parse_size("memory size", "20000000T", &size);
	stderr = saved;
	fclose(mem);
	ok(buf && strstr(buf, "invalid memory size '12X': expected a number"),
	   "size error names the argument");
	ok(buf && strstr(buf, "with an optional K, M, G or T suffix\n"),
	   "size error says what a size looks like");
	ok(buf && strstr(buf, "'20000000T': more than 18446744073709551615 bytes\n"),
	   "size overflow says the limit");
	for (line = buf ? strtok(buf, "\n") : NULL; line;
	     line = strtok(NULL, "\n"))
		printf("#   %s\n", line);
	free(buf);
}

int main(void)
{
	test_numbers();
	test_size();
	test_cpulist();
	test_format();
	test_message();
	return tap_done();
}
