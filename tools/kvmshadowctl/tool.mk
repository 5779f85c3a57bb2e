# SPDX-License-Identifier: GPL-2.0
#
# kvmshadowctl: the command-line tool of kvm-shadow's kvm_intel.
#
# <linux/kvm_shadow.h> must be this tree's uapi header: -I directories
# are searched before the system ones, so ../uapi wins over /usr/include.

kvmshadowctl-cflags	:= -I../uapi

# Its unit test builds its source too.
build/san/tests/test_kvmshadowctl.o: SAN_CFLAGS += -I../uapi
