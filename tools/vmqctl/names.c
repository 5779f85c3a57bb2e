// SPDX-License-Identifier: GPL-2.0
/*
 * How the uapi enums are spelled, on the command line and in the output
 * alike, and the names of the events.
 */
#include <string.h>

#include "vmqctl.h"

static const char * const binding_names[] = {
	[VMQ_BINDING_SW]		= "sw",
	[VMQ_BINDING_HW_POOL]		= "hw-pool",
	[VMQ_BINDING_HW_FLOW]		= "hw-flow",
	[VMQ_BINDING_DEFAULT]		= "default",
};

static const char * const unknown_unicast_names[] = {
	[VMQ_UNKNOWN_UNICAST_HOST]	= "host",
	[VMQ_UNKNOWN_UNICAST_FLOOD]	= "flood",
	[VMQ_UNKNOWN_UNICAST_DROP]	= "drop",
};

/* The notifications; the commands that are only requests have none. */
static const char * const event_names[] = {
	[VMQ_CMD_SWITCH_NEW]		= "switch-new",
	[VMQ_CMD_SWITCH_DEL]		= "switch-del",
	[VMQ_CMD_SWITCH_CHANGE]		= "switch-change",
	[VMQ_CMD_PORT_NEW]		= "port-new",
	[VMQ_CMD_PORT_DEL]		= "port-del",
	[VMQ_CMD_PORT_CHANGE]		= "port-change",
};

/* NULL for a value this vmqctl doesn't know: a newer module's. */
static const char *lookup(const char * const *names, size_t n, uint32_t v)
{
	return v < n ? names[v] : NULL;
}

const char *binding_name(uint32_t binding)
{
	return lookup(binding_names, ARRAY_SIZE(binding_names), binding);
}

const char *unknown_unicast_name(uint32_t policy)
{
	return lookup(unknown_unicast_names, ARRAY_SIZE(unknown_unicast_names),
		      policy);
}

bool unknown_unicast_value(const char *name, uint32_t *policy)
{
	uint32_t v;

	for (v = 0; v < ARRAY_SIZE(unknown_unicast_names); v++) {
		if (!strcmp(unknown_unicast_names[v], name)) {
			*policy = v;
			return true;
		}
	}
	return false;
}

const char *event_name(uint8_t cmd)
{
	return lookup(event_names, ARRAY_SIZE(event_names), cmd);
}
