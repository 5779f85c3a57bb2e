/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's spelling of a few compiler attributes and helpers, so the
 * tools read like the modules they drive (as tools/include/linux/ does in
 * the kernel tree).
 */
#ifndef TOOLS_LIB_COMPILER_H
#define TOOLS_LIB_COMPILER_H

#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __maybe_unused		__attribute__((unused))
#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))
#define BIT(nr)			(1UL << (nr))

#endif /* TOOLS_LIB_COMPILER_H */
