// SPDX-License-Identifier: GPL-2.0
/*
 * How values are spelled in the output: the names of the uapi enums,
 * the same words sysfs uses, and byte counts for people.
 */
#include "lparctl.h"

static const char * const mode_names[] = {
	[LPAR_MODE_DEDICATED]		= "dedicated",
	[LPAR_MODE_SHARED]		= "shared",
};

static const char * const state_names[] = {
	[LPAR_STATE_DEFINED]		= "defined",
	[LPAR_STATE_ACTIVE]		= "active",
	[LPAR_STATE_DEGRADED]		= "degraded",
	[LPAR_STATE_FAILED]		= "failed",
};

static const char * const event_names[] = {
	[LPAR_EVENT_SLICE_NEW]		= "slice-new",
	[LPAR_EVENT_SLICE_DEL]		= "slice-del",
	[LPAR_EVENT_SLICE_CHANGE]	= "slice-change",
	[LPAR_EVENT_CPU_OFFLINE]	= "cpu-offline",
	[LPAR_EVENT_CPU_ONLINE]		= "cpu-online",
};

/* NULL for a value this lparctl doesn't know: a newer module's. */
static const char *lookup(const char * const *names, size_t n, uint32_t v)
{
	return v < n ? names[v] : NULL;
}

const char *mode_name(uint32_t mode)
{
	return lookup(mode_names, ARRAY_SIZE(mode_names), mode);
}

const char *state_name(uint32_t state)
{
	return lookup(state_names, ARRAY_SIZE(state_names), state);
}

const char *event_name(uint32_t event)
{
	return lookup(event_names, ARRAY_SIZE(event_names), event);
}

/* "536870912 (512.0 MiB)"; below 1 KiB just the number. */
void print_bytes(FILE *f, uint64_t bytes)
{
	static const char * const units[] = {
		"KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
	};
	unsigned int i = 0;

	fprintf(f, "%llu", (unsigned long long)bytes);
	if (bytes < 1024)
		return;
	while (i + 1 < ARRAY_SIZE(units) && bytes >> (10 * (i + 2)))
		i++;
	fprintf(f, " (%.1f %s)", (double)bytes / (double)(1ULL << (10 * (i + 1))),
		units[i]);
}
