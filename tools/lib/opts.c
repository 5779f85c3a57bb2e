// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line value parsing; see opts.h.
 *
 * Hand-rolled rather than strtoull(): that accepts leading space, a
 * sign ("-1" wraps to UINT64_MAX) and octal, none of which a user typing
 * a weight or a CPU number means.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compiler.h"
#include "opts.h"

static void __printf(3, 4)
opt_err(const char *what, const char *arg, const char *fmt, ...)
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

static int digit(char c, unsigned int base)
{
	if (c >= '0' && c <= '9')
		return c - '0' < (int)base ? c - '0' : -1;
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Consume digits at *pp; -EINVAL if there are none, -ERANGE on overflow. */
static int getnum(const char **pp, unsigned int base, uint64_t *v)
{
	const char *p = *pp;
	bool overflow = false;
	int d;

	*v = 0;
	if (digit(*p, base) < 0)
		return -EINVAL;
	for (; (d = digit(*p, base)) >= 0; p++) {
		if (*v > (UINT64_MAX - d) / base)
			overflow = true;
		*v = *v * base + d;
	}
	*pp = p;
	return overflow ? -ERANGE : 0;
}

/* A decimal number, or hex after 0x; *base says which was read. */
static int getnum_prefixed(const char **pp, unsigned int *base, uint64_t *v)
{
	*base = 10;
	if ((*pp)[0] == '0' && ((*pp)[1] == 'x' || (*pp)[1] == 'X')) {
		*base = 16;
		*pp += 2;
	}
	return getnum(pp, *base, v);
}

int parse_u64(const char *what, const char *arg, uint64_t min, uint64_t max,
	      uint64_t *out)
{
	const char *p = arg;
	unsigned int base;
	uint64_t v;
	int ret;

	ret = getnum_prefixed(&p, &base, &v);
	if (ret == -EINVAL || *p) {
		opt_err(what, arg, "not a%s number", base == 16 ? " hex" : "");
		return -EINVAL;
	}
	if (ret == -ERANGE || v < min || v > max) {
		opt_err(what, arg, "must be between %llu and %llu",
			(unsigned long long)min, (unsigned long long)max);
		return -ERANGE;
	}
	*out = v;
	return 0;
}

int parse_u32(const char *what, const char *arg, uint32_t min, uint32_t max,
	      uint32_t *out)
{
	uint64_t v;
	int ret;

	ret = parse_u64(what, arg, min, max, &v);
	if (!ret)
		*out = v;
	return ret;
}

/* log2 of the multiplier a size suffix stands for, 0 if @c is none. */
static unsigned int size_shift(char c)
{
	switch (c) {
	case 'k':
	case 'K':
		return 10;
	case 'm':
	case 'M':
		return 20;
	case 'g':
	case 'G':
		return 30;
	case 't':
	case 'T':
		return 40;
	}
	return 0;
}

int parse_size(const char *what, const char *arg, uint64_t *out)
{
	const char *p = arg;
	unsigned int base, shift;
	uint64_t v;
	int ret;

	ret = getnum_prefixed(&p, &base, &v);
	shift = ret == -EINVAL ? 0 : size_shift(*p);
	if (shift)
		p++;
	if (ret == -EINVAL || *p) {
		opt_err(what, arg,
			"expected a number of bytes with an optional K, M, G or T suffix");
		return -EINVAL;
	}
	if (ret == -ERANGE || v > UINT64_MAX >> shift) {
		opt_err(what, arg, "more than %llu bytes",
			(unsigned long long)UINT64_MAX);
		return -ERANGE;
	}
	*out = v << shift;
	return 0;
}

/* One group: N, N-M or N-M:used/group. */
static int cpulist_group(const char *what, const char *arg, const char **pp,
			 unsigned long *map, unsigned int nbits)
{
	uint64_t start, end, used = 1, group = 1, cpu, i;
	const char *p = *pp;
	int ret;

	ret = getnum(&p, 10, &start);
	end = start;
	if (!ret && *p == '-') {
		p++;
		ret = getnum(&p, 10, &end);
		if (!ret && *p == ':') {
			p++;
			ret = getnum(&p, 10, &used);
			if (!ret && *p != '/') {
				opt_err(what, arg, "expected '/' at offset %td",
					p - arg);
				return -EINVAL;
			}
			if (!ret) {
				p++;
				ret = getnum(&p, 10, &group);
			}
		}
	}
	if (ret == -EINVAL) {
		opt_err(what, arg, "expected a number at offset %td", p - arg);
		return -EINVAL;
	}
	if (ret == -ERANGE)
		goto range;
	if (start > end) {
		opt_err(what, arg, "range %" PRIu64 "-%" PRIu64 " is reversed",
			start, end);
		return -EINVAL;
	}
	if (!used || used > group) {
		opt_err(what, arg, "bad stride %" PRIu64 "/%" PRIu64
			": need 0 < used <= group", used, group);
		return -EINVAL;
	}
	if (end >= nbits)
		goto range;

	/* As bitmap_parselist(): the first @used CPUs of every @group. */
	for (cpu = start; cpu <= end; cpu += group)
		for (i = 0; i < used && cpu + i <= end; i++)
			cpu_set(map, cpu + i);
	*pp = p;
	return 0;

range:
	opt_err(what, arg, "CPU numbers must be below %u", nbits);
	return -ERANGE;
}

int parse_cpulist(const char *what, const char *arg, unsigned long *map,
		  unsigned int nbits)
{
	size_t bytes = CPU_BITMAP_LONGS(nbits) * sizeof(*map);
	const char *p = arg;
	int ret;

	memset(map, 0, bytes);
	if (!*p) {
		opt_err(what, arg, "empty CPU list");
		return -EINVAL;
	}
	for (;;) {
		ret = cpulist_group(what, arg, &p, map, nbits);
		if (ret)
			break;
		if (!*p)
			return 0;
		if (*p != ',') {
			opt_err(what, arg, "unexpected '%c' at offset %td",
				*p, p - arg);
			ret = -EINVAL;
			break;
		}
		p++;
	}
	/* Don't leave a half-parsed mask behind. */
	memset(map, 0, bytes);
	return ret;
}

int format_cpulist(char *buf, size_t size, const unsigned long *map,
		   unsigned int nbits)
{
	unsigned int cpu, end;
	size_t len = 0;
	int n;

	if (size)
		buf[0] = '\0';
	for (cpu = 0; cpu < nbits; cpu = end + 1) {
		if (!cpu_test(map, cpu)) {
			end = cpu;
			continue;
		}
		for (end = cpu; end + 1 < nbits && cpu_test(map, end + 1); end++)
			;
		if (end == cpu)
			n = snprintf(len < size ? buf + len : NULL,
				     len < size ? size - len : 0,
				     "%s%u", len ? "," : "", cpu);
		else
			n = snprintf(len < size ? buf + len : NULL,
				     len < size ? size - len : 0,
				     "%s%u-%u", len ? "," : "", cpu, end);
		if (n < 0)
			return n;
		len += n;
	}
	return len;
}
