/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line value parsing shared by the tools.
 *
 * Parsers return 0 or a negative errno: -EINVAL for malformed input,
 * -ERANGE for well-formed input out of range.  If @what is not NULL
 * they also print "<prog>: invalid <what> '<arg>': <reason>" to stderr,
 * since only the parser knows the reason; pass NULL to stay quiet.
 */
#ifndef TOOLS_LIB_OPTS_H
#define TOOLS_LIB_OPTS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decimal, or hex with 0x; no sign, no spaces, no octal surprises. */
int parse_u64(const char *what, const char *arg, uint64_t min, uint64_t max,
	      uint64_t *out);
int parse_u32(const char *what, const char *arg, uint32_t min, uint32_t max,
	      uint32_t *out);

/*
 * A size in bytes: a number as parse_u64() takes it, optionally followed
 * by one of the binary (1024-based) suffixes K, M, G or T, in either
 * case: "4096", "512M", "0x1000", "2g".  Nothing else may follow.
 */
int parse_size(const char *what, const char *arg, uint64_t *out);

#define CPU_BITS_PER_LONG	(sizeof(unsigned long) * CHAR_BIT)
#define CPU_BITMAP_LONGS(n)	(((n) + CPU_BITS_PER_LONG - 1) / CPU_BITS_PER_LONG)

static inline bool cpu_test(const unsigned long *map, unsigned int cpu)
{
	return map[cpu / CPU_BITS_PER_LONG] >> (cpu % CPU_BITS_PER_LONG) & 1;
}

static inline void cpu_set(unsigned long *map, unsigned int cpu)
{
	map[cpu / CPU_BITS_PER_LONG] |= 1UL << (cpu % CPU_BITS_PER_LONG);
}

/*
 * Parse a Linux cpulist ("0-3,8,10-15:2/4", as bitmap_parselist()) into
 * @map of CPU_BITMAP_LONGS(@nbits) longs.  Every CPU must be < @nbits.
 * Unlike the kernel we reject the empty list: a tool asked for CPUs.
 */
int parse_cpulist(const char *what, const char *arg, unsigned long *map,
		  unsigned int nbits);

/*
 * Format @map as a canonical cpulist ("0-3,8"; "" if empty), the form
 * /sys uses.  Returns the length needed, like snprintf.
 */
int format_cpulist(char *buf, size_t size, const unsigned long *map,
		   unsigned int nbits);

#endif /* TOOLS_LIB_OPTS_H */
